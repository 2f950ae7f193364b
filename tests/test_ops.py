"""ops/: the Prefect automations load into Prefect's own models and match the runs they are
meant for; the systemd units name paths of this checkout; the examples are settings mekar
reads, with no secret in them. No server needed (docs/operating.md)."""

from __future__ import annotations

import os
import shlex
import tomllib
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from tests.conftest import REPO

OPS = REPO / "ops"
CHECKOUT = "/opt/mekar"  # where the unit files expect this checkout
PLACEHOLDER = "REPLACE_WITH_BLOCK_ID"  # the notification block's id, filled in on the server


def _automation(name: str, block_id: str | None = None):
    from prefect.events.schemas.automations import AutomationCore

    raw = (OPS / name).read_text(encoding="utf-8")
    if block_id:
        raw = raw.replace(PLACEHOLDER, block_id)
    return yaml.safe_load(raw), AutomationCore.model_validate(yaml.safe_load(raw))


def _ignored_keys(model: type[BaseModel], data: dict, where: str = "") -> list[str]:
    """Keys the model would drop silently (AutomationCore and triggers ignore extra keys, so
    a misspelt `match_related` would make the automation cover every flow run)."""
    ignored = []
    for key, value in data.items():
        field = model.model_fields.get(key)
        if field is None:
            ignored.append(f"{where}{key}")
        elif isinstance(value, dict) and isinstance(field.annotation, type):
            if issubclass(field.annotation, BaseModel):
                ignored += _ignored_keys(field.annotation, value, f"{where}{key}.")
    return ignored


def _event(name: str, tags: list[str], kind: str = "flow-run"):
    """An event as Prefect's server emits it for a flow run's state (or heartbeat): the run
    as resource, its flow, deployment and tags as related resources."""
    from prefect.server.events.schemas.events import ReceivedEvent

    return ReceivedEvent(
        occurred=datetime.now(UTC),
        event=name,
        resource={"prefect.resource.id": f"prefect.{kind}.{uuid.uuid4()}"},
        related=[
            {
                "prefect.resource.id": f"prefect.flow.{uuid.uuid4()}",
                "prefect.resource.role": "flow",
                "prefect.resource.name": "nightly",
            },
            {
                "prefect.resource.id": f"prefect.deployment.{uuid.uuid4()}",
                "prefect.resource.role": "deployment",
                "prefect.resource.name": "nightly",
            },
        ]
        + [
            {"prefect.resource.id": f"prefect.tag.{t}", "prefect.resource.role": "tag"}
            for t in tags
        ],
        id=uuid.uuid4(),
    )


def _server_trigger(automation):
    """The trigger as the server evaluates it."""
    from prefect.server.events.schemas.automations import AutomationCore as ServerAutomation

    return ServerAutomation.model_validate(automation.model_dump(mode="json")).trigger


def test_failed_runs_automation_is_refused_until_its_block_id_is_filled():
    with pytest.raises(ValidationError, match="block_document_id"):
        _automation("automation-failed-runs.yaml")


def test_failed_runs_automation_sends_a_notification_on_failed_and_crashed_runs():
    from prefect.events.actions import SendNotification
    from prefect.events.schemas.automations import AutomationCore, EventTrigger, Posture

    block_id = str(uuid.uuid4())
    raw, automation = _automation("automation-failed-runs.yaml", block_id)
    assert _ignored_keys(AutomationCore, raw) == []
    assert _ignored_keys(EventTrigger, raw["trigger"]) == []
    trigger = automation.trigger
    assert isinstance(trigger, EventTrigger) and trigger.posture == Posture.Reactive
    assert trigger.expect == {"prefect.flow-run.Failed", "prefect.flow-run.Crashed"}
    assert trigger.after == set() and trigger.threshold == 1
    assert trigger.within == timedelta(0)
    assert trigger.for_each == {"prefect.resource.id"}  # one alert per run
    [action] = automation.actions
    # an unknown `type` would load as UnknownAction and never notify anyone
    assert isinstance(action, SendNotification) and str(action.block_document_id) == block_id
    assert "flow_run.state.message" in action.body and automation.enabled


@pytest.mark.parametrize(
    "event, tags, kind, fires",
    [
        ("prefect.flow-run.Failed", ["mekar", "nightly"], "flow-run", True),
        ("prefect.flow-run.Crashed", ["mekar", "weekly"], "flow-run", True),
        ("prefect.flow-run.Completed", ["mekar"], "flow-run", False),
        ("prefect.flow-run.Cancelled", ["mekar"], "flow-run", False),
        ("prefect.flow-run.Failed", [], "flow-run", False),  # not a mekar deployment
        ("prefect.flow-run.Failed", ["mekar-lain"], "flow-run", False),
        ("prefect.task-run.Failed", ["mekar"], "task-run", False),  # retried tasks: no alert
    ],
)
def test_failed_runs_trigger_covers_failed_and_crashed_runs_tagged_mekar(event, tags, kind, fires):
    _, automation = _automation("automation-failed-runs.yaml", str(uuid.uuid4()))
    assert _server_trigger(automation).covers(_event(event, tags, kind)) is fires


def test_stuck_runs_automation_marks_silent_mekar_runs_crashed():
    from prefect.client.schemas.objects import StateType
    from prefect.events.actions import ChangeFlowRunState
    from prefect.events.schemas.automations import AutomationCore, EventTrigger, Posture
    from prefect.settings.models.flows import FlowsSettings

    raw, automation = _automation("automation-stuck-runs.yaml")
    assert _ignored_keys(AutomationCore, raw) == []
    assert _ignored_keys(EventTrigger, raw["trigger"]) == []
    trigger = automation.trigger
    assert trigger.posture == Posture.Proactive
    assert trigger.after == {"prefect.flow-run.heartbeat"}
    assert trigger.expect == {"prefect.flow-run.*"}  # a heartbeat or the run's end
    assert trigger.for_each == {"prefect.resource.id"}
    # a healthy run beats every 180 s by default: several missed beats before it is called dead
    beat = FlowsSettings.model_fields["heartbeat_frequency"].default
    assert trigger.within >= timedelta(seconds=3 * beat)
    [action] = automation.actions
    assert isinstance(action, ChangeFlowRunState) and action.state == StateType.CRASHED
    server = _server_trigger(automation)
    assert server.covers(_event("prefect.flow-run.heartbeat", ["mekar"]))
    assert server.covers(_event("prefect.flow-run.Completed", ["mekar"]))
    assert not server.covers(_event("prefect.flow-run.heartbeat", []))


def test_every_deployment_is_tagged_mekar_on_the_pool_the_worker_polls():
    deployments = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))["deployments"]
    assert deployments
    for deployment in deployments:
        assert "mekar" in deployment["tags"], deployment["name"]
        assert deployment["work_pool"]["name"] == "mekar", deployment["name"]
    argv = shlex.split(_unit("mekar-worker.service")["ExecStart"][0])
    assert argv[1:4] == ["worker", "start", "--pool"] and argv[4] == "mekar"


def _unit(name: str) -> dict[str, list[str]]:
    """A unit file as key -> values (systemd allows a key more than once)."""
    entries: dict[str, list[str]] = {}
    for line in (OPS / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";", "[")):
            continue
        key, _, value = line.partition("=")
        entries.setdefault(key.strip(), []).append(value.strip())
    return entries


def _in_checkout(path: str) -> Path:
    assert path.startswith(CHECKOUT + "/") or path == CHECKOUT, path
    return REPO / Path(path).relative_to(CHECKOUT)


@pytest.mark.parametrize("name", ["prefect-server.service", "mekar-worker.service"])
def test_unit_files_name_paths_of_this_checkout(name):
    unit = _unit(name)
    [workdir] = unit["WorkingDirectory"]
    assert _in_checkout(workdir) == REPO
    [exec_start] = unit["ExecStart"]
    prefect = _in_checkout(shlex.split(exec_start)[0])
    # .venv/bin/prefect is created by `make install` (which `make test` runs first)
    assert prefect == REPO / ".venv" / "bin" / "prefect" and prefect.is_file()
    [doc] = unit["Documentation"]
    assert _in_checkout(doc.removeprefix("file:")).is_file()
    env = dict(e.split("=", 1) for e in unit.get("Environment", []))
    assert env["PREFECT_HOME"].startswith("/var/lib/")
    assert unit.get("KillMode", ["control-group"]) == ["control-group"]


def test_server_unit_serves_prefect_on_loopback():
    unit = _unit("prefect-server.service")
    assert shlex.split(unit["ExecStart"][0])[1:] == ["server", "start"]
    env = dict(e.split("=", 1) for e in unit["Environment"])
    assert env["PREFECT_SERVER_API_HOST"] == "127.0.0.1"
    port = env["PREFECT_SERVER_API_PORT"]
    assert env["PREFECT_UI_URL"].endswith(f":{port}")
    assert f":{port}/api" in (OPS / "env.example").read_text(encoding="utf-8")


def test_worker_unit_runs_from_mekar_home_and_always_comes_back():
    unit = _unit("mekar-worker.service")
    env = dict(e.split("=", 1) for e in unit["Environment"])
    assert env["MEKAR_HOME"] == unit["WorkingDirectory"][0] == CHECKOUT
    assert unit["Restart"] == ["always"]
    assert unit["EnvironmentFile"] == ["/etc/mekar/env"]


def _env_example() -> dict[str, str]:
    """Assignments of ops/env.example, the commented-out ones included."""
    values = {}
    for line in (OPS / "env.example").read_text(encoding="utf-8").splitlines():
        line = line.lstrip("#").strip()
        key, sep, value = line.partition("=")
        if sep and key.isupper() and " " not in key:
            values[key] = value
    return values


def test_env_example_names_settings_mekar_has_and_no_secret():
    from mekar.config import Settings

    env = _env_example()
    assert env["PREFECT_API_URL"].endswith("/api")
    mekar = {k: v for k, v in env.items() if k.startswith("MEKAR_")}
    assert mekar and "MEKAR_HOME" not in mekar  # the unit sets it
    for key in mekar:
        model: type[BaseModel] = Settings
        *parents, leaf = key.removeprefix("MEKAR_").lower().split("__")
        for part in parents:
            model = model.model_fields[part].annotation
        assert leaf in model.model_fields, key
    assert "MEKAR_SMTP__PASSWORD" not in env and "PREFECT_API_AUTH_STRING" not in env


def test_mekar_toml_example_is_read_as_written(monkeypatch):
    from mekar.config import Settings

    path = OPS / "mekar.toml.example"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert _ignored_keys(Settings, data) == []
    for key in [k for k in os.environ if k.startswith("MEKAR_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("MEKAR_CONFIG", str(path))
    settings = Settings()
    assert settings.warehouse_url == data["warehouse_url"]
    assert set(settings.sheets.spreadsheets) == {"master", "kebutuhan", "kegiatan", "log_zoom"}
    # secrets are named blocks, never values in the file
    assert settings.sheets.credentials_block and settings.sheets.credentials_file is None
    assert settings.smtp.password_block and settings.smtp.password is None
    assert settings.smtp.host and settings.smtp.bkpsdm
