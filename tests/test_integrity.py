"""Ingest never loses, doubles or silently skips an article (issue 10, items 1-6), on the real node.

Each test gets its own aliases, so counts are exact."""

from __future__ import annotations

import json
import os
import shutil
import socket
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from typer.testing import CliRunner

from broadsheet.cli import app
from broadsheet.settings import get_settings
from flows.summary import IngestSummary
from store.indices import IndexNames, drop_all
from store.state import StateNames, drop_state, list_rejections
from tests.conftest import ROOT, SEEDS

pytestmark = [pytest.mark.es, pytest.mark.prefect]

SEED = SEEDS / "000_992f8b7952b07537.txt"
OTHER = ROOT / "tests" / "golden" / "text" / "001_wire_reuters.txt"
THIRD = ROOT / "tests" / "golden" / "text" / "003_broadcaster_bbc.txt"


@dataclass(frozen=True)
class Store:
    names: IndexNames
    state: StateNames


@pytest.fixture()
def store(es: Elasticsearch, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[Store]:
    """Aliases of this test alone."""
    prefix = f"integrity-{request.node.name[:40].lower()}-{os.getpid()}"
    names = IndexNames(f"{prefix}-articles", f"{prefix}-passages")
    fresh = Store(names, StateNames(f"{prefix}-state", f"{prefix}-rejections"))
    for variable, value in (
        ("BROADSHEET_ARTICLES_ALIAS", fresh.names.articles_alias),
        ("BROADSHEET_PASSAGES_ALIAS", fresh.names.passages_alias),
        ("BROADSHEET_STATE_ALIAS", fresh.state.state_alias),
        ("BROADSHEET_REJECTIONS_ALIAS", fresh.state.rejections_alias),
    ):
        monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    yield fresh
    get_settings.cache_clear()
    drop_all(es, fresh.names)
    drop_state(es, fresh.state)


def _run(*paths: Path | str, full: bool = False) -> IngestSummary:
    from flows.ingest import ingest

    summary = ingest([str(path) for path in paths], full=full)
    assert isinstance(summary, IngestSummary), summary
    return summary


def _article_ids(es: Elasticsearch, names: IndexNames) -> set[str]:
    es.indices.refresh(index=names.articles_alias)
    hits = es.search(index=names.articles_alias, size=1000, source=False)["hits"]["hits"]
    return {hit["_id"] for hit in hits}


def test_an_article_still_held_by_an_unchanged_input_is_never_deleted(
    es: Elasticsearch, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "b.txt")
    first = _run(folder)
    assert first.articles_indexed == 1 and first.duplicates_in_run == 1
    seed_ids = _article_ids(es, store.names)

    shutil.copy(OTHER, folder / "a.txt")  # a.txt now holds another article; b.txt still holds the seed
    second = _run(folder)
    ids = _article_ids(es, store.names)
    assert seed_ids < ids and len(ids) == 2, second
    assert second.stale_documents_deleted == 0

    shutil.copy(THIRD, folder / "b.txt")  # now nothing holds the seed: it goes, with its passages
    third = _run(folder)
    ids = _article_ids(es, store.names)
    assert not seed_ids & ids and len(ids) == 2
    assert third.stale_documents_deleted > 0
    es.indices.refresh(index=store.names.passages_alias)
    leftovers = es.count(index=store.names.passages_alias, query={"terms": {"article_id": sorted(seed_ids)}})
    assert leftovers["count"] == 0


def _block_writes(es: Elasticsearch, indices: list[str], blocked: bool) -> None:
    es.indices.put_settings(index=",".join(indices), settings={"index.blocks.read_only_allow_delete": blocked or None})


def test_a_blocked_index_leaves_inputs_for_the_next_run_instead_of_rejecting_them(
    es: Elasticsearch, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    _run(folder)
    shutil.copy(OTHER, folder / "new.txt")
    blocked = [store.names.articles_alias, store.names.passages_alias]
    _block_writes(es, blocked, True)
    try:
        from flows.ingest import ingest

        during = ingest([str(folder)], return_state=True)
    finally:
        _block_writes(es, blocked, False)
    # A blocked store refuses every later batch too: the run stops, says why, and records no rejection.
    assert during.is_failed() and "disk watermark" in (during.message or "")
    assert "0 articles written, 0 inputs recorded, 1 input left for the next run" in (during.message or "")
    assert list_rejections(es, store.state) == []

    after = _run(folder)
    assert after.articles_indexed == 1 and after.skipped_unchanged == 1 and after.rejections == ()
    assert len(_article_ids(es, store.names)) == 2


def test_a_store_blocked_by_the_disk_watermark_fails_in_one_line(
    es: Elasticsearch, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    _run(folder)
    shutil.copy(OTHER, folder / "new.txt")
    everything = [store.names.articles_alias, store.names.passages_alias, store.state.state_alias]
    everything.append(store.state.rejections_alias)
    _block_writes(es, everything, True)
    try:
        result = CliRunner().invoke(app, ["ingest", str(folder)], terminal_width=200)
    finally:
        _block_writes(es, everything, False)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 3, result.output
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
    assert "disk" in lines[0] and "watermark" in lines[0] and "read_only_allow_delete" in lines[0]
    assert "1 input left for the next run" in lines[0]

    after = _run(folder)
    assert after.articles_indexed == 1 and after.rejections == ()


def test_one_file_is_one_input_however_its_path_is_typed(
    es: Elasticsearch, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (tmp_path / "link").symlink_to(folder, target_is_directory=True)
    shutil.copy(SEED, folder / "file.txt")
    monkeypatch.chdir(tmp_path)
    spellings = ["d/file.txt", "./d/file.txt", str(folder / "file.txt"), "link/file.txt", "d/../d/file.txt", "link"]
    first = _run(spellings[0])
    assert first.articles_indexed == 1
    for spelling in spellings[1:]:
        again = _run(spelling)
        assert (again.inputs_seen, again.skipped_unchanged) == (1, 1), spelling
    shutil.copy(OTHER, folder / "file.txt")
    _run("link/file.txt")
    assert len(_article_ids(es, store.names)) == 1
    both = _run("d", "link")  # the same folder twice in one run: one input
    assert (both.inputs_seen, both.skipped_unchanged) == (1, 1)


def test_a_file_name_that_is_not_utf8_is_read_like_any_other(es: Elasticsearch, store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    bad = os.path.join(os.fsencode(folder), b"bad\xffbyte.txt")
    with open(bad, "wb") as handle:
        handle.write(SEED.read_bytes())
    shutil.copy(OTHER, folder / "good.txt")
    first = _run(folder)
    assert (first.articles_indexed, first.rejections) == (2, ())
    again = _run(folder)
    assert again.skipped_unchanged == 2  # the escaped name is stable from run to run

    extracted = CliRunner().invoke(app, ["extract", str(folder)])
    assert extracted.exit_code == 0 and extracted.stdout.count("\n") == 2
    uris = sorted(json.loads(line)["source"]["uri"] for line in extracted.stdout.splitlines())
    assert uris == [f"{folder}/bad\\xffbyte.txt", f"{folder}/good.txt"]


def test_fifos_sockets_and_dangling_links_are_rejections_not_silence(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    os.mkfifo(folder / "pipe")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "sock"))
    (folder / "gone").symlink_to(folder / "missing.txt")
    try:
        result = CliRunner().invoke(app, ["extract", str(folder)])
    finally:
        listener.close()
    assert result.exit_code == 1
    lines = sorted(result.stderr.strip().splitlines())
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"rejected: {folder / 'gone'}: ") and "missing.txt" in lines[0]
    assert lines[1] == f"rejected: {folder / 'pipe'}: not a regular file (FIFO)"
    assert lines[2] == f"rejected: {folder / 'sock'}: not a regular file (socket)"
    assert result.stdout.count("\n") == 1


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "x\nrejected: passwd: forged").write_bytes(b"\x00\x01\x02 binary")
    result = CliRunner().invoke(app, ["extract", str(folder)])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"rejected: {folder}/x\\nrejected: passwd: forged: "), lines


def _zip(path: Path, members: dict[str, Path]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, source in members.items():
            archive.write(source, name)


def test_a_deleted_input_keeps_its_articles_until_pruned(es: Elasticsearch, store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "a-again.txt")  # holds the seed too: it must survive the prune
    shutil.copy(OTHER, folder / "b.txt")
    _zip(folder / "pack.zip", {"one.txt": THIRD, "two.txt": ROOT / "tests" / "golden" / "text" / "006_regional.txt"})
    first = _run(folder)
    assert first.articles_indexed == 4

    (folder / "a.txt").unlink()
    (folder / "b.txt").unlink()
    _zip(folder / "pack.zip", {"one.txt": THIRD})  # a member left its archive
    second = _run(folder)
    assert second.inputs_gone == 3 and second.stale_documents_deleted == 0
    assert len(_article_ids(es, store.names)) == 4  # an archive keeps what it was given, until told otherwise

    runner = CliRunner()
    dry = runner.invoke(app, ["prune", str(folder), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines()[0] == (
        f"3 input(s) recorded under {folder} are gone; 2 article(s) only they held would be deleted"
    )
    assert sorted(dry.stdout.splitlines()[1:]) == [
        f"gone: {folder}/a.txt",
        f"gone: {folder}/b.txt",
        f"gone: {folder}/pack.zip!two.txt",
    ]
    unasked = runner.invoke(app, ["prune", str(folder)])  # no terminal to ask in, and no --yes
    assert unasked.exit_code == 2 and len(_article_ids(es, store.names)) == 4

    pruned = runner.invoke(app, ["prune", str(folder), "--yes"])
    assert pruned.exit_code == 0, pruned.output
    assert len(_article_ids(es, store.names)) == 2  # the seed (still in a-again.txt) and pack.zip!one.txt
    es.indices.refresh(index=store.names.passages_alias)
    held = _article_ids(es, store.names)
    orphans = es.count(
        index=store.names.passages_alias, query={"bool": {"must_not": {"terms": {"article_id": sorted(held)}}}}
    )
    assert orphans["count"] == 0
    assert _run(folder).inputs_gone == 0

    refused = runner.invoke(app, ["reset"])
    assert refused.exit_code == 2 and len(_article_ids(es, store.names)) == 2
    reset = runner.invoke(app, ["reset", "--yes"])
    assert reset.exit_code == 0, reset.output
    again = _run(folder)
    assert again.skipped_unchanged == 0 and again.articles_indexed == 2
