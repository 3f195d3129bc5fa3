"""What the API's routers share: the store handle each request gets, the limits on parameters, and the one line a
client gets when Elasticsearch is down. A module of its own so the application and its routers import it rather
than each other."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from store.search import Searcher

UNAVAILABLE = "Elasticsearch is unavailable; try again shortly"
MAX_TEXT = 1000  # characters of a query: longer is not a search a person typed
MAX_VALUE = 1024  # a filter value, as long as the keyword fields keep
MAX_CURSOR = 2048


def searcher_of(request: Request) -> Searcher:
    searcher: Searcher = request.app.state.searcher
    return searcher


SearcherDep = Annotated[Searcher, Depends(searcher_of)]
