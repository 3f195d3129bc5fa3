"""Choosing the story among the blocks: score containers by the prose under them (readability's measure),
widen to ancestors while they add mostly prose (stories split into chunks), then keep the container's blocks
that are not furniture, link lists, boilerplate lines or headings left without their section."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from transforms.contributors import is_contributor_line
from transforms.html.blocks import CARD_MAX_BLOCKS, LINKED_HEADLINE_DENSITY, Block, Walk
from transforms.html.vocabulary import (
    AD_LABEL_LINE,
    BOILERPLATE_LINE,
    BROWSER_NOTICE,
    EMBED_BLOCKED,
    EMBED_CONSENT_LINE,
    READING_TIME_LINE,
    READING_TIME_MAX_CHARS,
    SCRIPT_ERROR_LINE,
    SIGNUP_LINE,
)
from transforms.prose import is_prose_text, link_density

# A block shorter than this says little about where the story is.
_MIN_SCORING_CHARS = 25
_MAX_SCORING_LINK_DENSITY = 0.35
# Share of a block's score handed to its parent, grandparent, ...
_LEVEL_WEIGHTS = (1.0, 0.5, 0.33, 0.25, 0.2)
# What counts as story prose when deciding to widen the container.
# Inside the container, blocks more linked than this are link lists, unless they read as a sentence.
_KEEP_MAX_LINK_DENSITY = 0.5
_LINKED_SENTENCE_OWN_CHARS = 25
# A list item keeps its links with this much text of its own, when at least a fifth of it is its own.
_DESCRIBED_ITEM_OWN_CHARS = 30
_DESCRIBED_ITEM_MAX_LINK_DENSITY = 0.8
# Text under furniture still counts a little: a page may wrap everything in one furniture-looking element.
_CHROME_PENALTY = 0.2
# Share of its score a short table row keeps (see `_is_data_row`).
_DATA_ROW_WEIGHT = 0.25
_NON_PROSE_TAGS = frozenset(
    {
        "li",
        "td",
        "th",
        "tr",
        "dt",
        "dd",
        "figcaption",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "tbody",
    }
)
# A line this short without closing punctuation reads as a label or heading.
_HEADING_MAX_CHARS = 80
# An emoji ends a sentence too ("... und das gefällt mir 😉"), as written on blogs and social posts.
_SENTENCE_END = re.compile(r"[.!?…:;»”\"')\u2600-\u27bf\U0001f300-\U0001faff]\s*$")
# Widening: at most this many levels, and only while the added text is at least this much prose per other.
_MAX_CLIMB = 4
_MAX_PASSED_WRAPPERS = 8
_FAR_PART_MIN_CHARS = 400
_FAR_PART_SHARE = 0.4
# A block this long before any linked headline is a paragraph, and a card does not open with one (a kicker
# or a date line may).
_CARD_LEAD_MAX_CHARS = 100
_CLIMB_PROSE_RATIO = 2.0
# A wrapper adding no prose and at most this much other text (a counter, a label) does not stop the climb.
_CLIMB_PASS_CHARS = 20


@dataclass(frozen=True, slots=True)
class Selection:
    blocks: tuple[Block, ...]
    container: int
    # Every block of the container, furniture included: contributor lines often sit in an article footer.
    everything: tuple[Block, ...] = ()
    # The lead paragraphs kept from between the headline and the container (see `_lead_above`).
    lead: tuple[Block, ...] = ()


def _link_density(block: Block) -> float:
    return link_density(block.text, block.link_chars)


def _block_score(block: Block) -> float:
    length = len(block.text)
    text = block.text
    # Commas as readability counts them, in the scripts that write them differently (、，،).
    commas = text.count(",") + text.count("、") + text.count("，") + text.count("،")
    return 1.0 + commas + min(length / 100.0, 3.0)


def _is_scoring(block: Block) -> bool:
    if block.in_heading or (block.tag == "li" and len(block.text) < 100) or _is_notice(block.text):
        return False
    return len(block.text) >= _MIN_SCORING_CHARS and _link_density(block) <= _MAX_SCORING_LINK_DENSITY


def mark_teasers(walk: Walk) -> None:
    """Flag the summaries of other stories: a small container holding a linked headline and at most a couple
    of other blocks is a story card ("<h3><a>Other story</a></h3><p>Its summary...</p>"), whatever its class.
    A card starts with its headline: a container whose paragraph comes before the linked heading ("Watch the
    video" under a short post) is not one, and neither is the page's marked story body."""
    headlines: dict[int, int] = defaultdict(int)
    others: dict[int, int] = defaultdict(int)
    led_by_prose: set[int] = set()
    for block in walk.blocks:
        if len(block.ancestors) < 2:
            continue
        card = block.ancestors[-2]
        if block.in_heading and _link_density(block) >= LINKED_HEADLINE_DENSITY:
            headlines[card] += 1
        else:
            others[card] += 1
            if card not in headlines and len(block.text) >= _CARD_LEAD_MAX_CHARS:
                led_by_prose.add(card)
    cards = {
        card
        for card, count in headlines.items()
        if others[card] <= CARD_MAX_BLOCKS and card not in led_by_prose and card != walk.story
    }
    for block in walk.blocks:
        if len(block.ancestors) >= 2 and block.ancestors[-2] in cards:
            block.teaser = True


def _beside_story(block: Block, walk: Walk) -> bool:
    """Furniture outside the page's marked story body: never the story, however long its text."""
    if walk.story < 0 or block.chrome_at < 0:
        return False
    return not walk.story < block.position < walk.elements[walk.story].end


def _is_data_row(block: Block) -> bool:
    """A short table row (a nutrition table's, a list of names and addresses): many of them, each scoring a
    little, outweigh the story beside them. A layout table's row of prose is a paragraph."""
    return block.tag == "tr" and not is_prose_text(block.text, block.link_chars)


def score_containers(walk: Walk, furniture: bool = True) -> dict[int, float]:
    """Each candidate container's score from the blocks under it; `furniture=False` leaves out the blocks
    inside furniture."""
    scores: dict[int, float] = defaultdict(float)
    for block in walk.blocks:
        if not _is_scoring(block) or block.in_comments or _beside_story(block, walk):
            continue
        if not furniture and block.chrome_at >= 0:
            continue
        value = _block_score(block) * (_CHROME_PENALTY if block.chrome_at >= 0 or block.teaser else 1.0)
        if _is_data_row(block):
            # Still scored: on some pages (a shop's listing, a log) the table is the content.
            value *= _DATA_ROW_WEIGHT
        # The owner is the paragraph itself (a <p>, or a div used as one): its ancestors are the candidates.
        chain = block.ancestors[:-1]
        for weight, number in zip(_LEVEL_WEIGHTS, reversed(chain), strict=False):
            scores[number] += value * weight
    for number in scores:
        element = walk.elements[number]
        scores[number] *= 1.0 + element.content_hint
    return scores


def _is_prose(block: Block) -> bool:
    return (
        not block.teaser
        and block.tag not in _NON_PROSE_TAGS
        and not block.in_heading
        and is_prose_text(block.text, block.link_chars)
    )


def _is_linked_sentence(block: Block) -> bool:
    """A sentence that links its names ("<a>James Van Der Beek</a> has been eliminated from ..."), not a list
    of links: a paragraph, ending like a sentence, with a clause of its own outside the links."""
    return (
        block.tag == "p"
        and len(block.text) - block.link_chars >= _LINKED_SENTENCE_OWN_CHARS
        and _SENTENCE_END.search(block.text) is not None
    )


def _is_described_item(block: Block) -> bool:
    """A list item that links its subject and says something of its own about it ("<a>Two-person tent</a> for
    $89 at the outdoor shop, down from $120"): a line of the story's list, not a link list's entry."""
    return (
        block.tag == "li"
        and len(block.text) - block.link_chars >= _DESCRIBED_ITEM_OWN_CHARS
        and _link_density(block) <= _DESCRIBED_ITEM_MAX_LINK_DENSITY
    )


def _is_kept(block: Block, container: int, links_kept: bool = False) -> bool:
    return (
        block.chrome_at <= container
        and not block.in_comments
        and not (block.teaser and block.ancestors[-2] > container)
        and (
            links_kept
            or _link_density(block) <= _KEEP_MAX_LINK_DENSITY
            or _is_linked_sentence(block)
            or _is_described_item(block)
        )
        and not is_boilerplate(block.text)
    )


# A sentence of the story linked whole to its source ("A new law is set to prevent <a>...</a>.") is this long.
_LINKED_SENTENCE_MIN_CHARS = 40
# A label ending here ("Read more:", "Les også:") makes it a pointer to another story.
_LABEL_CHARS = 30
# A sentence's end: a headline quoting a title ("... FROM 'DANCING WITH THE STARS'") has none.
_FULL_STOP = re.compile(r"[.!?…][\"'”»)]?\s*$")


def _is_linked_sentence_among_prose(blocks: list[Block], i: int, container: int) -> bool:
    """A paragraph linked whole (or nearly) that is a sentence between two paragraphs of the story's prose:
    the story's own sentence linking its source, not a list of links (which is no sentence) nor a pointer to
    another story (which opens with a label: "Read more: ...")."""
    block = blocks[i]
    return (
        block.tag == "p"
        and len(block.text) >= _LINKED_SENTENCE_MIN_CHARS
        and _FULL_STOP.search(block.text) is not None
        and ":" not in block.text[:_LABEL_CHARS]
        and _is_kept(block, container, links_kept=True)
        and _is_prose(blocks[i - 1])
        and _is_prose(blocks[i + 1])
    )


def _is_short_label(block: Block) -> bool:
    return not block.line and len(block.text) <= _HEADING_MAX_CHARS and not _SENTENCE_END.search(block.text)


# A label of a slot in the story (an ad's "Advertisement", a widget's "Article content") is this short.
_SLOT_LABEL_MAX_CHARS = 40


def _is_slot_label(block: Block, container: int) -> bool:
    """A short line of no links that is furniture inside the story, not a heading."""
    return (
        not block.in_heading
        and not block.link_chars
        and len(block.text) <= _SLOT_LABEL_MAX_CHARS
        and block.chrome_at > container
    )


def _drop_orphan_headings(blocks: list[Block], container: int, links_kept: bool = False) -> list[Block]:
    """A heading belongs to what follows it: one whose next block was dropped ("Most read" over a link
    list) or that ends the story goes too. A short unpunctuated line ("Categories") goes only when the next
    block was dropped: at the end of a story it may be the last line of a list."""
    kept = [_is_kept(b, container, links_kept) for b in blocks]
    for i in range(1, len(blocks) - 1):
        if not kept[i] and kept[i - 1] and kept[i + 1] and _is_linked_sentence_among_prose(blocks, i, container):
            kept[i] = True
    keep = list(kept)
    next_kept: bool | None = None
    next_heading = False
    prose = [i for i, block in enumerate(blocks) if kept[i] and _is_prose(block)]
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if prose and prose[0] < i < prose[-1] and not next_heading and not kept[i] and _is_slot_label(block, container):
            # An ad slot's or a widget's label between a section heading and its section ("Advertisement",
            # "Article content") leaves the heading its section: what follows the label is read as following the
            # heading. Only between the story's paragraphs: a headline over its date or byline box above the
            # first, a form's field labels after the last, stay out; and only before a section's text (a label
            # over the next heading, a live blog's time stamp, gives no heading above it a section).
            continue
        # Contributor lines are short and unpunctuated too, and often end the story: they stay for the caller.
        orphan = block.in_heading or (
            next_kept is False and _is_short_label(block) and not is_contributor_line(block.text)
        )
        if keep[i] and next_kept is not True and orphan:
            keep[i] = False
        next_kept = keep[i] if block.in_heading else kept[i]
        next_heading = block.in_heading
    return [b for b, k in zip(blocks, keep, strict=True) if k]


class _Blocks:
    """The page's blocks with a position index, for "blocks inside element N" in O(log n + k)."""

    def __init__(self, walk: Walk) -> None:
        self.walk = walk
        self.positions = [b.position for b in walk.blocks]

    def inside(self, number: int) -> list[Block]:
        end = self.walk.elements[number].end
        lo = bisect_right(self.positions, number)
        hi = bisect_left(self.positions, end)
        return self.walk.blocks[lo:hi]

    def kept(self, number: int) -> list[Block]:
        """Blocks of element N minus furniture inside it and link lists."""
        return [b for b in self.inside(number) if _is_kept(b, number)]


# A list item this long that ends like a sentence is a point the story makes, not a menu's or a card's entry.
_SENTENCE_ITEM_MIN_CHARS = 40
# What may introduce a story's list: a paragraph ("Here is how to protect yourself:"), not a heading or a label
# ("Key points", "Further reading:").
_INTRODUCING_TAGS = frozenset({"p", "div"})


def _introduces_a_list(block: Block) -> bool:
    return block.tag in _INTRODUCING_TAGS and len(block.text) >= _MIN_SCORING_CHARS


def _is_sentence_item(block: Block) -> bool:
    """A bulleted sentence ("<li>Lock the door even when you leave for a minute.</li>"): a list item of no links
    that reads as a sentence. Link lists and teaser cards link their items; menus end in no stop."""
    return (
        block.tag == "li"
        and not block.link_chars
        and not block.teaser
        and len(block.text) >= _SENTENCE_ITEM_MIN_CHARS
        and _FULL_STOP.search(block.text) is not None
    )


def _prose_and_rest(blocks: list[Block]) -> tuple[int, int]:
    """Characters of prose and of everything else among `blocks`. Headings count as neither: a story's headline
    sits just outside its body. The bulleted sentences of a list a paragraph introduces count as prose: a list
    of points between two parts of the text is the story's (a box of "Key points" under a label is a summary)."""
    prose = rest = 0
    introduced = False
    for block in blocks:
        if block.in_heading:
            introduced = False
            continue
        sentence_item = _is_sentence_item(block)
        if _is_prose(block) or (introduced and sentence_item):
            prose += len(block.text)
        else:
            rest += len(block.text)
        introduced = introduced and sentence_item if block.tag == "li" else _introduces_a_list(block)
    return prose, rest


def _widen(index: _Blocks, best: int) -> int:
    """Climb from the best-scoring container to ancestors while what they add is mostly prose: stories split
    into several sibling chunks (ad slots between them) are taken whole. Wrappers that add nothing are passed
    through but not taken, so they cannot let in what the container left out (headings, cards)."""
    current = probe = best
    prose, rest = _prose_and_rest(index.kept(current))
    climbed = passed = 0
    while climbed < _MAX_CLIMB and passed < _MAX_PASSED_WRAPPERS:
        probe = index.walk.elements[probe].parent
        if probe < 0:
            break
        probe_prose, probe_rest = _prose_and_rest(index.kept(probe))
        extra_prose, extra_rest = probe_prose - prose, probe_rest - rest
        if extra_prose < 0:
            break
        if extra_prose == 0 and extra_rest <= _CLIMB_PASS_CHARS:
            # A wrapper adding nothing, or only a label or a count ("5"): passed through, not taken.
            passed += 1
            continue
        climbed += 1
        if extra_prose < _CLIMB_PROSE_RATIO * extra_rest:
            break
        if climbed + passed > _MAX_CLIMB and extra_prose < max(_FAR_PART_MIN_CHARS, _FAR_PART_SHARE * prose):
            # Page builders nest a story's parts five or six empty wrappers apart; that far up, only a part as
            # weighty as the story's own is taken (a short line there is a reprint notice or a sign-up blurb).
            break
        current, prose, rest = probe, probe_prose, probe_rest
    return current


def select_blocks(walk: Walk) -> Selection:
    mark_teasers(walk)
    scores = score_containers(walk)
    index = _Blocks(walk)
    if not scores:
        if walk.story < 0:
            return Selection((), -1)
        # Nothing scores (a short post, its one paragraph linking its subject), but the page marks its story
        # body: that element is the story, however little it holds.
        scores = {walk.story: 1.0}
    top = max(scores, key=lambda n: scores[n])
    post = _story_over_a_lone_blurb(walk, index, top)
    passed_over = top if post != top else -1
    # A marked story body taken over a blurb is the story whole: widening from it would take the blurb back.
    best = post if post != top and post == walk.story else _widen(index, post)
    inside = index.inside(best)
    if _mostly_cards(inside):
        # Cards are the story itself when they are most of it: live-blog entries with linked headlines.
        for block in inside:
            block.teaser = False
    kept = _drop_orphan_headings(inside, best)
    if not any(_is_scoring(b) for b in kept):
        inner = _furniture_holding_the_prose(inside)
        if inner >= 0:
            # The story sits in a furniture-looking part of the container ("meta-information" around a video's
            # text) and nothing else there is prose: that part is the story.
            best, inside = inner, index.inside(inner)
            kept = _drop_orphan_headings(inside, best)
    if best == walk.story and not any(_is_prose(block) for block in kept):
        # The page's marked story body holds no prose paragraph: what it holds is its text, links (a link
        # post, a blog's "links of the day") and headings (a post written in heading tags) included.
        kept = [block for block in inside if _is_kept(block, best, links_kept=True)]
    lead = _lead_above(walk, best, passed_over)
    return Selection(tuple(lead + kept), best, tuple(lead + inside), tuple(lead))


def _story_over_a_lone_blurb(walk: Walk, index: _Blocks, best: int) -> int:
    """A container whose only scoring text is one blurb (an "About me" box, a sidebar's note, dense with
    commas) loses to a short post, a paragraph of prose elsewhere, when the blurb is furniture or the post is
    the page's marked story body: the best-scoring container of the prose outside furniture, or that marked
    body. A lone blurb beside a lone unmarked paragraph, both outside furniture, says nothing: `best` stays."""
    scoring = [b for b in index.inside(best) if _is_scoring(b) and not b.in_comments]
    if len(scoring) != 1:
        return best
    story = walk.story
    apart = story >= 0 and not (story <= best < walk.elements[story].end or best < story < walk.elements[best].end)
    if apart and any(_is_story_paragraph(b) for b in index.inside(story)):
        return story
    if scoring[0].chrome_at < 0:
        return best
    outside = score_containers(walk, furniture=False)
    posts = [n for n in outside if any(_is_story_paragraph(b) for b in index.inside(n))]
    return max(posts, key=lambda n: outside[n], default=best)


def _is_story_paragraph(block: Block) -> bool:
    return _is_prose(block) and _is_scoring(block) and block.chrome_at < 0 and not block.in_comments


def _lead_above(walk: Walk, container: int, passed_over: int = -1) -> list[Block]:
    """The story's lead when it stands apart, between the headline (the last h1 above the container) and the
    container: prose paragraphs there, outside furniture, other stories' cards and `passed_over` (a blurb that
    outscored the story, see `_story_over_a_lone_blurb`: a sidebar module's note between a masthead's h1 and
    the post)."""
    heading = -1
    for block in walk.blocks:
        if block.position >= container:
            break
        if block.tag == "h1":
            heading = block.position
    if heading < 0:
        return []
    above = [block for block in walk.blocks if heading < block.position < container]
    lead = [
        block
        for block in above
        if block.chrome_at < 0
        and not block.in_comments
        and _is_prose(block)
        and not is_boilerplate(block.text)
        and not (passed_over >= 0 and passed_over < block.position < walk.elements[passed_over].end)
    ]
    last = above[-1] if above else None
    if (
        last is not None
        and last not in lead
        and last.in_heading
        and last.tag != "h1"
        and last.chrome_at < 0
        and not last.teaser
    ):
        lead.append(last)
    return lead


def _furniture_holding_the_prose(blocks: list[Block]) -> int:
    """The furniture element holding at least two paragraphs and most of the text that scores among `blocks`;
    -1 when there is none."""
    prose: dict[int, int] = defaultdict(int)
    paragraphs: dict[int, int] = defaultdict(int)
    total = 0
    for block in blocks:
        if block.in_comments or block.teaser or not _is_scoring(block):
            continue
        total += len(block.text)
        if block.chrome_at >= 0:
            prose[block.chrome_at] += len(block.text)
            paragraphs[block.chrome_at] += 1
    found = [n for n in prose if paragraphs[n] >= 2 and prose[n] * 2 > total]
    return found[0] if found else -1


def _mostly_cards(blocks: list[Block]) -> bool:
    cards = sum(len(b.text) for b in blocks if b.teaser and not b.in_heading and b.chrome_at < 0)
    prose = sum(len(b.text) for b in blocks if _is_prose(b) and b.chrome_at < 0)
    return cards > prose


def holds_story_prose(selection: Selection) -> bool:
    """Whether any kept block is prose that scores outside furniture: a selection of furniture only (a
    footer's notice) means the page shows its story somewhere the selection does not look."""
    return any(_is_scoring(block) and block.chrome_at < 0 and not block.teaser for block in selection.blocks)


def is_boilerplate(text: str) -> bool:
    short_line = len(text) < 250 and any(
        pattern.match(text) is not None for pattern in (AD_LABEL_LINE, BOILERPLATE_LINE, SIGNUP_LINE)
    )
    short_line = short_line or (len(text) <= READING_TIME_MAX_CHARS and READING_TIME_LINE.match(text) is not None)
    return short_line or _is_notice(text)


def _is_notice(text: str) -> bool:
    """A notice that is no part of the story, however long: one for browsers without style sheets, a server
    script's error message, an embed's stand-in asking for consent to load it."""
    return (
        BROWSER_NOTICE.match(text) is not None
        or SCRIPT_ERROR_LINE.match(text) is not None
        or EMBED_CONSENT_LINE.match(text) is not None
        or ("utomati" in text and EMBED_BLOCKED.search(text) is not None)
    )
