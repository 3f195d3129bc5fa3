"""Whatever bytes land in the dump folder, extraction returns an Article or raises the typed rejection: never
another exception. Arbitrary bytes, and arbitrary mutations (cuts, splices, byte flips, inserted markup and
control characters) of real dumps, text and HTML."""

from __future__ import annotations

import gzip

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS, SHARED
from transforms import Article, Rejected, extract_one

SEED = (SEEDS / "000_992f8b7952b07537.txt").read_bytes()
PAGES = [
    gzip.decompress(path.read_bytes())[:60_000] for path in sorted((SHARED / "bench/aeb-dev/html").glob("*.gz"))[:3]
]
REAL_DUMPS = [SEED, *PAGES]
INSERTS = [b"\x00", b"\xff\xfe", b"<div>", b"</p>", b"<script>", b"\r", b"\x1b[0m", b"\xe2\x80", b"<!--", b"&#0;"]


def _extract(data: bytes) -> Article | None:
    try:
        return extract_one(data, "fuzz://input")
    except Rejected as rejected:
        assert rejected.reason  # a reason a person can read
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data: bytes) -> None:
    _extract(data)


@st.composite
def mutated_dump(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(REAL_DUMPS)))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["cut", "insert", "flip", "truncate"]))
        if operation == "cut":
            del data[position : position + draw(st.integers(1, 2000))]
        elif operation == "insert":
            data[position:position] = draw(st.sampled_from(INSERTS)) * draw(st.integers(1, 50))
        elif operation == "flip" and position < len(data):
            data[position] = draw(st.integers(0, 255))
        else:
            del data[position:]
    return bytes(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_dump())
def test_mutated_real_dumps(data: bytes) -> None:
    article = _extract(data)
    if article is not None:
        assert article.paragraphs or article.captions
        assert all(paragraph.strip() == paragraph and paragraph for paragraph in article.paragraphs)
