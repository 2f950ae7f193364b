"""The review list: what an unmatched Zoom name is, and the roster candidates shown for it
only when two measures agree."""

from __future__ import annotations

from openpyxl import load_workbook

from mekar.deliver.xlsx_safe import workbook_bytes
from mekar.report.review import Roster, kind_of


def _person(nip, nama, kunci, opd):
    return {
        "nip": nip,
        "nama": nama,
        "nama_kunci": kunci,
        "kode_opd": opd,
        "nama_opd": {"DINKES": "Dinas Kesehatan", "SETDA": "Sekretariat Daerah"}[opd],
        "alias": None,
    }


ROSTER = Roster(
    [
        _person("A", "Dimas Anggara Putra", "dimas anggara putra", "SETDA"),
        _person("B", "Sri Wahyuni, S.E.", "sri wahyuni", "DINKES"),
        _person("C", "Sri Wahyuni", "sri wahyuni", "SETDA"),
        _person("D", "Andreas Pranata", "andreas pranata", "DINKES"),
    ]
)


def test_devices_rooms_and_hosts_are_kept_apart():
    hosts = frozenset({"bkpsdm sragen"})
    assert kind_of("iPhone 11", hosts) == "perangkat"
    assert kind_of("HP Andreas", hosts) == "perangkat"
    assert kind_of("Galaxy A52  Bu Rina", hosts) == "perangkat"
    assert kind_of("Ruang Rapat Dinkes", hosts) == "perangkat"
    assert kind_of("Zoom user", hosts) == "perangkat"
    assert kind_of("BKPSDM  Sragen", hosts) == "host"
    assert kind_of("Dimas Anggara", hosts) == "orang"
    assert kind_of("Sri Wahyuni Sekretariat Daerah", hosts) == "orang"


def test_candidates_only_where_both_measures_agree():
    # a cut-off name: most words shared and spelled alike
    [dimas] = ROSTER.candidates("Dimas Anggara")
    assert (dimas.nip, dimas.skor) == ("A", 74)
    # one shared word of three is not enough, however alike the spelling
    assert ROSTER.candidates("HP Andreas") == []
    assert ROSTER.candidates("Budi Santoso") == []


def test_an_opd_in_the_name_narrows_the_candidates():
    both = ROSTER.candidates("Sri Wahyuni")
    assert [c.nip for c in both] == ["B", "C"]
    [dinkes] = ROSTER.candidates("Sri Wahyuni_DINKES")
    assert (dinkes.nip, dinkes.kode_opd, dinkes.skor) == ("B", "DINKES", 100)
    [setda] = ROSTER.candidates("Sri Wahyuni Sekretariat Daerah")
    assert setda.nip == "C"


def test_workbook_cells_never_run_as_formulas(tmp_path):
    from datetime import datetime

    row = ['=HYPERLINK("http://x")', "+62", "0812", "www.x.example", 12.5, None]
    data = workbook_bytes([("s", ["a", "b", "c", "d", "e", "f"], [row])])
    (tmp_path / "r.xlsx").write_bytes(data)
    sheet = load_workbook(tmp_path / "r.xlsx").active
    cells = list(sheet.iter_rows())[1]
    assert [c.value for c in cells] == [
        '=HYPERLINK("http://x")',
        "+62",
        "0812",
        "www.x.example",
    ] + [
        12.5,
        None,
    ]
    assert [c.data_type for c in cells[:5]] == ["s", "s", "s", "s", "n"]
    assert sheet.freeze_panes == "A2"
    # with a stamp, the same rows give the same bytes, whenever they are written
    stamp = datetime(2023, 7, 9)
    first = workbook_bytes([("s", ["a"], [["x"]])], stamp)
    assert workbook_bytes([("s", ["a"], [["x"]])], stamp) == first
