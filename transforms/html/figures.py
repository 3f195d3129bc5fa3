"""Captions in the markup: media figures (picture, video or graphic with its figcaption and credit elements)
and caption-classed elements, each read into one `FoundCaption` whose text and credit are already apart.

A credit is recognised by what marks it in the markup, not by site: a class or id naming a credit
(`credit`, `copyright`, `photographer`, `author`, `source`, `distributor`, ...), a `<cite>`, an `itemprop`
of schema.org's ImageObject (`author`, `copyrightHolder`, `creditText`), or a short element whose text starts
with a credit label ("Foto:", "©", "Image Credits:", "/ Name"). What is left is the caption text, whose own
tail may still carry a credit ("... on Monday. (AP Photo/Evan Vucci)"): `transforms.captions` splits it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from lxml import etree

from transforms.captions import (
    CREDIT_LABEL,
    CREDIT_WORDS,
    attach_credit,
    clean_credit,
    is_credit_only,
    parse_caption_line,
    parse_credit_line,
    split_caption_credit,
    split_credit,
)
from transforms.html.markup import Node, class_tokens, cut, text_of, texts
from transforms.html.vocabulary import BLOCK_TAGS, BYLINE_LINE, CAPTION_PATTERN, CREDIT_PATTERN, SCREEN_READER_ONLY
from transforms.model import Caption, Media

_SPACE = re.compile(r"\s+")

# A "caption" class on something holding paragraphs or a long text is a wrapper, not a caption.
_MAX_CAPTION_CHARS = 700


def is_caption_sized(tag: Node) -> bool:
    if tag.tag == "figcaption":
        return True
    if _find(tag, _CAPTION_WRAPPER_TAGS) is not None:
        return False
    return len(text_of(tag)) <= _MAX_CAPTION_CHARS


_CAPTION_WRAPPER_TAGS = ["h1", "h2", "article", "section"]


_FIGURE_MEDIA = ["img", "picture", "video"]
# Headings under a picture make it a card of another story (a caption has no heading of its own).
_CARD_HEADINGS = ["h2", "h3", "h4"]
_FIGURE_NOT_MEDIA = ["blockquote", "h1", "h2", "article", "section", "table"]
_MAX_FIGURE_CHARS = 1000


def is_media_figure(tag: Node) -> bool:
    """A figure of a picture, video or graphic with its caption (not a figure used for a quote or table, nor a
    gallery of figures: each of those has its own caption and credit, read when the walk reaches it)."""
    return (
        _find(tag, _FIGURE_MEDIA) is not None
        and _find(tag, _FIGURE_NOT_MEDIA) is None
        and len(list(islice(tag.iterdescendants("figure"), _GALLERY_FIGURES))) < _GALLERY_FIGURES
        and len(text_of(tag)) <= _MAX_FIGURE_CHARS
    )


# Figures inside a figure that make it a gallery rather than one picture (a single inner figure is a wrapper).
_GALLERY_FIGURES = 2


def _find(tag: Node, names: list[str]) -> Node | None:
    """The first element under `tag` (not `tag` itself) named one of `names`, in document order."""
    return next(tag.iterdescendants(*names), None)


@dataclass(frozen=True, slots=True)
class FoundCaption:
    """A caption as found in the markup: its text and credit (apart), what it describes, and the asset keys
    of its picture (see `image_keys`), by which the page's own lead picture is recognised."""

    text: str
    credit: str | None
    media: Media | None
    image_keys: frozenset[str] = frozenset()


def caption_of_element(tag: Node) -> FoundCaption | None:
    """A caption element (figcaption, caption-classed, itemprop=caption): its text with the credit elements
    inside it, or standing right after it, set apart. An element that is a caption by its class alone must
    have a picture or video next to it: "caption" is also a typography class for any small print."""
    if _is_quote_attribution(tag) or is_small_print(tag):
        return None
    _drop_screen_reader_text(tag)
    credits = _cut_credits(tag) + _sibling_credits(tag)
    text = _text_of(tag)
    return _with_alt_text_credit(tag, _finish(tag, text, credits, _child_lines(tag)))


def caption_of_figure(figure: Node) -> FoundCaption | None:
    """One caption per media figure: its figcaption (or caption-classed element), its credit elements, and
    credit lines standing outside the caption ("Image source, Getty Images" over the picture)."""
    _drop_screen_reader_text(figure)
    if _find(figure, _CARD_HEADINGS) is not None:
        return None  # a story card: a picture with another story's headline and summary
    credits = _cut_credits(figure)
    caption = _find(figure, ["figcaption"])
    if caption is None:
        caption = next((e for e in figure.iterdescendants() if CAPTION_PATTERN.search(e.get("class") or "")), None)
    text = ""
    lines: tuple[str, ...] = ()
    if caption is not None:
        text = _text_of(caption)
        lines = _child_lines(caption)
        cut(caption)
    for line in _block_lines(figure):
        found = parse_caption_line(line)
        if found is not None and is_credit_only(found) and found.credit:
            credits.append(found.credit)
        elif not text and found is not None:
            text, lines = line, (line,)
        elif text and found is None and (bare := _unlabelled_credit(line)) is not None:
            credits.append(bare)
    return _with_alt_text_credit(figure, _finish(figure, text, credits, lines))


def _unlabelled_credit(line: str) -> str | None:
    """A line of a figure outside its caption that is a credit without label or class: an agency or picture
    desk printed over the picture ("<span>Getty Images</span>" beside the <img>, "Jane Roe/Reuters"). The
    figure holds nothing else a reader sees but the picture and its caption, so a line there that reads as a
    credit is one."""
    found = parse_credit_line(line)
    return found.credit if found is not None else None


def is_small_print(tag: Node) -> bool:
    """An element classed "caption" that is no picture's caption: not declared one (figcaption, itemprop) and
    with no picture or video next to it."""
    return not _declared_caption(tag) and not _is_picture_caption(tag)


def is_prose_small_print(tag: Node) -> bool:
    """Small print of prose length: typography classes call any small text a caption, a video's description
    included, and that is read as text (a one-line legend under a chart stays out)."""
    return is_small_print(tag) and len(text_of(tag).strip()) >= _PROSE_SMALL_PRINT_CHARS


_PROSE_SMALL_PRINT_CHARS = 150


def _is_quote_attribution(tag: Node) -> bool:
    """The figcaption of a pull quote (<figure><blockquote>...</blockquote><figcaption>Name</figcaption>, or the
    figcaption beside the quote's figure) names who is quoted: it is no caption."""
    holder = tag.getparent()
    if tag.tag != "figcaption" or holder is None or _text_exceeds(holder, _MAX_MEDIA_HOLDER_CHARS):
        return False
    return _find(holder, ["blockquote", "q"]) is not None


def _is_picture_caption(tag: Node) -> bool:
    """A caption by its class alone: a picture next to it, and not a label inside a link (a story card's
    "kicker" span is often classed as caption text)."""
    return next(tag.iterancestors("a"), None) is None and _has_media_nearby(tag)


def _declared_caption(tag: Node) -> bool:
    itemprop = tag.get("itemprop")
    return tag.tag == "figcaption" or (itemprop is not None and itemprop.lower() == "caption")


# How far up a caption-classed element may look for its picture, and how much text that ancestor may hold
# (more is a section of the page, whose pictures belong to other things).
_MEDIA_LEVELS = 3
_MAX_MEDIA_HOLDER_CHARS = 1500


# An element that holds a picture by its name or class, when the picture itself is gone: pruned with its
# <button>, lazy-loaded by script, or a custom element such as <amp-img> or <brick-image>.
_PICTURE_HOLDER = re.compile(r"image|img|photo|picture|figure|foto|bild|gallery|media")


def _has_media_nearby(tag: Node) -> bool:
    """A picture within a few levels up, or a class that says so ("image-caption", "photo__caption")."""
    if _PICTURE_HOLDER.search(class_tokens(tag)[1]) or _holds_picture(tag):
        return True
    ancestor: Node | None = tag
    for _ in range(_MEDIA_LEVELS):
        ancestor = ancestor.getparent() if ancestor is not None else None
        if ancestor is None or _text_exceeds(ancestor, _MAX_MEDIA_HOLDER_CHARS):
            return False
        if ancestor.tag == "figure" or _PICTURE_HOLDER.search(class_tokens(ancestor)[1]):
            return True
        if _holds_picture(ancestor):
            return True
    return False


def _text_exceeds(tag: Node, limit: int) -> bool:
    """Whether the element holds more than `limit` characters, reading no further than that."""
    total = 0
    for string in texts(tag):
        total += len(string)
        if total > limit:
            return True
    return False


def _holds_picture(tag: Node) -> bool:
    """Whether an element under `tag` is a picture, or is named for one (<amp-img>, <brick-image>)."""
    return any(
        inner.tag in _MEDIA_TAG_NAMES or _PICTURE_HOLDER.search(inner.tag) is not None
        for inner in tag.iterdescendants()
    )


# A picture block: an element classed as holding a picture ("image-widget", "detail-img", "media-block"),
# with one picture and a short text, most of it not links (a card of another story is its linked headline).
_MAX_PICTURE_BLOCK_CHARS = 600
_MAX_PICTURE_BLOCK_LINK_SHARE = 0.5


def is_picture_block(tag: Node, lowered_class: str) -> bool:
    """A figure without the <figure>: one picture and its caption in an element named for pictures."""
    if not lowered_class or _PICTURE_HOLDER.search(lowered_class) is None:
        return False
    # The bounded text check first: a wrapper of the whole story may be named for its pictures too.
    if _text_exceeds(tag, _MAX_PICTURE_BLOCK_CHARS) or len(list(islice(tag.iterdescendants("img"), 2))) != 1:
        return False
    # A headline above the picture makes the block the story's header, not a picture with its caption (some
    # pages set a caption below its picture in an <h1>, though).
    if _find(tag, ["h1", "img"]) is not _find(tag, ["img"]):
        return False
    text = len(text_of(tag).strip())
    linked = sum(len(text_of(a).strip()) for a in tag.iterdescendants("a"))
    return text > 0 and linked <= _MAX_PICTURE_BLOCK_LINK_SHARE * text


# A picture and its caption in markup that names neither (generated class names, "sc-kgbQpE", "relative"):
# the first child holds the picture and no text, the one or two after it hold a short text and no links.
_MAX_BARE_CAPTION_PARTS = 2
_MAX_BARE_CAPTION_CHARS = 300
# Icons and portraits beside a name are drawn small; a picture with a caption is not.
_MIN_PICTURE_SIDE = 150
_NOT_IN_BARE_CAPTION = ["img", "picture", "a", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "form"]


def is_bare_picture_block(tag: Node) -> bool:
    """A picture with its caption beside it in unnamed markup (see `read_picture_block` for what must read as
    a caption there)."""
    children = list(tag)
    if not 2 <= len(children) <= _MAX_BARE_CAPTION_PARTS + 1 or not isinstance(children[0].tag, str):
        return False
    picture = children[0] if children[0].tag == "img" else _find(children[0], ["img"])
    if picture is None or text_of(children[0]).strip() or _is_small(picture):
        return False
    if (tag.text or "").strip() or _text_exceeds(tag, _MAX_BARE_CAPTION_CHARS):
        return False
    return all(
        isinstance(child.tag, str) and child.tag != "img" and _find(child, _NOT_IN_BARE_CAPTION) is None
        for child in children[1:]
    )


def _is_small(picture: Node) -> bool:
    sides = [picture.get("width") or "", picture.get("height") or ""]
    return any(side.isdigit() and int(side) < _MIN_PICTURE_SIDE for side in sides)


# A photograph printed across the column, by its declared size: not an icon, a portrait beside a quote or a
# card's thumbnail.
_MIN_LARGE_SIDE = 600
# A name and nothing else: up to four capitalised words (or initials), lower-case joiners between them.
_NAME_LINE = re.compile(r"^[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|the|for|and|via|de|von)){0,3}$")


def _is_large(picture: Node | None) -> bool:
    sides = [picture.get("width") or "", picture.get("height") or ""] if picture is not None else []
    return any(side.isdigit() and int(side) >= _MIN_LARGE_SIDE for side in sides)


# Without a <figure> or a caption class, a text under a picture is a caption when it reads like one: a
# sentence, a longer phrase, or a credited line. A short bare title ("1932 Ford Custom Pedal Car") is the
# name of an item in a list of pictures, and stays in the body.
_MIN_BARE_CAPTION_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…»”\"')]$")


def read_picture_block(block: Node) -> tuple[bool, FoundCaption | None]:
    """A picture block's caption: its text, with its credit elements and credit lines ("Image: Name") apart.
    The flag says whether the block is a picture with its caption material (to keep apart from the body):
    not so when its text does not read as a caption, and the block is then walked as any other."""
    figure = _find(block, ["figure"])
    if figure is not None and is_media_figure(figure) and _find(figure, ["figcaption"]) is not None:
        # The figure's own caption, not the links and counters around it ("5 Bilder - Fotostrecke öffnen").
        return True, caption_of_figure(figure)
    _drop_screen_reader_text(block)
    credits = _cut_credits(block)
    text_lines: list[str] = []
    for line in _block_lines(block):
        found = parse_caption_line(line)
        if found is not None and is_credit_only(found) and found.credit:
            credits.append(found.credit)
        else:
            text_lines.append(line)
    caption = _finish(block, " ".join(text_lines), credits, tuple(text_lines))
    if caption is None or caption.credit or _SENTENCE_END.search(caption.text):
        return True, _with_alt_text_credit(block, caption)
    if len(caption.text.split()) >= _MIN_BARE_CAPTION_WORDS:
        return True, _with_alt_text_credit(block, caption)
    return False, None


def read_bare_picture_block(block: Node) -> FoundCaption | None:
    """The caption of a picture in unnamed markup (see `is_bare_picture_block`): only a text followed by its
    credit in an element of its own, labelled or naming an agency, reads as one there; a text alone beside a
    picture is as likely a card's headline, an app's promotion or a customer's quote with their role."""
    lines = _block_lines(block)
    if len(lines) < 2:
        return None
    *text_lines, last = lines
    labelled = parse_caption_line(last)
    if labelled is not None and is_credit_only(labelled) and labelled.credit:
        credit = labelled.credit
    elif _CREDIT_LINE.match(last):
        credit = last  # "Getty Images", "Name/dpa": an agency or a credit's slash
    elif _NAME_LINE.match(last) and not BYLINE_LINE.match(last) and _is_large(_find(block, ["img"])):
        credit = last  # "The Harbour Herald", "HH": a name alone under a photograph printed large
    else:
        return None
    caption = _finish(block, " ".join(text_lines), [credit], tuple(text_lines))
    return caption if caption is not None and caption.credit else None


# ---------------------------------------------------------------- credit elements

# itemprops of schema.org's ImageObject (and CreativeWork) that hold who made or owns the picture.
_CREDIT_ITEMPROPS = frozenset(
    {
        "author",
        "copyrightholder",
        "credittext",
        "creator",
        "copyrightnotice",
        "provider",
        "sourceorganization",
        "contributor",
    }
)
# A credit is a name or a few: an element with more text is the caption itself, whatever its class says.
_MAX_CREDIT_CHARS = 150
# A credit set off by a separator at its start: "<span>/ Lorenzo Marina</span>".
_SEPARATOR_LEAD = re.compile(r"^[/|]\s*\S")


def _credit_text(tag: Node, caption_chars: int) -> str | None:
    """The element's text when the element is a credit, else None. The markers are tried before any text is
    read: most elements of a figure are none of these."""
    itemprop = tag.get("itemprop")
    _, lowered = class_tokens(tag)
    if tag.tag == "cite" or (itemprop is not None and itemprop.lower() in _CREDIT_ITEMPROPS):
        marked = True
    elif lowered and CREDIT_PATTERN.search(lowered):
        marked = False  # a credit-named class: the element must leave some caption text beside it
    else:
        first = next((string for string in texts(tag) if string.strip()), None)
        lead = first.lstrip() if first is not None else ""
        if not (CREDIT_LABEL.match(lead) or _SEPARATOR_LEAD.match(lead) or lead in ("/", "|", "©")):
            return None
        marked = True  # "Foto: ...", "© ...", "/ Name": a credit by its label
    text = _text_of(tag)
    # A credit-named element holding the whole caption with its parts inside is the caption's wrapper.
    wraps_caption = not marked and len(text) >= caption_chars and len(tag) > 0
    if not text or len(text) > _MAX_CREDIT_CHARS or wraps_caption:
        return None
    if not marked or tag.tag == "cite" or itemprop:
        return text
    return text if CREDIT_LABEL.match(text) or _SEPARATOR_LEAD.match(text) else None


def _cut_credits(tag: Node) -> list[str]:
    """Text of the credit elements under `tag`, cut out of it, in document order."""
    parts: list[str] = []
    caption_chars = len(_text_of(tag))
    for inner in list(tag.iterdescendants()):
        if inner.tag in _NO_TEXT_TAGS or not _still_under(inner, tag):
            continue  # a picture's parts, or inside a credit already cut
        text = _credit_text(inner, caption_chars)
        if text:
            parts.append(text)
            cut(inner)
    return parts


# Elements that never hold a credit's text.
_NO_TEXT_TAGS = frozenset({"img", "source", "picture", "video", "br", "wbr", "hr", "svg", "path", "use"})


def _still_under(inner: Node, tag: Node) -> bool:
    return any(parent is tag for parent in inner.iterancestors())


def _sibling_credits(tag: Node) -> list[str]:
    """A credit element right after a caption element that is not inside a figure ("<span class=caption>
    ...</span><span class=source>Name/dpa</span>"): cut, so it is not read as a line of the story."""
    sibling = tag.getnext()
    if sibling is None or _find(sibling, _FIGURE_MEDIA) is not None:
        return []
    text = _text_of(sibling)
    _, lowered = class_tokens(sibling)
    marked = bool(lowered) and CREDIT_PATTERN.search(lowered) is not None
    if text and len(text) <= _MAX_CREDIT_CHARS and (marked or CREDIT_LABEL.match(text)):
        cut(sibling)
        return [text]
    return []


def _joined_credit(parts: list[str]) -> str | None:
    """Credit elements as one credit: "Photo by X" + "AFP via Getty Images" -> "X / AFP via Getty Images";
    a part that is only a label ("Foto:") leads the next one."""
    joined: list[str] = []
    pending_label = ""
    for part in parts:
        line = parse_caption_line(part)
        if line is not None and is_credit_only(line) and line.credit:
            part = line.credit  # "Image source, Getty Images"
        if not clean_credit(part):
            pending_label = part  # "Foto:", "Image Credits:" in an element of its own
            continue
        joined.append(clean_credit(f"{pending_label} {part}".strip()))
        pending_label = ""
    unique: list[str] = []
    for part in dict.fromkeys(p for p in joined if p):
        if not _repeats(part, unique):
            unique.append(part)
    return " / ".join(unique) or None


def _repeats(part: str, earlier: list[str]) -> bool:
    """A credit part that only says again what the parts before it said: the same credit printed twice, once
    in its parts and once whole ("<span>Name</span><span>Agency</span>" and a "Name Agency" line below)."""
    words = _WORD.findall(part.casefold())
    seen = {word for line in earlier for word in _WORD.findall(line.casefold())}
    return bool(words) and all(word in seen for word in words)


_WORD = re.compile(r"\w+")


# ---------------------------------------------------------------- caption text

# Gallery furniture read as captions: a lone label, or the "Image 3 of 9" counter before the text.
_CAPTION_JUNK = re.compile(
    r"^(?:|caption|close|expand|enlarge|hide caption|show caption|toggle caption|powered by|sponsored by|"
    r"presented by|(?:image|photo|picture)?\s*(?:via|by|credit|courtesy|source)?\s*:?)$",
    re.I,
)
# A video player's card, not a caption: it opens with the clip's length or a "Video" label ("01:48 min
# Ergebnisse ...", "Video: El juez cita ...").
_PLAYER_CARD = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*min)?\b|^(?:video|vídeo)\b\s*:?\s*\S", re.I)
_GALLERY_COUNTER = re.compile(r"^(?:(?:image|photo|picture|slide)\s+)?\d+\s+(?:of|/)\s+\d+\s+", re.I)
# A video player's controls glued after the caption: its length and what follows ("... warum 01:48 min ..."),
# with the clip's date before it ("... Nachahmer. 05.09.2024 | 2:03 min").
_PLAYER_TAIL = re.compile(r"(?:\s+\d{1,2}\.\d{1,2}\.\d{2,4}\s*[|·•–-]?)?\s+(?:\d{1,2}:)?\d{1,2}:\d{2}\s*min\b.*$", re.I)
# A caption's last line standing alone as a credit: short, no sentence, and an agency mark, slash or ©.
_CREDIT_LINE = re.compile(
    r"^(?=.{2,90}$)(?!.*[.!?]$)(?:©|\(c\)|(?:photo|image|credit|picture)s?\s*:|.*\S\s?/\s?\S|"
    r".*\b(?:" + CREDIT_WORDS + r")\b)",
)
# Separators a cut credit element leaves behind: "Text. / " before "<span>AFP</span>".
_LEFT_SEPARATORS = " /|–—-·•"


def _finish(holder: Node, text: str, credit_parts: list[str], lines: tuple[str, ...]) -> FoundCaption | None:
    """The caption's text and credit apart; None when it has no text of its own (a credit alone, a
    gallery label): a caption is a text about a picture."""
    element_credit = _joined_credit(credit_parts)
    labelled = None if element_credit else _labelled_caption(lines)
    if labelled is not None:
        caption = labelled
    elif element_credit is None and len(lines) >= 2 and _CREDIT_LINE.match(lines[-1]):
        # "<span>Text.</span><span>J. Scott Applewhite / AP file</span>": a credit in its own element.
        caption = split_caption_credit(" ".join(lines[:-1]))
        caption = Caption(text=caption.text, credit=clean_credit(lines[-1]) or None, media=caption.media)
    else:
        caption = _caption_text(_PLAYER_TAIL.sub("", _GALLERY_COUNTER.sub("", text.strip(_LEFT_SEPARATORS))))
        if element_credit:
            caption = Caption(text=caption.text, credit=element_credit, media=caption.media)
    if not caption.text or _CAPTION_JUNK.match(caption.text) or _PLAYER_CARD.match(caption.text):
        return None
    # A credit form in the text ("Illustration: ...", "(Video: ...)") says more than the markup around it.
    media = _media_of(holder)
    media = (media or caption.media) if element_credit else (caption.media or media)
    return FoundCaption(caption.text, caption.credit, media, _picture_keys(holder))


def _with_alt_text_credit(holder: Node, found: FoundCaption | None) -> FoundCaption | None:
    """A caption that shows no credit, with the one its picture's alt text ends with (see `_alt_text_credit`);
    taken only once the text is known to be a caption (a credit does not make a caption of a line)."""
    if found is None or found.credit is not None:
        return found
    credit = _alt_text_credit(holder)
    return found if credit is None else FoundCaption(found.text, credit, found.media, found.image_keys)


def _alt_text_credit(holder: Node) -> str | None:
    """The credit a caption's own picture carries at the end of its alt text when the caption shows none:
    publishing systems fill the alt text with the full caption as filed, credit included ("... on Monday.
    (Photo: Jane Roe / Agency)"), and print a shorter one. Only a labelled credit is taken ("Photo:", "Foto:",
    "©"): an alt text is otherwise a description, and a bare tail of it a name in a sentence."""
    picture = _own_picture(holder)
    alt = " ".join((picture.get("alt") or "").split()) if picture is not None else ""
    if not alt:
        return None
    found = split_credit(alt)
    tail = alt[len(found.text) :].strip(" ([")
    if not (found.credit and found.text and CREDIT_LABEL.match(tail)):
        return None
    return clean_credit(found.credit) or None


def _own_picture(holder: Node) -> Node | None:
    """The one picture of a figure or picture block, or the one beside a caption element in a small parent;
    None when there are several (a gallery's alt texts belong to its other pictures)."""
    scope = holder
    parent = holder.getparent()
    if _find(holder, ["img"]) is None and holder.tag != "img":
        if parent is None or _text_exceeds(parent, _MAX_MEDIA_HOLDER_CHARS):
            return None
        scope = parent
    if scope.tag == "img":
        return scope
    pictures = list(islice(scope.iterdescendants("img"), 2))
    return pictures[0] if len(pictures) == 1 else None


def _caption_text(text: str) -> Caption:
    """Caption text with a label ("Image caption, ...") or a trailing credit taken off."""
    labelled = parse_caption_line(text)
    if labelled is not None and labelled.text:
        return labelled
    return split_caption_credit(text)


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


def _drop_screen_reader_text(tag: Node) -> None:
    """Cut the screen-reader-only elements, and controls drawn as buttons ("Vis mer", "Show more" toggles),
    out of a caption before it is read (it is the caption's subtree, consumed by it: the walk never reads it as
    body)."""
    for inner in list(tag.iterdescendants()):
        if not inner.attrib:
            continue
        if _is_control(inner) or SCREEN_READER_ONLY.search(class_tokens(inner)[1]):
            cut(inner)


# A control's label is a word or two; an element marked as a button that holds a picture or a long text is the
# picture's lightbox trigger, or the caption itself made clickable.
_MAX_CONTROL_CHARS = 30


def _is_control(tag: Node) -> bool:
    return (
        (tag.get("role") or "").strip().lower() == "button"
        and _find(tag, _MEDIA_TAGS) is None
        and len(text_of(tag).strip()) <= _MAX_CONTROL_CHARS
    )


def _text_of(tag: Node) -> str:
    return _SPACE.sub(" ", text_of(tag, " ")).strip()


def _block_lines(tag: Node) -> list[str]:
    """Text under `tag` grouped by nearest block-level parent: one line per div/p/span-group."""
    groups: dict[Node, list[str]] = {}
    for string, parent in _strings_with_parents(tag):
        holder = parent
        while holder is not tag and holder.tag not in BLOCK_TAGS:
            above = holder.getparent()
            if above is None:
                break
            holder = above
        groups.setdefault(holder, []).append(string)
    return [t for t in (_SPACE.sub(" ", "".join(g)).strip() for g in groups.values()) if t]


def _strings_with_parents(tag: Node) -> Iterator[tuple[str, Node]]:
    """Every piece of text under `tag` in document order, with the element it stands in (a tail stands in the
    parent of the element it follows)."""
    for event, element in etree.iterwalk(tag, events=("start", "end")):
        if event == "start":
            if element.text:
                yield element.text, element
        elif element is not tag and element.tail:
            parent = element.getparent()
            if parent is not None:
                yield element.tail, parent


def _child_lines(tag: Node) -> tuple[str, ...]:
    """The caption's text per child element (loose strings run together), for label-per-line captions."""
    lines: list[str] = []
    loose: list[str] = [tag.text] if tag.text else []
    for child in tag:
        if loose:
            lines.append("".join(loose))
            loose = []
        lines.append(text_of(child, " "))
        if child.tail:
            loose.append(child.tail)
    if loose:
        lines.append("".join(loose))
    return tuple(t for t in (_SPACE.sub(" ", line).strip() for line in lines) if t)


# ---------------------------------------------------------------- captions in attributes

# Lightbox and gallery scripts read a picture's caption and credit from data- attributes of the picture or of the
# link that opens it large (data-caption, data-credit; data-title on a lightbox link): the page shows them only
# when the picture is clicked, so no element holds them.
_CAPTION_ATTRIBUTES = ("data-caption", "data-image-caption", "data-description", "data-title")
_CREDIT_ATTRIBUTES = ("data-credit", "data-image-credit", "data-copyright", "data-photographer", "data-source")
# data-title and data-description name many things (a tooltip, a widget); on a link they are a caption only when
# the link opens its picture large.
_LOOSE_CAPTION_ATTRIBUTES = frozenset({"data-title", "data-description"})
_LIGHTBOX_LINK = re.compile(r"lightbox|fancybox|gallery|zoom|photoswipe|\.(?:jpe?g|png|webp|gif)(?:$|\?)", re.I)
# "img-caption" or "true" in a data-caption attribute is a script's flag, not a caption.
_SCRIPT_FLAG = re.compile(r"[\w:.-]*", re.A)


def caption_of_attributes(tag: Node) -> FoundCaption | None:
    """The caption and credit an `<img>`, or a link around one, carries in data- attributes (see
    `_CAPTION_ATTRIBUTES`); None when it carries no caption text."""
    if tag.tag == "a":
        if _find(tag, ["img"]) is None:
            return None
        opens_large = any(
            _LIGHTBOX_LINK.search(str(value))
            for name, value in tag.attrib.items()
            if str(name) in ("href", "class", "rel") or str(name).startswith(("data-fancybox", "data-lightbox"))
        )
    elif tag.tag == "img":
        opens_large = False
    else:
        return None
    text = next(
        (
            _SPACE.sub(" ", value).strip()
            for name in _CAPTION_ATTRIBUTES
            if (value := tag.get(name))
            and not _SCRIPT_FLAG.fullmatch(value.strip())
            and (opens_large or name not in _LOOSE_CAPTION_ATTRIBUTES)
        ),
        "",
    )
    if not text:
        return None
    credits = [credit for name in _CREDIT_ATTRIBUTES if (credit := clean_credit(tag.get(name) or ""))]
    return _finish(tag, text, credits[:1], (text,))


# ---------------------------------------------------------------- media

_GRAPHIC_TOKENS = frozenset({"graphic", "graphics", "chart", "map", "infographic", "illustration"})


def _media_of(tag: Node) -> Media | None:
    """What the caption describes, from its figure (or, lacking one, its parent's direct children)."""
    figure = tag if tag.tag == "figure" else next(tag.iterancestors("figure"), None)
    holder = figure if figure is not None else tag.getparent()
    if holder is None:
        return None
    # Only a figure is searched in depth: a caption's parent may be the whole story.
    found = holder.iterdescendants(*_MEDIA_TAGS) if figure is not None else holder.iterchildren(*_MEDIA_TAGS)
    media = list(islice(found, 4))
    tokens, lowered = class_tokens(holder)
    if "video" in lowered or any(m.tag in ("video", "iframe") for m in media):
        return "video"
    if tokens & _GRAPHIC_TOKENS:
        return "graphic"
    return "photo" if media or figure is not None else None


_MEDIA_TAGS = ["img", "picture", "video", "iframe"]
_MEDIA_TAG_NAMES = frozenset(_MEDIA_TAGS)


# ---------------------------------------------------------------- picture identity

# Attributes that hold a picture's address, lazy-loading ones included.
_SOURCE_ATTRIBUTES = ("src", "data-src", "data-original", "data-lazy-src", "srcset", "data-srcset")
# An asset id inside a picture's address: a long run of letters and digits, with a digit ("242348270",
# "4c113d3e", "ff01686bf0d0..."). The same picture at another size or crop keeps it.
_ASSET_KEY = re.compile(r"(?=[a-z]*\d)[a-z0-9]{8,}", re.I)
_MAX_PICTURES = 4


def image_keys(url: str) -> frozenset[str]:
    """The asset ids in a picture's address ('https://cdn/x/242348270_1715851663_v16_9_1200.jpeg' ->
    {'242348270', '1715851663'}): the query and the host are left out, they change with size and CDN."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[-1].partition("/")[2]
    return frozenset(key.lower() for key in _ASSET_KEY.findall(path))


def _picture_keys(holder: Node) -> frozenset[str]:
    """Asset keys of the pictures in a figure or picture block, or next to a caption element (its parent's,
    when the parent is small: a caption's parent may be the whole story)."""
    scope = holder
    parent = holder.getparent()
    if _find(holder, _MEDIA_TAGS) is None and parent is not None:
        if _text_exceeds(parent, _MAX_MEDIA_HOLDER_CHARS):
            return frozenset()
        scope = parent
    keys: set[str] = set()
    for picture in islice(scope.iterdescendants("img", "source"), _MAX_PICTURES):
        keys |= source_keys(picture)
    return frozenset(keys)


def source_keys(picture: Node) -> frozenset[str]:
    """Asset keys of one `<img>` or `<source>`, from every attribute that may hold its address."""
    keys: set[str] = set()
    for attribute in _SOURCE_ATTRIBUTES:
        value = picture.get(attribute)
        if value and not value.startswith("data:"):
            keys |= image_keys(value.split(",")[0].split()[0] if value.strip() else value)
    return frozenset(keys)
