"""Invisible characters never cost a credit (issue 29): a zero-width space, a direction mark
or a byte order mark pasted into a name, a NIP, a code or a header is dropped on the way in;
a NIP that needed it loads and the run log names its cell."""

from __future__ import annotations

import unicodedata

from sqlalchemy import text

from mekar.extract.base import RawWorksheet
from mekar.validate.contracts import NOTES_SHOWN, resolve_table
from mekar.validate.invisible import drop_invisible, has_invisible, show_invisible
from mekar.validate.prepare import PREPARERS, Reference
from tests.helpers import run_stages, write_files
from tests.test_rules import (
    CREDITS_2023,
    DAFTAR_HADIR,
    PEGAWAI,
    S2022,
    ZOOM_002,
    ZOOM_004,
    A,
    C,
    _targets,
    year_files,
)

ZWSP, RLM, LRM, BOM = "\u200b", "\u200f", "\u200e", "\ufeff"


def test_every_format_character_is_dropped_and_shown():
    # Unicode's category Cf, in the Basic Multilingual Plane (the rest is covered as of
    # Unicode 15); what the other planes hold varies with Python's Unicode version
    format_chars = [chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Cf"] + [
        chr(c) for c in (0x110BD, 0xE0001, 0xE0041, 0x1D173)
    ]
    assert len(format_chars) > 40
    for char in format_chars:
        assert drop_invisible(f"A{char}B") == "AB", f"U+{ord(char):04X}"
        assert has_invisible(f"A{char}B")
        assert show_invisible(f"A{char}B") == f"A<U+{ord(char):04X}>B"


def test_visible_text_is_left_as_it_is():
    for written in ("Budi Santoso", "Nur'aini Ngatiyem", "Siti Müller", "Ani 🙂", "ÅÉ", ""):
        assert drop_invisible(written) == written
        assert not has_invisible(written)
        assert show_invisible(written) == written
    # a no-break space is a space: kept as one, not shown as a mark
    assert drop_invisible("Siti\u00a0Aminah\u202f") == "Siti Aminah "
    assert not has_invisible("Siti\u00a0Aminah")


def _table(kind: str, spreadsheet: str, worksheet: str, rows: list[list[str]]):
    return resolve_table(RawWorksheet(spreadsheet, worksheet, rows), kind)


def test_cells_and_headers_are_read_without_invisible_characters():
    table = _table(
        "daftar_hadir",
        "kegiatan",
        "daftar_hadir",
        [
            ["Timestamp", f"{BOM}Kode Kegiatan", f"NIP{ZWSP}", "Nama", f"Unit{LRM} Kerja"],
            ["2/8/2023 8:10:00", f"MEKAR-2023-003{ZWSP}", f"{BOM}198001012005011001", "X", "Y"],
            [ZWSP, "", RLM, "", "\u00a0"],  # nothing a person can see: a blank row
        ],
    )
    assert table.blank_rows == 1 and len(table.records) == 1
    _, cells = table.records[0]
    assert table.cell(cells, "Kode Kegiatan") == "MEKAR-2023-003"
    assert table.values("Kode Kegiatan") == ["MEKAR-2023-003"]
    assert table.cell(cells, "NIP") == "198001012005011001"
    assert table.typed(cells, "NIP") == f"{BOM}198001012005011001"  # for the NIP's note
    assert table.raw(cells)[f"{BOM}Kode Kegiatan"] == f"MEKAR-2023-003{ZWSP}"  # quarantine


def _pegawai(nips: list[str]) -> tuple[list[dict], list[str]]:
    header = "NIP,Nama,Jenis ASN,Kode OPD,Jabatan,Jenis Jabatan,Golongan,Aktif,Email".split(",")
    rows = [header] + [[nip, f"Nama {i}", "PNS", "DINKES", "X", "Y", "", "Ya", ""] for i, nip in
                       enumerate(nips)]  # fmt: skip
    sheet = RawWorksheet("master", "pegawai", rows)
    ref = Reference()
    ref.add_opd("DINKES", "Dinas Kesehatan", None)
    records, _ = PREPARERS["pegawai"](resolve_table(sheet, "pegawai"), ref)
    return records, sheet.notes


def test_a_roster_nip_with_invisible_characters_loads_and_is_noted():
    records, notes = _pegawai([f"{BOM}198503122010011003", "198001012005011001"])
    assert [(r["nip"], r["_nip_status"]) for r in records] == [
        ("198503122010011003", "ok"),
        ("198001012005011001", "ok"),
    ]
    assert notes == [
        "baris 2, kolom NIP: NIP '<U+FEFF>198503122010011003' berisi karakter tak terlihat "
        "(mis. dari salin-tempel); sudah dibersihkan menjadi 198503122010011003"
    ]


def test_a_whole_column_of_invisible_characters_is_noted_in_a_few_lines():
    nips = [f"19850312201001{gender}{n:03}{ZWSP}" for gender in "12" for n in range(1, 5)]
    records, notes = _pegawai(nips)
    assert all(r["_nip_status"] == "ok" for r in records)
    assert len(notes) == NOTES_SHOWN + 1
    assert notes[0].startswith("baris 2, kolom NIP: NIP '198503122010011001<U+200B>'")
    assert notes[-1] == f"dan {len(nips) - NOTES_SHOWN} sel lain yang juga dibersihkan"


# --- end to end: the rules year (tests/test_rules.py) pasted with invisible characters ----


def test_invisible_characters_cost_no_credit_end_to_end(tmp_path, warehouse_url):
    files = year_files()
    # roster NIPs with a byte order mark and a zero-width space
    files["master/pegawai.csv"] = PEGAWAI.replace(A, BOM + A).replace(C, C[:13] + ZWSP + C[13:])
    # a check-in: a zero-width space after the session code, marks around the NIP, a header
    files["kegiatan/daftar_hadir.csv"] = (
        DAFTAR_HADIR.replace("MEKAR-2023-003,198001012005011001", f"MEKAR-2023-003{ZWSP},{LRM}{C}")
        .replace("Timestamp,Kode Kegiatan,NIP", f"Timestamp,Kode Kegiatan,NIP{ZWSP}")
    )  # fmt: skip
    # a Zoom display name with a right-to-left mark and a zero-width space (rule 2c), and
    # a tab named by its code with a zero-width space
    files["log_zoom/MEKAR-2023-004.csv"] = ZOOM_004.replace(
        "Ani Lestari", f"{RLM}Ani{ZWSP} Lestari"
    )
    del files["log_zoom/MEKAR-2023-002.csv"]
    files[f"log_zoom/MEKAR-2023-002{ZWSP}.csv"] = ZOOM_002
    engine, extracted, *_ = run_stages(
        write_files(tmp_path / "data", files), warehouse_url, _targets
    )
    try:
        with engine.connect() as conn:
            credits = [
                tuple(r)
                for r in conn.execute(
                    text(
                        "select tahun, nip, kode_kegiatan, jp, bukti, menit_zoom from fct_credits "
                        "order by tahun, nip, kode_kegiatan"
                    )
                )
            ]
            quarantined = conn.execute(text("select count(*) from quarantine")).scalar()
            names = set(conn.scalars(text("select nama_zoom from src_zoom")))
        # every credit of the clean case, Ani's 2 JP by her name in session 004 among them
        assert credits == [(2022, A, S2022, 20, "zoom", 180.0), *CREDITS_2023]
        assert quarantined == 0
        assert "Ani Lestari" in names  # kept as it reads
        nip_note = "berisi karakter tak terlihat (mis. dari salin-tempel); sudah dibersihkan"
        assert extracted.notes == [
            f"master/pegawai.csv: baris 2, kolom NIP: NIP '<U+FEFF>{A}' {nip_note} menjadi {A}",
            f"master/pegawai.csv: baris 4, kolom NIP: NIP '{C[:13]}<U+200B>{C[13:]}' "
            f"{nip_note} menjadi {C}",
            f"kegiatan/daftar_hadir.csv: baris 2, kolom NIP: NIP '<U+200E>{C}' {nip_note} "
            f"menjadi {C}",
        ]
    finally:
        engine.dispose()
