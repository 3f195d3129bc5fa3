"""`broadsheet kibana import`: post the saved objects in `kibana/` to Kibana (see `broadsheet.kibana`).

Exit codes: 0 imported, 1 Kibana refused the file or some of its objects, 2 the file cannot be read,
3 Kibana could not be reached.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from broadsheet.kibana import (
    DEFAULT_KIBANA_URL,
    KibanaError,
    KibanaUnreachable,
    default_saved_objects_file,
    import_saved_objects,
)

kibana_app = typer.Typer(
    help="Kibana saved objects: data views over articles and passages, saved searches, a dashboard.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

UNREADABLE_FILE_EXIT = 2
UNREACHABLE_EXIT = 3


@kibana_app.command("import")
def import_objects(
    url: Annotated[str, typer.Option("--url", help="Kibana's base URL.")] = DEFAULT_KIBANA_URL,
    file: Annotated[
        Path | None, typer.Option("--file", help="NDJSON to import (default: kibana/saved_objects.ndjson).")
    ] = None,
    wait: Annotated[
        float, typer.Option("--wait", min=0, help="Seconds to keep retrying while Kibana is down or starting.")
    ] = 60.0,
) -> None:
    """Import (overwriting) the data views, saved searches and dashboard into Kibana."""
    path = file or default_saved_objects_file()
    if not path.is_file():
        typer.echo(f"error: no saved objects at {path}", err=True)
        raise typer.Exit(UNREADABLE_FILE_EXIT)
    try:
        outcome = import_saved_objects(url, path, wait_seconds=wait)
    except KibanaUnreachable as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(UNREACHABLE_EXIT) from None
    except KibanaError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    for line in outcome.errors:
        typer.echo(f"refused: {line}", err=True)
    typer.echo(f"imported {outcome.imported} saved object(s) from {path} into {url}")
    raise typer.Exit(0 if outcome.ok else 1)
