"""Quality gate: search finds the right article. The relevance set (bench/relevance_queries.json: inflected forms,
caption and contributor words, quoted phrases, site and credit filters, other languages) over its corpus built from
../shared/bench at run time, on the real node; success@1 and MRR must not drop below the floors kept with the
queries. bench/relevance_bench.py prints the same figures next to stemming switched off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch

from bench.relevance import (
    Corpus,
    Outcome,
    build_corpus,
    corpus_available,
    index_corpus,
    load_queries,
    run_queries,
    scores,
)
from store.indices import IndexNames, drop_all
from store.search import Searcher

pytestmark = [
    pytest.mark.es,
    pytest.mark.skipif(not corpus_available(), reason="no ../shared/bench: the relevance corpus is built from it"),
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return build_corpus()


@pytest.fixture(scope="module")
def outcomes(es: Elasticsearch, index_names: IndexNames, corpus: Corpus) -> Iterator[list[Outcome]]:
    index_corpus(es, index_names, corpus)
    queries, _ = load_queries()
    yield run_queries(Searcher(es, index_names), corpus, queries)
    drop_all(es, index_names)


def test_the_set_is_large_and_varied_enough() -> None:
    queries, _ = load_queries()
    assert len(queries) >= 60
    categories = {query.category for query in queries}
    assert categories == {"inflected", "phrase", "caption", "contributor", "filter", "non-english"}
    assert all(query.kind == "caption" for query in queries if query.category == "caption")
    assert all(query.kind == "contributor" for query in queries if query.category == "contributor")


def test_success_at_1_and_mrr_hold_their_floors(outcomes: list[Outcome]) -> None:
    _, floors = load_queries()
    result = scores(outcomes)
    misses = [f"{outcome.query.q!r} (rank {outcome.rank})" for outcome in outcomes if outcome.rank != 1]
    assert result.success_at_1 >= floors["success_at_1"], f"success@1 {result.success_at_1:.3f}; missed: {misses}"
    assert result.mrr >= floors["mrr"], f"MRR {result.mrr:.3f}"
