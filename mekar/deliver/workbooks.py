"""The weekly emails' workbooks, as an officer reads them: Indonesian sheet names and
headers, "Ya"/"Tidak" rather than 1/0, a status in words, the OPD's name beside its code,
dates as dates. The body of an email shows the first rows of each list; the workbook has
them all, with every fact the email knows of each row. Written through xlsx_safe (text stays
text, numbers stay numbers; the bytes depend on the rows and the week only).
"""

from __future__ import annotations

from datetime import datetime

from mekar.deliver.xlsx_safe import workbook_bytes
from mekar.report.formatting import alasan, as_date, tanggal
from mekar.report.review import KATEGORI
from mekar.report.risk import MEMENUHI, PERLU_HADIR, SESUAI_JALUR
from mekar.report.week_data import AsnWeek, OpdWeek
from mekar.report.week_regency import RegencyWeek

# The status of an ASN in one or two words, for a filter; the numbers behind it are columns.
STATUS = {
    MEMENUHI: "Memenuhi",
    PERLU_HADIR: "Perlu hadir",
    SESUAI_JALUR: "Sesuai jalur",
}
STATUS_OUT_OF_REACH = "Tidak mungkin dari katalog"

OPD_ASN_COLUMNS = [
    "NIP",
    "Nama",
    "Jenis ASN",
    "Jenis Jabatan",
    "Jabatan",
    "Target JP",
    "JP s.d. minggu ini",
    "JP minggu ini",
    "Kurang JP",
    "Status",
    "Perlu hadir di (kegiatan, sedikitnya)",
    "Kegiatan tersisa",
    "Perkiraan JP akhir tahun (laju)",
    "Kegiatan terakhir",
    "Baru memenuhi minggu ini",
    "Sudah mengisi formulir kebutuhan",
    "JP memuat koreksi BKPSDM",
]
NEAR_COLUMNS = [
    "NIP",
    "Nama",
    "Kode Kegiatan",
    "Nama Kegiatan",
    "Tanggal",
    "Menit hadir",
    "Menit disyaratkan",
]
NEEDS_COLUMNS = ["NIP", "Nama"]
RANKING_COLUMNS = [
    "Peringkat",
    "Peringkat minggu lalu",
    "Perubahan",
    "Kode OPD",
    "Nama OPD",
    "Jumlah ASN",
    "Memenuhi",
    "% memenuhi",
    "Memenuhi minggu lalu",
    "Baru memenuhi",
    "JP minggu ini",
    "JP minggu ini dari pengembangan mandiri",
    "ASN yang mendapat JP minggu ini",
    "Ada alamat email",
]
ZOOM_COLUMNS = ["Kode Kegiatan", "Baris", "Nama Zoom", "Jenis nama", "Email", "Menit"]
QUARANTINE_COLUMNS = ["Alasan", "Kode alasan", "Jumlah baris"]


def ya(value: object) -> str:
    """A yes/no fact as people write it in a sheet."""
    return "Ya" if value else "Tidak"


def status(asn: AsnWeek) -> str:
    return STATUS.get(asn.risk.kelas, STATUS_OUT_OF_REACH)


def opd_workbook(data: OpdWeek) -> bytes:
    """Every active ASN of the OPD, those to act on first at the top (week_data.act_first),
    then those at target; the week's near-misses; who has not filled the needs form."""
    at_target = sorted((a for a in data.asn if a.memenuhi), key=lambda a: (a.nama, a.nip))
    needs = {r["nip"] for r in data.belum_mengisi}
    people = [
        [a.nip, a.nama, a.jenis_asn, a.jenis_jabatan, a.jabatan, a.target_jp, a.jp]
        + [a.jp_minggu, a.kurang_jp, status(a), a.risk.perlu, a.risk.dari, a.perkiraan]
        + [a.kegiatan_terakhir, ya(a.baru_memenuhi), ya(a.nip not in needs)]
        + [ya(a.sesi_dikoreksi)]
        for a in [*data.di_bawah, *at_target]
    ]
    near = [
        [h["nip"], h["nama"], h["kode_kegiatan"], h["nama_kegiatan"], h["tanggal"]]
        + [float(h["menit_hadir"]), float(h["menit_dibutuhkan"])]
        for h in data.hampir
    ]
    sheets = [("Daftar ASN", OPD_ASN_COLUMNS, people)]
    if near:
        sheets.append(("Hampir memenuhi syarat hadir", NEAR_COLUMNS, near))
    sheets.append(
        (
            "Belum mengisi kebutuhan",
            NEEDS_COLUMNS,
            [[r["nip"], r["nama"]] for r in data.belum_mengisi],
        )
    )
    return workbook_bytes(sheets, week_end(data.week))


def bkpsdm_workbook(data: RegencyWeek) -> bytes:
    """The week's ranking, unmatched Zoom names, waiting reports, quarantine and needs."""
    first = data.minggu_pertama
    ranking = [
        [r.peringkat, data.peringkat_minggu_lalu(r), change(r, first), r.kode_opd, r.nama_opd]
        + [r.jumlah_asn, r.memenuhi, r.persen, r.memenuhi_lalu, r.baru_memenuhi, r.jp_minggu]
        + [r.jp_mandiri_minggu, r.asn_ikut_minggu, ya(r.recipients)]
        for r in data.peringkat
    ]
    unmatched = [
        [u["kode_kegiatan"], u["baris"], u["nama_zoom"]]
        + [KATEGORI[u["kategori"]], u["email"], float(u["menit"])]
        for u in data.zoom_belum_cocok
    ]
    names = {r.kode_opd: r.nama_opd for r in data.peringkat + data.tanpa_asn}
    waiting = [
        [r["nip"], r["nama"], r["kode_opd"], names.get(r["kode_opd"]), r["nama_kegiatan"]]
        + [r["penyelenggara"], r["jp"], as_date(r["submitted_at"]), r["hari"]]
        for r in data.menunggu
    ]
    waiting_columns = ["NIP", "Nama", "Kode OPD", "Nama OPD", "Nama Kegiatan", "Penyelenggara"]
    waiting_columns += ["JP", "Dilaporkan", f"Hari menunggu (s.d. {tanggal(data.week.sunday)})"]
    quarantine = [[alasan(q["alasan"]), q["alasan"], q["jumlah"]] for q in data.karantina]
    needs_columns = ["Kode OPD", "Nama OPD"]
    for kind in data.jenis_kompetensi:
        needs_columns += [f"{kind}: ASN meminta", f"{kind}: ASN mendapat JP", f"{kind}: kegiatan"]
    needs = []
    for o in data.kebutuhan:
        row = [o["kode_opd"], o["nama_opd"]]
        for kind in data.jenis_kompetensi:
            x = o["jenis"][kind]
            row += [x["peminat"], x["asn_ikut"], x["kegiatan"]] if x else [0, 0, 0]
        needs.append(row)
    return workbook_bytes(
        [
            ("Peringkat OPD", RANKING_COLUMNS, ranking),
            ("Nama Zoom belum cocok", ZOOM_COLUMNS, unmatched),
            ("Menunggu verifikasi", waiting_columns, waiting),
            ("Karantina per alasan", QUARANTINE_COLUMNS, quarantine),
            ("Kebutuhan per OPD", needs_columns, needs),
        ],
        week_end(data.week),
    )


def change(row, first_week: bool) -> str:
    """A rank's change since last week in words, as the email says it."""
    if first_week:
        return "minggu pertama"
    if row.naik > 0:
        return f"naik {row.naik}"
    if row.naik < 0:
        return f"turun {-row.naik}"
    return "tetap"


def week_end(week) -> datetime:
    """A workbook's own dates: the week's Sunday, so the same rows give the same bytes."""
    return datetime.combine(week.sunday, datetime.min.time())
