"""Sizing: what an article costs in CPU and in index bytes, and what that means for 10 and 100 million articles.

    .venv/bin/python bench/sizing.py [--records 3000] [--kinds text,html]     # against ELASTICSEARCH_URL

Generates a JSON Lines corpus of varied real dumps (bench/corpus.py: the seeds and aeb-dev's pages), ingests it
with the `ingest` flow into fresh sizing indices on the node or cluster ELASTICSEARCH_URL names (after a warm-up
ingest of a tenth of it, which also starts Prefect's temporary API), and measures:
  - CPU seconds of the pipeline (the flow process and its extraction workers; the Prefect API server left out,
    it runs elsewhere in a deployment) and of Elasticsearch (all nodes, from _nodes/stats), so throughput is
    given per core, which holds on a shared machine where wall-clock rates do not;
  - bytes per article in the indices (primaries and all copies), after a force merge to one segment so the
    figure is the settled size, not the size mid-merge.
Then derives, with the rules printed alongside, shards and replicas and cores for 10M and 100M articles.
docs/operations.md ("Sizing") quotes a run of this script; run it on a single node and on a cluster to compare.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"

from bench.benchenv import use_benchmark_environment  # noqa: E402

use_benchmark_environment("sizing")

from elasticsearch import Elasticsearch  # noqa: E402

from bench.corpus import write_jsonl  # noqa: E402
from bench.processes import TreeSampler  # noqa: E402
from broadsheet.settings import get_settings  # noqa: E402
from store.client import connect  # noqa: E402
from store.indices import IndexNames, drop_all  # noqa: E402
from store.state import StateNames, drop_state  # noqa: E402

# Elastic's guidance: shards of 10-50 GB recover and rebalance well; 30 GB leaves room to grow.
TARGET_SHARD_BYTES = 30 * 10**9
REPLICAS = 1  # one copy elsewhere: any one node can be lost (what auto_expand_replicas 0-1 gives from 2 nodes)
LOAD_HOURS = 24.0  # a full (re)load of the archive in a day, for the core counts
SCALES = (10_000_000, 100_000_000)


def elasticsearch_cpu_seconds(es: Elasticsearch) -> float:
    stats = es.nodes.stats(metric="process", filter_path="nodes.*.process.cpu.total_in_millis")
    return float(sum(node["process"]["cpu"]["total_in_millis"] for node in stats["nodes"].values())) / 1000


@dataclass(frozen=True)
class IndexSize:
    docs: int
    primary_bytes: int
    total_bytes: int
    shards: int
    replicas: int


def settled_size(es: Elasticsearch, alias: str) -> IndexSize:
    es.indices.refresh(index=alias)
    es.options(request_timeout=600).indices.forcemerge(index=alias, max_num_segments=1)
    stats = es.indices.stats(index=alias, metric="store,docs")["_all"]
    settings = next(iter(es.indices.get_settings(index=alias).body.values()))["settings"]["index"]
    return IndexSize(
        docs=int(stats["primaries"]["docs"]["count"]),
        primary_bytes=int(stats["primaries"]["store"]["size_in_bytes"]),
        total_bytes=int(stats["total"]["store"]["size_in_bytes"]),
        shards=int(settings["number_of_shards"]),
        replicas=int(settings["number_of_replicas"]),
    )


def ingest_measured(corpus: Path, warm_up: Path, es: Elasticsearch) -> tuple[Any, float, float, float]:
    from flows.ingest import ingest
    from flows.summary import IngestSummary

    # Outside the measurement: Prefect's temporary API starts, and freshly started nodes compile their hot paths
    # (a cold cluster spent twice the CPU per article here).
    ingest([str(warm_up)], full=True)
    settings = get_settings()
    drop_all(es, IndexNames(settings.articles_alias, settings.passages_alias))
    drop_state(es, StateNames(settings.state_alias, settings.rejections_alias))
    es_before = elasticsearch_cpu_seconds(es)
    started = time.perf_counter()
    own_before = _own_cpu_s()
    with TreeSampler(interval=0.25, skip=_is_prefect_server) as tree:
        summary = ingest([str(corpus)], full=True)
    wall = time.perf_counter() - started
    assert isinstance(summary, IngestSummary), summary
    cpu_s = _own_cpu_s() - own_before + tree.descendants_cpu_s
    return summary, wall, cpu_s, elasticsearch_cpu_seconds(es) - es_before


def _own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _is_prefect_server(command: str) -> bool:
    """The Prefect API server a flow starts is a descendant here, but not the ingest's work."""
    return "prefect" in command and "server" in command


def _gb(size: float) -> str:
    return f"{size / 1e9:,.1f} GB"


def _shards(primary_bytes: float) -> int:
    return max(1, math.ceil(primary_bytes / TARGET_SHARD_BYTES))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--kinds", default="text,html")
    parser.add_argument("--smoke", action="store_true", help="a dozen records: check that the script runs")
    args = parser.parse_args()
    records = 12 if args.smoke else args.records
    kinds = tuple(args.kinds.split(","))
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = OUT / f"corpus-{records}-{'-'.join(kinds)}.jsonl"
    if not corpus.exists():
        write_jsonl(corpus, records, kinds)
    warm_up = OUT / f"corpus-{records // 10}-{'-'.join(kinds)}.jsonl"
    if not warm_up.exists():
        write_jsonl(warm_up, records // 10, kinds)

    settings = get_settings()
    es = connect(settings.elasticsearch_url, timeout=120)
    health = es.cluster.health()
    summary, wall, pipeline_cpu, es_cpu = ingest_measured(corpus, warm_up, es)
    articles = settled_size(es, settings.articles_alias)
    passages = settled_size(es, settings.passages_alias)
    state = settled_size(es, settings.state_alias)
    count = articles.docs
    per_article = (articles.primary_bytes + passages.primary_bytes) / count
    per_article_all = (articles.total_bytes + passages.total_bytes) / count

    print(
        f"corpus: {records:,} records ({', '.join(kinds)}), {corpus.stat().st_size / 1e6:,.0f} MB; "
        f"Elasticsearch: {health['number_of_nodes']} node(s), {health['number_of_data_nodes']} data, "
        f"replicas {articles.replicas}; this machine: {os.cpu_count()} cores, shared, load "
        f"{os.getloadavg()[0]:.1f}\n"
    )
    print("| measured | value |")
    print("|---|---:|")
    extracted = summary.articles_extracted
    print(f"| inputs read, articles extracted | {summary.inputs_seen:,}, {extracted:,} |")
    print(f"| articles indexed (the rest were repeats of one page) | {summary.articles_indexed:,} (index: {count:,}) |")
    print(f"| passages indexed | {passages.docs:,} ({passages.docs / count:.1f} per article) |")
    print(f"| wall seconds (shared machine: for reference only) | {wall:.1f} |")
    print(f"| pipeline CPU seconds (flow + extraction workers) | {pipeline_cpu:.1f} |")
    print(f"| Elasticsearch CPU seconds (all nodes, all copies) | {es_cpu:.1f} |")
    print(f"| **articles/s per core, pipeline (extracted)** | **{extracted / pipeline_cpu:.1f}** |")
    print(f"| **articles/s per core, Elasticsearch (indexed)** | **{count / es_cpu:.1f}** |")
    print(f"| bytes per article, articles index (primary) | {articles.primary_bytes / count:,.0f} |")
    print(f"| bytes per article, passages index (primary) | {passages.primary_bytes / count:,.0f} |")
    print(f"| **bytes per article, both (primaries)** | **{per_article:,.0f}** |")
    print(f"| bytes per article, both (every copy on this cluster) | {per_article_all:,.0f} |")
    print(f"| bytes per input, ingest-state index (primary) | {state.primary_bytes / max(state.docs, 1):,.0f} |")

    print(
        f"\nDerived (rules: shards of at most {_gb(TARGET_SHARD_BYTES)}, {REPLICAS} replica, a full load in "
        f"{LOAD_HOURS:.0f} h; cores = articles / (articles/s per core) / seconds):\n"
    )
    print("| articles | primaries | with replica | articles shards | passages shards | pipeline cores | ES cores |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    seconds = LOAD_HOURS * 3600
    es_rate_per_copy = count / es_cpu * max(1, 1 + articles.replicas)  # measured over every copy written
    for scale in SCALES:
        primary = per_article * scale
        pipeline_cores = scale / (extracted / pipeline_cpu) / seconds
        es_cores = scale * (1 + REPLICAS) / es_rate_per_copy / seconds
        print(
            f"| {scale:,} | {_gb(primary)} | {_gb(primary * (1 + REPLICAS))} "
            f"| {_shards(articles.primary_bytes / count * scale)} | {_shards(passages.primary_bytes / count * scale)} "
            f"| {pipeline_cores:.1f} | {es_cores:.1f} |"
        )


if __name__ == "__main__":
    main()
