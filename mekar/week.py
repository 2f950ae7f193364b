"""ISO 8601 weeks (Monday to Sunday), as the weekly report names them: `2023-W28`.

A week's report year is the year of its Thursday (the ISO year). JP stay in the year of their
session's date (rule 1), so in a week across New Year only that year's sessions count for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from mekar.errors import MekarError

_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


@dataclass(frozen=True, order=True)
class Week:
    year: int  # ISO year, the year of the week's Thursday
    number: int  # 1..52 or 53

    @classmethod
    def parse(cls, text: str) -> Week:
        match = _WEEK.match(text.strip().upper())
        if not match:
            raise MekarError(f"Minggu '{text}' tidak dikenali: tulis seperti 2023-W28.")
        year, number = int(match[1]), int(match[2])
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise MekarError(f"Tahun {year} tidak punya minggu ke-{number}.") from None
        return cls(year, number)

    @classmethod
    def of(cls, day: date) -> Week:
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def last_completed(cls, today: date) -> Week:
        """The last week that has ended: on Monday morning, the week up to yesterday."""
        return cls.of(today - timedelta(days=today.isoweekday()))

    @property
    def iso(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def key(self) -> int:
        """Sortable integer, as the SQL compares weeks: minggu_tahun * 100 + minggu."""
        return self.year * 100 + self.number

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def previous(self) -> Week:
        return Week.of(self.monday - timedelta(days=7))

    def share_of_year_elapsed(self, start: date | None = None) -> float | None:
        """Share of the report year that has passed by the end of this week (0 < s <= 1),
        counted from `start` (the year's first session; 1 January if not given): a
        programme that starts in July has had one week, not half a year, by its first
        Sunday. None when `start` is after the week."""
        end = date(self.year, 12, 31)
        start = start or date(self.year, 1, 1)
        passed = (min(self.sunday, end) - start).days + 1
        if passed <= 0:
            return None
        return passed / ((end - start).days + 1)
