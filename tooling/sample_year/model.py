"""The records the generator passes between stages: regions, OPDs, ASN, sessions, form rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tooling.sample_year.helpers import form_timestamp
from tooling.sample_year.session_templates import SessionTemplate


@dataclass(slots=True)
class Region:
    """One regency's worth of OPDs, ASN and sessions (scale 1 = Sragen alone)."""

    index: int
    name: str  # "Sragen", "Kota Surakarta", ...
    code_suffix: str  # "" for Sragen, "_KLATEN" for the others
    session_prefix: str  # "MEKAR", "MEKAR-KLATEN"
    domain: str  # "sragen.example"
    pns: list[int]  # per OPD template
    pppk: list[int]
    inactive: int
    sessions: int

    @property
    def label(self) -> str:
        return self.name if self.name.startswith("Kota ") else f"Kabupaten {self.name}"

    @property
    def short(self) -> str:
        return self.name.removeprefix("Kota ")


@dataclass(slots=True)
class Opd:
    code: str
    name: str
    aliases: tuple[str, ...]
    emails: tuple[str, ...]
    kind: str
    engagement: float


@dataclass(slots=True)
class Asn:
    nip: str
    nama: str  # as on the roster, with titles
    core_name: str  # without titles: what people type as their name
    gender: int  # NIP digit 15: 1 male, 2 female
    jenis: str  # PNS | PPPK
    opd: Opd
    jabatan: str
    jenis_jabatan: str
    golongan: str
    aktif: bool
    email: str
    propensity: float  # how readily this person joins sessions
    name_habit: str  # how this person usually names themself in Zoom

    @property
    def first_name(self) -> str:
        return self.core_name.split()[0]


@dataclass(slots=True)
class Kegiatan:
    kode: str
    template: SessionTemplate
    tanggal: date
    mulai: int  # minutes after midnight
    selesai: int
    jp: int
    jp_text: str  # what the catalog cell says; words for the row with an invalid JP
    moda: str
    narasumber: str
    min_kehadiran: str
    jam_separator: str  # ":" or "." (both are written in the sheet)
    zoom_reach: int  # ASN expected on Zoom
    room_reach: int  # ASN expected in the room (check-in form)

    @property
    def has_zoom_log(self) -> bool:
        return self.moda in ("Daring", "Hybrid") and self.jp_text.isdigit()

    @property
    def min_percent(self) -> int:
        return int(self.min_kehadiran or 80)


ZoomRow = tuple[int, int, str, str, str]  # join s, leave s (after midnight), name, email, guest


@dataclass(slots=True)
class CheckIn:
    at: datetime
    kode: str
    nip: str
    nama: str
    unit_kerja: str

    def row(self) -> list[str]:
        return [form_timestamp(self.at), self.kode, self.nip, self.nama, self.unit_kerja]


@dataclass(slots=True)
class NeedsResponse:
    at: datetime
    timestamp_text: str
    email: str
    nip: str
    nama: str
    unit_kerja: str
    jenis_kompetensi: str
    topik: str
    jalur: str
    model: str
    whatsapp: str

    def row(self) -> list[str]:
        return [
            self.timestamp_text,
            self.email,
            self.nip,
            self.nama,
            self.unit_kerja,
            self.jenis_kompetensi,
            self.topik,
            self.jalur,
            self.model,
            self.whatsapp,
        ]


@dataclass(slots=True)
class Registry:
    """What must stay unique across regencies: NIPs and personal emails."""

    nips: set[str]
    emails: set[str]
