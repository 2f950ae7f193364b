"""Whether an ASN below target can still reach it this year, read against the catalog.

A pace extrapolation alone said "104 JP by December" for someone with one 4 JP session and
"berisiko" for most ASN in the programme's first week. What the catalog still holds is the
hard limit: the JP of the sessions after the cut-off day. So each ASN below target is one of

- *tidak mungkin*: even every remaining session would not carry them to target;
- *perlu hadir*: they must attend N of the M remaining sessions (N: the fewest, biggest
  first, whose JP cover what is missing);
- *sesuai jalur*: once enough of the year has passed for a pace to mean something
  (`Settings.pace_after_share_of_year`), their pace so far, capped by what the catalog still
  allows, reaches the target.

Outside learning (rule 10) can still add JP the catalog does not know about; the pages say so
for those the catalog cannot carry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

MEMENUHI = "memenuhi"
SESUAI_JALUR = "sesuai_jalur"
PERLU_HADIR = "perlu_hadir"
TIDAK_MUNGKIN = "tidak_mungkin"

# The rule in one sentence, shown under every table that carries the classes.
RULE = (
    "Status dihitung dari katalog: tidak mungkin tercapai bila semua kegiatan tersisa "
    "tahun ini pun tidak cukup (kecuali dengan pengembangan mandiri); perlu hadir di sedikitnya N "
    "dari M kegiatan tersisa bila N kegiatan dengan JP terbesar yang tersisa menutup kekurangannya "
    "(kegiatan yang lebih kecil: perlu lebih banyak); "
    "sesuai jalur bila, setelah {bagian} tahun program berjalan, laju JP-nya sejauh ini "
    "(tidak melebihi yang masih mungkin dari katalog) mencapai target."
)


@dataclass(frozen=True)
class RemainingCatalog:
    """The sessions of the year still to come after the cut-off day: their JP, largest first,
    and the running sums of those JP (`cover[n-1]`: the most JP n sessions can give)."""

    jp: tuple[int, ...]
    cover: tuple[int, ...]

    @classmethod
    def of(cls, jp: Iterable[int]) -> RemainingCatalog:
        ordered = tuple(sorted((int(j) for j in jp), reverse=True))
        return cls(ordered, tuple(accumulate(ordered)))

    @property
    def sessions(self) -> int:
        return len(self.jp)

    @property
    def total_jp(self) -> int:
        return self.cover[-1] if self.cover else 0

    def sessions_needed(self, missing: int) -> int | None:
        """The fewest remaining sessions whose JP cover `missing` (None: all of them do not)."""
        if missing <= 0:
            return 0
        for n, covered in enumerate(self.cover, start=1):
            if covered >= missing:
                return n
        return None


@dataclass(frozen=True)
class Risk:
    kelas: str  # MEMENUHI, SESUAI_JALUR, PERLU_HADIR or TIDAK_MUNGKIN
    perlu: int | None = None  # PERLU_HADIR: sessions to attend
    dari: int = 0  # the remaining sessions
    perkiraan: int | None = None  # year-end JP at the pace, capped; None: too early for a pace

    @property
    def label(self) -> str:
        if self.kelas == MEMENUHI:
            return "Memenuhi"
        if self.kelas == SESUAI_JALUR:
            return "Sesuai jalur"
        if self.kelas == PERLU_HADIR:
            return f"Perlu hadir di sedikitnya {self.perlu} dari {self.dari} kegiatan tersisa"
        return "Tidak mungkin tercapai dari katalog"

    @property
    def dapat_dibantu(self) -> bool:
        """Below target, and attending the remaining catalog would get them there: the ASN a
        kepala OPD should talk to first."""
        return self.kelas in (SESUAI_JALUR, PERLU_HADIR)


# The order a kepala OPD works through a list: who must attend N more sessions first, then
# those on track, then those the catalog cannot carry, then those at target.
ACT_ORDER = {PERLU_HADIR: 0, SESUAI_JALUR: 1, TIDAK_MUNGKIN: 2, MEMENUHI: 3}


def act_key(kelas: str, kurang_jp: int, kegiatan_terakhir: date | None) -> tuple:
    """Where an ASN stands in the list to act on: by class (ACT_ORDER), most JP still
    needed first, then whoever has gone longest without a session (never: first). Equal
    needs are common (everyone starts the year 20 JP short); the alphabet said nothing about
    whom to call first, the time since the last session does. Callers end the key with
    something unique (name, NIP) so the order is total."""
    return (ACT_ORDER[kelas], -kurang_jp, kegiatan_terakhir or date.min)  # never: date.min


def classify(
    jp: int,
    target: int,
    remaining: RemainingCatalog,
    share_elapsed: float | None,
    pace_after: float,
) -> Risk:
    """`share_elapsed`: the share of the programme's year passed at the cut-off (None: no
    session yet); a pace is only worked out once it is at least `pace_after`."""
    if jp >= target:
        return Risk(MEMENUHI, dari=remaining.sessions)
    missing = target - jp
    needed = remaining.sessions_needed(missing)
    projected = None
    if share_elapsed is not None and share_elapsed >= pace_after:
        # never above what the catalog still allows: the pace cannot invent sessions
        projected = min(int(jp / share_elapsed), jp + remaining.total_jp)
    if needed is None:
        return Risk(TIDAK_MUNGKIN, dari=remaining.sessions, perkiraan=projected)
    if projected is not None and projected >= target:
        return Risk(SESUAI_JALUR, perlu=needed, dari=remaining.sessions, perkiraan=projected)
    return Risk(PERLU_HADIR, perlu=needed, dari=remaining.sessions, perkiraan=projected)


def rule_sentence(pace_after: float) -> str:
    return RULE.format(bagian=f"{round(100 * pace_after)}%")
