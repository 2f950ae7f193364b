"""What `mekar run weekly` prints says one true thing (issue 23): in a year with no session
yet the OPD emails are held, and BKPSDM is said to be told only when its summary goes to
someone; without smtp.bkpsdm the console says that instead, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from mekar.cli.weekly import _print_weekly
from mekar.deliver.weekly import WeeklySummary
from mekar.week import Week


def _summary(**changes) -> WeeklySummary:
    fields = dict(
        week=Week(2026, 49),
        pages_dir=Path("out/minggu/2026-W49"),
        via="folder outbox out/outbox",
        dry_run=True,
        sent=[],
        already=[],
        changed_not_resent=[],
        uncertain=[],
        failed=[],
        opd_pages=50,
        tanpa_penerima=[],
        dilewati=[],
        bkpsdm_tanpa_penerima=False,
        ringkasan=True,
        opd_ditahan=True,
    )
    return WeeklySummary(**(fields | changes))


def _printed(capsys, summary) -> list[str]:
    _print_weekly(summary, 1.5)
    out = capsys.readouterr()
    return [line for line in (out.out + out.err).splitlines() if line.strip()]


def test_held_opd_emails_without_a_bkpsdm_address_say_so_once(capsys):
    lines = _printed(capsys, _summary(bkpsdm_tanpa_penerima=True))
    assert not [line for line in lines if "diberi tahu" in line]
    about = [line for line in lines if "smtp.bkpsdm" in line]
    assert about == [
        "  Belum ada kegiatan tahun 2026 dalam katalog: laporan OPD tidak akan dikirim, dan "
        "ringkasan BKPSDM yang menjelaskannya juga tidak, karena tidak ada penerimanya: atur "
        "smtp.bkpsdm (mis. MEKAR_SMTP__BKPSDM='[\"data@bkpsdm.sragenkab.go.id\"]')."
    ]


@pytest.mark.parametrize(
    ("dry_run", "told"), [(True, "BKPSDM akan diberi tahu"), (False, "BKPSDM diberi tahu")]
)
def test_held_opd_emails_with_a_bkpsdm_address(capsys, dry_run, told):
    lines = _printed(capsys, _summary(dry_run=dry_run))
    [held] = [line for line in lines if "Belum ada kegiatan" in line]
    assert f"{told} lewat ringkasannya" in held
    assert not [line for line in lines if "smtp.bkpsdm =" in line or "atur smtp" in line]


def test_a_run_for_one_opd_does_not_claim_to_tell_bkpsdm(capsys):
    lines = _printed(capsys, _summary(ringkasan=False, dry_run=False))
    [held] = [line for line in lines if "Belum ada kegiatan" in line]
    assert "BKPSDM" not in held and "laporan OPD tidak dikirim" in held


def test_no_bkpsdm_address_in_an_ordinary_week(capsys):
    lines = _printed(capsys, _summary(opd_ditahan=False, bkpsdm_tanpa_penerima=True))
    assert [line for line in lines if "smtp.bkpsdm" in line] == [
        "  Ringkasan BKPSDM tidak dikirim: atur smtp.bkpsdm "
        "(mis. MEKAR_SMTP__BKPSDM='[\"data@bkpsdm.sragenkab.go.id\"]')."
    ]
