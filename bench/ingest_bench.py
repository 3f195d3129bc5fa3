"""Benchmark: end-to-end ingest (Prefect flow + Elasticsearch) against extraction alone, on the same inputs.

    .venv/bin/python bench/ingest_bench.py [--records 22000] [--kinds text,html] [--smoke]

Generates a JSON Lines corpus of varied real dumps (bench/corpus.py), then in one process:
  1. extraction only: the flow's reading, batching and process-pool extraction, with no Prefect and no store;
  2. end to end: the `ingest` flow into fresh bench indices on the node at ELASTICSEARCH_URL.
Prints articles/s for both, their ratio (goal: end to end >= 70% of extraction only), and the peak resident memory
of the ingest (flow process and extraction workers together, PSS sampled; goal < 500 MB for a 2 GB file). Prefect's
temporary API is started before timing."""

from __future__ import annotations

import argparse
import os
import resource
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
SMOKE_RECORDS = 12

from bench.benchenv import use_benchmark_environment  # noqa: E402

use_benchmark_environment("bench")

from bench.corpus import write_jsonl  # noqa: E402
from broadsheet.settings import get_settings  # noqa: E402
from readers import Limits, batched, discover, iter_inputs  # noqa: E402
from transforms import BatchInput  # noqa: E402
from transforms.pipeline import batch_recurring_lines  # noqa: E402


class TreeMemory:
    """Samples the memory (PSS) of this process and its descendants together (the extraction workers and
    their forkserver), keeping the peak: what the ingest costs the machine at once. Prefect's temporary API
    server is left out: it is the stand-in for a real Prefect server, which a deployment runs elsewhere."""

    def __init__(self, interval: float = 0.2) -> None:
        self.peak_mb = 0.0
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            pids = [pid for pid in _tree(os.getpid()) if not _is_prefect_server(pid)]
            self.peak_mb = max(self.peak_mb, sum(_pss_kb(pid) for pid in pids) / 1024)


def _children(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children += [int(child) for child in task.read_text().split()]
        except OSError:
            continue
    return children


def _tree(pid: int) -> list[int]:
    pids, index = [pid], 0
    while index < len(pids):
        pids += _children(pids[index])
        index += 1
    return pids


def _is_prefect_server(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"prefect" in command and b"server" in command


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared by several processes (the workers forked from one server) are
    divided among them, so the sum over processes is the memory they really take together."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def extraction_only(corpus: Path) -> tuple[int, float]:
    """The flow's extraction path without Prefect or Elasticsearch: same batches, same process pool."""
    from flows.ingest import _worker_count, extract_inputs, extraction_pool

    settings = get_settings()
    articles = 0
    started = time.perf_counter()
    items = iter_inputs(discover([corpus]), Limits(settings.max_article_bytes))
    with extraction_pool(_worker_count(settings)) as pool:
        for batch in batched(items, settings.extract_batch_size, settings.extract_batch_bytes):
            inputs = [item for item in batch if isinstance(item, BatchInput)]
            recurring = batch_recurring_lines(inputs, settings.max_article_bytes)
            result = extract_inputs.fn(inputs, recurring, settings.max_article_bytes, pool, _worker_count(settings))
            articles += len(result.articles)
    return articles, time.perf_counter() - started


def end_to_end(corpus: Path) -> tuple[int, float]:
    from flows.ingest import ingest
    from flows.summary import IngestSummary
    from store.client import connect
    from store.indices import IndexNames, drop_all
    from store.state import StateNames, drop_state

    settings = get_settings()
    es = connect(settings.elasticsearch_url)
    drop_all(es, IndexNames(settings.articles_alias, settings.passages_alias))
    drop_state(es, StateNames(settings.state_alias, settings.rejections_alias))
    ingest([str(ROOT / "seeds")])  # starts Prefect's temporary API outside the timing
    started = time.perf_counter()
    summary = ingest([str(corpus)], full=True)
    elapsed = time.perf_counter() - started
    assert isinstance(summary, IngestSummary)
    return summary.articles_indexed + summary.duplicates_in_run, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    # 22,000 varied records make a JSON Lines file of about 2.1 GB: the memory goal is stated for a 2 GB file.
    parser.add_argument("--records", type=int, default=22_000)
    parser.add_argument("--kinds", default="text,html")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_RECORDS} records: the script runs (tests)")
    args = parser.parse_args()
    if args.smoke:
        args.records = SMOKE_RECORDS
    OUT.mkdir(parents=True, exist_ok=True)
    kinds = tuple(args.kinds.split(","))
    corpus = OUT / f"corpus-{args.records}-{'-'.join(kinds)}.jsonl"
    if not corpus.exists():
        write_jsonl(corpus, args.records, kinds)
    size_mb = corpus.stat().st_size / 1e6

    extracted, extract_seconds = extraction_only(corpus)
    with TreeMemory() as memory:
        indexed, ingest_seconds = end_to_end(corpus)
    extract_rate, ingest_rate = extracted / extract_seconds, indexed / ingest_seconds
    print(f"corpus: {args.records:,} records ({', '.join(kinds)}), {size_mb:,.0f} MB, {os.cpu_count()} cores\n")
    print("| path | articles | seconds | articles/s |")
    print("|---|---:|---:|---:|")
    print(f"| extraction only (no Prefect, no store) | {extracted:,} | {extract_seconds:.1f} | {extract_rate:.1f} |")
    print(f"| end to end (`ingest` flow + Elasticsearch) | {indexed:,} | {ingest_seconds:.1f} | {ingest_rate:.1f} |")
    print(f"\nend to end / extraction only: {ingest_rate / extract_rate:.0%} (goal >= 70%)")
    print(
        f"peak memory during the end-to-end run, flow process and extraction workers together (PSS): "
        f"{memory.peak_mb:.0f} MB (goal < 500 MB); peak RSS of the flow process alone: "
        f"{_peak_rss_mb(resource.RUSAGE_SELF):.0f} MB"
    )


if __name__ == "__main__":
    main()
