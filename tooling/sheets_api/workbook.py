"""The workbook store: a spreadsheet's sheets, read afresh from the contract's files layout."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mekar.errors import SourceError
from mekar.extract.base import RawWorksheet
from mekar.extract.files import FilesSource
from tooling.sheets_api.answers import ApiError

SPREADSHEET_NAMES = ("master", "kebutuhan", "kegiatan", "log_zoom", "pengembangan")


# A fresh Google sheet is 1000 x 26; Sheets reports at least that grid even for less data.
MIN_ROWS = 1000


MIN_COLUMNS = 26


@dataclass
class Sheet:
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


def present(data_dir: Path, name: str) -> bool:
    return (data_dir / name).is_dir() or (data_dir / f"{name}.xlsx").is_file()


def load_sheets(data_dir: Path, name: str) -> list[Sheet]:
    try:
        worksheets: list[RawWorksheet] = FilesSource(data_dir).read_spreadsheet(name)
    except SourceError as exc:  # a damaged file: the closest Google answer is a 500
        raise ApiError(500, "INTERNAL", str(exc)) from exc
    return [Sheet(w.title, w.rows, i) for i, w in enumerate(worksheets)]


def drive_file(data_dir: Path, key: str, name: str) -> dict[str, Any]:
    paths = [data_dir / f"{name}.xlsx", *sorted((data_dir / name).glob("*.csv"))]
    times = [p.stat().st_mtime for p in paths if p.is_file()] or [0.0]
    stamp = dt.datetime.fromtimestamp(max(times), dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    stamp = stamp[:-3] + "Z"
    return {"id": key, "name": name, "createdTime": stamp, "modifiedTime": stamp}
