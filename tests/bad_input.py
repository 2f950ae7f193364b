"""A catalogue of bad input: each case copies the golden year (../shared/golden/mini), breaks
one thing and says what the nightly run must then do (tests/test_bad_input.py runs them).

A case is a function that mutates a copy of the year and returns an `Expect`: the exit code,
the quarantined rows (sheet, row, reason, column), and how the exports differ from the clean
year's. Everything not named in the `Expect` must stay exactly as in the clean year.

The victims (roster rows, check-ins, Zoom rows, needs responses) were picked from the clean
year so that breaking them has one visible, computable effect:
- roster victims are active ASN with credits, a name no other ASN shares, and no check-in
  or needs response (removing them removes their compliance and credit rows, nothing else);
- formula/script victims are matched in Zoom by NIP or e-mail only (renaming them loses no
  credit);
- check-in and Zoom victims hold the only evidence of one credit, or one of two;
- needs victims have a single response in 2023.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

PEGAWAI = "master/pegawai.csv"
OPD = "master/opd.csv"
KEGIATAN = "kegiatan/kegiatan.csv"
HADIR = "kegiatan/daftar_hadir.csv"
FORM = "kebutuhan/Form Responses 1.csv"


def zoom(code: str) -> str:
    return f"log_zoom/{code}.csv"


# --- what a case expects ------------------------------------------------------------------


@dataclass(frozen=True)
class Q:
    """A row the run must quarantine. `kolom` is checked (export column and the message
    prefix) when given; `shown`: the CLI output must carry the row's message."""

    sumber: str
    worksheet: str
    baris: int
    alasan: str
    kolom: str | None = None
    shown: bool = True
    # One of many rows broken alike (a session's rows): the output may name them as a
    # range ("baris 2–273 (272 baris)"); it must name this row first.
    grouped: bool = False

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.sumber, self.worksheet, self.baris)

    @property
    def prefix(self) -> str:
        where = f"{self.sumber}/{self.worksheet} baris {self.baris}, "
        return where + (f"kolom {self.kolom}: " if self.kolom else "kolom ")


@dataclass
class Expect:
    exit_code: int = 0
    # "clean": the warehouse holds the clean year before the mutated run (the nightly that
    # ran yesterday); "empty": the mutated year is the warehouse's first load.
    start: str = "clean"
    quarantined: list[Q] = field(default_factory=list)
    roster_removed: set[str] = field(default_factory=set)  # NIPs no longer on the roster
    credits_removed: set[tuple[str, str]] = field(default_factory=set)  # (nip, kode)
    credits_bukti: dict[tuple[str, str], str] = field(default_factory=dict)  # new `bukti`
    sessions_removed: set[str] = field(default_factory=set)  # every credit of the session
    names: dict[str, str] = field(default_factory=dict)  # nip -> `nama` as exported
    needs_removed: set[str] = field(default_factory=set)  # NIPs whose 2023 response is gone
    # A worksheet or spreadsheet that fails: one output line must hold all these words.
    failure: tuple[str, ...] | None = None
    # Extra checks: (out_dir, cli_output, exports) -> list of problems.
    check: Callable[[Path, str, dict], list[str]] | None = None


def failed(*words: str, **more) -> Expect:
    """A worksheet-level fault: exit 1, one line naming it, the warehouse as it was."""
    return Expect(exit_code=1, failure=words, **more)


# --- editing a copy of the year -----------------------------------------------------------


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class Year:
    """A copy of the golden year with CSV-aware edits. Row numbers are sheet row numbers:
    CSV records counted from 1 (a quoted cell spanning lines is one row)."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def rows(self, rel: str) -> list[list[str]]:
        text = self.path(rel).read_bytes().decode("utf-8-sig")
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""))]

    def write(self, rel: str, rows, *, encoding="utf-8", delimiter=",", newline="\n") -> None:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_bytes(buffer.getvalue().encode(encoding))

    def header_at(self, rel: str) -> int:
        """Index of the header record (a Zoom log may have a preamble above it)."""
        rows = self.rows(rel)
        if rel.startswith("log_zoom/"):
            return next(i for i, r in enumerate(rows) if "Join Time" in r)
        return 0

    def column(self, rel: str, name: str) -> int:
        return self.rows(rel)[self.header_at(rel)].index(name)

    def cell(self, rel: str, row: int, column: str) -> str:
        return self.rows(rel)[row - 1][self.column(rel, column)]

    def set_cell(self, rel: str, row: int, column: str, value: str) -> str:
        rows = self.rows(rel)
        position = self.column(rel, column)
        old = rows[row - 1][position]
        rows[row - 1][position] = value
        self.write(rel, rows)
        return old

    def row_of(self, rel: str, column: str, wanted: str, **also: str) -> int:
        """The one row whose `column` holds `wanted` (NIPs compared by their digits) and
        whose other columns hold `also` (keyword = column with spaces as _)."""
        rows = self.rows(rel)
        start = self.header_at(rel)
        header = rows[start]
        position = header.index(column)
        others = {header.index(k.replace("_", " ")): v for k, v in also.items()}

        def same(cell: str, value: str) -> bool:
            if column == "NIP" and value.isdigit():
                return _digits(cell) == value and not re.search(r"[eE]", cell)
            return cell.strip() == value

        found = [
            i + 1
            for i, r in enumerate(rows)
            if i > start
            and position < len(r)
            and same(r[position], wanted)
            and all(r[p].strip() == v for p, v in others.items())
        ]
        assert len(found) == 1, f"{rel}: {column}={wanted!r} {also} is on rows {found}"
        return found[0]

    def drop_column(self, rel: str, name: str) -> None:
        rows = self.rows(rel)
        position = rows[self.header_at(rel)].index(name)
        self.write(rel, [[c for i, c in enumerate(r) if i != position] for r in rows])

    def append(self, rel: str, cells: list[str]) -> int:
        rows = self.rows(rel)
        rows.append(cells)
        self.write(rel, rows)
        return len(rows)

    def data_rows(self, rel: str) -> list[int]:
        """Sheet row numbers of the non-blank rows under the header."""
        rows = self.rows(rel)
        start = self.header_at(rel)
        return [i + 1 for i, r in enumerate(rows) if i > start and any(c.strip() for c in r)]

    def checkins_of(self, code: str) -> list[int]:
        position = self.column(HADIR, "Kode Kegiatan")
        rows = self.rows(HADIR)
        return [i + 1 for i, r in enumerate(rows) if i > 0 and r[position].strip() == code]


# --- victims from the clean year (see the module docstring) -------------------------------

# Roster rows whose loss removes exactly their own compliance and credit rows.
ROSTER_VICTIMS = {
    "precision": "197504151996101002",  # DISDIK, H. Dewi Kurniawan
    "short": "197012261991092007",  # DINKES, dr. Gunawan Rahayu
    "letters": "198504062012092005",  # BKPSDM, Anton Sulistyo
    "birth": "198001232005031003",  # KEC_GEMOLONG, Kristiani Utami
    "duplicate": "198503252006042010",  # SETDA, Eko Haryanto (gets row 225's NIP)
    "opd": "197010101999091010",  # RSUD_SOEHADI, Drs. Lestari Santoso
    "jenis": "197507131999021009",  # SETDA, Budi Purnomo
    "xlsx": "199204052022042010",  # DISDIK, Drs. Sugeng Sukowati
}
DUPLICATE_OF = "197210032001051002"  # SETDA, row 225: the NIP the duplicate row copies
# Matched in Zoom by NIP or e-mail only: a new roster name costs no credit.
NAME_VICTIMS = {
    "hyperlink": "199706202022121007",  # DISDIK, Siti Nugroho
    "plus": "199705182017062010",  # DISDIK, Sumarni Rahayu
    "at": "199103182013021009",  # DINKES, dr. Wulan Wahyuni
    "minus": "197210032001051002",  # SETDA, Drs. Anton Pratiwi
    "script": "199302142017051010",  # DINKES, dr. Sugeng Nur'aini (below target: listed)
    "nul": "199706202022121007",
    "accent": "199705182017062010",
}
# (Kode Kegiatan, NIP) of check-ins that are the only evidence of a credit ...
CHECKIN_ONLY = [
    ("MEKAR-2023-003", "198408042013111005"),
    ("MEKAR-2023-003", "198501032011082011"),
    ("MEKAR-2023-003", "198305222011072001"),
]
# ... and one that backs a credit Zoom also gives (it then stays, `bukti` = zoom).
CHECKIN_AND_ZOOM = ("MEKAR-2023-004", "199003292012011009")
# Zoom rows that are the only evidence of a credit: (session, name cell, NIP credited).
ZOOM_ONLY = {
    "bad_time": ("MEKAR-2023-002", "19711102 200010 2 007 Teguh Nur'aini", "197111022000102007"),
    "reversed": ("MEKAR-2023-006", "19820810 200810 2 005 Eko Sukowati", "198208102008102005"),
    "by_name": ("MEKAR-2023-002", "dr. Heru Wahyuni", "198101272005102003"),
}
# Active ASN with a single needs response in 2023.
NEEDS_ONLY = ["198908282011012009", "196609042022051002"]


# --- the cases ----------------------------------------------------------------------------


def _roster_row(y: Year, nip: str) -> int:
    return y.row_of(PEGAWAI, "NIP", nip)


def _roster_fault(
    column: str, value: Callable[[str], str], reason: str, victim: str
) -> Callable[[Year], Expect]:
    def mutate(y: Year) -> Expect:
        nip = ROSTER_VICTIMS[victim]
        row = _roster_row(y, nip)
        y.set_cell(PEGAWAI, row, column, value(y.cell(PEGAWAI, row, column)))
        return Expect(
            quarantined=[Q("master", "pegawai", row, reason, column)], roster_removed={nip}
        )

    return mutate


def _nul_in_roster_name(y: Year) -> Expect:
    row = _roster_row(y, NAME_VICTIMS["nul"])
    name = y.cell(PEGAWAI, row, "Nama")  # "Siti Nugroho, S.Sos."
    y.set_cell(PEGAWAI, row, "Nama", name.replace(" ", "\x00 ", 1))
    return Expect(start="empty")  # NULs stripped: the same name, the same year


def _nul_in_zoom_name(y: Year) -> Expect:
    code, name, _ = ZOOM_ONLY["by_name"]
    row = y.row_of(zoom(code), "Name (Original Name)", name)
    # matched by name: a NUL left in would cost the credit
    y.set_cell(zoom(code), row, "Name (Original Name)", name.replace("Heru", "He\x00ru"))
    return Expect(start="empty")


def _nul_in_needs_answer(y: Year) -> Expect:
    y.set_cell(FORM, 2, "Topik yang Dibutuhkan", "Analisis\x00 data\x00")
    return Expect(start="empty")


# --- invisible characters (issue 29): folded away on the way in, never a lost credit -------

ZWSP, BOM, RLM = "\u200b", "\ufeff", "\u200f"


def _invisible_in_roster_nip(mark: str, at: int) -> Callable[[Year], Expect]:
    """A mark pasted into a roster NIP: the row loads as the clean NIP, and the run log says
    which cell needed cleaning."""

    def mutate(y: Year) -> Expect:
        nip = ROSTER_VICTIMS["precision"]
        row = _roster_row(y, nip)
        y.set_cell(PEGAWAI, row, "NIP", nip[:at] + mark + nip[at:])
        shown = nip[:at] + f"<U+{ord(mark):04X}>" + nip[at:]
        line = (
            f"Catatan: master/pegawai.csv: baris {row}, kolom NIP: NIP '{shown}' berisi "
            f"karakter tak terlihat (mis. dari salin-tempel); sudah dibersihkan menjadi {nip}"
        )

        def check(out: Path, output: str, exports: dict) -> list[str]:
            return [] if line in output else [f"the run log lacks {line!r}"]

        return Expect(check=check)

    return mutate


def _invisible_in_zoom_name(mark: str) -> Callable[[Year], Expect]:
    def mutate(y: Year) -> Expect:
        code, name, _ = ZOOM_ONLY["by_name"]  # matched by name (rule 2c) alone
        row = y.row_of(zoom(code), "Name (Original Name)", name)
        y.set_cell(zoom(code), row, "Name (Original Name)", name.replace(" ", f" {mark}", 1) + mark)
        return Expect()  # the same credit

    return mutate


def _zwsp_after_checkin_code(y: Year) -> Expect:
    code, nip = CHECKIN_ONLY[0]  # the check-in is the credit's only evidence
    [row] = [r for r in y.checkins_of(code) if _digits(y.cell(HADIR, r, "NIP")) == nip]
    y.set_cell(HADIR, row, "Kode Kegiatan", code + ZWSP)
    return Expect()


def _zwsp_in_header(y: Year) -> Expect:
    rows = y.rows(HADIR)
    rows[0] = [c + ZWSP if c == "NIP" else c for c in rows[0]]
    y.write(HADIR, rows)
    return Expect()


def _long_cell(y: Year) -> Expect:
    y.set_cell(FORM, 3, "Topik yang Dibutuhkan", "Pelatihan " + "x" * 59_990)
    return Expect()  # the form is read and loaded again: the cell reaches the database


def _cp1252_roster(y: Year) -> Expect:
    nip = NAME_VICTIMS["accent"]
    row = _roster_row(y, nip)
    rows = y.rows(PEGAWAI)
    rows[row - 1][y.column(PEGAWAI, "Nama")] = "René Müller Peña"
    y.write(PEGAWAI, rows, encoding="cp1252")
    return Expect(names={nip: "René Müller Peña"})


def _bom_semicolon(y: Year) -> Expect:
    y.write(HADIR, y.rows(HADIR), encoding="utf-8-sig", delimiter=";", newline="\r\n")
    return Expect()


def _crlf(y: Year) -> Expect:
    y.write(PEGAWAI, y.rows(PEGAWAI), newline="\r\n")
    return Expect()


def _multiline_cell(y: Year) -> Expect:
    # Row 2's topic spans two lines; the rows below keep their numbers (66, 96, 155 of the
    # form stay quarantined as such).
    y.set_cell(FORM, 2, "Topik yang Dibutuhkan", "Analisis data\nuntuk perencanaan")
    return Expect()


def _trailing_blanks(y: Year) -> Expect:
    rows = [[*r, "", "", ""] for r in y.rows(PEGAWAI)]
    rows += [[""] * len(rows[0]) for _ in range(4)]
    y.write(PEGAWAI, rows)
    return Expect()


def _duplicate_extra_header(y: Year) -> Expect:
    rows = y.rows(HADIR)
    rows = [
        [*r, "catatan", "catatan lain"] if i else [*r, "Catatan", "Catatan"]
        for i, r in enumerate(rows)
    ]
    y.write(HADIR, rows)
    return Expect()


def _duplicate_required_header(y: Year) -> Expect:
    rows = y.rows(KEGIATAN)
    rows = [[*r, "1"] if i else [*r, "JP"] for i, r in enumerate(rows)]
    y.write(KEGIATAN, rows)
    return failed("kegiatan/kegiatan", "JP")


def _opd_appended(cells: list[str], reason: str, column: str) -> Callable[[Year], Expect]:
    def mutate(y: Year) -> Expect:
        row = y.append(OPD, cells)
        return Expect(quarantined=[Q("master", "opd", row, reason, column)])

    return mutate


def _opd_email(code: str, email: str) -> Callable[[Year], Expect]:
    """A bad address costs the address, not the OPD: the row loads (its ASN stay counted,
    nothing is quarantined) and the run log names sheet, row and column of the address,
    which is never mailed."""

    def mutate(y: Year) -> Expect:
        row = y.row_of(OPD, "Kode OPD", code)
        y.set_cell(OPD, row, "Email", email)
        line = (
            f"Peringatan: master/opd baris {row}, kolom Email: '{email.lower()}' bukan alamat "
            "email; tidak dikirimi laporan"
        )

        def check(out: Path, output: str, exports: dict) -> list[str]:
            return [] if line in output else [f"the run log lacks {line!r}"]

        return Expect(check=check)

    return mutate


def _roster_duplicate_nip(y: Year) -> Expect:
    nip = ROSTER_VICTIMS["duplicate"]
    row = _roster_row(y, nip)
    assert _roster_row(y, DUPLICATE_OF) < row
    y.set_cell(PEGAWAI, row, "NIP", DUPLICATE_OF)
    return Expect(
        quarantined=[Q("master", "pegawai", row, "nip_duplikat", "NIP")], roster_removed={nip}
    )


def _checkin_fault(
    column: str, value: Callable[[str], str], reason: str, which: int | None
) -> Callable[[Year], Expect]:
    def mutate(y: Year) -> Expect:
        code, nip = CHECKIN_AND_ZOOM if which is None else CHECKIN_ONLY[which]
        row = y.row_of(HADIR, "NIP", nip, Kode_Kegiatan=code)
        y.set_cell(HADIR, row, column, value(y.cell(HADIR, row, column)))
        expect = Expect(quarantined=[Q("kegiatan", "daftar_hadir", row, reason, column)])
        if which is None:
            expect.credits_bukti[(nip, code)] = "zoom"
        else:
            expect.credits_removed.add((nip, code))
        return expect

    return mutate


def _us_order(stamp: str) -> str:
    day, month, rest = stamp.split("/", 2)
    assert int(day) > 12, stamp  # else the US order would read as another valid date
    return f"{month}/{day}/{rest}"


def _needs_fault(
    column: str, value: Callable[[str], str], reason: str, which: int
) -> Callable[[Year], Expect]:
    def mutate(y: Year) -> Expect:
        nip = NEEDS_ONLY[which]
        row = y.row_of(FORM, "NIP", nip)
        y.set_cell(FORM, row, column, value(y.cell(FORM, row, column)))
        return Expect(
            quarantined=[Q("kebutuhan", "Form Responses 1", row, reason, column)],
            needs_removed={nip},
        )

    return mutate


def _zoom_fault(which: str, change: Callable[[Year, str, int], None]) -> Callable[[Year], Expect]:
    def mutate(y: Year) -> Expect:
        code, name, nip = ZOOM_ONLY[which]
        row = y.row_of(zoom(code), "Name (Original Name)", name)
        change(y, zoom(code), row)
        return Expect(
            quarantined=[Q("log_zoom", code, row, "interval_invalid", "Join Time/Leave Time")],
            credits_removed={(nip, code)},
        )

    return mutate


def _bad_join(y: Year, rel: str, row: int) -> None:
    y.set_cell(rel, row, "Join Time", "pukul 12.54 siang")


def _swap_join_leave(y: Year, rel: str, row: int) -> None:
    join = y.cell(rel, row, "Join Time")
    y.set_cell(rel, row, "Join Time", y.cell(rel, row, "Leave Time"))
    y.set_cell(rel, row, "Leave Time", join)


def _unknown_tab(title: str) -> Callable[[Year], Expect]:
    def mutate(y: Year) -> Expect:
        rows = y.rows(zoom("MEKAR-2023-077"))[:3]  # header + two participants
        y.write(f"log_zoom/{title}.csv", rows)
        column = "(nama lembar kerja)"
        return Expect(
            quarantined=[
                Q("log_zoom", title, 2, "session_unknown", column, grouped=True),
                Q("log_zoom", title, 3, "session_unknown", column, shown=False),
            ]
        )

    return mutate


def _catalog_fault(code: str, column: str, value: str, reason: str, kolom: str | None = None):
    """A catalog row quarantined: its Zoom rows and check-ins are `session_quarantined`, its
    credits go."""

    def mutate(y: Year) -> Expect:
        row = y.row_of(KEGIATAN, "Kode Kegiatan", code)
        y.set_cell(KEGIATAN, row, column, value)
        expect = Expect(
            quarantined=[Q("kegiatan", "kegiatan", row, reason, kolom or column)],
            sessions_removed={code},
        )
        if y.path(zoom(code)).exists():
            rows = y.data_rows(zoom(code))
            expect.quarantined += [
                Q("log_zoom", code, b, "session_quarantined", shown=b == rows[0], grouped=True)
                for b in rows
            ]
        checkins = y.checkins_of(code)
        expect.quarantined += [
            Q(
                "kegiatan",
                "daftar_hadir",
                b,
                "session_quarantined",
                shown=b == checkins[0],
                grouped=True,
            )
            for b in checkins
        ]
        return expect

    return mutate


def _catalog_duplicate(y: Year) -> Expect:
    rows = y.rows(KEGIATAN)
    copy = next(r for r in rows if r[0] == "MEKAR-2023-004")
    row = y.append(KEGIATAN, [copy[0], "Pelayanan Publik (salinan)", *copy[2:]])
    return Expect(quarantined=[Q("kegiatan", "kegiatan", row, "kode_duplikat", "Kode Kegiatan")])


def _formula_name(victim: str, name: str) -> Callable[[Year], Expect]:
    def mutate(y: Year) -> Expect:
        nip = NAME_VICTIMS[victim]
        y.set_cell(PEGAWAI, _roster_row(y, nip), "Nama", name)
        return Expect(names={nip: "'" + name})  # exported as text, never run

    return mutate


def _script_name(y: Year) -> Expect:
    nip = NAME_VICTIMS["script"]
    script = "<script>alert('mekar')</script>"
    y.set_cell(PEGAWAI, _roster_row(y, nip), "Nama", script)

    def check(out: Path, output: str, exports: dict) -> list[str]:
        problems = []
        pages = sorted(out.rglob("*.html"))
        raw = [str(p.relative_to(out)) for p in pages if script in p.read_text(encoding="utf-8")]
        if raw:
            problems.append(f"pages carry the name as live HTML: {raw}")
        page = out / "opd" / "DINKES.html"
        if not page.is_file() or "&lt;script&gt;alert(" not in page.read_text(encoding="utf-8"):
            problems.append("opd/DINKES.html does not show the name escaped (&lt;script&gt;)")
        return problems

    return Expect(names={nip: script}, check=check)


def _xlsx_master(y: Year, numeric_nip: str | None = None, tabs=("opd", "pegawai")) -> None:
    """master/ as one master.xlsx, every cell text (as Sheets exports it) except a NIP
    typed as a number when `numeric_nip` is given ("*": every NIP, the column stored as
    numbers)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for tab in tabs:
        sheet = book.create_sheet(tab)
        for record in y.rows(f"master/{tab}.csv"):
            sheet.append(
                [
                    int(c)
                    if numeric_nip in (c, "*") and _digits(c) == c and len(c) == 18
                    else c or None
                    for c in record
                ]
            )
    shutil.rmtree(y.path("master"))
    book.save(y.path("master.xlsx"))


def _xlsx_numeric_nip(y: Year) -> Expect:
    nip = ROSTER_VICTIMS["xlsx"]
    row = _roster_row(y, nip)
    assert y.cell(PEGAWAI, row, "NIP") == nip
    _xlsx_master(y, numeric_nip=nip)
    return Expect(
        quarantined=[Q("master", "pegawai", row, "nip_precision_lost", "NIP")],
        roster_removed={nip},
    )


def _xlsx_numeric_nip_column(y: Year) -> Expect:
    # Every NIP lost its last digits: the roster the warehouse holds stays (issue 29).
    _xlsx_master(y, numeric_nip="*")
    return failed("master/pegawai", "kolom NIP tersimpan sebagai angka", "data lama tetap dipakai")


def _excel_serial(moment: datetime) -> str:
    """The serial number Excel or Sheets keeps for a date (and time of day)."""
    days = (moment - datetime(1899, 12, 30)).total_seconds() / 86400
    return f"{days:.0f}" if days == int(days) else f"{days:.6f}"


def _serial_dates_in_catalog(y: Year) -> Expect:
    rows = y.rows(KEGIATAN)
    at = y.column(KEGIATAN, "Tanggal")
    for cells in rows[1:]:
        if cells and cells[at].strip():
            cells[at] = _excel_serial(datetime.strptime(cells[at].strip(), "%d/%m/%Y"))
    y.write(KEGIATAN, rows)
    return failed(
        "kegiatan/kegiatan", "Tanggal", "nomor seri tanggal Excel", "data lama tetap dipakai"
    )


def _serial_times_in_zoom(y: Year) -> Expect:
    rel = zoom("MEKAR-2023-002")
    rows = y.rows(rel)
    start = y.header_at(rel)
    for column in ("Join Time", "Leave Time"):
        at = rows[start].index(column)
        for cells in rows[start + 1 :]:
            if len(cells) > at and cells[at].strip():
                moment = datetime.strptime(cells[at].strip(), "%m/%d/%Y %I:%M:%S %p")
                cells[at] = _excel_serial(moment)
    y.write(rel, rows)
    return failed("log_zoom/MEKAR-2023-002", "Join Time", "nomor seri tanggal Excel")


def _xlsx_missing_tab(y: Year) -> Expect:
    _xlsx_master(y, tabs=("opd",))
    return failed("master/pegawai")


def _xlsx_garbage(y: Year) -> Expect:
    shutil.rmtree(y.path("master"))
    y.path("master.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    return failed("master", "master.xlsx")


def _empty_file(y: Year) -> Expect:
    y.path(OPD).write_bytes(b"")
    return failed("master/opd")


def _header_only(rel: str, where: str) -> Callable[[Year], Expect]:
    def mutate(y: Year) -> Expect:
        rows = y.rows(rel)
        y.write(rel, rows[: y.header_at(rel) + 1])
        return failed(where)

    return mutate


def _missing_column(rel: str, column: str, where: str) -> Callable[[Year], Expect]:
    def mutate(y: Year) -> Expect:
        y.drop_column(rel, column)
        return failed(where, column)

    return mutate


def _zoom_in_wrong_folder(y: Year) -> Expect:
    shutil.copy(y.path(zoom("MEKAR-2023-006")), y.path("kegiatan/MEKAR-2023-007.csv"))
    return failed("kegiatan/MEKAR-2023-007.csv")


def _log_zoom_renamed(y: Year) -> Expect:
    y.path("log_zoom").rename(y.path("Log Zoom"))
    return failed("log_zoom")


def _missing_folder(y: Year) -> Expect:
    shutil.rmtree(y.path("kebutuhan"))
    return failed("kebutuhan")


def _preamble_without_header(y: Year) -> Expect:
    rel = zoom("MEKAR-2023-001")
    rows = y.rows(rel)
    del rows[y.header_at(rel)]
    y.write(rel, rows)
    return failed("log_zoom/MEKAR-2023-001", "Join Time")


def _unterminated_quote(y: Year) -> Expect:
    """Row 100's Nama opens a quote that is never closed: read as CSV, the rest of the file
    would silently become one cell."""
    rows = y.rows(HADIR)
    lines = y.path(HADIR).read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == len(rows)  # one line per row: line 100 is row 100
    cells = rows[99]
    cells[3] = '"' + cells[3]
    lines[99] = ",".join(cells) + "\n"
    y.path(HADIR).write_text("".join(lines), encoding="utf-8")
    return failed("kegiatan/daftar_hadir")


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    mutate: Callable[[Year], Expect]


def _case(name: str, what: str, mutate: Callable[[Year], Expect]) -> Case:
    return Case(name, what, mutate)


CASES: list[Case] = [
    # --- NUL bytes, a huge cell, encodings, CSV dialects: the year reads as it is ---------
    _case("nul_roster_name", "NUL inside a pegawai Nama", _nul_in_roster_name),
    _case("nul_zoom_name", "NUL inside a Zoom name matched by name", _nul_in_zoom_name),
    _case("nul_needs_answer", "NULs in a needs answer (Topik)", _nul_in_needs_answer),
    _case("cell_60000_chars", "a 60,000-character needs answer", _long_cell),
    _case("zwsp_roster_nip", "a ZWSP inside a roster NIP", _invisible_in_roster_nip(ZWSP, 13)),
    _case("bom_roster_nip", "a BOM before a roster NIP", _invisible_in_roster_nip(BOM, 0)),
    _case("zwsp_zoom_name", "a ZWSP in a Zoom name matched by name", _invisible_in_zoom_name(ZWSP)),
    _case("rlm_zoom_name", "an RLM in a Zoom name matched by name", _invisible_in_zoom_name(RLM)),
    _case("zwsp_checkin_code", "a ZWSP after a check-in's Kode Kegiatan", _zwsp_after_checkin_code),
    _case("zwsp_header", "a ZWSP in daftar_hadir's NIP header", _zwsp_in_header),
    _case("cp1252_roster", "pegawai.csv saved as cp1252, one accented name", _cp1252_roster),
    _case("bom_semicolon", "daftar_hadir.csv with BOM, ';' and CRLF", _bom_semicolon),
    _case("crlf", "pegawai.csv with CRLF line endings", _crlf),
    _case("multiline_cell", "a quoted needs answer spanning two lines", _multiline_cell),
    _case("trailing_blanks", "pegawai.csv with trailing blank columns and rows", _trailing_blanks),
    _case(
        "duplicate_extra_header", "two 'Catatan' columns in daftar_hadir", _duplicate_extra_header
    ),
    # --- master/opd --------------------------------------------------------------------
    _case(
        "opd_lowercase",
        "a new opd row with code 'dinsos'",
        _opd_appended(["dinsos", "Dinas Sosial", "", ""], "kode_opd_invalid", "Kode OPD"),
    ),
    _case(
        "opd_code_spaces",
        "a new opd row with code 'DINAS SOSIAL'",
        _opd_appended(["DINAS SOSIAL", "Dinas Sosial", "", ""], "kode_opd_invalid", "Kode OPD"),
    ),
    _case(
        "opd_duplicate_code",
        "a second opd row with code DINKES",
        _opd_appended(
            ["DINKES", "Dinas Kesehatan (lama)", "", "lama@sragen.example"],
            "kode_duplikat",
            "Kode OPD",
        ),
    ),
    _case(
        "opd_email_path",
        "SETDA Email '../../x@evil.example'",
        _opd_email("SETDA", "../../x@evil.example"),
    ),
    _case(
        "opd_email_invalid", "DINKES Email 'not-an-address'", _opd_email("DINKES", "not-an-address")
    ),
    # --- master/pegawai ----------------------------------------------------------------
    _case(
        "roster_nip_precision_lost",
        "a roster NIP as 1.97504E+17",
        _roster_fault("NIP", lambda _: "1.97504E+17", "nip_precision_lost", "precision"),
    ),
    _case(
        "roster_nip_17_digits",
        "a roster NIP with 17 digits",
        _roster_fault("NIP", lambda v: v[:-1], "nip_invalid", "short"),
    ),
    _case(
        "roster_nip_letters",
        "a roster NIP with a letter O",
        _roster_fault("NIP", lambda v: v[:-2] + "O" + v[-1], "nip_invalid", "letters"),
    ),
    _case(
        "roster_nip_birth_date",
        "a roster NIP born in month 13",
        _roster_fault("NIP", lambda v: v[:4] + "13" + v[6:], "nip_invalid", "birth"),
    ),
    _case("roster_duplicate_nip", "a roster row repeating an earlier NIP", _roster_duplicate_nip),
    _case(
        "roster_unknown_opd",
        "a roster Kode OPD not in opd",
        _roster_fault("Kode OPD", lambda _: "RSUD_X", "opd_unknown", "opd"),
    ),
    _case(
        "roster_jenis_asn",
        "Jenis ASN 'Honorer'",
        _roster_fault("Jenis ASN", lambda _: "Honorer", "jenis_asn_invalid", "jenis"),
    ),
    _case("xlsx_numeric_nip", "master.xlsx with a NIP typed as a number", _xlsx_numeric_nip),
    _case(
        "xlsx_numeric_nip_column",
        "master.xlsx whose whole NIP column Sheets stored as numbers",
        _xlsx_numeric_nip_column,
    ),
    _case(
        "serial_dates_catalog",
        "every kegiatan Tanggal an Excel serial number",
        _serial_dates_in_catalog,
    ),
    _case(
        "serial_times_zoom",
        "every Join/Leave Time of MEKAR-2023-002 an Excel serial number",
        _serial_times_in_zoom,
    ),
    _case(
        "formula_hyperlink",
        'Nama =HYPERLINK("http://evil.example/?x","klik")',
        _formula_name("hyperlink", '=HYPERLINK("http://evil.example/?x","klik")'),
    ),
    _case("formula_plus", "Nama +1+2", _formula_name("plus", "+1+2")),
    _case("formula_at", "Nama @SUM(1+1)", _formula_name("at", "@SUM(1+1)")),
    _case("formula_minus", "Nama -2+3", _formula_name("minus", "-2+3")),
    _case("script_name", "Nama <script>alert('mekar')</script>", _script_name),
    # --- kegiatan/daftar_hadir ---------------------------------------------------------
    _case(
        "checkin_timestamp_text",
        "check-in Timestamp 'kemarin'",
        _checkin_fault("Timestamp", lambda _: "kemarin", "timestamp_invalid", 0),
    ),
    _case(
        "checkin_timestamp_us_order",
        "check-in Timestamp in US order (8/21/2023)",
        _checkin_fault("Timestamp", _us_order, "timestamp_invalid", None),
    ),
    _case(
        "checkin_nip_unknown",
        "check-in NIP not on the roster",
        _checkin_fault("NIP", lambda _: "199512312020121002", "nip_unknown", 1),
    ),
    _case(
        "checkin_nip_17_digits",
        "check-in NIP with 17 digits",
        _checkin_fault("NIP", lambda v: v[:-1], "nip_invalid", 2),
    ),
    # --- kebutuhan ---------------------------------------------------------------------
    _case(
        "needs_timestamp_31_feb",
        "needs Timestamp 31/2/2023",
        _needs_fault("Timestamp", lambda _: "31/2/2023 10:00:00", "timestamp_invalid", 0),
    ),
    _case(
        "needs_nip_letters",
        "needs NIP with letters",
        _needs_fault("NIP", lambda v: "NIP " + v[:10] + "abc", "nip_invalid", 1),
    ),
    # --- log_zoom ----------------------------------------------------------------------
    _case(
        "zoom_bad_time", "Zoom Join Time 'pukul 12.54 siang'", _zoom_fault("bad_time", _bad_join)
    ),
    _case(
        "zoom_leave_before_join",
        "Zoom Leave before Join",
        _zoom_fault("reversed", _swap_join_leave),
    ),
    _case(
        "zoom_unknown_tab",
        "a Zoom tab MEKAR-2023-010 not in the catalog",
        _unknown_tab("MEKAR-2023-010"),
    ),
    # --- kegiatan/kegiatan: the session's Zoom rows and check-ins follow ---------------
    _case("catalog_duplicate_code", "a second catalog row MEKAR-2023-004", _catalog_duplicate),
    _case(
        "catalog_jp_zero",
        "JP 0 (MEKAR-2023-005)",
        _catalog_fault("MEKAR-2023-005", "JP", "0", "jp_invalid"),
    ),
    _case(
        "catalog_jp_text",
        "JP 'tiga' (MEKAR-2023-002)",
        _catalog_fault("MEKAR-2023-002", "JP", "tiga", "jp_invalid"),
    ),
    _case(
        "catalog_jp_fraction",
        "JP 2.5 (MEKAR-2023-004, with check-ins)",
        _catalog_fault("MEKAR-2023-004", "JP", "2.5", "jp_invalid"),
    ),
    _case(
        "catalog_min_kehadiran_150",
        "Min Kehadiran 150 (MEKAR-2023-006)",
        _catalog_fault("MEKAR-2023-006", "Min Kehadiran", "150", "min_kehadiran_invalid"),
    ),
    _case(
        "catalog_end_before_start",
        "Jam Selesai 07:00 before Jam Mulai 08:00 (MEKAR-2023-001)",
        _catalog_fault(
            "MEKAR-2023-001", "Jam Selesai", "07:00", "jam_invalid", "Jam Mulai/Jam Selesai"
        ),
    ),
    _case(
        "catalog_bad_tanggal",
        "Tanggal 32/8/2023 (MEKAR-2023-003, check-ins only)",
        _catalog_fault("MEKAR-2023-003", "Tanggal", "32/8/2023", "tanggal_invalid"),
    ),
    _case(
        "catalog_jalur",
        "Jalur 'Daring' (MEKAR-2023-005)",
        _catalog_fault("MEKAR-2023-005", "Jalur", "Daring", "jalur_invalid"),
    ),
    _case(
        "catalog_moda",
        "Moda 'Online' (MEKAR-2023-002)",
        _catalog_fault("MEKAR-2023-002", "Moda", "Online", "moda_invalid"),
    ),
    # --- a worksheet or spreadsheet fails: exit 1, the warehouse keeps it -------------
    _case("empty_file", "master/opd.csv of 0 bytes", _empty_file),
    _case(
        "header_only",
        "daftar_hadir.csv with its header only",
        _header_only(HADIR, "kegiatan/daftar_hadir"),
    ),
    _case(
        "header_only_zoom",
        "Zoom log MEKAR-2023-004 with its header only",
        _header_only(zoom("MEKAR-2023-004"), "log_zoom/MEKAR-2023-004"),
    ),
    _case(
        "missing_column_opd", "opd without Nama OPD", _missing_column(OPD, "Nama OPD", "master/opd")
    ),
    _case(
        "missing_column_pegawai",
        "pegawai without Jenis ASN",
        _missing_column(PEGAWAI, "Jenis ASN", "master/pegawai"),
    ),
    _case(
        "missing_column_kegiatan",
        "kegiatan without JP",
        _missing_column(KEGIATAN, "JP", "kegiatan/kegiatan"),
    ),
    _case(
        "missing_column_daftar_hadir",
        "daftar_hadir without Kode Kegiatan",
        _missing_column(HADIR, "Kode Kegiatan", "kegiatan/daftar_hadir"),
    ),
    _case(
        "missing_column_kebutuhan",
        "the needs form without Topik yang Dibutuhkan",
        _missing_column(FORM, "Topik yang Dibutuhkan", "kebutuhan/Form Responses 1"),
    ),
    _case(
        "missing_column_zoom",
        "Zoom log MEKAR-2023-002 without Leave Time",
        _missing_column(zoom("MEKAR-2023-002"), "Leave Time", "log_zoom/MEKAR-2023-002"),
    ),
    _case(
        "duplicate_required_header",
        "two JP columns in kegiatan that disagree",
        _duplicate_required_header,
    ),
    _case(
        "zoom_in_wrong_folder",
        "a Zoom log saved as kegiatan/MEKAR-2023-007.csv",
        _zoom_in_wrong_folder,
    ),
    _case("folder_log_zoom_renamed", "the folder named 'Log Zoom'", _log_zoom_renamed),
    _case("missing_folder", "no kebutuhan/ folder", _missing_folder),
    _case(
        "zoom_preamble_no_header",
        "Zoom preamble, no header row (MEKAR-2023-001)",
        _preamble_without_header,
    ),
    _case("xlsx_garbage", "master.xlsx of garbage bytes", _xlsx_garbage),
    _case("xlsx_missing_tab", "master.xlsx without the pegawai tab", _xlsx_missing_tab),
    _case(
        "unterminated_quote",
        "daftar_hadir row 100 opens a quote it never closes",
        _unterminated_quote,
    ),
]

assert len({c.name for c in CASES}) == len(CASES)
