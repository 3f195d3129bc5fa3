"""The JSON endpoints: search, one article, similar articles, health."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import JSONResponse, Response

from broadsheet.api.deps import MAX_CURSOR, MAX_TEXT, MAX_VALUE, SearcherDep
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
from store.search import Searcher, get_article, search, similar_articles
from store.search_types import MAX_ID_BYTES, SearchKind, SearchQuery

router = APIRouter()

HEALTH_TIMEOUT = 3.0  # seconds

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A parameter is inconsistent, a cursor is not valid, or q is too long."},
    422: {"model": ValidationErrorOut, "description": "A parameter is missing or has the wrong type or range."},
    503: {"model": ErrorOut, "description": "Elasticsearch is unavailable."},
    504: {"model": ErrorOut, "description": "The search took longer than its time budget."},
}
ARTICLE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No article has this id."},
    **ERRORS,
}

ArticleId = Annotated[str, Path(description="The article's id, as search hits give it.", max_length=MAX_ID_BYTES)]


def _bad_request(parameter: str, message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=f"{parameter}: {message}")


@router.get("/search", response_model=SearchOut, responses=ERRORS, tags=["search"])
def search_articles(
    searcher: SearcherDep,
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
        str | None, Query(max_length=MAX_CURSOR, description="`next_cursor` of the previous page, for the next one.")
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
    body = SearchOut.of(search(searcher, query), with_facets=query.facets)
    # Serialised here: returned as a model, FastAPI would dump it to a dict and validate it all over again before
    # serialising it; `response_model` still documents the shape, and the model was validated when built.
    return Response(body.model_dump_json(), media_type="application/json")


@router.get("/articles/{article_id}", response_model=StoredArticleOut, responses=ARTICLE_ERRORS, tags=["articles"])
def read_article(searcher: SearcherDep, article_id: ArticleId) -> dict[str, Any]:
    """The whole Article as stored."""
    return _stored(searcher, article_id)


@router.get("/articles/{article_id}/similar", response_model=SimilarOut, responses=ARTICLE_ERRORS, tags=["articles"])
def similar(
    searcher: SearcherDep,
    article_id: ArticleId,
    size: Annotated[int, Query(ge=1, le=100, description="Articles to return.")] = 10,
) -> SimilarOut:
    """Articles in the same language sharing the most distinctive words of this one's title and paragraphs."""
    hits = similar_articles(searcher, _stored(searcher, article_id), size)  # 404 for an unknown id, not []
    return SimilarOut(id=article_id, similar=[ArticleSummaryOut.of(hit) for hit in hits])


def _stored(searcher: Searcher, article_id: str) -> dict[str, Any]:
    article = get_article(searcher, article_id)
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
    return article


@router.get(
    "/healthz",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "Elasticsearch is down or red."}},
    tags=["health"],
)
def healthz(searcher: SearcherDep) -> Any:
    """The API answers; says whether Elasticsearch does too (503 when it is down or red)."""
    try:
        # Probes (load balancers, orchestrators) give up after a few seconds: answer within that, not after the
        # request timeout meant for searches.
        status = cluster_status(searcher.es.options(request_timeout=HEALTH_TIMEOUT))
    except StoreError:
        status = "unavailable"
    healthy = status in ("green", "yellow")
    body = HealthOut(status="ok" if healthy else "unavailable", elasticsearch=NodeHealthOut(status=status))
    return body if healthy else JSONResponse(body.model_dump(), status_code=503)
