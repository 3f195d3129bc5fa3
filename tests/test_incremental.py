"""Scheduled runs on the real node: unchanged inputs skipped, changed ones replaced without leftovers, duplicates
stored once, refused documents and unreadable inputs recorded as rejections, and a clear failure when the node
is not there."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from typer.testing import CliRunner

from broadsheet.cli import app
from flows.summary import IngestSummary
from store.indices import IndexNames, count_documents
from store.state import StateNames, list_rejections
from tests.conftest import SEEDS
from tests.test_dumps import PAGE

pytestmark = [pytest.mark.es, pytest.mark.prefect]
SEED = SEEDS / "000_992f8b7952b07537.txt"


def _run(paths: list[Path], full: bool = False) -> IngestSummary:
    from flows.ingest import ingest

    summary = ingest([str(path) for path in paths], full=full)
    assert isinstance(summary, IngestSummary)
    return summary


@pytest.fixture(scope="module")
def drop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drop")
    shutil.copy(SEED, folder / "seed.txt")
    shutil.copy(SEED, folder / "same-text-again.txt")  # one article arriving in two files
    (folder / "page.html").write_bytes(PAGE)
    records = [
        json.dumps({"text": "{not json"})[:-3],  # a malformed line
        json.dumps({"html": PAGE.decode(), "url": "https://gazette.example/x", "published": "not a date"}),
    ]
    (folder / "records.jsonl.gz").write_bytes(gzip.compress("\n".join(records).encode()))
    return folder


@pytest.fixture(scope="module")
def first(store_env: IndexNames, drop: Path) -> IngestSummary:
    return _run([drop])


def test_first_run_stores_each_article_once_and_records_rejections(
    first: IngestSummary, es: Elasticsearch, store_env: IndexNames, state_names: StateNames, drop: Path
) -> None:
    assert first.inputs_seen == 5
    assert first.duplicates_in_run == 1
    assert count_documents(es, store_env).articles == 2  # the seed (once) and the page
    reasons = {rejection.uri: rejection.reason for rejection in first.rejections}
    assert reasons[f"{drop / 'records.jsonl.gz'}#1"].startswith("malformed JSON line")
    refused = reasons[f"{drop / 'records.jsonl.gz'}#2"]
    assert refused.startswith("refused by Elasticsearch") and "date" in refused
    stored = {row.uri: row.reason for row in list_rejections(es, state_names)}
    assert stored == reasons
    listing = CliRunner().invoke(app, ["rejections"], terminal_width=400)
    assert listing.exit_code == 0 and "malformed JSON line" in listing.stdout


def test_unchanged_inputs_are_skipped(
    first: IngestSummary, es: Elasticsearch, store_env: IndexNames, drop: Path
) -> None:
    before = count_documents(es, store_env)
    again = _run([drop])
    assert again.skipped_unchanged == 5  # rejected inputs too: the same bytes are not reported twice
    assert (again.articles_indexed, again.rejections) == (0, ())
    assert count_documents(es, store_env) == before


def test_a_changed_input_replaces_its_article_without_leftovers(
    first: IngestSummary, es: Elasticsearch, store_env: IndexNames, drop: Path
) -> None:
    before = count_documents(es, store_env)
    page = drop / "page.html"
    shorter = PAGE.replace(b"Paragraph 5.", b"Paragraph 5 was rewritten.").replace(
        PAGE[PAGE.index(b"<p>") : PAGE.index(b"</p>") + 4], b""
    )
    page.write_bytes(shorter)
    changed = _run([drop])
    assert changed.articles_indexed == 1 and changed.skipped_unchanged == 4
    after = count_documents(es, store_env)
    assert after.articles == before.articles
    assert after.passages == before.passages - 1  # one paragraph fewer, and nothing of the old version left


def test_full_reprocesses_everything_and_changes_nothing(
    first: IngestSummary, es: Elasticsearch, store_env: IndexNames, drop: Path
) -> None:
    before = count_documents(es, store_env)
    full = _run([drop], full=True)
    assert full.skipped_unchanged == 0 and full.articles_extracted == 4
    assert count_documents(es, store_env) == before


def test_unreachable_node_fails_in_one_line(monkeypatch: pytest.MonkeyPatch, drop: Path) -> None:
    from broadsheet.settings import get_settings
    from flows.ingest import ingest

    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["ingest", str(drop)])
        assert result.exit_code == 3  # the store's exit code: nothing is wrong with the inputs
        assert result.stderr.count("\n") == 1 and "not reachable at http://127.0.0.1:9" in result.stderr
        assert "Traceback" not in result.output
        state = ingest([str(drop)], return_state=True)
        assert state.is_failed() and "Elasticsearch unavailable" in (state.message or "")
    finally:
        get_settings.cache_clear()


def test_a_mapping_change_refills_the_new_indices(
    first: IngestSummary, es: Elasticsearch, store_env: IndexNames, drop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.indices
    import store.state
    from store.mappings import SCHEMA_VERSION

    before = count_documents(es, store_env)
    monkeypatch.setattr(store.indices, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(store.state, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    migrated = _run([drop])
    assert migrated.skipped_unchanged == 0 and migrated.articles_indexed == before.articles
    assert list(es.indices.get_alias(name=store_env.articles_alias).body) == [
        f"{store_env.articles_alias}-v{SCHEMA_VERSION + 1}"
    ]
    assert count_documents(es, store_env) == before
