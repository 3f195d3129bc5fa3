"""The `ingest` flow: discover dump files, extract them in batches, index the articles, report.

One task per batch of files (never per file): Prefect's per-task overhead would otherwise dominate the run.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.tasks import exponential_backoff

from broadsheet.settings import Settings, get_settings
from broadsheet.sources import Missing, SourceFile, batched, discover, read_capped
from flows.summary import IngestSummary
from store.bulk import BulkReport, write_articles
from store.client import connect, require_healthy
from store.indices import IndexNames, ensure_indices, refresh
from transforms import Article, BatchInput, BatchResult, Rejection, extract_batch


def index_names(settings: Settings) -> IndexNames:
    return IndexNames(articles_alias=settings.articles_alias, passages_alias=settings.passages_alias)


def read_batch(files: Sequence[SourceFile], max_bytes: int) -> tuple[list[BatchInput], list[Rejection]]:
    inputs: list[BatchInput] = []
    unreadable: list[Rejection] = []
    for source in files:
        try:
            inputs.append(read_capped(source, max_bytes))
        except OSError as error:
            unreadable.append(Rejection(source.uri, f"unreadable file ({error.strerror or error})", ""))
    return inputs, unreadable


@task(name="extract-batch", cache_policy=NONE)
def extract_files(files: list[SourceFile], max_bytes: int) -> BatchResult:
    inputs, unreadable = read_batch(files, max_bytes)
    result = extract_batch(inputs, max_bytes)
    return BatchResult(result.articles, result.rejections + tuple(unreadable))


@task(
    name="index-batch",
    cache_policy=NONE,
    retries=3,
    retry_delay_seconds=exponential_backoff(backoff_factor=2),
    retry_jitter_factor=0.2,
)
def index_articles(articles: list[Article], settings: Settings) -> BulkReport:
    es = connect(settings.elasticsearch_url, settings.request_timeout)
    return write_articles(es, articles, index_names(settings), settings.bulk_chunk_size, settings.bulk_max_retries)


def _bulk_rejections(articles: Sequence[Article], report: BulkReport) -> list[Rejection]:
    """A document the server refused (mapping conflict, oversize field) is a rejection of its source."""
    by_id = {article.id: article for article in articles}
    rejections: list[Rejection] = []
    for error in report.errors:
        article = by_id.get(error.article_id)
        if article is not None:
            rejections.append(
                Rejection(article.source.uri, f"refused by Elasticsearch ({error.reason})", article.source.sha256)
            )
    return rejections


def _first_seen(articles: Sequence[Article], seen_ids: set[str]) -> list[Article]:
    """Drop articles already written in this run (same canonical url or same text from another file)."""
    fresh: list[Article] = []
    for article in articles:
        if article.id not in seen_ids:
            seen_ids.add(article.id)
            fresh.append(article)
    return fresh


@flow(name="ingest", log_prints=False)
def ingest(paths: list[str]) -> IngestSummary:
    """Ingest every dump under `paths` into Elasticsearch; returns (and publishes) the run's summary."""
    started = time.monotonic()
    settings = get_settings()
    logger = get_run_logger()
    es = connect(settings.elasticsearch_url, settings.request_timeout)
    require_healthy(es)
    names = index_names(settings)
    ensure_indices(es, names)

    found = list(discover(paths))
    files = [item for item in found if isinstance(item, SourceFile)]
    rejections = [Rejection(item.uri, item.reason, "") for item in found if isinstance(item, Missing)]
    totals = {"extracted": 0, "indexed": 0, "passages": 0, "stale": 0, "duplicates": 0}
    seen_ids: set[str] = set()
    for number, batch in enumerate(batched(files, settings.extract_batch_size), start=1):
        extracted = extract_files(batch, settings.max_article_bytes)
        rejections += extracted.rejections
        fresh = _first_seen(extracted.articles, seen_ids)
        totals["duplicates"] += len(extracted.articles) - len(fresh)
        report = index_articles(fresh, settings)
        rejections += _bulk_rejections(fresh, report)
        totals["extracted"] += len(extracted.articles)
        totals["indexed"] += report.articles_indexed
        totals["passages"] += report.passages_indexed
        totals["stale"] += report.stale_passages_deleted
        logger.info(
            "batch %d: %d files, %d articles indexed, %d rejected",
            number,
            len(batch),
            report.articles_indexed,
            len(extracted.rejections),
        )
    refresh(es, names)
    summary = IngestSummary(
        files_seen=len(found),
        articles_extracted=totals["extracted"],
        articles_indexed=totals["indexed"],
        passages_indexed=totals["passages"],
        stale_passages_deleted=totals["stale"],
        duplicates_in_run=totals["duplicates"],
        rejections=tuple(rejections),
        duration_seconds=time.monotonic() - started,
    )
    create_markdown_artifact(summary.as_markdown(), key="ingest-summary", description="Broadsheet ingest run")
    return summary
