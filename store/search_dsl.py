"""Request bodies for searching, built from a `SearchQuery`. User text only ever goes through `simple_query_string`,
which never fails on malformed syntax (unlike `query_string`).

A search runs in two steps. Ranking happens on the `articles` index (one document per article), sorted by score
then id, so the next page is a `search_after` cursor: Elasticsearch refuses `search_after` on a collapsed search
unless it is sorted by the collapse field alone, which would lose relevance order. The page's best passages then
come from the `passages` index in one more query, restricted to the page's article ids and grouped per article.

Across languages: each article's text sits in the fields of its language (`i18n.<group>.*`, store/mappings.py).
The words are matched by one `simple_query_string` per language, joined by `should`: within one language every
word must match (stop words dropped by that language's analysis), and an article matches through its own
language's clause. A single clause over every language's fields would ask an English article to contain "of" in
its German fields.

What one request may cost is bounded here: the operators users get (no fuzzy `~N` and no phrase slop, whose
expansions cost seconds on a large archive), the number of words (`SearchQuery.check`), and a time budget that
Elasticsearch enforces on its side (`timeout`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from store.highlights import MARK_POST, MARK_PRE
from store.languages import BY_CODE, GROUPS, OTHER
from store.mappings import ANALYZED_AS, I18N
from store.search_types import SearchKind, SearchQuery

# Words, "quoted phrases", -excluded, a | b, +, (grouping), prefix*, \-escapes. Not FUZZY, NEAR or SLOP.
ALLOWED_OPERATORS = "AND|OR|NOT|PHRASE|PREFIX|PRECEDENCE|WHITESPACE|ESCAPE"
FRAGMENTS_PER_ARTICLE = 3
# Passages highlighted for one page at most: a page of 100 articles gets one passage each, not three (whole
# passages are highlighted, and that is the costly part of a search).
MAX_FRAGMENTS_PER_PAGE = 60
FACET_SIZE = 20
MAX_PASSAGE_CHARS = 100_000  # longer than any paragraph or caption; a passage longer still is shown cut here
DISPLAY_SOURCE = ["id", "title", "site", "url", "published", "byline", "contributors", ANALYZED_AS]

# What each kind searches on the articles index (ranking), by field name inside a language group.
ARTICLE_FIELDS: dict[SearchKind, tuple[str, ...]] = {
    "paragraph": ("paragraphs",),
    "caption": ("captions", "credits"),
    "contributor": ("contributor_lines",),
    "any": ("title^2", "dek", "paragraphs", "captions", "credits", "contributor_lines"),
}
# A browse (no words) restricted to a kind lists articles that have at least one passage of that kind.
KIND_PRESENCE: dict[SearchKind, str] = {
    "paragraph": "paragraphs",
    "caption": "captions",
    "contributor": "contributor_lines",
}
PASSAGE_FIELDS = ("text", "credit")
# A word long enough to stand for its own beginning (shorter ones would match too many other words), and the
# shortest beginning looked for.
MIN_WORD, MIN_STEM = 6, 4
# Quoted phrases are left alone; any other run of non-space characters may be a word with operators around it.
_CHUNK = re.compile(r'"[^"]*"?|[^\s"]+|\s+')
_PLAIN_WORD = re.compile(r"^([+-]?)(\(*)([^\W\d_]+)(\)*)$")


def _in_group(group: str, names: tuple[str, ...]) -> list[str]:
    return [f"{I18N}.{group}.{name}" for name in names]


def light_stem(word: str, endings: tuple[str, ...]) -> str:
    """The word less its first matching inflectional ending, if enough of it is left ("Geisterschiffe" ->
    "geisterschiff"); lowercased."""
    lowered = word.lower()
    for ending in endings:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= MIN_STEM:
            return lowered[: -len(ending)]
    return lowered


def with_word_beginnings(text: str, endings: tuple[str, ...]) -> str:
    """Each plain word of the query also matches the words that begin with its light stem: "Wahleinmischungen" ->
    "(Wahleinmischungen | wahleinmischung*)". Phrases, short words and words with operators inside stay as they are.
    """
    if not endings:
        return text
    pieces = []
    for chunk in _CHUNK.findall(text):
        match = _PLAIN_WORD.match(chunk)
        if match and len(match.group(3)) >= MIN_WORD:
            sign, opening, word, closing = match.groups()
            chunk = f"{sign}{opening}({word} | {light_stem(word, endings)}*){closing}"
        pieces.append(chunk)
    return "".join(pieces)


def text_query(
    text: str, names: tuple[str, ...], stemming: bool = True, groups: Collection[str] = GROUPS
) -> dict[str, Any]:
    """The words matched in every language's fields named `names` (or those of `groups` only), an article through
    its own language. `stemming=False` leaves out the word beginnings (to measure what stemming brings)."""
    clauses = [
        {
            "simple_query_string": {
                "query": with_word_beginnings(text, BY_CODE[group].endings) if stemming and group in BY_CODE else text,
                "fields": _in_group(group, names),
                # "quoted phrases" match the unstemmed subfield: exact wording (the `other` group is exact as is).
                "quote_field_suffix": ".exact",
                "default_operator": "and",
                "flags": ALLOWED_OPERATORS,
            }
        }
        for group in GROUPS
        if group in groups
    ]
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def _article_filters(query: SearchQuery) -> list[dict[str, Any]]:
    filters: list[dict[str, Any]] = []
    if query.site:
        filters.append({"term": {"site": query.site}})
    if query.contributor:
        filters.append({"term": {"contributors": query.contributor}})
    if query.credit:
        filters.append({"term": {"captions.credit": query.credit}})
    published: dict[str, str] = {}
    if query.published_from:
        published["gte"] = query.published_from.isoformat()
    if query.published_to:
        # Rounded up to the end of that day: "to 15 June" includes articles published during 15 June.
        published["lte"] = f"{query.published_to.isoformat()}||/d"
    if published:
        filters.append({"range": {"published": published}})
    if not query.text.strip() and query.kind != "any":
        filters.append({"exists": {"field": f"{I18N}.*.{KIND_PRESENCE[query.kind]}"}})
    return filters


def _kind_filters(text: str, stemming: bool) -> dict[str, Any]:
    """Of the articles matching in any passage, how many match in each kind (what choosing that kind would give)."""
    kinds: tuple[SearchKind, ...] = ("paragraph", "caption", "contributor")
    if not text:
        return {kind: {"exists": {"field": f"{I18N}.*.{KIND_PRESENCE[kind]}"}} for kind in kinds}
    return {kind: text_query(text, ARTICLE_FIELDS[kind], stemming) for kind in kinds}


def facet_aggregations(query: SearchQuery, stemming: bool = True) -> dict[str, Any]:
    facets: dict[str, Any] = {}
    if query.kind == "any":
        facets["kinds"] = {"filters": {"filters": _kind_filters(query.text.strip(), stemming)}}
    return facets | {
        "site": {"terms": {"field": "site", "size": FACET_SIZE}},
        "contributors": {"terms": {"field": "contributors", "size": FACET_SIZE}},
        "credits": {"terms": {"field": "captions.credit", "size": FACET_SIZE}},
        "media": {"terms": {"field": "captions.media", "size": FACET_SIZE}},
        "published": {
            "date_histogram": {
                "field": "published",
                "calendar_interval": "month",
                "format": "yyyy-MM",
                "min_doc_count": 1,
                "order": {"_key": "desc"},
            }
        },
    }


def article_search(
    query: SearchQuery, search_after: list[Any] | None, budget: str, stemming: bool = True
) -> dict[str, Any]:
    """One page of articles ranked by relevance, one more than asked for to know whether a next page exists."""
    text = query.text.strip()
    must = [text_query(text, ARTICLE_FIELDS[query.kind], stemming)] if text else [{"match_all": {}}]
    body: dict[str, Any] = {
        "query": {"bool": {"must": must, "filter": _article_filters(query)}},
        # The id breaks ties between equal scores, so the order (and so the cursor) is total and stable.
        "sort": [{"_score": "desc"}, {"id": "asc"}],
        "_source": DISPLAY_SOURCE,
        "size": query.size + 1,
        "track_total_hits": True,
        "timeout": budget,
    }
    if search_after is not None:
        body["search_after"] = search_after
    elif query.offset:
        body["from"] = query.offset
    if query.facets:
        body["aggs"] = facet_aggregations(query, stemming)
    return body


def _matched(names: tuple[str, ...], groups: Collection[str]) -> list[str]:
    """The language copies of a field (and their exact subfields) whose matches mark the stored text."""
    fields = []
    for group in (group for group in GROUPS if group in groups):
        for name in _in_group(group, names):
            fields += [name] if group == OTHER else [name, f"{name}.exact"]
    return fields


def fragment_search(
    query: SearchQuery,
    article_ids: list[str],
    budget: str,
    stemming: bool = True,
    groups: Collection[str] = GROUPS,
) -> dict[str, Any]:
    """The best few matching passages of each of these articles, highlighted; `groups`: the languages the articles
    were analysed in (highlighting through every language's fields costs several times more than through one)."""
    filters: list[dict[str, Any]] = [{"terms": {"article_id": article_ids}}]
    if query.kind != "any":
        filters.append({"term": {"kind": query.kind}})
    # A passage's text comes back even where only another field matched (`no_match_size`), so its _source is
    # not fetched as well. The stored text is highlighted through its language copies (`matched_fields`).
    highlight = {
        "type": "unified",
        "pre_tags": [MARK_PRE],
        "post_tags": [MARK_POST],
        # Whole passages: a paragraph is the unit a reader wants to see in context.
        "number_of_fragments": 0,
        "fields": {
            "text": {"matched_fields": _matched(("text",), groups), "no_match_size": MAX_PASSAGE_CHARS},
            "credit": {"matched_fields": _matched(("credit",), groups), "no_match_size": MAX_PASSAGE_CHARS},
        },
    }
    # A terms aggregation with top hits per article rather than `collapse` with inner hits, which run one more
    # search per article: 3 ms against 7 ms mean on the 22,000-article bench archive (bench/api_load.py).
    words = text_query(query.text.strip(), PASSAGE_FIELDS, stemming, groups)
    return {
        "query": {"bool": {"must": [words], "filter": filters}},
        "aggs": {
            "articles": {
                "terms": {"field": "article_id", "size": len(article_ids)},
                "aggs": {
                    "best": {
                        "top_hits": {
                            "size": max(1, min(FRAGMENTS_PER_ARTICLE, MAX_FRAGMENTS_PER_PAGE // len(article_ids))),
                            "_source": ["kind", "position"],
                            "highlight": highlight,
                        }
                    }
                },
            }
        },
        "size": 0,
        "timeout": budget,
    }


def similar_search(article_id: str, group: str, like: dict[str, Any], size: int, budget: str) -> dict[str, Any]:
    """Articles in the same language sharing the most distinctive words of this one's title and paragraphs."""
    return {
        "query": {
            "bool": {
                "must": [
                    {
                        "more_like_this": {
                            "fields": _in_group(group, ("title", "paragraphs")),
                            "like": [like],
                            # Words used once in the article and found in one other article are already a signal in
                            # a small archive; requiring a tenth of the 40 most distinctive words (not the default
                            # 30%) keeps two articles about the same story together even when one is short.
                            "min_term_freq": 1,
                            "min_doc_freq": 1,
                            "max_query_terms": 40,
                            "minimum_should_match": "10%",
                        }
                    }
                ],
                "must_not": [{"ids": {"values": [article_id]}}],
            }
        },
        "_source": DISPLAY_SOURCE,
        "size": size,
        "timeout": budget,
    }
