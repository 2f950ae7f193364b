"""One partition (regency) of a province run, as one coarse task on the Dask cluster.

The task gets a few names and URLs, never rows: it reads its own sources and writes its own
schema of the warehouse (data moves through PostgreSQL, not through Dask), and gives back
only the run's summary. Its load and transform are one transaction (tasks/load.py), so a
partition that fails leaves its last good state and the others untouched.
"""

from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from mekar import preflight
from mekar.config import PartitionSettings, ProvinceSettings, Settings
from mekar.errors import MekarError
from mekar.summary import RunSummary
from mekar.transform.province import PartitionOutcome
from mekar.warehouse.partitions import partition_settings, partition_url, prepare_schema
from tasks.extract import make_source
from tasks.refresh import refresh


@task(name="partisi", task_run_name="partisi-{partition.kode}", cache_policy=NO_CACHE)
def run_partition(
    partition: PartitionSettings,
    settings: Settings,
    base_url: str,
    out_dir: str,
    year: int | None,
) -> RunSummary:
    """The nightly of one regency into its own schema; its pages into out/<KODE>/."""
    _quiet_tracebacks(out_dir)
    logger = get_run_logger()
    url = partition_url(base_url, settings.province, partition.kode)
    logger.info("Partisi %s (%s): mulai", partition.kode, partition.nama)
    prepare_schema(base_url, settings.province, partition.kode)
    preflight.warehouse(url)  # a new partition's schema is created; an outdated one refused
    own = partition_settings(settings, partition)
    source = make_source(str(partition.data_dir) if partition.data_dir else None, own)
    out = str(Path(out_dir) / partition.kode)
    summary = refresh(source, own, url, out, year, artifacts=f"partisi-{partition.kode}")
    logger.info(
        "Partisi %s: %d dari %d ASN aktif memenuhi target tahun %s",
        partition.kode,
        summary.asn_memenuhi,
        summary.asn_aktif,
        summary.year,
    )
    return summary


def _quiet_tracebacks(out_dir: str) -> None:
    """A Dask worker is a process of its own: its console, like the command's
    (mekar.console), shows one line per failure and keeps the traceback in out/mekar.log;
    `mekar --debug` (MEKAR_DEBUG in the workers' environment) keeps it on the screen."""
    import os

    from mekar.console import route_tracebacks_to_file

    if not os.environ.get("MEKAR_DEBUG"):
        route_tracebacks_to_file(Path(out_dir))


def dask_runner(province: ProvinceSettings):
    """Prefect's Dask task runner: the configured scheduler (production: `dask scheduler` and
    `dask worker` on the servers), or a LocalCluster of `local_workers` one-thread processes
    (a partition's stages are CPU-bound Python: threads would share one core)."""
    import logging
    import os

    from prefect_dask import DaskTaskRunner

    # Dask's own INFO lines (workers starting, closing) drown the run's; workers inherit this.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if province.dask_address:
        return DaskTaskRunner(address=province.dask_address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": province.local_workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )


def outcome_of(partition: PartitionSettings, future) -> PartitionOutcome:
    """What the partition's task came to, as one line a person can act on."""
    future.wait()
    if future.state.is_completed():
        summary: RunSummary = future.result()
        if summary.problems:
            return PartitionOutcome(partition.kode, "tidak_lengkap", "; ".join(summary.problems))
        return PartitionOutcome(partition.kode, "berhasil")
    error = future.result(raise_on_failure=False)
    if isinstance(error, MekarError):
        reason = str(error)
    elif isinstance(error, BaseException):
        reason = f"{type(error).__name__}: {error}"
    else:
        reason = future.state.message or future.state.name
    return PartitionOutcome(partition.kode, "gagal", reason)
