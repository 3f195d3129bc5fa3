"""The records every stage shares: what a reader hands on (`BatchInput`, or a `Rejection` of an input it could
not read), and the one record extraction makes, `Article` (contracts/article.schema.json). Every layer imports
these types from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict

from transforms.ids import sha256_hex

SourceFormat = Literal["text", "html", "jsonl", "warc"]
Media = Literal["photo", "video", "graphic"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    uri: str
    format: SourceFormat
    sha256: str


class Caption(_Frozen):
    text: str
    credit: str | None = None
    media: Media | None = None


class Article(_Frozen):
    id: str
    source: Source
    site: str | None = None
    title: str | None = None
    url: str | None = None
    byline: tuple[str, ...] = ()
    published: str | None = None
    language: str | None = None
    dek: str | None = None
    paragraphs: tuple[str, ...] = ()
    captions: tuple[Caption, ...] = ()
    contributors: tuple[str, ...] = ()
    contributor_lines: tuple[str, ...] = ()

    def to_json(self) -> str:
        return self.model_dump_json()


class RejectionCode(StrEnum):
    """Why an input yields no article, as a stable code that summaries, the rejections index and Kibana count
    by; the human wording of each is `REJECTION_LABELS`, the details of one case travel apart."""

    MISSING = "missing"  # a path that does not exist, or a symbolic link whose target does not
    NOT_A_FILE = "not_a_file"  # a FIFO, socket or device, or a link or device inside an archive
    UNREADABLE = "unreadable"  # the operating system refused to read it, or a parser gave up on it
    CORRUPT = "corrupt"  # a truncated or damaged gzip, zip, tar or WARC, or bytes cut mid-record
    MALFORMED_JSON = "malformed_json"
    NO_CONTENT = "no_content"  # a JSON Lines record with no 'html' or 'text'
    TOO_LARGE = "too_large"
    EMPTY = "empty"
    BINARY = "binary"
    TOO_COMPLEX = "too_complex"  # more elements than the HTML parser is allowed to build
    NO_ARTICLE = "no_article"  # readable, but no run of prose long enough to be an article
    REFUSED = "refused"  # Elasticsearch can never accept its documents (mapping or parse errors)


REJECTION_LABELS: dict[RejectionCode, str] = {
    RejectionCode.MISSING: "no such file or folder",
    RejectionCode.NOT_A_FILE: "not a regular file",
    RejectionCode.UNREADABLE: "unreadable",
    RejectionCode.CORRUPT: "truncated or corrupt",
    RejectionCode.MALFORMED_JSON: "malformed JSON line",
    RejectionCode.NO_CONTENT: "JSON record has no content",
    RejectionCode.TOO_LARGE: "too large",
    RejectionCode.EMPTY: "empty input",
    RejectionCode.BINARY: "binary content",
    RejectionCode.TOO_COMPLEX: "too many elements to parse",
    RejectionCode.NO_ARTICLE: "no article found",
    RejectionCode.REFUSED: "refused by Elasticsearch",
}


def rejection_reason(code: RejectionCode, detail: str = "") -> str:
    """The one-line wording of a rejection: its label, then the case's details in parentheses."""
    label = REJECTION_LABELS[code]
    return f"{label} ({detail})" if detail else label


class Rejected(Exception):
    """Typed rejection: an input that yields no article, with a code to count by and the case's details
    (e.g. `Rejected(RejectionCode.BINARY, "PNG image")`)."""

    def __init__(self, code: RejectionCode, detail: str = "") -> None:
        super().__init__(rejection_reason(code, detail))
        self.code = code
        self.detail = detail

    @property
    def reason(self) -> str:
        return rejection_reason(self.code, self.detail)


@dataclass(frozen=True, slots=True)
class InputHints:
    """What the container said about an input (a JSON Lines record, a WARC record's headers). Metadata given
    here wins over what extraction guesses from the content."""

    container: Literal["jsonl", "warc"] | None = None
    content: Literal["html", "text"] | None = None
    charset: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None


NO_HINTS = InputHints()


@dataclass(frozen=True)
class BatchInput:
    """One article's bytes as a reader found them. `uri` names the input (a file, `archive!member`,
    `file.jsonl#line`); `file` names the dump file it came from (the same as `uri` for a plain file)."""

    uri: str
    data: bytes
    hints: InputHints = NO_HINTS
    file: str = ""

    @property
    def origin(self) -> str:
        return self.file or self.uri

    @cached_property
    def sha256(self) -> str:
        """Hashed once per input (the flow compares it with the last run, extraction and state record it); the
        value travels with the input when it is pickled to an extraction worker."""
        return sha256_hex(self.data)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that yields no article: where (`uri`, and the dump `file` it is in), why (`code` and
    `detail`), and the digest of its bytes when it had any (so the same bad bytes are not reported twice)."""

    uri: str
    code: RejectionCode
    detail: str = ""
    sha256: str = ""
    file: str = ""

    @property
    def reason(self) -> str:
        return rejection_reason(self.code, self.detail)

    @property
    def origin(self) -> str:
        return self.file or self.uri
