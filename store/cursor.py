"""The `cursor` of a search: the last hit's sort values (`search_after`), bound to the words and filters that produced
it. Opaque to clients (URL-safe base64 of a small JSON object), and checked in full before Elasticsearch sees it:
anything this module did not write is an `InvalidCursor`, never a server error."""

from __future__ import annotations

import base64
import binascii
import json
import math
from typing import Any

from store.search_types import MAX_ID_BYTES, SearchQuery

NOT_OURS = "cursor is not one this API returned"
# A score is a float; Elasticsearch never returns one near these bounds (and a 400-digit integer overflows).
MAX_SCORE = 1e30


class InvalidCursor(ValueError):
    """A `cursor` that this search did not produce (garbled, or from a search with other words or filters)."""


def encode_cursor(sort_values: list[Any], query: SearchQuery) -> str:
    payload = json.dumps({"after": sort_values, "q": query.fingerprint()}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _payload(cursor: str) -> dict[str, Any]:
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, TypeError, RecursionError) as error:
        raise InvalidCursor(NOT_OURS) from error
    if not isinstance(payload, dict) or not {"after", "q"} <= set(payload):
        raise InvalidCursor(NOT_OURS)
    return payload


def _score(value: Any) -> float:
    """A finite score of sane size; an int is compared before converting (a huge one cannot become a float)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidCursor(NOT_OURS)
    if isinstance(value, int) and abs(value) > MAX_SCORE:
        raise InvalidCursor(NOT_OURS)
    score = float(value)
    if not math.isfinite(score) or abs(score) > MAX_SCORE:
        raise InvalidCursor(NOT_OURS)
    return score


def _article_id(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidCursor(NOT_OURS)
    try:
        size = len(value.encode("utf-8"))  # a lone surrogate ("\\ud800" in the JSON) cannot be encoded
    except UnicodeEncodeError as error:
        raise InvalidCursor(NOT_OURS) from error
    if size > MAX_ID_BYTES:
        raise InvalidCursor(NOT_OURS)
    return value


def decode_cursor(cursor: str, query: SearchQuery) -> list[Any]:
    """The `search_after` values [score, id], checked: a cursor from another search would page through the wrong
    results, and a malformed sort value would come back from Elasticsearch as a server-side error."""
    payload = _payload(cursor)
    after = payload["after"]
    if not isinstance(after, list) or len(after) != 2:
        raise InvalidCursor(NOT_OURS)
    values = [_score(after[0]), _article_id(after[1])]
    if payload["q"] != query.fingerprint():
        raise InvalidCursor("cursor belongs to a search with other words or filters")
    return values
