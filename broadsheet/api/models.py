"""Response models: what the OpenAPI schema promises, and what every JSON answer is validated against."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from broadsheet.api.render import highlighted_html
from store.search_types import FacetBucket, Fragment, SearchHit, SearchResults
from transforms.model import Article


class FragmentOut(BaseModel):
    kind: str = Field(description="paragraph, caption or contributor: the passage this fragment comes from.")
    position: int = Field(description="0-based position of that passage among the article's passages of its kind.")
    html: str = Field(description="The passage, HTML-escaped, with matched words wrapped in <em>…</em>.")
    credit: str | None = Field(default=None, description="A caption's credit, escaped and highlighted the same way.")

    @classmethod
    def of(cls, fragment: Fragment) -> FragmentOut:
        credit = highlighted_html(fragment.credit) if fragment.credit else None
        return cls(kind=fragment.kind, position=fragment.position, html=highlighted_html(fragment.text), credit=credit)


class ArticleSummaryOut(BaseModel):
    id: str
    score: float
    title: str | None = None
    site: str | None = None
    url: str | None = None
    published: str | None = None
    byline: list[str] = Field(default_factory=list)
    contributors: list[str] = Field(default_factory=list)

    @classmethod
    def of(cls, hit: SearchHit) -> ArticleSummaryOut:
        return cls(**_summary_fields(hit))


class HitOut(ArticleSummaryOut):
    fragments: list[FragmentOut] = Field(default_factory=list, description="The best matching passages, best first.")

    @classmethod
    def of(cls, hit: SearchHit) -> HitOut:
        return cls(**_summary_fields(hit), fragments=[FragmentOut.of(fragment) for fragment in hit.fragments])


def _summary_fields(hit: SearchHit) -> dict[str, Any]:
    return {
        "id": hit.article_id,
        "score": hit.score,
        "title": hit.title,
        "site": hit.site,
        "url": hit.url,
        "published": hit.published,
        "byline": list(hit.byline),
        "contributors": list(hit.contributors),
    }


class FacetBucketOut(BaseModel):
    value: str
    count: int = Field(description="Matching articles with this value.")


class FacetsOut(BaseModel):
    kinds: list[FacetBucketOut] = Field(
        default_factory=list, description="Of the matches, articles matching in each kind of passage (kind=any only)."
    )
    site: list[FacetBucketOut] = Field(default_factory=list)
    contributors: list[FacetBucketOut] = Field(default_factory=list)
    credits: list[FacetBucketOut] = Field(default_factory=list, description="Credits of the articles' captions.")
    media: list[FacetBucketOut] = Field(default_factory=list, description="Media of the articles' captions.")
    published: list[FacetBucketOut] = Field(default_factory=list, description="Articles per month (YYYY-MM).")

    @classmethod
    def of(cls, facets: dict[str, tuple[FacetBucket, ...]]) -> FacetsOut:
        return cls(
            **{
                name: [FacetBucketOut(value=bucket.value, count=bucket.count) for bucket in buckets]
                for name, buckets in facets.items()
            }
        )


class SearchOut(BaseModel):
    total: int = Field(description="Articles matching the words and filters.")
    hits: list[HitOut]
    facets: FacetsOut | None = Field(description="Counts over all matches; only on the first page (no cursor).")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")

    @classmethod
    def of(cls, results: SearchResults, with_facets: bool) -> SearchOut:
        return cls(
            total=results.total,
            hits=[HitOut.of(hit) for hit in results.hits],
            facets=FacetsOut.of(results.facets) if with_facets else None,
            next_cursor=results.next_cursor,
        )


class StoredArticleOut(Article):
    """The Article record as stored, with the time it was indexed."""

    # Stored documents may carry fields an older or newer writer added: show the article, never fail on them.
    model_config = ConfigDict(frozen=True, extra="ignore")
    ingested_at: str | None = None


class SimilarOut(BaseModel):
    id: str = Field(description="The article the others are similar to.")
    similar: list[ArticleSummaryOut]


class NodeHealthOut(BaseModel):
    status: str = Field(description="green, yellow or red; unavailable when the node does not answer.")


class HealthOut(BaseModel):
    status: str = Field(description="ok, or unavailable when the node is down or red.")
    elasticsearch: NodeHealthOut


class ErrorOut(BaseModel):
    detail: str


class ParameterErrorOut(BaseModel):
    parameter: str
    message: str


class ValidationErrorOut(BaseModel):
    detail: str = Field(description="One line naming each bad parameter.")
    errors: list[ParameterErrorOut]
