"""Quality gate, HTML form: Broadsheet's body F1 and near-total losses on every shared dev set, and its fields on
fundus, must hold the floors in bench/baseline.json. No literal floors here and no timing: the floors are
measured and rewritten by `bench/extraction.py --write-baseline`, speed is the benchmark's business."""

from __future__ import annotations

import pytest

from bench.aeb import SET_NAMES, dev_set
from bench.extraction import BROADSHEET
from tests.quality import assert_body_holds, assert_fields_hold, gated_set, set_run

FORM = "html"


@pytest.mark.parametrize("name", SET_NAMES)
def test_body_holds_its_floor(name: str) -> None:
    assert_body_holds(name, FORM)


def test_fundus_fields_hold_their_floors() -> None:
    assert_fields_hold(FORM)


@pytest.mark.parametrize("name", SET_NAMES)
def test_the_lead_tables_resampling_scores_as_the_sets_scorer_does(name: str) -> None:
    """bench/extraction.py's lead intervals recompute each set's F1 from its pages' counts; over every page once,
    that must be the scorer's own figure, or the intervals would describe another metric."""
    gated_set(name)
    score = set_run(name).results[name][FORM][BROADSHEET].score
    assert score is not None
    pages = sorted(score.page_counts)
    assert dev_set(name).f1_over(score, pages) == pytest.approx(score.f1, abs=1e-12)
    # A sample is a multiset (pages repeat): every page twice over is the same set, so the same figure.
    assert dev_set(name).f1_over(score, pages + pages) == pytest.approx(score.f1, abs=1e-12)
