"""The week's emails as they arrive: subject, parts, inline chart, CSV attachments that
cannot run as formulas, markup kept as text, each OPD seeing only its own ASN, and the short
message (or none) for an OPD with nothing to report. SQLite and PostgreSQL."""

from __future__ import annotations

import email
import io
from email.policy import default

import pytest
from sqlalchemy import text

from mekar.config import Settings
from mekar.deliver.weekly import prepare_week
from mekar.validate.nip import spaced_nip
from mekar.week import Week
from tests import test_rules as rules
from tests.helpers import run_stages, write_files

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCRIPT_NIP, FORMULA_NIP = "199303032019032002", "199202022019031001"
PEGAWAI = (
    rules.PEGAWAI.strip()
    + f'\n{FORMULA_NIP},"=HYPERLINK(""http://x.example"",""klik"")",PNS,DINKES,Perawat,'
    "Fungsional,III/a,Ya,"
    + f"\n{SCRIPT_NIP},<script>alert(1)</script>,PNS,DINKES,Perawat,Fungsional,III/a,Ya,"
)
OPD = rules.OPD.strip() + "\nINSPEKTORAT,Inspektorat Daerah,Inspektorat,ins@sragen.example"
W31 = Week(2023, 31)


@pytest.fixture
def warehouse(tmp_path, warehouse_url):
    folder = write_files(tmp_path / "data", rules.year_files(OPD, PEGAWAI))
    engine, *_ = run_stages(folder, warehouse_url, rules._targets)
    yield engine
    engine.dispose()


def _settings(**smtp) -> Settings:
    return Settings(smtp={"bkpsdm": ["Kepala@BKPSDM.example"], **smtp})


def _arrived(mail, to="x@sragen.example"):
    raw = bytes(mail.message(to, "mekar@sragen.example"))
    return email.message_from_bytes(raw, policy=default)


def _parts(message):
    return [
        (part.get_content_type(), part.get_filename())
        for part in message.walk()
        if not part.is_multipart()
    ]


class _Sheets(dict):
    types: dict


def _workbook(message, name) -> _Sheets:
    """Each sheet of an attached workbook as rows of values, and the cells' data types."""
    from openpyxl import load_workbook

    [part] = [p for p in message.iter_attachments() if p.get_filename() == name]
    book = load_workbook(io.BytesIO(part.get_payload(decode=True)))
    sheets = _Sheets({s.title: [[c.value for c in r] for r in s.iter_rows()] for s in book})
    sheets.types = {s.title: [[c.data_type for c in r] for r in s.iter_rows()] for s in book}
    return sheets


def _mentions(text: str, nip: str) -> bool:
    """A NIP as digits or as printed (the CSV attachment spaces it for Excel)."""
    return nip in text or spaced_nip(nip) in text


def _everything(message) -> str:
    text = []
    for part in message.walk():
        if not part.is_multipart() and part.get_content_maintype() == "text":
            text.append(part.get_payload(decode=True).decode("utf-8-sig"))
    return "\n".join(text)


def test_an_opd_email_as_it_arrives(warehouse, tmp_path):
    batch = prepare_week(warehouse, W31, tmp_path / "out", _settings())
    mails = {m.laporan: m for m in batch.emails}
    assert list(mails) == ["opd:DINKES", "opd:INSPEKTORAT", "bkpsdm"]
    assert batch.tanpa_penerima == ["SETDA"]  # no address: reported to BKPSDM, not sent

    dinkes = _arrived(mails["opd:DINKES"], "dinkes@sragen.example")
    assert dinkes["Subject"] == "Laporan Sragen Mekar — Dinas Kesehatan — Minggu 31/2023"
    assert dinkes["To"] == "dinkes@sragen.example" and dinkes["Message-ID"]
    assert dinkes["Date"].datetime.utcoffset().total_seconds() == 7 * 3600  # WIB
    assert _parts(dinkes) == [
        ("text/plain", None),
        ("text/html", None),
        ("image/png", None),
        (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "asn_DINKES_2023-W31.xlsx",
        ),
    ]
    html = dinkes.get_body(("html",)).get_content()
    assert 'src="cid:grafik"' in html
    assert [p["Content-ID"] for p in dinkes.walk() if p.get_content_type() == "image/png"] == [
        "<grafik>"
    ]
    # inline styles only: no stylesheet, script, SVG or external file
    for absent in ("<style", "<script", "<svg", "<link", 'src="http'):
        assert absent not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # a name is text, never markup
    assert "Baru mencapai target minggu ini" in html and "Tri Utami" in html

    sheets = _workbook(dinkes, "asn_DINKES_2023-W31.xlsx")
    people = sheets["Daftar ASN"]  # every cell of it: tests/test_email_workbooks.py
    # to act on first (none can reach 12 JP with the 2 JP left: most missing first, then
    # whoever has gone longest without a session, then by name), then those at target; a
    # name typed as a formula stays text
    out_of_reach = "Tidak mungkin dari katalog"
    assert [row[:3] + [row[5], row[6], row[8], row[9]] for row in people[1:]] == [
        [SCRIPT_NIP, "<script>alert(1)</script>", "PNS", 12, 0, 12, out_of_reach],
        [FORMULA_NIP, '=HYPERLINK("http://x.example","klik")', "PNS", 12, 0, 12, out_of_reach],
        [rules.G, "Ani Lestari", "PNS", 12, 0, 12, out_of_reach],
        [rules.D, "Sri Wahyuni", "PNS", 12, 0, 12, out_of_reach],
        [rules.A, "dr. Budi Santoso, M.M.", "PNS", 12, 4, 8, out_of_reach],
        [rules.C, "Tri Utami", "PNS", 12, 12, 0, "Memenuhi"],
    ]
    assert sheets.types["Daftar ASN"][2][1] == "s"  # the =HYPERLINK cell is a string
    # only dr. Budi of DINKES answered the needs form
    assert sheets["Belum mengisi kebutuhan"] == [
        ["NIP", "Nama"],
        [SCRIPT_NIP, "<script>alert(1)</script>"],
        [FORMULA_NIP, '=HYPERLINK("http://x.example","klik")'],
        [rules.G, "Ani Lestari"],
        [rules.D, "Sri Wahyuni"],
        [rules.C, "Tri Utami"],
    ]

    # privacy: SETDA's ASN appear nowhere in DINKES's message, and the other way round
    setda_nips = {rules.B, rules.E}
    assert not any(_mentions(_everything(dinkes), nip) for nip in setda_nips)
    # the same warehouse composes the same content: the delivery log can tell a change
    again = prepare_week(warehouse, W31, tmp_path / "again", _settings())
    assert [m.content_hash for m in again.emails] == [m.content_hash for m in batch.emails]


def test_every_opd_sees_only_its_own_asn(warehouse, tmp_path):
    settings = _settings()
    with warehouse.connect() as conn:
        owner = dict(
            conn.execute(text("select nip, kode_opd from fct_compliance where tahun = 2023")).all()
        )
    # give SETDA an address so its email is composed too
    with warehouse.begin() as conn:
        conn.execute(text("update dim_opd set email = 'setda@x.example' where kode_opd = 'SETDA'"))
    batch = prepare_week(warehouse, W31, tmp_path / "out", settings)
    seen = 0
    for mail in batch.emails:
        if not mail.laporan.startswith("opd:"):
            continue
        code = mail.laporan.removeprefix("opd:")
        body = _everything(_arrived(mail))
        others = [nip for nip, opd in owner.items() if opd != code]
        assert not [nip for nip in others if _mentions(body, nip)], code
        seen += sum(1 for nip, opd in owner.items() if opd == code and _mentions(body, nip))
    # every own ASN shows: below target, or (Tri) newly at target this week
    assert seen == sum(1 for nip in owner if owner[nip] in ("DINKES", "SETDA"))


def test_nothing_to_report_gets_a_short_message_or_none(warehouse, tmp_path):
    batch = prepare_week(warehouse, W31, tmp_path / "out", _settings())
    [short] = [m for m in batch.emails if m.laporan == "opd:INSPEKTORAT"]
    message = _arrived(short, "ins@sragen.example")
    assert short.ringkas and _parts(message) == [("text/plain", None), ("text/html", None)]
    assert "Belum ada ASN aktif tercatat untuk OPD ini pada tahun 2023" in _everything(message)
    assert "<table cellpadding" not in message.get_body(("html",)).get_content()  # no table

    quiet = prepare_week(warehouse, W31, tmp_path / "quiet", _settings(empty_report="none"))
    assert [m.laporan for m in quiet.emails] == ["opd:DINKES", "bkpsdm"]
    assert quiet.dilewati == ["INSPEKTORAT"]
    summary = _everything(_arrived(quiet.emails[-1]))
    assert "tidak dikirimi email karena tidak ada yang perlu dilaporkan: INSPEKTORAT" in summary
    # the page is still written, for anyone who looks
    assert (tmp_path / "quiet" / "minggu" / "2023-W31" / "opd_INSPEKTORAT.html").is_file()


def test_the_bkpsdm_summary(warehouse, tmp_path):
    batch = prepare_week(warehouse, Week(2023, 27), tmp_path / "out", _settings())
    summary = batch.emails[-1]
    assert summary.recipients == ("kepala@bkpsdm.example",)
    message = _arrived(summary, "kepala@bkpsdm.example")
    assert message["Subject"] == "Ringkasan Sragen Mekar — Kabupaten Sragen — Minggu 27/2023"
    assert _parts(message) == [
        ("text/plain", None),
        ("text/html", None),
        ("image/png", None),
        (XLSX, "ringkasan_2023-W27.xlsx"),
    ]
    sheets = _workbook(message, "ringkasan_2023-W27.xlsx")
    # tied at 0 %: both first, by name; numbers as numbers; no JP before this week, so no
    # last week's rank
    assert [row[:11] for row in sheets["Peringkat OPD"][1:]] == [
        [1, None, "minggu pertama", "DINKES", "Dinas Kesehatan", 6, 0, 0, 0, 0, 8],
        [1, None, "minggu pertama", "SETDA", "Sekretariat Daerah", 2, 0, 0, 0, 0, 4],
    ]
    assert sheets["Nama Zoom belum cocok"] == [
        ["Kode Kegiatan", "Baris", "Nama Zoom", "Jenis nama", "Email", "Menit"],
        ["MEKAR-2023-001", 7, "Sri Wahyuni", "mungkin ASN", None, 180],  # sheet row numbers
        ["MEKAR-2023-001", 12, "iPad", "perangkat/ruangan", None, 180],
    ]
    html = message.get_body(("html",)).get_content()
    # what to plan comes first: the types asked for with nothing scheduled, the topic
    assert html.index("Langkah minggu ini") < html.index("Peringkat OPD")
    assert (
        "Rencanakan kegiatan untuk kebutuhan yang belum terjadwal: Manajerial (1 ASN), "
        "Sosial Kultural (1 ASN), “Kepemimpinan” (2 ASN)."
    ) in html
    text = message.get_body(("plain",)).get_content()
    # the programme's first week has no last week: no "+0 sejak minggu lalu", no "tetap"
    assert "sejak minggu lalu" not in text.split("PERINGKAT OPD")[0]
    assert "  1. Dinas Kesehatan: 0,0%; baru memenuhi 0; JP minggu ini 8" in text.splitlines()
    assert "belum ada peringkat minggu lalu untuk dibandingkan" in text
    later = prepare_week(warehouse, Week(2023, 28), tmp_path / "out28", _settings()).emails[-1]
    assert ", +0 sejak minggu lalu" in later.text
    assert "OPD tanpa alamat email (laporannya tidak terkirim): Sekretariat Daerah" in text
    assert "OPD tanpa ASN aktif tahun 2023: Inspektorat Daerah" in text
    pages = tmp_path / "out" / "minggu" / "2023-W27"
    page = (pages / "ringkasan.html").read_text(encoding="utf-8")
    assert 'src="img/ringkasan.png"' in page and (pages / "img" / "ringkasan.png").is_file()


def test_a_year_with_no_session_yet_says_so(warehouse, tmp_path):
    # early January: the catalog has no session of the new year, so no one is counted yet
    batch = prepare_week(warehouse, Week(2024, 2), tmp_path / "out", _settings())
    # BKPSDM gets one notice; the OPDs nothing (their pages are still written)
    assert [m.laporan for m in batch.emails] == ["bkpsdm"]
    assert batch.opd_ditahan and batch.dilewati == []
    summary = batch.emails[-1].text
    assert "Belum ada kegiatan tahun 2024 dalam katalog" in summary
    assert "Laporan OPD tidak dikirim sampai saat itu" in summary
    assert batch.emails[-1].chart is None  # nothing to draw yet
    assert "OPD tanpa ASN aktif" not in summary  # not every OPD's fault
    page = (tmp_path / "out" / "minggu" / "2024-W02" / "opd_DINKES.html").read_text("utf-8")
    assert "Belum ada kegiatan tahun 2024 dalam katalog" in page
    # configured to tell every OPD: each gets its short message
    every = prepare_week(
        warehouse, Week(2024, 2), tmp_path / "out2", _settings(year_without_sessions="all")
    )
    dinkes = next(m for m in every.emails if m.laporan == "opd:DINKES")
    assert dinkes.ringkas and "Belum ada kegiatan tahun 2024 dalam katalog" in dinkes.text
    assert "Laporan OPD tidak dikirim" not in every.emails[-1].text


def test_recipients_as_people_type_them():
    from mekar.addresses import recipients_of

    assert recipients_of(" A@x.id; b@y.id,c@z.id  a@x.id ") == ["a@x.id", "b@y.id", "c@z.id"]
    assert recipients_of(None) == [] and recipients_of(" ; ") == []


def test_the_next_two_weeks_sessions_come_first(warehouse, tmp_path):
    """Session 004 (21 August, 2 JP, Daring) is 15 days after W31's Sunday and 14 after
    W32's: listed under "Kegiatan dua minggu ke depan" in W32 only, before the numbers."""
    w31 = prepare_week(warehouse, W31, tmp_path / "w31", _settings())
    w32 = prepare_week(warehouse, Week(2023, 32), tmp_path / "w32", _settings())
    before = _arrived(next(m for m in w31.emails if m.laporan == "opd:DINKES"))
    after = _arrived(next(m for m in w32.emails if m.laporan == "opd:DINKES"))
    html = after.get_body(("html",)).get_content()
    upcoming = html.index("Kegiatan dua minggu ke depan")
    assert upcoming < html.index("Capaian s.d. minggu ini") < html.index("ASN di bawah target")
    assert html.index("Langkah minggu ini") < upcoming
    listed = html[upcoming : html.index("Capaian s.d. minggu ini")]
    assert (
        "<strong>Pelayanan Prima</strong><br>21 Agustus 2023, 09:00–12:45 WIB · 2 JP · Daring"
        in listed
    )
    plain = after.get_body(("plain",)).get_content()
    assert "- 21 Agustus 2023 09:00 WIB: Pelayanan Prima (2 JP, Daring)" in plain
    first = before.get_body(("html",)).get_content()
    assert "Belum ada kegiatan dalam katalog untuk dua minggu ke depan." in first
    assert "Pelayanan Prima" not in first
    # the contact, configured or the default
    assert "hubungi Bidang Pengembangan Kompetensi, BKPSDM Kabupaten Sragen." in html
    assert "halaman OPD ini" not in html  # no published pages configured: no link
    settings = _settings()
    settings.pages_url = "https://mekar.example/2023/"
    settings.bkpsdm_contact.telepon = "0271 891011"
    linked = prepare_week(warehouse, Week(2023, 32), tmp_path / "linked", settings)
    mail = _arrived(next(m for m in linked.emails if m.laporan == "opd:DINKES"))
    html = mail.get_body(("html",)).get_content()
    assert '<a href="https://mekar.example/2023/opd/DINKES.html"' in html
    assert "- Daftar lengkap ASN: https://mekar.example/2023/opd/DINKES.html" in (
        mail.get_body(("plain",)).get_content()
    )
    assert "hubungi Bidang Pengembangan Kompetensi, BKPSDM Kabupaten Sragen · 0271 891011." in html
