"""Shared fixtures. Every test that touches the store talks to a real Elasticsearch node (`make test` starts
one when none answers); each test module gets its own aliases so tests never see each other's documents."""

from __future__ import annotations

import os
import signal
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from broadsheet.localnode import layout_for, running_node_pid
from broadsheet.settings import Settings, get_settings
from store.client import connect, require_healthy
from store.errors import StoreUnavailable
from store.indices import IndexNames, drop_all
from store.state import StateNames, drop_state

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

# Offline Prefect: no telemetry, a project-local home, patience for the temporary API's first start.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.setdefault("PREFECT_HOME", str(ROOT / ".local" / "prefect"))
# The temporary API logs its shutdown at exit, after pytest closed the captured streams.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the node (through the `es` fixture or one built on it) is an `es` test, marked or not,
    so `-m "not es"` runs exactly the tests that need no node."""
    for item in items:
        if "es" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.es)


@pytest.fixture(scope="session")
def es() -> Elasticsearch:
    client = connect(get_settings().elasticsearch_url)
    try:
        require_healthy(client, wait_seconds=30)
    except StoreUnavailable as error:
        pytest.fail(f"{error}: run the suite with `make test`, which starts a local node")
    return client


@pytest.fixture(scope="session")
def prefect_api_url() -> str:
    """The Prefect API this session's flows use, for subprocesses that run flows too (the CLI, a bench script):
    PREFECT_API_URL when set, else the session's temporary API (started here if no flow has started it yet).
    A subprocess left to start a temporary API of its own would first migrate a fresh database (~30 s)."""
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        return configured
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the one Prefect's client starts: one per process
    server.start()
    return server.api_url


@pytest.fixture(scope="module")
def index_names(es: Elasticsearch) -> Iterator[IndexNames]:
    """Fresh aliases for one test module, removed afterwards."""
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    names = IndexNames(articles_alias=f"{prefix}-articles", passages_alias=f"{prefix}-passages")
    yield names
    drop_all(es, names)


@pytest.fixture(scope="module")
def state_names(es: Elasticsearch, index_names: IndexNames) -> Iterator[StateNames]:
    prefix = index_names.articles_alias.removesuffix("-articles")
    names = StateNames(state_alias=f"{prefix}-state", rejections_alias=f"{prefix}-rejections")
    yield names
    drop_state(es, names)


@pytest.fixture(scope="module")
def store_env(index_names: IndexNames, state_names: StateNames) -> Iterator[IndexNames]:
    """Point the settings (and so the flow and the CLI) at this module's indices."""
    patch = pytest.MonkeyPatch()
    patch.setenv("BROADSHEET_ARTICLES_ALIAS", index_names.articles_alias)
    patch.setenv("BROADSHEET_PASSAGES_ALIAS", index_names.passages_alias)
    patch.setenv("BROADSHEET_STATE_ALIAS", state_names.state_alias)
    patch.setenv("BROADSHEET_REJECTIONS_ALIAS", state_names.rejections_alias)
    get_settings.cache_clear()
    yield index_names
    patch.undo()
    get_settings.cache_clear()


@contextmanager
def paused_node() -> Iterator[None]:
    """The suite's node paused for the block (SIGSTOP), as a stalled JVM would be: a search then surely overruns
    any budget, where a query that merely runs long on a tiny index sometimes finishes inside it."""
    pid = running_node_pid(layout_for(Settings()))
    assert pid is not None, "the suite's node is not one this checkout started"
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)
