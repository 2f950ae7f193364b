"""Time a rerun of one session against the full nightly run on the same warehouse.

    .venv/bin/python bench/rerun.py --scale 1 [--pg URL] [--session MEKAR-2023-001]
                                    [--already-loaded]

Generates the year (cached under --work), runs the full nightly stages into a fresh
warehouse without the session's Zoom log (as on the night before it arrived), then reruns
the session with it (its BerAKHLAK webinar has 1,622 attendees at every scale) and prints
both, stage by stage. `--already-loaded` keeps the log in the full run: the rerun then
finds nothing new, which measures its fixed cost. "compute" = validate + load + transform, the work
that grows with rows; extract and report are shown apart.
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

from bench.nightly import _fresh_postgres  # noqa: E402
from mekar.config import Settings  # noqa: E402
from mekar.export import latest_year  # noqa: E402
from mekar.extract.files import FilesSource  # noqa: E402
from mekar.extract.worksheets import extract, extract_session  # noqa: E402
from mekar.report.render import render_reports  # noqa: E402
from mekar.rerun import load_session, validate_session  # noqa: E402
from mekar.transform.models import run_transform, transform_is_current  # noqa: E402
from mekar.validate.all_sources import validate_all  # noqa: E402
from mekar.warehouse.db import ensure_schema, make_engine  # noqa: E402
from mekar.warehouse.load import load_warehouse  # noqa: E402
from mekar.warehouse.reference import loaded_fingerprints, reference_from_warehouse  # noqa: E402
from tooling.sample_year import write_sample_year  # noqa: E402


def timed(figures: list, stage: str, work):
    started = time.perf_counter()
    result = work()
    figures.append((stage, time.perf_counter() - started))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--session", default="MEKAR-2023-001")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mekar-bench"))
    parser.add_argument("--pg", help="PostgreSQL URL (its current schema is emptied first)")
    parser.add_argument(
        "--already-loaded",
        action="store_true",
        help="the full run already has the session's Zoom log (the rerun then changes nothing:"
        " its fixed cost)",
    )
    args = parser.parse_args()

    data = args.work / f"data-s{args.scale:g}"
    if not (data / "master" / "pegawai.csv").exists():
        write_sample_year(data, scale=args.scale, seed=2023)
    if args.pg:
        _fresh_postgres(args.pg)
        url = args.pg
    else:
        db = args.work / f"rerun-s{args.scale:g}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{db}"
    settings = Settings()
    engine = make_engine(url)
    ensure_schema(engine)
    source = FilesSource(data)

    full: list = []
    extracted = timed(full, "extract", lambda: extract(source, settings.form_worksheet_names))
    if not args.already_loaded:
        # The night before the session's log arrived: the full run does not have its Zoom tab,
        # so the rerun really loads 1,622 attendees and recomputes what they change.
        extracted.worksheets = [
            (kind, sheet)
            for kind, sheet in extracted.worksheets
            if not (kind == "zoom" and sheet.title == args.session)
        ]
        extracted.zoom_tabs = (extracted.zoom_tabs or set()) - {args.session}

    def validate_year(extracted, fingerprints=None):
        return validate_all(
            extracted,
            settings.header_aliases,
            settings.default_min_kehadiran,
            lambda: reference_from_warehouse(engine),
            fingerprints,
        )

    validated = timed(full, "validate", lambda: validate_year(extracted))

    def load_and_transform():
        with engine.begin() as conn:
            load_warehouse(
                conn, validated.sheets, extracted.zoom_tabs, validated.failures, validated.absent
            )
            run_transform(conn, settings.target_for)

    timed(full, "load+transform", load_and_transform)
    out = args.work / f"rerun-out-s{args.scale:g}"
    shutil.rmtree(out, ignore_errors=True)
    year = latest_year(engine)
    timed(full, "report", lambda: render_reports(engine, year, out))

    rerun: list = []
    session = timed(rerun, "extract", lambda: extract_session(source, args.session))
    rows = timed(
        rerun,
        "validate",
        lambda: validate_session(
            session, args.session, settings, lambda: reference_from_warehouse(engine)
        ),
    )

    def load_and_recompute():
        with engine.begin() as conn:
            return load_session(conn, rows, True, settings.target_for)

    _, recomputed = timed(rerun, "load+transform", load_and_recompute)
    # As flows/rerun_session.py: the pages of the OPDs it touched and the summary (a page
    # whose content did not change is not rewritten).
    timed(
        rerun,
        "report",
        lambda: [render_reports(engine, y, out, recomputed.opd) for y in recomputed.years],
    )

    # The next nightly with no source changed, for the end-to-end comparison.
    unchanged: list = []
    extracted = timed(unchanged, "extract", lambda: extract(source, settings.form_worksheet_names))
    again = timed(
        unchanged, "validate", lambda: validate_year(extracted, loaded_fingerprints(engine))
    )

    def load_if_changed():
        with engine.begin() as conn:
            loaded = load_warehouse(
                conn, again.sheets, extracted.zoom_tabs, again.failures, again.absent
            )
            if loaded.changed or not transform_is_current(conn, settings.target_for):
                run_transform(conn, settings.target_for)

    timed(unchanged, "load+transform", load_if_changed)
    timed(unchanged, "report", lambda: render_reports(engine, year, out))

    def compute(figures):
        return sum(s for stage, s in figures if stage not in ("extract", "report"))

    print(
        f"scale {args.scale:g}, {'PostgreSQL' if args.pg else 'SQLite'}, session {args.session}: "
        f"{len(rows.zoom.records) if rows.zoom else 0} Zoom rows, {len(rows.checkins)} check-ins, "
        f"{recomputed.asn} ASN, {len(recomputed.opd)} OPD recomputed"
    )
    print(f"{'stage':<16} {'full run (s)':>13} {'rerun (s)':>10} {'unchanged nightly (s)':>22}")
    for (stage, a), (_, b), (_, c) in zip(full, rerun, unchanged, strict=True):
        print(f"{stage:<16} {a:>13.2f} {b:>10.2f} {c:>22.2f}")
    share = 100 * compute(rerun) / compute(full)
    print(
        f"{'compute':<16} {compute(full):>13.2f} {compute(rerun):>10.2f}   rerun = {share:.1f}% of full"
    )
    ends = [sum(s for _, s in figures) for figures in (full, rerun, unchanged)]
    print(
        f"{'end to end':<16} {ends[0]:>13.2f} {ends[1]:>10.2f} {ends[2]:>22.2f}   rerun = "
        f"{ends[1] / ends[2]:.2f}x the unchanged nightly"
    )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


if __name__ == "__main__":
    main()
