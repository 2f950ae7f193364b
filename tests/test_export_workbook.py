"""Workbooks as an officer opens them: columns as wide as their content (within a cap), a
filter on the header row, the header frozen, Indonesian sheet names, Ya/Tidak for yes and
no, a reason in words beside its code, the name beside every code, a quarantined row's
cells as readable text instead of JSON; and the CSVs (the contract) exactly as they were."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from mekar.deliver.xlsx_safe import workbook_bytes
from mekar.export import EXPORTS, export_rows, write_export
from mekar.report.formatting import REASON_LABELS
from mekar.report.review import write_review
from tests.conftest import GOLDEN
from tests.helpers import run_stages

MAX_WIDTH = 50  # characters: a longer column is cut on screen, its cells keep everything


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """The golden records year (corrections, outside learning, quarantined rows)."""
    folder = tmp_path_factory.mktemp("export_workbook")
    engine, *_ = run_stages(GOLDEN / "records", f"sqlite:///{folder / 'w.db'}")
    yield engine
    engine.dispose()


def _sheet(engine, what, tmp_path):
    out = tmp_path / f"{what}.xlsx"
    write_export(engine, what, None if what == "quarantine" else 2023, out, "xlsx")
    book = load_workbook(out)
    assert len(book.worksheets) == 1
    return book.worksheets[0]


def _table(sheet) -> tuple[list, list[dict]]:
    header, *body = sheet.iter_rows(values_only=True)
    return list(header), [dict(zip(header, row, strict=True)) for row in body]


def _width(sheet, letter: str) -> int:
    """The width as set (XlsxWriter stores it with Excel's padding, 20 -> 20.71, and one
    <col> for neighbours of the same width, which openpyxl files under the first)."""
    index = column_index_from_string(letter)
    for dimension in sheet.column_dimensions.values():
        if dimension.min and dimension.min <= index <= dimension.max:
            return int(dimension.width)
    raise AssertionError(f"no width set for column {letter}")


# --- the writer, for every workbook (exports, review, weekly attachments) -----------------


def test_the_writer_sets_widths_from_content_a_filter_and_a_frozen_header(tmp_path):
    header = ["NIP", "Nama", "JP", "Daftar hadir di hari kegiatan", "Catatan"]
    rows = [
        ["198503122010011003", "Sri Wahyuni", 12, "Ya", "x" * 200],
        ["198503122010011004", "Dr. Bambang Sutrisno Wicaksono, M.M.", 4.5, "Tidak", ""],
    ]
    path = tmp_path / "b.xlsx"
    path.write_bytes(workbook_bytes([("Kepatuhan", header, rows), ("Kosong", ["A"], [])]))
    book = load_workbook(path)
    assert book.sheetnames == ["Kepatuhan", "Kosong"]
    sheet = book["Kepatuhan"]
    assert sheet.auto_filter.ref == "A1:E3"
    assert sheet.freeze_panes == "A2"
    assert _width(sheet, "A") == 20  # 18 digits and a margin
    assert _width(sheet, "B") == 38  # the longest name
    assert _width(sheet, "C") == 6  # short numbers: the minimum
    # a long header wraps at its words instead of widening a column of "Ya"/"Tidak"
    assert _width(sheet, "D") == 11  # "kegiatan" and the filter's arrow
    assert sheet["D1"].alignment.wrap_text
    assert sheet.row_dimensions[1].height == 60  # four lines: Excel does not grow it itself
    assert _width(sheet, "E") == MAX_WIDTH  # capped; the cell keeps all 200 characters
    assert sheet["E2"].value == "x" * 200
    assert sheet["A1"].font.b
    empty = book["Kosong"]
    assert empty.auto_filter.ref == "A1" and empty.freeze_panes == "A2"


def test_the_writer_keeps_its_api_for_the_weekly_attachments(tmp_path):
    """Rows as a generator, cells of every kind, a stamp: same bytes as before for the
    same rows, text never a formula."""
    from datetime import date, datetime

    stamp = datetime(2023, 7, 9)
    rows = (r for r in [["=1+1", 3, None, date(2023, 7, 3), True]])
    data = workbook_bytes([("ASN", ["a", "b", "c", "d", "e"], rows)], stamp)
    assert data == workbook_bytes(
        [("ASN", ["a", "b", "c", "d", "e"], [["=1+1", 3, None, date(2023, 7, 3), True]])], stamp
    )
    (tmp_path / "w.xlsx").write_bytes(data)
    cells = list(load_workbook(tmp_path / "w.xlsx")["ASN"].iter_rows())[1]
    assert [c.value for c in cells] == ["=1+1", 3, None, "2023-07-03", True]
    assert cells[0].data_type == "s"


# --- the exports ---------------------------------------------------------------------------


def test_compliance_workbook_says_yes_or_no_and_names_the_opd(engine, tmp_path):
    sheet = _sheet(engine, "compliance", tmp_path)
    assert sheet.title == "Kepatuhan"
    header, body = _table(sheet)
    assert header == [
        "NIP",
        "Nama",
        "Kode OPD",
        "Nama OPD",
        "Jenis ASN",
        "JP",
        "Target JP",
        "Memenuhi target",
    ]
    first = body[0]
    assert first["NIP"] == "196501301995081005"
    assert (first["Kode OPD"], first["Nama OPD"]) == ("SETDA", "Sekretariat Daerah")
    assert (first["JP"], first["Memenuhi target"]) == (18, "Tidak")
    assert {r["Memenuhi target"] for r in body} == {"Ya", "Tidak"}
    _, contract = export_rows(engine, "compliance", 2023)
    assert len(body) == len(contract)
    assert sheet.auto_filter.ref == f"A1:H{len(body) + 1}"
    assert sheet.freeze_panes == "A2"
    assert _width(sheet, "A") == 20
    assert _width(sheet, "D") == min(MAX_WIDTH, 2 + max(len(r["Nama OPD"]) for r in body))


def test_opd_workbook_names_each_opd(engine, tmp_path):
    sheet = _sheet(engine, "opd", tmp_path)
    assert sheet.title == "OPD"
    header, body = _table(sheet)
    assert header[:3] == ["Kode OPD", "Nama OPD", "Jumlah ASN aktif"]
    assert (body[0]["Kode OPD"], body[0]["Nama OPD"], body[0]["% memenuhi"]) == (
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        24.0,
    )


def test_credits_workbook_names_the_asn_the_session_and_the_evidence(engine, tmp_path):
    sheet = _sheet(engine, "credits", tmp_path)
    assert sheet.title == "Kredit"
    header, body = _table(sheet)
    assert header == ["NIP", "Nama", "Kode kegiatan", "Nama kegiatan", "JP", "Kode bukti", "Bukti"]
    first = body[0]
    assert first["Nama"] == "Anton Handayani, S.Sos."
    assert first["Nama kegiatan"] == "Core Value BerAKHLAK"
    assert (first["Kode bukti"], first["Bukti"]) == ("zoom", "Zoom")
    both = next(r for r in body if r["Kode bukti"] == "zoom+daftar_hadir")
    assert both["Bukti"] == "Zoom + daftar hadir"
    outside = next(r for r in body if r["Kode kegiatan"] == "MANDIRI-LAN/2023/6688")
    assert outside["Nama kegiatan"] == "Pelatihan Jarak Jauh Analisis Kebijakan"
    assert outside["Bukti"] == "Laporan pengembangan mandiri"


def test_evidence_workbook_says_yes_or_no_and_why_in_words(engine, tmp_path):
    sheet = _sheet(engine, "evidence", tmp_path)
    assert sheet.title == "Bukti"
    header, body = _table(sheet)
    assert header == [
        "NIP",
        "Nama",
        "Kode kegiatan",
        "Nama kegiatan",
        "Menit hadir (Zoom)",
        "Menit syarat",
        "Daftar hadir di hari kegiatan",
        "Koreksi BKPSDM",
        "Dikreditkan",
        "Kode alasan",
        "Alasan",
    ]
    first, second = body[0], body[1]
    assert (first["Menit hadir (Zoom)"], first["Menit syarat"]) == (174.0, 144.0)
    assert (first["Daftar hadir di hari kegiatan"], first["Dikreditkan"]) == ("Tidak", "Ya")
    assert (first["Kode alasan"], first["Alasan"]) == ("zoom", "Hadir di Zoom cukup lama")
    assert (second["Kode alasan"], second["Alasan"]) == (
        "kurang_hadir",
        "Waktu hadir di Zoom kurang dari batas",
    )
    assert {r["Dikreditkan"] for r in body} == {"Ya", "Tidak"}
    assert all(r["Alasan"] and r["Alasan"] != r["Kode alasan"] for r in body)


def test_quarantine_workbook_has_reasons_in_words_and_no_json(engine, tmp_path):
    sheet = _sheet(engine, "quarantine", tmp_path)
    assert sheet.title == "Karantina"
    header, body = _table(sheet)
    assert header == [
        "Spreadsheet",
        "Lembar kerja",
        "Baris",
        "Kode alasan",
        "Alasan",
        "Isi baris",
        "Kolom",
        "Yang perlu diperbaiki",
    ]
    first = body[0]
    assert (first["Spreadsheet"], first["Baris"], first["Kode alasan"]) == (
        "kebutuhan",
        37,
        "nip_invalid",
    )
    assert first["Alasan"] == REASON_LABELS["nip_invalid"] == "NIP tidak valid"
    assert first["Isi baris"] == (
        "Timestamp: 1/7/2023 9:00:00; NIP: 12345; Nama Lengkap: Salah Ketik; Unit Kerja: Setda; "
        "Jenis Kompetensi: Teknis; Topik yang Dibutuhkan: x; Jalur Pengembangan: Kursus; "
        "Model Pembelajaran: Flexible Learning"
    )
    assert all(r["Alasan"] == REASON_LABELS[r["Kode alasan"]] for r in body)
    assert not any("{" in (r["Isi baris"] or "") for r in body)
    assert _width(sheet, "F") == MAX_WIDTH  # the row's cells: long, cut on screen at the cap
    # an empty cell of the row is left out: "Email: " says nothing
    roster = next(r for r in body if r["Kode alasan"] == "opd_unknown")
    assert "Email" not in roster["Isi baris"] and "Kode OPD: DINAS_X" in roster["Isi baris"]


def test_the_csv_exports_keep_the_contract(engine, tmp_path):
    """The contract's columns, and the quarantine's data still the raw row as JSON."""
    for what, (columns, _query) in EXPORTS.items():
        out = tmp_path / f"{what}.csv"
        write_export(engine, what, 2023, out)
        with out.open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        assert header == columns, what
    compliance = list(csv.DictReader((tmp_path / "compliance.csv").open(encoding="utf-8")))
    assert {r["memenuhi"] for r in compliance} == {"0", "1"}
    quarantine = list(csv.DictReader((tmp_path / "quarantine.csv").open(encoding="utf-8")))
    assert json.loads(quarantine[0]["data"])["NIP"] == "12345"


# --- the review workbook -------------------------------------------------------------------


def test_review_workbook_is_laid_out_and_names_the_suggested_opd(engine, tmp_path):
    out = tmp_path / "tinjauan.xlsx"
    count = write_review(engine, 2023, out, ["BKPSDM Sragen"])
    book = load_workbook(out)
    assert book.sheetnames == ["tinjauan", "ringkasan"]
    sheet = book["tinjauan"]
    header, body = _table(sheet)
    assert len(body) == count
    assert header[:13] == [
        "Timestamp",
        "Jenis",
        "Kode Kegiatan",
        "Nama Zoom",
        "NIP",
        "Alasan",
        "Oleh",
        "Kategori",
        "Menit",
        "Baris log",
        "Baris pertama",
        "Email",
        "Saran 1 (NIP)",
    ]
    assert header[13:16] == ["Saran 1 (nama)", "Saran 1 (OPD)", "Saran 1 (skor)"]
    kukuh = next(r for r in body if (r["Kode Kegiatan"], r["Nama Zoom"]) == (
        "MEKAR-2023-012", "Kukuh Raharjo"))  # fmt: skip
    assert kukuh["Saran 1 (NIP)"] == "197301261999032003"
    code = kukuh["Saran 1 (OPD)"].rsplit("(", 1)[1].rstrip(")")
    names = dict((r[0], r[1]) for r in csv.reader((GOLDEN / "records/master/opd.csv").open()))
    assert kukuh["Saran 1 (OPD)"] == f"{names[code]} ({code})"
    last = f"{chr(ord('A') + len(header) - 1)}"
    assert sheet.auto_filter.ref == f"A1:{last}{len(body) + 1}"
    assert sheet.freeze_panes == "A2"
    assert _width(sheet, "D") == min(MAX_WIDTH, 2 + max(len(r["Nama Zoom"]) for r in body))
    summary = book["ringkasan"]
    assert summary.auto_filter.ref == "A1:B5" and summary.freeze_panes == "A2"


def test_every_workbook_on_every_database(warehouse_url, tmp_path):
    """The same words on SQLite and PostgreSQL (whose flags and numbers come back typed
    differently): no code without its name, no 1/0, no JSON."""
    engine, *_ = run_stages(GOLDEN / "records", warehouse_url)
    named = {"Kode OPD": "Nama OPD", "NIP": "Nama", "Kode kegiatan": "Nama kegiatan"}
    for what in EXPORTS:
        sheet = _sheet(engine, what, tmp_path)
        header, body = _table(sheet)
        assert body, what
        assert sheet.auto_filter.ref.startswith("A1:"), what
        for code, name in named.items():
            if code in header:
                assert header[header.index(code) + 1] == name, what
                assert all(r[name] for r in body), (what, name)
        for column in ("Memenuhi target", "Daftar hadir di hari kegiatan", "Dikreditkan"):
            if column in header:
                assert {r[column] for r in body} <= {"Ya", "Tidak"}, (what, column)
        cells = [v for r in body for v in r.values() if isinstance(v, str)]
        assert not any(v.startswith("{") for v in cells), what
    engine.dispose()
