"""The bulk stages pause the cyclic collector for their own run only."""

from __future__ import annotations

import gc

import pytest

from mekar.bulk import bulk_stage
from mekar.validate.contracts import SheetTable


def test_the_collector_is_paused_inside_and_restored_after():
    seen = []

    @bulk_stage
    def stage(fail: bool = False):
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("rusak")
        return "selesai"

    assert gc.isenabled()
    assert stage() == "selesai"
    with pytest.raises(ValueError):
        stage(fail=True)
    assert seen == [False, False] and gc.isenabled()

    gc.disable()  # a caller that paused it already keeps it paused
    try:
        stage()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_column_at_a_time_reads_as_the_cells_do():
    table = SheetTable(
        "zoom",
        "log_zoom",
        "MEKAR-2023-001",
        ["Nama", "Email", "Email lama"],
        {"Nama": 0, "User Email": 1},
        records=[(2, [" Ani ", "", "ani@x"]), (3, ["Budi"]), (4, ["Cici", "c@x ", "lama@x"])],
        alternates={"User Email": [2]},
    )
    assert table.values("Nama") == ["Ani", "Budi", "Cici"]
    assert table.values("User Email") == ["ani@x", "", "c@x"]  # the alternate when empty
    assert table.values("Guest") == ["", "", ""]  # a column the worksheet does not have
    for column in ("Nama", "User Email", "Guest"):
        assert table.values(column) == [table.cell(cells, column) for _, cells in table.records]
