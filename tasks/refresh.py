"""The nightly's stages for one warehouse: flows/nightly.py runs them for the regency, each
partition of flows/province.py for its own regency (tasks/partition.py)."""

from __future__ import annotations

from prefect import get_run_logger
from prefect.utilities.annotations import quote

from mekar.config import Settings
from mekar.export import compliance_totals, dropped_guests, latest_year
from mekar.extract.base import SheetsSource
from mekar.summary import RunSummary
from mekar.warehouse.db import make_engine
from mekar.warehouse.lock import run_lock
from tasks.extract import extract_sources
from tasks.load import load_and_transform
from tasks.publish import publish_artifacts
from tasks.report import render_reports_task
from tasks.validate import validate_sources


def refresh(
    source: SheetsSource,
    settings: Settings,
    url: str,
    out: str,
    year: int | None,
    wait: bool = True,
    artifacts: str = "nightly",
) -> RunSummary:
    """Extract -> validate -> load and transform (one transaction) -> report, under the
    warehouse's run lock. `artifacts` keys the run's Prefect artifacts (one set per
    partition). Returns what the run did; its problems make the caller's run Failed."""
    with run_lock(url, wait=wait, on_wait=get_run_logger().info):
        extracted = extract_sources(quote(source), settings)
        # quote(): hand the rows over as they are; Prefect would otherwise walk every cell
        # looking for futures (18 s at S1). Only small summaries come back out of tasks.
        validated = validate_sources(quote(extracted), settings, url)
        loaded, transformed = load_and_transform(
            quote(validated), extracted.zoom_tabs, url, settings
        )
        engine = make_engine(url)
        year = year or latest_year(engine)
        report = render_reports_task(url, year, out, settings) if year else None

        summary = RunSummary.from_stages(year, extracted, validated, loaded, transformed, report)
        if year:
            summary.asn_aktif, summary.asn_memenuhi = compliance_totals(engine, year)
            summary.guests_dropped = dropped_guests(engine, year)
            publish_artifacts(url, summary, artifacts)
    return summary
