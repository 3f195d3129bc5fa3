"""Finding dump files and turning them into inputs, streamed and batched."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from broadsheet.dumps import Item, Limits, iter_file
from transforms import BatchInput, Rejection


@dataclass(frozen=True, slots=True)
class SourceFile:
    uri: str
    path: Path


@dataclass(frozen=True, slots=True)
class Missing:
    """A path the user named that does not exist: reported, never silently dropped."""

    uri: str
    reason: str


def discover(paths: Iterable[str | Path]) -> Iterator[SourceFile | Missing]:
    """Files as given, and every file under a folder (recursively, in a stable sorted order)."""
    for given in paths:
        path = Path(given)
        if path.is_file():
            yield SourceFile(str(given), path)
        elif path.is_dir():
            yield from _walk(path)
        else:
            yield Missing(str(given), "no such file or folder")


def _walk(root: Path) -> Iterator[SourceFile]:
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file():
                yield SourceFile(str(path), path)


def iter_inputs(found: Iterable[SourceFile | Missing], limits: Limits) -> Iterator[Item]:
    """Every input in every file (archive members, JSON lines and WARC records each count as one)."""
    for item in found:
        if isinstance(item, Missing):
            yield Rejection(item.uri, item.reason, "")
        else:
            yield from iter_file(str(item.path), item.uri, limits)


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
