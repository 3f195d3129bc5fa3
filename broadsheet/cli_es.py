"""`broadsheet es start | stop | status`: the local Elasticsearch node (see `broadsheet.localnode`).

Kept free of Prefect and the Elasticsearch client so these commands answer in well under a second.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from broadsheet import localnode
from broadsheet.settings import Settings

es_app = typer.Typer(
    help="Run the local single-node Elasticsearch (core build from Maven Central).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")]

# `status` exit code when nothing answers (the LSB convention for "program is not running").
NOT_RUNNING_EXIT = 3


def _reporter(quiet: bool) -> localnode.Reporter:
    def report(message: str) -> None:
        if not quiet:
            err.print(f"[dim]{escape(message)}[/dim]")

    return report


def _fail(error: localnode.LocalNodeError) -> typer.Exit:
    err.print(f"[bold red]error:[/bold red] {escape(str(error))}")
    return typer.Exit(1)


@es_app.command()
def start(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for yellow or green health.")] = (
        localnode.START_TIMEOUT_S
    ),
    quiet: QuietOption = False,
) -> None:
    """Start the node (fetching and unpacking it on first use); a no-op when one already answers."""
    settings = Settings()
    try:
        outcome = localnode.start_node(settings, timeout=timeout, report=_reporter(quiet))
    except localnode.LocalNodeError as error:
        raise _fail(error) from None
    if not quiet:
        url = localnode.local_endpoint(settings.elasticsearch_url).url
        out.print(f"[green]Elasticsearch {outcome.value}[/green] at {url}")


@es_app.command()
def stop(
    timeout: Annotated[float, typer.Option(help="Seconds to wait after TERM before KILL.")] = (
        localnode.STOP_TIMEOUT_S
    ),
    quiet: QuietOption = False,
) -> None:
    """Stop the node `start` started (and only it)."""
    try:
        outcome = localnode.stop_node(Settings(), timeout=timeout, report=_reporter(quiet))
    except localnode.LocalNodeError as error:
        raise _fail(error) from None
    if not quiet:
        out.print(f"Elasticsearch {outcome.value}")


def _status_table(status: localnode.NodeStatus) -> Table:
    table = Table(show_header=False, box=None)
    health_colour = {"green": "green", "yellow": "yellow"}.get(status.health or "", "red")
    table.add_row("url", status.url)
    table.add_row("running", "yes" if status.answering else "[red]no[/red]")
    table.add_row("pid", str(status.pid) if status.pid else "- (not started by broadsheet)")
    table.add_row("health", f"[{health_colour}]{status.health or '-'}[/{health_colour}]")
    table.add_row("version", status.version or "-")
    table.add_row("modules", ", ".join(status.modules) or "-")
    table.add_row("log", str(status.log_file))
    return table


@es_app.command()
def status(quiet: QuietOption = False) -> None:
    """Whether a node answers, and its pid, health, version and modules (exit 3 when none answers)."""
    try:
        current = localnode.node_status(Settings())
    except localnode.LocalNodeError as error:
        raise _fail(error) from None
    if not quiet:
        out.print(_status_table(current))
    if not current.answering:
        raise typer.Exit(NOT_RUNNING_EXIT)
