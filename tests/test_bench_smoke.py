"""Every script in bench/ runs on a tiny input (its `--smoke` mode) as a subprocess, so a broken benchmark fails
the suite rather than the next person who runs `make bench`. No figures are judged here, only that each script
runs to its report; the scripts that need the node (and Prefect) carry the `es` marker, and run their flows on
this session's Prefect API (one temporary API for the whole suite)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from elasticsearch import Elasticsearch

from bench.aeb import SET_NAMES, available
from bench.relevance import corpus_available
from store.indices import IndexNames, drop_all
from store.state import StateNames, drop_state
from tests.conftest import ROOT

BENCH = ROOT / "bench"
SCRIPTS = sorted(path.name for path in BENCH.glob("*.py") if 'if __name__ == "__main__":' in path.read_text("utf-8"))
SMOKE_TIMEOUT_SECONDS = 300


def smoke(script: str, env: dict[str, str] | None = None) -> str:
    """The script's report from its --smoke run; fails with its stderr when it does not exit cleanly."""
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--smoke"],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=SMOKE_TIMEOUT_SECONDS,
    )
    assert done.returncode == 0, f"{script} --smoke exited {done.returncode}:\n{done.stderr[-3000:]}"
    return done.stdout


def test_every_bench_script_has_a_smoke_test() -> None:
    expected = [
        "api_load.py",
        "extraction.py",
        "html_bench.py",
        "ingest_bench.py",
        "relevance_bench.py",
        "scale_bench.py",
        "sizing.py",
        "train_title.py",
    ]
    assert expected == SCRIPTS, "a new bench script needs a smoke test here"


@pytest.mark.skipif(not all(available(name) for name in SET_NAMES), reason="no ../shared/bench dev sets")
def test_extraction_benchmark_runs() -> None:
    report = smoke("extraction.py")
    for name in SET_NAMES:
        assert f"### {name} (3 pages)" in report
    assert "| html | readability-lxml |" in report
    assert "| text | whole dump (floor) |" in report
    assert "### how sure each HTML lead is" in report
    assert "### fields on fundus" in report
    assert "HTML speed: Broadsheet at" in report


@pytest.mark.skipif(not all(available(name) for name in SET_NAMES), reason="no ../shared/bench dev sets")
def test_html_speed_benchmark_runs() -> None:
    report = smoke("html_bench.py")
    for name in SET_NAMES:
        assert f"| {name} | 3 | " in report
    assert "| **all** | 18 | " in report
    assert "HTML speed: Broadsheet at" in report


@pytest.mark.skipif(not all(available(name) for name in ("fundus", "l3s-gn1")), reason="no ../shared/bench dev sets")
def test_title_training_runs() -> None:
    report = smoke("train_title.py")
    assert "| weights | fundus (" in report and "| fitted without fundus |" in report
    assert "| fitted without the page's publishers (" in report
    assert "wrote" not in report  # a smoke run never rewrites the shipped model


@pytest.mark.es
@pytest.mark.prefect
def test_ingest_benchmark_runs(es: Elasticsearch, prefect_api_url: str) -> None:
    report = smoke("ingest_bench.py", {"PREFECT_API_URL": prefect_api_url})
    assert "| extraction only (no Prefect, no store) | 12 |" in report
    assert "| end to end (`ingest` flow + Elasticsearch) | 12 |" in report


@pytest.mark.es
@pytest.mark.prefect
def test_sizing_benchmark_runs(es: Elasticsearch, prefect_api_url: str) -> None:
    try:
        report = smoke("sizing.py", {"PREFECT_API_URL": prefect_api_url})
    finally:
        drop_all(es, IndexNames("sizing-articles", "sizing-passages"))
        drop_state(es, StateNames("sizing-state", "sizing-rejections"))
    assert "| inputs read, articles extracted | 12, 12 |" in report
    assert "articles/s per core, pipeline" in report
    assert "bytes per article, both (primaries)" in report
    assert "| 100,000,000 |" in report


@pytest.mark.es
@pytest.mark.prefect
def test_scaling_benchmark_runs(es: Elasticsearch, prefect_api_url: str) -> None:
    """Local mode, then a Dask cluster (the `dask` command line) of one worker, then two."""
    pytest.importorskip("distributed")
    report = smoke("scale_bench.py", {"PREFECT_API_URL": prefect_api_url})
    assert "| local (process pool of" in report
    assert "| Dask, 1 worker | 24 |" in report and "| Dask, 2 workers | 24 |" in report
    assert "Dask workers that did work: 1 of 1" in report and "2 workers / 1 worker:" in report


@pytest.mark.es
def test_api_load_benchmark_runs(es: Elasticsearch) -> None:
    names = IndexNames("bench-smoke-articles", "bench-smoke-passages")
    try:
        report = smoke("api_load.py")
    finally:
        drop_all(es, names)
    api_rows = [line for line in report.splitlines() if line.startswith("| API /search")]
    assert [row.split("|")[1].strip() for row in api_rows] == [
        "API /search, idle",
        "API /search, next to 1 hostile clients",
    ]
    errors = [row.split("|")[-3].strip() for row in api_rows]  # the column before the statuses
    assert errors == ["0", "0"], f"the API answered with errors under the smoke load: {api_rows}"
    assert "| peer: Elasticsearch ranking query only" in report


@pytest.mark.es
@pytest.mark.skipif(not corpus_available(), reason="no ../shared/bench: the relevance corpus is built from it")
def test_relevance_benchmark_runs() -> None:
    report = smoke("relevance_bench.py")
    assert "| **all** | 10 |" in report
    assert "stemming (this node): success@1 | MRR | stemming off: success@1 | MRR" in report
