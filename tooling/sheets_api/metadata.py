"""Spreadsheet metadata (`GET /v4/spreadsheets/{key}`): properties of each sheet, field masks."""

from __future__ import annotations

from typing import Any

from tooling.sheets_api.answers import ApiError
from tooling.sheets_api.fields import apply_fields, parse_fields
from tooling.sheets_api.workbook import Sheet


def metadata(
    key: str, name: str, sheets: list[Sheet], query: dict[str, list[str]]
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


def sheet_properties(sheet: Sheet) -> dict[str, Any]:
    return {
        "sheetId": sheet.sheet_id,
        "title": sheet.title,
        "index": sheet.index,
        "sheetType": "GRID",
        "gridProperties": {"rowCount": sheet.row_count, "columnCount": sheet.column_count},
    }
