"""Reading a dump file, streamed, recognised by content: plain files, gzip, zip, tar(.gz), JSON Lines, WARC.

Every input ends as a `BatchInput` (one article's bytes, with what its container said about it) or a
`Rejection` naming the file or member, a code and the details. Nothing is loaded whole: members and records
are read one at a time with a cap, so a zip bomb, a 40 MB line or a 2 GB crawl file costs at most one capped
item of memory.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any, cast

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from readers.files import NotARegularFile, open_regular
from transforms.ids import sha256_hex
from transforms.model import BatchInput, InputHints, Rejection, RejectionCode
from transforms.pipeline import too_large_detail

Item = BatchInput | Rejection

_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_PEEK = 512
# Containers inside containers (a .tar.gz inside a .zip) are opened this deep, no deeper.
_MAX_NESTING = 3
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError, ArchiveLoadFailed, ValueError)


@dataclass(frozen=True, slots=True)
class Limits:
    max_article_bytes: int

    @property
    def max_line_bytes(self) -> int:
        # A JSON record escapes its HTML (quotes, slashes, \\uXXXX), so a line may exceed the article it holds.
        return self.max_article_bytes * 2


def _reject(uri: str, code: RejectionCode, detail: str, data: bytes = b"") -> Rejection:
    return Rejection(uri, code, detail, sha256_hex(data) if data else "")


def _read_capped(stream: IO[bytes], limit: int) -> bytes:
    """One byte past the limit tells 'too large' apart from 'exactly at the limit'."""
    return stream.read(limit + 1)


def _too_large(uri: str, limits: Limits) -> Rejection:
    return _reject(uri, RejectionCode.TOO_LARGE, too_large_detail(limits.max_article_bytes))


OpenedHook = Callable[[IO[bytes] | None], None]


def iter_file(path: str, uri: str, limits: Limits, opened: OpenedHook | None = None) -> Iterator[Item]:
    """The inputs in one dump file (`uri` is its identity), each tagged with the file it came from. `opened`
    is told of the raw file while it is read (and of None after), so progress can follow its position."""
    for item in _read_file(path, uri, limits, opened or _ignore):
        yield dataclasses.replace(item, file=uri)


def _ignore(_: IO[bytes] | None) -> None:
    """No one follows the reading position."""


def _read_file(path: str, uri: str, limits: Limits, opened: OpenedHook) -> Iterator[Item]:
    try:
        raw = open(open_regular(path), "rb", buffering=0)  # noqa: SIM115 (closed by the `with` below)
    except OSError as error:
        yield _reject(uri, *_os_error(error))
        return
    opened(raw)
    try:
        with raw:
            yield from _dispatch(io.BufferedReader(raw, _PEEK * 128), uri, PurePosixPath(path).name, limits, 0)
    except OSError as error:  # an I/O error mid-file (a disk fault, a file truncated while read)
        yield _reject(uri, RejectionCode.UNREADABLE, f"while reading: {error.strerror or error}")
    finally:
        opened(None)


def _os_error(error: OSError) -> tuple[RejectionCode, str]:
    if isinstance(error, NotARegularFile):
        return RejectionCode.NOT_A_FILE, str(error)
    return RejectionCode.UNREADABLE, error.strerror or str(error)


def _dispatch(stream: io.BufferedReader, uri: str, name: str, limits: Limits, depth: int) -> Iterator[Item]:
    head = stream.peek(_PEEK)[:_PEEK]
    lower = name.lower()
    if head.startswith(_GZIP_MAGIC) and _inflated_head(head).startswith(b"WARC/"):
        # warcio reads gzip record by record, so a cut-off crawl still yields the records before the cut.
        yield from _warc(stream, uri, limits)
    elif head.startswith(_GZIP_MAGIC) and depth < _MAX_NESTING:
        yield from _gzip(stream, uri, lower.removesuffix(".gz").removesuffix(".tgz") or lower, limits, depth)
    elif head.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)) and depth < _MAX_NESTING:
        yield from _zip(stream, uri, limits, depth)
    elif head[257:262] == b"ustar" and depth < _MAX_NESTING:
        yield from _tar(stream, uri, limits, depth)
    elif head.startswith(b"WARC/"):
        yield from _warc(stream, uri, limits)
    elif lower.endswith(_JSONL_SUFFIXES) or _looks_like_jsonl(head):
        yield from _jsonl(stream, uri, limits)
    else:
        yield from _plain(stream, uri, limits)


def _inflated_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 16)
    except zlib.error:
        return b""


def _plain(stream: IO[bytes], uri: str, limits: Limits) -> Iterator[Item]:
    try:
        data = _read_capped(stream, limits.max_article_bytes)
    except _READ_ERRORS as error:
        yield _reject(uri, RejectionCode.CORRUPT, _describe(error))
        return
    yield _too_large(uri, limits) if len(data) > limits.max_article_bytes else BatchInput(uri, data)


def _gzip(stream: io.BufferedReader, uri: str, inner_name: str, limits: Limits, depth: int) -> Iterator[Item]:
    # GzipFile is a stream of bytes like any raw file; the buffer gives it `peek`, which content sniffing needs.
    inflated = cast(io.BufferedReader, io.BufferedReader(gzip.GzipFile(fileobj=stream, mode="rb"), _PEEK * 128))
    try:
        inflated.peek(_PEEK)
    except _READ_ERRORS as error:
        yield _reject(uri, RejectionCode.CORRUPT, f"gzip: {_describe(error)}")
        return
    if inner_name.endswith(".tgz"):
        inner_name = inner_name[:-4] + ".tar"
    yield from _dispatch(inflated, uri, inner_name, limits, depth + 1)


def _member_uri(archive_uri: str, member: str) -> str:
    return f"{archive_uri}!{member}"


def _nested(data: bytes, uri: str, name: str, limits: Limits, depth: int) -> Iterator[Item]:
    yield from _dispatch(io.BufferedReader(io.BytesIO(data), _PEEK * 128), uri, name, limits, depth + 1)


def _zip(stream: io.BufferedReader, uri: str, limits: Limits, depth: int) -> Iterator[Item]:
    # zipfile needs to seek to the central directory; a file does, a member of another archive is buffered.
    seekable: IO[bytes] = stream if stream.seekable() else io.BytesIO(_read_capped(stream, limits.max_line_bytes))
    try:
        archive = zipfile.ZipFile(seekable)
    except _READ_ERRORS as error:
        yield _reject(uri, RejectionCode.CORRUPT, f"zip: {_describe(error)}")
        return
    with archive:
        for member in archive.infolist():
            if not member.is_dir():
                yield from _zip_member(archive, member, _member_uri(uri, member.filename), limits, depth)


def _zip_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, uri: str, limits: Limits, depth: int
) -> Iterator[Item]:
    if member.file_size > limits.max_article_bytes and not _is_container_name(member.filename):
        yield _too_large(uri, limits)  # the header says so: not a byte inflated
        return
    try:
        with archive.open(member) as handle:
            data = _read_capped(handle, limits.max_line_bytes)  # headers can lie: the cap holds regardless
    except _READ_ERRORS as error:
        yield _reject(uri, RejectionCode.CORRUPT, f"zip member: {_describe(error)}")
        return
    yield from _member_data(data, uri, member.filename, limits, depth)


def _member_data(data: bytes, uri: str, name: str, limits: Limits, depth: int) -> Iterator[Item]:
    if len(data) > limits.max_line_bytes:
        yield _too_large(uri, limits)
    elif _is_container(data, name):
        yield from _nested(data, uri, name, limits, depth)
    elif len(data) > limits.max_article_bytes:
        yield _too_large(uri, limits)
    else:
        yield BatchInput(uri, data)


def _is_container_name(name: str) -> bool:
    return name.lower().endswith((".zip", ".tar", ".tgz", ".gz", ".warc", *_JSONL_SUFFIXES))


def _is_container(data: bytes, name: str) -> bool:
    return (
        data.startswith((_GZIP_MAGIC, _ZIP_MAGIC, b"WARC/"))
        or data[257:262] == b"ustar"
        or name.lower().endswith(_JSONL_SUFFIXES)
    )


def _tar(stream: io.BufferedReader, uri: str, limits: Limits, depth: int) -> Iterator[Item]:
    try:
        archive = tarfile.open(fileobj=stream, mode="r|")  # noqa: SIM115 (closed by the `with` below)
    except _READ_ERRORS as error:
        yield _reject(uri, RejectionCode.CORRUPT, f"tar: {_describe(error)}")
        return
    with archive:
        try:
            for member in archive:
                yield from _tar_member(archive, member, _member_uri(uri, member.name), limits, depth)
        except _READ_ERRORS as error:
            yield _reject(uri, RejectionCode.CORRUPT, f"tar: {_describe(error)}; earlier members were read")


def _tar_member(
    archive: tarfile.TarFile, member: tarfile.TarInfo, uri: str, limits: Limits, depth: int
) -> Iterator[Item]:
    if member.isdir():
        return
    if not member.isreg():
        yield _reject(uri, RejectionCode.NOT_A_FILE, "link or device in the archive")
        return
    if member.size > limits.max_line_bytes:
        yield _too_large(uri, limits)
        return
    handle = archive.extractfile(member)
    if handle is None:
        yield _reject(uri, RejectionCode.UNREADABLE, "tar member")
        return
    yield from _member_data(_read_capped(handle, limits.max_line_bytes), uri, member.name, limits, depth)


def _looks_like_jsonl(head: bytes) -> bool:
    first_line = head.lstrip().split(b"\n", 1)[0]
    return first_line.startswith(b"{") and (b'"html"' in first_line or b'"text"' in first_line)


def _jsonl(stream: IO[bytes], uri: str, limits: Limits) -> Iterator[Item]:
    number = 0
    try:
        while True:
            line = stream.readline(limits.max_line_bytes + 1)
            if not line:
                return
            number += 1
            if len(line) > limits.max_line_bytes and not line.endswith(b"\n"):
                _skip_rest_of_line(stream)
                yield _too_large(f"{uri}#{number}", limits)
            elif line.strip():
                yield _jsonl_record(line, f"{uri}#{number}", limits)
    except _READ_ERRORS as error:
        yield _reject(f"{uri}#{number + 1}", RejectionCode.CORRUPT, f"{_describe(error)}; earlier lines were read")


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _jsonl_record(line: bytes, uri: str, limits: Limits) -> Item:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return _reject(uri, RejectionCode.MALFORMED_JSON, _describe(error), line)
    if not isinstance(record, dict):
        return _reject(uri, RejectionCode.MALFORMED_JSON, "not an object", line)
    content = _record_content(record)
    if content is None:
        return _reject(uri, RejectionCode.NO_CONTENT, "no 'html' or 'text' string", line)
    kind, text = content
    data = text.encode("utf-8")
    if len(data) > limits.max_article_bytes:
        return _too_large(uri, limits)
    return BatchInput(uri, data, InputHints(container="jsonl", content=kind, charset="utf-8", **_record_meta(record)))


def _record_content(record: dict[str, Any]) -> tuple[Any, str] | None:
    for kind in ("html", "text"):
        value = record.get(kind)
        if isinstance(value, str) and value.strip():
            return kind, value
    return None


def _record_meta(record: dict[str, Any]) -> dict[str, str | None]:
    return {
        key: value.strip() if isinstance(value, str) and value.strip() else None
        for key, value in ((name, record.get(name)) for name in ("url", "title", "published", "site"))
    }


class _CountingReader(io.RawIOBase):
    """Counts the bytes a reader took, to tell a crawl file that ended cleanly from one cut mid-record
    (warcio stops quietly at a cut; its offset then lags behind what it read)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self.consumed += len(data)
        return len(data)


def _warc(stream: IO[bytes], uri: str, limits: Limits) -> Iterator[Item]:
    counted = _CountingReader(stream)
    records = ArchiveIterator(io.BufferedReader(counted, _PEEK * 128))
    count = 0
    try:
        for record in records:
            count += 1
            if record.rec_type == "response":
                item = _warc_response(record, uri, limits)
                if item is not None:
                    yield item
    except _READ_ERRORS as error:
        yield _reject(uri, RejectionCode.CORRUPT, f"WARC after {count} records: {_describe(error)}")
        return
    if records.offset < counted.consumed:
        yield _reject(uri, RejectionCode.CORRUPT, f"WARC: unreadable data after {count} records")


def _warc_response(record: Any, uri: str, limits: Limits) -> Item | None:
    """An HTML response is an input; any other record (images, scripts, requests, metadata) is not one."""
    content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
    if "html" not in content_type.lower():
        return None
    record_id = record.rec_headers.get_header("WARC-Record-ID") or record.rec_headers.get_header("WARC-Target-URI")
    record_uri = f"{uri}#{record_id}"
    data = _read_capped(record.content_stream(), limits.max_article_bytes)
    if len(data) > limits.max_article_bytes:
        return _too_large(record_uri, limits)
    if record.raw_stream.limit > 0:
        return _reject(record_uri, RejectionCode.CORRUPT, "WARC record: the file ends inside it", data)
    charset = _charset_of(content_type)
    target = record.rec_headers.get_header("WARC-Target-URI")
    return BatchInput(record_uri, data, InputHints(container="warc", content="html", charset=charset, url=target))


def _charset_of(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("'\"")
    return None


def _describe(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}"[:200] if text else type(error).__name__
