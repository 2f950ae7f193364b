from datetime import date, datetime, time

import pytest

from mekar.validate.timeparse import (
    parse_clock,
    parse_date_dmy,
    parse_form_timestamp,
    parse_zoom_time,
    wall_seconds,
)


def test_form_timestamp_is_day_first():
    assert parse_form_timestamp("5/7/2023 10:15:22") == datetime(2023, 7, 5, 10, 15, 22)
    assert parse_form_timestamp("21/8/2023 9:03:08") == datetime(2023, 8, 21, 9, 3, 8)
    assert parse_form_timestamp("2023-08-21 09:03:08") == datetime(2023, 8, 21, 9, 3, 8)


@pytest.mark.parametrize(
    "bad", ["", "kemarin", "32/7/2023 10:00:00", "5/13/2023 10:00:00", "5/7/2023"]
)
def test_unreadable_form_timestamps(bad):
    assert parse_form_timestamp(bad) is None


def test_zoom_time_is_month_first_twelve_hour():
    assert parse_zoom_time("07/03/2023 08:58:30 AM") == datetime(2023, 7, 3, 8, 58, 30)
    assert parse_zoom_time("07/17/2023 12:50:00 PM") == datetime(2023, 7, 17, 12, 50)
    assert parse_zoom_time("07/17/2023 12:05:00 AM") == datetime(2023, 7, 17, 0, 5)
    assert parse_zoom_time("11/19/2021 9:54:15 AM") == datetime(2021, 11, 19, 9, 54, 15)
    assert parse_zoom_time("07/03/2023 13:00:00 PM") is None


def test_catalog_date_and_clock():
    assert parse_date_dmy("3/7/2023") == date(2023, 7, 3)
    assert parse_date_dmy("31/2/2023") is None
    assert parse_clock("13.00") == time(13, 0)
    assert parse_clock("08:30") == time(8, 30)
    assert parse_clock("25:00") is None


def test_wall_seconds_difference_is_elapsed_time():
    start = datetime(2023, 7, 3, 8, 0)
    assert wall_seconds(datetime(2023, 7, 3, 11, 0)) - wall_seconds(start) == 3 * 3600
