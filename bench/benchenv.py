"""The environment of a benchmark that runs Broadsheet's ingest: Prefect quiet and local to this checkout, and the
store under aliases of the benchmark's own, so a run never touches a user's `articles` or their ingest state.
Called before Broadsheet is imported: its settings read the environment once."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prefect_environment() -> dict[str, str]:
    """No telemetry, a temporary API given time to start on a busy machine, this checkout's Prefect home."""
    return {
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
        "PREFECT_HOME": os.environ.get("PREFECT_HOME", str(ROOT / ".local" / "prefect")),
    }


def store_aliases(prefix: str) -> dict[str, str]:
    return {
        "BROADSHEET_ARTICLES_ALIAS": f"{prefix}-articles",
        "BROADSHEET_PASSAGES_ALIAS": f"{prefix}-passages",
        "BROADSHEET_STATE_ALIAS": f"{prefix}-state",
        "BROADSHEET_REJECTIONS_ALIAS": f"{prefix}-rejections",
    }


def use_benchmark_environment(prefix: str) -> None:
    """This process's environment for a benchmark: what the user set for Prefect wins, the aliases never do."""
    for name, value in prefect_environment().items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.update(store_aliases(prefix))
