"""What a command shows on the screen, and the run log that keeps the rest.

A run's details (every quarantined row, every table's changes, Prefect's and Great
Expectations' own notices, Dask's worker lines) go to `<out>/mekar.log`; the screen keeps the
stages ([1/5] ... [5/5]), what went wrong, and the command's closing summary, which already
counts and names what the details hold. `mekar --debug` shows everything as it happens.
"""

from __future__ import annotations

import logging
from pathlib import Path

# Lines the closing summary repeats (counted and grouped): on the screen once, not twice.
SUMMARISED = (
    "Karantina:",
    "Catatan:",
    "Peringatan:",
    "Sumber gagal:",
    "Tidak dibaca:",
    "OPD tanpa alamat email",
)
# Prefect's own words about a failed task or flow: the command's one "Gagal:" line says it.
ENGINE = ("Task run failed with exception", "Finished in state", "Encountered exception")
RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


class QuietConsole(logging.Filter):
    """On the console handlers: the stages, the waits and what went wrong from mekar's own
    tasks; errors from anything else; nothing of the libraries' chatter."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if not record.name.startswith(RUN_LOGGERS):
            return record.levelno >= logging.ERROR
        if message.startswith(ENGINE):
            return False
        if record.levelno >= logging.WARNING:
            return not message.startswith(SUMMARISED)
        return message.startswith(("[", "Menunggu"))


class _NoTracebacks(logging.Formatter):
    """Tracebacks are written once, by mekar.console (with their pointer on the screen)."""

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        return ""

    def format(self, record: logging.LogRecord) -> str:
        from mekar.secrets import mask_secrets

        saved = record.exc_text
        record.exc_text = ""
        try:
            return mask_secrets(super().format(record).rstrip())
        finally:
            record.exc_text = saved


class RunLog(logging.FileHandler):
    """Every record of the run, INFO and up, appended to `<out>/mekar.log`."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(path, encoding="utf-8", delay=True)
        self.setLevel(logging.INFO)
        self.setFormatter(
            _NoTracebacks("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")
        )

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        # A run log that cannot be written (its folder removed, a full disk) must not print
        # logging's own traceback into the run, nor stop it: the screen still says it all.
        pass


def install(path: Path, console_handlers: list[logging.Handler]) -> None:
    """The run log on the root logger (once per path), the quiet filter on the consoles."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RunLog) and Path(handler.baseFilename) != path.resolve():
            root.removeHandler(handler)  # a second command in the same process (tests)
            handler.close()
    if not any(isinstance(h, RunLog) for h in root.handlers):
        root.addHandler(RunLog(path))
    # The run loggers' INFO must reach the root's handlers (Prefect sets their level).
    for name in ("prefect", *RUN_LOGGERS):
        if logging.getLogger(name).getEffectiveLevel() > logging.INFO:
            logging.getLogger(name).setLevel(logging.INFO)
    for handler in console_handlers:
        if not any(isinstance(f, QuietConsole) for f in handler.filters):
            handler.addFilter(QuietConsole())
