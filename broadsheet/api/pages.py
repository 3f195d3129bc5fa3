"""The server-rendered search page and article page: plain HTML forms and links, no JavaScript.

Jinja escapes everything; the only markup let through is a fragment's `html`, which the store built by escaping
the passage first and adding <em> tags after (see `store.queries.highlighted_html`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from broadsheet.api.app import UNAVAILABLE, Store, store_of
from broadsheet.api.models import ValidationErrorOut
from broadsheet.api.routes import MAX_TEXT, MAX_VALUE
from store.errors import StoreError
from store.queries import (
    SEARCH_KINDS,
    InvalidCursor,
    SearchKind,
    SearchQuery,
    SearchResults,
    get_article,
    search,
    similar_articles,
)

router = APIRouter(default_response_class=HTMLResponse)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
StoreDep = Annotated[Store, Depends(store_of)]


def _link_target(url: str | None) -> str | None:
    """Only web addresses become links: a stored `javascript:` url must not be clickable."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"link_target": _link_target, **context}, status_code=status_code)


def _error(request: Request, message: str, status_code: int) -> HTMLResponse:
    return _page(request, "error.html", {"message": message}, status_code=status_code)


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


PAGE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _html("The cursor is not valid."),
    422: {"model": ValidationErrorOut, "description": "A parameter has the wrong type or range."},
    503: _html("Elasticsearch is unavailable."),
}


def _page_responses(own: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    return {**own, **PAGE_ERRORS}


@router.get("/", tags=["pages"], responses=_page_responses({200: _html("The search page.")}))
def search_page(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    kind: SearchKind = "any",
    site: Annotated[str | None, Query(max_length=MAX_VALUE)] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
) -> HTMLResponse:
    """The search page: a search box, kind and site filters, and results with their highlighted passages."""
    query = SearchQuery(text=q, kind=kind, site=site or None, cursor=cursor or None, facets=True)
    try:
        results = search(store.es, store.names, query)
    except InvalidCursor as error:
        return _error(request, f"cursor: {error}", 400)
    except StoreError:
        return _error(request, UNAVAILABLE, 503)
    context = {
        "query": query,
        "kinds": SEARCH_KINDS,
        "sites": _site_options(results, site),
        "results": results,
        "next_href": _next_href(query, results),
    }
    return _page(request, "search.html", context)


def _site_options(results: SearchResults, selected: str | None) -> list[str]:
    sites = [bucket.value for bucket in results.facets.get("site", ())]
    return sites if not selected or selected in sites else [selected, *sites]


def _next_href(query: SearchQuery, results: SearchResults) -> str | None:
    if not results.next_cursor:
        return None
    params = {"q": query.text, "kind": query.kind, "site": query.site or "", "cursor": results.next_cursor}
    return "/?" + urlencode(params)


@router.get(
    "/read/{article_id}",
    tags=["pages"],
    responses=_page_responses({200: _html("The article page."), 404: _html("No article has this id.")}),
)
def article_page(request: Request, store: StoreDep, article_id: str) -> HTMLResponse:
    """One article: its paragraphs, then its captions (with credits) and contributors, each shown apart."""
    try:
        article = get_article(store.es, store.names, article_id)
        similar = similar_articles(store.es, store.names, article_id, size=5) if article else ()
    except StoreError:
        return _error(request, UNAVAILABLE, 503)
    if article is None:
        return _error(request, f"No article with id {article_id!r}.", 404)
    return _page(request, "article.html", {"article": article, "similar": similar})
