"""The quality gates' shared half: one pass of Broadsheet's extraction over each shared dev set in both forms for
the whole session (the benchmark's own code, spread over the cores), checked against the floors in
bench/baseline.json (bench/baseline.py says how they are made). Only Broadsheet runs here: the peers are the
benchmark's business (bench/extraction.py)."""

from __future__ import annotations

import functools
import os

import pytest

from bench import baseline
from bench.aeb import DEFAULT_BENCH, FIELDS_SET, available, dev_set
from bench.extraction import BROADSHEET, FORMS, LABELS, Run, measure

FLOORS = baseline.read()


@functools.cache
def _digest(name: str) -> str:
    return dev_set(name).digest()


def gated_set(name: str) -> None:
    """Skips when the set is absent (no ../shared); a corpus other than the floors' own fails, saying why."""
    if not available(name):
        pytest.skip(f"shared dev set {name} not present (../shared/bench)")
    problem = baseline.corpus_problem(FLOORS, name, _digest(name))
    if problem:
        pytest.fail(problem)


@functools.cache
def set_run(name: str) -> Run:
    """Broadsheet on one set, both forms, once per session (a single gate run extracts its own set only)."""
    return measure(DEFAULT_BENCH, [name], list(FORMS), peers=False, jobs=min(2, os.cpu_count() or 1), limit=None)


def assert_body_holds(name: str, form: str) -> None:
    gated_set(name)
    result = set_run(name).results[name][form][BROADSHEET]
    shortfalls = baseline.body_shortfalls(FLOORS, name, form, result.measured())
    lost = result.score.losses if result.score else []
    assert not shortfalls, "; ".join(shortfalls) + (f" (pages with F1 < 0.2: {' '.join(lost)})" if lost else "")


def assert_fields_hold(form: str) -> None:
    gated_set(FIELDS_SET)
    metrics = set_run(FIELDS_SET).fields[f"{LABELS[BROADSHEET]} {form}"]
    shortfalls = baseline.field_shortfalls(FLOORS, form, metrics)
    assert not shortfalls, "; ".join(shortfalls)
