"""Validated rows held as one tuple per row (mekar.validate.records): what goes in comes out,
field by field, in whatever column order the load asks for."""

from mekar.validate.records import Records


def test_records_drop_check_fields_and_read_back_as_dicts():
    records = Records.of(
        [
            {"baris": 2, "nip": "198503122010011003", "_nip_status": "ok", "nama": "Budi"},
            {"baris": 3, "nip": None, "_nip_status": "nip_invalid", "nama": "Sari"},
        ]
    )
    assert records.fields == ("baris", "nip", "nama")
    assert records.rows == [(2, "198503122010011003", "Budi"), (3, None, "Sari")]
    assert list(records) == [
        {"baris": 2, "nip": "198503122010011003", "nama": "Budi"},
        {"baris": 3, "nip": None, "nama": "Sari"},
    ]
    assert records[1] == {"baris": 3, "nip": None, "nama": "Sari"}
    assert records[1:] == [{"baris": 3, "nip": None, "nama": "Sari"}]
    assert records.column("nama") == ["Budi", "Sari"]
    assert len(Records.of([])) == 0 and Records.of([]) == []


def test_values_in_follow_the_asked_order_and_fill_missing_columns_with_none():
    records = Records(("a", "b"), [(1, 2), (3, 4)])
    assert list(records.values_in(["b", "a"])) == [[2, 1], [4, 3]]
    assert list(records.values_in(["b"])) == [[2], [4]]
    assert list(records.values_in(["b", "x", "a"])) == [[2, None, 1], [4, None, 3]]
    first = next(records.values_in(["a", "b"]))
    first[0] = 99  # a fresh list: the caller may pin scope values into it
    assert records.rows[0] == (1, 2)


def test_a_single_field_record():
    records = Records.of([{"kode": "A"}, {"kode": "B"}])
    assert records.rows == [("A",), ("B",)] and list(records.values_in(["kode"])) == [["A"], ["B"]]


def test_spooled_records_wait_on_disk_and_read_back_exactly():
    from datetime import datetime

    from mekar.validate.records import Spool, SpooledRecords

    spool = Spool()
    first = spool.keep(Records(("baris", "join_at"), [(2, datetime(2023, 7, 3, 8, 0)), (3, None)]))
    second = spool.keep(Records(("baris",), [(9,)]))
    empty = spool.keep(Records(("baris",), []))
    assert isinstance(first, SpooledRecords) and not isinstance(empty, SpooledRecords)
    assert len(first) == 2 and len(second) == 1 and len(empty) == 0
    assert list(second) == [{"baris": 9}]  # each block read back from its own offset
    assert first[0] == {"baris": 2, "join_at": datetime(2023, 7, 3, 8, 0)}
    assert list(first.values_in(["join_at", "baris"])) == [
        [datetime(2023, 7, 3, 8, 0), 2],
        [None, 3],
    ]
    assert first.column("baris") == [2, 3] and first == [
        {"baris": 2, "join_at": datetime(2023, 7, 3, 8, 0)},
        {"baris": 3, "join_at": None},
    ]
