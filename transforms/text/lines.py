"""A text dump as a sequence of non-blank lines, each remembering its neighbourhood."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from transforms.captions import CREDIT_LABEL

# Inscriptis renders list bullets as "o " or "* "; the benchmark dumps keep some of them.
_BULLET_STARTS = frozenset("o*•·▪")
_BULLET = re.compile(r"^(?:o|\*|•|·|▪)\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: `position` counts non-blank lines; `block` counts blank-line-separated blocks."""

    position: int
    block: int
    text: str
    words: tuple[str, ...]
    folded: str  # case-folded text, for the lexicon's patterns
    terminal: bool  # ends like a sentence (computed once: every stage asks)
    size: int  # length in words; for scripts written without spaces, characters / 2


# Sentence-final punctuation, possibly inside closing quotes or brackets (German closes with “ and ‘, French with a
# spaced ») or before a wiki's footnote marks ("[3]"); or a closing quote alone. Scripts with stops of their own end
# sentences with them: Chinese and Japanese (。！？), Arabic and Urdu (؟ ۔), Hindi (।).
_TERMINAL = re.compile(r"[.!?…:;。！？؟۔।](?:\[\d{1,3}\]|['\"”“’‘»«)\]」』]| [»«])*$|['\"”“’」』]$")
# Chinese and Japanese are written without spaces: about two characters make a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


def _size(text: str, spaced_words: int) -> int:
    if text.isascii():
        return spaced_words
    unspaced = len(_UNSPACED.findall(text))
    return max(spaced_words, spaced_words + unspaced // 2) if unspaced else spaced_words


def weighed_chars(text: str) -> int:
    """Length in characters as a spaced script writes them: two unspaced characters make a word, which takes about
    six characters with its space in a spaced script; so each counts three (a Japanese story's 150 characters say
    as much as 450 of an English one)."""
    if text.isascii():
        return len(text)
    return len(text) + 2 * len(_UNSPACED.findall(text))


def has_terminal_punctuation(text: str) -> bool:
    return _TERMINAL.search(text) is not None


# A sentence has at least this many words; shorter, it is a label or a fragment whatever its punctuation.
SENTENCE_MIN_WORDS = 3


def reads_as_sentence(text: str) -> bool:
    """Long enough to be a sentence and ending like one: the shape of prose, whatever else the line is."""
    return len(text.split()) >= SENTENCE_MIN_WORDS and has_terminal_punctuation(text)


def normalise_space(text: str) -> str:
    """Runs of whitespace (Unicode spaces included) to one space; str.split is much faster than a regex."""
    return " ".join(text.replace("\u200b", " ").split())


def clean_line(raw: str) -> str:
    """A raw line as the extractor sees it: whitespace normalised, list bullet dropped ("" for a blank)."""
    cleaned = normalise_space(raw)
    return _BULLET.sub("", cleaned) if cleaned[:1] in _BULLET_STARTS else cleaned


# Hard-wrapped prose (a press release or a <pre> block, cut at a fixed width): a block of at least this many lines,
# none longer than the width limit, every line but the last at least this share of the longest, long enough to be
# prose, and at least this share of its breaks falling mid-sentence (the next line opening in lower case). In a
# block of `_LONG_WRAPPED_LINES` lines or more, a paragraph's last line inside the block or a line cut before a long
# word or a link is short: a quarter of the width still tells a wrapped line from a heading or a label there; a
# shorter block's lines are held to more (a byline block: names, a date, a picture's credit).
_MIN_WRAPPED_LINES, _MAX_WRAP_WIDTH, _WRAP_FILL, _MIN_WRAP_MEAN = 3, 100, 0.7, 40
_LONG_WRAPPED_LINES, _LONG_WRAP_FILL = 4, 0.25
_MIN_MID_SENTENCE_BREAKS = 0.2


def _is_hard_wrapped(block: list[str]) -> bool:
    if len(block) < _MIN_WRAPPED_LINES:
        return False
    widths = [len(line) for line in block]
    widest = max(widths)
    if widest > _MAX_WRAP_WIDTH or sum(widths[:-1]) / (len(widths) - 1) < _MIN_WRAP_MEAN:
        return False
    fill = _LONG_WRAP_FILL if len(block) >= _LONG_WRAPPED_LINES else _WRAP_FILL
    if any(width < fill * widest for width in widths[:-1]):
        return False
    mid_sentence = sum(1 for line in block[1:] if line[0].islower())
    return mid_sentence >= _MIN_MID_SENTENCE_BREAKS * (len(block) - 1)


# A page laid out in a table of columns is copied row by row, its cells padded with spaces to the columns' widths:
# a run of this many spaces inside a line separates two cells (a menu's item and a paragraph), never two words of
# prose. A block is a layout's when a row of it holds a paragraph beside one or two other cells; a table of data
# (scores, prices) holds more cells or short values only, and keeps its rows whole.
_CELL_GAP = re.compile(r"(?<=\S)[ \t\u00a0]{3,}(?=\S)")
_PARAGRAPH_CELL_WORDS = 8
# A layout's row has a few cells (navigation, story, sidebar); a row of more is a table of data's.
_MAX_LAYOUT_CELLS = 3
# A layout's block with at least this many rows of several cells interleaves two columns all along.
_MIN_ROWS_IN_COLUMNS = 3
# A label of a navigation column: a few words, no sentence's end.
_MAX_LABEL_WORDS = 4


def _cells(raw: str) -> list[str]:
    return [cleaned for cell in _CELL_GAP.split(raw) if (cleaned := clean_line(cell))]


def _block_lines(rows: list[list[str]], width: int | None = None) -> list[str]:
    """A block's lines from its rows' cells: each cell a line of its own in a layout's block (navigation labels
    first, see `_labels_first`), each row a line otherwise, a hard-wrapped block joined into its paragraph, and
    in a dump wrapped at `width` (see `_wrap_width`) each paragraph of the block joined."""
    several = [row for row in rows if len(row) > 1]
    layout = [row for row in several if len(row) <= _MAX_LAYOUT_CELLS]
    if any(len(cell.split()) >= _PARAGRAPH_CELL_WORDS for row in layout for cell in row):
        cells = [cell for row in rows for cell in row]
        return _labels_first(cells) if len(several) >= _MIN_ROWS_IN_COLUMNS else cells
    block = [" ".join(row) for row in rows]
    if _is_hard_wrapped(block):
        return [" ".join(block)]
    return _joined_at_width(block, width) if width is not None else block


# A dump wrapped at a fixed width all along (a plain-text page, a story in a <pre> block) breaks its sentences at
# about that width, its paragraphs' last lines short, a blank line or none between paragraphs: at least
# `_MIN_WIDTH_BREAKS` lines of at least `_MIN_BREAK_WORDS` words ending mid-sentence (see `_breaks_mid_sentence`),
# at least `_WIDTH_SHARE` of them within the band of the wrap width (the 80th percentile of their lengths: from
# `_BAND_LOW` of it to `_BAND_SLACK` characters over it), at least `_MIN_WRAP_WIDTH` characters wide. A menu or a
# page of short notes has no such width. Within each block, a line in the band is joined with the next.
_MIN_WIDTH_BREAKS, _MIN_BREAK_WORDS, _WIDTH_SHARE, _BAND_LOW, _BAND_SLACK, _MIN_WRAP_WIDTH = 4, 6, 0.7, 0.7, 10, 40
_MAX_BREAK_CHARS = 130
# Prose capitalises fewer of its words than this share (German too); a title or a list of titles, more.
_MAX_CAPITALISED_SHARE = 0.5


def _breaks_mid_sentence(line: str, below: str) -> bool:
    """`line` ends where the wrap broke a sentence of prose: a small word or a comma last, the next line of its block
    going on in lower case, neither a title's run of capitalised words ("... Ideas For Halloween" / "beauty tips")."""
    words = line.split()
    return (
        below[:1].islower()
        and len(below.split()) > 1
        and len(line) <= _MAX_BREAK_CHARS
        and len(words) >= _MIN_BREAK_WORDS
        and (words[-1].islower() or line.endswith(","))
        and not _capitalised(words)
    )


def _capitalised(words: list[str]) -> bool:
    return sum(1 for word in words if word[0].isupper()) >= _MAX_CAPITALISED_SHARE * len(words)


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The width the dump's text is wrapped at (see above), None when it is not."""
    widths = sorted(
        len(line) for block in blocks for line, below in pairwise(block) if _breaks_mid_sentence(line, below)
    )
    if len(widths) < _MIN_WIDTH_BREAKS:
        return None
    width = widths[int(0.8 * len(widths))]
    in_band = sum(1 for found in widths if _in_band(found, width))
    return width if width >= _MIN_WRAP_WIDTH and in_band >= _WIDTH_SHARE * len(widths) else None


def _in_band(length: int, width: int) -> bool:
    return _BAND_LOW * width <= length <= width + _BAND_SLACK


def _joined_at_width(block: list[str], width: int) -> list[str]:
    """The block's lines, each line of about the wrap width joined with the next, and each line breaking a sentence
    (see `_breaks_mid_sentence`: cut short before a long word) joined with the one it breaks into: one paragraph's
    lines. A line of capitalised words is a title whatever its width (a list of other stories beside the text)."""
    out: list[str] = []
    joining = False
    for line in block:
        if joining or (out and _breaks_mid_sentence(out[-1], line)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joining = _in_band(len(line), width) and not _capitalised(line.split())
    return out


def _labels_first(cells: list[str]) -> list[str]:
    """Two columns copied row by row interleave a navigation column's labels with the main column's paragraphs:
    the labels are read first, as the column they were, and the paragraphs run on."""
    return [cell for cell in cells if _is_label(cell)] + [cell for cell in cells if not _is_label(cell)]


def _is_label(line: str) -> bool:
    return len(line.split()) <= _MAX_LABEL_WORDS and not has_terminal_punctuation(line)


def _unwrapped(text: str) -> list[str]:
    """The dump's cleaned lines ("" between blocks), each block as `_block_lines` reads it, an over-long line cut
    into its sentences (see `_sentences_of`)."""
    out: list[str] = []
    blocks = _row_blocks(text)
    width = _wrap_width([[" ".join(row) for row in rows] for rows in blocks])
    for rows in blocks:
        for line in _block_lines(rows, width):
            out.extend(_sentences_of(line) if len(line) > _MAX_LINE_CHARS else (line,))
        out.append("")
    return out[:-1]


def _row_blocks(text: str) -> list[list[list[str]]]:
    """The dump's blocks (blank-line separated, one empty block per blank line), each its rows' cells."""
    blocks: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for raw in [*text.splitlines(), ""]:
        found = _cells(raw)
        if found:
            rows.append(found)
            continue
        blocks.append(rows)
        rows = []
    return blocks


# A line longer than this is no paragraph but a page copied without its line breaks (menus, story, sidebars run
# together): it is read sentence by sentence, so that the story's sentences can be told from the rest.
_MAX_LINE_CHARS = 2000
# A sentence ends (punctuation after a small letter or a digit, not after an initial, maybe a closing quote) before a
# space and a capital or an opening quote; an inline list bullet (" * ", " · ") separates two items.
_SENTENCE_END = re.compile(r"(?<=[a-zß-ÿ0-9%)])([.!?…][\"”’)\]]?)\s+(?=[\"“‘(\[]?[A-ZÀ-ÖØ-Þ])")
_INLINE_BULLET = re.compile(r"\s+[*·•|]\s+")


# Cut into sentences, the line must give at least one piece per this many characters: a page's text run together
# does, a long list of names or tags with an initial or two in it does not (kept whole).
_CHARS_PER_SENTENCE = 400


def _sentences_of(line: str) -> list[str]:
    cut = _INLINE_BULLET.sub("\n", _SENTENCE_END.sub("\\1\n", line))
    pieces = [piece for piece in (part.strip() for part in cut.split("\n")) if piece]
    return pieces if len(pieces) * _CHARS_PER_SENTENCE >= len(line) else [line]


def line_texts(text: str) -> list[str]:
    """The text of each non-blank line, as `split_lines` reads them."""
    return [line for line in _labels_joined(_unwrapped(text)) if line]


# A credit's label alone on its line ("Foto:", "Photo by"): the credit is on the next line, at most this long.
_MAX_LABELLED_CREDIT_WORDS = 10


def _is_label_alone(text: str) -> bool:
    label = CREDIT_LABEL.match(text)
    return label is not None and label.end() == len(text)


def _labels_joined(texts: list[str]) -> list[str]:
    """A credit's label alone on a line ("Foto:" / "Andrew Harnik / AP") joined to the credit on the next
    non-blank line, as one credit line."""
    out: list[str] = []
    label: str | None = None
    for text in texts:
        if label is not None and text:
            if len(text.split()) <= _MAX_LABELLED_CREDIT_WORDS:
                text = f"{label} {text}"
            else:
                out.append(label)
            label = None
        if text and _is_label_alone(text):
            label = text
            continue
        out.append(text)
    return out if label is None else [*out, label]


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    block = 0
    for cleaned in _labels_joined(_unwrapped(text)):
        if not cleaned:
            block += 1
            continue
        lines.append(make_line(len(lines), block, cleaned))
    return lines


# A sentence a blogger ends with an emoji or an emoticon instead of (or after) its full stop ("... gefällt mir 😉").
_SMILEY_END = re.compile(r"\s(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?|[:;]-?[)(DPp])+\s*\)?$")


def make_line(position: int, block: int, text: str) -> Line:
    """The line of `text` (already cleaned) at `position`, in blank-line-separated block `block`."""
    words = tuple(text.split())
    terminal = has_terminal_punctuation(text) or (
        len(words) > SENTENCE_MIN_WORDS and _SMILEY_END.search(text) is not None
    )
    return Line(position, block, text, words, text.casefold(), terminal, _size(text, len(words)))
