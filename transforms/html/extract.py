"""The HTML extractor's entry point: bytes of a saved page -> `Article`, or `Rejected`."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from transforms.captions import attach_credit, is_credit_only, parse_caption_line, split_credit
from transforms.contributors import is_contributor_line, parse_contributors
from transforms.decode import decode_text
from transforms.html.blocks import RawCaption, Walk, walk_tree
from transforms.html.body import Selection, is_boilerplate, select_blocks
from transforms.html.charset import declared_charset
from transforms.html.metadata import Metadata, read_metadata
from transforms.html.prune import prune
from transforms.html.vocabulary import BYLINE_LINE
from transforms.ids import article_id
from transforms.model import Article, Caption, Media, Rejected, RejectionCode, Source

_SPACE = re.compile(r"\s+")
# JSON-LD bodies are trusted as a fallback only when they are real prose, not a teaser.
_MIN_JSON_LD_BODY = 200
# Tree building costs ~20 µs per element: past this many tags (after pruning; the largest aeb-dev page has
# ~2,000) a page is refused rather than left to take many seconds.
MAX_TAGS = 150_000
# A caption's last line standing alone as a credit: short, no sentence, and an agency mark, slash or ©.
_CREDIT_LINE = re.compile(
    r"^(?=.{2,90}$)(?!.*[.!?]$)(?:©|\(c\)|(?:photo|image|credit|picture)s?\s*:|.*\S\s?/\s?\S|"
    r".*\b(?:Getty|Images|AP|AFP|Reuters|REUTERS|EPA|Shutterstock|Alamy|Courtesy|Handout|Pool)\b)",
)
# Gallery furniture read as captions: a lone label, or the "Image 3 of 9" counter before the text.
_CAPTION_JUNK = re.compile(
    r"^(?:|caption|close|expand|enlarge|hide caption|show caption|toggle caption|"
    r"(?:image|photo|picture)?\s*(?:via|by|credit|courtesy|source)?\s*:?)$",
    re.I,
)
_GALLERY_COUNTER = re.compile(r"^(?:(?:image|photo|picture|slide)\s+)?\d+\s+(?:of|/)\s+\d+\s+", re.I)
_CREDIT_PREFIX = re.compile(r"^(?:©|\(c\)|(?:photo|image|credit|picture)s?\s*:)\s*", re.I)


def extract_html(data: bytes, source: Source, transport_charset: str | None = None) -> Article:
    """The article in a saved HTML page; `Rejected` when the page holds none. `transport_charset` (an HTTP
    Content-Type charset, from a WARC record) outranks the page's own declaration, as it does in browsers."""
    text = decode_text(data, transport_charset or declared_charset(data))
    pruned = prune(text)
    tags = pruned.markup.count("<")
    if tags > MAX_TAGS:
        raise Rejected(RejectionCode.TOO_COMPLEX, f"{tags:,} tags; limit {MAX_TAGS:,}")
    # Class lists stay strings: splitting every multi-valued attribute is a tenth of the parse time.
    soup = BeautifulSoup(pruned.markup, "lxml", multi_valued_attributes=None)
    root: Tag | BeautifulSoup = soup.body if soup.body is not None else soup
    walk = walk_tree(root)
    heading = _first_heading(walk)
    meta = read_metadata(pruned, walk.bylines, walk.times, heading)
    selection = select_blocks(walk)
    paragraphs, contributor_lines = _body(selection, meta)
    if not paragraphs and meta.article_body and len(meta.article_body) >= _MIN_JSON_LD_BODY:
        paragraphs, contributor_lines = _split_json_ld_body(meta.article_body)
    captions = _captions(walk, selection.container)
    # A caption repeated as a loose line of text (gallery markup, noscript copies) is still a caption.
    caption_texts = {c.text for c in captions if c.text}
    paragraphs = [p for p in paragraphs if p not in caption_texts]
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
        published=meta.published,
        language=meta.language,
        dek=meta.dek,
        paragraphs=tuple(paragraphs),
        captions=tuple(captions),
        contributors=tuple(contributors),
        contributor_lines=tuple(contributor_lines),
    )


def _first_heading(walk: Walk) -> str | None:
    for block in walk.blocks:
        if block.tag == "h1":
            return block.text
    return None


def _body(selection: Selection, meta: Metadata) -> tuple[list[str], list[str]]:
    """Paragraph texts from the kept blocks, furniture lines dropped; contributor lines from anywhere in the
    container (an article footer is furniture, but the sign-off in it is not lost)."""
    paragraphs: list[str] = []
    contributor_lines: list[str] = []
    kept = {id(block) for block in selection.blocks}
    title = (meta.title or "").casefold()
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
        if paragraphs and paragraphs[-1] == text:
            continue
        paragraphs.append(text)
    return paragraphs, contributor_lines


def _split_json_ld_body(body: str) -> tuple[list[str], list[str]]:
    paragraphs: list[str] = []
    contributor_lines: list[str] = []
    for line in body.split("\n"):
        text = _SPACE.sub(" ", line).strip()
        if not text:
            continue
        (contributor_lines if is_contributor_line(text) else paragraphs).append(text)
    return paragraphs, contributor_lines


def _captions(walk: Walk, container: int) -> list[Caption]:
    """Captions of the story's figures; those of other stories' thumbnails (outside the story) are not."""
    if container < 0:
        return []
    element = walk.elements[container]
    outer = walk.elements.get(element.parent, element) if element.parent >= 0 else element
    start = element.parent if element.parent >= 0 else container
    found: list[Caption] = []
    for raw in walk.captions:
        if not start < raw.position < outer.end or raw.chrome_at > container:
            continue
        caption = _caption_from(raw)
        if caption is None:
            continue
        if _CAPTION_JUNK.match(caption.text):
            if caption.credit is None:
                continue
            # "Image via <span class=credit>Getty Images</span>": the words were only the credit's wrapper.
            caption = Caption(text="", credit=caption.credit, media=caption.media)
        if caption not in found:
            found.append(caption)
    return found


def _caption_from(raw: RawCaption) -> Caption | None:
    if raw.credit is None and len(raw.lines) >= 2 and _CREDIT_LINE.match(raw.lines[-1]):
        # "<span>Text.</span><span>J. Scott Applewhite / AP file</span>": a credit in its own element.
        alone = _CREDIT_PREFIX.sub("", raw.lines[-1]).strip()
        raw = RawCaption(" ".join(raw.lines[:-1]), alone, raw.media, raw.position, raw.chrome_at, raw.lines[:-1])
    if raw.credit is not None:
        inner = _caption_text(raw.text)
        credit, credit_media = _credit_of(raw.credit)
        return Caption(text=inner.text, credit=credit, media=raw.media or inner.media or credit_media)
    caption = _labelled_caption(raw.lines)
    if caption is None:
        caption = _caption_text(raw.text)
    if not caption.text and caption.credit is None:
        return None
    return Caption(text=caption.text, credit=caption.credit, media=caption.media or raw.media)


def _caption_text(text: str) -> Caption:
    """Caption text with a label ("Image caption, ...") or a trailing credit taken off."""
    text = _GALLERY_COUNTER.sub("", text)
    labelled = parse_caption_line(text)
    if labelled is not None and labelled.text:
        return labelled
    return split_credit(text)


def _credit_of(text: str) -> tuple[str | None, Media | None]:
    """A credit element's text without wrappers: "Image source, Getty Images" -> "Getty Images"."""
    text = text.strip().strip("()[]").strip()
    line = parse_caption_line(text)
    if line is not None and is_credit_only(line):
        return line.credit, line.media
    marked = split_credit(text)
    return (marked.credit or marked.text or None), marked.media


def _labelled_caption(lines: tuple[str, ...]) -> Caption | None:
    """BBC-style captions: 'Image source, X' and 'Image caption, Y' as separate lines of one figure."""
    parts = [parse_caption_line(line) for line in lines]
    if len(lines) < 2 or not any(p is not None and is_credit_only(p) for p in parts):
        return None
    text_parts: list[str] = []
    merged = Caption(text="")
    for line, part in zip(lines, parts, strict=True):
        if part is None:
            text_parts.append(line)
        elif is_credit_only(part):
            merged = attach_credit(merged, part)
        else:
            text_parts.append(part.text)
            merged = attach_credit(merged, part)
    return Caption(text=" ".join(text_parts).strip(), credit=merged.credit, media=merged.media)
