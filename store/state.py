"""What has been ingested (so unchanged inputs are skipped next run) and what was rejected (so a person can list
it later). Both live in Elasticsearch, so every worker of a deployment sees the same state."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from elasticsearch import Elasticsearch, helpers

from store.mappings import SCHEMA_VERSION, replica_settings

Outcome = Literal["indexed", "rejected"]
_MGET_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class StateNames:
    state_alias: str
    rejections_alias: str


@dataclass(frozen=True, slots=True)
class InputState:
    """The last outcome recorded for one input (file, archive member or record), by uri."""

    uri: str
    sha256: str
    outcome: Outcome
    article_ids: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class StoredRejection:
    uri: str
    reason: str
    sha256: str
    rejected_at: str


def _doc_id(uri: str) -> str:
    return hashlib.sha256(uri.encode("utf-8")).hexdigest()[:32]


def _state_id(uri: str) -> str:
    """Keyed by the articles schema too: after a mapping change moves the aliases to new, empty indices, no
    input counts as ingested any more, and the next run fills the new indices."""
    return _doc_id(f"schema-v{SCHEMA_VERSION}\n{uri}")


def _keyword() -> dict[str, Any]:
    return {"type": "keyword", "ignore_above": 4096}


def ensure_state_indices(es: Elasticsearch, names: StateNames) -> None:
    mappings = {
        names.state_alias: {
            "dynamic": "strict",
            "properties": {
                "uri": _keyword(),
                "sha256": _keyword(),
                "outcome": _keyword(),
                "article_ids": _keyword(),
                "reason": {"type": "text"},
                "updated_at": {"type": "date"},
            },
        },
        names.rejections_alias: {
            "dynamic": "strict",
            "properties": {
                "uri": _keyword(),
                "reason": {"type": "text", "fields": {"keyword": _keyword()}},
                "sha256": _keyword(),
                "rejected_at": {"type": "date"},
            },
        },
    }
    for alias, mapping in mappings.items():
        index = f"{alias}-v1"
        if not es.indices.exists(index=index):
            es.options(ignore_status=400).indices.create(
                index=index,
                settings={"number_of_shards": 1, **replica_settings()},
                mappings=mapping,
                aliases={alias: {"is_write_index": True}},
            )


def load_states(es: Elasticsearch, names: StateNames, uris: Sequence[str]) -> dict[str, InputState]:
    states: dict[str, InputState] = {}
    for start in range(0, len(uris), _MGET_CHUNK):
        ids = [_state_id(uri) for uri in uris[start : start + _MGET_CHUNK]]
        if not ids:
            continue
        response = es.mget(index=names.state_alias, ids=ids)
        for doc in response["docs"]:
            if doc.get("found"):
                source = doc["_source"]
                states[source["uri"]] = InputState(
                    uri=source["uri"],
                    sha256=source["sha256"],
                    outcome=source["outcome"],
                    article_ids=tuple(source.get("article_ids") or ()),
                    reason=source.get("reason"),
                )
    return states


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _state_actions(names: StateNames, states: Iterable[InputState], now: str) -> Iterator[dict[str, Any]]:
    for state in states:
        yield {
            "_op_type": "index",
            "_index": names.state_alias,
            "_id": _state_id(state.uri),
            "_source": {
                "uri": state.uri,
                "sha256": state.sha256,
                "outcome": state.outcome,
                "article_ids": list(state.article_ids),
                "reason": state.reason,
                "updated_at": now,
            },
        }
        if state.outcome == "rejected":
            yield {
                "_op_type": "index",
                "_index": names.rejections_alias,
                # One entry per input version: re-rejecting the same bytes does not add a row.
                "_id": _doc_id(f"{state.uri}\n{state.sha256}"),
                "_source": {"uri": state.uri, "reason": state.reason, "sha256": state.sha256, "rejected_at": now},
            }


def record_states(es: Elasticsearch, names: StateNames, states: Sequence[InputState]) -> None:
    """Written only after the articles were acknowledged, so a crash before this re-processes the inputs."""
    if states:
        helpers.bulk(es, _state_actions(names, states, _now()), chunk_size=500, max_retries=5)


def list_rejections(es: Elasticsearch, names: StateNames, size: int = 100) -> list[StoredRejection]:
    response = es.options(ignore_status=404).search(
        index=names.rejections_alias, size=size, sort=[{"rejected_at": "desc"}, {"uri": "asc"}]
    )
    if response.meta.status == 404:
        return []
    return [StoredRejection(**hit["_source"]) for hit in response["hits"]["hits"]]


def drop_state(es: Elasticsearch, names: StateNames) -> None:
    """Delete the state and rejections indices (tests, and a user starting over)."""
    for alias in (names.state_alias, names.rejections_alias):
        es.options(ignore_status=404).indices.delete(index=f"{alias}-v1")


def refresh_state(es: Elasticsearch, names: StateNames) -> None:
    es.indices.refresh(index=[names.state_alias, names.rejections_alias])
