import pytest

from mekar.validate.nip import (
    NIP_INVALID,
    NIP_OK,
    NIP_PRECISION_LOST,
    check_nip,
    clean_nip,
    find_nip_in_text,
)


@pytest.mark.parametrize(
    "typed",
    [
        "198503122010011003",
        "19850312 201001 1 003",
        "19850312.201001.1.003",
        "19850312-201001-1-003",
        "'198503122010011003",
        " 198503122010011003 ",
    ],
)
def test_typed_nips_clean_to_the_same_nip(typed):
    assert check_nip(typed).nip == "198503122010011003"
    assert check_nip(typed).status == NIP_OK


@pytest.mark.parametrize(
    "typed",
    [
        "1.98503E+17",
        "1,98503E+17",
        "1.98503122010011E+17",
        "198503122010011000",
        "'198503122010011000",
    ],
)
def test_precision_lost_nips_are_never_guessed(typed):
    checked = check_nip(typed)
    assert checked.status == NIP_PRECISION_LOST
    assert checked.nip is None
    assert "rusak" in checked.message


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("19870101201001100", "17 digit"),  # a digit short
        ("1985031220100110031", "19 digit"),
        ("19850312201001100X", "selain angka"),
        ("198513122010011003", "tanggal lahir"),  # month 13
        ("198502302010011003", "tanggal lahir"),  # 30 February
        ("198503122010013003", "jenis kelamin"),  # gender digit 3
        ("", "kosong"),
    ],
)
def test_invalid_nips_say_why(typed, why):
    checked = check_nip(typed)
    assert checked.status == NIP_INVALID
    assert checked.nip is None
    assert why in checked.message


def test_pppk_numbers_are_not_held_to_the_pns_layout():
    # NI PPPK: birth date, then positions not confirmed (here "2023 21"), gender digit 15
    assert check_nip("199301152023212017").nip == "199301152023212017"


def test_clean_nip_only_removes_separators():
    assert clean_nip("1985 0312.2010-01'1003") == "198503122010011003"


@pytest.mark.parametrize(
    ("name", "nip"),
    [
        ("198503122010011003_Budi Santoso_DINKES", "198503122010011003"),
        ("19850312 201001 1 003 Budi Santoso", "198503122010011003"),
        ("Budi 19850312.201001.1.003", "198503122010011003"),
        ("Budi Santoso", None),
        ("015_Loki", None),
        ("1985031220100110031_Budi", None),  # 19 digits is not a NIP
    ],
)
def test_nip_written_in_a_zoom_name(name, nip):
    assert find_nip_in_text(name) == nip
