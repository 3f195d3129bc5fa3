"""The application factory: one Elasticsearch client per process, errors mapped to status codes with a message and
never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from broadsheet.api.deps import UNAVAILABLE
from broadsheet.api.pages import router as pages_router
from broadsheet.api.routes import router as api_router
from broadsheet.settings import Settings, get_settings
from store.client import connect
from store.cursor import InvalidCursor
from store.errors import StoreError, StoreRefused
from store.indices import IndexNames
from store.search import Searcher, SearchTimedOut
from store.search_types import InvalidQuery

log = logging.getLogger(__name__)


def create_app(settings: Settings) -> FastAPI:
    # One retry at most: a client waiting on a dead node is worse off than one told 503 at once. The client lives
    # as long as the process; it is not closed on lifespan shutdown because test harnesses run startup and
    # shutdown around every request of the same app.
    es = connect(settings.elasticsearch_url, settings.request_timeout, max_retries=1)
    app = FastAPI(
        title="Broadsheet search",
        summary="Read-only search over the Broadsheet news-article archive.",
        version="1",
    )
    names = IndexNames(settings.articles_alias, settings.passages_alias)
    app.state.searcher = Searcher(es=es, names=names, budget=settings.search_budget)
    app.include_router(api_router)
    app.include_router(pages_router)
    _install_error_handlers(app)
    return app


def from_environment() -> FastAPI:
    """Factory for `uvicorn --factory` (and so for several worker processes): settings from the environment."""
    return create_app(get_settings())


def _parameter(location: tuple[object, ...]) -> str:
    """("query", "size") -> "size": clients know parameters by name, not by where FastAPI found them."""
    names = [str(part) for part in location if part not in ("query", "path", "body", "header")]
    return ".".join(names) or "request"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_parameters(_: Request, error: RequestValidationError) -> JSONResponse:
        errors = [{"parameter": _parameter(tuple(item["loc"])), "message": item["msg"]} for item in error.errors()]
        detail = "; ".join(f"{item['parameter']}: {item['message']}" for item in errors)
        return JSONResponse({"detail": detail, "errors": errors}, status_code=422)

    @app.exception_handler(InvalidCursor)
    async def invalid_cursor(_: Request, error: InvalidCursor) -> JSONResponse:
        return JSONResponse({"detail": f"cursor: {error}"}, status_code=400)

    @app.exception_handler(InvalidQuery)
    async def invalid_query(_: Request, error: InvalidQuery) -> JSONResponse:
        return JSONResponse({"detail": f"q: {error}"}, status_code=400)

    @app.exception_handler(StoreRefused)
    async def store_refused(_: Request, error: StoreRefused) -> JSONResponse:
        # A request the node can never accept is this search's words (the only user input it is built from);
        # a transient refusal (overload, a missing index) is an outage like any other.
        log.warning("Elasticsearch refused a request: %s", error)
        if error.transient:
            return JSONResponse({"detail": UNAVAILABLE}, status_code=503)
        return JSONResponse({"detail": "q: Elasticsearch refused this search"}, status_code=400)

    @app.exception_handler(SearchTimedOut)
    async def search_timed_out(_: Request, error: SearchTimedOut) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=504)

    @app.exception_handler(StoreError)
    async def store_unavailable(_: Request, error: StoreError) -> JSONResponse:
        # The node's own message can name hosts and internals: it goes to the log, the client gets one line.
        log.warning("Elasticsearch unavailable: %s", error)
        return JSONResponse({"detail": UNAVAILABLE}, status_code=503)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)
