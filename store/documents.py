"""Articles as Elasticsearch documents: one per article, and one per passage (paragraph, caption, contributor line).

Each document is the record as it is read back, plus an `i18n.<group>` copy of its searchable text in the fields of
its language's analysis (see store/mappings.py), which the index keeps out of `_source`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from store.languages import analysis_group
from store.mappings import ANALYZED_AS, I18N
from transforms.model import Article
from transforms.text.lexicon import guess_language

# The one home of the passage kinds: the search's `kind` filter, the CLI and the API derive theirs from it.
PassageKind = Literal["paragraph", "caption", "contributor"]


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


def article_group(article: Article) -> str:
    """The analysis group of the article's language; a page that declares none is read for one (as text dumps
    are when extracted), so an undeclared German page is still stemmed as German."""
    if article.language:
        return analysis_group(article.language)
    return _guessed_group(article)


@lru_cache(maxsize=256)
def _guessed_group(article: Article) -> str:
    """Cached: the article document and each of its passages ask (a frozen Article hashes by its fields)."""
    return analysis_group(guess_language("\n".join([article.title or "", *article.paragraphs])))


def _article_text(article: Article) -> dict[str, Any]:
    credits = [caption.credit for caption in article.captions if caption.credit]
    fields = {
        "title": article.title,
        "dek": article.dek,
        "paragraphs": list(article.paragraphs),
        "captions": [caption.text for caption in article.captions],
        "credits": credits,
        "contributor_lines": list(article.contributor_lines),
    }
    return {name: value for name, value in fields.items() if value}


def article_from_source(source: dict[str, Any]) -> Article:
    """The Article record an article document was written from (its `_source`, less what the store added)."""
    return Article.model_validate({key: value for key, value in source.items() if key in Article.model_fields})


def article_document(article: Article, ingested_at: str) -> dict[str, Any]:
    group = article_group(article)
    document = article.model_dump(mode="json")
    document["ingested_at"] = ingested_at
    document[ANALYZED_AS] = group
    document[I18N] = {group: _article_text(article)}
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


def passage_document(article: Article, passage: Passage, group: str | None = None) -> dict[str, Any]:
    """`group`: the article's analysis group, when the caller writes many passages of one article."""
    searchable = {"text": passage.text, "credit": passage.credit} if passage.credit else {"text": passage.text}
    group = group or article_group(article)
    return {
        "article_id": article.id,
        "kind": passage.kind,
        "position": passage.position,
        "text": passage.text,
        "credit": passage.credit,
        "media": passage.media,
        **_display(article),
        ANALYZED_AS: group,
        I18N: {group: searchable},
    }
