"""The last good state is never replaced by a worksheet that lost its rows to the quarantine.

A whole column damaged at once (Sheets storing the NIP column as numbers, every NIP losing its
last digits; dates stored as Excel serial numbers) quarantines every row of a worksheet. Loading
that would replace a year of roster or catalog with nothing, and every credit would vanish with
exit 0. Instead the worksheet fails: the warehouse keeps what the last run loaded, the run ends
Failed, and one line names the sheet, the column and what happened.

Rows a person deleted are not counted: only the rows that fell into the quarantine.
"""

from __future__ import annotations

from collections import Counter

from mekar.errors import SourceError

# What a column-wide fault means, and what to do (the row messages say it per cell).
_CAUSES = {
    "nip_precision_lost": (
        "kolom {kolom} tersimpan sebagai angka, sehingga digit akhir NIP hilang: format kolom "
        "{kolom} sebagai Teks biasa di Google Sheets, ketik ulang NIP-nya atau salin dari "
        "sumber aslinya, lalu unduh ulang"
    ),
}


# Rows quarantined because of another worksheet (a session whose catalog row is broken, a NIP
# not on the roster): the fault and its fix are there, and those rows must follow it. Only a
# worksheet's own cells can make it fail here.
_ELSEWHERE = frozenset({"session_quarantined", "session_unknown", "nip_unknown", "opd_unknown"})


def _own(checked) -> list:
    return [q for q in checked.quarantine if q.alasan not in _ELSEWHERE]


def lost_to_quarantine(checked, had: int) -> int:
    """How many of the `had` rows the last run loaded are missing now because their own
    cells sent them to the quarantine (not because they were deleted)."""
    return min(len(_own(checked)), max(had - len(checked.records), 0))


def guard_error(checked, had: int, share: float) -> SourceError | None:
    """A SourceError when the quarantine took more than `share` of the rows the last run
    loaded from this worksheet (`had`), else None."""
    lost = lost_to_quarantine(checked, had)
    if not had or not lost or lost <= share * had:
        return None
    own = _own(checked)
    counts = Counter((q.kolom, q.alasan) for q in own)
    (kolom, alasan), _ = counts.most_common(1)[0]
    example = next(q for q in own if (q.kolom, q.alasan) == (kolom, alasan))
    cause = _CAUSES.get(alasan, "").format(kolom=kolom or "?")
    rows = len(checked.records) + len(checked.quarantine)
    head = f"{cause}. " if cause else ""
    # The row message without its "sheet baris N, kolom X: " prefix, which this line says.
    detail = example.pesan.split(f"kolom {kolom}: ", 1)[-1]
    return SourceError(
        checked.spreadsheet,
        checked.worksheet,
        f"{head}{len(checked.quarantine)} dari {rows} baris masuk karantina (run lalu memuat "
        f"{had} baris), terbanyak di kolom {kolom or '?'} ({alasan}); contoh baris "
        f"{example.baris}: {detail}. Lembar kerja ini tidak dimuat: data lama tetap "
        "dipakai sampai diperbaiki.",
    )
