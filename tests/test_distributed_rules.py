"""The flow side of a distributed run, apart from Dask and the store: how dump files become units, and how the
units' reports add up to the run's summary."""

from __future__ import annotations

from pathlib import Path

from broadsheet.settings import Settings
from flows.distributed import RunAccount, discovery_summary, plan_units
from flows.incremental import plan_batch
from flows.summary import IngestSummary
from flows.worker import UnitReport
from readers import DumpFile, batched
from store.state import InputState
from transforms.model import BatchInput, Rejection, RejectionCode


def _file(number: int, size: int = 100) -> DumpFile:
    return DumpFile(f"/d/{number}.txt", f"/d/{number}.txt", size)


def test_units_group_files_as_a_local_run_batches_plain_files() -> None:
    files = [_file(number, size=100 * (number + 1)) for number in range(12)]
    found: list[DumpFile | Rejection] = [*files[:5], Rejection("/d/fifo", RejectionCode.NOT_A_FILE), *files[5:]]
    units = list(plan_units(found, max_files=4, max_bytes=1500))
    # The same groups `batched` makes of the files' inputs (one input per plain file, its size in bytes).
    inputs = [BatchInput(file.uri, b"x" * file.size) for file in files]
    expected = [[item.uri for item in batch] for batch in batched(inputs, 4, 1500)]
    assert [[file.uri for file in unit.files] for unit in units] == expected
    assert [unit.number for unit in units] == list(range(len(units)))
    assert sum(len(unit.files) for unit in units) == 12  # the FIFO is no unit's: the flow reports it


def test_what_discovery_rejected_is_counted_and_reported_by_the_flow() -> None:
    fifo = Rejection("/d/fifo", RejectionCode.NOT_A_FILE, "FIFO", file="/d/fifo")
    summary = discovery_summary([_file(1), fifo])
    assert summary.inputs_seen == 1 and summary.rejections == (fifo,)


def _report(unit: int, worker: str, written: tuple[tuple[str, int], ...], gone: int = 0) -> UnitReport:
    summary = IngestSummary(
        inputs_seen=len(written),
        articles_extracted=len(written),
        articles_indexed=len(written),
        passages_indexed=sum(passages for _, passages in written),
        inputs_recorded=len(written),
        workers=(worker,),
    )
    return UnitReport(unit, worker, summary, written, inputs_read=len(written), gone=gone)


def test_an_article_two_units_wrote_counts_once_as_in_a_local_run() -> None:
    account = RunAccount()
    account.add(_report(0, "h:1", (("A", 3), ("B", 2)), gone=1))
    account.add(_report(1, "h:2", (("B", 2), ("C", 4))))
    account.add(_report(2, "h:1", (("D", 1),), gone=2))
    summary = account.summary
    assert (summary.articles_extracted, summary.articles_indexed, summary.duplicates_in_run) == (5, 4, 1)
    assert summary.passages_indexed == 3 + 2 + 4 + 1
    assert summary.inputs_recorded == 5 and account.gone == 3
    assert account.written_twice == {"B"}
    assert sorted(summary.workers) == ["h:1", "h:2"] and account.units_by_worker == {"h:1": 2, "h:2": 1}


def test_inputs_this_run_recorded_are_done_again_when_their_unit_is_redone() -> None:
    """A worker lost after recording some inputs: the unit, redone, must count them again, not skip them."""
    same = BatchInput("a", b"body", file="a")
    recorded_by_this_run = {"a": InputState("a", same.sha256, "indexed", ("A",), run="run-1")}
    assert plan_batch([same], recorded_by_this_run, full=False, redo_run="run-1").changed == [same]
    assert plan_batch([same], recorded_by_this_run, full=False, redo_run="run-2").skipped == 1
    recorded_locally = {"a": InputState("a", same.sha256, "indexed", ("A",))}
    assert plan_batch([same], recorded_locally, full=False, redo_run="run-1").skipped == 1


def test_the_scheduled_deployment_runs_on_the_dask_cluster_the_settings_name(tmp_path: Path) -> None:
    from flows.deployment import DEPLOYMENT_PATH, deployment_path, drop_folder_deployment

    local = Settings(BROADSHEET_DROP_DIR=tmp_path)
    assert drop_folder_deployment(local).entrypoint == "flows.ingest.ingest"
    assert deployment_path(local) == DEPLOYMENT_PATH
    clustered = Settings(BROADSHEET_DROP_DIR=tmp_path, BROADSHEET_DASK_ADDRESS="tcp://scheduler:8786")
    deployment = drop_folder_deployment(clustered)
    assert deployment.entrypoint == "flows.distributed.ingest_distributed"
    assert deployment.parameters == {"paths": [str(tmp_path)], "full": False, "dask_address": "tcp://scheduler:8786"}
    assert deployment_path(clustered) == "ingest-distributed/ingest-drop-folder"
