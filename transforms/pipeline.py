"""Entry points: one input, or a batch of inputs that share evidence (lines recurring across dumps)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from transforms import html, text
from transforms.decode import decode_text
from transforms.ids import article_id, sha256_hex
from transforms.model import NO_HINTS, Article, BatchInput, InputHints, Rejected, Rejection, RejectionCode, Source

DEFAULT_MAX_ARTICLE_BYTES = 20 * 1024 * 1024

# How much of an input the sniffing reads: a page's root tag may follow a long inline <script> or <style> block.
_SNIFF_BYTES = 64 * 1024
# What may open a saved page before its first element: whitespace, comments, an XML declaration or another
# processing instruction (XHTML, PHP), a doctype.
_PREAMBLE_MARKUP = re.compile(rb"\s*(?:<!--.*?-->|<\?[^>]*>|<!doctype[^>]*>)", re.I | re.S)
# Elements a page, or a fragment of one, opens with. Named rather than any `<word`, so a dump whose first line
# reads "<Untitled>" or "<< Back" stays a text dump.
_OPENING_TAG = re.compile(
    rb"<(?:html|head|body|meta|title|link|base|script|noscript|style|div|table|center|font|pre|p|span|a|form|"
    rb"iframe|header|nav|main|article|section|h[1-6]|br|img|ul|ol|dl|frameset)[\s/>]",
    re.I,
)
# The document's own root, wherever it starts.
_ROOT_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s/>]", re.I)
_ANY_TAG = re.compile(rb"<[!/?a-zA-Z][^<>]{0,2000}>")
# Before the root, a page may carry a server's warning or a template tag ("Warning: Cannot modify header
# information ...", "{{ header }}"): a few lines of text. A text dump that merely mentions "<html>" has more.
_MAX_PREAMBLE_TEXT = 1024
# A root is the page's when tags follow it closely (<head>, <meta>, <title> ...).
_ROOT_FOLLOW_WINDOW, _ROOT_FOLLOW_TAGS = 2048, 4
# A page without a root (a fragment, an old page that omits it) writes a tag every ~200 bytes at least; text
# that merely shows some markup (an ad's <script> rendered as text) writes far fewer.
_DENSE_WINDOW, _DENSE_TAGS = 8192, 40
_HTML_TAGS = re.compile(rb"<(?:p|div|article|span|a|br|section|h[1-6])\b[^>]*>", re.I)
# Prose thick with block tags: a fragment of a page.
_BLOCK_TAG_WINDOW, _MIN_BLOCK_TAGS = 4096, 5
# A short fragment (a few paragraphs saved without their page) has few tags, but nearly every line of it opens
# with one and it ends with one; a dump's lines are text, whatever markup its first line shows.
_MARKUP_LINE_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class BatchResult:
    articles: tuple[Article, ...] = ()
    rejections: tuple[Rejection, ...] = field(default=())

    @staticmethod
    def combine(parts: Iterable[BatchResult]) -> BatchResult:
        """One result from the results of a batch's parts (extracted in several processes or tasks)."""
        parts = list(parts)
        return BatchResult(
            tuple(article for part in parts for article in part.articles),
            tuple(rejection for part in parts for rejection in part.rejections),
        )


def looks_like_html(data: bytes) -> bool:
    """By content, not extension: a page opens with an element (after any comments, XML declaration or doctype)
    and has a root or is thick with tags; or its root follows only a little text (a server's warning, a template
    tag); or it is prose thick with block tags (a fragment)."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    start = _preamble_end(head)
    root = _document_root(head)
    if _OPENING_TAG.match(head, start) and (root is not None or _tag_count(head, 0, _DENSE_WINDOW) >= _DENSE_TAGS):
        return True
    if root is not None and _text_outside_tags(head[start:root]) <= _MAX_PREAMBLE_TEXT:
        return True
    if _OPENING_TAG.match(head, start) and _is_markup_lines(head[start:]):
        return True
    return len(_HTML_TAGS.findall(head, _past_first_line(head, start), _BLOCK_TAG_WINDOW)) >= _MIN_BLOCK_TAGS


def _is_markup_lines(head: bytes) -> bool:
    """Every line, or nearly, opens with a tag, and the last one closes with one."""
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    tagged = sum(1 for line in lines if _ANY_TAG.match(line))
    return bool(lines) and lines[-1].endswith(b">") and tagged >= _MARKUP_LINE_SHARE * len(lines)


def _past_first_line(head: bytes, start: int) -> int:
    """Where the lines after the first one start, when there are such lines: a rendered ad's markup shown as text
    at the top of a dump fills one line, a fragment of a page has block tags on the lines below it too."""
    newline = head.find(b"\n", start)
    return newline + 1 if 0 <= newline < _BLOCK_TAG_WINDOW // 2 and head[newline:].strip() else 0


def _document_root(head: bytes) -> int | None:
    """Where the page's root tag starts, when markup follows it (a dump quoting "<html>" has prose after it)."""
    for root in _ROOT_TAG.finditer(head):
        if _tag_count(head, root.start(), _ROOT_FOLLOW_WINDOW) >= _ROOT_FOLLOW_TAGS:
            return root.start()
    return None


def _tag_count(markup: bytes, start: int, window: int) -> int:
    return len(_ANY_TAG.findall(markup, start, start + window))


def _preamble_end(head: bytes) -> int:
    """Where the first element may start: past leading whitespace, comments, processing instructions, doctype."""
    end = 0
    while (match := _PREAMBLE_MARKUP.match(head, end)) is not None and match.end() > end:
        end = match.end()
    while end < len(head) and head[end : end + 1].isspace():
        end += 1
    return end


def _text_outside_tags(markup: bytes) -> int:
    return len(b"".join(_ANY_TAG.sub(b" ", markup).split()))


def too_large_detail(max_bytes: int) -> str:
    return f"over the limit of {max_bytes:,} bytes per article"


def _check_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise Rejected(RejectionCode.TOO_LARGE, too_large_detail(max_bytes))
    if not data.strip():
        raise Rejected(RejectionCode.EMPTY)


def _is_html(data: bytes, hints: InputHints) -> bool:
    return hints.content == "html" if hints.content else looks_like_html(data)


def extract_one(
    data: bytes,
    uri: str,
    recurring: frozenset[str] = frozenset(),
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    hints: InputHints = NO_HINTS,
    source_sha256: str | None = None,
) -> Article:
    """Return the article in `data` or raise `Rejected`. `recurring` holds lines seen across many dumps of
    the same batch (chrome by repetition); `source_sha256` is the digest of `data` when the caller has it."""
    _check_size(data, max_bytes)
    source_hash = source_sha256 or sha256_hex(data)
    if _is_html(data, hints):
        source = Source(uri=uri, format=hints.container or "html", sha256=source_hash)
        article = html.extract_html(data, source, hints.charset)
    else:
        source = Source(uri=uri, format=hints.container or "text", sha256=source_hash)
        article = text.extract_text_dump(decode_text(data, hints.charset), source, recurring)
    return _apply_hints(article, hints)


def _apply_hints(article: Article, hints: InputHints) -> Article:
    given = {
        name: value
        for name, value in (
            ("url", hints.url),
            ("title", hints.title),
            ("published", hints.published),
            ("site", hints.site),
        )
        if value
    }
    if not given:
        return article
    updated = article.model_copy(update=given)
    # The id follows the canonical url, so a url from the container re-derives it.
    return updated.model_copy(update={"id": article_id(updated.url, updated.title, updated.paragraphs)})


def batch_recurring_lines(inputs: Sequence[BatchInput], max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> frozenset[str]:
    """Lines that recur across the text dumps of a batch: chrome by repetition (computed once per batch, so a
    batch split over processes still shares the evidence)."""
    texts: list[str] = []
    for item in inputs:
        if len(item.data) > max_bytes or _is_html(item.data, item.hints):
            continue
        try:
            texts.append(decode_text(item.data, item.hints.charset))
        except Rejected:
            continue
    return text.recurring_lines(texts)


def extract_batch(
    inputs: Sequence[BatchInput],
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    recurring: frozenset[str] | None = None,
) -> BatchResult:
    """Extract every input; each ends as an article or a rejection with its reason, never an exception.
    `recurring` defaults to the lines recurring within `inputs` themselves."""
    if recurring is None:
        recurring = batch_recurring_lines(inputs, max_bytes)
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for item in inputs:
        try:
            articles.append(extract_one(item.data, item.uri, recurring, max_bytes, item.hints, item.sha256))
        except Rejected as rejected:
            rejections.append(Rejection(item.uri, rejected.code, rejected.detail, item.sha256, item.file))
        except (RecursionError, MemoryError, ValueError, UnicodeError) as error:
            # A parser defeated by a pathological input is that input's problem, not the run's.
            unreadable = Rejection(item.uri, RejectionCode.UNREADABLE, type(error).__name__, item.sha256, item.file)
            rejections.append(unreadable)
    return BatchResult(tuple(articles), tuple(rejections))
