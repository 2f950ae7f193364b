"""A province (or more) as partitions: each regency's nightly as one coarse task on a Dask
cluster (Prefect's DaskTaskRunner), then the province roll-up, page and email.

Deployed from prefect.yaml (province-nightly, province-weekly); also `mekar run province`.
Each partition reads its own sources and writes its own schema in one transaction
(tasks/partition.py); only summaries travel through Dask. A partition that fails is
reported, the others are loaded and rolled up; `--partition KODE` reruns that one alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow

from mekar.config import PartitionSettings, Settings
from mekar.transform.province import PartitionOutcome, RollUp
from mekar.warehouse.partitions import choose
from tasks.outcome import finish
from tasks.partition import dask_runner, outcome_of, run_partition
from tasks.province import render_province_task, roll_up_task, send_province_email_task


@dataclass
class ProvinceSummary:
    outcomes: list[PartitionOutcome] = field(default_factory=list)
    rolled: RollUp | None = None
    page: Path | None = None
    emailed: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [
            f"Partisi {o.kode} {o.status.replace('_', ' ')}: {o.pesan} (ulangi: mekar run "
            f"province --partition {o.kode})"
            for o in self.outcomes
            if o.status != "berhasil"
        ]


@flow(name="province-partitions")
def run_partitions(
    chosen: list[PartitionSettings],
    settings: Settings,
    base_url: str,
    out_dir: str,
    year: int | None,
) -> list[PartitionOutcome]:
    """Every chosen partition at once on the cluster; waits for all, failed ones included."""
    futures = [
        (partition, run_partition.submit(partition, settings, base_url, out_dir, year))
        for partition in chosen
    ]
    return [outcome_of(partition, future) for partition, future in futures]


@flow(name="province")
def province(
    partitions: list[str] | None = None,
    year: int | None = None,
    warehouse_url: str | None = None,
    out_dir: str | None = None,
    email: bool = False,
) -> ProvinceSummary:
    """Refresh every regency of the province (or those named), then the roll-up.

    Args:
        partitions: Kode of the partitions to run (province.partitions in mekar.toml);
            empty = all. The roll-up always covers every partition that has data.
        year: Report year; empty = each regency's latest year with sessions.
        warehouse_url: PostgreSQL (production) or SQLite URL; each partition gets its own
            schema (or file) of it. Empty = warehouse_url in mekar.toml.
        out_dir: Reports: out/provinsi.html and out/<KODE>/ per regency.
        email: Also send the province summary email to province.recipients.
    """
    settings = Settings()
    chosen = choose(settings.province, partitions)
    base = warehouse_url or settings.warehouse_url
    out = out_dir or str(settings.out_dir)

    runner = dask_runner(settings.province)
    outcomes = run_partitions.with_options(task_runner=runner)(chosen, settings, base, out, year)
    summary = ProvinceSummary(outcomes=outcomes)
    summary.rolled = roll_up_task(base, settings, outcomes)
    summary.page = render_province_task(base, settings, out, year)
    if email:
        summary.emailed = send_province_email_task(base, settings, out, year)
    return finish(summary, summary.problems)
