"""Bulk writing of articles and their passages with `helpers.streaming_bulk`.

429s are retried with backoff by the helper; connection failures raise (the flow's task retries the batch);
per-document errors are collected with the server's reason and returned, never swallowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch, helpers

from store.documents import article_document, passage_document, passages_of
from store.names import IndexNames
from transforms.model import Article


@dataclass(frozen=True, slots=True)
class DocumentError:
    index: str
    doc_id: str
    article_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class BulkReport:
    articles_indexed: int = 0
    passages_indexed: int = 0
    stale_passages_deleted: int = 0
    errors: tuple[DocumentError, ...] = field(default=())
    # Articles all of whose documents were acknowledged: only their sources may be marked as ingested.
    acknowledged_article_ids: frozenset[str] = frozenset()


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
    if not ids:
        return 0
    actions = ({"_op_type": "delete", "_index": index, "_id": doc_id} for doc_id in ids)
    deleted = 0
    for ok, _ in helpers.streaming_bulk(es, actions, chunk_size=chunk_size, raise_on_error=False):
        deleted += int(ok)
    return deleted


def delete_articles(es: Elasticsearch, names: IndexNames, article_ids: Sequence[str], chunk_size: int = 500) -> int:
    """Remove articles an input no longer yields, with all their passages (no `_delete_by_query` in core)."""
    if not article_ids:
        return 0
    passages = _delete(es, names.passages_alias, _stored_passage_ids(es, names.passages_alias, article_ids), chunk_size)
    return passages + _delete(es, names.articles_alias, article_ids, chunk_size)


def _article_id_of(doc_id: str) -> str:
    return doc_id.split(":", 1)[0]


def write_articles(
    es: Elasticsearch,
    articles: Iterable[Article],
    names: IndexNames,
    chunk_size: int = 500,
    max_retries: int = 5,
) -> BulkReport:
    batch = unique_by_id(articles)
    if not batch:
        return BulkReport()
    stale = _stale_passage_ids(es, batch, names)
    ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
    articles_indexed = passages_indexed = 0
    errors: list[DocumentError] = []
    for ok, item in helpers.streaming_bulk(
        es,
        _actions(batch, names, ingested_at),
        chunk_size=chunk_size,
        max_retries=max_retries,
        initial_backoff=1,
        max_backoff=30,
        raise_on_error=False,
        raise_on_exception=True,
    ):
        result = item["index"]
        is_article = not str(result["_id"]).count(":")
        if ok:
            articles_indexed += int(is_article)
            passages_indexed += int(not is_article)
        else:
            errors.append(_document_error(result))
    failed = {error.article_id for error in errors}
    return BulkReport(
        articles_indexed=articles_indexed,
        passages_indexed=passages_indexed,
        stale_passages_deleted=_delete(es, names.passages_alias, stale, chunk_size),
        errors=tuple(errors),
        acknowledged_article_ids=frozenset(article.id for article in batch) - failed,
    )


def _document_error(result: dict[str, Any]) -> DocumentError:
    error = result.get("error") or {}
    reason = error.get("reason") if isinstance(error, dict) else str(error)
    kind = error.get("type") if isinstance(error, dict) else None
    doc_id = str(result.get("_id"))
    return DocumentError(
        index=str(result.get("_index")),
        doc_id=doc_id,
        article_id=_article_id_of(doc_id),
        reason=f"{kind}: {reason}" if kind else str(reason),
    )
