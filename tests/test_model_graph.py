"""The model graph: each SQL model declares its grain and inputs in a header; the run order
follows the declared edges only (comments create none), and a model that reads an
undeclared model is refused."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from mekar.cli import app
from mekar.resources import sql_dir
from mekar.transform.models import KEY_COLUMNS, load_models


def test_every_model_runs_after_what_it_declares():
    models = load_models()
    position = {m.name: i for i, m in enumerate(models)}
    # every file of the three layers is a model (sql/report and sql/weekly are queries)
    files = [
        p
        for layer in ("staging", "intermediate", "marts")
        for p in (sql_dir() / layer).glob("*.sql")
    ]
    assert len(models) == len(files) == 37
    for model in models:
        assert model.grain == "whole" or set(model.key) <= set(KEY_COLUMNS)
        for other in model.depends_on:
            assert position[other] < position[model.name], (model.name, other)
        if model.layer == "staging":
            assert model.depends_on == () and model.sources  # views over loaded tables
    fct = next(m for m in models if m.name == "fct_compliance")
    assert fct.grain == "tahun, nip" and fct.key == ("tahun", "nip")
    assert fct.depends_on == (
        "fct_credits",
        "fct_credits_mandiri",
        "fct_evidence",
        "stg_kegiatan",
        "stg_pegawai",
    )
    assert fct.sources == ("cfg_target",)
    assert fct.indexes == (("tahun", "kode_opd"), ("tahun", "nip"))


def _copy(tmp_path):
    sql = tmp_path / "sql"
    shutil.copytree(sql_dir(), sql)
    return sql


def test_a_comment_creates_no_edge(tmp_path):
    sql = _copy(tmp_path)
    (sql / "marts" / "aaa_probe.sql").write_text(
        "-- grain: whole\n-- depends_on: stg_opd\n"
        "-- Mentions rpt_zoom_unmatched and fct_credits in prose only.\n"
        "select kode_opd from stg_opd -- not agg_opd either\n",
        encoding="utf-8",
    )
    probe = next(m for m in load_models(sql) if m.name == "aaa_probe")
    assert probe.depends_on == ("stg_opd",)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("-- grain: whole\n", "depends_on says [], the SQL reads ['stg_opd']"),
        (
            "-- grain: whole\n-- depends_on: stg_opd, dim_opd\n",
            "depends_on says ['dim_opd', 'stg_opd'], the SQL reads ['stg_opd']",
        ),
        ("-- depends_on: stg_opd\n", "header without '-- grain:'"),
        (
            "-- grain: minggu\n-- depends_on: stg_opd\n",
            "grain 'minggu' is not 'whole' or a list of",
        ),
    ],
)
def test_a_wrong_header_is_refused_naming_the_file(tmp_path, header, message):
    sql = _copy(tmp_path)
    (sql / "marts" / "aaa_probe.sql").write_text(
        header + "select kode_opd from stg_opd\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="sql/marts/aaa_probe.sql") as refused:
        load_models(sql)
    assert message in str(refused.value)


def test_mekar_models_prints_the_graph_in_run_order():
    result = CliRunner().invoke(app, ["models"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 37
    assert lines[0].split()[:5] == ["1.", "stg_daftar_hadir", "staging", "grain:", "kode_kegiatan"]
    fct = next(line for line in lines if " fct_compliance " in line)
    assert (
        "masukan: fct_credits, fct_credits_mandiri, fct_evidence, stg_kegiatan, stg_pegawai, "
        "cfg_target" in fct
    )
    assert "indeks: tahun, kode_opd; tahun, nip" in fct
