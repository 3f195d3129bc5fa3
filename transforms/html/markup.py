"""The parsed page: lxml's tree of the pruned markup, and reading an element the way the extractor needs it
(class/id tokens, hiddenness, its text).

lxml keeps text in two places: an element's `.text` (before its first child) and each child's `.tail` (after
it, inside the parent). Comments and processing instructions are dropped by the parser, and the elements whose
content is never text (scripts, styles, templates, ruby annotations) are cut with their content, their tails
kept, so an element's `itertext()` is the text a reader sees in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from lxml import etree

from transforms.html.vocabulary import BLOCK_TAGS, CELL_TAGS, HIDDEN_CLASSES, STREAMED_SEGMENT_ID

Node = etree._Element

_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

_NO_TOKENS: tuple[frozenset[str], str] = (frozenset(), "")
# A blog entry's wrapper (WordPress's post_class, hAtom's "hentry", Typepad's "entry-type-post") names the post's
# categories, tags and author in its classes ("category-comments", "tag-related-news", "entry-author-jane"): the
# author's words, not structure, so they are not read.
_ENTRY_MARKER = re.compile(r"(?:^|\s)(?:hentry|type-post|entry-type-post)(?:\s|$)")
# Any platform's class naming an entry's author, category or tag ("serendipity_entry_author_jane_doe").
_ENTRY_TAXONOMY_CLASS = re.compile(r"(?:^|\s)\S*entry[-_](?:category|tag|author)[-_]\S+")
_TAXONOMY_CLASS = re.compile(r"(?:^|\s)(?:category|tag|post_tag|topic|entry-(?:category|tag|author))-\S+")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Words of a heading's text this many long, in order, in its id make the id an anchor made from the text.
_ANCHOR_WORDS = 2

# Elements whose content is not text a reader sees: cut from the tree (their tails stay).
_NOT_TEXT_ELEMENTS = ("script", "style", "template", "rt", "rp")


def parse_page(markup: str) -> Node | None:
    """The page's tree, or None when the parser finds no document in the markup (empty, or only a comment).

    libxml2 stops at 2,048 levels of nesting (with `huge_tree`; 256 without) and drops the rest of the page.
    Pruning has collapsed runs of one repeated tag by then, so a page still nested that deep is degenerate
    markup (tables in tables in tables): it is read again with its block wrappers made flat paragraphs and its
    inline wrappers dropped, and, failing that, as bare text."""
    markup = _CONTROL_CHARACTERS.sub("", markup.replace("\f", " ").replace("\v", " "))
    root, too_deep = _parse(markup)
    if too_deep:
        root, too_deep = _parse(_OTHER_TAG.sub("", _WRAPPER_TAG.sub(r"<\1p\2>", markup)))
    if too_deep:
        root, _ = _parse(_ANY_TAG.sub(" ", markup))
    if root is not None:
        _into_body(root)
        etree.strip_elements(root, *_NOT_TEXT_ELEMENTS, with_tail=False)
        _collapse_blank_text(root)
    return root


def _into_body(root: Node) -> None:
    """What follows a stray `</body>` (closed early by a template, or two pages saved as one) is put back into
    the body, as browsers show it: libxml2 leaves it beside the body, where a walk of the body never reads it."""
    body = next((child for child in root if child.tag == "body"), None)
    if body is None:
        return
    if body.tail and body.tail.strip():
        last = body[-1] if len(body) else None
        if last is not None:
            last.tail = (last.tail or "") + body.tail
        else:
            body.text = (body.text or "") + body.tail
    body.tail = None
    for sibling in list(body.itersiblings()):
        body.append(sibling)


# Control characters are invisible on the page, and lxml refuses them in any text set on the tree (as cutting an
# element does with its tail) although libxml2's parser keeps them: they are taken out before parsing (the
# vertical spaces, form feed and vertical tab, read as a space).
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_SPACES = " \n\t\f\r"
# Where runs of blank characters are the text itself.
_PRESERVING = ("pre", "textarea")


def _collapse_blank_text(root: Node) -> None:
    """Text that is only spaces (the indentation between tags) becomes one newline, or one space when it holds
    no line break: lengths measured on an element's text count what a reader sees, not the page's
    indentation."""
    kept: set[Node] = set()
    for preserving in root.iter(*_PRESERVING):
        kept.update(preserving.iterdescendants())
        kept.add(preserving)
    for element in root.iter():
        text = element.text
        if text is not None and text != "\n" and text != " " and not text.strip(_SPACES) and element not in kept:
            element.text = "\n" if "\n" in text else " "
        tail = element.tail
        if tail is not None and tail != "\n" and tail != " " and not tail.strip(_SPACES):
            parent = element.getparent()
            if parent is None or parent not in kept:
                element.tail = "\n" if "\n" in tail else " "


# When a page is too deep to parse as it is: what stays (paragraphs, headings, pictures, captions, links), and the
# other block elements, wrappers that nest, read as paragraphs (which cannot nest), attributes kept.
_FLAT_KEPT = ("p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "figure", "figcaption")
_FLAT_WRAPPERS = sorted((BLOCK_TAGS | CELL_TAGS) - set(_FLAT_KEPT) - {"html", "body", "hr"})
_WRAPPER_TAG = re.compile(r"<(/?)(?:" + "|".join(_FLAT_WRAPPERS) + r")(?=[\s/>])([^>]*)>", re.I)
_OTHER_TAG = re.compile(r"</?(?!(?:" + "|".join(_FLAT_KEPT) + r")(?=[\s/>]))[a-zA-Z][^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


def _parse(markup: str) -> tuple[Node | None, bool]:
    """The tree libxml2 makes of `markup`, and whether it stopped at its nesting limit. The markup goes in as
    UTF-8 bytes, so no character of it can stop the parser; `huge_tree` lifts the 10 MB text-node limit."""
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True, no_network=True)
    try:
        root = etree.fromstring(markup.encode("utf-8", errors="replace"), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None, False
    too_deep = any(error.type == _DEPTH_LIMIT for error in parser.error_log)
    return root, too_deep


_DEPTH_LIMIT = etree.ErrorTypes.ERR_RESOURCE_LIMIT


def texts(node: Node) -> Iterator[str]:
    """The pieces of text under `node` in document order (not its own tail)."""
    # An HTML tree's text is always str (the stubs allow bytes for trees parsed from bytes by XML parsers).
    return cast(Iterator[str], node.itertext())


def text_of(node: Node, separator: str = "") -> str:
    """The text under `node` (not its own tail), its pieces joined by `separator`."""
    return separator.join(texts(node))


def cut(node: Node) -> None:
    """Take `node` and its content out of the tree, keeping the text after it where it stood."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def class_tokens(node: Node) -> tuple[frozenset[str], str]:
    """Lower-cased class and id tokens, and the joined string for compound patterns."""
    classes = node.get("class")
    ident = node.get("id")
    if ident and node.tag in _HEADINGS and _is_text_anchor(ident, node):
        # A section heading's id made from its own words ("nav_where_the_money_went") is a link target, not
        # a word about the element: "nav" there does not make the heading navigation.
        ident = None
    if not classes and not ident:
        return _NO_TOKENS
    joined = classes or ""
    if ident:
        joined += " " + ident
    lowered = joined.lower()
    if _ENTRY_MARKER.search(lowered):
        lowered = _TAXONOMY_CLASS.sub(" ", lowered)
    elif "entry" in lowered:
        lowered = _ENTRY_TAXONOMY_CLASS.sub(" ", lowered)
    return frozenset(_TOKEN_SPLIT.split(lowered)) - {""}, lowered


def _is_text_anchor(ident: str, heading: Node) -> bool:
    words = _TOKEN_SPLIT.split(text_of(heading, " ").lower())
    words = [word for word in words if word][:_ANCHOR_WORDS]
    if len(words) < _ANCHOR_WORDS:
        return False
    id_words = [word for word in _TOKEN_SPLIT.split(ident.lower()) if word]
    return any(id_words[i : i + _ANCHOR_WORDS] == words for i in range(len(id_words)))


def is_hidden(node: Node) -> bool:
    attrs = node.attrib
    if not attrs:
        return False
    if "hidden" in attrs:
        # React's streamed server rendering sends a page's later parts in hidden segments that a script moves
        # into place at once: visible text, whatever the attribute says.
        ident = attrs.get("id")
        return not (ident is not None and STREAMED_SEGMENT_ID.match(ident) is not None)
    classes = attrs.get("class")
    if classes is not None and not HIDDEN_CLASSES.isdisjoint(classes.split()):
        return True
    style = attrs.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None
