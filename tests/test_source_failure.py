"""A worksheet that lacks a required column fails alone: its rows in the warehouse stay as
they were, the other worksheets load, and the message names sheet and column."""

from __future__ import annotations

import html
import shutil

from sqlalchemy import select

from mekar.report.render import render_reports
from mekar.warehouse.schema import src_daftar_hadir, src_pegawai
from tests.conftest import GOLDEN
from tests.helpers import run_stages


def _rows(engine, table):
    with engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(select(table)))


def test_missing_column_keeps_the_last_good_state(tmp_path, warehouse_url):
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    engine, *_ = run_stages(data, warehouse_url)
    checkins_before = _rows(engine, src_daftar_hadir)
    assert checkins_before

    # Someone deletes the NIP column of the check-in sheet and edits a roster name.
    sheet = data / "kegiatan" / "daftar_hadir.csv"
    lines = sheet.read_text(encoding="utf-8").splitlines()
    sheet.write_text(
        "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 2) for line in lines)
        + "\n",
        encoding="utf-8",
    )
    roster = data / "master" / "pegawai.csv"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace("Teguh Handayani", "Teguh Handayani Baru"),
        encoding="utf-8",
    )

    engine, extracted, validated, loaded = run_stages(data, warehouse_url)

    [failure] = validated.failures
    assert str(failure).startswith("Sumber 'kegiatan/daftar_hadir': kolom wajib tidak ada: 'NIP'")
    assert _rows(engine, src_daftar_hadir) == checkins_before
    assert loaded.by_table["src_pegawai"].updated == 1
    with engine.connect() as conn:
        names = set(conn.scalars(select(src_pegawai.c.nama)))
    assert "Teguh Handayani Baru, S.Sos." in names

    # the reports warn that the check-ins are old until the sheet is mended
    render_reports(engine, 2023, tmp_path / "out")
    banner = _banner(tmp_path / "out" / "opd" / "DINKES.html")
    assert "Perhatian: data belum lengkap." in banner
    assert "kegiatan/daftar_hadir" in banner and "'NIP'" in banner
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine, *_ = run_stages(data, warehouse_url)
    render_reports(engine, 2023, tmp_path / "out")
    assert _banner(tmp_path / "out" / "ringkasan.html") == ""
    engine.dispose()


def _banner(page) -> str:
    text = page.read_text(encoding="utf-8")
    start = text.find('id="sumber-gagal"')
    return "" if start < 0 else html.unescape(text[start : text.find("</section>", start)])


def test_missing_spreadsheet_is_reported_and_the_rest_loads(tmp_path, warehouse_url):
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    shutil.rmtree(data / "kebutuhan")
    engine, extracted, validated, loaded = run_stages(data, warehouse_url)
    assert [str(f).split(":")[0] for f in validated.failures] == ["Sumber 'kebutuhan'"]
    assert loaded.by_table["src_zoom"].inserted > 0
    engine.dispose()


def test_full_reload_of_the_same_input_changes_no_row(tmp_path, warehouse_url):
    """Without the unchanged-worksheet shortcut, loading the same files again finds every
    row by its natural key and writes nothing."""
    engine, *_ = run_stages(GOLDEN / "mini", warehouse_url)
    engine.dispose()
    engine, _, validated, loaded = run_stages(GOLDEN / "mini", warehouse_url)
    assert validated.unchanged == []  # run_stages passes no fingerprints: all re-read
    assert loaded.changed == 0
    assert loaded.by_table["src_zoom"].unchanged == 1440
    engine.dispose()


def test_a_long_typed_cell_loads_on_every_database(tmp_path, warehouse_url):
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    form = data / "kebutuhan" / "Form Responses 1.csv"
    long_answer = "Pelatihan " + "sangat panjang " * 30
    text = form.read_text(encoding="utf-8").replace(
        ",Seminar/Konferensi/Sarasehan,", f',"Seminar/Konferensi/Sarasehan, {long_answer}",', 1
    )
    form.write_text(text, encoding="utf-8")
    engine, _, validated, loaded = run_stages(data, warehouse_url)
    assert validated.failures == []
    assert loaded.by_table["src_kebutuhan_pilihan"].inserted > 700
    engine.dispose()


def test_a_new_session_in_the_catalog_does_not_reread_the_zoom_logs(tmp_path, warehouse_url):
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    engine, *_ = run_stages(data, warehouse_url, skip_unchanged=True)
    catalog = data / "kegiatan" / "kegiatan.csv"
    catalog.write_text(
        catalog.read_text(encoding="utf-8")
        + "MEKAR-2023-077,Sesi Baru,2/10/2023,08:00,11:00,3,Klasikal,Seminar,Teknis,Daring,X,80\n",
        encoding="utf-8",
    )
    engine, _, validated, loaded = run_stages(data, warehouse_url, skip_unchanged=True)
    # the catalog and what is checked against it re-read; of the Zoom logs only the tab of
    # the session that just entered the catalog (its rows were session_unknown until now)
    assert sorted(s.worksheet for s in validated.sheets) == [
        "MEKAR-2023-077",
        "daftar_hadir",
        "kegiatan",
    ]
    assert loaded.by_table["src_zoom"].inserted == 30
    engine.dispose()
