import pytest

from mekar.validate.names import fold_name, fold_opd_token, split_zoom_name


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
