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


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("\ufeff198503122010011003", "<U+FEFF>198503122010011003"),  # byte order mark
        ("1985031220100\u200b11003", "1985031220100<U+200B>11003"),  # zero-width space
        ("\u200e19850312 201001 1 003\u200f", "<U+200E>19850312 201001 1 003<U+200F>"),
        ("'19850312\u2060201001\u00ad1003", "'19850312<U+2060>201001<U+00AD>1003"),
    ],
)
def test_invisible_characters_in_a_nip_are_dropped_and_noted(typed, shown):
    checked = check_nip(typed)
    assert (checked.status, checked.nip, checked.message) == (NIP_OK, "198503122010011003", "")
    assert checked.note == (
        f"NIP '{shown}' berisi karakter tak terlihat (mis. dari salin-tempel); "
        "sudah dibersihkan menjadi 198503122010011003"
    )


def test_a_nip_without_invisible_characters_has_no_note():
    assert check_nip("19850312\u00a0201001 1 003").note == ""  # a no-break space separates
    assert check_nip("198503122010011003").note == ""


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1985031220100\u200b1100", "NIP '1985031220100<U+200B>1100' berisi 17 digit, bukan 18"),
        ("\u200b", "NIP kosong (hanya berisi <U+200B>)"),
        ("\ufeff1.98503E+17", "NIP '<U+FEFF>1.98503E+17' rusak"),
    ],
)
def test_a_rejected_nip_shows_its_invisible_characters(typed, message):
    # the cell looks like a NIP: the message says what else is in it
    checked = check_nip(typed)
    assert checked.nip is None and checked.note == ""
    assert checked.message.startswith(message)


def test_a_nip_split_by_an_invisible_character_in_a_zoom_name():
    assert find_nip_in_text("19850312\u200b201001 1 003_Budi") == "198503122010011003"
    assert clean_nip("\ufeff1985 0312") == "19850312"
