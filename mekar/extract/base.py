"""The source interface every adapter implements.

A source hands over worksheets exactly as they are in the sheet: every cell as text, with
the sheet row number of each row, preamble and all. Finding the header row, matching
columns and checking values happen later, identically for every source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class RawWorksheet:
    spreadsheet: str  # logical spreadsheet name: master, kebutuhan, kegiatan, log_zoom
    title: str  # worksheet (tab) title as found
    rows: list[list[str]]  # cells as text, top to bottom
    row_numbers: list[int] = field(default_factory=list)  # sheet row number of each row
    # What was cleaned on the way in, for the run log (e.g. NUL characters removed).
    notes: list[str] = field(default_factory=list)
    origin: str | None = None  # the file it came from, for messages ("kegiatan/x.csv")
    subset: bool = False  # only some of its rows (a rerun's check-ins of one session)
    parsed = True  # its cells are read (not a field: DeferredWorksheet parses on demand)
    released = 0  # rows let go by release(), still counted as read

    @property
    def where(self) -> str:
        return self.origin or f"{self.spreadsheet}/{self.title}"

    def __post_init__(self) -> None:
        if not self.row_numbers:
            self.row_numbers = list(range(1, len(self.rows) + 1))

    @property
    def row_count(self) -> int:
        """Rows read so far, released ones included."""
        return len(self.rows) + self.released

    def release(self) -> None:
        """Let go of the cells once validated: a year of Zoom logs is most of a run's memory.
        Nothing reads a worksheet's cells after its validation."""
        self.released += len(self.rows)
        self.rows = []

    def content_hash(self) -> str:
        """Fingerprint of the cells, to tell an unchanged worksheet from a changed one."""
        # Each row's cells joined by \x1f and ended by \x1e, hashed in one call (the same
        # digest as row by row, in a fraction of the time for a year of Zoom logs).
        text = "".join("\x1f".join(row) + "\x1e" for row in self.rows)
        return hashlib.sha256(text.encode()).hexdigest()


class DeferredWorksheet(RawWorksheet):
    """A worksheet whose bytes were read and fingerprinted but whose cells are parsed only
    when first asked for. A nightly skips every worksheet whose fingerprint equals the last
    load's, so an unchanged file is read once (for its digest) and never parsed.

    `parse()` returns (rows, notes); a `SourceError` it raises (a damaged file) surfaces
    where the rows are first read, which the validate stage reports as that worksheet's
    failure. Until then `notes` holds only what the source said when reading the file (a
    file from outside the data folder): cleaning notes exist once the cells do.
    """

    def __init__(self, spreadsheet: str, title: str, digest: str, parse) -> None:
        self.spreadsheet = spreadsheet
        self.title = title
        self.origin = None
        self.subset = False
        self._digest = digest
        self._parse = parse
        self._rows: list[list[str]] | None = None
        self._row_numbers: list[int] = []
        self._notes: list[str] = []

    def _parsed(self) -> None:
        if self._rows is None:
            rows, notes = self._parse()
            self._rows = rows
            self._notes += [note for note in notes if note not in self._notes]
            self._row_numbers = self._row_numbers or list(range(1, len(rows) + 1))

    @property
    def parsed(self) -> bool:
        return self._rows is not None

    @property
    def rows(self) -> list[list[str]]:
        self._parsed()
        return self._rows

    @rows.setter
    def rows(self, value: list[list[str]]) -> None:
        self._rows = value

    @property
    def row_numbers(self) -> list[int]:
        self._parsed()
        return self._row_numbers

    @row_numbers.setter
    def row_numbers(self, value: list[int]) -> None:
        self._row_numbers = value

    def release(self) -> None:
        """Let go of the parsed cells; the file is parsed again if they are asked for."""
        if self._rows is not None:
            self.released = len(self._rows)
            self._rows, self._row_numbers = None, []

    @property
    def row_count(self) -> int:
        return len(self._rows) if self._rows is not None else self.released

    @property
    def notes(self) -> list[str]:
        return self._notes

    @notes.setter
    def notes(self, value: list[str]) -> None:
        self._notes = value

    def content_hash(self) -> str:
        """The digest of the file's bytes: equal bytes, equal cells."""
        return self._digest


@dataclass(frozen=True)
class NotRead:
    """Something in the source that this run did not read, and why. `serious` when it
    looks like data the run needed (a Zoom log in the wrong place): the run then fails."""

    where: str
    why: str
    serious: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


def strip_nul_cells(rows: list[list[str]]) -> int:
    """Remove NUL characters from cells in place; returns how many were removed. A NUL is
    never meant (a damaged export or paste), and PostgreSQL cannot store it in text."""
    removed = 0
    for row in rows:
        if "\x00" in "".join(row):
            for i, cell in enumerate(row):
                if "\x00" in cell:
                    removed += cell.count("\x00")
                    row[i] = cell.replace("\x00", "")
    return removed


def nul_note(removed: int) -> str:
    """The run log's line for a worksheet that had NULs, whichever source it came from."""
    return f"{removed} karakter NUL (tak terlihat) dibuang; isi lain dipakai"


class SheetsSource(Protocol):
    """Reads the contract's spreadsheets. `describe()` names the source for messages."""

    def describe(self) -> str: ...

    def read_spreadsheet(self, spreadsheet: str) -> list[RawWorksheet]:
        """Every worksheet of one logical spreadsheet. Raises SourceError when the
        spreadsheet cannot be read at all."""
        ...

    def read_worksheets(self, spreadsheet: str, titles: list[str]) -> list[RawWorksheet]:
        """Only the named worksheets (matched case-insensitively)."""
        ...

    def offers(self, spreadsheet: str) -> bool:
        """Whether the source has this spreadsheet at all (an optional one may be absent)."""
        ...

    def not_read(self) -> list[NotRead]:
        """What the source holds that no read has touched so far: (where, why). A files
        folder lists its stray files; Google Sheets lists nothing here (unused tabs are
        named by extract)."""
        ...
