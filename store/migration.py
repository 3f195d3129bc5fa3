"""Copying the articles of indices being replaced into their successors (a schema change, or a node that can now
stem more languages). The stored `_source` of an article is its whole Article record, so each is written again by
the writer, which rebuilds its passages and its language fields for the new mappings."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from elasticsearch import Elasticsearch, helpers

from store.bulk import write_articles
from store.documents import article_from_source
from store.names import IndexNames
from transforms.model import Article

log = logging.getLogger(__name__)

CHUNK = 500


class MigrationFailed(RuntimeError):
    """The new index refused an article: the aliases stay on the old indices, and the next run tries again."""


def stored_articles(es: Elasticsearch, indices: list[str]) -> Iterator[Article]:
    """Every article stored in these indices, as the record it was written from."""
    for hit in helpers.scan(es, index=",".join(indices), query={"query": {"match_all": {}}}, size=CHUNK):
        yield article_from_source(hit["_source"])


def copy_articles(es: Elasticsearch, old: list[str], articles_index: str, passages_index: str) -> int:
    """Write every article of the `old` article indices into the new concrete indices; returns how many."""
    target = IndexNames(articles_alias=articles_index, passages_alias=passages_index)
    log.info("copying the articles of %s into %s (passages rebuilt)", ", ".join(old), articles_index)
    # A scan sees only what a refresh has made visible, and a run killed while it slowed refreshes leaves its
    # last writes unrefreshed: without this they would be left behind and dropped with the old index.
    es.indices.refresh(index=old)
    copied = 0
    batch: list[Article] = []
    for article in stored_articles(es, old):
        batch.append(article)
        if len(batch) == CHUNK:
            copied += _write(es, batch, target)
            batch = []
    copied += _write(es, batch, target)
    es.indices.refresh(index=[articles_index, passages_index])
    log.info("copied %d articles into %s", copied, articles_index)
    return copied


def _write(es: Elasticsearch, batch: list[Article], target: IndexNames) -> int:
    if not batch:
        return 0
    report = write_articles(es, batch, target)
    if report.errors:
        raise MigrationFailed(f"copying into {target.articles_alias} failed: {report.errors[0].reason}")
    return report.articles_indexed
