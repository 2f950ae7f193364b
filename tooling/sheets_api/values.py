"""Cell values as `values/{range}` returns them: trimmed, by rows or columns, long numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tooling.sheets_api.a1 import Box
from tooling.sheets_api.answers import ApiError

RENDER_OPTIONS = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")


DIMENSIONS = ("ROWS", "COLUMNS", "DIMENSION_UNSPECIFIED")


DATETIME_OPTIONS = ("SERIAL_NUMBER", "FORMATTED_STRING")


LONG_DIGITS = re.compile(r"\d{16,}")


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


def box_values(box: Box, dimension: str, render_cell: Callable[[str], Any]) -> list[list[Any]]:
    grid = [
        [render_cell(c) for c in row[box.col1 - 1 : box.col2]]
        for row in box.sheet.rows[box.row1 - 1 : box.row2]
    ]
    if dimension == "COLUMNS":
        width = max((len(r) for r in grid), default=0)
        grid = [[r[j] if j < len(r) else "" for r in grid] for j in range(width)]
    return trim(grid)


def value_range(box: Box, dimension: str, render_cell: Callable[[str], Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"range": box.a1(), "majorDimension": dimension}
    values = box_values(box, dimension, render_cell)
    if values:  # Sheets leaves "values" out when the range holds nothing
        result["values"] = values
    return result


def enum_option(
    query: dict[str, list[str]], name: str, allowed: tuple[str, ...], proto: str
) -> str:
    value = (query.get(name) or [allowed[0]])[0]
    if value not in allowed:
        raise ApiError(
            400,
            "INVALID_ARGUMENT",
            f"Invalid value at '{name}' (type.googleapis.com/google.apps.sheets.v4.{proto}), "
            f'"{value}"',
        )
    return value
