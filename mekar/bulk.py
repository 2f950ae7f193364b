"""Stages that build millions of small rows pause Python's cyclic garbage collector.

Extraction, validation and loading create a year's rows as lists and dicts: millions of
containers, none of them in a reference cycle. While they accumulate, the cyclic collector
runs again and again and walks every one still alive, so its cost grows faster than the rows
(a third of validation at S5, and most of the growth from S5 to S35). Reference counting
still frees every row as usual; the collector is paused only for the stage and resumes after
it, so a cycle made meanwhile is collected then.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def bulk_stage(work: Callable[P, R]) -> Callable[P, R]:
    """Run `work` with the cyclic collector paused (nesting keeps the outer state)."""

    @functools.wraps(work)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return work(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused
