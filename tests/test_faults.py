"""Elasticsearch dying in the middle of a run: the run retries, then fails clearly; inputs whose articles were
not acknowledged are not recorded, so the next run, after a restart, finishes the job exactly.

This test runs its own node (another port, its own data) so it can kill it without disturbing the others."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from bench.corpus import write_jsonl
from broadsheet.localnode import layout_for, read_pid, start_node, stop_node, wait_for_exit
from broadsheet.settings import Settings
from readers import Limits, batched, discover, iter_inputs
from store.client import connect
from store.documents import passages_of
from store.indices import IndexNames, count_documents, drop_all
from store.state import StateNames, drop_state
from tests.ports import free_port
from transforms import BatchInput, extract_batch

pytestmark = [pytest.mark.es, pytest.mark.prefect]

RECORDS = 600
BATCH = 100  # below the number of distinct base dumps, so no batch holds two variants of one page
BROADSHEET = [str(Path(sys.executable).parent / "broadsheet")]
COUNTS = re.compile(
    r"at least ([\d,]+) articles? written, at least ([\d,]+) inputs? recorded, ([\d,]+) inputs? left for the next run"
)


@pytest.fixture(scope="module")
def node_settings() -> Iterator[Settings]:
    settings = Settings(
        ELASTICSEARCH_URL=f"http://127.0.0.1:{free_port()}", BROADSHEET_LOCAL_DIR=Settings().local_dir / "fault-node"
    )
    stop_node(settings)
    start_node(settings, adopt=False)
    yield settings
    stop_node(settings)


def _env(settings: Settings, prefect_api_url: str) -> dict[str, str]:
    """The CLI's environment: this node or cluster, its own aliases, and the session's Prefect API (a CLI left
    to start a temporary API of its own spends ~20 s on it, twice per test)."""
    return {
        **os.environ,
        "PREFECT_API_URL": prefect_api_url,
        "ELASTICSEARCH_URL": settings.elasticsearch_url,
        "BROADSHEET_EXTRACT_BATCH_SIZE": str(BATCH),
        "BROADSHEET_ARTICLES_ALIAS": "fault-articles",
        "BROADSHEET_PASSAGES_ALIAS": "fault-passages",
        "BROADSHEET_STATE_ALIAS": "fault-state",
        "BROADSHEET_REJECTIONS_ALIAS": "fault-rejections",
    }


def _expected_counts(corpus: Path) -> tuple[int, int]:
    """Articles and passages the corpus yields, extracted here batch by batch as the flow does."""
    ids: dict[str, int] = {}
    items = iter_inputs(discover([corpus]), Limits(Settings().max_article_bytes))
    for batch in batched(items, BATCH, Settings().extract_batch_bytes):
        for article in extract_batch([item for item in batch if isinstance(item, BatchInput)]).articles:
            ids.setdefault(article.id, sum(1 for _ in passages_of(article)))
    return len(ids), sum(ids.values())


def _wait_for_articles(es: Elasticsearch, names: IndexNames, process: subprocess.Popen[str]) -> int:
    """Articles the node has taken so far. Counted by indexing operations, not by a search count: a run slows
    its indices' refreshes, so a count would see the first articles only long after they were written."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        response = es.options(ignore_status=(404, 503), max_retries=0).indices.stats(
            index=names.articles_alias, metric="indexing"
        )
        if response.meta.status == 200:
            indexed = int(response["_all"]["primaries"].get("indexing", {}).get("index_total", 0))
            if indexed > 0:
                return indexed
        time.sleep(0.2)
    raise AssertionError(f"the run indexed nothing before it ended: {process.communicate()}")


def test_killing_the_node_mid_run_then_rerunning_finishes_exactly(
    node_settings: Settings, tmp_path: Path, prefect_api_url: str
) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", RECORDS, kinds=("text",))
    names = IndexNames("fault-articles", "fault-passages")
    es = connect(node_settings.elasticsearch_url)
    env = _env(node_settings, prefect_api_url)
    drop_all(es, names)  # the node keeps its data between test sessions
    drop_state(es, StateNames("fault-state", "fault-rejections"))

    run = subprocess.Popen(
        [*BROADSHEET, "ingest", str(corpus)], env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    indexed_before_kill = _wait_for_articles(es, names, run)
    pid = read_pid(layout_for(node_settings).pid_file)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    assert wait_for_exit(pid, 30)
    _, stderr = run.communicate(timeout=300)
    # Short and true: one line (besides progress lines), no tracebacks or client warnings, and counts that
    # match what the restarted node holds.
    lines = [line for line in stderr.splitlines() if not line.startswith("progress: ")]
    assert run.returncode == 3 and len(lines) == 1, stderr
    assert lines[0].startswith("error: ingest failed: Elasticsearch is not reachable at"), lines[0]
    counts = COUNTS.search(lines[0])
    assert counts is not None, lines[0]
    written, recorded, left = (int(group.replace(",", "")) for group in counts.groups())

    start_node(node_settings, adopt=False)
    es.indices.refresh(index=["fault-articles", "fault-state"])
    # Acknowledged writes are all there; a bulk request in flight when the node died may have landed too.
    on_node = count_documents(es, names).articles
    assert written <= on_node <= written + Settings().bulk_chunk_size, (written, on_node)
    assert recorded <= es.count(index="fault-state")["count"] <= recorded + BATCH
    assert left > 0
    rerun = subprocess.run([*BROADSHEET, "ingest", str(corpus)], env=env, text=True, capture_output=True, timeout=600)
    problems = [line for line in rerun.stderr.splitlines() if line.startswith("error:")]
    rejected = [line for line in rerun.stderr.splitlines() if line.startswith("rejected:")]
    assert problems == [] and rerun.returncode == (1 if rejected else 0), rerun.stderr
    assert "skipped (unchanged)" in rerun.stdout

    articles, passages = _expected_counts(corpus)
    counts = count_documents(es, names)
    assert 0 < indexed_before_kill < articles
    assert (counts.articles, counts.passages) == (articles, passages)
