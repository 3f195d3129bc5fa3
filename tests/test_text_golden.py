"""Golden files for text dumps: every `tests/golden/text/*.txt` against its `.expected.json`.

Every field of the expected record must match exactly; `chrome` lists lines that must appear in no field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from transforms import Article, extract_one

GOLDEN = Path(__file__).parent / "golden" / "text"
CASES = sorted(GOLDEN.glob("*.txt"))
_SUBSTRING_CHECK_CHARS = 25


def _expected(dump: Path) -> dict[str, Any]:
    expected: dict[str, Any] = json.loads(dump.with_suffix(".expected.json").read_text("utf-8"))
    return expected


def _extract(dump: Path) -> Article:
    return extract_one(dump.read_bytes(), dump.name)


def _all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _all_strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _all_strings(item)]
    return []


def test_there_are_goldens() -> None:
    assert len(CASES) >= 9


@pytest.mark.parametrize("dump", CASES, ids=[case.stem for case in CASES])
def test_fields_match(dump: Path) -> None:
    got = json.loads(_extract(dump).to_json())
    for field, want in _expected(dump).items():
        if field == "chrome":
            continue
        assert got[field] == want, f"{dump.name}: field {field!r}"


@pytest.mark.parametrize("dump", CASES, ids=[case.stem for case in CASES])
def test_no_chrome_in_output(dump: Path) -> None:
    article = json.loads(_extract(dump).to_json())
    article.pop("source")
    output = _all_strings(article)
    for chrome in _expected(dump).get("chrome", []):
        assert chrome not in output, f"{dump.name}: chrome {chrome!r} in output"
        if len(chrome) >= _SUBSTRING_CHECK_CHARS:  # short chrome ("Share") may be a word of real prose
            assert not any(chrome in text for text in output), f"{dump.name}: chrome {chrome!r} inside output"


@pytest.mark.parametrize("dump", CASES, ids=[case.stem for case in CASES])
def test_source_and_id(dump: Path) -> None:
    article = _extract(dump)
    assert article.source.format == "text"
    assert article.source.uri == dump.name
    assert len(article.id) == 32
    assert _extract(dump).id == article.id
