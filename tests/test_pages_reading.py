"""The year's pages read as people read them (issue 23): one named "today" (the data's date),
the regency's total first on the index, the summary's next steps at its top, charts on
axes that fit their data, no configuration words in reader text.

The hand-built warehouse of tests/test_report.py, with a few rows more: outside-learning
reports waiting, a month trend whose best share is 11,8%, the host account's Zoom rows.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from mekar.report import render_reports
from tests.test_report import YEAR, _insert, build_warehouse, cls, html_files, parse

WAITING = [
    # nip, tahun, kode_laporan, nama_kegiatan, penyelenggara, mulai, selesai, jp, submitted_at
    ("198502022010012002", 2023, "L1", "Kursus Daring", "LAN", "2023-06-01", "2023-06-20", 10,
     "2023-07-01 09:00:00"),  # 45 days before the data's date (15 August 2023)
    ("199003032019031003", 2023, "L2", "Webinar Kemenkes", "Kemenkes", "2023-08-20",
     "2023-08-20", 2, "2023-08-25 10:00:00"),  # sent after it: 0 days old then
]  # fmt: skip
ROSTER = [
    ("198502022010012002", "Budi", "budi", "DISDIK", True),
    ("199003032019031003", "Agus Salim", "agus salim", "DISDIK", True),
]
# the regency's share at target by month: 1,0% in July, 11,8% in August (of 94 ASN)
MONTHS = [(2023, "DISDIK", 7, 88, 1), (2023, "DINKES", 7, 6, 0), (2023, "DISDIK", 8, 88, 11),
          (2023, "DINKES", 8, 6, 0)]  # fmt: skip
HOST = "BKPSDM Sragen"  # zoom_host_names' default


def said(node) -> str:
    """A node's text as a reader sees it: the parser's join puts a space between an element
    and the punctuation after it ("terendah</a>:" -> "terendah :")."""
    return re.sub(r" ([,.:;)])", r"\1", node.text())


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("baca")
    engine = build_warehouse(sa.create_engine(f"sqlite:///{root / 'w.db'}"))
    with engine.begin() as conn:
        _insert(
            conn,
            "int_pengembangan_standing",
            "nip, tahun, kode_laporan, nama_kegiatan, penyelenggara, tanggal_mulai,"
            " tanggal_selesai, jp, submitted_at",
            WAITING,
        )
        conn.execute(sa.text("update int_pengembangan_standing set status = 'menunggu'"))
        _insert(conn, "stg_pegawai", "nip, nama, nama_kunci, kode_opd, aktif", ROSTER)
        _insert(
            conn, "agg_opd_bulan", "tahun, kode_opd, bulan, jumlah_asn, jumlah_memenuhi", MONTHS
        )
        _insert(
            conn,
            "rpt_zoom_unmatched",
            "tahun, kode_kegiatan, baris, nama_zoom, email, menit",
            [(2023, "MEKAR-2023-001", 1, HOST, None, 240.0)],
        )
    render_reports(engine, YEAR, root / "out")
    engine.dispose()
    return root / "out"


def test_days_count_to_the_datas_date_which_the_header_names(out: Path) -> None:
    """Defect 4: "Data sampai ... · Dibuat ..." said neither which date was the report's nor
    what the days counted to; a waiting report's age followed the machine's clock."""
    for page in html_files(out):
        header = next(parse(page).iter("header")).text()
        assert "Data per 15 Agustus 2023 (kegiatan terakhir yang tercatat)" in header, page
        assert "Halaman dibuat" in header and "Data sampai" not in header, page
    summary = parse(out / "ringkasan.html")
    waiting = summary.by_id("pengembangan-menunggu")
    assert [(r[0], r[1]) for r in waiting.rows()] == [
        ("45", "198502022010012002"),
        ("0", "199003032019031003"),  # sent in after the data's date: not negative
    ]
    assert "dihitung sampai 15 Agustus 2023" in waiting.text()
    assert "yang terlama sudah menunggu 45 hari" in summary.by_id("langkah").text()
    disdik = parse(out / "opd" / "DISDIK.html").by_id("pengembangan-mandiri")
    assert "Menunggu verifikasi (45 hari)" in disdik.text()
    assert "Lama menunggu dihitung sampai 15 Agustus 2023" in disdik.text()
    # "the next two weeks" start at the data's date too: session 003 (2 October) is later
    steps = parse(out / "opd" / "DINKES.html").by_id("langkah").text()
    assert "dua minggu setelah 15 Agustus 2023" in steps


def test_index_puts_the_regency_first_and_lists_opds_once_by_name(out: Path) -> None:
    doc = parse(out / "index.html")
    main = next(doc.iter("main"))
    sections = [n for n in main.iter("section")]
    assert sections[0].attrs["id"] == "kabupaten"
    assert "25,5% ASN memenuhi target 20 JP: 24 dari 94 ASN aktif di 3 OPD." in sections[0].text()
    table = next(doc.by_id("opd").iter("table"))
    assert "data-saring" in table.attrs  # search and sorting, where scripts run
    assert [th.text() for th in table.iter("th")] == ["OPD", "ASN aktif", "Memenuhi target", "%"]
    hrefs = Counter(a.attrs["href"] for a in doc.iter("a"))
    assert [h for h, n in hrefs.items() if n > 1] == []  # no link twice
    assert hrefs["ringkasan.html"] == 1 and "index.html" not in hrefs


def test_index_and_summary_name_the_lowest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("mekar.report.year_plan.LOWEST_SHOWN", 1)
    engine = build_warehouse(sa.create_engine(f"sqlite:///{tmp_path / 'w.db'}"))
    render_reports(engine, YEAR, tmp_path / "out")
    engine.dispose()
    index = parse(tmp_path / "out" / "index.html")
    lowest = index.by_id("kabupaten")
    assert [said(li) for li in lowest.iter("li")] == [
        "Dinas Pendidikan dan Kebudayaan: 22,7% (68 ASN belum memenuhi)"
    ]
    assert "Capaian terendah" in lowest.text()
    marked = [r for r in index.by_id("opd").rows() if r[3].startswith("▼")]
    assert marked == [["Dinas Pendidikan dan Kebudayaan", "88", "20", "▼ 22,7%"]]
    steps = said(parse(tmp_path / "out" / "ringkasan.html").by_id("langkah"))
    assert "OPD dengan capaian terendah: Dinas Pendidikan dan Kebudayaan (22,7%)" in steps


def test_summary_opens_with_what_bkpsdm_should_do_next(out: Path) -> None:
    doc = parse(out / "ringkasan.html")
    main = next(doc.iter("main"))
    assert next(main.iter("section")).attrs["id"] == "langkah"
    steps = [said(li) for li in doc.by_id("langkah").iter("li")]
    # 40 DISDIK ASN asked for Teknis; the catalog holds Manajerial sessions only
    assert steps[0].startswith(
        "Rencanakan kegiatan untuk kebutuhan yang belum terjadwal setelah 15 Agustus 2023: "
        "Teknis (40 ASN meminta), Sosial Kultural (15 ASN meminta), “Topik A” (12 ASN)"
    )
    assert steps[1].startswith("Verifikasi 2 laporan pengembangan mandiri")
    assert any(s.startswith("Kenali 3 nama Zoom yang belum cocok") for s in steps)
    assert any("6 baris data" in s for s in steps)  # the quarantine
    plan = doc.by_id("rencana").rows()
    assert plan[:3] == [
        ["Teknis", "40", "0", "0"],
        ["Manajerial", "15", "2", "1"],  # held 3 July and 15 August; 2 October to come
        ["Sosial Kultural", "15", "0", "0"],
    ]


def test_no_configuration_words_in_reader_text(out: Path) -> None:
    for page in html_files(out):
        text = next(parse(page).iter("main")).text()
        for word in ("kompetensi_weights", "pengaturan", "akun host", "zoom_host_names"):
            assert word not in text, (page, word)
    # the host account is the organiser, not a name to review: left out, and said so
    quality = parse(out / "ringkasan.html").by_id("kualitas-data")
    table = list(quality.iter("table"))[3]  # reasons, sources, rows, then the Zoom names
    listed = [[td.text() for td in tr.iter("td")] for tr in table.iter("tr")][1:]
    assert HOST not in [r[2] for r in listed] and len(listed) == 3
    assert f"Akun Zoom penyelenggara ({HOST}) tidak dicantumkan" in quality.text()


def test_charts_fit_their_data_and_say_each_thing_once(out: Path) -> None:
    """The best month is 11,8%: on a 0-100% axis its bar was a sliver; the axis ends at 20%.
    The month trend is one chart (each bar with its share and count), not a chart and a
    table of the same numbers."""
    for page in (out / "ringkasan.html", out / "opd" / "DISDIK.html"):
        trend = parse(page).by_id("tren-bulanan")
        assert not list(trend.iter("table")), page
        figure = parse(page).by_id("grafik-tren-bulanan")
        rows = []
        for li in figure.iter("li"):
            spans = {cls(s): s for s in li.iter("span")}
            bar = next(s for c, s in spans.items() if c.startswith("isi"))
            rows.append((spans["label"].text(), spans["nilai"].text(), bar.attrs["style"]))
        if page.name == "ringkasan.html":  # 1 of 94, then 11 of 94
            assert rows == [
                ("Jul", "1,1% · 1", "width: 5.3%"),
                ("Agu", "11,7% · 11", "width: 58.5%"),
            ]
            assert "skala batang 0–20%" in figure.text()
        else:  # DISDIK: 1 of 88, then 11 of 88 (12,5%: the axis ends at 20%)
            assert rows == [
                ("Jul", "1,1% · 1", "width: 5.7%"),
                ("Agu", "12,5% · 11", "width: 62.5%"),
            ]


@pytest.mark.parametrize(
    ("shares", "end"),
    [([1.0, 11.8], 20), ([39.3], 50), ([64.0, 2.0], 100), ([100.0], 100), ([2.4], 2.5),
     ([0.3], 0.5), ([None, 0.0], 100), ([], 100)],
)  # fmt: skip
def test_share_axis_ends_at_a_round_number_above_the_largest(shares, end) -> None:
    from mekar.report.charts import share_axis

    assert share_axis(shares) == end
