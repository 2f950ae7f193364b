"""Backfill: `mekar run backfill --year 2022` recomputes 2022 and leaves 2023 as it was
(SQLite and PostgreSQL); `mekar run nightly --year` only picks the report year."""

from __future__ import annotations

import shutil

from sqlalchemy import text

from mekar.config import Settings
from mekar.warehouse.backfill import load_year, recompute_year
from tests.conftest import GOLDEN
from tests.helpers import extract_and_validate, run_stages

BY_YEAR = (
    "fct_credits",
    "fct_compliance",
    "agg_opd",
    "agg_opd_kebutuhan",
    "agg_opd_kegiatan",
    "rpt_zoom_unmatched",
    "dim_kegiatan",
)


def _rows(engine, year: int) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        out = {
            t: sorted(
                tuple(map(str, r))
                for r in conn.execute(text(f"select * from {t} where tahun = {year}"))
            )
            for t in BY_YEAR
        }
        out["src_zoom"] = sorted(
            tuple(map(str, r))
            for r in conn.execute(
                text(
                    "select z.* from src_zoom z join src_kegiatan k on k.kode_kegiatan = z.kode_kegiatan "
                    f"where k.tahun = {year}"
                )
            )
        )
    return out


def _drop_lines(path, needle: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(line for line in lines if needle not in line) + "\n", encoding="utf-8"
    )


def test_backfill_recomputes_one_year_and_leaves_the_others(
    tmp_path, warehouse_url, another_warehouse_url
):
    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    engine, *_ = run_stages(data, warehouse_url)
    before_2023, before_2022 = _rows(engine, 2023), _rows(engine, 2022)

    # both years' logs change; only 2022 is backfilled
    _drop_lines(data / "log_zoom" / "MEKAR-2022-009.csv", "Sumarni Widodo")
    _drop_lines(data / "log_zoom" / "MEKAR-2023-002.csv", "Teguh Handayani")

    _, validated = extract_and_validate(data, engine)
    with engine.begin() as conn:
        load_year(conn, validated.sheets, 2022)
        sessions = recompute_year(conn, 2022, Settings().target_for)
    assert sessions == ["MEKAR-2022-009"]

    assert _rows(engine, 2023) == before_2023  # untouched, though its sheet changed too
    after_2022 = _rows(engine, 2022)
    assert after_2022 != before_2022
    full, *_ = run_stages(data, another_warehouse_url)
    assert after_2022 == _rows(full, 2022)  # as a full run computes 2022
    engine.dispose()
    full.dispose()


def test_backfill_command_recomputes_one_year(prefect_harness, tmp_path):
    from typer.testing import CliRunner

    from mekar.cli import app
    from mekar.warehouse.db import make_engine

    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    url = f"sqlite:///{tmp_path / 'w.db'}"
    out = str(tmp_path / "out")
    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["run", "nightly", "--data", str(data), "--warehouse", url, "--out", out]
        ).exit_code
        == 0
    )
    engine = make_engine(url)
    before_2023, before_2022 = _rows(engine, 2023), _rows(engine, 2022)
    _drop_lines(data / "log_zoom" / "MEKAR-2023-002.csv", "Teguh Handayani")
    _drop_lines(data / "log_zoom" / "MEKAR-2022-009.csv", "Sumarni Widodo")

    result = runner.invoke(
        app,
        [
            "run",
            "backfill",
            "--year",
            "2022",
            "--data",
            str(data),
            "--warehouse",
            url,
            "--out",
            out,
        ],
    )

    assert result.exit_code == 0, result.output
    assert "Tahun laporan: 2022" in result.output
    with engine.connect() as conn:
        held = conn.execute(text("select count(*) from quarantine")).scalar_one()
    assert held > 0 and f"Karantina (seluruh gudang data): {held} baris" in result.output
    assert _rows(engine, 2023) == before_2023  # its log changed too, but it was not asked for
    assert _rows(engine, 2022) != before_2022
    _published_year_kept(tmp_path / "out", result.output)
    engine.dispose()


def _published_year_kept(out, output: str) -> None:
    """After a backfill of 2022 the folder's root still shows 2023, the current year (the
    latest with sessions, as the nightly picks it), and links to 2022's pages, which went
    to out/2022/ and link back."""
    from tests.test_report import parse

    def title(page) -> str:
        return next(parse(page).iter("h1")).text()

    assert title(out / "index.html") == "Laporan Sragen Mekar tahun 2023"
    assert title(out / "ringkasan.html") == "Ringkasan Kabupaten Sragen"
    assert "tahun 2023" in parse(out / "ringkasan.html").by_id("kegiatan").text()
    assert (
        "Laporan pengembangan kompetensi tahun 2023"
        in parse(next((out / "opd").glob("*.html"))).text()
    )
    assert title(out / "2022" / "index.html") == "Laporan Sragen Mekar tahun 2022"
    assert "tahun 2022" in parse(out / "2022" / "ringkasan.html").by_id("kegiatan").text()
    assert sorted(p.name for p in (out / "2022" / "opd").glob("*.html")) == sorted(
        p.name for p in (out / "opd").glob("*.html")
    )
    links = {
        a.text(): a.attrs["href"] for a in next(parse(out / "index.html").iter("nav")).iter("a")
    }
    assert links["2022"] == "2022/index.html"
    back = next(parse(out / "2022" / "index.html").iter("nav")).iter("a")
    assert {a.text(): a.attrs["href"] for a in back}["2023 (tahun berjalan)"] == "../index.html"
    assert f"Laporan: {(out / '2022' / 'index.html').resolve()}" in output


def test_backfill_on_a_new_warehouse_says_to_run_nightly_first(tmp_path):
    from typer.testing import CliRunner

    from mekar.cli import app

    url = f"sqlite:///{tmp_path / 'new.db'}"
    result = CliRunner().invoke(
        app,
        ["run", "backfill", "--year", "2023", "--data", str(GOLDEN / "mini"), "--warehouse", url],
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Gagal: Gudang data {url} belum berisi hasil: jalankan dulu 'mekar run nightly' "
        "(memuat semua tahun); backfill hanya menghitung ulang sebagian di gudang data yang "
        "sudah terisi."
    ]


def _all_rows(engine) -> dict:
    return {2022: _rows(engine, 2022), 2023: _rows(engine, 2023)}


def test_year_is_the_report_year_on_a_new_an_empty_and_a_full_warehouse(
    prefect_harness, tmp_path, warehouse_url, another_warehouse_url
):
    """DATA_CONTRACT.md: `--year` picks the report year and never narrows what is loaded."""
    from typer.testing import CliRunner

    from mekar.cli import app
    from mekar.warehouse.db import make_engine

    runner = CliRunner()
    mini = str(GOLDEN / "mini")

    def nightly(url: str, *year: str) -> str:
        result = runner.invoke(
            app,
            [
                "run",
                "nightly",
                "--data",
                mini,
                *year,
                "--warehouse",
                url,
                "--out",
                str(tmp_path / "out"),
            ],
        )
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
        return result.output

    # new warehouse (nothing there), with a past year as the report year
    output = nightly(warehouse_url, "--year", "2022")
    assert "Tahun laporan: 2022" in output
    with_year = _all_rows(make_engine(warehouse_url))
    # an empty warehouse (schema only), without --year
    assert (
        runner.invoke(app, ["db", "upgrade", "--warehouse", another_warehouse_url]).exit_code == 0
    )
    assert "Tahun laporan: 2023" in nightly(another_warehouse_url)
    without_year = _all_rows(make_engine(another_warehouse_url))
    assert with_year == without_year
    assert with_year[2022]["fct_credits"] and with_year[2023]["fct_credits"]
    # a full warehouse: --year again changes nothing in it
    nightly(warehouse_url, "--year", "2023")
    assert _all_rows(make_engine(warehouse_url)) == without_year


def test_backfill_applies_corrections_and_lets_the_next_nightly_rebuild_all(
    tmp_path, warehouse_url, another_warehouse_url
):
    """A correction for a past year is why a backfill is run: it is loaded (current state,
    as the roster), the year is recomputed with it, and since other years read the same
    sheet the marts are marked for a full rebuild on the next nightly."""
    from mekar.transform.models import transform_is_current

    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "records", data)
    engine, *_ = run_stages(data, warehouse_url)
    with engine.connect() as conn:
        assert transform_is_current(conn, Settings().target_for)
    late = ("197206241992021007", "MEKAR-2022-009")  # koreksi row 29: beri, "susulan 2022"

    def credit_of(nip_kode, year):
        with engine.connect() as conn:
            return conn.execute(
                text("select bukti from fct_credits where nip = :n and kode_kegiatan = :k"),
                {"n": nip_kode[0], "k": nip_kode[1]},
            ).scalar()

    assert "koreksi" in credit_of(late, 2022)
    _drop_lines(data / "kegiatan" / "koreksi.csv", "susulan 2022")
    _, validated = extract_and_validate(data, engine)
    with engine.begin() as conn:
        load_year(conn, validated.sheets, 2022)
        recompute_year(conn, 2022, Settings().target_for)
    assert "koreksi" not in (credit_of(late, 2022) or "")
    full, *_ = run_stages(data, another_warehouse_url)
    assert _rows(engine, 2022) == _rows(full, 2022)
    with engine.connect() as conn:
        assert not transform_is_current(conn, Settings().target_for)
    engine.dispose()
    full.dispose()
