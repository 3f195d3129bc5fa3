"""What the CLI prints besides its results: lines scripts parse, quiet logging, and an ingest's progress.

Every line a script may parse (`rejected: …`, `error: …`, `progress: …`) is one physical line: control characters
in file names or reasons are escaped, so a file named "x\\nrejected: …" cannot forge a second line.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import typer

# The CLI's exit codes (README, "Exit codes").
EXIT_OK = 0
EXIT_REJECTED = 1  # some inputs were rejected (or another failure the message names)
EXIT_USAGE = 2
EXIT_STORE = 3  # Elasticsearch unreachable or refusing writes: nothing is wrong with the inputs; run again later

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` on one line: control and other unprintable characters as backslash escapes."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _ESCAPES.get(ch, ch.encode("unicode_escape").decode()) for ch in text)


def fail(message: str, code: int = EXIT_REJECTED) -> typer.Exit:
    """One plain line on stderr (never wrapped: logs and scripts read it), and the exit to raise."""
    typer.echo(f"error: {printable(message)}", err=True)
    return typer.Exit(code)


def report_rejection(uri: str, reason: str) -> None:
    """One plain line per rejection (never wrapped or styled): scripts grep for these."""
    typer.echo(f"rejected: {printable(uri)}: {printable(reason)}", err=True)


def quiet_libraries(verbose: bool) -> None:
    """At the default verbosity, a run prints its results and at most one line of error: the client's retry
    warnings and Prefect's task tracebacks go to the Prefect run log, not the terminal. Set before Prefect is
    imported (it reads its logging settings then); a user's own setting wins."""
    if verbose:
        logging.getLogger("broadsheet").setLevel(logging.INFO)
        return
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    logging.getLogger("elastic_transport").setLevel(logging.CRITICAL)
    logging.getLogger("elasticsearch").setLevel(logging.CRITICAL)
    # Dask's client logs a lost worker or a slow event loop; the run's outcome says what matters.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)


def ensure_prefect_home() -> None:
    """Prefect's temporary API keeps its SQLite database in PREFECT_HOME and fails when the folder is missing."""
    home = os.environ.get("PREFECT_HOME")
    if home:
        Path(home).expanduser().mkdir(parents=True, exist_ok=True)


def human_bytes(count: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} TB"


def human_seconds(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def status_line(snapshot: Any) -> str:
    """`progress: 45% (964.2 MB of 2.1 GB), 10,203 inputs read, 9,876 articles indexed, 140 articles/s, about
    2 min left` (a `flows.progress.ProgressSnapshot`)."""
    rate = snapshot.articles_indexed / max(snapshot.elapsed_seconds, 1e-6)
    read, total = human_bytes(snapshot.bytes_read), human_bytes(snapshot.bytes_total)
    parts = [
        f"progress: {snapshot.fraction:.0%} ({read} of {total})",
        f"{snapshot.inputs_read:,} inputs read",
        f"{snapshot.articles_indexed:,} articles indexed",
        f"{rate:.0f} articles/s",
    ]
    left = snapshot.seconds_left
    if left is not None:
        parts.append(f"about {human_seconds(left)} left")
    return ", ".join(parts)


class _StatusLines(logging.Handler):
    """Without a terminal: one status line at most every `every` seconds."""

    def __init__(self, stream: TextIO, every: float) -> None:
        super().__init__()
        self._stream = stream
        self._every = every
        self._last = time.monotonic()

    def emit(self, record: logging.LogRecord) -> None:
        snapshot = getattr(record, "snapshot", None)
        if snapshot is None or snapshot.finished or time.monotonic() - self._last < self._every:
            return
        self._last = time.monotonic()
        self._stream.write(status_line(snapshot) + "\n")
        self._stream.flush()


class _ProgressBar(logging.Handler):
    """In a terminal: a live bar of bytes read, with inputs, articles, rate and time left."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self._progress = Progress(
            TextColumn("ingest"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TextColumn("{task.fields[inputs]:,} inputs · {task.fields[articles]:,} articles"),
            TimeRemainingColumn(),
            console=Console(file=stream, force_terminal=True),
            transient=True,
        )
        self._task = self._progress.add_task("ingest", total=None, inputs=0, articles=0)
        self._progress.start()

    def emit(self, record: logging.LogRecord) -> None:
        snapshot = getattr(record, "snapshot", None)
        if snapshot is None:
            return
        self._progress.update(
            self._task,
            total=snapshot.bytes_total or None,
            completed=snapshot.bytes_read,
            inputs=snapshot.inputs_read,
            articles=snapshot.articles_indexed,
        )

    def close(self) -> None:
        self._progress.stop()
        super().close()


@contextmanager
def ingest_progress(logger_name: str, every: float, stream: TextIO | None = None) -> Iterator[None]:
    """Show the progress records of `logger_name` while the block runs: a bar in a terminal, status lines
    (at most one every `every` seconds) otherwise."""
    stream = stream or sys.stderr
    handler: logging.Handler = _ProgressBar(stream) if stream.isatty() else _StatusLines(stream, every)
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        handler.close()
