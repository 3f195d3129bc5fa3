"""Query building and result shaping. User text only ever goes through `simple_query_string`, which never fails
on malformed syntax (unlike `query_string`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError

from store.client import StoreUnavailable
from store.indices import IndexNames

SearchKind = Literal["paragraph", "caption", "contributor", "any"]
HIGHLIGHT_PRE, HIGHLIGHT_POST = "<em>", "</em>"
_DISPLAY_SOURCE = ["article_id", "title", "site", "url", "published", "byline", "contributors"]


@dataclass(frozen=True, slots=True)
class Fragment:
    kind: str
    position: int
    html: str  # the passage with matches wrapped in <em>…</em>
    credit: str | None = None  # a caption's credit, highlighted the same way when it matched


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
class SearchResults:
    total: int
    hits: tuple[SearchHit, ...] = field(default=())


def _filters(kind: SearchKind, site: str | None, contributor: str | None) -> list[dict[str, Any]]:
    filters: list[dict[str, Any]] = []
    if kind != "any":
        filters.append({"term": {"kind": kind}})
    if site:
        filters.append({"term": {"site": site}})
    if contributor:
        filters.append({"term": {"contributors": contributor}})
    return filters


def build_passage_search(
    text: str,
    kind: SearchKind = "any",
    site: str | None = None,
    contributor: str | None = None,
    size: int = 10,
    fragments_per_article: int = 3,
) -> dict[str, Any]:
    """Best passages first, collapsed to one hit per article with its best few passages highlighted."""
    highlight = {
        "type": "unified",
        "pre_tags": [HIGHLIGHT_PRE],
        "post_tags": [HIGHLIGHT_POST],
        # Whole passages: a paragraph is the unit a reader wants to see in context.
        "number_of_fragments": 0,
        "fields": {"text": {}, "text.exact": {}, "credit.text": {}},
    }
    return {
        "query": {
            "bool": {
                "must": [
                    {
                        "simple_query_string": {
                            "query": text,
                            "fields": ["text", "credit.text"],
                            # "quoted phrases" match the unstemmed subfield: exact wording.
                            "quote_field_suffix": ".exact",
                            "default_operator": "and",
                        }
                    }
                ],
                "filter": _filters(kind, site, contributor),
            }
        },
        "collapse": {
            "field": "article_id",
            "inner_hits": {
                "name": "best",
                "size": fragments_per_article,
                "_source": ["kind", "position", "text", "credit"],
                "highlight": highlight,
            },
        },
        "_source": _DISPLAY_SOURCE,
        "size": size,
        "aggs": {"articles": {"cardinality": {"field": "article_id"}}},
        "track_total_hits": True,
    }


def search_passages(
    es: Elasticsearch,
    names: IndexNames,
    text: str,
    kind: SearchKind = "any",
    site: str | None = None,
    contributor: str | None = None,
    size: int = 10,
) -> SearchResults:
    body = build_passage_search(text, kind, site, contributor, size)
    try:
        response = es.search(index=names.passages_alias, body=body)
    except NotFoundError:
        return SearchResults(total=0)  # nothing ingested yet: an empty archive, not an error
    except (TransportError, ApiError) as error:
        raise StoreUnavailable(f"search failed: {error}") from error
    hits = tuple(_hit(hit) for hit in response["hits"]["hits"])
    total = int(response["aggregations"]["articles"]["value"])
    return SearchResults(total=total, hits=hits)


def _hit(hit: dict[str, Any]) -> SearchHit:
    source = hit["_source"]
    return SearchHit(
        article_id=str(source["article_id"]),
        score=float(hit.get("_score") or 0.0),
        title=source.get("title"),
        site=source.get("site"),
        url=source.get("url"),
        published=source.get("published"),
        byline=tuple(source.get("byline") or ()),
        contributors=tuple(source.get("contributors") or ()),
        fragments=tuple(_fragment(inner) for inner in hit["inner_hits"]["best"]["hits"]["hits"]),
    )


def _fragment(inner: dict[str, Any]) -> Fragment:
    source = inner["_source"]
    highlight = inner.get("highlight", {})
    pieces = highlight.get("text") or highlight.get("text.exact") or [source["text"]]
    return Fragment(
        kind=str(source["kind"]),
        position=int(source["position"]),
        html=str(pieces[0]),
        credit=(highlight.get("credit.text") or [source.get("credit")])[0],
    )


def get_article(es: Elasticsearch, names: IndexNames, article_id: str) -> dict[str, Any] | None:
    response = es.options(ignore_status=404).get(index=names.articles_alias, id=article_id)
    return dict(response["_source"]) if response.get("found") else None


@dataclass(frozen=True, slots=True)
class StoreCounts:
    articles: int
    passages: int


def count_documents(es: Elasticsearch, names: IndexNames) -> StoreCounts:
    return StoreCounts(
        articles=int(es.count(index=names.articles_alias)["count"]),
        passages=int(es.count(index=names.passages_alias)["count"]),
    )
