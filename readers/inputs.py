"""Dump files to inputs, streamed and batched, with a running account of how far reading has got."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from readers.containers import Item, Limits, iter_file
from readers.files import DumpFile
from transforms.model import BatchInput, Rejection


class ReadProgress:
    """Files and bytes read of those discovered. A file being read counts up to its reading position, so a
    single 2 GB crawl file shows progress too. Read by the thread that consumes the inputs."""

    def __init__(self, found: Sequence[DumpFile | Rejection]) -> None:
        files = [item for item in found if isinstance(item, DumpFile)]
        self.files_total = len(files)
        self.bytes_total = sum(item.size for item in files)
        self.files_done = 0
        self.inputs_read = 0
        self._bytes_done = 0
        self._reading: IO[bytes] | None = None

    def reading(self, raw: IO[bytes] | None) -> None:
        self._reading = raw

    def finished(self, file: DumpFile) -> None:
        self.files_done += 1
        self._bytes_done += file.size

    @property
    def bytes_read(self) -> int:
        position = 0
        if self._reading is not None:
            try:
                position = self._reading.tell()
            except (OSError, ValueError):  # closed meanwhile
                position = 0
        return self._bytes_done + position


def iter_inputs(
    found: Iterable[DumpFile | Rejection], limits: Limits, progress: ReadProgress | None = None
) -> Iterator[Item]:
    """Every input in every file (archive members, JSON lines and WARC records each count as one), and the
    rejections discovery made, in order."""
    for entry in found:
        if isinstance(entry, Rejection):
            yield entry
            continue
        for item in iter_file(entry.path, entry.uri, limits, progress.reading if progress else None):
            if progress is not None:
                progress.inputs_read += 1
            yield item
        if progress is not None:
            progress.finished(entry)


def batched(items: Iterable[Item], max_items: int, max_bytes: int) -> Iterator[list[Item]]:
    """Groups of at most `max_items` inputs and about `max_bytes` of content, so memory stays bounded."""
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item.data) if isinstance(item, BatchInput) else 0
        if len(batch) >= max_items or size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch
