"""`broadsheet es start | stop | status`: the local Elasticsearch node, or a local cluster of them (see
`broadsheet.localnode` and `broadsheet.localcluster`).

Kept free of Prefect and the Elasticsearch client so these commands answer in well under a second.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from broadsheet import localcluster, localnode
from broadsheet.settings import Settings

es_app = typer.Typer(
    help="Run the local Elasticsearch (core build from Maven Central): one node, or a cluster with --nodes.",
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
    nodes: Annotated[
        int,
        typer.Option(
            min=1,
            help="Nodes to run: 1 is the single node; more form a local cluster on consecutive HTTP ports from "
            "ELASTICSEARCH_URL's (transport: HTTP + 100), each with its own data.",
        ),
    ] = 1,
    quiet: QuietOption = False,
) -> None:
    """Start the node (fetching and unpacking it on first use); a no-op when one already answers.

    With --nodes N, start the members of an N-node cluster that are not running (all at first, a lost one
    later) and wait until all have joined."""
    settings = Settings()
    try:
        if nodes > 1:
            started = localcluster.start_cluster(settings, nodes, timeout=timeout, report=_reporter(quiet))
        else:
            outcome = localnode.start_node(settings, timeout=timeout, report=_reporter(quiet))
    except localnode.LocalNodeError as error:
        raise _fail(error) from None
    if quiet:
        return
    if nodes > 1:
        what = f"started {', '.join(started.started)}" if started.started else "already running"
        out.print(f"[green]Elasticsearch cluster of {nodes} nodes {what}[/green], health {started.health}")
        out.print(f"export ELASTICSEARCH_URL={started.plan.urls}", soft_wrap=True)
    else:
        url = localnode.local_endpoint(settings.elasticsearch_url).url
        out.print(f"[green]Elasticsearch {outcome.value}[/green] at {url}")


@es_app.command()
def stop(
    timeout: Annotated[float, typer.Option(help="Seconds to wait after TERM before KILL.")] = (
        localnode.STOP_TIMEOUT_S
    ),
    quiet: QuietOption = False,
) -> None:
    """Stop the node, or every node of the cluster, that `start` started (and only them)."""
    try:
        outcomes = localcluster.stop_all(Settings(), timeout=timeout, report=_reporter(quiet))
    except localnode.LocalNodeError as error:
        raise _fail(error) from None
    if quiet:
        return
    stopped = {name: outcome for name, outcome in outcomes.items() if outcome is not localnode.StopOutcome.NOT_RUNNING}
    if not stopped:
        out.print(f"Elasticsearch {localnode.StopOutcome.NOT_RUNNING.value}")
    for name, outcome in stopped.items():
        out.print(f"Elasticsearch {name + ' ' if name else ''}{outcome.value}")


def _status_table(status: localnode.NodeStatus) -> Table:
    table = Table(show_header=False, box=None)
    health_colour = {"green": "green", "yellow": "yellow"}.get(status.health or "", "red")
    table.add_row("url", status.url)
    table.add_row("running", "yes" if status.answering else "[red]no[/red]")
    if len(status.nodes) <= 1:
        table.add_row("pid", str(status.pid) if status.pid else "- (not started by broadsheet)")
    table.add_row("health", f"[{health_colour}]{status.health or '-'}[/{health_colour}]")
    if status.shards is not None:
        shards = status.shards
        table.add_row(
            "shards",
            f"{shards.primaries} primaries, {shards.active} active, {shards.relocating} relocating, "
            f"{shards.initializing} initializing, {shards.unassigned} unassigned",
        )
    table.add_row("nodes", str(len(status.nodes)) if status.nodes else "-")
    table.add_row("version", status.version or "-")
    table.add_row("modules", ", ".join(status.modules) or "-")
    table.add_row("log", str(status.log_file))
    return table


def _nodes_table(nodes: tuple[localnode.ClusterNode, ...]) -> Table:
    table = Table(box=None)
    for column in ("node", "http", "roles", "master", "heap %", "pid"):
        table.add_column(column)
    for node in nodes:
        pid = str(node.pid) if node.pid else "-"
        table.add_row(node.name, node.http_address, node.roles, "*" if node.master else "", node.heap_percent, pid)
    return table


@es_app.command()
def status(quiet: QuietOption = False) -> None:
    """Whether a node answers, and its pid, health, shards, nodes, version and modules (exit 3 when none
    answers). With ELASTICSEARCH_URL listing a cluster's nodes, the first that answers is asked."""
    try:
        current = localnode.node_status(Settings())
    except localnode.LocalNodeError as error:
        raise _fail(error) from None
    if not quiet:
        out.print(_status_table(current))
        if len(current.nodes) > 1:
            out.print(_nodes_table(current.nodes))
    if not current.answering:
        raise typer.Exit(NOT_RUNNING_EXIT)
