"""One pass over the parsed tree: the page as a flat list of text blocks, plus the captions met on the way.

The walk is iterative (a page of 200,000 nested divs must not hit the recursion limit) and numbers every
element in document order on entry and exit, so "is this block inside that element" is two comparisons.
Each block remembers its nearest block-level ancestors (for scoring containers) and the innermost element
whose class, id or role marks it as furniture (so a furniture-looking wrapper around the whole story does
not hide it: only furniture *inside* the chosen container is dropped).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from transforms.html.figures import (
    FoundCaption,
    caption_of_attributes,
    caption_of_element,
    caption_of_figure,
    is_bare_picture_block,
    is_caption_sized,
    is_media_figure,
    is_picture_block,
    is_prose_small_print,
    read_bare_picture_block,
    read_picture_block,
    source_keys,
)
from transforms.html.markup import Node, class_tokens, is_hidden, text_of
from transforms.html.vocabulary import (
    BESIDE_TOKENS,
    BLOCK_TAGS,
    CAPTION_PATTERN,
    CELL_TAGS,
    CHROME_COMPOUNDS,
    CHROME_ELEMENTS,
    CHROME_ROLES,
    CHROME_TOKENS,
    COMMENT_TOKENS,
    COMMENTS_HEADING,
    CONTENT_COMPOUNDS,
    CONTENT_TOKENS,
    EMBED_PATTERN,
    HIDDEN_CLASSES,
    INLINE_CHROME_TOKENS,
    LAYOUT_TOKENS,
    PRINTED_CONTENT_PATTERN,
    PROFILE_PATTERN,
    SCREEN_READER_ONLY,
    SKIPPED_TAGS,
    TEXT_WIDGET_PATTERN,
)
from transforms.prose import is_prose_text, link_density

# A slide of a story shown one part at a time holds paragraphs; a hover card a title and a line.
_SLIDE_MIN_CHARS = 300
# How many block ancestors a block passes its score to (paragraph's parent, grandparent, ...).
ANCESTRY_DEPTH = 4
# Text in a heading element longer than this is a paragraph styled as one, not a heading.
_MAX_HEADING_CHARS = 200
# How many enclosing furniture elements a block remembers (an inner one may be rescued, see resolve_chrome).
_CHROME_CHAIN = 3
# A furniture-looking element holding at least this share of the page's prose is the story's wrapper.
_RESCUE_PROSE_SHARE = 0.5
# A marked story holding at most this many prose paragraphs (a headline and its lead) while furniture beside it
# holds this share of the page's prose, in at least that many paragraphs, is a header: the story is that one.
_HEADER_ONLY_PARAGRAPHS = 1
_BODY_BESIDE_SHARE = 0.75
_BODY_BESIDE_PARAGRAPHS = 3
# An element marked as a story body (a content compound class, itemprop articleBody, <article>) has this hint.
_MARKED_BODY_HINT = 0.5
# A marked element inside the story's marked element that holds this share of its text is the story's body.
_STORY_INNER_SHARE = 0.6


@dataclass(slots=True)
class Block:
    text: str
    link_chars: int
    tag: str
    position: int
    ancestors: tuple[int, ...]
    chrome_chain: tuple[int, ...]
    in_heading: bool = False
    # Ended or started by a <br>; `after_blank` when a blank line (two <br>s) stands before it.
    line: bool = False
    after_blank: bool = False
    chrome_at: int = -1
    teaser: bool = False
    # Inside reader comments: prose, but never the story's, however much of it there is.
    in_comments: bool = False


@dataclass(frozen=True, slots=True)
class RawCaption:
    """A caption the walk met: what figures.py read, where it stood, and the furniture around it."""

    found: FoundCaption
    position: int
    chrome_at: int


@dataclass(slots=True)
class Element:
    """What the walk learned about one element, keyed by its entry number."""

    name: str
    parent: int = -1
    end: int = -1
    content_hint: float = 0.0
    chrome: bool = False
    comments: bool = False
    # A blurb about a person (an author's bio, a profile box): prose of its own, never the story's wrapper.
    profile: bool = False
    item_body: bool = False
    embed: bool = False
    # Furniture by a layout word only ("widget__contents", "header"): it says nothing of whose figure it holds.
    layout: bool = False
    # Furniture that stands beside a page's story by its nature (a sidebar, an aside, a profile): never its body.
    beside: bool = False
    # Furniture by the word "teaser" only: another story's card, or the free preview of this one (see
    # `_story_previews`).
    teaser: bool = False
    # A heading element furniture by the word "headline" only: another story's, or a section heading of this
    # one (see `_section_headings`).
    headline: bool = False


@dataclass(frozen=True, slots=True)
class RawPicture:
    """A picture the walk met with no caption from the markup: its asset keys, where it stood, the furniture
    around it (as for `RawCaption`)."""

    image_keys: frozenset[str]
    position: int
    chrome_at: int


@dataclass(slots=True)
class Walk:
    blocks: list[Block] = field(default_factory=list)
    captions: list[RawCaption] = field(default_factory=list)
    pictures: list[RawPicture] = field(default_factory=list)
    elements: dict[int, Element] = field(default_factory=dict)
    bylines: list[tuple[int, str]] = field(default_factory=list)  # (entry number, text)
    times: list[str] = field(default_factory=list)
    # The element the page marks as its story body and that holds the most text (-1: none marked).
    story: int = -1


# Furniture words that describe layout, not other content: a figure inside such a wrapper is still the story's.
_FIGURE_NEUTRAL_TOKENS = frozenset({"widget", "widgets", "meta", "header", "tools", "toolbar", "banner", "paywall"})


# The furniture word of a story card, and of a story's own free preview or intro ("article-teaser", "teaser-text").
_TEASER_TOKENS = frozenset({"teaser", "teasers"})


# Class tokens of a live ticker ("live-match-comment", "liveblog-comments"): its "comments" are the reporter's
# running commentary, the story itself, not readers' comments.
_LIVE_TOKENS = frozenset({"live", "liveblog", "liveticker", "ticker"})


def _is_live_commentary(tokens: frozenset[str]) -> bool:
    return bool(tokens & _LIVE_TOKENS and tokens & COMMENT_TOKENS)


_WIDGET_TOKENS = frozenset({"widget", "widgets"})


def _is_text_widget(tokens: frozenset[str], lowered: str) -> bool:
    """A page builder's text, heading or post-content widget: furniture by no word but "widget"."""
    return tokens & CHROME_TOKENS <= _WIDGET_TOKENS and TEXT_WIDGET_PATTERN.search(lowered) is not None


# Heading elements styled by the word "headline" ("o-headline", "head-large headline").
_SECTION_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_HEADLINE_TOKENS = frozenset({"headline", "hed"})


def _is_screen_reader_label(tag: Node, lowered: str) -> bool:
    """Words for screen readers only ("Expand box", "opens in a new window"): cut out of the line they sit in.
    A hidden separator (" - " between a headline's kicker and its text) is kept: it marks where one part ends."""
    return SCREEN_READER_ONLY.search(lowered) is not None and any(c.isalnum() for c in text_of(tag))


def _classify(tag: Node, element: Element, tokens: frozenset[str], lowered: str) -> str:
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
    if (
        name in ("body", "html", "main")
        or element.item_body
        or element.embed
        or _is_live_commentary(tokens)
        or _is_text_widget(tokens, lowered)
        or ("print" in lowered and PRINTED_CONTENT_PATTERN.search(lowered) is not None)
    ):
        pass
    elif name in CHROME_ELEMENTS or role in CHROME_ROLES or tokens & CHROME_TOKENS or CHROME_COMPOUNDS.search(lowered):
        element.chrome = True
        element.layout = (
            tokens & CHROME_TOKENS <= _FIGURE_NEUTRAL_TOKENS
            and name not in CHROME_ELEMENTS
            and role not in CHROME_ROLES
            and not CHROME_COMPOUNDS.search(lowered)
        )
        element.comments = bool(tokens & COMMENT_TOKENS)
        element.teaser = (
            bool(tokens & CHROME_TOKENS)
            and tokens & CHROME_TOKENS <= _TEASER_TOKENS
            and name not in CHROME_ELEMENTS
            and role not in CHROME_ROLES
            and not CHROME_COMPOUNDS.search(lowered)
        )
        element.headline = (
            name in _SECTION_HEADINGS
            and bool(tokens & CHROME_TOKENS)
            and tokens & CHROME_TOKENS <= _HEADLINE_TOKENS
            and not CHROME_COMPOUNDS.search(lowered)
        )
        element.profile = PROFILE_PATTERN.search(lowered) is not None
        element.beside = element.profile or name == "aside" or role == "complementary" or bool(tokens & BESIDE_TOKENS)
        if name not in BLOCK_TAGS and (tokens & INLINE_CHROME_TOKENS or _is_screen_reader_label(tag, lowered)):
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
        self.blank_line = False
        # Each open element's last classed child shown, by entry number: a hidden sibling shaped like it may be
        # the next slide of a set shown one at a time (see `_is_hidden_slide`).
        self.last_classed_child: dict[int, Node] = {}
        self.shown_chars: dict[int, tuple[Node, int]] = {}  # and the length of its text, once measured

    def flush(self, at_break: bool = False) -> None:
        """End the current block; `at_break` when a <br> ends it (then it and the next one are lines)."""
        line = at_break or self.after_break
        self.after_break = at_break
        if not self.buffer:
            self.blank_line = self.blank_line or at_break
            return
        # Runs of white space as one space: str.split's white space is the regex \s, at a third of the cost.
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        links, self.link_chars = self.link_chars, 0
        if not text:
            self.blank_line = self.blank_line or at_break
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
                # Paragraphs set in heading tags (old pages style prose with <h6>) are prose.
                in_heading=self.heading_depth > 0 and len(text) <= _MAX_HEADING_CHARS,
                line=line,
                after_blank=self.blank_line,
            )
        )
        self.blank_line = False
        self.counter += 1

    def _chrome_in_scope(self) -> list[int]:
        return self.chrome_stack[self.embed_floors[-1] :] if self.embed_floors else self.chrome_stack

    def add_text(self, text: str) -> None:
        self.buffer.append(text)
        if self.link_depth:
            self.link_chars += len(text.strip())


def _children(node: Node) -> Iterator[Node]:
    """`node`'s children in order, each next one found only after the previous one is walked: reading a
    caption may cut the element after it (its credit), which must then not be walked."""
    child = node[0] if len(node) else None
    while child is not None:
        yield child
        child = child.getnext()


# One open element of the walk: (element, its children, entry number, block?, chrome?, link?, heading?)
_Frame = tuple[Node, Iterator[Node], int, bool, bool, bool, bool]


def walk_tree(root: Node) -> Walk:
    """Flatten `root` into blocks in reading order; figcaptions and caption-like elements go to captions."""
    walker = _Walker()
    elements = walker.walk.elements
    stack: list[_Frame] = []
    root_number = walker.counter
    walker.counter += 1
    elements[root_number] = Element(name=root.tag)
    # The root is a block like any other, so text directly under <body> has a container to score.
    walker.block_stack.append(root_number)
    if root.text:
        walker.add_text(root.text)
    stack.append((root, _children(root), root_number, True, False, False, False))
    while stack:
        _, children, number, is_block, is_chrome, is_link, is_heading = stack[-1]
        child = next(children, None)
        if child is None:
            left = stack.pop()[0]
            _leave(walker, number, is_block, is_chrome, is_link, is_heading)
            if stack and left.tail:  # the text after an element is its parent's
                walker.add_text(left.tail)
            continue
        frame = _enter(walker, child, number)
        if frame is not None:
            stack.append(frame)
        elif child.tail:
            walker.add_text(child.tail)
    walker.flush()
    walker.walk.blocks = join_wrapped_lines(walker.walk.blocks)
    resolve_chrome(walker.walk)
    return walker.walk


# A line of hard-wrapped prose is long and ends mid-sentence: "... this easy fall leaf bunting<br>that would be".
# (A linked title over its item's text, "<a>HP leads the benchmark</a><br>The server ...", and a title over a
# breadcrumb trail of links are not wrapped.) A line going on in a capital ("... verlegt, nach<br>Jahren des
# Redens": German capitalises its nouns) is taken for wrapped only at a wrap column's length: a shorter one is
# a headline over a source and a date.
_WRAPPED_LINE_MIN_CHARS = 40
_WRAPPED_BEFORE_CAPITAL_MIN_CHARS = 60
_LINE_END = re.compile(r"[.!?…:;»”\"')]\s*$")


def _continues(line: str, following: str) -> bool:
    """Whether `following` goes on with the sentence `line` leaves open (see `join_wrapped_lines`)."""
    if _LINE_END.search(line):
        return False
    if following[0].islower():
        return len(line) >= _WRAPPED_LINE_MIN_CHARS
    return len(line) >= _WRAPPED_BEFORE_CAPITAL_MIN_CHARS


def _is_link_line(block: Block) -> bool:
    return block.link_chars * 2 >= len(block.text)


def join_wrapped_lines(blocks: list[Block]) -> list[Block]:
    """Prose hard-wrapped with <br> (a plain or org-mode export, an old blog post: one element of text lines,
    a blank line of two <br>s between paragraphs) as paragraphs: a line joins the one before it in the same
    element when no blank line stands between and that one is long and ends mid-sentence, neither a link. Short
    lines (a byline over a role, an address, a poem's lines) stay lines."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.line
            and block.line
            and not block.after_blank
            and not previous.in_heading
            and not block.in_heading
            and previous.ancestors == block.ancestors
            and previous.chrome_chain == block.chrome_chain
            and _continues(previous.text, block.text)
            and not _is_link_line(previous)
            and not _is_link_line(block)
        ):
            previous.text = f"{previous.text} {block.text}"
            previous.link_chars += block.link_chars
            continue
        joined.append(block)
    return joined


# Story cards: a headline mostly link, beside at most this many other blocks.
LINKED_HEADLINE_DENSITY = 0.5
CARD_MAX_BLOCKS = 2

# Blocks that can be a paragraph of the story: many pages write theirs as bare <div>s.
_PARAGRAPH_TAGS = frozenset({"p", "div"})


def _is_prose(block: Block) -> bool:
    return block.tag in _PARAGRAPH_TAGS and is_prose_text(block.text, block.link_chars)


def marked_story(walk: Walk) -> int:
    """The element the page marks as its story body (a content compound class, itemprop articleBody,
    <article>) that holds the story: from the marked element with the most text (comments aside), inward while
    a marked element inside holds most of it ("main-content" > "entry-content"); -1 when nothing is marked."""
    elements = walk.elements
    marked = sorted(n for n, e in elements.items() if e.content_hint >= _MARKED_BODY_HINT and not e.chrome)
    if not marked:
        return -1
    positions = [block.position for block in walk.blocks]
    cards = _story_cards(walk, marked, positions)
    marked = [number for number in marked if number not in cards]
    if not marked:
        return -1
    totals = [0]
    for block in walk.blocks:
        totals.append(totals[-1] + (0 if block.in_comments else len(block.text) - block.link_chars))

    def text_in(number: int) -> int:
        return totals[bisect_left(positions, elements[number].end)] - totals[bisect_right(positions, number)]

    text = {number: text_in(number) for number in marked}
    story = max(marked, key=lambda number: text[number])
    if not text[story]:
        return -1
    while True:
        inner = [n for n in marked if story < n < elements[story].end and text[n] >= _STORY_INNER_SHARE * text[story]]
        if not inner:
            return story
        story = max(inner, key=lambda number: text[number])


def _story_cards(walk: Walk, marked: list[int], positions: list[int]) -> set[int]:
    """Marked elements that are other stories' cards, not the page's story: a linked headline and at most
    `CARD_MAX_BLOCKS` other blocks, standing in furniture (an <article> in a related-stories strip) or among
    sibling cards. A lone post with its title linked to itself, in no furniture but layout, stays the story."""
    elements = walk.elements
    shaped: set[int] = set()
    for number in marked:
        inside = walk.blocks[bisect_right(positions, number) : bisect_left(positions, elements[number].end)]
        headlines = sum(1 for block in inside if _is_linked_headline(block))
        if headlines and len(inside) - headlines <= CARD_MAX_BLOCKS:
            shaped.add(number)
    siblings = Counter(elements[number].parent for number in shaped)
    return {number for number in shaped if siblings[elements[number].parent] >= 2 or _in_furniture(walk, number)}


def _is_linked_headline(block: Block) -> bool:
    return (
        block.in_heading and bool(block.text) and link_density(block.text, block.link_chars) >= LINKED_HEADLINE_DENSITY
    )


def _in_furniture(walk: Walk, number: int) -> bool:
    element = walk.elements.get(walk.elements[number].parent)
    while element is not None:
        # Furniture by a layout word only ("widget Blog", "header") is as often the story's own column.
        if element.chrome and not element.layout:
            return True
        element = walk.elements.get(element.parent)
    return False


def resolve_chrome(walk: Walk) -> None:
    """Set each block's `chrome_at`: its innermost furniture ancestor, skipping furniture-looking wrappers
    that are the story's own. When the page marks its story body (see `marked_story`), the wrappers around
    it ("widget Blog", "date-posts") and furniture inside it holding most of the page's prose are skipped, and
    no furniture beside it is; otherwise, those holding most of the page's prose ("content-with-sidebar")."""
    prose_in: dict[int, int] = {}
    prose_blocks: dict[int, int] = {}
    # Furniture-looking wrappers of a marked body ("post-meta" around "post-content"), and that body's paragraphs.
    wrapped_bodies: dict[int, set[int]] = defaultdict(set)
    body_paragraphs: dict[int, int] = defaultdict(int)
    total = 0
    elements = walk.elements
    after_heading = _after_comments_headings(walk)
    for block in walk.blocks:
        block.in_comments = block.position in after_heading or any(
            elements[number].comments for number in block.chrome_chain
        )
        # A long comment thread must not make the story look like a small part of the page.
        if block.in_comments or not _is_prose(block):
            continue
        total += len(block.text)
        for number in block.chrome_chain:
            prose_in[number] = prose_in.get(number, 0) + len(block.text)
            prose_blocks[number] = prose_blocks.get(number, 0) + 1
        bodies = [
            n for n in block.ancestors if elements[n].content_hint >= _MARKED_BODY_HINT and not elements[n].chrome
        ]
        for body in bodies:
            body_paragraphs[body] += 1
            for number in block.chrome_chain:
                if number < body:
                    wrapped_bodies[number].add(body)
    story = walk.story = marked_story(walk)
    header_only = story >= 0 and _paragraphs_in(walk, story) <= _HEADER_ONLY_PARAGRAPHS
    rescued = {
        number
        for number, chars in prose_in.items()
        if not elements[number].comments
        and not elements[number].profile
        and (
            number < story < elements[number].end
            # A wrapper around a marked body of paragraphs inside the story is the body's own.
            or (
                any(body_paragraphs[body] >= 2 for body in wrapped_bodies[number])
                and (story < 0 or story <= number < elements[story].end)
            )
            # Furniture beside a marked story body is never the story, however much prose it holds.
            # A story holds more than one paragraph: a lone blurb ("About us") beside a short post is furniture.
            or (
                chars >= _RESCUE_PROSE_SHARE * total
                and prose_blocks[number] >= 2
                and (story < 0 or story <= number < elements[story].end)
            )
            # Unless the marked story is only a headline and its lead, with the body in furniture-looking markup
            # beside it (an <article> closed after the header, the text in a section named like an ad slot).
            or (
                header_only
                and not elements[number].beside
                and chars >= _BODY_BESIDE_SHARE * total
                and prose_blocks[number] >= _BODY_BESIDE_PARAGRAPHS
            )
        )
    }
    rescued |= _story_previews(walk, prose_blocks)
    rescued |= _section_headings(walk)
    for block in walk.blocks:
        for number in reversed(block.chrome_chain):
            if number not in rescued:
                block.chrome_at = number
                break


def _story_previews(walk: Walk, prose_blocks: dict[int, int]) -> set[int]:
    """Elements furniture only by the word "teaser" that are a paywalled story's free preview: prose paragraphs,
    right before a sibling that is no furniture and holds the rest of the story's prose ("article-teaser" then
    "article-body subscriber-only"); siblings holding no text between them (the lead picture's wrapper, as in
    "teaser-text", "news-img-wrap", "news-text-wrap") do not part them. Another story's teaser card holds its
    linked headline, or stands among other cards."""
    elements = walk.elements
    positions = [block.position for block in walk.blocks]
    previews: set[int] = set()
    for number, element in elements.items():
        if not element.teaser or not prose_blocks.get(number):
            continue
        after = _next_sibling_with_text(walk, positions, number)
        if after < 0 or elements[after].chrome:
            continue
        if _paragraphs_in(walk, after) and not _holds_linked_heading(walk, number):
            previews.add(number)
    return previews


def _next_sibling_with_text(walk: Walk, positions: list[int], number: int) -> int:
    """The first sibling after element `number` holding any block of text (-1: none)."""
    elements = walk.elements
    parent = elements[number].parent
    following = elements[number].end + 1
    while (sibling := elements.get(following)) is not None and sibling.parent == parent:
        if bisect_left(positions, sibling.end) > bisect_right(positions, following):
            return following
        following = sibling.end + 1
    return -1


def _section_headings(walk: Walk) -> set[int]:
    """Heading elements furniture by the word "headline" only that stand between two paragraphs of prose: a
    section heading of the story they are told in, not another story's headline (which stands over its card's
    summary, after a box's heading or another card, not in the middle of a story's text)."""
    blocks = walk.blocks
    found: set[int] = set()
    for index in range(1, len(blocks) - 1):
        block = blocks[index]
        if not block.in_heading or not block.chrome_chain or block.link_chars:
            continue
        heading = block.chrome_chain[-1]
        element = walk.elements[heading]
        if not element.headline:
            continue
        # The paragraphs around it are its siblings' (an aside's headline, or a label over the <article> it
        # names, stands beside the story's text, not among its paragraphs).
        around = (blocks[index - 1], blocks[index + 1])
        if all(
            _is_prose(paragraph)
            and not paragraph.in_comments
            and element.parent in paragraph.ancestors
            and paragraph.chrome_chain == block.chrome_chain[:-1]
            for paragraph in around
        ):
            found.add(heading)
    return found


def _holds_linked_heading(walk: Walk, number: int) -> bool:
    end = walk.elements[number].end
    return any(number < b.position < end and b.in_heading and b.link_chars * 2 >= len(b.text) for b in walk.blocks)


def _paragraphs_in(walk: Walk, number: int) -> int:
    """Prose paragraphs inside element `number`, reader comments aside."""
    end = walk.elements[number].end
    return sum(1 for b in walk.blocks if number < b.position < end and not b.in_comments and _is_prose(b))


def _after_comments_headings(walk: Walk) -> set[int]:
    """Positions of the blocks that follow a comments heading in its section: the heading's parent, or the
    nearest ancestor holding anything after it (the heading may sit in a wrapper of its own)."""
    found: set[int] = set()
    positions = [block.position for block in walk.blocks]
    for index, block in enumerate(walk.blocks):
        if not block.in_heading or COMMENTS_HEADING.match(block.text) is None or block.position in found:
            continue
        for section in reversed(block.ancestors[:-1]):
            end = bisect_left(positions, walk.elements[section].end)
            if end > index + 1:
                found.update(positions[index + 1 : end])
                break
    return found


# Elements whose name alone says something to `_classify` or `_note_metadata`.
_NAMED_KINDS = frozenset({"figcaption", "main", "article", "body", "html", "footer", "form"})


def _is_hidden_slide(walker: _Walker, tag: Node, parent: int) -> bool:
    """A hidden element of prose after a shown one of prose with the same name and classes (hiding classes
    aside): a paginated story's next part or a listicle's next item, hidden until a script turns to it, and as
    much the story as the first. (Hover cards and menus beside their links hold a line or two: they stay hidden.
    A copy of a shown paragraph read this way is dropped with the other repeated paragraphs.)"""
    shown = walker.last_classed_child.get(parent)
    if shown is None or shown.tag != tag.tag:
        return False
    shape = _shown_classes(tag)
    if not shape or _shown_classes(shown) != shape or len(text_of(tag)) < _SLIDE_MIN_CHARS:
        return False
    measured = walker.shown_chars.get(parent)
    if measured is None or measured[0] is not shown:
        measured = walker.shown_chars[parent] = (shown, len(text_of(shown)))
    return measured[1] >= _SLIDE_MIN_CHARS


def _shown_classes(tag: Node) -> frozenset[str]:
    return frozenset(str(tag.get("class") or "").split()) - HIDDEN_CLASSES


def _enter(walker: _Walker, tag: Node, parent: int) -> _Frame | None:
    name = tag.tag  # lxml's HTML parser already lower-cases names
    if name in _PICTURE_HOLDERS and not is_hidden(tag):
        if tag.attrib:
            _take_attribute_caption(walker, tag)
        if name in _PICTURE_TAGS:
            _note_pictures(walker, tag.iter("img"), walker.counter)
    if name in SKIPPED_TAGS or (is_hidden(tag) and not _is_hidden_slide(walker, tag, parent)):
        return None
    if "class" in tag.attrib:
        walker.last_classed_child[parent] = tag
    if name == "br":
        walker.flush(at_break=True)
        return None
    number = walker.counter
    walker.counter += 1
    element = Element(name=name, parent=parent)
    walker.walk.elements[number] = element
    lowered = ""
    if tag.attrib or name in _NAMED_KINDS:
        tokens, lowered = class_tokens(tag)
        kind = _classify(tag, element, tokens, lowered)
        _note_metadata(walker.walk, tag, name, lowered, number)
    else:
        kind = ""  # a bare element: nothing to classify, the fast path for most of a page
    if kind == "skip":
        element.end = walker.counter
        return None
    if name == "figure" and is_media_figure(tag):
        _take_caption(walker, caption_of_figure(tag), number, tag)
        return None
    if kind == "caption" and is_caption_sized(tag) and not is_prose_small_print(tag):
        _take_caption(walker, caption_of_element(tag), number, tag)
        return None
    if lowered and name in BLOCK_TAGS and (kind == "" or element.layout) and is_picture_block(tag, lowered):
        is_caption_material, found = read_picture_block(tag)
        if is_caption_material:
            _take_caption(walker, found, number, tag)
            return None
    elif name == "div" and kind == "" and len(tag) > 1 and is_bare_picture_block(tag):
        found = read_bare_picture_block(tag)
        if found is not None:
            _take_caption(walker, found, number, tag)
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
    if tag.text:
        walker.add_text(tag.text)
    return tag, _children(tag), number, is_block, kind == "chrome", is_link, is_heading


def _take_caption(walker: _Walker, found: FoundCaption | None, number: int, tag: Node) -> None:
    """A caption ends the paragraph before it and is kept apart from the body. A figure without one still
    notes its pictures (the JSON-LD may caption them)."""
    walker.flush()
    walker.walk.elements[number].end = walker.counter
    if found is None:
        # A figure whose caption is only in its lightbox link's (or picture's) data- attributes.
        found = next(filter(None, map(caption_of_attributes, tag.iterdescendants("a", "img"))), None)
    if found is None:
        _note_pictures(walker, tag.iterdescendants("img"), number)
        return
    walker.walk.captions.append(RawCaption(found, number, _chrome_around(walker)))


def _chrome_around(walker: _Walker) -> int:
    """The innermost furniture around the walk's place, before any rescue (conservative), layout-only wrappers
    skipped."""
    elements = walker.walk.elements
    return next((n for n in reversed(walker.chrome_stack) if not elements[n].layout), -1)


def _note_pictures(walker: _Walker, pictures: Iterable[Node], position: int) -> None:
    for picture in pictures:
        keys = source_keys(picture)
        if keys:
            walker.walk.pictures.append(RawPicture(keys, position, _chrome_around(walker)))


# Where the walk meets pictures (a <picture> is not walked into).
_PICTURE_TAGS = frozenset({"img", "picture"})
# Pictures, and links that open one large, may carry a caption in data- attributes (see
# figures.caption_of_attributes).
_ATTRIBUTE_CAPTION_HOLDERS = frozenset({"img", "a"})
_PICTURE_HOLDERS = _ATTRIBUTE_CAPTION_HOLDERS | _PICTURE_TAGS


def _take_attribute_caption(walker: _Walker, tag: Node) -> None:
    """A caption held in a picture's attributes: no element of the page's text, so nothing is flushed or
    skipped (a picture inside a paragraph does not split it)."""
    found = caption_of_attributes(tag)
    if found is None:
        return
    walker.walk.captions.append(RawCaption(found, walker.counter, _chrome_around(walker)))


# A byline element by its class ("byline", "authorname", "metaInfoAuthorList"), not an author's bio box.
_BYLINE_CLASS = re.compile(r"byline|author|(?<![a-z])byl(?![a-z])|contributor")
# A link to an author's page: rel="author", or a path through an author directory in any of several languages.
_AUTHOR_PATH = re.compile(
    r"/(?:authors?|autor(?:en|es)?|auteurs?|autor[ei]|journalist(?:en|s)?|reporters?|writers?|columnists?)/", re.I
)
_MAX_BYLINE_CHARS = 150
# Byline elements kept: the story's own may come after a few of other stories' cards.
_MAX_BYLINES = 8


def _note_metadata(walk: Walk, tag: Node, name: str, lowered: str, number: int) -> None:
    """Byline elements and `<time datetime>`s, for metadata the head does not carry."""
    if name == "time":
        stamp = tag.get("datetime")
        if stamp is not None and stamp.strip():
            walk.times.append(stamp.strip())
        return
    if len(walk.bylines) >= _MAX_BYLINES:
        return
    if _is_author_link(tag, name) or (_BYLINE_CLASS.search(lowered) and "bio" not in lowered):
        # Lines kept apart: "By Sarah Bell" and "BBC News, York" are separate elements of one byline.
        text = text_of(tag, "\n").strip()
        if 0 < len(text) <= _MAX_BYLINE_CHARS:
            walk.bylines.append((number, text))


def _is_author_link(tag: Node, name: str) -> bool:
    if name != "a":
        return False
    rel, href = tag.get("rel"), tag.get("href")
    return (rel is not None and "author" in rel.lower().split()) or (
        href is not None and _AUTHOR_PATH.search(href) is not None
    )


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
