"""Report stage: render a small hand-written warehouse and read the HTML back as a browser would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy as sa

from mekar.report import render, render_reports
from mekar.report.formatting import REASON_LABELS, UNKNOWN_REASON_LABEL, angka, persen, tanggal

YEAR = 2023
SCRIPT_NAME = "<script>alert(1)</script> Budi"
ZOOM_SCRIPT = "<script>alert('x')</script>"

# -- the warehouse ------------------------------------------------------------------------------

DDL = """
CREATE TABLE dim_opd (kode_opd TEXT PRIMARY KEY, nama_opd TEXT, email TEXT);
CREATE TABLE dim_kegiatan (kode_kegiatan TEXT PRIMARY KEY, nama_kegiatan TEXT, tanggal TEXT,
  tahun INTEGER, jam_mulai TEXT, jam_selesai TEXT, durasi_menit INTEGER, jp INTEGER, jalur TEXT,
  bentuk TEXT, jenis_kompetensi TEXT, moda TEXT, narasumber TEXT, min_kehadiran INTEGER);
CREATE TABLE fct_compliance (tahun INTEGER, nip TEXT, nama TEXT, kode_opd TEXT, jenis_asn TEXT,
  jabatan TEXT, jp INTEGER, target_jp INTEGER, memenuhi INTEGER, kurang_jp INTEGER,
  jp_kegiatan INTEGER DEFAULT 0, jp_mandiri INTEGER DEFAULT 0, sesi_dikoreksi INTEGER DEFAULT 0,
  jp_teknis INTEGER DEFAULT 0, jenis_jabatan TEXT DEFAULT 'Fungsional',
  ikut_kepemimpinan INTEGER DEFAULT 0, ikut_fungsional INTEGER DEFAULT 0,
  ikut_seminar INTEGER DEFAULT 0);
CREATE TABLE agg_opd_bulan (tahun INTEGER, kode_opd TEXT, bulan INTEGER, jumlah_asn INTEGER,
  jumlah_memenuhi INTEGER);
CREATE TABLE int_kebutuhan_standing (tahun INTEGER, nip TEXT);
CREATE TABLE fct_credits (tahun INTEGER, nip TEXT, kode_kegiatan TEXT, jp INTEGER, bukti TEXT,
  menit_zoom DOUBLE PRECISION);
CREATE TABLE agg_opd (tahun INTEGER, kode_opd TEXT, nama_opd TEXT, jumlah_asn INTEGER,
  jumlah_memenuhi INTEGER, persen_memenuhi DOUBLE PRECISION, total_jp INTEGER,
  rata_jp DOUBLE PRECISION,
  responden_kebutuhan INTEGER, persen_responden DOUBLE PRECISION,
  jumlah_teknis_20 INTEGER, persen_teknis_20 DOUBLE PRECISION);
CREATE TABLE agg_opd_kebutuhan (tahun INTEGER, kode_opd TEXT, kategori TEXT, nilai TEXT,
  jumlah INTEGER);
CREATE TABLE agg_opd_kegiatan (tahun INTEGER, kode_opd TEXT, kode_kegiatan TEXT,
  nama_kegiatan TEXT, tanggal TEXT, jp INTEGER, peserta INTEGER);
CREATE TABLE rpt_zoom_unmatched (tahun INTEGER, kode_kegiatan TEXT, baris INTEGER,
  nama_zoom TEXT, email TEXT, menit DOUBLE PRECISION);
CREATE TABLE quarantine (sumber TEXT, worksheet TEXT, baris INTEGER, alasan TEXT, pesan TEXT,
  data TEXT);
CREATE TABLE stg_pegawai (nip TEXT, nama TEXT, nama_kunci TEXT, kode_opd TEXT, aktif BOOLEAN);
CREATE TABLE stg_opd (kode_opd TEXT, nama_opd TEXT, alias TEXT);
CREATE TABLE stg_kegiatan (kode_kegiatan TEXT, nama_kegiatan TEXT, tanggal TEXT, tahun INTEGER);
CREATE TABLE rpt_hampir (tahun INTEGER, kode_opd TEXT, nip TEXT, nama TEXT,
  kode_kegiatan TEXT, nama_kegiatan TEXT, tanggal TEXT, menit_hadir DOUBLE PRECISION,
  menit_dibutuhkan DOUBLE PRECISION, urutan INTEGER, jumlah_opd INTEGER);
CREATE TABLE int_pengembangan_standing (nip TEXT, tahun INTEGER, kode_laporan TEXT,
  nama_kegiatan TEXT, penyelenggara TEXT, tanggal_mulai TEXT, tanggal_selesai TEXT,
  jp INTEGER, status TEXT, catatan TEXT, submitted_at TEXT);
CREATE TABLE fct_credits_mandiri (tahun INTEGER, nip TEXT, kode_laporan TEXT, jp INTEGER);
CREATE TABLE src_koreksi (baris INTEGER, submitted_at TEXT, jenis TEXT, kode_kegiatan TEXT,
  nama_zoom TEXT, nip TEXT, alasan TEXT, oleh TEXT);
CREATE TABLE int_koreksi_kredit (nip TEXT, kode_kegiatan TEXT, jenis TEXT, submitted_at TEXT);
"""

OPDS = [
    ("DISDIK", "Dinas Pendidikan dan Kebudayaan", "disdik@sragen.example"),
    ("DINKES", "Dinas Kesehatan", "dinkes@sragen.example"),
    ("KEC_GESI", "Kecamatan Gesi", None),  # no active ASN: its page must say so
]

KEGIATAN = [
    # kode, nama, tanggal, tahun, JP
    ("MEKAR-2023-001", "Core Value BerAKHLAK", "2023-07-03", 2023, 5),
    ("MEKAR-2023-002", "Pelayanan Publik <i>Prima</i>", "2023-08-15", 2023, 5),
    ("MEKAR-2023-003", "Literasi Digital", "2023-10-02", 2023, 3),  # in catalog, nobody credited
    ("MEKAR-2022-009", "Kegiatan Tahun Lalu", "2022-11-10", 2022, 4),
]

# tahun, nip, nama, kode_opd, jenis_asn, jabatan, jp, memenuhi, kurang_jp (target 20)
COMPLIANCE = [
    (2023, "198001012005011001", "Siti Aminah", "DISDIK", "PNS", "Guru Ahli Muda", 20, 1, 0),
    (2023, "198502022010012002", SCRIPT_NAME, "DISDIK", "PNS", "Guru Ahli Pertama", 5, 0, 15),
    (2023, "199003032019031003", "Agus Salim", "DISDIK", "PPPK", "Guru", 12, 0, 8),
    (2023, "199104042020122004", "Ani Lestari", "DISDIK", "PNS", "Pengawas Sekolah", 5, 0, 15),
    (2023, "198912122015032001", "Ani Lestari", "DISDIK", "PNS", "Guru", 5, 0, 15),
    (2023, "199205052021011005", "budi Hartono", "DISDIK", "PNS", "Pelaksana", 0, 0, 20),
    (2023, "197712122000032005", "Tatik <b>Sumarni</b>", "DINKES", "PNS", "Perawat", 0, 0, 20),
    (2023, "198808082012011006", "Bambang Wijaya", "DINKES", "PNS", "Dokter", 24, 1, 0),
    (2023, "199209092021012007", "Dewi Kartika", "DINKES", "PPPK", "Bidan", 19, 0, 1),
    # Four DINKES ASN at >= 20 JP: DINKES's chart is taller than DISDIK's, drawn right after it.
    (2023, "198607072011012008", "Rina Marlina", "DINKES", "PNS", "Apoteker", 20, 1, 0),
    (2023, "198707072012012009", "Joko Susilo", "DINKES", "PNS", "Sanitarian", 21, 1, 0),
    (2023, "198907072014011010", "Yuli Astuti", "DINKES", "PPPK", "Perawat", 22, 1, 0),
    (2022, "196601012000031001", "Pensiun Tahun Lalu", "DINKES", "PNS", "Perawat", 4, 0, 16),
]

# The DISDIK figures summarise the whole OPD (the compliance rows above are a slice of it):
# they carry a thousands separator and the 22,7% of the golden case.
AGG_OPD = [
    (2023, "DISDIK", "Dinas Pendidikan dan Kebudayaan", 88, 20, 22.7, 1240, 14.1, 60, 68.2),
    (2023, "DINKES", "Dinas Kesehatan", 6, 4, 66.7, 106, 17.7, 2, 33.3),
    (2022, "DISDIK", "Dinas Pendidikan dan Kebudayaan", 80, 5, 6.3, 900, 11.3, 50, 62.5),
    # As the agg_opd mart writes an OPD without ASN: zeros, not NULLs.
    (2023, "KEC_GESI", "Kecamatan Gesi", 0, 0, 0.0, 0, 0.0, 0, 0.0),
]

TOPICS = [f"Topik {chr(ord('A') + i)}" for i in range(12)]
KEBUTUHAN = [
    (2023, "DISDIK", "jenis_kompetensi", "Teknis", 40),
    (2023, "DISDIK", "jenis_kompetensi", "Sosial Kultural", 15),
    (2023, "DISDIK", "jenis_kompetensi", "Manajerial", 15),
    (2023, "DISDIK", "jalur", "E-learning", 25),
    (2023, "DISDIK", "jalur", "Pelatihan", 30),
    (2023, "DISDIK", "model", "Flexible Learning", 35),
    # 12 topics counted 12, 11, ... 1: the page shows the first ten.
    *[(2023, "DISDIK", "topik", t, 12 - i) for i, t in enumerate(TOPICS)],
    (2023, "DINKES", "topik", "Pelayanan <i>pasien</i>", 2),
]

AGG_KEGIATAN = [
    (2023, "DISDIK", "MEKAR-2023-002", "Pelayanan Publik <i>Prima</i>", "2023-08-15", 5, 1),
    (2023, "DISDIK", "MEKAR-2023-001", "Core Value BerAKHLAK", "2023-07-03", 5, 3),
    (2023, "DINKES", "MEKAR-2023-001", "Core Value BerAKHLAK", "2023-07-03", 5, 2),
]

CREDITS = [
    (2023, "198001012005011001", "MEKAR-2023-001", 5, "zoom", 230.0),
    (2023, "198502022010012002", "MEKAR-2023-001", 5, "daftar_hadir", None),
    (2023, "199003032019031003", "MEKAR-2023-001", 5, "zoom+daftar_hadir", 200.0),
    (2023, "198001012005011001", "MEKAR-2023-002", 5, "zoom", 220.0),
    (2023, "198808082012011006", "MEKAR-2023-001", 5, "zoom", 240.0),
    (2023, "199209092021012007", "MEKAR-2023-001", 5, "zoom", 235.0),
    (2022, "196601012000031001", "MEKAR-2022-009", 4, "zoom", 180.0),
]

UNMATCHED = [
    (2023, "MEKAR-2023-001", 14, ZOOM_SCRIPT, "", 200.0),
    (2023, "MEKAR-2023-001", 9, "iPhone", None, 180.0),
    (2023, "MEKAR-2023-002", 3, "Ruang Rapat Dinkes", "rapat@dinkes.example", 90.0),
    (2022, "MEKAR-2022-009", 5, "Zoom Tahun Lalu", None, 60.0),
]

QUARANTINE = [
    ("master", "pegawai", 7, "nip_precision_lost", "NIP 1.98503E+17", "{}"),
    ("master", "pegawai", 8, "nip_precision_lost", "NIP 1.98503E+17", "{}"),
    ("kebutuhan", "Form Responses 1", 4, "nip_precision_lost", "NIP 1.99E+17", "{}"),
    ("kegiatan", "daftar_hadir", 12, "nip_unknown", "NIP tidak dikenal", "{}"),
    ("log_zoom", "MEKAR-2023-077", 2, "session_unknown", "kode tidak ada", "{}"),
    ("log_zoom", "MEKAR-2023-001", 30, "kolom_aneh", "alasan baru", "{}"),
]


def _insert(conn: sa.Connection, table: str, columns: str, rows: list[tuple]) -> None:
    names = [c.strip() for c in columns.split(",")]
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"
    conn.execute(sa.text(sql), [dict(zip(names, row, strict=True)) for row in rows])


def build_warehouse(engine: sa.Engine) -> sa.Engine:
    with engine.begin() as conn:
        for statement in DDL.split(";"):
            if statement.strip():
                conn.execute(sa.text(statement))
        _insert(conn, "dim_opd", "kode_opd, nama_opd, email", OPDS)
        _insert(
            conn,
            "dim_kegiatan",
            "kode_kegiatan, nama_kegiatan, tanggal, tahun, jp, jam_mulai, jam_selesai,"
            " durasi_menit, jalur, bentuk, jenis_kompetensi, moda, narasumber, min_kehadiran",
            [
                (*k, "08:00", "12:00", 240, "Klasikal", "Seminar", "Manajerial", "Daring", "WI", 80)
                for k in KEGIATAN
            ],
        )
        _insert(
            conn,
            "fct_compliance",
            "tahun, nip, nama, kode_opd, jenis_asn, jabatan, jp, memenuhi, kurang_jp, target_jp",
            [(*c, 20) for c in COMPLIANCE],
        )
        _insert(conn, "fct_credits", "tahun, nip, kode_kegiatan, jp, bukti, menit_zoom", CREDITS)
        _insert(
            conn,
            "agg_opd",
            "tahun, kode_opd, nama_opd, jumlah_asn, jumlah_memenuhi, persen_memenuhi, total_jp,"
            " rata_jp, responden_kebutuhan, persen_responden",
            AGG_OPD,
        )
        _insert(conn, "agg_opd_kebutuhan", "tahun, kode_opd, kategori, nilai, jumlah", KEBUTUHAN)
        _insert(
            conn,
            "agg_opd_kegiatan",
            "tahun, kode_opd, kode_kegiatan, nama_kegiatan, tanggal, jp, peserta",
            AGG_KEGIATAN,
        )
        _insert(
            conn,
            "rpt_zoom_unmatched",
            "tahun, kode_kegiatan, baris, nama_zoom, email, menit",
            UNMATCHED,
        )
        _insert(conn, "quarantine", "sumber, worksheet, baris, alasan, pesan, data", QUARANTINE)
    return engine


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> sa.Engine:
    path = tmp_path_factory.mktemp("warehouse") / "mekar.db"
    return build_warehouse(sa.create_engine(f"sqlite:///{path}"))


@pytest.fixture(scope="module")
def out(engine: sa.Engine, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("out")
    summary = render_reports(engine, YEAR, out_dir)
    assert summary.opd_pages == len(OPDS)
    return out_dir


# -- reading HTML back --------------------------------------------------------------------------

VOID = {"meta", "img", "br", "hr", "link", "input", "col", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return " ".join(
            " ".join(c.split()) if isinstance(c, str) else c.text() for c in self.children
        ).strip()

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def by_id(self, element_id: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == element_id]
        assert len(found) == 1, f"expected one element with id={element_id!r}, got {len(found)}"
        return found[0]

    def rows(self) -> list[list[str]]:
        """Body rows of the first table inside this node, as cell texts."""
        table = next(self.iter("table"))
        return [
            [td.text() for td in tr.iter("td")] for tr in table.iter("tr") if list(tr.iter("td"))
        ]


class TreeBuilder(HTMLParser):
    """Stdlib html.parser into a small tree; insists that the page is properly nested."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(path: Path) -> Node:
    builder = TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def html_files(out_dir: Path) -> list[Path]:
    return sorted(out_dir.rglob("*.html"))


def local_refs(page: Path) -> list[Path]:
    doc = parse(page)
    refs = [a.attrs["href"] for a in doc.iter("a")] + [i.attrs["src"] for i in doc.iter("img")]
    return [page.parent / ref for ref in refs if not ref.startswith("#")]


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# -- tests --------------------------------------------------------------------------------------


def test_pages_written_for_every_opd(out: Path) -> None:
    assert sorted(p.name for p in (out / "opd").iterdir()) == sorted(f"{k}.html" for k, *_ in OPDS)
    assert (out / "index.html").is_file() and (out / "ringkasan.html").is_file()


def test_markup_in_names_is_text_and_no_script_element_exists(out: Path) -> None:
    for page in html_files(out):
        doc = parse(page)
        # the one script is the inline table filter: no source file, no data in it
        scripts = list(doc.iter("script"))
        assert len(scripts) == 1 and "src" not in scripts[0].attrs, page
        assert "data-saring" in scripts[0].children[0] and "Budi" not in scripts[0].children[0]
        assert not list(doc.iter("b")), page
        assert not list(doc.iter("i")), page
    disdik = parse(out / "opd" / "DISDIK.html").text()
    assert SCRIPT_NAME in disdik
    assert "Pelayanan Publik <i>Prima</i>" in disdik
    assert "Tatik <b>Sumarni</b>" in parse(out / "opd" / "DINKES.html").text()
    assert "Pelayanan <i>pasien</i>" in parse(out / "opd" / "DINKES.html").text()
    assert ZOOM_SCRIPT in parse(out / "ringkasan.html").text()
    # The raw bytes carry the escaped form, never the tag itself.
    raw = (out / "opd" / "DISDIK.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Budi" in raw and raw.count("<script>") == 1


def test_opd_page_names_no_asn_of_another_opd(out: Path) -> None:
    for kode, *_ in OPDS:
        text = parse(out / "opd" / f"{kode}.html").text()
        own_below = [c for c in COMPLIANCE if c[3] == kode and c[0] == YEAR and not c[7]]
        for _, nip, nama, *_ in own_below:  # positive control: the page does list people
            assert nip in text and nama in text
        for _, nip, nama, other, *_ in COMPLIANCE:
            if other != kode:
                assert nip not in text, (kode, nip)
                assert nama not in text, (kode, nama)


def test_asn_list_order_status_and_filters(out: Path) -> None:
    doc = parse(out / "opd" / "DISDIK.html")
    rows = doc.by_id("daftar-asn").rows()
    # After the data's last session (15 August) the catalog holds only session 003 (3 JP),
    # too early for a pace: everyone missing more than 3 JP is out of the catalog's reach.
    # Order: to act on first (no one here), then out of reach by JP missing, then whoever
    # never attended a session, then the longest since their last one (as the weekly email:
    # risk.act_key), then name (case-insensitive), then NIP; at target last. The two Ani have
    # no credited session; the script-named Budi attended on 3 July.
    # columns: Nama, JP, Kurang JP, Status, NIP, Jenis ASN, Jenis jabatan, Jabatan, JP mandiri
    out_of_reach = "Tidak mungkin tercapai dari katalog"
    assert [(r[4], r[0], r[3], r[1], r[2]) for r in rows] == [
        ("199205052021011005", "budi Hartono", out_of_reach, "0", "20"),
        ("198912122015032001", "Ani Lestari", out_of_reach, "5", "15"),
        ("199104042020122004", "Ani Lestari", out_of_reach, "5", "15"),
        ("198502022010012002", SCRIPT_NAME, out_of_reach, "5", "15"),
        ("199003032019031003", "Agus Salim", out_of_reach, "12", "8"),
        ("198001012005011001", "Siti Aminah", "Memenuhi", "20", "0"),  # at target, listed
    ]
    assert [r[5] for r in rows] == ["PNS", "PNS", "PNS", "PNS", "PPPK", "PNS"]
    assert rows[2][7] == "Pengawas Sekolah"
    # Dewi (DINKES) misses 1 JP: the 3 JP session left carries her
    dinkes = parse(out / "opd" / "DINKES.html")
    dewi = [r for r in dinkes.by_id("daftar-asn").rows() if r[4] == "199209092021012007"]
    assert dewi[0][3] == "Perlu hadir di sedikitnya 1 dari 1 kegiatan tersisa"
    assert (
        "Dewi Kartika (199209092021012007): Perlu hadir di sedikitnya 1 dari 1 kegiatan tersisa, kurang 1 JP"
        in (dinkes.by_id("langkah").text())
    )
    # the filters: status, jenis ASN and jenis jabatan offer a drop-down; the rule is said
    heads = [th for th in doc.by_id("daftar-asn").iter("th")]
    assert [th.text() for th in heads if "data-pilihan" in th.attrs] == [
        "Status", "Jenis ASN", "Jenis jabatan"
    ]  # fmt: skip
    assert "Status dihitung dari katalog" in doc.by_id("daftar-asn").text()


def test_kpis_use_indonesian_number_format(out: Path) -> None:
    kpis = parse(out / "opd" / "DISDIK.html").by_id("capaian")
    values = {
        dt_.text(): dd.text() for dt_, dd in zip(kpis.iter("dt"), kpis.iter("dd"), strict=True)
    }
    assert values == {
        "Jumlah ASN aktif": "88",
        "Memenuhi target JP": "20",
        "% memenuhi": "22,7%",
        "Total JP": "1.240",
        "Rata-rata JP per ASN": "14,1",
        "Responden kebutuhan": "60",
        "% ASN mengisi kebutuhan": "68,2%",
        "% ≥ 20 JP teknis (IP ASN)": "–",  # not in this hand-built mart
        "Perkiraan skor Kompetensi IP ASN": "0,0 / 40",  # no indicator met in this slice
    }
    regency = parse(out / "ringkasan.html").by_id("capaian")
    values = {
        dt_.text(): dd.text()
        for dt_, dd in zip(regency.iter("dt"), regency.iter("dd"), strict=True)
    }
    # Sums over agg_opd 2023: 94 ASN, 24 compliant (25,53%), 1.346 JP (14,32 each),
    # 62 respondents (65,96%).
    assert values["Jumlah ASN aktif"] == "94"
    assert values["% memenuhi"] == "25,5%"
    assert values["Total JP"] == "1.346"
    assert values["Rata-rata JP per ASN"] == "14,3"
    assert values["% ASN mengisi kebutuhan"] == "66,0%"
    assert values["Kegiatan terlaksana"] == "2"


def test_filters_format_the_indonesian_way() -> None:
    assert angka(10503) == "10.503"
    assert angka(1622.0) == "1.622"
    assert angka(14.05, 1) == "14,1"  # half up, as readers and the SQL exports round
    assert persen(22.7) == "22,7%"
    assert persen(22.65) == "22,7%"
    assert persen(None) == "–"
    assert tanggal("2023-07-05") == "5 Juli 2023"
    assert tanggal(dt.date(2023, 7, 3)) == "3 Juli 2023"
    assert angka(-1234567.25, 1) == "-1.234.567,3"
    assert angka(Decimal("0.04"), 2) == "0,04"


def test_numbers_read_as_babel_writes_id_ID() -> None:
    """`angka` formats without babel (it is on the hot path); babel's id_ID pattern is the
    reference it must keep agreeing with."""
    import random

    from babel.numbers import format_decimal

    from mekar.report.formatting import _rounded

    numbers = random.Random(8).choices(range(-(10**7), 10**7), k=500)
    values = [0, -0.0, -0.04, 22.65, 99.95, Decimal("-7.5"), *numbers, *(n / 37 for n in numbers)]
    for value in values:
        for digits in (0, 1, 2):
            pattern = "#,##0" + ("." + "0" * digits if digits else "")
            expected = format_decimal(_rounded(value, digits), format=pattern, locale="id_ID")
            assert angka(value, digits) == expected, (value, digits)


def test_dates_and_data_until(out: Path) -> None:
    doc = parse(out / "opd" / "DISDIK.html")
    # Sessions attended, oldest first, with Indonesian dates.
    assert doc.by_id("kegiatan").rows() == [
        ["3 Juli 2023", "Core Value BerAKHLAK", "5", "3"],
        ["15 Agustus 2023", "Pelayanan Publik <i>Prima</i>", "5", "1"],
    ]
    # The latest session with credits, not the catalog's not-yet-held 2 Oktober session,
    # named as the report's date, apart from the day the page was written.
    for page in html_files(out):
        header = next(parse(page).iter("header")).text()
        assert "Data per 15 Agustus 2023 (kegiatan terakhir yang tercatat)" in header, page
        assert "· Halaman dibuat " in header, page
    summary = parse(out / "ringkasan.html").by_id("kegiatan").rows()
    assert [(r[0], r[1], r[8]) for r in summary] == [
        ("3 Juli 2023", "MEKAR-2023-001", "5"),
        ("15 Agustus 2023", "MEKAR-2023-002", "1"),
        ("2 Oktober 2023", "MEKAR-2023-003", "0"),
    ]


def test_other_years_do_not_leak(out: Path) -> None:
    text = " ".join(parse(p).text() for p in html_files(out))
    for leaked in ("Kegiatan Tahun Lalu", "Zoom Tahun Lalu", "Pensiun Tahun Lalu", "6,3%"):
        assert leaked not in text


def test_needs_summary_per_category(out: Path) -> None:
    needs = parse(out / "opd" / "DISDIK.html").by_id("kebutuhan")
    headings = [h.text() for h in needs.iter("h3")]
    tables = [
        [[td.text() for td in tr.iter("td")] for tr in t.iter("tr")][1:]
        for t in needs.iter("table")
    ]
    sections = dict(zip(headings, tables, strict=True))
    assert sections["Jenis kompetensi"] == [
        ["Teknis", "40"],
        ["Manajerial", "15"],
        ["Sosial Kultural", "15"],
    ]
    assert sections["Jalur pengembangan"] == [["Pelatihan", "30"], ["E-learning", "25"]]
    assert sections["Model pembelajaran"] == [["Flexible Learning", "35"]]
    assert sections["10 topik teratas"] == [[t, str(12 - i)] for i, t in enumerate(TOPICS[:10])]


def test_empty_opd_says_so_in_a_sentence(out: Path) -> None:
    doc = parse(out / "opd" / "KEC_GESI.html")
    assert "Tidak ada ASN aktif" in doc.by_id("capaian").text()
    assert "Belum ada ASN OPD ini yang mengisi formulir" in doc.by_id("kebutuhan").text()
    assert "Belum ada ASN OPD ini yang tercatat mengikuti kegiatan" in doc.by_id("kegiatan").text()
    assert not list(doc.iter("table")) and not list(doc.iter("img"))
    assert not [n for n in doc.iter("figure")]  # no chart either


def test_charts_are_html_bars_with_their_numbers(out: Path) -> None:
    """The year's pages draw no image: each chart is text and bars, as legible on a phone
    as on a desktop. Each bar says its number, so no table repeats a chart."""
    assert not (out / "img").exists()
    for page in html_files(out):
        assert not list(parse(page).iter("img")), page
    doc = parse(out / "opd" / "DISDIK.html")
    section = doc.by_id("sebaran-jp")
    assert not list(section.iter("table"))
    # DISDIK's six ASN: 0 JP once, 5 JP three times, 12 JP once, 20 JP once
    counts = {"0 JP": 1, "1–4 JP": 0, "5–9 JP": 3, "10–14 JP": 1, "15–19 JP": 0, "≥20 JP": 1}
    assert bar_chart(doc.by_id("grafik-sebaran-jp")) == [
        (label, f"{n} ASN", f"width: {100 * n / 3:.1f}%") for label, n in counts.items()
    ]
    highlighted = [s for s in doc.by_id("grafik-sebaran-jp").iter("span") if "sorot" in cls(s)]
    assert len(highlighted) == 1  # the >=20 JP bin, the last

    # the regency's shares drawn in the ranking's rows, on an axis that fits the best (66,7%
    # -> 0-100%); the OPD without ASN has no bar
    summary = parse(out / "ringkasan.html")
    ranked = summary.by_id("peringkat-opd")
    bars = {
        list(tr.iter("td"))[1].text(): [s.attrs["style"] for s in tr.iter("span") if not cls(s)]
        for tr in ranked.iter("tr")
        if list(tr.iter("td"))
    }
    assert bars == {"1": ["width: 66.7%"], "2": ["width: 22.7%"], "–": []}
    assert "skala 0–100%" in ranked.text()


def cls(node: Node) -> str:
    return node.attrs.get("class") or ""


def bar_chart(figure: Node) -> list[tuple[str, str, str]]:
    """(label, value shown, bar style) of each row of an HTML bar chart."""
    rows = []
    for li in figure.iter("li"):
        spans = {cls(s): s for s in li.iter("span")}
        bar = next(s for c, s in spans.items() if c.startswith("isi"))
        rows.append((spans["label"].text(), spans["nilai"].text(), bar.attrs["style"]))
    return rows


def test_rendering_twice_gives_identical_bytes(
    engine: sa.Engine, out: Path, tmp_path: Path
) -> None:
    render_reports(engine, YEAR, tmp_path)
    first, second = tree_bytes(out), tree_bytes(tmp_path)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    render_reports(engine, YEAR, tmp_path)  # and again over its own output
    assert tree_bytes(tmp_path) == second


def test_links_resolve_to_files(out: Path) -> None:
    doc = parse(out / "index.html")
    hrefs = [a.attrs["href"] for a in doc.iter("a")]
    assert "ringkasan.html" in hrefs
    assert sorted(h for h in hrefs if h.startswith("opd/")) == sorted(
        f"opd/{k}.html" for k, *_ in OPDS
    )
    # by name, with no code column: the name is the link
    assert doc.by_id("opd").rows() == [
        ["Dinas Kesehatan", "6", "4", "66,7%"],
        ["Dinas Pendidikan dan Kebudayaan", "88", "20", "22,7%"],
        ["Kecamatan Gesi", "0", "0", "–"],
    ]
    for page in html_files(out):
        for ref in local_refs(page):
            assert ref.is_file(), (page, ref)


def test_ranking_and_data_quality(out: Path) -> None:
    doc = parse(out / "ringkasan.html")
    ranking = doc.by_id("peringkat-opd").rows()
    # OPD, place, % at target, at target, ASN, total JP, needs respondents
    assert [r[:3] + r[4:6] for r in ranking] == [
        ["Dinas Kesehatan", "1", "66,7%", "6", "106"],
        ["Dinas Pendidikan dan Kebudayaan", "2", "22,7%", "88", "1.240"],
        ["Kecamatan Gesi", "–", "–", "0", "0"],
    ]
    assert doc.by_id("karantina-alasan").tag == "h3"
    quality = doc.by_id("kualitas-data")
    tables = list(quality.iter("table"))
    by_reason = [[td.text() for td in tr.iter("td")] for tr in tables[0].iter("tr")][1:]
    assert by_reason == [
        ["nip_precision_lost", REASON_LABELS["nip_precision_lost"], "3"],
        ["kolom_aneh", UNKNOWN_REASON_LABEL, "1"],
        ["nip_unknown", "NIP tidak ada di daftar pegawai", "1"],
        ["session_unknown", "Kode kegiatan tidak ada di katalog", "1"],
    ]
    by_source = [[td.text() for td in tr.iter("td")] for tr in tables[1].iter("tr")][1:]
    assert by_source == [
        ["kebutuhan", "Form Responses 1", "1"],
        ["kegiatan", "daftar_hadir", "1"],
        ["log_zoom", "MEKAR-2023-001", "1"],
        ["log_zoom", "MEKAR-2023-077", "1"],
        ["master", "pegawai", "2"],
    ]
    listed = [[td.text() for td in tr.iter("td")] for tr in tables[2].iter("tr")][1:]
    assert [row[:4] for row in listed] == [
        ["kebutuhan", "Form Responses 1", "4", "nip_precision_lost"],
        ["kegiatan", "daftar_hadir", "12", "nip_unknown"],
        ["log_zoom", "MEKAR-2023-001", "30", "kolom_aneh"],
        ["log_zoom", "MEKAR-2023-077", "2", "session_unknown"],
        ["master", "pegawai", "7", "nip_precision_lost"],
        ["master", "pegawai", "8", "nip_precision_lost"],
    ]
    assert listed[0][4] == "NIP 1.99E+17"
    unmatched = [[td.text() for td in tr.iter("td")] for tr in tables[3].iter("tr")][1:]
    assert unmatched == [  # the longest attendance first: most worth reviewing
        ["MEKAR-2023-001", "14", ZOOM_SCRIPT, "–", "200", "mungkin ASN", "–"],
        ["MEKAR-2023-001", "9", "iPhone", "–", "180", "perangkat/ruangan", "–"],
        [
            "MEKAR-2023-002",
            "3",
            "Ruang Rapat Dinkes",
            "rapat@dinkes.example",
            "90",
            "perangkat/ruangan",
            "–",
        ],
    ]
    assert "lainnya" not in quality.text()


def test_unmatched_list_is_capped(engine: sa.Engine, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(render, "UNMATCHED_LIMIT", 2)
    render_reports(engine, YEAR, tmp_path, opd_codes=[])
    section = parse(tmp_path / "ringkasan.html").by_id("kualitas-data")
    rows = [
        [td.text() for td in tr.iter("td")] for tr in list(section.iter("table"))[3].iter("tr")
    ][1:]
    assert [r[2] for r in rows] == [ZOOM_SCRIPT, "iPhone"]
    assert "Masih ada 1 baris lainnya" in section.text()
    assert "Masih ada 4 baris lainnya" in section.text()  # the quarantine list, capped too


def test_only_requested_opds_are_rendered(engine: sa.Engine, out: Path, tmp_path: Path) -> None:
    summary = render_reports(engine, YEAR, tmp_path, opd_codes=["DISDIK"])
    assert summary.opd_pages == 1
    assert sorted(p.relative_to(tmp_path).as_posix() for p in summary.pages) == [
        "index.html",
        "opd/DISDIK.html",
        "ringkasan.html",
    ]
    assert [p.name for p in (tmp_path / "opd").iterdir()] == ["DISDIK.html"]
    doc = parse(tmp_path / "index.html")
    assert [a.attrs["href"] for a in doc.iter("a") if a.attrs["href"].startswith("opd/")] == [
        "opd/DISDIK.html"
    ]
    assert "laporan belum dibuat" in doc.text()
    # A re-sent OPD report is the very same file as in the full run.
    assert (tmp_path / "opd/DISDIK.html").read_bytes() == (out / "opd/DISDIK.html").read_bytes()
    with pytest.raises(ValueError, match="NOPE"):
        render_reports(engine, YEAR, tmp_path, opd_codes=["DISDIK", "NOPE"])


def test_each_database_gives_the_same_files(warehouse_url: str, out: Path, tmp_path: Path) -> None:
    # The same rows on a fresh SQLite file and on PostgreSQL (conftest's warehouse_url): its
    # collation and column types must not change a single byte.
    engine = build_warehouse(sa.create_engine(warehouse_url))
    try:
        render_reports(engine, YEAR, tmp_path / "out")
    finally:
        engine.dispose()
    expected, got = tree_bytes(out), tree_bytes(tmp_path / "out")
    assert got.keys() == expected.keys()
    assert [k for k in expected if expected[k] != got[k]] == []


def test_pages_are_rendered_only_when_what_they_show_changed(tmp_path: Path) -> None:
    """An unchanged warehouse rewrites no page; a change to one OPD's numbers rewrites that
    OPD's page and the pages that show every OPD (summary, index), nothing else; a page
    deleted by hand is written again."""
    engine = build_warehouse(sa.create_engine(f"sqlite:///{tmp_path / 'w.db'}"))
    out_dir = tmp_path / "out"
    first = render_reports(engine, YEAR, out_dir)
    assert first.pages_unchanged == 0
    written = {p: p.stat().st_mtime_ns for p in first.pages}

    again = render_reports(engine, YEAR, out_dir)
    assert again.pages_unchanged == len(again.pages) == 5
    assert {p: p.stat().st_mtime_ns for p in again.pages} == written

    with engine.begin() as conn:
        conn.execute(sa.text("update fct_compliance set jp = jp + 1 where kode_opd = 'DINKES'"))
    before = {p.name: p.read_bytes() for p in first.pages}
    changed = render_reports(engine, YEAR, out_dir)
    rewritten = sorted(p.name for p in changed.pages if p.stat().st_mtime_ns != written[p])
    assert rewritten == ["DINKES.html"]  # the summary and index show agg_opd, not changed here
    assert changed.pages_unchanged == 4
    assert (out_dir / "opd" / "DINKES.html").read_bytes() != before["DINKES.html"]

    (out_dir / "opd" / "DISDIK.html").unlink()
    restored = render_reports(engine, YEAR, out_dir)
    assert restored.pages_unchanged == 4
    assert (out_dir / "opd" / "DISDIK.html").read_bytes() == before["DISDIK.html"]
    engine.dispose()
