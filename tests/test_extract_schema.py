"""`broadsheet extract` output against the shared contract, ../shared/contracts/article.schema.json (read at run
time, never copied): every article extracted from the seeds and the golden inputs must validate. Skipped when
../shared is absent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from broadsheet.cli import app
from tests.conftest import ROOT, SEEDS, SHARED

SCHEMA = SHARED / "contracts" / "article.schema.json"
GOLDEN = ROOT / "tests" / "golden"
INPUTS: list[Path] = [
    *sorted(SEEDS.glob("*.txt")),
    *sorted((GOLDEN / "html").glob("*.html")),
    *sorted((GOLDEN / "text").glob("*.txt")),
]

pytestmark = pytest.mark.skipif(not SCHEMA.exists(), reason="no ../shared/contracts/article.schema.json")


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def extracted() -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["extract", *map(str, INPUTS)])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_input_gives_one_article(extracted: list[dict[str, Any]]) -> None:
    assert sorted(article["source"]["uri"] for article in extracted) == sorted(map(str, INPUTS))


def test_every_article_meets_the_contract(validator: Draft202012Validator, extracted: list[dict[str, Any]]) -> None:
    failures = {
        article["source"]["uri"]: [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
        for article in extracted
        if (errors := list(validator.iter_errors(article)))
    }
    assert not failures


def test_the_contract_catches_a_dropped_or_mistyped_field(
    validator: Draft202012Validator, extracted: list[dict[str, Any]]
) -> None:
    article = extracted[0]
    dropped = {name: value for name, value in article.items() if name != "byline"}
    mistyped = {**article, "captions": [{"text": "A caption", "credit": None, "media": "painting"}]}
    assert not validator.is_valid(dropped)
    assert not validator.is_valid(mistyped)
