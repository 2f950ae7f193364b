"""The province summary: one page (out/provinsi.html) and one email, from the province marts
(mekar.transform.province). Each regency's own pages stay under out/<KODE>/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from mekar.report.formatting import made_at
from mekar.report.queries import rows
from mekar.report.render import template_environment, write_page

PAGE = "provinsi.html"
SHOWN_OPDS = 10  # the province's best and lowest OPDs shown on the page and in the email
SHOWN_NEEDS = 3  # the most asked jenis kompetensi and topics per regency
SHOWN_NIPS = 50

Row = dict[str, Any]

STATUS_LABELS = {
    "berhasil": "Berhasil",
    "tidak_lengkap": "Tidak lengkap",
    "gagal": "Gagal",
    "belum_dijalankan": "Belum dijalankan",
}


@dataclass
class ProvinceData:
    tahun: int | None
    partisi: list[Row]  # every configured regency, its last outcome
    instansi: list[Row]  # prov_instansi of the year, ranked
    kpi: Row
    opd_teratas: list[Row]
    opd_terendah: list[Row]
    kebutuhan: dict[str, dict[str, list[Row]]]  # instansi -> kategori -> top answers
    nip_ganda: list[Row]
    nip_ganda_jumlah: int

    @property
    def masalah(self) -> list[Row]:
        """Regencies whose figures are missing or from an older run."""
        return [p for p in self.partisi if p["status"] != "berhasil" or not p["ada_data"]]


def read_province(conn: Connection, year: int | None = None) -> ProvinceData:
    year = year or rows(conn, "report/provinsi_tahun")[0]["tahun"]
    partisi = rows(conn, "report/provinsi_partisi")
    for row in partisi:
        row["status_label"] = STATUS_LABELS.get(row["status"], row["status"])
    instansi = rows(conn, "report/provinsi_instansi", tahun=year)
    total_asn = sum(r["jumlah_asn"] for r in instansi)
    total_ok = sum(r["jumlah_memenuhi"] for r in instansi)
    kpi = {
        "jumlah_instansi": len(instansi),
        "jumlah_opd": sum(r["jumlah_opd"] for r in instansi),
        "jumlah_asn": total_asn,
        "jumlah_memenuhi": total_ok,
        "persen_memenuhi": round(100.0 * total_ok / total_asn, 1) if total_asn else 0.0,
        "rata_jp": round(sum(r["total_jp"] for r in instansi) / total_asn, 1) if total_asn else 0.0,
        "jumlah_kegiatan": sum(r["jumlah_kegiatan"] for r in instansi),
    }
    kebutuhan: dict[str, dict[str, list[Row]]] = {}
    for row in rows(conn, "report/provinsi_kebutuhan", tahun=year, batas=SHOWN_NEEDS):
        kebutuhan.setdefault(row["instansi"], {}).setdefault(row["kategori"], []).append(row)
    return ProvinceData(
        year,
        partisi,
        instansi,
        kpi,
        rows(conn, "report/provinsi_opd_teratas", tahun=year, batas=SHOWN_OPDS),
        rows(conn, "report/provinsi_opd_terendah", tahun=year, batas=SHOWN_OPDS),
        kebutuhan,
        rows(conn, "report/provinsi_nip_ganda", tahun=year, batas=SHOWN_NIPS),
        rows(conn, "report/provinsi_nip_ganda_jumlah", tahun=year)[0]["jumlah"],
    )


def province_context(data: ProvinceData, nama: str, timezone: str) -> Row:
    return {
        "provinsi": nama,
        "tahun": data.tahun,
        "d": data,
        "batas_nip": SHOWN_NIPS,
        "dibuat": made_at(timezone),
    }


def render_province_page(
    engine: Engine, out_dir: Path, nama: str, year: int | None, timezone: str = "Asia/Jakarta"
) -> Path:
    with engine.connect() as conn:
        data = read_province(conn, year)
    page = Path(out_dir) / PAGE
    template = template_environment().get_template(PAGE)
    write_page(page, template.render(**province_context(data, nama, timezone)))
    return page
