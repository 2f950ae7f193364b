"""Files that a person downloaded from Google Sheets, in the contract's layout:
`DIR/<spreadsheet>.xlsx` (tabs = worksheets) or `DIR/<spreadsheet>/<worksheet>.csv`."""

from __future__ import annotations

import csv
import datetime as dt
import io
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


def worksheet_title(path: Path) -> str:
    """Sheets' "Download -> CSV" names a file "<spreadsheet title> - <worksheet>.csv"; the
    worksheet is what follows the last " - ". A file named after the worksheet alone is fine."""
    return path.stem.rsplit(" - ", 1)[-1].strip()


class FilesSource:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def describe(self) -> str:
        return f"folder {self.folder}"

    def _loose_csvs(self, spreadsheet: str) -> list[Path]:
        """CSVs left in the folder itself as downloaded: "<spreadsheet> - <worksheet>.csv"."""
        prefix = f"{spreadsheet} - ".casefold()
        return [
            p for p in sorted(self.folder.glob("*.csv")) if p.name.casefold().startswith(prefix)
        ]

    def has_any_spreadsheet(self) -> bool:
        names = ("master", "kebutuhan", "kegiatan", "log_zoom")
        return any(
            (self.folder / n).is_dir()
            or (self.folder / f"{n}.xlsx").is_file()
            or self._loose_csvs(n)
            for n in names
        )

    def read_worksheets(self, spreadsheet: str, titles: list[str]) -> list[RawWorksheet]:
        """Only the named worksheets (a rerun of one session reads one Zoom tab)."""
        wanted = {t.casefold() for t in titles}
        csv_dir = self.folder / spreadsheet
        if csv_dir.is_dir():
            paths = [
                p for p in sorted(csv_dir.glob("*.csv")) if worksheet_title(p).casefold() in wanted
            ]
            return [read_csv_worksheet(spreadsheet, p) for p in paths]
        return [
            s for s in self.read_spreadsheet(spreadsheet) if s.title.strip().casefold() in wanted
        ]

    def read_spreadsheet(self, spreadsheet: str) -> list[RawWorksheet]:
        csv_dir = self.folder / spreadsheet
        workbook = self.folder / f"{spreadsheet}.xlsx"
        if csv_dir.is_dir():
            return [read_csv_worksheet(spreadsheet, p) for p in sorted(csv_dir.glob("*.csv"))]
        if workbook.is_file():
            return read_xlsx_workbook(spreadsheet, workbook)
        if loose := self._loose_csvs(spreadsheet):
            return [read_csv_worksheet(spreadsheet, p) for p in loose]
        raise SourceError(
            spreadsheet,
            None,
            f"tidak ditemukan: {csv_dir}/ (berisi .csv per lembar kerja), {workbook}, "
            f"atau berkas '{spreadsheet} - <lembar kerja>.csv'",
        )


def _decode(raw: bytes) -> str:
    """UTF-8 as Sheets writes it; a file re-saved by Excel on Windows is cp1252, which maps
    (nearly) every byte, so nothing is lost either way."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """Sheets writes commas; Excel in an Indonesian locale saves with semicolons."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first.count(";") > first.count(",") else ","


def read_csv_worksheet(spreadsheet: str, path: Path) -> RawWorksheet:
    """One worksheet downloaded as CSV. A quoted cell may span lines; row numbers count
    records, as the sheet does."""
    title = worksheet_title(path)
    text = _decode(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = [list(record) for record in reader]
    except csv.Error as exc:
        raise SourceError(spreadsheet, title, f"berkas {path.name} rusak: {exc}") from exc
    return RawWorksheet(spreadsheet, title, rows)


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
