"""Property tests: any text, and any mutation of a real dump, gives an Article or `Rejected`, nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms import Article, Rejected, Source
from transforms.captions import parse_caption_line, split_credit
from transforms.contributors import is_contributor_line, parse_contributors
from transforms.text import extract_text_dump, recurring_lines

SEED = (Path(__file__).parent / "golden" / "text" / "000_992f8b7952b07537.txt").read_text("utf-8")
SEED_LINES = SEED.splitlines()
SOURCE = Source(uri="prop.txt", format="text", sha256="0" * 64)

# Text shaped like dumps: words, punctuation, typographic quotes, digits, newlines and odd whitespace.
_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"“”’—–-()/©|\n\t\u00a0\u200b…")
)
dump_text = st.text(alphabet=_ALPHABET, max_size=3000) | st.text(max_size=1500)


def _extract_or_reject(text: str, recurring: frozenset[str] = frozenset()) -> None:
    try:
        article = extract_text_dump(text, SOURCE, recurring)
    except Rejected as rejected:
        assert rejected.reason
        return
    assert isinstance(article, Article)
    assert article.paragraphs
    assert all(paragraph == " ".join(paragraph.split()) for paragraph in article.paragraphs)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dump_text)
def test_arbitrary_text(text: str) -> None:
    _extract_or_reject(text)


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """The seed with lines dropped, duplicated, swapped, truncated or replaced by noise."""
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(0, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "dup", "swap", "cut", "noise", "upper"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif action == "noise":
            lines[i] = draw(st.text(alphabet=_ALPHABET, max_size=200))
        else:
            lines[i] = lines[i].upper()
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed(), st.booleans())
def test_mutated_seed(text: str, with_recurring: bool) -> None:
    recurring = recurring_lines([text, text, text, SEED]) if with_recurring else frozenset()
    _extract_or_reject(text, recurring)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_caption_and_contributor_parsers_total(line: str) -> None:
    caption = split_credit(line)
    assert caption.credit is None or caption.credit.strip() == caption.credit
    parse_caption_line(line)
    if is_contributor_line(line):
        assert parse_contributors(line)


def test_unmutated_seed_still_extracts() -> None:
    assert extract_text_dump(SEED, SOURCE, frozenset()).title
