"""Fit the headline model of text dumps (transforms/data/title_model.json) on the dev sets that name each page's
headline, and report how it does on each set when fitted on the other one.

    .venv/bin/python bench/train_title.py [--bench ../shared/bench] [--write] [--smoke]

Sets: ext-dev fundus (`title`, 88 publishers, 2023-2026, many languages) and l3s-gn1 (`headline`, first line;
English news, 2008). Each page's text dump is read as `extract_batch` reads it (lines recurring across the flow's
batch count as chrome); every headline candidate gets its evidence from `transforms.text.extract.title_evidence`
(the very code `header.find_title` weighs). A page's label is every candidate whose text equals its headline
(whitespace collapsed, case folded); pages without one teach nothing (their headline is no candidate: not a line,
a line without its kicker, nor a kicker and its headline joined).

The model is a softmax over each page's candidates, fitted by full-batch gradient ascent with an L2 penalty (pure
Python: a few hundred pages, a score of weights). Printed: accuracy (the headline picked, over every page with a
headline) per set for the weights shipped, for the weights fitted on both sets, and for weights fitted on the other
set alone (leave one set out: the check that the weights do not just remember a set's publishers), and for each
page the weights fitted without its publisher's fold (`PUBLISHER_FOLDS` folds of publishers over both sets: fundus
has several pages of some publishers, which a fit on every page could remember). `--write`
stores the weights fitted on both sets. `--smoke` reads the first pages of each set and fits briefly, for the test
suite (it never writes)."""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.aeb import DEFAULT_BENCH, dev_set  # noqa: E402
from broadsheet.settings import get_settings  # noqa: E402
from readers import batched  # noqa: E402
from transforms import BatchInput  # noqa: E402
from transforms.pipeline import batch_recurring_lines  # noqa: E402
from transforms.text import title_model  # noqa: E402
from transforms.text.extract import title_evidence  # noqa: E402

SETS = {"fundus": "title", "l3s-gn1": "headline"}
EPOCHS, LEARNING_RATE, L2 = 1000, 0.5, 0.01
SMOKE_PAGES, SMOKE_EPOCHS = 10, 5
PUBLISHER_FOLDS = 5
FEATURES = tuple(title_model.FEATURES)


@dataclass(frozen=True)
class Page:
    set_name: str
    page_id: str
    candidates: tuple[tuple[float, ...], ...]
    right: frozenset[int]  # indices of the candidates that are the headline
    publisher: str


_DATED_ID = re.compile(r"_\d{4}_\d{2}_\d{2}$")
_HOST = re.compile(r"^[a-z]+://(?:www\.)?([^/:]+)")


def publisher(page_id: str, url: str | None) -> str:
    """Whose page it is: the host of its address, else the id without its date (fundus: "de_Stern_2023_04_28")."""
    host = _HOST.match(url or "")
    return host.group(1) if host else _DATED_ID.sub("", page_id)


def _folded(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).casefold()


def load(bench: Path, set_name: str, limit: int | None = None) -> list[Page]:
    devset = dev_set(set_name, bench)
    key = SETS[set_name]
    truth = devset.truth
    settings = get_settings()
    ids = devset.ids[:limit] if limit else devset.ids
    inputs = [BatchInput(page_id, devset.text(page_id)) for page_id in ids]  # batched as the bench does
    pages = []
    for batch in batched(inputs, settings.extract_batch_size, settings.extract_batch_bytes):
        items = [item for item in batch if isinstance(item, BatchInput)]
        recurring = batch_recurring_lines(items)
        for item in (item for item in items if truth[item.uri].get(key)):
            headline = _folded(truth[item.uri][key].split("\n")[0])
            evidence = title_evidence(item.data.decode("utf-8", errors="replace"), recurring)
            candidates = tuple(tuple(found[name] for name in FEATURES) for _, found in evidence)
            right = frozenset(k for k, (text, _) in enumerate(evidence) if _folded(text) == headline)
            pages.append(Page(set_name, item.uri, candidates, right, publisher(item.uri, truth[item.uri].get("url"))))
    return pages


def _scores(weights: Sequence[float], page: Page) -> list[float]:
    return [sum(w * x for w, x in zip(weights, candidate, strict=True)) for candidate in page.candidates]


def fit(pages: Iterable[Page], epochs: int = EPOCHS) -> list[float]:
    """Maximise the log-probability of the right candidates (softmax over each page's candidates)."""
    taught = [page for page in pages if page.right and len(page.candidates) > 1]
    per_set = Counter(page.set_name for page in taught)  # each set weighs the same, however many pages it has
    weights = [0.0] * len(FEATURES)
    if not taught:
        return weights
    for _ in range(epochs):
        gradient = [0.0] * len(FEATURES)
        for page in taught:
            scores = _scores(weights, page)
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            right = sum(exps[k] for k in page.right)
            for j in range(len(FEATURES)):
                expected_right = sum(exps[k] * page.candidates[k][j] for k in page.right) / right
                expected_all = sum(e * c[j] for e, c in zip(exps, page.candidates, strict=True)) / total
                gradient[j] += (expected_right - expected_all) / per_set[page.set_name]
        weights = [w + LEARNING_RATE * (g / len(per_set) - L2 * w) for w, g in zip(weights, gradient, strict=True)]
    return weights


def accuracy(pages: Sequence[Page], weights: Sequence[float]) -> float:
    """Share of pages whose picked candidate (the best, the later on a tie) is the headline."""
    right = 0
    for page in pages:
        if page.candidates:
            scores = _scores(weights, page)
            right += max(range(len(scores)), key=lambda k: (scores[k], k)) in page.right
    return right / len(pages) if pages else 0.0


def _fold(page: Page) -> int:
    return zlib.crc32(page.publisher.encode()) % PUBLISHER_FOLDS


def held_out_publishers(pages: Sequence[Page], epochs: int) -> dict[str, float]:
    """Accuracy per set when each page is ranked by weights fitted without its publisher's fold."""
    right: Counter[str] = Counter()
    for fold in range(PUBLISHER_FOLDS):
        weights = fit((p for p in pages if _fold(p) != fold), epochs)
        for page in (p for p in pages if _fold(p) == fold):
            right[page.set_name] += accuracy([page], weights) == 1.0
    return {name: right[name] / max(1, sum(1 for p in pages if p.set_name == name)) for name in SETS}


def report(pages: Sequence[Page], shipped: Mapping[str, float], epochs: int = EPOCHS) -> list[float]:
    by_set = {name: [p for p in pages if p.set_name == name] for name in SETS}
    both = fit(pages, epochs)
    rows = [("shipped", [shipped[name] for name in FEATURES]), ("fitted on both", both)]
    rows += [(f"fitted without {name}", fit((p for p in pages if p.set_name != name), epochs)) for name in SETS]
    print("| weights | " + " | ".join(f"{name} ({len(by_set[name])})" for name in SETS) + " |")
    print("|---|" + "---|" * len(SETS))
    for label, weights in rows:
        print(f"| {label} | " + " | ".join(f"{accuracy(by_set[name], weights):.3f}" for name in SETS) + " |")
    held_out = held_out_publishers(pages, epochs)
    print(
        f"| fitted without the page's publishers ({PUBLISHER_FOLDS} folds) | "
        + " | ".join(f"{held_out[name]:.3f}" for name in SETS)
        + " |"
    )
    reachable = {name: sum(1 for p in by_set[name] if p.right) / max(1, len(by_set[name])) for name in SETS}
    print("headline among the candidates: " + ", ".join(f"{name} {share:.3f}" for name, share in reachable.items()))
    return both


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--write", action="store_true", help="store the weights fitted on both sets")
    parser.add_argument("--smoke", action="store_true", help="the first pages of each set, a brief fit, no writing")
    args = parser.parse_args()
    limit = SMOKE_PAGES if args.smoke else None
    pages = [page for name in SETS for page in load(args.bench, name, limit)]
    both = report(pages, title_model.weights(), SMOKE_EPOCHS if args.smoke else EPOCHS)
    if args.write and not args.smoke:
        weights = {name: round(w, 3) for name, w in zip(FEATURES, both, strict=True)}
        document = {"fitted_on": sorted(SETS), "by": "bench/train_title.py", "weights": weights}
        title_model.MODEL_PATH.write_text(json.dumps(document, indent=1) + "\n", "utf-8")
        print(f"wrote {title_model.MODEL_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
