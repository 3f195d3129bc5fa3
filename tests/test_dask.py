"""Distributed ingest on a real Dask cluster: `dask scheduler` and two `dask worker` processes started with the
`dask` command line (one thread each), as users run them. The workers read the dump files by path, extract,
index and record; the flow plans from file names and sizes and never opens an input. Every guarantee of a local
run holds: exact counts, reruns that finish the job, rejections with reasons, cross-dump evidence per batch,
reference-counted deletions (deferred until every worker is done), a stopped store reported in one line, and a
worker killed mid-run (SIGKILL) costing nothing but time."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan

from bench.corpus import records
from bench.dask_cluster import DaskProcesses
from broadsheet.settings import Settings, get_settings
from flows.summary import IngestSummary
from readers import DumpFile, Item, Limits, batched, discover, iter_inputs, path_uri
from store.bulk import write_articles
from store.documents import passages_of
from store.indices import IndexNames, count_documents, drop_all
from store.state import InputState, StateNames, drop_state, list_rejections, pending_drops, record_states
from tests.conftest import ROOT, SEEDS
from transforms import BatchInput, extract_batch
from transforms.model import RejectionCode

pytest.importorskip("distributed")
pytestmark = [pytest.mark.es, pytest.mark.prefect]

BATCH = 10
SEED = SEEDS / "000_992f8b7952b07537.txt"
OTHER = ROOT / "tests" / "golden" / "text" / "001_wire_reuters.txt"
THIRD = ROOT / "tests" / "golden" / "text" / "003_broadcaster_bbc.txt"
# A sentence every dump of a batch carries: only the batch's evidence (lines recurring across its dumps) tells
# it from the article (without evidence, about half the articles keep it as a paragraph).
SHARED_LINE = "Our journalists work around the clock to bring you independent reporting from across the region."
RECORDS = 80  # in the JSON Lines file of the worker-loss test: 8 batches in one unit
BROADSHEET = str(Path(sys.executable).parent / "broadsheet")
LIMITS = Limits(Settings().max_article_bytes)
INDEXED_ROW = re.compile(r"articles indexed\s*│\s*([\d,]+)")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DaskProcesses]:
    with DaskProcesses(tmp_path_factory.mktemp("dask"), workers=2) as processes:
        yield processes


@dataclass(frozen=True)
class Store:
    names: IndexNames
    state: StateNames
    env: dict[str, str]


@pytest.fixture()
def store(es: Elasticsearch, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[Store]:
    """Aliases of this test alone, and batches of BATCH files (so a small corpus makes several units)."""
    prefix = f"dask-{request.node.name[:40].lower()}-{os.getpid()}"
    env = {
        "BROADSHEET_ARTICLES_ALIAS": f"{prefix}-articles",
        "BROADSHEET_PASSAGES_ALIAS": f"{prefix}-passages",
        "BROADSHEET_STATE_ALIAS": f"{prefix}-state",
        "BROADSHEET_REJECTIONS_ALIAS": f"{prefix}-rejections",
        "BROADSHEET_EXTRACT_BATCH_SIZE": str(BATCH),
    }
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    fresh = Store(
        IndexNames(f"{prefix}-articles", f"{prefix}-passages"),
        StateNames(f"{prefix}-state", f"{prefix}-rejections"),
        env,
    )
    yield fresh
    get_settings.cache_clear()
    drop_all(es, fresh.names)
    drop_state(es, fresh.state)


def _run(cluster: DaskProcesses, *paths: Path, full: bool = False) -> IngestSummary:
    from flows.distributed import ingest_distributed

    summary = ingest_distributed([str(path) for path in paths], full=full, dask_address=cluster.address)
    assert isinstance(summary, IngestSummary), summary
    return summary


def _write_corpus(folder: Path, count: int) -> Path:
    """Text dumps (varied real pages) that all carry SHARED_LINE in their middle."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, record in enumerate(records(count, ("text",))):
        lines = record["text"].split("\n")
        lines.insert(len(lines) // 2, SHARED_LINE)
        (folder / f"{number:06d}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


def _expected(folder: Path) -> dict[str, int]:
    """Article id -> passages, extracted here in the batches of a local run."""
    return _extracted(iter_inputs(discover([folder]), LIMITS))


def _expected_by_units(folder: Path) -> dict[str, int]:
    """The same, batched as the workers batch: each unit's inputs apart (for plain files the units are the local
    batches; a JSON Lines file's records are batched within its unit, and the unit's plain files after them)."""
    from flows.distributed import plan_units

    expected: dict[str, int] = {}
    for unit in plan_units(discover([folder]), BATCH, Settings().extract_batch_bytes):
        expected.update(_extracted(iter_inputs(unit.files, LIMITS)))
    return expected


def _extracted(items: Iterable[Item]) -> dict[str, int]:
    extracted: dict[str, int] = {}
    for batch in batched(items, BATCH, Settings().extract_batch_bytes):
        for article in extract_batch([item for item in batch if isinstance(item, BatchInput)]).articles:
            extracted.setdefault(article.id, sum(1 for _ in passages_of(article)))
    return extracted


def _articles_taken(es: Elasticsearch, names: IndexNames) -> int:
    """Articles written so far, by the node's indexing operations: a run slows its indices' refreshes, so a
    search count would see the first articles only long after they were written."""
    response = es.options(ignore_status=404).indices.stats(index=names.articles_alias, metric="indexing")
    if response.meta.status != 200:
        return 0
    return int(response["_all"]["primaries"].get("indexing", {}).get("index_total", 0))


def _article_ids(es: Elasticsearch, names: IndexNames) -> set[str]:
    es.indices.refresh(index=names.articles_alias)
    hits = es.search(index=names.articles_alias, size=1000, source=False)["hits"]["hits"]
    return {hit["_id"] for hit in hits}


class OpenedFiles:
    """Every file under `folder` this process opens while recording (an audit hook sees every `open`)."""

    hooked: ClassVar[list[OpenedFiles]] = []

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)
        self.opened: list[str] = []
        if not OpenedFiles.hooked:
            sys.addaudithook(OpenedFiles._hook)
        OpenedFiles.hooked.append(self)

    def close(self) -> None:
        OpenedFiles.hooked.remove(self)

    @staticmethod
    def _hook(event: str, args: tuple[Any, ...]) -> None:
        if event != "open" or not OpenedFiles.hooked or not isinstance(args[0], str | Path):
            return
        for recorder in OpenedFiles.hooked:
            if str(args[0]).startswith(recorder.folder):
                recorder.opened.append(str(args[0]))


def test_the_workers_read_extract_and_index_by_reference(
    es: Elasticsearch, store: Store, cluster: DaskProcesses, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.deployment import drop_folder_flow, drop_folder_parameters

    folder = _write_corpus(tmp_path / "dumps", 40)
    (folder / "empty.txt").write_bytes(b"")
    os.mkfifo(folder / "fifo")
    lines = ['{"text": "' + "A line of prose that is long enough to be kept. " * 8 + '"}', "{not json"]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = _expected(folder)

    opened = OpenedFiles(folder)
    try:
        summary = _run(cluster, folder)
    finally:
        opened.close()

    # The flow never opened an input; both worker processes did the reading and indexing.
    assert opened.opened == []
    host = socket.gethostname()
    assert set(summary.workers) == {f"{host}:{pid}" for pid in cluster.worker_pids().values()}
    assert f"{host}:{os.getpid()}" not in summary.workers
    # Exact counts: what a local run's batches yield, each article once, every passage.
    assert summary.inputs_seen == 40 + 1 + 1 + 2
    assert summary.articles_indexed == len(expected) == 41 and summary.duplicates_in_run == 0
    counts = count_documents(es, store.names)
    assert (counts.articles, counts.passages) == (len(expected), sum(expected.values()))
    assert summary.passages_indexed == counts.passages
    # Each batch's evidence: the line all its dumps share is no article's paragraph.
    passages = [hit["_source"]["text"] for hit in scan(es, index=store.names.passages_alias, _source=["text"])]
    assert len(passages) == counts.passages and not [text for text in passages if SHARED_LINE in text]
    # Rejections with reasons: the empty file and the bad line are recorded, the FIFO reported.
    codes = {Path(rejection.uri).name: rejection.code for rejection in summary.rejections}
    assert codes == {
        "empty.txt": RejectionCode.EMPTY,
        "fifo": RejectionCode.NOT_A_FILE,
        "records.jsonl#2": RejectionCode.MALFORMED_JSON,
    }
    stored = {Path(rejection.uri).name: rejection.reason for rejection in list_rejections(es, store.state)}
    assert set(stored) == {"empty.txt", "records.jsonl#2"} and all(stored.values())

    # The rerun is what the scheduled deployment runs, given a Dask cluster: its flow, with its parameters.
    monkeypatch.setenv("BROADSHEET_DROP_DIR", str(folder))
    monkeypatch.setenv("BROADSHEET_DASK_ADDRESS", cluster.address)
    get_settings.cache_clear()
    again = drop_folder_flow(get_settings())(**drop_folder_parameters(get_settings()))
    assert isinstance(again, IngestSummary), again
    assert (again.skipped_unchanged, again.articles_indexed, again.inputs_recorded) == (43, 0, 0)
    assert [rejection.code for rejection in again.rejections] == [RejectionCode.NOT_A_FILE]


def test_an_article_still_held_by_an_unchanged_input_is_never_deleted(
    es: Elasticsearch, store: Store, cluster: DaskProcesses, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10's first case, distributed: one file per unit, so a.txt and b.txt go to different workers."""
    monkeypatch.setenv("BROADSHEET_EXTRACT_BATCH_SIZE", "1")
    get_settings.cache_clear()
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "b.txt")
    first = _run(cluster, folder)
    assert first.articles_indexed == 1 and first.duplicates_in_run == 1
    seed_ids = _article_ids(es, store.names)

    shutil.copy(OTHER, folder / "a.txt")  # a.txt now holds another article; b.txt still holds the seed
    second = _run(cluster, folder)
    ids = _article_ids(es, store.names)
    assert seed_ids < ids and len(ids) == 2 and second.stale_documents_deleted == 0

    shutil.copy(THIRD, folder / "b.txt")  # nothing holds the seed now: it goes, with its passages, at the end
    third = _run(cluster, folder)
    assert not seed_ids & _article_ids(es, store.names) and third.stale_documents_deleted > 0
    es.indices.refresh(index=store.names.passages_alias)
    leftovers = es.count(index=store.names.passages_alias, query={"terms": {"article_id": sorted(seed_ids)}})
    assert leftovers["count"] == 0
    assert pending_drops(es, store.state).note_ids == ()


def _unit(*paths: Path) -> Any:
    from flows.worker import WorkUnit

    return WorkUnit(0, tuple(entry for entry in discover(paths) if isinstance(entry, DumpFile)))


def test_a_worker_never_deletes_what_another_may_have_just_written(
    es: Elasticsearch, store: Store, tmp_path: Path
) -> None:
    """The race of concurrent workers, played in its worst order: worker B has written the seed article for
    b.txt but not recorded b.txt yet, when worker A finds that a.txt no longer yields it. A must not delete it;
    the flow, once both are done, keeps it (b holds it) or deletes it (nothing does)."""
    from flows.ingest import delete_dropped, prepare_store
    from flows.worker import ingest_unit

    settings = get_settings()
    prepare_store.fn(settings)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEED, a)
    assert ingest_unit(_unit(a), settings, False, "run-1").summary.articles_indexed == 1
    seed_ids = _article_ids(es, store.names)

    shutil.copy(SEED, b)  # worker B: extracted and written, not recorded yet
    seed_from_b = extract_batch([BatchInput(str(b), b.read_bytes())]).articles
    write_articles(es, seed_from_b, store.names)
    shutil.copy(OTHER, a)  # worker A: a.txt changed, the seed article is dropped
    report = ingest_unit(_unit(a), settings, False, "run-2")
    assert report.summary.articles_indexed == 1 and report.summary.stale_documents_deleted == 0
    assert seed_ids < _article_ids(es, store.names)  # A deleted nothing
    assert pending_drops(es, store.state).article_ids == frozenset(seed_ids)

    b_state = InputState(
        path_uri(os.path.realpath(b)), BatchInput("", b.read_bytes()).sha256, "indexed", tuple(seed_ids)
    )
    record_states(es, store.state, [b_state])
    assert delete_dropped.fn(settings) == 0  # b holds it: kept
    assert seed_ids < _article_ids(es, store.names) and pending_drops(es, store.state).note_ids == ()

    other_ids = _article_ids(es, store.names) - seed_ids
    shutil.copy(THIRD, a)  # now a.txt drops the other article, which nothing else holds
    ingest_unit(_unit(a), settings, False, "run-3")
    assert other_ids <= _article_ids(es, store.names)  # still there until every worker is done
    assert delete_dropped.fn(settings) > 0
    assert not other_ids & _article_ids(es, store.names)


def test_a_unit_redone_after_its_worker_was_lost_counts_in_full(
    es: Elasticsearch, store: Store, tmp_path: Path
) -> None:
    """Dask gives a lost worker's unit to another worker: the inputs the lost attempt recorded are done again
    (not skipped as unchanged), so the run's counts are those of one whole attempt; a later run skips them."""
    from flows.ingest import prepare_store
    from flows.worker import ingest_unit

    settings = get_settings()
    prepare_store.fn(settings)
    folder = _write_corpus(tmp_path / "dumps", 12)
    unit = _unit(folder)
    lost = ingest_unit(unit, settings, False, "run-1")  # its report never reached the flow
    redone = ingest_unit(unit, settings, False, "run-1")
    assert redone.summary.skipped_unchanged == 0 and redone.stopped is None
    assert (redone.summary.articles_indexed, redone.summary.inputs_recorded) == (lost.summary.articles_indexed, 12)
    assert redone.written == lost.written
    later = ingest_unit(unit, settings, False, "run-2")
    assert (later.summary.skipped_unchanged, later.summary.articles_indexed) == (12, 0)


def _block_writes(es: Elasticsearch, indices: list[str], blocked: bool) -> None:
    es.indices.put_settings(index=",".join(indices), settings={"index.blocks.read_only_allow_delete": blocked or None})


def test_a_blocked_store_stops_the_run_in_one_line_and_the_rerun_finishes(
    es: Elasticsearch, store: Store, cluster: DaskProcesses, tmp_path: Path
) -> None:
    from flows.distributed import ingest_distributed

    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    _run(cluster, folder)
    shutil.copy(OTHER, folder / "new.txt")
    blocked = [store.names.articles_alias, store.names.passages_alias]
    _block_writes(es, blocked, True)
    try:
        during = ingest_distributed([str(folder)], dask_address=cluster.address, return_state=True)
    finally:
        _block_writes(es, blocked, False)
    assert during.is_failed() and "disk watermark" in (during.message or "")
    assert "0 articles written, 0 inputs recorded, 1 input left for the next run" in (during.message or "")
    assert list_rejections(es, store.state) == []
    after = _run(cluster, folder)
    assert after.articles_indexed == 1 and after.skipped_unchanged == 1 and after.rejections == ()


def _kill_mid_unit(es: Elasticsearch, store: Store, cluster: DaskProcesses, process: subprocess.Popen[str]) -> int:
    """Once the unit of the JSON Lines file (unit 0) has recorded some of its batches, not all, SIGKILL the
    worker running it. Returns the inputs it had recorded."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and process.poll() is None:
        response = es.options(ignore_status=(404, 503), max_retries=0).count(
            index=store.state.state_alias, query={"wildcard": {"uri": "*records.jsonl#*"}}
        )
        recorded = int(response["count"]) if response.meta.status == 200 else 0
        running = [name for name, keys in cluster.processing().items() if any(key.endswith("-0") for key in keys)]
        if recorded >= BATCH and running:
            cluster.kill_worker(running[0])
            return recorded
        time.sleep(0.2)
    raise AssertionError(f"unit 0 never got going: {process.communicate()}")


def test_killing_a_worker_mid_run_costs_nothing_but_time(
    es: Elasticsearch, store: Store, cluster: DaskProcesses, tmp_path: Path, prefect_api_url: str
) -> None:
    """`broadsheet ingest --task-runner dask --dask-address`, as a user runs it. The worker reading the JSON
    Lines file is killed (SIGKILL, nanny and all: it does not come back) after it recorded part of it. Dask gives
    its unit to the other worker, which does again what the lost attempt recorded (its counts were lost with
    it): the run finishes with exact counts, and a rerun finds nothing left to do. (The cluster has one worker
    afterwards, for the next test.)"""
    folder = _write_corpus(tmp_path / "dumps", 100)
    lines = [json.dumps(record) for record in records(RECORDS, ("text",), first=100)]
    (folder / "000-records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = _expected_by_units(folder)
    env = {**os.environ, **store.env, "PREFECT_API_URL": prefect_api_url, "COLUMNS": "200"}
    run = subprocess.Popen(
        [BROADSHEET, "ingest", str(folder), "--task-runner", "dask", "--dask-address", cluster.address],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    recorded_before_kill = _kill_mid_unit(es, store, cluster, run)
    stdout, stderr = run.communicate(timeout=900)

    assert run.returncode == 0, stderr
    assert [line for line in stderr.splitlines() if not line.startswith("progress: ")] == [], stderr
    assert BATCH <= recorded_before_kill < RECORDS
    indexed = INDEXED_ROW.search(stdout)
    assert indexed is not None and int(indexed.group(1).replace(",", "")) == len(expected), stdout
    counts = count_documents(es, store.names)
    assert (counts.articles, counts.passages) == (len(expected), sum(expected.values()))

    rerun = _run(cluster, folder)
    assert (rerun.skipped_unchanged, rerun.articles_indexed) == (100 + RECORDS, 0)
    assert count_documents(es, store.names) == counts


# A run that lost its last worker says "at least": the units in flight may have written and recorded more.
COUNTS = re.compile(
    r"at least ([\d,]+) articles? written, at least ([\d,]+) inputs? recorded, ([\d,]+) inputs? left for the next run"
)


def test_losing_every_worker_stops_the_run_in_one_line_and_the_rerun_finishes(
    es: Elasticsearch, store: Store, cluster: DaskProcesses, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last worker (one is left by the test above) is killed mid-run: the run waits a while for another,
    then stops in one line. Once a worker is back, the rerun finishes the job exactly. A task's result lost
    with the last worker (finished, not fetched yet: Dask computes it again) is given up too, not waited for."""
    from flows.distributed import NoWorkerLeft, ingest_distributed, task_result

    monkeypatch.setenv("BROADSHEET_DASK_WORKER_WAIT_SECONDS", "5")
    get_settings.cache_clear()
    folder = _write_corpus(tmp_path / "dumps", 60)
    expected = _expected(folder)
    states: list[Any] = []
    run = threading.Thread(
        target=lambda: states.append(ingest_distributed([str(folder)], dask_address=cluster.address, return_state=True))
    )
    with cluster.client() as dask:
        unfetched = dask.submit(os.getpid, pure=False)
        assert unfetched.exception(timeout=120) is None  # finished; its result stays on the worker until fetched
        run.start()
        deadline = time.monotonic() + 300
        while _articles_taken(es, store.names) == 0 and run.is_alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        [last] = cluster.worker_pids()
        cluster.kill_worker(last)
        run.join(timeout=300)
        assert not run.is_alive(), "the run was still waiting 300 s after its last worker was lost"
        with pytest.raises(NoWorkerLeft):
            task_result(dask, unfetched, worker_wait_s=1.0)

    [failed] = states
    message = failed.message or ""
    assert failed.is_failed() and message.startswith("no Dask worker left for 5 s"), message
    assert "\n" not in message
    counts = COUNTS.search(message)
    assert counts is not None, message
    written, recorded, _ = (int(group.replace(",", "")) for group in counts.groups())
    assert written < len(expected) and re.search(r"; [\d,]+ files? not read yet$", message), message
    # Lower bounds: the unit lost with the last worker may have written and recorded part of its inputs.
    assert count_documents(es, store.names).articles >= written

    cluster.add_worker("worker-2")
    cluster.wait_for_workers(1)
    rerun = _run(cluster, folder)
    assert rerun.skipped_unchanged >= recorded and rerun.skipped_unchanged + rerun.inputs_recorded == 60
    assert _run(cluster, folder).skipped_unchanged == 60
    counts_after = count_documents(es, store.names)
    assert (counts_after.articles, counts_after.passages) == (len(expected), sum(expected.values()))
