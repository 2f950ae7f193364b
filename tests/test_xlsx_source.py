"""The golden year downloaded as .xlsx workbooks (tabs = worksheets) gives the same exports
as the CSV folders."""

from __future__ import annotations

import csv

from openpyxl import Workbook

from mekar.export import write_export
from tests.conftest import GOLDEN
from tests.helpers import run_stages


def _as_workbooks(source, target):
    for folder in sorted(p for p in source.iterdir() if p.is_dir()):
        book = Workbook()
        book.remove(book.active)
        for sheet_file in sorted(folder.glob("*.csv")):
            sheet = book.create_sheet(sheet_file.stem)
            with sheet_file.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.reader(handle):
                    sheet.append(row)  # text cells, as Sheets exports a plain-text column
        book.save(target / f"{folder.name}.xlsx")


def test_xlsx_workbooks_give_the_golden_exports(tmp_path):
    data = tmp_path / "xlsx"
    data.mkdir()
    _as_workbooks(GOLDEN / "mini", data)
    assert sorted(p.name for p in data.iterdir()) == [
        "kebutuhan.xlsx",
        "kegiatan.xlsx",
        "log_zoom.xlsx",
        "master.xlsx",
    ]
    engine, _, validated, _ = run_stages(data, f"sqlite:///{tmp_path / 'w.db'}")
    assert validated.failures == []
    for what in ("compliance", "credits"):
        write_export(engine, what, 2023, tmp_path / f"{what}.csv")
        got = (tmp_path / f"{what}.csv").read_text(encoding="utf-8")
        assert got == (GOLDEN / "mini-expected" / f"{what}.csv").read_text(encoding="utf-8")
    engine.dispose()
