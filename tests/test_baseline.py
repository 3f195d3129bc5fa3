"""bench/baseline.json's floors only ever rise (pure file logic; no dev data needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import baseline
from bench.baseline import Measured


def _write(path: Path, f1: float, losses: int, title: float, digest: str = "d1") -> dict[str, Any]:
    sets = {"s": {"digest": digest, "pages": 10, **{form: Measured(f1, f1, f1, losses) for form in baseline.FORMS}}}
    metrics = {name: title for name in baseline.FIELD_METRICS}
    baseline.write(sets, {"set": "s", "digest": digest, "html": metrics, "text": metrics}, path)
    return baseline.read(path)


def test_a_rewrite_a_little_below_keeps_the_stricter_floors(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    _write(path, f1=0.90, losses=3, title=0.80)
    again = _write(path, f1=0.898, losses=4, title=0.79)
    assert again["sets"]["s"]["html"]["f1"] == 0.898  # the measurement is today's
    assert again["sets"]["s"]["html"]["f1_floor"] == round(0.90 - baseline.BODY_SLACK, 4)
    assert again["sets"]["s"]["text"]["losses_ceiling"] == 3 + baseline.LOSS_SLACK
    assert again["fields"]["html"]["title_accuracy"]["floor"] == round(0.80 - baseline.FIELD_SLACK, 4)


def test_a_better_run_raises_the_floors(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    _write(path, f1=0.90, losses=3, title=0.80)
    better = _write(path, f1=0.92, losses=1, title=0.85)
    assert better["sets"]["s"]["html"]["f1_floor"] == round(0.92 - baseline.BODY_SLACK, 4)
    assert better["sets"]["s"]["html"]["losses_ceiling"] == 1 + baseline.LOSS_SLACK
    assert better["fields"]["text"]["author_f1"]["floor"] == round(0.85 - baseline.FIELD_SLACK, 4)


def test_a_new_corpus_starts_from_its_own_measurement(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    _write(path, f1=0.90, losses=3, title=0.80)
    other = _write(path, f1=0.70, losses=9, title=0.50, digest="d2")
    assert other["sets"]["s"]["html"]["f1_floor"] == round(0.70 - baseline.BODY_SLACK, 4)
    assert other["fields"]["html"]["date_accuracy"]["floor"] == round(0.50 - baseline.FIELD_SLACK, 4)
