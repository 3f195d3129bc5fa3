"""The `ingest` flow: discover dump inputs, skip unchanged ones, extract in batches, index, record, report.

One task per batch of inputs (never per file): Prefect's per-task overhead would otherwise dominate the run.
Inside a batch, extraction is spread over processes (it is CPU-bound); indexing retries with backoff.
An input is marked as ingested only after Elasticsearch acknowledged all of its documents, so a run that dies
half-way is finished exactly by the next one.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from elasticsearch import TransportError
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.client.schemas.objects import State
from prefect.futures import PrefectFuture
from prefect.states import Failed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.tasks import exponential_backoff

from broadsheet.dumps import Item, Limits
from broadsheet.settings import Settings, get_settings
from broadsheet.sources import batched, discover, iter_inputs
from flows.summary import IngestSummary
from store.bulk import BulkReport, delete_articles, write_articles
from store.client import StoreUnavailable, connect, require_healthy
from store.indices import IndexNames, bulk_loading, ensure_indices, refresh
from store.state import (
    InputState,
    StateNames,
    ensure_state_indices,
    load_states,
    record_states,
    refresh_state,
)
from transforms import Article, BatchInput, BatchResult, Rejection, extract_batch
from transforms.pipeline import batch_recurring_lines

# Every task that talks to Elasticsearch retries with backoff (a restarting node, a 429 burst); none caches
# (hashing batches of pages as cache keys would cost more than the work).
STORE_TASK_OPTIONS: dict[str, Any] = {
    "cache_policy": NONE,
    "retries": 3,
    "retry_delay_seconds": exponential_backoff(backoff_factor=2),
    "retry_jitter_factor": 0.2,
}


def index_names(settings: Settings) -> IndexNames:
    return IndexNames(articles_alias=settings.articles_alias, passages_alias=settings.passages_alias)


def state_names(settings: Settings) -> StateNames:
    return StateNames(state_alias=settings.state_alias, rejections_alias=settings.rejections_alias)


@dataclass
class Totals:
    """Running counts of one flow run (mutable on purpose: the flow adds each batch's numbers)."""

    seen: int = 0
    skipped: int = 0
    extracted: int = 0
    indexed: int = 0
    passages: int = 0
    stale: int = 0
    duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)


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


@task(
    name="load-state",
    **STORE_TASK_OPTIONS,
)
def load_previous_states(uris: list[str], settings: Settings) -> dict[str, InputState]:
    es = connect(settings.elasticsearch_url, settings.request_timeout)
    return load_states(es, state_names(settings), uris)


@task(
    name="index-batch",
    **STORE_TASK_OPTIONS,
)
def index_articles(articles: list[Article], settings: Settings) -> BulkReport:
    es = connect(settings.elasticsearch_url, settings.request_timeout)
    return write_articles(es, articles, index_names(settings), settings.bulk_chunk_size, settings.bulk_max_retries)


@task(
    name="record-batch",
    **STORE_TASK_OPTIONS,
)
def record_batch(states: list[InputState], stale_ids: list[str], settings: Settings) -> int:
    es = connect(settings.elasticsearch_url, settings.request_timeout)
    deleted = delete_articles(es, index_names(settings), stale_ids)
    record_states(es, state_names(settings), states)
    return deleted


def _first_seen(articles: Sequence[Article], seen_ids: set[str]) -> list[Article]:
    """Drop articles already written in this run (same canonical url or same text from another file)."""
    fresh: list[Article] = []
    for article in articles:
        if article.id not in seen_ids:
            seen_ids.add(article.id)
            fresh.append(article)
    return fresh


def _bulk_rejections(articles: Sequence[Article], report: BulkReport) -> list[Rejection]:
    """A document the server refused (mapping conflict, oversize field) is a rejection of its source."""
    by_id = {article.id: article for article in articles}
    rejections: dict[str, Rejection] = {}
    for error in report.errors:
        article = by_id.get(error.article_id)
        if article is not None:
            reason = f"refused by Elasticsearch ({error.reason})"
            rejections.setdefault(article.id, Rejection(article.source.uri, reason, article.source.sha256))
    return list(rejections.values())


def _changed_inputs(
    items: Sequence[Item], previous: dict[str, InputState], full: bool, totals: Totals
) -> tuple[list[BatchInput], list[Rejection]]:
    """Inputs whose bytes differ from what was last recorded (all of them with `full`), and the rejections
    of the container layer (unreadable files, corrupt archives)."""
    inputs: list[BatchInput] = []
    rejections: list[Rejection] = []
    for item in items:
        state = previous.get(item.uri)
        if isinstance(item, Rejection):
            # A bad line or member already reported, byte for byte the same: not news on a scheduled run.
            if not full and state is not None and item.sha256 and state.sha256 == item.sha256:
                totals.skipped += 1
            else:
                rejections.append(item)
        elif not full and state is not None and state.sha256 == item.sha256:
            totals.skipped += 1
        else:
            inputs.append(item)
    return inputs, rejections


def _new_states(
    inputs: Sequence[BatchInput],
    result: BatchResult,
    rejections: Sequence[Rejection],
    acknowledged: frozenset[str],
) -> list[InputState]:
    """States to record: every rejected input, and every input whose articles were all acknowledged."""
    articles_by_uri: dict[str, list[str]] = {}
    for article in result.articles:
        articles_by_uri.setdefault(article.source.uri, []).append(article.id)
    states = [InputState(r.uri, r.sha256, "rejected", reason=r.reason) for r in rejections if r.sha256]
    rejected_uris = {rejection.uri for rejection in rejections}
    for item in inputs:
        ids = articles_by_uri.get(item.uri, [])
        if item.uri not in rejected_uris and ids and all(article_id in acknowledged for article_id in ids):
            states.append(InputState(item.uri, item.sha256, "indexed", tuple(ids)))
    return states


def _stale_article_ids(states: Sequence[InputState], previous: dict[str, InputState]) -> list[str]:
    """Articles a changed input yielded before but yields no more."""
    stale: list[str] = []
    for state in states:
        before = previous.get(state.uri)
        if before is not None:
            stale += [article_id for article_id in before.article_ids if article_id not in state.article_ids]
    return stale


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
    """A batch whose extraction runs in the pool while the previous batch is being indexed."""

    inputs: list[BatchInput]
    container_rejections: list[Rejection]
    previous: dict[str, InputState]
    extractions: list[PrefectFuture[BatchResult]]


def _start_batch(
    items: list[Item], settings: Settings, full: bool, pool: Executor | None, distributed: bool, totals: Totals
) -> StartedBatch:
    totals.seen += len(items)
    previous = load_previous_states([item.uri for item in items], settings)
    inputs, container_rejections = _changed_inputs(items, previous, full, totals)
    read = [item for item in items if isinstance(item, BatchInput)]
    recurring = batch_recurring_lines(read, settings.max_article_bytes)
    workers = _worker_count(settings)
    if distributed:
        # On a Dask cluster each part is its own task, so the batch spreads over the cluster's workers.
        extractions = [
            extract_inputs.submit(part, recurring, settings.max_article_bytes, None, 1)
            for part in _split(inputs, settings.distributed_parts)
        ]
    else:
        extractions = [extract_inputs.submit(inputs, recurring, settings.max_article_bytes, pool, workers)]
    return StartedBatch(inputs, container_rejections, previous, extractions)


def _finish_batch(batch: StartedBatch, settings: Settings, seen_ids: set[str], totals: Totals) -> None:
    result = BatchResult.combine(extraction.result() for extraction in batch.extractions)
    fresh = _first_seen(result.articles, seen_ids)
    totals.duplicates += len(result.articles) - len(fresh)
    totals.extracted += len(result.articles)
    report = index_articles(fresh, settings)
    rejections = [*batch.container_rejections, *result.rejections, *_bulk_rejections(fresh, report)]
    # Articles deduplicated away were acknowledged when their first copy was.
    acknowledged = report.acknowledged_article_ids | (seen_ids - {a.id for a in fresh})
    states = _new_states(batch.inputs, result, rejections, frozenset(acknowledged))
    totals.stale += record_batch(states, _stale_article_ids(states, batch.previous), settings)
    totals.indexed += report.articles_indexed
    totals.passages += report.passages_indexed
    totals.stale += report.stale_passages_deleted
    totals.rejections += rejections


def _summary(totals: Totals, started: float) -> IngestSummary:
    return IngestSummary(
        inputs_seen=totals.seen,
        skipped_unchanged=totals.skipped,
        articles_extracted=totals.extracted,
        articles_indexed=totals.indexed,
        passages_indexed=totals.passages,
        stale_documents_deleted=totals.stale,
        duplicates_in_run=totals.duplicates,
        rejections=tuple(totals.rejections),
        duration_seconds=time.monotonic() - started,
    )


def _prepare_store(settings: Settings) -> None:
    es = connect(settings.elasticsearch_url, settings.request_timeout)
    require_healthy(es)
    ensure_indices(es, index_names(settings))
    ensure_state_indices(es, state_names(settings))


@flow(
    name="ingest",
    log_prints=False,
    task_runner=cast("TaskRunner[PrefectFuture[Any]]", ThreadPoolTaskRunner(max_workers=4)),
)
def ingest(paths: list[str], full: bool = False, distributed: bool = False) -> IngestSummary | State:
    """Ingest every dump under `paths`; unchanged inputs are skipped unless `full`.

    With `distributed` (the flow runs on a Dask task runner) extraction is split into tasks for the cluster
    instead of a local process pool. Returns (and publishes as an artifact) the run's summary, or a Failed state
    with a one-line reason when Elasticsearch is unreachable or dies mid-run (after the tasks' retries). Inputs
    whose articles were not acknowledged are not recorded as ingested, so the next run finishes the job."""
    started = time.monotonic()
    settings = get_settings()
    logger = get_run_logger()
    try:
        _prepare_store(settings)
    except (StoreUnavailable, TransportError) as error:
        return Failed(message=f"Elasticsearch unavailable: {error}")
    totals = Totals()
    seen_ids: set[str] = set()
    items = iter_inputs(discover(paths), Limits(settings.max_article_bytes))
    batches = batched(items, settings.extract_batch_size, settings.extract_batch_bytes)
    number = 0
    es = connect(settings.elasticsearch_url, settings.request_timeout)
    pool_size = 1 if distributed else _worker_count(settings)
    with extraction_pool(pool_size) as pool, bulk_loading(es, index_names(settings)):
        try:
            # Pipelined: batch N+1 is read and extracted while batch N is written.
            pending: StartedBatch | None = None
            for number, batch in enumerate(batches, start=1):
                started_batch = _start_batch(batch, settings, full, pool, distributed, totals)
                if pending is not None:
                    _finish_batch(pending, settings, seen_ids, totals)
                    logger.info("batch %d done; %d articles indexed so far", number - 1, totals.indexed)
                pending = started_batch
            if pending is not None:
                _finish_batch(pending, settings, seen_ids, totals)
        except (StoreUnavailable, TransportError) as error:
            return Failed(
                message=f"Elasticsearch failed around batch {number} ({error}); {totals.indexed:,} articles "
                "were indexed and recorded; run again to finish the rest"
            )
    refresh(es, index_names(settings))
    refresh_state(es, state_names(settings))
    summary = _summary(totals, started)
    create_markdown_artifact(summary.as_markdown(), key="ingest-summary", description="Broadsheet ingest run")
    return summary
