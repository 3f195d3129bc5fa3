"""Connecting to a node and probing it the way this core-only build allows (`/_cluster/health`, never `GET /`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from elasticsearch import Elasticsearch

from store.errors import StoreUnavailable, node_url, store_call, store_errors

# Statuses worth retrying at the transport level: overload and gateway hiccups, not client errors.
RETRY_ON_STATUS = (429, 502, 503, 504)


@dataclass(frozen=True, slots=True)
class NodeInfo:
    version: str
    modules: frozenset[str]
    # Hunspell locales the node has a dictionary for (config/hunspell/<locale>/), probed only on the core build.
    dictionaries: frozenset[str] = frozenset()

    @property
    def has_analysis_common(self) -> bool:
        return "analysis-common" in self.modules


def connect(urls: str | Sequence[str], timeout: float = 30.0, max_retries: int = 3) -> Elasticsearch:
    """A client for one node or several: `urls` as ELASTICSEARCH_URL gives them (comma-separated) or a list.
    With several, requests are spread over the nodes and a failed one is retried on another."""
    return Elasticsearch(
        _hosts(urls),
        request_timeout=timeout,
        max_retries=max_retries,
        retry_on_timeout=True,
        retry_on_status=RETRY_ON_STATUS,
    )


def cluster_status(es: Elasticsearch, wait_seconds: int = 0) -> str:
    """'green', 'yellow' or 'red'; raises StoreUnavailable when nothing answers."""
    params = {"wait_for_status": "yellow", "timeout": f"{wait_seconds}s"} if wait_seconds else {}
    with store_errors(es):
        # 408: still red or yellow-pending when the wait ran out; the body says which.
        health = es.options(ignore_status=408).cluster.health(**params)  # type: ignore[arg-type]
    return str(health["status"])


def require_healthy(es: Elasticsearch, wait_seconds: int = 10) -> None:
    status = cluster_status(es, wait_seconds)
    if status == "red":
        raise StoreUnavailable(f"Elasticsearch at {node_url(es)} is red (a primary shard is unassigned)")


@store_call
def node_info(es: Elasticsearch, dictionaries: Iterable[str] = ()) -> NodeInfo:
    """Version and modules of the first node (all nodes of a cluster run the same build), and which of these
    hunspell `dictionaries` it has when it lacks `analysis-common` (the language analyzers)."""
    nodes = es.nodes.info(metric="plugins", filter_path="nodes.*.version,nodes.*.modules.name")
    node = next(iter(nodes["nodes"].values()))
    modules = frozenset(str(module["name"]) for module in node.get("modules", []))
    info = NodeInfo(version=str(node["version"]), modules=modules)
    if info.has_analysis_common:
        return info
    found = frozenset(locale for locale in dictionaries if _has_dictionary(es, locale))
    return NodeInfo(version=info.version, modules=modules, dictionaries=found)


def _has_dictionary(es: Elasticsearch, locale: str) -> bool:
    """No API lists a node's dictionaries; analysing one word with the hunspell filter loads it or fails (400)."""
    response = es.options(ignore_status=400).indices.analyze(
        tokenizer="standard", filter=[{"type": "hunspell", "locale": locale}], text="a"
    )
    return response.meta.status == 200


def _hosts(urls: str | Sequence[str]) -> list[str]:
    listed = urls.split(",") if isinstance(urls, str) else urls
    return [url.strip() for url in listed if url.strip()]
