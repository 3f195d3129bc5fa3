"""The `broadsheet` command. Prefect is imported only by `ingest` and `schedule` (importing it costs about two
seconds). Exit codes: 0 done, 1 inputs rejected (or another failure the message names), 2 usage, 3 Elasticsearch
unreachable or refusing writes (see `broadsheet.console`)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from broadsheet.cli_es import es_app
from broadsheet.cli_kibana import kibana_app
from broadsheet.console import (
    EXIT_REJECTED,
    EXIT_STORE,
    EXIT_USAGE,
    ensure_prefect_home,
    fail,
    ingest_progress,
    printable,
    quiet_libraries,
    report_rejection,
)
from broadsheet.settings import Settings, get_settings
from readers import Limits, batched, discover, iter_inputs

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from store.indices import IndexNames
    from store.search_types import Highlighted, SearchResults
    from store.state import StateNames

app = typer.Typer(
    help="Broadsheet: raw news-article dumps to a searchable Elasticsearch archive.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(es_app, name="es", help="Run the local Elasticsearch node (downloaded from Maven Central).")
app.add_typer(kibana_app, name="kibana", help="Kibana saved objects (data views, searches, dashboard).")

out = Console(highlight=False, soft_wrap=True)


START_HINT = "start one with `broadsheet es start` or set ELASTICSEARCH_URL"


@contextmanager
def store_failures() -> Iterator[None]:
    """Any store error ends the command with one line and exit 3 (never a client traceback)."""
    from store.errors import StoreError, StoreUnavailable

    try:
        yield
    except StoreError as error:
        hint = f"; {START_HINT}" if isinstance(error, StoreUnavailable) else ""
        raise fail(f"{error}{hint}", EXIT_STORE) from None


def _client(settings: Settings, retries: int = 1) -> Elasticsearch:
    from store.client import connect

    quiet_libraries(verbose=False)
    return connect(settings.elasticsearch_url, settings.request_timeout, max_retries=retries)


def _names(settings: Settings) -> tuple[IndexNames, StateNames]:
    from store.indices import IndexNames
    from store.state import StateNames

    return (
        IndexNames(settings.articles_alias, settings.passages_alias),
        StateNames(settings.state_alias, settings.rejections_alias),
    )


PathsArg = Annotated[list[Path], typer.Argument(help="Dump files or folders (searched recursively).")]


@app.command()
def extract(paths: PathsArg) -> None:
    """Print one Article per line (JSON Lines); inputs with no article are reported on stderr (exit 1)."""
    from transforms import BatchInput, Rejection, extract_batch

    settings = get_settings()
    items = iter_inputs(discover(paths), Limits(settings.max_article_bytes))
    rejected = 0
    for batch in batched(items, settings.extract_batch_size, settings.extract_batch_bytes):
        result = extract_batch([item for item in batch if isinstance(item, BatchInput)], settings.max_article_bytes)
        for article in result.articles:
            sys.stdout.write(article.to_json() + "\n")
        sys.stdout.flush()
        failures = [item for item in batch if isinstance(item, Rejection)] + list(result.rejections)
        for rejection in failures:
            report_rejection(rejection.uri, rejection.reason)
        rejected += len(failures)
    raise typer.Exit(1 if rejected else 0)


VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Also print Prefect's and the client's logs (retries, tracebacks).")
]


@app.command()
def ingest(
    paths: PathsArg,
    full: Annotated[
        bool, typer.Option("--full", help="Re-process inputs that are unchanged since the last run.")
    ] = False,
    task_runner: Annotated[
        str,
        typer.Option("--task-runner", help="local (a process pool here) or dask (Dask workers read, extract, index)."),
    ] = "local",
    dask_address: Annotated[
        str | None,
        typer.Option(help="Dask scheduler, e.g. tcp://host:8786 (its workers must reach PATHS); default: a local one."),
    ] = None,
    verbose: VerboseOption = False,
) -> None:
    """Run the Prefect ingest flow over PATHS and print its summary. Exit 1 when inputs were rejected, 3 when
    Elasticsearch was unreachable or refused writes (the rest is left for the next run)."""
    if task_runner not in ("local", "dask"):
        raise fail(f"--task-runner must be local or dask (not {task_runner!r})", EXIT_USAGE)
    quiet_libraries(verbose)
    ensure_prefect_home()
    from store.client import require_healthy

    settings = get_settings()
    with store_failures():
        require_healthy(_client(settings))

    from flows.progress import PROGRESS_LOGGER

    names = [str(path) for path in paths]
    with ingest_progress(PROGRESS_LOGGER, every=settings.progress_every_seconds):
        if task_runner == "dask":
            from flows.distributed import ingest_distributed

            address = dask_address or settings.dask_address
            state = ingest_distributed(names, full=full, dask_address=address, return_state=True)
        else:
            from flows.ingest import ingest as ingest_flow
            from flows.runners import local_runner

            state = ingest_flow.with_options(task_runner=local_runner())(names, full=full, return_state=True)
    _print_outcome(state)


def _print_outcome(state: Any) -> None:
    from flows.summary import IngestSummary

    if not state.is_completed():
        message = state.message or state.name or "unknown error"
        # The flow's own failures name Elasticsearch first; anything else is a fault of the run itself.
        raise fail(f"ingest failed: {message}", EXIT_STORE if message.startswith("Elasticsearch") else EXIT_REJECTED)
    summary = state.result()
    if not isinstance(summary, IngestSummary):  # a completed run returns its summary; anything else is a bug
        raise fail(f"ingest returned {type(summary).__name__}, not a summary")
    table = Table(title="ingest", show_header=False)
    for name, value in summary.as_rows():
        table.add_row(name, value)
    out.print(table)
    for rejection in summary.rejections:
        report_rejection(rejection.uri, rejection.reason)
    if summary.left_for_next_run:
        reasons = "; ".join(f"{reason}: {count:,}" for reason, count in summary.left_by_reason.items())
        raise fail(f"Elasticsearch refused some writes for now ({reasons}); {summary.counts_line()}", EXIT_STORE)
    raise typer.Exit(EXIT_REJECTED if summary.rejections else 0)


KindOption = Annotated[
    str, typer.Option("--kind", help="paragraph | caption | contributor | any", case_sensitive=False)
]


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "quoted phrases", -excluded, a|b, prefix*.')],
    kind: KindOption = "any",
    site: Annotated[str | None, typer.Option(help="Only articles from this site.")] = None,
    contributor: Annotated[str | None, typer.Option(help="Only articles with this contributor.")] = None,
    size: Annotated[int, typer.Option(min=1, max=100, help="Articles to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Search articles: ranked, with the best matching passages highlighted."""
    from store.search import Searcher, SearchTimedOut
    from store.search import search as run_search
    from store.search_types import SEARCH_KINDS, InvalidQuery, SearchQuery

    if kind not in SEARCH_KINDS:
        raise fail(f"--kind must be one of {', '.join(SEARCH_KINDS)} (not {kind!r})", EXIT_USAGE)
    settings = get_settings()
    names, _ = _names(settings)
    searcher = Searcher(es=_client(settings), names=names, budget=settings.search_budget)
    request = SearchQuery(text=query, kind=kind, site=site, contributor=contributor, size=size, facets=False)
    with store_failures():
        try:
            results = run_search(searcher, request)
        except InvalidQuery as error:
            raise fail(f"this search cannot be run: {error}", EXIT_USAGE) from None
        except SearchTimedOut as error:  # the node answered, too slowly: no hint to start one
            raise fail(str(error), EXIT_STORE) from None
    if as_json:
        sys.stdout.write(json.dumps(asdict(results), ensure_ascii=False, indent=2) + "\n")
        return
    _print_results(query, results)


def _highlighted(highlighted: Highlighted, style: str = "bold yellow") -> Text:
    """Matched spans styled: built piece by piece, so nothing in the stored text is read as markup."""
    text = Text()
    for piece, matched in highlighted.pieces():
        text.append(piece, style=style if matched else None)
    return text


def _print_results(query: str, results: SearchResults) -> None:
    out.print(Text(f"{results.total} article(s) match {query!r}\n"))
    for rank, hit in enumerate(results.hits, start=1):
        where = " · ".join(part for part in (hit.site, hit.published, hit.url) if part)
        out.print(Text.assemble((f"{rank}. {hit.title or '(untitled)'}", "bold"), "  ", (where, "dim")))
        for fragment in hit.fragments:
            line = Text.assemble("   ", (f"{fragment.kind} {fragment.position + 1}", "cyan"), ": ")
            line.append_text(_highlighted(fragment.text))
            if fragment.credit:
                line.append_text(Text.assemble(" (", _highlighted(fragment.credit), ")"))
            out.print(line)
        out.print()


WORKER_HEALTHCHECK_S = 60


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=0, max=64, help="Worker processes; 0 (the default): one per core.")] = 0,
    access_log: Annotated[bool, typer.Option(help="Log every request (costs a little under heavy load).")] = True,
) -> None:
    """Serve the read-only search API (/search, /articles/ID, /healthz, /docs) and the search page (/)."""
    import uvicorn  # FastAPI and uvicorn load only here: the other commands stay fast

    # An import string rather than an app object: uvicorn needs one to start several worker processes.
    # One worker per core: a single process serialises every response under one interpreter lock, and searches
    # queue behind each other (bench/api_load.py: p95 3.2 s with one worker during an ingest on two cores).
    uvicorn.run(
        "broadsheet.api:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers or os.cpu_count() or 1,
        access_log=access_log,
        # uvicorn restarts a worker that does not answer its health check in time (5 s by default); on a busy
        # machine a worker still importing the app takes longer than that, and would be restarted forever.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
    )


@app.command()
def rejections(size: Annotated[int, typer.Option(min=1, max=10000, help="Rows to show.")] = 100) -> None:
    """List inputs that ingest runs could not turn into articles, newest first."""
    from store.state import list_rejections

    settings = get_settings()
    with store_failures():
        rows = list_rejections(_client(settings), _names(settings)[1], size)
    table = Table("rejected at", "input", "reason", title=f"{len(rows)} rejection(s)")
    for row in rows:
        table.add_row(row.rejected_at, escape(printable(row.uri)), escape(printable(row.reason)))
    out.print(table)


YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def _confirmed(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise fail("not confirmed: run it in a terminal to be asked, or pass --yes", EXIT_USAGE)
    return typer.confirm(question, default=False)


@app.command()
def prune(
    paths: PathsArg,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count and list what would go.")] = False,
    yes: YesOption = False,
) -> None:
    """Remove the articles of inputs that are gone from PATHS (deleted files, members no longer in their
    archive). An article that another input still yields stays. Ingest never removes them by itself."""
    from flows.maintenance import apply_prune, plan_prune

    settings = get_settings()
    es = _client(settings, retries=3)
    names, state = _names(settings)
    with store_failures():
        plan = plan_prune(es, state, [str(path) for path in paths], Limits(settings.max_article_bytes))
    typer.echo(
        f"{len(plan.gone_uris):,} input(s) recorded under {', '.join(printable(str(p)) for p in paths)} are gone; "
        f"{len(plan.article_ids):,} article(s) only they held would be deleted"
    )
    for uri in plan.gone_uris:
        typer.echo(f"gone: {printable(uri)}")
    if dry_run or not plan.gone_uris:
        return
    if not _confirmed("Delete them?", yes):
        raise typer.Exit(1)
    with store_failures():
        deleted = apply_prune(es, names, state, plan)
    typer.echo(f"pruned {len(plan.gone_uris):,} input(s): {deleted:,} document(s) deleted")


@app.command()
def reset(yes: YesOption = False) -> None:
    """Delete every article, passage, ingest state and rejection of this store (after confirmation): the next
    ingest reads everything again."""
    from flows.maintenance import contents, reset_store

    settings = get_settings()
    es = _client(settings, retries=3)
    names, state = _names(settings)
    with store_failures():
        held = contents(es, names)
    typer.echo(
        f"{settings.elasticsearch_url} holds {held.articles:,} article(s) and {held.passages:,} passage(s) "
        f"under the aliases {names.articles_alias!r} and {names.passages_alias!r}"
    )
    if not _confirmed("Delete all of it, with the ingest state and the rejections?", yes):
        raise typer.Exit(1)
    with store_failures():
        reset_store(es, names, state)
    typer.echo("reset: the store is empty; the next ingest reads every input again")


@app.command()
def schedule() -> None:
    """Serve the scheduled ingest of the drop folder (BROADSHEET_DROP_DIR, on BROADSHEET_SCHEDULE_CRON) until
    interrupted. Runs never overlap; each publishes its summary as a Prefect artifact."""
    settings = get_settings()
    # Created up front so users can start dropping files; a missing folder would make every run a rejection.
    settings.drop_dir.mkdir(parents=True, exist_ok=True)

    from prefect.settings import get_current_settings

    from flows.deployment import ScheduleError, deployment_path, drop_folder_deployment, serve_deployment

    # Set in the environment or in a Prefect profile; without it Prefect falls back to a temporary API.
    if not get_current_settings().api.url:
        typer.echo(
            "warning: PREFECT_API_URL is not set: runs are recorded by a temporary Prefect API that stops with "
            "this command. Run `prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api to keep them.",
            err=True,
        )
    try:
        deployment = drop_folder_deployment(settings)
    except ScheduleError as error:
        raise fail(str(error), EXIT_USAGE) from None
    served = deployment_path(settings)
    typer.echo(f"serving {served}: {settings.drop_dir} on {settings.schedule_cron!r} (Ctrl-C stops)", err=True)
    serve_deployment(deployment)
