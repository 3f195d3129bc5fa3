"""bench/sizing.py runs to its report on a dozen records (`--smoke`), so the sizing figures in docs/operations.md
stay reproducible. No figure is judged here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from store.indices import IndexNames, drop_all
from store.state import StateNames, drop_state
from tests.conftest import ROOT

pytestmark = [pytest.mark.es, pytest.mark.prefect]


def test_the_sizing_script_reports_rates_bytes_and_shards(es: Elasticsearch, tmp_path: Path) -> None:
    try:
        done = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "sizing.py"), "--smoke"],
            cwd=ROOT,
            # Its own Prefect home: two temporary Prefect APIs must not share one SQLite database.
            env={**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")},
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        drop_all(es, IndexNames("sizing-articles", "sizing-passages"))
        drop_state(es, StateNames("sizing-state", "sizing-rejections"))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| inputs read, articles extracted | 12, 12 |" in done.stdout
    assert "articles/s per core, pipeline" in done.stdout
    assert "bytes per article, both (primaries)" in done.stdout
    assert "| 100,000,000 |" in done.stdout
