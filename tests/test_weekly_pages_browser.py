"""The week's pages as a person sees them: opened in headless Chromium (Debian's `chromium`),
screenshots kept in test-artifacts/ for a human to look at. The checks read the pixels: the
chart images load from beside the page (no network), and the page is not blank."""

from __future__ import annotations

import re
import subprocess
from collections import Counter

from PIL import Image

from mekar.config import Settings
from mekar.deliver.weekly import prepare_week
from mekar.week import Week
from tests.browser import FLAGS, chromium
from tests.conftest import GOLDEN, REPO
from tests.helpers import run_stages

ARTIFACTS = REPO / "test-artifacts"
WIDTH, HEIGHT = 760, 2400
HISTOGRAM_GREY = (0xB0, 0xBE, 0xC5)  # bars below target: only the chart draws this colour
HISTOGRAM_GREEN = (0x2E, 0x7D, 0x32)  # the "≥20" bar (also the ranking's "naik" text)
RANKING_BLUE = (0x15, 0x65, 0xC0)  # the % bars (and the 3-pixel line under the header)


def _screenshot(browser: str, page, shot) -> Counter:
    subprocess.run(
        [browser, *FLAGS, "--hide-scrollbars", f"--window-size={WIDTH},{HEIGHT}"]
        + [f"--screenshot={shot}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    image = Image.open(shot).convert("RGB")
    assert image.size == (WIDTH, HEIGHT)
    return Counter({color: n for n, color in image.getcolors(maxcolors=WIDTH * HEIGHT)})


def _dom(browser: str, page) -> str:
    done = subprocess.run(
        [browser, *FLAGS, "--dump-dom", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
        text=True,
    )
    return done.stdout


def test_an_opd_page_and_the_summary_in_chromium(tmp_path):
    browser = chromium()
    engine, *_ = run_stages(GOLDEN / "mini", f"sqlite:///{tmp_path / 'w.db'}")
    week = Week(2023, 52)  # the year's end: some OPDs at target, so every bar colour shows
    settings = Settings(smtp={"bkpsdm": ["kepala@bkpsdm.example"]})
    batch = prepare_week(engine, week, tmp_path / "out", settings)
    ARTIFACTS.mkdir(exist_ok=True)

    opd_page = batch.pages_dir / "opd_DINKES.html"
    pixels = _screenshot(browser, opd_page, ARTIFACTS / "minggu_opd_DINKES.png")
    assert len(pixels) > 50  # text, tables and a chart, not a blank page
    assert pixels[HISTOGRAM_GREY] > 1000 and pixels[HISTOGRAM_GREEN] > 1000  # the chart loaded
    dom = _dom(browser, opd_page)
    assert "<h1" in dom and "Dinas Kesehatan" in dom
    # every ASN below target shown (at most 50 in a body; none is listed higher up at the
    # year's end), under the line of figures their run shares
    below = dom[dom.index("ASN di bawah target") :]
    shown = min(len(_opd(engine, week, "DINKES").di_bawah), 50)
    assert len(re.findall(r"\b\d{18}\b", below)) == shown
    statuses = re.findall(r"\d+\*? JP · (?:Perlu hadir|Sesuai jalur|Tidak mungkin)", below)
    assert 0 < len(statuses) <= shown

    summary_page = batch.pages_dir / "ringkasan.html"
    pixels = _screenshot(browser, summary_page, ARTIFACTS / "minggu_ringkasan.png")
    assert pixels[RANKING_BLUE] > 680 * 3 + 1000  # more than the header line: the bars loaded
    dom = _dom(browser, summary_page)
    assert "Peringkat OPD" in dom and "Kebutuhan dan kegiatan per OPD" in dom
    engine.dispose()


def _opd(engine, week, code):
    from mekar.report.week_data import opd_week

    with engine.connect() as conn:
        return opd_week(conn, week, code)
