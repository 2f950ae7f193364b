"""Every kind of page and email as people open them: headless Chromium at a phone's (390 px),
a mail pane's (600 px) and a desktop's (1366 px) width. No table may be wider than its box
unless that box scrolls sideways (the pages' long lists, name column kept in view); emails
never scroll. The long list's search box is typed into and its rows counted. Screenshots
are kept in test-artifacts/ for a person to look at."""

from __future__ import annotations

import re

import pytest

from mekar.config import Settings
from mekar.deliver.weekly import prepare_week
from mekar.report import render_reports
from mekar.week import Week
from tests.browser import Browser
from tests.conftest import GOLDEN, REPO
from tests.helpers import run_stages

ARTIFACTS = REPO / "test-artifacts" / "lebar"
WIDTHS = (390, 600, 1366)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The golden year's pages and the week's emails (as files: the email HTML as sent)."""
    root = tmp_path_factory.mktemp("pages")
    # the golden year as partition SRAGEN of a province (w_sragen.db beside w.db)
    engine, *_ = run_stages(GOLDEN / "mini", f"sqlite:///{root / 'w_sragen.db'}")
    render_reports(engine, 2023, root / "out")
    settings = Settings(smtp={"bkpsdm": ["kepala@bkpsdm.example"]})
    batch = prepare_week(engine, Week(2023, 27), root / "out", settings)
    emails = root / "email"
    emails.mkdir()
    for mail in batch.emails:
        (emails / f"{mail.laporan.replace(':', '_')}.html").write_text(mail.html, "utf-8")
    engine.dispose()
    province = _province_pages(root)
    pages = {
        "halaman_opd": root / "out" / "opd" / "DINKES.html",
        "halaman_ringkasan": root / "out" / "ringkasan.html",
        "halaman_indeks": root / "out" / "index.html",
        "minggu_opd": batch.pages_dir / "opd_DINKES.html",
        "minggu_ringkasan": batch.pages_dir / "ringkasan.html",
        "email_opd": emails / "opd_DINKES.html",
        "email_bkpsdm": emails / "bkpsdm.html",
        **province,
    }
    return root, pages


def _province_pages(root):
    """The province page and email: the golden year twice (SRAGEN, and a copy as KLATEN),
    a third partition failed, so the warning block is on both."""
    import shutil

    from mekar.config import PartitionSettings, ProvinceSettings
    from mekar.deliver.province import compose_province_email
    from mekar.report.province import render_province_page
    from mekar.transform.province import PartitionOutcome, roll_up
    from mekar.warehouse.partitions import province_engine

    shutil.copy(root / "w_sragen.db", root / "w_klaten.db")
    province = ProvinceSettings(
        nama="Provinsi Uji",
        recipients=["bkd@prov.example"],
        partitions=[
            PartitionSettings(kode=kode, nama=f"Kabupaten {kode.title()}", data_dir=str(root))
            for kode in ("SRAGEN", "KLATEN", "BLORA")
        ],
    )
    base = f"sqlite:///{root / 'w.db'}"
    outcomes = [
        PartitionOutcome("SRAGEN", "berhasil"),
        PartitionOutcome("KLATEN", "berhasil"),
        PartitionOutcome("BLORA", "gagal", "Folder data tidak ditemukan: /srv/blora"),
    ]
    engine = province_engine(base, province)
    roll_up(engine, province, outcomes)
    page = render_province_page(engine, root / "out", province.nama, 2023)
    email = compose_province_email(engine, Settings(province=province), 2023)
    (root / "email" / "provinsi.html").write_text(email.html, "utf-8")
    engine.dispose()
    return {"halaman_provinsi": page, "email_provinsi": root / "email" / "provinsi.html"}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    opened = Browser(tmp_path_factory.mktemp("chromium"))
    yield opened
    opened.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_table_is_cut_at_any_width(written, browser, width):
    _, pages = written
    for kind, page in pages.items():
        tab = browser.open(page.as_uri(), width)
        assert tab.js("document.body.innerText.length") > 200, kind  # not a blank page
        assert tab.overflowing_tables() == [], (kind, width)
        if kind.startswith("email"):  # an email cannot rely on a box that scrolls
            assert tab.js("document.documentElement.scrollWidth") <= width, kind
        tab.screenshot(ARTIFACTS / f"{kind}_{width}.png")


def test_the_check_sees_a_table_that_does_not_fit(written, browser, tmp_path):
    """The control: the same page with a table forced wider than a phone is reported."""
    _, pages = written
    html = pages["email_opd"].read_text("utf-8")
    wide = '<table style="width:900px"><tr><td>x</td></tr></table>'
    broken = tmp_path / "lebar.html"
    broken.write_text(html.replace("</body>", wide + "</body>"), "utf-8")
    tab = browser.open(broken.as_uri(), 390)
    found = tab.overflowing_tables()
    assert "x 900 > 390" in found  # the table (named by its first row's text) and its width


def test_the_long_list_can_be_searched_filtered_and_sorted(written, browser):
    root, pages = written
    tab = browser.open(pages["halaman_opd"].as_uri(), 390)
    rows = "#daftar-asn tbody tr"
    shown = f"document.querySelectorAll('{rows}:not([hidden])').length"
    total = tab.js(f"document.querySelectorAll('{rows}').length")
    assert total > 2 and tab.js(shown) == total
    names = tab.js(
        f"[...document.querySelectorAll('{rows} td:first-child')].map(c => c.textContent)"
    )
    # typing the first word of one name leaves the rows holding it
    word = names[0].split()[0]
    tab.type_into("#daftar-asn .saring input", word)
    expected = tab.js(
        f"[...document.querySelectorAll('{rows}')].filter(r => "
        f"r.textContent.toLowerCase().includes({word.lower()!r})).length"
    )
    assert 0 < tab.js(shown) == expected
    assert tab.js("document.querySelector('#daftar-asn .saring .jumlah').textContent") == (
        f"Menampilkan {expected} dari {total}"
    )
    # clear the search, pick a status: only rows with that status stay
    tab.js(
        "const i = document.querySelector('#daftar-asn .saring input'); i.value = '';"
        "i.dispatchEvent(new Event('input'))"
    )
    assert tab.js(shown) == total
    status = tab.js(f"document.querySelector('{rows} td:nth-child(4)').textContent")
    tab.js(
        "const s = document.querySelector('#daftar-asn .saring select');"
        f"s.value = {status!r}; s.dispatchEvent(new Event('change'))"
    )
    same = tab.js(
        f"[...document.querySelectorAll('{rows}')].filter(r => "
        f"r.cells[3].textContent.trim() === {status!r}).length"
    )
    assert tab.js(shown) == same and 0 < same <= total
    # a click on "JP" sorts by it, smallest first
    tab.js(
        "[...document.querySelectorAll('#daftar-asn th')].find(t => t.textContent === 'JP').click()"
    )
    jp = tab.js(
        f"[...document.querySelectorAll('{rows}')].map(r => parseInt(r.cells[1].textContent))"
    )
    assert jp == sorted(jp) and len(jp) == total


def test_the_list_is_whole_without_scripts(written):
    """Scripts off: the table is plain HTML with every ASN in it; the script only hides."""
    _, pages = written
    html = pages["halaman_opd"].read_text("utf-8")
    body = html[
        html.index('id="daftar-asn"') : html.index("</table>", html.index('id="daftar-asn"'))
    ]
    assert "hidden" not in body and len(re.findall(r"<tr><td>", body)) >= 3


def test_names_and_chart_labels_read_at_a_phones_width(written, browser):
    """At 390 px the index gives the OPD's name the room (no code column beside it squeezing
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia" into five lines), and a chart's
    label is never broken inside a word ("INSPEKTORA T")."""
    _, pages = written
    tab = browser.open(pages["halaman_indeks"].as_uri(), 390)
    lines = tab.js(
        "[...document.querySelectorAll('table a[href^=\"opd/\"]')]"
        ".map(a => [a.textContent, a.getClientRects().length])"
    )
    assert lines and max(n for _, n in lines) <= 3, lines
    for kind in ("halaman_ringkasan", "halaman_opd"):
        tab = browser.open(pages[kind].as_uri(), 390)
        broken = tab.js(
            """[...document.querySelectorAll('ul.batang .label')].filter(l => {
                 const line = parseFloat(getComputedStyle(l).lineHeight);
                 return l.getBoundingClientRect().height > 1.5 * line;
               }).map(l => l.textContent)"""
        )
        labels = tab.js("document.querySelectorAll('ul.batang .label').length")
        assert labels > 0 and broken == [], (kind, broken)


def test_the_index_sorts_by_share(written, browser):
    """The OPDs are listed by name; a click on "%" puts the lowest share first."""
    _, pages = written
    tab = browser.open(pages["halaman_indeks"].as_uri(), 390)
    shares = "[...document.querySelectorAll('#opd tbody tr')].map(r => r.cells[3].textContent)"
    by_name = tab.js(
        "[...document.querySelectorAll('#opd tbody tr')].map(r => r.cells[0].textContent)"
    )
    assert by_name == sorted(by_name, key=str.casefold)
    tab.js("[...document.querySelectorAll('#opd th')].find(t => t.textContent === '%').click()")
    got = [float(s.strip("▼ %").replace(",", ".")) for s in tab.js(shares) if s.strip() != "–"]
    assert len(got) > 2 and got == sorted(got)
