"""Settings: policy numbers and source names that BKPSDM may change without code.

Read from environment variables `MEKAR_*` and a TOML file: the path in `MEKAR_CONFIG` (which
must exist), else `mekar.toml` in the working directory when present. Built once per run,
never at import. `config_file()` names that file for messages.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from mekar.errors import MekarError

CONFIG_ENV = "MEKAR_CONFIG"

DEFAULT_HEADER_ALIASES: dict[str, list[str]] = {
    # The needs form was edited mid-year: a renamed question keeps its logical column.
    "Topik yang Dibutuhkan": [
        "Topik Pengembangan Kompetensi yang Dibutuhkan",
        "Topik Pelatihan yang Dibutuhkan",
    ],
    "Email Address": ["Email address", "Alamat email"],
    "Timestamp": ["Stempel waktu", "Cap waktu"],
}


class SheetsSettings(BaseModel):
    """Where the Google Sheets are and how hard to try reading them."""

    # Logical spreadsheet (master, kebutuhan, kegiatan, log_zoom) -> key or full URL.
    spreadsheets: dict[str, str] = Field(default_factory=dict)
    # A local Sheets API server (tests, demos) instead of Google's.
    api_url: str | None = None
    # Service-account JSON file; GOOGLE_APPLICATION_CREDENTIALS is used when this is unset.
    credentials_file: Path | None = None
    # Or the name of a Prefect Secret block holding that JSON.
    credentials_block: str | None = None
    # No key at all: only allowed with api_url (the local server checks none).
    anonymous: bool = False
    timeout_seconds: float = 30.0
    max_retries: int = 5
    backoff_seconds: float = 1.0
    backoff_max_seconds: float = 32.0


class ContactSettings(BaseModel):
    """BKPSDM's contact for the OPDs, shown in every OPD report (empty fields are left out)."""

    nama: str = "Bidang Pengembangan Kompetensi, BKPSDM Kabupaten Sragen"
    telepon: str | None = None
    email: str | None = None

    @property
    def line(self) -> str:
        return " · ".join(part for part in (self.nama, self.telepon, self.email) if part)


# Indicator -> jenis jabatan -> weight (the dimension's 40 points). Stated by the regulation:
# kepemimpinan 15 (JPT, Administrator, Pengawas), fungsional 15 (Fungsional), teknis >= 20 JP
# 15 (all but Pelaksana). Assumed (DOMAIN.md "not confirmed here"): teknis for Pelaksana, and
# seminar/workshop/magang/kursus, set so that each jenis jabatan can reach 40.
DEFAULT_KOMPETENSI_WEIGHTS: dict[str, dict[str, float]] = {
    "kepemimpinan": {"JPT": 15, "Administrator": 15, "Pengawas": 15},
    "fungsional": {"Fungsional": 15},
    "teknis_20": {
        "JPT": 15,
        "Administrator": 15,
        "Pengawas": 15,
        "Fungsional": 15,
        "Pelaksana": 30,
    },
    "seminar": {"JPT": 10, "Administrator": 10, "Pengawas": 10, "Fungsional": 10, "Pelaksana": 10},
}
DEFAULT_KOMPETENSI_ASSUMED = ("teknis_20:Pelaksana", "seminar:*")


class SmtpSettings(BaseModel):
    """The agency's mail server and who gets the weekly emails. Without a host, messages go
    to the outbox folder (out/outbox) as .eml files."""

    host: str | None = None
    port: int = 587
    username: str | None = None
    password: str | None = None  # or MEKAR_SMTP__PASSWORD; never logged
    # Or the name of a Prefect Secret block holding the password (production).
    password_block: str | None = None
    starttls: bool = True
    # A CA certificate (PEM) to trust besides the system's, for an agency's own mail server.
    ca_file: Path | None = None
    timeout_seconds: float = 30.0
    sender: str = "Sragen Mekar <mekar@bkpsdm.sragen.example>"
    # BKPSDM's own recipients of the regency summary.
    bkpsdm: list[str] = Field(default_factory=list)
    # An OPD with nothing to report gets a short message saying so ("short") or none ("none").
    empty_report: Literal["short", "none"] = "short"
    # A week of a year whose catalog has no session yet: only BKPSDM gets a notice ("bkpsdm"),
    # or every OPD too gets its short message ("all").
    year_without_sessions: Literal["bkpsdm", "all"] = "bkpsdm"


class PartitionSettings(BaseModel):
    """One regency (instansi) of a province run: its own sources, OPDs and roster. Exactly
    one of `data_dir` (a folder of downloaded files) or `spreadsheets` (its own Sheets keys,
    as sheets.spreadsheets) says where its sources are."""

    # Upper-case letters, digits and "_": it names the partition's schema, folder and task.
    kode: str = Field(pattern=r"^[A-Z][A-Z0-9_]{0,30}$")
    nama: str
    data_dir: Path | None = None
    spreadsheets: dict[str, str] = Field(default_factory=dict)
    # Its own Google service account (a project per province keeps each within Google's
    # per-user read quota, docs/scale.md); None: sheets.credentials_file / _block.
    credentials_file: Path | None = None
    credentials_block: str | None = None


class ProvinceSettings(BaseModel):
    """A province (or more) as partitions on a Dask cluster (docs/scale.md)."""

    kode: str = "PROVINSI"
    nama: str = "Provinsi"
    partitions: list[PartitionSettings] = Field(default_factory=list)
    # A running Dask scheduler ("tcp://10.0.0.5:8786"); None: a LocalCluster on this machine
    # with `local_workers` processes of one thread (a partition is CPU-bound Python).
    dask_address: str | None = None
    local_workers: int = Field(default=2, ge=1)
    # PostgreSQL: partition KODE lives in schema <schema_prefix><kode>, the roll-up in
    # <schema_prefix>provinsi. SQLite: <file>_<kode>.db beside the warehouse file.
    schema_prefix: str = Field(default="mekar_", pattern=r"^[a-z][a-z0-9_]{0,20}$")
    # Who gets the province summary email (mekar run province --email).
    recipients: list[str] = Field(default_factory=list)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MEKAR_", env_nested_delimiter="__", extra="ignore"
    )

    warehouse_url: str = "sqlite:///mekar.db"
    # The regency the pages name (a province run sets each partition's own).
    instansi: str = "Kabupaten Sragen"
    out_dir: Path = Path("out")
    # Policy (DOMAIN.md): all ASN, PNS and PPPK, are held to 20 JP a year.
    target_jp: dict[str, int] = Field(default_factory=lambda: {"PNS": 20, "PPPK": 20})
    # Per-year overrides: {"2024": {"PPPK": 24}}.
    target_jp_by_year: dict[str, dict[str, int]] = Field(default_factory=dict)
    default_min_kehadiran: float = 80.0
    # A worksheet whose quarantine takes more than this share of the rows the last run loaded
    # from it fails instead of replacing them (mekar.validate.guard): a column damaged at once.
    quarantine_guard_share: float = Field(default=0.5, ge=0, le=1)
    # Zoom display names of the host accounts (the review list keeps them apart).
    zoom_host_names: list[str] = Field(default_factory=lambda: ["BKPSDM Sragen"])
    # Outside learning (rule 10): the most JP a report may claim per calendar day it spans.
    pengembangan_jp_per_hari: int = 10
    # Reports (mekar.report.risk): a pace is extrapolated only once this share of the
    # programme's year has passed; before that, only what the remaining catalog allows.
    pace_after_share_of_year: float = Field(default=0.5, ge=0, le=1)
    # Who at BKPSDM an OPD contacts, named in every OPD report.
    bkpsdm_contact: ContactSettings = Field(default_factory=lambda: ContactSettings())
    # Where the year's pages (out/) are published, e.g. "https://mekar.sragenkab.go.id/2023/":
    # each OPD email then links to its OPD's page (the searchable full list). None: no link.
    pages_url: str | None = None
    # IP ASN's Kompetensi dimension (Peraturan BKN 8/2019 art. 8): the weight of each
    # indicator per jenis jabatan, and which of those weights are assumptions (DOMAIN.md:
    # not confirmed), marked as such on the pages.
    kompetensi_weights: dict[str, dict[str, float]] = Field(
        default_factory=lambda: {k: dict(v) for k, v in DEFAULT_KOMPETENSI_WEIGHTS.items()}
    )
    kompetensi_weights_assumed: list[str] = Field(
        default_factory=lambda: list(DEFAULT_KOMPETENSI_ASSUMED)
    )
    # Worksheet names the needs form's responses may have (the form's language decides).
    form_worksheet_names: list[str] = Field(
        default_factory=lambda: ["Form Responses 1", "Tanggapan Formulir 1"]
    )
    header_aliases: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_HEADER_ALIASES.items()}
    )
    sheets: SheetsSettings = Field(default_factory=SheetsSettings)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    # The nightly schedule (prefect.yaml): the weekly run refreshes the warehouse first when
    # the last refresh is older than the last such slot.
    nightly_time: time = time(1, 0)
    timezone: str = "Asia/Jakarta"
    # A worksheet whose cells (and the rules reading them) are as last loaded is not read
    # again. Off: every run validates and reloads everything (the load is idempotent anyway).
    skip_unchanged: bool = True
    # A province run's regencies; empty for one regency (the default).
    province: ProvinceSettings = Field(default_factory=ProvinceSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if toml := _toml_source(settings_cls):
            sources.append(toml)
        return tuple(sources)

    def target_for(self, year: int, jenis_asn: str) -> int:
        by_year = self.target_jp_by_year.get(str(year), {})
        return int(by_year.get(jenis_asn, self.target_jp.get(jenis_asn, 20)))


def config_file() -> Path:
    """The settings file in force, for messages: the path in MEKAR_CONFIG when set, else
    mekar.toml in the working folder (which may not exist: then defaults and MEKAR_*)."""
    return Path(os.environ.get(CONFIG_ENV) or "mekar.toml")


def _shown(path: Path) -> str:
    """A path as the person wrote it, and where that is when it is relative."""
    return str(path) if path.is_absolute() else f"{path} ({path.absolute()})"


def _toml_position(error: tomllib.TOMLDecodeError) -> str:
    """tomllib's "<what> (at line 3, column 7)" the Indonesian way; its <what> is kept."""
    text = str(error)
    if found := re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", text, re.DOTALL):
        what, line, column = found.groups()
        return f"di baris {line}, kolom {column} ({what})"
    if found := re.fullmatch(r"(.*) \(at end of document\)", text, re.DOTALL):
        return f"di akhir berkas ({found.group(1)}; kurung atau tanda kutip belum ditutup?)"
    return f"({text})"


def _toml_source(settings_cls: type[BaseSettings]) -> PydanticBaseSettingsSource | None:
    """The TOML file's settings; None without one. A MEKAR_CONFIG that names no file is a
    mistake said as such: ignoring it would run on defaults, e.g. mailing no one."""
    path = config_file()
    if not path.is_file():
        if not os.environ.get(CONFIG_ENV):
            return None  # no mekar.toml here: defaults and MEKAR_* variables only
        what = "itu folder, bukan berkas" if path.is_dir() else "berkas itu tidak ada"
        raise MekarError(
            f"{CONFIG_ENV} menunjuk ke {_shown(path)}, tetapi {what}. Perbaiki jalurnya, "
            f"atau kosongkan {CONFIG_ENV} untuk memakai mekar.toml di folder kerja."
        )
    # The file is parsed here, while the settings are built: pydantic-settings lets its
    # errors through unwrapped, and they would not name the file.
    try:
        return TomlConfigSettingsSource(settings_cls, toml_file=path)
    except tomllib.TOMLDecodeError as exc:
        raise MekarError(
            f"berkas pengaturan {_shown(path)} tidak terbaca {_toml_position(exc)}; periksa "
            "penulisannya (format TOML)."
        ) from exc
    except UnicodeDecodeError as exc:
        raise MekarError(
            f"berkas pengaturan {_shown(path)} bukan teks UTF-8; simpan ulang sebagai UTF-8."
        ) from exc
    except OSError as exc:
        raise MekarError(
            f"berkas pengaturan {_shown(path)} tidak dapat dibaca ({exc.strerror}); periksa "
            "izinnya."
        ) from exc
