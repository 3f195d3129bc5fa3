"""The head of an article in a text dump: site, headline, dek, byline and publication date.

Found by shape and position relative to the body (the densest run of prose), not by per-site lists."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from transforms.captions import (
    CREDIT_WORDS,
    NEWS_AGENCIES,
    clean_credit,
    parse_caption_line,
    parse_credit_line,
    split_caption_credit,
)
from transforms.contributors import NAME_PARTICLES, avatar_name, split_names
from transforms.dates import parse_when, to_iso
from transforms.model import Caption
from transforms.text import title_model
from transforms.text.lexicon import Lexicon
from transforms.text.lines import Line, has_terminal_punctuation, make_line
from transforms.text.scoring import LineScore

# How far above the body the head may start, in non-blank lines.
HEAD_WINDOW = 40
# How far into the body a byline with a prefix may sit (under the lead paragraph, on some sites).
BYLINE_BELOW_BODY_START = 5
# How far into the body a dateline may sit (under a standfirst, a picture and its caption read as the body).
DATELINE_BELOW_BODY_START = 8
_MIN_TITLE_WORDS, _MAX_TITLE_WORDS = 3, 30
_MAX_BYLINE_WORDS = 16
# How far down the page a brand line may be.
_BRAND_LINES = 10
# How many lines may separate the headline from the byline or date below it.
TITLE_TO_ANCHOR = 8

# "The Washington PostDemocracy Dies in Darkness": a brand glued to its tagline by the copy (no space where
# the layout had a line break). The brand's last word must be 3+ letters so "McDonald" is not split.
_GLUED_MASTHEAD = re.compile(
    r"^(?P<brand>(?:[A-Z0-9][\w&'’.-]*\s){0,4}[A-Z0-9][\w&'’.-]*[a-z]{2}[a-z.])(?P<tagline>[A-Z][a-z]+(?:\s\S+){1,8})$"
)
# The number of an item in a ranked list ("3. ", "10) "); a date's day ("4. Juli") is no list number.
_LIST_NUMBER = re.compile(r"^\d{1,2}[.)]\s+(?![A-Za-zäöü]+\s+\d{4}\b)(?=\S)")
# A reading or playing time: "6 min", "4 Minuten", "3 minutos de lectura".
_MAX_LABEL_WORDS = 6
_READING_TIME = re.compile(r"\b\d+\s*(?:min|mins|minutes?|minuten|minutos?|minuti|minuter)\b\.?", re.I)
# A time told relative to now: "1 day ago", "vor 2 Stunden", "hace 3 horas", "il y a 2 heures".
_RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|"
    r"\b(?:vor|hace|il y a|há)\s+\d+\s+\w+",
    re.I,
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
    r"\b(?<!\.)\d{1,2}\.(?:\d{1,2}\.(?:\d{4}|\d{2})|\s\d{1,2}\.\s\d{4})(?![\d.]\d)|\b\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\b(?![.:]\d)|"
    r"\b\d{4}/\d{1,2}/\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b)",
    re.I,
)
# "2023年6月4日": apart, and only looked for in lines holding 年 (no word boundary anchors it, so as one more
# alternative of `_DATE` it would be tried at every character of every line).
_CJK_DATE = re.compile(r"(?P<date>(?<!\d)\d{4}年\s?\d{1,2}月\s?\d{1,2}日)")


def _find_date(text: str) -> re.Match[str] | None:
    return _DATE.search(text) or (_CJK_DATE.search(text) if "年" in text else None)


_DIGIT = re.compile(r"\d")
# How many characters may separate a date from its time.
_NEAR_DATE = 8
# E-mail addresses, handles and links that follow a byline's names (a handle glued to a name is cut apart by
# `_NAMES_END`).
_CONTACT = re.compile(r"\s*(?:[\w.+-]+@[\w-]+\.[\w.]+|(?<!\w)@\w+|https?://\S+|www\.\S+)")
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
    date = _find_date(text)
    if date is None:
        return None
    raw = _numeric_date(date.group("date"), lexicon)
    if raw is None:
        return None
    has_clock = "T" in raw or re.search(r"\d \d{2}:", raw) is not None
    time = None if has_clock else _time_next_to(text, date)
    when = _parse(raw, time)
    if when is None:
        return None
    return to_iso(when, with_time=bool(time or has_clock))


# Dates written in digits alone, each with the order of its parts: "09.02.2023", "17.09.24" and "9. 2. 2023" (day
# first; spaced as Czech, Slovak and some German sites write it, with the year in full),
# "2027.03.08" and "2023. 11. 19." (year first: Korean, Lithuanian, Hungarian sites), "2025/1/21" (Japanese and
# Chinese sites), "2023年6月4日", and "23/02/2024", whose order depends on the country.
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})")
_YEAR_MONTH_DAY = re.compile(r"(\d{4})(?:\.\s?|/|年\s?)(\d{1,2})(?:\.\s?|/|月\s?)(\d{1,2})日?")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _numeric_date(raw: str, lexicon: Lexicon) -> str | None:
    """`raw` as "YYYY-MM-DD" when written in digits alone; a date with month names as it is. None when the digits
    make no date, or when the order of a slashed date cannot be told: "04/05/2024" is April in the United States
    and May in Britain, and an English page does not say which (a wrong date is worse than none)."""
    if match := _DAY_MONTH_YEAR.fullmatch(raw):
        day, month, year = (int(part) for part in match.groups())
        year += 2000 if year < 100 else 0  # "17.09.24": datelines with two-digit years are this century's
    elif match := _YEAR_MONTH_DAY.fullmatch(raw):
        year, month, day = (int(part) for part in match.groups())
    elif match := _SLASHED.fullmatch(raw):
        first, second, year = (int(part) for part in match.groups())
        if first > 12 or (second <= 12 and lexicon.language != "en"):
            day, month = first, second
        elif second > 12:
            day, month = second, first
        else:
            return None
    else:
        return raw
    return f"{year}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


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


# A clock time as datelines write it ("12:43", "4.34pm", "14:07 Uhr"); a bare "3.50" is a price, not a time.
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\b\.?|uhr\b|h\b)", re.I)


def is_date_line(line: Line) -> bool:
    """A short line carrying a date or a clock time: a dateline, a timestamp, never a headline."""
    return (
        line.size <= 20
        and _DIGIT.search(line.text) is not None
        and (_find_date(line.text) is not None or _CLOCK.search(line.text) is not None)
    )


# A dateline among the body's opening lines is short ("14. Mai 2025", "Published: 17.09.24 kl. 08:15"); a longer
# line with a date there is the story's text.
_MAX_OPENING_DATELINE_WORDS = 10


def find_published(
    lines: Sequence[Line], head: Sequence[Line], lexicon: Lexicon, opening: Sequence[Line] = ()
) -> tuple[str | None, int | None]:
    """Prefer a dateline that says it is the publication date, anywhere on the page (not a sentence of the
    body that mentions one); else the first dated line of the head (the page's own date sits above any dated
    entries or teasers); else a dateline among the body's opening lines (under a standfirst read as the body's
    first paragraph)."""
    for line in lines:
        sentence = _ends_a_sentence(line.text)
        if is_date_line(line) and not sentence and lexicon.published_cue.search(line.text):
            found = parse_date(line.text, lexicon)
            if found:
                return found, line.position
    for line in head:
        if line.size <= 20:
            found = parse_date(line.text, lexicon)
            if found:
                return found, line.position
    return first_dateline(opening, lexicon)


def first_dateline(lines: Sequence[Line], lexicon: Lexicon) -> tuple[str | None, int | None]:
    """The date of the first short line among `lines` that carries one and is no sentence (`find_published`'s
    dateline among the body's opening lines; a dateline some sites print under the story), with its position."""
    for line in lines:
        if line.size <= _MAX_OPENING_DATELINE_WORDS and not _ends_a_sentence(line.text):
            found = parse_date(line.text, lexicon)
            if found:
                return found, line.position
    return None, None


def _ends_a_sentence(text: str) -> bool:
    """The line ends like a sentence: not a dateline, unless its full stop is a clock's ("April 2 2031, 4:05 p.m.")."""
    return text.endswith((".", "!", "?")) and _CLOCK_SUFFIX.search(text) is None


# A twelve-hour clock's suffix closing a line, its full stop no sentence's end: "9:05 p.m.", "11 a.m.".
_CLOCK_SUFFIX = re.compile(r"\d\s?[ap]\.m\.$", re.I)


# Separators of a dateline's parts: "Do 25.04.24 | 14:07 Uhr | Von Eva Roe".
_PARTS = re.compile(r"\s+[|•·]\s+")


def _byline_names(line: Line, lexicon: Lexicon) -> tuple[str, ...]:
    """The names after a byline prefix that opens the line, or one of its parts when a dateline holds the byline
    among the date and the time."""
    if line.size > _MAX_BYLINE_WORDS:
        return ()
    for part in _PARTS.split(line.text):
        match = lexicon.byline_prefix.match(part)
        if match is not None:
            return _prefixed_names(part[match.end() :])
    return ()


def _prefixed_names(text: str) -> tuple[str, ...]:
    names = _names_part(_POSTED_WHEN.split(text, maxsplit=1)[0])
    # "Von dpa", "By AFP": a news agency is the byline of a wire story; "By MND Staff" the newsroom's own.
    return (names,) if _WIRE.fullmatch(names) or _STAFF.fullmatch(names) else _names_and_agency(names)


# After a byline's names, when and where the post went up: "Jane Roe on March 3, 2031", "Jane Roe at 6:43 PM",
# "Jane Roe in Town news" (a blog's "Posted by" line); only after a prefix, where the names come first.
_POSTED_WHEN = re.compile(r"\s+(?:on|at|in)\s+(?=[A-Z\d])")


# A newsroom signing as a whole: "By Example News Staff", "By the Example Staff" (the outlet's name, then
# "staff"); the shared name splitter drops it as a role.
_STAFF = re.compile(r"(?:[Tt]he\s+)?(?:[A-Z][\w&.'’-]*\s+){1,3}[Ss]taff")


# A news agency named after the people ("Adam Vidler and AP", "Von Jane Roe und John Doe, dpa"): an author of the
# piece too, which the shared name splitter drops as an outlet's initials.
_AGENCY_AFTER_NAMES = re.compile(rf"(?:,|\s*[&/]|\s(?:and|und|et|y|og|och|en|e|i))\s*(?P<agency>{NEWS_AGENCIES})$")


def _names_and_agency(text: str) -> tuple[str, ...]:
    names = split_names(text)
    agency = _AGENCY_AFTER_NAMES.search(text)
    if names and agency is not None and agency.group("agency") not in names:
        return (*names, agency.group("agency"))
    return names


# A byline without a prefix: names alone on a line ("Joseph Brean", "Adam Vidler and AP"), maybe with the time
# after them ("Nizaar Kinsella 2 minutes ago"), right under the headline or right above the date.
_MAX_BARE_BYLINE_WORDS = 8
# How far a bare byline may sit below a headline or above a dateline; how many lines of names a byline may take.
_BYLINE_REACH, _BYLINE_LINES = 3, 3
# What ends the names of a byline: a separator, a date ("Von dpa 30.04.2024"), a role ("Jane Roe Political
# correspondent", "Jana Beispiel Korrespondent"), a handle or a link, a social or contact button ("Follow",
# "Tips meg": tip me), "with AP".
_ROLES = (
    r"correspondent|reporter|editor|writer|columnist|journalist|producer|analyst|korrespondent|redakteur|autor|"
    r"corresponsal|redactor|journaliste|giornalista"
)
_NAMES_END = re.compile(
    r"\s+[|•·–—-]\s+|\s*\|\s*|,\s*(?i:updated|published)\b|\s*\d|\s*(?:@|https?://|www\.)|"
    # a role: after a comma ("Danny Briggs, Showbiz Reporter"), after a capitalised adjective when the role is in
    # lower case ("Jane Roe Political correspondent"), or alone ("Jana Beispiel Korrespondent"); after a comma, also
    # the end of a compound ("Anna Berger, Lokalredakteurin")
    rf",\s*(?:[\w-]+\s+){{0,3}}(?i:[a-zäöüß]*(?:{_ROLES}))|\s+[A-Z][a-z]+\s+(?=(?:{_ROLES}))|\s+(?i:{_ROLES})\w*\b|"
    r"\s+(?i:follow|twitter|email|e-mail|tips|mit|with|avec|con)\b|"
    # the outlet right after the last name, with no separator: "Jane Roe The Associated Press"
    r"\s+The\s+(?=[A-Z])|"
    # a role in brackets: "Martí Abad (Enviado especial)", "Jane Roe (Special correspondent)"
    r"\s*\((?![A-Za-z]{1,4}\))[^()]*\)\s*$"
)
# A role word anywhere in a line: a byline's line (for a run of short lines that looks like a menu).
_ROLE = re.compile(rf"\b(?:{_ROLES})", re.I)
_JOINERS = frozenset({"and", "und", "y", "et", "e", "og", "och", "en", "i"})


# Korean bylines put the role after each name: "구현모 기자", "배윤경 기자 bykj@mk.co.kr 이상현 기자 ...".
_KOREAN_REPORTER = re.compile(r"([가-힣]{2,4})\s*기자\b")


def _reporter_names(line: Line) -> tuple[str, ...]:
    if line.size > _MAX_BYLINE_WORDS:
        return ()
    return tuple(dict.fromkeys(match.group(1) for match in _KOREAN_REPORTER.finditer(line.text)))


def _names_part(text: str) -> str:
    """The names at the head of a byline's text, before anything that follows them (see `_NAMES_END`); a name
    written twice ("Martin Roe Martin Roe": a portrait's label and the name) once."""
    names = _NAMES_END.split(_CONTACT.sub("", text), maxsplit=1)[0].strip(" ,")
    words = names.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half and words[:half] == words[half:] else names


def _bare_names(line: Line, lexicon: Lexicon, allow_stop_surname: bool = False) -> tuple[str, ...]:
    """The names of a line that holds names and nothing else but what may follow a byline's names. Capitals
    throughout mark a section label ("TRIBUNAL SUPREMO"), a chrome word a button ("Share Save"). With
    `allow_stop_surname` (names under a byline's prefix) a capitalised stop word after the first name is a
    surname ("Xiaoying You")."""
    if _WIRE.fullmatch(line.text):
        return (line.text,)  # "AFP", "dpa": the agency is the byline of a wire story
    if _SPACED_HAN_NAME.fullmatch(line.text):
        return (line.text,)  # "大渡 美咲": a Japanese or Chinese name, family name and given name apart
    if _too_long_for_names(line) or line.text.endswith((".", "!", "?", ":")) or line.text.isupper():
        return ()
    if parse_caption_line(line.text) is not None:
        return ()  # "Image source, Getty Images": a picture's credit
    text = _names_part(line.text)
    if text.endswith(":") or line.text[len(text) :].lstrip().startswith(":") or text.casefold() in lexicon.chrome_lines:
        return ()  # "Son Güncelleme : 30.04.2024": a label before its value; "Front Page": a menu's item
    if (
        _is_month(text.rsplit(maxsplit=1)[-1] if text else "", lexicon)
        and line.text[len(text) :].lstrip()[:1].isdigit()
    ):
        return ()  # "Sat Jan 5, 2008": a date's words before its first digit
    words = [word.casefold() for word in text.split()]
    surname = [allow_stop_surname and k > 0 and word[:1].isupper() for k, word in enumerate(text.split())]
    if len(words) < 2 or any(
        (word in lexicon.stopwords and word not in _JOINERS and word not in NAME_PARTICLES and not surname[k])
        or word in lexicon.chrome_lines
        for k, word in enumerate(words)
    ):
        return ()
    names = _names_and_agency(text)
    if len(names) == 1 and _dated(line.text[len(text) :]):
        names = _glued_pairs(names[0])
    return names if all(" " in name or name.isupper() or _WIRE.fullmatch(name) for name in names) else ()


def _dated(text: str) -> bool:
    """Holds a date or a clock time ("8 января, 17:46", "March 3, 2024")."""
    return _find_date(text) is not None or _CLOCK.search(text) is not None


def _glued_pairs(name: str) -> tuple[str, ...]:
    """Names the copy glued together before the date ("Jane Roe John Doe Ann Poe 8 January, 17:46", each name a
    link of its own on the page): four or six capitalised words, no particle among them, read as pairs."""
    words = name.split()
    if len(words) not in (4, 6) or any(word.casefold() in NAME_PARTICLES or not word[0].isupper() for word in words):
        return (name,)
    return tuple(" ".join(words[k : k + 2]) for k in range(0, len(words), 2))


# A name in Han characters written with a space between family and given name, as Japanese bylines do (a
# section label, "社会", has no space); unspaced it cannot be told from a word.
_SPACED_HAN_NAME = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]{1,3} [\u4e00-\u9fff\u3400-\u4dbf\u3040-\u309f]{1,3}")


def _too_long_for_names(line: Line) -> bool:
    """Longer than a byline, unless a separator or a date sets the names apart from what follows them ("Jane
    Roe Doe | Published 4 months ago", "Jane Roe John Doe 8 January, 17:46")."""
    if line.size <= _MAX_BARE_BYLINE_WORDS:
        return False
    names = _names_part(line.text)
    if len(names.split()) <= _MAX_BARE_BYLINE_WORDS and _dated(line.text[len(names) :]):
        return False
    parts = _PARTS.split(line.text, maxsplit=1)
    return len(parts) == 1 or len(parts[0].split()) > _MAX_BARE_BYLINE_WORDS


_MONTH_WORD = re.compile(rf"{_MONTH}\.?", re.I)


def _is_month(word: str, lexicon: Lexicon) -> bool:
    return _MONTH_WORD.fullmatch(word) is not None or (
        lexicon.month_names is not None and lexicon.month_names.fullmatch(word) is not None
    )


# The signature under an embedded post: "— Jane Roe (@janeroe) November 20, 2019". Its date is the post's.
_EMBED_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{1,80}\(@\w+\)")


def is_head_line(line: Line, lexicon: Lexicon) -> bool:
    """A byline (with a prefix or names alone) or a dateline: a line of an article's head; never the signature
    of a post embedded in the body."""
    if _EMBED_SIGNATURE.match(line.text):
        return False
    return is_signed_head_line(line, lexicon) or bool(_bare_names(line, lexicon))


def is_signed_head_line(line: Line, lexicon: Lexicon) -> bool:
    """A head line that says what it is: a byline under its prefix ("By ...") or a dateline. A line of names
    alone may be a sidebar's label ("Learn Chinese") as well as a byline."""
    if _EMBED_SIGNATURE.match(line.text):
        return False
    return is_date_line(line) or bool(_byline_names(line, lexicon)) or _dated_meta_line(line)


# A post's meta line: fields split by bars, the first a dateline ("Posted: 5 May 2020 | Author: jane | Filed under:
# Garden, Leeks | Tags: ..."), however long its lists of categories and tags.
_META_SEPARATOR = " | "
_MAX_META_DATELINE_WORDS = 6


def _dated_meta_line(line: Line) -> bool:
    first, separator, _ = line.text.partition(_META_SEPARATOR)
    if not separator or len(first.split()) > _MAX_META_DATELINE_WORDS:
        return False
    return is_date_line(make_line(line.position, line.block, first))


def _may_be_byline(head: Sequence[Line], i: int, score: LineScore) -> bool:
    """No chrome evidence; or only that of a menu's run of short lines when a role or a date follows (or just
    precedes: a byline, a role and a date are short lines in a row too), a role within reach, a date right next
    to it (a menu's last items sit over the headline and its date: "Studio Lüneburg" / headline / "Stand: ...")."""
    if not score.marked_chrome:
        return True
    if not _only_a_menu_run(score):
        return False
    near = head[max(0, i - _DATE_OVER_BYLINE) : i + 1 + _BYLINE_REACH]
    return any(_ROLE.search(line.text) for line in near) or _date_next_to(head, i)


def _date_next_to(head: Sequence[Line], i: int) -> bool:
    """A date just above the line, or below it with at most short labels between ("SID" / "Nachrichtenagentur"
    / "16:30"), not a headline."""
    if i > 0 and is_date_line(head[i - 1]):
        return True
    for line in head[i + 1 : i + 1 + _DATE_UNDER_BYLINE]:
        if is_date_line(line):
            return True
        if line.size > _MAX_LABEL_WORDS_OVER_BODY:
            return False
    return False


def _only_a_menu_run(score: LineScore) -> bool:
    """Chrome by a menu's run of short lines alone (a byline over share buttons is such a line too)."""
    return score.part("menu_run") != 0 and not any(
        score.part(name) < 0 for name in ("boilerplate", "recurring", "end_marker")
    )


def _under_a_dek(head: Sequence[Line], i: int, scores: Sequence[LineScore]) -> bool:
    """Right under the standfirst, a sentence of prose under the headline: where magazines sign the piece."""
    return i > 0 and scores[head[i - 1].position].is_prose


def find_byline(
    head: Sequence[Line],
    opening: Sequence[Line],
    scores: Sequence[LineScore],
    lexicon: Lexicon,
    recurring: frozenset[str],
) -> tuple[tuple[str, ...], int | None]:
    """A line opening with a byline prefix ("By", "Von:") in the head or the body's opening lines (some sites
    put the byline under the lead paragraph), or a prefix alone with the names on the next lines; else lines
    of names alone just under a headline or just above a dateline. An avatar's initials over the name are
    passed over."""
    avatars = _avatars((*head, *opening))
    head = [line for line in head if line.position not in avatars]
    opening = [line for line in opening if line.position not in avatars]
    for i, line in enumerate(head_and_opening := (*head, *opening)):
        names = _byline_names(line, lexicon) or _reporter_names(line)
        if not names and is_prefix_alone(line, lexicon):
            names = _names_below(head_and_opening, i, lexicon, after_prefix=True)
        if names:
            return names, line.position
    if avatars:
        # Each author's portrait (its initials left by the copy) stands over the author's name and role.
        return tuple(dict.fromkeys(avatars.values())), min(avatars) + 1
    # Names right over a dateline are the strongest sign; nearest the body first (teaser cards sit higher up).
    for i in (*reversed(range(len(head))), *range(len(head), len(head_and_opening))):
        line = head_and_opening[i]
        near = (
            *head_and_opening[max(0, i - _DATE_OVER_BYLINE) : i],
            *head_and_opening[i + 1 : i + 1 + _DATE_UNDER_BYLINE],
        )
        if not any(is_date_line(other) for other in near):
            continue
        if _may_be_byline(head_and_opening, i, scores[line.position]) and _bare_names(line, lexicon):
            first = _first_line_of_names(head_and_opening, i, scores, lexicon, recurring)
            return _names_below(head_and_opening, first - 1, lexicon), head_and_opening[first].position
    for i, line in enumerate(head):
        score = scores[line.position]
        may_be = _may_be_byline(head, i, score) or (_only_a_menu_run(score) and _under_a_dek(head, i, scores))
        if not (may_be and _bare_names(line, lexicon)):
            continue
        above = head[max(0, i - _BYLINE_REACH) : i]
        if any(_title_candidate(other, scores[other.position], lexicon, recurring) for other in above):
            return _names_below(head, i - 1, lexicon), line.position
    return _names_over_body(head, scores, lexicon)


def _avatars(lines: Sequence[Line]) -> dict[int, str]:
    """The lines holding an avatar's initials over the name of the line below ("JD" over "Jane Doe"), by
    position, to that name: a portrait's placeholder, not a news agency ("PA") or a picture's credit."""
    return {
        line.position: name
        for line, below in pairwise(lines)
        if below.position == line.position + 1 and (name := avatar_name(line.text, below.text)) is not None
    }


def find_author_box(lines: Sequence[Line], lexicon: Lexicon) -> tuple[tuple[str, ...], int | None]:
    """An author box among `lines`: a byline's prefix on a line of its own over the names ("Kommentar von" /
    "Jane Roe"), a wire story's sign-off ("SDA/sep": the agency and the editor's initials) or a Korean reporter's
    ("<name> 기자"); nothing looser: under an article a "By Jane Roe" line is as likely a related story's teaser."""
    for i, line in enumerate(lines):
        if is_prefix_alone(line, lexicon) and (names := _names_below(lines, i, lexicon)):
            return names, line.position
        if _SIGN_OFF.fullmatch(line.text):
            agencies = (part.strip() for part in line.text.split("/"))
            return tuple(dict.fromkeys(part for part in agencies if _WIRE.fullmatch(part))), line.position
        if reporters := _reporter_names(line):
            return reporters, line.position  # Korean papers sign under the story: "<name> 기자 <e-mail>"
    return (), None


# A wire story's sign-off under it: agencies and an editor's initials apart by slashes ("SDA/sep", "dpa/AFP/jr").
_SIGN_OFF = re.compile(rf"(?:{NEWS_AGENCIES})(?:\s*/\s*(?:{NEWS_AGENCIES}|[a-z]{{2,4}}))+")


def _first_line_of_names(
    lines: Sequence[Line], i: int, scores: Sequence[LineScore], lexicon: Lexicon, recurring: frozenset[str]
) -> int:
    """Where a byline of one name a line ("Jane Roe" / "John Doe" / date) starts, found from its last line: the
    lines of names alone just above it, never a line that may be the headline."""
    first = i
    while first > 0 and i - first + 1 < _BYLINE_LINES:
        above = lines[first - 1]
        score = scores[above.position]
        if not _bare_names(above, lexicon) or _title_candidate(above, score, lexicon, recurring):
            break
        if not _may_be_byline(lines, first - 1, score):
            break
        first -= 1
    return first


# How many short lines (an outlet's name, a role) may separate a line of names from the body's first paragraph.
_LABELS_OVER_BODY, _MAX_LABEL_WORDS_OVER_BODY = 1, 3


def _names_over_body(
    head: Sequence[Line], scores: Sequence[LineScore], lexicon: Lexicon
) -> tuple[tuple[str, ...], int | None]:
    """Names alone right above the body's first paragraph, at most a short label (the outlet, a role) between:
    where broadcasters and magazines put the byline when the date is shown elsewhere or not at all."""
    for i in range(len(head) - 1, max(-1, len(head) - 2 - _LABELS_OVER_BODY), -1):
        line = head[i]
        if _may_be_byline(head, i, scores[line.position]) and (names := _bare_names(line, lexicon)):
            return names, line.position
        if line.size > _MAX_LABEL_WORDS_OVER_BODY or scores[line.position].is_prose:
            break
    return (), None


# How far below a line of names its dateline may sit (a role or a place line may come between), or above it.
_DATE_UNDER_BYLINE, _DATE_OVER_BYLINE = 2, 1


# A byline's prefix alone on a line is at most this long ("Ein Kommentar von").
_MAX_PREFIX_WORDS = 3


def is_prefix_alone(line: Line, lexicon: Lexicon) -> bool:
    """ "von", "By:", "Kommentar von": a byline's prefix on a line of its own, the names on the next ones."""
    if line.size > _MAX_PREFIX_WORDS:
        return False
    match = lexicon.byline_prefix.match(line.text + " x")
    return match is not None and match.end() == len(line.text) + 1


def _names_below(lines: Sequence[Line], i: int, lexicon: Lexicon, after_prefix: bool = False) -> tuple[str, ...]:
    """The names on the lines after `lines[i]` that hold names alone (a byline over several lines). After a
    prefix alone ("By") a list of authors goes on while each line ends with a comma or "&" ("Jane Roe," /
    "John Doe &" / "…" / "Ann Poe"), and a surname may be a stop word ("Xiaoying You")."""
    names: list[str] = []
    for j in range(i + 1, len(lines)):
        line = lines[j]
        if j - i > _BYLINE_LINES and not (after_prefix and _LIST_GOES_ON.search(lines[j - 1].text)):
            break
        if after_prefix and line.text in _ELLIPSIS:
            continue  # a list folded by the page ("Show authors")
        found = _bare_names(line, lexicon, allow_stop_surname=after_prefix)
        if not found or (names and is_date_line(line)):  # "Actualizado Lunes, 2 diciembre ..." is no name
            break
        names.extend(name for name in found if name not in names)
    return tuple(names)


# A line of an author list that says another name follows; a line that stands for names folded away.
_LIST_GOES_ON = re.compile(r"(?:,|&|\band)\s*$|^(?:…|\.\.\.)$")
_ELLIPSIS = frozenset({"…", "..."})


def _title_candidate(
    line: Line, score: LineScore, lexicon: Lexicon, recurring: frozenset[str], apart: frozenset[int] = frozenset()
) -> bool:
    words = line.size
    if not _MIN_TITLE_WORDS <= words <= _MAX_TITLE_WORDS or line.text in recurring:
        return False
    if _GLUED_MASTHEAD.match(line.text):
        return False
    if _chrome(line, score, apart):
        return False
    if is_date_line(line) or _byline_names(line, lexicon):
        return False
    if line.text.startswith(":"):
        return False  # the rest of a line whose kicker sits above it (see `_joined_to_kicker`)
    if _NAVIGATION_LINK.match(line.text) or _MARKUP.search(line.text):
        return False  # "« Previous post", "Next story »"; a tag left in the copy ("<a href=…>")
    if _page_furniture(line, lexicon):
        return False  # "Tags: …", "Posted in …", "Open navigation menu", "(Symbolbild)": labels, notices, captions
    if line.text.endswith(":") or (line.text.endswith(".") and not line.text.endswith("...")):
        return False  # headlines end with neither a full stop (captions, teasers) nor a colon (labels)
    if _DANGLING_DASH.search(line.text):
        return False  # "Umbau des Rathauses –": a kicker whose headline the copy set on the next line
    if _LIST_NUMBER.match(line.text):
        return False  # "3. Rick Bell: Smith fires back": an item of a most-read list
    if line.size <= _MAX_LABEL_WORDS and (_READING_TIME.search(line.text) or _RELATIVE_TIME.search(line.text)):
        return False  # "Tiempo de lectura: 6 min", "Lesedauer: 4 Minuten", "1 day ago", "vor 2 Stunden"
    if parse_credit_line(line.text) is not None:
        return False  # a picture's credit alone ("Jane Roe/Associated Press", "Roe Studio/Getty Images")
    return parse_caption_line(line.text) is None and not _sentence_with_credit(line.text)


# A spaced dash that ends a line: the separator between a kicker and its headline, left at the kicker's end.
_DANGLING_DASH = re.compile(r"\s[-–—]$")


def _page_furniture(line: Line, lexicon: Lexicon) -> bool:
    """A line of the page's furniture, not of a story: a field of its metadata ("Category: Gardening", "Filed
    under: Town", "Staff | Tags: …"), the label of a control or a notice ("Open navigation menu", "Page not found",
    "An error occurred, please try again later"), a picture's caption marked as a stock or an archive picture."""
    if any(lexicon.meta_label.match(part.casefold()) for part in _PARTS.split(line.text)):
        return True
    return lexicon.interface_phrase.search(line.folded) is not None or _PICTURE_NOTE.search(line.text) is not None


# What a caption says of its picture: that it shows no scene of the story ("… (Symbolbild)"), that it comes from the
# archive ("… (File photo)"), where in it a person stands ("Jane Roe (left) with John Doe", "Jana Beispiel (links)");
# not "(R)" or "(C)", a party or a copyright as often.
_PICTURE_NOTE = re.compile(
    r"\((?:Symbol|Archiv)(?:bild|foto)\)$|\((?:file|archive|stock) (?:photo|picture)\)$|"
    r"(?<=\s)\((?:L|(?:(?:2nd|second|\d\.) )?(?:from )?(?:left|right)|cent(?:re|er)|"
    r"(?:\d\. von )?(?:links|rechts)|Mitte|à (?:gauche|droite)|(?:a la )?(?:izquierda|derecha))\)",
    re.I,
)


# A link to the previous or the next page: a guillemet that opens it or closes it, with no partner (a quoted
# headline has both: "«Wir bleiben»", "la « gravité de la situation »"; German quotes point inwards: "»Nein«").
_NAVIGATION_LINK = re.compile(r"[«‹][^»›]*$|[^«‹]*[»›]$")
# Markup the copy kept as text: a tag with an attribute, or a closing tag.
_MARKUP = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*\s+[a-zA-Z-]+\s*=|/[a-zA-Z][a-zA-Z0-9]*\s*>)")


# The word before a full stop that ends no sentence: "Rep. Zooey Zephyr", "Dr. Jane Roe", "J.J. Guillén", also as
# the last part of a compound ("Japan-U.S. Pact").
_ABBREVIATION = re.compile(r"(?:\S+-)?(?:[A-Z][a-z]{0,2}\.?|(?:[A-Z]\.)+[A-Z]?\.?)")


def _sentence_with_credit(text: str) -> bool:
    return sentence_with_credit(text) is not None


# A person's initials: "J.J.", "H."
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
# A caption's text has at least this many words; its credit is set off by a sentence's end, a slash or an agency.
_MIN_CAPTION_WORDS = 4
# A news agency's name, as the byline of a wire story.
_WIRE = re.compile(rf"(?:{NEWS_AGENCIES})")
_SPACED_SLASH = re.compile(r"\s[/|]\s")
_AGENCY = re.compile(rf"\b(?:{CREDIT_WORDS})\b")


def sentence_with_credit(text: str) -> Caption | None:
    """A picture's caption with its credit after it ("... en Madrid. EFE", "... Rappers. © Netflix | PR",
    "... 있다. 뉴시스", "... country AP Photo/Edgar H. Clemente"), else None. Not a full stop of an
    abbreviation ("Trans Rep. Zooey Zephyr"), not a line opening in lower case (the end of a sentence)."""
    caption = split_caption_credit(text)
    if caption.credit is not None and caption.text and _INITIALS.fullmatch(initials := caption.text.split()[-1]):
        # "... en Madrid. EFE/ J.J. Guillén" was cut after the initials: the credit starts a sentence earlier
        earlier = split_caption_credit(caption.text[: -len(initials)].rstrip())
        if earlier.credit is not None and earlier.text and text.startswith(earlier.text):
            credit = clean_credit(text[len(earlier.text) :])
            caption = Caption(text=earlier.text, credit=credit, media=caption.media)
    if caption.credit is None or len(caption.text.split()) < _MIN_CAPTION_WORDS or caption.text[0].islower():
        return None
    if _ABBREVIATION.fullmatch(caption.text.split()[-1]) is not None:
        return None
    set_off = (
        has_terminal_punctuation(caption.text)
        or "/" in caption.credit
        or _SPACED_SLASH.search(text)
        or _AGENCY.search(caption.credit)
    )
    return caption if set_off else None


def title_candidates(
    head: Sequence[Line],
    scores: Sequence[LineScore],
    anchors: frozenset[int],
    lexicon: Lexicon,
    recurring: frozenset[str],
) -> list[Line]:
    """The lines of the head that may be the headline (see `_title_candidate`), bylines and datelines aside; a line
    that opens with a kicker (`_without_kicker`) is also a candidate without it, the model choosing between the two.
    Where a breadcrumb trail names the page (`_crumb_name`), that name is the only candidate: the page says which
    of its lines is its title, nothing is left to weigh. Where a breadcrumb trail has candidates under it, the
    head starts there: lines above it (a player's, a menu's) are not the story's (but some sites set the trail
    under the headline, nothing but the picture and the byline below it). A trail set on one line
    (`_inline_trail`) only lends its last item as a candidate: starting the head there cost titles on four sets."""
    found: list[Line] = []
    under_trail = 0  # how many candidates were found above the last breadcrumb trail
    above: Line | None = None
    by_position = {line.position: line for line in head}
    apart = set_apart(head, scores)
    for line in head:
        if (trail := _inline_trail(line)) is not None:
            # A trail's last item may name the page ("Home » Recipes » <the recipe>"): it stands as a candidate
            # of its own; the trail itself is navigation.
            if trail.text and _title_candidate(trail, scores[line.position], lexicon, recurring, apart):
                found.append(trail)
            above = line
            continue
        line = _without_trail_label(line, lexicon)
        named = _crumb_name(line, by_position)
        if named is not None and _title_candidate(named, scores[line.position], lexicon, recurring):
            return [_with_glued_kicker(named, [below for below in head if below.position > line.position])]
        if named is not None:
            under_trail = len(found)
        joined = _joined_to_kicker(line, above)
        has_kicker = joined is not None or _is_kicker_above(line, above, scores, apart)
        a_media_title = _under_media_label(line, above)
        line, above = joined or line, line
        if a_media_title or line.position in anchors:
            continue
        if _title_candidate(line, scores[line.position], lexicon, recurring, apart):
            found.append(line)
            headline = None if has_kicker else _without_kicker(line)  # a headline has one kicker
            if headline is not None:
                found.append(headline)
    return found[under_trail:] or found


def _without_trail_label(line: Line, lexicon: Lexicon) -> Line:
    """The last item of a trail under the label a page sets before it ("You are here: Home > <the page's name>",
    however few its items and however spaced its separators), at the line's position; the line itself when it
    opens with no such label."""
    label = lexicon.trail_label.match(line.text)
    if label is None:
        return line
    return make_line(line.position, line.block, _LABELLED_TRAIL_SEPARATOR.split(line.text[label.end() :])[-1].strip())


# A separator of a trail under its label, spaced or not ("Home>Town > <the page's name>").
_LABELLED_TRAIL_SEPARATOR = re.compile(r"\s*[>»›|]\s*|\s/\s")


# A breadcrumb trail or a row of links copied onto one line: "Home » Recipes » <the recipe>", "You are here: Home >
# News > …", "« Older post | Main | Newer post »", "2024 | 2023 | 2022". Two spaced separators of one kind make a
# trail; a headline has at most one ("Topic / Headline", "Headline | Site").
_TRAIL_SEPARATORS = (" » ", " › ", " > ", " / ", " | ", " → ")


def _inline_trail(line: Line) -> Line | None:
    """The last item of a trail set on one line (empty when the trail ends with its separator), at the line's
    position; None when the line is no trail."""
    for separator in _TRAIL_SEPARATORS:
        items = line.text.split(separator)
        if len(items) >= 3:
            last = items[-1].strip()
            # "… England >", "… | Newer post »": the trail ends with a separator or a link onwards, not a name;
            # "… / Researcher finds flaws in...": the trail cut the name short, the whole one stands elsewhere
            cut = last[-1:] in _CRUMB_SEPARATORS or last.endswith(("...", "…"))
            return make_line(line.position, line.block, "" if cut else last)
    return None


# A breadcrumb trail copied as a numbered list ("1. Home", ">", "2. Politik", "3. <the page's own name>"): every item
# before the last is a section's label of a few words (the copy may leave one empty), separators may stand between.
_CRUMB_ITEM = re.compile(r"^(?P<number>\d{1,2})\.(?:\s+(?P<name>\S.*))?$")
_CRUMB_SEPARATORS = frozenset({">", "›", "»", "/", "|", "→"})
_MAX_SECTION_WORDS = 3


def _crumb_name(line: Line, lines: Mapping[int, Line]) -> Line | None:
    """The last item of a numbered breadcrumb trail, without its number: the name the page gives itself (its
    headline, or the headline with its kicker, as the site titles it; empty where the copy left it so); it keeps
    the item's position. None when the line ends no trail."""
    match = _CRUMB_ITEM.match(line.text)
    if match is None or int(match.group("number")) < 2:
        return None
    expected, position = int(match.group("number")) - 1, line.position - 1
    while expected >= 1:
        item = lines.get(position)
        if item is None:
            return None
        position -= 1
        if item.text in _CRUMB_SEPARATORS:
            continue
        section = _CRUMB_ITEM.match(item.text)
        if section is None or int(section.group("number")) != expected:
            return None
        if len((section.group("name") or "").split()) > _MAX_SECTION_WORDS:
            return None  # an item of a ranked list of stories, not a section's label
        expected -= 1
    return make_line(line.position, line.block, match.group("name") or "")


# The label a page sets over a player or a gallery, whose own title follows it ("Video" / "<the clip's title>").
_MEDIA_LABELS = frozenset(
    {"video", "vídeo", "vidéo", "audio", "podcast", "gallery", "galería", "galerie", "bildergalerie", "fotostrecke"}
)


def _under_media_label(line: Line, above: Line | None) -> bool:
    """The line right under a player's or a gallery's label: the clip's title, not the story's headline (a video
    of the story is often titled like it)."""
    return above is not None and above.position == line.position - 1 and above.folded.strip(" :") in _MEDIA_LABELS


def set_apart(lines: Sequence[Line], scores: Sequence[LineScore]) -> frozenset[int]:
    """Positions of the lines that are chrome only by a menu's run which, within their own block, holds fewer than
    a menu's few lines: a blank line ended the menu, and the short lines set apart under it (a kicker, a headline)
    only continue its run across that line."""
    apart: set[int] = set()
    run: list[Line] = []
    for line in [*lines, None]:
        goes_on = (
            line is not None and bool(run) and line.block == run[-1].block and line.position == run[-1].position + 1
        )
        if run and not goes_on:
            if len(run) < _MENU_LINES:
                apart.update(
                    item.position
                    for item in run
                    if _only_a_menu_run(scores[item.position]) and not _TRAIL_PARTS.search(item.text)
                )
            run = []
        if line is not None and scores[line.position].part("menu_run"):
            run.append(line)
    return frozenset(apart)


# A menu's run has at least this many short lines (as `scoring` counts them).
_MENU_LINES = 3
# A link trail's separator between its parts or after its last one ("Home » Reviews »", "Blog > Tips"): such a
# line set apart under a menu is the trail, still chrome.
_TRAIL_PARTS = re.compile(r"\s[»>|›]\s|\s[»>|›]$|^[»>|›]\s")


def _chrome(line: Line, score: LineScore, apart: frozenset[int]) -> bool:
    return score.marked_chrome and line.position not in apart


def _with_glued_kicker(named: Line, below: Sequence[Line]) -> Line:
    """The page's name with the kicker the headline below shows before it, where the trail left the kicker out:
    the copy glued the kicker's element to the headline ("Library row Council closes ..."), the name says where the
    kicker ends, and a site's titles set a kicker off by a colon (as the trails that keep it write it)."""
    for line in below:
        kicker = line.text[: -len(named.text)].rstrip()
        if line.text.endswith(f" {named.text}") and _is_kicker(make_line(line.position, line.block, kicker)):
            return make_line(named.position, named.block, f"{kicker}: {named.text}")
    return named


def _is_kicker_above(line: Line, above: Line | None, scores: Sequence[LineScore], apart: frozenset[int]) -> bool:
    return above is not None and above.position == line.position - 1 and _kicker_over(above, line, scores, apart)


def _joined_to_kicker(line: Line, above: Line | None) -> Line | None:
    """A headline whose kicker's colon opened its line (": Ein Sommer am See" under "Unsere Stadt":
    the copy broke the line between the kicker's element and the colon after it), joined to the kicker as the page
    shows it; it keeps the headline's position."""
    if not line.text.startswith(": ") or above is None or above.position != line.position - 1 or not _is_kicker(above):
        return None
    return make_line(line.position, line.block, f"{above.text}: {line.text[2:]}")


# A kicker on the headline's own line, set off by a spaced dash ("Library row - Council closes the old library"):
# a topic label of a few words without punctuation, which the page sets above the headline in smaller type.
_MAX_KICKER_WORDS = 4
_KICKER_DASH = re.compile(r"^(?P<kicker>[^\s:;,.!?]+(?:\s[^\s:;,.!?]+){0,3})\s[-–—]\s(?P<headline>\S.*)$")


def _without_kicker(line: Line) -> Line | None:
    """The headline without the kicker that opens its line (at the same position: the kicker goes with it)."""
    match = _KICKER_DASH.match(line.text)
    if match is None or len(match.group("headline").split()) < _MIN_TITLE_WORDS:
        return None
    return make_line(line.position, line.block, match.group("headline"))


def _is_kicker_cut(line: Line, lines: Sequence[Line]) -> bool:
    return line.text != lines[line.position].text


def _under_kicker(line: Line, lines: Sequence[Line], scores: Sequence[LineScore], apart: frozenset[int]) -> bool:
    """The line right above is a kicker: a label of a few words, no sentence, no chrome, no date, shorter."""
    return line.position > 0 and _kicker_over(lines[line.position - 1], line, scores, apart)


def _kicker_over(above: Line, line: Line, scores: Sequence[LineScore], apart: frozenset[int]) -> bool:
    return _is_kicker(above) and above.size < line.size and not _chrome(above, scores[above.position], apart)


def _reads_as_byline(line: Line, lexicon: Lexicon) -> bool:
    """A byline the byline reader could not parse ("Von t-online , jse"), a role or an agency's line."""
    return (
        lexicon.byline_prefix.match(line.text) is not None
        or _ROLE.search(line.text) is not None
        or _AGENCY_LINE.fullmatch(line.text) is not None
    )


# A news agency's name alone on a line, maybe with its article: "The Associated Press", "Reuters".
_AGENCY_LINE = re.compile(rf"(?:The\s+)?(?:{NEWS_AGENCIES}|Associated Press|Canadian Press|Press Association)")


def find_title(
    head: Sequence[Line],
    scores: Sequence[LineScore],
    anchors: frozenset[int],
    lexicon: Lexicon,
    recurring: frozenset[str],
    context: TitleContext,
) -> Line | None:
    """The headline: the candidate the title model ranks first (`title_model`; the later line on a tie)."""
    candidates = title_candidates(head, scores, anchors, lexicon, recurring)
    if not candidates:
        return None
    weights = title_model.weights()
    ranked = [
        (title_model.rank(features, weights), line.position, line)
        for line, features in zip(
            candidates, title_features(candidates, scores, anchors, lexicon, context), strict=True
        )
    ]
    return _shown_headline(max(ranked, key=lambda item: (item[0], item[1]))[2], candidates)


# What sets a kicker off from its headline on one line: "Topic: Headline", "Topic – Headline", "Topic | Headline".
_KICKER_SEPARATOR_END = re.compile(r"\w\s?[:|–—-]\s*$")


def _shown_headline(pick: Line, candidates: Sequence[Line]) -> Line:
    """The headline as the page shows it when the pick is its search title above it: the pick is a kicker and a
    separator before a lower candidate's whole text ("Topic: Headline" over "Topic – Headline", the copy's
    visible headline, whose kicker was cut). Sites print the search title (the document's or a hidden heading)
    over the visible one; the visible one, nearer the byline, is the story's headline."""
    for line in candidates:
        kicker = pick.text[: -len(line.text)] if len(line.text) < len(pick.text) else ""
        if line.position > pick.position and pick.text.endswith(line.text) and _KICKER_SEPARATOR_END.search(kicker):
            return line
    return pick


def _positional_pick(candidates: Sequence[Line], anchors: frozenset[int], lexicon: Lexicon) -> Line:
    """Where a headline sits: the candidate nearest above the first byline or date line when one is close below
    it (the dek, share bars and the lead picture may sit in between), else the candidate nearest the body. A line
    that reads as a byline the byline reader could not parse is passed over, and so is a line cut from its kicker
    (the line it was cut from stands for its position)."""
    lines = [c for c in candidates if not _reads_as_byline(c, lexicon) and not _cut_from(c, candidates)] or [
        *candidates
    ]
    for anchor in sorted(anchors):
        above = [c for c in lines if 0 < anchor - c.position <= TITLE_TO_ANCHOR]
        if above:
            return _headline_not_dek(above)
    return _headline_not_dek(lines)


def _cut_from(line: Line, candidates: Sequence[Line]) -> bool:
    return any(c.position == line.position and len(c.text) > len(line.text) for c in candidates)


@dataclass(frozen=True, slots=True)
class TitleContext:
    """What the title model reads around the head: every line of the dump, where the body starts, the content
    words of the body's opening and how often each line's text occurs in the dump."""

    lines: Sequence[Line]
    body_start: int
    body_words: frozenset[str]
    occurrences: Mapping[str, int]


# The body's opening the headline is compared with: its first prose lines, up to this many characters.
_OPENING_LINES, _OPENING_CHARS = 12, 2000
# A content word: 4+ letters, not a stopword; in scripts written without spaces, each pair of characters.
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
_UNSPACED_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{2,}")
# How many shared words make full evidence; how far above the body a headline may be, in lines (log scale).
_SHARED_WORDS_FULL = 5


def content_words(text: str, lexicon: Lexicon) -> frozenset[str]:
    folded = text.casefold()
    words = {word for word in _CONTENT_WORD.findall(folded) if word not in lexicon.stopwords}
    for run in _UNSPACED_RUN.findall(folded):
        words.update(run[k : k + 2] for k in range(len(run) - 1))
    return frozenset(words)


def title_context(
    lines: Sequence[Line], scores: Sequence[LineScore], body_start: int, lexicon: Lexicon
) -> TitleContext:
    opening = " ".join(
        line.text for line in lines[body_start : body_start + _OPENING_LINES] if scores[line.position].is_prose
    )
    return TitleContext(
        lines=lines,
        body_start=body_start,
        body_words=content_words(opening[:_OPENING_CHARS], lexicon),
        occurrences=Counter(line.text for line in lines),
    )


def title_features(
    candidates: Sequence[Line],
    scores: Sequence[LineScore],
    anchors: frozenset[int],
    lexicon: Lexicon,
    context: TitleContext,
) -> list[dict[str, float]]:
    """Named evidence, each in [-1, 1], that a candidate is the headline (`title_model.FEATURES` says what each
    means); the model's weights are fitted by bench/train_title.py."""
    if not candidates:
        return []
    positional = _positional_pick(candidates, anchors, lexicon).position
    overlaps = [_overlap(content_words(line.text, lexicon), context.body_words) for line in candidates]
    first_on_topic = next((k for k, share in enumerate(overlaps) if share >= _ON_TOPIC), None)
    positions = {c.position for c in candidates}
    lines = context.lines
    apart = set_apart(lines, scores)
    found = []
    for k, line in enumerate(candidates):
        words = content_words(line.text, lexicon)
        shared = len(words & context.body_words)
        below = lines[line.position + 1] if line.position + 1 < len(lines) else None
        above = lines[line.position - 1] if line.position > 0 else None
        score = scores[line.position]
        found.append(
            {
                "overlap": overlaps[k],
                "first_on_topic": float(k == first_on_topic),
                "shared": min(shared, _SHARED_WORDS_FULL) / _SHARED_WORDS_FULL,
                "distance": math.log1p(max(0, context.body_start - line.position)) / math.log1p(HEAD_WINDOW),
                "last": float(k == len(candidates) - 1),
                "positional": float(line.position == positional),
                "dek_below": float(below is not None and _reads_as_dek(below, line, scores[below.position])),
                "under_shorter": float(above is not None and above.position in positions and above.size < line.size),
                "terminal": float(line.terminal),
                "question": float(line.text.endswith("?")),
                "title_case": float(score.part("title_case") < 0),
                "score": max(-1.0, min(1.0, score.total / _SCORE_FULL)),
                "size": min(line.size, _MAX_TITLE_WORDS) / _MAX_TITLE_WORDS,
                "repeated": float(context.occurrences[line.text] > 1),
                "after_chrome": float(above is None or scores[above.position].marked_chrome),
                "ends_with_other": float(
                    any(len(o.text) < len(line.text) and line.text.endswith(o.text) for o in candidates)
                ),
                "kicker_cut": float(_is_kicker_cut(line, lines)),
                "under_kicker": float(_under_kicker(line, lines, scores, apart)),
                "over_headline": float(
                    _is_kicker(line)
                    and below is not None
                    and below.position in positions
                    and _under_kicker(below, lines, scores, apart)
                ),
                "byline_like": float(_reads_as_byline(line, lexicon)),
            }
        )
    return found


def _overlap(words: frozenset[str], body_words: frozenset[str]) -> float:
    return len(words & body_words) / len(words) if words else 0.0


# A candidate whose content words are at least this share in the body's opening is on the story's topic.
_ON_TOPIC = 0.5
# A line's score counts fully as evidence from this much.
_SCORE_FULL = 6.0
# A dek has at least this many words.
_MIN_DEK_WORDS = 6


def _reads_as_dek(line: Line, title: Line, score: LineScore) -> bool:
    """A standfirst under a headline: longer than it, a few words at least, no chrome."""
    return line.size > title.size and line.size >= _MIN_DEK_WORDS and not score.marked_chrome


def _headline_not_dek(candidates: Sequence[Line]) -> Line:
    """The last candidate, unless it directly follows a candidate no longer than it: then it is the dek under that
    headline (headline, then a standfirst at least as long, is the order on every kind of site; a dek without its
    full stop reads like a headline, and may be just as long), unless the line above is a kicker of a few words
    over the headline."""
    last = candidates[-1]
    if len(candidates) >= 2:
        above = candidates[-2]
        if above.position == last.position - 1 and len(above.words) <= len(last.words) and not _is_kicker(above):
            return above
    return last


def _is_kicker(line: Line) -> bool:
    """A label of a few words over a headline ("Library row", "Umbau des Rathauses –"); no sentence."""
    return (
        sum(1 for word in line.words if any(c.isalnum() for c in word)) <= _MAX_KICKER_WORDS
        and not line.text.endswith((".", "!", "?"))
        and not is_date_line(line)
    )


# A copy of a rendered page puts a space between a kicker's element and the colon after it ("Breakpoint : Hilfe,
# die Fundis kommen!"); French typography writes that space, other languages do not.
_SPACED_COLON = re.compile(r"(?<=\w) : ")
_SPACE_BEFORE_COLON = frozenset({"fr"})


def headline_text(text: str, lexicon: Lexicon) -> str:
    return text if lexicon.language in _SPACE_BEFORE_COLON else _SPACED_COLON.sub(": ", text)


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
