"""End to end on the real node: the Prefect ingest flow over `seeds/`, then searching what it indexed."""

from __future__ import annotations

import json

import pytest
from elasticsearch import Elasticsearch
from typer.testing import CliRunner

from broadsheet.cli import app
from flows.summary import IngestSummary
from store.indices import IndexNames, count_documents
from store.search import Searcher, search
from store.search_types import SearchKind, SearchQuery, SearchResults
from tests.conftest import SEEDS

pytestmark = [pytest.mark.es, pytest.mark.prefect]


def _search(
    es: Elasticsearch, names: IndexNames, text: str, kind: SearchKind = "any", contributor: str | None = None
) -> SearchResults:
    return search(Searcher(es, names), SearchQuery(text=text, kind=kind, contributor=contributor, facets=False))


SEED_PASSAGES = 11 + 2 + 1  # paragraphs, captions, contributor lines of the seed


@pytest.fixture(scope="module")
def first_run(store_env: IndexNames) -> IngestSummary:
    from flows.ingest import ingest

    summary = ingest([str(SEEDS)])
    assert isinstance(summary, IngestSummary)
    return summary


def test_first_run_indexes_every_seed(first_run: IngestSummary, es: Elasticsearch, store_env: IndexNames) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert first_run.rejections == ()
    assert first_run.inputs_seen == len(seeds)
    assert first_run.articles_indexed == len(seeds)
    counts = count_documents(es, store_env)
    assert counts.articles == len(seeds)
    assert counts.passages >= SEED_PASSAGES


def test_phrase_search_finds_the_seed_with_a_highlight(
    first_run: IngestSummary, es: Elasticsearch, store_env: IndexNames
) -> None:
    results = _search(es, store_env, '"wrong side of history"')
    assert results.total >= 1
    best = results.hits[0]
    assert best.title == "China on wrong side of history for backing Russian interests amid war, U.S. warns"
    assert best.site == "The Washington Post"
    paragraphs = [fragment for fragment in best.fragments if fragment.kind == "paragraph"]
    assert any("wrong side of history" in fragment.text.matches for fragment in paragraphs)


def test_caption_search_finds_the_credit_and_contributor_search_does_not(
    first_run: IngestSummary, es: Elasticsearch, store_env: IndexNames
) -> None:
    captions = _search(es, store_env, "Druzhinin", kind="caption")
    assert captions.total == 1
    fragment = captions.hits[0].fragments[0]
    assert fragment.kind == "caption"
    assert fragment.credit is not None
    assert (fragment.credit.text, fragment.credit.matches) == ("Alexei Druzhinin/AP", ("Druzhinin",))
    assert fragment.text.text.startswith("Chinese President Xi Jinping reasserted")
    assert _search(es, store_env, "Druzhinin", kind="contributor").total == 0


def test_contributor_search_finds_the_article(
    first_run: IngestSummary, es: Elasticsearch, store_env: IndexNames
) -> None:
    by_line = _search(es, store_env, "Nakashima", kind="contributor")
    assert by_line.total == 1
    assert by_line.hits[0].contributors == ("Cate Cadell", "Ellen Nakashima")
    assert "Nakashima" in by_line.hits[0].fragments[0].text.matches
    by_filter = _search(es, store_env, "Beijing", contributor="Ellen Nakashima")
    assert by_filter.total == 1


def test_reingesting_through_the_cli_keeps_the_counts(
    first_run: IngestSummary, es: Elasticsearch, store_env: IndexNames
) -> None:
    before = count_documents(es, store_env)
    result = CliRunner().invoke(app, ["ingest", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "articles indexed" in result.stdout
    assert count_documents(es, store_env) == before


def test_cli_search_prints_json_with_highlights(first_run: IngestSummary, store_env: IndexNames) -> None:
    result = CliRunner().invoke(app, ["search", "wrong side of history", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["total"] >= 1
    # Matches are character spans of the passage's text (no markup to parse out of it).
    fragments = payload["hits"][0]["fragments"]
    marked = [fragment["text"]["text"][start:end] for fragment in fragments for start, end in fragment["text"]["spans"]]
    assert {"wrong", "side", "history"} <= {word.lower() for word in marked}
    human = CliRunner().invoke(app, ["search", "Druzhinin", "--kind", "caption"])
    assert human.exit_code == 0 and "caption 1" in human.stdout
