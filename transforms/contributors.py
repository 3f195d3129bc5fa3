"""Contributor lines ("Cate Cadell and Ellen Nakashima contributed to this report") and the names in them.

Shared by the text and HTML extractors. The forms are rows of regex tables, not branches per site.

Public API (stable):
- `is_contributor_line(line) -> bool`
- `parse_contributors(line) -> tuple[str, ...]`: person names only, in order, deduplicated: no places
  ("in London"), no outlet possessives ("CNN's"), no roles ("Associated Press writers").
- `split_names(byline) -> tuple[str, ...]`: the same rules on a byline's text ("By Jane Doe in London").
- `split_declared_names(field) -> tuple[str, ...]`: names in a declared author field, kept as written.
- `NAME_PARTICLES`: the lower-case words a name may hold ("de", "van", "del").
- `avatar_name(line, next_line) -> str | None`: the name opening the next line when `line` holds its initials
  ("JD" over "Jane Doe, reporter"): an author's avatar, not a news agency ("PA"); None otherwise.

Choice: in wire sign-offs such as "Reporting by X; Editing by Y", editors are returned too. The line credits them
by name as contributors of the piece, and readers search by any of those names; the role itself is dropped.
"""

from __future__ import annotations

import re

from transforms.bylines import strip_byline_prefix

# A contributor line is short: a sign-off, not a paragraph that happens to say "contributed".
_MAX_LINE_CHARS = 400

# Forms that make a line a contributor line. Searched anywhere in the line (after the length check).
_CONTRIBUTOR_FORMS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\bcontributed(?:\s+(?:additional\s+)?(?:reporting|research|writing|to\s+this\s+"
        r"(?:report|story|article|piece)|to\s+the\s+(?:report|story))[^.]*)?\s*[.)]?\s*$",
        re.I,
    ),
    re.compile(
        r"^[(\[]?\s*(?:with\s+)?(?:additional\s+)?(?:reporting|writing|research)\s+(?:was\s+)?"
        r"(?:contributed\s+)?by\s+[A-Z]",
        re.I,
    ),
    re.compile(r"^[(\[]?\s*(?:editing|edited|compiled|writing|written)\s+by\s+[A-Z][^;]*;", re.I),
    re.compile(r"^[(\[]?\s*(?:Reporting|Writing)\s+by\b.*\b(?:Editing|Edited)\s+by\b", re.I),
    # German and Spanish sign-offs: "Mitarbeit: Sven Albrecht", "Con información de Ana Ruiz"
    re.compile(r"^(?:Mitarbeit|Mitarbeit von|Con información de|Colaboración de|Con reportes de)\s*:?\s+[A-Z]"),
)

# Phrases removed before names are split out: the verb phrase and the role labels of each segment.
_VERB_PHRASE = re.compile(r"\s*\b(?:also\s+|all\s+)?contributed\b.*$|\s*\bwere\s+contributed\b.*$", re.I)
_SEGMENT_ROLE = re.compile(
    r"^\s*[(\[]?\s*(?:(?:Mitarbeit(?:\s+von)?|Con información de|Colaboración de|Con reportes de)\s*:?\s+|"
    r"(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing|research|graphics|"
    r"photography|compiled|edited|written|additional\s+reporting)(?:\s+was)?(?:\s+contributed)?(?:\s+and\s+"
    r"(?:editing|writing|research))?\s+by\s+)",
    re.I,
)
# A role noun ends a prefix such as "Associated Press writers" or "Times staff writer": cut up to it.
_ROLE_PREFIX = re.compile(
    r"^.*?\b(?:writers?|reporters?|correspondents?|photographers?|researchers?|editors?|staff(?:ers)?|"
    r"producers?|contributors?|journalists?)\s+(?=[A-Z])"
)
# "CNN's Jane Doe", "The Associated Press' Jane Doe"
_POSSESSIVE = re.compile(r"^(?:(?:The|the)\s+)?(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*(?:['’]s|s['’])\s+")
# "in Washington", "from Kyiv, Ukraine", "in Washington, D.C.": a place after a name.
_PLACE = re.compile(
    r"\s+(?:in|from|at)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|del|of|upon|on|am))*"
    r"(?:,\s+(?:[A-Z][a-z]{0,4}\.(?:[A-Z]\.)*|[A-Z]{2}\b))?"
    # AP style spells the state out: "in Baton Rouge, Louisiana, and Jeff Martin in Atlanta".
    r"(?:,\s+[A-Z][a-z]+(?=,\s*and\b))?"
)
# Conjunctions between names in the languages met so far (lower case: "Bruce Y. Lee" is one name).
_CONJUNCTIONS = r"and|und|y|et|e|og|och|en|ve|és|ja|i"
_NAME_SPLIT = re.compile(rf"\s*(?:,\s*and\s+|,\s*|\s*&\s*|\s+(?:{_CONJUNCTIONS})\s+)\s*")
# A declared author field ("Jane Roe, John Doe / dpa") also separates names with ; | and /.
_DECLARED_SPLIT = re.compile(rf"\s*(?:[,;|/&]|\s(?:{_CONJUNCTIONS})\s)\s*")
# Initials after a name: "Elena Oberholzer (obe)", "Jane Roe (jr.)".
_INITIALS = re.compile(r"\s*\([^()]{1,8}\)\s*$")
_MAX_DECLARED_WORDS = 6
_URL_OR_MAIL = re.compile(r"^(?:https?://|www\.)|@", re.I)
_SEGMENT_SPLIT = re.compile(r"\s*;\s*")
# A name token: capitalised (with particles such as "de", "van", "al-" allowed in between).
# A name's word: capitalised (Latin, Greek or Cyrillic capitals), a short particle, "al-...", an initial.
_NAME_TOKEN = re.compile(r"^(?:[A-Z\u00C0-\u00DE\u0391-\u03A9\u0400-\u042F][\w.'’-]*|[a-z]{1,3}|al-[\w'’-]+|[A-Z]\.)$")
NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "le",
        "la",
        "du",
        "bin",
        "ibn",
        "al",
        "dos",
        "das",
        "y",
        "e",
        "ten",
        "ter",
        "zu",
    }
)
_MAX_NAME_TOKENS = 6
# Job titles that follow a name in bylines ("Danny Briggs, Showbiz Reporter"): never part of a name.
_ROLE_WORDS = frozenset(
    {
        "reporter",
        "editor",
        "correspondent",
        "writer",
        "staff",
        "producer",
        "columnist",
        "contributor",
        "journalist",
        "photographer",
        "critic",
        "analyst",
        "desk",
        "team",
        "redakteur",
        "redakteurin",
        "korresponsal",
        "corresponsal",
        "redacción",
        "redaktion",
    }
)


def is_contributor_line(line: str) -> bool:
    """True for sign-offs naming who contributed: "X contributed reporting", "Reporting by X; Editing by Y"."""
    text = " ".join(line.split())
    if not text or len(text) > _MAX_LINE_CHARS:
        return False
    if not any(form.search(text) for form in _CONTRIBUTOR_FORMS):
        return False
    return bool(parse_contributors(text))


def _segments(line: str) -> list[str]:
    text = " ".join(line.split()).strip(" .()[]")
    text = _VERB_PHRASE.sub("", text)
    return [seg for seg in _SEGMENT_SPLIT.split(text) if seg]


def _strip_wrappers(chunk: str) -> str:
    chunk = _SEGMENT_ROLE.sub("", chunk)
    chunk = _ROLE_PREFIX.sub("", chunk)
    chunk = _POSSESSIVE.sub("", chunk)
    return _PLACE.sub("", chunk)


def _as_name(candidate: str) -> str | None:
    """Keep a candidate only when it is shaped like a person's name."""
    name = candidate.strip(" .,;:()[]–—-")
    name = re.sub(r"^(?:and|also|with|by)\s+", "", name)
    tokens = name.split()
    if not tokens or len(tokens) > _MAX_NAME_TOKENS:
        return None
    if not all(_NAME_TOKEN.match(tok) for tok in tokens):
        return None
    if any(tok.casefold().strip(".,") in _ROLE_WORDS for tok in tokens):
        return None
    if tokens[0].lower() in NAME_PARTICLES and len(tokens) == 1:
        return None
    if not any(tok[0].isupper() for tok in tokens):
        return None
    if len(tokens) == 1 and tokens[0].isupper():
        return None  # an outlet's initials after the names ("..., CNN"), not a person
    return name


def parse_contributors(line: str) -> tuple[str, ...]:
    """Names in a contributor line, in order, deduplicated; roles, places and outlets dropped."""
    names: list[str] = []
    for segment in _segments(line):
        # Places go before splitting so "in Washington, D.C., and" does not leave "D.C." as a name.
        cleaned = _PLACE.sub("", _strip_wrappers(segment))
        for piece in _NAME_SPLIT.split(cleaned):
            name = _as_name(_POSSESSIVE.sub("", _strip_wrappers(piece)))
            if name and name not in names:
                names.append(name)
    return tuple(names)


# "Hannah Lowe For The Daily Bulletin", "Jane Roe for Reuters": the outlet a name wrote for.
_FOR_OUTLET = re.compile(r"\s+[Ff]or\s+(?:[Tt]he\s+)?[A-Z].*$")


def split_names(text: str) -> tuple[str, ...]:
    """Person names in a byline ("By Jane Doe and John Roe in London", "Jane Roe for The Post"): the byline
    prefix, roles, places and the outlet written for dropped. Same rules as `parse_contributors` otherwise.
    The one name splitter of both extractors (the HTML metadata reads declared author fields apart)."""
    return parse_contributors(_FOR_OUTLET.sub("", strip_byline_prefix(" ".join(text.split()))))


# A job title written after the name in Korean and Japanese bylines ("신현주 기자": reporter Shin Hyun-joo).
TRAILING_CJK_ROLE = re.compile(r"\s*(?:선임|수석|객원|사진|전문)?(?:기자|특파원|記者|特派員)$")


def split_declared_names(text: str) -> tuple[str, ...]:
    """Names in an author field a page declares for machines (JSON-LD, author meta tags): 'By Jane Roe and
    John Doe, dpa' -> ('Jane Roe', 'John Doe', 'dpa'). Kept as written, agencies, desks and names in uncased
    scripts too (the page says they are its authors); only the byline prefix, trailing initials, addresses and
    over-long parts go. Text lifted from a page's markup goes through `split_names` instead."""
    text = strip_byline_prefix(" ".join(text.split()))
    if _URL_OR_MAIL.match(text):
        return ()  # an author page's address, not a name
    names: list[str] = []
    for part in _DECLARED_SPLIT.split(text):
        name = TRAILING_CJK_ROLE.sub("", _INITIALS.sub("", part)).strip(" .:-–—")
        if not name or _URL_OR_MAIL.search(name) or len(name.split()) > _MAX_DECLARED_WORDS:
            continue
        if any(ch.isalpha() for ch in name) and name not in names:
            names.append(name)
    return tuple(names)


# An avatar's initials: two or three capitals ("JD", "AFP"), alone on their line.
_AVATAR_INITIALS = re.compile(r"[^\W\d_]{2,3}")
# The name opening a line: two to four words, each capitalised, then the line's end, a mark or a digit (a comma
# before a role, a bar before a date, a date); not the first words of a sentence ("A Paris court ruled ...", a
# caption under its credit "AP").
_LEADING_NAME = re.compile(r"([^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,3})\s*(?:$|[^\w\s]|\d)")


def avatar_name(line: str, next_line: str) -> str | None:
    """The name opening `next_line` when `line` holds its initials: the letters of its first and last words ("PA"
    over "Pat Avery, county reporter") or of all of them ("AFP" over "Ada Fern Poole"). A portrait's placeholder
    that the copy of a page keeps over the author's name, not an agency's byline or credit; None otherwise."""
    initials = line.strip()
    if not (_AVATAR_INITIALS.fullmatch(initials) and initials.isupper()):
        return None
    match = _LEADING_NAME.match(next_line.strip())
    if match is None:
        return None
    words = match.group(1).split()
    if not all(word[0].isupper() for word in words):
        return None
    firsts = "".join(word[0] for word in words)
    return match.group(1) if initials in (firsts, firsts[0] + firsts[-1]) else None
