"""One ASN's card (`mekar asn NIP`): every session with its evidence and the decision, every
outside-learning report with its status, the total against the target, in plain lines a
BKPSDM officer can read out on the phone to the ASN who asks "why is my JP 16?"."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from mekar.report.formatting import angka, as_date, tanggal
from mekar.report.queries import rows

# Why a session was or was not credited, as the evidence export names it (its workbook too).
CREDIT_REASONS = {
    "zoom": "hadir di Zoom cukup lama",
    "daftar_hadir": "mengisi daftar hadir pada hari kegiatan",
    "koreksi_beri": "diberikan lewat koreksi BKPSDM",
    "koreksi_cabut": "dicabut lewat koreksi BKPSDM",
    "kurang_hadir": "waktu hadir di Zoom kurang dari batas",
    "daftar_hadir_salah_tanggal": "daftar hadir diisi di luar hari kegiatan",
}
_STATUS = {"diterima": "Diterima", "ditolak": "Ditolak", "menunggu": "Menunggu verifikasi"}


def _menit(value: float) -> str:
    """Minutes with up to two decimals, no trailing zeros: 101,25; 112,5; 144."""
    return angka(value, 2).rstrip("0").rstrip(",")


def as_of(conn, year: int, today: dt.date) -> dt.date:
    """The card's "today", as the year's pages have it: the last session of the year with
    credited attendance (the data reaches there), never later than the machine's date. Ages
    in days count to it, so a 2023 report waits the days it waited within 2023's data, the
    same on the card, the pages and in the weekly email, whenever the card is printed."""
    held = [
        as_date(s["tanggal"]) for s in rows(conn, "report/kegiatan", tahun=year) if s["peserta"]
    ]
    return min(max(held), today) if held else today


def card(engine: Engine, nip: str, year: int, today: dt.date) -> list[str] | None:
    """The card's lines, or None when the NIP is not on the roster."""
    with engine.connect() as conn:
        found = rows(conn, "report/asn_kartu", nip=nip, tahun=year)
        if not found:
            return None
        sessions = rows(conn, "report/asn_kegiatan", nip=nip, tahun=year)
        reports = rows(conn, "report/asn_pengembangan", nip=nip, tahun=year)
        day = as_of(conn, year, today)
    asn = found[0]
    lines = [
        f"{asn['nip']}  {asn['nama']}",
        f"{asn['kode_opd']} ({asn['nama_opd'] or '–'}) · {asn['jenis_asn']} · {asn['jabatan'] or '–'}",
        f"Data per {tanggal(day)} (kegiatan terakhir yang tercatat tahun {year}).",
    ]
    if asn["jp"] is None:
        why = "tidak aktif di daftar pegawai" if not asn["aktif"] else "belum ada kegiatan"
        lines.append(f"Tahun {year}: {why}, tidak dihitung terhadap target.")
    else:
        verdict = (
            "memenuhi target"
            if asn["memenuhi"]
            else f"belum memenuhi, kurang {angka(asn['kurang_jp'])} JP"
        )
        lines.append(
            f"Tahun {year}: {angka(asn['jp'])} dari {angka(asn['target_jp'])} JP, {verdict} "
            f"(kegiatan katalog {angka(asn['jp_kegiatan'])} JP, pengembangan mandiri "
            f"{angka(asn['jp_mandiri'])} JP)"
        )
    lines += ["", f"Kegiatan katalog ({len(sessions)}):"]
    if not sessions:
        lines.append("  (tidak ada jejak kehadiran tahun ini)")
    for s in sorted(sessions, key=lambda r: (str(r["tanggal"]), r["kode_kegiatan"])):
        decision = f"{angka(s['jp'])} JP" if s["dikreditkan"] else "0 JP"
        evidence = [f"Zoom {angka(s['menit_hadir'], 1)} dari {_menit(s['menit_dibutuhkan'])} menit"]
        if s["daftar_hadir"]:
            evidence.append("daftar hadir")
        if s["dikoreksi"] and not s["koreksi"]:
            evidence.append("nama Zoom dicocokkan BKPSDM")
        if s["koreksi"]:
            evidence.append(
                f"koreksi {s['koreksi']} oleh {s['koreksi_oleh']}: {s['koreksi_alasan']}"
            )
        lines.append(
            f"  {tanggal(s['tanggal'])}  {s['kode_kegiatan']}  {s['nama_kegiatan']}: {decision}, "
            f"{CREDIT_REASONS.get(s['alasan'], s['alasan'])} ({'; '.join(evidence)})"
        )
    lines += ["", f"Pengembangan mandiri ({len(reports)}):"]
    if not reports:
        lines.append("  (tidak ada laporan tahun ini)")
    for r in sorted(reports, key=lambda r: (str(r["tanggal_selesai"]), r["kode_laporan"])):
        status = _STATUS.get(r["status"], r["status"])
        if r["status"] == "menunggu":
            waited = max((day - as_date(r["submitted_at"])).days, 0)
            status += f", {waited} hari sejak dilaporkan (per {tanggal(day)})"
        elif r["status"] == "ditolak" and r["catatan"]:
            status += f": {r['catatan']}"
        elif r["status"] == "diterima" and not r["dihitung"]:
            status += ", tidak dihitung lagi: kegiatan katalog yang sama sudah dikreditkan"
        lines.append(
            f"  {tanggal(r['tanggal_mulai'])}–{tanggal(r['tanggal_selesai'])}  "
            f"{r['nama_kegiatan']} ({r['penyelenggara'] or '–'}): {angka(r['jp'])} JP, {status}"
        )
    return lines
