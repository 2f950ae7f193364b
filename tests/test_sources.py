"""The files source: CSV folders and .xlsx workbooks, every cell as text, row numbers kept."""

import datetime as dt

import pytest
from openpyxl import Workbook

from mekar.errors import SourceError
from mekar.extract.files import FilesSource, cell_text
from mekar.validate.contracts import resolve_table
from tests.conftest import SHARED


def test_real_zoom_export_is_read_as_it_is(tmp_path):
    """The public Zoom export: preamble, blank row, header with Recording Consent."""
    folder = tmp_path / "log_zoom"
    folder.mkdir()
    sample = SHARED / "samples" / "zoom" / "participants_heroes_full.csv"
    (folder / "MEKAR-2021-001.csv").write_bytes(sample.read_bytes())

    [sheet] = FilesSource(tmp_path).read_spreadsheet("log_zoom")
    table = resolve_table(sheet, "zoom")

    assert sheet.title == "MEKAR-2021-001"
    assert table.header[:6] == [
        "Name (Original Name)",
        "User Email",
        "Join Time",
        "Leave Time",
        "Duration (Minutes)",
        "Guest",
    ]
    assert "Recording Consent" in table.header
    first_row, cells = table.records[0]
    assert first_row == 5  # preamble header (1) and values (2), blank (3), header (4)
    assert table.cell(cells, "Name (Original Name)") == "015_Loki (Loki Laufeyson)"
    assert table.cell(cells, "Join Time") == "11/19/2021 9:54:15 AM"
    data_lines = sample.read_text(encoding="utf-8").strip().splitlines()[4:]
    assert len(table.records) == len(data_lines)


def test_csv_keeps_text_and_sheet_row_numbers(tmp_path):
    (tmp_path / "master").mkdir()
    (tmp_path / "master" / "opd.csv").write_text(
        '\ufeffKode OPD,Nama OPD\nDINKES,Dinas Kesehatan\n,\nSETDA,"Sekretariat\nDaerah"\nX,Y\n',
        encoding="utf-8",
    )
    [sheet] = FilesSource(tmp_path).read_spreadsheet("master")
    table = resolve_table(sheet, "opd")
    assert [(row, cells[0]) for row, cells in table.records] == [
        (2, "DINKES"),
        (4, "SETDA"),
        (5, "X"),
    ]
    assert table.blank_rows == 1


def test_xlsx_cells_are_text_and_long_numbers_show_their_damage(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "pegawai"
    sheet.append(["NIP", "Nama", "Tanggal"])
    sheet.append([198503122010011003, "Budi", dt.datetime(2023, 7, 5, 10, 15, 22)])
    sheet.append(["198503122010011003", "Sari", None])
    sheet.append([42, "Tri", 3.5])
    sheet.append([None, "80%", 0.8])
    sheet.cell(row=5, column=3).number_format = "0%"
    book.create_sheet("opd").append(["Kode OPD", "Nama OPD"])
    book.save(tmp_path / "master.xlsx")

    sheets = {s.title: s for s in FilesSource(tmp_path).read_spreadsheet("master")}
    assert sheets["pegawai"].rows == [
        ["NIP", "Nama", "Tanggal"],
        # an 18-digit number stored as a double is shown as Sheets shows it, never made up
        ["1.98503E+17", "Budi", "2023-07-05 10:15:22"],
        ["198503122010011003", "Sari", ""],
        ["42", "Tri", "3.5"],
        ["", "80%", "80%"],  # a percent cell reads as it shows, not as 0.8
    ]
    assert set(sheets) == {"pegawai", "opd"}


def test_cell_text_of_booleans_and_times():
    assert cell_text(True) == "TRUE"
    assert cell_text(dt.time(8, 30)) == "08:30"
    assert cell_text(None) == ""


def test_missing_spreadsheet_names_both_layouts(tmp_path):
    with pytest.raises(SourceError) as error:
        FilesSource(tmp_path).read_spreadsheet("kegiatan")
    assert "kegiatan/" in str(error.value) and "kegiatan.xlsx" in str(error.value)
