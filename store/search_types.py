"""What a search asks and what it answers: plain values, no Elasticsearch and no markup.

A match is given as character spans of the passage's text (`Highlighted`); the API renders them as HTML and the CLI
as terminal styles, each escaping the text its own way, so stored text can never be read as markup.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

from store.documents import PassageKind

SearchKind = Literal[PassageKind, "any"]
SEARCH_KINDS: tuple[SearchKind, ...] = get_args(SearchKind)
MAX_QUERY_WORDS = 32  # words of one query (each is looked up in every field of every language)
MIN_PREFIX = 3  # letters before a `*`: "ba*" would expand to thousands of words in every field
MAX_ID_BYTES = 512  # Elasticsearch's limit on document ids
_PHRASE = re.compile(r'"[^"]*"?')
_SHORT_PREFIX = re.compile(rf"(?:^|[\s(|+\-])[^\W\d_]{{0,{MIN_PREFIX - 1}}}\*")


class InvalidQuery(ValueError):
    """Search words this archive will not run (too many of them); the message names the limit."""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str = ""
    kind: SearchKind = "any"
    site: str | None = None
    contributor: str | None = None
    credit: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    size: int = 10
    cursor: str | None = None
    # Hits to skip (numbered pages, a few deep); a `cursor` pages without limit and takes precedence.
    offset: int = 0
    # Facets describe the whole result set, so a client paging on needs them only once.
    facets: bool = True

    def fingerprint(self) -> str:
        """What a cursor is bound to: the words and filters, not the page size."""
        parts = [self.text, self.kind, self.site, self.contributor, self.credit, self.published_from, self.published_to]
        return hashlib.sha256(json.dumps([str(part) for part in parts]).encode()).hexdigest()[:12]

    def check(self) -> None:
        """What one search may cost, bounded before Elasticsearch sees it."""
        words = len(self.text.split())
        if words > MAX_QUERY_WORDS:
            raise InvalidQuery(f"at most {MAX_QUERY_WORDS} words (this query has {words})")
        if _SHORT_PREFIX.search(_PHRASE.sub(" ", self.text)):
            raise InvalidQuery(f"a prefix* needs at least {MIN_PREFIX} letters before the *")


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Highlighted:
    """A passage's text and where the search matched it: sorted, non-overlapping [start, end) character spans."""

    text: str
    spans: tuple[Span, ...] = ()

    def pieces(self) -> Iterator[tuple[str, bool]]:
        """The text in order, cut at the spans: (piece, matched)."""
        cursor = 0
        for start, end in self.spans:
            if start > cursor:
                yield self.text[cursor:start], False
            yield self.text[start:end], True
            cursor = end
        if cursor < len(self.text):
            yield self.text[cursor:], False

    @property
    def matches(self) -> tuple[str, ...]:
        return tuple(self.text[start:end] for start, end in self.spans)


@dataclass(frozen=True, slots=True)
class Fragment:
    kind: str
    position: int
    text: Highlighted
    credit: Highlighted | None = None  # a caption's credit


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    score: float
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    byline: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    fragments: tuple[Fragment, ...] = ()


@dataclass(frozen=True, slots=True)
class FacetBucket:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class SearchResults:
    total: int
    hits: tuple[SearchHit, ...] = field(default=())
    facets: dict[str, tuple[FacetBucket, ...]] = field(default_factory=dict)
    next_cursor: str | None = None
