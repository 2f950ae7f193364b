"""A local stand-in for the Google Sheets API v4, for tests and demos.

Google is unreachable where the pipeline is tested, yet the gspread source must be exercised
with the real client. This server answers the read-only calls gspread makes (spreadsheet
metadata, `values/{range}`, `values:batchGet`) from the contract's files layout, re-reading the
files on every request, and can inject the faults Google produces (429, 5xx, 403, 404, slow
answers) so retry and timeout handling can be tested.

Point gspread at it by rewriting "https://sheets.googleapis.com" to `server.url` in an
`HTTPClient.request()` override. Standard library only, apart from mekar's own files reader.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from mekar.errors import SourceError
from mekar.sources.base import RawWorksheet
from mekar.sources.files import FilesSource

SHEETS_PREFIX = "/v4/spreadsheets/"
# gspread's Spreadsheet.lastUpdateTime asks Drive; served too, for change detection tests.
DRIVE_PREFIX = "/drive/v3/files/"
SPREADSHEET_NAMES = ("master", "kebutuhan", "kegiatan", "log_zoom")
KINDS = ("metadata", "values", "batchGet", "drive")
JSON_TYPE = "application/json; charset=UTF-8"

# A fresh Google sheet is 1000 x 26; Sheets reports at least that grid even for less data.
MIN_ROWS = 1000
MIN_COLUMNS = 26

# fault -> (HTTP code, Google status, message), as Google words them.
FAULTS: dict[str, tuple[int, str, str]] = {
    "429": (
        429,
        "RESOURCE_EXHAUSTED",
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
        "per user' of service 'sheets.googleapis.com' for consumer 'project_number:0'.",
    ),
    "500": (500, "INTERNAL", "Internal error encountered."),
    "502": (502, "", "<html>Bad Gateway</html>"),  # Google's front end answers HTML, not JSON
    "503": (503, "UNAVAILABLE", "The service is currently unavailable."),
    "403": (403, "PERMISSION_DENIED", "The caller does not have permission"),
    "404": (404, "NOT_FOUND", "Requested entity was not found."),
    "slow": (200, "", ""),
}

RENDER_OPTIONS = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
DIMENSIONS = ("ROWS", "COLUMNS", "DIMENSION_UNSPECIFIED")
DATETIME_OPTIONS = ("SERIAL_NUMBER", "FORMATTED_STRING")
_LONG_DIGITS = re.compile(r"\d{16,}")
_ENDPOINT = r"\$?([A-Za-z]*)\$?(\d*)"
_CELLS = re.compile(rf"{_ENDPOINT}(?::{_ENDPOINT})?")
_BARE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CELL_LIKE = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*")


@dataclass
class Request:
    """One request as received; `path` is percent-decoded, `status` is what was answered."""

    method: str
    path: str
    query: dict[str, list[str]]
    status: int
    kind: str | None = None  # metadata, values, batchGet, drive; None for an unknown path
    key: str | None = None


@dataclass
class _Fault:
    fault: str
    remaining: int
    key: str | None
    kind: str | None
    retry_after: float | None
    delay: float

    def matches(self, key: str | None, kind: str | None) -> bool:
        return (self.key is None or self.key == key) and (self.kind is None or self.kind == kind)


class ApiError(Exception):
    """An answer in Google's error shape: {"error": {"code", "message", "status"}}."""

    def __init__(self, code: int, status: str, message: str):
        super().__init__(message)
        self.code, self.status, self.message = code, status, message

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "status": self.status}}


def _not_found() -> ApiError:
    return ApiError(404, "NOT_FOUND", "Requested entity was not found.")


def _bad_range(text: str) -> ApiError:
    return ApiError(400, "INVALID_ARGUMENT", f"Unable to parse range: {text}")


@dataclass
class _Answer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _json_answer(status: int, payload: Any, headers: dict[str, str] | None = None) -> _Answer:
    body = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    return _Answer(status, body, {"Content-Type": JSON_TYPE, **(headers or {})})


# ---------------------------------------------------------------------------------------------
# A1 notation


def column_letters(number: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def quote_title(title: str) -> str:
    """A sheet title as Sheets writes it in a range: bare when it cannot be misread."""
    if _BARE_NAME.fullmatch(title) and not _CELL_LIKE.fullmatch(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def split_range(text: str) -> tuple[str | None, str | None]:
    """`'Sheet ''x'''!A1:B2` -> ("Sheet 'x'", "A1:B2"); a bare `Sheet1` or `A1:B2` -> (None, text)."""
    if not text.startswith("'"):
        if "!" in text:
            title, _, cells = text.rpartition("!")
            return title, cells
        return None, text
    chars, i = [], 1
    while i < len(text):
        if text[i] == "'":
            if text[i + 1 : i + 2] != "'":
                break
            i += 1  # a doubled quote is one quote of the title
        chars.append(text[i])
        i += 1
    else:
        raise _bad_range(text)  # unterminated quote
    rest = text[i + 1 :]
    if rest and not rest.startswith("!"):
        raise _bad_range(text)
    return "".join(chars), (rest[1:] if rest else None)


def parse_cells(cells: str) -> tuple[int | None, int | None, int | None, int | None] | None:
    """`B2:D` -> (row1, col1, row2, col2) with None for an open side; None if not A1."""
    match = _CELLS.fullmatch(cells)
    if not match:
        return None
    col1, row1, col2, row2 = match.groups()
    if not (col1 or row1) or (col2 is not None and not (col2 or row2)):
        return None
    if col2 is None:  # a single reference must name one cell
        if not (col1 and row1):
            return None
        col2, row2 = col1, row1
    numbers = [int(r) if r else None for r in (row1, row2)]
    if 0 in numbers:
        return None
    cols = [column_number(c) if c else None for c in (col1, col2)]
    return numbers[0], cols[0], numbers[1], cols[1]


@dataclass
class _Sheet:
    title: str
    rows: list[list[str]]
    index: int

    @property
    def sheet_id(self) -> int:
        # Stable across requests and file edits, as a real sheetId is.
        return zlib.crc32(self.title.encode("utf-8")) & 0x7FFFFFFF

    @property
    def row_count(self) -> int:
        return max(len(self.rows), MIN_ROWS)

    @property
    def column_count(self) -> int:
        return max(max((len(r) for r in self.rows), default=0), MIN_COLUMNS)


@dataclass
class _Box:
    sheet: _Sheet
    row1: int
    col1: int
    row2: int
    col2: int

    def a1(self) -> str:
        start = f"{column_letters(self.col1)}{self.row1}"
        end = f"{column_letters(self.col2)}{self.row2}"
        cells = start if start == end else f"{start}:{end}"
        return f"{quote_title(self.sheet.title)}!{cells}"


def find_sheet(sheets: list[_Sheet], title: str) -> _Sheet | None:
    """Exact title first; Sheets also resolves titles case-insensitively."""
    for sheet in sheets:
        if sheet.title == title:
            return sheet
    folded = title.casefold()
    return next((s for s in sheets if s.title.casefold() == folded), None)


def resolve_range(sheets: list[_Sheet], text: str) -> _Box:
    """An A1 range against the spreadsheet's sheets, clipped to the grid as Sheets echoes it."""
    title, cells = split_range(text)
    if title is None:
        sheet = find_sheet(sheets, text)
        if sheet is not None:
            cells = None
        elif sheets and parse_cells(text) is not None:
            sheet = sheets[0]  # a range without a sheet name means the first sheet
        else:
            raise _bad_range(text)
    else:
        sheet = find_sheet(sheets, title)
        if sheet is None:
            raise _bad_range(text)
    return _box(sheet, text, cells)


def _box(sheet: _Sheet, text: str, cells: str | None) -> _Box:
    parsed = parse_cells(cells) if cells is not None else (None, None, None, None)
    if parsed is None:
        raise _bad_range(text)
    row1, col1, row2, col2 = parsed
    rows = sorted((row1 or 1, row2 or sheet.row_count))
    cols = sorted((col1 or 1, col2 or sheet.column_count))
    box = _Box(sheet, rows[0], cols[0], rows[1], cols[1])
    if box.row2 > sheet.row_count or box.col2 > sheet.column_count:
        raise ApiError(
            400,
            "INVALID_ARGUMENT",
            f"Range ({box.a1()}) exceeds grid limits. Max rows: {sheet.row_count}, "
            f"max columns: {sheet.column_count}",
        )
    return box


# ---------------------------------------------------------------------------------------------
# Values


def trim(grid: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty cells of each line, then trailing empty lines, as Sheets does."""
    lines = []
    for line in grid:
        end = len(line)
        while end and line[end - 1] == "":
            end -= 1
        lines.append(line[:end])
    while lines and not lines[-1]:
        lines.pop()
    return lines


def sheets_number(cell: str, render: str) -> str | float:
    """A long digit string as Sheets keeps it: a double, shown with 6 significant digits."""
    if render == "FORMATTED_VALUE":
        return f"{float(cell):.5E}"
    return float(cell)  # UNFORMATTED_VALUE and FORMULA return the double itself


def box_values(box: _Box, dimension: str, render_cell: Callable[[str], Any]) -> list[list[Any]]:
    grid = [
        [render_cell(c) for c in row[box.col1 - 1 : box.col2]]
        for row in box.sheet.rows[box.row1 - 1 : box.row2]
    ]
    if dimension == "COLUMNS":
        width = max((len(r) for r in grid), default=0)
        grid = [[r[j] if j < len(r) else "" for r in grid] for j in range(width)]
    return trim(grid)


def value_range(box: _Box, dimension: str, render_cell: Callable[[str], Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"range": box.a1(), "majorDimension": dimension}
    values = box_values(box, dimension, render_cell)
    if values:  # Sheets leaves "values" out when the range holds nothing
        result["values"] = values
    return result


def _enum(query: dict[str, list[str]], name: str, allowed: tuple[str, ...], proto: str) -> str:
    value = (query.get(name) or [allowed[0]])[0]
    if value not in allowed:
        raise ApiError(
            400,
            "INVALID_ARGUMENT",
            f"Invalid value at '{name}' (type.googleapis.com/google.apps.sheets.v4.{proto}), "
            f'"{value}"',
        )
    return value


# ---------------------------------------------------------------------------------------------
# Field masks (`fields=sheets.properties(title,sheetId)`)


def parse_fields(text: str) -> dict[str, Any]:
    """A field mask as a tree; a node holding "*" keeps its whole value."""
    compact = re.sub(r"\s+", "", text)
    tree, end = _parse_mask(compact, 0)
    if end != len(compact):
        raise ValueError(text)
    return tree


def _parse_mask(text: str, pos: int) -> tuple[dict[str, Any], int]:
    tree: dict[str, Any] = {}
    while True:
        end = pos
        while end < len(text) and text[end] not in ",()":
            end += 1
        names = text[pos:end].split(".")
        if not all(names):
            raise ValueError(text)
        node = tree
        for name in names:
            node = node.setdefault(name, {})
        pos = end
        if pos < len(text) and text[pos] == "(":
            sub, pos = _parse_mask(text, pos + 1)
            if pos >= len(text) or text[pos] != ")":
                raise ValueError(text)
            pos += 1
            node.update(sub)
        else:
            node["*"] = {}
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        return tree, pos


def apply_fields(value: Any, tree: dict[str, Any]) -> Any:
    if "*" in tree or not tree:
        return value
    if isinstance(value, list):
        return [apply_fields(item, tree) for item in value]
    if isinstance(value, dict):
        return {k: apply_fields(v, tree[k]) for k, v in value.items() if k in tree}
    return value


# ---------------------------------------------------------------------------------------------
# The server


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
        self._faults: list[_Fault] = []
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
            self._httpd = _HTTPServer((self.host, self.port), _Handler)
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
            self._faults.append(_Fault(fault, times, key, kind, retry_after, delay))

    # -- answering ------------------------------------------------------------------------------

    def _take_fault(self, key: str | None, kind: str | None) -> _Fault | None:
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

    def _handle(self, method: str, raw_path: str) -> _Answer:
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
    ) -> _Answer:
        try:
            if method != "GET":
                raise ApiError(501, "UNIMPLEMENTED", f"{method} is not served: reads only.")
            if kind is None:
                raise _not_found()
            name = self.keys.get(key)
            if name is None or not self._present(name):
                raise _not_found()
            return _json_answer(200, self._payload(kind, key, name, range_text, query))
        except ApiError as exc:
            return _json_answer(exc.code, exc.body())

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
        dimension = _enum(query, "majorDimension", DIMENSIONS, "Dimension")
        dimension = "ROWS" if dimension == "DIMENSION_UNSPECIFIED" else dimension
        render = _enum(query, "valueRenderOption", RENDER_OPTIONS, "ValueRenderOption")
        _enum(query, "dateTimeRenderOption", DATETIME_OPTIONS, "DateTimeRenderOption")
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
        return lambda cell: sheets_number(cell, render) if _LONG_DIGITS.fullmatch(cell) else cell

    # -- data -----------------------------------------------------------------------------------

    def _present(self, name: str) -> bool:
        return (self.data_dir / name).is_dir() or (self.data_dir / f"{name}.xlsx").is_file()

    def _load(self, name: str) -> list[_Sheet]:
        try:
            worksheets: list[RawWorksheet] = FilesSource(self.data_dir).read_spreadsheet(name)
        except SourceError as exc:  # a damaged file: the closest Google answer is a 500
            raise ApiError(500, "INTERNAL", str(exc)) from exc
        return [_Sheet(w.title, w.rows, i) for i, w in enumerate(worksheets)]

    def _drive_file(self, key: str, name: str) -> dict[str, Any]:
        paths = [self.data_dir / f"{name}.xlsx", *sorted((self.data_dir / name).glob("*.csv"))]
        times = [p.stat().st_mtime for p in paths if p.is_file()] or [0.0]
        stamp = dt.datetime.fromtimestamp(max(times), dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
        stamp = stamp[:-3] + "Z"
        return {"id": key, "name": name, "createdTime": stamp, "modifiedTime": stamp}


def route(path: str) -> tuple[str | None, str | None, str | None]:
    """A raw URL path -> (kind, key, range). The range keeps any '/', as gspread leaves it."""
    if path.startswith(DRIVE_PREFIX):
        key = unquote(path[len(DRIVE_PREFIX) :])
        return ("drive", key, None) if key and "/" not in key else (None, key, None)
    if not path.startswith(SHEETS_PREFIX):
        return None, None, None
    raw_key, _, tail = path[len(SHEETS_PREFIX) :].partition("/")
    key = unquote(raw_key)
    if not tail.startswith("values/"):
        tail = unquote(tail)  # e.g. "values%3AbatchGet"; a range is decoded below, once
    if not key:
        return None, None, None
    if not tail:
        return "metadata", key, None
    if tail == "values:batchGet":
        return "batchGet", key, None
    if tail.startswith("values/") and len(tail) > len("values/"):
        return "values", key, unquote(tail[len("values/") :])
    return None, key, None


def metadata(
    key: str, name: str, sheets: list[_Sheet], query: dict[str, list[str]]
) -> dict[str, Any]:
    if (query.get("includeGridData") or ["false"])[0].lower() == "true":
        raise ApiError(501, "UNIMPLEMENTED", "includeGridData=true is not served here.")
    payload = {
        "spreadsheetId": key,
        "properties": {"title": name, "locale": "in_ID", "timeZone": "Asia/Jakarta"},
        "sheets": [{"properties": sheet_properties(s)} for s in sheets],
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{key}/edit",
    }
    fields = (query.get("fields") or [""])[0]
    if not fields:
        return payload
    try:
        return apply_fields(payload, parse_fields(fields))
    except ValueError:
        raise ApiError(400, "INVALID_ARGUMENT", f"Invalid field selection {fields}") from None


def sheet_properties(sheet: _Sheet) -> dict[str, Any]:
    return {
        "sheetId": sheet.sheet_id,
        "title": sheet.title,
        "index": sheet.index,
        "sheetType": "GRID",
        "gridProperties": {"rowCount": sheet.row_count, "columnCount": sheet.column_count},
    }


def fault_answer(fault: _Fault) -> _Answer:
    code, status, message = FAULTS[fault.fault]
    headers = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = str(math.ceil(fault.retry_after))
    if fault.fault == "502":
        headers["Content-Type"] = "text/html; charset=UTF-8"
        return _Answer(code, message.encode("utf-8"), headers)
    return _json_answer(code, ApiError(code, status, message).body(), headers)


class _HTTPServer(ThreadingHTTPServer):
    api: SheetsApiServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up on a slow answer closes the socket; that is expected here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer

    def _serve(self) -> None:
        answer = self.server.api._handle(self.command, self.path)
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:
        pass  # tests read `server.requests`; stderr noise helps nobody
