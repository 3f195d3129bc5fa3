"""Search results as HTML: the only place the API turns text into markup. Every piece of stored text is escaped;
the only tags added are <em> around the spans the store reported as matches."""

from __future__ import annotations

from datetime import datetime
from html import escape

from store.search_types import Highlighted

EM_OPEN, EM_CLOSE = "<em>", "</em>"


def highlighted_html(highlighted: Highlighted) -> str:
    return "".join(
        f"{EM_OPEN}{escape(piece, quote=False)}{EM_CLOSE}" if matched else escape(piece, quote=False)
        for piece, matched in highlighted.pieces()
    )


def readable_date(value: str | None) -> str | None:
    """ "2023-05-02T08:30:00+00:00" -> "2 May 2023": the day as people write it (the time zone of a publication
    time is the publisher's, so the day is kept as published)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value  # stored as given: show it as it is
    return f"{moment.day} {moment:%B %Y}"


def readable_month(value: str) -> str:
    """ "2023-05" (a facet's month) -> "May 2023"."""
    try:
        return f"{datetime.strptime(value, '%Y-%m'):%B %Y}"
    except ValueError:
        return value
