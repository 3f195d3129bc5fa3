"""The server-rendered search page and article page: plain HTML forms and links, no JavaScript.

Jinja escapes everything; the only markup let through is a fragment's highlighted HTML, which `render` builds by
escaping the passage and adding <em> around the store's match spans. Facets are links that add their filter;
active filters are links that remove it; results are paged by number (the JSON API pages by cursor)."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from broadsheet.api.deps import MAX_TEXT, MAX_VALUE, UNAVAILABLE, SearcherDep
from broadsheet.api.models import ValidationErrorOut
from broadsheet.api.render import highlighted_html, readable_date, readable_month
from store.cursor import InvalidCursor
from store.errors import StoreError, StoreRefused
from store.search import SearchTimedOut, get_article, search, similar_articles
from store.search_types import SEARCH_KINDS, InvalidQuery, SearchKind, SearchQuery, SearchResults

router = APIRouter(default_response_class=HTMLResponse)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
PAGE_SIZE = 10
MAX_PAGE = 100  # pages are fetched by offset; deeper than this, narrow the search (or use the API's cursor)
# The filters a facet link can set, in the order the page lists the active ones.
FILTERS = ("kind", "site", "contributor", "credit", "published_from", "published_to")
# Facet (as the store names it) -> the parameter its links set.
FACET_PARAMETERS = (("kinds", "kind"), ("site", "site"), ("contributors", "contributor"), ("credits", "credit"))


def _link_target(url: str | None) -> str | None:
    """Only web addresses become links: a stored `javascript:` url must not be clickable."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    helpers = {
        "link_target": _link_target,
        "highlighted": highlighted_html,
        "readable_date": readable_date,
        "readable_month": readable_month,
    }
    return templates.TemplateResponse(request, name, {**helpers, **context}, status_code=status_code)


def _error(request: Request, message: str, status_code: int) -> HTMLResponse:
    return _page(request, "error.html", {"message": message}, status_code=status_code)


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


PAGE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _html("The search has too many words, or Elasticsearch refused it."),
    422: {"model": ValidationErrorOut, "description": "A parameter has the wrong type or range."},
    503: _html("Elasticsearch is unavailable."),
    504: _html("The search took longer than its time budget."),
}


def _page_responses(own: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    return {**own, **PAGE_ERRORS}


def href(params: Mapping[str, object]) -> str:
    """A link to the search page with these parameters (empty ones left out, "any" kind too)."""
    kept = {name: str(value) for name, value in params.items() if value not in (None, "", "any")}
    return "/?" + urlencode(kept) if kept else "/"


def _month_range(month: str) -> tuple[str, str] | None:
    """ "2023-05" -> ("2023-05-01", "2023-05-31")."""
    try:
        year, number = (int(part) for part in month.split("-"))
        last = calendar.monthrange(year, number)[1]
    except ValueError:
        return None
    return date(year, number, 1).isoformat(), date(year, number, last).isoformat()


def facet_links(current: dict[str, object], results: SearchResults) -> dict[str, list[tuple[str, int, str]]]:
    """Per facet, (label, count, link that narrows the search to it), for the values not already chosen."""
    links: dict[str, list[tuple[str, int, str]]] = {}
    for facet, parameter in FACET_PARAMETERS:
        links[facet] = [
            (bucket.value, bucket.count, href({**current, parameter: bucket.value, "page": None}))
            for bucket in results.facets.get(facet, ())
            if current.get(parameter) != bucket.value
        ]
    months = []
    for bucket in results.facets.get("published", ()):
        bounds = _month_range(bucket.value)
        if bounds:
            narrowed = {**current, "published_from": bounds[0], "published_to": bounds[1], "page": None}
            months.append((readable_month(bucket.value), bucket.count, href(narrowed)))
    links["published"] = months
    return links


def active_filters(current: dict[str, object]) -> list[tuple[str, str, str]]:
    """(filter, value, link without it) for each filter in use."""
    return [
        (name.replace("_", " "), str(current[name]), href({**current, name: None, "page": None}))
        for name in FILTERS
        if current.get(name) not in (None, "", "any")
    ]


def paging(current: dict[str, object], page: int, total: int) -> dict[str, Any]:
    pages = min(MAX_PAGE, max(1, -(-total // PAGE_SIZE)))
    window = range(max(1, page - 3), min(pages, page + 3) + 1)
    return {
        "page": page,
        "pages": pages,
        "previous": href({**current, "page": page - 1 if page > 2 else None}) if page > 1 else None,
        "next": href({**current, "page": page + 1}) if page < pages else None,
        "numbers": [(number, href({**current, "page": number if number > 1 else None})) for number in window],
    }


@router.get("/", tags=["pages"], responses=_page_responses({200: _html("The search page.")}))
def search_page(
    request: Request,
    searcher: SearcherDep,
    q: Annotated[str, Query(max_length=MAX_TEXT)] = "",
    kind: SearchKind = "any",
    site: Annotated[str | None, Query(max_length=MAX_VALUE)] = None,
    contributor: Annotated[str | None, Query(max_length=MAX_VALUE)] = None,
    credit: Annotated[str | None, Query(max_length=MAX_VALUE)] = None,
    published_from: date | None = None,
    published_to: date | None = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    """The search page: a search box, filters, facet counts that narrow the search, and numbered result pages."""
    query = SearchQuery(
        text=q,
        kind=kind,
        site=site or None,
        contributor=contributor or None,
        credit=credit or None,
        published_from=published_from,
        published_to=published_to,
        size=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        facets=True,
    )
    try:
        results = search(searcher, query)
    except (InvalidCursor, InvalidQuery) as error:
        return _error(request, f"This search cannot be run: {error}.", 400)
    except StoreRefused as error:
        if error.transient:
            return _error(request, UNAVAILABLE, 503)
        return _error(request, "Elasticsearch refused this search.", 400)
    except SearchTimedOut as error:
        return _error(request, f"Sorry, {error}.", 504)
    except StoreError:
        return _error(request, UNAVAILABLE, 503)
    current: dict[str, object] = {
        "q": q,
        "kind": kind,
        "site": site,
        "contributor": contributor,
        "credit": credit,
        "published_from": published_from,
        "published_to": published_to,
    }
    context = {
        "query": query,
        "kinds": SEARCH_KINDS,
        "sites": _site_options(results, site),
        "results": results,
        "facets": facet_links(current, results),
        "active": active_filters(current),
        "hidden": {name: current[name] for name in ("contributor", "credit", "published_from", "published_to")},
        "paging": paging(current, page, results.total),
    }
    return _page(request, "search.html", context)


def _site_options(results: SearchResults, selected: str | None) -> list[str]:
    sites = [bucket.value for bucket in results.facets.get("site", ())]
    return sites if not selected or selected in sites else [selected, *sites]


@router.get(
    "/read/{article_id}",
    tags=["pages"],
    responses=_page_responses({200: _html("The article page."), 404: _html("No article has this id.")}),
)
def article_page(request: Request, searcher: SearcherDep, article_id: str) -> HTMLResponse:
    """One article: its paragraphs, then its captions (with credits) and contributors, each shown apart."""
    try:
        article = get_article(searcher, article_id)
        similar = similar_articles(searcher, article, size=5) if article else ()
    except StoreError:
        return _error(request, UNAVAILABLE, 503)
    if article is None:
        return _error(request, f"No article with id {article_id!r}.", 404)
    return _page(request, "article.html", {"article": article, "similar": similar})
