import csv
import io

import pytest

from mekar.extract.base import RawWorksheet
from mekar.validate.contracts import resolve_table
from mekar.validate.names import fold_name, fold_opd_token, fold_written, split_zoom_name
from mekar.validate.prepare import PREPARERS, Reference
from tests.sql_unit import run_model


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Drs. Sugeng Mulyani, S.Sos.", "sugeng mulyani"),
        ("dr. Rini Widodo", "rini widodo"),
        ("Hj. Kristiani Purnomo, M.M.", "kristiani purnomo"),
        ("H. Yuli Hidayat, S.Kom.", "yuli hidayat"),
        ("Ir. Bambang  Sari,  S.E.,  M.M.", "bambang sari"),
        ("Dr. Eko Astuti, S.H., A.Md.", "eko astuti"),
        ("  TEGUH   handayani ", "teguh handayani"),
        ("Teguh Nur'aini, S.Pd.", "teguh nur'aini"),
        ("H Anton Haryanto", "anton haryanto"),
        ("Siti Aminah, S.Pd.SD", "siti aminah"),
        ("Rudi Hartono, S.Si., M.Hum.", "rudi hartono"),
        ("Rudi Hartono S.I.Kom.", "rudi hartono"),
        ("Yuli Astuti, A.Ma.Pd.", "yuli astuti"),
        ("Budi Santoso, SE", "budi santoso"),
        ("Dr.Ani Lestari", "ani lestari"),
        ("Hj.Siti Aminah", "siti aminah"),
        ("198503122010011003, Budi Santoso", "budi santoso"),
    ],
)
def test_titles_case_and_spaces_are_folded(written, key):
    assert fold_name(written) == key


def test_nip_and_opd_tokens_are_removed_from_zoom_names():
    tokens = [
        fold_opd_token("KEC_GEMOLONG"),
        fold_opd_token("DINKES"),
        fold_opd_token("Kec. Gemolong"),
    ]
    assert fold_name("198507302007061010_Tri Astuti_KEC_GEMOLONG", tokens) == "tri astuti"
    assert fold_name("19700525 199412 2 008 Sumarni Widodo", tokens) == "sumarni widodo"
    assert fold_name("197705272005011008_Heru Widodo_DINKES", tokens) == "heru widodo"
    # a mistyped NIP and lone separators are not part of the name
    assert fold_name("19850312201001100_Budi Santoso_DINKES", tokens) == "budi santoso"
    assert fold_name("Budi Santoso - Dinkes", tokens) == "budi santoso"
    # An OPD word inside a name is kept: only a trailing OPD token is dropped.
    assert fold_name("Dinkes Rahayu", tokens) == "dinkes rahayu"


def test_zoom_name_with_original_name_in_parentheses():
    assert split_zoom_name("015_Loki (Loki Laufeyson)") == ("015_Loki", "Loki Laufeyson")
    assert split_zoom_name("iPhone") == ("iPhone", None)
    assert split_zoom_name("(Budi)") == ("(Budi)", None)


def test_a_bare_hj_is_a_title_as_hj_with_its_dot_is():
    # "Hj" typed without its dot (issue 29): stripped like "Hj.", or rule 2c loses the name
    assert fold_name("Hj Siti Aminah") == fold_name("Hj. Siti Aminah, S.Pd.") == "siti aminah"
    assert fold_name("HJ SITI AMINAH") == "siti aminah"


CLEAN = "Hj. Anton Utami"


@pytest.mark.parametrize(
    "pasted",
    [
        "Hj. Anton\u200b Utami",  # zero-width space (issue 29's case)
        "\u200fHj. Anton Utami",  # right-to-left mark
        "Hj. Anton Utami\u200e",  # left-to-right mark
        "\ufeffHj. Anton Utami",  # byte order mark
        "Hj.\u00a0Anton\u00a0Utami",  # no-break spaces
        "Hj. An\u00adton Utami",  # soft hyphen
        "\u202bHj. Anton\u2060 Utami\u202c",  # embedding, word joiner
        "\u2067Hj. Anton Utami\u2069",  # isolate
    ],
)
def test_invisible_characters_never_change_a_name(pasted):
    assert fold_written(pasted) == fold_written(CLEAN) == "hj. anton utami"
    assert fold_name(pasted) == fold_name(CLEAN) == "anton utami"


def test_a_zero_width_space_is_no_space():
    # between two letters it shows nothing, so the name reads as one word, as folded
    assert fold_written("Anton\u200bUtami") == "antonutami"


def test_a_nip_split_by_an_invisible_character_is_still_read_from_a_zoom_name():
    pasted = "1985031220\u200b10011003_Budi Santoso"
    assert fold_name(pasted) == "budi santoso"


# --- rule 2c from the cells: roster and Zoom tab through their preparers, then the SQL ----

ROSTER_CSV = """
NIP,Nama,Jenis ASN,Kode OPD,Jabatan,Jenis Jabatan,Golongan,Aktif,Email
198503122010011003,"Hj. Siti Aminah, S.Pd.",PNS,DINKES,Guru,Fungsional,III/c,Ya,
198001012005011001,Hj. Anton Utami,PNS,DINKES,Perawat,Fungsional,III/a,Ya,
"""
ZOOM_CSV = """
Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Hj Siti Aminah,,07/03/2023 8:00:00 AM,07/03/2023 11:00:00 AM,180,No
Hj. Anton\u200b Utami,,07/03/2023 8:00:00 AM,07/03/2023 11:00:00 AM,180,No
"""
_ZOOM_COLUMNS = (
    "kode_kegiatan", "row_key", "baris", "nama_zoom", "email", "guest", "join_s", "leave_s",
    "nip_tampilan", "nip_asli", "kunci_tampilan", "kunci_asli", "tertulis_tampilan",
    "tertulis_asli",
)  # fmt: skip


def _records(kind: str, spreadsheet: str, worksheet: str, text: str, ref: Reference):
    cells = list(csv.reader(io.StringIO(text.strip())))
    table = resolve_table(RawWorksheet(spreadsheet, worksheet, cells), kind)
    return list(PREPARERS[kind](table, ref)[0])


def test_rule_2c_matches_a_bare_hj_and_a_name_with_a_zero_width_space(warehouse_url):
    ref = Reference(session_codes={"K1"})
    ref.add_opd("DINKES", "Dinas Kesehatan", None)
    roster = [
        {k: r[k] for k in ("nip", "aktif", "nama_kunci", "nama_tertulis")}
        for r in _records("pegawai", "master", "pegawai", ROSTER_CSV, ref)
    ]
    zoom = [
        {k: int(r[k]) if k == "guest" else r[k] for k in _ZOOM_COLUMNS}
        for r in _records("zoom", "log_zoom", "K1", ZOOM_CSV, ref)
    ]
    names = run_model(warehouse_url, "int_roster_name", {"stg_pegawai": roster})
    written = run_model(warehouse_url, "int_roster_name_tertulis", {"stg_pegawai": roster})
    matched = run_model(
        warehouse_url,
        "int_zoom_matched",
        {
            "stg_zoom": zoom,
            "stg_pegawai": roster,
            "int_roster_email": (["email", "nip"], []),
            "int_roster_name": [{"nama_kunci": k, "nip": n} for k, n in names],
            "int_roster_name_tertulis": [
                {"nama_tertulis": t, "nip": n, "jumlah": j} for t, n, j in written
            ],
            "int_koreksi_cocokkan": (["kode_sasaran", "nama_kunci", "nip"], []),
        },
    )
    # "Hj Siti Aminah" is not written as on the roster: it matches with titles stripped;
    # the zero-width space is gone from the name as written, and from the name kept
    assert [(r[2], r[3], r[8], r[9]) for r in matched] == [
        (2, "Hj Siti Aminah", "198503122010011003", "nama"),
        (3, "Hj. Anton Utami", "198001012005011001", "nama"),
    ]
