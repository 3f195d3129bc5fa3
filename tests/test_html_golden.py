"""Golden pages for the HTML extractor: hand-made pages in the house styles of different publishers (wire
agency, broadsheet, tabloid, broadcaster, magazine, a non-English site, a live blog, a JSON-LD-only page),
each with the Article it must give. Every field is compared, id and source included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.html import extract_html
from transforms.ids import sha256_hex
from transforms.model import Source

GOLDEN = Path(__file__).resolve().parent / "golden" / "html"
PAGES = sorted(GOLDEN.glob("*.html"))


def test_there_are_at_least_eight_house_styles() -> None:
    assert len(PAGES) >= 8


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_golden_page(page: Path) -> None:
    data = page.read_bytes()
    article = extract_html(data, Source(uri=page.name, format="html", sha256=sha256_hex(data)))
    expected = json.loads(page.with_suffix(".expected.json").read_text("utf-8"))
    actual = article.model_dump(mode="json")
    assert set(actual) == set(expected)
    for field in expected:
        assert actual[field] == expected[field], field
