"""The session catalog: kegiatan/kegiatan, one row per training session (Kode Kegiatan).

Check-ins and Zoom logs point at a session by its code, and attendance is measured against
the session's window (Tanggal, Jam Mulai–Jam Selesai) and its Min Kehadiran (the settings'
default when the cell is empty). A code written twice is quarantined from its second row on.
"""

from __future__ import annotations

from collections import Counter

from mekar.validate.contracts import SheetTable
from mekar.validate.names import fold_written
from mekar.validate.prepare.reference import Reference
from mekar.validate.prepare.rules import JP_RULE, RowRule, closed_list_rule
from mekar.validate.timeparse import parse_clock, parse_date_dmy, unreadable, wall_seconds

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
            "nama_kunci": fold_written(table.cell(cells, "Nama Kegiatan")),
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
            lambda r: unreadable("Tanggal", r["_raw"]["Tanggal"], "d/m/yyyy"),
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
        JP_RULE,
        RowRule(
            "min_kehadiran_invalid",
            "Min Kehadiran",
            "min_kehadiran",
            "not_null",
            (),
            lambda r: f"Min Kehadiran '{r['_raw']['Min Kehadiran']}' harus persen 1–100",
        ),
        closed_list_rule("jalur_invalid", "Jalur", "jalur", JALUR, " atau "),
        closed_list_rule("moda_invalid", "Moda", "moda", MODA, ", "),
    ]
    return records, rules


# The catalog's closed lists (DATA_CONTRACT.md), compared without case; stored as written here.
JALUR = ("Klasikal", "Nonklasikal")
MODA = ("Daring", "Luring", "Hybrid")


def _one_of(typed: str, allowed: tuple[str, ...]) -> str | None:
    return next((a for a in allowed if a.casefold() == typed.strip().casefold()), None)
