"""One pass over the parsed tree: the page as a flat list of text blocks, plus the captions met on the way.

The walk is iterative (a page of 200,000 nested divs must not hit the recursion limit) and numbers every
element in document order on entry and exit, so "is this block inside that element" is two comparisons.
Each block remembers its nearest block-level ancestors (for scoring containers) and the innermost element
whose class, id or role marks it as furniture (so a furniture-looking wrapper around the whole story does
not hide it: only furniture *inside* the chosen container is dropped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

from transforms.captions import is_credit_only, parse_caption_line
from transforms.html.vocabulary import (
    BLOCK_TAGS,
    CAPTION_PATTERN,
    CELL_TAGS,
    CHROME_COMPOUNDS,
    CHROME_ROLES,
    CHROME_TOKENS,
    COMMENT_TOKENS,
    CONTENT_COMPOUNDS,
    CONTENT_TOKENS,
    CREDIT_TOKENS,
    EMBED_PATTERN,
    HIDDEN_CLASSES,
    INLINE_CHROME_TOKENS,
    LAYOUT_TOKENS,
    SKIPPED_TAGS,
)
from transforms.model import Media

_SPACE = re.compile(r"\s+")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
# How many block ancestors a block passes its score to (paragraph's parent, grandparent, ...).
ANCESTRY_DEPTH = 4
# How many enclosing furniture elements a block remembers (an inner one may be rescued, see resolve_chrome).
_CHROME_CHAIN = 3
# A furniture-looking element holding at least this share of the page's prose is the story's wrapper.
_RESCUE_PROSE_SHARE = 0.5
_PROSE_MIN_CHARS = 80
_PROSE_MAX_LINK_DENSITY = 0.2


@dataclass(slots=True)
class Block:
    text: str
    link_chars: int
    tag: str
    position: int
    ancestors: tuple[int, ...]
    chrome_chain: tuple[int, ...]
    in_heading: bool = False
    line: bool = False
    chrome_at: int = -1


@dataclass(frozen=True, slots=True)
class RawCaption:
    text: str
    credit: str | None
    media: Media | None
    position: int
    chrome_at: int
    lines: tuple[str, ...]


@dataclass(slots=True)
class Element:
    """What the walk learned about one element, keyed by its entry number."""

    name: str
    parent: int = -1
    end: int = -1
    content_hint: float = 0.0
    chrome: bool = False
    comments: bool = False
    item_body: bool = False
    embed: bool = False


@dataclass(slots=True)
class Walk:
    blocks: list[Block] = field(default_factory=list)
    captions: list[RawCaption] = field(default_factory=list)
    elements: dict[int, Element] = field(default_factory=dict)
    bylines: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)


_NO_TOKENS: tuple[frozenset[str], str] = (frozenset(), "")


def _tokens(tag: Tag) -> tuple[frozenset[str], str]:
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
    return frozenset(_TOKEN_SPLIT.split(lowered)) - {""}, lowered


def _is_hidden(tag: Tag) -> bool:
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs:
        return True
    classes = attrs.get("class")
    if isinstance(classes, str) and not HIDDEN_CLASSES.isdisjoint(classes.split()):
        return True
    style = attrs.get("style")
    return isinstance(style, str) and _HIDDEN_STYLE.search(style) is not None


def _classify(tag: Tag, element: Element, tokens: frozenset[str], lowered: str) -> str:
    """'caption', 'chrome', 'skip' or '' for an element, from its name, role, itemprop and class/id tokens."""
    name = element.name
    if name == "figcaption":
        return "caption"
    itemprop = str(tag.get("itemprop") or "").lower()
    if itemprop == "articlebody":
        element.item_body = True
    if itemprop == "caption" or CAPTION_PATTERN.search(lowered):
        return "caption"
    role = str(tag.get("role") or "").lower()
    element.embed = EMBED_PATTERN.search(lowered) is not None
    if name in ("body", "html", "main") or element.item_body or element.embed:
        pass
    elif role in CHROME_ROLES or (tokens & CHROME_TOKENS) or CHROME_COMPOUNDS.search(lowered):
        element.chrome = True
        element.comments = bool(tokens & COMMENT_TOKENS)
        if name not in BLOCK_TAGS and tokens & INLINE_CHROME_TOKENS:
            return "skip"
    if tokens & CONTENT_TOKENS:
        element.content_hint = 0.25
    if CONTENT_COMPOUNDS.search(lowered) or element.item_body or name == "article":
        element.content_hint = 0.5
    if element.chrome and element.content_hint:
        if CONTENT_COMPOUNDS.search(lowered) and tokens & CHROME_TOKENS <= LAYOUT_TOKENS:
            # "l-sidebar-fixed l-article-body-segment": a story body laid out beside a sidebar.
            element.chrome = False
        else:
            # "article-share", "story-related": furniture named after the story it sits in.
            element.content_hint = 0.0
    if role == "article" or name == "main":
        element.content_hint = max(element.content_hint, 0.25)
    return "chrome" if element.chrome else ""


class _Walker:
    def __init__(self) -> None:
        self.walk = Walk()
        self.counter = 0
        self.buffer: list[str] = []
        self.link_chars = 0
        self.link_depth = 0
        self.block_stack: list[int] = []  # entry numbers of open block elements
        self.chrome_stack: list[int] = []  # entry numbers of open furniture elements
        # Furniture outside an open embedded post does not apply inside it: chains start at the floor.
        self.embed_floors: list[int] = []
        self.heading_depth = 0
        self.after_break = False

    def flush(self, at_break: bool = False) -> None:
        """End the current block; `at_break` when a <br> ends it (then it and the next one are lines)."""
        line = at_break or self.after_break
        self.after_break = at_break
        if not self.buffer:
            return
        text = _SPACE.sub(" ", "".join(self.buffer)).strip()
        self.buffer = []
        links, self.link_chars = self.link_chars, 0
        if not text:
            return
        owner = self.block_stack[-1] if self.block_stack else 0
        self.walk.blocks.append(
            Block(
                text=text,
                link_chars=min(links, len(text)),
                tag=self.walk.elements[owner].name if self.block_stack else "body",
                position=self.counter,
                ancestors=tuple(self.block_stack[-ANCESTRY_DEPTH - 1 :]),
                chrome_chain=tuple(self._chrome_in_scope()[-_CHROME_CHAIN:]),
                in_heading=self.heading_depth > 0,
                line=line,
            )
        )
        self.counter += 1

    def _chrome_in_scope(self) -> list[int]:
        return self.chrome_stack[self.embed_floors[-1] :] if self.embed_floors else self.chrome_stack

    def add_text(self, text: str) -> None:
        self.buffer.append(text)
        if self.link_depth:
            self.link_chars += len(text.strip())


def walk_tree(root: Tag | BeautifulSoup) -> Walk:
    """Flatten `root` into blocks in reading order; figcaptions and caption-like elements go to captions."""
    walker = _Walker()
    elements = walker.walk.elements
    # Each frame: (tag, its children iterator, entry number, block?, chrome?, link?, heading?)
    stack: list[tuple[Tag, Iterator[object], int, bool, bool, bool, bool]] = []
    root_number = walker.counter
    walker.counter += 1
    elements[root_number] = Element(name=root.name or "root")
    # The root is a block like any other, so text directly under <body> has a container to score.
    walker.block_stack.append(root_number)
    stack.append((root, iter(root.contents), root_number, True, False, False, False))
    while stack:
        _, children, number, is_block, is_chrome, is_link, is_heading = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            _leave(walker, number, is_block, is_chrome, is_link, is_heading)
            continue
        kind = type(child)
        if kind is NavigableString:  # the common case first: plain text
            walker.add_text(child)  # type: ignore[arg-type]
        elif kind is Tag:
            frame = _enter(walker, child, number)  # type: ignore[arg-type]
            if frame is not None:
                stack.append(frame)
        elif isinstance(child, NavigableString) and not isinstance(child, _NOT_TEXT):
            walker.add_text(str(child))
    walker.flush()
    resolve_chrome(walker.walk)
    return walker.walk


def _is_prose(block: Block) -> bool:
    return (
        block.tag == "p"
        and len(block.text) >= _PROSE_MIN_CHARS
        and block.link_chars <= _PROSE_MAX_LINK_DENSITY * len(block.text)
    )


def resolve_chrome(walk: Walk) -> None:
    """Set each block's `chrome_at`: its innermost furniture ancestor, skipping furniture-looking wrappers
    ("content-with-sidebar", "paywall") that hold most of the page's prose and so are the story itself."""
    prose_in: dict[int, int] = {}
    total = 0
    for block in walk.blocks:
        if _is_prose(block):
            total += len(block.text)
            for number in block.chrome_chain:
                prose_in[number] = prose_in.get(number, 0) + len(block.text)
    rescued = {
        number
        for number, chars in prose_in.items()
        if chars >= _RESCUE_PROSE_SHARE * total and not walk.elements[number].comments
    }
    for block in walk.blocks:
        for number in reversed(block.chrome_chain):
            if number not in rescued:
                block.chrome_at = number
                break


# Elements whose name alone says something to `_classify` or `_note_metadata`.
_NAMED_KINDS = frozenset({"figcaption", "main", "article", "body", "html"})


def _enter(
    walker: _Walker, tag: Tag, parent: int
) -> tuple[Tag, Iterator[object], int, bool, bool, bool, bool] | None:
    name = tag.name  # lxml's HTML parser already lower-cases names
    if name in SKIPPED_TAGS or _is_hidden(tag):
        return None
    if name == "br":
        walker.flush(at_break=True)
        return None
    number = walker.counter
    walker.counter += 1
    element = Element(name=name, parent=parent)
    walker.walk.elements[number] = element
    if tag.attrs or name in _NAMED_KINDS:
        tokens, lowered = _tokens(tag)
        kind = _classify(tag, element, tokens, lowered)
        _note_metadata(walker.walk, tag, name, tokens)
    else:
        kind = ""  # a bare element: nothing to classify, the fast path for most of a page
    if kind == "skip":
        element.end = walker.counter
        return None
    if name == "figure" and _is_media_figure(tag):
        walker.flush()
        _collect_figure(walker, tag, number)
        element.end = walker.counter
        return None
    if kind == "caption" and _is_caption_sized(tag):
        walker.flush()
        _collect_caption(walker, tag, number)
        element.end = walker.counter
        return None
    is_block = name in BLOCK_TAGS
    if is_block:
        walker.flush()
        walker.block_stack.append(number)
    elif name in CELL_TAGS:
        walker.add_text(" ")
    if kind == "chrome":
        walker.chrome_stack.append(number)
    if element.embed:
        walker.embed_floors.append(len(walker.chrome_stack))
    is_link = name == "a"
    if is_link:
        walker.link_depth += 1
    is_heading = name in ("h1", "h2", "h3", "h4", "h5", "h6")
    if is_heading:
        walker.heading_depth += 1
    return tag, iter(tag.contents), number, is_block, kind == "chrome", is_link, is_heading


_BYLINE_TOKENS = frozenset({"byline", "author", "authors", "byl", "contributor"})
_MAX_BYLINE_CHARS = 150


def _note_metadata(walk: Walk, tag: Tag, name: str, tokens: frozenset[str]) -> None:
    """Byline elements and `<time datetime>`s, for metadata the head does not carry."""
    if name == "time":
        stamp = tag.get("datetime")
        if isinstance(stamp, str) and stamp.strip():
            walk.times.append(stamp.strip())
        return
    if len(walk.bylines) >= 3:
        return
    rel = tag.get("rel")
    is_author_link = name == "a" and isinstance(rel, str) and "author" in rel.lower().split()
    if is_author_link or (tokens & _BYLINE_TOKENS and "bio" not in tokens):
        # Lines kept apart: "By Sarah Bell" and "BBC News, York" are separate elements of one byline.
        text = tag.get_text("\n").strip()
        if 0 < len(text) <= _MAX_BYLINE_CHARS:
            walk.bylines.append(text)


def _leave(walker: _Walker, number: int, is_block: bool, is_chrome: bool, is_link: bool, is_heading: bool) -> None:
    if is_block:
        walker.flush()
        walker.block_stack.pop()
    if is_chrome:
        walker.chrome_stack.pop()
    if walker.walk.elements[number].embed:
        walker.embed_floors.pop()
    if is_link:
        walker.link_depth -= 1
    if is_heading:
        walker.heading_depth -= 1
    walker.walk.elements[number].end = walker.counter
    walker.counter += 1


# A "caption" class on something holding paragraphs or a long text is a wrapper, not a caption.
_MAX_CAPTION_CHARS = 700


def _is_caption_sized(tag: Tag) -> bool:
    if tag.name == "figcaption":
        return True
    if tag.find(_CAPTION_WRAPPER_TAGS) is not None:
        return False
    return len(tag.get_text()) <= _MAX_CAPTION_CHARS


_CAPTION_WRAPPER_TAGS = ["h1", "h2", "article", "section"]


_FIGURE_MEDIA = ["img", "picture", "video"]
_FIGURE_NOT_MEDIA = ["blockquote", "h1", "h2", "article", "section", "table"]
_MAX_FIGURE_CHARS = 1000


def _is_media_figure(tag: Tag) -> bool:
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
        tokens, _ = _tokens(inner)
        if tokens & CREDIT_TOKENS:
            parts.append(_SPACE.sub(" ", inner.get_text(" ")).strip())
            inner.extract()
    return [p for p in parts if p]


def _append_caption(walker: _Walker, holder: Tag, number: int, text: str, credits: list[str],
                    lines: tuple[str, ...]) -> None:
    credit = " ".join(credits) or None
    if text or credit:
        chrome_at = walker.chrome_stack[-1] if walker.chrome_stack else -1  # before rescue: conservative
        walker.walk.captions.append(RawCaption(text, credit, _media_of(holder), number, chrome_at, lines))


def _collect_caption(walker: _Walker, tag: Tag, number: int) -> None:
    """A caption element's text with its credit element set apart."""
    credits = _cut_credits(tag)
    text = _SPACE.sub(" ", tag.get_text(" ")).strip()
    _append_caption(walker, tag, number, text, credits, _child_lines(tag))


def _collect_figure(walker: _Walker, figure: Tag, number: int) -> None:
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
    _append_caption(walker, figure, number, text, credits, lines)


def _block_lines(tag: Tag) -> list[str]:
    """Text under `tag` grouped by nearest block-level parent: one line per div/p/span-group."""
    groups: dict[int, list[str]] = {}
    for string in tag.find_all(string=True):
        if isinstance(string, _NOT_TEXT):
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
        elif isinstance(child, NavigableString) and not isinstance(child, _NOT_TEXT):
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
    tokens, lowered = _tokens(holder)
    if "video" in lowered or any(m.name in ("video", "iframe") for m in media):
        return "video"
    if tokens & _GRAPHIC_TOKENS:
        return "graphic"
    return "photo" if media or figure is not None else None


_MEDIA_TAGS = ["img", "picture", "video", "iframe"]
