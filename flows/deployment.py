"""Scheduled, unattended ingestion: a Prefect deployment of the `ingest` flow over the drop folder (of
`ingest-distributed` when BROADSHEET_DASK_ADDRESS names a Dask cluster: its workers then do the work).

`broadsheet schedule` (and the compose stack's worker) serves it: the process registers the deployment with the
Prefect API named by PREFECT_API_URL, then polls for its scheduled and manually triggered runs and executes them.
"""

from __future__ import annotations

from typing import Any

from prefect import Flow, serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import RunnerDeployment
from prefect.types.entrypoint import EntrypointType
from pydantic import ValidationError

from broadsheet.settings import Settings
from flows.distributed import ingest_distributed
from flows.ingest import ingest

DEPLOYMENT_NAME = "ingest-drop-folder"
# How `prefect deployment run` and `run_deployment()` name it: "<flow name>/<deployment name>".
DEPLOYMENT_PATH = f"{ingest.name}/{DEPLOYMENT_NAME}"


def drop_folder_flow(settings: Settings) -> Flow[..., Any]:
    return ingest_distributed if settings.dask_address else ingest


def deployment_path(settings: Settings) -> str:
    """DEPLOYMENT_PATH, or its distributed twin when the runs go to a Dask cluster."""
    return f"{drop_folder_flow(settings).name}/{DEPLOYMENT_NAME}"


def drop_folder_parameters(settings: Settings) -> dict[str, Any]:
    """Incremental runs (`full=False`): an unchanged file in the folder is skipped, so re-scanning it is cheap."""
    parameters: dict[str, Any] = {"paths": [str(settings.drop_dir)], "full": False}
    if settings.dask_address:
        parameters["dask_address"] = settings.dask_address
    return parameters


def one_run_at_a_time() -> ConcurrencyLimitConfig:
    """Runs must not overlap (two runs would extract and index the same new files twice). A run that would
    overlap is cancelled rather than queued: the next scheduled run picks up whatever the busy one left."""
    return ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)


class ScheduleError(ValueError):
    """The configured schedule cannot be used; the message is one line naming the setting."""


def checked_cron(expression: str) -> str:
    try:
        CronSchedule(cron=expression)
    except ValidationError as error:
        reason = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise ScheduleError(f"BROADSHEET_SCHEDULE_CRON={expression!r} is not a cron expression: {reason}") from None
    return expression


def drop_folder_deployment(settings: Settings) -> RunnerDeployment:
    """The deployment, built from settings (BROADSHEET_DROP_DIR, BROADSHEET_SCHEDULE_CRON)."""
    deployment = drop_folder_flow(settings).to_deployment(
        name=DEPLOYMENT_NAME,
        cron=checked_cron(settings.schedule_cron),
        parameters=drop_folder_parameters(settings),
        concurrency_limit=one_run_at_a_time(),
        description=f"Ingest the drop folder {settings.drop_dir} on the schedule {settings.schedule_cron!r}.",
        tags=["broadsheet", "scheduled"],
        # Loaded by module, not by file path: in the worker image the code is installed, not checked out.
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    # Prefect's sync/async dispatch returns a coroutine inside a running event loop; this module is sync only.
    if not isinstance(deployment, RunnerDeployment):
        raise TypeError("drop_folder_deployment() must be called from synchronous code")
    return deployment


def serve_deployment(deployment: RunnerDeployment) -> None:
    """Register the deployment and run its flow runs until interrupted (blocks). `limit=1` keeps this process
    to one flow run at a time as well, whatever the server's concurrency bookkeeping says."""
    serve(deployment, limit=1, print_starting_message=False)
