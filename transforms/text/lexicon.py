"""The boilerplate lexicon (transforms/data/text_lexicon.json), one entry per language, compiled once.

Kept as data so a language is added by editing JSON, not code. Loaded lazily and cached: immutable values,
no mutable global state."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

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
    updated_cue: re.Pattern[str]
    months: tuple[tuple[str, str], ...]


def _alternation(fragments: list[str]) -> str:
    return "|".join(f"(?:{fragment})" for fragment in fragments) or "(?!)"


def _compile(language: str, entry: dict[str, Any]) -> Lexicon:
    prefixes = sorted(entry["byline_prefixes"], key=len, reverse=True)
    return Lexicon(
        language=language,
        stopwords=frozenset(entry["stopwords"]),
        chrome_phrase=re.compile(rf"(?:^|\W)(?:{_alternation(entry['chrome_phrases'])})", re.I),
        chrome_sentence=re.compile(_alternation(entry["chrome_sentences"]), re.I),
        chrome_lines=frozenset(line.casefold() for line in entry["chrome_lines"]),
        end_marker=re.compile(rf"(?:{_alternation(entry['end_markers'])})[\s:.|»›>]*", re.I),
        byline_prefix=re.compile(rf"^(?:{'|'.join(re.escape(p) for p in prefixes)})\s+(?=\S)"),
        published_cue=re.compile(rf"\b(?:{'|'.join(entry['published_cues'])})\b", re.I),
        updated_cue=re.compile(rf"\b(?:{'|'.join(entry['updated_cues'])})\b", re.I),
        months=tuple(sorted(entry["months"].items(), key=lambda kv: -len(kv[0]))),
    )


@cache
def lexicons() -> Mapping[str, Lexicon]:
    raw = json.loads(_LEXICON_PATH.read_text("utf-8"))
    return MappingProxyType({lang: _compile(lang, entry) for lang, entry in raw.items() if not lang.startswith("_")})


def lexicon_for(language: str | None) -> Lexicon:
    table = lexicons()
    return table.get(language or FALLBACK_LANGUAGE, table[FALLBACK_LANGUAGE])


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str, sample_words: int = 1500) -> str | None:
    """The language whose stopwords are most frequent in `text`; None when none reaches a tenth of the words."""
    words = [w.casefold() for w in _WORD.findall(text[: sample_words * 8])][:sample_words]
    if not words:
        return None
    best, best_hits = None, 0
    for language, lexicon in lexicons().items():
        hits = sum(1 for w in words if w in lexicon.stopwords)
        if hits > best_hits:
            best, best_hits = language, hits
    return best if best_hits >= max(3, len(words) // 10) else None
