"""The text/plain part of the weekly emails, read as a person reads it: line by line (issue
23: "16 JP oleh 4 ASNBaru memenuhi target minggu ini: 0" glued two lines in every email of
the demo). The small year of test_email_content line for line; then every email of the
demo's week (the sample year, at a tenth of its size): each labelled item on its own line,
each heading a line of its own after a blank one, and each ASN in an email once."""

from __future__ import annotations

import re

import pytest

from mekar.config import Settings
from mekar.deliver.weekly import prepare_week
from mekar.week import Week
from tests import test_rules as rules
from tests.helpers import run_stages
from tests.test_email_content import AHMAD, ZAENAL, warehouse, week_emails  # noqa: F401

# Every "label: value" line of the two templates.
LABELS = (
    "ASN aktif:",
    "Memenuhi target JP:",
    "JP minggu ini:",
    "Baru memenuhi target minggu ini:",
    "Di bawah target:",
    "Kegiatan tersisa tahun ini:",
    "Kegiatan minggu ini:",
    "Nama Zoom belum cocok minggu ini:",
    "Baris di karantina:",
)
HEADING = re.compile(r"^[A-Z][A-Z0-9 ,.()/-]{6,}$")  # "KEGIATAN MINGGU INI", "CAPAIAN S.D. ..."


def test_the_opd_email_line_by_line(warehouse, tmp_path):  # noqa: F811
    dinkes = week_emails(warehouse, tmp_path)["opd:DINKES"]
    lines = dinkes.text.splitlines()
    start = lines.index("CAPAIAN S.D. MINGGU INI")
    assert lines[start - 1 : start + 9] == [
        "",
        "CAPAIAN S.D. MINGGU INI",
        "ASN aktif: 6",
        "Memenuhi target JP: 0 (0,0%)",
        "JP minggu ini: 8 JP oleh 2 ASN",
        "Baru memenuhi target minggu ini: 0",
        "Di bawah target: 6 (perlu hadir di kegiatan tersisa 6, sesuai jalur 0, tidak mungkin "
        "dari katalog 0)",
        "Kegiatan tersisa tahun ini: 3 (13 JP)",
        "",
        "KEGIATAN MINGGU INI",
    ]
    assert lines[:16] == [
        "Sragen Mekar - BKPSDM Kabupaten Sragen - Minggu 27/2023 (3 Juli 2023 - 9 Juli 2023)",
        "Dinas Kesehatan",
        "Angka per 9 Juli 2023 (akhir minggu laporan)",
        "",
        "LANGKAH MINGGU INI",
        "- Dorong 6 ASN yang masih bisa mencapai target dari katalog untuk hadir di kegiatan "
        "berikutnya.",
        "- Sampaikan jadwal 1 kegiatan dua minggu ke depan kepada ASN OPD ini.",
        "- 1 ASN tidak mendapat JP minggu ini karena keluar sebelum syarat hadir terpenuhi: "
        "minta mereka mengikuti kegiatan berikutnya sampai selesai.",
        "- Minta 5 ASN yang belum mengisi formulir identifikasi kebutuhan untuk mengisinya.",
        "- Pertanyaan atau data keliru: hubungi Bidang Pengembangan Kompetensi, BKPSDM "
        "Kabupaten Sragen.",
        "",
        "KEGIATAN DUA MINGGU KE DEPAN",
        "- 17 Juli 2023 13:00 WIB: Literasi Digital (3 JP, Daring)",
        "",
        "ASN YANG PERLU DIDORONG LEBIH DULU (6)",
        "Urutan: kekurangan JP terbesar lebih dulu, lalu yang paling lama tidak mengikuti "
        "kegiatan.",
    ]
    assert lines[16:22] == [
        f"- {rules.G} Ani Lestari: Perlu hadir di sedikitnya 3 dari 3 kegiatan tersisa, kurang "
        "12 JP; minggu ini tanpa JP, Core Value BerAKHLAK: hadir 140,0 dari 144,0 menit yang "
        "disyaratkan; belum mengisi formulir kebutuhan",
        f"- {rules.D} Sri Wahyuni: Perlu hadir di sedikitnya 3 dari 3 kegiatan tersisa, kurang "
        "12 JP; belum mengisi formulir kebutuhan",
        f"- {ZAENAL} Zaenal Arifin: Perlu hadir di sedikitnya 3 dari 3 kegiatan tersisa, "
        "kurang 12 JP; belum mengisi formulir kebutuhan",
        f"- {AHMAD} Ahmad Yani: Perlu hadir di sedikitnya 3 dari 3 kegiatan tersisa, kurang "
        "12 JP; belum mengisi formulir kebutuhan",
        f"- {rules.C} Tri Utami: Perlu hadir di sedikitnya 1 dari 3 kegiatan tersisa, kurang 8 "
        "JP; belum mengisi formulir kebutuhan",
        f"- {rules.A} dr. Budi Santoso, M.M.: Perlu hadir di sedikitnya 1 dari 3 kegiatan "
        "tersisa, kurang 8 JP",
    ]
    _reads_line_by_line(dinkes.text)


def test_the_summary_line_by_line(warehouse, tmp_path):  # noqa: F811
    summary = week_emails(warehouse, tmp_path)["bkpsdm"]
    lines = summary.text.splitlines()
    start = lines.index("CAPAIAN S.D. MINGGU INI")
    assert lines[start : start + 8] == [
        "CAPAIAN S.D. MINGGU INI",
        "ASN aktif: 8",
        "Memenuhi target JP: 1 (12,5%), +0 sejak minggu lalu",
        "JP minggu ini: 12 JP oleh 3 ASN",
        "Kegiatan minggu ini: 1",
        "Nama Zoom belum cocok minggu ini: 2",
        "Baris di karantina: 0",
        "",
    ]
    # the plain part follows the HTML: what to do first
    assert lines[4:6] == [
        "LANGKAH MINGGU INI",
        "- Rencanakan kegiatan untuk kebutuhan yang belum terjadwal: Manajerial (1 ASN), "
        'Sosial Kultural (1 ASN), "Kepemimpinan" (2 ASN).',
    ]
    needs = lines.index("KEBUTUHAN DAN KEGIATAN PER OPD (tahun 2023, s.d. minggu ini)")
    assert lines[needs + 2] == (
        "- Dinas Kesehatan: Teknis 0 meminta, 0 mendapat JP (0 kegiatan); Manajerial 1 "
        "meminta, 0 mendapat JP (0 kegiatan); Sosial Kultural 0 meminta, 2 mendapat JP "
        "(1 kegiatan)"
    )
    _reads_line_by_line(summary.text)


def _reads_line_by_line(text: str) -> None:
    """Each label opens its line and no line holds two; each heading is a line of its own
    after a blank line; no line is a label glued to a word ("ASNBaru")."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        found = [label for label in LABELS if label in line]
        assert len(found) <= 1, line
        if found:
            assert line.startswith(found[0]), line
        if HEADING.match(line):
            assert number >= 4 and lines[number - 1] == "", line
        assert not re.search(
            r"[a-z0-9)](ASN aktif|Memenuhi|JP minggu|Baru|Di bawah|Kegiatan)", line
        )


@pytest.fixture(scope="module")
def demo_week(tmp_path_factory):
    """The demo's week (2023-W27, the big webinar) of the sample year at a tenth of its size."""
    from tooling.sample_year import write_sample_year

    root = tmp_path_factory.mktemp("demo")
    write_sample_year(root / "data", scale=0.1, seed=2023)
    engine, *_ = run_stages(root / "data", f"sqlite:///{root / 'w.db'}")
    settings = Settings(smtp={"bkpsdm": ["data@bkpsdm.example"]})
    batch = prepare_week(engine, Week(2023, 27), root / "out", settings)
    engine.dispose()
    return batch


def test_every_demo_email_reads_line_by_line(demo_week):
    assert len(demo_week.emails) > 20 and demo_week.emails[-1].laporan == "bkpsdm"
    for mail in demo_week.emails:
        _reads_line_by_line(mail.text)
        assert "\n\n\n" not in mail.text, mail.laporan  # one blank line between sections


def test_every_demo_email_lists_each_asn_once(demo_week):
    biggest = max(
        (m for m in demo_week.emails if m.laporan.startswith("opd:")),
        key=lambda m: len(m.text),
    )
    for mail in [biggest, *demo_week.emails]:
        if mail.laporan == "bkpsdm":
            continue  # its lists are of reports and corrections, not of an OPD's people
        for part in (mail.text, mail.html):
            nips = re.findall(r"\b\d{18}\b", part)
            assert len(nips) == len(set(nips)), mail.laporan
    assert len(re.findall(r"\b\d{18}\b", biggest.text)) > 60  # a long email, still once each
