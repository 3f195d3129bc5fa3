"""The `ingest-distributed` flow: the same ingest as `flows.ingest`, with the work done by Dask workers.

The flow plans from cheap facts only: it lists the dump files (real paths and sizes, `readers.discover`; not a
byte of content is read here) and groups them into units as a local run batches plain files. Each unit goes
to a worker as a list of references; the worker reads, skips what is unchanged, extracts, indexes and records
(`flows.worker`) and sends back counts, rejections and article ids, never an article body. So the flow's own
CPU and memory do not grow with the workers, and the cluster's throughput is not bounded by one process.

What keeps the archive exact, as in a local run:
- a worker records an input's state only after Elasticsearch acknowledged all its articles, so a run that stops
  (or a worker that dies) leaves the rest for a task redone or the next run;
- an article two units wrote is counted once (and rewritten from its stored document at the end, in case the
  two were different versions of one page);
- deletions wait for every worker: workers note what their inputs dropped, the flow deletes the unheld ones at
  the end (`flows.ingest.delete_dropped`), so no worker can delete an article another has just written;
- a unit whose worker is lost is redone by Dask on another worker, and the inputs the lost attempt recorded are
  done again (their state names this run), so the counts of the redone unit are whole; with no worker left at
  all the run stops in one line, and the next run finishes the job.
"""

from __future__ import annotations

import os
import queue
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.client.schemas.objects import State
from prefect.states import Failed

from broadsheet.settings import Settings, get_settings
from flows.connection import client, index_names, state_names
from flows.incremental import gone_inputs
from flows.ingest import (
    STORE_TASK_OPTIONS,
    delete_dropped,
    failed_run,
    prepare_store,
    refresh_store,
)
from flows.progress import RunProgress
from flows.runners import DaskUnavailable, dask_client
from flows.summary import IngestSummary
from flows.worker import UnitReport, WorkUnit, ingest_unit, rewrite_articles
from readers import DumpFile, ReadProgress, discover, root_uris, unlisted
from store.errors import StoreError
from store.indices import bulk_loading
from store.state import states_under
from transforms.model import Rejection

# How often the flow looks up from waiting on the units, to see whether any worker is left.
_POLL_S = 10.0


def plan_units(found: Iterable[DumpFile | Rejection], max_files: int, max_bytes: int) -> Iterator[WorkUnit]:
    """The dump files in units of at most `max_files` files, a unit closing once its files reach `max_bytes`:
    the batches of a local run for plain files, so a unit's batch has the same cross-dump evidence."""
    files: list[DumpFile] = []
    size = number = 0
    for entry in found:
        if not isinstance(entry, DumpFile):
            continue
        files.append(entry)
        size += entry.size
        if len(files) >= max_files or size >= max_bytes:
            yield WorkUnit(number, tuple(files))
            number, files, size = number + 1, [], 0
    if files:
        yield WorkUnit(number, tuple(files))


@dataclass
class RunAccount:
    """The run's summary, added up from its units' reports. An article that two units wrote (the same page in
    two dump files) counts once, as a local run's ledger counts it: the second write is a duplicate in the run."""

    summary: IngestSummary = field(default_factory=IngestSummary)
    gone: int = 0
    written: set[str] = field(default_factory=set)
    written_twice: set[str] = field(default_factory=set)
    units_by_worker: Counter[str] = field(default_factory=Counter)

    def add(self, report: UnitReport) -> None:
        again = [(article_id, passages) for article_id, passages in report.written if article_id in self.written]
        self.written.update(article_id for article_id, _ in report.written)
        self.written_twice.update(article_id for article_id, _ in again)
        once = IngestSummary(
            articles_indexed=-len(again),
            passages_indexed=-sum(passages for _, passages in again),
            duplicates_in_run=len(again),
        )
        new_worker = () if report.worker in self.units_by_worker else (report.worker,)
        self.units_by_worker[report.worker] += 1
        self.summary += replace(report.summary, workers=new_worker) + once
        self.gone += report.gone


def discovery_summary(found: Sequence[DumpFile | Rejection]) -> IngestSummary:
    """What could not even be listed as a file (missing paths, FIFOs, dangling links): rejections the flow
    reports itself, as a local run does (they have no bytes, so no state is recorded for them)."""
    rejections = tuple(entry for entry in found if isinstance(entry, Rejection))
    return IngestSummary(inputs_seen=len(rejections), rejections=rejections)


class NoWorkerLeft(Exception):
    """The cluster has had no worker for `dask_worker_wait_seconds`."""


@dataclass
class _WorkerWatch:
    """Whether the cluster has been without any worker thread for longer than `wait_s`."""

    dask: Any
    wait_s: float
    alone_since: float | None = None

    def progressed(self) -> None:
        self.alone_since = None

    def gone_for_good(self) -> bool:
        if sum(self.dask.nthreads().values()):
            self.alone_since = None
            return False
        self.alone_since = self.alone_since or time.monotonic()
        return time.monotonic() - self.alone_since > self.wait_s


def task_result(dask: Any, future: Any, worker_wait_s: float) -> Any:
    """The task's result, waiting while some worker can compute it. A finished task's result lives on its
    worker until fetched: lost with it, Dask computes it again, and `result()` alone would wait for ever once
    no worker is left. Raises `NoWorkerLeft` after `worker_wait_s` without any (the task cancelled), or what
    the task raised."""
    watch = _WorkerWatch(dask, worker_wait_s)
    while True:
        try:
            return future.result(timeout=_poll_s(worker_wait_s))
        except TimeoutError:
            if future.status == "error":  # the task itself raised it
                raise
            if watch.gone_for_good():
                dask.cancel([future])
                raise NoWorkerLeft from None


def _poll_s(worker_wait_s: float) -> float:
    return min(_POLL_S, worker_wait_s / 2)


@dataclass
class _Dispatch:
    """Units out to the workers, a few per worker thread at a time (so no worker waits for the flow and the
    scheduler never holds the whole plan), reports back as they finish."""

    dask: Any
    settings: Settings
    full: bool
    run: str
    account: RunAccount
    progress: RunProgress
    stopped: str | None = None
    interrupted: bool = False  # writes may have landed that no report counts: the counts are lower bounds

    def run_all(self, units: Iterator[WorkUnit]) -> None:
        """Until every unit is settled, or the run stopped and the units in flight are settled. A unit whose
        worker dies is given to another worker by Dask; with no worker left at all for a while (settings:
        `dask_worker_wait_seconds`), the run stops (the units in flight are left for the next run)."""
        pending: dict[Any, WorkUnit] = {}
        finished: queue.Queue[Any] = queue.Queue()  # futures, as Dask calls them back once done
        self._top_up(units, pending, finished)
        watch = _WorkerWatch(self.dask, self._worker_wait_s)
        while pending:
            try:
                future = finished.get(timeout=_poll_s(self._worker_wait_s))
            except queue.Empty:
                future = None
            try:
                if future is not None:
                    self._settle(pending.pop(future), future)
                    watch.progressed()
                elif watch.gone_for_good():
                    raise NoWorkerLeft
            except NoWorkerLeft:
                self.interrupted = True
                self.stopped = self.stopped or (
                    f"no Dask worker left for {self._worker_wait_s:.0f} s (what the units in flight did when the "
                    "last one was lost is not counted here; the next run counts it as unchanged)"
                )
                self.dask.cancel(list(pending))
                return
            self._top_up(units, pending, finished)

    @property
    def _worker_wait_s(self) -> float:
        return self.settings.dask_worker_wait_seconds

    def _threads(self) -> int:
        return sum(self.dask.nthreads().values())

    def _top_up(self, units: Iterator[WorkUnit], pending: dict[Any, WorkUnit], finished: queue.Queue[Any]) -> None:
        """A few units queued per worker thread (none once the run stopped)."""
        window = max(1, self._threads()) * self.settings.dask_units_per_worker
        while self.stopped is None and len(pending) < window:
            unit = next(units, None)
            if unit is None:
                return
            key = f"ingest-unit-{self.run}-{unit.number}"
            future = self.dask.submit(ingest_unit, unit, self.settings, self.full, self.run, key=key, pure=False)
            pending[future] = unit
            future.add_done_callback(finished.put)

    def rewrite_written_twice(self) -> None:
        """Articles two units wrote are written again from their stored documents, so their passages match the
        stored version (also after a stop: their inputs may be recorded, and no later run would redo them)."""
        if not self.account.written_twice:
            return
        ids = sorted(self.account.written_twice)
        try:
            rewrite = self.dask.submit(rewrite_articles, ids, self.settings, pure=False)
            try:
                task_result(self.dask, rewrite, self._worker_wait_s)
            except NoWorkerLeft:  # here then: few articles, and no later run would rewrite them
                rewrite_articles(ids, self.settings)
        except Exception as error:  # a store error (on the worker or here)
            self.stopped = self.stopped or f"rewriting articles two workers wrote failed: {_first_line(error)}"

    def _settle(self, unit: WorkUnit, future: Any) -> None:
        try:
            report: UnitReport = task_result(self.dask, future, self._worker_wait_s)
        except NoWorkerLeft:
            raise
        except Exception as error:  # the task failed on every worker it was given to, or the scheduler went away
            self.interrupted = True
            self.stopped = self.stopped or f"a Dask task failed: {type(error).__name__}: {_first_line(error)}"
            return
        self.account.add(report)
        reading = self.progress.reading
        if report.stopped is None:
            for file in unit.files:
                reading.finished(file)
        reading.inputs_read += report.inputs_read
        get_run_logger().info(
            "unit %d (%d files) done on %s: %d inputs, %d articles indexed",
            unit.number,
            len(unit.files),
            report.worker,
            report.summary.inputs_seen,
            report.summary.articles_indexed,
        )
        self.progress.update(self.account.summary)
        self.stopped = self.stopped or report.stopped
        self.interrupted = self.interrupted or report.interrupted


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:300] if lines else ""


@task(name="find-gone-files", **STORE_TASK_OPTIONS)
def count_gone_files(found: list[DumpFile | Rejection], paths: list[str], settings: Settings) -> int:
    """Inputs recorded under the run's paths whose dump file is gone (the workers count what left a file that
    is still there). Folders this run could not list prove nothing."""
    listed = {entry.uri for entry in found if isinstance(entry, DumpFile)}
    rejected = {entry.uri for entry in found if isinstance(entry, Rejection)}
    recorded = states_under(client(settings), state_names(settings), root_uris(paths))
    return len(gone_inputs((state for state in recorded if state.file not in listed), rejected, unlisted(found)))


@flow(name="ingest-distributed", log_prints=False)
def ingest_distributed(paths: list[str], full: bool = False, dask_address: str | None = None) -> IngestSummary | State:
    """Ingest every dump under `paths` on the Dask cluster at `dask_address` (without one, a `LocalCluster` of
    processes here); unchanged inputs are skipped unless `full`. Returns the run's summary, or a Failed state
    whose message is one line: why, and what the run wrote, recorded and left for the next run."""
    started = time.monotonic()
    settings = get_settings()
    try:
        prepare_store(settings)
    except StoreError as error:
        return Failed(message=f"Elasticsearch unavailable: {error}")
    found = list(discover(paths))
    progress = RunProgress(ReadProgress(found), get_run_logger())
    account = RunAccount(summary=discovery_summary(found))
    units = plan_units(found, settings.extract_batch_size, settings.extract_batch_bytes)
    try:
        workers = settings.extract_workers or os.cpu_count() or 1
        # Slow refreshes while the workers write, as in a local run (see bulk_loading).
        loading = bulk_loading(client(settings), index_names(settings))
        with dask_client(dask_address, workers, settings.dask_worker_wait_seconds) as dask, loading:
            dispatch = _Dispatch(dask, settings, full, uuid.uuid4().hex, account, progress)
            dispatch.run_all(units)
            dispatch.rewrite_written_twice()
    except (DaskUnavailable, StoreError) as error:
        return failed_run(str(error), account.summary, account.summary.inputs_seen, progress)
    if dispatch.stopped is not None:
        return failed_run(
            dispatch.stopped, account.summary, account.summary.inputs_seen, progress, dispatch.interrupted
        )
    try:
        gone = account.gone + count_gone_files(found, paths, settings)
        deleted = delete_dropped(settings)
        refresh_store(settings)
    except StoreError as error:
        return failed_run(str(error), account.summary, account.summary.inputs_seen, progress)
    summary = replace(
        account.summary + IngestSummary(stale_documents_deleted=deleted),
        inputs_gone=gone,
        duration_seconds=time.monotonic() - started,
    )
    progress.finish(summary)
    create_markdown_artifact(summary.as_markdown(), key="ingest-summary", description="Broadsheet ingest run")
    return summary
