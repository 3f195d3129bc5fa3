"""Text dump -> Article: score lines, take the densest run of prose as the body, read the head above it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from transforms.captions import (
    NEWS_AGENCIES,
    attach_credit,
    caption_follows_credit,
    is_credit_only,
    parse_caption_line,
    parse_credit_line,
)
from transforms.contributors import is_contributor_line, parse_contributors
from transforms.ids import article_id
from transforms.model import Article, Caption, Rejected, RejectionCode, Source
from transforms.text import header
from transforms.text.lexicon import Lexicon, guess_language, lexicon_for
from transforms.text.lines import Line, split_lines, weighed_chars
from transforms.text.recurring import site_blurbs
from transforms.text.scoring import (
    COPYRIGHT,
    LineScore,
    against,
    comment_section_start,
    comment_thread_start,
    continue_run,
    densest_run,
    headed_run,
    heaviest_run_under,
    interleaved_cells,
    introduces_comment,
    prefer_headed,
    record_fields,
    score_lines,
    spacer_lines,
    supported,
    trim_tail,
    widen_run,
)

# Below this much prose the dump holds no article (a login wall, an error page, a list of links).
MIN_BODY_CHARS = 80
# Contributor lines sit just under the body, often after a line of chrome.
_TAIL_WINDOW = 6
# A section heading inside the body: a few words, not a sentence.
_MIN_HEADING_WORDS, _MAX_HEADING_WORDS = 2, 8
# A caption's text line above its credit line: a phrase or a sentence or two, not a paragraph.
_MIN_CAPTION_WORDS, _MAX_CAPTION_WORDS = 3, 60


@dataclass(frozen=True, slots=True)
class _Body:
    paragraphs: tuple[str, ...]
    captions: tuple[Caption, ...]
    contributor_lines: tuple[str, ...]


def _caption_lines(lines: Sequence[Line]) -> dict[int, Caption]:
    """Every line that parses as a caption (or a credit), by position; the text line above a "Credit..."
    line counts too (as a caption without credit, until `_captions_in` joins the two)."""
    found: dict[int, Caption] = {}
    repeated = {text for text, count in Counter(line.text for line in lines).items() if count > 1}
    for line in lines:
        caption = None if _signed_off_paragraph(line) else parse_caption_line(line.text)
        if caption is None or (caption.text and caption.text != line.text and parse_credit_line(line.text)):
            # "Foto: Ann Poe (Getty)", "John Doe / Reuters": a credit alone, under its caption's text
            caption = _credit_under_a_caption(line, lines) if _under_a_caption(line, lines) else caption
        below = lines[line.position + 1] if line.position + 1 < len(lines) else None
        if caption is None and below is not None and _reads_as_caption_below(below) and below.text not in repeated:
            # "EPA" over "Former PM Jane Roe at the Treasury" (BBC): the credit heads the caption below it (a
            # line the page repeats is a button: "(NTB)" over "Vis mer Vis mindre")
            if (credit := parse_credit_line(line.text)) is not None and parse_caption_line(below.text) is None:
                found[line.position] = credit
                found[below.position] = attach_credit(Caption(text=below.text), credit)
            continue
        if caption is None:
            continue
        found[line.position] = caption
        above = line.position - 1
        if (
            is_credit_only(caption)
            and above >= 0
            and above not in found
            and _caption_text_above(line, lines[above], frozenset())
        ):
            found[above] = Caption(text=lines[above].text)
        elif (
            is_credit_only(caption)
            and below is not None
            and below.text not in repeated
            and _heads_caption_below(line, below, lines)
        ):
            found[below.position] = attach_credit(Caption(text=below.text), caption)
    return found


# A line of more words ending with an agency in brackets is a wire story's paragraph signed off by its agency ("...
# on Saturday. (dpa)"), not a caption credited to it; a long caption says who took it in words ("Credit: ESA").
_MAX_CAPTION_LINE_WORDS = 80
_AGENCY_SIGN_OFF = re.compile(rf"\((?:{NEWS_AGENCIES})(?:\s*/\s*\w+)*\)$")


def _signed_off_paragraph(line: Line) -> bool:
    return line.size > _MAX_CAPTION_LINE_WORDS and _AGENCY_SIGN_OFF.search(line.text) is not None


def _heads_caption_below(credit_line: Line, below: Line, lines: Sequence[Line]) -> bool:
    """A credit over its caption's text: the line below reads as a caption under a credit, or, with no caption
    text above the credit ("Sdílet" / "Foto: Jane Roe" / "Premiér v demisi ..."), is a sentence or two."""
    if parse_caption_line(below.text) is not None or header.is_date_line(below):
        return False
    if _reads_as_caption_below(below):
        return True
    above = lines[credit_line.position - 1] if credit_line.position > 0 else None
    no_text_above = above is None or len(above.words) < _MIN_CAPTION_WORDS
    return no_text_above and _MIN_CAPTION_WORDS <= len(below.words) <= _MAX_CAPTION_BELOW_WORDS


def _credit_line_of_its_own(line: Line) -> bool:
    """A chart's or a video's source line stands for it (they often carry no caption text); a photo's credit
    without its caption's text is the remains of a caption not found."""
    parsed = parse_caption_line(line.text)
    return parsed is not None and is_credit_only(parsed) and parsed.media in ("graphic", "video")


def _credit_under_a_caption(line: Line, lines: Sequence[Line]) -> Caption | None:
    """The credit of the line under a caption's text; a "©" name only under a phrase ("... in Berlin-Wedding" /
    "© Jane Roe/imago"), never under a paragraph that ends the page ("... he added." / "© The Crier")."""
    return parse_credit_line(line.text, signed=not lines[line.position - 1].terminal, under_caption=True)


def _under_a_caption(line: Line, lines: Sequence[Line]) -> bool:
    """The line above reads as a caption's text: a phrase or a sentence or two, not a paragraph or a label. In
    its own block (blank lines around each line of the dump) the credit may as well head the caption below it
    (BBC, ORF: "EPA" over "Former minister Jane Roe at the Treasury"): then the line below must not read as one."""
    if line.position == 0:
        return False
    above = lines[line.position - 1]
    if not _MIN_CAPTION_WORDS <= len(above.words) <= _MAX_CAPTION_WORDS:
        return False
    if above.block == line.block:
        return True
    below = lines[line.position + 1] if line.position + 1 < len(lines) else None
    # Apart, the caption's text is a sentence or a phrase of some length ("Alle ORF Angebote" over a credit is
    # the menu's last item).
    sentence = above.terminal or len(above.words) >= _MIN_CAPTION_APART_WORDS
    return sentence and (below is None or not _reads_as_caption_below(below))


# A caption's text apart from its credit: a sentence, or a phrase of at least this many words.
_MIN_CAPTION_APART_WORDS = 5
# A caption under its credit is a phrase or a sentence, not a paragraph.
_MAX_CAPTION_BELOW_WORDS = 30


def _reads_as_caption_below(line: Line) -> bool:
    """A caption's text as picture desks write it under a credit: a phrase without a full stop (a closing quote
    may end it), not a paragraph going on after a colon, a dateline or a live blog's timed heading."""
    return _MIN_CAPTION_WORDS <= len(line.words) <= _MAX_CAPTION_BELOW_WORDS and not (
        line.text.endswith((".", "!", "?", ":", ";")) or header.is_date_line(line)
    )


def _captions_in(
    lines: Sequence[Line], parsed: dict[int, Caption], head_used: frozenset[int]
) -> tuple[list[Caption], set[int]]:
    """Captions among `lines`, credit-only lines joined to their caption text (the line above a "Credit..."
    line, the line below an "Image source," line); returns the captions and the positions they used."""
    captions: list[Caption] = []
    used: set[int] = set()
    pending_credit: Caption | None = None
    previous: Line | None = None
    for line in lines:
        caption = parsed.get(line.position)
        if caption is None or line.position in head_used:
            previous = line
            continue
        used.add(line.position)
        if is_credit_only(caption) and caption_follows_credit(line.text):
            pending_credit = caption
        elif is_credit_only(caption) and previous is not None and _credited(parsed.get(previous.position)):
            pass  # the credit again on a line of its own (Euronews): the caption above has it already
        elif is_credit_only(caption) and _heads(caption, parsed.get(line.position + 1)):
            pass  # the credit over its caption, which carries it (see `_caption_lines`)
        elif is_credit_only(caption) and previous is not None and _caption_text_above(line, previous, head_used):
            if captions and previous.position in used:
                captions.pop()  # the text line was taken as a caption on its own: join it to its credit
            captions.append(attach_credit(Caption(text=previous.text), caption))
            used.add(previous.position)
        elif pending_credit is not None:
            captions.append(attach_credit(caption, pending_credit))
            pending_credit = None
        elif caption.text or _credit_line_of_its_own(line):
            captions.append(caption)
        previous = line
    return captions, used


def _heads(credit: Caption, below: Caption | None) -> bool:
    return below is not None and bool(below.text) and below.credit == credit.credit


def _credited(caption: Caption | None) -> bool:
    return caption is not None and bool(caption.text) and caption.credit is not None


def _caption_text_above(credit_line: Line, previous: Line, head_used: frozenset[int]) -> bool:
    """NYT, tabloid and agency style: the caption's text is the line above a line holding only its credit
    ("Credit...Name", "Credit: Splash", "Photo: Name, AP"); BBC puts the credit first."""
    return (
        previous.position == credit_line.position - 1
        and previous.position not in head_used
        and _MIN_CAPTION_WORDS <= len(previous.words) <= _MAX_CAPTION_WORDS
        and not previous.text.endswith(":")  # a label over a list of credits ("Full credits:"), no caption
        and not caption_follows_credit(credit_line.text)
    )


def _body(
    lines: Sequence[Line],
    scores: Sequence[LineScore],
    span: tuple[int, int],
    head_used: set[int],
    parsed_captions: dict[int, Caption],
    lexicon: Lexicon,
) -> _Body:
    start, end = span
    window = lines[max(0, start - header.HEAD_WINDOW) : end]
    # The story's closing paragraph is kept from the captions as the head's lines are.
    closing = _closing_paragraph_over_credit(lines, scores, span, parsed_captions)
    captions, caption_lines = _captions_in(window, parsed_captions, frozenset(head_used) | closing)
    kept: list[Line] = []
    contributor_lines: list[str] = []
    seen = {caption.text for caption in captions}
    paragraph_at: dict[str, int] = {}  # each paragraph's words, to the position of its line
    heads = _sentence_heads(lines, scores, span)
    unstopped = _unstopped_copies(lines, span)
    listed = (
        _list_items(lines, scores, span)
        | _ingredient_lines(lines, span)
        | _sub_headings(lines, scores, span)
        | _numbered_headings(lines, scores, span)
        | _numbered_list(lines, scores, span)
        | record_fields(lines, scores, span)
        | heads
    )
    for line in lines[start : min(len(lines), end + _TAIL_WINDOW)]:
        if line.position in caption_lines or line.position in head_used:
            continue
        if is_contributor_line(line.text):
            contributor_lines.append(line.text)
        elif line.position < end and (caption := _credited_caption_in_body(line)) is not None:
            captions.append(caption)
            seen.add(line.text)
        elif line.position < end and (line.position in unstopped or _echoes_a_paragraph(line, paragraph_at, scores)):
            captions.append(Caption(text=line.text))
            seen.add(line.text)
        elif (
            line.position < end
            and (line.position in listed or _in_body(line, lines, scores, span))
            and line.text not in seen
        ):
            # A repeated line is a pull quote or a slideshow caption shown twice: the text is kept once.
            kept.append(line)
            paragraph_at.setdefault(_words_of(line.text), line.position)
            seen.add(line.text)
    captions.extend(_captions_with_credit_after(window, caption_lines | head_used, seen, lexicon))
    paragraphs = _with_sentences_joined(_without_orphan_labels(kept), heads)
    return _Body(paragraphs, tuple(captions), tuple(contributor_lines))


def _closing_paragraph_over_credit(
    lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int], parsed: dict[int, Caption]
) -> frozenset[int]:
    """The run's last paragraph when a picture's credit alone follows it, with no more prose of the run below: a
    story's closing sentence, not the caption of a picture at the story's end (the credit is the lead picture's,
    which the copy puts last, or a picture's whose caption was not copied). The HTML extractor keeps it."""
    start, end = span
    for i in range(end - 1, start, -1):
        credit = parsed.get(i)
        if credit is not None and is_credit_only(credit):
            above = i - 1
            if (
                scores[above].is_prose
                and lines[above].terminal
                and (above not in parsed or parsed[above].credit is None)
                and any(scores[k].is_prose and k not in parsed for k in range(start, above))
            ):
                return frozenset({above})
            return frozenset()
        if scores[i].is_prose and (i not in parsed or parsed[i].credit is None):
            return frozenset()
    return frozenset()


# A label introducing what follows: a short line ending with a colon ("Read more:", "Weitere Informationen:").
_MAX_LABEL_WORDS = 8


def _without_orphan_labels(kept: Sequence[Line]) -> list[Line]:
    """The body's lines without the labels whose line below was left out of it: a box's heading ("Related:",
    "Authors:", "Rate this:") over links or buttons, which a colon reads as a sentence's end. A label over a list
    kept, or over a quote ("She said:"), stays."""
    positions = {line.position for line in kept}
    return [
        line
        for line in kept
        if not (_LABEL_END.search(line.text) and line.size <= _MAX_LABEL_WORDS and line.position + 1 not in positions)
    ]


_LABEL_END = re.compile(r"\w:$")  # a word and its colon; not an emoticon ("(:")


# A picture's caption that repeats a paragraph just above it (tabloids caption a picture with the paragraph it
# illustrates; some pages print a caption twice, as the picture's text and its caption): at most this many lines
# below, at least this many words.
_ECHO_GAP, _MIN_ECHO_WORDS = 4, 6
_WORD = re.compile(r"\w+")


def _words_of(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _echoes_a_paragraph(line: Line, paragraph_at: dict[str, int], scores: Sequence[LineScore]) -> bool:
    """The line says again, word for word, a paragraph a few lines above it: the caption of a picture there."""
    earlier = paragraph_at.get(_words_of(line.text))
    return (
        earlier is not None
        and line.position - earlier <= _ECHO_GAP
        and len(line.words) >= _MIN_ECHO_WORDS
        and not scores[line.position].marked_chrome
    )


def _unstopped_copies(lines: Sequence[Line], span: tuple[int, int]) -> frozenset[int]:
    """Lines of the run that say a sentence-ending line of it again word for word, without its full stop, however
    far above or below, each set apart in a block of its own: tabloids caption a picture with a paragraph of the
    story, and a caption has no full stop where the paragraph has one (a box's list printed twice, once without
    its full stops, shares its block)."""
    run = lines[span[0] : span[1]]
    stopped = {_words_of(line.text) for line in run if line.text.endswith(".")}
    return frozenset(
        line.position
        for line in run
        if not line.terminal
        and len(line.words) >= _MIN_ECHO_WORDS
        and _words_of(line.text) in stopped
        and _alone_in_block(line, lines)
    )


def _alone_in_block(line: Line, lines: Sequence[Line]) -> bool:
    return all(not 0 <= k < len(lines) or lines[k].block != line.block for k in (line.position - 1, line.position + 1))


# A caption read among the body's lines is a sentence or two, not a paragraph.
_MAX_CAPTION_IN_BODY_WORDS = 40


def _credited_caption_in_body(line: Line) -> Caption | None:
    """A line of the run that is a picture's caption with a picture desk's credit after it ("... Wednesday. Photo
    by Jane Roe / AP", "... in einer Klinik. Friso Gentsch/dpa"): a photographer and an agency apart, which no
    paragraph ends with."""
    if line.size > _MAX_CAPTION_IN_BODY_WORDS:
        return None
    caption = header.sentence_with_credit(line.text)
    return caption if caption is not None and caption.credit and "/" in caption.credit else None


def _captions_with_credit_after(
    window: Sequence[Line], used: set[int], seen: set[str], lexicon: Lexicon
) -> list[Caption]:
    """Captions whose credit follows their text on one line ("... in Madrid. EFE"), among the lines around the
    body left out of it (a paragraph may end that way too), even when scored as chrome (a "©" in the credit is
    the footer's sign too); the credit not a chrome phrase ("Don't have an account? Create Account")."""
    captions: list[Caption] = []
    for line in window:
        if line.position in used or line.text in seen or line.terminal or header.is_date_line(line):
            continue  # "Updated June 8, 2023, 9:12 a.m. ET": a dateline, not a caption credited to "ET"
        caption = header.sentence_with_credit(line.text)
        if caption is not None and caption.credit and not _is_chrome(caption.credit, lexicon):
            captions.append(caption)
    return captions


def _is_chrome(text: str, lexicon: Lexicon) -> bool:
    folded = text.casefold()
    return folded in lexicon.chrome_lines or lexicon.chrome_phrase.search(folded) is not None


def _in_body(line: Line, lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int]) -> bool:
    """Prose, or the heading of a section of the body: a short line between prose lines of the run, as the HTML
    extractor keeps a heading with its section; two prose lines in a row on one side of it at least (a section
    ends above it or starts below it). A line between single prose lines is more often a neighbouring column's
    headline, interleaved by the copy."""
    score = scores[line.position]
    if score.is_prose:
        return True
    if _unpunctuated_paragraph(line, score):
        return True
    above, below = line.position - 1, line.position + 1
    return (
        span[0] <= above
        and below < span[1]
        and scores[above].is_prose
        and scores[below].is_prose
        and _section_beside(scores, span, above, below)
        and _MIN_HEADING_WORDS <= line.size <= _MAX_HEADING_WORDS
        and _heading_phrase(line, lines)
        and not score.marked_chrome
        and not header.is_date_line(line)
    )


# After a heading's last comma comes a phrase of its own; after a headline's, who said it ("..., study says").
_MIN_WORDS_AFTER_COMMA = 3


def _heading_phrase(line: Line, lines: Sequence[Line]) -> bool:
    """A heading is a phrase, not a picture's credit ("Photo: Jane Roe, AP"), which belongs to the captions. A line
    with a comma between paragraphs is more often another story's headline saying who said it ("Library closures
    spread, study says"), interleaved by the copy; in a block of its own, or opening the block its paragraph follows
    in, and going on for a phrase after its last comma it is a heading as well ("Gas down, but still the first
    source", "Weniger heizen, aber nicht ausschalten"), and so is a line naming a place, a person or a number there
    (a reader's signature under a letter, "Jane Roe, Leeds, UK"; a quotation's source, "Proverbs, 3")."""
    if parse_caption_line(line.text) is not None:
        return False
    if "," not in line.text:
        return True
    after = line.text.rsplit(",", 1)[1].split()
    apart = _block_of_its_own(lines, line.position) or _opens_its_section(lines, line.position)
    return apart and (len(after) >= _MIN_WORDS_AFTER_COMMA or not any(word[:1].islower() for word in after))


# A paragraph whose only evidence against it is its missing full stop (it ends with a link, an emoticon, a figure):
# at least this many words.
_MIN_UNPUNCTUATED_PARAGRAPH_WORDS = 20


def _unpunctuated_paragraph(line: Line, score: LineScore) -> bool:
    """A long line of the run with nothing of chrome or of a headline about it but its missing sentence end is a
    paragraph, as the HTML extractor keeps it; not a caption ending with its credit ("... on Monday Foto: Jane Roe")."""
    return (
        line.size >= _MIN_UNPUNCTUATED_PARAGRAPH_WORDS
        and all(value >= 0 for name, value in score.parts if name != "terminal")
        and header.sentence_with_credit(line.text) is None
    )


def _list_items(lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int]) -> set[int]:
    """Positions of the items of the lists in the run: the lines that do not read as prose after a line that
    introduces them with a colon ("The band will play:"), at least two, none marked chrome, each a phrase of a few
    words at least. The HTML extractor keeps an article's lists; a colon is the text's sign of one (lists after
    other lines are as often menus and link lists: tried, lost on the news sets)."""
    items: set[int] = set()
    i = span[0]
    while i < span[1]:
        if scores[i].is_prose:
            i += 1
            continue
        j = i
        while j < span[1] and not scores[j].is_prose:
            j += 1
        group = lines[i:j]
        if (
            i > span[0]
            and len(group) >= _MIN_LIST_ITEMS
            and lines[i - 1].text.endswith(":")
            and all(_may_be_item(line, scores[line.position]) for line in group)
        ):
            items.update(line.position for line in group)
        i = j
    return items


_MIN_LIST_ITEMS, _MIN_ITEM_WORDS = 2, 3


def _may_be_item(line: Line, score: LineScore) -> bool:
    """A list item: a phrase of a few words, no chrome by its evidence, no dateline. Short lines in a row are the
    shape of a list as much as of a menu: under a line introducing them that evidence alone does not count."""
    chrome = any(score.part(name) < 0 for name in _ITEM_CHROME)
    return line.size >= _MIN_ITEM_WORDS and not chrome and not header.is_date_line(line)


_ITEM_CHROME = ("boilerplate", "recurring", "end_marker", "markup")


# A paragraph of this many words is a story's own: other stories' summaries in a neighbouring column are shorter.
_LONG_PARAGRAPH_WORDS = 40


def _sub_headings(lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int]) -> set[int]:
    """The headings of a report that puts one over every paragraph or so: the single lines between two long paragraphs
    of the run (`_in_body` asks for two paragraphs in a row beside a heading), when every such line of the run reads
    as a heading, in a block of its own. A layout table copied row by row puts a sidebar's lines between the story's
    long paragraphs too, in one block with them, and some of those are labels ("RELATED NEWS", "FILM REVIEW:",
    "(total votes)"): then none is taken."""
    start, end = span
    between = [
        i
        for i in range(start + 1, end - 1)
        if not scores[i].is_prose
        and scores[i - 1].is_prose
        and scores[i + 1].is_prose
        and lines[i - 1].size >= _LONG_PARAGRAPH_WORDS
        and lines[i + 1].size >= _LONG_PARAGRAPH_WORDS
    ]
    headings = all(_reads_as_heading(lines[i], scores[i]) and _block_of_its_own(lines, i) for i in between)
    return set(between) if headings else set()


# A numbered heading of a listicle or a guide ("3. Choose the right pot", "4) Grève pour le climat"): a number, then a
# phrase of at most this many words. A listicle's heading may name a person with their role before its point, or a
# meeting with its day and place ("3. Jane Roe, baker and author (12,000 followers): Say it early"): the sequence is
# the evidence, and one such heading held to a dozen words broke the pairs of its neighbours (20 gained seven dev
# pages on three sets and lost none).
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+\S")
_MAX_NUMBERED_HEADING_WORDS = 20


def _numbered_headings(lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int]) -> set[int]:
    """The numbered headings of the run's sections: short lines opening with a number, each over a paragraph of the
    run in a block of its own, numbered in sequence with another such heading ("2." after "1."). The HTML extractor
    keeps them as the article's headings; alone they read as labels (no full stop, names in capitals, a comma). A
    "most read" list interleaved with the story by a layout table runs on in the story's block."""
    numbered: list[tuple[int, int]] = []
    for line in lines[span[0] : span[1] - 1]:
        found = _NUMBERED.match(line.text)
        if (
            found is not None
            and line.size <= _MAX_NUMBERED_HEADING_WORDS
            and scores[line.position + 1].is_prose
            and lines[line.position + 1].block != line.block  # a layout table's rows run on in one block
            and not scores[line.position].marked_chrome
            and not header.is_date_line(line)
        ):
            numbered.append((int(found.group(1)), line.position))
    in_sequence: set[int] = set()
    for (number, position), (next_number, next_position) in pairwise(numbered):
        if next_number == number + 1:
            in_sequence.update((position, next_position))
    return in_sequence


def _opens_its_section(lines: Sequence[Line], i: int) -> bool:
    """The line opens a block and its paragraph follows in that block: a heading copied with its section."""
    return lines[i - 1].block != lines[i].block == lines[i + 1].block


# A numbered list in the run: at least this many lines in a row, numbered one after another ("1.", "2.", "3.").
_MIN_NUMBERED_ITEMS = 3


def _numbered_list(lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int]) -> set[int]:
    """The items of the numbered lists of the run: lines in a row, each opening with the number after the one above
    it, none marked chrome by its evidence (a list of steps, a table of contents, a ranking). The HTML extractor keeps
    an article's lists; numbered in sequence, short unpunctuated lines are a list's, not a menu's."""
    items: set[int] = set()
    row: list[int] = []
    previous: int | None = None
    repeated = {text for text, count in Counter(line.text for line in lines).items() if count > 1}
    for line in lines[span[0] : span[1]]:
        found = _NUMBERED.match(line.text)
        number = int(found.group(1)) if found is not None else None
        # A table of contents whose entries head the sections below is crossed, not kept: the headings stay there.
        item = number is not None and line.text not in repeated and _may_be_numbered_item(line, scores)
        if item and row and previous is not None and number == previous + 1:
            row.append(line.position)
        else:
            items.update(row if len(row) >= _MIN_NUMBERED_ITEMS else ())
            # A list starts at one; one under another "1." is a box's list under its label numbered as an item.
            row = [line.position] if item and number == 1 and previous != 1 else []
        previous = number
    items.update(row if len(row) >= _MIN_NUMBERED_ITEMS else ())
    return items


def _may_be_numbered_item(line: Line, scores: Sequence[LineScore]) -> bool:
    chrome = any(scores[line.position].part(name) < 0 for name in _ITEM_CHROME)
    return not chrome and not header.is_date_line(line)


def _with_sentences_joined(kept: Sequence[Line], heads: set[int]) -> tuple[str, ...]:
    """The paragraphs of the kept lines, a sentence's opening joined to the line that goes on with it."""
    paragraphs: list[str] = []
    for k, line in enumerate(kept):
        previous = kept[k - 1].position if k else None
        if previous is not None and previous in heads and line.position == previous + 1:
            paragraphs[-1] = f"{paragraphs[-1]} {line.text}"
        else:
            paragraphs.append(line.text)
    return tuple(paragraphs)


def _sentence_heads(lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int]) -> set[int]:
    """The lines of the run that open a sentence its next line goes on with (see `_heads_sentence_below`)."""
    return {i for i in range(span[0], span[1] - 1) if _heads_sentence_below(lines, scores, i)}


def _heads_sentence_below(lines: Sequence[Line], scores: Sequence[LineScore], i: int) -> bool:
    """The line is the opening of a sentence that the line below, prose, goes on with in lower case: a lead-in set
    in bold, a line cut by the copy ("The festival returns" / "for its tenth year on Friday ..."). No chrome, no
    dateline, no sentence end of its own."""
    below = lines[i + 1] if i + 1 < len(lines) else None
    return (
        below is not None
        and scores[below.position].is_prose
        and below.text[:1].islower()
        and not scores[i].is_prose
        and not scores[i].marked_chrome
        and not lines[i].terminal
        and not header.is_date_line(lines[i])
    )


def _block_of_its_own(lines: Sequence[Line], i: int) -> bool:
    """The line stands apart from the lines around it (blank lines between), as a heading is copied; a layout table's
    row runs on without them."""
    return lines[i - 1].block != lines[i].block != lines[i + 1].block


def _reads_as_heading(line: Line, score: LineScore) -> bool:
    """A section's heading: a phrase of a few words, in running case, no label (a colon, brackets), no chrome."""
    return (
        _MIN_HEADING_WORDS <= line.size <= _MAX_HEADING_WORDS
        and "," not in line.text
        and not line.text.endswith(":")
        and not line.text.startswith(("(", "["))
        and not line.text.isupper()
        and not score.marked_chrome
        and not header.is_date_line(line)
    )


def _section_beside(scores: Sequence[LineScore], span: tuple[int, int], above: int, below: int) -> bool:
    """Two prose lines in a row on one side of the heading at least (within the run): a section ends above it or
    one starts below it. Lines alternating one by one with single prose lines are another column's headlines."""
    return (span[0] <= above - 1 and scores[above - 1].is_prose) or (below + 1 < span[1] and scores[below + 1].is_prose)


def _contributors(lines: Sequence[str]) -> tuple[str, ...]:
    names: list[str] = []
    for line in lines:
        names.extend(name for name in parse_contributors(line) if name not in names)
    return tuple(names)


@dataclass(frozen=True, slots=True)
class _Reading:
    """A dump's lines as scored, the body's run of lines among them, and the language's lexicon."""

    lines: list[Line]
    scores: list[LineScore]
    span: tuple[int, int]
    lexicon: Lexicon
    language: str | None
    parsed_captions: dict[int, Caption]


def _language_of(lines: Sequence[Line]) -> str | None:
    """The dump's language, read from its cleaned lines (list bullets dropped): the copy gives a menu's nested items
    the bullet "o" ("o Contact", "o News"), an article in Portuguese and Italian, which repeated down a long menu
    outweighs the German or English of the page."""
    return guess_language("\n".join(line.text for line in lines))


def _read(text: str, recurring: frozenset[str]) -> _Reading:
    lines = split_lines(text)
    if not lines:
        raise Rejected(RejectionCode.EMPTY, "no text")
    language = _language_of(lines)
    lexicon = lexicon_for(language)
    parsed_captions = _caption_lines(lines)
    scores = score_lines(lines, lexicon, recurring, language is not None, frozenset(parsed_captions))
    span = body_span(lines, scores, lexicon)
    scores, span = _without_site_blurbs(lines, scores, span, lexicon, site_blurbs(recurring))
    scores, span = _short_post_under_head(lines, scores, span, lexicon)
    if sum(len(line.text) for line in lines[span[0] : span[1]]) < _min_body_chars(scores, span):
        raise Rejected(RejectionCode.NO_ARTICLE, "text dump")
    return _Reading(lines, scores, span, lexicon, language, parsed_captions)


def _without_site_blurbs(
    lines: Sequence[Line],
    scores: list[LineScore],
    span: tuple[int, int],
    lexicon: Lexicon,
    shared: frozenset[str],
) -> tuple[list[LineScore], tuple[int, int]]:
    """The scores and the run with a site's blurbs read as chrome (see `RecurringLines`: the sidebar's "This blog is
    written by ...", "Pre-order the book ..." under each post), which a short post's paragraphs do not outweigh;
    unless no article is left without them (a page of the site saved several times: its story is on each copy)."""
    blurbs = {
        line.position for line in lines[span[0] : span[1]] if line.text in shared and scores[line.position].is_prose
    }
    if not blurbs:
        return scores, span
    marked = [
        against(score, "site_blurb") if line.text in shared else score
        for line, score in zip(lines, scores, strict=True)
    ]
    other = body_span(lines, marked, lexicon)
    if _prose_chars(lines[other[0] : other[1]], marked) < MIN_BODY_CHARS:
        return scores, span
    return marked, other


# A run with less prose than this is a short one: a short post's few lines under its dateline may be the article.
_SHORT_RUN_CHARS = 200
# The post: lines of at least this many words each, right under its head, none marked chrome, this long in all (a
# video's or a picture's post says a sentence or two: "Lovely animation by Jane Roe! Music by the Rivets").
_MIN_POST_LINE_WORDS, _MIN_POST_CHARS = 3, 40


def _short_post_under_head(
    lines: Sequence[Line], scores: list[LineScore], span: tuple[int, int], lexicon: Lexicon
) -> tuple[list[LineScore], tuple[int, int]]:
    """A short post under its head (a video's or a comic's few words, a quotation): when the run found holds little
    prose and no byline or dateline heads it, the lines right under the first dateline or byline above it are the
    post (see above), as the HTML extractor reads a post's entry whatever its length; the run found apart from them
    is a sidebar's blurb or a disclaimer. A run lying inside those lines is widened to them when the lines above it
    there are sentences or end mid-sentence (a first line read as a teaser, "The top 5 ShopSigns posts ...", a
    poem's first line ending with a comma), not a headline."""
    start = span[0]
    if _prose_chars(lines[start : span[1]], scores) >= _SHORT_RUN_CHARS:
        return scores, span
    if start > 0 and header.is_signed_head_line(lines[start - 1], lexicon):
        return scores, span
    head = next((line.position for line in lines[:start] if header.is_signed_head_line(line, lexicon)), None)
    if head is None:
        return scores, span
    end = head + 1
    while end < len(lines) and _may_be_post_line(lines[end], scores[end], lexicon):
        end += 1
    if end > start:  # the run lies in the post: it is the post when no headline is above it there
        if not all(_part_of_a_sentence(lines[i]) for i in range(head + 1, start)):
            return scores, span
        post = (head + 1, max(end, span[1]))
        return _as_short_post(scores, post), post
    if sum(len(line.text) for line in lines[head + 1 : end]) < _MIN_POST_CHARS:
        return scores, span
    return _as_short_post(scores, (head + 1, end)), (head + 1, end)


def _as_short_post(scores: list[LineScore], post: tuple[int, int]) -> list[LineScore]:
    return [supported(score, "short_post") if post[0] <= i < post[1] else score for i, score in enumerate(scores)]


def _part_of_a_sentence(line: Line) -> bool:
    """A sentence, or a line ending mid-sentence (a poem's or a quotation's line); not a headline."""
    return line.terminal or line.text.endswith((",", ";"))


def _may_be_post_line(line: Line, score: LineScore, lexicon: Lexicon) -> bool:
    return line.size >= _MIN_POST_LINE_WORDS and not score.marked_chrome and not header.is_head_line(line, lexicon)


def _min_body_chars(scores: Sequence[LineScore], span: tuple[int, int]) -> int:
    """The least text an article holds: less for a short post read under its head (see `_short_post_under_head`)."""
    short_post = span[0] < span[1] and scores[span[0]].part("short_post") > 0
    return _MIN_POST_CHARS if short_post else MIN_BODY_CHARS


def extract_text_dump(text: str, source: Source, recurring: frozenset[str]) -> Article:
    """The article in a text dump, or `Rejected` when no run of prose is long enough to be one."""
    reading = _read(text, recurring)
    lines, scores, span, lexicon, language = (
        reading.lines,
        reading.scores,
        reading.span,
        reading.lexicon,
        reading.language,
    )
    parsed_captions = reading.parsed_captions
    head = _read_head(lines, scores, span, lexicon, recurring, parsed_captions)
    body = _with_story_captions(_body(lines, scores, span, set(head.used), parsed_captions, lexicon))
    if not body.paragraphs:
        raise Rejected(RejectionCode.NO_ARTICLE, "text dump")
    return Article(
        id=article_id(None, head.title, body.paragraphs),
        source=source,
        site=head.site,
        title=head.title,
        byline=head.byline,
        published=head.published,
        language=language,
        dek=head.dek,
        paragraphs=body.paragraphs,
        captions=body.captions,
        contributors=_contributors(body.contributor_lines),
        contributor_lines=body.contributor_lines,
    )


# A caption this long is a story's text (a slideshow's slide, a photo page's story), as the HTML extractor reads it.
_MIN_STORY_CAPTION_CHARS = 150


def _with_story_captions(body: _Body) -> _Body:
    """A body whose every line of prose is a picture's caption (a slideshow: each slide's text over its "Image credit"
    line) is told by its captions: those of a story's length become its paragraphs, in order; kept as captions too."""
    if body.paragraphs:
        return body
    story = tuple(caption.text for caption in body.captions if len(caption.text) >= _MIN_STORY_CAPTION_CHARS)
    return _Body(story, body.captions, body.contributor_lines)


def body_span(lines: Sequence[Line], scores: Sequence[LineScore], lexicon: Lexicon) -> tuple[int, int]:
    """[start, end) of the article's lines: the densest run of prose above any comment section, widened across
    short gaps of chrome and trimmed at a closing heading."""
    candidates, candidate_scores = _above_comments(lines, scores, lexicon)
    run = _article_run(candidates, candidate_scores, lexicon)
    run = _above_footer(candidates, candidate_scores, run, lexicon)
    run = _past_profile_blurb(candidates, candidate_scores, run, lexicon)
    start, end = _before_author_box(lines, scores, trim_tail(lines, scores, run, lexicon), lexicon)
    end = _past_unpunctuated_last_paragraph(lines, scores, start, _past_closing_list(lines, scores, start, end))
    start, end = _before_author_bio(lines, scores, (start, end))
    if start > 0 and _heads_sentence_below(lines, scores, start - 1):
        start -= 1
    return _from_recipe_card_above(lines, start), _past_recipe(
        lines, scores, _past_cut_sentence(lines, scores, start, end)
    )


def _past_cut_sentence(lines: Sequence[Line], scores: Sequence[LineScore], start: int, end: int) -> int:
    """The run's end, past a sentence the copy cut in two right under it ("Open from 9 AM" / "to 5 PM on weekdays."):
    its opening reads as a label, its end as prose starting in lower case (see `_heads_sentence_below`), both in one
    block (a tag line over a box's "comments so far" is two blocks), and the prose lines of that block after them."""
    if (
        start < end < len(lines) - 1
        and scores[end - 1].is_prose
        and lines[end].block == lines[end + 1].block
        and _heads_sentence_below(lines, scores, end)
    ):
        end += 2
        while end < len(lines) and scores[end].is_prose and lines[end].block == lines[end - 1].block:
            end += 1
    return end


def _article_run(lines: Sequence[Line], scores: Sequence[LineScore], lexicon: Lexicon) -> tuple[int, int]:
    """The densest run of prose, grown across gaps of chrome, or the run under a byline or dateline that weighs
    nearly as much."""

    def is_head(line: Line) -> bool:
        return header.is_head_line(line, lexicon)

    def is_signed_head(line: Line) -> bool:
        return header.is_signed_head_line(line, lexicon)

    densest, headed = headed_run(lines, scores, is_head, is_signed_head)
    layout = _layout(lines, scores)
    run = _grown(lines, scores, densest, lexicon, layout)
    if headed is not None and prefer_headed(
        lines, scores, run, other := _grown(lines, scores, headed, lexicon, layout)
    ):
        run = other
    return _from_lead_under_byline(lines, scores, run, is_signed_head)


def _layout(lines: Sequence[Line], scores: Sequence[LineScore]) -> tuple[frozenset[int], frozenset[int]]:
    """The layout's spacers and a column's interleaved labels (see `widen_run`), read once per scoring."""
    return spacer_lines(lines, scores), interleaved_cells(lines, scores)


def _grown(
    lines: Sequence[Line],
    scores: Sequence[LineScore],
    run: tuple[int, int],
    lexicon: Lexicon,
    layout: tuple[frozenset[int], frozenset[int]],
) -> tuple[int, int]:
    """The run widened across short gaps of chrome and continued across longer ones to more of its story."""
    spacers, cells = layout

    def is_head(line: Line) -> bool:
        return header.is_head_line(line, lexicon)

    run = widen_run(scores, run, spacers, cells)
    run = continue_run(lines, scores, run, lexicon, is_head)
    return widen_run(scores, run, spacers, cells)


# The page's footer starts at its copyright line ("© 2008 The Crier", "Material on this site is copyright"; a
# picture's credit names no year: "© Jane Roe/dpa"): a line of at most this many words, within `_FOOTER_REACH` lines
# above the run with no prose between, in the page's last lines (past this share of them).
_MAX_COPYRIGHT_WORDS, _FOOTER_REACH, _FOOTER_SHARE = 12, 4, 0.75


def _above_footer(
    lines: Sequence[Line], scores: Sequence[LineScore], run: tuple[int, int], lexicon: Lexicon
) -> tuple[int, int]:
    """A run under the page's copyright line is the footer's publisher blurb or list of sister titles, which can
    outweigh a short story: the article is the densest run above the footer, if that holds an article's worth of
    prose (else the footer's prose is all the page has)."""
    footer = next(
        (
            i
            for i in range(run[0] - 1, max(-1, run[0] - 1 - _FOOTER_REACH), -1)
            if lines[i].size <= _MAX_COPYRIGHT_WORDS and COPYRIGHT.search(lines[i].text)
        ),
        None,
    )
    if footer is None or footer < _FOOTER_SHARE * len(lines) or any(scores[i].is_prose for i in range(footer, run[0])):
        return run
    above = _article_run(lines[:footer], scores[:footer], lexicon)
    return above if _prose_chars(lines[above[0] : above[1]], scores) >= MIN_BODY_CHARS else run


# A profile or publisher blurb sits right under its label ("About Me" / "Name: Jane Roe" / blurb): at most this many
# lines of chrome between them.
_PROFILE_REACH = 3


def _past_profile_blurb(
    lines: Sequence[Line], scores: Sequence[LineScore], run: tuple[int, int], lexicon: Lexicon
) -> tuple[int, int]:
    """A blog's "About Me" blurb, or a publisher's "About <Name>", can outweigh a short post: when the run sits right
    under such a label, the article is the heaviest run right under a byline or a dateline elsewhere on the page,
    if it holds an article's worth of prose (else the blurb is all the page has: an "About us" page)."""
    if not _under_profile_label(lines, scores, run[0], lexicon):
        return run
    masked = [against(score, "profile") if run[0] <= i < run[1] else score for i, score in enumerate(scores)]
    heads = [line.position for line in lines if header.is_signed_head_line(line, lexicon)]
    best = heaviest_run_under(lines, masked, heads)
    if best is None or _prose_chars(lines[best[0] : best[1]], masked) < MIN_BODY_CHARS:
        return run
    return _grown(lines, masked, best, lexicon, _layout(lines, masked))


def _under_profile_label(lines: Sequence[Line], scores: Sequence[LineScore], start: int, lexicon: Lexicon) -> bool:
    """A profile label within `_PROFILE_REACH` lines above `start`, with neither prose nor a byline or dateline
    between (a link to the author's page in a story's head, "About Jane Roe" over the dateline, labels no blurb)."""
    for i in range(start - 1, max(-1, start - 1 - _PROFILE_REACH), -1):
        line = lines[i]
        if line.size <= _MAX_PROFILE_LABEL_WORDS and lexicon.profile_label.fullmatch(line.text):
            return True
        if scores[i].is_prose or header.is_signed_head_line(line, lexicon):
            return False
    return False


_MAX_PROFILE_LABEL_WORDS = 5


# An author box: a label or a name of a few words, then the author introducing themselves by name or role in the first
# person ("I'm Jane, a baker ...", "Hallo, ich bin Foodbloggerin ..."); not a post going on in the first person ("I'm
# thrilled that ...": no capital after it).
_MAX_AUTHOR_LABEL_WORDS = 3
_SELF_INTRODUCTION = re.compile(
    r"^(?:[Hh]allo|[Hh]ello|[Hh]i|[Hh]ey)?\W*"
    r"(?:I am|I'm|I’m|[Mm]y name is|[Ii]ch bin|[Ii]ch heiße|[Jj]e suis|[Jj]e m'appelle|[Ss]oy|[Mm]i chiamo) [A-ZÀ-ÖØ-Þ]"
)


def _before_author_box(
    lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int], lexicon: Lexicon
) -> tuple[int, int]:
    """The run without the author box it ends with: its last line of prose right under a short label or name line,
    introducing the author (see above), or under a line of names alone or a byline (`_author_box_names`). The HTML
    extractor leaves the box out as the page's furniture."""
    start, end = span
    last, label = end - 1, end - 2
    if label <= start or scores[label].is_prose or not scores[last].is_prose:
        return span
    if lines[label].size <= _MAX_AUTHOR_LABEL_WORDS and _SELF_INTRODUCTION.match(lines[last].text):
        return start, label
    if _bylined_blurb(lines, scores, span, lexicon):
        return start, label
    names = _author_box_names(lines, scores, span, lexicon)
    return (start, names) if names is not None else span


# An author box's lines over its blurb: the name, a label ("Autor", "About"), a button ("Follow"), and the story's
# furniture the box follows (its source, a gallery's label, an advert): at most this many.
_AUTHOR_BOX_LINES = 8
# The run's first lines may carry the story's own byline, which names the box's author too: no sign of an interview.
_RUN_HEAD_LINES = 3


def _author_box_names(
    lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int], lexicon: Lexicon
) -> int | None:
    """Where the author box the run ends with starts: the run's last paragraph alone under at most `_AUTHOR_BOX_LINES`
    lines of chrome, one of them a line of names alone or a byline ("Jane Roe" / "Follow" / blurb), with the story's
    prose above them in the run; the blurb opens with the name, or a byline or its prefix alone ("Author") heads it.
    Not an interview's speaker over the last answer, nor a list of signed posts: no other line of the run holds the
    names or a byline."""
    start, end = span
    i = end - 2
    while i > start and end - 1 - i <= _AUTHOR_BOX_LINES and not scores[i].is_prose:
        i -= 1
    if i <= start or not scores[i].is_prose:
        return None
    box = [lines[k] for k in range(i + 1, end - 1)]
    named = [line for line in box if _names_line(line, lexicon)]
    run = lines[start + _RUN_HEAD_LINES : i + 1]
    if not named or any(_signs_another_line(line, named, lexicon) for line in run):
        return None  # a list of signed posts or an interview: names head other lines of the run
    blurb = lines[end - 1]
    introduced = any(_names_its_author(blurb, line) for line in named)
    labelled = any(header.is_signed_head_line(line, lexicon) or header.is_prefix_alone(line, lexicon) for line in box)
    return i + 1 if introduced or labelled else None


def _bylined_blurb(lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int], lexicon: Lexicon) -> bool:
    """The run's last paragraph right under a byline of its own ("By Jane Roe" / "Freelance writer in Leeds ..."),
    however much furniture (a book's details, the story's topics) sits between the story and it: the author's box,
    as no paragraph of a story sits under a byline at its end. Not when another line of the run signs (an interview,
    a list of signed posts), nor when the story above is too short to stand without it."""
    start, end = span
    label = lines[end - 2]
    if not header.is_signed_head_line(label, lexicon) or header.is_date_line(label):
        return False
    if any(_signs_another_line(line, [label], lexicon) for line in lines[start + _RUN_HEAD_LINES : end - 2]):
        return False
    return _prose_chars(lines[start : end - 2], scores) >= MIN_BODY_CHARS


def _signs_another_line(line: Line, named: Sequence[Line], lexicon: Lexicon) -> bool:
    """A line of the run with the box's names, or a byline of its own ("Submitted by ..."): the run is an interview
    or a list of signed posts, whose last item is no author box."""
    return any(line.text == other.text for other in named) or (
        header.is_signed_head_line(line, lexicon) and not header.is_date_line(line)
    )


def _names_line(line: Line, lexicon: Lexicon) -> bool:
    return header.is_head_line(line, lexicon) and not header.is_date_line(line)


def _names_its_author(blurb: Line, names: Line) -> bool:
    """The blurb opens with one of the words of the names line (a first name or a surname, capitalised): "Jane Roe
    is a staff writer ...", "Jane writes for ..."."""
    words = {word for word in re.findall(r"\w+", names.text) if len(word) > 2 and word[0].isupper()}
    first = re.match(r"\w+", blurb.text)
    return first is not None and first.group() in words


# An author's bio closing the story: a name (a title, up to four words, "Jr."), then "is a/an/the ..." or "serves as"
# naming a role of the press or of a post within a few words ("Jane Roe is a staff writer for ...", "Dr. Jane Roe
# serves as president of ...", "About the author: Jane Roe is a writer in Leeds"); a bio says more than a sentence of
# the story about its subject only in this shape, at its very end, and at most this long. The role may be written as a
# title, capitalised ("is the Editor of ...").
_MAX_BIO_CHARS = 600
_AUTHOR_BIO = re.compile(
    r"^(?:About the author:\s*)?(?:(?:Dr|Mr|Mrs|Ms|Prof)\.\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3},?(?:\s+Jr\.,?)?"
    r"(?:\s+/\s+[A-Z][\w'’-]+)?\s+(?:is\s+(?:an?|the)|serves as(?:\s+(?:an?|the))?)\s+(?:[\w'’-]+\s+){0,5}?"
    r"(?i:writer|editor|reporter|correspondent|journalist|columnist|contributor|author|blogger|founder|co-founder|"
    r"producer|director|president|professor|analyst|fellow|consultant)\b"
)


def _before_author_bio(lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int]) -> tuple[int, int]:
    """The run without the author's bio it ends with (see above), as the HTML extractor leaves the bio's box out."""
    start, end = span
    last = next((i for i in range(end - 1, start - 1, -1) if scores[i].is_prose), None)
    if last is None or len(lines[last].text) > _MAX_BIO_CHARS or not _AUTHOR_BIO.match(lines[last].text):
        return span
    return (start, last) if _prose_chars(lines[start:last], scores) >= MIN_BODY_CHARS else span


def _past_unpunctuated_last_paragraph(lines: Sequence[Line], scores: Sequence[LineScore], start: int, end: int) -> int:
    """The run's end, past the line right under it when that line is a paragraph whose only evidence against it is
    its missing full stop (see `_unpunctuated_paragraph`): a blog post's last paragraph often ends without one."""
    if start < end < len(lines) and _unpunctuated_paragraph(lines[end], scores[end]):
        return end + 1
    return end


# A story's first paragraph sits right under its byline or dateline; a topics or tags box of a few lines may split
# it from the rest of the story, and one paragraph alone weighs too little to be widened to across that box.
_LEAD_GAP = 4


def _from_lead_under_byline(
    lines: Sequence[Line], scores: Sequence[LineScore], run: tuple[int, int], is_signed_head: Callable[[Line], bool]
) -> tuple[int, int]:
    """The run's start moved up to the paragraphs right under a signed byline or dateline, across at most
    `_LEAD_GAP` lines of chrome (none of them a head line)."""
    start, end = run
    i = start - 1
    while i >= 0 and start - 1 - i < _LEAD_GAP and not scores[i].is_prose and not is_signed_head(lines[i]):
        i -= 1
    if i == start - 1 or i < 0 or not scores[i].is_prose:
        return run
    while i > 0 and scores[i - 1].is_prose:
        i -= 1
    return (i, end) if i > 0 and is_signed_head(lines[i - 1]) else run


# A recipe card under a food blog's post: its title and yield, then ingredient lines (a quantity and a unit), then the
# method. It starts within `_RECIPE_REACH` lines of the run's end, holds at least `_MIN_INGREDIENTS` ingredients, and
# ends at the first line marked chrome that is no ingredient or at `_RECIPE_GAP` lines in a row that are neither prose
# nor ingredients.
_RECIPE_REACH, _MIN_INGREDIENTS, _RECIPE_GAP, _MAX_INGREDIENT_WORDS = 6, 3, 2, 14
_INGREDIENT = re.compile(
    r"^(?:\d+(?:[.,/-]\d+)?(?:\s*(?:[–-]|to|bis)\s*\d+(?:[.,/]\d+)?)?|\d+ \d/\d|[½¼¾⅓⅔⅛])\s*(?:[½¼¾⅓⅔⅛]\s*)?"
    r"(?:cups?|c\.|tablespoons?|tbsps?\.?|tbs\.?|"
    r"teaspoons?|tsps?\.?|pounds?|lbs?\.?|ounces?|oz\.?|grams?|g|kg|ml|l|liters?|litres?|cloves?|pinch|cans?|sticks?|"
    r"large|medium|small|whole|el|tl|prisen?|stück|gramm|kilogramm|milliliter|teelöffel|esslöffel|pck|päckchen|"
    r"packungen?|btl|beutel|msp|becher|dosen?|bund|zehen?|scheiben?|cubes?|slices?|dash(?:es)?|packages?|jars?)\b",
    re.I,
)


def _is_ingredient(line: Line) -> bool:
    return line.size <= _MAX_INGREDIENT_WORDS and _INGREDIENT.match(line.text) is not None


# A line of an ingredient list that names no unit ("2 eggs", "3 ripe pears"): a quantity first, a few words.
_QUANTITY_FIRST = re.compile(r"^(?:\d+(?:[.,/-]\d+)?|[½¼¾⅓⅔⅛])\s+\w")
_MAX_UNITLESS_INGREDIENT_WORDS = 6


def _listed_with_ingredients(lines: Sequence[Line], i: int) -> bool:
    """A quantity and a few words, in one block with an ingredient line right above or below it."""
    line = lines[i]
    if line.size > _MAX_UNITLESS_INGREDIENT_WORDS or _QUANTITY_FIRST.match(line.text) is None:
        return False
    return any(
        0 <= k < len(lines) and lines[k].block == line.block and _is_ingredient(lines[k]) for k in (i - 1, i + 1)
    )


def _ingredient_lines(lines: Sequence[Line], span: tuple[int, int]) -> set[int]:
    """The run's ingredient lines, with those naming no unit listed among them."""
    return {
        line.position
        for line in lines[span[0] : span[1]]
        if _is_ingredient(line) or _listed_with_ingredients(lines, line.position)
    }


def _past_recipe(lines: Sequence[Line], scores: Sequence[LineScore], end: int) -> int:
    """The run's end, past a recipe card that follows it (see above)."""
    first = next((i for i in range(end, min(len(lines), end + _RECIPE_REACH)) if _is_ingredient(lines[i])), None)
    if first is None or any(scores[i].marked_chrome for i in range(end, first)):
        return end
    stop, gap, ingredients = first, 0, 0
    while stop < len(lines) and gap < _RECIPE_GAP:
        ingredient = _is_ingredient(lines[stop])
        method = _heads_method(lines, scores, stop)  # recurs across a food blog's pages: chrome by that alone
        if scores[stop].marked_chrome and not (ingredient or method or scores[stop].is_prose):
            break  # ingredients have the shape of a menu, a step may name a chrome word ("... share the dish.")
        ingredients += ingredient
        gap = 0 if ingredient or method or scores[stop].is_prose else gap + 1
        stop += 1
    stop -= gap
    return stop if ingredients >= _MIN_INGREDIENTS else end


# A recipe card over its method: the ingredients end at most this many lines above the run of steps (the method's
# heading, step numbers, a nutrition box between).
_RECIPE_ABOVE_REACH = 12


def _from_recipe_card_above(lines: Sequence[Line], start: int) -> int:
    """The run's start moved up to the ingredients of the recipe card whose method the run is: at least
    `_MIN_INGREDIENTS` of them ending within `_RECIPE_ABOVE_REACH` lines above it, read up to `_RECIPE_GAP` lines in
    a row that are none (a group's label, "Filling:"). The HTML extractor keeps a recipe's ingredients with its
    steps."""
    last = next(
        (i for i in range(start - 1, max(-1, start - 1 - _RECIPE_ABOVE_REACH), -1) if _is_ingredient(lines[i])), None
    )
    if last is None:
        return start
    first, gap, ingredients, i = last, 0, 0, last
    while i >= 0 and gap < _RECIPE_GAP:
        if _is_ingredient(lines[i]) or _listed_with_ingredients(lines, i):
            first, gap, ingredients = i, 0, ingredients + _is_ingredient(lines[i])
        else:
            gap += 1
        i -= 1
    return first if ingredients >= _MIN_INGREDIENTS else start


def _heads_method(lines: Sequence[Line], scores: Sequence[LineScore], i: int) -> bool:
    """A heading of the card's method over its steps ("Directions:", "Zubereitung:"): a short line ending with a
    colon, prose under it."""
    return (
        lines[i].size <= _MAX_HEADING_WORDS
        and lines[i].text.endswith(":")
        and i + 1 < len(lines)
        and scores[i + 1].is_prose
    )


# A list the article ends with is read up to this many items.
_MAX_CLOSING_ITEMS = 80


def _past_closing_list(lines: Sequence[Line], scores: Sequence[LineScore], start: int, end: int) -> int:
    """The run's end, past the list its last line introduces ("Tour dates:", "You will need:"): the items that
    follow, each a phrase of a few words, none marked chrome, belong to the article though they do not read as
    prose."""
    if start >= end or not lines[end - 1].text.endswith(":") or not scores[end - 1].is_prose:
        return end
    stop = end
    while stop < min(len(lines), end + _MAX_CLOSING_ITEMS) and _may_be_item(lines[stop], scores[stop]):
        stop += 1
    return stop if stop - end >= _MIN_LIST_ITEMS else end


def _above_comments(
    lines: Sequence[Line], scores: Sequence[LineScore], lexicon: Lexicon
) -> tuple[Sequence[Line], Sequence[LineScore]]:
    """The lines where the body is looked for: those above a comment section, when they hold some prose."""
    start = comment_section_start(lines, lexicon)
    if (
        start is None
        and (start := comment_thread_start(lines, lexicon)) is not None
        and _prose_chars(lines[:start], scores) < _MIN_PROSE_ABOVE_COMMENTS
    ):
        return lines, scores  # the thread may be the page (a forum): no post above it to prefer
    above = _prose_chars(lines[:start], scores) if start is not None else 0
    if start is None or above < MIN_BODY_CHARS:
        return lines, scores
    if above < _MIN_PROSE_ABOVE_COMMENTS:
        # The article may lie under a toolbar's comment count, and the comments under their own heading further down.
        later = comment_section_start(lines[start + 1 :], lexicon)
        if _article_below(lines[:later], scores[:later], start, lexicon):
            return lines[:later], scores[:later]
    return lines[:start], scores[:start]


# Above a comment heading with less prose than this, the heading may be the comment count of the article's toolbar
# ("193 comments / Print / 24 / Jul / 2012"), over the headline: see `_article_below`.
_MIN_PROSE_ABOVE_COMMENTS = 300


def _article_below(lines: Sequence[Line], scores: Sequence[LineScore], start: int, lexicon: Lexicon) -> bool:
    """The densest run of prose below the comment heading starts right under it and holds hardly a line
    introducing a comment (a name with a date, "Reply", a number alone): an article's paragraphs, not readers'
    comments, each of which has its introduction."""
    below, below_scores = lines[start + 1 :], scores[start + 1 :]
    first, last = densest_run(below, below_scores)
    run = below[first:last]
    prose = sum(1 for line in run if below_scores[line.position - start - 1].is_prose)
    introductions = sum(1 for line in run if introduces_comment(line, lexicon))
    return (
        first <= _ARTICLE_UNDER_COUNT
        and prose >= _MIN_ARTICLE_LINES
        and introductions * _LINES_PER_INTRODUCTION < len(run)
    )


# An article under a comment count starts within a head's few lines (date, headline, byline, picture) of it, runs
# to a few paragraphs at least, and a line of it may read like a comment's introduction ("She said:") only now and
# then: comments have one every few lines.
_ARTICLE_UNDER_COUNT, _MIN_ARTICLE_LINES, _LINES_PER_INTRODUCTION = 12, 3, 10


def _prose_chars(lines: Sequence[Line], scores: Sequence[LineScore]) -> int:
    return sum(weighed_chars(line.text) for line in lines if scores[line.position].is_prose)


def _first_paragraph(
    lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int], parsed_captions: dict[int, Caption]
) -> int:
    """Where the body proper starts: the run may open with the lead picture's caption, the byline and date."""
    for line in lines[span[0] : span[1]]:
        if scores[line.position].is_prose and line.position not in parsed_captions:
            return line.position
    return span[0]


def _byline_and_date(
    lines: Sequence[Line],
    scores: Sequence[LineScore],
    start: int,
    lexicon: Lexicon,
    recurring: frozenset[str],
    end: int | None = None,
) -> tuple[tuple[tuple[str, ...], int | None], tuple[str | None, int | None]]:
    """The byline and the publication date, each with the position of its line, around the body's `start`."""
    head = lines[max(0, start - header.HEAD_WINDOW) : start]
    opening = lines[start : start + header.BYLINE_BELOW_BODY_START]
    byline = header.find_byline(head, opening, scores, lexicon, recurring)
    published = header.find_published(lines, head, lexicon, lines[start : start + header.DATELINE_BELOW_BODY_START])
    published = _dateline_by_byline(lines, byline[1], published, lexicon)
    dated_at = published[1]
    if not byline[0] and dated_at is not None and dated_at < start - header.HEAD_WINDOW:
        # A page whose head sits far above the body (a paywall's teaser, boxes between): the byline is by the
        # dateline that says it is the publication date.
        beside = lines[max(0, dated_at - _BYLINE_OVER_DATELINE) : dated_at + 1]
        byline = header.find_byline(beside, (), scores, lexicon, recurring)
    if not byline[0] and end is not None:
        # An author box under the article ("Kommentar von" / "Jane Roe" / "Redakteurin"): a prefix is needed.
        byline = header.find_author_box(lines[end : end + _AUTHOR_BOX_BELOW_BODY], lexicon)
    if published[0] is None and end is not None:
        # A dateline printed under the story, among its topics and its author box, where the head has none.
        published = header.first_dateline(lines[end : end + _AUTHOR_BOX_BELOW_BODY], lexicon)
    return byline, published


def _dateline_by_byline(
    lines: Sequence[Line], byline_at: int | None, published: tuple[str | None, int | None], lexicon: Lexicon
) -> tuple[str | None, int | None]:
    """The date on the byline's line or right under it, over a date found higher up that does not say it is the
    publication date: a site's bar prints the day's date over its menu ("Wednesday, 2 March 2031"), the story's
    dateline goes with its byline ("By Jane Roe | 1 March 2031")."""
    dated_at = published[1]
    if byline_at is None or dated_at is None or dated_at >= byline_at:
        return published
    if lexicon.published_cue.search(lines[dated_at].text):
        return published
    by_byline = header.first_dateline(lines[byline_at : byline_at + _DATELINE_UNDER_BYLINE + 1], lexicon)
    # The same date found twice keeps its first line: the line stays where the headline is looked for from.
    return by_byline if by_byline[0] not in (None, published[0]) else published


# How far under the byline's line its dateline may sit (the name printed twice, a role between).
_DATELINE_UNDER_BYLINE = 2


# How far under the body's last line an author box may sit (a feedback prompt, the topics between).
_AUTHOR_BOX_BELOW_BODY = 8


# How far above a dateline its byline may sit ("By Jane Roe" / "Published Jun 05, 2026").
_BYLINE_OVER_DATELINE = 3


def _read_head(
    lines: Sequence[Line],
    scores: Sequence[LineScore],
    span: tuple[int, int],
    lexicon: Lexicon,
    recurring: frozenset[str],
    parsed_captions: dict[int, Caption],
) -> header.Head:
    start = _first_paragraph(lines, scores, span, parsed_captions)
    head = lines[max(0, start - header.HEAD_WINDOW) : start]
    (byline, byline_at), (published, published_at) = _byline_and_date(lines, scores, start, lexicon, recurring, span[1])
    anchors = frozenset(p for p in (byline_at, published_at) if p is not None and p < start)
    context = header.title_context(lines, scores, start, lexicon)
    region = _title_region(lines, scores, (head, start), anchors, byline_at, lexicon, recurring)
    title = _nearest_copy(header.find_title(region, scores, anchors, lexicon, recurring, context), head)
    stops = [a for a in anchors if title is not None and a > title.position]
    dek = header.find_dek(head, title, min(stops)) if stops else None
    used = {p for p in (byline_at, published_at) if p is not None}  # a byline in the opening lines too
    used.update(line.position for line in (title, dek) if line is not None)
    return header.Head(
        site=header.find_site(lines),
        title=header.headline_text(title.text, lexicon) if title else None,
        dek=dek.text if dek else None,
        byline=byline,
        published=published,
        used=frozenset(used),
    )


def _nearest_copy(title: Line | None, head: Sequence[Line]) -> Line | None:
    """The headline where it stands over the story: a teaser list higher up may show it too, and the candidate
    read there would leave the line over the story free to be taken for something else (a caption)."""
    if title is None:
        return None
    return max((line for line in head if line.text == title.text), key=lambda line: line.position, default=title)


def _title_region(
    lines: Sequence[Line],
    scores: Sequence[LineScore],
    head_and_start: tuple[Sequence[Line], int],
    anchors: frozenset[int],
    byline_at: int | None,
    lexicon: Lexicon,
    recurring: frozenset[str],
) -> Sequence[Line]:
    """Where the headline is looked for: the head (`_title_head`); when it holds no candidate and the byline sits in
    the body's opening lines, the short lines between the body's first paragraph and the byline (a notice over the
    story, such as an affiliate-links disclaimer, was taken for its first paragraph)."""
    head, start = head_and_start
    region = _title_head(lines, head, anchors)
    in_opening = byline_at is not None and start < byline_at <= start + header.BYLINE_BELOW_BODY_START
    if byline_at is None or not in_opening or header.title_candidates(region, scores, anchors, lexicon, recurring):
        return region
    return [line for line in lines[start:byline_at] if line.size <= _MAX_HEADLINE_WORDS_IN_OPENING]


# A line of the body's opening longer than this is its lead paragraph, never a headline.
_MAX_HEADLINE_WORDS_IN_OPENING = 20


def _title_head(lines: Sequence[Line], head: Sequence[Line], anchors: frozenset[int]) -> Sequence[Line]:
    """Where the headline is looked for: the head, and the lines just over the first byline or dateline when
    those sit at the head's top or above it (a paywall's or a video's blocks between the head and the body). When
    they sit above the whole head, only over them: the story's head is there, and the head window near the body
    holds the boxes between (a subscription offer, a list of other stories, a section's heading of the body)."""
    if not anchors or not head:
        return head
    first = min(anchors)
    above = lines[max(0, first - header.TITLE_TO_ANCHOR) : min(first, head[0].position)]
    return above if first < head[0].position else [*above, *head]


def title_evidence(text: str, recurring: frozenset[str]) -> list[tuple[str, dict[str, float]]]:
    """Each headline candidate of a dump with its evidence, as `header.find_title` weighs it (for fitting the
    title model: bench/train_title.py); empty when the dump holds no article."""
    try:
        reading = _read(text, recurring)
    except Rejected:
        return []
    lines, scores, lexicon = reading.lines, reading.scores, reading.lexicon
    start = _first_paragraph(lines, scores, reading.span, reading.parsed_captions)
    head = lines[max(0, start - header.HEAD_WINDOW) : start]
    (_, byline_at), (_, published_at) = _byline_and_date(lines, scores, start, lexicon, recurring)
    anchors = frozenset(p for p in (byline_at, published_at) if p is not None and p < start)
    region = _title_region(lines, scores, (head, start), anchors, byline_at, lexicon, recurring)
    candidates = header.title_candidates(region, scores, anchors, lexicon, recurring)
    context = header.title_context(lines, scores, start, lexicon)
    features = header.title_features(candidates, scores, anchors, lexicon, context)
    return [(header.headline_text(line.text, lexicon), found) for line, found in zip(candidates, features, strict=True)]
