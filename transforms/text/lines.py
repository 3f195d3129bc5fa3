"""A text dump as a sequence of non-blank lines, each remembering its neighbourhood."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Inscriptis renders list bullets as "o " or "* "; the benchmark dumps keep some of them.
_BULLET = re.compile(r"^(?:o|\*|•|·|▪)\s+(?=\S)")
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: `position` counts non-blank lines; `block` counts blank-line-separated blocks."""

    position: int
    block: int
    text: str
    words: tuple[str, ...]


def normalise_space(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    block = 0
    for raw in text.splitlines():
        cleaned = normalise_space(raw)
        if not cleaned:
            block += 1
            continue
        cleaned = _BULLET.sub("", cleaned)
        lines.append(Line(len(lines), block, cleaned, tuple(_WORDS.findall(cleaned))))
    return lines
