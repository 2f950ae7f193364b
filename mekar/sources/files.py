"""Files that a person downloaded from Google Sheets, in the contract's layout:
`DIR/<spreadsheet>.xlsx` (tabs = worksheets) or `DIR/<spreadsheet>/<worksheet>.csv`."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from mekar.errors import SourceError
from mekar.sources.base import RawWorksheet

# Doubles hold integers exactly only up to 2**53; a longer number in an .xlsx cell has already
# lost digits. Render it the way Sheets shows it so the NIP check recognises the damage.
_EXACT_INT_LIMIT = 2**53


def cell_text(value: object, number_format: str = "General") -> str:
    """An .xlsx cell as the text a person sees; never a made-up number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            # Sheets keeps "80%" as 0.8 with a percent format: show it as the person typed it.
            return f"{round(float(value) * 100, 6):g}%"
        if abs(value) >= _EXACT_INT_LIMIT:
            return f"{float(value):.5E}"
        if float(value).is_integer():
            return str(int(value))
        return repr(float(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


class FilesSource:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def describe(self) -> str:
        return f"folder {self.folder}"

    def read_spreadsheet(self, spreadsheet: str) -> list[RawWorksheet]:
        csv_dir = self.folder / spreadsheet
        workbook = self.folder / f"{spreadsheet}.xlsx"
        if csv_dir.is_dir():
            return [read_csv_worksheet(spreadsheet, p) for p in sorted(csv_dir.glob("*.csv"))]
        if workbook.is_file():
            return read_xlsx_workbook(spreadsheet, workbook)
        raise SourceError(
            spreadsheet,
            None,
            f"tidak ditemukan: {csv_dir}/ (berisi .csv per lembar kerja) atau {workbook}",
        )


def read_csv_worksheet(spreadsheet: str, path: Path) -> RawWorksheet:
    """One worksheet downloaded as CSV (UTF-8, BOM allowed). A quoted cell may span lines;
    row numbers count records, as the sheet does."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = [list(record) for record in csv.reader(handle)]
    except UnicodeDecodeError as exc:
        raise SourceError(
            spreadsheet, path.stem, f"berkas {path.name} bukan UTF-8 ({exc})"
        ) from exc
    except csv.Error as exc:
        raise SourceError(spreadsheet, path.stem, f"berkas {path.name} rusak: {exc}") from exc
    return RawWorksheet(spreadsheet, path.stem, rows)


def read_xlsx_workbook(spreadsheet: str, path: Path) -> list[RawWorksheet]:
    from openpyxl import load_workbook  # imported lazily: only the xlsx path needs it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise SourceError(spreadsheet, None, f"berkas {path.name} tidak terbaca: {exc}") from exc
    try:
        sheets = []
        for sheet in book.worksheets:
            rows = [
                [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
                for row in sheet.iter_rows()
            ]
            sheets.append(RawWorksheet(spreadsheet, sheet.title, rows))
        return sheets
    finally:
        book.close()
