"""The one record type that flows through every stage: `Article` (contracts/article.schema.json)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

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


class Rejected(Exception):
    """Typed rejection: an input that yields no article. `reason` is short, human-readable and stable
    enough to count runs by (e.g. "empty input", "binary content (PNG image)")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
