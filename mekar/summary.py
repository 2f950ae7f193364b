"""What a run did, in numbers: printed by the CLI, published as Prefect artifacts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# How many lines (faults) the run log spells out per worksheet; the rest are counted and
# are on the summary page and in `mekar export quarantine`.
QUARANTINE_SHOWN = 20


def _row_ranges(rows: list[int], shown: int = 6) -> str:
    """[2, 3, 4, 9] -> '2–4, 9'; a long list is cut after `shown` pieces."""
    pieces: list[str] = []
    start = prev = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == prev + 1:
            prev = row
            continue
        pieces.append(str(start) if start == prev else f"{start}–{prev}")
        if row is not None:
            start = prev = row
    more = f", … ({len(pieces) - shown} rentang lagi)" if len(pieces) > shown else ""
    return ", ".join(pieces[:shown]) + more


def quarantine_messages(validated) -> list[tuple[str, int, int, list[str]]]:
    """Per worksheet: (where, rows quarantined, lines for the log). Rows with the same fault
    (same column, same words but for the row number) share one line, so a whole Zoom tab of
    an unknown session is one line naming its rows, not hundreds."""
    out = []
    for sheet in validated.sheets:
        if not sheet.quarantine:
            continue
        where = f"{sheet.spreadsheet}/{sheet.worksheet}"
        groups: dict[str, list] = {}
        for row in sheet.quarantine:
            groups.setdefault(row.pesan.replace(f" baris {row.baris},", ",", 1), []).append(row)
        lines = []
        for _, rows in list(groups.items())[:QUARANTINE_SHOWN]:
            if len(rows) == 1:
                lines.append(rows[0].pesan)
            else:
                numbers = sorted(r.baris for r in rows)
                lines.append(
                    rows[0].pesan.replace(
                        f" baris {rows[0].baris},",
                        f" baris {_row_ranges(numbers)} ({len(rows)} baris),",
                        1,
                    )
                )
        shown = sum(len(rows) for rows in list(groups.values())[:QUARANTINE_SHOWN])
        out.append((where, len(sheet.quarantine), shown, lines))
    return out


@dataclass
class RunSummary:
    year: int | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_changed: int = 0
    worksheets_read: int = 0
    worksheets_unchanged: int = 0
    rows_checked: int = 0  # data rows validated this run (loaded + quarantined)
    asn_aktif: int = 0
    asn_memenuhi: int = 0
    quarantine_by_reason: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    model_rows: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    transform_skipped: bool = False  # no source row changed: the marts were already current
    report_dir: Path | None = None
    report_pages: int = 0
    report_pages_unchanged: int = 0  # of report_pages, those not rewritten (same content)
    # This run's quarantined rows: (worksheet, rows, rows named, lines), see QUARANTINE_SHOWN.
    quarantine_messages: list[tuple[str, int, int, list[str]]] = field(default_factory=list)
    not_read: list[str] = field(default_factory=list)  # files/tabs left aside, with why
    not_read_serious: list[str] = field(default_factory=list)  # of those, what fails the run
    notes: list[str] = field(default_factory=list)  # what was cleaned on the way in
    warnings: list[str] = field(default_factory=list)  # cells used in part (an OPD's Email)
    guests_dropped: int = 0  # Zoom guests that match nobody (rule 2), report year

    @property
    def problems(self) -> list[str]:
        """What keeps this run from being complete: it then ends Failed (with its reports)."""
        return self.failures + [f"Tidak dibaca: {item}" for item in self.not_read_serious]

    @property
    def quarantined(self) -> int:
        return sum(self.quarantine_by_reason.values())

    @classmethod
    def from_stages(cls, year, extracted, validated, loaded, transformed, report) -> RunSummary:
        return cls(
            quarantine_messages=quarantine_messages(validated),
            not_read=[str(item) for item in extracted.not_read if not item.serious],
            not_read_serious=[str(item) for item in extracted.not_read if item.serious],
            notes=extracted.notes,
            warnings=[w for sheet in validated.sheets for w in sheet.warnings],
            year=year,
            rows_read=extracted.row_count,
            rows_loaded=sum(len(s.records) for s in validated.sheets),
            rows_changed=loaded.changed,
            worksheets_read=len(extracted.worksheets),
            worksheets_unchanged=len(validated.unchanged),
            rows_checked=sum(len(s.records) + len(s.quarantine) for s in validated.sheets),
            quarantine_by_reason=loaded.quarantine_by_reason,
            failures=[str(f) for f in validated.failures],
            model_rows=transformed.rows,
            transform_skipped=transformed.skipped,
            report_dir=report.out_dir if report else None,
            report_pages=len(report.pages) if report else 0,
            report_pages_unchanged=report.pages_unchanged if report else 0,
        )
