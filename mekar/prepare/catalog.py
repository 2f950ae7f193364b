"""Turning a worksheet's text cells into typed rows plus the columns the checks look at.

Each `prepare_*` returns one record per data row (typed values, ready to load) and the row
rules, in priority order, that validation applies to those records. Parsing lives here;
deciding which rows are bad is validation's job (mekar.validate, Great Expectations).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from mekar.contracts import SheetTable
from mekar.names import fold_name, fold_opd_token, split_zoom_name
from mekar.nip import NIP_INVALID, NIP_OK, NIP_PRECISION_LOST, check_nip, find_nip_in_text
from mekar.timeparse import (
    parse_clock,
    parse_date_dmy,
    parse_form_timestamp,
    parse_zoom_time,
    wall_seconds,
)


@dataclass(frozen=True)
class RowRule:
    """A row check: `check` is the record field validated; rows failing it are quarantined
    with `reason`. `kind` names the Great Expectations expectation used."""

    reason: str
    column: str  # the sheet column a person should look at
    check: str  # record field the expectation runs on
    kind: str  # "in_set" | "not_in_set" | "not_null"
    values: tuple = ()
    detail: Callable[[dict], str] = lambda record: ""


@dataclass
class Reference:
    """What other worksheets say, for checks that cross worksheets."""

    opd_codes: set[str] = field(default_factory=set)
    opd_by_token: dict[str, str] = field(default_factory=dict)  # folded name/alias -> code
    roster_nips: set[str] = field(default_factory=set)
    session_codes: set[str] = field(default_factory=set)
    # Rows that exist but were quarantined themselves, so a row pointing at them can say so
    # instead of "not found": NIP / Kode Kegiatan -> "master/pegawai baris 9: opd_unknown".
    rejected_nips: dict[str, str] = field(default_factory=dict)
    rejected_sessions: dict[str, str] = field(default_factory=dict)
    read_kinds: set[str] = field(default_factory=set)  # worksheets read this run
    # Data rows each worksheet had when last loaded (warehouse reference only).
    loaded_rows: dict[tuple[str, str], int] = field(default_factory=dict)

    def unknown_nip(self, nip: str) -> str:
        if nip in self.rejected_nips:
            return (
                f"NIP {nip} ada di daftar pegawai tetapi barisnya dikarantina "
                f"({self.rejected_nips[nip]})"
            )
        return f"NIP {nip} tidak ada di daftar pegawai (master/pegawai)"

    def unknown_session(self, code: str, what: str = "Kode Kegiatan") -> str:
        if code in self.rejected_sessions:
            return (
                f"{what} '{code}' ada di katalog tetapi barisnya dikarantina "
                f"({self.rejected_sessions[code]})"
            )
        return f"{what} '{code}' tidak ada di katalog kegiatan"

    def session_state(self, code: str) -> str:
        """'ok', 'quarantined' (in the catalog, its row quarantined) or 'unknown'."""
        if code in self.session_codes:
            return "ok"
        return "quarantined" if code in self.rejected_sessions else "unknown"

    def add_opd(self, code: str, name: str, aliases: str | None) -> None:
        self.opd_codes.add(code)
        for written in [code, name, *(aliases or "").split(";")]:
            if written.strip():
                self.opd_by_token.setdefault(fold_opd_token(written), code)

    @property
    def opd_tokens(self) -> frozenset[str]:
        return frozenset(self.opd_by_token)

    def resolve_opd(self, typed: str) -> str | None:
        """An OPD typed freely (code, name or alias) -> its code, or None."""
        return self.opd_by_token.get(fold_opd_token(typed))


def _nip_rules(column: str = "NIP") -> list[RowRule]:
    return [
        RowRule(
            NIP_PRECISION_LOST,
            column,
            "_nip_status",
            "not_in_set",
            (NIP_PRECISION_LOST,),
            lambda r: r["_nip_message"],
        ),
        RowRule(
            NIP_INVALID,
            column,
            "_nip_status",
            "not_in_set",
            (NIP_INVALID,),
            lambda r: r["_nip_message"],
        ),
    ]


def _session_rules(ref: Reference, column: str, what: str) -> list[RowRule]:
    """A row pointing at a session: its catalog row quarantined (fix that row, and this one
    loads with it) is a different fault from a code the catalog does not have."""
    return [
        RowRule(
            "session_quarantined",
            column,
            "_session_state",
            "not_in_set",
            ("quarantined",),
            lambda r: ref.unknown_session(r["kode_kegiatan"], what),
        ),
        RowRule(
            "session_unknown",
            column,
            "_session_state",
            "not_in_set",
            ("unknown",),
            lambda r: ref.unknown_session(r["kode_kegiatan"], what),
        ),
    ]


def _nip_fields(raw: str) -> dict:
    checked = check_nip(raw)
    return {"nip": checked.nip, "_nip_status": checked.status, "_nip_message": checked.message}


def _known_nip_rule(ref: Reference) -> RowRule:
    # Only rows whose NIP is well formed reach this check: the earlier rules caught the rest.
    return RowRule(
        "nip_unknown",
        "NIP",
        "_nip_known",
        "in_set",
        (True,),
        lambda r: ref.unknown_nip(r["nip"]),
    )


# A form response's Timestamp (both Google Forms in the contract have one).
_TIMESTAMP_RULE = RowRule(
    "timestamp_invalid",
    "Timestamp",
    "submitted_at",
    "not_null",
    (),
    lambda r: f"Timestamp '{r['_stamp_text']}' tidak terbaca (format d/m/yyyy H:MM:SS)",
)


def _form_fields(table: SheetTable, cells: list[str], ref: Reference) -> dict:
    """What every form response carries: its timestamp and the NIP typed into it."""
    stamp_text = table.cell(cells, "Timestamp")
    stamp = parse_form_timestamp(stamp_text)
    nip = _nip_fields(table.cell(cells, "NIP"))
    return {
        **nip,
        "_nip_known": nip["nip"] in ref.roster_nips,
        "submitted_at": stamp,
        "_stamp_text": stamp_text,
    }


def _split_choices(text: str) -> list[str]:
    """Checkbox answers joined with ', '."""
    return [part.strip() for part in text.split(", ") if part.strip()]


# --- master/opd -------------------------------------------------------------------------


def prepare_opd(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    seen: Counter[str] = Counter()
    records = []
    for row, cells in table.records:
        code = table.cell(cells, "Kode OPD")
        seen[code] += 1
        records.append(
            {
                "baris": row,
                "kode_opd": code,
                "nama_opd": table.cell(cells, "Nama OPD"),
                "alias": table.cell(cells, "Alias") or None,
                "email": table.cell(cells, "Email") or None,
                "_code_ok": bool(code) and code.replace("_", "").isalnum() and code == code.upper(),
                "_first": seen[code] == 1,
            }
        )
    rules = [
        RowRule(
            "kode_opd_invalid",
            "Kode OPD",
            "_code_ok",
            "in_set",
            (True,),
            lambda r: f"Kode OPD '{r['kode_opd']}' harus huruf besar, angka atau _",
        ),
        RowRule(
            "kode_duplikat",
            "Kode OPD",
            "_first",
            "in_set",
            (True,),
            lambda r: f"Kode OPD '{r['kode_opd']}' sudah ada di baris sebelumnya",
        ),
    ]
    return records, rules


# --- master/pegawai ---------------------------------------------------------------------


def prepare_pegawai(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    seen: Counter[str] = Counter()
    records = []
    for row, cells in table.records:
        nip = _nip_fields(table.cell(cells, "NIP"))
        if nip["nip"]:
            seen[nip["nip"]] += 1
        aktif_text = table.cell(cells, "Aktif").casefold()
        name = table.cell(cells, "Nama")
        email = table.cell(cells, "Email").lower()
        records.append(
            {
                "baris": row,
                **nip,
                "nama": name,
                "nama_kunci": fold_name(name, ref.opd_tokens),
                "jenis_asn": table.cell(cells, "Jenis ASN").upper(),
                "kode_opd": table.cell(cells, "Kode OPD"),
                "jabatan": table.cell(cells, "Jabatan"),
                "jenis_jabatan": table.cell(cells, "Jenis Jabatan"),
                "golongan": table.cell(cells, "Golongan") or None,
                "aktif": aktif_text in ("", "ya", "y", "aktif"),
                "email": email or None,
                "_aktif_text": aktif_text,
                "_first": not nip["nip"] or seen[nip["nip"]] == 1,
            }
        )
    rules = [
        *_nip_rules(),
        RowRule(
            "nip_duplikat",
            "NIP",
            "_first",
            "in_set",
            (True,),
            lambda r: f"NIP {r['nip']} sudah ada di baris sebelumnya",
        ),
        RowRule(
            "opd_unknown",
            "Kode OPD",
            "kode_opd",
            "in_set",
            tuple(sorted(ref.opd_codes)),
            lambda r: f"Kode OPD '{r['kode_opd']}' tidak ada di master/opd",
        ),
        RowRule(
            "jenis_asn_invalid",
            "Jenis ASN",
            "jenis_asn",
            "in_set",
            ("PNS", "PPPK"),
            lambda r: f"Jenis ASN '{r['jenis_asn']}' harus PNS atau PPPK",
        ),
        RowRule(
            "aktif_invalid",
            "Aktif",
            "_aktif_text",
            "in_set",
            ("", "ya", "y", "aktif", "tidak", "t", "tidak aktif"),
            lambda r: f"Aktif '{r['_aktif_text']}' harus Ya atau Tidak",
        ),
    ]
    return records, rules


# --- kebutuhan/Form Responses 1 -------------------------------------------------------


def prepare_kebutuhan(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    records = []
    for row, cells in table.records:
        form = _form_fields(table, cells, ref)
        stamp = form["submitted_at"]
        unit = table.cell(cells, "Unit Kerja")
        records.append(
            {
                "baris": row,
                **form,
                "tahun": stamp.year if stamp else None,
                "nama": table.cell(cells, "Nama Lengkap"),
                "unit_kerja": unit,
                "kode_opd_tertulis": ref.resolve_opd(unit),
                "jenis_kompetensi": table.cell(cells, "Jenis Kompetensi"),
                "topik": table.cell(cells, "Topik yang Dibutuhkan"),
                "jalur": table.cell(cells, "Jalur Pengembangan"),
                "model": table.cell(cells, "Model Pembelajaran"),
                "email": table.cell(cells, "Email Address").lower() or None,
            }
        )
    rules = [
        _TIMESTAMP_RULE,
        *_nip_rules(),
        _known_nip_rule(ref),
    ]
    return records, rules


def kebutuhan_choices(record: dict) -> list[tuple[str, str]]:
    """(kategori, nilai) pairs of one response's checkbox answers."""
    pairs = []
    for kategori, field_name in (
        ("jenis_kompetensi", "jenis_kompetensi"),
        ("jalur", "jalur"),
        ("model", "model"),
    ):
        for value in dict.fromkeys(_split_choices(record[field_name] or "")):
            pairs.append((kategori, value))
    return pairs


# --- kegiatan/kegiatan ----------------------------------------------------------------


def prepare_kegiatan(table: SheetTable, ref: Reference, default_min: float = 80.0):
    seen: Counter[str] = Counter()
    records = []
    for row, cells in table.records:
        code = table.cell(cells, "Kode Kegiatan")
        seen[code] += 1
        day = parse_date_dmy(table.cell(cells, "Tanggal"))
        start = parse_clock(table.cell(cells, "Jam Mulai"))
        end = parse_clock(table.cell(cells, "Jam Selesai"))
        jp_text = table.cell(cells, "JP")
        jp = int(jp_text) if jp_text.isdigit() and int(jp_text) >= 1 else None
        min_text = table.cell(cells, "Min Kehadiran").rstrip("%").replace(",", ".").strip()
        try:
            min_pct = float(min_text) if min_text else default_min
        except ValueError:
            min_pct = None
        if min_pct is not None and not 1 <= min_pct <= 100:
            min_pct = None
        window_ok = bool(day and start and end and end > start)
        record = {
            "baris": row,
            "kode_kegiatan": code,
            "nama_kegiatan": table.cell(cells, "Nama Kegiatan"),
            "tanggal": day,
            "tahun": day.year if day else None,
            "jam_mulai": start.strftime("%H:%M") if start else None,
            "jam_selesai": end.strftime("%H:%M") if end else None,
            "jp": jp,
            "jalur": _one_of(table.cell(cells, "Jalur"), JALUR),
            "bentuk": table.cell(cells, "Bentuk"),
            "jenis_kompetensi": table.cell(cells, "Jenis Kompetensi"),
            "moda": _one_of(table.cell(cells, "Moda"), MODA),
            "narasumber": table.cell(cells, "Narasumber") or None,
            "min_kehadiran": min_pct,
            "_raw": {
                c: table.cell(cells, c)
                for c in (
                    "Tanggal",
                    "Jam Mulai",
                    "Jam Selesai",
                    "JP",
                    "Min Kehadiran",
                    "Jalur",
                    "Moda",
                )
            },
            "_code_ok": bool(code),
            "_first": seen[code] == 1,
            "_window_ok": window_ok,
        }
        if window_ok:
            from datetime import datetime

            begin = datetime.combine(day, start)
            finish = datetime.combine(day, end)
            record["mulai_s"] = wall_seconds(begin)
            record["selesai_s"] = wall_seconds(finish)
            record["durasi_menit"] = (record["selesai_s"] - record["mulai_s"]) // 60
        else:
            record["mulai_s"] = record["selesai_s"] = record["durasi_menit"] = None
        records.append(record)
    rules = [
        RowRule(
            "kode_kosong",
            "Kode Kegiatan",
            "_code_ok",
            "in_set",
            (True,),
            lambda r: "Kode Kegiatan kosong",
        ),
        RowRule(
            "kode_duplikat",
            "Kode Kegiatan",
            "_first",
            "in_set",
            (True,),
            lambda r: f"Kode Kegiatan '{r['kode_kegiatan']}' sudah ada di baris sebelumnya",
        ),
        RowRule(
            "tanggal_invalid",
            "Tanggal",
            "tanggal",
            "not_null",
            (),
            lambda r: f"Tanggal '{r['_raw']['Tanggal']}' tidak terbaca (format d/m/yyyy)",
        ),
        RowRule(
            "jam_invalid",
            "Jam Mulai/Jam Selesai",
            "_window_ok",
            "in_set",
            (True,),
            lambda r: (
                f"Jam '{r['_raw']['Jam Mulai']}'–'{r['_raw']['Jam Selesai']}' "
                "tidak valid (HH:MM, selesai setelah mulai)"
            ),
        ),
        RowRule(
            "jp_invalid",
            "JP",
            "jp",
            "not_null",
            (),
            lambda r: f"JP '{r['_raw']['JP']}' bukan bilangan bulat ≥ 1",
        ),
        RowRule(
            "min_kehadiran_invalid",
            "Min Kehadiran",
            "min_kehadiran",
            "not_null",
            (),
            lambda r: f"Min Kehadiran '{r['_raw']['Min Kehadiran']}' harus persen 1–100",
        ),
        RowRule(
            "jalur_invalid",
            "Jalur",
            "jalur",
            "not_null",
            (),
            lambda r: f"Jalur '{r['_raw']['Jalur']}' harus {' atau '.join(JALUR)}",
        ),
        RowRule(
            "moda_invalid",
            "Moda",
            "moda",
            "not_null",
            (),
            lambda r: f"Moda '{r['_raw']['Moda']}' harus {', '.join(MODA)}",
        ),
    ]
    return records, rules


# The catalog's closed lists (DATA_CONTRACT.md), compared without case; stored as written here.
JALUR = ("Klasikal", "Nonklasikal")
MODA = ("Daring", "Luring", "Hybrid")


def _one_of(typed: str, allowed: tuple[str, ...]) -> str | None:
    return next((a for a in allowed if a.casefold() == typed.strip().casefold()), None)


# --- kegiatan/daftar_hadir ------------------------------------------------------------


def prepare_daftar_hadir(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    records = []
    for row, cells in table.records:
        form = _form_fields(table, cells, ref)
        stamp = form["submitted_at"]
        code = table.cell(cells, "Kode Kegiatan")
        records.append(
            {
                "baris": row,
                **form,
                "kode_kegiatan": code,
                "_session_state": ref.session_state(code),
                "tanggal": stamp.date() if stamp else None,
                "nama": table.cell(cells, "Nama"),
                "unit_kerja": table.cell(cells, "Unit Kerja"),
            }
        )
    rules = [
        _TIMESTAMP_RULE,
        *_session_rules(ref, "Kode Kegiatan", "Kode Kegiatan"),
        *_nip_rules(),
        _known_nip_rule(ref),
    ]
    return records, rules


# --- log_zoom/<Kode Kegiatan> ----------------------------------------------------------


def _zoom_row_key(code: str, name: str, email: str, join: str, leave: str, nth: int) -> str:
    """Identity of a Zoom row that survives re-pasting the log in another order."""
    text = "\x1f".join((code, name, email, join, leave, str(nth)))
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def prepare_zoom(table: SheetTable, ref: Reference) -> tuple[list[dict], list[RowRule]]:
    code = table.worksheet
    state = ref.session_state(code)
    tokens = ref.opd_tokens
    occurrences: Counter[tuple] = Counter()
    records = []
    for row, cells in table.records:
        name = table.cell(cells, "Name (Original Name)")
        email = table.cell(cells, "User Email").lower()
        join_text, leave_text = table.cell(cells, "Join Time"), table.cell(cells, "Leave Time")
        join, leave = parse_zoom_time(join_text), parse_zoom_time(leave_text)
        identity = (name, email, join_text, leave_text)
        occurrences[identity] += 1
        display, original = split_zoom_name(name)
        records.append(
            {
                "baris": row,
                "kode_kegiatan": code,
                "row_key": _zoom_row_key(code, *identity, occurrences[identity]),
                "nama_zoom": name,
                "email": email or None,
                "join_at": join,
                "leave_at": leave,
                "join_s": wall_seconds(join) if join else None,
                "leave_s": wall_seconds(leave) if leave else None,
                "guest": table.cell(cells, "Guest").casefold() in ("yes", "ya", "true"),
                "nip_tampilan": find_nip_in_text(display),
                "nip_asli": find_nip_in_text(original) if original else None,
                "kunci_tampilan": fold_name(display, tokens) or None,
                "kunci_asli": (fold_name(original, tokens) or None) if original else None,
                "_session_state": state,
                "_interval_ok": bool(join and leave and leave >= join),
                "_interval_problem": (
                    f"Leave '{leave_text}' sebelum Join '{join_text}'"
                    if join and leave
                    else f"waktu tidak terbaca: Join '{join_text}', Leave '{leave_text}' "
                    "(format MM/DD/YYYY hh:mm:ss AM/PM)"
                ),
            }
        )
    rules = [
        *_session_rules(ref, "(nama lembar kerja)", "Nama lembar kerja"),
        RowRule(
            "interval_invalid",
            "Join Time/Leave Time",
            "_interval_ok",
            "in_set",
            (True,),
            lambda r: r["_interval_problem"],
        ),
    ]
    return records, rules


PREPARERS = {
    "opd": prepare_opd,
    "pegawai": prepare_pegawai,
    "kebutuhan": prepare_kebutuhan,
    "kegiatan": prepare_kegiatan,
    "daftar_hadir": prepare_daftar_hadir,
    "zoom": prepare_zoom,
}

__all__ = ["NIP_OK", "PREPARERS", "Reference", "RowRule", "kebutuhan_choices"]
