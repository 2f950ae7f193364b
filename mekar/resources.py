"""Where the package's data lives.

`sql/` and `templates/` stay at the top of the repository (a newcomer finds the rules and the
pages there), and `setup.py` installs them as the packages `mekar.sql` and `mekar.templates`.
They are found with `importlib.resources`, so an installed wheel works as a checkout does.
Wheels install unpacked, so the resources are plain folders: Jinja2 and the model loader
read them as paths.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def sql_dir() -> Path:
    """The SQL models (`staging/`, `intermediate/`, `marts/`) and the report queries."""
    return Path(str(files("mekar.sql")))


def templates_dir() -> Path:
    """The Jinja2 templates of the pages and emails."""
    return Path(str(files("mekar.templates")))
