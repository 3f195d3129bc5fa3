"""Articles as Elasticsearch documents: one per article, and one per passage (paragraph, caption, contributor line)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from transforms.model import Article

PassageKind = Literal["paragraph", "caption", "contributor"]
PASSAGE_KINDS: tuple[PassageKind, ...] = ("paragraph", "caption", "contributor")


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    kind: PassageKind
    position: int
    text: str
    credit: str | None = None
    media: str | None = None


def passage_id(article_id: str, kind: PassageKind, position: int) -> str:
    """Stable: re-indexing the same article overwrites its passages instead of adding new ones."""
    return f"{article_id}:{kind}:{position}"


def passages_of(article: Article) -> Iterator[Passage]:
    for position, paragraph in enumerate(article.paragraphs):
        yield Passage(passage_id(article.id, "paragraph", position), "paragraph", position, paragraph)
    for position, caption in enumerate(article.captions):
        yield Passage(
            passage_id(article.id, "caption", position),
            "caption",
            position,
            caption.text,
            credit=caption.credit,
            media=caption.media,
        )
    for position, line in enumerate(article.contributor_lines):
        yield Passage(passage_id(article.id, "contributor", position), "contributor", position, line)


def article_document(article: Article, ingested_at: str) -> dict[str, Any]:
    document = article.model_dump(mode="json")
    document["ingested_at"] = ingested_at
    return document


def _display(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "site": article.site,
        "url": article.url,
        "published": article.published,
        "byline": list(article.byline),
        "contributors": list(article.contributors),
        "language": article.language,
    }


def passage_document(article: Article, passage: Passage) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "kind": passage.kind,
        "position": passage.position,
        "text": passage.text,
        "credit": passage.credit,
        "media": passage.media,
        **_display(article),
    }
