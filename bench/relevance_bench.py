"""Benchmark: does search find the right article? success@1 and MRR of the relevance set (bench/relevance.py) on
this node, next to the same queries over the same corpus with stemming switched off (each language keeps its stop
words; no word is reduced to its stem).

    .venv/bin/python bench/relevance_bench.py [--misses] [--smoke]

Prints one table per corpus set and per query category, for both analyses, then (with --misses) each query whose
article is not first, with what came first. `--smoke` runs the first ten queries over their own articles and the first
ten pages of each set (the suite runs it to keep the script working)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.relevance import (  # noqa: E402
    Corpus,
    Outcome,
    build_corpus,
    corpus_available,
    index_corpus,
    load_queries,
    run_queries,
    scores,
)
from broadsheet.settings import get_settings  # noqa: E402
from store.client import connect, require_healthy  # noqa: E402
from store.indices import IndexNames, drop_all  # noqa: E402
from store.search import Searcher  # noqa: E402

ANALYSES = (("stemming (this node)", True), ("stemming off", False))
# Pages of each corpus set a smoke run extracts besides those its queries name.
SMOKE_SAMPLE = 10


def _set_of(outcome: Outcome) -> str:
    return outcome.query.expected.split("/", 1)[0]


def _table(title: str, runs: dict[str, list[Outcome]], group: Callable[[Outcome], str]) -> None:
    names = list(runs)
    print(f"\n{title}\n")
    print("| " + " | ".join(["", "queries", *(f"{name}: success@1 | MRR" for name in names)]) + " |")
    print("|---|---:|" + "---:|---:|" * len(names))
    first = runs[names[0]]
    for key in [*sorted({group(outcome) for outcome in first}), "all"]:
        cells = []
        for name in names:
            chosen = [outcome for outcome in runs[name] if key == "all" or group(outcome) == key]
            result = scores(chosen)
            cells += [f"{result.success_at_1:.3f}", f"{result.mrr:.3f}"]
        count = len([outcome for outcome in first if key == "all" or group(outcome) == key])
        label = f"**{key}**" if key == "all" else key
        print(f"| {label} | {count} | " + " | ".join(cells) + " |")


def _misses(name: str, outcomes: list[Outcome], corpus: Corpus) -> None:
    titles = {article.id: article.title for article in corpus.articles}
    print(f"\nnot first ({name}):")
    for outcome in outcomes:
        if outcome.rank != 1:
            top = titles.get(outcome.found[0]) if outcome.found else None
            print(f"  rank {outcome.rank or '-'}: {outcome.query.q!r} -> {outcome.query.expected} (first: {top!r})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="List the queries whose article is not first.")
    parser.add_argument("--smoke", action="store_true", help="Ten queries only: checks the script runs.")
    parser.add_argument("--prefix", default="bench-relevance", help="Aliases <prefix>-<analysis>-articles ...")
    args = parser.parse_args()
    if not corpus_available():
        raise SystemExit("../shared/bench is not here: the relevance corpus is built from it")

    es = connect(get_settings().elasticsearch_url, timeout=120)
    require_healthy(es)
    queries, floors = load_queries()
    if args.smoke:  # ten queries over their own articles and a few others: the script runs, in a fraction of the time
        queries = queries[:10]
        corpus = build_corpus(sample=SMOKE_SAMPLE, also=frozenset(query.expected for query in queries))
    else:
        corpus = build_corpus()
    runs: dict[str, list[Outcome]] = {}
    for name, stemming in ANALYSES:
        names = IndexNames(f"{args.prefix}-{int(stemming)}-articles", f"{args.prefix}-{int(stemming)}-passages")
        index_corpus(es, names, corpus, stemming=stemming)
        try:
            runs[name] = run_queries(Searcher(es, names, stemming=stemming), corpus, queries)
        finally:
            drop_all(es, names)

    print(f"\n{len(corpus.articles)} articles (seeds, aeb-dev html, fundus html); {len(queries)} queries; top {10}")
    _table("By corpus set", runs, _set_of)
    _table("By query category", runs, lambda outcome: outcome.query.category)
    stemmed = scores(runs[ANALYSES[0][0]])
    print(
        f"\nfloors held by tests/test_relevance.py: success@1 >= {floors['success_at_1']:.2f}, "
        f"MRR >= {floors['mrr']:.2f}; goal success@1 >= 0.90 -> {'met' if stemmed.success_at_1 >= 0.9 else 'NOT met'}"
    )
    if args.misses:
        for name, outcomes in runs.items():
            _misses(name, outcomes, corpus)


if __name__ == "__main__":
    main()
