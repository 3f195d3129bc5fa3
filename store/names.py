"""The aliases readers and writers use (a module of its own: the writer and the index manager both need them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IndexNames:
    articles_alias: str
    passages_alias: str
