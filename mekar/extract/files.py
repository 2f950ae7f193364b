"""Files that a person downloaded from Google Sheets, in the contract's layout:
`DIR/<spreadsheet>.xlsx` (tabs = worksheets) or `DIR/<spreadsheet>/<worksheet>.csv`."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
from pathlib import Path

from mekar.errors import SourceError
from mekar.extract.base import DeferredWorksheet, NotRead, RawWorksheet, nul_note

# pengembangan is optional (a regency may not collect outside learning yet).
SPREADSHEETS = ("master", "kebutuhan", "kegiatan", "log_zoom", "pengembangan")

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


def _csvs_in(folder: Path) -> list[Path]:
    """The CSV files of a folder, `.CSV` too (Windows keeps what the person typed)."""
    if not os.access(folder, os.R_OK | os.X_OK):
        raise SourceError(folder.name, None, f"folder {folder} tidak dapat dibaca (izin ditolak)")
    # A broken link is kept: reading it fails that worksheet with a message, not silently.
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.casefold() == ".csv" and (p.is_file() or p.is_symlink())
    )


def _folded_name(name: str) -> str:
    """'Log Zoom', 'log-zoom', 'LOG_ZOOM' -> 'log_zoom': what a person meant."""
    return "_".join(name.casefold().replace("-", " ").replace("_", " ").split())


class FilesSource:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.opened: set[Path] = set()  # every file a read touched, for not_read()
        # Where the folder really is (itself a link, e.g. to a shared drive, is fine).
        self._real_folder = self.folder.resolve()

    def describe(self) -> str:
        return f"folder {self.folder}"

    def _loose_csvs(self, spreadsheet: str) -> list[Path]:
        """CSVs left in the folder itself as downloaded: "<spreadsheet> - <worksheet>.csv"."""
        prefix = f"{spreadsheet} - ".casefold()
        return [p for p in _csvs_in(self.folder) if p.name.casefold().startswith(prefix)]

    def offers(self, spreadsheet: str) -> bool:
        """Whether the folder holds this spreadsheet in any of the contract's layouts."""
        return (
            (self.folder / spreadsheet).is_dir()
            or (self.folder / f"{spreadsheet}.xlsx").is_file()
            or bool(self._loose_csvs(spreadsheet))
        )

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
            paths = [p for p in _csvs_in(csv_dir) if worksheet_title(p).casefold() in wanted]
            return [self._csv(spreadsheet, p) for p in paths]
        return [
            s for s in self.read_spreadsheet(spreadsheet) if s.title.strip().casefold() in wanted
        ]

    def read_spreadsheet(self, spreadsheet: str) -> list[RawWorksheet]:
        csv_dir = self.folder / spreadsheet
        workbook = self.folder / f"{spreadsheet}.xlsx"
        if csv_dir.is_dir():
            return [self._csv(spreadsheet, p) for p in _csvs_in(csv_dir)]
        if workbook.is_file():
            self.opened.add(workbook)
            sheets = read_xlsx_workbook(spreadsheet, workbook)
            outside = self._outside_note(workbook)
            for sheet in sheets:
                sheet.origin = f"{workbook.name} (tab {sheet.title})"
                sheet.notes += [outside] if outside else []
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
        if outside := self._outside_note(path):
            # Set before parsing, so a nightly that skips an unchanged file still says it.
            sheet.notes.append(outside)
        return sheet

    def _outside_note(self, path: Path) -> str | None:
        """A file read through a symbolic link to outside the data folder is read (a
        regency may keep its roster on a shared drive) but said in the run log: whoever
        checks a run sees that the data did not all come from the folder given."""
        real = path.resolve()
        if real.is_relative_to(self._real_folder):
            return None
        return f"dibaca dari {real} (tautan simbolik ke luar folder data)"

    def not_read(self) -> list[NotRead]:
        """Every file under the folder that no read opened, with the reason. Only what looks
        like data the run needed fails it: a Zoom log, or a contract spreadsheet under a name
        or in a place mekar does not read. Hidden folders (.git, .ipynb_checkpoints) are
        skipped whole."""
        out = []
        for path in sorted(self._files()):
            if path in self.opened:
                continue
            parts = path.relative_to(self.folder).parts
            where = "/".join(parts)
            top = parts[0] if len(parts) > 1 else None
            data_file = path.suffix.casefold() in (".csv", ".xlsx")
            meant = _folded_name(top) if top else _folded_name(path.stem.split(" - ")[0])
            if path.name.startswith((".", "~$")):
                out.append(NotRead(where, "berkas tersembunyi atau sementara, dilewati"))
            elif not data_file:
                out.append(NotRead(where, "bukan berkas .csv atau .xlsx, dilewati"))
            elif top in SPREADSHEETS:
                why = (
                    f"di dalam subfolder: lembar kerja harus langsung di {top}/"
                    if len(parts) > 2
                    else f"di folder {top}/ hanya berkas .csv yang dibaca (unduh tab sebagai CSV)"
                )
                serious = _looks_like_zoom_file(path) or top == "log_zoom"
                out.append(NotRead(where, why, serious=serious))
            elif meant in SPREADSHEETS and (top is None or top != meant):
                why = (
                    f"folder '{top}' tidak dibaca: namanya harus '{meant}'"
                    if top
                    else f"spreadsheet '{meant}' sudah dibaca dari folder atau berkas lain; "
                    "hapus salah satunya"
                )
                out.append(NotRead(where, why, serious=True))
            elif _looks_like_zoom_file(path):
                out.append(
                    NotRead(
                        where,
                        "berisi log Zoom tetapi tidak di folder log_zoom/: pindahkan ke "
                        "log_zoom/<Kode Kegiatan>.csv; kehadiran kegiatan ini belum dihitung",
                        serious=True,
                    )
                )
            else:
                out.append(
                    NotRead(
                        where,
                        "bukan spreadsheet kontrak (master, kebutuhan, kegiatan, log_zoom), dilewati",
                    )
                )
        return out

    def _files(self):
        for root, folders, files in os.walk(self.folder):
            folders[:] = [f for f in folders if not f.startswith(".")]
            for name in files:
                yield Path(root) / name


def _looks_like_zoom_file(path: Path) -> bool:
    """A CSV whose first lines carry Zoom's `Join Time` header (an .xlsx is not opened)."""
    if path.suffix.casefold() != ".csv":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", errors="replace").casefold()
    except OSError:
        return False
    return "join time" in head


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
    """One worksheet downloaded as CSV, fingerprinted by its bytes and parsed when its
    cells are first read (`DeferredWorksheet`). A quoted cell may span lines; row numbers
    count records, as the sheet does."""
    title = worksheet_title(path)
    raw = _read_bytes(spreadsheet, title, path)
    digest = hashlib.sha256(raw).hexdigest()
    del raw  # parsed from the file again when needed: an unchanged year is not kept in memory
    return DeferredWorksheet(
        spreadsheet, title, digest, lambda: _parse_csv(spreadsheet, title, path)
    )


def _read_bytes(spreadsheet: str, title: str, path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:  # a broken link, no permission: this worksheet fails, not the run
        raise SourceError(
            spreadsheet, title, f"berkas {path.name} tidak dapat dibaca ({exc.strerror})"
        ) from exc


def _parse_csv(spreadsheet: str, title: str, path: Path) -> tuple[list[list[str]], list[str]]:
    text = _decode(_read_bytes(spreadsheet, title, path))
    nul = text.count("\x00")
    if nul:  # one pass over the text, not per cell; NULs are never meant
        text = text.replace("\x00", "")
    delimiter = _delimiter(text)
    # strict: an opening quote that is never closed would otherwise turn the following rows
    # into one cell without a word (and shift every later row number).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)  # csv already gives each record as a new list
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise SourceError(spreadsheet, title, _too_long(path, text, delimiter)) from exc
        raise SourceError(
            spreadsheet,
            title,
            f"berkas {path.name} rusak di sekitar baris {reader.line_num} ({exc}): biasanya "
            'tanda kutip (") yang tidak tertutup. Perbaiki baris itu atau unduh ulang dari '
            "Google Sheets.",
        ) from exc
    return rows, [nul_note(nul)] if nul else []


def _too_long(path: Path, text: str, delimiter: str) -> str:
    """The message for a cell over the csv module's field limit, naming its sheet row.

    The limit stays the module's default (131,072 characters), not raised: Google Sheets
    holds at most 50,000 characters in a cell and Excel 32,767, so no cell a person typed or
    downloaded is longer; one that is, is a file pasted into a cell or damage, and loading it
    would put that into the warehouse as a name or an answer. The limit is process-wide, so
    the message says the one in force."""
    records = 0
    try:  # parsed again to count whole records: the long cell is in the next sheet row
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            records += 1
    except csv.Error:
        pass
    limit = f"{csv.field_size_limit():,}".replace(",", ".")
    return (
        f"berkas {path.name}: sel di baris {records + 1} lebih panjang dari {limit} karakter "
        "(Google Sheets sendiri menampung paling banyak 50.000 karakter per sel). Pendekkan "
        "isi sel itu, atau hapus isi berkas lain yang tertempel ke dalamnya, lalu unduh ulang."
    )


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
