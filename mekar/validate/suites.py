"""Validation with Great Expectations: required columns fail a worksheet, row checks send
bad rows to the quarantine with a reason code and their raw cells; the rest goes on.

Great Expectations is imported lazily (it costs seconds) and run on an ephemeral context:
nothing is written to disk. One suite per worksheet, built from its `RowRule`s.
"""

from __future__ import annotations

import json
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from mekar.addresses import invalid_addresses_of
from mekar.validate.contracts import SheetTable
from mekar.validate.prepare import PREPARERS, Reference, RowRule
from mekar.validate.records import Records


@dataclass(frozen=True)
class QuarantineRow:
    sumber: str  # spreadsheet
    worksheet: str
    baris: int  # sheet row number
    alasan: str  # reason code
    pesan: str  # message for a person: sheet, row, column, what is wrong
    data: str  # the raw cells as JSON (header -> cell)
    kolom: str = ""  # the sheet column a person should look at


@dataclass
class CheckedSheet:
    kind: str
    spreadsheet: str
    worksheet: str
    content_hash: str
    records: Records = field(default_factory=Records)  # rows that passed, typed
    quarantine: list[QuarantineRow] = field(default_factory=list)
    blank_rows: int = 0
    # Cells used in part, for the run log: an OPD's Email cell with an address that is not one
    # (the OPD and its other addresses load; that address is never mailed).
    warnings: list[str] = field(default_factory=list)
    # Natural key of each quarantined row that has one (a NIP, a Kode Kegiatan) -> where and why.
    rejected: dict[str, str] = field(default_factory=dict)


class _Validator:
    """One ephemeral Great Expectations context reused for every worksheet of a run."""

    def __init__(self) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._gx = gx
        self._context = gx.get_context(mode="ephemeral")
        self._context.variables.progress_bars = ProgressBarsConfig(globally=False)
        source = self._context.data_sources.add_pandas("mekar")
        self._batches = source.add_dataframe_asset(
            name="worksheet"
        ).add_batch_definition_whole_dataframe("whole")

    def _expectation(self, rule: RowRule, position: int):
        import great_expectations.expectations as gxe

        meta = {"rule": position}
        if rule.kind == "in_set":
            return gxe.ExpectColumnValuesToBeInSet(
                column=rule.check, value_set=list(rule.values), meta=meta
            )
        if rule.kind == "not_in_set":
            return gxe.ExpectColumnValuesToNotBeInSet(
                column=rule.check, value_set=list(rule.values), meta=meta
            )
        if rule.kind == "not_null":
            return gxe.ExpectColumnValuesToNotBeNull(column=rule.check, meta=meta)
        if rule.kind == "at_least":  # check >= values[0], another field of the same row
            return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=rule.check,
                column_B=rule.values[0],
                or_equal=True,
                ignore_row_if="neither",  # a missing value (NaN) fails too
                meta=meta,
            )
        raise ValueError(f"unknown rule kind {rule.kind}")

    def failing_rows(
        self, records: list[dict] | Records, rules: list[RowRule]
    ) -> dict[int, set[int]]:
        """For each rule (by position), the indexes of the records that fail it."""
        import pandas as pd

        if not records or not rules:
            return {}
        checked = {r.check for r in rules}
        numeric = {r.values[0] for r in rules if r.kind == "at_least"}
        numeric |= {r.check for r in rules if r.kind == "at_least"}
        columns = {}
        for column in sorted(checked | numeric):
            values = (
                records.column(column)
                if isinstance(records, Records)
                else [rec[column] for rec in records]
            )
            # Compared columns as numbers (None -> NaN, which fails the comparison); the
            # rest as Python objects, exactly as the record holds them.
            columns[column] = pd.array(values, dtype="float64" if column in numeric else object)
        frame = pd.DataFrame(columns)
        suite = self._gx.ExpectationSuite(name="worksheet")
        for position, rule in enumerate(rules):
            suite.add_expectation(self._expectation(rule, position))
        batch = self._batches.get_batch(batch_parameters={"dataframe": frame})
        outcome = batch.validate(suite, result_format={"result_format": "COMPLETE"})
        failing: dict[int, set[int]] = {}
        for result in outcome.results:
            if result.exception_info and result.exception_info.get("raised_exception"):
                raise RuntimeError(f"validasi gagal: {result.exception_info}")
            position = result.expectation_config.meta["rule"]
            failing[position] = set(result.result.get("unexpected_index_list") or [])
        return failing


_validator: _Validator | None = None


def _get_validator() -> _Validator:
    global _validator
    if _validator is None:
        _validator = _Validator()
    return _validator


def _prepare(table: SheetTable, ref: Reference, default_min_kehadiran: float):
    """The worksheet's typed records and the rules they are checked by (mekar.validate.prepare)."""
    preparer = PREPARERS[table.kind]
    if table.kind == "kegiatan":
        return preparer(table, ref, default_min_kehadiran)
    return preparer(table, ref)


def validate_table(
    table: SheetTable, ref: Reference, content_hash: str, default_min_kehadiran: float = 80.0
) -> CheckedSheet:
    """Split a worksheet's rows into typed good records and quarantined rows.

    A row failing several rules is quarantined once, with the first reason in rule order
    (the order is the contract's: a bad NIP is reported before an unknown one).
    """
    records, rules = _prepare(table, ref, default_min_kehadiran)
    failing = _get_validator().failing_rows(records, rules)
    return _split(table, content_hash, records, rules, failing)


def _rule_shape(rules: list[RowRule]) -> tuple:
    """What an expectation is built from: worksheets whose rules have the same shape can be
    validated in one batch (their reasons' wording may differ: it is only read afterwards)."""
    return tuple((r.check, r.kind, r.values) for r in rules)


def validate_tables(prepared: list) -> list[CheckedSheet]:
    """`validate_table` for many Zoom tabs at once: `prepared` holds (table, content_hash,
    records, rules). Tabs whose rules have the same shape go through Great Expectations as
    one frame: one validation per batch of logs instead of one per session, whose fixed cost
    (~70 ms) grew with the number of tabs."""
    batches: dict[tuple, list[int]] = {}
    for position, (_, _, _, rules) in enumerate(prepared):
        batches.setdefault(_rule_shape(rules), []).append(position)
    failing_of: dict[int, dict[int, set[int]]] = {p: {} for p in range(len(prepared))}
    for positions in batches.values():
        records = _concat([prepared[p][2] for p in positions])
        starts = list(accumulate((len(prepared[p][2]) for p in positions), initial=0))
        failing = _get_validator().failing_rows(records, prepared[positions[0]][3])
        for rule, indexes in failing.items():
            for p in positions:
                failing_of[p][rule] = set()
            for index in indexes:  # back to the worksheet it came from, and its own index
                owner = bisect_right(starts, index) - 1
                failing_of[positions[owner]][rule].add(index - starts[owner])
    return [
        _split(table, stamp, records, rules, failing_of[p])
        for p, (table, stamp, records, rules) in enumerate(prepared)
    ]


def _concat(parts: list[Records]) -> Records:
    """Several Zoom tabs' records as one (the same fields: one preparer wrote them all)."""
    return Records(parts[0].fields, [row for part in parts for row in part.rows])


def _split(
    table: SheetTable,
    content_hash: str,
    records: list[dict] | Records,
    rules: list[RowRule],
    failing: dict[int, set[int]],
) -> CheckedSheet:
    checked = CheckedSheet(
        table.kind, table.spreadsheet, table.worksheet, content_hash, blank_rows=table.blank_rows
    )
    if table.kind == "opd":
        checked.warnings += [
            f"{table.spreadsheet}/{table.worksheet} baris {r['baris']}, kolom Email: "
            f"'{address}' bukan alamat email; tidak dikirimi laporan (alamat lain di sel ini "
            "tetap dipakai)"
            for r in records
            for address in invalid_addresses_of(r.get("email"))
        ]
    # Each failing row's first broken rule, in rule order (the few failing rows, not every
    # row times every rule).
    first_broken: dict[int, int] = {}
    for position in range(len(rules)):
        for index in failing.get(position, ()):
            first_broken.setdefault(index, position)
    if not first_broken:
        checked.records = Records.of(records)
        return checked
    raw_by_row = dict(table.records)
    compact = isinstance(records, Records)
    good = []
    for index, row in enumerate(records.rows if compact else records):
        broken = first_broken.get(index)
        if broken is None:
            good.append(row)
            continue
        record = records[index] if compact else row
        rule = rules[broken]
        row = record["baris"]
        key = record.get("nip") if table.kind == "pegawai" else record.get("kode_kegiatan")
        if key and table.kind in ("pegawai", "kegiatan"):
            checked.rejected.setdefault(
                key, f"{table.spreadsheet}/{table.worksheet} baris {row}: {rule.reason}"
            )
        message = (
            f"{table.spreadsheet}/{table.worksheet} baris {row}, kolom {rule.column}: "
            f"{rule.detail(record)}"
        )
        checked.quarantine.append(
            QuarantineRow(
                table.spreadsheet,
                table.worksheet,
                row,
                rule.reason,
                message,
                json.dumps(table.raw(raw_by_row[row]), ensure_ascii=False),
                rule.column,
            )
        )
    checked.records = Records(records.fields, good) if compact else Records.of(good)
    return checked
