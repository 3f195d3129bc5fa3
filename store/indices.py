"""Index templates, versioned indices and the aliases in front of them."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from elasticsearch import Elasticsearch

from store.client import NodeInfo, node_info
from store.errors import allow_already_exists, store_call
from store.mappings import (
    SCHEMA_VERSION,
    analyzer_name,
    articles_mappings,
    index_settings,
    passages_mappings,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IndexNames:
    """Aliases that readers and writers use, and the concrete versioned indices behind them."""

    articles_alias: str
    passages_alias: str

    @property
    def articles_index(self) -> str:
        return f"{self.articles_alias}-v{SCHEMA_VERSION}"

    @property
    def passages_index(self) -> str:
        return f"{self.passages_alias}-v{SCHEMA_VERSION}"


@dataclass(frozen=True, slots=True)
class IndexSetup:
    names: IndexNames
    node: NodeInfo
    analyzer: str


@store_call
def ensure_indices(
    es: Elasticsearch, names: IndexNames, replicas: int | None = None, shards: int = 1
) -> IndexSetup:
    """Idempotent: templates put, the versioned indices created if missing, aliases pointed at them. `shards`
    applies to indices created from now on (an existing index keeps its count; docs/operations.md, Sizing)."""
    node = node_info(es)
    analyzer = analyzer_name(node)
    log.info(
        "Elasticsearch %s: %s; text analyzer %r",
        node.version,
        "analysis-common present" if node.has_analysis_common else "core-only build (no analysis-common)",
        analyzer,
    )
    settings = index_settings(shards=shards, replicas=replicas)
    for alias, index, mappings in (
        (names.articles_alias, names.articles_index, articles_mappings(node)),
        (names.passages_alias, names.passages_index, passages_mappings(node)),
    ):
        es.indices.put_index_template(
            name=f"broadsheet-{alias}",
            index_patterns=[f"{alias}-v*"],
            template={"settings": settings, "mappings": mappings},
            priority=100,
            meta={"managed_by": "broadsheet", "schema_version": SCHEMA_VERSION},
        )
        if not es.indices.exists(index=index):
            # Created bare, from the template; the alias moves to it in one atomic swap below.
            allow_already_exists(es, es.options(ignore_status=400).indices.create(index=index))
        point_alias(es, alias, index)
    return IndexSetup(names=names, node=node, analyzer=analyzer)


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
