"""How far an ingest run has got, told three ways: a Prefect progress artifact (the UI shows it while the run
goes on), a line in the run log per batch, and a record on the `broadsheet.progress` logger carrying a
`ProgressSnapshot`, which the CLI draws as a progress bar in a terminal or a periodic status line elsewhere."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, cast
from uuid import UUID

from prefect.artifacts import create_progress_artifact, update_progress_artifact

from flows.summary import IngestSummary
from readers import ReadProgress

PROGRESS_LOGGER = "broadsheet.progress"


@dataclass(frozen=True, slots=True)
class ProgressSnapshot:
    files_done: int
    files_total: int
    bytes_read: int
    bytes_total: int
    inputs_read: int
    articles_indexed: int
    elapsed_seconds: float
    finished: bool = False

    @property
    def fraction(self) -> float:
        if self.finished:
            return 1.0
        return min(1.0, self.bytes_read / self.bytes_total) if self.bytes_total else 0.0

    @property
    def seconds_left(self) -> float | None:
        """From the byte rate so far; None until there is one."""
        if self.finished or not self.bytes_read or not self.bytes_total:
            return None
        rate = self.bytes_read / max(self.elapsed_seconds, 1e-6)
        return max(0.0, (self.bytes_total - self.bytes_read) / rate)


class RunProgress:
    def __init__(self, reading: ReadProgress, run_logger: Any) -> None:
        self.reading = reading
        self._run_logger = run_logger
        self._started = time.monotonic()
        self._batches = 0
        artifact = create_progress_artifact(0.0, key="ingest-progress", description="Bytes of the dump files read")
        self._artifact = cast(UUID, artifact)  # the sync form, as this flow is synchronous
        self._emit(IngestSummary())

    def snapshot(self, summary: IngestSummary, finished: bool = False) -> ProgressSnapshot:
        return ProgressSnapshot(
            files_done=self.reading.files_done,
            files_total=self.reading.files_total,
            bytes_read=self.reading.bytes_read,
            bytes_total=self.reading.bytes_total,
            inputs_read=self.reading.inputs_read,
            articles_indexed=summary.articles_indexed,
            elapsed_seconds=time.monotonic() - self._started,
            finished=finished,
        )

    def update(self, summary: IngestSummary) -> None:
        self._batches += 1
        self._run_logger.info(
            "batch %d done: %d inputs read, %d articles indexed so far",
            self._batches,
            self.reading.inputs_read,
            summary.articles_indexed,
        )
        snapshot = self._emit(summary)
        update_progress_artifact(self._artifact, round(100 * snapshot.fraction, 1))

    def finish(self, summary: IngestSummary, completed: bool = True) -> None:
        snapshot = self._emit(summary, finished=completed)
        update_progress_artifact(self._artifact, round(100 * snapshot.fraction, 1))

    def _emit(self, summary: IngestSummary, finished: bool = False) -> ProgressSnapshot:
        snapshot = self.snapshot(summary, finished)
        logging.getLogger(PROGRESS_LOGGER).info("progress", extra={"snapshot": snapshot})
        return snapshot
