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
    quarantine_by_reason: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    model_rows: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    report_dir: Path | None = None
    report_pages: int = 0

    @property
    def quarantined(self) -> int:
        return sum(self.quarantine_by_reason.values())
