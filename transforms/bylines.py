"""Byline prefixes ("By", "Von", "Par", "Door" ...): one list for every extractor.

The words live in transforms/data/text_lexicon.json (`byline_prefixes`, one row per language), which the text
extractor also reads per language; here they are joined across languages, for pages whose language is not
known when the byline is read (an HTML byline element, a JSON-LD author string).

Public API (stable):
- `BYLINE_PREFIX`: matches a byline's prefix at the start of a line ("By ", "Analysis by ", "Von: "), any case.
- `strip_byline_prefix(text) -> str`: the line without it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_LEXICON_PATH = Path(__file__).resolve().parent / "data" / "text_lexicon.json"
# Words that may stand before the prefix and describe the piece, not a person: "Analysis by", "Story by".
_PIECE_WORDS = r"analysis|opinion|commentary|review|story|text|words|written|interview|reporting|photos?"


def _prefixes() -> list[str]:
    lexicon = json.loads(_LEXICON_PATH.read_text("utf-8"))
    found = {
        prefix.casefold().rstrip(":")
        for entry in lexicon.values()
        if isinstance(entry, dict)
        for prefix in entry.get("byline_prefixes", [])
    }
    return sorted(found, key=len, reverse=True)


BYLINE_PREFIX = re.compile(
    rf"^\s*(?:(?:{_PIECE_WORDS})\s+)?(?:{'|'.join(re.escape(p) for p in _prefixes())})\s*:?\s+(?=\S)",
    re.I,
)


def strip_byline_prefix(text: str) -> str:
    return BYLINE_PREFIX.sub("", text, count=1)
