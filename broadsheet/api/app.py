"""The application factory: one Elasticsearch client per process, errors mapped to status codes with a message and
never a traceback."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from elasticsearch import Elasticsearch
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from broadsheet.settings import Settings, get_settings
from store.client import connect
from store.errors import StoreError
from store.indices import IndexNames
from store.queries import InvalidCursor

log = logging.getLogger(__name__)

UNAVAILABLE = "Elasticsearch is unavailable; try again shortly"


@dataclass(frozen=True, slots=True)
class Store:
    es: Elasticsearch
    names: IndexNames


def create_app(settings: Settings) -> FastAPI:
    from broadsheet.api.pages import router as pages_router
    from broadsheet.api.routes import router as api_router

    # One retry at most: a client waiting on a dead node is worse off than one told 503 at once. The client lives
    # as long as the process; it is not closed on lifespan shutdown because test harnesses run startup and
    # shutdown around every request of the same app.
    es = connect(settings.elasticsearch_url, settings.request_timeout, max_retries=1)
    app = FastAPI(
        title="Broadsheet search",
        summary="Read-only search over the Broadsheet news-article archive.",
        version="1",
    )
    app.state.store = Store(es=es, names=IndexNames(settings.articles_alias, settings.passages_alias))
    app.include_router(api_router)
    app.include_router(pages_router)
    _install_error_handlers(app)
    return app


def from_environment() -> FastAPI:
    """Factory for `uvicorn --factory` (and so for several worker processes): settings from the environment."""
    return create_app(get_settings())


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


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

    @app.exception_handler(StoreError)
    async def store_unavailable(_: Request, error: StoreError) -> JSONResponse:
        # The node's own message can name hosts and internals: it goes to the log, the client gets one line.
        log.warning("Elasticsearch unavailable: %s", error)
        return JSONResponse({"detail": UNAVAILABLE}, status_code=503)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)
