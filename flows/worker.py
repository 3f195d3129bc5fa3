"""The worker side of a distributed ingest: what a Dask worker does with one unit of dump files.

The flow hands a worker references (real paths every worker can reach, with their sizes), never bytes. The
worker reads the files, skips the inputs unchanged since their recorded state, extracts batch by batch (each
batch's recurring lines are its evidence, as in a local run), bulk-indexes straight into Elasticsearch and
records the states only after acknowledgement, by the rules of `flows.incremental`. It returns counts,
rejections and the ids of the articles it wrote, never an article body.

It deletes nothing. "Does any input still hold this article" cannot be asked while other workers write: one may
have written the article for an input whose state it has not recorded yet. So the worker notes the articles its
changed inputs dropped (`store.state.note_dropped`, durable, before it records the states that drop them), and
the flow deletes the unheld ones once every worker has finished. Prefect-free: a worker needs no Prefect API.
"""

from __future__ import annotations

import os
import random
import socket
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, ParamSpec, TypeVar

from broadsheet.settings import Settings
from flows.connection import client, index_names, state_names
from flows.incremental import BatchPlan, RunLedger, batch_summary, deletable_ids, gone_inputs, plan_batch, settle_batch
from flows.summary import IngestSummary
from readers import DumpFile, Item, Limits, ReadProgress, batched, iter_inputs
from store.bulk import BulkReport, WriteInterrupted, rewrite_stored, write_articles
from store.documents import passages_of
from store.errors import StoreError, StoreUnavailable
from store.state import load_states, note_dropped, record_states, states_of_files
from transforms import BatchInput, BatchResult, extract_batch
from transforms.pipeline import batch_recurring_lines

P = ParamSpec("P")
R = TypeVar("R")

# As the local flow's store tasks: three more tries, 2, 4 and 8 s apart (with jitter), for a node that restarts.
STORE_RETRIES = 3
STORE_BACKOFF_S = 2.0


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """Dump files one task reads: references only (each file's real path and size)."""

    number: int
    files: tuple[DumpFile, ...]

    @property
    def size(self) -> int:
        return sum(file.size for file in self.files)


@dataclass(frozen=True, slots=True)
class UnitReport:
    """What a task did with its unit. `written` pairs each article it wrote (and Elasticsearch acknowledged)
    with its number of passages, so the flow counts an article two units wrote once. `stopped` is the one-line
    reason a unit stopped before its end (the store failed, or blocked writes); the summary says what it did."""

    unit: int
    worker: str
    summary: IngestSummary
    written: tuple[tuple[str, int], ...] = ()
    inputs_read: int = 0
    gone: int = 0
    stopped: str | None = None
    interrupted: bool = False  # stopped by a node gone mid-request: it may hold writes never acknowledged


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def retrying(call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Call a store function, trying again with backoff while the node is unavailable. A write interrupted
    half-way is not tried again: what it wrote must be counted, not redone."""
    for attempt in range(STORE_RETRIES):
        try:
            return call(*args, **kwargs)
        except StoreUnavailable as error:
            if isinstance(error, WriteInterrupted):
                raise
            time.sleep(STORE_BACKOFF_S * 2**attempt * random.uniform(0.8, 1.2))
    return call(*args, **kwargs)


@dataclass(frozen=True)
class _Extracted:
    """A batch planned and extracted, waiting to be written."""

    items: list[Item]
    plan: BatchPlan
    result: BatchResult


@dataclass
class _UnitRun:
    """One unit's batches, in order; `summary` and `written` grow as each batch is settled."""

    settings: Settings
    full: bool
    run: str
    es: Any
    ledger: RunLedger = field(default_factory=RunLedger)
    summary: IngestSummary = field(default_factory=IngestSummary)
    written: list[tuple[str, int]] = field(default_factory=list)

    def extract(self, items: list[Item]) -> _Extracted:
        """Skip what is unchanged (inputs this run recorded are done again: see `plan_batch`), extract the
        rest with the batch's recurring lines as evidence (unchanged inputs count as evidence too)."""
        self.ledger.seen_uris.update(item.uri for item in items)
        previous = retrying(load_states, self.es, state_names(self.settings), [item.uri for item in items])
        plan = plan_batch(items, previous, self.full, redo_run=self.run)
        read = [item for item in items if isinstance(item, BatchInput)]
        recurring = batch_recurring_lines(read, self.settings.max_article_bytes)
        return _Extracted(items, plan, extract_batch(plan.changed, self.settings.max_article_bytes, recurring))

    def settle(self, batch: _Extracted) -> None:
        """Write, note what the changed inputs dropped, record: the steps of a local batch, deletion aside.
        Raises a `StoreError` after adding what the batch did to the summary."""
        settings, items, plan, result = self.settings, batch.items, batch.plan, batch.result
        fresh = self.ledger.fresh(result.articles)
        seen = IngestSummary(inputs_seen=len(items), skipped_unchanged=plan.skipped)
        try:
            report = retrying(
                write_articles,
                self.es,
                fresh,
                index_names(settings),
                settings.bulk_chunk_size,
                settings.bulk_max_retries,
            )
        except WriteInterrupted as interrupted:
            written = interrupted.report
            self.summary += seen + IngestSummary(
                articles_indexed=written.articles_indexed, passages_indexed=written.passages_indexed
            )
            raise
        except StoreError:
            self.summary += seen
            raise
        self.ledger.acknowledged.update(report.acknowledged_article_ids)
        settlement = settle_batch(plan, result, report, self.ledger)
        states = [replace(state, run=self.run) for state in settlement.states]
        dropping = [state.uri for state in states if state.uri in plan.previous]
        try:
            retrying(note_dropped, self.es, state_names(settings), deletable_ids(settlement, set()), dropping)
            retrying(record_states, self.es, state_names(settings), states)
        except StoreError:
            unrecorded = replace(settlement, states=[], left=[])
            self.summary += batch_summary(items, plan, result, fresh, report, unrecorded, 0)
            raise
        self.summary += batch_summary(items, plan, result, fresh, report, settlement, 0)
        self.written += _acknowledged(fresh, report)
        if report.write_block is not None:
            raise report.write_block

    def gone(self, files: Sequence[DumpFile]) -> int:
        """Inputs recorded in these files by an earlier run that the files hold no more."""
        recorded = retrying(lambda: list(states_of_files(self.es, state_names(self.settings), [f.uri for f in files])))
        return len(gone_inputs(recorded, self.ledger.seen_uris, ()))


def _acknowledged(written: Sequence[Any], report: BulkReport) -> list[tuple[str, int]]:
    return [
        (article.id, sum(1 for _ in passages_of(article)))
        for article in written
        if article.id in report.acknowledged_article_ids
    ]


def ingest_unit(unit: WorkUnit, settings: Settings, full: bool, run: str) -> UnitReport:
    """Read, extract, index and record one unit's inputs. Never raises a store error: a unit the store stopped
    returns what it did and why it stopped, so the run's counts stay true."""
    work = _UnitRun(settings, full, run, client(settings))
    reading = ReadProgress(unit.files)
    items = iter_inputs(unit.files, Limits(settings.max_article_bytes), reading)
    stopped: str | None = None
    interrupted = False
    gone = 0
    try:
        _each_batch(work, batched(items, settings.extract_batch_size, settings.extract_batch_bytes))
        gone = work.gone(unit.files)
    except StoreError as error:
        stopped, interrupted = str(error), isinstance(error, StoreUnavailable)
    return UnitReport(
        unit=unit.number,
        worker=worker_identity(),
        summary=replace(work.summary, workers=(worker_identity(),)),
        written=tuple(work.written),
        inputs_read=reading.inputs_read,
        gone=gone,
        stopped=stopped,
        interrupted=interrupted,
    )


def _each_batch(work: _UnitRun, batches: Iterable[list[Item]]) -> None:
    """Batch N+1 is read and extracted while batch N is written (a thread: the write mostly waits on
    Elasticsearch), as a local run overlaps them; one batch in writing at a time, in order."""
    with ThreadPoolExecutor(1, thread_name_prefix="settle") as writer:
        writing: Future[None] | None = None
        for batch in batches:
            extracted = work.extract(batch)
            if writing is not None:
                writing.result()
            writing = writer.submit(work.settle, extracted)
        if writing is not None:
            writing.result()


def rewrite_articles(article_ids: list[str], settings: Settings) -> int:
    """Write again, from their stored documents, articles that two workers wrote at once (their passages may
    mix two versions of one page); returns the articles rewritten."""
    report = retrying(rewrite_stored, client(settings), index_names(settings), article_ids, settings.bulk_chunk_size)
    return report.articles_indexed
