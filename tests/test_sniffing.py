"""Which path an input takes: `looks_like_html` on pages that open with something other than their root, and on
text dumps that show a little markup. Properties over generated pages and dumps, plus the named cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.pipeline import looks_like_html

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
