"""What a person at the terminal sees when something goes wrong: one Indonesian line and an
exit code, never a Python traceback. Tracebacks go to a log file (or to the screen with
`mekar --debug ...`), where whoever maintains mekar can read them."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
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


def write_traceback(text: str) -> Path | None:
    """Append a traceback to the log file; None when even that is impossible (read-only
    disk): the person still gets the one-line message."""
    stamp = f"--- {datetime.now().isoformat(timespec='seconds')} {sys.argv!r}\n"
    # The command's own log first; if its folder cannot be written, the temp folder.
    for path in (log_file(), Path(tempfile.gettempdir()) / "mekar.log"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(stamp + text.rstrip() + "\n")
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
    for logger in loggers:
        for handler in logger.handlers:
            if not isinstance(handler, logging.StreamHandler):
                continue
            # The console of this command (a test runner swaps sys.stderr per command).
            if handler.stream in (sys.__stderr__, None) or getattr(handler.stream, "closed", False):
                handler.stream = sys.stderr  # not setStream(): it flushes the old, closed one
                if hasattr(handler, "console"):  # Prefect's rich console handler
                    handler.console.file = sys.stderr
            if not any(isinstance(f, TracebacksToLogFile) for f in handler.filters):
                handler.addFilter(TracebacksToLogFile())


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
    global debug
    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv.remove("--debug")
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

    where = "mekar.toml atau variabel MEKAR_*"
    if isinstance(error, tomllib.TOMLDecodeError):
        return f"mekar.toml tidak terbaca ({error}); periksa penulisannya (format TOML)."
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or "?"
        return f"pengaturan '{field}' tidak sah ({first.get('msg')}); periksa {where}."
    if isinstance(error, SettingsError):
        return f"pengaturan tidak terbaca ({error}); periksa {where} (daftar ditulis sebagai JSON, mis. '[\"a@x.go.id\"]')."
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
