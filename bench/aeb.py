"""The shared extraction benchmark (../shared/bench): its dev sets, their pages, and how each set is scored, for the
benchmarks and the quality gates alike. The scorers are read-only and stay outside the repo: each is loaded from
its path. Every set has the aeb-dev layout (`html/<id>.html.gz`, `text/<id>.txt`, ground truth); see the
benchmark's README."""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.util
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

DEFAULT_BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
# aeb-dev (the set Broadsheet was tuned on) first, then ext-dev's five sets.
SET_NAMES = ("aeb-dev", "cleaneval", "dragnet", "fundus", "l3s-gn1", "trafilatura")
# The one set whose pages also carry titles, authors, dates and captions (fields.json).
FIELDS_SET = "fundus"
# A page whose own F1 is below this lost its article almost entirely (a rejection scores 0).
LOSS_F1 = 0.2

Predictions = dict[str, dict[str, str]]  # page id -> {"articleBody": text}


@functools.cache
def load_scorer(path: Path) -> ModuleType:
    """A shared scorer script as a module, loaded once per path."""
    spec = importlib.util.spec_from_file_location(f"shared_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class BodyScore:
    """A set's body metrics for one extractor: the scorer's corpus figures plus each page's own F1."""

    f1: float
    precision: float
    recall: float
    empty: int  # pages with no output at all
    page_f1: dict[str, float]
    # Each page's counts as the set's scorer aggregates them (score.py: normalised tp, fp, fn; snippets: tp, fp,
    # fn, tn), so the set's F1 can be recomputed over any sample of its pages (see DevSet.f1_over).
    page_counts: dict[str, tuple[float, ...]]

    @property
    def losses(self) -> list[str]:
        return sorted(page for page, f1 in self.page_f1.items() if f1 < LOSS_F1)


def _harmonic(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class DevSet:
    """One dev set in the aeb-dev layout. Snippet sets (trafilatura's) are scored by score_snippets.py: micro
    P/R/F1 over must / must-not snippets; a page's own F1 is 2tp / (2tp + fp + fn) over its snippets."""

    name: str
    root: Path
    bench: Path

    @property
    def snippets(self) -> bool:
        return (self.root / "snippets.json").exists()

    @property
    def scorer_path(self) -> Path:
        return self.bench / ("score_snippets.py" if self.snippets else "score.py")

    @cached_property
    def truth(self) -> dict[str, Any]:
        name = "snippets.json" if self.snippets else "ground-truth.json"
        truth: dict[str, Any] = json.loads((self.root / name).read_text("utf-8"))
        return truth

    @property
    def ids(self) -> list[str]:
        return sorted(self.truth)

    def html(self, page_id: str) -> bytes:
        return gzip.decompress((self.root / "html" / f"{page_id}.html.gz").read_bytes())

    def text(self, page_id: str) -> bytes:
        return (self.root / "text" / f"{page_id}.txt").read_bytes()

    def page(self, form: str, page_id: str) -> bytes:
        return self.html(page_id) if form == "html" else self.text(page_id)

    @property
    def fields_path(self) -> Path:
        return self.root / "fields.json"

    def fields(self) -> dict[str, Any] | None:
        """Title, authors, date and captions of each page (fundus only), else None."""
        if not self.fields_path.exists():
            return None
        fields: dict[str, Any] = json.loads(self.fields_path.read_text("utf-8"))
        return fields

    def digest(self) -> str:
        """sha256 over the set's pages, ground truth and the scorers that score it (names and bytes): a floor
        measured on one corpus is meaningless on another."""
        digest = hashlib.sha256()
        files = sorted(path for path in self.root.rglob("*") if path.is_file() and path.name != "README.md")
        files.append(self.scorer_path)
        if self.fields_path.exists():
            files.append(self.bench / "score_fields.py")
        for path in files:
            digest.update(str(path.relative_to(self.bench)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()

    def subset(self, truth: dict[str, Any], ids: Iterable[str] | None) -> dict[str, Any]:
        """`truth` restricted to the pages `ids` (a run on part of the set is scored on that part only)."""
        return truth if ids is None else {page: truth[page] for page in ids}

    def score(self, predictions: Predictions, ids: Iterable[str] | None = None) -> BodyScore:
        """Body metrics by the set's own scorer over `ids` (default: every page); a page with no prediction
        counts as an empty one."""
        scorer = load_scorer(self.scorer_path)
        truth = self.subset(self.truth, ids)
        if self.snippets:
            result = scorer.evaluate(truth, predictions)
            page_f1 = {page: _snippet_f1(*doc["tp_fp_fn_tn"]) for page, doc in result["per_doc"].items()}
            counts = {page: tuple(doc["tp_fp_fn_tn"]) for page, doc in result["per_doc"].items()}
        else:
            result = scorer.evaluate(truth, predictions, n_bootstrap=0, allow_missing=True)
            page_f1 = {page: _harmonic(doc["precision"], doc["recall"]) for page, doc in result["per_doc"].items()}
            counts = {page: tuple(doc["tp_fp_fn"]) for page, doc in result["per_doc"].items()}
        return BodyScore(result["f1"], result["precision"], result["recall"], result["n_empty_pred"], page_f1, counts)

    def f1_over(self, score: BodyScore, pages: Sequence[str]) -> float:
        """The set's F1 as its own scorer aggregates it, over `pages` (a page may repeat: a bootstrap sample)."""
        counts = [score.page_counts[page] for page in pages]
        if self.snippets:  # micro: the pages' counts summed
            tp, fp, fn = (sum(count[i] for count in counts) for i in range(3))
            return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        return float(load_scorer(self.scorer_path).aggregate(counts)["f1"])

    def score_fields(self, predictions: dict[str, Any], ids: Iterable[str] | None = None) -> dict[str, Any]:
        """score_fields.py's metrics over `ids` (default: every page) for predictions as its `load_predictions`
        returns them (see fields_input)."""
        truth = self.fields()
        if truth is None:
            raise ValueError(f"{self.name} has no fields.json")
        scorer = load_scorer(self.bench / "score_fields.py")
        result: dict[str, Any] = scorer.evaluate(self.subset(truth, ids), predictions)
        return result

    def fields_table(self, results: dict[str, dict[str, Any]]) -> str:
        """score_fields.py's Markdown table: one column per {column name: score_fields result}."""
        table: str = load_scorer(self.bench / "score_fields.py").table(results)
        return table

    def fields_input(self, articles: dict[str, dict[str, Any]], simple: bool = False) -> dict[str, Any]:
        """What score_fields.py's `load_predictions` would make of `broadsheet extract` output (page id -> the
        article as JSON), or with `simple`, of a {id: {"title", "author", "date"}} file (trafilatura's metadata)."""
        scorer = load_scorer(self.bench / "score_fields.py")
        convert = scorer.from_simple if simple else scorer.from_article
        pages = {page: convert(article) for page, article in articles.items()}
        return {"pages": pages, "format": "json" if simple else "jsonl", "several": 0, "has_captions": not simple}


def _snippet_f1(tp: int, fp: int, fn: int, tn: int) -> float:
    """A page's own snippet F1; a page with nothing to find and nothing wrongly kept is a full score."""
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def dev_set(name: str, bench: Path = DEFAULT_BENCH) -> DevSet:
    root = bench / name if name == "aeb-dev" else bench / "ext-dev" / name
    return DevSet(name, root, bench)


def available(name: str, bench: Path = DEFAULT_BENCH) -> bool:
    root = dev_set(name, bench).root
    return (root / "ground-truth.json").exists() or (root / "snippets.json").exists()
