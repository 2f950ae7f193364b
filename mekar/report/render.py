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

from mekar.config import Settings
from mekar.report import charts
from mekar.report.formatting import FILTERS, MONTHS, angka, as_date, made_at, persen
from mekar.report.ip_asn import DIMENSION_POINTS, assumptions, kompetensi_score
from mekar.report.page_cache import PageCache, page_key
from mekar.report.queries import Row
from mekar.report.risk import ACT_ORDER, RemainingCatalog, classify, rule_sentence
from mekar.report.week_data import UPCOMING_DAYS
from mekar.report.year_data import (
    YearData,
    by_code,
    by_date,
    by_name,
    needs_sections,
    ranking,
    read_year,
    regency_kpis,
)
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
    today: dt.date | None = None,
    hosts: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> ReportSummary:
    """Render the reports of `year` into `out_dir`; only the OPDs in `opd_codes` when given.

    The index and the regency summary are always rewritten; the index links every OPD whose
    page exists in `out_dir`, so re-sending one OPD after a full run keeps all links.
    """
    out_dir = Path(out_dir)
    settings = settings or Settings()
    if hosts is None:
        hosts = settings.zoom_host_names
    with engine.connect() as conn:
        data = read_year(conn, year, opd_codes, UNMATCHED_LIMIT, hosts, out_dir / SUGGESTIONS_CACHE)

    writer = _PageWriter(template_environment(), PageCache(out_dir))
    today = today or dt.date.today()
    common = {
        "tahun": year,
        "instansi": settings.instansi,  # a province run's partition names its own regency
        "data_sampai": data.data_until,
        "sumber_gagal": data.failed,
        # a waiting report's age is counted to this day (the pages change with it)
        # (a past year's report counts to its last day, not to a date years later)
        "hari_ini": min(today, dt.date(year, 12, 31)),
        "dibuat": made_at(settings.timezone),  # not part of a page's cache key
    }
    outlook = _outlook(data, today, settings)
    pages = [
        _render_opd(writer, common, out_dir, opd, data, outlook, settings)
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
        bulan=_monthly([r for grouped in data.months.values() for r in grouped]),
        kompetensi=_kompetensi([r for grouped in data.ip_asn.values() for r in grouped], settings),
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
    upcoming: list[Row]  # the sessions of the next UPCOMING_DAYS after today
    share: float | None  # of the programme's year passed by the data's last session
    pace_after: float
    rule: str


def _outlook(data: YearData, today: dt.date, settings: Settings) -> _Outlook:
    cutoff = data.data_until
    share = None
    if cutoff is not None:
        share = Week.of(cutoff).share_of_year_elapsed(data.first_session)
    horizon = today + dt.timedelta(days=UPCOMING_DAYS)
    return _Outlook(
        remaining=RemainingCatalog.of(s["jp"] for s in data.sessions_after(cutoff)),
        upcoming=[s for s in data.sessions_after(today) if as_date(s["tanggal"]) <= horizon],
        share=share,
        pace_after=settings.pace_after_share_of_year,
        rule=rule_sentence(settings.pace_after_share_of_year),
    )


def _with_risk(found: list[Row], outlook: _Outlook) -> list[Row]:
    """Every ASN with their status against the remaining catalog, in the order to act on
    them (risk.ACT_ORDER, most JP missing first, then by name)."""
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
            ACT_ORDER[r["kelas"]],
            -(r["kurang_jp"] or 0),
            *by_name(r["nama"]),
            r["nip"],
        ),
    )


def _monthly(found: list[Row]) -> list[Row]:
    """ASN at target by the end of each month (sums over the given OPDs' rows), as a share."""
    months: dict[int, list[int]] = {}
    for row in found:
        total = months.setdefault(row["bulan"], [0, 0])
        total[0] += row["jumlah_asn"]
        total[1] += row["jumlah_memenuhi"]
    return [
        {
            "bulan": month,
            "nama": MONTHS[month - 1],
            "jumlah_asn": asn,
            "jumlah_memenuhi": met,
            "persen": 100.0 * met / asn if asn else None,
        }
        for month, (asn, met) in sorted(months.items())
    ]


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
    monthly = _monthly(data.months.get(kode, []))
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
        bulan=monthly,
        grafik_bulan=_bars(
            [(m["nama"][:3], m["persen"], persen(m["persen"])) for m in monthly], scale=100
        ),
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


def _render_summary(writer: _PageWriter, common: Row, out_dir: Path, **context: Any) -> Path:
    months = context["bulan"]
    context["grafik_bulan"] = _bars(
        [(m["nama"][:3], m["persen"], persen(m["persen"])) for m in months], scale=100
    )
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


def write_page(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Explicit encoding and newline: the bytes must not depend on the platform.
    path.write_text(text, encoding="utf-8", newline="\n")
