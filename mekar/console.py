"""What a person at the terminal sees when something goes wrong: one Indonesian line and an
exit code, never a Python traceback. Tracebacks go to a log file (or to the screen with
`mekar --debug ...`), where whoever maintains mekar can read them."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

try:  # Typer (0.2x) carries its own copy of Click; its exceptions are that copy's
    from typer import _click as click
except ImportError:  # pragma: no cover - an older Typer on plain Click
    import click

import typer

LOG_FILE_ENV = "MEKAR_LOG_FILE"
DEFAULT_LOG_FILE = Path("out") / "mekar.log"
debug = False  # `mekar --debug ...`: tracebacks on the screen as they happen


_log_path: Path | None = None  # this command's log file, once its --out is known


def log_file() -> Path:
    """MEKAR_LOG_FILE when the operator set it, else <out>/mekar.log of this command."""
    return Path(os.environ.get(LOG_FILE_ENV) or _log_path or DEFAULT_LOG_FILE)


def user_log_file() -> Path:
    """Where the log goes when the command's own folder cannot be written: a folder of this
    user's (XDG state), never a shared one such as /tmp, where other users could read the
    command lines and tracebacks."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "mekar" / "mekar.log"


def _out_from_argv() -> Path | None:
    """The command's --out folder, read before Typer parses it: an error raised while the
    command is still being set up then lands in the same log as the flow's."""
    value = _argv_value("--out")
    # `--out x.csv` of an export names a file, not a report folder: the default stays.
    return None if value is None or Path(value).suffix else Path(value)


def write_traceback(text: str) -> Path | None:
    """Append a traceback to the log file; None when even that is impossible (read-only
    disk): the person still gets the one-line message. Passwords are masked in all of it:
    the command line and the traceback may both quote a warehouse URL."""
    from mekar.secrets import mask_secrets

    stamp = f"--- {datetime.now().isoformat(timespec='seconds')} {sys.argv!r}\n"
    entry = mask_secrets(stamp + text.rstrip() + "\n")
    for path in (log_file(), user_log_file()):
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(entry)
            return path
        except OSError:
            continue
    return None


class TracebacksToLogFile(logging.Filter):
    """On the console handler: a log record's traceback goes to the log file, the console
    keeps the message with a pointer. Runs after Prefect's API handler (that one sits on the
    flow-run logger, the console on the root), so the Prefect UI still shows the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        from mekar.errors import MekarError
        from mekar.secrets import mask_secrets

        if "://" in str(record.msg) or record.args:  # a URL in a message: never its password
            message = mask_secrets(record.getMessage())
            record.msg, record.args = message, None

        if record.exc_info and isinstance(record.exc_info[1], MekarError):
            # A message meant for a person (a busy lock, a refused input): no traceback at all.
            record.exc_info = None
            record.exc_text = None
            return True
        if record.exc_info or record.exc_text:
            text = record.exc_text or "".join(traceback.format_exception(*record.exc_info))
            where = write_traceback(f"{record.getMessage()}\n{text}")
            record.msg = f"{record.getMessage()} (rincian teknis di {where or 'log'})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def route_tracebacks_to_file(out_dir: Path) -> None:
    """Tracebacks of this command go to `<out>/mekar.log`; installs the filter on every
    console handler Prefect set up (root and uvicorn). Not with --debug."""
    global _log_path
    _log_path = Path(out_dir) / "mekar.log"
    if debug:
        return
    import prefect.main  # noqa: F401  (Prefect configures its logging there, lazily otherwise)

    loggers = [logging.getLogger(), logging.getLogger("prefect"), logging.getLogger("uvicorn")]
    consoles: list[logging.Handler] = []
    for logger in loggers:
        for handler in logger.handlers:
            if not isinstance(handler, logging.StreamHandler) or isinstance(
                handler, logging.FileHandler
            ):
                continue  # the run log (mekar.runlog) is a file, not a console
            # The console of this command (a test runner swaps sys.stderr per command).
            if handler.stream in (sys.__stderr__, None) or getattr(handler.stream, "closed", False):
                handler.stream = sys.stderr  # not setStream(): it flushes the old, closed one
                if hasattr(handler, "console"):  # Prefect's rich console handler
                    handler.console.file = sys.stderr
            if not any(isinstance(f, TracebacksToLogFile) for f in handler.filters):
                handler.addFilter(TracebacksToLogFile())
            consoles.append(handler)
    from mekar import runlog

    runlog.install(log_file(), consoles)  # after the traceback filter: it writes them first


def _param_name(error) -> str:
    param = getattr(error, "param", None)
    opts = getattr(param, "opts", None) if param is not None else None
    if opts:
        return "/".join(opts)
    return getattr(error, "param_hint", None) or "nilai"


def _choices(text: str) -> str | None:
    """The choices Typer lists in its English message ('is not one of 'a', 'b'.' or
    'Choose from: a, b')."""
    for marker in ("is not one of", "Choose from:"):
        if marker in text:
            tail = text.split(marker, 1)[1]
            names = [n.strip(" '.\t\n") for n in tail.replace("\n", ",").split(",")]
            return " | ".join(n for n in names if n)
    return None


def usage_message(error) -> str:
    """Click's (Typer's) English usage errors, said in Indonesian."""
    text = error.format_message()
    name = _param_name(error)
    if isinstance(error, click.exceptions.NoSuchOption):
        hint = ""
        if error.possibilities:
            hint = f" (maksudnya {', '.join(sorted(error.possibilities))}?)"
        return f"opsi tidak dikenal: {error.option_name}{hint}"
    if isinstance(error, click.exceptions.MissingParameter):
        choices = _choices(text)
        return f"{name} wajib diisi" + (f" ({choices})" if choices else "")
    if isinstance(error, click.exceptions.BadParameter):
        if choices := _choices(text):
            return f"nilai {name} tidak dikenal; pilihan: {choices}"
        if "valid integer" in text:
            return f"{name} harus bilangan bulat, mis. 2023"
        if "valid number" in text:
            return f"{name} harus angka, mis. 1 atau 0.5"
        return f"nilai {name} tidak sah"
    if isinstance(error, click.exceptions.BadOptionUsage) and "requires an argument" in text:
        return f"opsi {error.option_name} perlu nilai"
    if text.startswith("No such command"):
        command = text.split("'")[1] if "'" in text else text
        return f"perintah tidak dikenal: '{command}'"
    if text.startswith("Got unexpected extra argument"):
        extra = text.rsplit("(", 1)[-1].rstrip(")")
        return f"ada argumen berlebih: {extra} (nilai dengan spasi perlu tanda kutip)"
    return "perintah tidak lengkap atau salah"


def run(app) -> int:
    """The console entry point: the Typer app, with usage errors in Indonesian and any
    unexpected error as one line (its traceback in the log file)."""
    global debug, _log_path
    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv.remove("--debug")
    if out := _out_from_argv():
        _log_path = out / "mekar.log"
    from typer.exceptions import Abort, Exit

    try:
        code = app(standalone_mode=False)
    except Exit as done:
        return done.exit_code
    except Abort:
        typer.secho("Dibatalkan.", err=True)
        return 1
    except click.exceptions.NoArgsIsHelpError:
        return 0  # the help was printed: `mekar` alone, `mekar run`
    except click.exceptions.UsageError as error:
        command = error.ctx.command_path if error.ctx else "mekar"
        typer.secho(f"Gagal: {usage_message(error)}. Lihat '{command} --help'.", fg="red", err=True)
        return 2
    except KeyboardInterrupt:
        typer.secho("Dihentikan (Ctrl+C).", err=True)
        return 130
    except Exception as error:
        known = _known_mistake(error)
        if known is None or debug:
            return _unexpected(error)
        typer.secho(f"Gagal: {known}", fg="red", err=True)
        return 1
    return code if isinstance(code, int) else 0


def _known_mistake(error: Exception) -> str | None:
    """Mistakes of setting-up, not bugs: said in one line with what to do."""
    import tomllib

    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from mekar.config import config_file
    from mekar.errors import MekarError

    if isinstance(error, MekarError):  # raised by Settings() outside a command's own handler
        return str(error)
    where = f"{config_file()} atau variabel MEKAR_*"
    if isinstance(error, tomllib.TOMLDecodeError):
        return f"{config_file()} tidak terbaca ({error}); periksa penulisannya (format TOML)."
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or "?"
        return f"pengaturan '{field}' tidak sah ({first.get('msg')}); periksa {where}."
    if isinstance(error, SettingsError):
        return f"pengaturan tidak terbaca ({error}); periksa {where} (daftar ditulis sebagai JSON, mis. '[\"a@x.go.id\"]')."
    if full := disk_full_message(error):
        return full
    if isinstance(error, OSError) and error.strerror:
        target = f": {error.filename}" if error.filename else ""
        return f"{error.strerror}{target}. Periksa folder/berkas itu dan izinnya."
    unreachable = str(error).startswith("Failed to reach API at")
    if unreachable or type(error).__name__ in ("ConnectError", "ConnectTimeout"):
        return (
            "server Prefect tidak dapat dihubungi; periksa PREFECT_API_URL (kosongkan untuk "
            "memakai server sementara)."
        )
    return None


def _argv_value(option: str) -> str | None:
    argv = sys.argv[1:]
    for position, word in enumerate(argv):
        if word == option and position + 1 < len(argv):
            return argv[position + 1]
        if word.startswith(option + "="):
            return word.split("=", 1)[1]
    return None


def _sqlite_file() -> Path | None:
    """The SQLite warehouse file of this command (--warehouse, else the settings)."""
    from mekar.warehouse.db import sqlite_file

    url = (
        _argv_value("--warehouse") or os.environ.get("MEKAR_WAREHOUSE_URL") or "sqlite:///mekar.db"
    )
    try:
        path = sqlite_file(url)
    except Exception:  # an unreadable URL: said by the command's own check
        return None
    return path.resolve() if path else None


def _free(folder: Path) -> str:
    """Free space on the disk holding `folder` (or its nearest existing parent)."""
    import shutil

    from babel.numbers import format_decimal

    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return "tidak terbaca"
    return f"{format_decimal(round(free / 2**20, 1), locale='id_ID')} MB"


def disk_full_message(error: BaseException) -> str | None:
    """A full disk, named: which folder or warehouse file filled up and what is left. Python
    says only "No space left on device" (a write() error carries no file name), so the
    folders this command writes are named instead."""
    import errno

    text = str(getattr(error, "orig", None) or error)
    if "database or disk is full" in text:  # SQLite: the warehouse file's disk
        where = _sqlite_file()
        name = str(where) if where else "berkas gudang data"
        room = f" (sisa {_free(where.parent)})" if where else ""
        return (
            f"gudang data {name} tidak dapat ditulis: disk tempat berkas itu penuh{room}. "
            "Kosongkan ruang disk atau pindahkan berkasnya, lalu jalankan lagi; isi gudang data "
            "tetap seperti run terakhir yang berhasil."
        )
    if getattr(getattr(error, "orig", None), "sqlstate", None) == "53100":
        return (
            "server PostgreSQL kehabisan ruang disk (DiskFull): minta pengelola server "
            "mengosongkan ruang, lalu jalankan lagi; isi gudang data tetap seperti run terakhir "
            "yang berhasil."
        )
    if not isinstance(error, OSError) or error.errno not in (errno.ENOSPC, errno.EDQUOT):
        return None
    if error.filename:
        folder = Path(error.filename).resolve().parent
    else:
        folder = (_log_path or DEFAULT_LOG_FILE).resolve().parent
    return (
        f"disk penuh: tidak ada ruang tersisa untuk menulis di {folder} (sisa {_free(folder)}). "
        "Kosongkan ruang disk atau pilih folder lain dengan --out, lalu jalankan lagi."
    )


def _unexpected(error: Exception) -> int:
    """The last line of defence: a bug is one line on the screen, its traceback in the log."""
    if debug:
        raise error
    where = write_traceback("".join(traceback.format_exception(error)))
    typer.secho(
        f"Gagal: kesalahan tak terduga ({type(error).__name__}). "
        f"Rincian teknis di {where or 'log'}; kirimkan berkas itu ke pengelola mekar, "
        "atau jalankan lagi dengan --debug.",
        fg="red",
        err=True,
    )
    return 1
