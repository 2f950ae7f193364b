"""Who an OPD's email lists, and where: each ASN once.

The email has several lists of people: to push first, the week's near-misses, newly at
target, below target, not through the needs form yet. The same ten used to open both "perlu
didorong" and "di bawah target", and a near-miss who had not filled the form showed up three
times. Here each ASN is placed in the first list, in the order the email reads, that asks
something of them; what a later list would have said becomes a note on that one row
(`catatan`). The needs form is such a note wherever the person is listed: its own list holds
only those listed nowhere else. The attachment still has everyone, with every fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mekar.report.formatting import angka
from mekar.report.week_data import OpdWeek

# Rows of the short lists at the top; the long ones show `shown` (compose.SHOWN_IN_BODY).
PUSH_SHOWN = 10
NEAR_SHOWN = 10
NEEDS_SHOWN = 20
NEEDS_NOTE = "belum mengisi formulir kebutuhan"


@dataclass(frozen=True)
class NearMiss:
    """One ASN's near-misses of the week (a person may leave two sessions early)."""

    nip: str
    nama: str
    sesi: tuple[dict, ...]  # rows of sql/weekly/hampir_minggu_opd.sql, closest first

    @property
    def keterangan(self) -> str:
        return "; ".join(
            f"{s['nama_kegiatan']}: hadir {angka(s['menit_hadir'], 1)} dari "
            f"{angka(s['menit_dibutuhkan'], 1)} menit yang disyaratkan"
            for s in self.sesi
        )


@dataclass
class Section:
    """One list as the email shows it: the rows, how many the list holds in all, and how
    many of those are already listed higher up in the same email."""

    rows: list
    total: int
    di_atas: int = 0

    @property
    def more(self) -> int:
        """Rows neither shown here nor listed above (the attachment has them)."""
        return self.total - self.di_atas - len(self.rows)

    @property
    def semua_di_atas(self) -> bool:
        """Everyone of this list is already listed higher up: the list says so, no more."""
        return self.total > 0 and self.di_atas == self.total


@dataclass
class OpdLists:
    dorong: Section
    hampir: Section
    belum_mengisi: Section
    baru: Section
    di_bawah: Section
    catatan: dict[str, list[str]] = field(default_factory=dict)  # NIP -> notes on its row

    def notes(self, nip: str) -> list[str]:
        return self.catatan.get(nip, [])


def opd_lists(data: OpdWeek, shown: int) -> OpdLists:
    """The email's lists of `data`, each ASN in one of them (see the module's docstring)."""
    listed: set[str] = set()

    def place(people: list, limit: int) -> Section:
        fresh = [p for p in people if p.nip not in listed]
        section = Section(fresh[:limit], len(people), len(people) - len(fresh))
        listed.update(p.nip for p in section.rows)
        return section

    near = _near_misses(data.hampir)
    dorong = place(data.perlu_dihubungi, PUSH_SHOWN)
    hampir = place(near, NEAR_SHOWN)
    baru = place(data.baru_memenuhi, shown)
    di_bawah = place(data.di_bawah, shown)

    catatan: dict[str, list[str]] = {}
    by_nip = {n.nip: n for n in near}
    for a in dorong.rows:  # pushed first, and left a session early this very week
        if a.nip in by_nip:
            catatan[a.nip] = ["minggu ini tanpa JP, " + by_nip[a.nip].keterangan]
    # the needs form last: a note on every row above, its own list for the rest
    for nip in listed & {r["nip"] for r in data.belum_mengisi}:
        catatan.setdefault(nip, []).append(NEEDS_NOTE)
    belum = [_Person(r["nip"], r["nama"]) for r in data.belum_mengisi]
    belum_mengisi = place(belum, NEEDS_SHOWN)
    return OpdLists(dorong, hampir, belum_mengisi, baru, di_bawah, catatan)


@dataclass(frozen=True)
class _Person:
    nip: str
    nama: str


def _near_misses(rows: list[dict]) -> list[NearMiss]:
    """The week's near-miss rows (closest first) as one entry per ASN, in that order."""
    found: dict[str, list[dict]] = {}
    for row in rows:
        found.setdefault(row["nip"], []).append(row)
    return [NearMiss(nip, sesi[0]["nama"], tuple(sesi)) for nip, sesi in found.items()]
