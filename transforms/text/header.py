"""The head of an article in a text dump: site, headline, dek, byline and publication date.

Found by shape and position relative to the body (the densest run of prose), not by per-site lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from transforms.captions import parse_caption_line
from transforms.contributors import split_names
from transforms.dates import parse_when, to_iso
from transforms.text.lexicon import Lexicon
from transforms.text.lines import Line, has_terminal_punctuation
from transforms.text.scoring import LineScore

# How far above the body the head may start, in non-blank lines.
HEAD_WINDOW = 40
_MIN_TITLE_WORDS, _MAX_TITLE_WORDS = 3, 30
_MAX_BYLINE_WORDS = 16
# How far down the page a brand line may be.
_BRAND_LINES = 10
# How many lines may separate the headline from the byline or date below it.
_TITLE_TO_ANCHOR = 8

# "The Washington PostDemocracy Dies in Darkness": a brand glued to its tagline by the copy (no space where
# the layout had a line break). The brand's last word must be 3+ letters so "McDonald" is not split.
_GLUED_MASTHEAD = re.compile(
    r"^(?P<brand>(?:[A-Z0-9][\w&'’.-]*\s){0,4}[A-Z0-9][\w&'’.-]*[a-z]{2}[a-z.])(?P<tagline>[A-Z][a-z]+(?:\s\S+){1,8})$"
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?,?\s*(?P<name>[^|©\n]{2,80}?)"
    r"\s*(?:[.,]?\s*(?:all rights reserved|alle rechte|todos los derechos)|\.?\s*$|\s*\|)",
    re.I,
)
_COMPANY_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|Pty|Co|Corp|Corporation|GmbH|AG|S\.A|SA|plc|PLC|"
    r"Company|Group|Media|Holdings)\.?)+$"
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = re.compile(
    rf"(?P<date>\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH}\.?,?"
    rf"\s+\d{{4}}|\b\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|"
    r"\b\d{1,2}\.\d{1,2}\.\d{4})",
    re.I,
)
_DIGIT = re.compile(r"\d")
# How many characters may separate a date from its time.
_NEAR_DATE = 8
# E-mail addresses, handles and links that follow a byline's names.
_CONTACT = re.compile(r"\s*(?:\S+@\S+|@\w+|https?://\S+|www\.\S+)")
_TIME = re.compile(
    r"\b(?P<time>\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?)(?:\s*(?:Uhr|h))?"
    r"(?:\s*(?P<zone>[ECMP][SD]?T|GMT|UTC|BST|CES?T)\b|\s*(?P<offset>[+-]\d{2}:?\d{2})\b)?",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Head:
    site: str | None
    title: str | None
    dek: str | None
    byline: tuple[str, ...]
    published: str | None
    used: frozenset[int]  # positions of lines the head consumed (never body paragraphs)


def _masthead(lines: Sequence[Line]) -> str | None:
    for line in lines[:3]:
        match = _GLUED_MASTHEAD.match(line.text)
        if match:
            return match.group("brand").strip()
    return None


def _copyright_name(lines: Sequence[Line]) -> str | None:
    for line in reversed(lines):
        if line.size > 40:
            continue
        match = _COPYRIGHT.search(line.text)
        if match is None:
            continue
        # "Cable News Network. A Warner Bros. Discovery Company.": the holder is the first sentence.
        first_sentence = re.split(r"(?<=[a-z]{2})\.\s+", match.group("name"))[0]
        name = _COMPANY_SUFFIX.sub("", first_sentence.strip(" .,-–"))
        name = re.sub(r"^\d{4}\s*", "", name).strip(" .,-–")
        if name and len(name.split()) <= 6 and name[0].isupper():
            return name
    return None


def find_site(lines: Sequence[Line]) -> str | None:
    """A masthead glued to its tagline at the top; else the copyright holder, shortened to a brand line at the
    top of the page that it starts with ("The Meridian" for "© 2023 The Meridian Magazine LLC")."""
    masthead = _masthead(lines)
    if masthead:
        return masthead
    holder = _copyright_name(lines)
    if holder is None:
        return None
    for line in lines[:_BRAND_LINES]:
        if 1 <= line.size < len(holder.split()) and holder.startswith(line.text + " "):
            return line.text
    return holder


def _english_months(text: str, lexicon: Lexicon) -> str:
    if lexicon.month_names is None:
        return text
    names = dict(lexicon.months)
    english = lexicon.month_names.sub(lambda m: names[m.group(0).casefold()], text)
    return lexicon.date_filler.sub(" ", english) if lexicon.date_filler else english


def parse_date(text: str, lexicon: Lexicon) -> str | None:
    """The first date in `text` (with its time when one follows), as ISO 8601; None when there is none."""
    if not _DIGIT.search(text):
        return None
    text = _english_months(text, lexicon)
    date = _DATE.search(text)
    if date is None:
        return None
    raw = date.group("date")
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", raw):
        day, month, year = raw.split(".")
        raw = f"{year}-{int(month):02d}-{int(day):02d}"
    has_clock = "T" in raw or re.search(r"\d \d{2}:", raw) is not None
    time = None if has_clock else _time_next_to(text, date)
    when = _parse(raw, time)
    if when is None:
        return None
    return to_iso(when, with_time=bool(time or has_clock))


def _time_next_to(text: str, date: re.Match[str]) -> re.Match[str] | None:
    """The time written right after the date ("June 30, 2023 3:12 PM", "12.01.2024, 16:45 Uhr"), else right
    before it ("18:42, 3 Sep 2023"); a time further away belongs to another date ("Updated: ...")."""
    after = _TIME.search(text, date.end(), date.end() + _NEAR_DATE + 20)
    if after is not None and after.start() - date.end() <= _NEAR_DATE:
        return after
    before = None
    for match in _TIME.finditer(text, max(0, date.start() - _NEAR_DATE - 20), date.start()):
        before = match
    if before is not None and date.start() - before.end() <= _NEAR_DATE:
        return before
    return None


def _parse(raw: str, time: re.Match[str] | None) -> datetime | None:
    if time is None:
        return parse_when(raw)
    clock = (
        time.group("time").replace(".", ":", 1)
        if re.match(r"\d{1,2}\.\d{2}", time.group("time"))
        else time.group("time")
    )
    clock = re.sub(r"([ap])\.?\s?m\.?", r"\1m", clock, flags=re.I)
    zone = time.group("zone") or time.group("offset") or ""
    return parse_when(f"{raw} {clock} {zone}".strip())


def _is_date_line(line: Line) -> bool:
    return line.size <= 20 and _DIGIT.search(line.text) is not None and _DATE.search(line.text) is not None


def _is_dateline(line: Line) -> bool:
    return line.size <= 20 and not line.text.endswith((".", "!", "?")) and _DIGIT.search(line.text) is not None


def find_published(lines: Sequence[Line], head: Sequence[Line], lexicon: Lexicon) -> tuple[str | None, int | None]:
    """Prefer a dateline that says it is the publication date, anywhere on the page (not a sentence of the
    body that mentions one); else the first dated line of the head (the page's own date sits above any dated
    entries or teasers)."""
    for line in lines:
        if _is_dateline(line) and lexicon.published_cue.search(line.text):
            found = parse_date(line.text, lexicon)
            if found:
                return found, line.position
    for line in head:
        if line.size <= 20:
            found = parse_date(line.text, lexicon)
            if found:
                return found, line.position
    return None, None


def _byline_names(line: Line, lexicon: Lexicon) -> tuple[str, ...]:
    match = lexicon.byline_prefix.match(line.text)
    if match is None or line.size > _MAX_BYLINE_WORDS:
        return ()
    rest = _CONTACT.sub("", line.text[match.end() :])
    rest = re.split(r"\s+[|•·–—-]\s+|\s*\|\s*|,\s*(?:Updated|Published)\b", rest)[0]
    date = _DATE.search(rest)
    if date:
        rest = rest[: date.start()]
    return split_names(rest.strip(" ,"))


def find_byline(head: Sequence[Line], lexicon: Lexicon) -> tuple[tuple[str, ...], int | None]:
    for line in head:
        names = _byline_names(line, lexicon)
        if names:
            return names, line.position
    return (), None


def _title_candidate(line: Line, score: LineScore, lexicon: Lexicon, recurring: frozenset[str]) -> bool:
    words = line.size
    if not _MIN_TITLE_WORDS <= words <= _MAX_TITLE_WORDS or line.text in recurring:
        return False
    if _GLUED_MASTHEAD.match(line.text):
        return False
    if score.part("boilerplate") < 0 or score.part("menu_run") < 0 or score.part("recurring") < 0:
        return False
    if _is_date_line(line) or lexicon.byline_prefix.match(line.text):
        return False
    if line.text.endswith(".") and not line.text.endswith("..."):
        return False  # headlines do not end with a full stop; sentences (captions, teasers) do
    return parse_caption_line(line.text) is None


def find_title(
    head: Sequence[Line],
    scores: Sequence[LineScore],
    anchors: frozenset[int],
    lexicon: Lexicon,
    recurring: frozenset[str],
) -> Line | None:
    """The headline: the candidate nearest above the first byline or date line when one is close below it
    (the dek, share bars and the lead picture may sit in between), else the candidate nearest the body."""
    candidates = [line for line in head if _title_candidate(line, scores[line.position], lexicon, recurring)]
    if not candidates:
        return None
    for anchor in sorted(anchors):
        above = [c for c in candidates if 0 < anchor - c.position <= _TITLE_TO_ANCHOR]
        if above:
            return _headline_not_dek(above)
    return _headline_not_dek(candidates)


def _headline_not_dek(candidates: Sequence[Line]) -> Line:
    """The last candidate, unless it directly follows a shorter candidate: then it is the dek under that
    headline (headline, then a longer standfirst, is the order on every kind of site)."""
    last = candidates[-1]
    if len(candidates) >= 2:
        above = candidates[-2]
        if above.position == last.position - 1 and len(above.words) < len(last.words):
            return above
    return last


def find_dek(head: Sequence[Line], title: Line | None, stop: int) -> Line | None:
    """The standfirst: one sentence-like line right under the headline, before the byline/date."""
    if title is None:
        return None
    following = [line for line in head if title.position < line.position < stop]
    if not following:
        return None
    line = following[0]
    sentence_like = has_terminal_punctuation(line.text) or line.size > title.size
    if line.size >= 6 and sentence_like and parse_caption_line(line.text) is None:
        return line
    return None
