"""The `ingest` flow: discover dump inputs, skip unchanged ones, extract in batches, index, record, report.

One task per batch of inputs (never per file): Prefect's per-task overhead would otherwise dominate the run.
Inside a batch, extraction is spread over processes (it is CPU-bound), and batch N+1 is extracted while batch N
is written. The rules that keep the archive exact (what is recorded when, what may be deleted) live in
`flows.incremental`; this module orders the steps and retries the store calls.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, cast

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.client.schemas.objects import State, TaskRun
from prefect.futures import PrefectFuture
from prefect.states import Failed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.tasks import Task, exponential_backoff

from broadsheet.settings import Settings, get_settings
from flows.incremental import (
    BatchPlan,
    RunLedger,
    batch_summary,
    gone_inputs,
    plan_batch,
    settle_batch,
)
from flows.progress import RunProgress
from flows.summary import IngestSummary
from readers import DumpFile, Item, Limits, ReadProgress, batched, discover, iter_inputs, root_uris, unlisted
from store.bulk import BulkReport, WriteInterrupted, delete_articles, write_articles
from store.client import connect, require_healthy
from store.errors import StoreError, StoreUnavailable
from store.indices import IndexNames, bulk_loading, ensure_indices, refresh
from store.state import (
    InputState,
    StateNames,
    ensure_state_indices,
    held_article_ids,
    load_states,
    record_states,
    refresh_state,
    states_under,
)
from transforms import Article, BatchInput, BatchResult, Rejection, extract_batch
from transforms.pipeline import batch_recurring_lines


def _store_may_recover(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry only what a retry can cure: an unreachable node. A refusal (a block, a document that can never
    fit) would be refused again, and a write interrupted half-way must be counted, not redone: both are
    reported at once."""
    return isinstance(state.data, StoreUnavailable) and not isinstance(state.data, WriteInterrupted)


# Every task that talks to Elasticsearch retries with backoff (a restarting node); none caches (hashing
# batches of pages as cache keys would cost more than the work).
STORE_TASK_OPTIONS: dict[str, Any] = {
    "cache_policy": NONE,
    "retries": 3,
    "retry_delay_seconds": exponential_backoff(backoff_factor=2),
    "retry_jitter_factor": 0.2,
    "retry_condition_fn": _store_may_recover,
}


def index_names(settings: Settings) -> IndexNames:
    return IndexNames(articles_alias=settings.articles_alias, passages_alias=settings.passages_alias)


def state_names(settings: Settings) -> StateNames:
    return StateNames(state_alias=settings.state_alias, rejections_alias=settings.rejections_alias)


def _client(settings: Settings) -> Any:
    return connect(settings.elasticsearch_url, settings.request_timeout)


def _split(inputs: Sequence[BatchInput], parts: int) -> list[list[BatchInput]]:
    return [list(inputs[start::parts]) for start in range(parts) if inputs[start::parts]]


@task(name="extract-batch", cache_policy=NONE)
def extract_inputs(
    inputs: list[BatchInput], recurring: frozenset[str], max_bytes: int, pool: Executor | None, workers: int
) -> BatchResult:
    """Extract the changed inputs of one batch; with a pool, they are shared out to processes. All see the same
    evidence, `recurring` (lines recurring across the whole batch as read, unchanged inputs included), so an
    input extracts the same whether or not its neighbours were skipped."""
    if pool is None or workers <= 1 or len(inputs) < 8:
        return extract_batch(inputs, max_bytes, recurring)
    parts = _split(inputs, workers)
    return BatchResult.combine(pool.map(extract_batch, parts, [max_bytes] * len(parts), [recurring] * len(parts)))


@task(name="prepare-store", **STORE_TASK_OPTIONS)
def prepare_store(settings: Settings) -> None:
    es = _client(settings)
    require_healthy(es)
    ensure_indices(es, index_names(settings), shards=settings.index_shards)
    ensure_state_indices(es, state_names(settings))


@task(name="load-state", **STORE_TASK_OPTIONS)
def load_previous_states(uris: list[str], settings: Settings) -> dict[str, InputState]:
    return load_states(_client(settings), state_names(settings), uris)


@task(name="index-batch", **STORE_TASK_OPTIONS)
def index_articles(articles: list[Article], settings: Settings) -> BulkReport:
    es = _client(settings)
    return write_articles(es, articles, index_names(settings), settings.bulk_chunk_size, settings.bulk_max_retries)


@task(name="delete-unheld", **STORE_TASK_OPTIONS)
def delete_unheld(dropped: list[str], held_here: list[str], recorded_uris: list[str], settings: Settings) -> list[str]:
    """Delete the dropped articles that no input holds any more (other inputs' states are asked)."""
    es = _client(settings)
    candidates = set(dropped) - set(held_here)
    held = held_article_ids(es, state_names(settings), candidates, excluding=recorded_uris)
    unheld = sorted(candidates - held)
    delete_articles(es, index_names(settings), unheld, settings.bulk_chunk_size)
    return unheld


@task(name="record-batch", **STORE_TASK_OPTIONS)
def record_batch(states: list[InputState], settings: Settings) -> None:
    record_states(_client(settings), state_names(settings), states)


@task(name="find-gone-inputs", **STORE_TASK_OPTIONS)
def recorded_under(roots: list[str], settings: Settings) -> list[InputState]:
    return list(states_under(_client(settings), state_names(settings), roots))


@task(name="refresh", **STORE_TASK_OPTIONS)
def refresh_store(settings: Settings) -> None:
    es = _client(settings)
    refresh(es, index_names(settings))
    refresh_state(es, state_names(settings))


def _worker_count(settings: Settings) -> int:
    return settings.extract_workers or os.cpu_count() or 1


# Extraction is batch work: its processes run at a lower CPU priority, so the searches people make meanwhile on the
# same machine (the API, Elasticsearch) are served first (bench/api_load.py measures search during an ingest).
EXTRACTION_NICENESS = 10


def _behind_searches() -> None:
    os.nice(EXTRACTION_NICENESS)


@contextmanager
def extraction_pool(count: int) -> Iterator[Executor | None]:
    if count <= 1:
        yield None
        return
    # forkserver: forking a process that runs Prefect's threads could copy a held lock into the child. The server
    # imports the extractors once, so every worker forked from it shares those pages instead of importing anew.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["transforms"])
    with ProcessPoolExecutor(count, mp_context=context, initializer=_behind_searches) as pool:
        yield pool


@dataclass
class StartedBatch:
    """A batch whose extraction runs in the pool while the previous batch is being written."""

    items: list[Item]
    plan: BatchPlan
    extractions: list[PrefectFuture[BatchResult]]


def _start_batch(
    items: list[Item], settings: Settings, full: bool, pool: Executor | None, distributed: bool, ledger: RunLedger
) -> StartedBatch:
    ledger.seen_uris.update(item.uri for item in items)
    plan = plan_batch(items, load_previous_states([item.uri for item in items], settings), full)
    read = [item for item in items if isinstance(item, BatchInput)]
    recurring = batch_recurring_lines(read, settings.max_article_bytes)
    if distributed:
        # On a Dask cluster each part is its own task, so the batch spreads over the cluster's workers.
        extractions = [
            extract_inputs.submit(part, recurring, settings.max_article_bytes, None, 1)
            for part in _split(plan.changed, settings.distributed_parts)
        ]
    else:
        workers = _worker_count(settings)
        extractions = [extract_inputs.submit(plan.changed, recurring, settings.max_article_bytes, pool, workers)]
    return StartedBatch(items, plan, extractions)


def _finish_batch(batch: StartedBatch, settings: Settings, ledger: RunLedger) -> IngestSummary:
    """Write the batch's new articles, delete what no input holds any more, record the states. When the store
    fails after some of it was written, or refused writes as a whole (a block: later batches would be refused
    too), raises `_Stopped` with what the batch did, so the run's counts stay true."""
    result = BatchResult.combine(extraction.result() for extraction in batch.extractions)
    fresh = ledger.fresh(result.articles)
    try:
        report = index_articles(fresh, settings)
    except WriteInterrupted as interrupted:
        written = IngestSummary(
            articles_indexed=interrupted.report.articles_indexed, passages_indexed=interrupted.report.passages_indexed
        )
        raise _Stopped(written, interrupted) from interrupted
    ledger.acknowledged.update(report.acknowledged_article_ids)
    settlement = settle_batch(batch.plan, result, report, ledger)
    deleted: list[str] = []
    try:
        deleted = delete_unheld(
            sorted(settlement.dropped_ids), sorted(settlement.held_ids), sorted(settlement.recorded_uris), settings
        )
        ledger.forget(deleted)
        record_batch(settlement.states, settings)
    except StoreError as error:
        unrecorded = replace(settlement, states=[], left=[])
        raise _Stopped(batch_summary(batch.items, batch.plan, result, fresh, report, unrecorded, 0), error) from error
    summary = batch_summary(batch.items, batch.plan, result, fresh, report, settlement, len(deleted))
    if report.write_block is not None:
        raise _Stopped(summary, report.write_block)
    return summary


class _Stopped(Exception):
    """A batch was written as far as it could be, but the run cannot go on; carries the batch's summary."""

    def __init__(self, summary: IngestSummary, cause: StoreError) -> None:
        super().__init__(str(cause))
        self.summary = summary
        self.cause = cause


def _count_gone(found: list[DumpFile | Rejection], paths: list[str], ledger: RunLedger, settings: Settings) -> int:
    recorded = recorded_under(root_uris(paths), settings)
    return len(gone_inputs(recorded, ledger.seen_uris, unlisted(found)))


@flow(
    name="ingest",
    log_prints=False,
    task_runner=cast("TaskRunner[PrefectFuture[Any]]", ThreadPoolTaskRunner(max_workers=4)),
)
def ingest(paths: list[str], full: bool = False, distributed: bool = False) -> IngestSummary | State:
    """Ingest every dump under `paths`; unchanged inputs are skipped unless `full`.

    With `distributed` (the flow runs on a Dask task runner) extraction is split into tasks for the cluster
    instead of a local process pool. Returns (and publishes as an artifact) the run's summary, or a Failed state
    whose message is one line: why, and what the run wrote, recorded and left for the next run."""
    started = time.monotonic()
    settings = get_settings()
    try:
        prepare_store(settings)
    except StoreError as error:
        return Failed(message=f"Elasticsearch unavailable: {error}")
    found = list(discover(paths))
    reading = ReadProgress(found)
    progress = RunProgress(reading, get_run_logger())
    ledger = RunLedger()
    summary = IngestSummary()
    items = iter_inputs(found, Limits(settings.max_article_bytes), reading)
    with extraction_pool(1 if distributed else _worker_count(settings)) as pool:
        try:
            # Slow refreshes while the run writes: searches made meanwhile keep their caches (see bulk_loading).
            with bulk_loading(_client(settings), index_names(settings)):
                pending: StartedBatch | None = None
                for batch in batched(items, settings.extract_batch_size, settings.extract_batch_bytes):
                    next_batch = _start_batch(batch, settings, full, pool, distributed, ledger)
                    if pending is not None:
                        summary += _finish_batch(pending, settings, ledger)
                        progress.update(summary)
                    pending = next_batch
                if pending is not None:
                    summary += _finish_batch(pending, settings, ledger)
                    progress.update(summary)
            summary = replace(summary, inputs_gone=_count_gone(found, paths, ledger, settings))
            refresh_store(settings)
        except _Stopped as stopped:
            return _failed(stopped.cause, summary + stopped.summary, ledger, progress)
        except StoreError as error:
            return _failed(error, summary, ledger, progress)
    summary = replace(summary, duration_seconds=time.monotonic() - started)
    progress.finish(summary)
    create_markdown_artifact(summary.as_markdown(), key="ingest-summary", description="Broadsheet ingest run")
    return summary


def _failed(error: StoreError, summary: IngestSummary, ledger: RunLedger, progress: RunProgress) -> State:
    """One line: the store's reason, and the run's true counts. Inputs read but neither skipped, recorded nor
    rejected for good are left for the next run (it reads them again), as are files the run never reached."""
    progress.finish(summary, completed=False)
    reported_only = sum(1 for rejection in summary.rejections if not rejection.sha256)
    left = len(ledger.seen_uris) - summary.skipped_unchanged - summary.inputs_recorded - reported_only
    line = f"{error}; {summary.counts_line(left, interrupted=isinstance(error, StoreUnavailable))}"
    unread = progress.reading.files_total - progress.reading.files_done
    if unread:
        line += f"; {unread:,} file{'' if unread == 1 else 's'} not read yet"
    return Failed(message=line)
