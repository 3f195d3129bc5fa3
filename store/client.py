"""Connecting to a node and probing it the way this core-only build allows (`/_cluster/health`, never `GET /`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from elasticsearch import ApiError, Elasticsearch, TransportError

# Statuses worth retrying at the transport level: overload and gateway hiccups, not client errors.
RETRY_ON_STATUS = (429, 502, 503, 504)


class StoreUnavailable(Exception):
    """The node cannot be reached or is not healthy; the message is one line a person can act on."""


@dataclass(frozen=True, slots=True)
class NodeInfo:
    version: str
    modules: frozenset[str]
    # Hunspell locales the node has a dictionary for (config/hunspell/<locale>/), probed only on the core build.
    dictionaries: frozenset[str] = frozenset()

    @property
    def has_analysis_common(self) -> bool:
        return "analysis-common" in self.modules


def connect(url: str, timeout: float = 30.0, max_retries: int = 3) -> Elasticsearch:
    return Elasticsearch(
        url,
        request_timeout=timeout,
        max_retries=max_retries,
        retry_on_timeout=True,
        retry_on_status=RETRY_ON_STATUS,
    )


def cluster_status(es: Elasticsearch, wait_seconds: int = 0) -> str:
    """'green', 'yellow' or 'red'; raises StoreUnavailable when nothing answers."""
    try:
        params = {"wait_for_status": "yellow", "timeout": f"{wait_seconds}s"} if wait_seconds else {}
        health = es.options(ignore_status=408).cluster.health(**params)  # type: ignore[arg-type]
    except (TransportError, ApiError) as error:
        raise StoreUnavailable(_describe(es, error)) from error
    return str(health["status"])


def require_healthy(es: Elasticsearch, wait_seconds: int = 10) -> None:
    status = cluster_status(es, wait_seconds)
    if status == "red":
        raise StoreUnavailable(f"Elasticsearch at {_url(es)} is red (a primary shard is unassigned)")


def node_info(es: Elasticsearch, dictionaries: Iterable[str] = ()) -> NodeInfo:
    """Version and modules of the first node (all nodes of a cluster run the same build), and which of these
    hunspell `dictionaries` it has when it lacks `analysis-common` (the language analyzers)."""
    try:
        nodes = es.nodes.info(metric="plugins", filter_path="nodes.*.version,nodes.*.modules.name")
    except (TransportError, ApiError) as error:
        raise StoreUnavailable(_describe(es, error)) from error
    node = next(iter(nodes["nodes"].values()))
    modules = frozenset(str(module["name"]) for module in node.get("modules", []))
    info = NodeInfo(version=str(node["version"]), modules=modules)
    if info.has_analysis_common:
        return info
    found = frozenset(locale for locale in dictionaries if _has_dictionary(es, locale))
    return NodeInfo(version=info.version, modules=modules, dictionaries=found)


def _has_dictionary(es: Elasticsearch, locale: str) -> bool:
    """No API lists a node's dictionaries; analysing one word with the hunspell filter loads it or fails (400)."""
    try:
        response = es.options(ignore_status=400).indices.analyze(
            tokenizer="standard", filter=[{"type": "hunspell", "locale": locale}], text="a"
        )
    except (TransportError, ApiError) as error:
        raise StoreUnavailable(_describe(es, error)) from error
    return response.meta.status == 200


def _url(es: Elasticsearch) -> str:
    node = es.transport.node_pool.get()
    return f"{node.config.scheme}://{node.config.host}:{node.config.port}"


def _describe(es: Elasticsearch, error: Exception) -> str:
    if isinstance(error, ApiError):
        return f"Elasticsearch at {_url(es)} answered {error.meta.status}: {error.message}"
    return f"Elasticsearch is not reachable at {_url(es)} ({type(error).__name__})"
