"""A province as partitions on a real dask.distributed LocalCluster (2 workers), warehouse on
PostgreSQL: each regency's exports from the partitioned run equal those of that regency run
alone; a partition that fails is reported while the others load and roll up; a retry of
that partition alone (`--partition`) leaves the others as they were."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mekar.export import EXPORTS, write_export
from mekar.warehouse.db import make_engine
from mekar.warehouse.partitions import partition_url
from tests.conftest import PG_URL, _warehouse
from tooling.sample_year import write_sample_year

REGIONS = ("SRAGEN", "KARANGANYAR", "SUKOHARJO")
BROKEN = "WONOGIRI"  # configured, its folder not there (yet)
YEAR = 2023


def _config(path: Path, data: Path, prefix: str) -> Path:
    lines = [
        "[province]",
        'kode = "JATENG"',
        'nama = "Provinsi Uji"',
        "local_workers = 2",
        f'schema_prefix = "{prefix}"',
        'recipients = ["bkd@prov.example"]',
    ]
    for kode in (*REGIONS, BROKEN):
        lines += [
            "[[province.partitions]]",
            f'kode = "{kode}"',
            f'nama = "Kabupaten {kode.title()}"',
            f'data_dir = "{data / kode}"',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _exports(url: str, folder: Path) -> dict[str, bytes]:
    engine = make_engine(url)
    out = {}
    for what in EXPORTS:
        target = folder / f"{what}.csv"
        write_export(engine, what, YEAR, target)
        out[what] = target.read_bytes()
    engine.dispose()
    return out


@pytest.fixture(scope="module")
def province_year(tmp_path_factory):
    """Three regencies of a small year (630 ASN), one folder each, plain OPD codes."""
    data = tmp_path_factory.mktemp("provinsi")
    write_sample_year(data, scale=0.06, seed=11, regions=len(REGIONS), per_region=True)
    return data


@pytest.fixture
def province_run(prefect_harness, postgres_ready, province_year, tmp_path, monkeypatch):
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    monkeypatch.setenv("MEKAR_CONFIG", str(_config(tmp_path / "mekar.toml", province_year, prefix)))
    yield prefix, tmp_path
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        for (schema,) in conn.execute(
            text("select nspname from pg_namespace where nspname like :p"), {"p": f"{prefix}%"}
        ):
            conn.execute(text(f'drop schema "{schema}" cascade'))
    admin.dispose()


def test_partitions_equal_their_regency_run_alone(province_run, province_year, tmp_path):
    from flows.nightly import nightly
    from flows.province import province
    from mekar.config import Settings
    from tasks.outcome import outcome

    prefix, work = province_run
    out = work / "out"
    summary, problems = outcome(
        province(warehouse_url=PG_URL, out_dir=str(out), email=True, return_state=True)
    )

    # the broken partition is reported, by name and with what to do; the others loaded
    status = {o.kode: o.status for o in summary.outcomes}
    assert status == {**dict.fromkeys(REGIONS, "berhasil"), BROKEN: "gagal"}
    failed = next(o for o in summary.outcomes if o.kode == BROKEN)
    assert str(province_year / BROKEN) in failed.pesan
    assert problems == [
        f"Partisi {BROKEN} gagal: {failed.pesan} (ulangi: mekar run province --partition {BROKEN})"
    ]
    assert summary.rolled.included == list(REGIONS)
    assert summary.rolled.missing == [BROKEN]

    settings = Settings()
    for kode in REGIONS:
        # the same regency run alone, on its own fresh warehouse (a schema of the same server)
        with _warehouse("postgresql", tmp_path, f"alone_{kode}") as alone:
            alone_summary = nightly(
                str(province_year / kode), None, alone, str(work / f"alone_{kode}")
            )
            assert alone_summary.asn_aktif > 0
            partitioned = _exports(
                partition_url(PG_URL, settings.province, kode), work / "exports" / "province" / kode
            )
            single = _exports(alone, work / "exports" / "alone" / kode)
        assert partitioned == single, kode
        # an OPD code is the regency's own: every regency has DISDIKBUD, none has a suffix
        assert b"\nDISDIKBUD," in partitioned["opd"]
        assert (out / kode / "index.html").is_file()

    # the roll-up: each regency's row is the sum of its own agg_opd
    province_engine = create_engine(partition_url(PG_URL, settings.province, "provinsi"))
    with province_engine.connect() as conn:
        rows = conn.execute(
            text(
                "select instansi, jumlah_opd, jumlah_asn, jumlah_memenuhi from prov_instansi "
                "where tahun = :y order by instansi"
            ),
            {"y": YEAR},
        ).all()
        partisi = dict(conn.execute(text("select instansi, status from prov_partisi")).all())
    want = []
    for kode in sorted(REGIONS):
        with create_engine(partition_url(PG_URL, settings.province, kode)).connect() as conn:
            want.append(
                (
                    kode,
                    *conn.execute(
                        text(
                            "select count(*), sum(jumlah_asn), sum(jumlah_memenuhi) from agg_opd "
                            "where tahun = :y"
                        ),
                        {"y": YEAR},
                    ).one(),
                )
            )
    assert rows == want
    assert partisi == {**dict.fromkeys(REGIONS, "berhasil"), BROKEN: "gagal"}

    page = (out / "provinsi.html").read_text(encoding="utf-8")
    assert "Ringkasan Provinsi Uji" in page
    assert f"mekar run province --partition {BROKEN}" in page
    for kode in REGIONS:
        assert f'href="{kode}/index.html"' in page
    # each regency's own pages name it, not Sragen
    assert "Ringkasan Kabupaten Sukoharjo" in (out / "SUKOHARJO" / "ringkasan.html").read_text(
        encoding="utf-8"
    )
    sent = list((out / "outbox").glob("bkd@prov.example__*.eml"))
    assert len(sent) == 1
    assert f"--partition {BROKEN}" in sent[0].read_text(encoding="utf-8")

    # the broken partition's folder appears (a copy of Sragen's: same NIPs); retried alone
    with province_engine.connect() as conn:
        before = dict(conn.execute(text("select instansi, run_terakhir from prov_partisi")).all())
    shutil.copytree(province_year / "SRAGEN", province_year / BROKEN)
    try:
        summary, problems = outcome(
            province(partitions=[BROKEN], warehouse_url=PG_URL, out_dir=str(out), return_state=True)
        )
    finally:
        shutil.rmtree(province_year / BROKEN)
    assert problems == []
    assert [o.kode for o in summary.outcomes] == [BROKEN]
    assert summary.rolled.included == [*REGIONS, BROKEN]
    with province_engine.connect() as conn:
        after = dict(conn.execute(text("select instansi, run_terakhir from prov_partisi")).all())
        doubled = conn.execute(
            text(
                "select count(distinct nip), min(jumlah_instansi), max(jumlah_instansi) "
                "from prov_nip_ganda where tahun = :y"
            ),
            {"y": YEAR},
        ).one()
        sragen_asn = conn.execute(
            text("select jumlah_asn from prov_instansi where instansi = 'SRAGEN' and tahun = :y"),
            {"y": YEAR},
        ).scalar_one()
    assert {k: after[k] for k in REGIONS} == {k: before[k] for k in REGIONS}
    assert after[BROKEN] != before[BROKEN]
    # every Sragen ASN now also stands in the copy's roster: listed once per regency
    assert doubled == (sragen_asn, 2, 2)
    page = (out / "provinsi.html").read_text(encoding="utf-8")
    assert f"{sragen_asn} NIP tercatat aktif di daftar pegawai lebih dari satu" in page
    assert "Ditampilkan 50 baris pertama" in page  # the list is cut, and says so
    province_engine.dispose()
