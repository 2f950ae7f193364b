"""The rows that passed validation, held compactly until the load writes them.

A year of Zoom logs is millions of rows. As dicts (one per row, the field names repeated in
every one) they were most of a run's memory; here the names are kept once and each row is a
tuple. Reading a row still gives a dict, so the rest of the code reads fields by name; the
load asks for tuples in its table's column order instead and builds no dict at all.

Fields whose name starts with "_" are what a check looked at (`_nip_status`, ...): they are
not data, so they are not kept.
"""

from __future__ import annotations

import io
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from operator import itemgetter


class Records(Sequence[dict]):
    __slots__ = ("fields", "rows")

    def __init__(self, fields: Sequence[str] = (), rows: list[tuple] | None = None) -> None:
        self.fields: tuple[str, ...] = tuple(fields)
        self.rows: list[tuple] = rows if rows is not None else []

    @classmethod
    def of(cls, records: Sequence[dict]) -> Records:
        """Compact `records` (dicts with the same fields, as a preparer writes them)."""
        if isinstance(records, Records):
            return records
        if not records:
            return cls()
        fields = tuple(name for name in records[0] if not name.startswith("_"))
        if len(fields) == 1:
            return cls(fields, [(record[fields[0]],) for record in records])
        pick = itemgetter(*fields)
        return cls(fields, [pick(record) for record in records])

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):  # a row as a dict, or a slice as Records
        if isinstance(index, slice):
            return Records(self.fields, self.rows[index])
        return dict(zip(self.fields, self.rows[index], strict=True))

    def __iter__(self) -> Iterator[dict]:
        fields = self.fields
        for row in self.rows:
            yield dict(zip(fields, row, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records | list):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Records({len(self.rows)} rows of {', '.join(self.fields)})"

    def column(self, name: str) -> list:
        at = self.fields.index(name)
        return [row[at] for row in self.rows]

    def values_in(self, columns: Sequence[str]) -> Iterator[list]:
        """Each row's values in `columns` order (a column the rows do not have is None), as
        a fresh list the caller may change."""
        rows = self.rows  # once: a spooled tab is read from its file on each ask
        if not rows:
            return iter(())
        have = {name: at for at, name in enumerate(self.fields)}
        if all(name in have for name in columns):
            if len(columns) == 1:
                at = have[columns[0]]
                return ([row[at]] for row in rows)
            pick = itemgetter(*(have[name] for name in columns))
            return (list(pick(row)) for row in rows)
        positions = [have.get(name) for name in columns]
        return ([None if at is None else row[at] for at in positions] for row in rows)


class Spool:
    """A temporary file that validated rows wait in until the load reads them.

    A year of Zoom logs held as rows, even as tuples, is more memory than a province machine
    should need: each validated tab's rows are written here (pickled, one block per tab) and
    read back, one tab at a time, when the load writes that tab. The file has no name on
    disk and is gone when the last of its rows' holders is.
    """

    def __init__(self) -> None:
        self._file = None  # opened at the first rows kept

    def keep(self, records: Records) -> Records:
        if not records.rows:
            return records
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="mekar-baris-")
        self._file.seek(0, io.SEEK_END)
        offset = self._file.tell()
        pickle.dump(records.rows, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        return SpooledRecords(records.fields, self, offset, len(records.rows))

    def read(self, offset: int) -> list[tuple]:
        self._file.seek(offset)
        return pickle.load(self._file)


class SpooledRecords(Records):
    """Records whose rows are in a `Spool`: read from it each time they are asked for, so
    only the tab being loaded is in memory."""

    __slots__ = ("_spool", "_offset", "_count")

    def __init__(self, fields: Sequence[str], spool: Spool, offset: int, count: int) -> None:
        self.fields = tuple(fields)
        self._spool, self._offset, self._count = spool, offset, count

    @property
    def rows(self) -> list[tuple]:
        return self._spool.read(self._offset)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return Records(self.fields, self.rows)[index]

    def __repr__(self) -> str:
        return f"SpooledRecords({self._count} rows of {', '.join(self.fields)})"
