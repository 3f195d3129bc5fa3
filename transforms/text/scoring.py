"""One explainable scoring model for text-dump lines: is this line prose of the article, or page chrome?

Each line gets named pieces of evidence (`LineScore.parts`), weighted in `WEIGHTS`; their sum is its score,
positive for prose. The article body is then the densest run of prose (`densest_run`), which lets the
position of a line relative to that run decide what the line alone cannot."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from transforms.text.lexicon import Lexicon
from transforms.text.lines import SENTENCE_MIN_WORDS, Line

# Weight of each piece of evidence; every feature function returns a value in about [-1, 1] (length: more).
WEIGHTS: dict[str, float] = {
    "length": 1.0,  # long lines are prose; one- and two-word lines are menus and buttons
    "terminal": 2.5,  # sentences end with punctuation; headlines, menus and labels do not
    "stopwords": 1.0,  # prose is thick with function words; link lists and names are not
    "title_case": 1.4,  # Most Words Capitalised: headlines of other stories, menus, names
    "boilerplate": 3.0,  # a phrase of the lexicon ("Sign up", "Advertisement", "© 2022")
    "shape": 2.0,  # dates alone, times, prices, counts ("12 comments"), ALL CAPS labels
    "recurring": 4.0,  # the line recurs across many dumps of the batch
    "menu_run": 1.6,  # one of several short lines in a row: a menu, a tag list, a share bar
    "consent": 6.0,  # a sentence of a cookie banner or account wall ("This website uses cookies ...")
    "teaser": 3.0,  # a headline glued to its summary ("Police Seek SuspectA man was ..."): a story list
    "end_marker": 2.0,  # "Comments", "Related stories": a heading that closes the article
    "caption": 6.0,  # a picture caption or credit: not a paragraph, but part of the article's run
    "markup": 6.0,  # raw markup shown as text ('<script src=...>', '<div style=...>'): never a paragraph
    "dated_teaser": 8.0,  # one summary of a list of stories, each under its date and over the same link line
    "clipped": 8.0,  # one of a list's excerpts, each cut at the same length and ended with an ellipsis
    "profile": 8.0,  # the blurb under an "About Me" label, when an article stands elsewhere (see extract.body_span)
    "short_post": 3.0,  # a short post's text right under its dateline, when no run of prose says more (extract.py)
    "tag_list": 4.0,  # a blog's tags or categories, each comma spaced on both sides ("Posted in Leeks , Frost , Beans")
    "site_blurb": 8.0,  # a site's sentence on each of its pages in the batch (recurring.RecurringLines; extract.py)
    "code": 8.0,  # a line of a code listing under a sentence of a post ("import os", "x = f(y)"): the post's own
    "embedded_post": 3.0,  # an embedded social post's text, over its "— Name (@handle) date" line: the story quotes it
}
# Cost of a chrome line when looking for the densest run, in characters of prose: at least a short line's
# worth, more for long or very chrome-like lines.
_MIN_COST, _MAX_LENGTH_COST, _COST_PER_POINT = 40.0, 120.0, 10.0
# A prose line's weight is scaled by its score over this, but never below the minimum share.
_FULL_CONFIDENCE, _MIN_CONFIDENCE = 6.0, 0.3
# Weight kept by a prose line standing alone between chrome lines (see `_isolated`).
_ISOLATED_FACTOR = 0.7
# Terminal-punctuation evidence of a line of 40 words or more that lacks it (a long tag or link list).
_LONG_UNPUNCTUATED = -1.0

_WORD_CHARS = re.compile(r"[^\W\d_]", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)
_DATE_OR_TIME = re.compile(
    r"\b(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d+\s*(?:min|mins|minutes?|hours?|hrs?|days?)"
    r"\s+ago)\b"
)
_COUNT_OR_PRICE = re.compile(
    r"^(?:[$€£¥]\s?\d|\d[\d.,]*\s?[kKmM]?\s*(?:comments?|shares?|views?|likes?|reads?|replies|min read)\b)"
)
_MENU_WORDS = 4
# Evidence read from the text itself looks at its opening only: a line's kind shows early, and prose lines are
# long (speed).
_SCAN_CHARS = 300
_TITLE_CASE_WORDS = 30
_MENU_RUN = 3


_CHROME_MARKS = ("boilerplate", "menu_run", "recurring", "end_marker", "markup", "consent", "site_blurb", "tag_list")
# A tag as a page writes it; a line is markup when tags fill at least this share of its opening characters.
_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>")
_MARKUP_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class LineScore:
    total: float
    parts: tuple[tuple[str, float], ...]

    @property
    def is_prose(self) -> bool:
        return self.total > 0

    def part(self, name: str) -> float:
        """The value of one piece of evidence (0 when it did not fire)."""
        return next((value for key, value in self.parts if key == name), 0.0)

    @property
    def marked_chrome(self) -> bool:
        """Evidence that names a line chrome whatever its shape: the lexicon, a menu, repetition, a closing
        heading."""
        return any(self.part(name) < 0 for name in _CHROME_MARKS)


def _length(line: Line) -> float:
    return min(line.size, 50) / 10 - 0.8


def _terminal(line: Line) -> float:
    if line.terminal:
        return 0.4
    words = line.size
    return -1.0 if words < 25 else -0.5 if words < 40 else _LONG_UNPUNCTUATED


def _stopwords(line: Line, lexicon: Lexicon | None) -> float:
    if lexicon is None or line.size < 3:
        return 0.0
    stopwords = lexicon.stopwords
    words = _LETTERS.findall(line.folded[:_SCAN_CHARS])
    hits = sum(1 for word in words if word in stopwords)
    return max(-1.0, min(1.0, (hits / max(1, len(words)) - 0.1) / 0.1))


def _title_case(line: Line) -> float:
    alpha = [w for w in line.words[:_TITLE_CASE_WORDS] if len(w) > 3 and w[0].isalpha()]
    if line.size < 3 or len(alpha) < 2:
        return 0.0
    capitalised = sum(1 for w in alpha if w[0].isupper())
    return -1.0 if capitalised / len(alpha) >= 0.75 else 0.0


def _boilerplate(line: Line, lexicon: Lexicon) -> float:
    if line.folded.strip(" .:|") in lexicon.chrome_lines:
        return -1.5
    if lexicon.chrome_phrase.search(line.folded, 0, _SCAN_CHARS):
        # A chrome word in a sentence ("He declined to comment.") is weak evidence; in a label it is strong.
        if line.size > 15:
            return -0.25
        return -0.4 if line.terminal else -1.0
    return 0.0


def _shape(line: Line) -> float:
    words = line.size
    if words <= 12 and _DATE_OR_TIME.search(line.folded) and not line.text.endswith((".", "!", "?", "”", '"')):
        return -1.0
    if _COUNT_OR_PRICE.search(line.text):
        return -1.0
    if 1 < words <= 8 and line.text.isupper():
        return -0.75
    if line.text.count("|") >= 2 or not _WORD_CHARS.search(line.text):
        return -1.0
    return 0.0


# A list of tags or categories as a blog copies it, a space on each side of each comma ("Posted in Gardening , Leeks ,
# Frost"): at least this many items, nearly all of a few words, and no sentence end. Prose puts no space before its
# commas but where each item is a link ("Visit her website , blog , shop , and Facebook .").
_MIN_TAG_ITEMS, _MAX_TAG_WORDS, _TAG_ITEM_SHARE = 4, 4, 0.75


def _spaced_comma_list(text: str) -> bool:
    items = text.split(" , ")
    if len(items) < _MIN_TAG_ITEMS:
        return False
    return sum(1 for item in items if len(item.split()) <= _MAX_TAG_WORDS) >= _TAG_ITEM_SHARE * len(items)


# A title-case stretch glued without a space to the next sentence: "...Seek SuspectPolice say". The glue follows a
# word of at least three characters: a capital after one or two ("iPhone", "eBay", "McCain", "O'Neill") is a name.
_GLUE = re.compile(r"(?<=\w\w[a-z)’'?!])(?=[A-Z][a-z])")
# A stretch before the glue longer than a headline and holding a sentence's end is prose (a German paragraph's
# capitalised nouns and names), not a headline (which may hold a question: "Heading To A Game? Be Sure To ...").
_SENTENCE_IN_HEAD = re.compile(r"[^\W\d_]{2}[.!?]\s")
_MAX_GLUED_HEADLINE_WORDS = 15


def _teaser(line: Line) -> float:
    glue = _GLUE.search(line.text, 0, _SCAN_CHARS)
    if glue is None:
        return 0.0
    head_text = line.text[: glue.start()]
    head = head_text.split()
    if len(head) < 3 or (len(head) > _MAX_GLUED_HEADLINE_WORDS and _SENTENCE_IN_HEAD.search(head_text) is not None):
        return 0.0
    capitalised = sum(1 for w in head if w[0].isupper() or not w[0].isalpha())
    return -1.0 if capitalised / len(head) >= 0.6 else 0.0


def _consent(line: Line, lexicon: Lexicon) -> float:
    return -1.0 if lexicon.chrome_sentence.search(line.folded, 0, _SCAN_CHARS) else 0.0


def is_end_marker(line: Line, lexicon: Lexicon) -> bool:
    return line.size <= 6 and lexicon.end_marker.fullmatch(line.folded) is not None


def _is_menu_like(line: Line) -> bool:
    return line.size <= _MENU_WORDS and not line.terminal


def _menu_runs(lines: Sequence[Line]) -> list[bool]:
    """Lines belonging to a run of at least `_MENU_RUN` consecutive short, unpunctuated lines."""
    flags = [_is_menu_like(line) for line in lines]
    in_run = [False] * len(lines)
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and flags[end]:
            end += 1
        if end - start >= _MENU_RUN:
            for i in range(start, end):
                in_run[i] = True
        start = end + 1 if end == start else end
    return in_run


def _evidence(
    line: Line, lexicon: Lexicon, stop_lexicon: Lexicon | None, recurring: frozenset[str], in_menu: bool
) -> list[tuple[str, float]]:
    parts: list[tuple[str, float]] = [
        ("length", _length(line)),
        ("terminal", _terminal(line)),
        ("recurring", -1.0 if line.text in recurring else 0.0),
        ("menu_run", -1.0 if in_menu else 0.0),
    ]
    if line.size < SENTENCE_MIN_WORDS and parts[1][1] < 0:
        # A fragment without punctuation is chrome whatever else holds; skip the costly evidence (speed).
        folded = line.folded.strip(" .:|")
        parts.append(("boilerplate", -1.5 if folded in lexicon.chrome_lines else 0.0))
        # A closing heading is such a fragment as a rule ("Comments", "Related stories"): its evidence is kept.
        parts.append(("end_marker", -1.0 if is_end_marker(line, lexicon) else 0.0))
        return parts
    parts += [
        ("stopwords", _stopwords(line, stop_lexicon)),
        ("title_case", _title_case(line)),
        ("boilerplate", _boilerplate(line, lexicon)),
        ("shape", _shape(line)),
        ("consent", _consent(line, lexicon)),
        ("teaser", _teaser(line)),
        ("end_marker", -1.0 if is_end_marker(line, lexicon) else 0.0),
        ("markup", _markup(line)),
        ("tag_list", -1.0 if not line.terminal and _spaced_comma_list(line.text) else 0.0),
    ]
    return parts


def _markup(line: Line) -> float:
    if "<" not in line.text:
        return 0.0
    opening = line.text[:_SCAN_CHARS]
    tags = sum(len(tag) for tag in _TAG.findall(opening))
    return -1.0 if tags >= _MARKUP_SHARE * len(opening) else 0.0


def score_lines(
    lines: Sequence[Line],
    lexicon: Lexicon,
    recurring: frozenset[str],
    known_language: bool = True,
    captions: frozenset[int] = frozenset(),
) -> list[LineScore]:
    """Score every line with the document language's lexicon, whose stopwords count as prose evidence
    (none when the language is unknown); `captions` holds the positions of caption and credit lines.
    Only non-zero evidence is kept in `LineScore.parts`."""
    stop_lexicon = lexicon if known_language else None
    scores: list[LineScore] = []
    for line, in_menu in zip(lines, _menu_runs(lines), strict=True):
        evidence = _evidence(line, lexicon, stop_lexicon, recurring, in_menu)
        if line.position in captions:
            evidence.append(("caption", 1.0))
        parts = tuple((name, value) for name, value in evidence if value)
        scores.append(LineScore(sum(WEIGHTS[name] * value for name, value in parts), parts))
    scores = _with_clipped_excerpts(lines, _with_dated_teasers(lines, scores, lexicon))
    return _with_embedded_posts(lines, _with_code_listings(lines, scores))


# A list of other stories shows each as headline, date, one summary and a link ("Read More"): at least this many
# summaries of that shape, the same link line under each, make a list. A list without dates shows the link in words
# that say so ("Read more »", "Weiterlesen ..."): under a headline of any shape, the repeated link alone makes it.
_MIN_DATED_TEASERS = 3


def _dated_teasers(lines: Sequence[Line], scores: Sequence[LineScore], lexicon: Lexicon) -> list[int]:
    """Positions of the summaries of a list of stories: a prose line alone between a date line (or any line, when
    the link reads "Read more") above it and a line of chrome below it whose text is the same under at least
    `_MIN_DATED_TEASERS` such lines."""
    by_link: dict[str, list[int]] = {}
    for i in range(1, len(lines) - 1):
        above, below = lines[i - 1], lines[i + 1]
        if (
            scores[i].is_prose
            and not scores[i + 1].is_prose
            and not scores[i - 1].is_prose
            and (_is_dated(above) or lexicon.read_more_link.fullmatch(below.folded) is not None)
        ):
            by_link.setdefault(below.text, []).append(i)
    return [i for found in by_link.values() if len(found) >= _MIN_DATED_TEASERS for i in found]


def _is_dated(line: Line) -> bool:
    return line.size <= _MAX_DATE_WORDS and not line.terminal and _DATE_OR_TIME.search(line.folded) is not None


_MAX_DATE_WORDS = 12


def _with_dated_teasers(lines: Sequence[Line], scores: list[LineScore], lexicon: Lexicon) -> list[LineScore]:
    for i in _dated_teasers(lines, scores, lexicon):
        scores[i] = against(scores[i], "dated_teaser")
    return scores


# A list of other stories may show each one under its headline, its opening cut by the site at a fixed number of
# characters and ended with an ellipsis ("... the council said it would rev..."): at least `_MIN_CLIPPED` such lines,
# of at least `_MIN_CLIPPED_WORDS` words, whose lengths lie within `_CLIPPED_SPREAD` of their median, each right under
# a headline of its own (a phrase of a few words, no date). An article's paragraph that trails off is rarely one of
# several cut to one length; a page of readers' reviews or small ads cut the same way is the page's own text, each
# under its date and signature or the same button ("View this ad").
_MIN_CLIPPED, _MIN_CLIPPED_WORDS, _CLIPPED_SPREAD = 3, 8, 0.1
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\]?$")


def _clipped_excerpts(lines: Sequence[Line]) -> list[int]:
    """Positions of the excerpts of a list of stories cut to one length (see above)."""
    ending = [line for line in lines if line.size >= _MIN_CLIPPED_WORDS and _ELLIPSIS_END.search(line.text)]
    if len(ending) < _MIN_CLIPPED:
        return []
    lengths = sorted(len(line.text) for line in ending)
    median = lengths[len(lengths) // 2]
    clipped = [
        line
        for line in ending
        if abs(len(line.text) - median) <= _CLIPPED_SPREAD * median and _under_a_headline(lines, line.position)
    ]
    headlines = {lines[line.position - 1].text for line in clipped}
    return [line.position for line in clipped] if len(headlines) >= _MIN_CLIPPED else []


def _under_a_headline(lines: Sequence[Line], i: int) -> bool:
    above = lines[i - 1] if i > 0 else None
    return (
        above is not None
        and above.size >= _MIN_HEADLINE_WORDS
        and not above.terminal
        and _DATE_OR_TIME.search(above.folded) is None
    )


_MIN_HEADLINE_WORDS = 3


def _with_clipped_excerpts(lines: Sequence[Line], scores: list[LineScore]) -> list[LineScore]:
    for i in _clipped_excerpts(lines):
        scores[i] = against(scores[i], "clipped")
    return scores


# A line of code: a statement's keyword first ("import", "def", "return", a shell prompt, a decorator, a comment), a
# script's "#!", a call or a block's brace or colon at the end, an assignment without spaces ("name=$1"), or a command
# with an option ("tar -xzf").
_CODE_LINE = re.compile(
    r"^(?:import\s+[\w.]+|from\s+[\w.]+\s+import\s|def\s+\w+\s*\(|class\s+\w+\s*[(:]|return\b|@\w+$|#include\b|"
    r"(?:var|let|const|function)\s+\w|\$\s+\w|>>>\s|\./\w|#\s)"
    r"|#!/|[\w\])]\([^()]*\)\s*[;:{]?$|[;{}]$|^[\w.\[\]']+=\S|^[\w.-]+\s+-{1,2}[a-zA-Z]"
)
# A listing: at least this many code lines, with at most `_MAX_LISTING_GAP` other short lines in a row between them
# ("do", "done", "..."), each of at most `_MAX_LISTING_FILLER_WORDS` words.
_MIN_LISTING_LINES, _MAX_LISTING_GAP, _MAX_LISTING_FILLER_WORDS = 2, 1, 2
# The sentence a listing follows (a post's "... as follows:", "It passed."): at least this many words.
_MIN_LISTING_INTRO_WORDS = 4


def _is_code(line: Line) -> bool:
    return _CODE_LINE.search(line.text) is not None


def _code_listings(lines: Sequence[Line]) -> set[int]:
    """Positions of the lines of the code listings a post shows under one of its sentences (see above): the HTML
    extractor keeps a post's <pre> blocks; the copy makes each line of one a short line without a full stop, which
    reads as a menu."""
    found: set[int] = set()
    i = 1
    while i < len(lines):
        if not _is_code(lines[i]) or not _introduces_listing(lines[i - 1]):
            i += 1
            continue
        end, code, gap, last = i, 0, 0, i
        while end < len(lines) and gap <= _MAX_LISTING_GAP:
            if _is_code(lines[end]):
                code, gap, last = code + 1, 0, end
            elif lines[end].size <= _MAX_LISTING_FILLER_WORDS and not lines[end].terminal:
                gap += 1
            else:
                break
            end += 1
        if code >= _MIN_LISTING_LINES:
            found.update(range(i, last + 1))
        i = last + 1
    return found


def _introduces_listing(line: Line) -> bool:
    return line.terminal and line.size >= _MIN_LISTING_INTRO_WORDS and not _is_code(line)


def _with_code_listings(lines: Sequence[Line], scores: list[LineScore]) -> list[LineScore]:
    for i in _code_listings(lines):
        if not scores[i].is_prose:
            scores[i] = supported(scores[i], "code")
    return scores


# The line under an embedded social post (Twitter's, Mastodon's embed code): a dash, the author's name, the handle in
# brackets, the date ("— Jane Roe (@janeroe) May 5, 2021").
_POST_ATTRIBUTION = re.compile(r"^[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s+\S.*\d{4}")


def _embedded_posts(lines: Sequence[Line]) -> set[int]:
    """Positions of the texts of the social posts a story embeds, each right over its attribution line (see above):
    the HTML extractor keeps an embedded post's text; the copy ends it with a link or a hashtag, no full stop."""
    return {
        i - 1
        for i in range(1, len(lines))
        if _POST_ATTRIBUTION.match(lines[i].text) is not None and _POST_ATTRIBUTION.match(lines[i - 1].text) is None
    }


def _with_embedded_posts(lines: Sequence[Line], scores: list[LineScore]) -> list[LineScore]:
    for i in _embedded_posts(lines):
        if not scores[i].is_prose and not scores[i].marked_chrome:
            scores[i] = supported(scores[i], "embedded_post")
    return scores


def supported(score: LineScore, evidence: str) -> LineScore:
    """The score with one more piece of evidence for the line, read from its context (`WEIGHTS`)."""
    return LineScore(score.total + WEIGHTS[evidence], (*score.parts, (evidence, 1.0)))


def against(score: LineScore, evidence: str) -> LineScore:
    """The score with one more piece of evidence against the line, read from its context (`WEIGHTS`)."""
    return LineScore(score.total - WEIGHTS[evidence], (*score.parts, (evidence, -1.0)))


def _run_weight(line: Line, score: LineScore) -> float:
    """Prose counts by its length; chrome costs at least a short line's worth, so small gaps are bridged
    (a related headline inside the body) and long chrome blocks split runs."""
    if score.is_prose:
        # Prose weighs by its length, scaled down when the evidence for it is thin (a long tag list).
        return float(len(line.text)) * min(1.0, max(_MIN_CONFIDENCE, score.total / _FULL_CONFIDENCE))
    return -max(_MIN_COST, min(float(len(line.text)), _MAX_LENGTH_COST), -_COST_PER_POINT * score.total)


def _isolated(scores: Sequence[LineScore], i: int) -> bool:
    """A prose line with chrome right above and below: the shape of a teaser in a list of other stories
    (headline, summary, byline, repeated), rarely of an article's paragraph."""
    above = i > 0 and scores[i - 1].is_prose
    below = i + 1 < len(scores) and scores[i + 1].is_prose
    return not above and not below


# A field of a directory's or a catalogue's entries: a label of a few words, its colon, then its value on the line
# ("Fee: $20", "Location: Room 4"), or the label alone when the value is missing.
_FIELD = re.compile(r"^([A-Z][\w'’/&().-]*(?: [\w'’/&().-]+){0,2}):(?:\s+\S.*)?$")
# Two labels make a record when the second follows the first within this many lines, in this many records at least.
_RECORD_REACH, _MIN_RECORDS = 3, 3
# Evidence that names a line chrome whatever its shape; a menu's (short lines in a row) is the shape of fields too.
_NOT_A_FIELD = ("boilerplate", "recurring", "end_marker", "markup")


def record_fields(lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int]) -> frozenset[int]:
    """The fields of the records listed in `span` (indices into `lines`): a catalogue's courses, a directory's entries,
    each giving "Fee:" and "Location:" again. A field's label comes with another label a line or two away, that pair
    of labels seen in three records at least, and no chrome evidence but its shape holds against it. The HTML
    extractor keeps such a list with the page's text; one label repeated alone heads a list of headlines ("Video:
    ..."), and two labels seen twice are as often two such lists side by side."""
    found = [
        (i, match.group(1).casefold())
        for i in range(*span)
        if (match := _FIELD.match(lines[i].text)) is not None
        and not any(scores[i].part(name) < 0 for name in _NOT_A_FIELD)
    ]
    pairs: Counter[tuple[str, str]] = Counter()
    for k, (i, label) in enumerate(found):
        for j, other in found[k + 1 :]:
            if j - i > _RECORD_REACH:
                break
            if other != label:
                pairs[(label, other)] += 1
    labels = {label for pair, count in pairs.items() if count >= _MIN_RECORDS for label in pair}
    return frozenset(i for i, label in found if label in labels)


def _line_weights(lines: Sequence[Line], scores: Sequence[LineScore]) -> list[float]:
    """Each line's weight in a run (see `_run_weight`), a prose line standing alone weighing less, a list item's
    number on a line of its own and a listed record's field that does not read as prose weighing nothing (see
    `_item_numbers`, `_record_labels`)."""
    numbers = _item_numbers(lines, scores) | _record_labels(lines, scores)
    weights = [
        0.0 if i in numbers else _run_weight(line, score)
        for i, (line, score) in enumerate(zip(lines, scores, strict=True))
    ]
    return [w * _ISOLATED_FACTOR if w > 0 and _isolated(scores, i) else w for i, w in enumerate(weights)]


# A numbered list's number copied on a line of its own over its item ("2.", "2. 2.", "(3)"): the copy of a list whose
# numbers the page draws apart from the items (a recipe's steps, a how-to's instructions).
_ITEM_NUMBER = re.compile(r"^[(#]?(\d{1,2})[.):]?(?:\s+\(?\1[.):]?)?$")


def _record_labels(lines: Sequence[Line], scores: Sequence[LineScore]) -> frozenset[int]:
    """The fields of the page's listed records (see `record_fields`) that do not read as prose ("Fee: $20"): no
    chrome, they say nothing about where the text ends (a catalogue's descriptions between them would otherwise be
    outweighed by the fields around each, each costing a short line's worth)."""
    return frozenset(i for i in record_fields(lines, scores, (0, len(lines))) if not scores[i].is_prose)


def _item_numbers(lines: Sequence[Line], scores: Sequence[LineScore]) -> frozenset[int]:
    """Positions of the numbers of a numbered list's items, each on a line of its own right over an item that reads as
    prose: no chrome, they say nothing about where the article ends (a prose step between them would otherwise be
    outweighed by the numbers around it, each costing a short line's worth)."""
    return frozenset(
        i
        for i in range(len(lines) - 1)
        if scores[i + 1].is_prose and not scores[i].is_prose and _ITEM_NUMBER.match(lines[i].text) is not None
    )


def densest_run(lines: Sequence[Line], scores: Sequence[LineScore]) -> tuple[int, int]:
    """[start, end) of the run of lines with the most prose net of chrome (maximum-sum subarray)."""
    return _densest(_line_weights(lines, scores))[0]


def _densest(
    weights: Sequence[float], first: int = 0, latest_start: int | None = None
) -> tuple[tuple[int, int], float]:
    """The maximum-sum run of `weights[first:]`, starting at `latest_start` at the latest, with its sum."""
    best_sum, best = 0.0, (first, first)
    running, run_start = 0.0, first
    for i in range(first, len(weights)):
        if running <= 0:
            if latest_start is not None and i > latest_start:
                break
            running, run_start = 0.0, i
        running += weights[i]
        if running > best_sum:
            best_sum, best = running, (run_start, i + 1)
    return best, best_sum


# A run is headed when a byline or a dateline sits at most this many lines above its first line. An article's own
# run under its byline or dateline is preferred to an unheaded denser run (a footer's "About us" blurb, a sidebar's
# paragraph, a disclaimer) when its prose weighs at least this share of the other's, before and after both grow.
_HEAD_REACH, _HEADED_SHARE = 4, 0.5


def headed_run(
    lines: Sequence[Line],
    scores: Sequence[LineScore],
    is_head_line: Callable[[Line], bool],
    is_signed_head_line: Callable[[Line], bool],
) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The densest run; and, when no byline or dateline heads it, the densest run starting right under the first
    byline or dateline above it that weighs at least `_HEADED_SHARE` of it (None when there is none). A run headed
    only by a line of names alone (a sidebar's label reads as one: "Great Wall Fresh") counts as headed unless a
    signed head (`is_signed_head_line`: "By ...", a dateline) above it heads such a run."""
    weights = _line_weights(lines, scores)
    best, best_sum = _densest(weights)
    near = lines[max(0, best[0] - _HEAD_REACH) : best[0]]
    if best[0] >= best[1] or any(map(is_signed_head_line, near)):
        return best, None
    named = any(map(is_head_line, near))
    heads = is_signed_head_line if named else is_head_line
    for line in lines[: max(0, best[0] - _HEAD_REACH) if named else best[0]]:
        if heads(line):
            run, run_sum = _densest(weights, line.position + 1, line.position + _HEAD_REACH)
            if run_sum >= _HEADED_SHARE * best_sum:
                return best, run
    return best, None


def heaviest_run_under(
    lines: Sequence[Line], scores: Sequence[LineScore], heads: Sequence[int]
) -> tuple[int, int] | None:
    """Of the densest runs starting at most `_HEAD_REACH` lines under each head line (positions `heads`), the one
    that weighs most; None when no prose lies under any."""
    weights = _line_weights(lines, scores)
    runs = [_densest(weights, head + 1, head + _HEAD_REACH) for head in heads]
    best = max(runs, key=lambda found: found[1], default=None)
    return best[0] if best is not None and best[1] > 0 else None


def prefer_headed(
    lines: Sequence[Line], scores: Sequence[LineScore], densest: tuple[int, int], headed: tuple[int, int]
) -> bool:
    """The headed run, grown, is to be taken over the densest run, grown: they are apart (the densest did not grow
    into the article's run) and its prose weighs at least `_HEADED_SHARE` of the other's."""
    apart = headed[1] <= densest[0] or headed[0] >= densest[1]
    return apart and _prose_weight(lines, scores, headed) >= _HEADED_SHARE * _prose_weight(lines, scores, densest)


def _prose_weight(lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int]) -> float:
    """The prose of the run as `densest_run` weighs it, its chrome aside (a grown run crosses boxes of links)."""
    return sum(w for w in _line_weights(lines, scores)[span[0] : span[1]] if w > 0)


# Widening: how many chrome lines a gap may hold, and how much prose evidence (summed scores of the block of
# prose lines beyond it) makes it worth crossing; more upwards, where deks and teasers sit above the body.
_WIDEN_GAP, _WIDEN_MIN_SCORE, _WIDEN_MIN_SCORE_UP = 4, 3.0, 6.0


def _prose_beyond(
    scores: Sequence[LineScore], start: int, step: int, spacers: frozenset[int] = frozenset()
) -> tuple[int, float] | None:
    """The far end of the block of prose found within `_WIDEN_GAP` lines from `start` (walking by `step`),
    with the block's summed score; None when no prose lies within reach. Spacers (see `spacer_lines`) neither
    count towards the gap nor end the block."""
    i, gap = start, 0
    while True:
        if not 0 <= i < len(scores) or gap > _WIDEN_GAP:
            return None
        if scores[i].is_prose:
            break
        gap += i not in spacers
        i += step
    total, last = 0.0, i
    while 0 <= i < len(scores) and (scores[i].is_prose or i in spacers):
        if scores[i].is_prose:
            total, last = total + scores[i].total, i
        i += step
    return last, total


def widen_run(
    scores: Sequence[LineScore],
    span: tuple[int, int],
    spacers: frozenset[int] = frozenset(),
    cells: frozenset[int] = frozenset(),
) -> tuple[int, int]:
    """Extend the densest run across short gaps of chrome to the clear prose beyond them: a related-links box
    or an advertisement inside the article costs more than the last paragraphs weigh on their own. Where the run
    reaches a column's labels interleaved with its paragraphs (`interleaved_cells`), the labels are crossed as
    spacers and the paragraphs beyond them join whatever they weigh."""
    start, end = span
    if start >= end:
        return span
    listing = _listing_run(scores, span)
    while (found := _joined_beyond(scores, end, 1, (spacers, cells), _WIDEN_MIN_SCORE, listing)) is not None:
        end = found + 1
    while (
        found := _joined_beyond(scores, start - 1, -1, (spacers, cells), _widen_up_score(scores, start), listing)
    ) is not None:
        start = found
    return start, end


def _joined_beyond(
    scores: Sequence[LineScore],
    edge: int,
    step: int,
    layout: tuple[frozenset[int], frozenset[int]],
    min_score: float,
    listing: bool,
) -> int | None:
    """The far end of the prose the run widens to from `edge` (walking by `step`), None when it stops there: a
    block with `min_score` of prose within `_WIDEN_GAP` lines, prose right at the edge, or prose across a column's
    interleaved labels; from a listing's run, else its next entry (`_entry_beyond`)."""
    spacers, cells = layout
    found = _prose_beyond(scores, edge, step, _with_cells(spacers, cells, edge))
    if found is not None and (found[1] >= min_score or found[0] == edge or _across_cells(scores, edge, step, cells)):
        return found[0]
    return _entry_beyond(scores, edge, step, spacers) if listing else None


# A listing: a catalogue's, a directory's or a digest's entries, each one paragraph standing alone between its
# heading and its fields ("Room 4, Tuesdays", "Bulletin 12, 4 May"). A run is one when at least `_MIN_LISTED` of its
# prose lines stand alone, and at least `_LISTED_SHARE` of them; it widens to its next entry across a gap of up to
# `_LISTING_GAP` lines, as much upwards as downwards (the page is the list: no dek or teaser sits above it).
_MIN_LISTED, _LISTED_SHARE, _LISTING_GAP = 4, 0.5, 12


def _listing_run(scores: Sequence[LineScore], span: tuple[int, int]) -> bool:
    """The run is a listing's entries (see above). An article's run holds paragraphs in a row: a list of teasers
    beside it (each headline over its summary, the same ladder) does not make it one."""
    prose = [i for i in range(*span) if scores[i].is_prose]
    alone = sum(1 for i in prose if _isolated(scores, i))
    return alone >= _MIN_LISTED and alone >= _LISTED_SHARE * len(prose)


def _entry_beyond(scores: Sequence[LineScore], edge: int, step: int, spacers: frozenset[int]) -> int | None:
    """The position of a listing's next entry from `edge` (walking by `step`): the first line of clear prose (at
    least `_WIDEN_MIN_SCORE`) within `_LISTING_GAP` lines, a weak prose line on the way ("Sold!") counting as one
    of the gap; None when there is none, or when clear prose lies next to it: paragraphs in a row are an article
    beside the list, not an entry."""
    i, gap = edge, 0
    while 0 <= i < len(scores) and gap <= _LISTING_GAP:
        if scores[i].total >= _WIDEN_MIN_SCORE:
            alone = not any(0 <= k < len(scores) and scores[k].total >= _WIDEN_MIN_SCORE for k in (i - 1, i + 1))
            return i if alone else None
        gap += i not in spacers
        i += step
    return None


def _with_cells(spacers: frozenset[int], cells: frozenset[int], edge: int) -> frozenset[int]:
    """The spacers, and the interleaved labels when the run's edge reaches them: a ladder of labels and short lines
    apart from the run (a list of newsletters, each name over its blurb) is no part of it."""
    return spacers | cells if edge in cells else spacers


_CLEAR_PROSE = 1.0


def _across_cells(scores: Sequence[LineScore], edge: int, step: int, cells: frozenset[int]) -> bool:
    """Clear prose lies beyond the run's edge across a column's interleaved labels only (`interleaved_cells`): it
    joins the run however little it weighs, as prose right at the edge does (a barely positive line there is as
    often the column's own text: a newsletter's prompt)."""
    i = edge
    while 0 <= i < len(scores) and i in cells:
        i += step
    return i != edge and 0 <= i < len(scores) and scores[i].total >= _CLEAR_PROSE


def _widen_up_score(scores: Sequence[LineScore], start: int) -> float:
    """The prose evidence needed above the run: as much as below it across a single line of chrome (a column's cell
    interleaved with the story's paragraphs by the copy), more across a longer gap (a dek or teasers over the body)."""
    single_line_gap = start >= 2 and not scores[start - 1].is_prose and scores[start - 2].is_prose
    return _WIDEN_MIN_SCORE if single_line_gap else _WIDEN_MIN_SCORE_UP


# A spacer: a line of chrome the page repeats between its paragraphs ("Article content", "Advertisement"), at
# least this many times in the dump.
_SPACER_REPEATS = 3


def spacer_lines(lines: Sequence[Line], scores: Sequence[LineScore]) -> frozenset[int]:
    """Positions of the chrome lines whose text the dump repeats `_SPACER_REPEATS` times or more: a layout's
    separators, which say nothing about where the article ends."""
    counts = Counter(line.text for line in lines)
    repeated = {
        line.position for line in lines if counts[line.text] >= _SPACER_REPEATS and not scores[line.position].is_prose
    }
    return frozenset(repeated | _table_of_contents(lines, scores) | _item_numbers(lines, scores))


# A table of contents: a run of lines, at least this many different, each the text of a line further down, and at
# least this share of those a section's heading, with prose under it within `_HEADING_TO_PROSE` lines and before the
# next entry's heading (a page may hold some sections' text only).
_MIN_CONTENTS_ENTRIES, _MIN_HEADED_SHARE, _HEADING_TO_PROSE = 3, 0.5, 4


def _table_of_contents(lines: Sequence[Line], scores: Sequence[LineScore]) -> set[int]:
    """Positions of a table of contents between a guide's introduction and its sections: crossed as a spacer, it no
    longer cuts the introduction off the sections. A menu repeated in the footer, a list of stories repeated in a
    sidebar, has no prose under each of its second copy's lines."""
    last_at = {line.text: line.position for line in lines}
    found: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and not scores[j].is_prose and last_at[lines[j].text] > j:
            j += 1
        if _headings_of_sections(scores, sorted({last_at[line.text] for line in lines[i:j]})):
            found.update(range(i, j))
        i = max(j, i + 1)
    return found


def _headings_of_sections(scores: Sequence[LineScore], headings: list[int]) -> bool:
    """Enough of the entries' second copies (positions `headings`, in order) head a section (see above)."""
    if len(headings) < _MIN_CONTENTS_ENTRIES:
        return False
    ends = [*headings[1:], len(scores)]
    headed = sum(1 for at, end in zip(headings, ends, strict=True) if _heads_prose(scores, at, end))
    return headed >= _MIN_HEADED_SHARE * len(headings)


def _heads_prose(scores: Sequence[LineScore], heading: int, next_heading: int) -> bool:
    return any(scores[i].is_prose for i in range(heading + 1, min(next_heading, heading + 1 + _HEADING_TO_PROSE)))


# A layout table copied row by row interleaves the story's paragraphs with the cells of a column beside it (a
# section menu: "Property" / paragraph / "Motoring" / paragraph): a label of at most this many words alone between
# two prose lines of at least `_MIN_ROW_WORDS` words each (short questions between buttons are a player's or a
# paywall's chrome), at least `_MIN_INTERLEAVED` of them at most `_INTERLEAVE_STEP` lines apart.
_MAX_CELL_WORDS, _MIN_ROW_WORDS, _MIN_INTERLEAVED, _INTERLEAVE_STEP = _MENU_WORDS, 6, 3, 3
# Evidence that a short line closes the story or is the page's own chrome, not a neighbouring column's label.
_NOT_A_CELL = ("end_marker", "boilerplate", "markup", "shape")


def interleaved_cells(lines: Sequence[Line], scores: Sequence[LineScore]) -> frozenset[int]:
    """Positions of the labels of a column interleaved with the story's paragraphs (see above): where the run reaches
    them, the widening reads the paragraphs between them as one block (`widen_run`), as the HTML extractor reads the
    story's cell whole."""
    cells = [
        i
        for i in range(1, len(lines) - 1)
        if not scores[i].is_prose
        and all(scores[j].is_prose and lines[j].size >= _MIN_ROW_WORDS for j in (i - 1, i + 1))
        and lines[i].size <= _MAX_CELL_WORDS
        and not lines[i].terminal
        and not any(scores[i].part(name) < 0 for name in _NOT_A_CELL)
    ]
    found: set[int] = set()
    run = cells[:1]
    for previous, current in pairwise(cells):
        if current - previous > _INTERLEAVE_STEP:
            found.update(run if len(run) >= _MIN_INTERLEAVED else ())
            run = []
        run.append(current)
    found.update(run if len(run) >= _MIN_INTERLEAVED else ())
    return frozenset(found | _rows_between_paragraphs(lines, scores))


# A layout table copied row by row puts a sidebar's cells (an advertisement, another story's headline) between the
# story's paragraphs in one block: a line of chrome with a paragraph of its block at most `_ROW_REACH` lines above
# and below it, in a block holding at least `_MIN_ROW_PARAGRAPHS` such paragraphs, each of at least
# `_MIN_ROW_PARAGRAPH_WORDS` words (a sidebar's teasers, one or two lines each, are shorter). Widening reads them as
# the labels of `interleaved_cells`: the paragraphs beyond join the run whatever they weigh.
_ROW_REACH, _MIN_ROW_PARAGRAPHS, _MIN_ROW_PARAGRAPH_WORDS = 2, 3, 15


def _rows_between_paragraphs(lines: Sequence[Line], scores: Sequence[LineScore]) -> set[int]:
    """Positions of a sidebar's cells between the story's paragraphs in one block of a layout table (see above)."""
    paragraphs = [i for i, line in enumerate(lines) if scores[i].is_prose and line.size >= _MIN_ROW_PARAGRAPH_WORDS]
    per_block = Counter(lines[i].block for i in paragraphs)
    found: set[int] = set()
    for a, b in pairwise(paragraphs):
        block = lines[a].block
        if 1 < b - a <= _ROW_REACH + 1 and lines[b].block == block and per_block[block] >= _MIN_ROW_PARAGRAPHS:
            found.update(i for i in range(a + 1, b) if lines[i].block == block)
    return found


# Continuation: the article's prose resumes below a longer block of chrome (a "Most read" list, a topics box)
# when it shares vocabulary with the run: paragraphs of one story repeat its names and words, other stories' do
# not. Crossed: at most `_COHESION_GAP` lines of chrome, to a block of at least `_COHESION_MIN_CHARS` of prose
# whose content words (4+ letters, not stopwords) are at least `_COHESION_SHARE` words of the run. The share was
# chosen leaving each dev set out in turn: 0.15 won on the other five every time (0.15-0.4 and off were tried).
_COHESION_GAP, _COHESION_MIN_CHARS, _COHESION_SHARE = 15, 150, 0.15
_CONTENT_WORD_LETTERS = 4


_WORD_EDGES = "\"'“”‘’„«»()[]{}.,;:!?…–—-/"


def _content_words(lines: Sequence[Line], lexicon: Lexicon) -> set[str]:
    """Each line's opening words stand for it (a paragraph names its subject early; speed)."""
    raw: set[str] = set()
    for line in lines:
        raw.update(line.folded[:_SCAN_CHARS].split())
    words = {word.strip(_WORD_EDGES) for word in raw}
    return {word for word in words if len(word) >= _CONTENT_WORD_LETTERS and word not in lexicon.stopwords}


# Below the run, a menu's or a tag list's lines (short links in a row) count for less of the gap than other chrome:
# a box of them inside the story (a section menu, the topics) is long but light. Each counts this share of a line,
# the gap reaching at most `_MAX_MENU_GAP` lines in all. Not above the run: a menu there is the page's head, and
# prose above it a teaser or a summary box.
_MENU_GAP_SHARE, _MAX_MENU_GAP = 0.25, 40


def _first_prose_within_gap(scores: Sequence[LineScore], edge: int, step: int) -> int | None:
    """The first prose line from `edge` on (walking by `step`) within `_COHESION_GAP` lines of chrome, menu lines
    below the run counting `_MENU_GAP_SHARE` each (see above)."""
    gap, i = 0.0, edge
    while 0 <= i < len(scores) and abs(i - edge) <= _MAX_MENU_GAP:
        if scores[i].is_prose:
            return i
        gap += _MENU_GAP_SHARE if step > 0 and scores[i].part("menu_run") < 0 else 1.0
        if gap > _COHESION_GAP:
            return None
        i += step
    return None


def _prose_block(scores: Sequence[LineScore], edge: int, step: int) -> tuple[int, int] | None:
    """[first, last + 1) of the block of prose lines that starts within `_COHESION_GAP` lines of `edge`, walking
    by `step` (1: below the run, from its end; -1: above it, from the line before its start)."""
    near = _first_prose_within_gap(scores, edge, step)
    if near is None:
        return None
    far = near
    while 0 <= far + step < len(scores) and scores[far + step].is_prose:
        far += step
    return (near, far + 1) if step > 0 else (far, near + 1)


# Above the run, a block of prose too short to judge (one paragraph between a "More from" list and an embedded
# post) is a stepping stone: the blocks beyond it, each within `_COHESION_GAP` lines, are judged with it, up to
# this many. Not below the run: there, short prose between chrome is mostly the teasers of a list (tried: both
# directions lost on dragnet and the snippet set, upwards alone lost nowhere).
_STEPPING_STONES = 2


def _prose_reach(lines: Sequence[Line], scores: Sequence[LineScore], edge: int, step: int) -> tuple[int, int] | None:
    """[first, last + 1) of the prose block next to `edge` (see `_prose_block`), joined with the blocks beyond it
    while their prose is too short to judge on its own."""
    block = _prose_block(scores, edge, step)
    for _ in range(_STEPPING_STONES if step < 0 else 0):  # upwards only (see above)
        if block is None or sum(len(lines[i].text) for i in range(*block) if scores[i].is_prose) >= _COHESION_MIN_CHARS:
            break
        further = _prose_block(scores, block[1] if step > 0 else block[0] - 1, step)
        if further is None:
            break
        block = (min(block[0], further[0]), max(block[1], further[1]))
    return block


def continue_run(
    lines: Sequence[Line],
    scores: Sequence[LineScore],
    span: tuple[int, int],
    lexicon: Lexicon,
    is_head_line: Callable[[Line], bool],
) -> tuple[int, int]:
    """Extend the run across a block of chrome to prose that continues the same story (see above), below it
    and above it; not upwards across a byline or a dateline (`is_head_line`): prose above those is the head's
    standfirst or a teaser above the headline, not the story's first paragraphs."""
    start, end = span
    run_words = _content_words([lines[i] for i in range(start, end) if scores[i].is_prose], lexicon)
    for step in (1, -1):
        while run_words and (block := _prose_reach(lines, scores, end if step > 0 else start - 1, step)) is not None:
            words = _cohesive_words([lines[i] for i in range(*block) if scores[i].is_prose], run_words, lexicon)
            crossed = (lines[i] for i in range(block[0], start) if not scores[i].is_prose)
            if words is None or (step < 0 and any(map(is_head_line, crossed))):
                break
            if step > 0 and any(_heads_comments(lines[i], lexicon) for i in range(end, block[0])):
                break  # readers' comments quote the story: its words are no sign of it there
            if step > 0 and _headlines_under_closing_heading(lines, scores, end, block):
                break  # a "More news" box's headlines share the story's subject: its words are no sign of it there
            start, end = min(start, block[0]), max(end, block[1])
            run_words |= words
    return start, end


# A headline of a box of other stories: a line of at most this many words.
_MAX_LISTED_HEADLINE_WORDS = 12


def _headlines_under_closing_heading(
    lines: Sequence[Line], scores: Sequence[LineScore], edge: int, block: tuple[int, int]
) -> bool:
    """The block below the run lies under a closing heading ("More news", "Related") and its prose is headlines
    alone, no paragraph: a box of other stories on the same subject, not more of the story."""
    crossed = range(edge, block[0])
    prose = [lines[i] for i in range(*block) if scores[i].is_prose]
    return any(scores[i].part("end_marker") < 0 for i in crossed) and all(
        line.size <= _MAX_LISTED_HEADLINE_WORDS for line in prose
    )


def _cohesive_words(block: Sequence[Line], run_words: set[str], lexicon: Lexicon) -> set[str] | None:
    """The block's content words when it continues the run's story, else None."""
    if sum(len(line.text) for line in block) < _COHESION_MIN_CHARS:
        return None
    words = _content_words(block, lexicon)
    return words if words and len(words & run_words) >= _COHESION_SHARE * len(words) else None


# A closing heading inside the run ("About the author", "Comments") directly followed by prose ends the article
# when less than this share of the run's prose (and under `_TAIL_MAX_CHARS`) lies below it: what follows is a
# bio or a first comment.
_TAIL_SHARE, _TAIL_MAX_CHARS = 0.25, 400


# A comment heading that counts the comments ("57 Comments", "{ 12 comments }"), inside the run under at least
# this much of the run's prose, ends the article however much follows: readers' comments can outweigh a short post
# many times over. Not when several such headings follow: that is a list of posts, each with its comment link.
_COMMENTS_MIN_ABOVE, _MAX_COMMENT_COUNTS = 300, 2
_COMMENT_COUNT = re.compile(r"(?<![\d.,])[1-9]\d{0,4}(?![\d.,])")


def trim_tail(
    lines: Sequence[Line], scores: Sequence[LineScore], span: tuple[int, int], lexicon: Lexicon
) -> tuple[int, int]:
    start, end = span
    prose = [len(lines[i].text) if scores[i].is_prose else 0 for i in range(start, end)]
    total, seen = sum(prose), 0
    links = _posts_comment_links(lines, lexicon)
    counts = [
        line.position for line in lines[start:] if _is_comment_count(line, lexicon) and line.position not in links
    ]
    comments_at = counts[0] if 0 < len(counts) <= _MAX_COMMENT_COUNTS else None
    for offset, chars in enumerate(prose):
        i = start + offset
        if i == comments_at and seen >= _COMMENTS_MIN_ABOVE:
            return start, i
        heads_prose = i + 1 < end and scores[i + 1].is_prose  # a box of links ("Related") is not a section
        if seen and heads_prose and scores[i].part("end_marker") < 0:
            below = total - seen
            if (below < _TAIL_MAX_CHARS and below < _TAIL_SHARE * total) or _footer_below(lines, i, end):
                return start, i
        seen += chars
    return span


# The page's copyright line ("© 2008 The Crier", "Material on this site is copyright"; a picture's credit names no
# year: "© Jane Roe/dpa").
COPYRIGHT = re.compile(r"(?:©|\(c\))\s*(?:19|20)\d\d\b|\bcopyright\b|\ball rights reserved\b", re.I)
# Below a closing heading, a copyright line within this many lines is the page's footer.
_FOOTER_BELOW_HEADING = 4


def _footer_below(lines: Sequence[Line], heading: int, end: int) -> bool:
    """The prose under a closing heading ("Comments") reaches the page's copyright line: the footer's blurbs and
    notices ("Advertise with us ...", "© 2020 The Crier. This article may not be reprinted ..."), however long."""
    return any(
        COPYRIGHT.search(line.text) for line in lines[heading + 1 : min(end, heading + 1 + _FOOTER_BELOW_HEADING)]
    )


def _is_comment_heading(line: Line, lexicon: Lexicon) -> bool:
    return line.size <= _MAX_MARKER_WORDS and lexicon.comment_marker.fullmatch(line.folded) is not None


# "Comments (0)", "0 comments", "No comments": a link in a box of links, no comment below it.
_NO_COMMENTS = re.compile(r"(?<![\d.,])0(?![\d.,])|^no\b", re.I)


def _heads_comments(line: Line, lexicon: Lexicon) -> bool:
    """A comment heading that does not say there are none."""
    return _is_comment_heading(line, lexicon) and _NO_COMMENTS.search(line.text) is None


def _is_comment_count(line: Line, lexicon: Lexicon) -> bool:
    return _is_comment_heading(line, lexicon) and _COMMENT_COUNT.search(line.text) is not None


# A comment section: a heading ("57 Comments", "Leave a reply") with, among the next lines, at least this many
# that introduce a comment (a name with a date, "says:", "Reply", "Report abuse", a number alone).
_COMMENT_WINDOW, _COMMENT_MIN_CUES = 12, 2
_MAX_MARKER_WORDS, _MAX_CUE_WORDS = 16, 15
_ORDINAL = re.compile(r"^#?\d{1,4}\.?$")


def introduces_comment(line: Line, lexicon: Lexicon) -> bool:
    if line.size > _MAX_CUE_WORDS:
        return False
    return (
        _ORDINAL.match(line.text) is not None
        or lexicon.comment_cue.search(line.folded) is not None
        or (_DATE_OR_TIME.search(line.folded) is not None and not line.terminal)
    )


# A comment link's count, none included ("Comments (0)").
_ANY_COUNT = re.compile(r"(?<![\d.,])\d{1,5}(?![\d.,])")


def _posts_comment_links(lines: Sequence[Line], lexicon: Lexicon) -> frozenset[int]:
    """Positions of the comment links of a list of posts (a blog's front page: each post closed by its "Comments
    (3)"): comment headings of one wording but their count, more than `_MAX_COMMENT_COUNTS` of them each under a
    post of its own (`_COMMENTS_MIN_ABOVE` characters of long lines since the one before). A thread's heading is
    one; a "most commented" box counts under each headline, with no post between."""
    by_wording: dict[str, list[int]] = {}
    for k, line in enumerate(lines):
        if _is_comment_heading(line, lexicon) and _ANY_COUNT.search(line.text):
            by_wording.setdefault(_ANY_COUNT.sub("#", line.folded), []).append(k)
    links: set[int] = set()
    for found in by_wording.values():
        if sum(1 for k, j in pairwise([-1, *found]) if _post_between(lines[k + 1 : j])) > _MAX_COMMENT_COUNTS:
            links.update(lines[j].position for j in found)
    return frozenset(links)


def _post_between(lines: Sequence[Line]) -> bool:
    return sum(len(line.text) for line in lines if line.size >= _MIN_COMMENT_WORDS) >= _COMMENTS_MIN_ABOVE


def comment_section_start(lines: Sequence[Line], lexicon: Lexicon) -> int | None:
    """Where a comment section starts: the first comment heading with comment introductions below it, or with the
    fields of its reply form right below it (a section no one has commented in yet, over the page's sidebars). Readers'
    comments can outweigh a short article many times over, so the body is looked for above it."""
    posts = _posts_comment_links(lines, lexicon)
    for line in lines:
        if not _is_comment_heading(line, lexicon) or line.position in posts:
            continue
        below = lines[line.position + 1 : line.position + 1 + _COMMENT_WINDOW]
        cues = [other for other in below if introduces_comment(other, lexicon)]
        if len(cues) >= _COMMENT_MIN_CUES and not _ranked_headlines(below, cues):
            return line.position
        if sum(1 for a, b in pairwise(below) if _signs_a_view(a, b)) >= _COMMENT_MIN_CUES:
            return line.position
        further = lines[line.position + 1 : line.position + 1 + _SIGNED_COMMENT_WINDOW]
        if sum(1 for other in further if _signs_a_comment(other, lexicon)) >= _COMMENT_MIN_CUES:
            return line.position
        if _holds_a_reply_form(below, lexicon):
            return line.position
    return None


# Long comments each signed under them ("Posted by: Jane Roe on May 3, 2024 01:59 PM") may hold fewer than two
# signatures within `_COMMENT_WINDOW` lines: signatures (a comment cue and a date on one line) are looked for this far.
_SIGNED_COMMENT_WINDOW = 24


def _signs_a_comment(line: Line, lexicon: Lexicon) -> bool:
    return (
        line.size <= _MAX_CUE_WORDS
        and lexicon.comment_cue.search(line.folded) is not None
        and _DATE_OR_TIME.search(line.folded) is not None
    )


# A reader's view signed after it, "Name, Place": a line of at most this many words with a comma and no sentence end,
# under a line of at least `_MIN_COMMENT_WORDS` words.
_MAX_SIGNATURE_WORDS = 6


def _signs_a_view(view: Line, signature: Line) -> bool:
    """`signature` signs the reader's view above it ("I was on that cruise too ..." / "Jean Roe, Hague, NL")."""
    return (
        view.size >= _MIN_COMMENT_WORDS
        and signature.size <= _MAX_SIGNATURE_WORDS
        and "," in signature.text
        and not signature.terminal
    )


# A comment says something: among a comment heading's next lines, one of this many words at least.
_MIN_COMMENT_WORDS = 15


def _ranked_headlines(below: Sequence[Line], cues: Sequence[Line]) -> bool:
    """The lines under a "Comments" tab are a ranked list of stories ("Most read | Comments" / "1" / headline / "2"
    / headline), not readers' comments: their only cues are numbers alone and no line says more than a headline."""
    return all(_ORDINAL.match(cue.text) for cue in cues) and all(line.size < _MIN_COMMENT_WORDS for line in below)


def _holds_a_reply_form(lines: Sequence[Line], lexicon: Lexicon) -> bool:
    """Two fields of a reply form on consecutive lines ("Name *" / "E-Mail *"): a field name alone among other
    lines is a column of a layout table copied in between (an archive list beside the form), no proof."""
    fields = [
        line.size <= _MAX_CUE_WORDS and lexicon.comment_form_field.fullmatch(line.folded) is not None for line in lines
    ]
    return any(a and b for a, b in pairwise(fields))


# A comment thread without a heading: at least this many lines within `_COMMENT_WINDOW` that are a comment's own
# controls ("Reply to This", "Flag as Inappropriate", "Permalink", "Report abuse"), not dates or numbers alone.
_THREAD_MIN_CONTROLS = 4


def _is_comment_control(line: Line, lexicon: Lexicon) -> bool:
    """A comment's own link line; not a post's footer in a list of posts, which counts its comments ("09:48 AM |
    Permalink | Comments (4)")."""
    return (
        line.size <= _MAX_CUE_WORDS
        and lexicon.comment_cue.search(line.folded) is not None
        and _COUNTED_COMMENTS.search(line.folded) is None
    )


_COUNTED_COMMENTS = re.compile(r"\d\s*\w*\s*(?:comments?|responses?|replies)\b|\b(?:comments?|responses?)\s*\(?\d")


def comment_thread_start(lines: Sequence[Line], lexicon: Lexicon) -> int | None:
    """Where a thread of readers' comments starts when no heading announces it: the first comment control with
    `_THREAD_MIN_CONTROLS` of them in the window it opens (each comment has its reply and report links), or the
    first of the commenters' link signatures (see `_linked_signature`) that opens such a window of them."""
    controls = [line.position for line in lines if _is_comment_control(line, lexicon)]
    for i, position in enumerate(controls):
        window = [p for p in controls[i : i + _THREAD_MIN_CONTROLS] if p < position + _COMMENT_WINDOW]
        if len(window) >= _THREAD_MIN_CONTROLS:
            return _first_comment_start(lines, position, lexicon)
    signatures = [line.position for line in lines if _linked_signature(lines, line.position)]
    for i, position in enumerate(signatures):
        window = [p for p in signatures[i : i + _THREAD_MIN_SIGNATURES] if p < position + _SIGNED_COMMENT_WINDOW]
        if len(window) >= _THREAD_MIN_SIGNATURES:
            return position
    return None


# A comment signed with its author's link and name ("http://example.org Jane Roe" / "Great post, thanks!"): a web
# address, then a name of at most `_MAX_SIGNATURE_WORDS` words, over a line of the comment. At least this many
# within `_SIGNED_COMMENT_WINDOW` lines make a thread: a list of links at an article's end has no text under each.
_THREAD_MIN_SIGNATURES = 3
_LINK_SIGNATURE = re.compile(r"^https?://\S+\s+(\S.*)$")


def _linked_signature(lines: Sequence[Line], i: int) -> bool:
    found = _LINK_SIGNATURE.match(lines[i].text)
    if found is None or len(found.group(1).split()) > _MAX_SIGNATURE_WORDS or lines[i].terminal:
        return False
    return (
        i + 1 < len(lines)
        and lines[i + 1].size >= SENTENCE_MIN_WORDS
        and _LINK_SIGNATURE.match(lines[i + 1].text) is None
    )


def _first_comment_start(lines: Sequence[Line], control: int, lexicon: Lexicon) -> int:
    """The first comment's links close it: it starts at the line introducing it (who and when) above them, when
    one lies within the window."""
    for position in range(control - 1, max(-1, control - _COMMENT_WINDOW), -1):
        if introduces_comment(lines[position], lexicon):
            return position
    return control
