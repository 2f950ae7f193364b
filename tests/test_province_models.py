"""The province roll-up's SQL models (sql/province), given rows -> expected rows, on SQLite
and PostgreSQL; and where each partition keeps its warehouse."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from mekar.config import PartitionSettings, ProvinceSettings, Settings
from mekar.errors import MekarError
from mekar.warehouse.lock import _lock_key, run_lock
from mekar.warehouse.partitions import choose, partition_settings, partition_url
from tests.sql_unit import run_model

PARTISI = [
    {"instansi": "SRAGEN", "nama_instansi": "Kabupaten Sragen", "urutan": 1},
    {"instansi": "KLATEN", "nama_instansi": "Kabupaten Klaten", "urutan": 2},
    {"instansi": "BLORA", "nama_instansi": "Kabupaten Blora", "urutan": 3},
]


def _opd(instansi, kode, asn, ok, jp, responden=0, teknis=0, tahun=2023):
    return {
        "instansi": instansi,
        "tahun": tahun,
        "kode_opd": kode,
        "nama_opd": f"{kode} {instansi}",
        "jumlah_asn": asn,
        "jumlah_memenuhi": ok,
        "total_jp": jp,
        "responden_kebutuhan": responden,
        "jumlah_teknis_20": teknis,
    }


def test_regency_rows_sum_their_own_opds_and_rank_with_ties(warehouse_url):
    rows = run_model(
        warehouse_url,
        "prov_instansi",
        {
            "prov_partisi": PARTISI,
            "prov_src_opd": [
                _opd("SRAGEN", "DISDIKBUD", 8, 4, 160, responden=6, teknis=3),
                _opd("SRAGEN", "DINKES", 2, 1, 30, responden=2),
                _opd("KLATEN", "DISDIKBUD", 4, 2, 40, responden=1, teknis=1),
                _opd("BLORA", "DISDIKBUD", 5, 1, 25),
            ],
            "prov_src_asn": [
                {
                    "instansi": "SRAGEN",
                    "tahun": 2023,
                    "nip": "1",
                    "kode_opd": "DINKES",
                    "jp": 20,
                    "jp_mandiri": 6,
                    "memenuhi": 1,
                },
                {
                    "instansi": "SRAGEN",
                    "tahun": 2023,
                    "nip": "2",
                    "kode_opd": "DINKES",
                    "jp": 10,
                    "jp_mandiri": 4,
                    "memenuhi": 0,
                },
            ],
            "prov_src_kegiatan": [
                {"instansi": "SRAGEN", "tahun": 2023, "kode_kegiatan": "A", "jp": 4.0},
                {"instansi": "SRAGEN", "tahun": 2023, "kode_kegiatan": "B", "jp": 2.0},
                {"instansi": "KLATEN", "tahun": 2023, "kode_kegiatan": "A", "jp": 8.0},
            ],
        },
    )
    # instansi, nama, urutan, tahun, opd, asn, memenuhi, %, total jp, rata, jp mandiri,
    # responden, % responden, teknis 20, kegiatan, jp katalog, peringkat
    assert rows == [
        ("BLORA", "Kabupaten Blora", 3, 2023, 1, 5, 1, 20.0, 25, 5.0, 0, 0, 0.0, 0, 0, 0, 3),
        ("KLATEN", "Kabupaten Klaten", 2, 2023, 1, 4, 2, 50.0, 40, 10.0, 0, 1, 25.0, 1, 1, 8, 1),
        ("SRAGEN", "Kabupaten Sragen", 1, 2023, 2, 10, 5, 50.0, 190, 19.0, 10, 8, 80.0, 3, 2, 6, 1),
    ]


def test_opds_keep_their_regency_and_rank_across_the_province(warehouse_url):
    rows = run_model(
        warehouse_url,
        "prov_opd",
        {
            "prov_partisi": PARTISI,
            "prov_src_opd": [
                _opd("SRAGEN", "DISDIKBUD", 4, 3, 80),
                _opd("KLATEN", "DISDIKBUD", 4, 3, 60),
                _opd("KLATEN", "DINKES", 5, 1, 25),
                _opd("BLORA", "KOSONG", 0, 0, 0),
            ],
        },
    )
    assert rows == [
        ("BLORA", "Kabupaten Blora", 2023, "KOSONG", "KOSONG BLORA", 0, 0, 0.0, 0.0, None),
        ("KLATEN", "Kabupaten Klaten", 2023, "DINKES", "DINKES KLATEN", 5, 1, 20.0, 5.0, 3),
        ("KLATEN", "Kabupaten Klaten", 2023, "DISDIKBUD", "DISDIKBUD KLATEN", 4, 3, 75.0, 15.0, 1),
        ("SRAGEN", "Kabupaten Sragen", 2023, "DISDIKBUD", "DISDIKBUD SRAGEN", 4, 3, 75.0, 20.0, 1),
    ]


def test_needs_summed_per_regency_topics_case_folded(warehouse_url):
    def need(instansi, kode, kategori, nilai, jumlah):
        return {
            "instansi": instansi,
            "tahun": 2023,
            "kode_opd": kode,
            "kategori": kategori,
            "nilai": nilai,
            "jumlah": jumlah,
        }

    rows = run_model(
        warehouse_url,
        "prov_kebutuhan",
        {
            "prov_src_kebutuhan": [
                need("SRAGEN", "A", "jenis_kompetensi", "Teknis", 3),
                need("SRAGEN", "B", "jenis_kompetensi", "Teknis", 2),
                need("SRAGEN", "B", "jenis_kompetensi", "Manajerial", 4),
                need("SRAGEN", "A", "topik", "Excel", 1),
                need("SRAGEN", "B", "topik", " excel ", 2),
                need("KLATEN", "A", "jenis_kompetensi", "Teknis", 1),
            ],
        },
    )
    assert rows == [
        ("KLATEN", 2023, "jenis_kompetensi", "Teknis", 1, 1),
        ("SRAGEN", 2023, "jenis_kompetensi", "Manajerial", 4, 2),
        ("SRAGEN", 2023, "jenis_kompetensi", "Teknis", 5, 1),
        ("SRAGEN", 2023, "topik", "Excel", 3, 1),
    ]


def test_a_nip_active_in_two_regencies_is_listed_once_per_regency(warehouse_url):
    def asn(instansi, nip, jp, tahun=2023):
        return {
            "instansi": instansi,
            "tahun": tahun,
            "nip": nip,
            "kode_opd": "X",
            "jp": jp,
            "jp_mandiri": 0,
            "memenuhi": 0,
        }

    rows = run_model(
        warehouse_url,
        "prov_nip_ganda",
        {
            "prov_src_asn": [
                asn("SRAGEN", "111", 12),
                asn("KLATEN", "111", 4),
                asn("KLATEN", "222", 8),
                asn("SRAGEN", "333", 1, tahun=2022),
                asn("SRAGEN", "333", 2),  # twice in one regency's years: not a double
            ],
        },
    )
    assert rows == [(2023, "111", "KLATEN", "X", 4, 2), (2023, "111", "SRAGEN", "X", 12, 2)]


PROVINCE = ProvinceSettings(
    partitions=[
        PartitionSettings(kode="SRAGEN", nama="Kabupaten Sragen", data_dir="a"),
        PartitionSettings(kode="KLATEN", nama="Kabupaten Klaten", data_dir="b"),
    ]
)


def test_each_partition_has_its_own_schema_or_file():
    pg = make_url(
        partition_url("postgresql+psycopg://u@h/db?options=-csearch_path%3Dx", PROVINCE, "KLATEN")
    )
    assert pg.database == "db" and pg.query["options"] == "-csearch_path=mekar_klaten"
    assert partition_url("sqlite:///data/mekar.db", PROVINCE, "SRAGEN") == (
        "sqlite:///data/mekar_sragen.db"
    )
    assert partition_url("sqlite:///mekar.db", PROVINCE, "provinsi") == (
        "sqlite:///mekar_provinsi.db"
    )
    with pytest.raises(MekarError, match="PostgreSQL atau berkas SQLite"):
        partition_url("sqlite://", PROVINCE, "SRAGEN")


def test_partitions_of_one_database_lock_apart(postgres_ready):
    from tests.conftest import PG_URL

    sragen = partition_url(PG_URL, PROVINCE, "SRAGEN")
    klaten = partition_url(PG_URL, PROVINCE, "KLATEN")
    assert _lock_key(sragen) != _lock_key(klaten)
    # two partitions run at once; a second run of the same one is refused
    with run_lock(sragen, wait=False), run_lock(klaten, wait=False):
        with pytest.raises(MekarError, match="Run lain sedang memakai"):
            with run_lock(sragen, wait=False):
                pass


def test_choosing_partitions_by_code():
    assert [p.kode for p in choose(PROVINCE, None)] == ["SRAGEN", "KLATEN"]
    assert [p.kode for p in choose(PROVINCE, ["klaten"])] == ["KLATEN"]
    with pytest.raises(
        MekarError, match="Partisi tidak dikenal: BOYOLALI. Yang ada: SRAGEN, KLATEN"
    ):
        choose(PROVINCE, ["BOYOLALI"])
    with pytest.raises(MekarError, match=r"\[\[province.partitions\]\]"):
        choose(ProvinceSettings(), None)


def test_a_partition_names_its_own_regency_and_reads_its_own_sheets():
    settings = Settings(_env_file=None)
    own = partition_settings(
        settings,
        PartitionSettings(
            kode="KLATEN",
            nama="Kabupaten Klaten",
            spreadsheets={"master": "k1"},
            credentials_file="/etc/mekar/jateng.json",
        ),
    )
    assert own.instansi == "Kabupaten Klaten"
    assert own.bkpsdm_contact.nama == "Bidang Pengembangan Kompetensi, BKPSDM Kabupaten Klaten"
    assert own.sheets.spreadsheets == {"master": "k1"}
    assert str(own.sheets.credentials_file) == "/etc/mekar/jateng.json"
    assert settings.sheets.spreadsheets == {}  # the shared settings are left as they were
