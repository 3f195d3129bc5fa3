"""Property: whatever bytes arrive, the HTML extractor returns an Article or raises Rejected, nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.html import extract_html
from transforms.model import Article, Rejected, Source

SOURCE = Source(uri="page.html", format="html", sha256="0" * 64)
GOLDEN = sorted((Path(__file__).resolve().parent / "golden" / "html").glob("*.html"))
SEEDS = [path.read_bytes() for path in GOLDEN]
TAGS = [
    "<p>",
    "</p>",
    "<div class='story-body'>",
    "</div>",
    "<figure>",
    "<figcaption>",
    "</figcaption>",
    "<br>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<nav>",
    "</nav>",
    "<a href='/x'>",
    "</a>",
    "<h2>",
    "</h2>",
    "<table><tr><td>",
    "<meta charset='shift_jis'>",
    "<script type='application/ld+json'>{\"@type\":",
    '"articleBody": "x"}',
    "<",
    ">",
    "&amp;",
    "&#x0;",
    "\x00",
    "é",
    "—",
    "\ufeff",
]


def check(data: bytes) -> None:
    try:
        result = extract_html(data, SOURCE)
    except Rejected as rejected:
        assert rejected.reason
        return
    assert isinstance(result, Article)
    assert result.paragraphs
    assert all(p and p == p.strip() for p in result.paragraphs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=80)), max_size=120))
def test_tag_soup(pieces: list[str]) -> None:
    check("".join(pieces).encode("utf-8", errors="surrogatepass"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SEEDS),
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.binary(max_size=64)), min_size=1, max_size=8),
)
def test_mutated_golden_pages(seed: bytes, edits: list[tuple[float, float, bytes]]) -> None:
    """Cut, duplicate and splice the golden pages: truncated saves, doubled tags, garbage in the middle."""
    data = seed
    for start_share, length_share, insert in edits:
        start = int(start_share * len(data))
        end = min(len(data), start + int(length_share * 200))
        data = data[:start] + insert + data[end:]
    check(data)
