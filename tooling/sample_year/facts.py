"""Population facts of the sample year: Sragen's ASN (DOMAIN.md), session dates, regencies."""

from __future__ import annotations

from datetime import date, datetime

# DOMAIN.md: the regency's ASN, and the headline attendance of the first session.
SRAGEN_PNS = 8_783


SRAGEN_PPPK = 1_720


SRAGEN_ASN = SRAGEN_PNS + SRAGEN_PPPK


BERAKHLAK_ATTENDEES = 1_622


SESSIONS_PER_REGENCY = 49  # plus the row with an invalid JP and last year's session


INACTIVE_SHARE = 0.003  # retired or moved during the year, still on the roster as "Tidak"


PROGRAMME_YEAR = 2023  # the year the sample reports: its sessions, its needs form


FIRST_SESSION_DATE = date(2023, 7, 3)


LAST_SESSION_DATE = date(2023, 12, 15)


NEEDS_FORM_OPENED = datetime(2023, 6, 26, 8, 0)


NEEDS_FORM_EDITED = datetime(2023, 7, 17, 12, 0)  # topic question renamed, WhatsApp added


HOLIDAYS = (date(2023, 8, 17), date(2023, 9, 28), date(2023, 12, 25))


# Central Java's 35 regencies and cities: the province is what scale 35 stands for.
REGENCIES = (
    "Sragen", "Karanganyar", "Sukoharjo", "Wonogiri", "Klaten", "Boyolali", "Grobogan",
    "Blora", "Rembang", "Pati", "Kudus", "Jepara", "Demak", "Semarang", "Temanggung",
    "Kendal", "Batang", "Pekalongan", "Pemalang", "Tegal", "Brebes", "Cilacap", "Banyumas",
    "Purbalingga", "Banjarnegara", "Kebumen", "Purworejo", "Wonosobo", "Magelang",
    "Kota Surakarta", "Kota Salatiga", "Kota Semarang", "Kota Pekalongan", "Kota Tegal",
    "Kota Magelang",
)  # fmt: skip
