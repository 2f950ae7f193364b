"""Render the year's HTML reports from the warehouse marts.

Writes `index.html`, `ringkasan.html` (regency summary for BKPSDM), `opd/<KODE_OPD>.html` (one per
OPD, showing only that OPD's ASN) and the PNG charts under `img/`. Each table is read once for
the year and grouped in Python, so the cost grows with the rows, not with rows x OPDs. Every list
is sorted in Python with a total order, so SQLite and PostgreSQL (whose text collations differ)
give the same bytes, and a rerun on the same warehouse rewrites identical files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import sqlalchemy as sa

from mekar.report import charts
from mekar.report.formatting import FILTERS, as_date
from mekar.resources import templates_dir

TEMPLATES_DIR = templates_dir()
UNMATCHED_LIMIT = 500
TOP_TOPICS = 10
# (kategori in agg_opd_kebutuhan, heading, how many values to show; None = all).
NEEDS_CATEGORIES: tuple[tuple[str, str, int | None], ...] = (
    ("jenis_kompetensi", "Jenis kompetensi", None),
    ("jalur", "Jalur pengembangan", None),
    ("model", "Model pembelajaran", None),
    ("topik", f"{TOP_TOPICS} topik teratas", TOP_TOPICS),
)
# Codes become file names; the contract allows [A-Z0-9_]+, anything else must not reach a path.
_SAFE_CODE = re.compile(r"[A-Za-z0-9_-]+")

# agg_opd figures shown on an OPD page; all None ("–") if the mart has no row for the OPD.
_OPD_KPI_COLUMNS = (
    "jumlah_asn",
    "jumlah_memenuhi",
    "persen_memenuhi",
    "total_jp",
    "rata_jp",
    "responden_kebutuhan",
    "persen_responden",
)

Row = dict[str, Any]


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
        opds = _fetch_opds(conn)
        selected = _select_opds(opds, opd_codes)
        agg = _fetch_agg(conn, year)
        sessions = _fetch_sessions(conn, year)
        opd_data = _fetch_opd_details(conn, year, selected)
        quality = _fetch_quarantine_counts(conn)
        unmatched, unmatched_total = _fetch_unmatched(conn, year)
        failed = _fetch_failed_sources(conn)
        unit_kerja = _fetch_unit_kerja(conn, year)

    env = template_environment()
    common = {"tahun": year, "data_sampai": _data_until(sessions), "sumber_gagal": failed}
    pages: list[Path] = []
    images: list[Path] = []
    with charts.jp_histograms() as draw_histogram:
        for opd in (o for o in opds if o["kode_opd"] in selected):
            kpi = agg.get(opd["kode_opd"])
            page, chart = _render_opd(env, draw_histogram, common, out_dir, opd, kpi, opd_data)
            pages.append(page)
            images.extend([chart] if chart else [])

    ranking = _ranking(opds, agg)
    summary_page, chart = _render_summary(
        env,
        common,
        out_dir,
        kpi=_regency_kpis(ranking, sessions),
        ranking=ranking,
        sessions=sessions,
        unmatched=unmatched,
        unmatched_more=unmatched_total - len(unmatched),
        unit_kerja=unit_kerja,
        **quality,
    )
    images.extend([chart] if chart else [])
    # Last, so the links see the OPD pages this run just wrote.
    index_page = _render_index(env, common, out_dir, ranking)
    return ReportSummary(
        out_dir=out_dir,
        pages=[index_page, summary_page, *pages],
        opd_pages=len(pages),
        charts=images,
    )


# -- reading ----------------------------------------------------------------------------------


def _fetch(conn: sa.Connection, sql: str, year: int | None = None, **params: Any) -> list[Row]:
    stmt = sa.text(sql)
    for name, value in params.items():
        if isinstance(value, list):
            stmt = stmt.bindparams(sa.bindparam(name, expanding=True))
    if year is not None:
        params["tahun"] = year
    return [dict(r) for r in conn.execute(stmt, params).mappings()]


def _fetch_opds(conn: sa.Connection) -> list[Row]:
    opds = sorted(_fetch(conn, "SELECT kode_opd, nama_opd FROM dim_opd"), key=_by_code)
    for opd in opds:
        if not _SAFE_CODE.fullmatch(opd["kode_opd"] or ""):
            raise ValueError(f"dim_opd has a kode_opd unusable as a file name: {opd['kode_opd']!r}")
    return opds


def _select_opds(opds: list[Row], opd_codes: Iterable[str] | None) -> set[str]:
    known = {o["kode_opd"] for o in opds}
    if opd_codes is None:
        return known
    wanted = set(opd_codes)
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(f"unknown kode_opd (not in dim_opd): {', '.join(unknown)}")
    return wanted


def _fetch_agg(conn: sa.Connection, year: int) -> dict[str, Row]:
    rows = _fetch(
        conn,
        "SELECT kode_opd, " + ", ".join(_OPD_KPI_COLUMNS) + " FROM agg_opd WHERE tahun = :tahun",
        year,
    )
    return {r["kode_opd"]: r for r in rows}


def _fetch_opd_details(conn: sa.Connection, year: int, selected: set[str]) -> dict[str, Any]:
    """Per-OPD rows of the selected OPDs, grouped by kode_opd."""
    # Only the selected OPDs' rows leave the database: re-sending one OPD reads one OPD.
    where = "tahun = :tahun AND kode_opd IN :kode_opd"
    codes = sorted(selected)
    if not codes:
        return {"jp": {}, "below": {}, "needs": {}, "sessions": {}}
    jp = _fetch(
        conn,
        "SELECT kode_opd, COALESCE(jp, 0) AS jp, COUNT(*) AS jumlah FROM fct_compliance"
        f" WHERE {where} GROUP BY kode_opd, COALESCE(jp, 0)",
        year,
        kode_opd=codes,
    )
    below = _fetch(
        conn,
        "SELECT kode_opd, nip, nama, jenis_asn, jabatan, jp, kurang_jp FROM fct_compliance"
        f" WHERE {where} AND memenuhi = 0",
        year,
        kode_opd=codes,
    )
    needs = _fetch(
        conn,
        f"SELECT kode_opd, kategori, nilai, jumlah FROM agg_opd_kebutuhan WHERE {where}",
        year,
        kode_opd=codes,
    )
    sessions = _fetch(
        conn,
        "SELECT kode_opd, kode_kegiatan, nama_kegiatan, tanggal, jp, peserta"
        f" FROM agg_opd_kegiatan WHERE {where}",
        year,
        kode_opd=codes,
    )
    return {
        "jp": _group(jp),
        "below": _group(below),
        "needs": _group(needs),
        "sessions": _group(sessions),
    }


def _fetch_sessions(conn: sa.Connection, year: int) -> list[Row]:
    rows = _fetch(
        conn,
        "SELECT k.kode_kegiatan, k.nama_kegiatan, k.tanggal, k.jam_mulai, k.jam_selesai, k.jp,"
        " k.jalur, k.bentuk, k.moda, COALESCE(c.peserta, 0) AS peserta"
        " FROM dim_kegiatan k LEFT JOIN ("
        "   SELECT kode_kegiatan, COUNT(*) AS peserta FROM fct_credits"
        "   WHERE tahun = :tahun GROUP BY kode_kegiatan"
        " ) c ON c.kode_kegiatan = k.kode_kegiatan"
        " WHERE k.tahun = :tahun",
        year,
    )
    return sorted(rows, key=_by_date)


def _fetch_quarantine_counts(conn: sa.Connection) -> dict[str, object]:
    # Quarantine rows carry no year: the counts cover everything the last loads rejected.
    by_reason = _fetch(conn, "SELECT alasan, COUNT(*) AS jumlah FROM quarantine GROUP BY alasan")
    by_source = _fetch(
        conn,
        "SELECT sumber, worksheet, COUNT(*) AS jumlah FROM quarantine GROUP BY sumber, worksheet",
    )
    # The rows themselves, with the message naming sheet, row and column, so staff can go
    # and fix the source; capped like the Zoom review list.
    listed = _fetch(
        conn,
        "SELECT sumber, worksheet, baris, alasan, pesan FROM quarantine"
        " ORDER BY sumber, worksheet, baris LIMIT :batas",
        batas=UNMATCHED_LIMIT,
    )
    return {
        "karantina_baris": listed,
        "karantina_lainnya": sum(r["jumlah"] for r in by_reason) - len(listed),
        "karantina_alasan": sorted(by_reason, key=lambda r: (-r["jumlah"], _text(r["alasan"]))),
        "karantina_sumber": sorted(
            by_source, key=lambda r: (_text(r["sumber"]), _text(r["worksheet"]))
        ),
    }


def _fetch_unit_kerja(conn: sa.Connection, year: int) -> list[Row]:
    """Typed Unit Kerja that differ from the roster's OPD, most frequent first (capped)."""
    if not sa.inspect(conn).has_table("rpt_unit_kerja"):
        return []
    rows = _fetch(
        conn,
        "SELECT kode_opd, unit_kerja_tertulis, kode_opd_tertulis, jumlah FROM rpt_unit_kerja"
        " WHERE tahun = :tahun",
        year,
    )
    rows.sort(key=lambda r: (-r["jumlah"], _text(r["kode_opd"]), _text(r["unit_kerja_tertulis"])))
    return rows[:UNMATCHED_LIMIT]


def _fetch_failed_sources(conn: sa.Connection) -> list[Row]:
    """Sources that failed on the last run, and whether older rows of them are kept: the
    weekly summary's query (sql/weekly/sumber_gagal.sql), one home for the rule."""
    if not sa.inspect(conn).has_table("source_failure"):
        return []
    from mekar.report.week_data import query

    rows = query(conn, "sumber_gagal")
    return sorted(rows, key=lambda r: (_text(r["sumber"]), _text(r["worksheet"])))


def _fetch_unmatched(conn: sa.Connection, year: int) -> tuple[list[Row], int]:
    """The first UNMATCHED_LIMIT unmatched Zoom rows of the year, and how many there are."""
    total = _fetch(conn, "SELECT COUNT(*) AS n FROM rpt_zoom_unmatched WHERE tahun = :tahun", year)
    # Ordered and cut in SQL: a province has ~10^5 such rows and the page shows 500. Longest
    # attendance first (a real participant, not a 2-minute device); (kode_kegiatan, baris)
    # identifies a Zoom row, so the order is total.
    rows = _fetch(
        conn,
        "SELECT kode_kegiatan, baris, nama_zoom, email, menit FROM rpt_zoom_unmatched"
        " WHERE tahun = :tahun"
        " ORDER BY menit DESC, kode_kegiatan, baris, nama_zoom, email LIMIT :batas",
        year,
        batas=UNMATCHED_LIMIT,
    )
    return rows, total[0]["n"]


def _group(rows: list[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row["kode_opd"]].append(row)
    return grouped


# -- shaping ----------------------------------------------------------------------------------


def _text(value: Any) -> tuple[bool, str]:
    # A sort key for nullable text: None first and apart from "", so the order stays total.
    return (value is not None, "" if value is None else str(value))


def _by_code(row: Row) -> str:
    return row["kode_opd"]


def _by_name(name: Any) -> tuple[str, tuple[bool, str]]:
    # Case-insensitive first so "budi" sits next to "Budi"; then exact, to keep the order total.
    return (_text(name)[1].casefold(), _text(name))


def _by_date(row: Row) -> tuple[dt.date, str]:
    return (as_date(row["tanggal"]), row["kode_kegiatan"])


def _data_until(sessions: Sequence[Row]) -> dt.date | None:
    """Latest session date with attendance credited; the catalog may list sessions not yet held."""
    held = [as_date(s["tanggal"]) for s in sessions if s["peserta"]]
    return max(held) if held else None


def _below_target(rows: list[Row]) -> list[Row]:
    return sorted(
        rows, key=lambda r: (-(r["kurang_jp"] or 0), *_by_name(r["nama"]), _text(r["nip"]))
    )


def _needs(rows: list[Row]) -> list[Row]:
    by_category: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_category[row["kategori"]].append(row)
    sections = []
    for kategori, heading, limit in NEEDS_CATEGORIES:
        values = sorted(
            by_category.get(kategori, []), key=lambda r: (-r["jumlah"], *_by_name(r["nilai"]))
        )
        sections.append({"judul": heading, "baris": values[:limit] if limit else values})
    return sections


def _ranking(opds: list[Row], agg: dict[str, Row]) -> list[Row]:
    """Every OPD with its marts figures; OPDs without active ASN rank last, with no percentage."""
    rows = []
    for opd in opds:
        a = agg.get(opd["kode_opd"], {})
        jumlah_asn = a.get("jumlah_asn") or 0
        rows.append(
            {
                "kode_opd": opd["kode_opd"],
                "nama_opd": opd["nama_opd"],
                "jumlah_asn": jumlah_asn,
                "jumlah_memenuhi": a.get("jumlah_memenuhi") or 0,
                # agg_opd says 0.0 for an OPD without ASN; "no one to count" is not "0% comply".
                "persen_memenuhi": a.get("persen_memenuhi") if jumlah_asn else None,
                "total_jp": a.get("total_jp") or 0,
                "responden_kebutuhan": a.get("responden_kebutuhan") or 0,
            }
        )
    return sorted(
        rows,
        key=lambda r: (r["persen_memenuhi"] is None, -(r["persen_memenuhi"] or 0), r["kode_opd"]),
    )


def _share(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole else None


def _regency_kpis(ranking: list[Row], sessions: list[Row]) -> Row:
    asn = sum(r["jumlah_asn"] for r in ranking)
    met = sum(r["jumlah_memenuhi"] for r in ranking)
    total_jp = sum(r["total_jp"] for r in ranking)
    respondents = sum(r["responden_kebutuhan"] for r in ranking)
    return {
        "jumlah_opd": len(ranking),
        "jumlah_asn": asn,
        "jumlah_memenuhi": met,
        "persen_memenuhi": _share(met, asn),
        "total_jp": total_jp,
        "rata_jp": total_jp / asn if asn else None,
        "responden_kebutuhan": respondents,
        "persen_responden": _share(respondents, asn),
        "jumlah_kegiatan": sum(1 for s in sessions if s["peserta"]),
    }


# -- writing ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def template_environment() -> jinja2.Environment:
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
    kpi: Row | None,
    data: dict[str, Any],
) -> tuple[Path, Path | None]:
    kode = opd["kode_opd"]
    counts = charts.jp_bin_counts((r["jp"], r["jumlah"]) for r in data["jp"].get(kode, []))
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
        kpi=kpi or dict.fromkeys(_OPD_KPI_COLUMNS),
        distribusi=[
            {"label": label, "jumlah": n}
            for (label, _, _), n in zip(charts.JP_BINS, counts, strict=True)
        ],
        chart=f"../img/{chart.name}" if chart else None,
        di_bawah_target=_below_target(data["below"].get(kode, [])),
        kebutuhan=_needs(data["needs"].get(kode, [])),
        kegiatan=sorted(data["sessions"].get(kode, []), key=_by_date),
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


def _render_index(env: jinja2.Environment, common: Row, out_dir: Path, ranking: list[Row]) -> Path:
    opds = [
        dict(r, ada_halaman=(out_dir / "opd" / f"{r['kode_opd']}.html").exists())
        for r in sorted(ranking, key=_by_code)
    ]
    page = out_dir / "index.html"
    _write(page, env.get_template("index.html").render(**common, root="", opds=opds))
    return page


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Explicit encoding and newline: the bytes must not depend on the platform.
    path.write_text(text, encoding="utf-8", newline="\n")
