"""The rules both extractors share, each with one home: byline prefixes, dates, prose."""

from __future__ import annotations

import pytest

from transforms.bylines import BYLINE_PREFIX, strip_byline_prefix
from transforms.dates import iso_date, parse_when
from transforms.prose import PROSE_MIN_CHARS, is_prose_text, link_density


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("By Jane Roe", "Jane Roe"),
        ("BY JANE ROE", "JANE ROE"),
        ("Von: Max Muster", "Max Muster"),
        ("Par Marie Curie", "Marie Curie"),
        ("Door Jan Jansen", "Jan Jansen"),
        ("Story by Jane Roe", "Jane Roe"),
        ("Posted by Jane Roe", "Jane Roe"),
    ],
)
def test_byline_prefixes_of_every_language(line: str, rest: str) -> None:
    assert strip_byline_prefix(line) == rest


@pytest.mark.parametrize("line", ["Bylaws change on Monday", "Vonnegut wrote it", "By"])
def test_words_that_start_like_a_prefix_are_not_one(line: str) -> None:
    assert BYLINE_PREFIX.match(line) is None


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T18:30:00-05:00", "2024-03-05T18:30:00-05:00"),
        ("March 5, 2024", "2024-03-05"),
        ("March 5, 2024 6:30 PM ET", "2024-03-05T18:30:00-05:00"),
        ("0001-01-01T00:00:00Z", None),
        ("not a date", None),
        ("", None),
    ],
)
def test_iso_date(raw: str, iso: str | None) -> None:
    assert iso_date(raw) == iso


def test_parse_when_refuses_implausible_years() -> None:
    assert parse_when("1800-01-01") is None
    assert parse_when("2024-01-01") is not None


def test_prose_is_long_and_not_a_list_of_links() -> None:
    text = "x" * PROSE_MIN_CHARS
    assert is_prose_text(text, link_chars=0)
    assert not is_prose_text(text[:-1], link_chars=0)
    assert not is_prose_text(text, link_chars=len(text) // 2)
    assert link_density("", 0) == 1.0
