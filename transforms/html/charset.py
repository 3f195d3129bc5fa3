"""The charset a page declares about itself (`<meta charset>`, http-equiv, XML declaration), read as browsers
read it: legacy labels name the superset encoding that pages labelled so are really written in."""

from __future__ import annotations

import re

# Browsers prescan the first kilobyte; pages with long heads declare later, so we look a little further.
_PRESCAN_BYTES = 16384
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I)
# WHATWG Encoding Standard: these labels map to the wider Windows code page that is their superset
# (ISO-8859-1 -> windows-1252 is handled by transforms.decode for every input).
_SUPERSETS: dict[str, str] = {
    "gb2312": "gbk",
    "gb_2312": "gbk",
    "gb_2312-80": "gbk",
    "x-gbk": "gbk",
    "csgb2312": "gbk",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ksc5601": "cp949",
    "cseuckr": "cp949",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",  # a meta tag cannot be read in UTF-16
}


def declared_charset(data: bytes) -> str | None:
    head = data[:_PRESCAN_BYTES]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if found is None:
        return None
    label = found.group(1).decode("ascii", errors="ignore").strip().lower()
    return _SUPERSETS.get(label, label) or None
