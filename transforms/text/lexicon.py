"""The boilerplate lexicon (transforms/data/text_lexicon.json), one entry per language, compiled once.

Kept as data so a language is added by editing JSON, not code. Loaded lazily and cached: immutable values,
no mutable global state."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from transforms.bylines import PIECE_WORDS

FALLBACK_LANGUAGE = "en"
_LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "text_lexicon.json"


@dataclass(frozen=True, slots=True)
class Lexicon:
    language: str
    stopwords: frozenset[str]
    chrome_phrase: re.Pattern[str]
    chrome_sentence: re.Pattern[str]
    chrome_lines: frozenset[str]
    end_marker: re.Pattern[str]
    byline_prefix: re.Pattern[str]
    published_cue: re.Pattern[str]
    comment_marker: re.Pattern[str]  # a line heading a comment section, whole
    comment_cue: re.Pattern[str]  # a word of the line introducing each comment
    comment_form_field: re.Pattern[str]  # a line of the reply form under a comment heading, whole
    profile_label: re.Pattern[str]  # a line heading a profile or publisher blurb ("About Me"), whole, as written
    meta_label: re.Pattern[str]  # a field of the page's metadata opening a line ("Tags:", "Posted in"), case-folded
    interface_phrase: re.Pattern[str]  # a phrase of a control's label or a notice ("Page not found"), case-folded
    trail_label: re.Pattern[str]  # the label before a breadcrumb trail ("You are here:") with its separators
    read_more_link: re.Pattern[str]  # a line linking a teaser to its story ("Read more »"), whole, case-folded
    months: tuple[tuple[str, str], ...]  # local month name (case-folded) -> English
    month_names: re.Pattern[str] | None  # any local month name, for translating dates before dateutil
    date_filler: re.Pattern[str] | None  # words between day, month and year ("15 de febrero de 2024")


def _alternation(fragments: list[str]) -> str:
    return "|".join(f"(?:{fragment})" for fragment in fragments) or "(?!)"


def _compile(language: str, entry: dict[str, Any], fallback: dict[str, Any]) -> Lexicon:
    """Chrome vocabulary is the language's own plus the fallback's (English chrome shows up on sites in any
    language). Chrome patterns are matched against case-folded lines (faster than re.I), so they are
    written in lower case."""

    def merged(key: str) -> list[str]:
        own = list(entry.get(key, []))
        return own if entry is fallback else own + [f for f in fallback.get(key, []) if f not in own]

    prefixes = sorted(entry["byline_prefixes"], key=len, reverse=True)
    return Lexicon(
        language=language,
        stopwords=frozenset(entry["stopwords"]),
        chrome_phrase=re.compile(rf"(?<!\w)(?:{_alternation(merged('chrome_phrases'))})"),
        chrome_sentence=re.compile(rf"(?<!\w)(?:{_alternation(merged('chrome_sentences'))})"),
        chrome_lines=frozenset(line.casefold() for line in merged("chrome_lines")),
        # trailed by a colon, an arrow or an ellipsis ("More stories…", "Das könnte Sie auch interessieren …")
        end_marker=re.compile(rf"(?:{_alternation(merged('end_markers'))})[\s:.…|»›>]*"),
        # "By Jane Doe", "von Jane Doe", "Von: Jane Doe", "Analysis by Jane Doe": any case, a colon allowed.
        byline_prefix=re.compile(
            rf"^(?:(?:{PIECE_WORDS})\s+)?(?:{'|'.join(re.escape(p.rstrip(':')) for p in prefixes)})\s*:?\s+(?=\S)",
            re.I,
        ),
        published_cue=re.compile(rf"\b(?:{'|'.join(entry['published_cues'])})\b", re.I),
        comment_marker=re.compile(rf"(?:{_alternation(merged('comment_markers'))})[\s:.|»›>]*"),
        comment_cue=re.compile(rf"(?<!\w)(?:{_alternation(merged('comment_cues'))})"),
        comment_form_field=re.compile(rf"(?:{_alternation(merged('comment_form_fields'))})[\s:.]*"),
        profile_label=re.compile(rf"(?:[►▼↓»]\s*)?(?:{_alternation(merged('profile_labels'))})[\s:.]*"),
        meta_label=re.compile(
            rf"(?:{_alternation(merged('meta_labels'))})\s*:|(?:{_alternation(merged('meta_prefixes'))})\s+(?=\S)"
        ),
        interface_phrase=re.compile(rf"(?<!\w)(?:{_alternation(merged('interface_phrases'))})(?!\w)"),
        trail_label=re.compile(rf"(?:{_alternation(merged('trail_labels'))})\s*:?[\s>»›|/]*", re.I),
        read_more_link=re.compile(rf"(?:{_alternation(merged('read_more_links'))})[\s.…»›>\]]*"),
        months=tuple((name.casefold(), english) for name, english in entry["months"].items()),
        month_names=re.compile(rf"\b(?:{'|'.join(sorted(entry['months'], key=len, reverse=True))})\b", re.I)
        if entry["months"]
        else None,
        date_filler=_date_filler(entry.get("date_fillers", [])),
    )


_ENGLISH_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


def _date_filler(words: list[str]) -> re.Pattern[str] | None:
    """Filler words next to an (already translated) month name: "15 de February de 2024" -> "15 February 2024"."""
    if not words:
        return None
    filler = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<=\d)\s+(?:{filler})\s+(?={_ENGLISH_MONTH})|(?<=[a-z])\s+(?:{filler})\s+(?=\d{{4}})")


@cache
def lexicons() -> Mapping[str, Lexicon]:
    raw = json.loads(_LEXICON_PATH.read_text("utf-8"))
    fallback = raw[FALLBACK_LANGUAGE]
    return MappingProxyType(
        {lang: _compile(lang, entry, fallback) for lang, entry in raw.items() if not lang.startswith("_")}
    )


def lexicon_for(language: str | None) -> Lexicon:
    table = lexicons()
    return table.get(language or FALLBACK_LANGUAGE, table[FALLBACK_LANGUAGE])


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str, sample_words: int = 800) -> str | None:
    """The language whose stopwords are most frequent in `text`; None when none reaches a tenth of the words."""
    words = _WORD.findall(text[: sample_words * 8].casefold())[:sample_words]
    if not words:
        return None
    counts = Counter(words)
    best, best_hits = None, 0
    for language, lexicon in lexicons().items():
        hits = sum(counts[w] for w in lexicon.stopwords if w in counts)
        if hits > best_hits:
            best, best_hits = language, hits
    return best if best_hits >= max(3, len(words) // 10) else None
