"""Search under hostile input (issue 10, items 9, 12 and 13), through the CLI and the API as users call them, against
the real node: markup in queries and in stored text, malformed cursors, and queries built to be expensive."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from broadsheet.api import create_app
from broadsheet.cli import app
from store.bulk import write_articles
from store.indices import IndexNames, ensure_indices, refresh
from tests.api_support import api_settings
from tests.conftest import paused_node
from transforms.model import Article, Caption, Source

pytestmark = pytest.mark.es

# Text a terminal renderer or a template could mistake for markup: Rich tags, an HTML end tag, a lone "[/]".
MARKUP = "The editor typed </em> and [bold]loud[/bold] and [/] into the lighthouse logbook by mistake."
ARTICLE = Article(
    id="hostile-1",
    source=Source(uri="mem://hostile", format="text", sha256="1" * 64),
    site="Harbour [red]Gazette[/red]",
    title="Lighthouse [/] logbook",
    url="https://hostile.example/logbook",
    published="2024-02-01T09:00:00+00:00",
    language="en",
    paragraphs=(MARKUP, "Keepers log every ship that passes the lighthouse."),
    captions=(Caption(text="The logbook on its stand", credit="[i]Ines[/i] </em>Varga"),),
)


@pytest.fixture(scope="module")
def archive(es: Elasticsearch, index_names: IndexNames) -> IndexNames:
    ensure_indices(es, index_names)
    report = write_articles(es, [ARTICLE], index_names)
    assert not report.errors
    refresh(es, index_names)
    return index_names


@pytest.fixture(scope="module")
def client(archive: IndexNames) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings(archive))) as test_client:
        yield test_client


# --- item 9: nothing is ever read as markup ------------------------------------------------------------------------


def test_cli_search_for_markup_like_words_prints_them(archive: IndexNames, store_env: IndexNames) -> None:
    result = CliRunner().invoke(app, ["search", "[/]"])
    assert result.exit_code == 0, result.output
    assert "match '[/]'" in result.stdout


def test_cli_search_prints_stored_markup_as_text(archive: IndexNames, store_env: IndexNames) -> None:
    result = CliRunner().invoke(app, ["search", "logbook"])
    assert result.exit_code == 0, result.output
    assert "Lighthouse [/] logbook" in result.stdout and "Harbour [red]Gazette[/red]" in result.stdout
    assert "typed </em> and [bold]loud[/bold] and [/] into" in result.stdout
    assert "([i]Ines[/i] </em>Varga)" in result.stdout


def test_api_escapes_stored_end_tags_and_marks_only_matches(client: TestClient) -> None:
    fragments = client.get("/search", params={"q": "logbook"}).json()["hits"][0]["fragments"]
    paragraph = next(fragment for fragment in fragments if fragment["kind"] == "paragraph")
    assert paragraph["html"] == (
        "The editor typed &lt;/em&gt; and [bold]loud[/bold] and [/] into the lighthouse <em>logbook</em> by mistake."
    )


# --- item 12: every malformed cursor is a 400 ----------------------------------------------------------------------


def _forged(after: object, bound_to: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": after, "q": bound_to}).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "after",
    [
        [int("9" * 400), "hostile-1"],
        [-int("9" * 400), "hostile-1"],
        [1.0, "x" * 600],
        [1.0, "\ud800"],
        [1.0, ""],
        [[1.0], "hostile-1"],
        {"score": 1.0},
    ],
)
def test_a_malformed_cursor_is_a_400_never_a_500(client: TestClient, after: object) -> None:
    cursor = client.get("/search", params={"size": 1}).json()["next_cursor"]
    bound_to = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["q"] if cursor else ""
    response = client.get("/search", params={"cursor": _forged(after, bound_to)})
    assert response.status_code == 400, response.text
    assert response.json()["detail"].startswith("cursor:")


def test_a_cursor_that_is_not_base64_json_is_a_400(client: TestClient) -> None:
    for cursor in ("%%%", base64.urlsafe_b64encode(b"[" * 1500).decode(), base64.urlsafe_b64encode(b"1e999").decode()):
        assert client.get("/search", params={"cursor": cursor}).status_code == 400


# --- item 13: what one request may cost is bounded -----------------------------------------------------------------


def test_fuzzy_operators_are_words_not_expansions(client: TestClient) -> None:
    """`alphx~2` expands to every term within two edits; a thousand characters of them took seconds."""
    assert client.get("/search", params={"q": "logbooz~2"}).json()["total"] == 0
    assert client.get("/search", params={"q": "logbook"}).json()["total"] == 1


def test_a_query_of_many_words_is_a_400_naming_the_limit(client: TestClient) -> None:
    response = client.get("/search", params={"q": " ".join(f"w{number}" for number in range(200))})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("q: at most")
    short = client.get("/search", params={"q": " | ".join(f"{letter}a*" for letter in "bcdfg")})
    assert short.status_code == 400 and "at least 3 letters" in short.json()["detail"]


def test_a_search_over_its_time_budget_is_a_504_that_says_so(archive: IndexNames) -> None:
    impatient = api_settings(archive).model_copy(update={"search_budget": 0.5})
    with TestClient(create_app(impatient)) as hurried, paused_node():
        response = hurried.get("/search", params={"q": "logbook"})
        assert response.status_code == 504
        assert "budget" in response.json()["detail"]
        page = hurried.get("/", params={"q": "logbook"})
        assert page.status_code == 504 and "budget" in page.text
