"""Stable ids: one article is one id, whichever file, link variant or run it arrives from."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.test_dumps import PAGE
from transforms import extract_one
from transforms.ids import article_id, normalise_url


def test_link_variants_of_one_page_share_an_id() -> None:
    variants = [
        "https://www.gazette.example/news/harbour/",
        "http://gazette.example/news/harbour?utm_source=feed&utm_medium=rss",
        "https://GAZETTE.example/news/harbour#comments",
    ]
    assert len({article_id(url, None, ()) for url in variants}) == 1
    assert article_id("https://gazette.example/news/harbour?page=2", None, ()) != article_id(variants[0], None, ())


def test_two_saved_copies_with_one_canonical_url_are_one_article() -> None:
    canonical = b'<link rel="canonical" href="https://gazette.example/harbour">'
    first = PAGE.replace(b"<title>", canonical + b"<title>")
    second = first.replace(b"Paragraph 3.", b"Paragraph 3 (updated).")  # a later save of the same page
    one, two = extract_one(first, "a.html"), extract_one(second, "b.html")
    assert one.url == two.url == "https://gazette.example/harbour"
    assert one.id == two.id


def test_without_a_url_the_text_decides_ignoring_quotes_case_and_spacing() -> None:
    a = article_id(None, "Harbour reopens", ["It “reopened” on  Monday."])
    b = article_id(None, "harbour reopens", ['It "reopened" on Monday.'])
    assert a == b
    assert a != article_id(None, "Harbour reopens", ["It reopened on Tuesday."])


@given(st.text(max_size=200))
def test_url_normalisation_is_idempotent(url: str) -> None:
    once = normalise_url(url)
    assert normalise_url(once) == once


def test_a_url_python_cannot_parse_still_gives_a_stable_id() -> None:
    broken = "http://[unclosed.example/story"
    assert normalise_url(broken) == broken
    assert article_id(broken, None, []) == article_id(broken + " ", None, [])
