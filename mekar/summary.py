"""What a run did, in numbers: printed by the CLI, published as Prefect artifacts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# How many quarantined rows the run log spells out per worksheet; the rest are counted and
# are on the summary page and in `mekar export quarantine`.
QUARANTINE_SHOWN = 20


def quarantine_messages(validated) -> list[tuple[str, int, list[str]]]:
    out = []
    for sheet in validated.sheets:
        if sheet.quarantine:
            shown = [row.pesan for row in sheet.quarantine[:QUARANTINE_SHOWN]]
            out.append((f"{sheet.spreadsheet}/{sheet.worksheet}", len(sheet.quarantine), shown))
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
    report_dir: Path | None = None
    report_pages: int = 0
    # This run's quarantined rows: (worksheet, total, the first messages), see QUARANTINE_SHOWN.
    quarantine_messages: list[tuple[str, int, list[str]]] = field(default_factory=list)
    not_read: list[str] = field(default_factory=list)  # files/tabs left aside, with why
    not_read_serious: list[str] = field(default_factory=list)  # of those, what fails the run
    notes: list[str] = field(default_factory=list)  # what was cleaned on the way in
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
            report_dir=report.out_dir if report else None,
            report_pages=len(report.pages) if report else 0,
        )
