"""Quality gate: the HTML extractor's F1 on aeb-dev/html, by the benchmark's own scorer, must not drop.

Pinned at the figure reached when this gate was set (0.984 on the 79 dev pages; trafilatura 2.3.1 scores
0.966 on them) minus 0.005 of slack. No timing here: speed is measured by bench/html_bench.py."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bench.aeb import DEFAULT_BENCH, ground_truth, score
from transforms.html import extract_html
from transforms.model import Rejected, Source

BENCH = DEFAULT_BENCH
REACHED_F1 = 0.984
PINNED_F1 = REACHED_F1 - 0.005


def body(path: Path) -> str:
    data = gzip.decompress(path.read_bytes())
    try:
        article = extract_html(data, Source(uri=path.name, format="html", sha256="0" * 64))
    except Rejected:
        return ""
    return "\n".join(article.paragraphs)


@pytest.mark.skipif(not (BENCH / "aeb-dev" / "ground-truth.json").exists(), reason="no ../shared/bench")
def test_aeb_dev_f1_does_not_regress() -> None:
    truth = ground_truth()
    pages = {p.name.removesuffix(".html.gz"): p for p in (BENCH / "aeb-dev" / "html").glob("*.html.gz")}
    assert set(pages) == set(truth)
    predictions = {page_id: {"articleBody": body(path)} for page_id, path in pages.items()}
    result = score(predictions)
    assert result["n_empty_pred"] == 0
    summary = f"F1 {result['f1']:.4f} (P {result['precision']:.3f}, R {result['recall']:.3f})"
    assert result["f1"] >= PINNED_F1, f"{summary} < pinned {PINNED_F1:.3f}"
