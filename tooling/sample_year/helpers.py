"""Small helpers: Zoom and Google Forms time formats, weighted choice, proportional split."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from random import Random
from typing import Any


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder; sums exactly)."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    quotas = [total * weight / weight_sum for weight in weights]
    shares = [math.floor(quota) for quota in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def zoom_time(day: date, seconds: int) -> str:
    """Zoom report time: 07/03/2023 8:09:00 AM (US order, 12-hour, Asia/Jakarta wall time)."""
    hour, rest = divmod(seconds, 3600)
    minute, second = divmod(rest, 60)
    suffix = "AM" if hour < 12 else "PM"
    clock_time = f"{hour % 12 or 12}:{minute:02d}:{second:02d} {suffix}"
    return f"{day.month:02d}/{day.day:02d}/{day.year} {clock_time}"


def zoom_minutes(join: int, leave: int) -> str:
    """Duration (Minutes): Zoom rounds up (10:08:10-10:17:18 is reported as 10); 0 if inverted."""
    return str(max(0, math.ceil((leave - join) / 60)))


def form_timestamp(at: datetime) -> str:
    """Google Forms timestamp in the Indonesian locale: 5/7/2023 10:15:22 (day first)."""
    return f"{at.day}/{at.month}/{at.year} {at.hour}:{at.minute:02d}:{at.second:02d}"


def clock(minutes: int, separator: str) -> str:
    return f"{minutes // 60:02d}{separator}{minutes % 60:02d}"


def slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def weighted_choice(rng: Random, options: Sequence[tuple[Any, float]]) -> Any:
    total = sum(weight for _, weight in options)
    point = rng.random() * total
    for value, weight in options:
        point -= weight
        if point < 0:
            return value
    return options[-1][0]


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)
