"""`mekar export` through the real command line: the file's format follows its name (.csv or
.xlsx), a --format that contradicts the name or a name with another ending is refused in one
Indonesian line, and --year defaults as the nightly's does (the latest year with sessions),
the confirmation saying which year was written."""

from __future__ import annotations

import csv
import zipfile

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from mekar.cli import app
from tests.conftest import GOLDEN
from tests.helpers import run_stages

runner = CliRunner()


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("export_format")
    url = f"sqlite:///{folder / 'w.db'}"
    run_stages(GOLDEN / "mini", url)[0].dispose()
    return url


def _export(url: str, *args: str):
    return runner.invoke(app, ["export", *args, "--warehouse", url])


def _is_workbook(path) -> bool:
    return zipfile.is_zipfile(path)


def test_an_xlsx_name_gets_a_workbook_without_format(url, tmp_path):
    out = tmp_path / "opd.xlsx"
    result = _export(url, "opd", "--year", "2023", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert _is_workbook(out)
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "Kode OPD"


def test_a_csv_name_gets_the_contract_csv(url, tmp_path):
    out = tmp_path / "opd.csv"
    result = _export(url, "opd", "--year", "2023", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert not _is_workbook(out)
    assert next(csv.reader(out.open(encoding="utf-8")))[0] == "kode_opd"


def test_an_agreeing_format_is_accepted(url, tmp_path):
    out = tmp_path / "OPD.XLSX"
    result = _export(url, "opd", "--year", "2023", "--out", str(out), "--format", "xlsx")
    assert result.exit_code == 0, result.output
    assert _is_workbook(out)


@pytest.mark.parametrize(
    ("name", "fmt", "line"),
    [
        (
            "y.csv",
            "xlsx",
            "Gagal: --format xlsx tidak cocok dengan nama berkas {out}: tulis --out {stem}.xlsx, "
            "atau tanpa --format (format mengikuti akhiran nama berkas).",
        ),
        (
            "x.xlsx",
            "csv",
            "Gagal: --format csv tidak cocok dengan nama berkas {out}: tulis --out {stem}.csv, "
            "atau tanpa --format (format mengikuti akhiran nama berkas).",
        ),
        (
            "x.txt",
            None,
            "Gagal: nama berkas {out} harus berakhiran .csv (kolom kontrak data) atau .xlsx "
            "(buku kerja untuk petugas), mis. --out {stem}.csv.",
        ),
        (
            "kepatuhan",
            None,
            "Gagal: nama berkas {out} harus berakhiran .csv (kolom kontrak data) atau .xlsx "
            "(buku kerja untuk petugas), mis. --out {stem}.csv.",
        ),
        ("x.csv", "pdf", "Gagal: --format 'pdf' tidak dikenal; pilihan: csv | xlsx"),
    ],
)
def test_a_name_and_format_that_disagree_are_refused_in_one_line(url, tmp_path, name, fmt, line):
    out = tmp_path / name
    extra = ["--format", fmt] if fmt else []
    result = _export(url, "compliance", "--year", "2023", "--out", str(out), *extra)
    assert result.exit_code == 1
    stem = out.with_suffix("")
    assert result.output.strip().splitlines() == [line.format(out=out, stem=stem)]
    assert "Traceback" not in result.output
    assert not out.exists()


def test_review_is_a_workbook_only(url, tmp_path):
    out = tmp_path / "tinjauan.csv"
    result = _export(url, "review", "--year", "2023", "--out", str(out))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Gagal: 'mekar export review' menulis buku kerja .xlsx, bukan {out}: "
        f"tulis --out {tmp_path / 'tinjauan.xlsx'}."
    ]
    assert not out.exists()


def test_the_year_defaults_to_the_latest_with_sessions_and_is_named(url, tmp_path):
    out = tmp_path / "kepatuhan.csv"
    result = _export(url, "compliance", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines() == [
        f"239 baris ditulis ke {out} (tahun 2023, tahun terakhir yang ada kegiatan)."
    ]
    given = tmp_path / "given.csv"
    assert _export(url, "compliance", "--year", "2023", "--out", str(given)).exit_code == 0
    assert out.read_bytes() == given.read_bytes()


def test_a_given_year_is_named_too(url, tmp_path):
    out = tmp_path / "kredit.xlsx"
    result = _export(url, "credits", "--year", "2023", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[0].endswith(f"ditulis ke {out} (tahun 2023).")


def test_the_review_year_defaults_too(url, tmp_path):
    out = tmp_path / "tinjauan.xlsx"
    result = _export(url, "review", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "(tahun 2023, tahun terakhir yang ada kegiatan)" in result.output


def test_the_quarantine_names_no_year(url, tmp_path):
    out = tmp_path / "karantina.csv"
    result = _export(url, "quarantine", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"baris ditulis ke {out}.")


def test_no_year_on_a_warehouse_without_sessions_says_what_to_run(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert runner.invoke(app, ["db", "upgrade", "--warehouse", url]).exit_code == 0
    result = _export(url, "opd", "--out", str(tmp_path / "o.csv"))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Gagal: Gudang data {url} belum berisi kegiatan: jalankan dulu 'mekar run nightly' "
        "dengan --warehouse yang sama."
    ]
