"""Prefect's temporary server, started once per command and as early as the command knows a
flow will run.

Without PREFECT_API_URL, Prefect starts a temporary API server the moment a flow first talks
to it: a subprocess that imports the server and, on an empty PREFECT_HOME, runs its
migrations (3 s warm, 9 s fresh on this 2-core machine). Left to Prefect, that wait comes
after the command has imported the flow and its stages; started here, in the background, it
overlaps them. The server is Prefect's own (`SubprocessASGIServer`, a per-process singleton):
the flow's client finds it running and uses it, and Prefect stops it at exit.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable

# Great Expectations' import is most of the validate stage's fixed cost: worth overlapping.
VALIDATOR = "great_expectations"


def start_orchestrator(*warm_modules: str) -> Callable[[], None]:
    """Start the temporary server in the background (when no API URL is configured), import
    `warm_modules` meanwhile, and return `ready()`: call it before the flow, it waits for the
    server."""
    from prefect.settings import PREFECT_API_URL

    thread = None
    if not PREFECT_API_URL.value():
        from prefect.server.api.server import SubprocessASGIServer

        server = SubprocessASGIServer()
        thread = threading.Thread(target=_start, args=(server,), daemon=True)
        thread.start()
    for module in warm_modules:  # the main thread's work while the server starts
        importlib.import_module(module)

    def ready() -> None:
        if thread is not None:
            thread.join()

    return ready


def _start(server) -> None:
    try:
        server.start()
    except Exception:  # noqa: BLE001 - Prefect starts it again, and reports, when the flow runs
        pass
