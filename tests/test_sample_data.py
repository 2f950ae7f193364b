"""The sample year: deterministic, the population of DOMAIN.md, the contract's layout, every mess.

Scale 1 is generated once per session (about 2 s); the checks read the files back the way the
pipeline will, as text, so they also prove the files are what a Sheets download looks like.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from tooling.sample_year import write_sample_year

OPD_HEADER = ["Kode OPD", "Nama OPD", "Alias", "Email"]
PEGAWAI_HEADER = [
    "NIP",
    "Nama",
    "Jenis ASN",
    "Kode OPD",
    "Jabatan",
    "Jenis Jabatan",
    "Golongan",
    "Aktif",
    "Email",
]
KEGIATAN_HEADER = [
    "Kode Kegiatan",
    "Nama Kegiatan",
    "Tanggal",
    "Jam Mulai",
    "Jam Selesai",
    "JP",
    "Jalur",
    "Bentuk",
    "Jenis Kompetensi",
    "Moda",
    "Narasumber",
    "Min Kehadiran",
]
DAFTAR_HADIR_HEADER = ["Timestamp", "Kode Kegiatan", "NIP", "Nama", "Unit Kerja"]
# The form after its mid-year edit: the topic question renamed, a WhatsApp question appended.
KEBUTUHAN_HEADER = [
    "Timestamp",
    "Email Address",
    "NIP",
    "Nama Lengkap",
    "Unit Kerja",
    "Jenis Kompetensi",
    "Topik Pengembangan Kompetensi yang Dibutuhkan",
    "Jalur Pengembangan",
    "Model Pembelajaran",
    "Nomor WhatsApp",
]
ZOOM_HEADER = [
    "Name (Original Name)",
    "User Email",
    "Join Time",
    "Leave Time",
    "Duration (Minutes)",
    "Guest",
]
ZOOM_PREAMBLE_HEADER = [
    "Meeting ID",
    "Topic",
    "Start Time",
    "End Time",
    "User Email",
    "Duration (Minutes)",
    "Participants",
]
DEVICE_NAMES = {"iPhone", "iPhone 11", "iPad", "HP Samsung", "Galaxy A12", "Redmi Note 10"}
FORM_TIMESTAMP = re.compile(r"[1-9]\d?/[1-9]\d?/\d{4} [12]?\d:\d\d:\d\d")
ZOOM_TIME = re.compile(r"\d\d/\d\d/\d{4} 1?\d:\d\d:\d\d [AP]M")
NIP_IN_NAME = re.compile(r"(?<!\d)\d{8}[ .\-]?\d{6}[ .\-]?\d[ .\-]?\d{3}(?!\d)")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def year(tmp_path_factory: pytest.TempPathFactory) -> SampleYear:
    out_dir = tmp_path_factory.mktemp("sample") / "scale1"
    messages: list[str] = []
    counts = write_sample_year(out_dir, progress=messages.append)
    return SampleYear(out_dir, counts, messages)


class SampleYear:
    """The scale-1 year, read back as text, with the indexes the checks need."""

    def __init__(self, root: Path, counts: dict[str, int], messages: list[str]) -> None:
        self.root = root
        self.counts = counts
        self.messages = messages
        self.opd = read_csv(root / "master/opd.csv")
        self.pegawai = read_csv(root / "master/pegawai.csv")
        self.kegiatan = read_csv(root / "kegiatan/kegiatan.csv")
        self.daftar_hadir = read_csv(root / "kegiatan/daftar_hadir.csv")
        self.kebutuhan = read_csv(root / "kebutuhan/Form Responses 1.csv")
        self.opd_codes = {row[0] for row in self.opd[1:]}
        self.roster = {
            row[0]: row
            for row in self.pegawai[1:]
            if is_valid_nip(row[0]) and row[3] in self.opd_codes
        }
        self.active = {nip: row for nip, row in self.roster.items() if row[7] != "Tidak"}
        self.email_owner = {row[8]: nip for nip, row in self.roster.items() if row[8]}
        self.sessions = {row[0]: row for row in self.kegiatan[1:]}
        self.logs = {
            path.stem: read_csv(path) for path in sorted((root / "log_zoom").glob("*.csv"))
        }

    def zoom_rows(self, kode: str) -> list[dict[str, str]]:
        rows = self.logs[kode]
        header_at = next(i for i, row in enumerate(rows) if "Join Time" in row)
        header = rows[header_at]
        return [dict(zip(header, row, strict=True)) for row in rows[header_at + 1 :]]

    def all_zoom_rows(self) -> list[tuple[str, dict[str, str]]]:
        return [(kode, row) for kode in self.logs for row in self.zoom_rows(kode)]

    def window(self, kode: str) -> tuple[datetime, datetime, float]:
        row = self.sessions[kode]
        day = datetime.strptime(row[2], "%d/%m/%Y")
        start = day.replace(hour=int(row[3][:2]), minute=int(row[3][3:]))
        end = day.replace(hour=int(row[4][:2]), minute=int(row[4][3:]))
        return start, end, int(row[11] or 80) / 100


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def is_valid_nip(nip: str) -> bool:
    if not re.fullmatch(r"\d{18}", nip):
        return False
    try:
        date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return False
    return nip[14] in "12" and 1 <= int(nip[8:14][4:]) <= 12 and nip[15:] != "000"


def clean_nip(text: str) -> str:
    return re.sub(r"[\s.\-']", "", text)


def form_time(text: str) -> datetime | None:
    """A form Timestamp in the Indonesian locale, or None when it cannot be read."""
    try:
        return datetime.strptime(text, "%d/%m/%Y %H:%M:%S")
    except ValueError:
        return None


def zoom_time(text: str) -> datetime:
    return datetime.strptime(text, "%m/%d/%Y %I:%M:%S %p")


def person_of(row: dict[str, str], year: SampleYear) -> str | None:
    """The roster NIP a Zoom row identifies by NIP in the name or roster email (rules 2a, 2b)."""
    for found in NIP_IN_NAME.findall(row["Name (Original Name)"]):
        if clean_nip(found) in year.roster:
            return clean_nip(found)
    return year.email_owner.get(row["User Email"])


def union_minutes(spans: list[tuple[datetime, datetime]]) -> float:
    total, current = 0.0, None
    for start, end in sorted(spans):
        if current and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current:
            total += (current[1] - current[0]).total_seconds()
        current = (start, end)
    if current:
        total += (current[1] - current[0]).total_seconds()
    return total / 60


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*.csv"))
    }


# --------------------------------------------------------------------------- determinism


def test_same_seed_gives_byte_identical_files(year: SampleYear, tmp_path: Path) -> None:
    again = write_sample_year(tmp_path / "again")
    assert again == year.counts
    assert tree_digest(tmp_path / "again") == tree_digest(year.root)


def test_different_seed_gives_different_files(tmp_path: Path) -> None:
    first = tree_digest_of_run(tmp_path / "a", seed=1)
    second = tree_digest_of_run(tmp_path / "b", seed=2)
    assert first.keys() & second.keys()
    assert first["master/pegawai.csv"] != second["master/pegawai.csv"]
    assert first["kebutuhan/Form Responses 1.csv"] != second["kebutuhan/Form Responses 1.csv"]


def tree_digest_of_run(out_dir: Path, seed: int) -> dict[str, str]:
    write_sample_year(out_dir, scale=0.2, seed=seed)
    return tree_digest(out_dir)


def test_output_does_not_depend_on_string_hashing(tmp_path: Path) -> None:
    """Iterating a set of strings would change with PYTHONHASHSEED between processes."""
    script = (
        "import sys; from pathlib import Path; from tooling.sample_year import write_sample_year; "
    )
    script += "write_sample_year(Path(sys.argv[1]), scale=0.1)"
    digests = []
    for hash_seed in ("1", "2"):
        out_dir = tmp_path / hash_seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", script, str(out_dir)], check=True, env=env)
        digests.append(tree_digest(out_dir))
    assert digests[0] == digests[1]


def test_rerun_into_the_same_folder_leaves_one_year(tmp_path: Path) -> None:
    stale = tmp_path / "log_zoom" / "MEKAR-2019-001.csv"
    stale.parent.mkdir(parents=True)
    stale.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
    )
    counts = write_sample_year(tmp_path, scale=0.1)
    assert not stale.exists()
    assert len(list((tmp_path / "log_zoom").glob("*.csv"))) == counts["zoom_logs"]


def test_scale_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="scale"):
        write_sample_year(tmp_path, scale=0)


# --------------------------------------------------------------------------- layout and headers


def test_files_are_in_the_contract_layout_with_its_headers(year: SampleYear) -> None:
    assert year.opd[0] == OPD_HEADER
    assert year.pegawai[0] == PEGAWAI_HEADER
    assert year.kegiatan[0] == KEGIATAN_HEADER
    assert year.daftar_hadir[0] == DAFTAR_HADIR_HEADER
    assert year.kebutuhan[0] == KEBUTUHAN_HEADER
    for kode, rows in year.logs.items():
        header = next(row for row in rows if "Join Time" in row)
        assert header[:6] == ZOOM_HEADER, kode
        assert header[6:] in ([], ["Recording Consent"]), kode


def test_files_are_written_as_sheets_downloads_them(year: SampleYear) -> None:
    raw = (year.root / "master/pegawai.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == len(year.pegawai)  # csv module's CRLF, like golden/mini
    raw.decode("utf-8")
    assert all(len(row) == len(PEGAWAI_HEADER) for row in year.pegawai)
    assert all(len(row) == len(KEBUTUHAN_HEADER) for row in year.kebutuhan)


def test_one_log_per_online_session_named_by_its_code(year: SampleYear) -> None:
    online = {
        kode
        for kode, row in year.sessions.items()
        if row[9] in ("Daring", "Hybrid") and row[5].isdigit()
    }
    assert online <= year.logs.keys()
    orphans = year.logs.keys() - year.sessions.keys()
    assert len(orphans) == 1  # a log exported for a meeting missing from the catalog
    assert not any(
        year.sessions[kode][9] == "Luring" for kode in year.logs.keys() & year.sessions.keys()
    )


def test_counts_match_the_files(year: SampleYear) -> None:
    counts = year.counts
    assert counts["opd"] == len(year.opd) - 1
    assert counts["kegiatan"] == len(year.kegiatan) - 1
    assert counts["daftar_hadir"] == len(year.daftar_hadir) - 1
    assert counts["kebutuhan"] == len(year.kebutuhan) - 1
    assert counts["zoom_logs"] == len(year.logs)
    assert counts["zoom_rows"] == len(year.all_zoom_rows())
    roster_rows = counts["asn"] + counts["inactive"] + counts["roster_broken"]
    assert roster_rows == len(year.pegawai) - 1


def test_progress_is_reported_in_indonesian(year: SampleYear) -> None:
    assert any(
        message.startswith("Kabupaten Sragen: menulis log Zoom 1/") for message in year.messages
    )
    assert year.messages[-1].startswith("Selesai: 10.503 ASN")


# --------------------------------------------------------------------------- population


def test_population_is_sragens(year: SampleYear) -> None:
    jenis = Counter(row[2] for row in year.active.values())
    assert len(year.active) == 10_503
    assert jenis == {"PNS": 8_783, "PPPK": 1_720}
    assert year.counts["asn"] == 10_503
    assert year.counts["pns"] == 8_783
    assert year.counts["pppk"] == 1_720


def test_nips_are_well_formed_and_unique(year: SampleYear) -> None:
    valid = [row for row in year.pegawai[1:] if is_valid_nip(row[0])]
    assert len({row[0] for row in valid}) == len(valid)
    for nip, row in year.roster.items():
        tmt_year = int(nip[8:12])
        assert 1900 < int(nip[:4]) < tmt_year, nip
        if row[2] == "PPPK":
            assert 2021 <= tmt_year <= 2023, nip
        else:
            assert tmt_year <= 2022, nip


def test_a_few_broken_and_inactive_roster_rows(year: SampleYear) -> None:
    broken = [row for row in year.pegawai[1:] if row[0] not in year.roster]
    assert 0 < len(broken) < 10
    assert any(re.fullmatch(r"\d{17}", row[0]) for row in broken)
    assert any(is_valid_nip(row[0]) and row[3] not in year.opd_codes for row in broken)
    inactive = [row for row in year.roster.values() if row[7] == "Tidak"]
    assert 0 < len(inactive) < 100
    assert any(row[7] == "" for row in year.roster.values())  # Aktif left empty means Ya


def test_opds_follow_the_demo_list(year: SampleYear) -> None:
    assert 45 <= len(year.opd_codes) <= 55
    assert all(re.fullmatch(r"[A-Z0-9_]+", code) for code in year.opd_codes)
    assert {
        "DISDIKBUD",
        "DINKES",
        "BKPSDM",
        "SETDA",
        "KEC_GEMOLONG",
        "RSUD_SOEHADI",
    } <= year.opd_codes
    disdikbud = next(row for row in year.opd if row[0] == "DISDIKBUD")
    assert "Dinas Pendidikan" in disdikbud[2].split(";")
    assert any(row[3] == "" for row in year.opd[1:])
    assert any(";" in row[3] for row in year.opd[1:])
    emails = [email for row in year.opd[1:] for email in row[3].split(";") if email]
    assert all(email.endswith(".example") for email in emails)


def test_opd_sizes_are_plausible(year: SampleYear) -> None:
    size = Counter(row[3] for row in year.active.values())
    assert 0.45 < size["DISDIKBUD"] / len(year.active) < 0.55
    assert size["DINKES"] > 800
    kecamatan = [n for code, n in size.items() if code.startswith("KEC_")]
    assert len(kecamatan) == 20
    assert all(25 <= n <= 65 for n in kecamatan)


def test_names_are_indonesian_with_titles_and_some_shared(year: SampleYear) -> None:
    names = [row[1] for row in year.active.values()]
    for title in ("Drs. ", "dr. ", "H. ", "Hj. ", ", S.Pd.", ", S.Kom.", ", M.M.", ", S.E."):
        assert any(title in name for name in names), title
    by_name = defaultdict(set)
    for row in year.active.values():
        by_name[row[1]].add(row[3])
    assert any(len(opds) > 1 for opds in by_name.values())  # same name in different OPDs
    assert sum(1 for row in year.roster.values() if row[8]) > 1000
    assert all(row[8].endswith(".example") for row in year.roster.values() if row[8])


def test_markup_is_there_to_be_escaped(year: SampleYear) -> None:
    assert any(row[1] == "Tatik <b>Sumarni</b>" for row in year.active.values())
    names = {row["Name (Original Name)"] for _, row in year.all_zoom_rows()}
    assert "<script>alert('x')</script>" in names


# --------------------------------------------------------------------------- sessions


def test_the_opening_webinar(year: SampleYear) -> None:
    row = year.sessions["MEKAR-2023-001"]
    assert row[1:6] == ["Core Value BerAKHLAK", "3/7/2023", "08:00", "11:00", "4"]
    assert row[7] == "Seminar" and row[9] == "Daring"
    attendees = {person_of(zoom, year) for zoom in year.zoom_rows("MEKAR-2023-001")} - {None}
    assert len(attendees & year.active.keys()) == 1_622
    assert attendees <= year.active.keys()


def test_the_catalog(year: SampleYear) -> None:
    sessions_2023 = [row for row in year.kegiatan[1:] if row[2].endswith("/2023")]
    assert 45 <= len(sessions_2023) <= 55
    assert all(
        datetime.strptime(row[2], "%d/%m/%Y") >= datetime(2023, 7, 3) for row in sessions_2023
    )
    assert all(re.fullmatch(r"MEKAR-2023-\d{3}", row[0]) for row in sessions_2023)
    jp = [row[5] for row in sessions_2023]
    assert all(2 <= int(value) <= 8 for value in jp if value.isdigit())
    assert sum(not value.isdigit() for value in jp) == 1  # JP written in words
    assert {row[9] for row in sessions_2023} == {"Daring", "Luring", "Hybrid"}
    assert any("." in row[3] for row in sessions_2023)  # 13.00 style
    minimum = Counter(row[11] for row in sessions_2023)
    assert minimum.most_common(1)[0][0] == "80" and minimum["75"] and minimum[""]
    assert all(row[6] in ("Klasikal", "Nonklasikal") for row in sessions_2023)


def test_last_years_session_has_its_log(year: SampleYear) -> None:
    prior = [row for row in year.kegiatan[1:] if row[2].endswith("/12/2022")]
    assert len(prior) == 1 and prior[0][0].startswith("MEKAR-2022-")
    assert year.zoom_rows(prior[0][0])


# --------------------------------------------------------------------------- Zoom logs


def test_zoom_volume_and_formats(year: SampleYear) -> None:
    rows = year.all_zoom_rows()
    assert 50_000 <= len(rows) <= 70_000
    for _, row in rows:
        assert ZOOM_TIME.fullmatch(row["Join Time"]) and ZOOM_TIME.fullmatch(row["Leave Time"])
        seconds = (zoom_time(row["Leave Time"]) - zoom_time(row["Join Time"])).total_seconds()
        expected = max(0, -(-seconds // 60))  # Zoom rounds the minutes up
        assert int(row["Duration (Minutes)"]) == expected
        assert row["Guest"] in ("Yes", "No")


def test_some_logs_carry_the_meeting_preamble(year: SampleYear) -> None:
    with_preamble = [kode for kode, rows in year.logs.items() if rows[0] == ZOOM_PREAMBLE_HEADER]
    assert "MEKAR-2023-001" in with_preamble
    assert 1 < len(with_preamble) < len(year.logs) / 2
    rows = year.logs["MEKAR-2023-001"]
    assert rows[1][1] == "Core Value BerAKHLAK"
    assert rows[2] == [""] * 7
    assert rows[3] == [*ZOOM_HEADER, "Recording Consent"]


def test_display_names_come_every_way(year: SampleYear) -> None:
    names = [(row["Name (Original Name)"], row["User Email"]) for _, row in year.all_zoom_rows()]
    core_names = {
        re.sub(r"^((dr|drs|dra|drg|h|hj|ir)\. )+", "", row[1].split(",")[0], flags=re.I)
        for row in year.active.values()
    }
    assert any(
        re.fullmatch(r"\d{18}_[^_]+_[A-Za-z0-9_]+", name) for name, _ in names
    )  # NIP_Nama_OPD
    assert any(re.fullmatch(r"\d{18}_[^_]+", name) for name, _ in names)  # NIP_Nama
    assert any(re.match(r"\d{8} \d{6} \d \d{3} \S", name) for name, _ in names)  # spaced NIP
    assert any(re.match(r"\d{18}_.+ \(.+\)$", name) for name, _ in names)  # renamed (original)
    assert any(name.startswith(("Drs. ", "dr. ", "Hj. ")) for name, _ in names)  # with titles
    assert any(name == name.lower() and name.title() in core_names for name, _ in names)
    assert any(
        " " not in name and name in {core.split()[0] for core in core_names} for name, _ in names
    )
    assert any(name in DEVICE_NAMES and email in year.email_owner for name, email in names)
    assert any(name in DEVICE_NAMES and not email for name, email in names)
    assert any(name.startswith("Ruang Rapat ") for name, _ in names)


def test_guests_are_not_on_the_roster(year: SampleYear) -> None:
    guests = [
        row
        for _, row in year.all_zoom_rows()
        if row["Name (Original Name)"].startswith("Narasumber - ")
    ]
    assert guests and all(row["Guest"] == "Yes" for row in guests)
    assert all(row["User Email"] not in year.email_owner for row in guests)


def test_attendance_has_reconnects_overlaps_and_near_misses(year: SampleYear) -> None:
    found = Counter()
    for kode in year.logs.keys() & year.sessions.keys():
        start, end, bar_share = year.window(kode)
        bar = (end - start).total_seconds() / 60 * bar_share
        spans: dict[str, list[tuple[datetime, datetime, int]]] = defaultdict(list)
        for row in year.zoom_rows(kode):
            join, leave = zoom_time(row["Join Time"]), zoom_time(row["Leave Time"])
            found["early_join"] += join < start
            found["interval_invalid"] += leave < join
            nip = person_of(row, year)
            if nip and join <= leave:
                spans[nip].append((join, leave, int(row["Duration (Minutes)"])))
        for rows in spans.values():
            ordered = sorted(rows)
            pairs = list(zip(ordered, ordered[1:], strict=False))
            found["reconnect"] += any(second[0] > first[1] for first, second in pairs)
            found["overlap"] += any(second[0] < first[1] for first, second in pairs)
            clipped = [
                (max(join, start), min(leave, end))
                for join, leave, _ in rows
                if leave > start and join < end
            ]
            attended = union_minutes(clipped)
            found["below_bar"] += attended < bar
            found["sum_not_union"] += sum(minutes for *_, minutes in rows) >= bar > attended
    for mess in (
        "early_join",
        "interval_invalid",
        "reconnect",
        "overlap",
        "below_bar",
        "sum_not_union",
    ):
        assert found[mess] > 0, mess


# --------------------------------------------------------------------------- check-in form


def test_check_ins(year: SampleYear) -> None:
    rows = year.daftar_hadir[1:]
    assert all(FORM_TIMESTAMP.fullmatch(row[0]) for row in rows)
    offline = {kode for kode, row in year.sessions.items() if row[9] in ("Luring", "Hybrid")}
    known = [row for row in rows if row[1] in year.sessions]
    assert {row[1] for row in known} <= offline
    assert 0 < len(rows) - len(known) < 10  # unknown session codes
    wrong_day = [row for row in known if row[0].split(" ")[0] != year.sessions[row[1]][2]]
    assert 0 < len(wrong_day) < len(known) * 0.05
    keys = Counter((row[1], clean_nip(row[2])) for row in rows)
    assert any(n > 1 for n in keys.values())  # submitted twice


def test_check_in_nips_are_typed_every_way(year: SampleYear) -> None:
    nips = [row[2] for row in year.daftar_hadir[1:]]
    assert any(re.fullmatch(r"\d\.\d{5}E\+17", nip) for nip in nips)  # precision lost, shown
    assert any(re.fullmatch(r"\d{15}000", nip) and nip not in year.roster for nip in nips)
    assert any(re.fullmatch(r"\d{8} \d{6} \d \d{3}", nip) for nip in nips)
    assert any(re.fullmatch(r"\d{8}\.\d{6}\.\d\.\d{3}", nip) for nip in nips)
    assert any(re.fullmatch(r"\d{8}-\d{6}-\d-\d{3}", nip) for nip in nips)
    assert any(nip.startswith("'") for nip in nips)
    assert sum(clean_nip(nip) in year.roster for nip in nips) > 0.9 * len(nips)


def test_unit_kerja_is_typed_freely(year: SampleYear) -> None:
    spellings = {
        name.lower() for row in year.opd[1:] for name in [row[0], row[1], *row[2].split(";")]
    }
    typed = [row[4] for row in year.daftar_hadir[1:]] + [row[4] for row in year.kebutuhan[1:]]
    assert any(text.lower() not in spellings for text in typed)  # typos
    assert any(text == text.lower() and text.lower() in spellings for text in typed)


# --------------------------------------------------------------------------- needs form


def test_needs_responses(year: SampleYear) -> None:
    rows = year.kebutuhan[1:]
    assert 9_000 <= len(rows) <= 12_000
    times = [form_time(row[0]) for row in rows]
    assert 0 < times.count(None) < 10  # unparseable timestamps
    assert 100 <= sum(at.year == 2022 for at in times if at) <= 600
    answered_2023 = [row for row, at in zip(rows, times, strict=True) if at and at.year == 2023]
    per_nip = Counter(clean_nip(row[2]) for row in answered_2023)
    respondents = [nip for nip in per_nip if nip in year.active]
    assert 0.85 < len(respondents) / len(year.active) < 0.95
    twice = [nip for nip in respondents if per_nip[nip] == 2]
    assert 0.03 < len(twice) / len(year.active) < 0.07
    assert any(
        clean_nip(row[2]) not in year.roster and is_valid_nip(clean_nip(row[2])) for row in rows
    )


def test_needs_form_was_edited_mid_year(year: SampleYear) -> None:
    edited = datetime(2023, 7, 17, 12)
    before, after = [], []
    for row in year.kebutuhan[1:]:
        at = form_time(row[0])
        if at:
            (after if at >= edited else before).append(row[9])
    assert before and all(whatsapp == "" for whatsapp in before)
    assert after and sum(bool(whatsapp) for whatsapp in after) > 0.8 * len(after)


def test_needs_checkbox_answers(year: SampleYear) -> None:
    kinds = {"Teknis", "Manajerial", "Sosial Kultural"}
    models = {"Flexible Learning", "Social Learning", "Experiential Learning"}
    for row in year.kebutuhan[1:]:
        assert set(row[5].split(", ")) <= kinds
        assert set(row[8].split(", ")) <= models
        assert row[7] and row[6]
    jalur = {answer for row in year.kebutuhan[1:] for answer in row[7].split(", ")}
    assert {
        "Pelatihan Teknis",
        "Seminar/Konferensi/Sarasehan",
        "Workshop/Lokakarya",
        "Coaching",
    } <= jalur
    dinkes_topics = " ".join(row[6].lower() for row in year.kebutuhan[1:] if row[4] == "Dinkes")
    assert "kesehatan" in dinkes_topics or "pasien" in dinkes_topics
    disdik_topics = " ".join(row[6].lower() for row in year.kebutuhan[1:] if row[4] == "Disdikbud")
    assert "kurikulum merdeka" in disdik_topics


# --------------------------------------------------------------------------- scale


def test_larger_scale_adds_regencies_with_suffixed_codes(tmp_path: Path) -> None:
    counts = write_sample_year(tmp_path, scale=1.5)
    assert (counts["pns"], counts["pppk"]) == (13_175, 2_580)  # 8,783 and 1,720 times 1.5
    codes = [row[0] for row in read_csv(tmp_path / "master/opd.csv")[1:]]
    assert len(codes) == len(set(codes)) == 100
    assert "DINKES_KARANGANYAR" in codes
    kegiatan = read_csv(tmp_path / "kegiatan/kegiatan.csv")[1:]
    assert any(row[0].startswith("MEKAR-KARANGANYAR-2023-") for row in kegiatan)
    assert len({row[0] for row in kegiatan}) == len(kegiatan)
    nips = [row[0] for row in read_csv(tmp_path / "master/pegawai.csv")[1:] if is_valid_nip(row[0])]
    assert len(nips) == len(set(nips))


# --------------------------------------------------------------------------- outside learning


def test_only_a_course_finished_outside_the_year_is_rejected_as_such(year: SampleYear) -> None:
    """Rule 10: an accepted report earns its JP in the year of its Tanggal Selesai, so a
    course finished in 2023 is never "bukan tahun berjalan" in the 2023 sample; one finished
    in December 2022 may be (and is, whenever BKPSDM rejects it)."""
    rows = read_csv(year.root / "pengembangan/Form Responses 1.csv")
    header = rows[0]
    reports = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    rejected = [r for r in reports if r["Status"] == "Ditolak"]
    finished_in = Counter((r["Tanggal Selesai"].rsplit("/", 1)[-1], r["Catatan"]) for r in rejected)
    assert finished_in[("2023", "bukan tahun berjalan")] == 0
    assert finished_in[("2022", "bukan tahun berjalan")] > 0
    assert all(
        r["Catatan"] == "bukan tahun berjalan"
        for r in rejected
        if r["Tanggal Selesai"].endswith("/2022")
    )
    reasons = {why for finished, why in finished_in if finished == "2023"}
    assert len(reasons) == 3 and all(reasons)  # in-year rejections keep three reasons
