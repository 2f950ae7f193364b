"""The public entry point: write_sample_year writes the whole year, region by region."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from random import Random

from tooling.sample_year.files import SampleFiles, remove_stale_logs
from tooling.sample_year.model import Registry
from tooling.sample_year.regions import plan_regions, write_region

COUNT_KEYS = (
    "opd", "asn", "pns", "pppk", "inactive", "roster_broken", "kegiatan", "zoom_logs",
    "zoom_rows", "daftar_hadir", "kebutuhan", "koreksi", "pengembangan",
)  # fmt: skip


def write_sample_year(
    out_dir: Path,
    scale: float = 1.0,
    seed: int = 2023,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write a realistic year of sources under ``out_dir`` in the contract's CSV files layout.

    Writes ``master/opd.csv``, ``master/pegawai.csv``, ``kebutuhan/Form Responses 1.csv``,
    ``kegiatan/kegiatan.csv``, ``kegiatan/daftar_hadir.csv``, ``kegiatan/koreksi.csv``,
    ``pengembangan/Form Responses 1.csv`` and ``log_zoom/<Kode Kegiatan>.csv``
    (existing files are overwritten; stale ``log_zoom/*.csv`` files from an earlier run are
    removed so the folder holds one year). ``scale`` multiplies ASN, OPDs (one OPD set per
    regency), sessions and rows. Returns the counts written; ``asn``, ``pns`` and ``pppk`` count
    valid active roster rows (at scale 1: 10,503 = 8,783 + 1,720), on top of which come
    ``inactive`` and ``roster_broken`` rows.
    """
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    out_dir = Path(out_dir)
    report = progress or (lambda _message: None)
    regions = plan_regions(scale, Random(f"{seed}/regions"))
    registry = Registry(nips=set(), emails=set())
    counts = dict.fromkeys(COUNT_KEYS, 0)
    written_logs: list[Path] = []
    with SampleFiles(out_dir) as files:
        for region in regions:
            report(f"Menyiapkan wilayah {region.index + 1}/{len(regions)}: {region.label} ...")
            write_region(region, seed, files, registry, counts, written_logs, report)
    remove_stale_logs(out_dir / "log_zoom", written_logs)
    report(
        f"Selesai: {_id_number(counts['asn'])} ASN, {_id_number(counts['kegiatan'])} kegiatan, "
        f"{_id_number(counts['zoom_rows'])} baris log Zoom."
    )
    return counts


def _id_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")
