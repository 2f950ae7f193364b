"""URL routing: which call a request path is (metadata, values, batchGet, Drive), for which key."""

from __future__ import annotations

from urllib.parse import unquote

SHEETS_PREFIX = "/v4/spreadsheets/"


# gspread's Spreadsheet.lastUpdateTime asks Drive; served too, for change detection tests.
DRIVE_PREFIX = "/drive/v3/files/"


KINDS = ("metadata", "values", "batchGet", "drive")


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
