"""Scheduled ingestion end to end: a real `prefect server` on loopback, `broadsheet schedule` serving the
drop-folder deployment against it, a run triggered through Prefect's API, and the seed searchable afterwards.

Nothing is mocked: the server, the served deployment and the Elasticsearch node are all real processes.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import IO, TYPE_CHECKING
from uuid import UUID

import httpx
import pytest
from elasticsearch import Elasticsearch

from bench.processes import stop_process_group
from store.indices import IndexNames
from store.search import Searcher, search
from store.search_types import SearchQuery
from tests.conftest import ROOT, SEEDS

if TYPE_CHECKING:
    from prefect.client.schemas.objects import FlowRun

pytestmark = [pytest.mark.es, pytest.mark.prefect]

SERVER_START_TIMEOUT_S = 120.0  # a fresh SQLite database runs its migrations first (~20 s here)
DEPLOYMENT_TIMEOUT_S = 90.0
RUN_TIMEOUT_S = 180.0
# A schedule that will not fire while the test runs: a scheduled run overlapping the triggered one would be
# cancelled by the concurrency limit (the behaviour we want in production, a flaky test here).
QUIET_CRON = "0 0 1 1 *"


@dataclass(frozen=True)
class Server:
    api_url: str
    home: Path
    log: Path


@dataclass(frozen=True)
class Served:
    process: subprocess.Popen[bytes]
    log: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _offline_prefect_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_UI_ENABLED="false",
        PREFECT_LOGGING_LEVEL="INFO",
    )
    env.pop("PREFECT_API_URL", None)
    return env


def _start(command: list[str], env: dict[str, str], log: IO[bytes]) -> subprocess.Popen[bytes]:
    # A session of its own, so teardown can stop the process and every flow-run process it spawned.
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _wait_for_health(api_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"prefect server exited with {process.returncode}:\n{_tail(log)}")
        try:
            if httpx.get(f"{api_url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail(f"prefect server not healthy after {SERVER_START_TIMEOUT_S:.0f} s:\n{_tail(log)}")


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    log_path = home / "server.log"
    command = [str(Path(sys.executable).parent / "prefect"), "server", "start", "--host", "127.0.0.1"]
    with log_path.open("wb") as log:
        process = _start([*command, "--port", str(port)], _offline_prefect_env(home), log)
        try:
            api_url = f"http://127.0.0.1:{port}/api"
            _wait_for_health(api_url, process, log_path)
            yield Server(api_url, home, log_path)
        finally:
            stop_process_group(process)


@pytest.fixture(scope="module")
def drop_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, and one empty file so the run's summary has a rejection to count by reason."""
    folder = tmp_path_factory.mktemp("drop")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy2(seed, folder / seed.name)
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def served(prefect_server: Server, store_env: IndexNames, drop_dir: Path) -> Iterator[Served]:
    """`broadsheet schedule` running against the test server (store_env put this module's aliases in the
    environment the subprocess inherits)."""
    env = _offline_prefect_env(prefect_server.home)
    env.update(
        PREFECT_API_URL=prefect_server.api_url,
        BROADSHEET_DROP_DIR=str(drop_dir),
        BROADSHEET_SCHEDULE_CRON=QUIET_CRON,
        # One seed file: a process pool would cost more than it saves.
        BROADSHEET_EXTRACT_WORKERS="1",
    )
    log_path = prefect_server.home / "schedule.log"
    with log_path.open("wb") as log:
        process = _start([str(Path(sys.executable).parent / "broadsheet"), "schedule"], env, log)
        try:
            yield Served(process, log_path)
        finally:
            stop_process_group(process)


@pytest.fixture(scope="module")
def prefect_api(prefect_server: Server) -> Iterator[None]:
    """Point this process's Prefect client at the test server."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: prefect_server.api_url}):
        yield


def _registered_deployment_id(served: Served) -> str:
    """Wait until `broadsheet schedule` has registered the deployment, and return its id."""
    from prefect import get_client
    from prefect.exceptions import ObjectNotFound

    from flows.deployment import DEPLOYMENT_PATH

    deadline = time.monotonic() + DEPLOYMENT_TIMEOUT_S
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            if served.process.poll() is not None:
                pytest.fail(f"broadsheet schedule exited with {served.process.returncode}:\n{_tail(served.log)}")
            try:
                return str(client.read_deployment_by_name(DEPLOYMENT_PATH).id)
            except ObjectNotFound:
                time.sleep(1)
    pytest.fail(f"{DEPLOYMENT_PATH} was not registered within {DEPLOYMENT_TIMEOUT_S:.0f} s:\n{_tail(served.log)}")


@pytest.fixture(scope="module")
def deployment_id(served: Served, prefect_api: None) -> str:
    return _registered_deployment_id(served)


@pytest.fixture(scope="module")
def triggered_run(deployment_id: str, served: Served) -> str:
    """A run of the deployment triggered through the API, waited for; returns its id."""
    from prefect.deployments import run_deployment

    flow_run = run_deployment(deployment_id, timeout=RUN_TIMEOUT_S, poll_interval=1, as_subflow=False)
    assert flow_run.state is not None
    assert flow_run.state.is_completed(), (
        f"run ended {flow_run.state.name}: {flow_run.state.message}\n{_tail(served.log)}"
    )
    return str(flow_run.id)


def test_deployment_serves_the_drop_folder_one_run_at_a_time(deployment_id: str, drop_dir: Path) -> None:
    from prefect import get_client
    from prefect.client.schemas.objects import ConcurrencyLimitStrategy

    with get_client(sync_client=True) as client:
        deployment = client.read_deployment(deployment_id)
    assert deployment.parameters == {"paths": [str(drop_dir)], "full": False}
    assert deployment.global_concurrency_limit is not None
    assert deployment.global_concurrency_limit.limit == 1
    assert deployment.concurrency_options is not None
    assert deployment.concurrency_options.collision_strategy == ConcurrencyLimitStrategy.CANCEL_NEW
    crons = [getattr(schedule.schedule, "cron", None) for schedule in deployment.schedules]
    assert crons == [QUIET_CRON]
    assert all(schedule.active for schedule in deployment.schedules)


def test_triggered_run_publishes_its_summary_artifact(triggered_run: str) -> None:
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    only_this_run = ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[triggered_run]))  # type: ignore[list-item]
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=only_this_run)
    summaries = [artifact for artifact in artifacts if artifact.key == "ingest-summary"]
    assert len(summaries) == 1
    assert summaries[0].type == "markdown"
    markdown = str(summaries[0].data)
    seeds = len(list(SEEDS.glob("*.txt")))
    assert f"| inputs seen | {seeds + 1} |" in markdown
    assert f"| articles indexed | {seeds} |" in markdown
    assert "| rejected | 1 |" in markdown
    assert "| rejected by reason | inputs |\n|---|---:|\n| empty input | 1 |" in markdown
    assert re.search(r"\| duration \| \d+\.\d s \|", markdown)


def test_triggered_run_makes_the_seed_searchable(triggered_run: str, es: Elasticsearch, store_env: IndexNames) -> None:
    results = search(Searcher(es, store_env), SearchQuery(text='"wrong side of history"'))
    assert results.total == 1
    assert results.hits[0].site == "The Washington Post"


def _finished(flow_run_id: UUID) -> FlowRun:
    from prefect import get_client

    deadline = time.monotonic() + RUN_TIMEOUT_S
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            flow_run = client.read_flow_run(flow_run_id)
            if flow_run.state is not None and flow_run.state.is_final():
                return flow_run
            time.sleep(1)
    pytest.fail(f"flow run {flow_run_id} did not finish within {RUN_TIMEOUT_S:.0f} s")


def test_runs_triggered_together_never_overlap(triggered_run: str, deployment_id: str) -> None:
    """Two runs asked for at once: each completes or is cancelled by the limit, and none runs alongside another."""
    from prefect.deployments import run_deployment

    created = [run_deployment(deployment_id, timeout=0, as_subflow=False) for _ in range(2)]
    runs = [_finished(flow_run.id) for flow_run in created]
    states = [flow_run.state for flow_run in runs]
    assert all(state is not None and (state.is_completed() or state.is_cancelled()) for state in states), states
    spans = sorted((run.start_time, run.end_time) for run in runs if run.start_time and run.end_time)
    assert spans, "neither run started"
    for (_, first_end), (second_start, _) in pairwise(spans):
        assert first_end <= second_start, "two runs of the deployment overlapped"


def test_the_deployment_defaults_to_every_15_minutes_over_the_drop_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from prefect.deployments.runner import EntrypointType

    from broadsheet.settings import Settings
    from flows.deployment import DEPLOYMENT_NAME, drop_folder_deployment

    monkeypatch.delenv("BROADSHEET_SCHEDULE_CRON", raising=False)
    monkeypatch.setenv("BROADSHEET_DROP_DIR", str(tmp_path))
    deployment = drop_folder_deployment(Settings())
    assert deployment.name == DEPLOYMENT_NAME
    assert [getattr(schedule.schedule, "cron", None) for schedule in deployment.schedules or []] == ["*/15 * * * *"]
    assert deployment.parameters == {"paths": [str(tmp_path)], "full": False}
    assert deployment.concurrency_limit == 1
    assert deployment.entrypoint == "flows.ingest.ingest"
    assert deployment.entrypoint_type == EntrypointType.MODULE_PATH


def test_an_invalid_cron_is_refused_in_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from broadsheet.cli import app
    from broadsheet.settings import get_settings

    monkeypatch.setenv("BROADSHEET_SCHEDULE_CRON", "every day")
    monkeypatch.setenv("BROADSHEET_DROP_DIR", str(tmp_path / "drop"))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["schedule"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("error: BROADSHEET_SCHEDULE_CRON='every day' is not a cron expression")
    )
    assert (tmp_path / "drop").is_dir()
