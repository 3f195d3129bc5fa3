"""Elasticsearch's highlighted passages turned into text plus match spans.

The highlighter is asked to wrap matches in two private-use characters rather than tags, so the text it returns is
the passage as stored with only those marks added; they are read here into spans and removed. Nothing downstream
ever parses markup out of stored text.
"""

from __future__ import annotations

import re

from store.search_types import Highlighted, Span

MARK_PRE, MARK_POST = "\ue000", "\ue001"
_MARKED = re.compile(f"{MARK_PRE}([^{MARK_PRE}{MARK_POST}]*){MARK_POST}")


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return tuple(merged)


def from_marked(marked: str) -> Highlighted:
    """ "a \\ue000b\\ue001 c" -> Highlighted("a b c", ((2, 3),)). A stray mark (a passage that itself contains one
    of these characters) is dropped rather than trusted."""
    spans: list[Span] = []
    pieces: list[str] = []
    cursor = length = 0
    for match in _MARKED.finditer(marked):
        before = _unmarked(marked[cursor : match.start()])
        pieces.append(before)
        length += len(before)
        pieces.append(match.group(1))
        spans.append((length, length + len(match.group(1))))
        length += len(match.group(1))
        cursor = match.end()
    pieces.append(_unmarked(marked[cursor:]))
    return Highlighted(text="".join(pieces), spans=_merged(spans))


def _unmarked(text: str) -> str:
    return text.replace(MARK_PRE, "").replace(MARK_POST, "")
