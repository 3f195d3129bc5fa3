"""Reading an element's attributes the way the extractor needs them: class/id tokens and hiddenness."""

from __future__ import annotations

import re

from bs4 import Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from transforms.html.vocabulary import HIDDEN_CLASSES, STREAMED_SEGMENT_ID

_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Strings of the tree that are not text a reader sees.
NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)

_NO_TOKENS: tuple[frozenset[str], str] = (frozenset(), "")
# A blog entry's wrapper (WordPress's post_class, hAtom's "hentry") names the post's categories and tags in its
# classes ("category-comments", "tag-related-news"): the author's words, not structure, so they are not read.
_ENTRY_MARKER = re.compile(r"(?:^|\s)(?:hentry|type-post)(?:\s|$)")
_TAXONOMY_CLASS = re.compile(r"(?:^|\s)(?:category|tag|post_tag|topic)-\S+")


def class_tokens(tag: Tag) -> tuple[frozenset[str], str]:
    """Lower-cased class and id tokens, and the joined string for compound patterns."""
    attrs = tag.attrs
    classes = attrs.get("class")
    ident = attrs.get("id")
    if not classes and not ident:
        return _NO_TOKENS
    joined = " ".join(classes) if isinstance(classes, list) else str(classes or "")
    if ident:
        joined += " " + str(ident)
    lowered = joined.lower()
    if _ENTRY_MARKER.search(lowered):
        lowered = _TAXONOMY_CLASS.sub(" ", lowered)
    return frozenset(_TOKEN_SPLIT.split(lowered)) - {""}, lowered


def is_hidden(tag: Tag) -> bool:
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs:
        # React's streamed server rendering sends a page's later parts in hidden segments that a script moves
        # into place at once: visible text, whatever the attribute says.
        ident = attrs.get("id")
        return not (isinstance(ident, str) and STREAMED_SEGMENT_ID.match(ident) is not None)
    classes = attrs.get("class")
    if isinstance(classes, str) and not HIDDEN_CLASSES.isdisjoint(classes.split()):
        return True
    style = attrs.get("style")
    return isinstance(style, str) and _HIDDEN_STYLE.search(style) is not None
