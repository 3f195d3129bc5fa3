"""Query building and result shaping. User text only ever goes through `simple_query_string`, which never fails
on malformed syntax (unlike `query_string`).

A search runs in two steps. Ranking happens on the `articles` index (one document per article), sorted by score
then id, so the next page is a `search_after` cursor: Elasticsearch refuses `search_after` on a collapsed search
unless it is sorted by the collapse field alone, which would lose relevance order. The page's best passages then
come from the `passages` index in one more query, restricted to the page's article ids and grouped per article.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any, Literal

from elasticsearch import Elasticsearch, NotFoundError

from store.errors import store_call, store_errors
from store.indices import IndexNames

SearchKind = Literal["paragraph", "caption", "contributor", "any"]
SEARCH_KINDS: tuple[SearchKind, ...] = ("paragraph", "caption", "contributor", "any")
HIGHLIGHT_PRE, HIGHLIGHT_POST = "<em>", "</em>"
# Elasticsearch marks matches with private-use characters; the text is HTML-escaped first and the marks become
# <em> afterwards, so a passage that itself contains "<em>" or "<script>" can never inject markup.
_MARK_PRE, _MARK_POST = "\ue000", "\ue001"
_MARKED = re.compile(f"{_MARK_PRE}(.*?){_MARK_POST}", re.S)
_DISPLAY_SOURCE = ["id", "title", "site", "url", "published", "byline", "contributors"]
FRAGMENTS_PER_ARTICLE = 3
FACET_SIZE = 20
MAX_ID_BYTES = 512  # Elasticsearch's limit on document ids
MAX_PASSAGE_CHARS = 100_000  # longer than any paragraph or caption; a passage longer still is shown cut here

# What each kind searches on the articles index (ranking) and on the passages index (highlighted evidence).
_ARTICLE_FIELDS: dict[SearchKind, list[str]] = {
    "paragraph": ["paragraphs"],
    "caption": ["captions.text", "captions.credit.text"],
    "contributor": ["contributor_lines"],
    "any": ["title^2", "dek", "paragraphs", "captions.text", "captions.credit.text", "contributor_lines"],
}
# A browse (no words) restricted to a kind lists articles that have at least one passage of that kind.
_KIND_PRESENCE: dict[SearchKind, str] = {
    "paragraph": "paragraphs",
    "caption": "captions.text",
    "contributor": "contributor_lines",
}
_PASSAGE_FIELDS = ["text", "credit.text"]


class InvalidCursor(ValueError):
    """A `cursor` that this search did not produce (garbled, or from a search with other words or filters)."""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str = ""
    kind: SearchKind = "any"
    site: str | None = None
    contributor: str | None = None
    credit: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    size: int = 10
    cursor: str | None = None
    # Facets describe the whole result set, so a client paging on needs them only once.
    facets: bool = True

    def fingerprint(self) -> str:
        """What a cursor is bound to: the words and filters, not the page size."""
        parts = [self.text, self.kind, self.site, self.contributor, self.credit, self.published_from, self.published_to]
        return hashlib.sha256(json.dumps([str(part) for part in parts]).encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Fragment:
    kind: str
    position: int
    html: str  # the passage, HTML-escaped, with matches wrapped in <em>…</em>
    credit: str | None = None  # a caption's credit, escaped and highlighted the same way


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    score: float
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    byline: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    fragments: tuple[Fragment, ...] = ()


@dataclass(frozen=True, slots=True)
class FacetBucket:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class SearchResults:
    total: int
    hits: tuple[SearchHit, ...] = field(default=())
    facets: dict[str, tuple[FacetBucket, ...]] = field(default_factory=dict)
    next_cursor: str | None = None


# --- cursor -------------------------------------------------------------------------------------------------------


def encode_cursor(sort_values: list[Any], query: SearchQuery) -> str:
    payload = json.dumps({"after": sort_values, "q": query.fingerprint()}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, query: SearchQuery) -> list[Any]:
    """The `search_after` values, checked: a cursor from another search would page through the wrong results."""
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        after = payload["after"]
        bound_to = payload["q"]
    except (ValueError, binascii.Error, TypeError, KeyError) as error:
        raise InvalidCursor("cursor is not one this API returned") from error
    # Checked before Elasticsearch sees them: a malformed sort value would come back as a server-side error.
    valid = (
        isinstance(after, list)
        and len(after) == 2
        and isinstance(after[0], int | float)
        and not isinstance(after[0], bool)
        and math.isfinite(after[0])
        and isinstance(after[1], str)
    )
    if not valid:
        raise InvalidCursor("cursor is not one this API returned")
    if bound_to != query.fingerprint():
        raise InvalidCursor("cursor belongs to a search with other words or filters")
    return [float(after[0]), str(after[1])]


# --- query building -----------------------------------------------------------------------------------------------


def _text_query(text: str, fields: list[str]) -> dict[str, Any]:
    return {
        "simple_query_string": {
            "query": text,
            "fields": fields,
            # "quoted phrases" match the unstemmed subfield: exact wording.
            "quote_field_suffix": ".exact",
            "default_operator": "and",
        }
    }


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
        filters.append({"exists": {"field": _KIND_PRESENCE[query.kind]}})
    return filters


def _facet_aggregations() -> dict[str, Any]:
    return {
        "site": {"terms": {"field": "site", "size": FACET_SIZE}},
        "contributors": {"terms": {"field": "contributors", "size": FACET_SIZE}},
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


def build_article_search(query: SearchQuery, search_after: list[Any] | None = None) -> dict[str, Any]:
    """One page of articles ranked by relevance, one more than asked for to know whether a next page exists."""
    text = query.text.strip()
    must = [_text_query(text, _ARTICLE_FIELDS[query.kind])] if text else [{"match_all": {}}]
    body: dict[str, Any] = {
        "query": {"bool": {"must": must, "filter": _article_filters(query)}},
        # The id breaks ties between equal scores, so the order (and so the cursor) is total and stable.
        "sort": [{"_score": "desc"}, {"id": "asc"}],
        "_source": _DISPLAY_SOURCE,
        "size": query.size + 1,
        "track_total_hits": True,
    }
    if search_after is not None:
        body["search_after"] = search_after
    if query.facets:
        body["aggs"] = _facet_aggregations()
    return body


def build_fragment_search(query: SearchQuery, article_ids: list[str]) -> dict[str, Any]:
    """The best few matching passages of each of these articles, highlighted."""
    filters: list[dict[str, Any]] = [{"terms": {"article_id": article_ids}}]
    if query.kind != "any":
        filters.append({"term": {"kind": query.kind}})
    # A passage's text comes back even where only another field matched (`no_match_size`), so its _source is
    # not fetched as well; "quoted phrases" match only the exact subfield, which is highlighted only for them.
    whole = {"no_match_size": MAX_PASSAGE_CHARS}
    fields: dict[str, Any] = {"text": whole, "credit.text": whole}
    if '"' in query.text:
        fields["text.exact"] = {}
    highlight = {
        "type": "unified",
        "pre_tags": [_MARK_PRE],
        "post_tags": [_MARK_POST],
        # Whole passages: a paragraph is the unit a reader wants to see in context.
        "number_of_fragments": 0,
        "fields": fields,
    }
    # A terms aggregation with top hits per article rather than `collapse` with inner hits, which run one more
    # search per article: 3 ms against 7 ms mean on the 22,000-article bench archive (bench/api_load.py).
    return {
        "query": {"bool": {"must": [_text_query(query.text.strip(), _PASSAGE_FIELDS)], "filter": filters}},
        "aggs": {
            "articles": {
                "terms": {"field": "article_id", "size": len(article_ids)},
                "aggs": {
                    "best": {
                        "top_hits": {
                            "size": FRAGMENTS_PER_ARTICLE,
                            "_source": ["kind", "position"],
                            "highlight": highlight,
                        }
                    }
                },
            }
        },
        "size": 0,
    }


def build_similar(names: IndexNames, article_id: str, size: int) -> dict[str, Any]:
    return {
        "query": {
            "more_like_this": {
                "fields": ["title", "paragraphs"],
                "like": [{"_index": names.articles_alias, "_id": article_id}],
                # Words used once in the article and found in one other article are already a signal in a
                # small archive; requiring a tenth of the 40 most distinctive words (not the default 30%) keeps
                # two articles about the same story together even when one of them is short.
                "min_term_freq": 1,
                "min_doc_freq": 1,
                "max_query_terms": 40,
                "minimum_should_match": "10%",
            }
        },
        "_source": _DISPLAY_SOURCE,
        "size": size,
    }


# --- running and shaping ------------------------------------------------------------------------------------------


def _run_search(es: Elasticsearch, index: str, body: dict[str, Any]) -> dict[str, Any] | None:
    """The response, or None when the index does not exist yet (nothing ingested: empty, not an error)."""
    with store_errors(es):
        try:
            return dict(es.search(index=index, body=body))
        except NotFoundError:
            return None


def search(es: Elasticsearch, names: IndexNames, query: SearchQuery) -> SearchResults:
    search_after = decode_cursor(query.cursor, query) if query.cursor else None
    response = _run_search(es, names.articles_alias, build_article_search(query, search_after))
    if response is None:
        return SearchResults(total=0)
    raw_hits = response["hits"]["hits"]
    page = raw_hits[: query.size]
    fragments = _fragments_by_article(es, names, query, [str(hit["_id"]) for hit in page])
    has_more = len(raw_hits) > query.size
    return SearchResults(
        total=int(response["hits"]["total"]["value"]),
        hits=tuple(_hit(hit, fragments.get(str(hit["_id"]), ())) for hit in page),
        facets=_facets(response.get("aggregations", {})),
        next_cursor=encode_cursor(page[-1]["sort"], query) if has_more else None,
    )


def search_passages(
    es: Elasticsearch,
    names: IndexNames,
    text: str,
    kind: SearchKind = "any",
    site: str | None = None,
    contributor: str | None = None,
    size: int = 10,
) -> SearchResults:
    """The first page of a search by words and the simple filters (the CLI's search)."""
    query = SearchQuery(text=text, kind=kind, site=site, contributor=contributor, size=size, facets=False)
    return search(es, names, query)


def _fragments_by_article(
    es: Elasticsearch, names: IndexNames, query: SearchQuery, article_ids: list[str]
) -> dict[str, tuple[Fragment, ...]]:
    if not article_ids or not query.text.strip():
        return {}  # a browse without words has no matches to show
    response = _run_search(es, names.passages_alias, build_fragment_search(query, article_ids))
    if response is None:
        return {}
    return {
        str(bucket["key"]): tuple(_fragment(inner) for inner in bucket["best"]["hits"]["hits"])
        for bucket in response["aggregations"]["articles"]["buckets"]
    }


def _hit(hit: dict[str, Any], fragments: tuple[Fragment, ...] = ()) -> SearchHit:
    source = hit["_source"]
    return SearchHit(
        article_id=str(hit["_id"]),
        score=float(hit.get("_score") or 0.0),
        title=source.get("title"),
        site=source.get("site"),
        url=source.get("url"),
        published=source.get("published"),
        byline=tuple(source.get("byline") or ()),
        contributors=tuple(source.get("contributors") or ()),
        fragments=fragments,
    )


def highlighted_html(marked: str) -> str:
    """Escape the passage, then turn Elasticsearch's match marks into <em> tags."""
    safe = _MARKED.sub(lambda match: f"{HIGHLIGHT_PRE}{match.group(1)}{HIGHLIGHT_POST}", escape(marked, quote=False))
    return safe.replace(_MARK_PRE, "").replace(_MARK_POST, "")


def _marked_spans(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without marks, and where the marks were in it."""
    spans: list[tuple[int, int]] = []
    for number, match in enumerate(_MARKED.finditer(marked)):
        start = match.start() - 2 * number  # each earlier pair of marks took two characters
        spans.append((start, start + len(match.group(1))))
    return marked.replace(_MARK_PRE, "").replace(_MARK_POST, ""), spans


def _merge_marks(versions: list[str]) -> str:
    """One passage highlighted by several fields: every field's marks on one copy of the text."""
    marked = [version for version in versions if _MARK_PRE in version]
    if len(marked) < 2:
        return marked[0] if marked else versions[0]
    text, spans = _marked_spans(marked[0])
    for version in marked[1:]:
        other_text, other_spans = _marked_spans(version)
        if other_text != text:
            return marked[0]  # not the same text after all (cut by no_match_size): keep one field's marks
        spans += other_spans
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    pieces, cursor = [], 0
    for start, end in merged:
        pieces += [text[cursor:start], _MARK_PRE, text[start:end], _MARK_POST]
        cursor = end
    return "".join([*pieces, text[cursor:]])


def _fragment(inner: dict[str, Any]) -> Fragment:
    source = inner["_source"]
    highlight = inner.get("highlight", {})
    # "quoted phrases" are marked in the exact subfield's version, other words in the analysed field's.
    versions = [*highlight.get("text.exact", ()), *highlight.get("text", ())]
    text = _merge_marks(versions) if versions else ""
    credit = next(iter(highlight.get("credit.text", ())), None)
    return Fragment(
        kind=str(source["kind"]),
        position=int(source["position"]),
        html=highlighted_html(str(text)),
        credit=highlighted_html(str(credit)) if credit else None,
    )


def _facets(aggregations: dict[str, Any]) -> dict[str, tuple[FacetBucket, ...]]:
    return {
        name: tuple(
            FacetBucket(value=str(bucket.get("key_as_string", bucket["key"])), count=int(bucket["doc_count"]))
            for bucket in aggregation["buckets"]
        )
        for name, aggregation in aggregations.items()
    }


def similar_articles(es: Elasticsearch, names: IndexNames, article_id: str, size: int = 10) -> tuple[SearchHit, ...]:
    """Articles that share the most distinctive words of this one's title and paragraphs (more-like-this)."""
    response = _run_search(es, names.articles_alias, build_similar(names, article_id, size))
    return tuple(_hit(hit) for hit in response["hits"]["hits"]) if response else ()


def get_article(es: Elasticsearch, names: IndexNames, article_id: str) -> dict[str, Any] | None:
    """The article as stored, or None when no article has this id (or nothing was ingested yet)."""
    if len(article_id.encode()) > MAX_ID_BYTES:
        return None  # Elasticsearch refuses longer ids (400): no article can have one
    with store_errors(es):
        response = es.options(ignore_status=404).get(index=names.articles_alias, id=article_id)
    return dict(response["_source"]) if response.get("found") else None


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
