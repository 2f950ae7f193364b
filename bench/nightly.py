"""Time the nightly stages on generated years and print rows per second per stage.

    .venv/bin/python bench/nightly.py --scales 1 5 [--work /tmp/mekar-bench] [--sheets] [--pg URL]
                                      [--floor]

`--floor` also runs the DuckDB floor (../shared/bench/floor_duckdb.py, in its own venv: see
bench/floor.py) on the same files after each scale, and prints its seconds, its peak memory
and the ratios: compute (extract, validate, load, transform) and the whole nightly (with the
reports) against the floor. Run one scale per invocation for a per-scale peak RSS.

`--sheets` reads the same files through the local Sheets API server and the real gspread
client (HTTP on loopback) instead of from disk, and prints the request count.

After the full nightly, two figures that are not part of its total: the load alone again with
the same rows (its change detection), and the whole next nightly with no source changed
("unchanged nightly", as flows/nightly.py runs it) with its share of the full one.

Each scale gets a fresh SQLite warehouse (or --pg URL for PostgreSQL). Stages are called as
the Prefect tasks call them, without the orchestrator, so the figures are the pipeline's own.
Peak memory is the process's maximum resident set size, over all scales run so far.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from mekar.config import Settings  # noqa: E402
from mekar.extract.files import FilesSource  # noqa: E402
from mekar.extract.worksheets import extract  # noqa: E402
from mekar.transform.models import run_transform, transform_is_current  # noqa: E402
from mekar.validate.all_sources import validate_all  # noqa: E402
from mekar.warehouse.db import ensure_schema, make_engine  # noqa: E402
from mekar.warehouse.load import load_warehouse  # noqa: E402
from mekar.warehouse.reference import loaded_fingerprints, reference_from_warehouse  # noqa: E402
from tooling.sample_year import write_sample_year  # noqa: E402

COMPUTE = ("extract", "validate", "load", "transform")
AFTER = ("reload (no change)", "unchanged nightly")  # measured after the full nightly
YEAR = 2023  # the generated sample year


def _fresh_postgres(url: str) -> None:
    """Empty the current schema of the benchmark database."""
    from sqlalchemy import create_engine, text

    with create_engine(url).begin() as conn:
        for view in conn.execute(
            text("select viewname from pg_views where schemaname = current_schema()")
        ).scalars():
            conn.execute(text(f'drop view if exists "{view}" cascade'))
        for table in conn.execute(
            text("select tablename from pg_tables where schemaname = current_schema()")
        ).scalars():
            conn.execute(text(f'drop table if exists "{table}" cascade'))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _source(data: Path, use_sheets: bool):
    if not use_sheets:
        return FilesSource(data), None
    from mekar.config import SheetsSettings
    from mekar.extract.sheets import GoogleSheetsSource
    from tooling.sheets_api import SheetsApiServer

    server = SheetsApiServer(data).start()
    settings = SheetsSettings(
        spreadsheets={name: key for key, name in server.keys.items()},
        api_url=server.url,
        anonymous=True,
        timeout_seconds=120,
    )
    return GoogleSheetsSource(settings), server


class _Figures(list):
    """(stage, seconds, rows, peak MiB so far): the peak shows which stage raised it."""

    def append(self, figure: tuple) -> None:
        super().append((*figure[:3], peak_mib()))

    def __setitem__(self, index, figure) -> None:
        super().__setitem__(index, (*figure[:3], self[index][3]))


def bench_scale(
    scale: float, work: Path, pg_url: str | None, use_sheets: bool = False
) -> list[tuple[str, float, int]]:
    data = work / f"data-s{scale:g}"
    if not (data / "master" / "pegawai.csv").exists():
        started = time.perf_counter()
        write_sample_year(data, scale=scale, seed=2023)
        print(f"  (sample data generated in {time.perf_counter() - started:.1f} s)")
    if pg_url:
        url = pg_url
        _fresh_postgres(url)
    else:
        db = work / f"warehouse-s{scale:g}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{db}"

    settings = Settings()
    engine = make_engine(url)
    figures = _Figures()

    source, server = _source(data, use_sheets)
    started = time.perf_counter()
    extracted = extract(source, settings.form_worksheet_names)
    figures.append(("extract", time.perf_counter() - started, extracted.row_count))
    if server:
        print(f"  ({len(server.requests)} requests to the Sheets API server)")
        server.stop()

    started = time.perf_counter()
    validated = validate_all(
        extracted,
        settings.header_aliases,
        settings.default_min_kehadiran,
        lambda: reference_from_warehouse(engine),
    )
    rows = sum(len(s.records) + len(s.quarantine) for s in validated.sheets)
    figures.append(("validate", time.perf_counter() - started, rows))
    # CSV cells are parsed when validation reads them: count the extract's rows now.
    figures[0] = ("extract", figures[0][1], extracted.row_count)

    started = time.perf_counter()
    ensure_schema(engine)
    with engine.begin() as conn:
        loaded = load_warehouse(
            conn, validated.sheets, extracted.zoom_tabs, validated.failures, validated.absent
        )
    figures.append(("load", time.perf_counter() - started, loaded.changed))

    started = time.perf_counter()
    with engine.begin() as conn:
        transformed = run_transform(conn, settings.target_for)
    figures.append(("transform", time.perf_counter() - started, sum(transformed.rows.values())))

    from mekar.export import latest_year
    from mekar.report.render import render_reports

    out = work / f"out-s{scale:g}"
    shutil.rmtree(out, ignore_errors=True)  # the full nightly renders every page
    started = time.perf_counter()
    report = render_reports(engine, latest_year(engine), out)
    figures.append(("report", time.perf_counter() - started, len(report.pages)))

    started = time.perf_counter()
    with engine.begin() as conn:
        again = load_warehouse(
            conn, validated.sheets, extracted.zoom_tabs, validated.failures, validated.absent
        )
    figures.append(("reload (no change)", time.perf_counter() - started, again.changed))

    # The next night with no source changed, as flows/nightly.py runs it: fingerprints skip
    # the worksheets, the transform is skipped when no row changed, unchanged pages are kept.
    started = time.perf_counter()
    source, server = _source(data, use_sheets)
    extracted = extract(source, settings.form_worksheet_names)
    if server:
        server.stop()
    validated = validate_all(
        extracted,
        settings.header_aliases,
        settings.default_min_kehadiran,
        lambda: reference_from_warehouse(engine),
        loaded_fingerprints(engine),
    )
    with engine.begin() as conn:
        again = load_warehouse(
            conn, validated.sheets, extracted.zoom_tabs, validated.failures, validated.absent
        )
        if again.changed or not transform_is_current(conn, settings.target_for):
            run_transform(conn, settings.target_for)
    report = render_reports(engine, latest_year(engine), out)
    figures.append(("unchanged nightly", time.perf_counter() - started, report.pages_unchanged))
    engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 5])
    parser.add_argument("--work", type=Path, default=Path("/tmp/mekar-bench"))
    parser.add_argument("--pg", help="PostgreSQL URL to use instead of SQLite files")
    parser.add_argument("--fresh", action="store_true", help="regenerate the sample data")
    parser.add_argument("--sheets", action="store_true", help="read through the local Sheets API")
    parser.add_argument("--floor", action="store_true", help="run the DuckDB floor beside it")
    args = parser.parse_args()
    if args.fresh and args.work.exists():
        shutil.rmtree(args.work)
    args.work.mkdir(parents=True, exist_ok=True)

    print(f"{'scale':>6} {'stage':<20} {'seconds':>9} {'rows':>10} {'rows/s':>10} {'peak MiB':>9}")
    for scale in args.scales:
        total = compute = 0.0
        figures = bench_scale(scale, args.work, args.pg, args.sheets)
        for stage, seconds, rows, peak in figures:
            total += seconds if stage not in AFTER else 0
            compute += seconds if stage in COMPUTE else 0
            rate = f"{rows / seconds:,.0f}" if seconds > 0 else "-"
            print(f"{scale:>6g} {stage:<20} {seconds:>9.2f} {rows:>10,} {rate:>10} {peak:>9,.0f}")
        print(
            f"{scale:>6g} {'total (5 stages)':<20} {total:>9.2f}   peak RSS {peak_mib():,.0f} MiB"
        )
        unchanged = {figure[0]: figure[1] for figure in figures}["unchanged nightly"]
        print(f"{scale:>6g} {'unchanged share':<20} {100 * unchanged / total:>8.1f}%")
        if args.floor:
            from bench.floor import run_floor

            floor = run_floor(args.work / f"data-s{scale:g}", YEAR, args.work)
            print(
                f"{scale:>6g} {'floor (DuckDB)':<20} {floor.seconds:>9.2f}"
                f"   peak RSS {floor.peak_mib:,.0f} MiB"
            )
            print(
                f"{scale:>6g} {'ratio':<20} compute {compute / floor.seconds:.1f}x"
                f" ({compute:.2f} s), nightly with reports {total / floor.seconds:.1f}x"
            )


if __name__ == "__main__":
    main()
