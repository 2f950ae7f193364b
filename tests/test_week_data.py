"""A week's numbers, as of the end of that week: a few rows in (the rules year of
test_rules), the exact rows out; and the golden year against an independent reading."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import text

from mekar.report.formatting import as_date
from mekar.report.week_data import opd_week, projected_jp
from mekar.report.week_regency import OpdRank, _rank, regency_week
from mekar.week import Week
from tests.conftest import GOLDEN
from tests.helpers import run_stages, write_files
from tests.test_rules import (  # noqa: F401 - `year` is a fixture
    S1,
    ZOOM_001,
    A,
    B,
    C,
    D,
    E,
    G,
    _targets,
    year,
    year_files,
)


def _asn(data):
    return [(a.nip, a.jp, a.jp_minggu, a.perkiraan, a.kurang_jp, a.berisiko) for a in data.asn]


def test_an_opd_week_as_of_its_sunday(year):  # noqa: F811
    week = Week(2023, 31)  # 31 July - 6 August: session 003 (Tri's check-in, 8 JP)
    with year.connect() as conn:
        dinkes = opd_week(conn, week, "DINKES")
        setda = opd_week(conn, week, "SETDA")

    # 35 of the programme's 182 days have passed: too early for a pace (the default asks
    # for half); what is left in the catalog after 6 August is session 004's 2 JP
    assert (dinkes.tersisa.sessions, dinkes.tersisa.total_jp) == (1, 2)
    assert sorted(_asn(dinkes)) == sorted(
        [
            (C, 12, 8, None, 0, False),  # 4 in W27 + 8 this week: at the bar of 12
            (A, 4, 0, None, 8, True),  # 8 missing, 2 JP left in the catalog: out of reach
            (G, 0, 0, None, 12, True),  # Ani's 2 JP come in W34, after this week
            (D, 0, 0, None, 12, True),
        ]
    )
    assert [a.risk.label for a in dinkes.di_bawah] == ["Tidak mungkin tercapai dari katalog"] * 3
    assert dinkes.perlu_dihubungi == []
    assert [a.nip for a in dinkes.baru_memenuhi] == [C]
    assert [a.nip for a in dinkes.di_bawah] == [G, D, A]  # most needed first, then by name
    assert (dinkes.jumlah_memenuhi, dinkes.jp_minggu, dinkes.asn_ikut_minggu) == (1, 8, 1)
    assert [(k["kode_kegiatan"], k["peserta_opd"]) for k in dinkes.kegiatan] == [
        ("MEKAR-2023-003", 1)
    ]
    assert dinkes.recipients == ["dinkes@sragen.example"] and not dinkes.nothing_to_report

    assert sorted(_asn(setda)) == sorted([(B, 7, 0, None, 13, True), (E, 0, 0, None, 12, True)])
    assert setda.kegiatan == [] and setda.recipients == []


def test_the_regency_week(year):  # noqa: F811
    with year.connect() as conn:
        w31 = regency_week(conn, Week(2023, 31))
        w27 = regency_week(conn, Week(2023, 27))

    assert [
        (r.peringkat, r.peringkat_lalu, r.kode_opd, r.jumlah_asn, r.memenuhi, r.memenuhi_lalu)
        + (r.jp_minggu, r.asn_ikut_minggu)
        for r in w31.peringkat
    ] == [
        (1, 1, "DINKES", 4, 1, 0, 8, 1),  # Tri reached 12 this week
        (2, 1, "SETDA", 2, 0, 0, 0, 0),  # tied at 0 % last week, now behind
    ]
    assert [r.naik for r in w31.peringkat] == [0, -1]
    assert [(k["kode_kegiatan"], k["peserta"], k["nama_belum_cocok"]) for k in w31.kegiatan] == [
        ("MEKAR-2023-003", 1, 0)
    ]
    assert [r.kode_opd for r in w31.tanpa_penerima] == ["SETDA"]
    assert w31.zoom_belum_cocok == []
    # the week of the BerAKHLAK webinar: its unmatched names (the guest is not listed)
    assert [(u["nama_zoom"], u["menit"]) for u in w27.zoom_belum_cocok] == [
        ("Sri Wahyuni", 180.0),
        ("iPad", 180.0),
    ]
    assert (w27.jp_minggu, w27.asn_ikut_minggu) == (12, 3)  # Budi, Tri, Sari: 4 each

    # needs against delivery up to the end of W31: Budi asked for Manajerial, Sari for
    # Teknis and Sosial Kultural; sessions 001 (Sosial Kultural), 002 and 003 (Teknis)
    assert w31.jenis_kompetensi == ["Teknis", "Manajerial", "Sosial Kultural"]
    cells = {
        (o["kode_opd"], kind): (x["peminat"], x["asn_ikut"], x["kegiatan"]) if x else None
        for o in w31.kebutuhan
        for kind, x in o["jenis"].items()
    }
    assert cells == {
        ("DINKES", "Teknis"): (0, 1, 1),
        ("DINKES", "Manajerial"): (1, 0, 0),
        ("DINKES", "Sosial Kultural"): (0, 2, 1),
        ("SETDA", "Teknis"): (1, 1, 1),
        ("SETDA", "Manajerial"): None,
        ("SETDA", "Sosial Kultural"): (1, 1, 1),
    }


def test_sessions_to_plan_from_needs_against_delivery(year):  # noqa: F811
    """Standing 2023 needs: Budi Manajerial (his later answer), Sari Teknis and Sosial
    Kultural; both typed "kepemimpinan". By W31 sessions 001 (Sosial Kultural), 002 and 003
    (Teknis) were held; 004 (Teknis) is still to come."""
    with year.connect() as conn:
        w31 = regency_week(conn, Week(2023, 31))
    assert [
        (j["jenis_kompetensi"], j["peminat"], j["diadakan"], j["terjadwal"])
        for j in w31.rencana_jenis
    ] == [("Teknis", 1, 2, 1), ("Manajerial", 1, 0, 0), ("Sosial Kultural", 1, 1, 0)]
    # one topic, two spellings; no session's name holds "kepemimpinan"
    assert [
        (t["topik"], t["peminat"], t["kegiatan"], t["terjadwal"]) for t in w31.rencana_topik
    ] == [("Kepemimpinan", 2, 0, [])]


def test_each_opd_is_reminded_only_of_its_own_near_misses(tmp_path, warehouse_url):
    """Two OPDs with near-misses in the same week (2023-W27, the BerAKHLAK webinar: 144 of
    180 minutes earn it): Ani (DINKES) stayed 140 minutes, and, added here, Sri Wahyuni of
    SETDA (her NIP in the name) 120. Each OPD's list holds its own row only."""
    files = year_files()
    files["log_zoom/MEKAR-2023-001.csv"] = (
        ZOOM_001.strip() + f"\n{E}_Sri,,07/03/2023 8:00:00 AM,07/03/2023 10:00:00 AM,120,No"
    )
    engine, *_ = run_stages(write_files(tmp_path / "data", files), warehouse_url, _targets)
    try:
        with engine.connect() as conn:
            hampir = {
                kode: [
                    (h["nip"], h["kode_kegiatan"], float(h["menit_hadir"]))
                    for h in opd_week(conn, Week(2023, 27), kode).hampir
                ]
                for kode in ("DINKES", "SETDA")
            }
    finally:
        engine.dispose()
    assert hampir == {"DINKES": [(G, S1, 140.0)], "SETDA": [(E, S1, 120.0)]}


def test_ranking_ties_share_a_place():
    rows = [OpdRank(k, k, [], 10, m, 0, 0, 0) for k, m in (("A", 5), ("B", 7), ("C", 5))]
    _rank(rows, lambda r: r.persen, "peringkat")
    assert [(r.kode_opd, r.peringkat) for r in rows] == [("A", 2), ("B", 1), ("C", 2)]
    rows.append(OpdRank("D", "D", [], 10, 1, 0, 0, 0))
    _rank(rows, lambda r: r.persen, "peringkat")
    assert [r.peringkat for r in rows] == [2, 1, 2, 4]


def test_projection_is_the_pace_so_far():
    assert projected_jp(10, Week(2023, 26)) == 19  # 10 JP by 2 July (183 days): 19.9
    assert projected_jp(11, Week(2023, 26)) == 21
    assert projected_jp(7, Week(2023, 52)) == 7  # the year is over
    # from the year's first session: one session in the programme's fifth week is on pace
    assert projected_jp(4, Week(2023, 31), date(2023, 7, 3)) == 20  # 4 * 182 / 35
    assert projected_jp(0, Week(2023, 26), date(2023, 7, 3)) is None  # nothing held yet


def test_golden_weeks_against_an_independent_reading(tmp_path, warehouse_url):
    """For two weeks, every active ASN's JP up to that Sunday equals the sum of their credits
    for sessions dated up to it; on the year's last week the counts equal agg_opd."""
    engine, *_ = run_stages(GOLDEN / "mini", warehouse_url)
    with engine.connect() as conn:
        credits = conn.execute(
            text(
                "select c.nip, c.jp, k.tanggal from fct_credits c "
                "join dim_kegiatan k on k.kode_kegiatan = c.kode_kegiatan where c.tahun = 2023"
            )
        ).all()
        codes = list(conn.scalars(text("select kode_opd from dim_opd order by kode_opd")))
        agg = {
            code: n
            for code, n in conn.execute(
                text("select kode_opd, jumlah_memenuhi from agg_opd where tahun = 2023")
            )
        }
        for week in (Week(2023, 29), Week(2023, 52)):
            expected: dict[str, int] = defaultdict(int)
            this_week: dict[str, int] = defaultdict(int)
            for nip, jp, day in credits:
                if as_date(day) <= week.sunday:
                    expected[nip] += jp
                if week.monday <= as_date(day) <= week.sunday:
                    this_week[nip] += jp
            active = set()
            for code in codes:
                for a in opd_week(conn, week, code).asn:
                    assert (a.jp, a.jp_minggu) == (expected[a.nip], this_week[a.nip]), a.nip
                    active.add(a.nip)
            assert len(active) == 239  # every active ASN of 2023 was checked
            regency = regency_week(conn, week)
            assert regency.jp_minggu == sum(this_week[nip] for nip in active)
            assert regency.jumlah_memenuhi == sum(expected[nip] >= 20 for nip in active)
        last = {r.kode_opd: r.memenuhi for r in regency.peringkat + regency.tanpa_asn}
        assert last == agg
    assert week.sunday == date(2023, 12, 31)
    engine.dispose()
