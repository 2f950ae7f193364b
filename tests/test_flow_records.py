"""The nightly flow end to end on the golden records year (../shared/golden/records): the
corrections (rule 9), outside learning (rule 10) and names unique only as written (rule 2c)
must give exactly the independently computed exports, and quarantine exactly the rows of
the two new sheets that break a rule."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import text

from mekar.export import write_export
from mekar.warehouse.db import make_engine
from tests.conftest import GOLDEN

DATA = GOLDEN / "records"
EXPECTED = GOLDEN / "records-expected"
# Compared as numbers within these (the expected files round 98.25 to 98.2, SQL to 98.3).
TOLERANCE = {"persen_memenuhi": 0.05, "menit_hadir": 0.05, "menit_dibutuhkan": 0.05}


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _same(got: list[dict], want: list[dict], key: tuple[str, ...]) -> None:
    """Row for row on the key, every column equal (numbers in TOLERANCE within it)."""
    by_key = {tuple(r[k] for k in key): r for r in got}
    assert sorted(by_key) == sorted(tuple(r[k] for k in key) for r in want)
    for expected in want:
        row = dict(by_key[tuple(expected[k] for k in key)])
        expected = dict(expected)
        for column, tolerance in TOLERANCE.items():
            if column in expected:
                assert abs(float(row.pop(column)) - float(expected.pop(column))) <= tolerance
        assert row == expected


@pytest.fixture
def records_run(prefect_harness, warehouse_url, tmp_path):
    from flows.nightly import nightly

    summary = nightly(str(DATA), None, warehouse_url, str(tmp_path / "out"))
    engine = make_engine(warehouse_url)
    exports = {}
    for what in ("compliance", "credits", "opd", "evidence", "quarantine"):
        write_export(engine, what, None if what == "quarantine" else 2023, tmp_path / what)
        exports[what] = _read(tmp_path / what)
    exports["url"] = warehouse_url
    exports["out"] = tmp_path / "out"
    return summary, exports


def test_exports_equal_the_records_year(records_run):
    _, got = records_run
    # The expected files leave out inactive roster ASN: compare on the active ones.
    active = {r["nip"] for r in got["compliance"]}
    assert active == {r["nip"] for r in _read(EXPECTED / "compliance.csv")}
    _same(got["compliance"], _read(EXPECTED / "compliance.csv"), ("nip",))
    _same(got["opd"], _read(EXPECTED / "opd.csv"), ("kode_opd",))
    for what in ("credits", "evidence"):
        mine = [r for r in got[what] if r["nip"] in active]
        _same(mine, _read(EXPECTED / f"{what}.csv"), ("nip", "kode_kegiatan"))


def test_new_sheets_quarantine_exactly_the_broken_rows(records_run):
    _, got = records_run
    mine = {
        ("koreksi" if r["worksheet"] == "koreksi" else "pengembangan", r["baris"], r["alasan"])
        for r in got["quarantine"]
        if r["worksheet"] == "koreksi" or r["sumber"] == "pengembangan"
    }
    want = {(r["worksheet"], r["baris"], r["alasan"]) for r in _read(EXPECTED / "quarantine.csv")}
    assert mine == want


def test_withdrawn_and_overruled_corrections(records_run):
    """A standing `cabut` removes the credit but keeps the row in the evidence with its
    reason; a later `beri` overrules an earlier `cabut` (and the other way round)."""
    _, got = records_run
    evidence = {(r["nip"], r["kode_kegiatan"]): r for r in got["evidence"]}
    credits = {(r["nip"], r["kode_kegiatan"]): r for r in got["credits"]}
    # koreksi rows 20/21: beri on 12/10, cabut on 3/11 -> withdrawn
    withdrawn = ("198608222009091006", "MEKAR-2023-011")
    assert withdrawn not in credits
    assert evidence[withdrawn]["koreksi"] == "cabut"
    assert evidence[withdrawn]["alasan"] == "koreksi_cabut"
    # koreksi rows 15/16: cabut on 9/10, beri on 3/11 -> credited by the correction
    overruled = ("197109251991041007", "MEKAR-2023-010")
    assert credits[overruled]["bukti"] == "koreksi"
    assert evidence[overruled]["alasan"] == "koreksi_beri"


def test_corrections_checked_against_logs_not_read_again(prefect_harness, warehouse_url, tmp_path):
    """A koreksi sheet edited while no Zoom log changed: the logs are skipped as unchanged,
    and the corrections are checked against the names the warehouse holds, so the same
    rows are quarantined as on the first night (and a new correction of a real name holds)."""
    import shutil

    from flows.nightly import nightly

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    nightly(str(data), None, warehouse_url, str(tmp_path / "out"))
    sheet = data / "kegiatan" / "koreksi.csv"
    sheet.write_text(
        sheet.read_text(encoding="utf-8")
        + "6/12/2023 8:00:00,cocokkan,MEKAR-2023-012,Galaxy A52 Bu Rina,196805172021071006,"
        "HP Bu Rina,Admin BKPSDM\n",
        encoding="utf-8",
    )
    second = nightly(str(data), None, warehouse_url, str(tmp_path / "out"))
    assert second.worksheets_unchanged >= 10  # every Zoom log skipped
    engine = make_engine(warehouse_url)
    write_export(engine, "quarantine", None, tmp_path / "q.csv")
    koreksi = {
        (r["baris"], r["alasan"]) for r in _read(tmp_path / "q.csv") if r["worksheet"] == "koreksi"
    }
    want = {
        (r["baris"], r["alasan"])
        for r in _read(EXPECTED / "quarantine.csv")
        if r["worksheet"] == "koreksi"
    }
    assert koreksi == want  # row 30, the new one, holds
    write_export(engine, "evidence", 2023, tmp_path / "e.csv")
    rina = {
        r["kode_kegiatan"]: r for r in _read(tmp_path / "e.csv") if r["nip"] == "196805172021071006"
    }
    # the every-session correction already gave her 012 (90 min, below the bar): the
    # session's own correction names the same rows, so nothing changes but its standing
    assert rina["MEKAR-2023-012"]["menit_hadir"] == "90.0"


def test_siasn_export_carries_the_accepted_reports(records_run, tmp_path):
    _, got = records_run
    write_export(make_engine(got["url"]), "siasn", 2023, tmp_path / "siasn.csv")
    rows = _read(tmp_path / "siasn.csv")
    # accepted reports as they stand, 2023 by Tanggal Selesai: the one resent with 3 JP
    # replaces the 4 JP one; rejected, waiting and quarantined reports are not there
    by_cert = {r["nomor_sertifikat"]: r for r in rows}
    assert by_cert["BPSDM-JTG/0457"]["durasi_jam"] == "3"
    assert by_cert["LAN-PJJ/2022/0777"]["tanggal_mulai"] == "27-12-2022"
    assert by_cert["LAN-PJJ/2022/0777"]["tahun"] == "2023"
    assert "ORI/2022/0912" not in by_cert  # ended in 2022
    assert "OMBUDSMAN/2023/5213" not in by_cert  # rejected
    assert "OMBUDSMAN/2023/5512" not in by_cert  # waiting
    assert "ORI/2023/0788" not in by_cert  # quarantined: 12 JP in one day
    credited = [r for r in got["credits"] if r["bukti"] == "laporan_mandiri"]
    assert len(rows) == len(credited) == 25  # no catalog session repeated in this year


def test_asn_card_lists_sessions_reports_and_the_total(records_run):
    from typer.testing import CliRunner

    from mekar.cli import app

    _, got = records_run
    runner = CliRunner()
    withdrawn = runner.invoke(
        app, ["asn", "19860822 200909 1 006", "--year", "2023", "--warehouse", got["url"]]
    )
    assert withdrawn.exit_code == 0, withdrawn.output
    assert "Tahun 2023: 0 dari 20 JP, belum memenuhi, kurang 20 JP" in withdrawn.output
    assert (
        "MEKAR-2023-011  Penulisan Naskah Dinas: 0 JP, dicabut lewat koreksi BKPSDM "
        "(Zoom 60,0 dari 112,5 menit; koreksi cabut oleh Kepala BKPSDM: beri dibatalkan)"
    ) in withdrawn.output
    reports = runner.invoke(app, ["asn", "198403302013112004", "--warehouse", got["url"]])
    assert reports.exit_code == 0, reports.output
    assert "pengembangan mandiri 4 JP" in reports.output
    assert (
        reports.output.count(
            "Webinar Keterbukaan Informasi Publik (Komisi Informasi): 2 JP, Diterima"
        )
        == 2
    )
    matched = runner.invoke(app, ["asn", "198112082008122001", "--warehouse", got["url"]])
    # "hp andreas" was given to him for session 010 by a cocokkan
    assert "MEKAR-2023-010  Etika dan Integritas ASN: 3 JP" in matched.output
    assert "nama Zoom dicocokkan BKPSDM" in matched.output
    waiting = runner.invoke(app, ["asn", "199310122022012010", "--warehouse", got["url"]])
    assert "24 JP, Menunggu verifikasi, " in waiting.output
    unknown = runner.invoke(app, ["asn", "199912312023011001", "--warehouse", got["url"]])
    assert unknown.exit_code == 1
    assert "tidak ada di daftar pegawai" in unknown.output


def test_the_card_counts_days_to_the_datas_date_not_the_machines(records_run):
    """One "today" per report: the card's waiting days count to the year's last recorded
    session, named on the card, whatever day the card is printed (issue 23, defect 4)."""
    import datetime as dt

    from mekar.report.asn_card import card
    from mekar.report.formatting import tanggal
    from mekar.warehouse.db import make_engine

    _, got = records_run
    engine = make_engine(got["url"])
    with engine.connect() as conn:
        last = conn.execute(
            text(
                "select max(k.tanggal) from dim_kegiatan k where k.tahun = 2023 and exists "
                "(select 1 from fct_credits c where c.kode_kegiatan = k.kode_kegiatan)"
            )
        ).scalar()
        sent = conn.execute(
            text(
                "select submitted_at from src_pengembangan where nip = '199310122022012010' "
                "and status = 'menunggu'"
            )
        ).scalar()
    engine.dispose()
    last = dt.date.fromisoformat(str(last)[:10])
    waited = (last - dt.date.fromisoformat(str(sent)[:10])).days
    in_2024 = card(make_engine(got["url"]), "199310122022012010", 2023, dt.date(2024, 3, 1))
    in_2026 = card(make_engine(got["url"]), "199310122022012010", 2023, dt.date(2026, 12, 8))
    assert in_2024 == in_2026
    assert f"Data per {tanggal(last)} (kegiatan terakhir yang tercatat tahun 2023)." in in_2024
    line = next(x for x in in_2024 if "Menunggu verifikasi" in x)
    assert line.endswith(
        f"Menunggu verifikasi, {waited} hari sejak dilaporkan (per {tanggal(last)})"
    )


def test_pages_show_outside_learning_and_the_corrections(records_run):
    _, got = records_run
    page = (got["out"] / "opd" / "DINKES.html").read_text(encoding="utf-8")
    section = page[page.index('id="pengembangan-mandiri"') :]
    # a number a correction decided says so: Taufik's 0 JP is a withdrawn credit
    below = page[page.index('id="daftar-asn"') : page.index('id="kebutuhan"')]
    at = below.index("<td>198608222009091006</td>")
    taufik = below[below.rindex("<tr>", 0, at) : below.index("</tr>", at)]  # his row
    assert '<abbr title="memuat koreksi BKPSDM">*</abbr>' in taufik
    assert "Tanda * pada JP" in below
    # rejected reports stay visible to their OPD with BKPSDM's note
    assert "<td>Hartono Astuti, M.M.</td>" in section
    assert "Ditolak: sertifikat tidak terbaca" in section
    summary = (got["out"] / "ringkasan.html").read_text(encoding="utf-8")
    waiting = summary[summary.index('id="pengembangan-menunggu"') : summary.index('id="koreksi"')]
    assert "<p>5 laporan belum diberi Status" in waiting
    assert waiting.index("Drs. Sugeng Astuti") < waiting.index("Okta Pratama")  # oldest first
    corrections = summary[summary.index('id="koreksi"') : summary.index('id="kualitas-data"')]
    # koreksi row 21 (beri, 12/10) is overruled by row 20 (cabut, 3/11); quarantined rows
    # (row 13 without Alasan) are not decisions
    overruled = corrections[
        corrections.index("izin atasan") - 400 : corrections.index("izin atasan")
    ]
    assert "198608222009091006" in overruled
    assert (
        "tidak (ada koreksi yang lebih baru)"
        in corrections[corrections.index("izin atasan") :][:200]
    )
    assert "peserta luar" not in corrections  # row 14: an unknown NIP, quarantined
    # the unmatched list says what each name is and, for a person, whom it may be
    unmatched = summary[summary.index('id="zoom-tidak-cocok"') :]
    kukuh = unmatched[unmatched.index("<td>Kukuh Raharjo</td>") :].split("</tr>")[0]
    assert "<td>mungkin ASN</td>" in kukuh and "197301261999032003" in kukuh
    room = unmatched[unmatched.index("<td>Ruang Rapat Dinkes</td>") :].split("</tr>")[0]
    assert "<td>perangkat/ruangan</td><td>–</td>" in room


def test_review_workbook_lists_every_unmatched_name_ready_for_koreksi(records_run, tmp_path):
    from openpyxl import load_workbook
    from sqlalchemy import text
    from typer.testing import CliRunner

    from mekar.cli import app

    _, got = records_run
    out = tmp_path / "tinjauan.xlsx"
    result = CliRunner().invoke(
        app, ["export", "review", "--year", "2023", "--warehouse", got["url"], "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["tinjauan"]
    table = list(sheet.iter_rows(values_only=True))
    header, body = table[0], table[1:]
    assert list(header[:7]) == [
        "Timestamp",
        "Jenis",
        "Kode Kegiatan",
        "Nama Zoom",
        "NIP",
        "Alasan",
        "Oleh",
    ]
    with make_engine(got["url"]).connect() as conn:
        names = conn.execute(
            text(
                "select count(*) from (select distinct kode_kegiatan, nama_zoom "
                "from rpt_zoom_unmatched where tahun = 2023) d"
            )
        ).scalar_one()
    assert len(body) == names  # every name, not the first 500
    by_name = {(r[2], r[3]): r for r in body}
    # two active ASN share the stripped name; one, with a degree, is the suggestion
    kukuh = by_name[("MEKAR-2023-012", "Kukuh Raharjo")]
    assert (kukuh[7], kukuh[12]) == ("mungkin ASN", "197301261999032003")
    assert by_name[("MEKAR-2023-011", "HP Andreas")][7] == "perangkat/ruangan"
    assert by_name[("MEKAR-2023-010", "Ruang Rapat Dinkes")][7] == "perangkat/ruangan"
    assert all(r[1] == "cocokkan" and r[4] is None for r in body)


def test_bkpsdm_email_lists_the_weeks_corrections_and_waiting_reports(records_run, tmp_path):
    import email
    from email.policy import default

    from mekar.config import Settings
    from mekar.deliver.weekly import prepare_week
    from mekar.week import Week

    _, got = records_run
    settings = Settings(smtp={"bkpsdm": ["kepala@bkpsdm.example"]})
    batch = prepare_week(make_engine(got["url"]), Week(2023, 41), tmp_path / "w", settings)
    summary = batch.emails[-1]
    raw = bytes(summary.message("kepala@bkpsdm.example", "mekar@sragen.example"))
    text = email.message_from_bytes(raw, policy=default).get_body(("plain",)).get_content()
    section = text[text.index("KOREKSI BKPSDM MINGGU INI (5)") : text.index("LAPORAN PENGEMBANGAN")]
    # 9-15 October: koreksi rows 16, 17, 18, 19 and 21 (rows 22-24 are quarantined)
    assert section.count("\n- ") == 5
    assert '- cocokkan "zoom sekretariat" MEKAR-2023-011: 199207282018051003' in section
    assert (
        "198608222009091006 Taufik Hidayatullah; izin atasan (Admin BKPSDM), tidak berlaku lagi"
        in section
    )
    waiting = text[text.index("LAPORAN PENGEMBANGAN MANDIRI MENUNGGU VERIFIKASI (5)") :]
    # sent 27 April, still waiting on Sunday 15 October: 171 days
    assert (
        "- 171 hari: 199310122022012010 Drs. Sugeng Astuti (SETDA), Workshop Pelayanan Publik, 24 JP"
        in waiting
    )


def test_near_misses_on_the_opd_page_and_per_session_for_bkpsdm(records_run):
    _, got = records_run
    evidence = [
        r
        for r in got["evidence"]
        if r["alasan"] == "kurang_hadir"
        and float(r["menit_hadir"]) >= float(r["menit_dibutuhkan"]) / 2
    ]
    active = {r["nip"]: r["kode_opd"] for r in got["compliance"]}
    near = [r for r in evidence if r["nip"] in active]
    assert near  # the year has some
    for kode in {active[r["nip"]] for r in near}:
        page = (got["out"] / "opd" / f"{kode}.html").read_text(encoding="utf-8")
        section = page[page.index('id="hampir"') : page.index('id="pengembangan-mandiri"')]
        mine = [r for r in near if active[r["nip"]] == kode]
        assert section.count("<tr><td>") == len(mine)
        assert all(f"<td>{r['nip']}</td>" in section for r in mine)
    summary = (got["out"] / "ringkasan.html").read_text(encoding="utf-8")
    section = summary[summary.index('id="hampir"') : summary.index('id="pengembangan-menunggu"')]
    per_session = {}
    for r in near:
        per_session[r["kode_kegiatan"]] = per_session.get(r["kode_kegiatan"], 0) + 1
    top, count = max(per_session.items(), key=lambda kv: (kv[1], kv[0]))
    assert f"{top} · " in section and f'<td class="num">{count}</td>' in section


def test_review_rows_pasted_into_koreksi_credit_exactly_the_rows_they_name(tmp_path, warehouse_url):
    """The workbook's first seven columns are koreksi's: two rows filled in (a suggestion
    taken, a room given to the person who sat in it) and pasted back change the evidence of
    exactly those NIPs and sessions, by exactly the minutes of the rows they name."""
    import shutil

    from openpyxl import load_workbook

    from mekar.report.review import write_review
    from tests.helpers import run_stages

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    engine, *_ = run_stages(data, warehouse_url)
    write_export(engine, "evidence", 2023, tmp_path / "before.csv")
    write_review(engine, 2023, tmp_path / "review.xlsx", [])
    body = list(load_workbook(tmp_path / "review.xlsx")["tinjauan"].iter_rows(values_only=True))[1:]
    by_name = {(r[2], r[3]): list(r) for r in body}
    kukuh = by_name[("MEKAR-2023-012", "Kukuh Raharjo")]
    room = by_name[("MEKAR-2023-011", "Ruang Rapat Dinkes")]
    lukman = "197305061995032006"
    kukuh[0], kukuh[4], kukuh[5], kukuh[6] = (
        "6/12/2023 9:00:00",
        kukuh[12],
        "saran diterima",
        "Admin",
    )
    room[0], room[4], room[5], room[6] = "6/12/2023 9:05:00", lukman, "satu ruangan", "Admin"
    with (data / "kegiatan" / "koreksi.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([row[:7] for row in (kukuh, room)])
    engine.dispose()

    engine, *_ = run_stages(data, warehouse_url)
    write_export(engine, "evidence", 2023, tmp_path / "after.csv")
    before = {(r["nip"], r["kode_kegiatan"]): r for r in _read(tmp_path / "before.csv")}
    after = {(r["nip"], r["kode_kegiatan"]): r for r in _read(tmp_path / "after.csv")}
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert changed == {(kukuh[12], "MEKAR-2023-012"), (lukman, "MEKAR-2023-011")}
    # neither had a trace there before: all their minutes are the named rows'
    assert float(after[(kukuh[12], "MEKAR-2023-012")]["menit_hadir"]) == kukuh[8]
    assert float(after[(lukman, "MEKAR-2023-011")]["menit_hadir"]) == room[8]
    assert after[(lukman, "MEKAR-2023-011")]["dikreditkan"] == "1"  # 150 of 112.5 minutes
    engine.dispose()


def test_exports_as_workbooks_for_officers(records_run, tmp_path):
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from mekar.cli import app

    _, got = records_run
    out = tmp_path / "bukti.xlsx"
    result = CliRunner().invoke(
        app,
        ["export", "evidence", "--year", "2023", "--warehouse", got["url"], "--out", str(out),
         "--format", "xlsx"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["Bukti"]
    header, first = next(sheet.iter_rows()), list(sheet.iter_rows())[1]
    assert [c.value for c in header][:6] == [
        "NIP",
        "Nama",
        "Kode kegiatan",
        "Nama kegiatan",
        "Menit hadir (Zoom)",
        "Menit syarat",
    ]
    # the NIP stays 18 digits of text; minutes are numbers a spreadsheet can sum
    assert first[0].data_type == "s" and len(first[0].value) == 18
    assert (first[4].data_type, first[5].data_type) == ("n", "n")
    rows = list(sheet.iter_rows(values_only=True))[1:]
    assert len(rows) == len(got["evidence"])
    csv_first = got["evidence"][0]
    assert (rows[0][0], rows[0][4]) == (csv_first["nip"], float(csv_first["menit_hadir"]))


def test_opd_page_shows_the_ip_asn_share_of_technical_development(records_run):
    """IP ASN counts ASN with 20 JP of *technical* development (catalog sessions and accepted
    reports whose Jenis Kompetensi is Teknis), beside the share at 20 JP of any kind."""
    _, got = records_run
    teknis = {
        r["Kode Kegiatan"]
        for r in _read(DATA / "kegiatan" / "kegiatan.csv")
        if r["Jenis Kompetensi"] == "Teknis"
    }
    for number, r in enumerate(_read(DATA / "pengembangan" / "Form Responses 1.csv"), start=2):
        if r["Jenis Kompetensi"] == "Teknis":
            teknis.add(
                f"MANDIRI-{r['Nomor Sertifikat']}"
                if r["Nomor Sertifikat"]
                else f"MANDIRI-R{number}"
            )
    jp: dict[str, int] = {}
    for c in got["credits"]:
        if c["kode_kegiatan"] in teknis:
            jp[c["nip"]] = jp.get(c["nip"], 0) + int(c["jp"])
    dinkes = [r["nip"] for r in got["compliance"] if r["kode_opd"] == "DINKES"]
    share = round(100 * sum(jp.get(n, 0) >= 20 for n in dinkes) / len(dinkes), 1)
    page = (got["out"] / "opd" / "DINKES.html").read_text(encoding="utf-8")
    kpis = page[page.index('id="capaian"') : page.index('id="sebaran-jp"')]
    shown = f"{share:.1f}".replace(".", ",") + "%"
    assert f"% ≥ 20 JP teknis (IP ASN)</dt><dd>{shown}</dd>" in kpis.replace("\n", "").replace(
        "  ", ""
    )


def test_an_opd_email_says_how_much_of_the_week_is_outside_learning(records_run, tmp_path):
    """The week's JP of an OPD includes accepted reports that ended in it (rule 10): the email
    says how much of it, as fct_credits_mandiri holds it."""
    from sqlalchemy import text

    from mekar.config import Settings
    from mekar.deliver.weekly import prepare_week
    from mekar.report.formatting import angka
    from mekar.week import Week

    _, got = records_run
    engine = make_engine(got["url"])
    with engine.connect() as conn:
        opd, year, week, jp = conn.execute(
            text(
                "select a.kode_opd, m.minggu_tahun, m.minggu, sum(m.jp) from fct_credits_mandiri m "
                "join fct_compliance a on a.tahun = m.tahun and a.nip = m.nip "
                "where m.tahun = 2023 group by a.kode_opd, m.minggu_tahun, m.minggu "
                "order by sum(m.jp) desc, a.kode_opd, m.minggu_tahun, m.minggu limit 1"
            )
        ).one()
    batch = prepare_week(engine, Week(year, week), tmp_path / "w", Settings(), opd=opd)
    [mail] = batch.emails
    assert f", {jp} JP di antaranya dari pengembangan mandiri" in mail.text
    # and BKPSDM's summary of that week says it for the regency
    with engine.connect() as conn:
        regency = conn.execute(
            text(
                "select sum(m.jp) from fct_credits_mandiri m join fct_compliance a "
                "on a.tahun = m.tahun and a.nip = m.nip "
                "where m.minggu_tahun = :y and m.minggu = :w"
            ),
            {"y": year, "w": week},
        ).scalar()
    settings = Settings(smtp={"bkpsdm": ["kepala@bkpsdm.example"]})
    summary = prepare_week(engine, Week(year, week), tmp_path / "r", settings).emails[-1]
    assert f", {angka(regency)} JP di antaranya dari pengembangan mandiri" in summary.text
