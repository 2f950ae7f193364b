"""mekar.validate.guard: which worksheet fails instead of replacing the last good state."""

from __future__ import annotations

from mekar.validate.guard import guard_error
from mekar.validate.records import Records
from mekar.validate.suites import CheckedSheet, QuarantineRow


def _sheet(good: int, bad: list[tuple[str, str]]) -> CheckedSheet:
    sheet = CheckedSheet("pegawai", "master", "pegawai", "hash")
    sheet.records = Records.of([{"baris": n + 2, "nip": str(n)} for n in range(good)])
    sheet.quarantine = [
        QuarantineRow(
            "master",
            "pegawai",
            good + n + 2,
            alasan,
            f"master/pegawai baris {good + n + 2}, kolom {kolom}: NIP '1.98503E+17' rusak",
            "{}",
            kolom,
        )
        for n, (alasan, kolom) in enumerate(bad)
    ]
    return sheet


def test_a_column_lost_to_the_quarantine_fails_the_worksheet():
    sheet = _sheet(0, [("nip_precision_lost", "NIP")] * 239)
    error = guard_error(sheet, had=239, share=0.5)
    assert str(error) == (
        "Sumber 'master/pegawai': kolom NIP tersimpan sebagai angka, sehingga digit akhir NIP "
        "hilang: format kolom NIP sebagai Teks biasa di Google Sheets, ketik ulang NIP-nya atau "
        "salin dari sumber aslinya, lalu unduh ulang. 239 dari 239 baris masuk karantina (run "
        "lalu memuat 239 baris), terbanyak di kolom NIP (nip_precision_lost); contoh baris 2: "
        "NIP '1.98503E+17' rusak. Lembar kerja ini tidak dimuat: data lama tetap dipakai sampai "
        "diperbaiki."
    )


def test_the_share_is_the_line():
    # 120 of 239 lost: more than half fails; 119 does not.
    assert guard_error(_sheet(119, [("nip_invalid", "NIP")] * 120), 239, 0.5) is not None
    assert guard_error(_sheet(120, [("nip_invalid", "NIP")] * 119), 239, 0.5) is None


def test_rows_deleted_on_purpose_are_not_lost_to_the_quarantine():
    # The sheet now has 100 rows, 2 of them bad: the other 137 were deleted, not damaged.
    assert guard_error(_sheet(98, [("nip_invalid", "NIP")] * 2), 239, 0.5) is None


def test_a_first_load_has_nothing_to_keep():
    assert guard_error(_sheet(0, [("nip_invalid", "NIP")] * 10), 0, 0.5) is None


def test_rows_that_follow_another_sheet_never_fail_this_one():
    # A session whose catalog row is broken quarantines its whole Zoom tab: that is the
    # catalog's fault, and the tab's rows follow it.
    sheet = _sheet(0, [("session_quarantined", "(nama lembar kerja)")] * 50)
    assert guard_error(sheet, 50, 0.5) is None
    mixed = _sheet(0, [("nip_unknown", "NIP")] * 30 + [("tanggal_invalid", "Tanggal")] * 20)
    assert guard_error(mixed, 50, 0.5) is None  # 20 of 50 own faults: below the line
