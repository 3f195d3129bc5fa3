"""The JSON endpoints: search, one article, similar articles, health."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import JSONResponse, Response

from broadsheet.api.app import Store, store_of
from broadsheet.api.models import (
    ArticleSummaryOut,
    ErrorOut,
    HealthOut,
    NodeHealthOut,
    SearchOut,
    SimilarOut,
    StoredArticleOut,
    ValidationErrorOut,
)
from store.client import cluster_status
from store.errors import StoreError
from store.queries import MAX_ID_BYTES, SearchKind, SearchQuery, get_article, search, similar_articles

router = APIRouter()

MAX_TEXT = 1000  # characters of a query: longer is not a search a person typed
MAX_VALUE = 1024  # a filter value, as long as the keyword fields keep
HEALTH_TIMEOUT = 3.0  # seconds

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A parameter is inconsistent or a cursor is not valid."},
    422: {"model": ValidationErrorOut, "description": "A parameter is missing or has the wrong type or range."},
    503: {"model": ErrorOut, "description": "Elasticsearch is unavailable."},
}
ARTICLE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No article has this id."},
    **ERRORS,
}

StoreDep = Annotated[Store, Depends(store_of)]
ArticleId = Annotated[str, Path(description="The article's id, as search hits give it.", max_length=MAX_ID_BYTES)]


def _bad_request(parameter: str, message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=f"{parameter}: {message}")


@router.get("/search", response_model=SearchOut, responses=ERRORS, tags=["search"])
def search_articles(
    store: StoreDep,
    q: Annotated[
        str,
        Query(max_length=MAX_TEXT, description='Words, "quoted phrases", -excluded, a | b, prefix*. Blank lists all.'),
    ] = "",
    kind: Annotated[SearchKind, Query(description="Which passages to search.")] = "any",
    site: Annotated[str | None, Query(max_length=MAX_VALUE, description="Only articles from this site.")] = None,
    contributor: Annotated[
        str | None, Query(max_length=MAX_VALUE, description="Only articles with this contributor.")
    ] = None,
    credit: Annotated[
        str | None, Query(max_length=MAX_VALUE, description="Only articles with a caption credited exactly so.")
    ] = None,
    published_from: Annotated[date | None, Query(description="Published on or after this day.")] = None,
    published_to: Annotated[date | None, Query(description="Published on or before this day.")] = None,
    size: Annotated[int, Query(ge=1, le=100, description="Articles per page.")] = 10,
    cursor: Annotated[
        str | None, Query(max_length=2048, description="`next_cursor` of the previous page, for the next one.")
    ] = None,
) -> Response:
    """Articles ranked by relevance, one per article, each with its best passages highlighted."""
    if published_from and published_to and published_from > published_to:
        raise _bad_request("published_from", f"{published_from} is after published_to ({published_to})")
    query = SearchQuery(
        text=q,
        kind=kind,
        site=site,
        contributor=contributor,
        credit=credit,
        published_from=published_from,
        published_to=published_to,
        size=size,
        cursor=cursor or None,
        facets=not cursor,
    )
    body = SearchOut.of(search(store.es, store.names, query), with_facets=query.facets)
    # Serialised here: returned as a model, FastAPI would dump it to a dict and validate it all over again before
    # serialising it; `response_model` still documents the shape, and the model was validated when built.
    return Response(body.model_dump_json(), media_type="application/json")


@router.get("/articles/{article_id}", response_model=StoredArticleOut, responses=ARTICLE_ERRORS, tags=["articles"])
def read_article(store: StoreDep, article_id: ArticleId) -> dict[str, Any]:
    """The whole Article as stored."""
    return _stored(store, article_id)


@router.get("/articles/{article_id}/similar", response_model=SimilarOut, responses=ARTICLE_ERRORS, tags=["articles"])
def similar(
    store: StoreDep,
    article_id: ArticleId,
    size: Annotated[int, Query(ge=1, le=100, description="Articles to return.")] = 10,
) -> SimilarOut:
    """Articles sharing the most distinctive words of this one's title and paragraphs (more-like-this)."""
    _stored(store, article_id)  # 404 for an unknown id rather than an empty list
    hits = similar_articles(store.es, store.names, article_id, size)
    return SimilarOut(id=article_id, similar=[ArticleSummaryOut.of(hit) for hit in hits])


def _stored(store: Store, article_id: str) -> dict[str, Any]:
    article = get_article(store.es, store.names, article_id)
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
    return article


@router.get(
    "/healthz",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "Elasticsearch is down or red."}},
    tags=["health"],
)
def healthz(store: StoreDep) -> Any:
    """The API answers; says whether Elasticsearch does too (503 when it is down or red)."""
    try:
        # Probes (load balancers, orchestrators) give up after a few seconds: answer within that, not after the
        # request timeout meant for searches.
        status = cluster_status(store.es.options(request_timeout=HEALTH_TIMEOUT))
    except StoreError:
        status = "unavailable"
    healthy = status in ("green", "yellow")
    body = HealthOut(status="ok" if healthy else "unavailable", elasticsearch=NodeHealthOut(status=status))
    return body if healthy else JSONResponse(body.model_dump(), status_code=503)
