"""Quality gate, text-dump form: Broadsheet's body F1 and near-total losses on every shared dev set (its browser-
copy dumps, extracted in the flow's batches so cross-dump evidence counts), and its fields on fundus, must hold the
floors in bench/baseline.json, written by `bench/extraction.py --write-baseline`. No literal floors here."""

from __future__ import annotations

import pytest

from bench.aeb import SET_NAMES
from tests.quality import assert_body_holds, assert_fields_hold

FORM = "text"


@pytest.mark.parametrize("name", SET_NAMES)
def test_body_holds_its_floor(name: str) -> None:
    assert_body_holds(name, FORM)


def test_fundus_fields_hold_their_floors() -> None:
    assert_fields_hold(FORM)
