"""An estimate of IP ASN's Kompetensi dimension per OPD (Peraturan BKN 8/2019 art. 8).

The dimension weighs 40 of IP ASN's 100 points. Each ASN scores the weight of every
indicator they meet, by jenis jabatan: a diklat kepemimpinan, a diklat fungsional, technical
development of at least 20 JP in the year, a seminar/workshop/magang/kursus. An OPD's score
is the mean over its active ASN. The weights are configuration
(`Settings.kompetensi_weights`); those DOMAIN.md could not confirm are listed in
`Settings.kompetensi_weights_assumed` and the pages name them. The counts come from SQL
(`sql/report/opd_ip_asn.sql`); only the weighting is here, so a changed weight needs no
rebuild of the warehouse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

DIMENSION_POINTS = 40
INDICATORS = {
    "kepemimpinan": "diklat kepemimpinan",
    "fungsional": "diklat fungsional",
    "teknis_20": "pengembangan teknis ≥ 20 JP",
    "seminar": "seminar/workshop/magang/kursus",
}
# the SQL column counting each indicator
_COLUMN = {"kepemimpinan": "kepemimpinan", "fungsional": "fungsional",
           "teknis_20": "teknis_20", "seminar": "seminar"}  # fmt: skip


def kompetensi_score(counts: Iterable[dict], weights: dict[str, dict[str, float]]) -> float | None:
    """The mean score of an OPD's (or the regency's) ASN from rows of opd_ip_asn.sql
    (jenis_jabatan, jumlah_asn and one count per indicator); None: no ASN."""
    people = points = 0.0
    for row in counts:
        people += row["jumlah_asn"]
        for indicator, column in _COLUMN.items():
            points += weights.get(indicator, {}).get(row["jenis_jabatan"] or "", 0) * row[column]
    return points / people if people else None


def assumptions(weights: dict[str, dict[str, float]], assumed: Sequence[str]) -> list[str]:
    """The assumed weights in words: "pengembangan teknis ≥ 20 JP untuk Pelaksana: 30"."""
    said = []
    for entry in assumed:
        indicator, _, jabatan = entry.partition(":")
        per_jabatan = weights.get(indicator, {})
        if jabatan in ("", "*"):
            values = sorted(set(per_jabatan.values()))
            shown = "/".join(f"{v:g}" for v in values) or "0"
            said.append(f"{INDICATORS.get(indicator, indicator)} (semua jenis jabatan): {shown}")
        else:
            value = per_jabatan.get(jabatan, 0)
            said.append(f"{INDICATORS.get(indicator, indicator)} untuk {jabatan}: {value:g}")
    return said
