"""Time a rerun of one session against the full nightly run on the same warehouse.

    .venv/bin/python bench/rerun.py --scale 1 [--pg URL] [--session MEKAR-2023-001]

Generates the year (cached under --work), runs the full nightly stages into a fresh
warehouse, then reruns the session (its BerAKHLAK webinar has 1,622 attendees at every
scale) and prints both, stage by stage. "compute" = validate + load + transform, the work
that grows with rows; extract and report are shown apart.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from bench.nightly import _fresh_postgres  # noqa: E402
from mekar.config import Settings  # noqa: E402
from mekar.extract.files import FilesSource  # noqa: E402
from mekar.extract.worksheets import extract, extract_session  # noqa: E402
from mekar.rerun import load_session, validate_session  # noqa: E402
from mekar.transform.models import run_transform  # noqa: E402
from mekar.validate.suites import validate_all  # noqa: E402
from mekar.warehouse.db import ensure_schema, make_engine  # noqa: E402
from mekar.warehouse.load import load_warehouse  # noqa: E402
from mekar.warehouse.reference import reference_from_warehouse  # noqa: E402
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
    validated = timed(
        full,
        "validate",
        lambda: validate_all(
            extracted,
            settings.header_aliases,
            settings.default_min_kehadiran,
            lambda: reference_from_warehouse(engine),
        ),
    )

    def load_and_transform():
        with engine.begin() as conn:
            load_warehouse(conn, validated.sheets, extracted.zoom_tabs, validated.failures)
            run_transform(conn, settings.target_for)

    timed(full, "load+transform", load_and_transform)

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

    def compute(figures):
        return sum(s for stage, s in figures if stage != "extract")

    print(
        f"scale {args.scale:g}, {'PostgreSQL' if args.pg else 'SQLite'}, session {args.session}: "
        f"{len(rows.zoom.records) if rows.zoom else 0} Zoom rows, {len(rows.checkins)} check-ins, "
        f"{recomputed.asn} ASN, {len(recomputed.opd)} OPD recomputed"
    )
    print(f"{'stage':<16} {'full run (s)':>13} {'rerun (s)':>10}")
    for (stage, a), (_, b) in zip(full, rerun, strict=True):
        print(f"{stage:<16} {a:>13.2f} {b:>10.2f}")
    share = 100 * compute(rerun) / compute(full)
    print(
        f"{'compute':<16} {compute(full):>13.2f} {compute(rerun):>10.2f}   rerun = {share:.1f}% of full"
    )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


if __name__ == "__main__":
    main()
