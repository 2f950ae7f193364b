"""Regions: the scale split into regencies, and one regency generated and streamed to the files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from random import Random

from tooling.sample_year.attendance import attend_sessions
from tooling.sample_year.catalog import Audiences, kegiatan_row, plan_sessions
from tooling.sample_year.checkins import unknown_session_checkins
from tooling.sample_year.facts import (
    INACTIVE_SHARE,
    REGENCIES,
    SESSIONS_PER_REGENCY,
    SRAGEN_PNS,
    SRAGEN_PPPK,
)
from tooling.sample_year.files import SampleFiles
from tooling.sample_year.helpers import allocate, round_half_up
from tooling.sample_year.model import Region, Registry
from tooling.sample_year.needs import needs_responses
from tooling.sample_year.opds import OPD_TEMPLATES, PPPK_SHARE, build_opds
from tooling.sample_year.outside import corrections, device_rows, outside_learning
from tooling.sample_year.roster import broken_roster_rows, build_roster, write_roster


def plan_regions(
    scale: float, rng: Random, n_regions: int | None = None, plain_codes: bool = False
) -> list[Region]:
    """Split the scaled population into regencies; exact PNS and PPPK totals overall.
    `n_regions`: that many regencies whatever the scale (a small multi-region year for
    tests). `plain_codes`: every regency's OPDs keep the plain codes (DISDIKBUD in each), as
    partitions have them; otherwise the others' get a suffix (DISDIKBUD_KLATEN) so that one
    warehouse can hold them all."""
    n_regions = n_regions or max(1, round_half_up(scale))
    size_factor = [1.0] + [rng.uniform(0.7, 1.3) for _ in range(n_regions - 1)]
    pns_weights, pppk_weights = [], []
    for factor in size_factor:
        for template in OPD_TEMPLATES:
            share = PPPK_SHARE[template.kind]
            pns_weights.append(factor * template.weight * (1 - share))
            pppk_weights.append(factor * template.weight * share)
    pns = allocate(round_half_up(SRAGEN_PNS * scale), pns_weights)
    pppk = allocate(round_half_up(SRAGEN_PPPK * scale), pppk_weights)
    sessions = allocate(round_half_up(SESSIONS_PER_REGENCY * scale), size_factor)
    width = len(OPD_TEMPLATES)
    regions = []
    for index in range(n_regions):
        name = REGENCIES[index] if index < len(REGENCIES) else f"Wilayah {index + 1}"
        tag = name.upper().replace(" ", "_")
        region_pns = pns[index * width : (index + 1) * width]
        region_pppk = pppk[index * width : (index + 1) * width]
        active = sum(region_pns) + sum(region_pppk)
        regions.append(
            Region(
                index=index,
                name=name,
                code_suffix="" if index == 0 or plain_codes else f"_{tag}",
                session_prefix="MEKAR" if index == 0 else f"MEKAR-{tag}",
                domain=name.lower().replace(" ", "") + ".example",
                pns=region_pns,
                pppk=region_pppk,
                inactive=max(1, round_half_up(active * INACTIVE_SHARE)) if active else 0,
                sessions=max(1, sessions[index]),
            )
        )
    return regions


def partition_kode(region: Region) -> str:
    """The region's partition code and folder name: "SRAGEN", "KOTA_SURAKARTA"."""
    return region.name.upper().replace(" ", "_")


def write_region(
    region: Region,
    seed: int,
    files: SampleFiles,
    registry: Registry,
    counts: dict[str, int],
    written_logs: list[Path],
    report: Callable[[str], None],
) -> None:
    """Generate one regency and append it to the files. Each stage has its own random stream."""

    def stage_rng(stage: str) -> Random:
        return Random(f"{seed}/{region.index}/{stage}")

    opds = build_opds(region, stage_rng("opd"))
    roster = build_roster(region, opds, stage_rng("pegawai"), registry)
    for opd in opds:
        files.opd.writerow([opd.code, opd.name, ";".join(opd.aliases), ";".join(opd.emails)])
    broken = (
        broken_roster_rows(opds, stage_rng("pegawai-rusak"), registry) if region.index == 0 else []
    )
    write_roster(files.pegawai, roster, broken, stage_rng("urutan-pegawai"))
    active = [asn for asn in roster if asn.aktif]
    counts["opd"] += len(opds)
    counts["asn"] += len(active)
    counts["pns"] += sum(asn.jenis == "PNS" for asn in active)
    counts["pppk"] += sum(asn.jenis == "PPPK" for asn in active)
    counts["inactive"] += len(roster) - len(active)
    counts["roster_broken"] += len(broken)

    audiences = Audiences(roster)
    sessions = plan_sessions(region, audiences, stage_rng("kegiatan"))
    for session in sessions:
        files.kegiatan.writerow(kegiatan_row(session))
    counts["kegiatan"] += len(sessions)

    checkins = attend_sessions(
        region, sessions, audiences, files, stage_rng("kehadiran"), counts, written_logs, report
    )
    checkins += unknown_session_checkins(region, sessions, active, stage_rng("kode-salah"))
    checkins.sort(key=lambda checkin: (checkin.at, checkin.kode, checkin.nip))
    files.daftar_hadir.writerows(checkin.row() for checkin in checkins)
    counts["daftar_hadir"] += len(checkins)

    decided = corrections(
        region, sessions, active, device_rows(files, sessions), stage_rng("koreksi")
    )
    files.koreksi.writerows(decided)
    counts["koreksi"] += len(decided)
    reports = outside_learning(region, active, stage_rng("pengembangan"))
    files.pengembangan.writerows(reports)
    counts["pengembangan"] += len(reports)

    report(f"{region.label}: menulis respons kebutuhan ...")
    responses = needs_responses(region, opds, roster, stage_rng("kebutuhan"), registry)
    files.kebutuhan.writerows(response.row() for response in responses)
    counts["kebutuhan"] += len(responses)
