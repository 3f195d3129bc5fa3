"""Index templates, versioned indices and the aliases in front of them, and the move from one version to the next.

A concrete index is named after the schema version and, when the node cannot stem every language, the languages
it cannot: `articles-v3`, or `articles-v3-nostem-de-fr`. When the wanted index is not the one behind the alias
(the schema changed, or the node has gained dictionaries), the articles behind the alias are copied into the new
index (their passages and language fields rebuilt by the writer) and the aliases move only then, in one atomic
call: searches see the old index, complete, until the new one is complete. A copy cut short is redone by the next
run (writes are by id), since the aliases still point at the old index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from elasticsearch import Elasticsearch

from store.client import NodeInfo, node_info
from store.errors import StoreError, allow_already_exists, store_call, store_errors
from store.languages import LANGUAGES
from store.mappings import (
    SCHEMA_VERSION,
    TextAnalysis,
    articles_mappings,
    index_settings,
    passages_mappings,
    text_analysis,
)
from store.migration import copy_articles
from store.names import IndexNames

__all__ = [
    "BULK_REFRESH_INTERVAL",
    "IndexNames",
    "IndexSetup",
    "StoreCounts",
    "bulk_loading",
    "count_documents",
    "drop_all",
    "ensure_indices",
    "point_alias",
    "refresh",
    "versioned_index",
]

log = logging.getLogger(__name__)


def versioned_index(alias: str, analysis: TextAnalysis) -> str:
    suffix = f"-nostem-{'-'.join(analysis.unstemmed)}" if analysis.unstemmed else ""
    return f"{alias}-v{SCHEMA_VERSION}{suffix}"


@dataclass(frozen=True, slots=True)
class IndexSetup:
    names: IndexNames
    node: NodeInfo
    analysis: TextAnalysis

    @property
    def articles_index(self) -> str:
        return versioned_index(self.names.articles_alias, self.analysis)

    @property
    def passages_index(self) -> str:
        return versioned_index(self.names.passages_alias, self.analysis)


def describe(analysis: TextAnalysis) -> str:
    stemmed = " ".join(sorted(analysis.stemmed)) or "none"
    unstemmed = f"; not stemmed (no dictionary): {' '.join(analysis.unstemmed)}" if analysis.unstemmed else ""
    return f"languages stemmed: {stemmed}{unstemmed}; other languages: standard analysis"


@store_call
def ensure_indices(
    es: Elasticsearch, names: IndexNames, replicas: int | None = None, shards: int = 1, stemming: bool = True
) -> IndexSetup:
    """Idempotent: templates put, the versioned indices created if missing (filled from the ones they replace),
    aliases pointed at them. `shards` applies to indices created from now on (an existing index keeps its count;
    docs/operations.md, Sizing). `stemming=False` is for measuring what stemming brings (bench/relevance_bench.py)."""
    node = node_info(es, dictionaries=[language.dictionary for language in LANGUAGES])
    analysis = text_analysis(node, stemming)
    setup = IndexSetup(names=names, node=node, analysis=analysis)
    log.info(
        "Elasticsearch %s (%s): %s",
        node.version,
        "language analyzers" if node.has_analysis_common else "core-only build, hunspell dictionaries",
        describe(analysis),
    )
    settings = index_settings(analysis, shards=shards, replicas=replicas)
    for alias, index, mappings in (
        (names.articles_alias, setup.articles_index, articles_mappings(analysis)),
        (names.passages_alias, setup.passages_index, passages_mappings(analysis)),
    ):
        es.indices.put_index_template(
            name=f"broadsheet-{alias}",
            index_patterns=[f"{alias}-v*"],
            template={"settings": settings, "mappings": mappings},
            priority=100,
            meta={"managed_by": "broadsheet", "schema_version": SCHEMA_VERSION},
        )
        if not es.indices.exists(index=index):
            # Created bare, from the template; the alias moves to it once it holds everything (below).
            allow_already_exists(es, es.options(ignore_status=400).indices.create(index=index))
    replaced = [index for index in _holders(es, names.articles_alias) if index != setup.articles_index]
    if replaced:
        copy_articles(es, replaced, setup.articles_index, setup.passages_index)
    replaced_passages = [index for index in _holders(es, names.passages_alias) if index != setup.passages_index]
    _point_aliases(es, names, setup)
    _drop(es, [*replaced, *replaced_passages])
    return setup


def _holders(es: Elasticsearch, alias: str) -> list[str]:
    response = es.options(ignore_status=404).indices.get_alias(name=alias)
    return [] if response.meta.status == 404 else sorted(response.body)


def _point_aliases(es: Elasticsearch, names: IndexNames, setup: IndexSetup) -> None:
    """Both aliases move in one atomic `_aliases` call (the indices they held drop out of them)."""
    actions: list[dict[str, dict[str, object]]] = []
    for alias, index in ((names.articles_alias, setup.articles_index), (names.passages_alias, setup.passages_index)):
        holders = _holders(es, alias)
        if holders == [index]:
            continue
        actions += [{"remove": {"index": old, "alias": alias}} for old in holders if old != index]
        actions.append({"add": {"index": index, "alias": alias, "is_write_index": True}})
    if actions:
        es.indices.update_aliases(actions=actions)


def _drop(es: Elasticsearch, indices: list[str]) -> None:
    if indices:
        log.info("deleting the replaced indices %s", ", ".join(indices))
        es.options(ignore_status=404).indices.delete(index=",".join(indices))


def point_alias(es: Elasticsearch, alias: str, index: str, delete_old: bool = False) -> None:
    """Move the alias to `index` in one atomic `_aliases` call (older versions drop out of it, and are deleted
    with `delete_old`)."""
    response = es.options(ignore_status=404).indices.get_alias(name=alias)
    holders = [] if response.meta.status == 404 else list(response.body)
    if holders == [index]:
        return
    actions: list[dict[str, dict[str, object]]] = [
        {"remove": {"index": old, "alias": alias}} for old in holders if old != index
    ]
    actions.append({"add": {"index": index, "alias": alias, "is_write_index": True}})
    es.indices.update_aliases(actions=actions)
    if delete_old:
        for old in holders:
            if old != index:
                es.options(ignore_status=404).indices.delete(index=old)


@store_call
def refresh(es: Elasticsearch, names: IndexNames) -> None:
    es.indices.refresh(index=[names.articles_alias, names.passages_alias])


# While a run writes, the indices refresh this often instead of every second: each refresh makes new segments to
# merge and empties the caches searches rely on, and people searching meanwhile lose little by seeing the run's
# articles up to this much later (the run refreshes once more when it ends).
BULK_REFRESH_INTERVAL = "30s"


@contextmanager
def bulk_loading(es: Elasticsearch, names: IndexNames) -> Iterator[None]:
    """Slow refreshes for the duration of a run, then back to the default and one refresh. A run killed in between
    leaves the slow setting until the next run ends; searches still see new articles, later."""
    indices = [names.articles_alias, names.passages_alias]
    with store_errors(es):
        es.indices.put_settings(index=indices, settings={"index": {"refresh_interval": BULK_REFRESH_INTERVAL}})
    try:
        yield
    finally:
        try:
            with store_errors(es):
                es.indices.put_settings(index=indices, settings={"index": {"refresh_interval": None}})
                es.indices.refresh(index=indices)
        except StoreError as error:
            # The run's own outcome (often: the node went away) matters more than this; the next run resets it.
            log.warning("could not restore the refresh interval of %s: %s", ", ".join(indices), error)


@store_call
def drop_all(es: Elasticsearch, names: IndexNames) -> None:
    """Delete Broadsheet's article and passage indices, every version, and their templates (tests and
    `broadsheet reset`)."""
    for alias in (names.articles_alias, names.passages_alias):
        # Deletion by wildcard is refused (action.destructive_requires_name), so name each index.
        existing = es.options(ignore_status=404).indices.get(index=f"{alias}-v*", expand_wildcards="all")
        if existing.meta.status == 200 and existing.body:
            es.indices.delete(index=",".join(existing.body))
        es.options(ignore_status=404).indices.delete_index_template(name=f"broadsheet-{alias}")


@dataclass(frozen=True, slots=True)
class StoreCounts:
    articles: int
    passages: int


@store_call
def count_documents(es: Elasticsearch, names: IndexNames) -> StoreCounts:
    """Documents behind each alias (0 where nothing was ingested yet)."""
    return StoreCounts(articles=_count(es, names.articles_alias), passages=_count(es, names.passages_alias))


def _count(es: Elasticsearch, index: str) -> int:
    response = es.options(ignore_status=404).count(index=index)
    return 0 if response.meta.status == 404 else int(response["count"])
