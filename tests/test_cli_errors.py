"""Every command that needs Elasticsearch says, in one line and with exit code 3, that it is not there (issue 10,
item 8); control characters in what the CLI prints never split a line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from broadsheet.cli import app
from broadsheet.console import EXIT_STORE, printable
from broadsheet.settings import get_settings

NOWHERE = "http://127.0.0.1:9"


@pytest.fixture()
def no_node(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELASTICSEARCH_URL", NOWHERE)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize(
    "arguments",
    [
        ["rejections"],
        ["search", "sanctions"],
        ["search", "[/]"],
        ["prune", "{dir}", "--yes"],
        ["reset", "--yes"],
        ["ingest", "{dir}"],
    ],
    ids=lambda arguments: arguments[0] if arguments[0] != "search" else f"search {arguments[1]}",
)
def test_every_store_command_says_the_node_is_missing_in_one_line(
    no_node: None, tmp_path: Path, arguments: list[str]
) -> None:
    result = CliRunner().invoke(app, [argument.format(dir=tmp_path) for argument in arguments])
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == EXIT_STORE, result.output
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
    assert lines[0].startswith("error: Elasticsearch is not reachable at http://127.0.0.1:9 ")
    assert lines[0].endswith("start one with `broadsheet es start` or set ELASTICSEARCH_URL")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("a\nb", "a\\nb"),
        ("tab\there", "tab\\there"),
        ("bell\x07", "bell\\x07"),
        ("nbsp\u00a0x", "nbsp\\xa0x"),
        ("line\u2028sep", "line\\u2028sep"),
        ("accentué ✓", "accentué ✓"),
    ],
)
def test_printable_keeps_one_line_and_every_visible_character(text: str, shown: str) -> None:
    assert printable(text) == shown
