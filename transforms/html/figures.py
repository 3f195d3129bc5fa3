"""Captions in the markup: media figures (picture, video or graphic with its figcaption and credit elements)
and caption-classed elements, each read into one `FoundCaption`; splitting the credit text is left to the
shared `transforms.captions` rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import Tag
from bs4.element import NavigableString

from transforms.captions import is_credit_only, parse_caption_line
from transforms.html.markup import NOT_TEXT, class_tokens
from transforms.html.vocabulary import BLOCK_TAGS, CAPTION_PATTERN, CREDIT_TOKENS
from transforms.model import Media

_SPACE = re.compile(r"\s+")

# A "caption" class on something holding paragraphs or a long text is a wrapper, not a caption.
_MAX_CAPTION_CHARS = 700


def is_caption_sized(tag: Tag) -> bool:
    if tag.name == "figcaption":
        return True
    if tag.find(_CAPTION_WRAPPER_TAGS) is not None:
        return False
    return len(tag.get_text()) <= _MAX_CAPTION_CHARS


_CAPTION_WRAPPER_TAGS = ["h1", "h2", "article", "section"]


_FIGURE_MEDIA = ["img", "picture", "video"]
_FIGURE_NOT_MEDIA = ["blockquote", "h1", "h2", "article", "section", "table"]
_MAX_FIGURE_CHARS = 1000


def is_media_figure(tag: Tag) -> bool:
    """A figure of a picture, video or graphic with its caption (not a figure used for a quote or table)."""
    return (
        tag.find(_FIGURE_MEDIA) is not None
        and tag.find(_FIGURE_NOT_MEDIA) is None
        and len(tag.get_text()) <= _MAX_FIGURE_CHARS
    )


def _cut_credits(tag: Tag) -> list[str]:
    """Text of the credit elements (class credit/copyright/photographer/...) under `tag`, cut out of it."""
    parts: list[str] = []
    for inner in tag.find_all(True):
        tokens, _ = class_tokens(inner)
        if tokens & CREDIT_TOKENS:
            parts.append(_SPACE.sub(" ", inner.get_text(" ")).strip())
            inner.extract()
    return [p for p in parts if p]


@dataclass(frozen=True, slots=True)
class FoundCaption:
    """A caption as found in the markup: its text, the text of its credit elements, its text per child
    element (for captions labelled line by line), and what it describes."""

    text: str
    credit: str | None
    lines: tuple[str, ...]
    media: Media | None


def _found(holder: Tag, text: str, credits: list[str], lines: tuple[str, ...]) -> FoundCaption | None:
    credit = " ".join(credits) or None
    if not text and credit is None:
        return None
    return FoundCaption(text, credit, lines, _media_of(holder))


def caption_of_element(tag: Tag) -> FoundCaption | None:
    """A caption element's text with its credit element set apart."""
    credits = _cut_credits(tag)
    text = _SPACE.sub(" ", tag.get_text(" ")).strip()
    return _found(tag, text, credits, _child_lines(tag))


def caption_of_figure(figure: Tag) -> FoundCaption | None:
    """One caption per media figure: its figcaption (or caption-classed element), its credit elements, and
    credit lines standing outside the caption ("Image source, Getty Images" over the picture)."""
    credits = _cut_credits(figure)
    caption = figure.find("figcaption") or figure.find(class_=CAPTION_PATTERN)
    text: str = ""
    lines: tuple[str, ...] = ()
    if isinstance(caption, Tag):
        text = _SPACE.sub(" ", caption.get_text(" ")).strip()
        lines = _child_lines(caption)
        caption.extract()
    for line in _block_lines(figure):
        found = parse_caption_line(line)
        if found is not None and is_credit_only(found) and found.credit:
            credits.append(found.credit)
        elif not text and found is not None:
            text, lines = line, (line,)
    return _found(figure, text, credits, lines)


def _block_lines(tag: Tag) -> list[str]:
    """Text under `tag` grouped by nearest block-level parent: one line per div/p/span-group."""
    groups: dict[int, list[str]] = {}
    for string in tag.find_all(string=True):
        if isinstance(string, NOT_TEXT):
            continue
        parent = string.parent
        while parent is not None and parent is not tag and parent.name not in BLOCK_TAGS:
            parent = parent.parent
        groups.setdefault(id(parent), []).append(str(string))
    return [t for t in (_SPACE.sub(" ", "".join(g)).strip() for g in groups.values()) if t]


def _child_lines(tag: Tag) -> tuple[str, ...]:
    """The caption's text per child element (loose strings run together), for label-per-line captions."""
    lines: list[str] = []
    loose: list[str] = []
    for child in tag.children:
        if isinstance(child, Tag):
            if loose:
                lines.append("".join(loose))
                loose = []
            lines.append(child.get_text(" "))
        elif isinstance(child, NavigableString) and not isinstance(child, NOT_TEXT):
            loose.append(str(child))
    if loose:
        lines.append("".join(loose))
    return tuple(t for t in (_SPACE.sub(" ", line).strip() for line in lines) if t)


_GRAPHIC_TOKENS = frozenset({"graphic", "graphics", "chart", "map", "infographic", "illustration"})


def _media_of(tag: Tag) -> Media | None:
    """What the caption describes, from its figure (or, lacking one, its parent's direct children)."""
    figure = tag if tag.name == "figure" else tag.find_parent("figure")
    holder = figure if figure is not None else tag.parent
    if holder is None:
        return None
    # Only a figure is searched in depth: a caption's parent may be the whole story.
    media = holder.find_all(_MEDIA_TAGS, recursive=figure is not None, limit=4)
    tokens, lowered = class_tokens(holder)
    if "video" in lowered or any(m.name in ("video", "iframe") for m in media):
        return "video"
    if tokens & _GRAPHIC_TOKENS:
        return "graphic"
    return "photo" if media or figure is not None else None


_MEDIA_TAGS = ["img", "picture", "video", "iframe"]
