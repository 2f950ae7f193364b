"""What a run did, in numbers: printed by the CLI, published as Prefect artifacts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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

    @property
    def quarantined(self) -> int:
        return sum(self.quarantine_by_reason.values())

    @classmethod
    def from_stages(cls, year, extracted, validated, loaded, transformed, report) -> RunSummary:
        return cls(
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
