"""Markup pruning on the decoded string, before any tree is built.

Building and walking the tree costs about the same per element whatever the element is, so scripts, styles,
inline SVG, comments and the landmarks that are never an article (nav, aside, ...) are cut out of the string
first. Every scan here moves forward only: an unclosed element stops the pruning of its kind instead of
rescanning the rest of the page for each opening, so megabyte scripts and broken tags stay linear.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from transforms.html.vocabulary import PRUNED_TAGS, RAW_TEXT_TAGS

_OPENERS = re.compile(
    r"<!--|<(" + "|".join(RAW_TEXT_TAGS + PRUNED_TAGS) + r")(?=[\s/>])[^>]*>",
    re.I,
)
_COMMENT_END = re.compile(r"-->")
_JSON_LD = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.I)
_CLOSERS: dict[str, re.Pattern[str]] = {
    name: re.compile(r"</" + name + r"\s*>", re.I) for name in RAW_TEXT_TAGS + PRUNED_TAGS
}
# Landmarks can nest in themselves (an aside in an aside); their ends are found by counting.
_NESTING: dict[str, re.Pattern[str]] = {
    name: re.compile(r"<(/?)" + name + r"(?=[\s/>])[^>]*>", re.I) for name in PRUNED_TAGS
}
_TITLE_TEXT = re.compile(r"\s+")
_MEDIA_PLAYERS = frozenset({"video", "iframe", "object", "embed"})


# Void tags that carry metadata or form widgets, never text: read (meta, link) and cut before parsing.
_VOID_TAGS = re.compile(r"<(meta|link|input)(?=[\s/>])([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# Long runs of one bare tag opened (or closed) over and over carry no structure a reader could see; they
# are how pathological pages reach depths of 200,000. A run collapses to a single tag before parsing.
_OPEN_RUN = re.compile(r"(<[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?>)(?:\s*\1){31,}")
_CLOSE_RUN = re.compile(r"(</[a-zA-Z][a-zA-Z0-9]*\s*>)(?:\s*\1){31,}")
# libxml2 checks each new attribute of a tag against all the earlier ones, and htmldate reads them again per
# element, so a tag with tens of thousands of attributes costs quadratic time (50,000 took minutes on two cores).
# No real tag carries more than a few dozen: a start tag long enough to hold a flood keeps its first
# _MAX_ATTRIBUTES attributes (as written, so the parser still reads them) and loses the rest.
_MAX_ATTRIBUTES = 256
_LONG_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)(\s[^<>]{4096,})>")
# A list whose every item is a single short link (menus, tag lists, "more stories") is never story text, and
# such lists are a tenth of a typical page's elements: cut before the tree is built.
_LINK_LIST = re.compile(r"<(ul|ol)\b[^>]*>(?:\s*<li\b[^>]*>\s*<a\b[^>]*>[^<]{0,80}</a>\s*</li>)+\s*</\1\s*>", re.I)
# ... except a list of the story's authors ("<ul class='byline'><li><a href='/author/jane'>Jane Doe</a>"): the
# byline is read from it later.
_AUTHOR_LIST = re.compile(r"byline|author|contributor|/(?:autor|auteur|journalist|reporter|writer)", re.I)


def _cut_link_list(match: re.Match[str]) -> str:
    return match.group(0) if _AUTHOR_LIST.search(match.group(0)) else ""


# An anchor that is only a jump target (`<a name="top">`, no address) is no link; left unclosed, as old pages
# do, the parser keeps it open to the page's end and every word after it would count as link text.
_BARE_ANCHOR = re.compile(r"""<a\s+(?:name|id)\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>]+)\s*/?>""", re.I)
_HTML_TAG = re.compile(r"<html(?=[\s>])([^>]*)>", re.I)
# Processing instructions (an XML declaration before an XHTML page, `<?php ... ?>` left in a template) are never
# text, and a leading one makes the HTML parser take the page for an XML document and warn. Nor is server code
# a template engine left unrun (`<%@ page ... %>`, `<% ... %>` of ASP and JSP): a page writes "<%" as "&lt;%".
_SERVER_CODE = re.compile(r"<\?[^>]*>|<%(?:[^%]|%(?!>)){0,4000}%>")
# What comes before the page's root (<html>, or <head>/<body> when it is left out) is no part of the page when it
# is only text and the inline tags of a server's warning ("<b>Warning</b>: ... on line <b>12</b><br />") or a
# template tag ("{include file='header'}"): a browser shows it above the page, a reader never takes it for the
# story. A preamble with any other element (a paragraph, a table) is left alone.
_PAGE_ROOT = re.compile(r"<(?:html|head|body)(?=[\s/>])", re.I)
_PREAMBLE_TAG = re.compile(r"</?([!a-zA-Z][a-zA-Z0-9:]*)[^<>]*>")
_PREAMBLE_TAGS = frozenset({"!doctype", "br", "b", "i", "u", "strong", "em", "font", "small", "code", "tt", "hr"})

# Next.js (app router) pages stream their server-rendered markup as "flight" data in scripts,
# `self.__next_f.push([1, "<chunk>"])`; a page saved before the stream is applied shows a loading placeholder
# where the story stands, and the story's HTML sits only in a flight text row, `<id>:T<hex length>,<text>`.
_FLIGHT_PUSH = re.compile(r"^\s*self\.__next_f\.push\((\[.*\])\)\s*;?\s*$", re.S)
_FLIGHT_TEXT_ROW = re.compile(r"(?:^|\n)[0-9a-z]+:T([0-9a-f]+),")
# A flight text row is restored only when it is markup holding paragraphs (not a script or a style sheet).
_PARAGRAPH_MARKUP = re.compile(r"<p[\s>]", re.I)
_BODY_END = re.compile(r"</body\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
# A <noscript> is kept as markup when it holds at least this many paragraphs and this much text: the story
# for readers without scripts, not a tracking pixel or an "enable JavaScript" notice.
_NOSCRIPT_STORY_PARAGRAPHS = 3
_NOSCRIPT_STORY_CHARS = 500
_PICTURE = re.compile(r"<(?:img|picture)(?=[\s/>])", re.I)
# An aside with a picture and at most this much text is that picture's figure, not a sidebar.
_MAX_PICTURE_ASIDE_CHARS = 400
_ASIDE_OPENING = re.compile(r"<aside(?=[\s/>])[^>]*>", re.I)
# What marks an element as the story: a story item or body property, or a post's class. Exactly one such mark in
# an aside makes it the story's (an aside of related stories carries one per card).
_STORY_MARK = re.compile(
    r"""itemtype\s*=\s*["']?https?://schema\.org/(?:News|Blog)?(?:Article|Posting)\b"""
    r"""|itemprop\s*=\s*["']?(?:articleBody|blogPost)\b"""
    r"""|class\s*=\s*["'][^"'>]*\b(?:blogPost|blog-post|entry-content|post-body|article-body)\b""",
    re.I,
)

Attributes = dict[str, str]


@dataclass(frozen=True, slots=True)
class Pruned:
    markup: str
    json_ld: tuple[str, ...]
    title: str | None
    metas: tuple[Attributes, ...] = ()
    links: tuple[Attributes, ...] = ()
    html_attributes: Attributes | None = None


def parse_attributes(text: str) -> Attributes:
    """Attributes of one start tag, names lower-cased, entities left as written (metadata values are
    unescaped by the caller)."""
    found: Attributes = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if value is None:
            value = match.group(4) or ""
        found.setdefault(name, value)
    return found


def cut_void_tags(markup: str) -> tuple[str, tuple[Attributes, ...], tuple[Attributes, ...]]:
    metas: list[Attributes] = []
    links: list[Attributes] = []

    def keep(match: re.Match[str]) -> str:
        name = match.group(1).lower()
        if name != "input":
            (metas if name == "meta" else links).append(parse_attributes(match.group(2)))
        return ""

    return _VOID_TAGS.sub(keep, markup), tuple(metas), tuple(links)


def prune(markup: str) -> Pruned:
    """Drop invisible and furniture elements from `markup`; keep JSON-LD blocks and the `<title>` text."""
    pieces: list[str] = []
    json_ld: list[str] = []
    flight: list[str] = []
    title: str | None = None
    exhausted: set[str] = set()
    pos = 0
    markup = _story_asides_as_divs(markup)
    while True:
        match = _OPENERS.search(markup, pos)
        if match is None:
            break
        name = (match.group(1) or "!--").lower()
        if name in exhausted:
            # Its kind has no end tag left: keep this opening as is and look further.
            pieces.append(markup[pos : match.end()])
            pos = match.end()
            continue
        end, inner = _element_end(markup, name, match)
        if end < 0:
            exhausted.add(name)
            if name in ("!--", "script", "style"):
                # Browsers swallow the rest of the page into an unclosed comment, script or style.
                pieces.append(markup[pos : match.start()])
                pos = len(markup)
                break
            # An unclosed aside runs to the page's end in the parser, and would hide all of it: its opening goes.
            pieces.append(markup[pos : match.start() if name == "aside" else match.end()])
            pos = match.end()
            continue
        pieces.append(markup[pos : match.start()])
        if name in _MEDIA_PLAYERS:
            # Kept as an empty marker so a caption next to it is known to describe a video.
            pieces.append("<video></video>")
        if name == "script" and _JSON_LD.search(match.group(0)):
            json_ld.append(inner)
        elif name == "script" and inner.lstrip().startswith("self.__next_f"):
            flight.append(inner)
        elif name == "title" and title is None:
            title = _TITLE_TEXT.sub(" ", inner).strip()
        elif name == "noscript" and _is_story_markup(inner):
            pieces.append(f"<div>{inner}</div>")
        pos = end
    pieces.append(markup[pos:])
    remaining = _with_flight_markup("".join(pieces), flight)
    remaining, metas, links = cut_void_tags(remaining)
    remaining = _LONG_START_TAG.sub(_without_attribute_flood, remaining)
    remaining = _CLOSE_RUN.sub(r"\1", _OPEN_RUN.sub(r"\1", remaining))
    remaining = _LINK_LIST.sub(_cut_link_list, remaining)
    remaining = _without_preamble(_SERVER_CODE.sub("", remaining))
    remaining = _BARE_ANCHOR.sub("", remaining)
    html_tag = _HTML_TAG.search(remaining)
    html_attributes = parse_attributes(html_tag.group(1)) if html_tag else None
    return Pruned(remaining, tuple(json_ld), title, metas, links, html_attributes)


def _without_attribute_flood(tag: re.Match[str]) -> str:
    """A long start tag as written, or with only its first `_MAX_ATTRIBUTES` attributes when it has more."""
    kept_end = 0
    for count, attribute in enumerate(_ATTRIBUTE.finditer(tag.group(2))):
        if count == _MAX_ATTRIBUTES:
            return f"<{tag.group(1)}{tag.group(2)[:kept_end]}>"
        kept_end = attribute.end()
    return tag.group(0)


def _without_preamble(markup: str) -> str:
    """`markup` without the warning or template text before its root (see `_PAGE_ROOT`); its doctype kept."""
    root = _PAGE_ROOT.search(markup)
    if root is None or not markup[: root.start()].strip():
        return markup
    tags = list(_PREAMBLE_TAG.finditer(markup, 0, root.start()))
    # A namespaced tag ("<cms:include />", "<jsp:include />") is a template engine's, left unrun.
    if any(tag.group(1).lower() not in _PREAMBLE_TAGS and ":" not in tag.group(1) for tag in tags):
        return markup
    doctypes = "".join(tag.group(0) for tag in tags if tag.group(1).lower() == "!doctype")
    return doctypes + markup[root.start() :]


def _is_story_markup(inner: str) -> bool:
    """A <noscript> holding the story itself (a blog platform that renders posts from a script template and
    leaves their markup in a <noscript> for readers without scripts): paragraphs, and prose-length text."""
    if len(_PARAGRAPH_MARKUP.findall(inner)) < _NOSCRIPT_STORY_PARAGRAPHS:
        return False
    return len(_TITLE_TEXT.sub(" ", _TAG.sub(" ", inner)).strip()) >= _NOSCRIPT_STORY_CHARS


def _is_picture_aside(element: str) -> bool:
    """An <aside> that is a picture with its caption (`<aside class="image"><img ...><p class="caption">`):
    a picture and little text, no other landmark inside."""
    if _PICTURE.search(element) is None or element.count("<aside") + element.count("<ASIDE") > 1:
        return False
    return len(_TITLE_TEXT.sub(" ", _TAG.sub(" ", element)).strip()) <= _MAX_PICTURE_ASIDE_CHARS


def _story_asides_as_divs(markup: str) -> str:
    """`markup` with every <aside> that marks itself or its content as the page's story (a CMS that writes
    `<aside class="blogPost">`, an Article item inside one) rewritten as a <div>, and every picture aside as
    a <figure> (its caption is the story's): landmarks are pruned whole."""
    pos = 0
    while (opening := _ASIDE_OPENING.search(markup, pos)) is not None:
        end, _ = _element_end(markup, "aside", opening)
        if end < 0:
            break
        element = markup[opening.start() : end]
        if _is_picture_aside(element):
            name = "figure"
        elif len(_STORY_MARK.findall(element)) == 1:
            name = "div"
        else:
            pos = end
            continue
        close = element.rfind("<")
        element = f"<{name}" + element[len("<aside") : close] + f"</{name}>"
        markup = markup[: opening.start()] + element + markup[end:]
        pos = opening.start() + len(element)
    return markup


def _with_flight_markup(markup: str, scripts: list[str]) -> str:
    """`markup` with the HTML of Next.js flight text rows that the page itself does not show (a story still
    behind a loading placeholder) put back at the end of its body."""
    missing = [row for row in _flight_markup(scripts) if row not in markup]
    if not missing:
        return markup
    restored = "".join(f"<div>{row}</div>" for row in missing)
    end = _BODY_END.search(markup)
    at = end.start() if end else len(markup)
    return markup[:at] + restored + markup[at:]


def _flight_markup(scripts: list[str]) -> list[str]:
    """The text rows of a page's Next.js flight data that are markup with paragraphs."""
    chunks: list[str] = []
    for script in scripts:
        push = _FLIGHT_PUSH.match(script)
        if push is None:
            continue
        try:
            payload = json.loads(push.group(1))
        except ValueError:
            continue
        if isinstance(payload, list) and len(payload) == 2 and payload[0] == 1 and isinstance(payload[1], str):
            chunks.append(payload[1])
    data = "".join(chunks).encode("utf-8")
    rows: list[str] = []
    text = data.decode("utf-8")
    for row in _FLIGHT_TEXT_ROW.finditer(text):
        # The length counts UTF-8 bytes, so the row is cut from the encoded stream.
        start = len(text[: row.end()].encode("utf-8"))
        body = data[start : start + int(row.group(1), 16)].decode("utf-8", errors="ignore")
        if _PARAGRAPH_MARKUP.search(body):
            rows.append(body)
    return rows


def _element_end(markup: str, name: str, opening: re.Match[str]) -> tuple[int, str]:
    """End offset of the element opened by `opening` (or -1 when it never closes) and its inner text."""
    start = opening.end()
    if opening.group(0).endswith("/>") and name in _NESTING:
        return start, ""
    if name == "!--":
        close = _COMMENT_END.search(markup, start)
        return (close.end(), "") if close else (-1, "")
    if name not in _NESTING:
        close = _CLOSERS[name].search(markup, start)
        return (close.end(), markup[start : close.start()]) if close else (-1, "")
    depth = 1
    scanner = _NESTING[name]
    pos = start
    while depth:
        tag = scanner.search(markup, pos)
        if tag is None:
            return -1, ""
        depth += -1 if tag.group(1) else 1
        pos = tag.end()
    return pos, ""
