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

    def __post_init__(self) -> None:
        if not self.row_numbers:
            self.row_numbers = list(range(1, len(self.rows) + 1))

    def content_hash(self) -> str:
        """Fingerprint of the cells, to tell an unchanged worksheet from a changed one."""
        digest = hashlib.sha256()
        for row in self.rows:
            digest.update("\x1f".join(row).encode())
            digest.update(b"\x1e")
        return digest.hexdigest()


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
