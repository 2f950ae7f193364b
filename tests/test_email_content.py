"""What the week's emails say, read as their readers read them (issue 23): the host account
is not a name to review; BKPSDM's summary ranks OPDs as its workbook does and never sends
BKPSDM to itself; a waiting report's age counts to the week's end, named; each ASN is listed
once per email, those to push first ordered by JP still needed, then by how long since their
last session. The rules year of test_rules, plus a few rows. SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest

from mekar.config import Settings
from mekar.deliver.weekly import prepare_week
from mekar.week import Week
from tests import test_rules as rules
from tests.helpers import run_stages, write_files

W27 = Week(2023, 27)  # 3-9 July: the BerAKHLAK webinar, the year's first session
AHMAD, ZAENAL = "199101012019031001", "199201012019031002"
PENGEMBANGAN = """
Timestamp,NIP,Nama,Nama Kegiatan,Penyelenggara,Bentuk,Jalur,Jenis Kompetensi,Tanggal Mulai,Tanggal Selesai,JP,Nomor Sertifikat,Bukti,Status,Catatan,Diperiksa Oleh
20/6/2023 10:00:00,197001012000011001,Sri Wahyuni,Webinar Gizi,Kemenkes,Seminar,Klasikal,Teknis,19/6/2023,19/6/2023,3,,,,,
28/6/2023 09:00:00,199001012015012001,Sari Wulandari,Pelatihan Arsip,ANRI,Kursus,Klasikal,Teknis,26/6/2023,27/6/2023,20,S-1,,Diterima,,Admin BKPSDM
"""


def email_year_files() -> dict[str, str]:
    """The rules year and: two more DINKES nurses, Ahmad (at a 2022 session) and Zaenal
    (at none); the host account in the webinar's log, spelt loosely; Sri Wahyuni's report
    waiting since 20 June; Sari's accepted course ending 27 June (W26), so SETDA had an ASN
    at target before the year's first session."""
    files = rules.year_files()
    files["master/pegawai.csv"] = (
        rules.PEGAWAI.strip()
        + f"\n{AHMAD},Ahmad Yani,PNS,DINKES,Perawat,Fungsional,III/a,Ya,"
        + f"\n{ZAENAL},Zaenal Arifin,PNS,DINKES,Perawat,Fungsional,III/a,Ya,"
    )
    files["log_zoom/MEKAR-2023-001.csv"] = (
        rules.ZOOM_001.strip()
        + "\nBKPSDM  sragen,,07/03/2023 7:30:00 AM,07/03/2023 11:00:00 AM,210,No"
    )
    files["log_zoom/MEKAR-2022-009.csv"] = (
        rules.ZOOM_2022.strip()
        + f"\n{AHMAD}_Ahmad,,12/12/2022 8:00:00 AM,12/12/2022 11:00:00 AM,180,No"
    )
    files["pengembangan/Form Responses 1.csv"] = PENGEMBANGAN
    return files


@pytest.fixture
def warehouse(tmp_path, warehouse_url):
    folder = write_files(tmp_path / "data", email_year_files())
    engine, *_ = run_stages(folder, warehouse_url, rules._targets)
    yield engine
    engine.dispose()


def settings() -> Settings:
    return Settings(smtp={"bkpsdm": ["kepala@bkpsdm.example"]})


def week_emails(engine, out, week=W27) -> dict:
    return {m.laporan: m for m in prepare_week(engine, week, out, settings()).emails}


def test_the_host_account_is_not_a_name_to_review(warehouse, tmp_path):
    """ "BKPSDM  sragen" folds to the configured "BKPSDM Sragen" (zoom_host_names), as the
    review list folds it: not among the names to review, nor in their counts."""
    summary = week_emails(warehouse, tmp_path)["bkpsdm"]
    for part in (summary.text, summary.html):
        assert "bkpsdm  sragen" not in part.lower()
    lines = summary.text.splitlines()
    assert "NAMA ZOOM YANG PERLU DITINJAU (2 baris; daftar lengkap di lampiran)" in lines
    assert "Nama Zoom belum cocok minggu ini: 2" in lines
    assert (
        "- 3 Juli 2023: MEKAR-2023-001 Core Value BerAKHLAK (4 JP): 4 ASN mendapat JP, "
        "2 nama Zoom belum cocok"
    ) in lines


def test_the_summary_ranks_as_its_workbook_does(warehouse, tmp_path):
    """Sari's course ended in W26: last week had an ASN at target, so last week's ranking
    exists even though the year's first session is in this week. The email says the
    change, as the workbook's column does, instead of "minggu pertama"."""
    summary = week_emails(warehouse, tmp_path)["bkpsdm"]
    lines = summary.text.splitlines()
    assert "  1. Sekretariat Daerah: 50,0%, tetap; baru memenuhi 0; JP minggu ini 4" in lines
    assert "  2. Dinas Kesehatan: 0,0%, tetap; baru memenuhi 0; JP minggu ini 8" in lines
    assert "minggu pertama" not in summary.text + summary.html
    assert "Memenuhi target JP: 1 (12,5%), +0 sejak minggu lalu" in lines
    from tests.test_email_workbooks import sheets_of

    ranking = sheets_of(summary.attachments[0][1])["Peringkat OPD"]
    assert [row[:5] for row in ranking[1:]] == [
        [1, 1, "tetap", "SETDA", "Sekretariat Daerah"],
        [2, 2, "tetap", "DINKES", "Dinas Kesehatan"],
    ]


def test_bkpsdm_is_never_told_to_contact_bkpsdm(warehouse, tmp_path):
    emails = week_emails(warehouse, tmp_path)
    summary = emails["bkpsdm"]
    for part in (summary.text, summary.html, summary.page):
        assert "hubungi BKPSDM" not in part
    assert "Data yang keliru diperbaiki di spreadsheet sumbernya" in summary.html
    # an OPD is still told whom to ask
    assert "hubungi BKPSDM bila ada data yang keliru" in emails["opd:DINKES"].html


def test_a_waiting_report_counts_its_days_to_the_weeks_end_and_names_it(warehouse, tmp_path):
    """Sent 20 June: 19 days at the end of W27 (9 July), 26 at the end of W28, whatever the
    machine's clock says; both parts name the day the days count to."""
    for week, days, sunday in ((W27, 19, "9 Juli 2023"), (Week(2023, 28), 26, "16 Juli 2023")):
        summary = week_emails(warehouse, tmp_path / week.iso, week)["bkpsdm"]
        lines = summary.text.splitlines()
        assert f"Angka per {sunday} (akhir minggu laporan)" in lines
        assert (
            f"Lama menunggu dihitung sampai {sunday} (akhir minggu laporan), yang terlama di atas."
            in lines
        )
        assert f"- {days} hari: {rules.D} Sri Wahyuni (DINKES), Webinar Gizi, 3 JP" in lines
        assert f"yang terlama menunggu {days} hari (per {sunday})" in summary.html
        assert f"Lama menunggu dihitung sampai {sunday}" in summary.html
        assert f"Angka per {sunday} (akhir minggu laporan) · <!--dibuat-->Dibuat" in summary.html


def _nips(text: str) -> list[str]:
    return re.findall(r"\b\d{18}\b", text)


def test_each_asn_is_listed_once_and_the_push_list_is_ordered_by_need(warehouse, tmp_path):
    """DINKES in W27: everyone below target can still make it (13 JP left). 12 JP short:
    Ani (left the webinar early), Sri and Zaenal, never at a session, then Ahmad, last at
    one in December 2022; 8 short: Tri and Budi, both at the webinar. Ani is listed once,
    with her near-miss and the needs form as notes."""
    dinkes = week_emails(warehouse, tmp_path)["opd:DINKES"]
    lines = dinkes.text.splitlines()
    start = lines.index("ASN YANG PERLU DIDORONG LEBIH DULU (6)")
    pushed = lines[start + 2 : start + 8]
    assert [_nips(line)[0] for line in pushed] == [
        rules.G,
        rules.D,
        ZAENAL,
        AHMAD,
        rules.C,
        rules.A,
    ]
    assert pushed[0] == (
        f"- {rules.G} Ani Lestari: Perlu hadir di sedikitnya 3 dari 3 kegiatan tersisa, "
        "kurang 12 JP; minggu ini tanpa JP, Core Value BerAKHLAK: hadir 140,0 dari 144,0 menit "
        "yang disyaratkan; belum mengisi formulir kebutuhan"
    )
    assert pushed[-1].endswith("kurang 8 JP")  # Budi answered the needs form
    # every NIP once in each part; the later lists say where the others are
    for part in (dinkes.text, dinkes.html):
        found = _nips(part)
        assert sorted(found) == sorted(set(found)) and len(found) == 6
    assert lines[lines.index("HAMPIR MEMENUHI SYARAT HADIR MINGGU INI, TANPA JP (1)") + 1] == (
        "Semuanya sudah tercantum di atas."
    )
    assert lines[lines.index("ASN DI BAWAH TARGET (6)") + 1] == "Semuanya sudah tercantum di atas."
    assert "Ani Lestari" in dinkes.html and dinkes.html.count("Ani Lestari") == 1
