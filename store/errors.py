"""The store's own errors: nothing from the Elasticsearch client leaves `store/`.

Three kinds, by what the caller should do about them:

- `StoreUnavailable`: nothing answered, or the cluster cannot serve (connection refused, timeout, 5xx, red).
  Transient: retry, or leave the work for the next run.
- `StoreRefused`: the node answered and said no. `transient` tells the two cases apart: a write block (the
  flood-stage disk watermark), overload (429) or a missing index are transient; a request the node can never
  accept (a malformed query, a document that does not fit the mapping) is not.
- `StoreConflict`: what the request would create or change conflicts with what is stored (an index that exists
  with another mapping, a version conflict).

Every message is one line a person can act on, naming the node's URL.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from elasticsearch import ApiError, ConflictError, Elasticsearch, TransportError
from elasticsearch.helpers import BulkIndexError

P = ParamSpec("P")
R = TypeVar("R")

# Document-level error types that no retry can cure: the document itself does not fit the index.
PERMANENT_DOCUMENT_ERRORS = frozenset(
    {
        "mapper_parsing_exception",
        "document_parsing_exception",
        "strict_dynamic_mapping_exception",
        "illegal_argument_exception",
        "mapper_exception",
        "version_conflict_engine_exception",
    }
)
DISK_WATERMARK_HELP = (
    "the disk is nearly full: Elasticsearch passed its flood-stage disk watermark and made the indices read-only "
    "(index.blocks.read_only_allow_delete). Free disk space; Elasticsearch lifts the block by itself once usage "
    "falls below the high watermark, or lift it by hand with "
    'PUT /_all/_settings {"index.blocks.read_only_allow_delete": null}'
)


class StoreError(Exception):
    """Base of the store's errors; `str()` is one line for a person."""

    transient = True


class StoreUnavailable(StoreError):
    """Nothing answered in time, or the cluster cannot serve the request now."""


class StoreRefused(StoreError):
    """The node answered and refused; `transient` is False when the same request can never succeed."""

    def __init__(self, message: str, transient: bool = True) -> None:
        super().__init__(message)
        self.transient = transient


class StoreConflict(StoreError):
    """The request conflicts with what is stored."""

    transient = False


def node_url(es: Elasticsearch) -> str:
    """Every node the client knows (a dead one too: the person checks them), comma-separated."""
    nodes = es.transport.node_pool.all()
    return ", ".join(f"{node.config.scheme}://{node.config.host}:{node.config.port}" for node in nodes)


def is_write_block(error_type: str | None, reason: str | None) -> bool:
    return error_type == "cluster_block_exception" and "read-only" in (reason or "")


def is_permanent_document_error(status: int, error_type: str | None) -> bool:
    """A per-document bulk failure that a later run could not fix (a rejection of its input), as opposed to a
    block, overload or unavailable shard (the input is left for the next run)."""
    return status == 400 or (error_type or "") in PERMANENT_DOCUMENT_ERRORS


def refused_writes(url: str, error_type: str | None, reason: str | None) -> StoreRefused:
    """The error for writes refused as a whole (every document of a request failed for a transient reason)."""
    if is_write_block(error_type, reason):
        return StoreRefused(f"Elasticsearch at {url} refused writes: {DISK_WATERMARK_HELP}")
    return StoreRefused(f"Elasticsearch at {url} refused writes ({error_type}: {_first_line(reason)})")


def translate(es: Elasticsearch, error: Exception) -> StoreError:
    """The store error for a client exception."""
    url = node_url(es)
    if isinstance(error, BulkIndexError):
        return _bulk_error(url, error)
    if isinstance(error, ConflictError):
        return StoreConflict(f"Elasticsearch at {url} reported a conflict: {_api_reason(error)}")
    if isinstance(error, ApiError):
        return _api_error(url, error)
    return StoreUnavailable(f"Elasticsearch is not reachable at {url} ({type(error).__name__})")


def _api_error(url: str, error: ApiError) -> StoreError:
    status = error.meta.status
    error_type, reason = _api_type(error), _api_reason(error)
    if is_write_block(error_type, reason):
        return refused_writes(url, error_type, reason)
    if status in (429, 403, 404):
        return StoreRefused(f"Elasticsearch at {url} answered {status}: {reason}")
    if status >= 500 or status == 408:
        return StoreUnavailable(f"Elasticsearch at {url} cannot serve the request now ({status}: {reason})")
    return StoreRefused(f"Elasticsearch at {url} refused the request ({status}: {reason})", transient=False)


def _bulk_error(url: str, error: BulkIndexError) -> StoreError:
    first = error.errors[0] if error.errors else {}
    result: Any = next(iter(first.values()), {}) if isinstance(first, dict) else {}
    details = result.get("error") if isinstance(result, dict) else None
    error_type = details.get("type") if isinstance(details, dict) else None
    reason = details.get("reason") if isinstance(details, dict) else str(details)
    status = int(result.get("status", 0)) if isinstance(result, dict) else 0
    if is_permanent_document_error(status, error_type):
        return StoreRefused(f"Elasticsearch at {url} refused a document ({error_type}: {reason})", transient=False)
    return refused_writes(url, error_type, reason)


def _api_type(error: ApiError) -> str | None:
    body = error.body
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("type"))
    return None


def _api_reason(error: ApiError) -> str:
    body = error.body
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return _first_line(str(body["error"].get("reason") or error.message))
    return _first_line(str(error.message))


def _first_line(text: str | None) -> str:
    lines = (text or "").strip().splitlines()
    return lines[0][:300] if lines else ""


@contextmanager
def store_errors(es: Elasticsearch) -> Iterator[None]:
    """Turn any client exception raised inside into the store's own error."""
    try:
        yield
    except StoreError:
        raise
    except (ApiError, TransportError, BulkIndexError) as error:
        raise translate(es, error) from error


def store_call(function: Callable[P, R]) -> Callable[P, R]:
    """Decorator for store functions whose first argument is the client: no client exception escapes.
    Not for generators (it would guard only their creation): they use `store_errors` around their body."""
    if inspect.isgeneratorfunction(function):
        raise TypeError(f"{function.__name__} is a generator: use `with store_errors(es):` inside it")

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        es = args[0] if args else kwargs.get("es")
        if not isinstance(es, Elasticsearch):
            raise TypeError(f"{function.__name__}: the first argument must be the Elasticsearch client")
        with store_errors(es):
            return function(*args, **kwargs)

    return wrapper


def allow_already_exists(es: Elasticsearch, response: Any) -> None:
    """For an index created with `ignore_status=400`: two runs starting at once may both create it, so only
    "already exists" is not an error; any other 400 (a bad setting or mapping) is."""
    if response.meta.status != 400:
        return
    body = response.body
    error = body.get("error") if isinstance(body, dict) else None
    error_type = error.get("type") if isinstance(error, dict) else None
    if error_type != "resource_already_exists_exception":
        reason = error.get("reason") if isinstance(error, dict) else body
        raise StoreRefused(f"Elasticsearch at {node_url(es)} refused to create an index: {reason}", transient=False)
