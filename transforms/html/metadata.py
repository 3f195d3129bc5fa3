"""Page metadata: headline, site, canonical URL, byline, publication time and language, from JSON-LD,
`<meta>`/`<link>` tags and the page's own markup, in that order of trust."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from html import unescape

from dateutil import parser as date_parser

from transforms.html.prune import Pruned

_ARTICLE_TYPES = re.compile(r"article|posting|report|news|blog|webpage", re.I)
_SPACE = re.compile(r"\s+")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•:]|-|::|»)\s+")
_BY_PREFIX = re.compile(
    r"^\s*(?:(?:analysis|opinion|commentary|review|story|text|words|written|interview|reporting)\s+)?"
    r"(?:by|von|par|por|di|de)\s*:?\s+",
    re.I,
)
# Conjunctions are lower-case ("y", "et", "und"): "Bruce Y. Lee" is one name.
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\b(?:and|And|AND|und|et|y)\b|&|\|)\s*")
_NOT_A_NAME = re.compile(r"\d|https?:|www\.|@|\b(?:staff|updated|published|min read|reporter|correspondent|"
                         r"editor|writer|contributor|news|agency|press|reuters|associated)\b", re.I)
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "dc.date.issued", "dc.date", "date", "sailthru.date", "parsely-pub-date", "article.published",
    "og:article:published_time", "publication_date", "dcterms.created",
)
_MAX_NAME_WORDS = 5
_PLAUSIBLE_YEARS = (1900, 2200)
_NOT_LETTERS = re.compile(r"[\W_]+")
# "Hannah Lowe For The Daily Bulletin", "Jane Roe for Reuters": the outlet after a name.
_FOR_OUTLET = re.compile(r"\s+[Ff]or\s+(?:The\s+|the\s+)?[A-Z].*$")
_URL_LIKE = re.compile(r"^(?:https?://|www\.)", re.I)
# A name lifted from the page's markup (not declared in metadata): two to four capitalised words.
_PAGE_NAME = re.compile(r"^(?!The\b)[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:(?:de|da|van|von|der|del|la|le|bin|al)\s+)?"
                        r"[A-ZÀ-Þ][\w'’.-]*){1,3}$")


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None
    site: str | None
    url: str | None
    byline: tuple[str, ...]
    published: str | None
    language: str | None
    dek: str | None
    article_body: str | None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", value).strip()
    return text or None


def _clean_lines(value: object) -> str | None:
    """Whitespace normalised within lines; the line breaks are the body's paragraph breaks."""
    if not isinstance(value, str):
        return None
    lines = (" ".join(line.split()) for line in value.replace("\r", "\n").split("\n"))
    text = "\n".join(line for line in lines if line)
    return text or None


def parse_json_ld(blocks: tuple[str, ...]) -> list[dict[str, object]]:
    """Every JSON object in the page's JSON-LD, flattened out of lists and `@graph`s; broken blocks skipped."""
    found: list[dict[str, object]] = []
    for raw in blocks:
        text = raw.strip().removeprefix("<![CDATA[").removesuffix("]]>").strip().rstrip(";")
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        found.extend(_objects(data))
    return found


def _objects(data: object) -> Iterator[dict[str, object]]:
    pending = [data]
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                pending.extend(graph)


def _types(obj: dict[str, object]) -> list[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return [kind]
    return [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []


def _article_object(objects: list[dict[str, object]]) -> dict[str, object]:
    """The JSON-LD object describing the article: one with a body, else a headline, of an article-ish type."""
    ranked = sorted(
        (o for o in objects if any(_ARTICLE_TYPES.search(t) for t in _types(o))),
        key=lambda o: (isinstance(o.get("articleBody"), str), isinstance(o.get("headline"), str),
                       not any(t.lower() == "webpage" for t in _types(o))),
        reverse=True,
    )
    return ranked[0] if ranked else {}


def _names(value: object, persons_only: bool = False) -> list[str]:
    if isinstance(value, str):
        return split_names(value)
    if isinstance(value, list):
        return [name for item in value for name in _names(item, persons_only)]
    if isinstance(value, dict):
        if persons_only and any(t.lower() == "organization" for t in _types(value)):
            return []
        name = _clean(value.get("name"))
        return split_names(name) if name else []
    return []


def split_names(text: str) -> list[str]:
    """'By Jane Roe and John Doe, Reuters' -> ['Jane Roe', 'John Doe']: names only, no 'By' or titles."""
    text = _FOR_OUTLET.sub("", _BY_PREFIX.sub("", _SPACE.sub(" ", text).strip()))
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        part = part.strip(" .:-–—")
        words = part.split()
        if not words or len(words) > _MAX_NAME_WORDS or _NOT_A_NAME.search(part):
            continue
        if not any(w[:1].isupper() for w in words):
            continue
        names.append(part)
    return names


def _dedupe(items: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return tuple(seen.values())


def iso_date(value: str | None) -> str | None:
    """ISO 8601, with the offset when the source gives one; None when it does not read as a date."""
    if not value:
        return None
    try:
        parsed = date_parser.parse(value.strip())
    except (ValueError, OverflowError, TypeError):
        return None
    if not isinstance(parsed, datetime) or not _PLAUSIBLE_YEARS[0] <= parsed.year <= _PLAUSIBLE_YEARS[1]:
        # "0001-01-01T00:00:00Z" is a CMS placeholder, not a publication date.
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return parsed.date().isoformat()
    return parsed.isoformat()


def _meta_map(pruned: Pruned) -> tuple[dict[str, str], dict[str, str]]:
    """meta name/property -> content (first wins) and link rel -> href (first wins)."""
    metas: dict[str, str] = {}
    links: dict[str, str] = {}
    for attrs in pruned.metas:
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        content = attrs.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), unescape(content.strip()))
    for attrs in pruned.links:
        href = attrs.get("href")
        if href:
            for name in attrs.get("rel", "").lower().split():
                links.setdefault(name, unescape(href.strip()))
    return metas, links


def strip_site_suffix(title: str, site: str | None) -> str:
    """'Headline - Site' / 'Headline | Site' -> 'Headline'. A trailing part goes when it is the site's name
    or, lacking one, when it is short beside the headline."""
    parts = _TITLE_SEPARATORS.split(title)
    while len(parts) > 1:
        tail = parts[-1].strip()
        head_words = len(" ".join(parts[:-1]).split())
        is_site = site is not None and (
            tail.casefold() in site.casefold() or site.casefold() in tail.casefold()
        )
        if is_site or (site is None and len(tail.split()) <= 4 and head_words >= 4):
            parts = parts[:-1]
            continue
        break
    head = parts[0] if len(parts) == 1 else title[: title.rfind(parts[-1])].rstrip(" |-–—·•:»")
    return head.strip() or title


def _language(pruned: Pruned, metas: dict[str, str], article: dict[str, object]) -> str | None:
    lang = (pruned.html_attributes or {}).get("lang") or (pruned.html_attributes or {}).get("xml:lang")
    candidates = [lang, metas.get("og:locale"), article.get("inLanguage"), metas.get("content-language"),
                  metas.get("language")]
    for value in candidates:
        if isinstance(value, str) and re.fullmatch(r"\s*[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*\s*", value):
            primary, _, region = value.strip().replace("_", "-").partition("-")
            return primary.lower() + ("-" + region.upper() if len(region) == 2 else ("-" + region if region else ""))
    return None


def _publisher(article: dict[str, object], objects: list[dict[str, object]]) -> str | None:
    publisher = article.get("publisher")
    if isinstance(publisher, dict):
        name = _clean(publisher.get("name"))
        if name:
            return name
    for obj in objects:
        if "WebSite" in _types(obj) or "NewsMediaOrganization" in _types(obj):
            name = _clean(obj.get("name"))
            if name:
                return name
    return None


def _url(links: dict[str, str], metas: dict[str, str], article: dict[str, object]) -> str | None:
    entity = article.get("mainEntityOfPage")
    entity_url = entity.get("@id") if isinstance(entity, dict) else entity
    for value in (links.get("canonical"), metas.get("og:url"), article.get("url"), entity_url):
        if isinstance(value, str) and value.strip().startswith(("http://", "https://")):
            return value.strip()
    return None


def read_metadata(
    pruned: Pruned,
    page_bylines: list[str],
    page_times: list[str],
    first_heading: str | None,
) -> Metadata:
    objects = parse_json_ld(pruned.json_ld)
    article = _article_object(objects)
    metas, links = _meta_map(pruned)
    site = next(
        (name for name in (_clean(metas.get("og:site_name")), _publisher(article, objects),
                           _clean(metas.get("application-name"))) if name and not _URL_LIKE.match(name)),
        None,
    )
    title = _title(article, metas, pruned.title, first_heading, site)
    byline = tuple(name for name in _byline(article, metas, links, page_bylines) if not _is_outlet(name, site))
    published = None
    for candidate in [article.get("datePublished"), *(metas.get(k) for k in _PUBLISHED_META), *page_times]:
        published = iso_date(candidate if isinstance(candidate, str) else None)
        if published:
            break
    dek = _clean(article.get("description")) or _clean(metas.get("og:description")) or _clean(
        metas.get("description"))
    return Metadata(
        title=title,
        site=site,
        url=_url(links, metas, article),
        byline=byline,
        published=published,
        language=_language(pruned, metas, article),
        dek=dek,
        article_body=_clean_lines(article.get("articleBody")),
    )


def _title(article: dict[str, object], metas: dict[str, str], page_title: str | None,
           first_heading: str | None, site: str | None) -> str | None:
    for value in (article.get("headline"), metas.get("og:title"), metas.get("twitter:title"), first_heading,
                  page_title):
        text = _clean(value)
        if text:
            return strip_site_suffix(text, site)
    return None


def _is_outlet(name: str, site: str | None) -> bool:
    """'CNN Business' beside CNN, 'Florida Today' at floridatoday: the publisher credited as an author."""
    if not site:
        return False
    squeezed_name = _NOT_LETTERS.sub("", name.casefold())
    squeezed_site = _NOT_LETTERS.sub("", site.casefold().removeprefix("the "))
    if len(squeezed_site) < 3 or not squeezed_name:
        return False
    return squeezed_site in squeezed_name or squeezed_name in squeezed_site


def _byline(article: dict[str, object], metas: dict[str, str], links: dict[str, str],
            page_bylines: list[str]) -> tuple[str, ...]:
    names = _names(article.get("author"), persons_only=True)
    if not names:
        author = metas.get("author") or metas.get("article:author") or metas.get("byl") or metas.get("dc.creator")
        if author and not author.startswith(("http://", "https://")):
            names = split_names(author)
    if not names:
        for text in page_bylines:
            names = [name for line in text.split("\n") for name in split_names(line) if _PAGE_NAME.match(name)]
            if names:
                break
    return _dedupe(names)
