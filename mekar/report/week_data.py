"""What a week's report says, read from the warehouse through `sql/weekly/`.

Everything is as of the end of the week (Sunday), so a report of an old week says what was
true then, not what is true now. Who is at target, the JP still needed and who newly reached
the target are the queries' columns (`asn_opd.sql`, `opd_minggu.sql`), not worked out again
here. The pace warning lives here rather than in SQL because it is arithmetic on a handful
of numbers per ASN, clearer in Python than in portable SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from sqlalchemy import Connection

from mekar.addresses import invalid_addresses_of, recipients_of
from mekar.report.formatting import as_date
from mekar.report.queries import rows, run
from mekar.report.review import host_set, opd_named_in, opd_tokens, zoom_kind
from mekar.report.risk import (
    PERLU_HADIR,
    SESUAI_JALUR,
    TIDAK_MUNGKIN,
    RemainingCatalog,
    Risk,
    act_key,
    classify,
)
from mekar.week import Week


@dataclass(frozen=True)
class AsnWeek:
    """One ASN as of the end of the week: a row of `sql/weekly/asn_opd.sql` and whether the
    remaining catalog can still carry them to target (mekar.report.risk)."""

    nip: str
    nama: str
    jenis_asn: str
    jabatan: str | None
    target_jp: int
    jp: int  # the year's JP up to the end of the week
    jp_minggu: int  # JP of the week itself
    memenuhi: bool  # at target by the end of the week
    kurang_jp: int  # JP still needed by the end of the week (0: at target)
    baru_memenuhi: bool  # reached the target this very week
    risk: Risk
    sesi_dikoreksi: int = 0  # sessions of the year whose credit a BKPSDM correction decided
    jenis_jabatan: str | None = None
    jp_mandiri_minggu: int = 0  # of jp_minggu: accepted outside learning that ended this week
    kegiatan_terakhir: date | None = None  # their last credited session by then (None: never)

    @property
    def perkiraan(self) -> int | None:
        """Year-end JP at the pace so far, capped by the remaining catalog (None: too early
        in the year for a pace)."""
        return self.risk.perkiraan

    @property
    def berisiko(self) -> bool:
        """The catalog as it stands cannot carry this ASN to target."""
        return self.risk.kelas == TIDAK_MUNGKIN


def act_first(asn: AsnWeek) -> tuple:
    """The order a kepala OPD works through the list: those who must attend N more sessions,
    then those on track, then those the catalog cannot carry; within each, most JP missing
    first, then longest without a session (risk.act_key). The name only makes it total."""
    return (*act_key(asn.risk.kelas, asn.kurang_jp, asn.kegiatan_terakhir), asn.nama, asn.nip)


def projected_jp(jp: int, week: Week, first_session: date | None = None) -> int | None:
    """Year-end JP if the ASN keeps earning at the same rate as since the year's first
    session (None when the year has had no session by the end of the week)."""
    share = week.share_of_year_elapsed(first_session)
    return None if share is None else int(jp / share)


def first_session(conn: Connection, year: int) -> date | None:
    """The year's first session in the catalog; None: the year has no session yet."""
    day = run(conn, "weekly/kegiatan_pertama", tahun=year).scalar()
    return as_date(day) if day is not None else None


# "Next two weeks' sessions" in every OPD's report.
UPCOMING_DAYS = 14


@dataclass(frozen=True)
class WeekFacts:
    """What every OPD's report of one week shares, read once per week, not once per OPD."""

    week: Week
    sessions: list[dict]  # the week's sessions of the report year
    first_session: date | None  # the year's first session: where the pace is counted from
    remaining: RemainingCatalog = RemainingCatalog.of(())  # sessions after the week's end
    upcoming: list[dict] = field(default_factory=list)  # those of the next UPCOMING_DAYS
    pace_after: float = 0.5  # Settings.pace_after_share_of_year
    # the week's unmatched Zoom rows whose name says an OPD ("Budi_DINKES"), by that OPD
    unmatched_by_opd: dict[str, list[dict]] = field(default_factory=dict)
    catalog: list[dict] = field(default_factory=list)  # every session of the report year
    hosts: frozenset[str] = frozenset()  # the Zoom host accounts' names, folded (host_set)
    # the week's unmatched Zoom rows but the host accounts', each with its `kategori`
    unmatched: list[dict] = field(default_factory=list)

    @property
    def share_elapsed(self) -> float | None:
        return self.week.share_of_year_elapsed(self.first_session)


def week_facts(
    conn: Connection, week: Week, pace_after: float = 0.5, hosts: Sequence[str] = ()
) -> WeekFacts:
    """`hosts`: the Zoom host accounts' names (Settings.zoom_host_names), never asked of an
    OPD."""
    catalog = sorted(
        # the whole year's catalog (all of it is after the last day of the year before)
        rows(conn, "weekly/kegiatan_tersisa", tahun=week.year, setelah=f"{week.year - 1}-12-31"),
        key=lambda k: (str(k["tanggal"]), k["jam_mulai"] or "", k["kode_kegiatan"]),
    )
    after = [k for k in catalog if as_date(k["tanggal"]) > week.sunday]
    horizon = week.sunday + timedelta(days=UPCOMING_DAYS)
    tokens = opd_tokens(rows(conn, "weekly/opd_nama"))
    host_names = host_set(hosts)
    # read and told apart once: the OPD emails, the BKPSDM email and its workbook use them
    unmatched = [
        dict(row, kategori=kind)
        for row in rows(conn, "weekly/zoom_belum_cocok", tahun=week.year, kunci=week.key)
        if (kind := zoom_kind(row["nama_zoom"], host_names)) != "host"
    ]
    by_opd: dict[str, list[dict]] = {}
    for row in unmatched:
        if code := opd_named_in(row["nama_zoom"] or "", tokens):
            by_opd.setdefault(code, []).append(row)
    for found in by_opd.values():
        found.sort(key=lambda u: (-float(u["menit"] or 0), u["kode_kegiatan"], u["baris"]))
    return WeekFacts(
        week,
        week_sessions(conn, week),
        first_session(conn, week.year),
        remaining=RemainingCatalog.of(k["jp"] for k in after),
        upcoming=[k for k in after if as_date(k["tanggal"]) <= horizon],
        pace_after=pace_after,
        unmatched_by_opd=by_opd,
        catalog=catalog,
        hosts=host_names,
        unmatched=unmatched,
    )


@dataclass
class OpdWeek:
    """One OPD's week. The lists and counts below are worked out once: the templates ask for
    them many times."""

    week: Week
    kode_opd: str
    nama_opd: str
    recipients: list[str]
    asn: list[AsnWeek]
    kegiatan: list[dict]  # the week's sessions in which this OPD's ASN were credited
    # No session of the report year in the catalog yet (early January): no compliance rows.
    tahun_tanpa_kegiatan: bool = False
    alamat_tidak_sah: list[str] = field(default_factory=list)  # Email cell entries not mailed
    # what to do next: the coming sessions, who has not filled the needs form, the week's
    # near-misses and unmatched Zoom names that say this OPD, whom to contact at BKPSDM
    akan_datang: list[dict] = field(default_factory=list)
    belum_mengisi: list[dict] = field(default_factory=list)
    hampir: list[dict] = field(default_factory=list)
    nama_zoom: list[dict] = field(default_factory=list)
    tersisa: RemainingCatalog = RemainingCatalog.of(())
    kontak: str = ""
    pace_after: float = 0.5

    @property
    def tahun(self) -> int:
        return self.week.year

    @property
    def jumlah_asn(self) -> int:
        return len(self.asn)

    @cached_property
    def jumlah_memenuhi(self) -> int:
        return sum(a.memenuhi for a in self.asn)

    @property
    def persen_memenuhi(self) -> float:
        return round(100 * self.jumlah_memenuhi / self.jumlah_asn, 1) if self.asn else 0.0

    @cached_property
    def jp_minggu(self) -> int:
        return sum(a.jp_minggu for a in self.asn)

    @cached_property
    def jp_mandiri_minggu(self) -> int:
        return sum(a.jp_mandiri_minggu for a in self.asn)

    @cached_property
    def asn_ikut_minggu(self) -> int:
        return sum(a.jp_minggu > 0 for a in self.asn)

    @cached_property
    def baru_memenuhi(self) -> list[AsnWeek]:
        return sorted((a for a in self.asn if a.baru_memenuhi), key=lambda a: (a.nama, a.nip))

    @cached_property
    def di_bawah(self) -> list[AsnWeek]:
        """Below target, in the order to act on them (`act_first`), not alphabetical."""
        return sorted((a for a in self.asn if not a.memenuhi), key=act_first)

    @cached_property
    def perlu_dihubungi(self) -> list[AsnWeek]:
        """Below target and still reachable through the remaining catalog, most need first."""
        return [a for a in self.di_bawah if a.risk.dapat_dibantu]

    @cached_property
    def per_kelas(self) -> dict[str, int]:
        counts = {PERLU_HADIR: 0, SESUAI_JALUR: 0, TIDAK_MUNGKIN: 0}
        for a in self.di_bawah:
            counts[a.risk.kelas] += 1
        return counts

    @cached_property
    def nothing_to_report(self) -> bool:
        """No active ASN, or everyone at target and nothing happened this week."""
        return not self.asn or (not self.di_bawah and not self.jp_minggu and not self.kegiatan)

    def jp_counts(self) -> list[tuple[int, int]]:
        counts: dict[int, int] = {}
        for a in self.asn:
            counts[a.jp] = counts.get(a.jp, 0) + 1
        return sorted(counts.items())


def opd_week(
    conn: Connection,
    week: Week,
    kode_opd: str,
    facts: WeekFacts | None = None,
    kontak: str = "",
) -> OpdWeek:
    """`facts`: the week's shared facts (`week_facts`), when the caller has them already;
    `kontak`: BKPSDM's contact line (Settings.bkpsdm_contact)."""
    facts = facts or week_facts(conn, week)
    opd = run(conn, "weekly/opd", kode_opd=kode_opd).mappings().one()
    asn = []
    share = facts.share_elapsed
    for row in rows(conn, "weekly/asn_opd", tahun=week.year, kode_opd=kode_opd, kunci=week.key):
        flags = {k: bool(row[k]) for k in ("memenuhi", "baru_memenuhi")}  # SQL says 1 or 0
        last = row["kegiatan_terakhir"]
        flags["kegiatan_terakhir"] = as_date(last) if last is not None else None
        risk = classify(row["jp"], row["target_jp"], facts.remaining, share, facts.pace_after)
        asn.append(AsnWeek(**(row | flags), risk=risk))
    per_session = {
        r["kode_kegiatan"]: r["peserta_opd"]
        for r in rows(
            conn, "weekly/kegiatan_minggu_opd", tahun=week.year, kode_opd=kode_opd, kunci=week.key
        )
    }
    kegiatan = [
        {**k, "peserta_opd": per_session[k["kode_kegiatan"]]}
        for k in facts.sessions
        if k["kode_kegiatan"] in per_session
    ]
    return OpdWeek(
        week,
        opd["kode_opd"],
        opd["nama_opd"],
        recipients_of(opd["email"]),
        asn,
        kegiatan,
        tahun_tanpa_kegiatan=not asn and facts.first_session is None,
        alamat_tidak_sah=invalid_addresses_of(opd["email"]),
        akan_datang=facts.upcoming,
        belum_mengisi=sorted(
            rows(conn, "weekly/belum_mengisi_kebutuhan", tahun=week.year, kode_opd=kode_opd),
            key=lambda r: (r["nama"], r["nip"]),
        ),
        hampir=sorted(
            rows(
                conn, "weekly/hampir_minggu_opd", tahun=week.year, kode_opd=kode_opd, kunci=week.key
            ),
            key=lambda r: (
                -float(r["menit_hadir"]) / float(r["menit_dibutuhkan"]),
                r["nip"],
                r["kode_kegiatan"],
            ),
        ),
        nama_zoom=facts.unmatched_by_opd.get(kode_opd, []),
        tersisa=facts.remaining,
        kontak=kontak,
        pace_after=facts.pace_after,
    )


def week_sessions(conn: Connection, week: Week) -> list[dict]:
    sessions = rows(conn, "weekly/kegiatan_minggu", tahun=week.year, kunci=week.key)
    return sorted(sessions, key=lambda k: (k["tanggal"], k["jam_mulai"] or "", k["kode_kegiatan"]))
