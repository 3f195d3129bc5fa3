"""The HTML extractor's entry point: bytes of a saved page -> `Article`, or `Rejected`."""

from __future__ import annotations

import re
import sys

from transforms.contributors import is_contributor_line, parse_contributors
from transforms.dates import page_date
from transforms.decode import decode_text
from transforms.html.blocks import RawCaption, RawPicture, Walk, walk_tree
from transforms.html.body import Selection, holds_story_prose, is_boilerplate, select_blocks
from transforms.html.charset import declared_charset
from transforms.html.markup import parse_page
from transforms.html.metadata import Metadata, read_metadata
from transforms.html.prune import prune
from transforms.html.vocabulary import BYLINE_LINE
from transforms.ids import article_id
from transforms.model import Article, Caption, Rejected, RejectionCode, Source
from transforms.prose import without_repeated_runs

_SPACE = re.compile(r"\s+")
# JSON-LD bodies are trusted as a fallback only when they are real prose, not a teaser.
_MIN_JSON_LD_BODY = 200
# ... and preferred to the markup's choice when it is this many times longer.
_JSON_LD_BODY_RATIO = 3
# A caption this long is prose: on a photo or video page with no story prose elsewhere, it is the story.
_MIN_STORY_CAPTION = 150
# Parsing and walking cost a few µs per element: past this many tags (after pruning; the largest aeb-dev page
# has ~2,000) a page is refused rather than left to take seconds.
MAX_TAGS = 150_000


def extract_html(data: bytes, source: Source, transport_charset: str | None = None) -> Article:
    """The article in a saved HTML page; `Rejected` when the page holds none. `transport_charset` (an HTTP
    Content-Type charset, from a WARC record) outranks the page's own declaration, as it does in browsers."""
    text = decode_text(data, transport_charset or declared_charset(data))
    pruned = prune(text)
    tags = pruned.markup.count("<")
    if tags > MAX_TAGS:
        raise Rejected(RejectionCode.TOO_COMPLEX, f"{tags:,} tags; limit {MAX_TAGS:,}")
    root = parse_page(pruned.markup)
    # A page without a <body> (a head only) is walked from its root; markup with no document in it, not at all.
    body = next(root.iter("body"), root) if root is not None else None
    walk = walk_tree(body) if body is not None else Walk()
    heading, heading_at = _first_heading(walk)
    meta = read_metadata(pruned, _story_bylines(walk, heading_at), walk.times, heading)
    selection = _before_next_story(select_blocks(walk), walk, heading_at)
    paragraphs, contributor_lines = _body(selection, meta)
    story_caption = None
    # With no story prose in the markup's choice (a caption, a footer notice, nothing), the page's JSON-LD body
    # is the story when it has one; else a caption of prose length, on a photo or video page.
    # So is a JSON-LD body several times longer than what the markup's choice holds (a lone caption).
    shown = sum(len(paragraph) for paragraph in paragraphs)
    story_prose = bool(paragraphs) and holds_story_prose(selection)
    if meta.article_body and len(meta.article_body) > _JSON_LD_BODY_RATIO * shown:
        story_prose = False
    json_ld_body = not story_prose and meta.article_body is not None and len(meta.article_body) >= _MIN_JSON_LD_BODY
    picture_texts = [] if json_ld_body else _picture_texts(walk, selection, heading_at, meta, paragraphs)
    if json_ld_body and meta.article_body:
        paragraphs, contributor_lines = _split_json_ld_body(meta.article_body)
    elif picture_texts:
        paragraphs = _with_picture_texts(paragraphs, picture_texts, walk, selection)
    elif not story_prose and (story_caption := _story_caption(walk)) is not None:
        paragraphs = [story_caption]
    paragraphs = _with_ingredients(paragraphs, meta.ingredients)
    story_end = selection.blocks[-1].position if selection.blocks else -1
    story_end = min(story_end, _next_headline(walk, selection, heading_at))
    captions = _captions(walk, selection.container, heading_at, meta, story_end)
    captions = [c for c in captions if c.text != story_caption and c.text not in picture_texts]
    # A caption repeated as a loose line of text (gallery markup, noscript copies) is still a caption.
    caption_texts = {c.text for c in captions if c.text}
    paragraphs = [p for p in paragraphs if p not in caption_texts]
    # A story the page prints twice (for screen and for print or AMP) is archived once.
    paragraphs = without_repeated_runs(paragraphs)
    if not paragraphs:
        raise Rejected(RejectionCode.NO_ARTICLE, "HTML page")
    contributors: list[str] = []
    for line in contributor_lines:
        contributors.extend(n for n in parse_contributors(line) if n not in contributors)
    return Article(
        id=article_id(meta.url, meta.title, paragraphs),
        source=source,
        site=meta.site,
        title=meta.title,
        url=meta.url,
        byline=meta.byline,
        published=meta.published or page_date(pruned.markup, meta.url) or meta.picture_date,
        language=meta.language,
        dek=meta.dek,
        paragraphs=tuple(paragraphs),
        captions=tuple(captions),
        contributors=tuple(contributors),
        contributor_lines=tuple(contributor_lines),
    )


def _story_bylines(walk: Walk, heading: int) -> list[str]:
    """Byline elements, the story's first: those from its headline on, then any above it (cards of other
    stories often carry bylines too, and stand before the story in the markup); last, a byline written as
    text under the headline in markup that names no byline ("Von: Jane Roe, John Doe" in a plain list item)."""
    ordered = sorted(walk.bylines, key=lambda byline: heading >= 0 and byline[0] < heading)
    return [text for _, text in ordered] + _byline_lines(walk, heading)


# How far under the headline a byline written as text may stand, in blocks (a kicker, a dek, a date, the reading
# time and share links come first on many pages).
_BYLINE_LINE_BLOCKS = 12


def _byline_lines(walk: Walk, heading: int) -> list[str]:
    if heading < 0:
        return []
    below = [block for block in walk.blocks if block.position > heading][:_BYLINE_LINE_BLOCKS]
    return [block.text for block in below if BYLINE_LINE.match(block.text) and not _PHOTO_LINE.match(block.text)][:1]


# "Photos by ...": who took the pictures, not who wrote the story.
_PHOTO_LINE = re.compile(r"^\s*(?:photo(?:graph)?s?|pictures?|images?|fotos?|bilder?)\b", re.I)


def _first_heading(walk: Walk) -> tuple[str | None, int]:
    """The first h1's text and position (-1 when the page has none)."""
    for block in walk.blocks:
        if block.tag == "h1":
            return block.text, block.position
    return None, -1


def _next_headline(walk: Walk, selection: Selection, heading: int) -> int:
    """Where the next story's headline stands: an h1 after the story's text has begun below its own headline,
    as on pages that load the next story below the first (an h1 above the story's text is the site's logo or
    the story's own); past the page's end when there is none. The pictures after it are that story's."""
    end = sys.maxsize
    if heading < 0:
        return end
    text_start = next((block.position for block in selection.blocks if block.position > heading), end)
    return next((block.position for block in walk.blocks if block.tag == "h1" and block.position > text_start), end)


def _article_of(walk: Walk, position: int) -> int:
    """The innermost <article> around the block at `position` (-1: none)."""
    block = next((b for b in walk.blocks if b.position == position), None)
    if block is None:
        return -1
    return next((n for n in reversed(block.ancestors) if walk.elements[n].name == "article"), -1)


def _before_next_story(selection: Selection, walk: Walk, heading: int) -> Selection:
    """The selection without the next story a page loads below the first ("read on" scrolling): blocks from the
    next headline on, when that headline opens an <article> of its own. Pages that set section headings in h1
    inside the story keep them (one <article>, or none)."""
    end = _next_headline(walk, selection, heading)
    if end == sys.maxsize:
        return selection
    own, next_one = _article_of(walk, heading), _article_of(walk, end)
    if own < 0 or next_one < 0 or own == next_one:
        return selection
    return Selection(
        tuple(b for b in selection.blocks if b.position < end),
        selection.container,
        tuple(b for b in selection.everything if b.position < end),
        selection.lead,
    )


def _body(selection: Selection, meta: Metadata) -> tuple[list[str], list[str]]:
    """Paragraph texts from the kept blocks, furniture lines dropped; contributor lines from anywhere in the
    container (an article footer is furniture, but the sign-off in it is not lost)."""
    paragraphs: list[str] = []
    contributor_lines: list[str] = []
    kept = {id(block) for block in selection.blocks}
    lead = {id(block) for block in selection.lead}
    title = (meta.title or "").casefold()
    dek = _SPACE.sub(" ", meta.dek or "").strip().casefold()
    for block in selection.everything or selection.blocks:
        text = block.text
        if is_contributor_line(text):
            if text not in contributor_lines:
                contributor_lines.append(text)
            continue
        if id(block) not in kept or block.tag == "h1" or text.casefold() == title or is_boilerplate(text):
            continue
        if BYLINE_LINE.match(text) and not paragraphs:
            continue
        if id(block) in lead and text.casefold() == dek:
            # A standfirst above the body that is the page's own description is the dek, reported apart.
            continue
        if paragraphs and paragraphs[-1] == text:
            continue
        paragraphs.append(text)
    return paragraphs, contributor_lines


def _with_ingredients(paragraphs: list[str], ingredients: tuple[str, ...]) -> list[str]:
    """A recipe's ingredients ahead of its text when the text chosen holds none of them (the ingredient list
    and the method sit in separate parts of the page, and the method was chosen)."""
    if not paragraphs or not ingredients:
        return paragraphs
    text = _SPACE.sub(" ", " ".join(paragraphs)).casefold()
    if any(_SPACE.sub(" ", line).casefold() in text for line in ingredients):
        return paragraphs
    return list(ingredients) + paragraphs


def _story_caption(walk: Walk) -> str | None:
    """The caption that is a photo or video page's story (its only prose, "Lindsay Lohan looked ... She got
    into ..."): the longest caption of prose length outside furniture; None when there is none."""
    candidates = [raw for raw in walk.captions if raw.chrome_at < 0 and len(raw.found.text) >= _MIN_STORY_CAPTION]
    return max((raw.found.text for raw in candidates), key=len, default=None)


# A caption this long is a paragraph of prose under its picture, as a photo blog writes its posts.
_PICTURE_TEXT_MIN_CHARS = 80
_MIN_PICTURE_TEXTS = 2
# ... with at most this much text of its own: a story of many paragraphs with a gallery in it is told in words.
_PICTURE_POST_MAX_CHARS = 800


def _picture_texts(walk: Walk, selection: Selection, heading: int, meta: Metadata, paragraphs: list[str]) -> list[str]:
    """The captions that are the text of a story told in pictures (a photo blog's post, a photo gallery with a
    line of introduction): captions of prose length, two or more, holding more text than the few short
    paragraphs of the markup's choice; none when the story is told in words. A photo post's pictures may all
    stand after its line of text: its captions are sought in the whole container, not only up to its last
    paragraph, and in the whole of the page's marked story body around it."""
    if len(walk.captions) < _MIN_PICTURE_TEXTS:
        return []
    own = sum(len(paragraph) for paragraph in paragraphs)
    if own > _PICTURE_POST_MAX_CHARS:
        return []
    pictured = [
        c.text for c in _captions(walk, selection.container, heading, meta, _next_headline(walk, selection, heading))
    ]
    story = walk.story
    if story >= 0 and story <= selection.container < walk.elements[story].end:
        # The markup's choice may be one picture's text block inside the post the page marks as its story.
        end = walk.elements[story].end
        pictured += [raw.found.text for raw in walk.captions if story < raw.position < end and raw.chrome_at < 0]
    texts = list(dict.fromkeys(text for text in pictured if text and len(text) >= _PICTURE_TEXT_MIN_CHARS))
    if len(texts) < _MIN_PICTURE_TEXTS or sum(len(text) for text in texts) <= own:
        return []
    return texts


def _with_picture_texts(paragraphs: list[str], texts: list[str], walk: Walk, selection: Selection) -> list[str]:
    """The paragraphs with a story's picture texts among them, in page order (as a reader sees them)."""
    at: dict[str, int] = {}
    for block in selection.everything or selection.blocks:
        at.setdefault(block.text, block.position)
    for raw in walk.captions:
        at.setdefault(raw.found.text, raw.position)
    ordered = sorted(enumerate(paragraphs + texts), key=lambda item: (at.get(item[1], item[0]), item[0]))
    return [text for _, text in ordered]


def _split_json_ld_body(body: str) -> tuple[list[str], list[str]]:
    paragraphs: list[str] = []
    contributor_lines: list[str] = []
    for line in body.split("\n"):
        text = _SPACE.sub(" ", line).strip()
        if not text:
            continue
        (contributor_lines if is_contributor_line(text) else paragraphs).append(text)
    return paragraphs, contributor_lines


def _captions(walk: Walk, container: int, heading: int, meta: Metadata, story_end: int) -> list[Caption]:
    """Captions of the story's figures: inside the story's container, or between its headline and its body,
    or wherever the picture is the one the page declares as its own (og:image, the JSON-LD image: the lead
    picture often stands above the headline); not those of other stories' thumbnails. A story's picture the
    markup leaves uncaptioned takes the caption the JSON-LD gives it (matched by its address)."""
    if container < 0:
        return []
    element = walk.elements[container]
    outer = walk.elements.get(element.parent, element) if element.parent >= 0 else element
    start = element.parent if element.parent >= 0 else container
    if 0 <= heading < start:
        start = heading

    def is_story_s(found: RawCaption | RawPicture, keys: frozenset[str]) -> bool:
        in_story = start < found.position < min(outer.end, story_end) and _outside_chrome(walk, found, container)
        return in_story or bool(meta.image_keys & keys and found.chrome_at < 0)

    # One caption per text and credit: the same caption read twice (a lead picture's copy in the header) may
    # know what it describes in one place only.
    found: dict[tuple[str, str | None], Caption] = {}
    for raw in walk.captions:
        if not is_story_s(raw, raw.found.image_keys):
            continue
        key = (raw.found.text, raw.found.credit)
        seen = found.get(key)
        if seen is None or (seen.media is None and raw.found.media is not None):
            found[key] = Caption(text=raw.found.text, credit=raw.found.credit, media=raw.found.media)
    captioned = frozenset(key for raw in walk.captions for key in raw.found.image_keys)
    for picture in walk.pictures:
        if picture.image_keys & captioned or not is_story_s(picture, picture.image_keys):
            continue
        declared = next((d for d in meta.declared_captions if d.image_keys & picture.image_keys), None)
        if declared is not None and not any(text == declared.text for text, _ in found):
            found[(declared.text, declared.credit)] = Caption(text=declared.text, credit=declared.credit, media="photo")
    return list(found.values())


def _outside_chrome(walk: Walk, raw: RawCaption | RawPicture, container: int) -> bool:
    """Not inside furniture of the story (a related-stories box); furniture wrapping the whole story (an
    element that also holds the container) does not count."""
    if raw.chrome_at < 0 or raw.chrome_at == container:
        return True
    return raw.chrome_at < container and walk.elements[raw.chrome_at].end > container
