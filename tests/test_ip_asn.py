"""The estimated IP ASN Kompetensi score (mekar.report.ip_asn) against hand-computed values:
a few ASN of each jenis jabatan, the default weights and a changed one."""

from __future__ import annotations

import pytest

from mekar.config import DEFAULT_KOMPETENSI_WEIGHTS, Settings
from mekar.report.ip_asn import assumptions, kompetensi_score


def _row(jabatan, n, teknis_20=0, kepemimpinan=0, fungsional=0, seminar=0):
    return {"jenis_jabatan": jabatan, "jumlah_asn": n, "teknis_20": teknis_20,
            "kepemimpinan": kepemimpinan, "fungsional": fungsional, "seminar": seminar}  # fmt: skip


OPD = [
    # 2 Pengawas: one with a diklat kepemimpinan and 20 JP teknis (30), one with nothing (0)
    _row("Pengawas", 2, teknis_20=1, kepemimpinan=1),
    # 3 Fungsional: all a diklat fungsional (15 each), two a seminar (10 each), one teknis (15)
    _row("Fungsional", 3, teknis_20=1, fungsional=3, seminar=2),
    # 1 Pelaksana with 20 JP teknis (assumed 30) and a seminar (assumed 10): the full 40
    _row("Pelaksana", 1, teknis_20=1, seminar=1),
    # a Fungsional's diklat kepemimpinan earns no weight: it is not their indicator
    _row("Fungsional", 1, kepemimpinan=1),
]


def test_the_score_is_the_mean_of_each_asn_weighted_indicators():
    # points: Pengawas 15 + 15 = 30; Fungsional 15 + 45 + 20 = 80; Pelaksana 30 + 10 = 40;
    # the last Fungsional 0: 150 points over 7 ASN
    assert kompetensi_score(OPD, DEFAULT_KOMPETENSI_WEIGHTS) == pytest.approx(150 / 7)
    assert kompetensi_score([], DEFAULT_KOMPETENSI_WEIGHTS) is None
    # an agency that confirms 15 for a Pelaksana's teknis: 135 points
    weights = {
        **DEFAULT_KOMPETENSI_WEIGHTS,
        "teknis_20": {"Pelaksana": 15, "Pengawas": 15, "Fungsional": 15},
    }
    assert kompetensi_score(OPD, weights) == pytest.approx(135 / 7)


def test_every_jenis_jabatan_can_reach_the_dimension_s_40_points():
    for jabatan in ("JPT", "Administrator", "Pengawas", "Fungsional", "Pelaksana"):
        full = _row(jabatan, 1, teknis_20=1, kepemimpinan=1, fungsional=1, seminar=1)
        assert kompetensi_score([full], DEFAULT_KOMPETENSI_WEIGHTS) == 40, jabatan


def test_the_assumed_weights_are_named():
    settings = Settings()
    assert assumptions(settings.kompetensi_weights, settings.kompetensi_weights_assumed) == [
        "pengembangan teknis ≥ 20 JP untuk Pelaksana: 30",
        "seminar/workshop/magang/kursus (semua jenis jabatan): 10",
    ]
