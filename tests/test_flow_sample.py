"""The nightly flow on a small generated year, checked against a plain-Python reading of the
contract's rules written here, independently of the SQL: every credit must agree."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mekar.export import write_export
from mekar.validate.names import fold_name, fold_opd_token, split_zoom_name
from mekar.validate.nip import check_nip
from mekar.warehouse.db import make_engine
from tooling.sample_year import write_sample_year


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _zoom_rows(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "Join Time" in line)
    return list(csv.DictReader(lines[start:]))


def _nip_in(text: str) -> str | None:
    digits = re.search(r"(?<!\d)\d(?:[ .\-]?\d){17}(?![ .\-]?\d)", text or "")
    return re.sub(r"\D", "", digits.group(0)) if digits else None


def expected_credits(data: Path, year: int) -> set[tuple[str, str, int, str]]:
    """(nip, kode, jp, bukti) by the contract, read straight from the files."""
    opd = _csv(data / "master" / "opd.csv")
    codes = {o["Kode OPD"] for o in opd}
    tokens = {
        fold_opd_token(t)
        for o in opd
        for t in [o["Kode OPD"], o["Nama OPD"], *o["Alias"].split(";")]
        if t
    }
    roster: dict[str, dict] = {}
    for row in _csv(data / "master" / "pegawai.csv"):
        nip = check_nip(row["NIP"]).nip
        if (
            nip
            and nip not in roster
            and row["Kode OPD"] in codes
            and row["Jenis ASN"] in ("PNS", "PPPK")
        ):
            roster[nip] = row
    emails = defaultdict(set)
    names = defaultdict(set)
    written_names = defaultdict(set)  # rule 2c: as written, case and spaces folded
    for nip, row in roster.items():
        if row["Email"]:
            emails[row["Email"].lower()].add(nip)
        if row.get("Aktif", "Ya") in ("Ya", ""):
            names[fold_name(row["Nama"])].add(nip)
            written_names[" ".join(row["Nama"].casefold().split())].add(nip)

    sessions = {}
    for row in _csv(data / "kegiatan" / "kegiatan.csv"):
        if not row["JP"].isdigit():
            continue
        day = datetime.strptime(row["Tanggal"], "%d/%m/%Y")
        start = datetime.strptime(
            f"{row['Tanggal']} {row['Jam Mulai'].replace('.', ':')}", "%d/%m/%Y %H:%M"
        )
        end = datetime.strptime(
            f"{row['Tanggal']} {row['Jam Selesai'].replace('.', ':')}", "%d/%m/%Y %H:%M"
        )
        bar = float(row["Min Kehadiran"] or 80)
        sessions[row["Kode Kegiatan"]] = (day.date(), start, end, int(row["JP"]), bar)

    # rule 9's cocokkan: (session or None for every session, name as written) -> NIP, the
    # latest standing; after NIP and email, before names
    given: dict[tuple, tuple] = {}
    for number, row in enumerate(_csv(data / "kegiatan" / "koreksi.csv"), start=2):
        nip = check_nip(row["NIP"]).nip
        if row["Jenis"] != "cocokkan" or not (row["Alasan"] and row["Oleh"]) or nip not in roster:
            continue
        key = (row["Kode Kegiatan"] or None, " ".join(row["Nama Zoom"].casefold().split()))
        at = (datetime.strptime(row["Timestamp"], "%d/%m/%Y %H:%M:%S"), number)
        if key not in given or given[key][0] < at:
            given[key] = (at, nip)

    def who(row: dict, kode: str) -> str | None:
        display, original = split_zoom_name(row["Name (Original Name)"])
        for written in (display, original):
            if written and _nip_in(written) in roster:
                return _nip_in(written)
        owners = emails.get((row["User Email"] or "").lower(), set())
        if len(owners) == 1:
            return next(iter(owners))
        for session in (kode, None):
            for written in (display, original):
                folded = " ".join((written or "").casefold().split())
                if written and (session, folded) in given:
                    return given[(session, folded)][1]
        for written in (display, original):
            if not written:
                continue
            owners = written_names.get(" ".join(written.casefold().split()))
            if owners is None:  # as written it is nobody's: with titles stripped
                owners = names.get(fold_name(written, tokens), set())
            if len(owners) == 1:
                return next(iter(owners))
        return None

    credited: dict[tuple[str, str], set[str]] = defaultdict(set)
    for log in sorted((data / "log_zoom").glob("*.csv")):
        if log.stem not in sessions:
            continue
        _, start, end, _, bar = sessions[log.stem]
        spans = defaultdict(list)
        for row in _zoom_rows(log):
            try:
                joined = datetime.strptime(row["Join Time"], "%m/%d/%Y %I:%M:%S %p")
                left = datetime.strptime(row["Leave Time"], "%m/%d/%Y %I:%M:%S %p")
            except ValueError:
                continue
            nip = who(row, log.stem)
            if nip and left >= joined:
                spans[nip].append((max(joined, start), min(left, end)))
        for nip, pieces in spans.items():
            covered, reach = 0.0, None
            for begin, finish in sorted(p for p in pieces if p[1] > p[0]):
                if reach is None or begin > reach:
                    covered += (finish - begin).total_seconds()
                    reach = finish
                elif finish > reach:
                    covered += (finish - reach).total_seconds()
                    reach = finish
            if covered * 100 >= bar * (end - start).total_seconds():
                credited[(nip, log.stem)].add("zoom")
    for row in _csv(data / "kegiatan" / "daftar_hadir.csv"):
        nip = check_nip(row["NIP"]).nip
        session = sessions.get(row["Kode Kegiatan"])
        try:
            stamped = datetime.strptime(row["Timestamp"], "%d/%m/%Y %H:%M:%S").date()
        except ValueError:
            continue
        if nip in roster and session and stamped == session[0]:
            credited[(nip, row["Kode Kegiatan"])].add("daftar_hadir")

    # rule 9: the latest beri/cabut per NIP and session stands (the sample has no cocokkan)
    latest: dict[tuple[str, str], tuple[datetime, int, str]] = {}
    for number, row in enumerate(_csv(data / "kegiatan" / "koreksi.csv"), start=2):
        nip = check_nip(row["NIP"]).nip
        if row["Jenis"] not in ("beri", "cabut") or not (row["Alasan"] and row["Oleh"]):
            continue
        if nip not in roster or row["Kode Kegiatan"] not in sessions:
            continue
        at = (datetime.strptime(row["Timestamp"], "%d/%m/%Y %H:%M:%S"), number, row["Jenis"])
        key = (nip, row["Kode Kegiatan"])
        latest[key] = max(latest.get(key, at), at)
    for key, (_, _, jenis) in latest.items():
        if jenis == "beri":
            credited[key].add("koreksi")
        else:
            credited.pop(key, None)

    order = ("zoom", "daftar_hadir", "koreksi")
    out = {
        (nip, kode, sessions[kode][3], "+".join(e for e in order if e in via))
        for (nip, kode), via in credited.items()
        if sessions[kode][0].year == year
    }
    return out | _outside_credits(data, roster, sessions, credited, year)


def _outside_credits(data: Path, roster, sessions, credited, year: int) -> set:
    """Rule 10, read straight from the pengembangan sheet."""
    catalog = {}
    for row in _csv(data / "kegiatan" / "kegiatan.csv"):
        if row["Kode Kegiatan"] in sessions:
            catalog.setdefault(" ".join(row["Nama Kegiatan"].casefold().split()), []).append(
                row["Kode Kegiatan"]
            )
    standing: dict[tuple, tuple] = {}
    for number, row in enumerate(_csv(data / "pengembangan" / "Form Responses 1.csv"), start=2):
        nip = check_nip(row["NIP"]).nip
        try:
            start = datetime.strptime(row["Tanggal Mulai"], "%d/%m/%Y").date()
            end = datetime.strptime(row["Tanggal Selesai"], "%d/%m/%Y").date()
            jp = int(row["JP"])
        except ValueError:
            continue  # a date or a JP typed wrong: quarantined
        if nip not in roster or end < start or jp > 10 * ((end - start).days + 1):
            continue
        name = " ".join(row["Nama Kegiatan"].casefold().split())
        cert = row["Nomor Sertifikat"]
        key = (nip, cert) if cert else (nip, name, end)
        at = (datetime.strptime(row["Timestamp"], "%d/%m/%Y %H:%M:%S"), number)
        if key not in standing or standing[key][0] < at:
            code = f"MANDIRI-{cert}" if cert else f"MANDIRI-R{number}"
            standing[key] = (at, nip, code, jp, row["Status"], name, start, end)
    out = set()
    for _, nip, code, jp, status, name, start, end in standing.values():
        repeats = any(
            (nip, kode) in credited and start <= sessions[kode][0] <= end
            for kode in catalog.get(name, [])
        )
        if status == "Diterima" and end.year == year and not repeats:
            out.add((nip, code, jp, "laporan_mandiri"))
    return out


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data):
        self.chunks.append(data)


@pytest.fixture(scope="module")
def sample_year(tmp_path_factory):
    data = tmp_path_factory.mktemp("sample")
    write_sample_year(data, scale=0.1, seed=7)
    return data


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_generated_year_end_to_end(prefect_harness, sample_year, tmp_path, warehouse_url):
    from flows.nightly import nightly

    url = warehouse_url
    out = tmp_path / "out"
    first = nightly(str(sample_year), None, url, str(out))
    assert first.year == 2023  # the latest year with sessions
    assert first.failures == []
    reports = _digests(out)

    engine = make_engine(url)
    write_export(engine, "credits", 2023, tmp_path / "credits.csv")
    got = {
        (r["nip"], r["kode_kegiatan"], int(r["jp"]), r["bukti"])
        for r in _csv(tmp_path / "credits.csv")
    }
    want = expected_credits(sample_year, 2023)
    assert len(want) > 100
    assert got == want

    # a few ASN by hand: their year total is the sum of their credits
    write_export(engine, "compliance", 2023, tmp_path / "compliance.csv")
    compliance = {r["nip"]: r for r in _csv(tmp_path / "compliance.csv")}
    per_nip = defaultdict(int)
    for nip, _, jp, _ in want:
        per_nip[nip] += jp
    for nip in sorted(per_nip)[:: max(1, len(per_nip) // 5)]:
        if nip in compliance:
            assert int(compliance[nip]["jp"]) == per_nip[nip]
            assert compliance[nip]["memenuhi"] == ("1" if per_nip[nip] >= 20 else "0")

    # every OPD page names only its own ASN
    roster_opd = {
        check_nip(r["NIP"]).nip: r["Kode OPD"] for r in _csv(sample_year / "master" / "pegawai.csv")
    }
    for page in sorted((out / "opd").glob("*.html")):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        nips = set(re.findall(r"\b\d{18}\b", " ".join(parser.chunks)))
        assert {roster_opd.get(n) for n in nips} <= {page.stem}, page.name

    second = nightly(str(sample_year), None, url, str(out))
    assert second.rows_changed == 0
    assert _digests(out) == reports
