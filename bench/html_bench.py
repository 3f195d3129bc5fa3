"""Benchmark: in-process HTML extraction speed, Broadsheet against trafilatura and readability-lxml in the same run,
per dev set and over all of them (issue 9 item 5: Broadsheet at least 1.3x trafilatura's pages per second).

    .venv/bin/python bench/html_bench.py [--sets fundus,dragnet] [--jobs 2] [--limit N] [--smoke] [--bench ...]

Every page is extracted once by each extractor from the same bytes, in chunks spread over `--jobs` processes, as
bench/extraction.py runs them (Broadsheet through `extract_batch` over the flow's batches); only the extraction is
timed, in CPU seconds of the process doing it, because the machine is shared and wall time would measure the
neighbours. No scoring here: bench/extraction.py reports quality (and the same overall speed table)."""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.aeb import DEFAULT_BENCH, SET_NAMES, available  # noqa: E402
from bench.extraction import BROADSHEET, EXTRACTORS, LABELS, SMOKE_PAGES, execute, plan  # noqa: E402

PEER = "trafilatura"
GOAL = 1.3
HTML_EXTRACTORS = EXTRACTORS["html"]


class Timings:
    """Pages and CPU seconds per (set, extractor)."""

    def __init__(self) -> None:
        self.pages: dict[tuple[str, str], int] = defaultdict(int)
        self.seconds: dict[tuple[str, str], float] = defaultdict(float)

    def add(self, set_name: str, extractor: str, pages: int, seconds: float) -> None:
        self.pages[set_name, extractor] += pages
        self.seconds[set_name, extractor] += seconds

    def rate(self, sets: list[str], extractor: str) -> float:
        pages = sum(self.pages[name, extractor] for name in sets)
        seconds = sum(self.seconds[name, extractor] for name in sets)
        return pages / seconds if seconds else 0.0


def measure(bench: Path, sets: list[str], jobs: int, limit: int | None) -> Timings:
    tasks = [task for task in plan(bench, sets, ["html"], True, limit) if task.extractor in HTML_EXTRACTORS]
    timings = Timings()
    for task, outputs, seconds, _size in execute(tasks, jobs):
        timings.add(task.set_name, task.extractor, len(outputs), seconds)
    return timings


def _row(label: str, pages: int, rates: list[float]) -> str:
    ratio = rates[0] / rates[1] if rates[1] else 0.0
    return f"| {label} | {pages} | " + " | ".join(f"{rate:.1f}" for rate in rates) + f" | {ratio:.2f}x |"


def report(timings: Timings, sets: list[str]) -> str:
    header = " | ".join(LABELS[extractor] for extractor in HTML_EXTRACTORS)
    lines = [
        "### in-process HTML extraction, pages per CPU-second",
        "",
        f"| set | pages | {header} | Broadsheet / {PEER} |",
        "|---|---|" + "---|" * len(HTML_EXTRACTORS) + "---|",
    ]
    for name in [*sets, "all"]:
        group = sets if name == "all" else [name]
        pages = sum(timings.pages[one, BROADSHEET] for one in group)
        rates = [timings.rate(group, extractor) for extractor in HTML_EXTRACTORS]
        lines.append(_row(f"**{name}**" if name == "all" else name, pages, rates))
    ratio = timings.rate(sets, BROADSHEET) / (timings.rate(sets, PEER) or float("inf"))
    verdict = "met" if ratio >= GOAL else "NOT met"
    goal = f"goal >= {GOAL}x: {verdict}"
    lines.append(f"\nHTML speed: Broadsheet at {ratio:.2f}x {PEER}'s pages per CPU-second ({goal}).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--sets", default=",".join(SET_NAMES), help="comma-separated; default: all")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, help="only the first N pages of each set (by id)")
    parser.add_argument("--smoke", action="store_true", help=f"the first {SMOKE_PAGES} pages of each set, 1 job")
    args = parser.parse_args(argv)

    sets = args.sets.split(",")
    if args.smoke:
        args.limit, args.jobs = SMOKE_PAGES, 1
    unknown = sorted(set(sets) - set(SET_NAMES))
    if unknown:
        parser.error(f"unknown set: {', '.join(unknown)}")
    missing = [name for name in sets if not available(name, args.bench)]
    if missing:
        raise SystemExit(f"no dev set {', '.join(missing)} under {args.bench}")

    started = time.perf_counter()
    print(report(measure(args.bench, sets, args.jobs, args.limit), sets))
    print(f"\n({time.perf_counter() - started:.0f} s wall, {args.jobs} job(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
