"""Chrome by repetition: lines that recur across many dumps of one batch."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

from transforms.text.lines import line_texts, reads_as_sentence

# A line must appear in at least this many dumps to count as recurring at all ...
MIN_DUMPS = 3
# ... and, when it looks like prose (a sentence could legitimately be quoted by several articles), in at least
# this share of the batch: a sentence shared by half the batch is boilerplate even when it reads as prose.
PROSE_SHARE = 0.5


class RecurringLines(frozenset[str]):
    """Lines recurring across a batch's dumps (chrome by repetition), and apart from them `site_blurbs`: sentences
    under the prose share (or in two dumps only, alone there: see `_isolated`) that one site prints in one place of
    every page of it in the batch (see `_site_blurbs`).
    A plain frozenset of lines is read as holding no blurbs; the extractor reads blurbs as chrome when the story
    stands without them (see `extract._without_site_blurbs`)."""

    site_blurbs: frozenset[str]

    def __new__(cls, lines: Iterable[str] = (), site_blurbs: Iterable[str] = ()) -> RecurringLines:
        self = super().__new__(cls, lines)
        self.site_blurbs = frozenset(site_blurbs)
        return self


def site_blurbs(recurring: frozenset[str]) -> frozenset[str]:
    """The batch's site blurbs (see `RecurringLines`); none for a plain set of lines."""
    return recurring.site_blurbs if isinstance(recurring, RecurringLines) else frozenset()


def recurring_lines(texts: Sequence[str]) -> RecurringLines:
    """Lines (whitespace-normalised, as `split_lines` gives them) found in several dumps of the batch."""
    ordered = [line_texts(text) for text in texts]
    dumps = [set(lines) for lines in ordered]
    counts: Counter[str] = Counter()
    for lines in dumps:
        counts.update(lines)
    prose_floor = max(MIN_DUMPS, int(PROSE_SHARE * len(texts) + 0.999))
    several = [line for line, seen in counts.items() if seen >= MIN_DUMPS]
    recurring = [line for line in several if counts[line] >= prose_floor or not reads_as_sentence(line)]
    in_two = {line for line, seen in counts.items() if seen == _PAIR and reads_as_sentence(line)}
    sentences = _in_one_place(ordered, set(several).difference(recurring) | _isolated(ordered, in_two))
    return RecurringLines(recurring, _site_blurbs(dumps, sentences))


# A site with two pages in the batch shows its blurb on both; so do two versions of one story (an update saved apart)
# show its paragraphs, but those come in a row: a sentence in two dumps only is a blurb candidate when no other such
# sentence is right above or below it in either.
_PAIR = 2


def _isolated(ordered: Sequence[list[str]], shared: set[str]) -> set[str]:
    """The sentences of `shared` with no other of them right above or below them in any dump."""
    crowded: set[str] = set()
    for lines in ordered:
        for a, b in pairwise(lines):
            if a in shared and b in shared:
                crowded.update((a, b))
    return shared - crowded


def _in_one_place(ordered: Sequence[list[str]], sentences: set[str]) -> set[str]:
    """The sentences each found in one place of a template: under the same line wherever they are, or over the same
    line. A post's own paragraph shown as an excerpt on its site's other pages sits in the post's place on its page
    and under a sidebar's heading on the others."""
    above: dict[str, set[str]] = {sentence: set() for sentence in sentences}
    below: dict[str, set[str]] = {sentence: set() for sentence in sentences}
    for lines in ordered:
        for i, line in enumerate(lines):
            if line in above:
                above[line].add(lines[i - 1] if i > 0 else "")
                below[line].add(lines[i + 1] if i + 1 < len(lines) else "")
    return {sentence for sentence in sentences if len(above[sentence]) == 1 or len(below[sentence]) == 1}


# A site's template: at least this many lines other than sentences (menus, labels, the footer's links) that all the
# dumps holding a sentence share; a page of that site holds at least `_TEMPLATE_SHARE` of them, and the sentence is
# on at least `_SITE_SHARE` of the site's pages.
_MIN_TEMPLATE_LINES, _TEMPLATE_SHARE, _SITE_SHARE = 20, 0.8, 0.8


def _site_blurbs(dumps: Sequence[set[str]], sentences: set[str]) -> set[str]:
    """The sentences (each in two dumps or more) that one site prints on (nearly) every page of it in the
    batch: the pages holding one share a template (see above), and few of that template's pages lack it. A sidebar's
    "About this blog", a promotion under each post; not a story run by several sites (their pages share no template),
    nor an excerpt of one post shown on some of its site's other pages."""
    holders: dict[str, list[int]] = {sentence: [] for sentence in sentences}
    for k, lines in enumerate(dumps):
        for sentence in lines & sentences:
            holders[sentence].append(k)
    verdicts: dict[tuple[int, ...], bool] = {}
    for found in holders.values():
        key = tuple(found)
        if key not in verdicts:
            verdicts[key] = _one_site_throughout(dumps, found)
    return {sentence for sentence, found in holders.items() if verdicts[tuple(found)]}


def _one_site_throughout(dumps: Sequence[set[str]], found: Sequence[int]) -> bool:
    """The dumps `found` share a site's template, and hold most of that site's pages in the batch."""
    template = set.intersection(*(dumps[k] for k in found))
    template = {line for line in template if not reads_as_sentence(line)}
    if len(template) < _MIN_TEMPLATE_LINES:
        return False
    needed = _TEMPLATE_SHARE * len(template)
    site = sum(1 for lines in dumps if len(template & lines) >= needed)
    return len(found) >= _SITE_SHARE * site
