"""The review list of Zoom names no rule matched (`mekar export review`), with suggestions.

Every unmatched name of the year, per session, sorted into what it is: a device or a room
("iPhone", "Galaxy A52", "Ruang Rapat Dinkes", "Zoom user"), a host account (configuration),
or possibly a person. For a person, up to three roster candidates, only where two different
measures agree (shared name words, and the spelling character by character), narrowed to an
OPD when the name carries its code or name. A suggestion is never a credit: a person reads
it, fills in the NIP, and pastes the row into kegiatan/koreksi, whose first seven columns
these are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from sqlalchemy import Engine

from mekar.report.queries import rows
from mekar.validate.names import fold_name, fold_opd_token, split_zoom_name

# Words that name a device, an app or a room rather than a person (folded, whole words).
# ("HP" is a phone in Indonesian.) Not "sekretariat" or "dinas": OPD names end a person's Zoom name (NIP_Nama_OPD).
DEVICE_WORDS = frozenset(
    """hp handphone hape iphone ipad galaxy samsung redmi xiaomi oppo vivo realme infinix android tablet tab
    laptop notebook macbook pc komputer zoom user ruang ruangan aula rapat meeting room
    operator admin host""".split()
)
# Two measures must both reach their bar for a candidate to be shown.
MIN_WORDS = 0.5  # shared words / all words of both names (Jaccard)
MIN_SPELLING = 0.75  # difflib's ratio of the two folded names
# A word shared by more ASN than this narrows nothing ("sri", "budi"): not used to find
# candidates unless the name has no other.
COMMON_WORD = 200
KORESKI_COLUMNS = ["Timestamp", "Jenis", "Kode Kegiatan", "Nama Zoom", "NIP", "Alasan", "Oleh"]
KATEGORI = {"perangkat": "perangkat/ruangan", "host": "akun host", "orang": "mungkin ASN"}


@dataclass(frozen=True)
class Candidate:
    nip: str
    nama: str
    kode_opd: str
    skor: int  # 0-100, the mean of the two measures


def kind_of(display: str, hosts: frozenset[str]) -> str:
    """'host', 'perangkat' or 'orang' for a display name."""
    folded = " ".join(display.casefold().split())
    if folded in hosts:
        return "host"
    words = set(re.findall(r"[^\W\d_]+", folded))
    if words & DEVICE_WORDS or not words:
        return "perangkat"
    return "orang"


class Roster:
    """The active roster indexed by name word, for candidates in time linear in the names."""

    def __init__(self, people: list[dict]) -> None:
        self.people = people
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.opd_of_token: dict[str, str] = {}
        for position, person in enumerate(people):
            for word in set((person["nama_kunci"] or "").split()):
                self.by_word[word].append(position)
            for written in [
                person["kode_opd"],
                person["nama_opd"],
                *(person["alias"] or "").split(";"),
            ]:
                if written and written.strip():
                    self.opd_of_token.setdefault(fold_opd_token(written), person["kode_opd"])

    def _opd_in(self, display: str) -> str | None:
        """An OPD code or name written in the display name ("Budi_DINKES", "Budi Dinkes")."""
        words = fold_opd_token(display.replace("-", " ")).split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                if found := self.opd_of_token.get(" ".join(words[start : start + size])):
                    return found
        return None

    def candidates(self, display: str) -> list[Candidate]:
        key = fold_name(display, self.opd_of_token.keys())
        words = set(key.split())
        if not words:
            return []
        useful = [w for w in words if len(w) >= 3 and len(self.by_word.get(w, ())) <= COMMON_WORD]
        pool = {p for w in (useful or words) for p in self.by_word.get(w, ())}
        opd = self._opd_in(display)
        if opd:
            narrowed = {p for p in pool if self.people[p]["kode_opd"] == opd}
            pool = narrowed or pool
        found = []
        for position in pool:
            person = self.people[position]
            theirs = set(person["nama_kunci"].split())
            jaccard = len(words & theirs) / len(words | theirs)
            spelling = SequenceMatcher(None, key, person["nama_kunci"]).ratio()
            if jaccard >= MIN_WORDS and spelling >= MIN_SPELLING:
                score = round(50 * (jaccard + spelling))
                found.append(Candidate(person["nip"], person["nama"], person["kode_opd"], score))
        found.sort(key=lambda c: (-c.skor, c.nip))
        return found[:3]


def annotate(conn, unmatched: list[dict], hosts: list[str]) -> list[dict]:
    """The summary page's unmatched rows with their kind and best candidate (the page lists
    a few hundred; the workbook has them all)."""
    host_names = frozenset(" ".join(h.casefold().split()) for h in hosts)
    roster = None
    out = []
    for row in unmatched:
        display, _ = split_zoom_name(row["nama_zoom"])
        kind = kind_of(display, host_names)
        best = None
        if kind == "orang":
            roster = roster or Roster(rows(conn, "report/tinjauan_pegawai"))
            found = roster.candidates(display)
            best = found[0] if found else None
        out.append({**row, "kategori": KATEGORI[kind], "saran": best})
    return out


def review_rows(engine: Engine, year: int, hosts: list[str]) -> tuple[list[dict], dict[str, int]]:
    """Every unmatched name of the year with its kind and suggestions, and the counts per
    kind (with the guests rule 2 dropped)."""
    from mekar.export import dropped_guests

    host_names = frozenset(" ".join(h.casefold().split()) for h in hosts)
    with engine.connect() as conn:
        names = rows(conn, "report/tinjauan_zoom", tahun=year)
        roster = Roster(rows(conn, "report/tinjauan_pegawai"))
    out = []
    counts = {"perangkat": 0, "host": 0, "orang": 0}
    for row in sorted(
        names, key=lambda r: (-float(r["menit"] or 0), r["kode_kegiatan"], r["nama_zoom"] or "")
    ):
        display, _ = split_zoom_name(row["nama_zoom"])
        kind = kind_of(display, host_names)
        counts[kind] += 1
        out.append(
            {
                **row,
                "nama_tampilan": display,
                "kategori": kind,
                "saran": roster.candidates(display) if kind == "orang" else [],
            }
        )
    counts["tamu"] = dropped_guests(engine, year)
    return out, counts


def write_review(engine: Engine, year: int, out: Path, hosts: list[str]) -> int:
    """The review list as a workbook; returns its number of names. Every cell is written as
    text or a number, never a formula."""
    from openpyxl import Workbook

    found, counts = review_rows(engine, year, hosts)
    book = Workbook()
    sheet = book.active
    sheet.title = "tinjauan"
    header = [
        *KORESKI_COLUMNS,
        "Kategori",
        "Menit",
        "Baris log",
        "Baris pertama",
        "Email",
        *[f"Saran {n} ({part})" for n in (1, 2, 3) for part in ("NIP", "nama, OPD", "skor")],
    ]
    _append(sheet, header)
    for row in found:
        suggested = []
        for candidate in row["saran"] + [None] * (3 - len(row["saran"])):
            suggested += (
                [candidate.nip, f"{candidate.nama}, {candidate.kode_opd}", candidate.skor]
                if candidate
                else ["", "", ""]
            )
        _append(
            sheet,
            [
                "",
                "cocokkan",
                row["kode_kegiatan"],
                row["nama_tampilan"],
                "",  # the NIP a person fills in
                "",
                "",
                KATEGORI[row["kategori"]],
                float(row["menit"] or 0),
                int(row["baris_log"]),
                int(row["baris_pertama"]),
                row["email"] or "",
                *suggested,
            ],
        )
    summary = book.create_sheet("ringkasan")
    _append(summary, ["Kategori", "Jumlah nama"])
    for kind, label in KATEGORI.items():
        _append(summary, [label, counts[kind]])
    _append(
        summary, ["tamu (Guest) tanpa pasangan, diabaikan aturan 2 (baris log)", counts["tamu"]]
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return len(found)


def _append(sheet, values: list) -> None:
    """A row whose text cells stay text: openpyxl would store '=...' as a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
