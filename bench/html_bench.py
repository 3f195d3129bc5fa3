"""Benchmark: Broadsheet's HTML extraction against trafilatura on aeb-dev/html, in the same run.

    .venv/bin/python bench/html_bench.py [--bench ../shared/bench] [--repeat 3] [--json out.json]

Both extractors get the same decompressed bytes in memory; each is timed over the whole set (one process, one
core, extraction loop only), `--repeat` times in alternating order, keeping each one's best time, so machine
noise hits both alike. Prints a markdown table of the benchmark's F1 / precision / recall (the shared scorer,
loaded from its read-only path) and pages per second, plus the speed ratio."""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.aeb import DEFAULT_BENCH, score  # noqa: E402
from transforms.html import extract_html  # noqa: E402
from transforms.ids import sha256_hex  # noqa: E402
from transforms.model import Rejected, Source  # noqa: E402

Pages = list[tuple[str, bytes]]
Extractor = Callable[[str, bytes], str]


def load_pages(bench: Path) -> Pages:
    paths = sorted((bench / "aeb-dev" / "html").glob("*.html.gz"))
    return [(path.name.removesuffix(".html.gz"), gzip.decompress(path.read_bytes())) for path in paths]


def broadsheet(page_id: str, data: bytes) -> str:
    try:
        article = extract_html(data, Source(uri=page_id, format="html", sha256=sha256_hex(data)))
    except Rejected:
        return ""
    return "\n".join(article.paragraphs)


def trafilatura_body(page_id: str, data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data, include_comments=False) or ""


def time_extractor(extract: Extractor, pages: Pages) -> tuple[dict[str, dict[str, str]], float]:
    started = time.perf_counter()
    preds = {page_id: {"articleBody": extract(page_id, data)} for page_id, data in pages}
    return preds, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write per-page scores of both extractors here")
    args = parser.parse_args(argv)

    pages = load_pages(args.bench)
    extractors: dict[str, Extractor] = {
        "Broadsheet (transforms.html)": broadsheet,
        "trafilatura 2.3.1 (include_comments=False)": trafilatura_body,
    }
    best: dict[str, float] = dict.fromkeys(extractors, float("inf"))
    preds: dict[str, dict[str, dict[str, str]]] = {}
    names = list(extractors)
    for round_ in range(max(1, args.repeat)):
        # Alternate the order so warm caches and machine noise favour neither.
        for name in names if round_ % 2 == 0 else reversed(names):
            preds[name], seconds = time_extractor(extractors[name], pages)
            best[name] = min(best[name], seconds)

    results = {name: score(preds[name], args.bench) for name in names}
    megabytes = sum(len(data) for _, data in pages) / 1e6
    print(f"aeb-dev/html: {len(pages)} pages, {megabytes:.1f} MB; best of {args.repeat} timed runs each\n")
    print("| extractor | F1 | precision | recall | pages/s |")
    print("|---|---|---|---|---|")
    for name in names:
        m = results[name]
        rate = len(pages) / best[name]
        print(f"| {name} | {m['f1']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} | {rate:.1f} |")
    ratio = best[names[1]] / best[names[0]]
    print(f"\nSpeed: Broadsheet runs at {ratio:.2f}x trafilatura's pages per second in this run.")
    if args.json:
        per_page = {name: results[name]["per_doc"] for name in names}
        args.json.write_text(json.dumps(per_page, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
