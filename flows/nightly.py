"""The nightly run: extract -> validate -> load -> transform -> report.

Deployed from prefect.yaml at 01:00 Asia/Jakarta; also run by `mekar run nightly`.
"""

from __future__ import annotations

from prefect import flow

from mekar.config import Settings
from mekar.export import latest_year
from mekar.summary import RunSummary
from mekar.warehouse.db import make_engine
from tasks.extract import extract_sources
from tasks.load import load_sources
from tasks.publish import publish_artifacts
from tasks.report import render_reports_task
from tasks.transform import transform_warehouse
from tasks.validate import validate_sources


@flow(name="nightly")
def nightly(
    data_dir: str | None = None,
    year: int | None = None,
    warehouse_url: str | None = None,
    out_dir: str | None = None,
) -> RunSummary:
    settings = Settings()
    url = warehouse_url or settings.warehouse_url
    out = out_dir or str(settings.out_dir)

    extracted = extract_sources(data_dir, settings)
    validated = validate_sources(extracted, settings, url)
    loaded = load_sources(validated, extracted.zoom_tabs, url)
    transformed = transform_warehouse(url, settings)
    year = year or latest_year(make_engine(url))
    report = render_reports_task(url, year, out) if year else None

    summary = RunSummary(
        year=year,
        rows_read=extracted.row_count,
        rows_loaded=sum(len(s.records) for s in validated.sheets),
        rows_changed=loaded.changed,
        quarantine_by_reason=validated.quarantine_counts(),
        failures=[str(f) for f in validated.failures],
        model_rows=transformed.rows,
        report_dir=report.out_dir if report else None,
        report_pages=len(report.pages) if report else 0,
    )
    if year:
        publish_artifacts(url, summary)
    return summary
