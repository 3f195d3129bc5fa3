"""An ingest shows how far it has got (issue 10, item 11): a bar in a terminal, status lines elsewhere, and a
Prefect progress artifact; and `ingest` runs with a Prefect home that does not exist yet (item 10)."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet.console import ingest_progress
from flows.progress import PROGRESS_LOGGER, ProgressSnapshot
from store.indices import IndexNames
from tests.conftest import SEEDS

BROADSHEET = str(Path(sys.executable).parent / "broadsheet")


def _snapshot(read: int, total: int = 2_000_000) -> ProgressSnapshot:
    return ProgressSnapshot(
        files_done=1,
        files_total=4,
        bytes_read=read,
        bytes_total=total,
        inputs_read=read // 1000,
        articles_indexed=read // 1100,
        elapsed_seconds=10.0,
    )


def _emit(snapshot: ProgressSnapshot) -> None:
    logging.getLogger(PROGRESS_LOGGER).info("progress", extra={"snapshot": snapshot})


def test_without_a_terminal_progress_is_one_status_line_at_a_time() -> None:
    stream = io.StringIO()
    with ingest_progress(PROGRESS_LOGGER, every=0, stream=stream):
        _emit(_snapshot(500_000))
        _emit(_snapshot(1_000_000))
    lines = stream.getvalue().splitlines()
    assert lines == [
        "progress: 25% (500.0 kB of 2.0 MB), 500 inputs read, 454 articles indexed, 45 articles/s, about 30 s left",
        "progress: 50% (1.0 MB of 2.0 MB), 1,000 inputs read, 909 articles indexed, 91 articles/s, about 10 s left",
    ]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_terminal_progress_is_a_bar_with_bytes_inputs_and_time_left() -> None:
    stream = _Terminal()
    with ingest_progress(PROGRESS_LOGGER, every=0, stream=stream):
        _emit(_snapshot(1_000_000))
    drawn = stream.getvalue()
    assert "━" in drawn and "1.0/2.0 MB" in drawn and "1,000 inputs · 909 articles" in drawn


@pytest.mark.es
@pytest.mark.prefect
def test_a_run_publishes_a_progress_artifact(store_env: IndexNames) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    from flows.ingest import ingest

    state = ingest([str(SEEDS)], return_state=True)
    assert state.is_completed()
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=["ingest-progress"]),
                flow_run_id=ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id]),
            )
        )
    assert [artifact.data for artifact in artifacts] == [100.0]


@pytest.mark.es
@pytest.mark.prefect
def test_ingest_runs_with_a_new_prefect_home_and_prints_status_lines(store_env: IndexNames, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "not" / "there" / "yet"),
        "BROADSHEET_PROGRESS_EVERY_SECONDS": "0",
        "BROADSHEET_EXTRACT_BATCH_SIZE": "1",
    }
    run = subprocess.run([BROADSHEET, "ingest", str(SEEDS)], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    status = run.stderr.splitlines()
    assert status and all(line.startswith("progress: ") for line in status), run.stderr
    assert "articles indexed" in run.stdout
