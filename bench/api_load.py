"""Benchmark: the search API under load: idle, while an ingest runs, and next to hostile clients; against
Elasticsearch answering the same searches directly (the peer).

    .venv/bin/python bench/api_load.py [--articles 20000] [--clients 20] [--seconds 30] [--workers N]
                                       [--hostile 4] [--ingest-records 8000] [--phases idle,ingest,hostile] [--smoke]

Builds (once; later runs reuse it) an archive of at least `--articles` articles in bench-only aliases from
`bench/corpus.py`'s varied real dumps, extracted in a process pool and bulk-written by the store layer. Then starts
the API the way users do (`broadsheet serve`, its default worker count unless `--workers`) and runs `--clients`
concurrent clients for `--seconds` against `/search` with varied words, phrases, kinds, filters and next-page
cursors, in three phases:

- idle: nothing else runs;
- ingest: `broadsheet ingest` (its defaults) writes `--ingest-records` new articles into the same indices, started
  first and measured once it is indexing (the articles it wrote are deleted afterwards);
- hostile: `--hostile` more clients send the most expensive searches the API takes (many short prefixes, long
  alternations, and the 1,000-character fuzzy queries of issue 10, which it now refuses).

The peer: the same clients sending the API's ranking query straight to Elasticsearch, idle. Prints one markdown
table: requests, req/s, p50/p95/p99 latency and errors of the normal clients per phase (and what the hostile ones
got)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import httpx
from elasticsearch.helpers import scan

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchenv import prefect_environment  # noqa: E402
from bench.corpus import records  # noqa: E402
from bench.processes import stop_process_group  # noqa: E402
from broadsheet.api.deps import MAX_TEXT  # noqa: E402
from broadsheet.settings import get_settings  # noqa: E402
from store.bulk import delete_articles, write_articles  # noqa: E402
from store.client import connect, require_healthy  # noqa: E402
from store.indices import IndexNames, ensure_indices, refresh  # noqa: E402
from store.search import DEFAULT_BUDGET  # noqa: E402
from store.search_dsl import article_search  # noqa: E402
from store.search_types import MAX_QUERY_WORDS, SearchQuery  # noqa: E402
from store.state import StateNames, drop_state  # noqa: E402
from transforms import Article, BatchInput, InputHints, extract_batch  # noqa: E402

CHUNK = 250  # records per extraction task: large enough to amortise pickling, small enough to spread evenly


# --- the archive --------------------------------------------------------------------------------------------------


def _extract_chunk(chunk: list[tuple[str, str, str]]) -> list[Article]:
    # Each record gets its own canonical URL: an article's id comes from its URL, and copies of one HTML page
    # (which all declare the page's URL) would otherwise collapse into one article.
    inputs = [
        BatchInput(uri=uri, data=content.encode("utf-8"), hints=InputHints(url=f"https://bench.example/{uri}"))
        for uri, _, content in chunk
    ]
    return list(extract_batch(inputs).articles)


def _chunks(count: int, offset: int) -> Iterator[list[tuple[str, str, str]]]:
    chunk: list[tuple[str, str, str]] = []
    for number, record in enumerate(records(count + offset)):
        if number < offset:
            continue
        ((kind, content),) = record.items()
        chunk.append((f"{number}.{kind}", kind, content))
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _extracted(chunks: Iterator[list[tuple[str, str, str]]]) -> Iterator[list[Article]]:
    """Extraction in a process pool with a bounded queue: `pool.map` would read every record into memory first."""
    workers = os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[list[Article]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_extract_chunk, chunk))
            if len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def build_archive(names: IndexNames, wanted: int) -> int:
    """Articles in the bench archive, topped up to `wanted` (records that extract to nothing are simply skipped)."""
    es = connect(get_settings().elasticsearch_url, timeout=120)
    require_healthy(es)
    ensure_indices(es, names)
    have = int(es.count(index=names.articles_alias)["count"])
    offset = have
    while have < wanted:
        missing = wanted - have
        # A few records more than missing: some of the real dumps they vary are rejected by extraction.
        batch = missing + missing // 10 + 10
        print(f"extracting {batch:,} records (archive has {have:,} of {wanted:,} articles)", file=sys.stderr)
        for articles in _extracted(_chunks(batch, offset)):
            report = write_articles(es, articles, names)
            if report.errors:
                raise SystemExit(f"bulk errors: {report.errors[:3]}")
        offset += batch
        refresh(es, names)
        have = int(es.count(index=names.articles_alias)["count"])
    return have


# --- the queries --------------------------------------------------------------------------------------------------


def query_mix(names: IndexNames, count: int = 400, seed: int = 7) -> list[dict[str, Any]]:
    """Words and phrases drawn from the archive's own text, so most searches match, with kinds and filters."""
    es = connect(get_settings().elasticsearch_url)
    sample = es.search(
        index=names.articles_alias,
        query={"function_score": {"random_score": {"seed": seed, "field": "_seq_no"}}},
        source_includes=["paragraphs", "site"],
        size=200,
    )["hits"]["hits"]
    paragraphs = [text for hit in sample for text in hit["_source"].get("paragraphs", []) if len(text.split()) > 8]
    sites = sorted({hit["_source"]["site"] for hit in sample if hit["_source"].get("site")})
    rng = random.Random(seed)
    mix: list[dict[str, Any]] = []
    for _ in range(count):
        words = [word.strip(".,;:“”\"'()") for word in rng.choice(paragraphs).split()]
        words = [word for word in words if len(word) > 3] or ["news"]
        start = rng.randrange(len(words))
        roll = rng.random()
        if roll < 0.4:
            params: dict[str, Any] = {"q": words[start]}
        elif roll < 0.7:
            params = {"q": " ".join(words[start : start + 2])}
        elif roll < 0.85:
            params = {"q": '"' + " ".join(words[start : start + 3]) + '"'}
        else:
            params = {"q": words[start], "kind": rng.choice(["paragraph", "caption", "contributor"])}
        if sites and rng.random() < 0.15:
            params["site"] = rng.choice(sites)
        params["size"] = rng.choice([10, 10, 10, 20])
        mix.append(params)
    return mix


# --- the load -----------------------------------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None
    statuses: Counter[int] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class Call:
    """One request to send; `on_body` sees a successful response's JSON (the API's cursors are kept from it)."""

    method: str
    path: str
    params: dict[str, Any] | None = None
    json: dict[str, Any] | None = None
    on_body: Callable[[dict[str, Any]], None] | None = None


async def _client(
    calls: Callable[[int], Call], http: aiohttp.ClientSession, deadline: float, tally: Tally, expected: frozenset[int]
) -> None:
    turn = 0
    while time.perf_counter() < deadline:
        call = calls(turn)
        started = time.perf_counter()
        problem = None
        try:
            async with http.request(call.method, call.path, params=call.params, json=call.json) as response:
                body = await response.read()
                tally.statuses[response.status] += 1
                if response.status not in expected:
                    problem = f"HTTP {response.status}: {body[:200]!r}"
        except (aiohttp.ClientError, TimeoutError) as error:
            problem = f"{type(error).__name__}: {error}"
        tally.latencies.append(time.perf_counter() - started)
        if problem:
            tally.errors += 1
            tally.first_error = tally.first_error or problem
        elif call.on_body and response.status == 200:
            call.on_body(json.loads(body))
        turn += 1


@dataclass(frozen=True)
class Clients:
    """A group of closed-loop clients sending the same kind of calls; `expected` statuses are not errors."""

    calls: Callable[[int], Call]
    count: int
    expected: frozenset[int] = frozenset({200})


async def run_load(base_url: str, groups: list[Clients], seconds: float) -> list[Tally]:
    """Every group's clients at once, each waiting for its answer before sending the next request (closed loop);
    one tally per group. aiohttp rather than httpx: the load generator shares the machine's cores with the server
    under test, and aiohttp needs less CPU per request."""
    tallies = [Tally() for _ in groups]
    connector = aiohttp.TCPConnector(limit=sum(group.count for group in groups))
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(base_url, connector=connector, timeout=timeout) as http:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(
            *(
                _client(_offset(group.calls, n), http, deadline, tally, group.expected)
                for group, tally in zip(groups, tallies, strict=True)
                for n in range(group.count)
            )
        )
    return tallies


def load(base_url: str, calls: Callable[[int], Call], clients: int, seconds: float) -> Tally:
    return asyncio.run(run_load(base_url, [Clients(calls, clients)], seconds))[0]


def _offset(calls: Callable[[int], Call], client: int) -> Callable[[int], Call]:
    """Each client walks the mix from its own starting point, so concurrent requests differ."""
    return lambda turn: calls(client * 37 + turn)


def api_calls(mix: list[dict[str, Any]]) -> Callable[[int], Call]:
    cursors: dict[int, str] = {}

    def call_of(turn: int) -> Call:
        key = turn % len(mix)
        params = {name: str(value) for name, value in mix[key].items()}
        # Every fifth search asks for the next page of one seen before: the cursor path is part of the load.
        if turn % 5 == 4 and key in cursors:
            return Call("GET", "/search", {**params, "cursor": cursors[key]})

        def keep_cursor(body: dict[str, Any]) -> None:
            if body.get("next_cursor"):
                cursors[key] = body["next_cursor"]

        return Call("GET", "/search", params, on_body=keep_cursor)

    return call_of


def direct_calls(mix: list[dict[str, Any]], names: IndexNames) -> Callable[[int], Call]:
    bodies = [
        article_search(
            SearchQuery(text=params["q"], kind=params.get("kind", "any"), site=params.get("site"), size=params["size"]),
            search_after=None,
            budget=f"{int(DEFAULT_BUDGET * 1000)}ms",
        )
        for params in mix
    ]
    return lambda turn: Call("POST", f"/{names.articles_alias}/_search", json=bodies[turn % len(bodies)])


def hostile_queries() -> list[str]:
    """The most expensive searches a client can send within the API's limits: 3-letter prefixes or common words
    joined by `|` (each prefix expands to every word that starts with it, in every language's fields), fuzzy
    operators (now plain words), and the 1,000-character fuzzy query of issue 10 (5.8 s each before; now refused)."""
    half = MAX_QUERY_WORDS // 2  # "a | b | …": the operators count as words too
    prefixes = " | ".join(f"{first}{vowel}{last}*" for first in "bcdfmprst" for vowel in "aeiou" for last in "nrst")
    common = ["the", "and", "said", "year", "people", "government", "time", "world", "city", "police", "state"]
    fuzzy = " ".join(f"{word}x~2" for word in ("alph", "brav", "charl", "delt", "ech", "foxtr", "golf", "hotel") * 25)
    return [
        " | ".join(prefixes.split(" | ")[:half]),
        " | ".join((common * 3)[:half]),
        " ".join(fuzzy.split()[:MAX_QUERY_WORDS]),
        fuzzy[:MAX_TEXT],
    ]


def hostile_calls() -> Callable[[int], Call]:
    queries = hostile_queries()
    return lambda turn: Call("GET", "/search", {"q": queries[turn % len(queries)], "size": "100"})


# --- the server ---------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_api(names: IndexNames, port: int, workers: int | None) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BROADSHEET_ARTICLES_ALIAS": names.articles_alias,
        "BROADSHEET_PASSAGES_ALIAS": names.passages_alias,
    }
    # The `broadsheet serve` command itself, as users start it (its own default worker count unless asked).
    command = [str(Path(sys.executable).parent / "broadsheet"), "serve", "--port", str(port), "--no-access-log"]
    if workers:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"the API did not start: {server.stderr.read().decode() if server.stderr else ''}")


# --- the ingest running meanwhile ---------------------------------------------------------------------------------

INGEST_URL = "https://bench.example/ingest/"


def write_ingest_corpus(path: Path, count: int) -> Path:
    """`count` varied real dumps as JSON Lines, each with a URL of its own (so each is an article of its own)."""
    with path.open("w", encoding="utf-8") as handle:
        for number, record in enumerate(records(count)):
            handle.write(json.dumps({**record, "url": f"{INGEST_URL}{number}"}, ensure_ascii=False) + "\n")
    return path


@contextmanager
def ingest_running(names: IndexNames, corpus: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`broadsheet ingest` (its defaults) into the archive's indices, as the scheduled run would; yields once it
    is writing, and stops it (its whole process group: flow, workers, Prefect's temporary API) afterwards."""
    state = StateNames(f"{names.articles_alias}-ingest-state", f"{names.articles_alias}-ingest-rejections")
    env = {
        **os.environ,
        "BROADSHEET_ARTICLES_ALIAS": names.articles_alias,
        "BROADSHEET_PASSAGES_ALIAS": names.passages_alias,
        "BROADSHEET_STATE_ALIAS": state.state_alias,
        "BROADSHEET_REJECTIONS_ALIAS": state.rejections_alias,
        **prefect_environment(),
    }
    command = [str(Path(sys.executable).parent / "broadsheet"), "ingest", "--full", str(corpus)]
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    es = connect(get_settings().elasticsearch_url)
    try:
        _wait_for_writes(es, names, process)
        yield process
    finally:
        stop_process_group(process, grace_s=60)
        _remove_ingested(es, names)
        drop_state(es, state)


def _ingested_ids(es: Any, names: IndexNames) -> list[str]:
    es.indices.refresh(index=names.articles_alias)
    query = {"query": {"prefix": {"url": INGEST_URL}}, "_source": False}
    return [hit["_id"] for hit in scan(es, index=names.articles_alias, query=query)]


def _wait_for_writes(es: Any, names: IndexNames, process: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the ingest ended before the load started (exit {process.returncode})")
        query = {"query": {"prefix": {"url": INGEST_URL}}}
        if es.count(index=names.articles_alias, body=query)["count"] > 0:
            return
        time.sleep(1)
    raise SystemExit("the ingest wrote nothing in 5 minutes")


def _remove_ingested(es: Any, names: IndexNames) -> None:
    ids = _ingested_ids(es, names)
    delete_articles(es, names, ids)
    refresh(es, names)
    print(f"(removed the {len(ids):,} articles the ingest wrote)", file=sys.stderr)


# --- report -------------------------------------------------------------------------------------------------------


def _percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def p95(tally: Tally) -> float:
    return _percentile(sorted(tally.latencies), 0.95) if tally.latencies else 0.0


def row(name: str, tally: Tally, seconds: float) -> str:
    values = sorted(tally.latencies) or [0.0]
    ms = [f"{_percentile(values, p) * 1000:.1f}" for p in (0.50, 0.95, 0.99)]
    rate = len(tally.latencies) / seconds
    statuses = ", ".join(f"{status}: {count:,}" for status, count in sorted(tally.statuses.items()))
    return f"| {name} | {len(tally.latencies):,} | {rate:.1f} | {' | '.join(ms)} | {tally.errors} | {statuses} |"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--peer-seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=15.0, help="Seconds of load first, not measured.")
    parser.add_argument("--workers", type=int, default=None, help="uvicorn workers (default: broadsheet serve's)")
    parser.add_argument("--hostile", type=int, default=4, help="Hostile clients in the hostile phase.")
    parser.add_argument("--ingest-records", type=int, default=8000, help="Records the concurrent ingest is given.")
    parser.add_argument("--phases", default="idle,ingest,hostile", help="Which of idle,ingest,hostile to run.")
    parser.add_argument("--prefix", default="bench-api", help="Aliases <prefix>-articles and <prefix>-passages.")
    parser.add_argument("--build-only", action="store_true", help="Build the archive and stop.")
    parser.add_argument("--smoke", action="store_true", help="A tiny archive and load in bench-smoke aliases (tests).")
    args = parser.parse_args()
    if args.smoke:  # every phase but the ingest (Prefect's start alone would take longer than the rest)
        args.articles, args.clients, args.seconds, args.peer_seconds, args.workers = 40, 2, 2.0, 1.0, 1
        args.prefix, args.phases, args.hostile, args.warmup = "bench-smoke", "idle,hostile", 1, 0.5
    return args


def main() -> None:
    args = _arguments()
    phases = set(args.phases.split(","))
    names = IndexNames(f"{args.prefix}-articles", f"{args.prefix}-passages")
    articles = build_archive(names, args.articles)
    if args.build_only:
        print(f"archive ready: {articles:,} articles")
        return
    mix = query_mix(names)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    normal = Clients(api_calls(mix), args.clients)
    rows: list[tuple[str, Tally]] = []
    server = start_api(names, port, args.workers)
    try:
        # Caches and every worker warm (a fresh worker's first searches are slow), so no phase pays for that.
        load(base, normal.calls, args.clients, args.warmup)
        if "idle" in phases:
            rows.append(("API /search, idle", load(base, normal.calls, args.clients, args.seconds)))
        if "ingest" in phases:
            with tempfile.TemporaryDirectory(prefix="broadsheet-api-load-") as scratch:
                corpus = write_ingest_corpus(Path(scratch) / "ingest.jsonl", args.ingest_records)
                with ingest_running(names, corpus) as ingest:
                    during = load(base, normal.calls, args.clients, args.seconds)
                    if ingest.poll() is not None:
                        print("warning: the ingest finished before the load did; give it more --ingest-records")
                rows.append(("API /search, during an ingest", during))
        if "hostile" in phases:
            hostile = Clients(hostile_calls(), args.hostile, expected=frozenset({200, 400, 504}))
            mixed, attackers = asyncio.run(run_load(base, [normal, hostile], args.seconds))
            rows.append((f"API /search, next to {args.hostile} hostile clients", mixed))
            rows.append((f"  the {args.hostile} hostile clients themselves", attackers))
    finally:
        server.terminate()
        server.wait(timeout=30)
    peer = load(get_settings().elasticsearch_url, direct_calls(mix, names), args.clients, args.peer_seconds)
    rows.append(("peer: Elasticsearch ranking query only, idle", peer))

    workers = args.workers or "default"
    print(f"\n{articles:,} articles; {args.clients} clients; API: broadsheet serve, {workers} workers, loopback\n")
    print("| phase | requests | req/s | p50 ms | p95 ms | p99 ms | errors | statuses |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, tally in rows:
        seconds = args.peer_seconds if tally is peer else args.seconds
        print(row(name, tally, seconds))
    for name, tally in rows:
        if tally.first_error:
            print(f"{name}: first error: {tally.first_error}")
    by_name = dict(rows)
    ingesting = by_name.get("API /search, during an ingest")
    if ingesting is not None:
        met = ingesting.errors == 0 and p95(ingesting) < 0.3
        print(f"goal: p95 under 300 ms during an ingest, no errors -> {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
