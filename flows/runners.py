"""Task runners for the ingest flow: local (threads + a process pool for extraction) or a Dask cluster."""

from __future__ import annotations

from typing import Any, Literal

from prefect.task_runners import ThreadPoolTaskRunner

RunnerName = Literal["local", "dask"]


def task_runner(name: RunnerName, dask_address: str | None = None, local_workers: int = 2) -> Any:
    """`dask` with an address joins that scheduler (production: many machines); without one it starts a
    `LocalCluster` of worker processes on this machine (tests, one-box runs)."""
    if name == "local":
        return ThreadPoolTaskRunner(max_workers=4)
    try:
        from prefect_dask.task_runners import DaskTaskRunner
    except ImportError as error:  # an optional extra: say how to get it
        raise RuntimeError("--task-runner dask needs prefect-dask: pip install 'broadsheet[dask]'") from error
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={
            "n_workers": local_workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        },
    )
