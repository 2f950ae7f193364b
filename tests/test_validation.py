"""Validation: a missing column fails the worksheet by name; bad rows are quarantined with
the contract's reason, their raw cells and a message naming sheet, row and column."""

import json

import pytest

from mekar.errors import SourceError
from mekar.extract.base import RawWorksheet
from mekar.validate.contracts import resolve_table
from mekar.validate.prepare import Reference
from mekar.validate.suites import validate_table


def _sheet(spreadsheet, title, text):
    return RawWorksheet(spreadsheet, title, [line.split(",") for line in text.strip().splitlines()])


def _ref():
    ref = Reference()
    ref.add_opd("DINKES", "Dinas Kesehatan", "Dinkes;Dinas Kesehatan Sragen")
    ref.roster_nips = {"198503122010011003", "199001012015012001"}
    ref.session_codes = {"MEKAR-2023-001"}
    return ref


def test_missing_required_column_names_sheet_and_column():
    sheet = _sheet(
        "kegiatan",
        "daftar_hadir",
        "Timestamp,Kode Kegiatan,Nama,Unit Kerja\n1/1/2023 8:00:00,A,B,C",
    )
    with pytest.raises(SourceError) as error:
        resolve_table(sheet, "daftar_hadir")
    message = str(error.value)
    assert "kegiatan/daftar_hadir" in message and "'NIP'" in message


def test_headers_match_case_and_spaces_and_aliases():
    sheet = _sheet(
        "kebutuhan",
        "Form Responses 1",
        "timestamp,  nip ,Nama  Lengkap,Unit Kerja,Jenis Kompetensi,Topik Pelatihan Baru,"
        "Jalur Pengembangan,Model Pembelajaran,Nomor WA\n5/7/2023 10:00:00,x,y,z,a,b,c,d,e",
    )
    table = resolve_table(sheet, "kebutuhan", {"Topik yang Dibutuhkan": ["Topik Pelatihan Baru"]})
    assert table.columns["Topik yang Dibutuhkan"] == 5
    assert table.columns["NIP"] == 1


def test_renamed_question_beside_its_old_column_reads_both():
    sheet = _sheet(
        "kebutuhan",
        "Form Responses 1",
        "Timestamp,NIP,Nama Lengkap,Unit Kerja,Jenis Kompetensi,Topik yang Dibutuhkan,"
        "Jalur Pengembangan,Model Pembelajaran,Topik Pelatihan Baru\n"
        "5/6/2023 10:00:00,1,Budi,Dinkes,Teknis,Arsip,Kursus,Flexible Learning,\n"
        "5/8/2023 10:00:00,2,Sari,Setda,Teknis,,Kursus,Flexible Learning,Kepemimpinan",
    )
    table = resolve_table(sheet, "kebutuhan", {"Topik yang Dibutuhkan": ["Topik Pelatihan Baru"]})
    assert [table.cell(cells, "Topik yang Dibutuhkan") for _, cells in table.records] == [
        "Arsip",
        "Kepemimpinan",
    ]


def test_daftar_hadir_rows_are_quarantined_with_the_first_reason():
    sheet = _sheet(
        "kegiatan",
        "daftar_hadir",
        """
Timestamp,Kode Kegiatan,NIP,Nama,Unit Kerja
3/7/2023 8:00:00,MEKAR-2023-001,19850312 201001 1 003,Budi,Dinkes
3/7/2023 8:01:00,MEKAR-2023-001,1.98503E+17,Sari,Dinkes
3/7/2023 8:02:00,MEKAR-2023-001,19850312201001100,Tri,Dinkes
3/7/2023 8:03:00,MEKAR-2023-001,198001012005011001,Eko,Dinkes
3/7/2023 8:04:00,MEKAR-2023-099,199001012015012001,Ani,Dinkes
kemarin,MEKAR-2023-001,199001012015012001,Ani,Dinkes
3/7/2023 8:05:00,MEKAR-2023-001,'199001012015012001,Ani,Dinkes
""",
    )
    checked = validate_table(resolve_table(sheet, "daftar_hadir"), _ref(), "hash")
    assert [(r["baris"], r["nip"]) for r in checked.records] == [
        (2, "198503122010011003"),
        (8, "199001012015012001"),
    ]
    assert [(q.baris, q.alasan) for q in checked.quarantine] == [
        (3, "nip_precision_lost"),
        (4, "nip_invalid"),
        (5, "nip_unknown"),
        (6, "session_unknown"),
        (7, "timestamp_invalid"),
    ]
    lost = checked.quarantine[0]
    assert lost.pesan.startswith("kegiatan/daftar_hadir baris 3, kolom NIP:")
    assert json.loads(lost.data) == {
        "Timestamp": "3/7/2023 8:01:00",
        "Kode Kegiatan": "MEKAR-2023-001",
        "NIP": "1.98503E+17",
        "Nama": "Sari",
        "Unit Kerja": "Dinkes",
    }


def test_roster_rows_with_unknown_opd_or_duplicate_nip():
    sheet = _sheet(
        "master",
        "pegawai",
        """
NIP,Nama,Jenis ASN,Kode OPD,Jabatan,Jenis Jabatan,Aktif
198503122010011003,Budi,PNS,DINKES,Analis,Pelaksana,Ya
198503122010011003,Budi Lagi,PNS,DINKES,Analis,Pelaksana,Ya
199001012015012001,Ani,PPPK,DINAS_X,Analis,Pelaksana,Ya
198001012005011001,Eko,Honorer,DINKES,Analis,Pelaksana,Ya
197001012000011001,Sri,PNS,DINKES,Analis,Pelaksana,Tidak
""",
    )
    checked = validate_table(resolve_table(sheet, "pegawai"), _ref(), "hash")
    assert [(r["nip"], r["aktif"]) for r in checked.records] == [
        ("198503122010011003", True),
        ("197001012000011001", False),
    ]
    assert [(q.baris, q.alasan) for q in checked.quarantine] == [
        (3, "nip_duplikat"),
        (4, "opd_unknown"),
        (5, "jenis_asn_invalid"),
    ]
    assert "kolom Kode OPD" in checked.quarantine[1].pesan


def test_catalog_rows_with_invalid_jp_or_window():
    sheet = _sheet(
        "kegiatan",
        "kegiatan",
        """
Kode Kegiatan,Nama Kegiatan,Tanggal,Jam Mulai,Jam Selesai,JP,Jalur,Bentuk,Jenis Kompetensi,Moda,Narasumber,Min Kehadiran
MEKAR-2023-001,A,3/7/2023,08:00,11:00,4,Klasikal,Seminar,Teknis,Daring,X,
MEKAR-2023-002,B,17/7/2023,13.00,15.15,3,Klasikal,Seminar,Teknis,Daring,X,75
MEKAR-2023-003,C,20/11/2023,08:00,10:00,empat,Klasikal,Seminar,Teknis,Daring,X,80
MEKAR-2023-004,D,31/2/2023,08:00,10:00,2,Klasikal,Seminar,Teknis,Daring,X,80
MEKAR-2023-005,E,1/3/2023,10:00,08:00,2,Klasikal,Seminar,Teknis,Daring,X,80
MEKAR-2023-001,F,1/3/2023,08:00,10:00,2,Klasikal,Seminar,Teknis,Daring,X,80
""",
    )
    checked = validate_table(resolve_table(sheet, "kegiatan"), _ref(), "hash")
    assert [
        (r["kode_kegiatan"], r["min_kehadiran"], r["durasi_menit"]) for r in checked.records
    ] == [
        ("MEKAR-2023-001", 80.0, 180),
        ("MEKAR-2023-002", 75.0, 135),
    ]
    assert [(q.baris, q.alasan) for q in checked.quarantine] == [
        (4, "jp_invalid"),
        (5, "tanggal_invalid"),
        (6, "jam_invalid"),
        (7, "kode_duplikat"),
    ]


def test_zoom_tab_of_an_unknown_session_and_bad_intervals():
    header = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"
    rows = "Budi,,07/03/2023 8:00:00 AM,07/03/2023 9:00:00 AM,60,No\nSari,,07/03/2023 9:00:00 AM,07/03/2023 8:00:00 AM,0,No\nTri,,besok,07/03/2023 8:00:00 AM,0,No"
    known = validate_table(
        resolve_table(_sheet("log_zoom", "MEKAR-2023-001", f"{header}\n{rows}"), "zoom"),
        _ref(),
        "h",
    )
    assert [r["baris"] for r in known.records] == [2]
    assert [(q.baris, q.alasan) for q in known.quarantine] == [
        (3, "interval_invalid"),
        (4, "interval_invalid"),
    ]
    unknown = validate_table(
        resolve_table(_sheet("log_zoom", "MEKAR-2023-077", f"{header}\n{rows}"), "zoom"),
        _ref(),
        "h",
    )
    assert unknown.records == []
    assert {q.alasan for q in unknown.quarantine} == {"session_unknown"}


def test_a_row_pointing_at_a_quarantined_row_says_so(tmp_path):
    from mekar.extract.files import FilesSource
    from mekar.extract.worksheets import extract
    from mekar.validate.all_sources import validate_all
    from tests.helpers import write_files

    data = write_files(
        tmp_path,
        {
            "master/opd.csv": "Kode OPD,Nama OPD\nDINKES,Dinas Kesehatan",
            "master/pegawai.csv": "NIP,Nama,Jenis ASN,Kode OPD,Jabatan,Jenis Jabatan\n"
            "198503122010011003,Budi,PNS,DINAS_X,Analis,Pelaksana",
            "kegiatan/kegiatan.csv": "Kode Kegiatan,Nama Kegiatan,Tanggal,Jam Mulai,Jam Selesai,JP,Jalur,Bentuk,Jenis Kompetensi,Moda\n"
            "K1,A,3/7/2023,08:00,10:00,dua,Klasikal,Seminar,Teknis,Daring",
            "kegiatan/daftar_hadir.csv": "Timestamp,Kode Kegiatan,NIP,Nama,Unit Kerja\n"
            "3/7/2023 8:00:00,K1,198503122010011003,Budi,Dinkes",
        },
    )
    extracted = extract(FilesSource(data), ["Form Responses 1"])
    validated = validate_all(extracted, {}, 80.0, Reference)
    [checkin] = next(s for s in validated.sheets if s.worksheet == "daftar_hadir").quarantine
    assert checkin.alasan == "session_quarantined"  # not "unknown": fix the catalog row
    assert checkin.pesan.endswith(
        "Kode Kegiatan 'K1' ada di katalog tetapi barisnya dikarantina "
        "(kegiatan/kegiatan baris 2: jp_invalid)"
    )


def test_zoom_tabs_validated_together_keep_their_own_rows_and_reasons():
    """Every Zoom tab goes through Great Expectations in one frame: each bad row must still be
    quarantined in its own tab, under its own row number, and the good ones kept."""
    from mekar.validate.suites import _prepare, validate_tables

    header = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"
    good = "Budi,,07/03/2023 9:00:00 AM,07/03/2023 10:00:00 AM,60,No"
    backwards = "Sari,,07/03/2023 10:00:00 AM,07/03/2023 9:00:00 AM,0,No"
    ref = _ref()
    ref.session_codes = {"MEKAR-2023-001", "MEKAR-2023-002"}
    tabs = {
        "MEKAR-2023-001": [good, backwards, good.replace("Budi", "Eko")],
        "MEKAR-2023-002": [backwards, good],
        "MEKAR-2023-009": [good],  # not in the catalog: every row unknown
    }
    prepared = []
    for code, rows in tabs.items():
        table = resolve_table(_sheet("log_zoom", code, "\n".join([header, *rows])), "zoom")
        prepared.append((table, code, *_prepare(table, ref, 80.0)))
    checked = validate_tables(prepared)
    assert [(c.worksheet, len(c.records)) for c in checked] == [
        ("MEKAR-2023-001", 2),
        ("MEKAR-2023-002", 1),
        ("MEKAR-2023-009", 0),
    ]
    assert [(q.worksheet, q.baris, q.alasan) for c in checked for q in c.quarantine] == [
        ("MEKAR-2023-001", 3, "interval_invalid"),
        ("MEKAR-2023-002", 2, "interval_invalid"),
        ("MEKAR-2023-009", 2, "session_unknown"),
    ]
    assert [r["nama_zoom"] for r in checked[0].records] == ["Budi", "Eko"]


def test_zoom_tabs_in_small_batches_give_what_one_batch_gives_and_let_go_of_cells(
    tmp_path, monkeypatch
):
    """A year of logs is validated a batch of tabs at a time, each tab's cells released once
    checked: the rows and reasons are exactly those of one batch."""
    from mekar.extract.files import FilesSource
    from mekar.extract.worksheets import extract
    from mekar.validate import all_sources as suites
    from tests.conftest import GOLDEN

    def run():
        extracted = extract(FilesSource(GOLDEN / "mini"), ["Form Responses 1"])
        validated = suites.validate_all(extracted, {}, 80.0, Reference)
        zoom = [s for s in validated.sheets if s.kind == "zoom"]
        kept = {s.worksheet: (list(s.records), [q.__dict__ for q in s.quarantine]) for s in zoom}
        return extracted, kept

    _, whole = run()
    monkeypatch.setattr(suites._ZoomBatch, "ROWS", 2)
    extracted, batched = run()
    assert batched == whole and len(whole) >= 3
    assert sum(len(rows) for rows, _ in whole.values()) > 6  # several batches of two rows
    zoom_sheets = [sheet for kind, sheet in extracted.worksheets if kind == "zoom"]
    assert zoom_sheets and not any(sheet.parsed for sheet in zoom_sheets)
    # Released rows still count as read in the run log.
    fresh = extract(FilesSource(GOLDEN / "mini"), ["Form Responses 1"])
    assert extracted.row_count == sum(len(sheet.rows) for _, sheet in fresh.worksheets) > 0


PENGEMBANGAN_HEADER = (
    "Timestamp,NIP,Nama,Nama Kegiatan,Penyelenggara,Bentuk,Jalur,Jenis Kompetensi,"
    "Tanggal Mulai,Tanggal Selesai,JP,Nomor Sertifikat,Bukti,Status,Catatan,Diperiksa Oleh"
)


def test_outside_learning_rows_within_the_per_day_cap_and_their_year():
    row = "1/8/2023 9:00:00,198503122010011003,Budi,PJJ Kebijakan,LAN RI,PJJ,Nonklasikal,Teknis"
    sheet = _sheet(
        "pengembangan",
        "Form Responses 1",
        f"""
{PENGEMBANGAN_HEADER}
{row},5/6/2023,7/6/2023,30,LAN/1,,Diterima,,Admin
{row},5/6/2023,7/6/2023,31,LAN/2,,Diterima,,Admin
{row},27/12/2022,5/1/2023,24,LAN/3,,,,
{row},20/10/2023,18/10/2023,6,LAN/4,,Ditolak,sertifikat tidak terbaca,Admin
{row},8/6/2023,8/6/2023,8 JP,LAN/5,,Diterima,,Admin
{row},8/6/2023,6/13/2023,8,LAN/6,,Diterima,,Admin
{row},8/6/2023,8/6/2023,8,,,Dicek,,Admin
1/8/2023 9:00:00,199912312023011001,X,Webinar,BKN,Seminar,Klasikal,Manajerial,1/8/2023,1/8/2023,2,B/1,,Diterima,,Admin
""",
    )
    checked = validate_table(resolve_table(sheet, "pengembangan"), _ref(), "hash")
    # 30 JP over three days is the cap exactly; one spanning New Year counts in 2023; an
    # empty Status is a report still waiting
    assert [
        (r["baris"], r["jp"], r["tahun"], r["status"], r["kode_laporan"]) for r in checked.records
    ] == [
        (2, 30, 2023, "diterima", "MANDIRI-LAN/1"),
        (4, 24, 2023, "menunggu", "MANDIRI-LAN/3"),
    ]
    assert [(q.baris, q.alasan) for q in checked.quarantine] == [
        (3, "jp_invalid"),  # 31 JP in three days
        (5, "interval_invalid"),  # ends before it starts
        (6, "jp_invalid"),  # "8 JP"
        (7, "tanggal_invalid"),  # month first
        (8, "status_invalid"),
        (9, "nip_unknown"),
    ]
    assert "melebihi batas 10 JP per hari untuk 3 hari" in checked.quarantine[0].pesan


def test_corrections_that_name_nothing_real_are_quarantined():
    ref = _ref()
    ref.zoom_name_hits = {("MEKAR-2023-001", "hp andreas")}
    sheet = _sheet(
        "kegiatan",
        "koreksi",
        """
Timestamp,Jenis,Kode Kegiatan,Nama Zoom,NIP,Alasan,Oleh
5/9/2023 9:00:00,cocokkan,MEKAR-2023-001,HP  Andreas,198503122010011003,WA,Admin
5/9/2023 9:01:00,cocokkan,,hp andreas,198503122010011003,WA,Admin
5/9/2023 9:02:00,cocokkan,MEKAR-2023-001,Tablet,198503122010011003,WA,Admin
5/9/2023 9:03:00,beri,MEKAR-2023-001,,198503122010011003,,Admin
5/9/2023 9:04:00,beri,,,198503122010011003,panitia,Admin
5/9/2023 9:05:00,tambah,MEKAR-2023-001,,198503122010011003,panitia,Admin
5/9/2023 9:06:00,cabut,MEKAR-2023-099,,198503122010011003,salah,Admin
5/9/2023 9:07:00,cabut,MEKAR-2023-001,,199912312023011001,salah,Admin
5/9/2023 9:08:00,cabut,MEKAR-2023-001,,'19900101 201501 2 001,titip absen,Kabid
""",
    )
    checked = validate_table(resolve_table(sheet, "koreksi"), ref, "hash")
    # a name in case and spaces of its own still finds the log; every session's too
    assert [
        (r["baris"], r["jenis"], r["kode_kegiatan"], r["nama_kunci"], r["nip"])
        for r in checked.records
    ] == [
        (2, "cocokkan", "MEKAR-2023-001", "hp andreas", "198503122010011003"),
        (3, "cocokkan", None, "hp andreas", "198503122010011003"),
        (10, "cabut", "MEKAR-2023-001", None, "199001012015012001"),
    ]
    assert [(q.baris, q.alasan) for q in checked.quarantine] == [
        (4, "correction_invalid"),  # Tablet: in no log it points at
        (5, "correction_invalid"),  # no Alasan
        (6, "correction_invalid"),  # beri without a session
        (7, "correction_invalid"),  # an unknown Jenis
        (8, "session_unknown"),
        (9, "nip_unknown"),
    ]
