"""The charset a page declares about itself (`<meta charset>`, http-equiv, XML declaration)."""

from __future__ import annotations

import re

# Browsers look for the declaration within the first kilobytes; so do we.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    head = data[:_PRESCAN_BYTES]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if found is None:
        return None
    return found.group(1).decode("ascii", errors="ignore") or None
