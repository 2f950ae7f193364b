"""ISO weeks as the weekly report names them, and when the warehouse counts as stale."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from mekar.errors import MekarError
from mekar.warehouse.freshness import is_stale, last_nightly_slot
from mekar.week import Week


def test_parse_and_name():
    week = Week.parse("2023-w28")
    assert (week.iso, week.key, week.monday, week.sunday) == (
        "2023-W28",
        202328,
        date(2023, 7, 10),
        date(2023, 7, 16),
    )
    assert Week.parse("2020-W53").previous == Week(2020, 52)
    assert Week.parse("2021-W01").previous == Week(2020, 53)  # across New Year
    for bad, why in (("28/2023", "tulis seperti 2023-W28"), ("2023-W53", "tidak punya minggu")):
        with pytest.raises(MekarError, match=why):
            Week.parse(bad)


def test_the_default_week_is_the_last_one_that_ended():
    assert Week.last_completed(date(2023, 7, 17)) == Week(2023, 28)  # Monday 17 July
    assert Week.last_completed(date(2023, 7, 16)) == Week(2023, 27)  # Sunday: not over yet
    assert Week.last_completed(date(2021, 1, 4)) == Week(2020, 53)


def test_share_of_the_year_elapsed_by_the_end_of_the_week():
    assert Week(2023, 31).share_of_year_elapsed() == 218 / 365  # up to Sunday 6 August
    assert Week(2024, 1).share_of_year_elapsed() == 7 / 366
    assert Week(2020, 53).share_of_year_elapsed() == 1.0  # ends 3 January 2021
    assert Week(2021, 1).share_of_year_elapsed() == 10 / 365  # Monday 4 January
    # counted from the first session of the year when there is one
    assert Week(2023, 31).share_of_year_elapsed(date(2023, 7, 3)) == 35 / 182
    assert Week(2023, 26).share_of_year_elapsed(date(2023, 7, 3)) is None


def test_stale_when_last_refresh_is_before_the_last_nightly_slot():
    one_am = time(1, 0)
    # 01:00 in Jakarta (UTC+7) is 18:00 UTC the day before
    assert last_nightly_slot(datetime(2023, 7, 17, 0, 0), one_am, "Asia/Jakarta") == datetime(
        2023, 7, 16, 18, 0
    )
    assert last_nightly_slot(datetime(2023, 7, 16, 17, 59), one_am, "Asia/Jakarta") == datetime(
        2023, 7, 15, 18, 0
    )
    monday_7am = datetime(2023, 7, 17, 0, 0)  # 07:00 WIB
    assert not is_stale(datetime(2023, 7, 16, 18, 4), monday_7am, one_am, "Asia/Jakarta")
    assert is_stale(datetime(2023, 7, 16, 17, 0), monday_7am, one_am, "Asia/Jakarta")
    assert is_stale(None, monday_7am, one_am, "Asia/Jakarta")
