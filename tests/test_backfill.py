"""Backfill: `mekar run nightly --year 2022` recomputes 2022 and leaves 2023 as it was
(SQLite and PostgreSQL)."""

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


def test_nightly_with_a_year_is_a_backfill(prefect_harness, tmp_path):
    from flows.nightly import nightly
    from mekar.warehouse.db import make_engine

    data = tmp_path / "data"
    shutil.copytree(GOLDEN / "mini", data)
    url = f"sqlite:///{tmp_path / 'w.db'}"
    nightly(str(data), None, url, str(tmp_path / "out"))
    engine = make_engine(url)
    before_2023 = _rows(engine, 2023)
    _drop_lines(data / "log_zoom" / "MEKAR-2023-002.csv", "Teguh Handayani")

    summary = nightly(str(data), 2022, url, str(tmp_path / "out"))

    assert summary.year == 2022 and summary.failures == []
    assert _rows(engine, 2023) == before_2023
    assert (tmp_path / "out" / "ringkasan.html").read_text(encoding="utf-8").count("2022") > 0
    engine.dispose()


def test_every_model_has_a_place_in_the_backfill():
    """A model missing from these lists would silently keep old rows after a backfill."""
    from mekar.warehouse.backfill import WHOLE_MODELS, YEAR_MODELS_AFTER_SESSIONS
    from mekar.warehouse.incremental import SESSION_MODELS
    from mekar.warehouse.transform import load_models

    tables = {m.name for m in load_models() if m.layer != "staging"}
    covered = [*SESSION_MODELS, *YEAR_MODELS_AFTER_SESSIONS, *WHOLE_MODELS]
    assert sorted(covered) == sorted(tables)
