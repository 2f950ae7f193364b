"""What each worksheet must hold (DATA_CONTRACT.md "Columns"), and finding its header.

Headers are matched case-insensitively with white space collapsed; configured aliases map a
renamed form question to its logical column; extra columns are kept as raw data only. Cells
and headers are read without invisible characters (mekar.validate.invisible): a zero-width
space pasted into a Kode Kegiatan must not make it another session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mekar.errors import SourceError
from mekar.extract.base import RawWorksheet
from mekar.validate.invisible import drop_invisible

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SheetContract:
    kind: str  # opd, pegawai, kebutuhan, kegiatan, daftar_hadir, zoom, koreksi, pengembangan
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    # The header row is the first row holding this column (a Zoom preamble sits above it).
    header_marker: str | None = None


CONTRACTS: dict[str, SheetContract] = {
    "opd": SheetContract("opd", ("Kode OPD", "Nama OPD"), ("Alias", "Email")),
    "pegawai": SheetContract(
        "pegawai",
        ("NIP", "Nama", "Jenis ASN", "Kode OPD", "Jabatan", "Jenis Jabatan"),
        ("Golongan", "Aktif", "Email"),
    ),
    "kebutuhan": SheetContract(
        "kebutuhan",
        (
            "Timestamp",
            "NIP",
            "Nama Lengkap",
            "Unit Kerja",
            "Jenis Kompetensi",
            "Topik yang Dibutuhkan",
            "Jalur Pengembangan",
            "Model Pembelajaran",
        ),
        ("Email Address",),
    ),
    "kegiatan": SheetContract(
        "kegiatan",
        (
            "Kode Kegiatan",
            "Nama Kegiatan",
            "Tanggal",
            "Jam Mulai",
            "Jam Selesai",
            "JP",
            "Jalur",
            "Bentuk",
            "Jenis Kompetensi",
            "Moda",
        ),
        ("Narasumber", "Min Kehadiran"),
    ),
    "daftar_hadir": SheetContract(
        "daftar_hadir", ("Timestamp", "Kode Kegiatan", "NIP", "Nama", "Unit Kerja")
    ),
    "koreksi": SheetContract(
        "koreksi",
        ("Timestamp", "Jenis", "Kode Kegiatan", "Nama Zoom", "NIP", "Alasan", "Oleh"),
    ),
    "pengembangan": SheetContract(
        "pengembangan",
        (
            "Timestamp",
            "NIP",
            "Nama",
            "Nama Kegiatan",
            "Penyelenggara",
            "Bentuk",
            "Jalur",
            "Jenis Kompetensi",
            "Tanggal Mulai",
            "Tanggal Selesai",
            "JP",
        ),
        # BKPSDM adds the verdict columns by hand: a sheet without them has no verdict yet.
        ("Nomor Sertifikat", "Bukti", "Status", "Catatan", "Diperiksa Oleh"),
    ),
    "zoom": SheetContract(
        "zoom",
        ("Name (Original Name)", "Join Time", "Leave Time"),
        ("User Email", "Duration (Minutes)", "Guest"),
        header_marker="Join Time",
    ),
}


def column_letter(position: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as a spreadsheet names it."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def normalise_header(text: str) -> str:
    return _SPACES.sub(" ", drop_invisible(text or "").strip()).casefold()


def _readable(text: str) -> str:
    """A cell as it reads: trimmed, without invisible characters."""
    return text.strip() if text.isascii() else drop_invisible(text).strip()


# A worksheet's run log lists this many cleaned cells one by one, then how many more.
NOTES_SHOWN = 5


@dataclass
class SheetTable:
    """A worksheet's data rows under its logical columns; raw cells kept for quarantine."""

    kind: str
    spreadsheet: str
    worksheet: str
    header: list[str]  # the header cells as written
    columns: dict[str, int]  # logical column -> position in the row
    records: list[tuple[int, list[str]]] = field(default_factory=list)  # (sheet row, cells)
    blank_rows: int = 0
    # A form question renamed mid-year may leave the old column beside the new one: older
    # answers in one, newer in the other. Such a logical column reads the first non-empty.
    alternates: dict[str, list[int]] = field(default_factory=dict)
    # What was cleaned on the way in, for the run log: the worksheet's own `notes` list (the
    # run log prefixes each with the worksheet), so a preparer can add to it (`note`).
    notes: list[str] = field(default_factory=list)
    noted: int = 0  # cells noted so far (beyond NOTES_SHOWN only counted)
    more_at: int = -1  # where in `notes` the line counting the rest is

    def cell(self, cells: list[str], column: str) -> str:
        """The cell's text, trimmed and without invisible characters."""
        position = self.columns.get(column)
        value = cells[position].strip() if position is not None and position < len(cells) else ""
        if not value.isascii():  # inline, not `_readable`: this runs for every cell
            value = drop_invisible(value).strip()
        if not value:
            for other in self.alternates.get(column, ()):
                if other < len(cells) and (text := _readable(cells[other])):
                    return text
        return value

    def typed(self, cells: list[str], column: str) -> str:
        """The cell `cell` reads, only trimmed: invisible characters kept, for a check that
        says when a value needed them removed (a NIP)."""
        position = self.columns.get(column)
        value = cells[position].strip() if position is not None and position < len(cells) else ""
        if not _readable(value):
            for other in self.alternates.get(column, ()):
                if other < len(cells) and _readable(cells[other]):
                    return cells[other].strip()
        return value

    def note(self, row: int, column: str, text: str) -> None:
        """Note a cell cleaned on the way in (its row loads). A whole pasted column can carry
        the same mark: the first NOTES_SHOWN cells are named, the rest counted on one line."""
        self.noted += 1
        if self.noted <= NOTES_SHOWN:
            self.notes.append(f"baris {row}, kolom {column}: {text}")
            return
        more = f"dan {self.noted - NOTES_SHOWN} sel lain yang juga dibersihkan"
        if self.more_at < 0:
            self.more_at = len(self.notes)
            self.notes.append(more)
        else:
            self.notes[self.more_at] = more

    def values(self, column: str) -> list[str]:
        """`cell` of every record for one column, in record order: a column at a time, for
        the worksheets with many rows (a year of Zoom logs)."""
        position = self.columns.get(column)
        if position is None:
            return [self.cell(cells, column) for _, cells in self.records]
        out = [
            cells[position].strip() if position < len(cells) else "" for _, cells in self.records
        ]
        if not "".join(out).isascii():  # one pass in C: most columns are plain ASCII
            out = [v if v.isascii() else drop_invisible(v).strip() for v in out]
        if column in self.alternates:  # rare: read the first non-empty of the others
            for index, value in enumerate(out):
                if not value:
                    out[index] = self.cell(self.records[index][1], column)
        return out

    def raw(self, cells: list[str]) -> dict[str, str]:
        """The row as header -> cell, every column, for the quarantine's `data`."""
        out = {}
        for position, name in enumerate(self.header):
            key = name or f"kolom_{position + 1}"
            out[key] = cells[position] if position < len(cells) else ""
        for position in range(len(self.header), len(cells)):
            if cells[position]:
                out[f"kolom_{position + 1}"] = cells[position]
        return out


def _find_header_row(sheet: RawWorksheet, contract: SheetContract) -> int:
    if contract.header_marker:
        marker = normalise_header(contract.header_marker)
        for position, row in enumerate(sheet.rows):
            if any(normalise_header(c) == marker for c in row):
                return position
        return -1
    for position, row in enumerate(sheet.rows):
        if any(c.strip() for c in row):
            return position
    return -1


def resolve_table(
    sheet: RawWorksheet, kind: str, aliases: dict[str, list[str]] | None = None
) -> SheetTable:
    """Find the header row and the logical columns. A missing required column fails the
    worksheet with a message naming it."""
    contract = CONTRACTS[kind]
    header_at = _find_header_row(sheet, contract)
    if header_at < 0:
        wanted = contract.header_marker or ", ".join(contract.required)
        hint = (
            "unduh ulang laporan peserta dari Zoom (Reports → Usage → Participants)"
            if contract.header_marker
            else "baris pertama harus berisi nama kolom"
        )
        raise SourceError(
            sheet.spreadsheet,
            sheet.title,
            f"baris judul kolom tidak ditemukan (dicari: {wanted}); {hint}",
        )
    header = [c.strip() for c in sheet.rows[header_at]]
    by_name: dict[str, int] = {}
    positions: dict[str, list[int]] = {}
    for position, name in enumerate(header):
        by_name.setdefault(normalise_header(name), position)
        positions.setdefault(normalise_header(name), []).append(position)
    for logical in contract.required + contract.optional:
        twice = positions.get(normalise_header(logical), [])
        if len(twice) > 1:
            # Which one holds the truth is not ours to guess: the person fixes the header.
            letters = " dan ".join(column_letter(p) for p in twice)
            raise SourceError(
                sheet.spreadsheet,
                sheet.title,
                f"kolom '{logical}' ada {len(twice)} kali (kolom {letters}, baris judul "
                f"{sheet.row_numbers[header_at]}); hapus atau ganti nama salah satunya",
            )

    columns: dict[str, int] = {}
    alternates: dict[str, list[int]] = {}
    for logical in contract.required + contract.optional:
        names = [logical, *(aliases or {}).get(logical, [])]
        found = [by_name[normalise_header(n)] for n in names if normalise_header(n) in by_name]
        found = list(dict.fromkeys(found))
        if found:
            columns[logical] = found[0]
            if found[1:]:
                alternates[logical] = found[1:]
    missing = [c for c in contract.required if c not in columns]
    if missing:
        listed = ", ".join(f"'{c}'" for c in missing)
        raise SourceError(
            sheet.spreadsheet,
            sheet.title,
            f"kolom wajib tidak ada: {listed} (baris judul {sheet.row_numbers[header_at]}). "
            "Periksa nama kolom, atau tambahkan alias di konfigurasi.",
        )

    table = SheetTable(
        kind,
        sheet.spreadsheet,
        sheet.title,
        header,
        columns,
        alternates=alternates,
        notes=sheet.notes,
    )
    for position in range(header_at + 1, len(sheet.rows)):
        cells = sheet.rows[position]
        if not _readable("".join(cells)):  # one string op per row, not one per cell
            table.blank_rows += 1
            continue
        table.records.append((sheet.row_numbers[position], cells))
    return table
