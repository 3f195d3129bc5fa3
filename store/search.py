"""Running searches and shaping their answers: ranked articles with highlighted passages, facets, the next cursor;
one stored article; similar articles. Every Elasticsearch failure leaves this module as a store error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from elasticsearch import ConnectionTimeout, Elasticsearch, NotFoundError

from store.cursor import decode_cursor, encode_cursor
from store.documents import article_from_source, article_group
from store.errors import StoreUnavailable, store_errors
from store.highlights import from_marked
from store.languages import GROUPS
from store.mappings import ANALYZED_AS
from store.names import IndexNames
from store.search_dsl import article_search, fragment_search, similar_search
from store.search_types import (
    MAX_ID_BYTES,
    FacetBucket,
    Fragment,
    SearchHit,
    SearchQuery,
    SearchResults,
)

DEFAULT_BUDGET = 2.0  # seconds Elasticsearch may spend on one search before it stops and we say so
CLIENT_GRACE_S = 1.0


class SearchTimedOut(StoreUnavailable):
    """The search did not finish within its time budget; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Searcher:
    """An Elasticsearch client, the aliases it searches, and the time budget of each search."""

    es: Elasticsearch
    names: IndexNames
    budget: float = DEFAULT_BUDGET
    # False only to measure what stemming brings: query words are then matched as the index analysed them, with
    # no word beginnings (bench/relevance_bench.py, next to indices built without stemming).
    stemming: bool = True

    def run(self, index: str, body: dict[str, Any]) -> dict[str, Any] | None:
        """The response, or None when the index does not exist yet (nothing ingested: empty, not an error).

        Elasticsearch stops a search at the budget and answers `timed_out`; the client gives up soon after,
        for a node too busy to answer even that (closing the connection cancels the search there), and does not
        send it again: a search that took too long would take too long twice."""
        grace = min(CLIENT_GRACE_S, self.budget)
        timed = self.es.options(request_timeout=self.budget + grace, retry_on_timeout=False)
        # Any other failure leaves as a store error: a query the node will not run is a `StoreRefused` that is
        # not transient, an outage a `StoreUnavailable`.
        with store_errors(self.es):
            try:
                response = dict(timed.search(index=index, body=body))
            except NotFoundError:
                return None
            except ConnectionTimeout as error:
                raise self._timed_out() from error
        if response.get("timed_out"):
            raise self._timed_out()
        return response

    @property
    def budget_text(self) -> str:
        return f"{max(1, round(self.budget * 1000))}ms"

    def _timed_out(self) -> SearchTimedOut:
        return SearchTimedOut(
            f"the search took longer than its {self.budget:g} s budget; try fewer words or a narrower filter"
        )


def search(searcher: Searcher, query: SearchQuery) -> SearchResults:
    query.check()
    search_after = decode_cursor(query.cursor, query) if query.cursor else None
    response = searcher.run(
        searcher.names.articles_alias, article_search(query, search_after, searcher.budget_text, searcher.stemming)
    )
    if response is None:
        return SearchResults(total=0)
    raw_hits = response["hits"]["hits"]
    page = raw_hits[: query.size]
    fragments = _fragments_by_article(searcher, query, [str(hit["_id"]) for hit in page], _groups(page))
    has_more = len(raw_hits) > query.size
    return SearchResults(
        total=int(response["hits"]["total"]["value"]),
        hits=tuple(_hit(hit, fragments.get(str(hit["_id"]), ())) for hit in page),
        facets=_facets(response.get("aggregations", {})),
        next_cursor=encode_cursor(page[-1]["sort"], query) if has_more else None,
    )


def _groups(page: list[dict[str, Any]]) -> frozenset[str]:
    """The languages the page's articles were analysed in (every one, for a document that does not say)."""
    found = [hit["_source"].get(ANALYZED_AS) for hit in page]
    return frozenset(GROUPS) if None in found else frozenset(str(group) for group in found)


def _fragments_by_article(
    searcher: Searcher, query: SearchQuery, article_ids: list[str], groups: frozenset[str]
) -> dict[str, tuple[Fragment, ...]]:
    if not article_ids or not query.text.strip():
        return {}  # a browse without words has no matches to show
    body = fragment_search(query, article_ids, searcher.budget_text, searcher.stemming, groups)
    response = searcher.run(searcher.names.passages_alias, body)
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


def _fragment(inner: dict[str, Any]) -> Fragment:
    source = inner["_source"]
    highlight = inner.get("highlight", {})
    text = next(iter(highlight.get("text", ())), "")
    credit = next(iter(highlight.get("credit", ())), None)
    return Fragment(
        kind=str(source["kind"]),
        position=int(source["position"]),
        text=from_marked(str(text)),
        credit=from_marked(str(credit)) if credit else None,
    )


def _buckets(aggregation: dict[str, Any]) -> tuple[FacetBucket, ...]:
    buckets = aggregation["buckets"]
    if isinstance(buckets, dict):  # a `filters` aggregation: named buckets, kept in their order, empty ones left out
        counts = {name: int(bucket["doc_count"]) for name, bucket in buckets.items()}
        return tuple(FacetBucket(value=name, count=count) for name, count in counts.items() if count)
    return tuple(
        FacetBucket(value=str(bucket.get("key_as_string", bucket["key"])), count=int(bucket["doc_count"]))
        for bucket in buckets
    )


def _facets(aggregations: dict[str, Any]) -> dict[str, tuple[FacetBucket, ...]]:
    return {name: _buckets(aggregation) for name, aggregation in aggregations.items()}


def similar_articles(searcher: Searcher, stored: dict[str, Any], size: int = 10) -> tuple[SearchHit, ...]:
    """Articles in the same language that share the most distinctive words of this one's title and paragraphs
    (more-like-this). `stored`: the article as `get_article` returned it."""
    article = article_from_source(stored)
    group = article_group(article)
    # An artificial document in the article's language fields: the stored copy keeps them out of `_source`.
    like = {
        "_index": searcher.names.articles_alias,
        "doc": {"i18n": {group: {"title": article.title or "", "paragraphs": list(article.paragraphs)}}},
    }
    body = similar_search(article.id, group, like, size, searcher.budget_text)
    response = searcher.run(searcher.names.articles_alias, body)
    return tuple(_hit(hit) for hit in response["hits"]["hits"]) if response else ()


def get_article(searcher: Searcher, article_id: str) -> dict[str, Any] | None:
    """The article as stored, or None when no article has this id (or nothing was ingested yet)."""
    if len(article_id.encode("utf-8", errors="replace")) > MAX_ID_BYTES:
        return None  # Elasticsearch refuses longer ids (400): no article can have one
    with store_errors(searcher.es):
        response = searcher.es.options(ignore_status=404).get(index=searcher.names.articles_alias, id=article_id)
    return dict(response["_source"]) if response.get("found") else None
