"""What the year's pages say, read from the warehouse through `sql/report/` and shaped for them.

Each table is read once for the year and grouped in Python, so the cost grows with the rows,
not with rows x OPDs. Every list is sorted in Python with a total order, so SQLite and
PostgreSQL (whose text collations differ) give the same bytes. Numbers are the marts' own
(JP still needed is `fct_compliance.kurang_jp`); only sums over OPDs for the regency and
shares of those sums are worked out here. `mekar.report.render` writes the pages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from mekar.report.formatting import MONTHS, as_date
from mekar.report.queries import Row, rows, run
from mekar.report.review import (
    KATEGORI,
    annotate,
    host_set,
    opd_named_in,
    opd_tokens,
    zoom_kind,
)

TOP_TOPICS = 10
# (kategori in agg_opd_kebutuhan, heading, how many values to show; None = all).
NEEDS_CATEGORIES: tuple[tuple[str, str, int | None], ...] = (
    ("jenis_kompetensi", "Jenis kompetensi", None),
    ("jalur", "Jalur pengembangan", None),
    ("model", "Model pembelajaran", None),
    ("topik", f"{TOP_TOPICS} topik teratas", TOP_TOPICS),
)
# Near-misses (sql/marts/rpt_hampir.sql): an OPD page lists the ones closest to the bar, and
# says how many there are in all.
NEAR_MISS_LISTED = 100
# Codes become file names; the contract allows [A-Z0-9_]+, anything else must not reach a path.
_SAFE_CODE = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class YearData:
    """Everything the year's pages show, read in one go."""

    opds: list[Row]  # every OPD of dim_opd, by code
    selected: set[str]  # the OPDs whose pages are written
    kpi: dict[str, Row]  # agg_opd's figures by kode_opd (report/opd_angka.sql)
    kpi_columns: tuple[str, ...]  # those figures' names: an OPD without a row shows them as "–"
    sessions: list[Row]  # the year's sessions, by date
    opd_rows: dict[str, dict[str, list[Row]]]  # "jp", "below", "needs", "sessions" by kode_opd
    quality: dict[str, object]  # the quarantine counts and rows, for the summary
    unmatched: list[Row]  # of the first `limit` unmatched Zoom rows, those not of a host
    unmatched_total: int  # unmatched Zoom rows of the year, host accounts' left out
    unmatched_names: int  # distinct names among them: what BKPSDM has to review
    host_rows: int  # the host accounts' rows (the organiser, never a participant to credit)
    failed: list[Row]  # sources the last run could not read
    unit_kerja: list[Row]
    near_misses: list[Row]  # per session: ASN who stayed at least half of the bar (rpt_hampir)
    waiting: list[Row]  # outside-learning reports waiting for a verdict, oldest first
    corrections: list[Row]  # BKPSDM's corrections of the year, newest first
    ip_asn: dict[str, list[Row]]  # IP ASN Kompetensi counts per jenis jabatan, by kode_opd
    months: dict[str, list[Row]]  # ASN at target by the end of each month, by kode_opd
    # unmatched Zoom names of the year whose name says an OPD ("Budi_DINKES"), by that OPD
    unmatched_by_opd: dict[str, list[Row]]
    needs: list[Row]  # the regency's needs per competency type and topic (for planning)

    @property
    def first_session(self) -> dt.date | None:
        return min((as_date(s["tanggal"]) for s in self.sessions), default=None)

    def sessions_after(self, day: dt.date | None) -> list[Row]:
        """The year's sessions after `day` (all of them when None), by date."""
        return [s for s in self.sessions if day is None or as_date(s["tanggal"]) > day]

    @cached_property
    def as_of(self) -> dt.date | None:
        """The pages' "today": the data's last recorded session (the latest with attendance
        credited; the catalog may list sessions not yet held). Every age in days and the
        "next two weeks" count from it, not from the machine's clock, so a page made a year
        later (or a backfilled past year) says what it said on that day. Worked out once:
        every page of the year asks."""
        held = [as_date(s["tanggal"]) for s in self.sessions if s["peserta"]]
        return max(held) if held else None


def read_year(
    conn: sa.Connection,
    year: int,
    opd_codes: Iterable[str] | None,
    limit: int,
    hosts: Sequence[str] = (),
    suggestions_cache: Path | None = None,
) -> YearData:
    """The pages' data for `year`; per-OPD rows only for `opd_codes` (all OPDs when None).
    `limit` caps the listed quarantine, unmatched Zoom and Unit Kerja rows; `hosts` are the
    Zoom host accounts' names (the unmatched list marks them); `suggestions_cache` keeps
    that list's suggestions between runs (mekar.report.review.annotate)."""
    opds = _fetch_opds(conn)
    selected = _select_opds(opds, opd_codes)
    kpi, kpi_columns = _fetch_kpi(conn, year)
    host_names = host_set(list(hosts))
    # every unmatched name of the year per session: the counts, and the names per OPD
    names = rows(conn, "report/tinjauan_zoom", tahun=year)
    people = [r for r in names if not _is_host(r["nama_zoom"], host_names)]
    unmatched = [
        r
        for r in annotate(conn, _fetch_unmatched(conn, year, limit), list(hosts), suggestions_cache)
        if r["kategori"] != KATEGORI["host"]
    ]
    return YearData(
        opds=opds,
        selected=selected,
        kpi=kpi,
        kpi_columns=kpi_columns,
        sessions=sorted(rows(conn, "report/kegiatan", tahun=year), key=by_date),
        opd_rows=_fetch_opd_rows(conn, year, selected),
        quality=_fetch_quarantine(conn, limit),
        unmatched=unmatched,
        unmatched_total=sum(r["baris_log"] for r in people),
        unmatched_names=len({r["nama_zoom"] for r in people}),
        host_rows=sum(r["baris_log"] for r in names) - sum(r["baris_log"] for r in people),
        failed=_fetch_failed_sources(conn),
        unit_kerja=_fetch_unit_kerja(conn, year, limit),
        near_misses=sorted(
            rows(conn, "report/hampir_per_kegiatan", tahun=year),
            key=lambda r: (-r["jumlah"], r["kode_kegiatan"]),
        ),
        waiting=sorted(
            rows(conn, "report/pengembangan_menunggu"),
            key=lambda r: (str(r["submitted_at"]), r["nip"], _text(r["nama_kegiatan"])),
        ),
        corrections=sorted(
            rows(conn, "report/koreksi", tahun=year),
            key=lambda r: (str(r["submitted_at"]), r["baris"]),
            reverse=True,
        ),
        ip_asn=_group(
            sorted(
                rows(conn, "report/opd_ip_asn", tahun=year),
                key=lambda r: (r["kode_opd"], _text(r["jenis_jabatan"])),
            )
        ),
        months=_group(
            sorted(
                rows(conn, "report/opd_bulan", tahun=year),
                key=lambda r: (r["kode_opd"], r["bulan"]),
            )
        ),
        unmatched_by_opd=_unmatched_by_opd(conn, people, selected),
        needs=rows(conn, "report/kebutuhan_kabupaten", tahun=year),
    )


def _is_host(name: str | None, host_names: frozenset[str]) -> bool:
    return zoom_kind(name, host_names) == "host"


def _unmatched_by_opd(conn: sa.Connection, people: list[Row], selected: set[str]) -> dict:
    """The year's unmatched Zoom names (hosts' left out) that say one of the selected OPDs,
    one row per name (its minutes and sessions summed), most minutes first: the OPD may know
    who they are."""
    tokens = opd_tokens(rows(conn, "weekly/opd_nama"))
    found: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in people:
        name = row["nama_zoom"] or ""
        code = opd_named_in(name, tokens)
        if code in selected:
            seen = found[code].setdefault(name, {"nama_zoom": name, "menit": 0.0, "kegiatan": 0})
            seen["menit"] += float(row["menit"] or 0)
            seen["kegiatan"] += 1
    return {
        code: sorted(names.values(), key=lambda r: (-r["menit"], r["nama_zoom"]))
        for code, names in found.items()
    }


def _fetch_opds(conn: sa.Connection) -> list[Row]:
    opds = sorted(rows(conn, "report/opd"), key=by_code)
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


def _fetch_kpi(conn: sa.Connection, year: int) -> tuple[dict[str, Row], tuple[str, ...]]:
    result = run(conn, "report/opd_angka", tahun=year)
    columns = tuple(c for c in result.keys() if c != "kode_opd")
    return {r["kode_opd"]: dict(r) for r in result.mappings()}, columns


def _fetch_opd_rows(conn: sa.Connection, year: int, selected: set[str]) -> dict[str, Any]:
    """Per-OPD rows of the selected OPDs, grouped by kode_opd."""
    # Only the selected OPDs' rows leave the database: re-sending one OPD reads one OPD.
    codes = sorted(selected)
    tables = {
        "jp": "report/opd_sebaran_jp",
        "asn": "report/opd_asn",
        "belum": "report/opd_belum_mengisi",
        "needs": "report/opd_kebutuhan",
        "sessions": "report/opd_kegiatan",
        "outside": "report/opd_pengembangan",
    }
    if not codes:
        return {key: {} for key in [*tables, "near"]}
    found = {
        key: _group(rows(conn, name, tahun=year, kode_opd=codes)) for key, name in tables.items()
    }
    found["near"] = _group(
        rows(
            conn,
            "report/opd_hampir",
            tahun=year,
            kode_opd=codes,
            batas=NEAR_MISS_LISTED,
        )
    )
    return found


def _fetch_quarantine(conn: sa.Connection, limit: int) -> dict[str, object]:
    # Quarantine rows carry no year: the counts cover everything the last loads rejected.
    by_reason = rows(conn, "weekly/karantina_alasan")  # the weekly summary's count, one home
    by_source = rows(conn, "report/karantina_sumber")
    listed = rows(conn, "report/karantina_baris", batas=limit)
    return {
        "karantina_baris": listed,
        "karantina_lainnya": sum(r["jumlah"] for r in by_reason) - len(listed),
        "karantina_alasan": sorted(by_reason, key=lambda r: (-r["jumlah"], _text(r["alasan"]))),
        "karantina_sumber": sorted(
            by_source, key=lambda r: (_text(r["sumber"]), _text(r["worksheet"]))
        ),
    }


def _fetch_unit_kerja(conn: sa.Connection, year: int, limit: int) -> list[Row]:
    """Typed Unit Kerja that differ from the roster's OPD, most frequent first (capped)."""
    if not sa.inspect(conn).has_table("rpt_unit_kerja"):
        return []
    found = rows(conn, "report/unit_kerja", tahun=year)
    found.sort(key=lambda r: (-r["jumlah"], _text(r["kode_opd"]), _text(r["unit_kerja_tertulis"])))
    return found[:limit]


def _fetch_failed_sources(conn: sa.Connection) -> list[Row]:
    """Sources that failed on the last run, and whether older rows of them are kept: the
    weekly summary's query (sql/weekly/sumber_gagal.sql), one home for the rule."""
    if not sa.inspect(conn).has_table("source_failure"):
        return []
    failed = rows(conn, "weekly/sumber_gagal")
    return sorted(failed, key=lambda r: (_text(r["sumber"]), _text(r["worksheet"])))


def _fetch_unmatched(conn: sa.Connection, year: int, limit: int) -> list[Row]:
    """The first `limit` unmatched Zoom rows of the year, longest attendance first."""
    return rows(conn, "report/zoom_belum_cocok", tahun=year, batas=limit)


def _group(found: list[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in found:
        grouped[row["kode_opd"]].append(row)
    return grouped


# -- shaping ----------------------------------------------------------------------------------


def _text(value: Any) -> tuple[bool, str]:
    # A sort key for nullable text: None first and apart from "", so the order stays total.
    return (value is not None, "" if value is None else str(value))


def by_code(row: Row) -> str:
    return row["kode_opd"]


def by_name(name: Any) -> tuple[str, tuple[bool, str]]:
    # Case-insensitive first so "budi" sits next to "Budi"; then exact, to keep the order total.
    return (_text(name)[1].casefold(), _text(name))


def by_date(row: Row) -> tuple[dt.date, str]:
    return (as_date(row["tanggal"]), row["kode_kegiatan"])


def needs_sections(found: list[Row]) -> list[Row]:
    """One section per NEEDS_CATEGORIES entry: its values, most often asked for first."""
    by_category: dict[str, list[Row]] = defaultdict(list)
    for row in found:
        by_category[row["kategori"]].append(row)
    sections = []
    for kategori, heading, limit in NEEDS_CATEGORIES:
        values = sorted(
            by_category.get(kategori, []), key=lambda r: (-r["jumlah"], *by_name(r["nilai"]))
        )
        sections.append({"judul": heading, "baris": values[:limit] if limit else values})
    return sections


def ranking(opds: list[Row], kpi: dict[str, Row]) -> list[Row]:
    """Every OPD with its marts figures; OPDs without active ASN rank last, with no percentage."""
    ranked = []
    for opd in opds:
        a = kpi.get(opd["kode_opd"], {})
        jumlah_asn = a.get("jumlah_asn") or 0
        ranked.append(
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
    ranked.sort(
        key=lambda r: (r["persen_memenuhi"] is None, -(r["persen_memenuhi"] or 0), r["kode_opd"])
    )
    # equal shares share a place and the next place skips (1, 2, 2, 4); no ASN, no place
    place, previous = 0, object()
    for position, row in enumerate(ranked, start=1):
        if row["persen_memenuhi"] != previous:
            place, previous = position, row["persen_memenuhi"]
        row["peringkat"] = place if row["persen_memenuhi"] is not None else None
    return ranked


def _share(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole else None


def regency_kpis(ranked: list[Row], sessions: Sequence[Row]) -> Row:
    """The regency's figures: sums of the OPDs' (so they add up on the page) and their shares."""
    asn = sum(r["jumlah_asn"] for r in ranked)
    met = sum(r["jumlah_memenuhi"] for r in ranked)
    total_jp = sum(r["total_jp"] for r in ranked)
    respondents = sum(r["responden_kebutuhan"] for r in ranked)
    return {
        "jumlah_opd": len(ranked),
        "jumlah_asn": asn,
        "jumlah_memenuhi": met,
        "persen_memenuhi": _share(met, asn),
        "total_jp": total_jp,
        "rata_jp": total_jp / asn if asn else None,
        "responden_kebutuhan": respondents,
        "persen_responden": _share(respondents, asn),
        "jumlah_kegiatan": sum(1 for s in sessions if s["peserta"]),
    }


def monthly(found: list[Row]) -> list[Row]:
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
