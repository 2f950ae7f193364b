"""Write the year's HTML reports and their charts from what `year_data` read.

Writes `index.html`, `ringkasan.html` (regency summary for BKPSDM) and `opd/<KODE_OPD>.html` (one
per OPD, showing only that OPD's ASN). Their charts are HTML bars (templates/_macros.html): legible
at a phone's width and nothing to draw; the weekly emails keep PNG charts (mail clients need an
image). The data comes from
`mekar.report.year_data` (queries in `sql/report/`), already in a total order, so a rerun on
the same warehouse rewrites identical files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import sqlalchemy as sa

from mekar.report import charts
from mekar.report.formatting import FILTERS, angka, persen
from mekar.report.page_cache import PageCache, page_key
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
# The summary's unmatched-name suggestions, kept between runs (review.annotate).
SUGGESTIONS_CACHE = ".mekar-saran.json"
# How many quarantine, unmatched Zoom and Unit Kerja rows the summary lists at most.
UNMATCHED_LIMIT = 500


@dataclass(frozen=True)
class ReportSummary:
    """What one render wrote: HTML pages (index, summary, OPD pages)."""

    out_dir: Path
    pages: list[Path]
    opd_pages: int
    pages_unchanged: int = 0  # of `pages`, those whose inputs had not changed: not rewritten


def render_reports(
    engine: sa.Engine,
    year: int,
    out_dir: Path,
    opd_codes: Iterable[str] | None = None,
    today: dt.date | None = None,
    hosts: Sequence[str] | None = None,
) -> ReportSummary:
    """Render the reports of `year` into `out_dir`; only the OPDs in `opd_codes` when given.

    The index and the regency summary are always rewritten; the index links every OPD whose
    page exists in `out_dir`, so re-sending one OPD after a full run keeps all links.
    """
    out_dir = Path(out_dir)
    if hosts is None:
        from mekar.config import Settings

        hosts = Settings().zoom_host_names
    with engine.connect() as conn:
        data = read_year(conn, year, opd_codes, UNMATCHED_LIMIT, hosts, out_dir / SUGGESTIONS_CACHE)

    writer = _PageWriter(template_environment(), PageCache(out_dir))
    common = {
        "tahun": year,
        "data_sampai": data.data_until,
        "sumber_gagal": data.failed,
        # a waiting report's age is counted to this day (the pages change with it)
        "hari_ini": today or dt.date.today(),
    }
    pages = [
        _render_opd(writer, common, out_dir, opd, data)
        for opd in data.opds
        if opd["kode_opd"] in data.selected
    ]
    ranked = ranking(data.opds, data.kpi)
    summary_page = _render_summary(
        writer,
        common,
        out_dir,
        kpi=regency_kpis(ranked, data.sessions),
        ranking=ranked,
        sessions=data.sessions,
        unmatched=data.unmatched,
        unmatched_more=data.unmatched_total - len(data.unmatched),
        unit_kerja=data.unit_kerja,
        menunggu=data.waiting,
        hampir=data.near_misses,
        koreksi=data.corrections,
        **data.quality,
    )
    # Last, so the links see the OPD pages this run just wrote.
    index_page = _render_index(writer, common, out_dir, ranked)
    writer.cache.save()
    return ReportSummary(
        out_dir=out_dir,
        pages=[index_page, summary_page, *pages],
        opd_pages=len(pages),
        pages_unchanged=writer.cache.kept,
    )


@dataclass
class _PageWriter:
    """Renders a page only when its inputs changed (mekar.report.page_cache)."""

    env: jinja2.Environment
    cache: PageCache

    def write(self, page: Path, template: str, **context: Any) -> Path:
        key = page_key(template, context)
        if not self.cache.current(page, key):
            _write(page, self.env.get_template(template).render(**context))
            self.cache.wrote(page, key)
        return page


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


def _render_opd(writer: _PageWriter, common: Row, out_dir: Path, opd: Row, data: YearData) -> Path:
    kode = opd["kode_opd"]
    tables = {key: grouped.get(kode, []) for key, grouped in data.opd_rows.items()}
    counts = charts.jp_bin_counts((r["jp"], r["jumlah"]) for r in tables["jp"])
    # Person-level tables come from fct_compliance, so it decides whether the OPD has ASN.
    has_asn = sum(counts) > 0
    labels = [label for label, _, _ in charts.JP_BINS]
    return writer.write(
        out_dir / "opd" / f"{kode}.html",
        "opd.html",
        **common,
        root="../",
        opd=opd,
        ada_asn=has_asn,
        kpi=data.kpi.get(kode) or dict.fromkeys(data.kpi_columns),
        distribusi=[{"label": label, "jumlah": n} for label, n in zip(labels, counts, strict=True)],
        # The last bin (>=20 JP) is the compliant one: highlighted.
        grafik=_bars(
            [(f"{label} JP", n, angka(n)) for label, n in zip(labels, counts, strict=True)],
            scale=max(counts, default=0),
            highlight=len(labels) - 1,
        ),
        di_bawah_target=below_target(tables["below"]),
        kebutuhan=needs_sections(tables["needs"]),
        kegiatan=sorted(tables["sessions"], key=by_date),
        # closest to the bar first (the query keeps the NEAR_MISS_LISTED closest)
        hampir=sorted(
            tables["near"],
            key=lambda r: (
                -float(r["menit_hadir"]) / float(r["menit_dibutuhkan"]),
                r["nip"],
                r["kode_kegiatan"],
            ),
        ),
        pengembangan=sorted(
            tables["outside"],
            key=lambda r: (str(r["tanggal_selesai"]), r["nip"], str(r["nama_kegiatan"])),
        ),
    )


def _render_summary(writer: _PageWriter, common: Row, out_dir: Path, **context: Any) -> Path:
    shares = [
        (r["kode_opd"], r["persen_memenuhi"], persen(r["persen_memenuhi"]))
        for r in context["ranking"]
        if r["jumlah_asn"]
    ]
    return writer.write(
        out_dir / "ringkasan.html",
        "ringkasan.html",
        **common,
        **context,
        root="",
        grafik=_bars(shares, scale=100),
    )


def _bars(values: list[tuple[str, Any, str]], scale: float, highlight: int | None = None):
    """(label, value, value as shown) -> the rows of templates/_macros.html's bar chart; a
    bar's length is value / scale, written with one decimal so the bytes stay stable."""
    return [
        {
            "label": label,
            "nilai": shown,
            "lebar": f"{100 * float(value or 0) / scale:.1f}" if scale else "0.0",
            "sorot": position == highlight,
        }
        for position, (label, value, shown) in enumerate(values)
    ]


def _render_index(writer: _PageWriter, common: Row, out_dir: Path, ranked: list[Row]) -> Path:
    opds = [
        dict(r, ada_halaman=(out_dir / "opd" / f"{r['kode_opd']}.html").exists())
        for r in sorted(ranked, key=by_code)
    ]
    return writer.write(out_dir / "index.html", "index.html", **common, root="", opds=opds)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Explicit encoding and newline: the bytes must not depend on the platform.
    path.write_text(text, encoding="utf-8", newline="\n")
