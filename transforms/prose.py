"""What counts as a paragraph of prose: one rule for every place that weighs text by how much of it is prose.

The HTML walk uses it to tell a furniture-looking wrapper that holds the story from real furniture, and the
body selection to measure containers; both read it here, with the same thresholds.

Public API (stable):
- `PROSE_MIN_CHARS`, `PROSE_MAX_LINK_DENSITY`: a paragraph of prose is at least this long and at most this
  much link text.
- `link_density(text, link_chars) -> float`: the share of the text inside links (1.0 for no text).
- `is_prose_text(text, link_chars) -> bool`: long enough and not a list of links.
- `without_repeated_runs(paragraphs) -> list[str]`: the paragraphs with a run the page prints again kept once.
"""

from __future__ import annotations

from collections.abc import Sequence

PROSE_MIN_CHARS = 80
PROSE_MAX_LINK_DENSITY = 0.2


def link_density(text: str, link_chars: int) -> float:
    return link_chars / len(text) if text else 1.0


def is_prose_text(text: str, link_chars: int) -> bool:
    return len(text) >= PROSE_MIN_CHARS and link_density(text, link_chars) <= PROSE_MAX_LINK_DENSITY


# A run of paragraphs printed again is the same story shown twice (once for screen and once for print or AMP, a
# block a CMS repeats): at least this many paragraphs in a row, at least one of them prose. A single short line
# repeated (a refrain, a one-word paragraph, a table's label) is the text's own and stays.
_MIN_REPEATED_RUN = 2


def without_repeated_runs(paragraphs: Sequence[str]) -> list[str]:
    """The paragraphs without the second copy of a run of them printed twice (see above): an archived article
    carries its paragraphs once."""
    kept: list[str] = []
    at: dict[str, list[int]] = {}
    i = 0
    while i < len(paragraphs):
        run = max((_common_run(paragraphs, j, i) for j in at.get(paragraphs[i], ())), default=0)
        if run >= _MIN_REPEATED_RUN and any(len(text) >= PROSE_MIN_CHARS for text in paragraphs[i : i + run]):
            i += run
            continue
        at.setdefault(paragraphs[i], []).append(i)
        kept.append(paragraphs[i])
        i += 1
    return kept


def _common_run(paragraphs: Sequence[str], earlier: int, later: int) -> int:
    """How many paragraphs from `later` on repeat those from `earlier` on (the earlier copy ends where the later
    one starts)."""
    length = 0
    while (
        later + length < len(paragraphs)
        and earlier + length < later
        and paragraphs[earlier + length] == paragraphs[later + length]
    ):
        length += 1
    return length
