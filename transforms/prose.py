"""What counts as a paragraph of prose: one rule for every place that weighs text by how much of it is prose.

The HTML walk uses it to tell a furniture-looking wrapper that holds the story from real furniture, and the
body selection to measure containers; both read it here, with the same thresholds.

Public API (stable):
- `PROSE_MIN_CHARS`, `PROSE_MAX_LINK_DENSITY`: a paragraph of prose is at least this long and at most this
  much link text.
- `link_density(text, link_chars) -> float`: the share of the text inside links (1.0 for no text).
- `is_prose_text(text, link_chars) -> bool`: long enough and not a list of links.
"""

from __future__ import annotations

PROSE_MIN_CHARS = 80
PROSE_MAX_LINK_DENSITY = 0.2


def link_density(text: str, link_chars: int) -> float:
    return link_chars / len(text) if text else 1.0


def is_prose_text(text: str, link_chars: int) -> bool:
    return len(text) >= PROSE_MIN_CHARS and link_density(text, link_chars) <= PROSE_MAX_LINK_DENSITY
