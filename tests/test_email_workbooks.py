"""The weekly emails' workbooks cell by cell, as an officer opens them (issue 23): Indonesian
sheet names and headers, "Ya"/"Tidak" for yes/no, a status and a quarantine reason in words
(the reason's code beside it), the OPD's name beside its code, dates as ISO dates, numbers
as numbers, no raw JSON. The small year of test_email_content, week 27. SQLite and
PostgreSQL give the same cells."""

from __future__ import annotations

import io

from tests import test_rules as rules
from tests.test_email_content import (  # noqa: F401 - `warehouse` is a fixture
    AHMAD,
    ZAENAL,
    warehouse,
    week_emails,
)


def sheets_of(data: bytes) -> dict[str, list[list]]:
    """Each sheet of a workbook as rows of cell values, in the workbook's order."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book}


def attached(mail) -> dict[str, list[list]]:
    [(_, data)] = mail.attachments
    return sheets_of(data)


def test_an_opds_workbook_cell_by_cell(warehouse, tmp_path):  # noqa: F811
    sheets = attached(week_emails(warehouse, tmp_path)["opd:DINKES"])
    assert list(sheets) == ["Daftar ASN", "Hampir memenuhi syarat hadir", "Belum mengisi kebutuhan"]
    head, *people = sheets["Daftar ASN"]
    assert head == [
        "NIP", "Nama", "Jenis ASN", "Jenis Jabatan", "Jabatan", "Target JP",
        "JP s.d. minggu ini", "JP minggu ini", "Kurang JP", "Status",
        "Perlu hadir di (kegiatan, sedikitnya)", "Kegiatan tersisa",
        "Perkiraan JP akhir tahun (laju)", "Kegiatan terakhir", "Baru memenuhi minggu ini",
        "Sudah mengisi formulir kebutuhan", "JP memuat koreksi BKPSDM",
    ]  # fmt: skip
    # the order to act on: most JP missing, then longest without a session (never first);
    # no pace yet in the programme's first week (an empty cell)
    nurse = ["PNS", "Fungsional", "Perawat", 12]
    assert people == [
        [rules.G, "Ani Lestari", *nurse, 0, 0, 12, "Perlu hadir", 3, 3, None, None]
        + ["Tidak", "Tidak", "Tidak"],
        [rules.D, "Sri Wahyuni", "PNS", "Fungsional", "Bidan", 12, 0, 0, 12, "Perlu hadir"]
        + [3, 3, None, None, "Tidak", "Tidak", "Tidak"],
        [ZAENAL, "Zaenal Arifin", *nurse, 0, 0, 12, "Perlu hadir", 3, 3, None, None]
        + ["Tidak", "Tidak", "Tidak"],
        [AHMAD, "Ahmad Yani", *nurse, 0, 0, 12, "Perlu hadir", 3, 3, None, "2022-12-12"]
        + ["Tidak", "Tidak", "Tidak"],
        [rules.C, "Tri Utami", *nurse, 4, 4, 8, "Perlu hadir", 1, 3, None, "2023-07-03"]
        + ["Tidak", "Tidak", "Tidak"],
        [rules.A, "dr. Budi Santoso, M.M.", "PNS", "Fungsional", "Dokter", 12, 4, 4, 8]
        + ["Perlu hadir", 1, 3, None, "2023-07-03", "Tidak", "Ya", "Tidak"],
    ]
    assert sheets["Hampir memenuhi syarat hadir"] == [
        ["NIP", "Nama", "Kode Kegiatan", "Nama Kegiatan", "Tanggal", "Menit hadir"]
        + ["Menit disyaratkan"],
        [rules.G, "Ani Lestari", rules.S1, "Core Value BerAKHLAK", "2023-07-03", 140, 144],
    ]
    assert sheets["Belum mengisi kebutuhan"] == [
        ["NIP", "Nama"],
        [AHMAD, "Ahmad Yani"],
        [rules.G, "Ani Lestari"],
        [rules.D, "Sri Wahyuni"],
        [rules.C, "Tri Utami"],
        [ZAENAL, "Zaenal Arifin"],
    ]


def test_the_summarys_workbook_cell_by_cell(warehouse, tmp_path):  # noqa: F811
    from sqlalchemy import text

    with warehouse.begin() as conn:  # one quarantined row, to see a reason in words
        conn.execute(
            text(
                "insert into quarantine (sumber, worksheet, baris, alasan, pesan, data) values "
                "('kegiatan', 'daftar_hadir', 9, 'nip_unknown', 'x', '{\"NIP\": \"1\"}')"
            )
        )
    sheets = attached(week_emails(warehouse, tmp_path)["bkpsdm"])
    assert list(sheets) == [
        "Peringkat OPD",
        "Nama Zoom belum cocok",
        "Menunggu verifikasi",
        "Karantina per alasan",
        "Kebutuhan per OPD",
    ]
    # Sari's course made SETDA 50 % last week already: last week's ranks are real
    assert sheets["Peringkat OPD"] == [
        ["Peringkat", "Peringkat minggu lalu", "Perubahan", "Kode OPD", "Nama OPD"]
        + ["Jumlah ASN", "Memenuhi", "% memenuhi", "Memenuhi minggu lalu", "Baru memenuhi"]
        + ["JP minggu ini", "JP minggu ini dari pengembangan mandiri"]
        + ["ASN yang mendapat JP minggu ini", "Ada alamat email"],
        [1, 1, "tetap", "SETDA", "Sekretariat Daerah", 2, 1, 50, 1, 0, 4, 0, 1, "Tidak"],
        [2, 2, "tetap", "DINKES", "Dinas Kesehatan", 6, 0, 0, 0, 0, 8, 0, 2, "Ya"],
    ]
    # the host account ("BKPSDM  sragen") is not a name to review
    assert sheets["Nama Zoom belum cocok"] == [
        ["Kode Kegiatan", "Baris", "Nama Zoom", "Jenis nama", "Email", "Menit"],
        [rules.S1, 7, "Sri Wahyuni", "mungkin ASN", None, 180],
        [rules.S1, 12, "iPad", "perangkat/ruangan", None, 180],
    ]
    assert sheets["Menunggu verifikasi"] == [
        ["NIP", "Nama", "Kode OPD", "Nama OPD", "Nama Kegiatan", "Penyelenggara", "JP"]
        + ["Dilaporkan", "Hari menunggu (s.d. 9 Juli 2023)"],
        [rules.D, "Sri Wahyuni", "DINKES", "Dinas Kesehatan", "Webinar Gizi", "Kemenkes", 3]
        + ["2023-06-20", 19],
    ]
    assert sheets["Karantina per alasan"] == [
        ["Alasan", "Kode alasan", "Jumlah baris"],
        ["NIP tidak ada di daftar pegawai", "nip_unknown", 1],
    ]
    kinds = ("Teknis", "Manajerial", "Sosial Kultural")
    assert sheets["Kebutuhan per OPD"] == [
        ["Kode OPD", "Nama OPD"]
        + [
            f"{k}: {what}" for k in kinds for what in ("ASN meminta", "ASN mendapat JP", "kegiatan")
        ],
        ["DINKES", "Dinas Kesehatan", 0, 0, 0, 1, 0, 0, 0, 2, 1],
        ["SETDA", "Sekretariat Daerah", 1, 0, 0, 0, 0, 0, 1, 1, 1],
    ]
    # nothing a reader would have to decode: no JSON, no 0/1 flags as text
    cells = [c for rows in sheets.values() for row in rows for c in row if isinstance(c, str)]
    assert not [c for c in cells if c.startswith(("{", "["))]
