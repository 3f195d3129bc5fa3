"""Finding the dump files under the paths a user names: each file once, under one name, and a reason for
everything that is not a file that can be read.

An input's identity is the real path of its file (absolute, `..` and symbolic links resolved), so a file
reached as `d/f`, `./d/f`, `/abs/d/f` or through a linked folder is one input whose state carries over between
runs. Names that are not valid UTF-8 keep their bytes as `\\xff` escapes: stable from run to run, and storable.
A FIFO, socket or device, a dangling or looping link, or a folder that cannot be listed is a `Rejection`, never
silence; nothing that is not a regular file is ever opened (opening a FIFO would block the run).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from transforms.model import Rejection, RejectionCode

_FILE_KINDS = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


@dataclass(frozen=True, slots=True)
class DumpFile:
    """A regular file to read: `uri` is its identity (the escaped real path), `path` what to open."""

    uri: str
    path: str
    size: int


def path_uri(path: str) -> str:
    """The printable, storable name of a path: undecodable bytes (held by Python as surrogates) as `\\xNN`."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def kind_of(mode: int) -> str:
    return next((name for is_kind, name in _FILE_KINDS if is_kind(mode)), "not a file or folder")


@dataclass
class Discovery:
    """Walks the given paths once, in a stable sorted order; remembers what it yielded so that a file or
    folder reached twice (two spellings, a linked folder, a link loop) is read once."""

    files: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)

    def walk(self, paths: Iterable[str | Path]) -> Iterator[DumpFile | Rejection]:
        for given in paths:
            yield from self._given(os.fspath(given))

    def _given(self, given: str) -> Iterator[DumpFile | Rejection]:
        location = os.path.abspath(given)
        if not os.path.lexists(location):
            yield _rejection(location, RejectionCode.MISSING, "")
        else:
            yield from self._entry(location)

    def _entry(self, location: str) -> Iterator[DumpFile | Rejection]:
        """A path that exists as a directory entry: follow it if it is a link, then read or walk it."""
        try:
            real = os.path.realpath(location, strict=True)
            info = os.stat(real)
        except OSError as error:
            yield _unresolvable(location, error)
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self._folder(real)
        elif stat.S_ISREG(info.st_mode):
            if real not in self.files:
                self.files.add(real)
                yield DumpFile(path_uri(real), real, info.st_size)
        else:
            yield _rejection(location, RejectionCode.NOT_A_FILE, kind_of(info.st_mode))

    def _folder(self, real: str) -> Iterator[DumpFile | Rejection]:
        if real in self.folders:
            return
        self.folders.add(real)
        try:
            with os.scandir(real) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as error:
            yield _rejection(real, RejectionCode.UNREADABLE, f"folder: {error.strerror or error}")
            return
        for name in names:
            yield from self._entry(os.path.join(real, name))


def _unresolvable(location: str, error: OSError) -> Rejection:
    if error.errno == errno.ELOOP:
        return _rejection(location, RejectionCode.UNREADABLE, "symbolic link loop")
    if os.path.islink(location):
        return _rejection(location, RejectionCode.MISSING, f"dangling symbolic link to {path_uri(_target(location))}")
    return _rejection(location, RejectionCode.UNREADABLE, error.strerror or str(error))


def _target(link: str) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "?"


def _rejection(location: str, code: RejectionCode, detail: str) -> Rejection:
    uri = path_uri(location)
    return Rejection(uri, code, detail, file=uri)


def root_uris(paths: Iterable[str | Path]) -> list[str]:
    """The paths a user named, as identities: what every input under them has as its file's prefix."""
    return sorted({path_uri(os.path.realpath(os.fspath(path))) for path in paths})


def unlisted(found: Iterable[DumpFile | Rejection]) -> list[str]:
    """What discovery could not look into (unlistable folders, unresolvable paths): nothing under them can be
    said to be gone."""
    return [entry.uri for entry in found if isinstance(entry, Rejection) and entry.code is RejectionCode.UNREADABLE]


def discover(paths: Iterable[str | Path]) -> Iterator[DumpFile | Rejection]:
    """Every regular file under `paths` (files as given, folders recursively, links followed), each once, and a
    rejection for each path that cannot be read as one."""
    yield from Discovery().walk(paths)


def open_regular(path: str) -> int:
    """A descriptor for reading `path`, refusing anything that turned out not to be a regular file since it was
    listed (O_NONBLOCK: a FIFO put in its place must not block the run)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise NotARegularFile(kind_of(mode))
    os.set_blocking(descriptor, True)
    return descriptor


class NotARegularFile(OSError):
    """The path names a FIFO, socket or device."""
