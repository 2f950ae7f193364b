"""Write the year's HTML reports from what `year_data` read.

Writes `index.html`, `ringkasan.html` (regency summary for BKPSDM) and `opd/<KODE_OPD>.html` (one
per OPD, showing only that OPD's ASN): the current year's at the root of the output folder,
another year's under `<year>/` (mekar.report.years). Their charts are HTML bars
(templates/_macros.html): legible at a phone's width and nothing to draw; the weekly emails
keep PNG charts (mail clients need an image). The data comes from `mekar.report.year_data`
(queries in `sql/report/`), already in a total order, so a rerun on the same warehouse
rewrites identical files. Every date a page counts from is the data's as-of date
(`YearData.as_of`), never the machine's clock.
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

from mekar.config import Settings
from mekar.report import charts
from mekar.report.formatting import FILTERS, angka, as_date, made_at, persen
from mekar.report.ip_asn import DIMENSION_POINTS, assumptions, kompetensi_score
from mekar.report.page_cache import PageCache, page_key
from mekar.report.queries import Row
from mekar.report.risk import RemainingCatalog, act_key, classify, rule_sentence
from mekar.report.week_data import UPCOMING_DAYS
from mekar.report.year_data import (
    YearData,
    by_date,
    by_name,
    monthly,
    needs_sections,
    ranking,
    read_year,
    regency_kpis,
)
from mekar.report.year_plan import lowest, plan_by_kind, plan_by_topic
from mekar.report.years import current_year, other_years, year_folder
from mekar.resources import templates_dir
from mekar.week import Week

TEMPLATES_DIR = templates_dir()
# The summary's unmatched-name suggestions, kept between runs (review.annotate).
SUGGESTIONS_CACHE = ".mekar-saran.json"
# How many quarantine, unmatched Zoom and Unit Kerja rows the summary lists at most.
UNMATCHED_LIMIT = 500
# Unmatched Zoom names that say an OPD, listed on its page.
NAMES_LISTED = 50


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
    hosts: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> ReportSummary:
    """Render the reports of `year`; only the OPDs in `opd_codes` when given.

    `out_dir` is the published folder: the current year's pages (the latest year with
    sessions) go to its root, another year's to `out_dir/<year>/`, and the root's index is
    brought up to date so it links that year. The index and the regency summary are always
    rewritten; the index links every OPD whose page exists beside it, so re-sending one OPD
    after a full run keeps all links.
    """
    site = Path(out_dir)
    settings = settings or Settings()
    if hosts is None:
        hosts = settings.zoom_host_names
    current = current_year(engine) or year
    folder = year_folder(site, year, current)
    writer = _PageWriter(template_environment(), PageCache(site))
    pages, opd_pages = _render_year(
        writer, engine, _Year(year, folder, site, current), opd_codes, hosts, settings
    )
    if folder != site and (site / "index.html").is_file():
        # the current year's index gains its link to this year (its OPD links stay)
        root, _ = _render_year(
            writer, engine, _Year(current, site, site, current), [], hosts, settings, True
        )
        pages += root
    writer.cache.save()
    return ReportSummary(
        out_dir=folder,
        pages=pages,
        opd_pages=opd_pages,
        pages_unchanged=writer.cache.kept,
    )


@dataclass(frozen=True)
class _Year:
    year: int
    folder: Path  # where its pages go
    site: Path  # the published folder: the current year at its root
    current: int


def _render_year(
    writer: _PageWriter,
    engine: sa.Engine,
    where: _Year,
    opd_codes: Iterable[str] | None,
    hosts: Sequence[str],
    settings: Settings,
    index_only: bool = False,
) -> tuple[list[Path], int]:
    limit = 0 if index_only else UNMATCHED_LIMIT
    cache = None if index_only else where.folder / SUGGESTIONS_CACHE
    with engine.connect() as conn:
        data = read_year(conn, where.year, opd_codes, limit, hosts, cache)
    common = {
        "tahun": where.year,
        "instansi": settings.instansi,  # a province run's partition names its own regency
        # the report's date: every "N hari" and "two weeks ahead" counts from it
        "data_per": data.as_of,
        "sumber_gagal": data.failed,
        "tahun_lain": other_years(where.site, where.year, where.current),
        "dibuat": made_at(settings.timezone),  # not part of a page's cache key
    }
    ranked = ranking(data.opds, data.kpi)
    kpi = regency_kpis(ranked, data.sessions)
    if index_only:
        return [_render_index(writer, common, where.folder, ranked, kpi)], 0
    outlook = _outlook(data, settings)
    pages = [
        _render_opd(writer, common, where.folder, opd, data, outlook, settings)
        for opd in data.opds
        if opd["kode_opd"] in data.selected
    ]
    summary_page = _render_summary(
        writer,
        common,
        where.folder,
        kpi=kpi,
        ranking=ranked,
        sessions=data.sessions,
        unmatched=data.unmatched,
        unmatched_more=data.unmatched_total - len(data.unmatched),
        unmatched_names=data.unmatched_names,
        host_rows=data.host_rows,
        hosts=list(hosts),
        unit_kerja=data.unit_kerja,
        menunggu=data.waiting,
        hampir=data.near_misses,
        koreksi=data.corrections,
        bulan=monthly([r for grouped in data.months.values() for r in grouped]),
        kompetensi=_kompetensi([r for grouped in data.ip_asn.values() for r in grouped], settings),
        rencana_jenis=plan_by_kind(data.needs, data.sessions, data.as_of),
        rencana_topik=plan_by_topic(data.needs, data.sessions, data.as_of),
        **data.quality,
    )
    # Last, so the links see the OPD pages this run just wrote.
    index_page = _render_index(writer, common, where.folder, ranked, kpi)
    return [index_page, summary_page, *pages], len(pages)


@dataclass
class _PageWriter:
    """Renders a page only when its inputs changed (mekar.report.page_cache)."""

    env: jinja2.Environment
    cache: PageCache

    def write(self, page: Path, template: str, **context: Any) -> Path:
        # "Dibuat" says when the page was written: it changes every run, the page need not
        key = page_key(template, {k: v for k, v in context.items() if k != "dibuat"})
        if not self.cache.current(page, key):
            write_page(page, self.env.get_template(template).render(**context))
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


@dataclass(frozen=True)
class _Outlook:
    """What the catalog still holds after the data's last session, shared by every OPD page."""

    remaining: RemainingCatalog
    upcoming: list[Row]  # the sessions of the UPCOMING_DAYS after the data's date
    share: float | None  # of the programme's year passed by the data's last session
    pace_after: float
    rule: str


def _outlook(data: YearData, settings: Settings) -> _Outlook:
    cutoff = data.as_of
    share = None
    if cutoff is not None:
        share = Week.of(cutoff).share_of_year_elapsed(data.first_session)
    # "the next two weeks" after the data's date; before any session, the first two weeks
    start = cutoff
    if start is None and data.first_session is not None:
        start = data.first_session - dt.timedelta(days=1)
    upcoming = []
    if start is not None:
        horizon = start + dt.timedelta(days=UPCOMING_DAYS)
        upcoming = [s for s in data.sessions_after(start) if as_date(s["tanggal"]) <= horizon]
    return _Outlook(
        remaining=RemainingCatalog.of(s["jp"] for s in data.sessions_after(cutoff)),
        upcoming=upcoming,
        share=share,
        pace_after=settings.pace_after_share_of_year,
        rule=rule_sentence(settings.pace_after_share_of_year),
    )


def _with_risk(found: list[Row], outlook: _Outlook) -> list[Row]:
    """Every ASN with their status against the remaining catalog, in the order to act on
    them (risk.act_key: class, most JP missing first, then longest since the last session;
    the name only to make the order total), as the weekly email lists them."""
    listed = []
    for row in found:
        risk = classify(
            row["jp"], row["target_jp"], outlook.remaining, outlook.share, outlook.pace_after
        )
        listed.append(
            dict(row, status=risk.label, kelas=risk.kelas, dapat_dibantu=risk.dapat_dibantu)
        )
    return sorted(
        listed,
        key=lambda r: (
            *act_key(
                r["kelas"],
                r["kurang_jp"] or 0,
                as_date(r["kegiatan_terakhir"]) if r.get("kegiatan_terakhir") else None,
            ),
            *by_name(r["nama"]),
            r["nip"],
        ),
    )


def _kompetensi(found: list[Row], settings: Settings) -> Row:
    return {
        "skor": kompetensi_score(found, settings.kompetensi_weights),
        "maks": DIMENSION_POINTS,
        "asumsi": assumptions(settings.kompetensi_weights, settings.kompetensi_weights_assumed),
    }


def _render_opd(
    writer: _PageWriter,
    common: Row,
    out_dir: Path,
    opd: Row,
    data: YearData,
    outlook: _Outlook,
    settings: Settings,
) -> Path:
    kode = opd["kode_opd"]
    tables = {key: grouped.get(kode, []) for key, grouped in data.opd_rows.items()}
    counts = charts.jp_bin_counts((r["jp"], r["jumlah"]) for r in tables["jp"])
    # Person-level tables come from fct_compliance, so it decides whether the OPD has ASN.
    has_asn = sum(counts) > 0
    labels = [label for label, _, _ in charts.JP_BINS]
    daftar = _with_risk(tables["asn"], outlook)
    months = monthly(data.months.get(kode, []))
    return writer.write(
        out_dir / "opd" / f"{kode}.html",
        "opd.html",
        **common,
        root="../",
        opd=opd,
        ada_asn=has_asn,
        kpi=data.kpi.get(kode) or dict.fromkeys(data.kpi_columns),
        # The last bin (>=20 JP) is the compliant one: highlighted. The longest bar is the
        # largest count: a count chart needs no axis, the numbers are written beside it.
        grafik=charts.html_bars(
            [
                (f"{label} JP", n, f"{angka(n)} ASN")
                for label, n in zip(labels, counts, strict=True)
            ],
            scale=max(counts, default=0),
            highlight=len(labels) - 1,
        ),
        daftar_asn=daftar,
        dorong=[r for r in daftar if r["dapat_dibantu"]],
        jumlah_di_bawah=sum(1 for r in daftar if not r["memenuhi"]),
        aturan=outlook.rule,
        akan_datang=outlook.upcoming,
        tersisa=outlook.remaining,
        belum_mengisi=sorted(tables["belum"], key=lambda r: (*by_name(r["nama"]), r["nip"])),
        nama_zoom=data.unmatched_by_opd.get(kode, [])[:NAMES_LISTED],
        nama_zoom_jumlah=len(data.unmatched_by_opd.get(kode, [])),
        kontak=settings.bkpsdm_contact.line,
        **_trend(months),
        kompetensi=_kompetensi(data.ip_asn.get(kode, []), settings),
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


def _trend(months: list[Row]) -> Row:
    """The monthly share at target as one bar chart (each bar says its share and count),
    on an axis that fits the largest share."""
    top = charts.share_axis(m["persen"] for m in months)
    return {
        "skala_bulan": charts.axis_label(top),
        "grafik_bulan": charts.html_bars(
            [
                (
                    m["nama"][:3],
                    m["persen"],
                    f"{persen(m['persen'])} · {angka(m['jumlah_memenuhi'])}",
                )
                for m in months
            ],
            scale=top,
        ),
    }


def _render_summary(writer: _PageWriter, common: Row, out_dir: Path, **context: Any) -> Path:
    ranked = context["ranking"]
    top = charts.share_axis(r["persen_memenuhi"] for r in ranked)
    return writer.write(
        out_dir / "ringkasan.html",
        "ringkasan.html",
        **common,
        **context,
        **_trend(context["bulan"]),
        root="",
        # each OPD's share drawn in its row of the ranking, on an axis that fits the best
        skala_peringkat=charts.axis_label(top),
        lebar={r["kode_opd"]: charts.bar_width(r["persen_memenuhi"], top) for r in ranked},
        terendah=lowest(ranked),
    )


def _render_index(
    writer: _PageWriter, common: Row, out_dir: Path, ranked: list[Row], kpi: Row
) -> Path:
    # by name: an office looks for its own; the lowest are named above the list
    opds = [
        dict(r, ada_halaman=(out_dir / "opd" / f"{r['kode_opd']}.html").exists())
        for r in sorted(ranked, key=lambda r: (*by_name(r["nama_opd"]), r["kode_opd"]))
    ]
    return writer.write(
        out_dir / "index.html",
        "index.html",
        **common,
        root="",
        opds=opds,
        kpi=kpi,
        terendah=lowest(ranked),
    )


def write_page(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Explicit encoding and newline: the bytes must not depend on the platform.
    path.write_text(text, encoding="utf-8", newline="\n")
