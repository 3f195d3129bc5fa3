"""Pathological pages end as an Article or a `Rejected(reason)`, quickly: never a crash, a hang or a
RecursionError. Each case here runs in well under a few seconds."""

from __future__ import annotations

import pytest

from transforms.html import extract_html
from transforms.html.prune import prune
from transforms.model import Article, Rejected, Source

SOURCE = Source(uri="page.html", format="html", sha256="0" * 64)
SENTENCE = "The council approved the budget on Tuesday, after a long debate, by a narrow margin of votes. "
BODY = "".join(f"<p>{i}. {SENTENCE * 3}</p>" for i in range(5))


def outcome(data: bytes) -> Article | Rejected:
    try:
        return extract_html(data, SOURCE)
    except Rejected as rejected:
        return rejected


def test_two_hundred_thousand_nested_divs() -> None:
    page = "<html><body>" + "<div>" * 200_000 + BODY + "</div>" * 200_000 + "</body></html>"
    result = outcome(page.encode())
    assert isinstance(result, Article)
    assert len(result.paragraphs) == 5


def test_two_hundred_thousand_nested_divs_with_attributes_never_closed() -> None:
    page = "<html><body>" + '<div class="wrapper">' * 200_000 + BODY
    assert isinstance(outcome(page.encode()), Article)


def test_alternating_deep_nesting_is_refused_by_size() -> None:
    page = "<html><body>" + "<div><section>" * 150_000 + BODY
    result = outcome(page.encode())
    assert isinstance(result, Rejected)
    assert "too many elements" in result.reason


def test_megabytes_of_inline_script() -> None:
    script = "<script>" + "var s = '<p>not the story</p>'; // </div>\n" * 150_000 + "</script>"
    page = "<html><head>" + script + "</head><body>" + script + BODY + script + "</body></html>"
    result = outcome(page.encode())
    assert isinstance(result, Article)
    assert not any("not the story" in p for p in result.paragraphs)


@pytest.mark.parametrize("opener", ["<script>", "<style>", "<!--", "<nav>", "<aside>", "<svg>"])
def test_unclosed_elements_repeated(opener: str) -> None:
    page = "<html><body>" + BODY + opener * 100_000
    assert isinstance(outcome(page.encode()), Article)


def test_an_unclosed_comment_swallows_the_rest_as_a_browser_does() -> None:
    result = outcome(("<html><body><!-- " + BODY).encode())
    assert isinstance(result, Rejected)


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>Only a title</title></head></html>",
        b"<html></html>",
        b"<!DOCTYPE html>",
        b"<html><body></body></html>",
        b"<html><body><nav><a href='/'>Home</a></nav><footer>(c) 2024</footer></body></html>",
    ],
    ids=["title-only", "empty-html", "doctype-only", "empty-body", "chrome-only"],
)
def test_pages_without_a_body_are_rejected(page: bytes) -> None:
    result = outcome(page)
    assert isinstance(result, Rejected)
    assert result.reason


def test_broken_tags() -> None:
    page = (
        "<html><body><p>Unclosed <b>bold <i>italic <div>div</p></b> tail <<<>>> </i><p <p>"
        + BODY
        + "</table></td><tr><p class='x' id=>"
    )
    result = outcome(page.encode())
    assert isinstance(result, Article)
    assert any("council approved" in p for p in result.paragraphs)


def test_nested_tables_and_huge_attribute_lists() -> None:
    tables = "<html><body>" + "<table><tr><td>" * 20_000 + BODY
    attributes = "<html><body><div " + " ".join(f'a{i}="{i}"' for i in range(50_000)) + ">" + BODY
    assert isinstance(outcome(tables.encode()), Article)
    assert isinstance(outcome(attributes.encode()), Article)


def test_binary_bytes_behind_an_html_opening() -> None:
    result = outcome(b"<html>" + bytes(range(256)) * 200)
    assert isinstance(result, Rejected)


def test_control_characters_beside_an_element_the_extractor_cuts() -> None:
    """libxml2 keeps control characters in the text it parses but refuses them when text is set again, as cutting
    an element does when it moves the element's tail (found by test_html_property's mutations)."""
    credit = '<span class="credit">Photo: A. Name</span>'
    figure = f'<figure><img src="a.jpg"><figcaption>The hall.{credit}\x01x</figcaption></figure>'
    result = outcome(
        f"<html><body><article>{figure}{BODY}<p>Closing\x02 line of the story.</p></article></body></html>".encode()
    )
    assert isinstance(result, Article)
    assert result.captions and result.captions[0].text.startswith("The hall.")
    assert not any("\x01" in text or "\x02" in text for text in [*result.paragraphs, result.captions[0].text])


def test_a_flood_of_attributes_keeps_the_first_ones_and_drops_the_rest() -> None:
    """The parser's cost grows with the square of one tag's attribute count: a flooded tag is cut to its first
    attributes before parsing, while a tag made long by one big attribute (an inline image) stays whole."""
    flooded = '<div class="story" ' + " ".join(f'data-n{i}="{i}"' for i in range(5_000)) + ">text</div>"
    kept = prune(flooded).markup
    assert kept.startswith('<div class="story" data-n0="0"') and 'data-n254="254">' in kept
    assert "data-n255" not in kept and kept.endswith(">text</div>")
    inline_image = '<img alt="A map" src="data:image/png;base64,' + "A" * 50_000 + '">'
    assert prune(f"<p>{inline_image}</p>").markup == f"<p>{inline_image}</p>"
