"""Where each year's pages live in the published folder.

The folder's root (`out/index.html`, `ringkasan.html`, `opd/`) is the current year's: the
latest year with sessions, as the nightly picks its report year. Any other year's pages go
to `out/<year>/`, so a backfill of 2022 (or a rerun of a 2022 session) never replaces what
the offices read as this year's report. Each year's index links the others that exist.
"""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa

_YEAR_FOLDER = re.compile(r"\d{4}")


def current_year(engine: sa.Engine) -> int | None:
    """The year the root of the folder shows; None before any session is loaded."""
    # Imported here: mekar.export imports mekar.report (formatting), which imports this.
    from mekar.export import latest_year  # the nightly's default year, one rule for both

    return latest_year(engine)


def year_folder(site: Path, year: int, current: int) -> Path:
    return site if year == current else site / str(year)


def other_years(site: Path, year: int, current: int) -> list[dict]:
    """The other years whose pages exist, newest first, each with its index's address
    relative to the folder of `year`'s pages: {"tahun", "href", "berjalan"}."""
    up = "" if year == current else "../"
    found = []
    if year != current and (site / "index.html").is_file():
        found.append({"tahun": current, "href": f"{up}index.html", "berjalan": True})
    if site.is_dir():
        for folder in site.iterdir():
            if not _YEAR_FOLDER.fullmatch(folder.name) or not (folder / "index.html").is_file():
                continue
            other = int(folder.name)
            if other not in (year, current):
                found.append({"tahun": other, "href": f"{up}{other}/index.html", "berjalan": False})
    return sorted(found, key=lambda y: -y["tahun"])
