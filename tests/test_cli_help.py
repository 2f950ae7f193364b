"""The command line's shape and its help, as an officer reads them: every run under `mekar run`,
the old spellings still working and naming the new one, every --help in Indonesian."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from mekar.cli import app

runner = CliRunner()
ENGLISH = (
    "Usage:",
    "Options",
    "Commands",
    "Arguments",
    "Show this message",
    "[default:",
    "[required]",
    "completion",
    "<bool>",
    "<int>",
    "<path>",
    "<str>",
)


def _commands(group=None, path=()):
    """Every command path of the app, the hidden old spellings included."""
    group = group or get_command(app)
    for name, command in group.commands.items():
        yield (*path, name)
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))


COMMANDS = sorted(_commands())


def test_every_run_sits_under_run():
    runs = {p[1] for p in COMMANDS if p[0] == "run" and len(p) == 2}
    assert {"nightly", "weekly", "province", "rerun", "backfill"} <= runs


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "mekar")
def test_every_help_is_indonesian(path):
    result = runner.invoke(app, [*path, "--help"], prog_name="mekar", terminal_width=100)
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.lstrip().startswith("Pemakaian: mekar")
    assert [word for word in ENGLISH if word in text] == []
    assert "Tampilkan bantuan ini lalu keluar." in text


def test_a_flag_shows_no_type_and_a_value_says_what_it_is():
    text = runner.invoke(app, ["run", "nightly", "--help"], terminal_width=100).output
    assert re.search(r"--no-wait\s+Berhenti", text)  # nothing between the flag and its help
    assert re.search(r"--year\s+ANGKA\s+Tahun laporan", text)
    assert re.search(r"--data\s+JALUR\s+Folder", text)


@pytest.mark.parametrize(
    ("old", "new"), [("backfill", "mekar run backfill"), ("rerun", "mekar run rerun")]
)
def test_old_spellings_run_and_name_the_new_one(old, new, tmp_path):
    # Without a warehouse both stop at the same first check as the new spelling: the note
    # comes first, then the same one line.
    url = f"sqlite:///{tmp_path / 'w.db'}"
    args = ["--year", "2022"] if old == "backfill" else ["--session", "MEKAR-2023-001"]
    moved = runner.invoke(app, [old, *args, "--data", str(tmp_path), "--warehouse", url])
    current = runner.invoke(app, ["run", old, *args, "--data", str(tmp_path), "--warehouse", url])
    assert moved.exit_code == current.exit_code != 0
    assert f"Catatan: perintah ini sekarang '{new}'; ejaan lama tetap berjalan." in moved.output
    assert moved.output.splitlines()[-1] == current.output.splitlines()[-1]
    assert old not in runner.invoke(app, ["--help"], terminal_width=100).output  # hidden
