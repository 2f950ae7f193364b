"""SheetsApiServer: the server's lifecycle, request log, fault injection and answers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tooling.sheets_api.a1 import resolve_range
from tooling.sheets_api.answers import Answer, ApiError, json_answer, not_found
from tooling.sheets_api.faults import FAULTS, Fault, fault_answer
from tooling.sheets_api.handler import Handler, QuietHTTPServer
from tooling.sheets_api.metadata import metadata
from tooling.sheets_api.routing import KINDS, route
from tooling.sheets_api.values import (
    DATETIME_OPTIONS,
    DIMENSIONS,
    LONG_DIGITS,
    RENDER_OPTIONS,
    enum_option,
    sheets_number,
    value_range,
)
from tooling.sheets_api.workbook import (
    SPREADSHEET_NAMES,
    Sheet,
    drive_file,
    load_sheets,
    present,
)


@dataclass
class Request:
    """One request as received; `path` is percent-decoded, `status` is what was answered."""

    method: str
    path: str
    query: dict[str, list[str]]
    status: int
    kind: str | None = None  # metadata, values, batchGet, drive; None for an unknown path
    key: str | None = None


class SheetsApiServer:
    """Serves `data_dir` (the contract's files layout) as Google Sheets, on a background thread.

    `keys` maps spreadsheet keys to logical spreadsheet names; by default "key-<name>" for each
    contract spreadsheet present in `data_dir`. With `sheets_style_numbers`, digit strings of
    16+ digits come back as Sheets shows a long number stored as a double ("1.98503E+17").
    """

    def __init__(
        self,
        data_dir: Path,
        keys: dict[str, str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        sheets_style_numbers: bool = False,
    ):
        self.data_dir = Path(data_dir)
        self._keys = dict(keys) if keys is not None else None
        self.host, self.port = host, port
        self.sheets_style_numbers = sheets_style_numbers
        self.requests: list[Request] = []
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("SheetsApiServer is not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> SheetsApiServer:
        if self._httpd is None:
            self._httpd = QuietHTTPServer((self.host, self.port), Handler)
            self._httpd.api = self
            # A short poll keeps stop() quick: shutdown() waits for the loop to look again.
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.02},
                name="sheets-api-server",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> SheetsApiServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- what tests look at and control ---------------------------------------------------------

    @property
    def keys(self) -> dict[str, str]:
        """Spreadsheet key -> logical name; the default follows what data_dir holds right now."""
        if self._keys is not None:
            return dict(self._keys)
        return {f"key-{n}": n for n in SPREADSHEET_NAMES if self._present(n)}

    def count(self, kind: str | None = None, key: str | None = None) -> int:
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        with self._lock:
            return sum(
                1
                for r in self.requests
                if (kind is None or r.kind == kind) and (key is None or r.key == key)
            )

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()

    def inject(
        self,
        fault: str,
        times: int = 1,
        key: str | None = None,
        kind: str | None = None,
        retry_after: float | None = None,
        delay: float = 0.0,
    ) -> None:
        """Answer the next `times` matching requests with `fault` (after sleeping `delay`).

        Retry-After is sent in whole seconds, rounded up: HTTP allows nothing else and urllib3's
        Retry rejects a fractional value.
        """
        if fault not in FAULTS:
            raise ValueError(f"fault must be one of {tuple(FAULTS)}, not {fault!r}")
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._faults.append(Fault(fault, times, key, kind, retry_after, delay))

    # -- answering ------------------------------------------------------------------------------

    def _take_fault(self, key: str | None, kind: str | None) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(key, kind):
                    fault.remaining -= 1
                    if not fault.remaining:
                        self._faults.remove(fault)
                    return fault
        return None

    def _record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def _handle(self, method: str, raw_path: str) -> Answer:
        """Route, apply a pending fault, answer; every request is recorded before the reply."""
        parts = urlsplit(raw_path)
        query = parse_qs(parts.query, keep_blank_values=True)
        kind, key, range_text = route(parts.path)
        fault = self._take_fault(key, kind)
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        if fault is not None and fault.fault != "slow":
            answer = fault_answer(fault)
        else:
            answer = self._answer(method, kind, key, range_text, query)
        self._record(Request(method, unquote(parts.path), query, answer.status, kind, key))
        return answer

    def _answer(
        self,
        method: str,
        kind: str | None,
        key: str | None,
        range_text: str | None,
        query: dict[str, list[str]],
    ) -> Answer:
        try:
            if method != "GET":
                raise ApiError(501, "UNIMPLEMENTED", f"{method} is not served: reads only.")
            if kind is None:
                raise not_found()
            name = self.keys.get(key)
            if name is None or not self._present(name):
                raise not_found()
            return json_answer(200, self._payload(kind, key, name, range_text, query))
        except ApiError as exc:
            return json_answer(exc.code, exc.body())

    def _payload(
        self,
        kind: str,
        key: str,
        name: str,
        range_text: str | None,
        query: dict[str, list[str]],
    ) -> dict[str, Any]:
        if kind == "drive":
            return self._drive_file(key, name)
        sheets = self._load(name)
        if kind == "metadata":
            return metadata(key, name, sheets, query)
        dimension = enum_option(query, "majorDimension", DIMENSIONS, "Dimension")
        dimension = "ROWS" if dimension == "DIMENSION_UNSPECIFIED" else dimension
        render = enum_option(query, "valueRenderOption", RENDER_OPTIONS, "ValueRenderOption")
        enum_option(query, "dateTimeRenderOption", DATETIME_OPTIONS, "DateTimeRenderOption")
        render_cell = self._cell_renderer(render)
        if kind == "values":
            return value_range(resolve_range(sheets, range_text), dimension, render_cell)
        boxes = [resolve_range(sheets, text) for text in query.get("ranges", [])]
        result: dict[str, Any] = {"spreadsheetId": key}
        if boxes:
            result["valueRanges"] = [value_range(b, dimension, render_cell) for b in boxes]
        return result

    def _cell_renderer(self, render: str) -> Callable[[str], Any]:
        if not self.sheets_style_numbers:
            return lambda cell: cell
        return lambda cell: sheets_number(cell, render) if LONG_DIGITS.fullmatch(cell) else cell

    # -- data -----------------------------------------------------------------------------------

    def _present(self, name: str) -> bool:
        return present(self.data_dir, name)

    def _load(self, name: str) -> list[Sheet]:
        return load_sheets(self.data_dir, name)

    def _drive_file(self, key: str, name: str) -> dict[str, Any]:
        return drive_file(self.data_dir, key, name)
