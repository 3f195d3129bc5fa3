"""Bulk writing of articles and their passages, and deleting articles with all their passages.

Every document comes back acknowledged or with an error, and every error is sorted by what can be done about it:
a document Elasticsearch can never accept (a mapping or parse error) is `permanent` and becomes a rejection of its
input; a block (the disk watermark), an overloaded node or an unavailable shard is transient, and its input is
left for the next run. Overload (429 `es_rejected_execution_exception`) is retried here with backoff first; a
block is not, as it will not lift in seconds. Connection failures raise `StoreUnavailable`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch, TransportError, helpers

from store.documents import article_document, passage_document, passages_of
from store.errors import (
    StoreRefused,
    StoreUnavailable,
    is_permanent_document_error,
    is_write_block,
    node_url,
    refused_writes,
    store_call,
    translate,
)
from store.names import IndexNames
from transforms.model import Article

_OVERLOADED = "es_rejected_execution_exception"
_MAX_BACKOFF_S = 30.0


@dataclass(frozen=True, slots=True)
class DocumentError:
    index: str
    doc_id: str
    article_id: str
    status: int
    error_type: str | None
    reason: str

    @property
    def permanent(self) -> bool:
        return is_permanent_document_error(self.status, self.error_type)

    @property
    def write_block(self) -> bool:
        return is_write_block(self.error_type, self.reason)

    @property
    def description(self) -> str:
        return f"{self.error_type}: {self.reason}" if self.error_type else self.reason


@dataclass(frozen=True, slots=True)
class BulkReport:
    articles_indexed: int = 0
    passages_indexed: int = 0
    stale_passages_deleted: int = 0
    errors: tuple[DocumentError, ...] = field(default=())
    # Articles all of whose documents were acknowledged: only their sources may be marked as ingested.
    acknowledged_article_ids: frozenset[str] = frozenset()
    # Set when documents were refused by a write block (the disk watermark): later writes would be refused too.
    write_block: StoreRefused | None = None


def unique_by_id(articles: Iterable[Article]) -> list[Article]:
    """One article arriving twice in a batch (same canonical url or same text) is written once."""
    seen: dict[str, Article] = {}
    for article in articles:
        seen.setdefault(article.id, article)
    return list(seen.values())


def _actions(articles: Sequence[Article], names: IndexNames, ingested_at: str) -> Iterator[dict[str, Any]]:
    for article in articles:
        yield {
            "_op_type": "index",
            "_index": names.articles_alias,
            "_id": article.id,
            "_source": article_document(article, ingested_at),
        }
        for passage in passages_of(article):
            yield {
                "_op_type": "index",
                "_index": names.passages_alias,
                "_id": passage.id,
                "_source": passage_document(article, passage),
            }


def _stored_passage_ids(es: Elasticsearch, passages_alias: str, article_ids: Sequence[str]) -> list[str]:
    hits = helpers.scan(
        es,
        index=passages_alias,
        query={"query": {"terms": {"article_id": list(article_ids)}}, "_source": False},
        size=1000,
    )
    return [hit["_id"] for hit in hits]


def _stale_passage_ids(es: Elasticsearch, articles: Sequence[Article], names: IndexNames) -> list[str]:
    """Passages stored for these articles by an earlier, longer version that this version does not overwrite."""
    wanted = {passage.id for article in articles for passage in passages_of(article)}
    stored = _stored_passage_ids(es, names.passages_alias, [article.id for article in articles])
    return [doc_id for doc_id in stored if doc_id not in wanted]


def _delete(es: Elasticsearch, index: str, ids: Sequence[str], chunk_size: int) -> int:
    """Delete documents by id; one already gone counts as done, any other failure raises (a delete that did
    not happen must not be recorded as if it had)."""
    if not ids:
        return 0
    actions = ({"_op_type": "delete", "_index": index, "_id": doc_id} for doc_id in ids)
    deleted = 0
    for ok, item in helpers.streaming_bulk(es, actions, chunk_size=chunk_size, raise_on_error=False):
        result = item["delete"]
        if ok:
            deleted += 1
        elif int(result.get("status", 0)) != 404:
            error = result.get("error") or {}
            raise refused_writes(node_url(es), error.get("type"), error.get("reason"))
    return deleted


@store_call
def delete_articles(es: Elasticsearch, names: IndexNames, article_ids: Sequence[str], chunk_size: int = 500) -> int:
    """Remove articles with all their passages (no `_delete_by_query` in core): passages first, so a failure
    half-way leaves the article to be deleted again, never passages without their article. Returns the number
    of documents deleted."""
    if not article_ids:
        return 0
    passages = _delete(es, names.passages_alias, _stored_passage_ids(es, names.passages_alias, article_ids), chunk_size)
    return passages + _delete(es, names.articles_alias, article_ids, chunk_size)


def _article_id_of(doc_id: str) -> str:
    return doc_id.split(":", 1)[0]


def _is_article(doc_id: str) -> bool:
    return ":" not in doc_id


class WriteInterrupted(StoreUnavailable):
    """The node went away after acknowledging part of a write: `report` says what it holds (the caller counts
    it as written, and must not retry as if nothing had been)."""

    def __init__(self, message: str, report: BulkReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class _Outcome:
    articles: int = 0
    passages: int = 0
    errors: list[DocumentError] = field(default_factory=list)


def _send(
    es: Elasticsearch, actions: list[dict[str, Any]], chunk_size: int, outcome: _Outcome, retry_overload: bool
) -> list[dict[str, Any]]:
    """One pass over `actions`; returns those refused only because the node was overloaded (to send again)."""
    by_id = {action["_id"]: action for action in actions}
    overloaded: list[dict[str, Any]] = []
    for ok, item in helpers.streaming_bulk(
        es, actions, chunk_size=chunk_size, max_retries=0, raise_on_error=False, raise_on_exception=True
    ):
        result = item["index"]
        doc_id = str(result["_id"])
        if ok:
            outcome.articles += int(_is_article(doc_id))
            outcome.passages += int(not _is_article(doc_id))
            continue
        error = _document_error(result)
        if retry_overload and error.error_type == _OVERLOADED:
            overloaded.append(by_id[doc_id])
        else:
            outcome.errors.append(error)
    return overloaded


@store_call
def write_articles(
    es: Elasticsearch,
    articles: Iterable[Article],
    names: IndexNames,
    chunk_size: int = 500,
    max_retries: int = 5,
) -> BulkReport:
    """Index articles and their passages; stale passages of earlier versions are deleted once the new
    version is acknowledged. Per-document errors are reported, never raised."""
    batch = unique_by_id(articles)
    if not batch:
        return BulkReport()
    stale = _stale_passage_ids(es, batch, names)
    ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
    outcome = _Outcome()
    pending = list(_actions(batch, names, ingested_at))
    try:
        for attempt in range(max_retries + 1):
            pending = _send(es, pending, chunk_size, outcome, retry_overload=attempt < max_retries)
            if not pending:
                break
            time.sleep(min(_MAX_BACKOFF_S, 2.0**attempt))
    except TransportError as error:
        if outcome.articles or outcome.passages:
            partial = BulkReport(outcome.articles, outcome.passages, errors=tuple(outcome.errors))
            raise WriteInterrupted(str(translate(es, error)), partial) from error
        raise
    failed = {error.article_id for error in outcome.errors}
    acknowledged = frozenset(article.id for article in batch) - failed
    stale_of_acknowledged = [doc_id for doc_id in stale if _article_id_of(doc_id) in acknowledged]
    return BulkReport(
        articles_indexed=outcome.articles,
        passages_indexed=outcome.passages,
        stale_passages_deleted=_delete(es, names.passages_alias, stale_of_acknowledged, chunk_size),
        errors=tuple(outcome.errors),
        acknowledged_article_ids=acknowledged,
        write_block=_write_block(es, outcome.errors),
    )


def _write_block(es: Elasticsearch, errors: Sequence[DocumentError]) -> StoreRefused | None:
    block = next((error for error in errors if error.write_block), None)
    return refused_writes(node_url(es), block.error_type, block.reason) if block else None


def _document_error(result: dict[str, Any]) -> DocumentError:
    error = result.get("error") or {}
    reason = error.get("reason") if isinstance(error, dict) else str(error)
    kind = error.get("type") if isinstance(error, dict) else None
    doc_id = str(result.get("_id"))
    return DocumentError(
        index=str(result.get("_index")),
        doc_id=doc_id,
        article_id=_article_id_of(doc_id),
        status=int(result.get("status", 0)),
        error_type=str(kind) if kind else None,
        reason=str(reason),
    )
