"""Run artifacts: a table of OPD compliance and a markdown note on data quality."""

from __future__ import annotations

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from sqlalchemy import text

from mekar.summary import RunSummary
from mekar.warehouse.db import make_engine


def data_quality_markdown(summary: RunSummary, unmatched: int) -> str:
    lines = [f"# Kualitas data — tahun {summary.year}", ""]
    lines.append(f"- Baris terbaca (termasuk judul dan baris kosong): {summary.rows_read}")
    lines.append(f"- Baris diperiksa run ini: {summary.rows_checked}")
    lines.append(f"- Baris lolos validasi: {summary.rows_loaded}")
    # Counted over every table a load writes (source rows, needs choices, quarantine, state),
    # so it is not a share of the rows above.
    lines.append(f"- Perubahan di tabel gudang data (semua tabel sumber): {summary.rows_changed}")
    lines.append(f"- Baris dikarantina (seluruh gudang data): {summary.quarantined}")
    lines.append(f"- Tamu Zoom tanpa pasangan, diabaikan (aturan 2): {summary.guests_dropped}")
    lines.append(f"- Nama Zoom tanpa pasangan (perlu ditinjau): {unmatched}")
    if summary.quarantine_by_reason:
        lines += ["", "| alasan | baris |", "|---|---|"]
        lines += [f"| {r} | {n} |" for r, n in summary.quarantine_by_reason.items()]
    if summary.failures:
        lines += ["", "## Sumber gagal", ""]
        lines += [f"- {failure}" for failure in summary.failures]
    if summary.not_read_serious or summary.not_read:
        lines += ["", "## Tidak dibaca", ""]
        lines += [f"- **{item}**" for item in summary.not_read_serious]
        lines += [f"- {item}" for item in summary.not_read]
    if summary.quarantine_messages:
        lines += ["", "## Baris dikarantina run ini", ""]
        for where, total, named, shown in summary.quarantine_messages:
            lines += [f"- {line}" for line in shown]
            if total > named:
                lines.append(f"- {where}: {total - named} baris lain (lihat ringkasan.html)")
    return "\n".join(lines)


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish_artifacts(warehouse_url: str, summary: RunSummary, flow: str = "nightly") -> None:
    """`flow`: a backfill's artifacts get their own keys, so they never pose as the latest
    nightly's; so do a province run's partitions (`partisi-<kode>`)."""
    suffix = "" if flow == "nightly" else f"-{flow}".lower().replace("_", "-")
    engine = make_engine(warehouse_url)
    with engine.connect() as conn:
        opd_rows = (
            conn.execute(
                text(
                    "select kode_opd, nama_opd, jumlah_asn, jumlah_memenuhi, persen_memenuhi, "
                    "total_jp, responden_kebutuhan from agg_opd where tahun = :tahun "
                    "order by kode_opd"
                ),
                {"tahun": summary.year},
            )
            .mappings()
            .all()
        )
        unmatched = conn.execute(
            text("select count(*) from rpt_zoom_unmatched where tahun = :tahun"),
            {"tahun": summary.year},
        ).scalar_one()
    create_table_artifact(
        key=f"kepatuhan-opd{suffix}",
        table=[dict(row) for row in opd_rows],
        description=f"Kepatuhan 20 JP per OPD, tahun {summary.year}",
    )
    create_markdown_artifact(
        key=f"kualitas-data{suffix}",
        markdown=data_quality_markdown(summary, unmatched),
        description="Karantina dan sumber gagal pada run ini",
    )
