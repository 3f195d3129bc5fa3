"""Which path an input takes: `looks_like_html` on pages that open with something other than their root, and on
text dumps that show a little markup. Properties over generated pages and dumps, plus the named cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.model import BatchInput
from transforms.pipeline import extract_batch, looks_like_html

DOCUMENT = (
    '<html lang="en"><head><meta charset="utf-8"><title>Council votes</title>'
    '<link rel="stylesheet" href="/s.css"></head><body><div class="story"><h1>Council votes</h1>'
    "<p>The council voted on Tuesday to close the old library.</p><p>Supporters had gathered signatures.</p>"
    "</div></body></html>"
)

# Words and punctuation of script, style and warning text; no "<" so generated code cannot close its element.
_CODE = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz{}();:=.,#'\"0123456789 \n\t-_/*")))
_WORDS = st.lists(
    st.sampled_from(("the", "council", "voted", "on", "Tuesday", "to", "close", "old", "library", "and", "said")),
    min_size=1,
    max_size=25,
).map(" ".join)

_PREAMBLE_PARTS = st.one_of(
    st.just('<?xml version="1.0" encoding="utf-8"?>\n'),
    st.just('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"\n "http://www.w3.org/TR/xhtml1/DTD/x.dtd">\n'),
    st.just("<!doctype html>\n"),
    _WORDS.map(lambda words: f"<!-- {words} -->\n"),
    _CODE.map(lambda css: f"<style>{css}</style>\n"),
    _CODE.map(lambda js: f'<script type="text/javascript">{js}</script>\n'),
    st.just('<link rel="preload" href="/font.woff2" as="font">\n'),
    st.just('<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'),
    _WORDS.map(
        lambda words: f"<br />\n<b>Warning</b>:  {words} in <b>/var/www/html/index.php</b> on line <b>12</b><br />\n"
    ),
    _WORDS.map(lambda words: f"Warning: {words} in /var/www/html/wp-config.php on line 3\n"),
    st.just('<%@ Page Language="C#" AutoEventWireup="true" %>\n'),
    st.just('<%@ taglib prefix="c" uri="http://java.sun.com/jsp/jstl/core" %>\n<% int views = 0; %>\n'),
    st.just('<?php require_once "header.php"; ?>\n'),
    _WORDS.map(lambda words: f"PHP Notice:  {words} in /srv/site/lib/page.php on line 40\n"),
    st.just("{include file='header.tpl'}\n{$site_name}\n"),
    st.just("{% load static %}\n"),
    st.just('<cms:include src="header" />\n'),
    st.sampled_from(["\n", "   ", "\r\n\t"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PREAMBLE_PARTS, max_size=6), st.booleans())
def test_a_page_is_html_whatever_opens_it(parts: list[str], bom: bool) -> None:
    page = ("".join(parts) + DOCUMENT).encode()
    assert looks_like_html(b"\xef\xbb\xbf" + page if bom else page)


# Lines as a browser copy gives them: prose, menus, and the odd angle bracket a rendered page shows as text.
_DUMP_LINES = st.one_of(
    _WORDS.map(lambda words: words.capitalize() + "."),
    _WORDS,
    st.sampled_from(["<< Back", "Next >>", "a < b and c > d", "<Untitled>", "<3 this", "Home > News > Local", "»"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DUMP_LINES, min_size=1, max_size=60))
def test_a_text_dump_is_not_html(lines: list[str]) -> None:
    assert not looks_like_html("\n".join(lines).encode())


@settings(max_examples=100, deadline=None)
@given(st.lists(_WORDS.map(lambda words: words.capitalize() + "."), min_size=60, max_size=80))
def test_a_dump_quoting_markup_after_its_prose_is_not_html(sentences: list[str]) -> None:
    dump = "\n".join([*sentences, "Start every page with <html> and close it with </html>.", *sentences])
    assert not looks_like_html(dump.encode())


STORY = (
    "The council voted on Tuesday to close the old library.",
    "Supporters had gathered signatures.",
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_PREAMBLE_PARTS, min_size=1, max_size=6), st.booleans(), st.sampled_from(["page.txt", "page.html"]))
def test_nothing_before_a_page_s_root_reaches_its_paragraphs(parts: list[str], bom: bool, name: str) -> None:
    """Whatever a server or template left before <html> (a warning, unrun template code, a declaration), and
    whatever the file is called, the article is the page's story and nothing else."""
    page = ("".join(parts) + DOCUMENT).encode()
    result = extract_batch([BatchInput(name, b"\xef\xbb\xbf" + page if bom else page)])
    assert [article.paragraphs for article in result.articles] == [STORY]
    assert result.articles[0].source.format == "html"


@pytest.mark.parametrize(
    "page",
    [
        # No <html> or <head>: the title and the story's markup open the file.
        "<title>Council votes</title>\n<div class='story'><p>" + "</p><p>".join(STORY) + "</p></div>",
        # Only paragraphs, one not closed.
        "<p>" + STORY[0] + "\n<p>" + STORY[1] + "</p>",
        # A server's warning in its usual markup before a page that leaves out <html>.
        "<br />\n<b>Deprecated</b>:  Function split() is deprecated in <b>/www/inc.php</b> on line <b>9</b><br />\n"
        "<head><title>Council votes</title></head><body><p>" + "</p><p>".join(STORY) + "</p></body>",
    ],
    ids=["no-root-no-head", "bare-paragraphs", "warning-before-head"],
)
def test_a_txt_file_that_is_a_page_without_its_root_is_read_as_html(page: str) -> None:
    result = extract_batch([BatchInput("saved.txt", page.encode())])
    assert [(article.source.format, article.paragraphs) for article in result.articles] == [("html", STORY)]


def test_an_html_file_that_is_a_plain_text_dump_is_read_as_text() -> None:
    dump = "Council votes\n\nBy Jane Doe\n\n" + "\n\n".join(f"{STORY[0]} {STORY[1]}" for _ in range(3))
    result = extract_batch([BatchInput("story.html", dump.encode())])
    assert [article.source.format for article in result.articles] == ["text"]
    assert STORY[0] in result.articles[0].paragraphs[0]


@pytest.mark.parametrize(
    "page",
    [
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head><body><p>x</p></body></html>',
        b"<style>" + b"body { margin: 0 }\n" * 400 + b"</style>\n" + DOCUMENT.encode(),
        b"<script>" + b"var x = 1;\n" * 600 + b"</script>\n" + DOCUMENT.encode(),
        b'<link rel="stylesheet" href="/a.css">\n' + DOCUMENT.encode(),
        # An XML declaration left unclosed by a broken CMS: the page's elements follow anyway.
        b'<?xml version="1.0" encoding="broken, words, here>\n<meta name="generator" content="x" />\n'
        + DOCUMENT.encode(),
        # A fragment without a root, thick with tags.
        b"<table><tr><td>" + b'<a href="/x">Link</a> <img src="/i.png"> ' * 30 + b"</td></tr></table>",
    ],
    ids=["xhtml", "leading-style", "leading-script", "leading-link", "broken-xml-declaration", "rootless-fragment"],
)
def test_pages_that_do_not_open_with_their_root(page: bytes) -> None:
    assert looks_like_html(page)


def test_a_dump_opening_with_an_ad_tag_shown_as_text_stays_text() -> None:
    """Some rendered pages show an ad's markup as text at the top; a copy of such a page is still a text dump."""
    dump = '<img height="1" width="1" src="http://ads.example/p?c=2"> Home\nWorld\n' + "The council voted.\n" * 200
    assert not looks_like_html(dump.encode())


def test_a_dump_opening_with_a_whole_ad_block_shown_as_text_stays_text() -> None:
    """The ad's markup (block tags and all) fills the first line; the lines below are the page's text."""
    ad = '<script src="http://ads.example/b.js"></script> <noscript> <div style="x"> <a href="/"><img src="/b.gif" '
    ad += 'alt="Ad" /></a><br /> </div> <div><table><tr><td><a href="/"><img src="/l.gif" /></a></td></tr></table>'
    ad += "</div> </noscript>\n"
    dump = ad + "HOME Baseball Football\n\n" + "The council voted on Tuesday to close the old library.\n\n" * 60
    assert not looks_like_html(dump.encode())
