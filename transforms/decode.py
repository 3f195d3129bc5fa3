"""Bytes to text for dumps: BOM first, then strict UTF-8, then a statistical detector."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from transforms.model import Rejected, RejectionCode

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats people drop into dump folders by mistake; named so the rejection says what it was.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Past this share of control characters the bytes are not a text dump in any encoding.
_MAX_CONTROL_SHARE = 0.05
_SAMPLE = 65536


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    return None


# C0 controls other than \t \n \v \f \r; a regex count is ~20x faster than a per-character loop.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _control_share(text: str) -> float:
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a dump, raising `Rejected` for binary content. `declared` (an HTTP or meta charset) is
    tried after a BOM and before detection. NUL bytes are dropped: a stray few must not cost an article."""
    bom = _bom_encoding(data)
    if bom is not None:
        name, skip = bom
        return data[skip:].decode(name, errors="replace").replace("\x00", "")
    kind = _binary_kind(data)
    if kind is not None:
        raise Rejected(RejectionCode.BINARY, kind)
    text = _decode_without_bom(data, declared)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise Rejected(RejectionCode.BINARY, "control characters")
    return text.replace("\x00", "")


def _decode_without_bom(data: bytes, declared: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(_python_codec(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data[: _SAMPLE * 4]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    # Windows-1252 is what undeclared Western text almost always is; it maps every byte but five.
    return data.decode("cp1252", errors="replace")


def _python_codec(label: str) -> str:
    """WHATWG says ISO-8859-1 and ASCII labels mean Windows-1252; browsers decode them so, and so do we."""
    name = codecs.lookup(label.strip().strip("'\"")).name
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name
