"""The output files: the contract's sheet-sized CSVs (headers, writers) and the Zoom reports."""

from __future__ import annotations

import csv
import math
from contextlib import ExitStack
from pathlib import Path
from random import Random
from typing import Any

from mekar.validate.contracts import CONTRACTS
from tooling.sample_year.helpers import zoom_minutes, zoom_time
from tooling.sample_year.model import Kegiatan, ZoomRow
from tooling.sample_year.outside import KOREKSI_HEADER, PENGEMBANGAN_HEADER
from tooling.sample_year.session_templates import BERAKHLAK

# The contract's columns, in its order (required, then optional), from mekar.validate.contracts.
OPD_HEADER = [*CONTRACTS["opd"].required, *CONTRACTS["opd"].optional]


PEGAWAI_HEADER = [*CONTRACTS["pegawai"].required, *CONTRACTS["pegawai"].optional]


KEGIATAN_HEADER = [*CONTRACTS["kegiatan"].required, *CONTRACTS["kegiatan"].optional]


DAFTAR_HADIR_HEADER = list(CONTRACTS["daftar_hadir"].required)


# The needs form as it stands at the end of the year: "Topik yang Dibutuhkan" was renamed in the
# form editor (the sheet column follows the new title) and "Nomor WhatsApp" was added, which
# Google Forms appends as the last column, blank for earlier responses.
KEBUTUHAN_TOPIK_COLUMN = "Topik Pengembangan Kompetensi yang Dibutuhkan"


KEBUTUHAN_HEADER = [
    "Timestamp",
    "Email Address",
    "NIP",
    "Nama Lengkap",
    "Unit Kerja",
    "Jenis Kompetensi",
    KEBUTUHAN_TOPIK_COLUMN,
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


ZOOM_CONSENT_COLUMN = "Recording Consent"


ZOOM_PREAMBLE_HEADER = [
    "Meeting ID",
    "Topic",
    "Start Time",
    "End Time",
    "User Email",
    "Duration (Minutes)",
    "Participants",
]


class SampleFiles:
    """The seven sheet-sized CSV files, open for the whole run so regencies stream into them."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._stack = ExitStack()

    def __enter__(self) -> SampleFiles:
        self.opd = self._open("master/opd.csv", OPD_HEADER)
        self.pegawai = self._open("master/pegawai.csv", PEGAWAI_HEADER)
        self.kegiatan = self._open("kegiatan/kegiatan.csv", KEGIATAN_HEADER)
        self.daftar_hadir = self._open("kegiatan/daftar_hadir.csv", DAFTAR_HADIR_HEADER)
        self.kebutuhan = self._open("kebutuhan/Form Responses 1.csv", KEBUTUHAN_HEADER)
        self.koreksi = self._open("kegiatan/koreksi.csv", KOREKSI_HEADER)
        self.pengembangan = self._open("pengembangan/Form Responses 1.csv", PENGEMBANGAN_HEADER)
        (self.out_dir / "log_zoom").mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()

    def _open(self, relative: str, header: list[str]) -> Any:
        path = self.out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = self._stack.enter_context(path.open("w", encoding="utf-8", newline=""))
        writer = csv.writer(handle)  # excel dialect: CRLF, minimal quoting, like golden/mini
        writer.writerow(header)
        return writer

    def zoom_log_path(self, kode: str) -> Path:
        return self.out_dir / "log_zoom" / f"{kode}.csv"


def remove_stale_logs(log_dir: Path, written: list[Path]) -> None:
    keep = {path.name for path in written}
    for path in sorted(log_dir.glob("*.csv")):
        if path.name not in keep:
            path.unlink()


def write_zoom_log(
    path: Path, session: Kegiatan, rows: list[ZoomRow], host_email: str, rng: Random
) -> Path:
    """A Zoom participant report, sometimes with the meeting preamble and a blank row on top."""
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    opening = session.template is BERAKHLAK
    with_preamble = bool(rows) and (opening or rng.random() < 0.1)
    with_consent = opening or rng.random() < 0.2
    day = session.tanggal
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if with_preamble:
            first_join = min(row[0] for row in rows)
            last_leave = max(row[1] for row in rows)
            participants = len(dict.fromkeys(row[2] for row in rows))
            writer.writerow(ZOOM_PREAMBLE_HEADER)
            writer.writerow(
                [
                    str(rng.randint(81_000_000_000, 89_999_999_999)),
                    session.template.nama,
                    zoom_time(day, first_join),
                    zoom_time(day, last_leave),
                    host_email,
                    str(math.ceil((last_leave - first_join) / 60)),
                    str(participants),
                ]
            )
            writer.writerow([""] * len(ZOOM_PREAMBLE_HEADER))
        writer.writerow(ZOOM_HEADER + ([ZOOM_CONSENT_COLUMN] if with_consent else []))
        consent = ["Y"] if with_consent else []
        for join, leave, name, email, guest in rows:
            writer.writerow(
                [
                    name,
                    email,
                    zoom_time(day, join),
                    zoom_time(day, leave),
                    zoom_minutes(join, leave),
                    guest,
                    *consent,
                ]
            )
    return path
