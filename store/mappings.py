"""Index settings and mappings for `articles` and `passages`: every article's text analysed in its own language.

An article's searchable text goes to the fields of its analysis group (`store.languages`): `i18n.<group>.<field>`,
e.g. `i18n.de.paragraphs` for a German article, and nowhere else, so a German word is stemmed as German and an
English query word as English. Each group's analyzer comes from what the node has:

- the full build (`analysis-common`): Elasticsearch's own language analyzers (`english`, `german`, ...);
- the core-only build: standard tokenizer, lowercase, the language's stop words (core `stop` lists) and its hunspell
  dictionary (the local node is given them at start, see broadsheet/dictionaries.py), where the node has it;
- any other language: the plain standard analysis (words as written, lowercased).

Every language field has an `.exact` subfield (no stemming, no stop words) that quoted phrases are matched against;
the `other` group's analysis is already exact, so its fields need none. The article's own fields (`title`,
`paragraphs`, `text`, ...) are kept in `_source` for display and highlighting but not indexed; the `i18n` copies are
indexed but left out of `_source`, so the stored document stays the Article record and the text is stored once.
Passages highlight their `text` through the language fields (unified highlighter, `matched_fields`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.client import NodeInfo
from store.languages import BY_CODE, GROUPS, LANGUAGES, OTHER

# Bump when a mapping changes: a new versioned index is created behind the alias and the old one copied into it.
SCHEMA_VERSION = 3  # 3: text analysed per language (i18n.<group>.*); 2: articles' captions.credit.text

EXACT_ANALYZER = "broadsheet_exact"
I18N = "i18n"
# The analysis group a document's text was indexed in (a language code, or "other"): a page of hits needs only
# its groups' fields highlighted.
ANALYZED_AS = "analyzed_as"
# Searchable text per document, by field name inside a group: what each index copies into `i18n.<group>`.
ARTICLE_TEXT = ("title", "dek", "paragraphs", "captions", "credits", "contributor_lines")
PASSAGE_TEXT = ("text", "credit")


@dataclass(frozen=True, slots=True)
class TextAnalysis:
    """What the node can do, decided when an index is created: an analyzer per group, and which groups stem."""

    analyzers: dict[str, str]
    stemmed: frozenset[str]
    settings: dict[str, Any]

    @property
    def unstemmed(self) -> tuple[str, ...]:
        """Languages that have their own group but no stemming on this node (a dictionary is missing)."""
        return tuple(code for code in BY_CODE if code not in self.stemmed)


def _core_analyzer(code: str, stem: bool) -> dict[str, Any]:
    """Stop words before stemming: the lists hold words as written."""
    filters = ["lowercase", f"broadsheet_{code}_stop", *([f"broadsheet_{code}_stem"] if stem else [])]
    return {"type": "custom", "tokenizer": "standard", "filter": filters}


def text_analysis(node: NodeInfo, stemming: bool = True) -> TextAnalysis:
    """`stemming=False` (to measure what stemming brings): each language keeps its stop words, and no word is
    reduced to its stem, on either build."""
    exact = {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}
    if node.has_analysis_common and stemming:
        analyzers = {language.code: language.analyzer for language in LANGUAGES}
        return TextAnalysis(
            analyzers={**analyzers, OTHER: EXACT_ANALYZER},
            stemmed=frozenset(BY_CODE),
            settings={"analyzer": {EXACT_ANALYZER: exact}},
        )
    available = node.dictionaries if stemming else frozenset()
    stemmed = frozenset(language.code for language in LANGUAGES if language.dictionary in available)
    filters: dict[str, Any] = {}
    for language in LANGUAGES:
        filters[f"broadsheet_{language.code}_stop"] = {"type": "stop", "stopwords": language.stopwords}
        if language.code in stemmed:
            filters[f"broadsheet_{language.code}_stem"] = {"type": "hunspell", "locale": language.dictionary}
    custom = {f"broadsheet_{code}": _core_analyzer(code, code in stemmed) for code in BY_CODE}
    return TextAnalysis(
        analyzers={**{code: f"broadsheet_{code}" for code in BY_CODE}, OTHER: EXACT_ANALYZER},
        stemmed=stemmed,
        settings={"analyzer": {**custom, EXACT_ANALYZER: exact}, "filter": filters},
    )


def _searchable(analyzer: str, exact: bool, offsets: bool) -> dict[str, Any]:
    """Offsets only where passages are highlighted from them; `.exact` only where the analyzer is not exact."""
    options = {"index_options": "offsets"} if offsets else {}
    field: dict[str, Any] = {"type": "text", "analyzer": analyzer, **options}
    if exact:
        field["fields"] = {"exact": {"type": "text", "analyzer": EXACT_ANALYZER, **options}}
    return field


def _i18n(analysis: TextAnalysis, names: tuple[str, ...], offsets: bool) -> dict[str, Any]:
    groups = {
        group: {
            "properties": {
                name: _searchable(analysis.analyzers[group], exact=group != OTHER, offsets=offsets) for name in names
            }
        }
        for group in GROUPS
    }
    return {"properties": groups}


def _stored_text(keyword: bool = False) -> dict[str, Any]:
    """Text kept for display and highlighting only: searched through its `i18n` copy."""
    field: dict[str, Any] = {"type": "text", "index": False}
    if keyword:
        field["fields"] = {"keyword": {"type": "keyword", "ignore_above": 512}}
    return field


def _keyword() -> dict[str, Any]:
    return {"type": "keyword", "ignore_above": 1024}


def _display_fields() -> dict[str, Any]:
    """Article fields copied onto each passage so a hit can be shown without a second lookup."""
    return {
        "title": _stored_text(keyword=True),
        "site": _keyword(),
        "url": _keyword(),
        "published": {"type": "date"},
        "byline": _keyword(),
        "contributors": _keyword(),
        "language": _keyword(),
    }


def articles_mappings(analysis: TextAnalysis) -> dict[str, Any]:
    return {
        "dynamic": "strict",
        "_source": {"excludes": [I18N]},
        "properties": {
            "id": _keyword(),
            "source": {
                "properties": {"uri": _keyword(), "format": _keyword(), "sha256": _keyword()},
            },
            **_display_fields(),
            "dek": _stored_text(),
            "paragraphs": _stored_text(),
            # A caption's credit is also a filter and a facet as a whole ("Alexei Druzhinin/AP").
            "captions": {"properties": {"text": _stored_text(), "credit": _keyword(), "media": _keyword()}},
            "contributor_lines": _stored_text(),
            "ingested_at": {"type": "date"},
            ANALYZED_AS: _keyword(),
            I18N: _i18n(analysis, ARTICLE_TEXT, offsets=False),  # ranking only: nothing is highlighted here
        },
    }


def passages_mappings(analysis: TextAnalysis) -> dict[str, Any]:
    return {
        "dynamic": "strict",
        "_source": {"excludes": [I18N]},
        "properties": {
            "article_id": _keyword(),
            "kind": _keyword(),
            "position": {"type": "integer"},
            "text": _stored_text(),
            "credit": _keyword(),
            "media": _keyword(),
            **_display_fields(),
            ANALYZED_AS: _keyword(),
            I18N: _i18n(analysis, PASSAGE_TEXT, offsets=True),
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


def index_settings(analysis: TextAnalysis, shards: int = 1, replicas: int | None = None) -> dict[str, Any]:
    return {"number_of_shards": shards, **replica_settings(replicas), "analysis": analysis.settings}
