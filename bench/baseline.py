"""The quality floors of Broadsheet's extraction, kept in one file (bench/baseline.json) with a digest of the corpus
each was measured on. `bench/extraction.py --write-baseline` writes it from a full run; the quality gates
(tests/test_html_quality_gate.py, tests/test_text_quality_gate.py) and the benchmark's report read it.

A floor is the measured value minus a fixed slack, the room a harmless change may take:
  - body F1 (per set and form): BODY_SLACK below the measured F1;
  - near-total losses (pages with F1 < 0.2, rejections included): at most LOSS_SLACK pages more than measured;
  - fields on fundus (title, author F1, date, caption recall / precision, credit accuracy): FIELD_SLACK below.
A floor applies only to the corpus it was measured on: when a set's digest differs, the gate fails and says so.
Floors only ever rise: rewriting on the same corpus keeps each floor (and loss ceiling) that was already stricter,
so a run a little below the last one, within the slack, cannot lower the bar for the next."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BASELINE = Path(__file__).resolve().parent / "baseline.json"
BODY_SLACK = 0.005
FIELD_SLACK = 0.01
LOSS_SLACK = 2
FIELD_METRICS = (
    "title_accuracy",
    "author_f1",
    "date_accuracy",
    "caption_recall",
    "caption_precision",
    "credit_accuracy",
)
FORMS = ("html", "text")
WRITER = "bench/extraction.py --write-baseline"


@dataclass(frozen=True)
class Measured:
    """Broadsheet's body figures on one set in one form."""

    f1: float
    precision: float
    recall: float
    losses: int


def body_entry(measured: Measured) -> dict[str, float | int]:
    return {
        "f1": round(measured.f1, 4),
        "precision": round(measured.precision, 4),
        "recall": round(measured.recall, 4),
        "losses": measured.losses,
        "f1_floor": round(measured.f1 - BODY_SLACK, 4),
        "losses_ceiling": measured.losses + LOSS_SLACK,
    }


def fields_entry(metrics: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Measured value and floor of each field metric the scorer gave a value for (None: nothing to measure)."""
    return {
        name: {"measured": round(metrics[name], 4), "floor": round(metrics[name] - FIELD_SLACK, 4)}
        for name in FIELD_METRICS
        if metrics.get(name) is not None
    }


def write(
    sets: dict[str, dict[str, Any]],
    fields: dict[str, Any],
    path: Path = BASELINE,
) -> None:
    """`sets`: name -> {"digest", "pages", "html": Measured, "text": Measured}; `fields`: {"set", "digest",
    "html": scorer metrics, "text": scorer metrics}."""
    document = {
        "about": __doc__.split("\n\n")[0].replace("\n", " ") if __doc__ else "",
        "written_by": WRITER,
        "slack": {"body_f1": BODY_SLACK, "losses_pages": LOSS_SLACK, "fields": FIELD_SLACK},
        "sets": {
            name: {
                "digest": entry["digest"],
                "pages": entry["pages"],
                **{form: body_entry(entry[form]) for form in FORMS},
            }
            for name, entry in sets.items()
        },
        "fields": {
            "set": fields["set"],
            "digest": fields["digest"],
            **{form: fields_entry(fields[form]) for form in FORMS},
        },
    }
    if path.exists():
        _keep_stricter_floors(document, read(path))
    path.write_text(json.dumps(document, indent=1) + "\n", "utf-8")


def _keep_stricter_floors(new: dict[str, Any], old: dict[str, Any]) -> None:
    """In `new`, each floor and ceiling the `old` baseline measured on the same corpus held stricter."""
    for name, entry in new["sets"].items():
        before = old.get("sets", {}).get(name)
        if before is None or before.get("digest") != entry["digest"]:
            continue
        for form in FORMS:
            if form in before:
                entry[form]["f1_floor"] = max(entry[form]["f1_floor"], before[form]["f1_floor"])
                entry[form]["losses_ceiling"] = min(entry[form]["losses_ceiling"], before[form]["losses_ceiling"])
    fields_before = old.get("fields", {})
    if fields_before.get("digest") != new["fields"]["digest"]:
        return
    for form in FORMS:
        for metric, floor in new["fields"][form].items():
            if metric in fields_before.get(form, {}):
                floor["floor"] = max(floor["floor"], fields_before[form][metric]["floor"])


def read(path: Path = BASELINE) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def corpus_problem(baseline: dict[str, Any], name: str, digest: str) -> str | None:
    """Why the floors of set `name` do not apply to the corpus at hand, or None when they do."""
    entry = baseline["sets"].get(name)
    if entry is None:
        return f"{name}: no floor in {BASELINE.name}; measure one with `{WRITER}`"
    if entry["digest"] != digest:
        return (
            f"{name}: the corpus differs from the one its floors were measured on "
            f"(digest {digest[:12]} != {entry['digest'][:12]}); re-measure with `{WRITER}`"
        )
    return None


def body_shortfalls(baseline: dict[str, Any], name: str, form: str, measured: Measured) -> list[str]:
    """Each way `measured` falls below the floors of set `name` in `form` (empty when it holds)."""
    entry = baseline["sets"][name][form]
    problems = []
    if measured.f1 < entry["f1_floor"]:
        problems.append(
            f"{name} {form}: F1 {measured.f1:.4f} < floor {entry['f1_floor']:.4f} (measured {entry['f1']:.4f}; "
            f"P {measured.precision:.3f}, R {measured.recall:.3f})"
        )
    if measured.losses > entry["losses_ceiling"]:
        problems.append(
            f"{name} {form}: {measured.losses} pages with F1 < 0.2 > ceiling {entry['losses_ceiling']} "
            f"(measured {entry['losses']})"
        )
    return problems


def field_shortfalls(baseline: dict[str, Any], form: str, metrics: dict[str, Any]) -> list[str]:
    """Each field metric of `form` below its floor (a metric that became unmeasurable counts as 0)."""
    floors = baseline["fields"][form]
    return [
        f"{baseline['fields']['set']} fields {form}: {name} {metrics.get(name) or 0:.4f} < floor "
        f"{floor['floor']:.4f} (measured {floor['measured']:.4f})"
        for name, floor in floors.items()
        if (metrics.get(name) or 0.0) < floor["floor"]
    ]
