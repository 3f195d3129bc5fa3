"""Stable article ids: the same article gets the same id on every run and machine."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

_TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|ref)$", re.I)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Control characters are never part of a URL (browsers drop or escape them; urlsplit drops some at the ends).
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_MAX_PASSES = 4


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalise_url(url: str) -> str:
    """Scheme and host lower-cased, fragment and tracking parameters dropped, trailing slash trimmed,
    so two copies of one page saved from slightly different links still share an id. Idempotent: one pass can
    expose more to trim (a trailing slash before a stray space), so passes repeat until nothing changes."""
    normalised = _CONTROLS.sub("", url)
    for _ in range(_MAX_PASSES):
        again = _normalise_once(normalised)
        if again == normalised:
            break
        normalised = again
    return normalised


def _normalise_once(url: str) -> str:
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # not parseable as a URL (an unclosed IPv6 bracket): identify it as written
        return url
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not _TRACKING_PARAMS.match(pair.split("=", 1)[0])
    )
    path = parts.path.rstrip("/") or "/"
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, query, ""))


def url_host(url: str) -> str:
    """The host of a URL, lower-cased; empty when there is none or the URL cannot be parsed (an unclosed IPv6
    bracket makes urlsplit raise: a page's own markup must never stop its extraction)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def normalise_text(text: str) -> str:
    """Case, punctuation, quote style and whitespace erased: what is left identifies the prose."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def article_id(url: str | None, title: str | None, paragraphs: Iterable[str]) -> str:
    """From the canonical URL when there is one, else from the normalised title and body."""
    if url:
        key = "url:" + normalise_url(url)
    else:
        key = "text:" + normalise_text(title or "") + "\n" + "\n".join(normalise_text(p) for p in paragraphs)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
