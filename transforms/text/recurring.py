"""Chrome by repetition: lines that recur across many dumps of one batch."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from transforms.text.lines import line_texts, reads_as_sentence

# A line must appear in at least this many dumps to count as recurring at all ...
MIN_DUMPS = 3
# ... and, when it looks like prose (a sentence could legitimately be quoted by several articles), in at least
# this share of the batch: a sentence shared by half the batch is boilerplate even when it reads as prose.
PROSE_SHARE = 0.5


def recurring_lines(texts: Sequence[str]) -> frozenset[str]:
    """Lines (whitespace-normalised, as `split_lines` gives them) found in several dumps of the batch."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(line_texts(text)))
    prose_floor = max(MIN_DUMPS, int(PROSE_SHARE * len(texts) + 0.999))
    return frozenset(
        line
        for line, seen in counts.items()
        if seen >= MIN_DUMPS and (seen >= prose_floor or not reads_as_sentence(line))
    )
