"""Risk classes from the remaining catalog (mekar.report.risk): a few ASN, a small catalog,
the exact class out."""

from __future__ import annotations

from datetime import date

from mekar.report.risk import (
    MEMENUHI,
    PERLU_HADIR,
    SESUAI_JALUR,
    TIDAK_MUNGKIN,
    RemainingCatalog,
    Risk,
    act_key,
    classify,
)

# Three sessions still to come: 8, 4 and 3 JP (15 in all), given in no particular order.
CATALOG = RemainingCatalog.of([4, 8, 3])


def test_the_remaining_catalog_biggest_sessions_first():
    assert CATALOG.jp == (8, 4, 3) and CATALOG.cover == (8, 12, 15)
    assert (CATALOG.sessions, CATALOG.total_jp) == (3, 15)
    assert [CATALOG.sessions_needed(m) for m in (0, 1, 8, 9, 12, 13, 15, 16)] == [
        0, 1, 1, 2, 2, 3, 3, None
    ]  # fmt: skip
    assert RemainingCatalog.of([]).sessions_needed(1) is None


def test_impossible_with_the_catalog_as_it_stands():
    # 4 JP, 16 missing, 15 left in the catalog: out of reach, pace or not
    assert classify(4, 20, CATALOG, None, 0.5) == Risk(TIDAK_MUNGKIN, dari=3)
    late = classify(4, 20, CATALOG, 0.8, 0.5)
    assert (late.kelas, late.perkiraan) == (TIDAK_MUNGKIN, 5)  # int(4 / 0.8)
    assert late.label == "Tidak mungkin tercapai dari katalog" and not late.dapat_dibantu


def test_needs_n_of_m_remaining_sessions():
    # 11 JP, 9 missing: the 8 and the 4 JP sessions (two of the three) cover it
    got = classify(11, 20, CATALOG, None, 0.5)
    assert got == Risk(PERLU_HADIR, perlu=2, dari=3)
    assert got.label == "Perlu hadir di sedikitnya 2 dari 3 kegiatan tersisa" and got.dapat_dibantu
    # late in the year at a slow pace: still "perlu hadir", with the capped projection
    slow = classify(11, 20, CATALOG, 0.9, 0.5)
    assert slow == Risk(PERLU_HADIR, perlu=2, dari=3, perkiraan=12)


def test_on_track_only_once_the_pace_means_something():
    # 12 JP with 60% of the year gone: a pace of 20, and 8 more JP are in the catalog
    assert classify(12, 20, CATALOG, 0.6, 0.5) == Risk(SESUAI_JALUR, 1, 3, 20)
    # the same ASN in the programme's first weeks (share below the configured 50%): no pace,
    # so not "on track" but "attend one more of the three"
    assert classify(12, 20, CATALOG, 0.2, 0.5) == Risk(PERLU_HADIR, perlu=1, dari=3)


def test_the_pace_never_promises_more_than_the_catalog_holds():
    # 4 JP at a quarter of the year would be a pace of 16; only 3 JP are left: 7 at most
    small = RemainingCatalog.of([3])
    got = classify(4, 20, small, 0.25, 0.2)
    assert (got.kelas, got.perkiraan) == (TIDAK_MUNGKIN, 7)
    # one 4 JP session in the first week projected 104 before: now capped by the catalog
    # (even with the pace allowed from day one), and 16 missing are more than 15 left
    early = classify(4, 20, CATALOG, 4 / 104, 0.0)
    assert (early.kelas, early.perkiraan) == (TIDAK_MUNGKIN, 19)


def test_at_target():
    assert classify(20, 20, CATALOG, 0.3, 0.5) == Risk(MEMENUHI, dari=3)


def test_the_order_to_act_on_is_need_then_time_since_the_last_session():
    """Not the alphabet: among those who must attend, most JP missing first; among equal
    needs, whoever never came, then whoever has gone longest without a session."""
    people = {
        "Adi, 20 short, at a session last week": (PERLU_HADIR, 20, date(2023, 7, 3)),
        "Budi, 20 short, never at one": (PERLU_HADIR, 20, None),
        "Citra, 20 short, last in 2022": (PERLU_HADIR, 20, date(2022, 12, 12)),
        "Dewi, 16 short, never": (PERLU_HADIR, 16, None),
        "Eko, on track": (SESUAI_JALUR, 18, None),
        "Fajar, out of reach": (TIDAK_MUNGKIN, 20, None),
        "Gita, at target": (MEMENUHI, 0, date(2023, 7, 3)),
    }
    ordered = sorted(people, key=lambda name: (*act_key(*people[name]), name))
    assert ordered == [
        "Budi, 20 short, never at one",
        "Citra, 20 short, last in 2022",
        "Adi, 20 short, at a session last week",
        "Dewi, 16 short, never",
        "Eko, on track",
        "Fajar, out of reach",
        "Gita, at target",
    ]


def test_the_opd_page_lists_equal_needs_by_time_since_the_last_session_not_by_name():
    """The page's list to act on orders as the weekly email does (issue 23): equal needs, then
    whoever never attended, then whoever attended longest ago; the name last."""
    from datetime import date

    from mekar.report.render import _Outlook, _with_risk
    from mekar.report.risk import RemainingCatalog

    outlook = _Outlook(RemainingCatalog.of([4, 4, 4, 4, 4, 4]), [], 0.2, 0.5, "")

    def asn(nip, nama, jp, last):
        return {"nip": nip, "nama": nama, "jp": jp, "target_jp": 20, "kurang_jp": 20 - jp,
                "kegiatan_terakhir": last}  # fmt: skip

    listed = _with_risk(
        [
            asn("1", "Agus", 8, "2023-07-03"),
            asn("2", "Budi", 8, date(2023, 3, 1)),
            asn("3", "Citra", 8, None),
            asn("4", "Dewi", 4, "2023-08-01"),
            asn("5", "Eko", 20, None),
        ],
        outlook,
    )
    assert [r["nama"] for r in listed] == ["Dewi", "Citra", "Budi", "Agus", "Eko"]
