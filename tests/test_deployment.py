"""prefect.yaml: the nightly deployment as DESIGN.md wants it, in a shape Prefect accepts."""

from __future__ import annotations

import yaml
from prefect.client.schemas.schedules import CronSchedule
from prefect.flows import load_flow_from_entrypoint

from tests.conftest import REPO


def _deployments() -> dict[str, dict]:
    raw = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    return {d["name"]: d for d in raw["deployments"]}


def test_nightly_deployment_schedule_and_concurrency():
    nightly = _deployments()["nightly"]
    [schedule] = nightly["schedules"]
    cron = CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])
    assert (cron.cron, cron.timezone) == ("0 1 * * *", "Asia/Jakarta")
    assert schedule["active"] is True
    assert nightly["concurrency_limit"] == 1


def test_deployment_entrypoint_loads_the_flow():
    flow = load_flow_from_entrypoint(str(REPO / _deployments()["nightly"]["entrypoint"]))
    assert flow.name == "nightly"
    assert list(flow.parameters.properties) == [
        "data_dir",
        "year",
        "warehouse_url",
        "out_dir",
        "wait",
    ]


def test_weekly_deployment_monday_morning_in_jakarta():
    weekly = _deployments()["weekly"]
    [schedule] = weekly["schedules"]
    cron = CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])
    assert (cron.cron, cron.timezone) == ("0 7 * * 1", "Asia/Jakarta")
    assert schedule["active"] is True and weekly["concurrency_limit"] == 1
    flow = load_flow_from_entrypoint(str(REPO / weekly["entrypoint"]))
    assert flow.name == "weekly"
    assert list(flow.parameters.properties) == [
        "week",
        "opd",
        "dry_run",
        "resend",
        "data_dir",
        "warehouse_url",
        "out_dir",
    ]


def test_every_deployment_parameter_is_described():
    """The Prefect UI shows these descriptions beside each parameter of a custom run."""
    names = set()
    for deployment in _deployments().values():
        flow = load_flow_from_entrypoint(str(REPO / deployment["entrypoint"]))
        names.add(flow.name)
        for name, prop in flow.parameters.properties.items():
            assert prop.get("description"), f"{flow.name}: parameter {name} has no description"
    assert names == {"nightly", "rerun-session", "backfill", "weekly", "province"}


def test_province_deployments_use_the_dask_task_runner():
    from prefect_dask import DaskTaskRunner

    from mekar.config import ProvinceSettings
    from tasks.partition import dask_runner

    deployments = _deployments()
    for name in ("province-nightly", "province-weekly", "province-partition"):
        flow = load_flow_from_entrypoint(str(REPO / deployments[name]["entrypoint"]))
        assert flow.name == "province"
        assert list(flow.parameters.properties) == [
            "partitions", "year", "warehouse_url", "out_dir", "email",
        ]  # fmt: skip
    assert deployments["province-weekly"]["parameters"] == {"email": True}
    local = dask_runner(ProvinceSettings(local_workers=3))
    assert isinstance(local, DaskTaskRunner)
    assert (
        local.cluster_kwargs["n_workers"] == 3 and local.cluster_kwargs["threads_per_worker"] == 1
    )
    remote = dask_runner(ProvinceSettings(dask_address="tcp://10.0.0.5:8786"))
    assert remote.address == "tcp://10.0.0.5:8786"
