"""Messages that name the cause (issue 29, item 6): a CSV cell over the field limit is not
blamed on a quote, MEKAR_CONFIG mistakes name that file, and a file read through a link to
outside the data folder is said in the run log."""

from __future__ import annotations

import csv
import shutil

import pytest
from typer.testing import CliRunner

from mekar.cli import app
from mekar.config import Settings
from mekar.errors import MekarError, SourceError
from mekar.extract.files import FilesSource, read_csv_worksheet
from mekar.extract.worksheets import extract
from mekar.warehouse.db import make_engine
from tests.conftest import GOLDEN
from tests.helpers import extract_and_validate

runner = CliRunner()
FORM = ["Form Responses 1"]
LIMIT = csv.field_size_limit()  # the csv module's default, 131072, which mekar keeps


# --- a cell over the CSV field limit --------------------------------------------------------


def _answers(tmp_path, answer: str):
    path = tmp_path / "Form Responses 1.csv"
    path.write_text(
        f'Timestamp,NIP,Topik\n2023-01-02 08:00:00,1,Singkat\n2023-01-03 08:00:00,2,"{answer}"\n'
        "2023-01-04 08:00:00,3,Lain\n",
        encoding="utf-8",
    )
    return read_csv_worksheet("kebutuhan", path)


def test_a_cell_over_the_csv_field_limit_names_its_row_and_the_limit(tmp_path):
    sheet = _answers(tmp_path, "Pelatihan " + "x" * 200_000)
    with pytest.raises(SourceError) as caught:
        _ = sheet.rows
    message = str(caught.value)
    assert message == (
        "Sumber 'kebutuhan/Form Responses 1': berkas Form Responses 1.csv: sel di baris 3 "
        "lebih panjang dari 131.072 karakter (Google Sheets sendiri menampung paling banyak "
        "50.000 karakter per sel). Pendekkan isi sel itu, atau hapus isi berkas lain yang "
        "tertempel ke dalamnya, lalu unduh ulang."
    )
    assert "kutip" not in message


@pytest.mark.parametrize("length", [LIMIT, LIMIT + 1])
def test_the_limit_is_the_csv_default_not_raised(tmp_path, length):
    sheet = _answers(tmp_path, "y" * length)
    if length <= LIMIT:
        assert sheet.rows[2][2] == "y" * length  # a cell up to the limit loads whole
    else:
        with pytest.raises(SourceError, match="sel di baris 3 lebih panjang dari 131.072"):
            _ = sheet.rows


def test_an_unclosed_quote_keeps_its_message(tmp_path):
    path = tmp_path / "kegiatan.csv"
    path.write_text('Kode,Nama\nA-1,"tidak ditutup\nA-2,Dua\n', encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        _ = read_csv_worksheet("kegiatan", path).rows
    assert 'tanda kutip (") yang tidak tertutup' in str(caught.value)
    assert "lebih panjang" not in str(caught.value)


# --- MEKAR_CONFIG ---------------------------------------------------------------------------


def test_mekar_config_naming_no_file_is_one_line_naming_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "tidak-ada.toml"
    monkeypatch.setenv("MEKAR_CONFIG", str(missing))
    result = runner.invoke(app, ["db", "upgrade"])  # the warehouse URL comes from settings
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines() == [
        f"Gagal: MEKAR_CONFIG menunjuk ke {missing}, tetapi berkas itu tidak ada. Perbaiki "
        "jalurnya, atau kosongkan MEKAR_CONFIG untuk memakai mekar.toml di folder kerja."
    ]
    assert not (tmp_path / "mekar.db").exists()  # nothing ran on the defaults


def test_mekar_config_naming_a_folder_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("MEKAR_CONFIG", str(tmp_path))
    with pytest.raises(MekarError, match=f"menunjuk ke {tmp_path}, tetapi itu folder"):
        Settings()


def test_a_toml_syntax_error_names_the_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "bkpsdm.toml").write_text(
        'instansi = "Kabupaten Sragen"\nwarehouse_url = \n', encoding="utf-8"
    )
    monkeypatch.setenv("MEKAR_CONFIG", "conf/bkpsdm.toml")
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Gagal: berkas pengaturan conf/bkpsdm.toml ({tmp_path}/conf/bkpsdm.toml) tidak "
        "terbaca di baris 2, kolom 17 (Invalid value); periksa penulisannya (format TOML)."
    ]


def test_config_file_is_the_file_in_force(tmp_path, monkeypatch):
    from mekar.config import config_file  # what mekar.console names in its messages

    monkeypatch.delenv("MEKAR_CONFIG", raising=False)
    assert str(config_file()) == "mekar.toml"
    monkeypatch.setenv("MEKAR_CONFIG", "")  # empty: as unset
    assert str(config_file()) == "mekar.toml"
    monkeypatch.setenv("MEKAR_CONFIG", str(tmp_path / "a.toml"))
    assert config_file() == tmp_path / "a.toml"


# --- a file linked from outside the data folder ---------------------------------------------


def _note(path) -> str:
    return f"dibaca dari {path.resolve()} (tautan simbolik ke luar folder data)"


def test_a_roster_linked_from_outside_the_data_folder_is_noted(tmp_path):
    data, elsewhere = tmp_path / "data", tmp_path / "lain"
    shutil.copytree(GOLDEN / "mini", data)
    elsewhere.mkdir()
    roster = elsewhere / "pegawai.csv"
    shutil.move(data / "master" / "pegawai.csv", roster)
    (data / "master" / "pegawai.csv").symlink_to(roster)
    # A link that stays inside the folder is nothing to say.
    shutil.move(data / "master" / "opd.csv", data / "opd-asli.csv")
    (data / "master" / "opd.csv").symlink_to(data / "opd-asli.csv")

    extracted = extract(FilesSource(data), FORM)
    # Said before the file is parsed: a nightly that skips it as unchanged still says it.
    pegawai = next(sheet for kind, sheet in extracted.worksheets if kind == "pegawai")
    assert not pegawai.parsed
    assert extracted.notes == [f"master/pegawai.csv: {_note(roster)}"]

    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    extracted, validated = extract_and_validate(data, engine)  # the roster is read all the same
    engine.dispose()
    assert extracted.notes == [f"master/pegawai.csv: {_note(roster)}"]
    assert not validated.failures
    assert any(s.kind == "pegawai" and len(s.records) for s in validated.sheets)


def test_a_workbook_linked_from_outside_is_noted_on_its_tabs(tmp_path):
    from openpyxl import Workbook

    data, elsewhere = tmp_path / "data", tmp_path / "lain"
    data.mkdir()
    elsewhere.mkdir()
    book = Workbook()
    book.active.title = "opd"
    book.active.append(["Kode OPD", "Nama OPD"])
    book.create_sheet("pegawai").append(["NIP", "Nama"])
    book.save(elsewhere / "master.xlsx")
    (data / "master.xlsx").symlink_to(elsewhere / "master.xlsx")

    sheets = FilesSource(data).read_spreadsheet("master")
    assert [sheet.notes for sheet in sheets] == [[_note(elsewhere / "master.xlsx")]] * 2


def test_a_data_folder_that_is_itself_a_link_is_nothing_to_note(tmp_path):
    shutil.copytree(GOLDEN / "mini", tmp_path / "asli")
    (tmp_path / "data").symlink_to(tmp_path / "asli")
    assert extract(FilesSource(tmp_path / "data"), FORM).notes == []
