"""Time the weekly run's own work on a generated year: composing every OPD's email and the
BKPSDM summary (queries, charts, templates, pages), then sending them to the outbox and to a
real SMTP server on loopback (aiosmtpd, no TLS: the cost of mekar's side, not of encryption).

    .venv/bin/python bench/weekly.py --scale 1 [--week 2023-W27] [--work /tmp/mekar-bench]

The warehouse is built first as bench/nightly.py builds it (reused when it exists).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from nightly import bench_scale, peak_mib  # noqa: E402

from mekar.config import Settings  # noqa: E402
from mekar.deliver.log import deliver  # noqa: E402
from mekar.deliver.mailer import OutboxMailer, SmtpMailer  # noqa: E402
from mekar.deliver.weekly import prepare_week  # noqa: E402
from mekar.warehouse.db import make_engine  # noqa: E402
from mekar.week import Week  # noqa: E402


class _Count:
    def __init__(self):
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--week", default="2023-W27")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mekar-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / f"warehouse-s{args.scale:g}.db"
    if not db.exists():
        print(f"building the S{args.scale:g} warehouse (bench/nightly.py stages) …", flush=True)
        bench_scale(args.scale, args.work, None)
    url = f"sqlite:///{db}"
    week = Week.parse(args.week)
    settings = Settings(smtp={"bkpsdm": ["bkpsdm@sragen.example"]})
    out = args.work / f"weekly-s{args.scale:g}"
    shutil.rmtree(out, ignore_errors=True)

    started = time.perf_counter()
    batch = prepare_week(make_engine(url), week, out, settings)
    compose = time.perf_counter() - started
    size = sum(len(bytes(m.message("x@y", "z@y"))) for m in batch.emails)
    print(
        f"S{args.scale:g} {week.iso}: composed {batch.opd_pages} OPD reports + summary, "
        f"{len(batch.emails)} emails ({size / 2**20:.1f} MiB) in {compose:.2f} s"
    )

    from aiosmtpd.controller import Controller

    for name in ("outbox", "smtp"):
        # a fresh delivery log per target: everything is sent once
        log_db = args.work / f"delivery-{name}.db"
        log_db.unlink(missing_ok=True)
        shutil.copyfile(db, log_db)
        engine = make_engine(f"sqlite:///{log_db}")
        counter, controller = _Count(), None
        if name == "outbox":
            mailer = OutboxMailer(out / "outbox")
        else:
            port = _free_port()
            controller = Controller(counter, hostname="127.0.0.1", port=port)
            controller.start()
            mailer = SmtpMailer("127.0.0.1", port, starttls=False)
        outgoing = batch.outgoing(settings.smtp.sender)
        started = time.perf_counter()
        report = deliver(engine, mailer, outgoing)
        seconds = time.perf_counter() - started
        if controller:
            controller.stop()
        print(
            f"  send via {name}: {len(report.sent)} messages in {seconds:.2f} s "
            f"({len(report.sent) / seconds:.0f}/s), failed {len(report.failed)}"
        )
        engine.dispose()
    print(f"  peak RSS {peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
