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

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path

from sqlalchemy import Engine, inspect

from mekar.report.queries import rows
from mekar.validate.names import fold_name, fold_opd_token, fold_written, split_zoom_name

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
KORESKI_COLUMNS = ["Timestamp", "Jenis", "Kode Kegiatan", "Nama Zoom", "NIP", "Alasan", "Oleh"]
KATEGORI = {"perangkat": "perangkat/ruangan", "host": "akun host", "orang": "mungkin ASN"}


@dataclass(frozen=True)
class Candidate:
    nip: str
    nama: str
    kode_opd: str
    skor: int  # 0-100, the mean of the two measures
    nama_opd: str = ""  # shown beside the code: a reader knows "Dinas Kesehatan", not DINKES


def kind_of(display: str, hosts: frozenset[str]) -> str:
    """'host', 'perangkat' or 'orang' for a display name."""
    folded = fold_written(display)
    if folded in hosts:
        return "host"
    words = set(re.findall(r"[^\W\d_]+", folded))
    if words & DEVICE_WORDS or not words:
        return "perangkat"
    return "orang"


def opd_tokens(opds) -> dict[str, str]:
    """Folded OPD code, name and aliases -> kode_opd, for rows with kode_opd, nama_opd, alias."""
    tokens: dict[str, str] = {}
    for opd in opds:
        for written in [opd["kode_opd"], opd["nama_opd"], *(opd["alias"] or "").split(";")]:
            if written and written.strip():
                tokens.setdefault(fold_opd_token(written), opd["kode_opd"])
    return tokens


def opd_named_in(display: str, tokens: dict[str, str]) -> str | None:
    """An OPD code or name written in a display name ("Budi_DINKES", "Budi Dinkes"); the
    longest run of words that names one wins."""
    words = fold_opd_token(display.replace("-", " ")).split()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            if found := tokens.get(" ".join(words[start : start + size])):
                return found
    return None


class Roster:
    """The active roster indexed by name word, for candidates in time linear in the names."""

    def __init__(self, people: list[dict], words: set[str] | None = None) -> None:
        """`words`: index only these name words (the summary page asks about a few hundred
        names: the postings of the rest of a province's roster are never read)."""
        self.people = people
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.opd_of_token: dict[str, str] = {}
        opds = {}
        for position, person in enumerate(people):
            for word in set((person["nama_kunci"] or "").split()):
                if words is None or word in words:
                    self.by_word[word].append(position)
            opds.setdefault(person["kode_opd"], person)
        self.opd_of_token = opd_tokens(opds.values())  # once per OPD, not once per person

    def _opd_in(self, display: str) -> str | None:
        return opd_named_in(display, self.opd_of_token)

    def candidates(self, display: str) -> list[Candidate]:
        key = fold_name(display, self.opd_of_token.keys())
        words = set(key.split())
        if not words:
            return []
        # Only who shares two thirds of the words can pass the words measure in practice
        # (the bar is half of all words of both): counting postings keeps a common first
        # name ("Sri") from making every Sri a candidate.
        shared = Counter()
        for word in words:
            shared.update(self.by_word.get(word, ()))
        need = max(1, -(-2 * len(words) // 3))
        pool = {p for p, n in shared.items() if n >= need}
        opd = self._opd_in(display)
        if opd:
            narrowed = {p for p in pool if self.people[p]["kode_opd"] == opd}
            pool = narrowed or pool
        found = []
        for position in pool:
            person = self.people[position]
            theirs = set(person["nama_kunci"].split())
            jaccard = len(words & theirs) / len(words | theirs)
            if jaccard < MIN_WORDS:
                continue  # the cheap measure first: most of a common word's pool ends here
            spelling = SequenceMatcher(None, key, person["nama_kunci"]).ratio()
            if spelling >= MIN_SPELLING:
                score = round(50 * (jaccard + spelling))
                found.append(
                    Candidate(
                        person["nip"],
                        person["nama"],
                        person["kode_opd"],
                        score,
                        person.get("nama_opd") or "",
                    )
                )
        found.sort(key=lambda c: (-c.skor, c.nip))
        return found[:3]


def annotate(
    conn, unmatched: list[dict], hosts: list[str], cache: Path | None = None
) -> list[dict]:
    """The summary page's unmatched rows with their kind and best candidate (the page lists
    a few hundred; the workbook has them all). `cache`: a file keeping the last answer with
    what it was computed from (these names, the roster as loaded, this code), so a night
    that changed neither reads no roster and compares no names."""
    host_names = host_set(hosts)
    key = _annotation_key(conn, unmatched, host_names)
    if cache is not None:
        try:
            kept = json.loads(cache.read_text(encoding="utf-8"))
            if kept.get("key") == key:
                return [
                    {**row, **extra} for row, extra in zip(unmatched, kept["rows"], strict=True)
                ]
        except (OSError, ValueError, KeyError):
            pass  # none yet, unreadable or stale: computed again
    shown = [(row, *_kind(row, host_names)) for row in unmatched]
    people = [display for _, display, kind in shown if kind == "orang"]
    roster = None
    if people:
        # The words of these names, folded the way the roster's are, are all it indexes.
        words = {w for display in people for w in fold_name(display).split()}
        roster = Roster(rows(conn, "report/tinjauan_pegawai"), words)
    extras = []
    for _, display, kind in shown:
        found = roster.candidates(display) if roster and kind == "orang" else []
        extras.append({"kategori": KATEGORI[kind], "saran": asdict(found[0]) if found else None})
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"key": key, "rows": extras}), encoding="utf-8")
    return [{**row, **extra} for row, extra in zip(unmatched, extras, strict=True)]


def _annotation_key(conn, unmatched: list[dict], hosts: frozenset[str]) -> str:
    """What the annotations are computed from: the names, the roster's and the OPD list's
    loaded content (source_state), the host names and this module's code."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(repr(sorted(hosts)).encode())
    digest.update(
        repr([(r["kode_kegiatan"], r["baris"], r["nama_zoom"]) for r in unmatched]).encode()
    )
    if inspect(conn).has_table("source_state"):
        stamps = sorted(
            (r["worksheet"], r["content_hash"]) for r in rows(conn, "report/stempel_master")
        )
        digest.update(repr(stamps).encode())
    return digest.hexdigest()


def host_set(hosts: list[str]) -> frozenset[str]:
    """The configured host accounts' names, folded as display names are."""
    return frozenset(fold_written(h) for h in hosts)


def _kind(row: dict, hosts: frozenset[str]) -> tuple[str, str]:
    """A row's display name and what it is (kind_of)."""
    display, _ = split_zoom_name(row["nama_zoom"])
    return display, kind_of(display, hosts)


def zoom_kind(cell: str | None, hosts: frozenset[str]) -> str:
    """What an unmatched Zoom name is (kind_of), read from its display name as the review
    list reads it: "BKPSDM Sragen (Admin)" is the host account renamed. The weekly emails and
    the year's pages ask this one."""
    return kind_of(split_zoom_name(cell or "")[0], hosts)


def review_rows(engine: Engine, year: int, hosts: list[str]) -> tuple[list[dict], dict[str, int]]:
    """Every unmatched name of the year with its kind and suggestions, and the counts per
    kind (with the guests rule 2 dropped)."""
    from mekar.export import dropped_guests

    host_names = host_set(hosts)
    with engine.connect() as conn:
        names = rows(conn, "report/tinjauan_zoom", tahun=year)
        roster = Roster(rows(conn, "report/tinjauan_pegawai"))
    out = []
    counts = {"perangkat": 0, "host": 0, "orang": 0}
    for row in sorted(
        names, key=lambda r: (-float(r["menit"] or 0), r["kode_kegiatan"], r["nama_zoom"] or "")
    ):
        display, kind = _kind(row, host_names)
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
    from mekar.deliver.xlsx_safe import workbook_bytes

    found, counts = review_rows(engine, year, hosts)
    parts = ("NIP", "nama", "OPD", "skor")
    header = [
        *KORESKI_COLUMNS,
        "Kategori",
        "Menit",
        "Baris log",
        "Baris pertama",
        "Email",
        *[f"Saran {n} ({part})" for n in (1, 2, 3) for part in parts],
    ]
    listed = []
    for row in found:
        suggested = []
        for candidate in row["saran"] + [None] * (3 - len(row["saran"])):
            suggested += (
                [candidate.nip, candidate.nama, _opd(candidate), candidate.skor]
                if candidate
                else [""] * len(parts)
            )
        listed.append(
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
            ]
        )
    summary = [[label, counts[kind]] for kind, label in KATEGORI.items()]
    summary.append(
        ["tamu (Guest) yang tidak cocok dengan ASN mana pun, tidak dihitung (baris log)"]
        + [counts["tamu"]]
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(
        workbook_bytes(
            [("tinjauan", header, listed), ("ringkasan", ["Kategori", "Jumlah nama"], summary)]
        )
    )
    return len(found)


def _opd(candidate: Candidate) -> str:
    """The OPD's name with its code: "Dinas Kesehatan (DINKES)"."""
    if candidate.nama_opd:
        return f"{candidate.nama_opd} ({candidate.kode_opd})"
    return candidate.kode_opd
