"""A local stand-in for the Google Sheets API v4, for tests and demos.

Google is unreachable where the pipeline is tested, yet the gspread source must be exercised
with the real client. This server answers the read-only calls gspread makes (spreadsheet
metadata, `values/{range}`, `values:batchGet`) from the contract's files layout, re-reading the
files on every request, and can inject the faults Google produces (429, 5xx, 403, 404, slow
answers) so retry and timeout handling can be tested.

Point gspread at it by rewriting "https://sheets.googleapis.com" to `server.url` in an
`HTTPClient.request()` override. Standard library only, apart from mekar's own files reader.

Modules: `server` (SheetsApiServer), `handler` (HTTP), `routing` (URL -> call), `a1` (ranges),
`values`, `metadata` and `fields` (what each call returns), `workbook` (the files read),
`faults` and `answers` (Google's error shapes).
"""

from tooling.sheets_api.a1 import (
    column_letters,
    column_number,
    parse_cells,
    quote_title,
    split_range,
)
from tooling.sheets_api.answers import ApiError
from tooling.sheets_api.faults import FAULTS
from tooling.sheets_api.routing import KINDS
from tooling.sheets_api.server import Request, SheetsApiServer

__all__ = [
    "FAULTS",
    "KINDS",
    "ApiError",
    "Request",
    "SheetsApiServer",
    "column_letters",
    "column_number",
    "parse_cells",
    "quote_title",
    "split_range",
]
