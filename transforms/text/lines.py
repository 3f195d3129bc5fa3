"""A text dump as a sequence of non-blank lines, each remembering its neighbourhood."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


# Sentence-final punctuation, possibly inside closing quotes or brackets; or a closing quote alone.
_TERMINAL = re.compile(r"[.!?…:;。！？]['\"”’)\]」』]*$|['\"”’」』]$")
# Chinese and Japanese are written without spaces: about two characters make a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


def _size(text: str, spaced_words: int) -> int:
    if text.isascii():
        return spaced_words
    unspaced = len(_UNSPACED.findall(text))
    return max(spaced_words, spaced_words + unspaced // 2) if unspaced else spaced_words


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
# none longer than the width limit, every line but the last at least this share of the longest, long enough to
# be prose, and at least this share of its breaks falling mid-sentence (the next line opening in lower case).
_MIN_WRAPPED_LINES, _MAX_WRAP_WIDTH, _WRAP_FILL, _MIN_WRAP_MEAN = 3, 100, 0.7, 40
_MIN_MID_SENTENCE_BREAKS = 0.3


def _is_hard_wrapped(block: list[str]) -> bool:
    if len(block) < _MIN_WRAPPED_LINES:
        return False
    widths = [len(line) for line in block]
    widest = max(widths)
    if widest > _MAX_WRAP_WIDTH or sum(widths[:-1]) / (len(widths) - 1) < _MIN_WRAP_MEAN:
        return False
    if any(width < _WRAP_FILL * widest for width in widths[:-1]):
        return False
    mid_sentence = sum(1 for line in block[1:] if line[0].islower())
    return mid_sentence >= _MIN_MID_SENTENCE_BREAKS * (len(block) - 1)


def _unwrapped(text: str) -> list[str]:
    """The dump's cleaned lines ("" for a blank), each hard-wrapped block joined into the paragraph it was."""
    out: list[str] = []
    block: list[str] = []
    for raw in [*text.splitlines(), ""]:
        cleaned = clean_line(raw)
        if cleaned:
            block.append(cleaned)
            continue
        out.extend([" ".join(block)] if _is_hard_wrapped(block) else block)
        out.append("")
        block = []
    return out[:-1]


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    block = 0
    for cleaned in _unwrapped(text):
        if not cleaned:
            block += 1
            continue
        words = tuple(cleaned.split())
        lines.append(
            Line(
                len(lines),
                block,
                cleaned,
                words,
                cleaned.casefold(),
                has_terminal_punctuation(cleaned),
                _size(cleaned, len(words)),
            )
        )
    return lines
