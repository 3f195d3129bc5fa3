"""The relevance set: queries with the article each should find, over a fixed corpus built at run time from the seed,
../shared/bench/aeb-dev (its 79 HTML pages) and ../shared/bench/ext-dev/fundus (its 125 HTML pages, most of them
not in English). The pages never enter the repository; the queries (`bench/relevance_queries.json`) name the file
their article comes from, and the article's id is whatever extraction gives that file today.

Shared by `bench/relevance_bench.py` (success@1 and MRR with stemming and without) and
`tests/test_relevance.py` (the floor)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from elasticsearch import Elasticsearch

from store.bulk import write_articles
from store.indices import IndexNames, drop_all, ensure_indices, refresh
from store.search import Searcher, search
from store.search_types import SearchKind, SearchQuery
from transforms import BatchInput, extract_batch

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
QUERIES = Path(__file__).resolve().parent / "relevance_queries.json"
DEPTH = 10  # ranks looked at: a query whose article is not in the first page counts 0 towards MRR

# Corpus sets: where their files are, relative to ../shared/bench, and how a query names one of them.
SETS = {
    "seeds": (ROOT / "seeds", "*.txt"),
    "aeb-dev": (SHARED_BENCH / "aeb-dev" / "html", "*.html.gz"),
    "fundus": (SHARED_BENCH / "ext-dev" / "fundus" / "html", "*.html.gz"),
}


def corpus_available() -> bool:
    return all(directory.is_dir() for directory, _ in SETS.values())


def _inputs(sample: int | None = None, also: frozenset[str] = frozenset()) -> Iterator[BatchInput]:
    """Every corpus file, or with `sample`: the first `sample` of each set and the files named in `also`."""
    for set_name, (directory, pattern) in SETS.items():
        for number, path in enumerate(sorted(directory.glob(pattern))):
            if sample is not None and number >= sample and f"{set_name}/{path.name}" not in also:
                continue
            data = path.read_bytes()
            content = gzip.decompress(data) if path.suffix == ".gz" else data
            yield BatchInput(uri=f"{set_name}/{path.name}", data=content)


@dataclass(frozen=True)
class Corpus:
    """The extracted articles, by the corpus file they came from (`aeb-dev/<id>.html.gz`, `fundus/<name>.html.gz`)."""

    article_ids: dict[str, str]
    articles: list[Any] = field(repr=False)


def build_corpus(sample: int | None = None, also: frozenset[str] = frozenset()) -> Corpus:
    """The whole corpus; a sample of it (see `_inputs`) for a smoke run, where only running to the end counts."""
    result = extract_batch(list(_inputs(sample, also)))
    ids = {article.source.uri: article.id for article in result.articles}
    return Corpus(article_ids=ids, articles=list(result.articles))


def index_corpus(es: Elasticsearch, names: IndexNames, corpus: Corpus, stemming: bool = True) -> None:
    """Fresh indices holding the corpus, analysed as the node allows (or with stemming switched off)."""
    drop_all(es, names)
    ensure_indices(es, names, stemming=stemming)
    report = write_articles(es, corpus.articles, names)
    if report.errors:
        raise RuntimeError(f"the corpus did not index: {report.errors[0].reason}")
    refresh(es, names)


Category = Literal["inflected", "exact", "phrase", "caption", "contributor", "filter", "non-english"]


@dataclass(frozen=True)
class RelevanceQuery:
    q: str
    expected: str  # the corpus file of the article to find
    category: Category
    kind: SearchKind = "any"
    site: str | None = None
    credit: str | None = None
    note: str = ""

    def search_query(self) -> SearchQuery:
        return SearchQuery(text=self.q, kind=self.kind, site=self.site, credit=self.credit, size=DEPTH, facets=False)


def load_queries(path: Path = QUERIES) -> tuple[list[RelevanceQuery], dict[str, float]]:
    """The queries, and the floors the test suite holds them to."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [RelevanceQuery(**query) for query in data["queries"]], {k: float(v) for k, v in data["floors"].items()}


@dataclass(frozen=True)
class Outcome:
    query: RelevanceQuery
    rank: int | None  # 1-based rank of the expected article in the first DEPTH hits, None when absent
    found: tuple[str, ...]  # article ids returned, best first

    @property
    def reciprocal_rank(self) -> float:
        return 1.0 / self.rank if self.rank else 0.0


def run_queries(searcher: Searcher, corpus: Corpus, queries: list[RelevanceQuery]) -> list[Outcome]:
    outcomes = []
    for query in queries:
        expected = corpus.article_ids.get(query.expected)
        if expected is None:
            raise KeyError(f"{query.expected} yields no article: the corpus or the query set is out of date")
        found = tuple(hit.article_id for hit in search(searcher, query.search_query()).hits)
        rank = found.index(expected) + 1 if expected in found else None
        outcomes.append(Outcome(query=query, rank=rank, found=found))
    return outcomes


@dataclass(frozen=True)
class Scores:
    queries: int
    success_at_1: float
    mrr: float


def scores(outcomes: list[Outcome]) -> Scores:
    if not outcomes:
        return Scores(0, 0.0, 0.0)
    return Scores(
        queries=len(outcomes),
        success_at_1=sum(outcome.rank == 1 for outcome in outcomes) / len(outcomes),
        mrr=sum(outcome.reciprocal_rank for outcome in outcomes) / len(outcomes),
    )
