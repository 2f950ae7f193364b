"""The regency's week, for BKPSDM's summary: every OPD ranked as of the end of the week and
of the week before, what to plan and decide, and what to review. Built on the facts every
report of the week shares (`week_data.week_facts`), read through `sql/weekly/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from mekar.addresses import recipients_of
from mekar.report.formatting import as_date
from mekar.report.queries import rows
from mekar.report.week_data import WeekFacts, week_facts
from mekar.report.year_plan import JENIS_KOMPETENSI, PLAN_TOPICS, TOPIC_WORD
from mekar.validate.names import fold_written
from mekar.week import Week


@dataclass
class OpdRank:
    """One OPD in the week's ranking: a row of `sql/weekly/opd_minggu.sql` and its places."""

    kode_opd: str
    nama_opd: str
    recipients: list[str]
    jumlah_asn: int
    memenuhi: int
    memenuhi_lalu: int
    jp_minggu: int
    asn_ikut_minggu: int
    baru_memenuhi: int = 0  # ASN who reached the target this very week (agg_opd_minggu)
    jp_mandiri_minggu: int = 0  # of jp_minggu: accepted outside learning
    peringkat: int = 0
    peringkat_lalu: int = 0

    @property
    def persen(self) -> float:
        return round(100 * self.memenuhi / self.jumlah_asn, 1) if self.jumlah_asn else 0.0

    @property
    def persen_lalu(self) -> float:
        return round(100 * self.memenuhi_lalu / self.jumlah_asn, 1) if self.jumlah_asn else 0.0

    @property
    def naik(self) -> int:
        """Places gained since last week (negative: lost)."""
        return self.peringkat_lalu - self.peringkat


def _rank(rows: list[OpdRank], share, attr: str) -> None:
    # Highest share first; ties share a place (1, 2, 2, 4), names keep the order stable.
    ordered = sorted(rows, key=lambda r: (-share(r), r.nama_opd, r.kode_opd))
    place, previous = 0, None
    for i, row in enumerate(ordered, start=1):
        if share(row) != previous:
            place, previous = i, share(row)
        setattr(row, attr, place)


def _regency_total(attr: str) -> property:
    return property(lambda self: sum(getattr(r, attr) for r in self.peringkat))


@dataclass
class RegencyWeek:
    week: Week
    peringkat: list[OpdRank]  # OPDs with active ASN, by rank this week
    tanpa_asn: list[OpdRank]  # OPDs with no active ASN this year
    kegiatan: list[dict]
    zoom_belum_cocok: list[dict]
    karantina: list[dict]
    kebutuhan: list[dict]  # one row per OPD: {kode_opd, nama_opd, jenis: {..}}
    jenis_kompetensi: list[str] = field(default_factory=list)
    sumber_gagal: list[dict] = field(default_factory=list)  # sources the last refresh missed
    tahun_tanpa_kegiatan: bool = False
    # nobody had earned a JP of the year before this week: no last week's rank to compare with
    minggu_pertama: bool = False
    # sessions to plan: needs against delivery per competency type and per typed topic
    rencana_jenis: list[dict] = field(default_factory=list)
    rencana_topik: list[dict] = field(default_factory=list)
    akan_datang: list[dict] = field(default_factory=list)  # the next two weeks' sessions
    koreksi: list[dict] = field(default_factory=list)  # corrections decided this week
    # outside-learning reports sent by the week's end and still waiting, oldest first
    menunggu: list[dict] = field(default_factory=list)

    @property
    def tahun(self) -> int:
        return self.week.year

    # regency totals: sums over the ranked OPDs (those with active ASN)
    jumlah_asn = _regency_total("jumlah_asn")
    jumlah_memenuhi = _regency_total("memenuhi")
    jumlah_memenuhi_lalu = _regency_total("memenuhi_lalu")
    jp_minggu = _regency_total("jp_minggu")
    jp_mandiri_minggu = _regency_total("jp_mandiri_minggu")
    asn_ikut_minggu = _regency_total("asn_ikut_minggu")

    @property
    def persen_memenuhi(self) -> float:
        total = self.jumlah_asn
        return round(100 * self.jumlah_memenuhi / total, 1) if total else 0.0

    @property
    def zoom_nama_belum_cocok(self) -> int:
        return len({u["nama_zoom"] for u in self.zoom_belum_cocok})

    def peringkat_minggu_lalu(self, row: OpdRank) -> int | None:
        """Last week's place as the email and the workbook both say it: none in the
        programme's first week (all tied at 0 % is not a rank)."""
        return None if self.minggu_pertama else row.peringkat_lalu

    @property
    def tanpa_penerima(self) -> list[OpdRank]:
        return sorted(
            (r for r in self.peringkat + self.tanpa_asn if not r.recipients),
            key=lambda r: r.kode_opd,
        )

    @property
    def karantina_total(self) -> int:
        return sum(r["jumlah"] for r in self.karantina)


def regency_week(conn: Connection, week: Week, facts: WeekFacts | None = None) -> RegencyWeek:
    facts = facts or week_facts(conn, week)
    found = rows(conn, "weekly/opd_minggu", tahun=week.year, kunci=week.key)
    opds = [
        OpdRank(
            kode_opd=r["kode_opd"],
            nama_opd=r["nama_opd"],
            recipients=recipients_of(r["email"]),
            jumlah_asn=r["jumlah_asn"],
            memenuhi=r["memenuhi"],
            memenuhi_lalu=r["memenuhi_lalu"],
            jp_minggu=r["jp_minggu"],
            asn_ikut_minggu=r["asn_ikut_minggu"],
            baru_memenuhi=r["baru_memenuhi"],
            jp_mandiri_minggu=r["jp_mandiri_minggu"],
        )
        for r in found
    ]
    ranked = [r for r in opds if r.jumlah_asn]
    _rank(ranked, lambda r: r.persen, "peringkat")
    _rank(ranked, lambda r: r.persen_lalu, "peringkat_lalu")
    ranked.sort(key=lambda r: (r.peringkat, r.nama_opd, r.kode_opd))
    # the host account is BKPSDM's own (Settings.zoom_host_names): not a name to review
    unmatched = list(facts.unmatched)
    unmatched.sort(key=lambda u: (-u["menit"], u["kode_kegiatan"], u["baris"]))
    names: dict[str, set[str]] = {}
    for u in unmatched:
        names.setdefault(u["kode_kegiatan"], set()).add(u["nama_zoom"])
    karantina = rows(conn, "weekly/karantina_alasan")
    karantina.sort(key=lambda r: (-r["jumlah"], r["alasan"]))
    return RegencyWeek(
        week=week,
        peringkat=ranked,
        tanpa_asn=sorted((r for r in opds if not r.jumlah_asn), key=lambda r: r.kode_opd),
        kegiatan=[
            dict(k, nama_belum_cocok=len(names.get(k["kode_kegiatan"], ()))) for k in facts.sessions
        ],
        zoom_belum_cocok=unmatched,
        karantina=karantina,
        **_needs_against_delivery(conn, week, ranked),
        sumber_gagal=rows(conn, "weekly/sumber_gagal"),
        **_plan(conn, week, facts.catalog),
        akan_datang=facts.upcoming,
        tahun_tanpa_kegiatan=facts.first_session is None,
        # JP before this week (a session, or outside learning that ended then) make last
        # week's ranks real, even in the week of the year's first session
        minggu_pertama=not any(r["jp_lalu"] for r in found),
        **_decisions(conn, week),
    )


def _plan(conn: Connection, week: Week, catalog: list[dict]) -> dict:
    """What BKPSDM should plan: per competency type, how many asked against sessions held
    and still scheduled; per typed topic (the most asked), the year's catalog sessions whose
    name holds every longer word of the topic ("manajemen risiko" -> "Manajemen Risiko
    Pembangunan"): none means a session to plan."""
    kinds = rows(conn, "weekly/rencana_jenis", tahun=week.year, kunci=week.key)
    order = {k: i for i, k in enumerate(JENIS_KOMPETENSI)}
    kinds.sort(key=lambda r: (order.get(r["jenis_kompetensi"], 99), str(r["jenis_kompetensi"])))
    topics = rows(conn, "weekly/rencana_topik", tahun=week.year)
    topics.sort(key=lambda r: (-r["peminat"], r["topik"].casefold(), r["topik"]))
    names = [(set(TOPIC_WORD.findall(fold_written(k["nama_kegiatan"]))), k) for k in catalog]
    planned = []
    for topic in topics[:PLAN_TOPICS]:
        words = set(TOPIC_WORD.findall(fold_written(topic["topik"])))
        found = sorted(
            (k for have, k in names if words and words <= have),
            key=lambda k: (str(k["tanggal"]), k["kode_kegiatan"]),
        )
        after = [k for k in found if as_date(k["tanggal"]) > week.sunday]
        planned.append({**topic, "kegiatan": len(found), "terjadwal": after[:1]})
    return {"rencana_jenis": kinds, "rencana_topik": planned}


def _decisions(conn: Connection, week: Week) -> dict:
    """The week's corrections (who decided what, and why) and the outside-learning reports
    waiting for a verdict at its end, with their age in days then. Both tables are small:
    read whole, the week picked here (SQLite and PostgreSQL compare timestamps to a date
    parameter differently)."""
    in_week = [
        r
        for r in rows(conn, "report/koreksi", tahun=week.year)
        if week.monday <= as_date(r["submitted_at"]) <= week.sunday
    ]
    in_week.sort(key=lambda r: (str(r["submitted_at"]), r["baris"]))
    waiting = [
        dict(r, hari=(week.sunday - as_date(r["submitted_at"])).days)
        for r in rows(conn, "report/pengembangan_menunggu")
        if as_date(r["submitted_at"]) <= week.sunday
    ]
    waiting.sort(key=lambda r: (-r["hari"], r["nip"], str(r["nama_kegiatan"])))
    return {"koreksi": in_week, "menunggu": waiting}


def _needs_against_delivery(conn: Connection, week: Week, ranked: list[OpdRank]) -> dict:
    pairs = rows(conn, "weekly/kebutuhan_vs_kegiatan", tahun=week.year, kunci=week.key)
    found = {r["jenis_kompetensi"] for r in pairs}
    kinds = [k for k in JENIS_KOMPETENSI if k in found] + sorted(found - set(JENIS_KOMPETENSI))
    by_opd: dict[str, dict] = {}
    for r in pairs:
        by_opd.setdefault(r["kode_opd"], {})[r["jenis_kompetensi"]] = r
    table = [
        {
            "kode_opd": opd.kode_opd,
            "nama_opd": opd.nama_opd,
            "jenis": {k: by_opd.get(opd.kode_opd, {}).get(k) for k in kinds},
        }
        for opd in sorted(ranked, key=lambda r: r.nama_opd)
    ]
    return {"kebutuhan": table, "jenis_kompetensi": kinds}
