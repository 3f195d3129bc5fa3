"""What has been ingested (so unchanged inputs are skipped next run, and an article is deleted only when no
input still yields it) and what was rejected (so a person can list it later). Both live in Elasticsearch, so
every worker of a deployment sees the same state.

One state document per input and articles schema: its uri, the dump file it is in, the digest of its bytes, the
outcome, and the ids of the articles it yields. Those ids are the reference counts of the store: an article
stays while any input's latest state lists it.

A distributed run defers deletions: its workers note the articles their inputs dropped (in a small index of
pending drops, before recording the states that drop them) and the flow deletes the unheld ones once every
worker has finished. A note outlives a worker or a flow that dies, so the next run deletes what this one could not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from elasticsearch import Elasticsearch, helpers

from store.errors import (
    StoreRefused,
    allow_already_exists,
    is_permanent_document_error,
    node_url,
    refused_writes,
    store_call,
    store_errors,
)
from store.indices import point_alias
from store.mappings import SCHEMA_VERSION, replica_settings
from transforms.model import RejectionCode

Outcome = Literal["indexed", "rejected"]
_MGET_CHUNK = 1000
_TERMS_CHUNK = 10_000  # well under Elasticsearch's default max_terms_count (65,536)
_NOTE_URIS = 100  # a note names the first inputs that dropped its articles (for a person looking into it)
# 2: real-path identities, the dump file of each input, rejection codes, the articles schema as a field.
STATE_INDEX_VERSION = 2


@dataclass(frozen=True, slots=True)
class StateNames:
    state_alias: str
    rejections_alias: str

    @property
    def state_index(self) -> str:
        return f"{self.state_alias}-v{STATE_INDEX_VERSION}"

    @property
    def rejections_index(self) -> str:
        return f"{self.rejections_alias}-v{STATE_INDEX_VERSION}"

    @property
    def pending_alias(self) -> str:
        return f"{self.state_alias}-pending"

    @property
    def pending_index(self) -> str:
        return f"{self.pending_alias}-v{STATE_INDEX_VERSION}"


@dataclass(frozen=True, slots=True)
class InputState:
    """The last outcome recorded for one input (file, archive member or record), by uri."""

    uri: str
    sha256: str
    outcome: Outcome
    article_ids: tuple[str, ...] = ()
    code: RejectionCode | None = None
    reason: str | None = None
    file: str = ""
    # The distributed run that recorded it ("" for a local run): a task redone after its worker was lost
    # tells the inputs its first attempt recorded from those an earlier run did.
    run: str = ""


@dataclass(frozen=True, slots=True)
class PendingDrops:
    """Notes of articles that inputs no longer yield, not yet deleted: `note_ids` to clear once dealt with."""

    note_ids: tuple[str, ...] = ()
    article_ids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class StoredRejection:
    uri: str
    code: str
    reason: str
    sha256: str
    rejected_at: str


def _doc_id(key: str) -> str:
    # surrogateescape: a uri is printable text, but a caller's key must never stop a run.
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _state_id(uri: str) -> str:
    """Keyed by the articles schema too: after a mapping change moves the aliases to new, empty indices, no
    input counts as ingested any more, and the next run fills the new indices."""
    return _doc_id(f"schema-v{SCHEMA_VERSION}\n{uri}")


def _keyword() -> dict[str, Any]:
    return {"type": "keyword", "ignore_above": 4096}


def _mappings() -> dict[str, dict[str, Any]]:
    return {
        "state": {
            "dynamic": "strict",
            "properties": {
                "uri": _keyword(),
                "file": _keyword(),
                "sha256": _keyword(),
                "outcome": _keyword(),
                "article_ids": _keyword(),
                "code": _keyword(),
                "reason": {"type": "text"},
                "schema_version": {"type": "integer"},
                "updated_at": {"type": "date"},
                "run": _keyword(),
            },
        },
        "pending": {
            "dynamic": "strict",
            "properties": {
                "article_ids": _keyword(),
                "uris": _keyword(),
                "noted_at": {"type": "date"},
            },
        },
        "rejections": {
            "dynamic": "strict",
            "properties": {
                "uri": _keyword(),
                "file": _keyword(),
                "code": _keyword(),
                "reason": {"type": "text", "fields": {"keyword": _keyword()}},
                "sha256": _keyword(),
                "rejected_at": {"type": "date"},
            },
        },
    }


@store_call
def ensure_state_indices(es: Elasticsearch, names: StateNames) -> None:
    """Idempotent. An older version's index is left out of the alias and deleted: the state it held is only a
    cache of what was ingested (the next run re-reads those inputs once, under their real paths)."""
    mappings = _mappings()
    for alias, index, mapping in (
        (names.state_alias, names.state_index, mappings["state"]),
        (names.rejections_alias, names.rejections_index, mappings["rejections"]),
        (names.pending_alias, names.pending_index, mappings["pending"]),
    ):
        if not es.indices.exists(index=index):
            response = es.options(ignore_status=400).indices.create(
                index=index,
                settings={"number_of_shards": 1, **replica_settings()},
                mappings=mapping,
            )
            allow_already_exists(es, response)
        else:
            # Fields added within a version (`run`) are added to an index an earlier release created.
            es.indices.put_mapping(index=index, properties=mapping["properties"])
        point_alias(es, alias, index, delete_old=True)


def _state(source: dict[str, Any]) -> InputState:
    code = source.get("code")
    return InputState(
        uri=source["uri"],
        sha256=source["sha256"],
        outcome=source["outcome"],
        article_ids=tuple(source.get("article_ids") or ()),
        code=RejectionCode(code) if code else None,
        reason=source.get("reason"),
        file=source.get("file") or source["uri"],
        run=source.get("run") or "",
    )


@store_call
def load_states(es: Elasticsearch, names: StateNames, uris: Sequence[str]) -> dict[str, InputState]:
    states: dict[str, InputState] = {}
    for start in range(0, len(uris), _MGET_CHUNK):
        ids = [_state_id(uri) for uri in uris[start : start + _MGET_CHUNK]]
        if not ids:
            continue
        response = es.mget(index=names.state_alias, ids=ids)
        for doc in response["docs"]:
            if doc.get("found"):
                state = _state(doc["_source"])
                states[state.uri] = state
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
                "file": state.file or state.uri,
                "sha256": state.sha256,
                "outcome": state.outcome,
                "article_ids": list(state.article_ids),
                "code": state.code.value if state.code else None,
                "reason": state.reason,
                "schema_version": SCHEMA_VERSION,
                "updated_at": now,
                "run": state.run or None,
            },
        }
        if state.outcome == "rejected":
            yield {
                "_op_type": "index",
                "_index": names.rejections_alias,
                # One entry per input version: re-rejecting the same bytes does not add a row.
                "_id": _doc_id(f"{state.uri}\n{state.sha256}"),
                "_source": {
                    "uri": state.uri,
                    "file": state.file or state.uri,
                    "code": state.code.value if state.code else None,
                    "reason": state.reason,
                    "sha256": state.sha256,
                    "rejected_at": now,
                },
            }


@store_call
def record_states(es: Elasticsearch, names: StateNames, states: Sequence[InputState]) -> None:
    """Written only after the articles were acknowledged, so a crash before this re-processes the inputs.
    Raises `StoreRefused` unless every state was written."""
    if not states:
        return
    actions = _state_actions(names, states, _now())
    for ok, item in helpers.streaming_bulk(es, actions, chunk_size=500, max_retries=3, raise_on_error=False):
        if not ok:
            result = next(iter(item.values()))
            error = result.get("error") or {}
            error_type, reason = error.get("type"), error.get("reason")
            if is_permanent_document_error(int(result.get("status", 0)), error_type):
                raise StoreRefused(f"Elasticsearch at {node_url(es)} refused an ingest state ({reason})", False)
            raise refused_writes(node_url(es), error_type, reason)


def _current_schema() -> dict[str, Any]:
    return {"term": {"schema_version": SCHEMA_VERSION}}


@store_call
def held_article_ids(
    es: Elasticsearch, names: StateNames, article_ids: Iterable[str], excluding: Iterable[str] = ()
) -> set[str]:
    """Those of `article_ids` that the latest state of some input, other than the `excluding` uris, still
    lists. Refreshes the state index first, so states recorded earlier in this run count."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return set()
    es.indices.refresh(index=names.state_alias)
    excluded = sorted(set(excluding))
    held: set[str] = set()
    for start in range(0, len(wanted), _TERMS_CHUNK):
        chunk = wanted[start : start + _TERMS_CHUNK]
        query = {
            "bool": {
                "filter": [_current_schema(), {"terms": {"article_ids": chunk}}],
                "must_not": [{"terms": {"uri": excluded}}] if excluded else [],
            }
        }
        aggregation = {"held": {"terms": {"field": "article_ids", "include": chunk, "size": len(chunk)}}}
        response = es.search(index=names.state_alias, query=query, aggs=aggregation, size=0)
        held.update(str(bucket["key"]) for bucket in response["aggregations"]["held"]["buckets"])
    return held


def states_under(es: Elasticsearch, names: StateNames, roots: Iterable[str]) -> Iterator[InputState]:
    """The latest state of every input whose dump file is one of `roots` or lies under one of them."""
    with store_errors(es):  # a generator: `store_call` would only guard its creation
        yield from _states_under(es, names, roots)


def _states_under(es: Elasticsearch, names: StateNames, roots: Iterable[str]) -> Iterator[InputState]:
    es.indices.refresh(index=names.state_alias)
    for root in sorted(set(roots)):
        folder = root.rstrip("/") + "/"
        query = {
            "bool": {
                "filter": [_current_schema()],
                "should": [{"term": {"file": root}}, {"prefix": {"file": folder}}],
                "minimum_should_match": 1,
            }
        }
        for hit in helpers.scan(es, index=names.state_alias, query={"query": query}, size=1000):
            yield _state(hit["_source"])


def states_of_files(es: Elasticsearch, names: StateNames, files: Iterable[str]) -> Iterator[InputState]:
    """The latest state of every input in these dump files (the files themselves, their members and lines)."""
    with store_errors(es):  # a generator: `store_call` would only guard its creation
        wanted = sorted(set(files))
        es.indices.refresh(index=names.state_alias)
        for start in range(0, len(wanted), _TERMS_CHUNK):
            query = {"bool": {"filter": [_current_schema(), {"terms": {"file": wanted[start : start + _TERMS_CHUNK]}}]}}
            for hit in helpers.scan(es, index=names.state_alias, query={"query": query}, size=1000):
                yield _state(hit["_source"])


@store_call
def note_dropped(es: Elasticsearch, names: StateNames, article_ids: Collection[str], uris: Collection[str]) -> None:
    """Note, durably and before the states that drop them are recorded, articles that inputs no longer yield.
    Keyed by the ids, so a note written twice (a task redone) is one note."""
    if not article_ids:
        return
    ids = sorted(article_ids)
    es.index(
        index=names.pending_alias,
        id=_doc_id("\n".join(ids)),
        document={"article_ids": ids, "uris": sorted(uris)[:_NOTE_URIS], "noted_at": _now()},
    )


@store_call
def pending_drops(es: Elasticsearch, names: StateNames) -> PendingDrops:
    """Every note not yet cleared: this run's, and any a run that died before deleting left behind."""
    es.indices.refresh(index=names.pending_alias)
    note_ids: list[str] = []
    article_ids: set[str] = set()
    for hit in helpers.scan(es, index=names.pending_alias, query={"query": {"match_all": {}}}, size=1000):
        note_ids.append(str(hit["_id"]))
        article_ids.update(hit["_source"].get("article_ids") or ())
    return PendingDrops(tuple(note_ids), frozenset(article_ids))


@store_call
def clear_pending(es: Elasticsearch, names: StateNames, note_ids: Sequence[str]) -> None:
    """Remove notes whose articles were dealt with (deleted, or found still held)."""
    actions = ({"_op_type": "delete", "_index": names.pending_alias, "_id": note_id} for note_id in note_ids)
    for ok, item in helpers.streaming_bulk(es, actions, chunk_size=500, raise_on_error=False):
        result = next(iter(item.values()))
        if not ok and int(result.get("status", 0)) != 404:
            error = result.get("error") or {}
            raise refused_writes(node_url(es), error.get("type"), error.get("reason"))


@store_call
def forget_states(es: Elasticsearch, names: StateNames, uris: Sequence[str]) -> int:
    """Delete the states of these inputs (their articles must already be dealt with)."""
    actions = ({"_op_type": "delete", "_index": names.state_alias, "_id": _state_id(uri)} for uri in uris)
    deleted = 0
    for ok, item in helpers.streaming_bulk(es, actions, chunk_size=500, raise_on_error=False):
        result = next(iter(item.values()))
        if not ok and int(result.get("status", 0)) != 404:
            error = result.get("error") or {}
            raise refused_writes(node_url(es), error.get("type"), error.get("reason"))
        deleted += int(ok)
    return deleted


@store_call
def list_rejections(es: Elasticsearch, names: StateNames, size: int = 100) -> list[StoredRejection]:
    response = es.options(ignore_status=404).search(
        index=names.rejections_alias, size=size, sort=[{"rejected_at": "desc"}, {"uri": "asc"}]
    )
    if response.meta.status == 404:
        return []
    return [
        StoredRejection(
            uri=source["uri"],
            code=source.get("code") or "",
            reason=source["reason"],
            sha256=source["sha256"],
            rejected_at=source["rejected_at"],
        )
        for source in (hit["_source"] for hit in response["hits"]["hits"])
    ]


@store_call
def drop_state(es: Elasticsearch, names: StateNames) -> None:
    """Delete the state and rejections indices, every version (tests, and `broadsheet reset`)."""
    for alias in (names.state_alias, names.rejections_alias, names.pending_alias):
        existing = es.options(ignore_status=404).indices.get(index=f"{alias}-v*", expand_wildcards="all")
        if existing.meta.status == 200 and existing.body:
            es.indices.delete(index=",".join(existing.body))


@store_call
def refresh_state(es: Elasticsearch, names: StateNames) -> None:
    es.indices.refresh(index=[names.state_alias, names.rejections_alias])
