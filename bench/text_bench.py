"""Benchmark: Broadsheet's text-dump extraction on aeb-dev/text, as one batch, scored by the shared scorer.

    .venv/bin/python bench/text_bench.py [--bench ../shared/bench] [--repeat 3]

Prints a markdown table: F1 / precision / recall against the whole-dump floor, and dumps per second (one core,
extraction loop only: `extract_batch` over bytes already in memory, CPU time of the process)."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms import BatchInput, BatchResult, extract_batch  # noqa: E402
from transforms.decode import decode_text  # noqa: E402

DEFAULT_BENCH = ROOT.parent / "shared" / "bench"
WHOLE_DUMP_FLOOR = {"f1": 0.661, "precision": 0.495, "recall": 0.994}


def load_scorer(bench: Path) -> ModuleType:
    """The shared scorer is read-only and stays outside the repo: load it from its path."""
    spec = importlib.util.spec_from_file_location("aeb_score", bench / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {bench / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_inputs(bench: Path) -> list[BatchInput]:
    return [BatchInput(path.stem, path.read_bytes()) for path in sorted((bench / "aeb-dev" / "text").glob("*.txt"))]


def predictions(result: BatchResult, ids: list[str]) -> dict[str, dict[str, str]]:
    """id -> {"articleBody": paragraphs joined by newlines}; a rejected dump predicts an empty body."""
    bodies = {article.source.uri: "\n".join(article.paragraphs) for article in result.articles}
    return {item_id: {"articleBody": bodies.get(item_id, "")} for item_id in ids}


def score(bench: Path, preds: dict[str, dict[str, str]]) -> dict[str, Any]:
    scorer = load_scorer(bench)
    truth = json.loads((bench / "aeb-dev" / "ground-truth.json").read_text("utf-8"))
    result: dict[str, Any] = scorer.evaluate(truth, preds, n_bootstrap=0)
    return result


def _cpu_rate(work: Callable[[], object], count: int, repeat: int) -> float:
    """Items per CPU-second of this process, best of `repeat` runs: the shared machines are busy, and wall
    time would measure the neighbours."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return count / best


def read_lines_only(inputs: list[BatchInput]) -> int:
    """The peer: decoding each dump and splitting it into lines, the least any text extractor does."""
    return sum(len(decode_text(item.data).splitlines()) for item in inputs)


def run(bench: Path, repeat: int) -> tuple[dict[str, Any], float, float, BatchResult]:
    inputs = load_inputs(bench)
    result = extract_batch(inputs)
    rate = _cpu_rate(lambda: extract_batch(inputs), len(inputs), repeat)
    peer = _cpu_rate(lambda: read_lines_only(inputs), len(inputs), repeat)
    preds = predictions(result, [item.uri for item in inputs])
    return score(bench, preds), rate, peer, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    metrics, rate, peer, result = run(args.bench, args.repeat)
    floor = WHOLE_DUMP_FLOOR
    print("| extractor | F1 | precision | recall | dumps/s (1 core) | speed vs read-lines peer |")
    print("|---|---|---|---|---|---|")
    print(
        f"| broadsheet text (extract_batch) | {metrics['f1']:.3f} | {metrics['precision']:.3f} | "
        f"{metrics['recall']:.3f} | {rate:.0f} | {rate / peer:.3f} |"
    )
    print(f"| whole text dump (floor) | {floor['f1']:.3f} | {floor['precision']:.3f} | {floor['recall']:.3f} | | |")
    print(f"| read lines only (speed peer) | | | | {peer:.0f} | 1.000 |")
    if result.rejections:
        rejected = ", ".join(f"{r.uri[:8]} ({r.reason})" for r in result.rejections)
        print(f"\n{len(result.rejections)} rejected: {rejected}")


if __name__ == "__main__":
    main()
