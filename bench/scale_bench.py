"""Benchmark: how ingest scales with Dask workers, and what the flow process itself costs (issue 13, item 4).

    .venv/bin/python bench/scale_bench.py [--files 1500] [--kinds text,html] [--pin] [--smoke]

Writes a folder of dump files (varied real pages, one file each: bench/corpus.py) and ingests all of it, into
fresh bench indices each time, three ways against the Elasticsearch at ELASTICSEARCH_URL (meant to be a 3-node
cluster: `broadsheet es start --nodes 3`; the report names the node count it found):
  1. the local mode (`ingest`: extraction in a process pool, one process per core);
  2. the distributed mode (`ingest-distributed`) with one `dask worker --nthreads 1`;
  3. the same with two such workers.
Workers are started with the `dask` command line, one thread each (so each uses at most one core; `--pin` also
pins worker i to core i with `taskset`). Each ingest runs in a fresh process, so its CPU time and memory are its
own: the report prints articles/s per mode; for the flow process its CPU seconds and peak resident memory during
the run (they should stay flat as workers are added: the workers read, extract and index); the CPU seconds the
workers (or the local extraction processes) used; and articles per CPU-second of the work, which is what one
dedicated core would do whatever else the machine runs. On a machine shared with other work the wall-clock
figures move with its load: the load average before and after is printed with them. Prefect's API (a temporary
server, unless PREFECT_API_URL names one) is started before timing."""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
SMOKE_FILES = 24
DEFAULT_FILES = 1500

from bench.benchenv import use_benchmark_environment  # noqa: E402

use_benchmark_environment("bench-scale")
# Units of 100 files (and local batches of as many), so the corpus spreads over the workers.
os.environ["BROADSHEET_EXTRACT_BATCH_SIZE"] = "100"

from bench.corpus import write_folder  # noqa: E402
from bench.dask_cluster import DaskProcesses  # noqa: E402
from bench.processes import TreeSampler  # noqa: E402
from broadsheet.settings import get_settings  # noqa: E402


@dataclass(frozen=True)
class Measured:
    """One ingest, measured in the process that ran the flow."""

    articles: int
    seconds: float
    flow_cpu_s: float
    flow_peak_rss_mb: float
    children_cpu_s: float
    workers: int

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_one(mode: str, corpus: Path, dask_address: str | None) -> Measured:
    """In a fresh process: one full ingest of `corpus` (the caller emptied the indices)."""
    from flows.summary import IngestSummary

    if mode == "local":
        from flows.ingest import ingest

        call: Any = lambda: ingest([str(corpus)], full=True)  # noqa: E731
    else:
        from flows.distributed import ingest_distributed

        call = lambda: ingest_distributed([str(corpus)], full=True, dask_address=dask_address)  # noqa: E731
    cpu_before = _cpu(resource.RUSAGE_SELF)
    with TreeSampler() as sampled:
        started = time.perf_counter()
        summary = call()
        seconds = time.perf_counter() - started
    if not isinstance(summary, IngestSummary):
        raise SystemExit(f"the {mode} ingest failed: {getattr(summary, 'message', summary)}")
    return Measured(
        articles=summary.articles_indexed + summary.duplicates_in_run,
        seconds=seconds,
        flow_cpu_s=_cpu(resource.RUSAGE_SELF) - cpu_before,
        flow_peak_rss_mb=sampled.peak_mb,
        children_cpu_s=sampled.descendants_cpu_s,
        workers=len(set(summary.workers)),
    )


def _empty_bench_indices() -> None:
    from flows.connection import client, index_names, state_names
    from store.indices import drop_all
    from store.state import drop_state

    settings = get_settings()
    es = client(settings)
    drop_all(es, index_names(settings))
    drop_state(es, state_names(settings))


@dataclass(frozen=True)
class Mode:
    """One mode's ingest as the report shows it: what the flow process measured, and the CPU seconds that the
    work (the local flow and its extraction processes, or the Dask workers) and Elasticsearch used meanwhile."""

    name: str
    measured: Measured
    work_cpu_s: float
    elasticsearch_cpu_s: float

    def row(self, local: Measured) -> str:
        result = self.measured
        per_cpu = result.articles / (self.work_cpu_s + self.elasticsearch_cpu_s)
        return (
            f"| {self.name} | {result.articles:,} | {result.seconds:.1f} | {result.rate:.1f} "
            f"| {result.rate / local.rate:.2f}x | {result.flow_cpu_s:.1f} | {result.flow_peak_rss_mb:.0f} "
            f"| {self.work_cpu_s:.1f} | {self.elasticsearch_cpu_s:.1f} | {per_cpu:.1f} |"
        )


def _measure(mode: str, corpus: Path, api_url: str, dask_address: str | None = None, fresh: bool = True) -> Measured:
    """Run one mode in a child process (this script with --one) and read its measurements; with `fresh`
    False (the smoke run: only that the script works), here, which saves starting Prefect again."""
    _empty_bench_indices()
    if not fresh:
        return run_one(mode, corpus, dask_address)
    command = [sys.executable, __file__, "--one", mode, "--corpus", str(corpus)]
    command += ["--dask-address", dask_address] if dask_address else []
    done = subprocess.run(
        command, env={**os.environ, "PREFECT_API_URL": api_url}, capture_output=True, text=True, timeout=3600
    )
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{done.stderr[-3000:]}")
    return Measured(**json.loads(done.stdout.strip().splitlines()[-1]))


def _elasticsearch_cpu() -> float:
    """CPU seconds every node of the cluster has used so far, as the nodes report it (other processes on this
    machine may run other nodes: only this cluster's count)."""
    from flows.connection import client

    stats = client(get_settings()).nodes.stats(metric="process")
    return float(sum(node["process"]["cpu"]["total_in_millis"] for node in stats["nodes"].values())) / 1000


def _mode(name: str, run: Callable[[], Measured], work_cpu: Callable[[], float]) -> Mode:
    work_before, elasticsearch_before = work_cpu(), _elasticsearch_cpu()
    measured = run()
    work = work_cpu() - work_before
    return Mode(name, measured, work, _elasticsearch_cpu() - elasticsearch_before)


def _worker_cpu(cluster: DaskProcesses) -> float:
    """CPU seconds the worker processes have used so far."""
    import psutil

    total = 0.0
    for pid in cluster.worker_pids().values():
        times = psutil.Process(pid).cpu_times()
        total += times.user + times.system
    return total


def _warm(cluster: DaskProcesses) -> None:
    """Import the worker side on every worker before timing, as a long-running cluster has."""
    import importlib

    with cluster.client() as client:
        client.run(importlib.import_module, "flows.worker")


def _cores_for(workers: int) -> list[list[int]]:
    available = sorted(os.sched_getaffinity(0))
    if shutil.which("taskset") is None or len(available) < workers:
        return []
    return [[core] for core in available[:workers]]


def _node_count() -> int:
    from flows.connection import client

    return int(client(get_settings()).cluster.health()["number_of_nodes"])


class _PrefectApi:
    """The Prefect API that PREFECT_API_URL names, or a temporary one started here (before any timing) and
    named in PREFECT_API_URL, so that flows run in this process (the smoke run) use it too."""

    def __init__(self) -> None:
        from prefect.server.api.server import SubprocessASGIServer

        self._started: SubprocessASGIServer | None = None
        if not os.environ.get("PREFECT_API_URL"):
            self._started = SubprocessASGIServer()
            self._started.start()
            os.environ["PREFECT_API_URL"] = self._started.api_url
        self.api_url = os.environ["PREFECT_API_URL"]

    def close(self) -> None:
        if self._started is not None:
            self._started.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=DEFAULT_FILES)
    parser.add_argument("--kinds", default="text,html")
    parser.add_argument("--pin", action="store_true", help="pin each Dask worker to a core of its own (taskset)")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_FILES} files: the script runs (tests)")
    parser.add_argument("--one", choices=("local", "dask"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--dask-address", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(asdict(run_one(args.one, Path(args.corpus), args.dask_address))))
        return
    files = SMOKE_FILES if args.smoke else args.files
    kinds = tuple(args.kinds.split(","))
    corpus = OUT / f"folder-{files}-{'-'.join(kinds)}"
    if not corpus.exists():
        write_folder(corpus.with_suffix(".partial"), files, kinds).rename(corpus)
    size_mb = sum(path.stat().st_size for path in corpus.iterdir()) / 1e6

    api = _PrefectApi()
    load_before = os.getloadavg()
    modes: list[Mode] = []
    try:
        fresh = not args.smoke
        local_name = f"local (process pool of {os.cpu_count()})"
        modes.append(_mode(local_name, lambda: _measure("local", corpus, api.api_url, fresh=fresh), lambda: 0.0))
        with tempfile.TemporaryDirectory() as folder:
            cores = _cores_for(2) if args.pin else []
            with DaskProcesses(Path(folder), workers=1, cpus=cores[:1]) as cluster:
                for workers in (1, 2):
                    if workers == 2:
                        cluster.add_worker("worker-1", cores[1] if len(cores) > 1 else ())
                        cluster.wait_for_workers(2)
                    _warm(cluster)
                    name = f"Dask, {workers} worker{'s' if workers > 1 else ''}"
                    run = partial(_measure, "dask", corpus, api.api_url, cluster.address, fresh)
                    modes.append(_mode(name, run, partial(_worker_cpu, cluster)))
    finally:
        api.close()
        _empty_bench_indices()
    load_after = os.getloadavg()

    pinned = "each pinned to a core of its own (taskset)" if cores else "not pinned"
    print(f"corpus: {files:,} dump files ({', '.join(kinds)}), {size_mb:,.1f} MB; {os.cpu_count()} cores on this")
    print(f"machine; Elasticsearch: {_node_count()} node(s); Dask workers: one thread each, {pinned};")
    print(f"units (distributed) and batches (local) of {get_settings().extract_batch_size} files")
    print(f"load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after\n")
    print(
        "| mode | articles | seconds | articles/s | vs local | flow CPU s | flow peak RSS MB | work CPU s "
        "| Elasticsearch CPU s | articles per CPU-second (work + Elasticsearch) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    local, one, two = modes
    local = replace(local, work_cpu_s=local.measured.flow_cpu_s + local.measured.children_cpu_s)
    for mode in (local, one, two):
        print(mode.row(local.measured))
    print(
        "\nwork CPU: the local flow process and its extraction processes; in Dask modes the workers alone (the flow "
        f"process only plans and adds up). Dask workers that did work: {one.measured.workers} of 1, "
        f"{two.measured.workers} of 2."
    )
    print(
        f"2 workers / 1 worker: {two.measured.rate / one.measured.rate:.2f}x articles/s; the flow process from 1 to "
        f"2 workers: CPU {one.measured.flow_cpu_s:.1f} -> {two.measured.flow_cpu_s:.1f} s, peak RSS "
        f"{one.measured.flow_peak_rss_mb:.0f} -> {two.measured.flow_peak_rss_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
