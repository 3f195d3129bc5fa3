"""Index settings and mappings for `articles` and `passages`, shaped by what the node can analyse.

Full Elasticsearch has the `analysis-common` module and gets the stemming `english` analyzer; the core-only build
gets a chain of what core has (standard tokenizer, lowercase, English stop words). Either way every analysed field
has an `.exact` subfield (no stemming, no stop words) that quoted phrases are matched against.
"""

from __future__ import annotations

from typing import Any

from store.client import NodeInfo

# Bump when a mapping changes: a new versioned index is created behind the alias.
SCHEMA_VERSION = 2  # 2: articles' captions.credit gained a `.text` subfield

CORE_ANALYZER = "broadsheet_text"
EXACT_ANALYZER = "broadsheet_exact"


def analyzer_name(node: NodeInfo) -> str:
    return "english" if node.has_analysis_common else CORE_ANALYZER


def analysis_settings() -> dict[str, Any]:
    """Analyzers built only from core components, so the same settings work on both builds."""
    return {
        "analyzer": {
            CORE_ANALYZER: {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "stop"]},
            EXACT_ANALYZER: {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        }
    }


def _text(analyzer: str, keyword: bool = False) -> dict[str, Any]:
    """Analysed text with offsets (for the unified highlighter) and an exact subfield for phrases."""
    fields: dict[str, Any] = {
        "exact": {"type": "text", "analyzer": EXACT_ANALYZER, "index_options": "offsets"},
    }
    if keyword:
        fields["keyword"] = {"type": "keyword", "ignore_above": 512}
    return {"type": "text", "analyzer": analyzer, "index_options": "offsets", "fields": fields}


def _keyword() -> dict[str, Any]:
    return {"type": "keyword", "ignore_above": 1024}


def _credit(analyzer: str) -> dict[str, Any]:
    """Searchable as words too ("Druzhinin" finds "Alexei Druzhinin/AP"), filtered and faceted as a whole."""
    return {**_keyword(), "fields": {"text": {"type": "text", "analyzer": analyzer}}}


def _display_fields(analyzer: str) -> dict[str, Any]:
    """Article fields copied onto each passage so a hit can be shown without a second lookup."""
    return {
        "title": _text(analyzer, keyword=True),
        "site": _keyword(),
        "url": _keyword(),
        "published": {"type": "date"},
        "byline": _keyword(),
        "contributors": _keyword(),
        "language": _keyword(),
    }


def articles_mappings(node: NodeInfo) -> dict[str, Any]:
    analyzer = analyzer_name(node)
    return {
        "dynamic": "strict",
        "properties": {
            "id": _keyword(),
            "source": {
                "properties": {"uri": _keyword(), "format": _keyword(), "sha256": _keyword()},
            },
            **_display_fields(analyzer),
            "dek": _text(analyzer),
            "paragraphs": _text(analyzer),
            "captions": {
                # Credit words are searchable here too: article-level search ranks on this index.
                "properties": {"text": _text(analyzer), "credit": _credit(analyzer), "media": _keyword()},
            },
            "contributor_lines": _text(analyzer),
            "ingested_at": {"type": "date"},
        },
    }


def passages_mappings(node: NodeInfo) -> dict[str, Any]:
    analyzer = analyzer_name(node)
    return {
        "dynamic": "strict",
        "properties": {
            "article_id": _keyword(),
            "kind": _keyword(),
            "position": {"type": "integer"},
            "text": _text(analyzer),
            "credit": _credit(analyzer),
            "media": _keyword(),
            **_display_fields(analyzer),
        },
    }


# By default every shard keeps one copy on another node whenever the cluster has one: no replica on a single node
# (green, not forever yellow), one from two data nodes on, so losing any one node loses no data and search keeps
# answering. Elasticsearch adjusts it as nodes join and leave.
AUTO_EXPAND_REPLICAS = "0-1"


def replica_settings(replicas: int | None = None) -> dict[str, Any]:
    """`auto_expand_replicas` 0-1 unless a fixed count is asked for."""
    if replicas is None:
        return {"auto_expand_replicas": AUTO_EXPAND_REPLICAS}
    return {"number_of_replicas": replicas, "auto_expand_replicas": "false"}


def index_settings(shards: int = 1, replicas: int | None = None) -> dict[str, Any]:
    return {
        "number_of_shards": shards,
        **replica_settings(replicas),
        "analysis": analysis_settings(),
    }
