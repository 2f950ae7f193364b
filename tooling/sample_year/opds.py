"""The OPD list of DOMAIN.md (sizes, PPPK shares, engagement) and each regency's copy of it."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from tooling.sample_year.model import Opd, Region


@dataclass(frozen=True, slots=True)
class OpdTemplate:
    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # pendidikan | kesehatan | kecamatan | keuangan | umum
    weight: int  # relative size, roughly the number of ASN in Sragen


def _kecamatan(name: str, weight: int) -> OpdTemplate:
    code = "KEC_" + name.upper()
    return OpdTemplate(
        code, f"Kecamatan {name}", (f"Kec. {name}", f"Kec {name}"), "kecamatan", weight
    )


# The demo list of DOMAIN.md. Weights put Disdikbud (teachers) at about half of all ASN.
OPD_TEMPLATES: tuple[OpdTemplate, ...] = (
    OpdTemplate("SETDA", "Sekretariat Daerah",
                ("Setda", "Setda Sragen", "Sekretariat Daerah Kabupaten Sragen"), "umum", 230),
    OpdTemplate("SETWAN", "Sekretariat DPRD",
                ("Setwan", "Sekretariat Dewan", "Sekwan"), "umum", 55),
    OpdTemplate("INSPEKTORAT", "Inspektorat", ("Inspektorat Daerah", "Itda"), "keuangan", 60),
    OpdTemplate("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
                ("BKPSDM Sragen", "BKD", "Badan Kepegawaian"), "umum", 75),
    OpdTemplate("BAPPERIDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
                ("Bappeda", "Bapperida", "Bappeda Sragen"), "umum", 55),
    OpdTemplate("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah",
                ("BPKAD Sragen", "Keuangan Daerah"), "keuangan", 85),
    OpdTemplate("BAPENDA", "Badan Pendapatan Daerah",
                ("Bapenda", "Pendapatan Daerah"), "keuangan", 70),
    OpdTemplate("BPBD", "Badan Penanggulangan Bencana Daerah",
                ("BPBD Sragen", "Penanggulangan Bencana"), "umum", 40),
    OpdTemplate("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik",
                ("Kesbangpol", "Kesbang"), "umum", 28),
    OpdTemplate("SATPOLPP", "Satuan Polisi Pamong Praja",
                ("Satpol PP", "Satpol-PP Sragen"), "umum", 95),
    OpdTemplate("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan",
                ("Disdikbud", "Dinas Pendidikan", "DIKBUD Sragen", "Diknas"), "pendidikan", 5150),
    OpdTemplate("DINKES", "Dinas Kesehatan",
                ("Dinkes", "DKK Sragen", "Dinas Kesehatan Kab. Sragen"), "kesehatan", 1250),
    OpdTemplate("DINSOS", "Dinas Sosial", ("Dinsos", "Dinas Sosial Sragen"), "umum", 48),
    OpdTemplate("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang",
                ("DPU", "PUPR", "Dinas PU"), "umum", 140),
    OpdTemplate("DPRKPP", "Dinas Perumahan Rakyat, Kawasan Permukiman, Pertanahan dan Tata Ruang",
                ("Perkim", "Disperkim"), "umum", 65),
    OpdTemplate("DLH", "Dinas Lingkungan Hidup", ("DLH Sragen", "Lingkungan Hidup"), "umum", 85),
    OpdTemplate("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil",
                ("Dukcapil", "Disdukcapil"), "umum", 52),
    OpdTemplate("DKP3", "Dinas Ketahanan Pangan, Pertanian dan Perikanan",
                ("Dinas Pertanian", "Distan", "DKP3 Sragen"), "umum", 210),
    OpdTemplate("DKUKMP", "Dinas Koperasi, UKM, Perindustrian dan Perdagangan",
                ("Diskumindag", "Dinas Koperasi", "Disperindag"), "umum", 95),
    OpdTemplate("DISHUB", "Dinas Perhubungan", ("Dishub", "Dishub Sragen"), "umum", 85),
    OpdTemplate("DISKOMINFO", "Dinas Komunikasi dan Informatika",
                ("Diskominfo", "Kominfo", "Dinas Kominfo"), "umum", 45),
    OpdTemplate("DISNAKER", "Dinas Tenaga Kerja", ("Disnaker", "Naker"), "umum", 38),
    OpdTemplate("DP3AP2KB", "Dinas Pengendalian Penduduk, Keluarga Berencana, "
                "Pemberdayaan Perempuan dan Perlindungan Anak",
                ("Dinas KB", "PPKB", "DP3A"), "umum", 110),
    OpdTemplate("DISPERMADES", "Dinas Pemberdayaan Masyarakat dan Desa",
                ("Dinas PMD", "Dispermades", "PMD"), "umum", 35),
    OpdTemplate("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
                ("PTSP", "Perizinan", "DPM PTSP"), "umum", 42),
    OpdTemplate("DISPORAPAR", "Dinas Pemuda, Olahraga dan Pariwisata",
                ("Disporapar", "Dispora"), "umum", 55),
    OpdTemplate("DISARPUS", "Dinas Arsip dan Perpustakaan",
                ("Disarpus", "Perpustakaan Daerah", "Arpusda"), "umum", 40),
    OpdTemplate("RSUD_SOEHADI", "RSUD dr. Soehadi Prijonegoro",
                ("RSUD Sragen", "RSUD dr. Soehadi", "RSSP"), "kesehatan", 560),
    OpdTemplate("RSUD_GEMOLONG", "RSUD dr. Soeratno Gemolong",
                ("RSUD Gemolong", "RSUD Soeratno"), "kesehatan", 190),
    OpdTemplate("RSUD_TANGEN", "RSUD Sukowati Tangen",
                ("RSUD Tangen", "RSUD Sukowati"), "kesehatan", 140),
    _kecamatan("Gemolong", 52), _kecamatan("Gesi", 33), _kecamatan("Gondang", 44),
    _kecamatan("Jenar", 31), _kecamatan("Kalijambe", 47), _kecamatan("Karangmalang", 50),
    _kecamatan("Kedawung", 45), _kecamatan("Masaran", 55), _kecamatan("Miri", 36),
    _kecamatan("Mondokan", 38), _kecamatan("Ngrampal", 40), _kecamatan("Plupuh", 43),
    _kecamatan("Sambirejo", 37), _kecamatan("Sambungmacan", 46), _kecamatan("Sidoharjo", 48),
    _kecamatan("Sragen", 58), _kecamatan("Sukodono", 35), _kecamatan("Sumberlawang", 44),
    _kecamatan("Tangen", 39), _kecamatan("Tanon", 49),
)  # fmt: skip


# Share of PPPK by kind of OPD: the 2021-2023 PPPK intakes were mostly teachers, then health.
PPPK_SHARE = {
    "pendidikan": 0.25,
    "kesehatan": 0.12,
    "kecamatan": 0.06,
    "keuangan": 0.05,
    "umum": 0.07,
}


# Typical engagement (share of sessions an ASN tends to join) by kind of OPD, before noise.
ENGAGEMENT = {
    "pendidikan": 0.36,
    "kesehatan": 0.32,
    "kecamatan": 0.42,
    "keuangan": 0.42,
    "umum": 0.40,
}


def build_opds(region: Region, rng: Random) -> list[Opd]:
    opds = []
    for template in OPD_TEMPLATES:
        local = template.code.lower().replace("_", ".")
        roll = rng.random()
        if roll < 0.12:
            emails: tuple[str, ...] = ()  # nobody to send this OPD's report to yet
        elif roll < 0.30:
            emails = (f"{local}@{region.domain}", f"kepegawaian.{local}@{region.domain}")
        else:
            emails = (f"{local}@{region.domain}",)
        engagement = ENGAGEMENT[template.kind] + rng.gauss(0, 0.08)
        if template.code == "BKPSDM":
            engagement += 0.2  # the organiser's own staff turn up
        opds.append(
            Opd(
                code=template.code + region.code_suffix,
                name=template.name if region.index == 0 else f"{template.name} {region.label}",
                aliases=regional_aliases(template.aliases, region),
                emails=emails,
                kind=template.kind,
                engagement=min(0.8, max(0.12, engagement)),
            )
        )
    return opds


def regional_aliases(aliases: tuple[str, ...], region: Region) -> tuple[str, ...]:
    if region.index == 0:
        return aliases
    renamed = []
    for alias in aliases:
        if "Sragen" in alias:
            renamed.append(alias.replace("Sragen", region.short))
        else:
            renamed.append(f"{alias} {region.short}")
    return tuple(renamed)
