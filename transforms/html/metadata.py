"""Page metadata: headline, site, canonical URL, byline, publication time and language, from JSON-LD,
`<meta>`/`<link>` tags and the page's own markup, in that order of trust.

What the page declares for machines (schema.org JSON-LD, OpenGraph, Dublin Core, Parse.ly and similar tags) is
read as declared: an author the page names is kept even when it is an agency ("dpa") or the publisher itself
when no person is named ("BBC News"). Text lifted from the page's markup (a byline element) must look like
person names before it is believed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

from transforms.captions import clean_credit
from transforms.contributors import split_declared_names, split_names
from transforms.dates import iso_date
from transforms.html.figures import image_keys
from transforms.html.prune import Pruned
from transforms.ids import url_host

_ARTICLE_TYPES = re.compile(r"article|posting|report|news|blog|webpage", re.I)
_SPACE = re.compile(r"\s+")
_URL_LIKE = re.compile(r"^(?:https?://|www\.)", re.I)
_NOT_LETTERS = re.compile(r"[\W_]+")


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
    # Asset keys of the page's declared lead picture (og:image, the JSON-LD image): see figures.image_keys.
    image_keys: frozenset[str] = frozenset()
    # The day in the lead picture's path (".../2026/01/29/photo.jpg": CMSs file uploads by day): the last
    # resort for a page that states no date anywhere else.
    picture_date: str | None = None
    # A recipe's ingredients as its JSON-LD lists them (schema.org Recipe `recipeIngredient`).
    ingredients: tuple[str, ...] = ()
    # Captions the JSON-LD gives the article's pictures (schema.org ImageObject), for pictures the markup
    # leaves without one.
    declared_captions: tuple[DeclaredCaption, ...] = ()


@dataclass(frozen=True, slots=True)
class DeclaredCaption:
    """A JSON-LD ImageObject's caption and credit, with the asset keys of its picture (figures.image_keys)."""

    image_keys: frozenset[str]
    text: str
    credit: str


def _clean(value: object) -> str | None:
    """Whitespace collapsed and entities decoded (JSON-LD and some CMSs write `&#8216;` inside their JSON)."""
    if not isinstance(value, str):
        return None
    text = value
    for _ in range(2):  # "&amp;quot;" is escaped twice
        if "&" not in text:
            break
        text = unescape(text)
    text = _SPACE.sub(" ", text).strip()
    return text or None


def _clean_lines(value: object) -> str | None:
    """Whitespace normalised within lines; the line breaks are the body's paragraph breaks."""
    if not isinstance(value, str):
        return None
    lines = (" ".join(line.split()) for line in value.replace("\r", "\n").split("\n"))
    text = "\n".join(line for line in lines if line)
    return text or None


# ---------------------------------------------------------------- JSON-LD


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
        key=lambda o: (
            isinstance(o.get("articleBody"), str),
            isinstance(o.get("headline"), str),
            not any(t.lower() == "webpage" for t in _types(o)),
        ),
        reverse=True,
    )
    return ranked[0] if ranked else {}


# ---------------------------------------------------------------- meta tags

Metas = dict[str, list[str]]


def _meta_map(pruned: Pruned) -> tuple[Metas, dict[str, str]]:
    """meta name/property -> every content given, in order (Dublin Core repeats dc.creator per author), and
    link rel -> href (first wins)."""
    metas: Metas = {}
    links: dict[str, str] = {}
    for attrs in pruned.metas:
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        content = attrs.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), []).append(unescape(content.strip()))
    for attrs in pruned.links:
        href = attrs.get("href")
        if href:
            for name in attrs.get("rel", "").lower().split():
                links.setdefault(name, unescape(href.strip()))
    return metas, links


def _first(metas: Metas, *keys: str) -> str | None:
    for key in keys:
        values = metas.get(key)
        if values:
            return values[0]
    return None


# ---------------------------------------------------------------- site and title


def _site_names(
    metas: Metas, article: dict[str, object], objects: list[dict[str, object]], url: str | None
) -> list[str]:
    """Every name the site goes by on the page: og:site_name, the JSON-LD publisher, application-name, the
    Twitter handle and the host ("tageblatt" of www.tageblatt.lu), for recognising it in titles and bylines."""
    names = [
        _clean(_first(metas, "og:site_name")),
        _publisher(article, objects),
        _clean(_first(metas, "application-name", "apple-mobile-web-app-title")),
        (_first(metas, "twitter:site") or "").lstrip("@") or None,
    ]
    host = url_host(url) if url else ""
    labels = [label for label in host.removeprefix("www.").split(".")[:-1] if len(label) >= 3]
    return [n for n in names + labels if n]


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


# Where a title's site affix is split off: "Headline | Site", "Headline - Site", "見出し：サイト", "제목ㅣ사이트".
_AFFIX_SEPARATORS = re.compile(r"\s+(?:[|–—·•»]|-{1,2}|::)\s+|\s*[|｜ㅣ：]\s*")
# The same, where a short unnamed tail may still go (only from the <title>, which is made of such parts).
_SHORT_TAIL_WORDS, _HEAD_MIN_WORDS = 4, 4


def is_site_name(text: str, sites: list[str]) -> bool:
    """'CNN Business' beside CNN, 'Florida Today' at floridatoday, 'NDR.de' at ndr: the site's own name, with
    a word at most beside it ('Guardian staff reporter' is a desk's byline, not the site)."""
    squeezed = _NOT_LETTERS.sub("", text.casefold()).removeprefix("the")
    if not squeezed:
        return False
    for site in sites:
        name = _NOT_LETTERS.sub("", site.casefold()).removeprefix("the")
        if len(name) < 3:
            continue
        if squeezed in name:
            return True
        extra_words = len(_words_but_the(text)) - len(_words_but_the(site))
        if name in squeezed and extra_words <= 1:
            return True
    return False


def _words_but_the(text: str) -> list[str]:
    return [word for word in text.split() if word.casefold() != "the"]


def strip_site_affixes(title: str, sites: list[str], short_tail: bool = False) -> str:
    """'Headline - Site' / 'Site | Headline' -> 'Headline': a leading or trailing part goes when it is the
    site's name; with `short_tail` (a <title>) also a short last part after a long head."""
    parts = _AFFIX_SEPARATORS.split(title)
    while len(parts) > 1 and is_site_name(parts[-1], sites):
        parts.pop()
    while len(parts) > 1 and is_site_name(parts[0], sites):
        parts.pop(0)
    if (
        short_tail
        and len(parts) > 1
        and len(parts[-1].split()) <= _SHORT_TAIL_WORDS
        and len(" ".join(parts[:-1]).split()) >= _HEAD_MIN_WORDS
    ):
        parts.pop()
    if len(parts) == len(_AFFIX_SEPARATORS.split(title)):
        return title
    return _rejoin(title, parts)


def _rejoin(title: str, parts: list[str]) -> str:
    """The kept parts with the separators that stood between them in the title."""
    start = title.find(parts[0])
    last = parts[-1]
    end = title.find(last, start) + len(last)
    return title[start:end].strip() or title


# Punctuation that sets a section or kicker off a headline another field gives bare: "Headline - National",
# "Kicker | Headline", "헤드라인-정치".
_ANY_SEPARATOR = re.compile(r"\s*[-–—|:·•»ㅣ｜：]\s*")
_KICKER_SEPARATOR = re.compile(r"\s*[|·•»ㅣ｜]\s*")


def _title(candidates: list[object], sites: list[str]) -> str | None:
    """The first declared headline, without the site's name. When another field gives the same headline
    without a section or kicker around it ("Headline - National" beside "Headline"), the bare one wins."""
    cleaned = [c for c in (_clean(v) for v in candidates) if c]
    if not cleaned:
        return None
    title = strip_site_affixes(cleaned[0], sites, short_tail=len(cleaned) == 1)
    for other in cleaned[1:]:
        if len(other) < len(title) and _is_affixed(title, other):
            return other
    for other in cleaned[1:]:
        shared = _shared_headline(title, other)
        if shared:
            return shared
    return title


# A headline two fields share after different kickers must still be a headline, not a word or two.
_MIN_SHARED_WORDS = 3


def _shared_headline(title: str, other: str) -> str | None:
    """The headline two fields give after different kickers ("Iranischer Angriff auf Israel: «…»" beside
    "Eskalation im Nahen Osten - «…»"): each kicker is a label of its field, the shared tail is the headline."""
    for match in _SPACED_SEPARATOR.finditer(title):
        tail = title[match.end() :]
        if len(tail.split()) < _MIN_SHARED_WORDS:
            return None
        kicker = other[: len(other) - len(tail)]
        if other.endswith(tail) and _SPACED_SEPARATOR.search(kicker) and _KICKER_END.search(kicker):
            # Labels of their own share no word: kickers that do are one kicker written two ways.
            other_words = set(_WORD.findall(kicker.casefold()))
            labelled = bool(other_words) and other_words.isdisjoint(_WORD.findall(title[: match.start()].casefold()))
            return tail if labelled else None
    return None


_WORD = re.compile(r"\w+")
# A kicker's end: a colon, or a dash or bar with spaces around it (not a hyphen inside a word).
_SPACED_SEPARATOR = re.compile(r"(?:\s+[-–—|·•»]|:)\s+")
_KICKER_END = re.compile(r"(?:\s+[-–—|·•»]|:)\s+$")


def _is_affixed(title: str, bare: str) -> bool:
    if title.startswith(bare):
        return _ANY_SEPARATOR.match(title, len(bare)) is not None
    if title.endswith(bare):
        # A kicker before a colon is part of many headlines ("Nach dem Rückzug: ..."); one before a bar is not.
        cut = len(title) - len(bare)
        return any(_KICKER_SEPARATOR.fullmatch(title, i, cut) for i in range(max(0, cut - 3), cut))
    return False


# ---------------------------------------------------------------- authors

# Declared author fields, in order of trust after JSON-LD.
_AUTHOR_METAS = (
    "author",
    "article:author",
    "og:article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "articleauthor",
    "cxenseparse:author",
)
# Dublin Core and Highwire write one "Last, First" per tag.
_INVERTED_METAS = frozenset({"dc.creator", "dcterms.creator", "citation_author"})
_INVERTED_NAME = re.compile(r"^([^\s,]+(?:[ -][^\s,]+)?),\s*([^\s,]+(?:\s[^\s,]+)?)$")
# A name lifted from the page's markup (not declared in metadata): two to four capitalised words.
_PAGE_NAME = re.compile(
    r"^(?!The\b)[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:(?:de|da|van|von|der|del|la|le|bin|al)\s+)?"
    r"[A-ZÀ-Þ][\w'’.-]*){1,3}$"
)


def _declared_names(value: object, organisations: bool = True) -> list[str]:
    """Names in a JSON-LD author value (a string, a Person or Organization, or a list of them)."""
    if isinstance(value, str):
        return list(split_declared_names(value))
    if isinstance(value, list):
        return [name for item in value for name in _declared_names(item, organisations)]
    if isinstance(value, dict):
        if not organisations and not _is_person(value):
            return []
        name = _clean(value.get("name"))
        return list(split_declared_names(name)) if name else []
    return []


def _is_person(obj: dict[str, object]) -> bool:
    kinds = [k.lower() for k in _types(obj)]
    return not kinds or "person" in kinds


def _meta_names(metas: Metas) -> list[str]:
    for key in _AUTHOR_METAS:
        names: list[str] = []
        for value in metas.get(key, []):
            if _URL_LIKE.match(value):
                continue
            inverted = _INVERTED_NAME.match(value.strip()) if key in _INVERTED_METAS else None
            names.extend([f"{inverted.group(2)} {inverted.group(1)}"] if inverted else split_declared_names(value))
        if names:
            return names
    return []


def _page_names(page_bylines: list[str]) -> list[str]:
    for text in page_bylines:
        names = [name for line in text.split("\n") for name in split_names(line) if _PAGE_NAME.match(name)]
        if names:
            return names
    return []


def _byline(article: dict[str, object], metas: Metas, page_bylines: list[str], sites: list[str]) -> tuple[str, ...]:
    """Who wrote it: the JSON-LD author, else the author meta tags, else the page's byline element. The site's
    own name counts only when nobody else is named (a desk piece credited to "BBC News")."""
    declared = _declared_names(article.get("author"))
    for names in (declared, _meta_names(metas), _page_names(page_bylines)):
        people = [n for n in names if not is_site_name(n, sites)]
        if people:
            return _dedupe(people)
    return _dedupe(declared or _meta_names(metas))


def _dedupe(items: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return tuple(seen.values())


# ---------------------------------------------------------------- dates, language, url

_PUBLISHED_METAS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.issued",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "og:article:published_time",
    "publication_date",
    "citation_publication_date",
    "citation_date",
)
# When a page gives no publication date, its first version's last change is the closest it says.
_MODIFIED_METAS = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")


def _published(article: dict[str, object], metas: Metas, page_times: list[str]) -> str | None:
    candidates: list[object] = [article.get("datePublished"), article.get("dateCreated")]
    candidates += [_first(metas, key) for key in _PUBLISHED_METAS]
    candidates += page_times
    candidates += [article.get("dateModified")] + [_first(metas, key) for key in _MODIFIED_METAS]
    for candidate in candidates:
        published = iso_date(candidate) if isinstance(candidate, str) else None
        if published:
            return published
    return None


def _language(pruned: Pruned, metas: Metas, article: dict[str, object]) -> str | None:
    lang = (pruned.html_attributes or {}).get("lang") or (pruned.html_attributes or {}).get("xml:lang")
    candidates = [
        lang,
        _first(metas, "og:locale"),
        article.get("inLanguage"),
        _first(metas, "content-language"),
        _first(metas, "language"),
    ]
    for value in candidates:
        if isinstance(value, str) and re.fullmatch(r"\s*[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*\s*", value):
            primary, _, region = value.strip().replace("_", "-").partition("-")
            return primary.lower() + ("-" + region.upper() if len(region) == 2 else ("-" + region if region else ""))
    return None


def _url(links: dict[str, str], metas: Metas, article: dict[str, object]) -> str | None:
    entity = article.get("mainEntityOfPage")
    entity_url = entity.get("@id") if isinstance(entity, dict) else entity
    for value in (links.get("canonical"), _first(metas, "og:url"), article.get("url"), entity_url):
        if isinstance(value, str) and value.strip().startswith(("http://", "https://")):
            return value.strip()
    return None


_PATH_DAY = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")


def _picture_date(urls: list[str]) -> str | None:
    for url in urls:
        day = _PATH_DAY.search(url)
        if day:
            return iso_date("-".join(day.groups()))
    return None


def _lead_picture_urls(article: dict[str, object], metas: Metas) -> list[str]:
    urls = [*metas.get("og:image", []), *metas.get("og:image:url", []), *metas.get("twitter:image", [])]
    pending = [article.get("image"), article.get("thumbnailUrl")]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            urls.append(value)
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend([value.get("url"), value.get("contentUrl")])
    return urls


# Properties whose pictures are not the article's: a publisher's logo, a person's portrait, a brand's mark.
_NOT_ARTICLE_PICTURES = frozenset(
    {
        "logo",
        "author",
        "creator",
        "publisher",
        "brand",
        "sourceOrganization",
        "copyrightHolder",
        "contributor",
        "editor",
        "founder",
        "member",
    }
)
# Who an ImageObject credits, in the order the credit is written: its credit line, else who holds the rights,
# else who made it.
_IMAGE_CREDIT_PROPERTIES = ("creditText", "copyrightHolder", "author", "creator")


def _declared_captions(objects: list[dict[str, object]]) -> tuple[DeclaredCaption, ...]:
    """Every ImageObject with a caption and an address in the page's JSON-LD, but those under a logo or a
    person (see `_NOT_ARTICLE_PICTURES`)."""
    found: dict[frozenset[str], DeclaredCaption] = {}
    pending: list[object] = list(objects)
    seen: set[int] = set()
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(item)
            continue
        if not isinstance(item, dict) or id(item) in seen:
            continue
        seen.add(id(item))
        if any(t.lower() in ("person", "organization", "newsmediaorganization") for t in _types(item)):
            continue
        pending.extend(value for key, value in item.items() if key not in _NOT_ARTICLE_PICTURES)
        declared = _declared_caption(item)
        if declared is not None and declared.image_keys not in found:
            found[declared.image_keys] = declared
    return tuple(found.values())


def _declared_caption(obj: dict[str, object]) -> DeclaredCaption | None:
    if "imageobject" not in (t.lower() for t in _types(obj)):
        return None
    text = _clean(obj.get("caption"))
    url = obj.get("contentUrl") or obj.get("url")
    keys = image_keys(url) if isinstance(url, str) else frozenset()
    # A graph's logo or portrait stands alone, named by its id ("https://site/#logo", ".../#/schema/person/image").
    if not text or not keys or _PORTRAIT_OR_LOGO.search(str(obj.get("@id") or "")):
        return None
    # An ImageObject's "caption" is often the picture's alt text, the headline or the summary, which no reader
    # sees under the picture; one the photo desk wrote comes with its credit (on the fundus dev pages, every
    # uncredited one read this way was no shown caption).
    credit = _image_credit(obj)
    return DeclaredCaption(keys, text, credit) if credit else None


_PORTRAIT_OR_LOGO = re.compile(r"logo|person|author", re.I)


def _image_credit(obj: dict[str, object]) -> str | None:
    for key in _IMAGE_CREDIT_PROPERTIES:
        value = obj.get(key)
        if isinstance(value, str):
            credit = clean_credit(value)
            if credit:
                return credit
        elif isinstance(value, dict | list) and (names := _declared_names(value)):
            return names[0]
    return None


def _lead_picture_keys(urls: list[str]) -> frozenset[str]:
    keys: set[str] = set()
    for url in urls:
        keys |= image_keys(url)
    return frozenset(keys)


def read_metadata(
    pruned: Pruned,
    page_bylines: list[str],
    page_times: list[str],
    first_heading: str | None,
) -> Metadata:
    objects = parse_json_ld(pruned.json_ld)
    article = _article_object(objects)
    metas, links = _meta_map(pruned)
    url = _url(links, metas, article)
    sites = _site_names(metas, article, objects, url)
    site = next((name for name in sites[:3] if not _URL_LIKE.match(name)), None)
    # OpenGraph first: it is the headline the publisher chose to show for the page, where a JSON-LD headline
    # is often an SEO variant (measured on the fundus dev pages, across publishers: 0.86 against 0.82).
    title = _title(
        [
            _first(metas, "og:title"),
            article.get("headline"),
            _first(metas, "twitter:title"),
            # A microdata or plain `headline` meta: the bare headline where the others add a section.
            _first(metas, "headline"),
            first_heading,
            pruned.title,
        ],
        sites,
    )
    pictures = _lead_picture_urls(article, metas)
    dek = (
        _clean(article.get("description"))
        or _clean(_first(metas, "og:description"))
        or _clean(_first(metas, "description"))
    )
    return Metadata(
        title=title,
        site=site,
        url=url,
        byline=_byline(article, metas, page_bylines, sites),
        published=_published(article, metas, page_times),
        language=_language(pruned, metas, article),
        dek=dek,
        article_body=_clean_lines(article.get("articleBody")) or _steps_body(objects),
        image_keys=_lead_picture_keys(pictures),
        picture_date=_picture_date(pictures),
        ingredients=_ingredients(objects),
        declared_captions=_declared_captions(objects),
    )


_STEP_TYPES = frozenset({"howto", "recipe"})
_STEP_LISTS = ("step", "recipeInstructions")
_MARKUP_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH_BREAK = re.compile(r"</?(?:p|br|li|div|h[1-6])\b[^>]*>", re.I)


def _steps_body(objects: list[dict[str, object]]) -> str | None:
    """A how-to's or recipe's text from its JSON-LD, when it declares no articleBody: its description and the
    text of each step (HowToStep, HowToSection items, plain strings), markup reduced to lines."""
    for obj in objects:
        if not _STEP_TYPES & {t.casefold() for t in _types(obj)}:
            continue
        parts = [obj.get("description")]
        for key in _STEP_LISTS:
            parts.extend(_step_texts(obj.get(key)))
        lines = [_PARAGRAPH_BREAK.sub("\n", part) for part in parts if isinstance(part, str)]
        return _clean_lines(_MARKUP_TAG.sub("", unescape("\n".join(lines))))
    return None


def _step_texts(value: object) -> Iterator[object]:
    if isinstance(value, list):
        for item in value:
            yield from _step_texts(item)
    elif isinstance(value, dict):
        yield value.get("text")
        yield from _step_texts(value.get("itemListElement"))
    else:
        yield value


def _ingredients(objects: list[dict[str, object]]) -> tuple[str, ...]:
    """The ingredients of the page's first JSON-LD Recipe, one line each."""
    for obj in objects:
        if "recipe" not in (t.casefold() for t in _types(obj)):
            continue
        listed = obj.get("recipeIngredient")
        if isinstance(listed, list):
            return tuple(line for item in listed if (line := _clean(item)))
    return ()
