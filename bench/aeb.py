"""The shared extraction benchmark (../shared/bench): where it lives and how it scores, for the benchmarks and
the quality gates alike. The scorer is read-only and stays outside the repo: it is loaded from its path."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

DEFAULT_BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"

Predictions = dict[str, dict[str, str]]


def load_scorer(bench: Path = DEFAULT_BENCH) -> ModuleType:
    spec = importlib.util.spec_from_file_location("aeb_score", bench / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {bench / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ground_truth(bench: Path = DEFAULT_BENCH) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads((bench / "aeb-dev" / "ground-truth.json").read_text("utf-8"))
    return truth


def score(predictions: Predictions, bench: Path = DEFAULT_BENCH) -> dict[str, Any]:
    """The benchmark's metrics (f1, precision, recall, n_empty_pred, per-page scores) for id -> articleBody."""
    result: dict[str, Any] = load_scorer(bench).evaluate(ground_truth(bench), predictions, n_bootstrap=0)
    return result
