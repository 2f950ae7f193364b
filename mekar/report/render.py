"""Write the year's HTML reports and their charts from what `year_data` read.

Writes `index.html`, `ringkasan.html` (regency summary for BKPSDM), `opd/<KODE_OPD>.html` (one per
OPD, showing only that OPD's ASN) and the PNG charts under `img/`. The data comes from
`mekar.report.year_data` (queries in `sql/report/`), already in a total order, so a rerun on
the same warehouse rewrites identical files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import sqlalchemy as sa

from mekar.report import charts
from mekar.report.formatting import FILTERS
from mekar.report.queries import Row
from mekar.report.year_data import (
    YearData,
    below_target,
    by_code,
    by_date,
    needs_sections,
    ranking,
    read_year,
    regency_kpis,
)
from mekar.resources import templates_dir

TEMPLATES_DIR = templates_dir()
# How many quarantine, unmatched Zoom and Unit Kerja rows the summary lists at most.
UNMATCHED_LIMIT = 500


@dataclass(frozen=True)
class ReportSummary:
    """What one render wrote: HTML pages (index, summary, OPD pages) and PNG charts."""

    out_dir: Path
    pages: list[Path]
    opd_pages: int
    charts: list[Path]


def render_reports(
    engine: sa.Engine,
    year: int,
    out_dir: Path,
    opd_codes: Iterable[str] | None = None,
) -> ReportSummary:
    """Render the reports of `year` into `out_dir`; only the OPDs in `opd_codes` when given.

    The index and the regency summary are always rewritten; the index links every OPD whose
    page exists in `out_dir`, so re-sending one OPD after a full run keeps all links.
    """
    out_dir = Path(out_dir)
    with engine.connect() as conn:
        data = read_year(conn, year, opd_codes, UNMATCHED_LIMIT)

    env = template_environment()
    common = {"tahun": year, "data_sampai": data.data_until, "sumber_gagal": data.failed}
    pages: list[Path] = []
    images: list[Path] = []
    with charts.jp_histograms() as draw_histogram:
        for opd in (o for o in data.opds if o["kode_opd"] in data.selected):
            page, chart = _render_opd(env, draw_histogram, common, out_dir, opd, data)
            pages.append(page)
            images.extend([chart] if chart else [])

    ranked = ranking(data.opds, data.kpi)
    summary_page, chart = _render_summary(
        env,
        common,
        out_dir,
        kpi=regency_kpis(ranked, data.sessions),
        ranking=ranked,
        sessions=data.sessions,
        unmatched=data.unmatched,
        unmatched_more=data.unmatched_total - len(data.unmatched),
        unit_kerja=data.unit_kerja,
        **data.quality,
    )
    images.extend([chart] if chart else [])
    # Last, so the links see the OPD pages this run just wrote.
    index_page = _render_index(env, common, out_dir, ranked)
    return ReportSummary(
        out_dir=out_dir,
        pages=[index_page, summary_page, *pages],
        opd_pages=len(pages),
        charts=images,
    )


@lru_cache(maxsize=1)
def template_environment() -> jinja2.Environment:
    """The Jinja2 environment of every page and email (mekar.deliver uses it too)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def _render_opd(
    env: jinja2.Environment,
    draw_histogram: Callable[[Sequence[int], str, Path], None],
    common: Row,
    out_dir: Path,
    opd: Row,
    data: YearData,
) -> tuple[Path, Path | None]:
    kode = opd["kode_opd"]
    tables = {key: grouped.get(kode, []) for key, grouped in data.opd_rows.items()}
    counts = charts.jp_bin_counts((r["jp"], r["jumlah"]) for r in tables["jp"])
    # Person-level tables come from fct_compliance, so it decides whether the OPD has ASN.
    has_asn = sum(counts) > 0
    chart = None
    if has_asn:
        chart = out_dir / "img" / f"opd_{kode}.png"
        draw_histogram(counts, f"Sebaran JP ASN {kode}, {common['tahun']}", chart)
    page = out_dir / "opd" / f"{kode}.html"
    html = env.get_template("opd.html").render(
        **common,
        root="../",
        opd=opd,
        ada_asn=has_asn,
        kpi=data.kpi.get(kode) or dict.fromkeys(data.kpi_columns),
        distribusi=[
            {"label": label, "jumlah": n}
            for (label, _, _), n in zip(charts.JP_BINS, counts, strict=True)
        ],
        chart=f"../img/{chart.name}" if chart else None,
        di_bawah_target=below_target(tables["below"]),
        kebutuhan=needs_sections(tables["needs"]),
        kegiatan=sorted(tables["sessions"], key=by_date),
    )
    _write(page, html)
    return page, chart


def _render_summary(
    env: jinja2.Environment, common: Row, out_dir: Path, **context: Any
) -> tuple[Path, Path | None]:
    bars = [(r["kode_opd"], r["persen_memenuhi"]) for r in context["ranking"] if r["jumlah_asn"]]
    chart = out_dir / "img" / "ringkasan_persen_memenuhi.png" if bars else None
    if chart:
        title = f"ASN memenuhi target JP per OPD, {common['tahun']}"
        charts.persen_bars(bars, title, chart)
    page = out_dir / "ringkasan.html"
    html = env.get_template("ringkasan.html").render(
        **common, **context, root="", chart=f"img/{chart.name}" if chart else None
    )
    _write(page, html)
    return page, chart


def _render_index(env: jinja2.Environment, common: Row, out_dir: Path, ranked: list[Row]) -> Path:
    opds = [
        dict(r, ada_halaman=(out_dir / "opd" / f"{r['kode_opd']}.html").exists())
        for r in sorted(ranked, key=by_code)
    ]
    page = out_dir / "index.html"
    _write(page, env.get_template("index.html").render(**common, root="", opds=opds))
    return page


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Explicit encoding and newline: the bytes must not depend on the platform.
    path.write_text(text, encoding="utf-8", newline="\n")
