"""Files that a person downloaded from Google Sheets, in the contract's layout:
`DIR/<spreadsheet>.xlsx` (tabs = worksheets) or `DIR/<spreadsheet>/<worksheet>.csv`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from mekar.errors import SourceError
from mekar.sources.base import NotRead, RawWorksheet

SPREADSHEETS = ("master", "kebutuhan", "kegiatan", "log_zoom")

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


def _folded_name(name: str) -> str:
    """'Log Zoom', 'log-zoom', 'LOG_ZOOM' -> 'log_zoom': what a person meant."""
    return "_".join(name.casefold().replace("-", " ").replace("_", " ").split())


class FilesSource:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.opened: set[Path] = set()  # every file a read touched, for not_read()

    def describe(self) -> str:
        return f"folder {self.folder}"

    def _loose_csvs(self, spreadsheet: str) -> list[Path]:
        """CSVs left in the folder itself as downloaded: "<spreadsheet> - <worksheet>.csv"."""
        prefix = f"{spreadsheet} - ".casefold()
        return [
            p for p in sorted(self.folder.glob("*.csv")) if p.name.casefold().startswith(prefix)
        ]

    def has_any_spreadsheet(self) -> bool:
        names = SPREADSHEETS
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
            return [self._csv(spreadsheet, p) for p in paths]
        return [
            s for s in self.read_spreadsheet(spreadsheet) if s.title.strip().casefold() in wanted
        ]

    def read_spreadsheet(self, spreadsheet: str) -> list[RawWorksheet]:
        csv_dir = self.folder / spreadsheet
        workbook = self.folder / f"{spreadsheet}.xlsx"
        if csv_dir.is_dir():
            return [self._csv(spreadsheet, p) for p in sorted(csv_dir.glob("*.csv"))]
        if workbook.is_file():
            self.opened.add(workbook)
            sheets = read_xlsx_workbook(spreadsheet, workbook)
            for sheet in sheets:
                sheet.origin = f"{workbook.name} (tab {sheet.title})"
            return sheets
        if loose := self._loose_csvs(spreadsheet):
            return [self._csv(spreadsheet, p) for p in loose]
        near = [p.name for p in self.folder.iterdir() if _folded_name(p.stem) == spreadsheet]
        hint = f" Ada '{near[0]}': ganti namanya menjadi '{spreadsheet}'." if near else ""
        raise SourceError(
            spreadsheet,
            None,
            f"tidak ditemukan: {csv_dir}/ (berisi .csv per lembar kerja), {workbook}, "
            f"atau berkas '{spreadsheet} - <lembar kerja>.csv'.{hint}",
        )

    def _csv(self, spreadsheet: str, path: Path) -> RawWorksheet:
        self.opened.add(path)
        sheet = read_csv_worksheet(spreadsheet, path)
        sheet.origin = str(path.relative_to(self.folder))
        return sheet

    def not_read(self) -> list[NotRead]:
        """Every file under the folder that no read opened, with the reason."""
        out = []
        for path in sorted(p for p in self.folder.rglob("*") if p.is_file()):
            if path in self.opened:
                continue
            where = str(path.relative_to(self.folder))
            top = path.relative_to(self.folder).parts[0]
            data_file = path.suffix.casefold() in (".csv", ".xlsx")
            if path.name.startswith(".") or path.name.startswith("~$"):
                out.append(NotRead(where, "berkas tersembunyi atau sementara, dilewati"))
            elif not data_file:
                out.append(NotRead(where, "bukan berkas .csv atau .xlsx, dilewati"))
            elif path.parent == self.folder:
                stem = _folded_name(path.stem.split(" - ")[0])
                if stem in SPREADSHEETS:
                    out.append(
                        NotRead(
                            where,
                            f"tidak dibaca karena spreadsheet '{stem}' sudah dibaca dari "
                            "folder atau berkas lain; hapus salah satunya",
                            serious=True,
                        )
                    )
                else:
                    out.append(
                        NotRead(
                            where,
                            "bukan spreadsheet kontrak (master, kebutuhan, kegiatan, log_zoom)",
                            serious=True,
                        )
                    )
            elif top in SPREADSHEETS:
                out.append(
                    NotRead(
                        where,
                        f"di dalam subfolder; lembar kerja harus langsung di {top}/",
                        serious=True,
                    )
                )
            elif _folded_name(top) in SPREADSHEETS:
                out.append(
                    NotRead(
                        where,
                        f"folder '{top}' tidak dibaca: namanya harus '{_folded_name(top)}'",
                        serious=True,
                    )
                )
            else:
                out.append(
                    NotRead(
                        where,
                        f"folder '{top}' bukan spreadsheet kontrak "
                        "(master, kebutuhan, kegiatan, log_zoom)",
                        serious=True,
                    )
                )
        return out


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
    nul = text.count("\x00")
    if nul:  # one pass over the text, not per cell; NULs are never meant
        text = text.replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = [list(record) for record in reader]
    except csv.Error as exc:
        raise SourceError(
            spreadsheet, title, f"berkas {path.name} rusak ({exc}); unduh ulang dari Google Sheets"
        ) from exc
    sheet = RawWorksheet(spreadsheet, title, rows)
    if nul:
        sheet.notes.append(f"{nul} karakter NUL (tak terlihat) dibuang; isi lain dipakai")
    return sheet


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
