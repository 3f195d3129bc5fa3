"""A small real archive for the API tests: the seed, the HTML golden pages and two pages written for these tests
(tests/api_pages), extracted with the real pipeline and written to a test module's own indices."""

from __future__ import annotations

from pathlib import Path

from elasticsearch import Elasticsearch

from broadsheet.settings import Settings
from store.bulk import write_articles
from store.indices import IndexNames, ensure_indices, refresh
from tests.conftest import SEEDS
from transforms import Article, BatchInput, extract_batch

API_PAGES = Path(__file__).parent / "api_pages"
GOLDEN_HTML = Path(__file__).parent / "golden" / "html"


def corpus_inputs() -> list[BatchInput]:
    paths = [*sorted(SEEDS.glob("*.txt")), *sorted(GOLDEN_HTML.glob("*.html")), *sorted(API_PAGES.glob("*.html"))]
    return [BatchInput(uri=path.name, data=path.read_bytes()) for path in paths]


def index_corpus(es: Elasticsearch, names: IndexNames) -> dict[str, Article]:
    """The articles indexed, by source file name."""
    ensure_indices(es, names)
    result = extract_batch(corpus_inputs())
    assert not result.rejections, result.rejections
    report = write_articles(es, result.articles, names)
    assert not report.errors, report.errors
    refresh(es, names)
    return {article.source.uri: article for article in result.articles}


def api_settings(names: IndexNames, elasticsearch_url: str | None = None) -> Settings:
    overrides = {"elasticsearch_url": elasticsearch_url} if elasticsearch_url else {}
    return Settings(articles_alias=names.articles_alias, passages_alias=names.passages_alias, **overrides)
