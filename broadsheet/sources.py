"""Finding and reading dump files. Inputs are named by a `uri` that says where they came from."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from transforms import BatchInput


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


def read_capped(source: SourceFile, max_bytes: int) -> BatchInput:
    """Read at most one byte past the limit, so a huge file is rejected without being loaded whole."""
    with source.path.open("rb") as handle:
        return BatchInput(uri=source.uri, data=handle.read(max_bytes + 1))


def batched(items: Sequence[SourceFile], size: int) -> Iterator[list[SourceFile]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
