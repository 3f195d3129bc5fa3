"""Publication dates as ISO 8601: one normaliser for every extractor.

Public API (stable):
- `TZINFOS`: the time-zone abbreviations news pages write ("ET", "CEST"), for dateutil.
- `parse_when(text) -> datetime | None`: dateutil's reading of a date string, with those abbreviations; None
  when it is no date or an implausible one ("0001-01-01T00:00:00Z" is a CMS placeholder).
- `iso_date(text) -> str | None`: a date string as ISO 8601, keeping the offset when the source gives one and
  the time only when the source gives one ("2024-03-05" stays a date).
- `to_iso(when, with_time) -> str`: a parsed date as ISO 8601, with or without its time.
- `page_date(markup, url) -> str | None`: htmldate's reading of a whole page (its meta tags, `<time>` elements and
  URL patterns), as an ISO date; the fallback when no declared date is found.
"""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as date_parser
from dateutil import tz
from htmldate import find_date

TZINFOS: dict[str, object] = {
    "ET": tz.gettz("America/New_York"),
    "EST": tz.gettz("America/New_York"),
    "EDT": tz.gettz("America/New_York"),
    "CT": tz.gettz("America/Chicago"),
    "CST": tz.gettz("America/Chicago"),
    "CDT": tz.gettz("America/Chicago"),
    "MT": tz.gettz("America/Denver"),
    "MST": tz.gettz("America/Denver"),
    "MDT": tz.gettz("America/Denver"),
    "PT": tz.gettz("America/Los_Angeles"),
    "PST": tz.gettz("America/Los_Angeles"),
    "PDT": tz.gettz("America/Los_Angeles"),
    "GMT": tz.UTC,
    "UTC": tz.UTC,
    "Z": tz.UTC,
    "BST": tz.gettz("Europe/London"),
    "CET": tz.gettz("Europe/Berlin"),
    "CEST": tz.gettz("Europe/Berlin"),
}
PLAUSIBLE_YEARS = (1900, 2200)
# htmldate's bounds, fixed rather than "today" (its default) so one page reads the same on every run.
_PAGE_DATE_RANGE = ("1995-01-01", "2199-12-31")
_HAS_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def parse_when(text: str) -> datetime | None:
    try:
        parsed = date_parser.parse(text.strip(), tzinfos=TZINFOS)  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None
    if not PLAUSIBLE_YEARS[0] <= parsed.year <= PLAUSIBLE_YEARS[1]:
        return None
    return parsed


def to_iso(when: datetime, with_time: bool) -> str:
    return when.isoformat() if with_time else when.date().isoformat()


def iso_date(text: str | None) -> str | None:
    """A date string as ISO 8601; None when it does not read as a date."""
    if not text or not any(ch.isdigit() for ch in text):
        return None
    when = parse_when(text)
    if when is None:
        return None
    return to_iso(when, with_time=_HAS_CLOCK.search(text) is not None)


def page_date(markup: str, url: str | None = None) -> str | None:
    """The publication date htmldate reads from a page's markup, without its extensive (free-text) search.
    Given bytes, never a string: htmldate downloads a string that looks like a URL."""
    try:
        found = find_date(
            markup.encode("utf-8"),
            url=url,
            extensive_search=False,
            original_date=True,
            min_date=_PAGE_DATE_RANGE[0],
            max_date=_PAGE_DATE_RANGE[1],
        )
    except (ValueError, TypeError):  # markup htmldate cannot parse: no date, as for any dateless page
        return None
    return iso_date(found) if found else None
