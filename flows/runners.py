"""Where the ingest work runs: here (threads for the store calls, a process pool for extraction), or on a Dask
cluster whose workers read, extract and index (`flows.distributed`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from prefect.task_runners import ThreadPoolTaskRunner

if TYPE_CHECKING:
    from distributed import Client

RunnerName = Literal["local", "dask"]
SCHEDULER_TIMEOUT_S = 30.0


class DaskUnavailable(Exception):
    """No Dask cluster to run on; the message is one line naming the address."""


def local_runner() -> Any:
    return ThreadPoolTaskRunner(max_workers=4)


@contextmanager
def dask_client(address: str | None, local_workers: int, worker_wait_s: float = 60.0) -> Iterator[Client]:
    """A client of the scheduler at `address` (production: workers on many machines), or of a `LocalCluster`
    of `local_workers` single-threaded worker processes started here for the run (one-box runs). Waits up to
    `worker_wait_s` for a first worker to join."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # an optional extra: say how to get it
        raise DaskUnavailable("--task-runner dask needs Dask's distributed: pip install 'broadsheet[dask]'") from error
    if address is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=local_workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster, set_as_default=False) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    try:
        client = Client(address, timeout=SCHEDULER_TIMEOUT_S, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise DaskUnavailable(f"the Dask scheduler is not reachable at {address} ({type(error).__name__})") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=worker_wait_s)
        except TimeoutError:
            message = f"no Dask worker joined the scheduler at {address} within {worker_wait_s:.0f} s"
            raise DaskUnavailable(message) from None
        yield client
