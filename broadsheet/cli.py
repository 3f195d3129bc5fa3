"""The `broadsheet` command. Prefect is imported only by `ingest` and `schedule` (importing it costs about two
seconds)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from broadsheet.cli_es import es_app
from broadsheet.cli_kibana import kibana_app
from broadsheet.dumps import Limits
from broadsheet.settings import get_settings
from broadsheet.sources import batched, discover, iter_inputs

if TYPE_CHECKING:
    from store.search_types import Highlighted, SearchResults

app = typer.Typer(
    help="Broadsheet: raw news-article dumps to a searchable Elasticsearch archive.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(es_app, name="es", help="Run the local Elasticsearch node (downloaded from Maven Central).")
app.add_typer(kibana_app, name="kibana", help="Kibana saved objects (data views, searches, dashboard).")

out = Console(highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 1) -> typer.Exit:
    """One plain line on stderr (never wrapped: logs and scripts read it), and the exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _report_rejection(uri: str, reason: str) -> None:
    """One plain line per rejection (never wrapped or styled): scripts grep for these."""
    typer.echo(f"rejected: {uri}: {reason}", err=True)


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
            _report_rejection(rejection.uri, rejection.reason)
        rejected += len(failures)
    raise typer.Exit(1 if rejected else 0)


@app.command()
def ingest(
    paths: PathsArg,
    full: Annotated[
        bool, typer.Option("--full", help="Re-process inputs that are unchanged since the last run.")
    ] = False,
    task_runner: Annotated[
        str, typer.Option("--task-runner", help="local (a process pool here) or dask (a Dask cluster).")
    ] = "local",
    dask_address: Annotated[
        str | None, typer.Option(help="Dask scheduler, e.g. tcp://host:8786; default: a LocalCluster here.")
    ] = None,
) -> None:
    """Run the Prefect ingest flow over PATHS and print its summary (exit 1 when anything was rejected)."""
    if task_runner not in ("local", "dask"):
        raise _fail(f"--task-runner must be local or dask (not {task_runner!r})", code=2)
    from store.client import StoreUnavailable, connect, require_healthy

    settings = get_settings()
    try:
        require_healthy(connect(settings.elasticsearch_url, settings.request_timeout, max_retries=1))
    except StoreUnavailable as error:
        raise _fail(f"{error}. Start one with `broadsheet es start` or set ELASTICSEARCH_URL.") from None

    from flows.ingest import ingest as ingest_flow
    from flows.runners import task_runner as make_runner
    from flows.summary import IngestSummary

    try:
        runner = make_runner(task_runner, dask_address or settings.dask_address)  # type: ignore[arg-type]
    except RuntimeError as error:
        raise _fail(str(error), code=2) from None
    flow = ingest_flow.with_options(task_runner=runner)
    state = flow([str(path) for path in paths], full=full, distributed=task_runner == "dask", return_state=True)
    if not state.is_completed():
        raise _fail(f"ingest failed: {state.message or state.name or 'unknown error'}")
    summary = state.result()
    if not isinstance(summary, IngestSummary):  # a completed run returns its summary; anything else is a bug
        raise _fail(f"ingest returned {type(summary).__name__}, not a summary")
    table = Table(title="ingest", show_header=False)
    for name, value in summary.as_rows():
        table.add_row(name, value)
    out.print(table)
    for rejection in summary.rejections:
        _report_rejection(rejection.uri, rejection.reason)
    raise typer.Exit(1 if summary.rejections else 0)


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
    from store.client import StoreUnavailable, connect
    from store.indices import IndexNames
    from store.search import Searcher, SearchRefused
    from store.search import search as run_search
    from store.search_types import SEARCH_KINDS, InvalidQuery, SearchQuery

    if kind not in SEARCH_KINDS:
        raise _fail(f"--kind must be one of {', '.join(SEARCH_KINDS)} (not {kind!r})", code=2)
    settings = get_settings()
    names = IndexNames(settings.articles_alias, settings.passages_alias)
    es = connect(settings.elasticsearch_url, settings.request_timeout, max_retries=1)
    searcher = Searcher(es=es, names=names, budget=settings.search_budget)
    request = SearchQuery(text=query, kind=kind, site=site, contributor=contributor, size=size, facets=False)
    try:
        results = run_search(searcher, request)
    except (InvalidQuery, SearchRefused) as error:
        raise _fail(f"this search cannot be run: {error}", code=2) from None
    except StoreUnavailable as error:
        raise _fail(str(error)) from None
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


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=0, max=64, help="Worker processes; 0 (the default): one per core.")
    ] = 0,
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
    )


@app.command()
def rejections(size: Annotated[int, typer.Option(min=1, max=10000, help="Rows to show.")] = 100) -> None:
    """List inputs that ingest runs could not turn into articles, newest first."""
    from store.client import StoreUnavailable, connect
    from store.state import StateNames, list_rejections

    settings = get_settings()
    es = connect(settings.elasticsearch_url, settings.request_timeout, max_retries=1)
    try:
        rows = list_rejections(es, StateNames(settings.state_alias, settings.rejections_alias), size)
    except StoreUnavailable as error:
        raise _fail(str(error)) from None
    table = Table("rejected at", "input", "reason", title=f"{len(rows)} rejection(s)")
    for row in rows:
        table.add_row(row.rejected_at, escape(row.uri), escape(row.reason))
    out.print(table)


@app.command()
def schedule() -> None:
    """Serve the scheduled ingest of the drop folder (BROADSHEET_DROP_DIR, on BROADSHEET_SCHEDULE_CRON) until
    interrupted. Runs never overlap; each publishes its summary as a Prefect artifact."""
    settings = get_settings()
    # Created up front so users can start dropping files; a missing folder would make every run a rejection.
    settings.drop_dir.mkdir(parents=True, exist_ok=True)

    from prefect.settings import get_current_settings

    from flows.deployment import DEPLOYMENT_PATH, ScheduleError, drop_folder_deployment, serve_deployment

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
        raise _fail(str(error), code=2) from None
    typer.echo(f"serving {DEPLOYMENT_PATH}: {settings.drop_dir} on {settings.schedule_cron!r} (Ctrl-C stops)", err=True)
    serve_deployment(deployment)
