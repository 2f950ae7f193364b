"""CSV worksheets are fingerprinted by their bytes and parsed only when their cells are
read: a nightly over unchanged files parses none of them."""

from __future__ import annotations

import shutil

import pytest

from mekar.errors import SourceError
from mekar.extract.base import DeferredWorksheet
from mekar.extract.files import read_csv_worksheet
from tests.conftest import GOLDEN
from tests.helpers import extract_and_validate, run_stages


def test_a_csv_is_parsed_when_its_cells_are_first_read(tmp_path):
    path = tmp_path / "kegiatan.csv"
    path.write_bytes(b"Kode,Nama\r\nA-1,Satu\x00\r\n")
    sheet = read_csv_worksheet("kegiatan", path)
    assert isinstance(sheet, DeferredWorksheet) and not sheet.parsed
    digest = sheet.content_hash()
    assert not sheet.parsed and sheet.notes == []
    assert sheet.rows == [["Kode", "Nama"], ["A-1", "Satu"]]
    assert sheet.row_numbers == [1, 2] and sheet.parsed
    assert sheet.notes and "NUL" in sheet.notes[0].upper()
    path.write_bytes(b"Kode,Nama\r\nA-1,Satu\r\n")  # other bytes: another fingerprint
    assert read_csv_worksheet("kegiatan", path).content_hash() != digest


def test_a_damaged_csv_fails_where_it_is_read(tmp_path):
    path = tmp_path / "kegiatan.csv"
    path.write_text('Kode,Nama\nA-1,"tidak ditutup\nA-2,Dua\n', encoding="utf-8")
    sheet = read_csv_worksheet("kegiatan", path)  # reading the bytes is fine
    with pytest.raises(SourceError, match="tidak tertutup"):
        _ = sheet.rows


def test_an_unchanged_year_is_not_parsed_again(tmp_path, warehouse_url):
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    engine, *_ = run_stages(data, warehouse_url, skip_unchanged=True)

    extracted, validated = extract_and_validate(data, engine, skip_unchanged=True)
    sheets = [sheet for _, sheet in extracted.worksheets]
    assert len(validated.unchanged) == len(sheets) == 12
    assert [s.title for s in sheets if s.parsed] == [] and extracted.row_count == 0

    # One Zoom log changes: that file alone is parsed (nothing is checked against Zoom rows).
    log = data / "log_zoom" / "MEKAR-2023-001.csv"
    log.write_text(log.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    extracted, validated = extract_and_validate(data, engine, skip_unchanged=True)
    # Read, validated, then let go (its records are all that is kept).
    assert [s.title for _, s in extracted.worksheets if s.row_count] == ["MEKAR-2023-001"]
    assert not any(s.parsed for _, s in extracted.worksheets)
    assert len(validated.unchanged) == 11
    engine.dispose()


def test_a_released_worksheet_keeps_its_count_and_is_parsed_again_when_asked(tmp_path):
    path = tmp_path / "MEKAR-2023-009.csv"
    path.write_text("Name (Original Name),Join Time,Leave Time\nA,x,y\nB,x,y\n", encoding="utf-8")
    sheet = read_csv_worksheet("log_zoom", path)
    assert len(sheet.rows) == 3 and sheet.row_count == 3
    sheet.release()
    assert not sheet.parsed and sheet.row_count == 3  # the run log still counts its rows
    assert sheet.rows[2] == ["B", "x", "y"] and sheet.row_numbers == [1, 2, 3]
