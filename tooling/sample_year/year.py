"""The public entry point: write_sample_year writes the whole year, region by region."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from random import Random

from tooling.sample_year.files import SampleFiles, remove_stale_logs
from tooling.sample_year.model import Registry
from tooling.sample_year.regions import partition_kode, plan_regions, write_region

COUNT_KEYS = (
    "opd", "asn", "pns", "pppk", "inactive", "roster_broken", "kegiatan", "zoom_logs",
    "zoom_rows", "daftar_hadir", "kebutuhan", "koreksi", "pengembangan",
)  # fmt: skip


def write_sample_year(
    out_dir: Path,
    scale: float = 1.0,
    seed: int = 2023,
    progress: Callable[[str], None] | None = None,
    regions: int | None = None,
    per_region: bool = False,
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

    ``regions`` splits the population into that many regencies whatever the scale.
    ``per_region`` writes each regency into its own folder ``<out_dir>/<KODE>/`` with plain
    OPD codes, plus ``<out_dir>/mekar-provinsi.toml`` naming them as the partitions of a
    province run (flows/province.py); the rows are those of the one-folder year but for
    the OPD codes' suffixes.
    """
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    out_dir = Path(out_dir)
    report = progress or (lambda _message: None)
    planned = plan_regions(scale, Random(f"{seed}/regions"), regions, plain_codes=per_region)
    registry = Registry(nips=set(), emails=set())
    counts = dict.fromkeys(COUNT_KEYS, 0)
    if per_region:
        for region in planned:
            folder = out_dir / partition_kode(region)
            written_logs: list[Path] = []
            report(f"Menyiapkan wilayah {region.index + 1}/{len(planned)}: {region.label} ...")
            with SampleFiles(folder) as files:
                write_region(region, seed, files, registry, counts, written_logs, report)
            remove_stale_logs(folder / "log_zoom", written_logs)
        write_province_config(out_dir, planned)
    else:
        written_logs = []
        with SampleFiles(out_dir) as files:
            for region in planned:
                report(f"Menyiapkan wilayah {region.index + 1}/{len(planned)}: {region.label} ...")
                write_region(region, seed, files, registry, counts, written_logs, report)
        remove_stale_logs(out_dir / "log_zoom", written_logs)
    report(
        f"Selesai: {_id_number(counts['asn'])} ASN, {_id_number(counts['kegiatan'])} kegiatan, "
        f"{_id_number(counts['zoom_rows'])} baris log Zoom."
    )
    return counts


PROVINCE_CONFIG = "mekar-provinsi.toml"


def write_province_config(out_dir: Path, regions) -> Path:
    """The [province] section naming each regency's folder as a partition (absolute paths,
    so MEKAR_CONFIG may point at it from anywhere)."""
    lines = [
        "# Written by `mekar sample-data --per-region`: one partition per regency folder.",
        "# Use it as it is (MEKAR_CONFIG=<this file>) or copy [province] into mekar.toml.",
        "[province]",
        'kode = "JATENG"',
        'nama = "Provinsi Jawa Tengah (data contoh)"',
        "local_workers = 2",
        "",
    ]
    for region in regions:
        folder = (out_dir / partition_kode(region)).resolve()
        lines += [
            "[[province.partitions]]",
            f'kode = "{partition_kode(region)}"',
            f'nama = "{region.label}"',
            f"data_dir = {json.dumps(str(folder))}",
            "",
        ]
    path = out_dir / PROVINCE_CONFIG
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _id_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")
