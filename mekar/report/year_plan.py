"""What BKPSDM should do next, for the top of the regency summary (`ringkasan.html`).

The weekly BKPSDM email opens with the same to-dos ("Langkah minggu ini"); here they are
counted to the data's as-of date instead of a week's end: per competency type, how many ASN
asked for it against the sessions held by then and still in the catalog after it; per typed
topic (the most asked), the catalog sessions whose name holds every longer word of the topic
("manajemen risiko" -> "Manajemen Risiko Pembangunan"). A need with nothing scheduled is a
session to plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from mekar.report.formatting import as_date
from mekar.report.queries import Row
from mekar.validate.names import fold_written

JENIS_KOMPETENSI = ("Teknis", "Manajerial", "Sosial Kultural")  # PP 11/2017 art. 203
PLAN_TOPICS = 10  # topics listed, most asked first
LOWEST_SHOWN = 5  # the OPDs furthest behind, named on the index and the summary
TOPIC_WORD = re.compile(r"[^\W_]{4,}")  # words of four letters or more carry a topic


def _held(session: Row, as_of: dt.date | None) -> bool:
    return as_of is not None and as_of >= as_date(session["tanggal"])


def plan_by_kind(needs: Sequence[Row], sessions: Sequence[Row], as_of: dt.date | None) -> list[Row]:
    """One row per competency type: peminat (ASN who asked), diadakan (sessions up to
    `as_of`), terjadwal (sessions after it)."""
    asked: Counter[str] = Counter()
    for row in needs:
        if row["kategori"] == "jenis_kompetensi" and row["nilai"]:
            asked[row["nilai"]] += row["peminat"]
    held: Counter[str] = Counter()
    later: Counter[str] = Counter()
    for s in sessions:
        if s["jenis_kompetensi"]:
            (held if _held(s, as_of) else later)[s["jenis_kompetensi"]] += 1
    kinds = [k for k in JENIS_KOMPETENSI if k in {*asked, *held, *later}]
    kinds += sorted({*asked, *held, *later} - set(JENIS_KOMPETENSI))
    return [
        {"jenis_kompetensi": k, "peminat": asked[k], "diadakan": held[k], "terjadwal": later[k]}
        for k in kinds
    ]


def plan_by_topic(
    needs: Sequence[Row], sessions: Sequence[Row], as_of: dt.date | None
) -> list[Row]:
    """The PLAN_TOPICS most asked topics (case and outer spaces folded, the most written
    spelling shown): peminat, diadakan (matching sessions held), terjadwal (the first
    matching session after `as_of`, or None)."""
    asked: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for row in needs:
        if row["kategori"] == "topik" and row["nilai"] and row["nilai"].strip():
            key = row["nilai"].strip().casefold()
            asked[key] += row["peminat"]
            spellings[key][row["nilai"].strip()] += row["peminat"]
    ranked = sorted(asked, key=lambda k: (-asked[k], k))[:PLAN_TOPICS]
    names = [(set(TOPIC_WORD.findall(fold_written(s["nama_kegiatan"]))), s) for s in sessions]
    planned = []
    for key in ranked:
        shown = min(spellings[key], key=lambda w: (-spellings[key][w], w))
        words = set(TOPIC_WORD.findall(fold_written(shown)))
        found = [s for have, s in names if words and words <= have]
        later = [s for s in found if not _held(s, as_of)]
        planned.append(
            {
                "topik": shown,
                "peminat": asked[key],
                "diadakan": len(found) - len(later),
                "terjadwal": later[0] if later else None,
            }
        )
    return planned


def lowest(ranked: list[Row]) -> list[Row]:
    """The LOWEST_SHOWN OPDs with ASN and the lowest share at target, lowest first (none
    when there are no more OPDs than that: the whole list says it then)."""
    with_asn = [r for r in ranked if r["persen_memenuhi"] is not None]
    return list(reversed(with_asn[-LOWEST_SHOWN:])) if len(with_asn) > LOWEST_SHOWN else []
