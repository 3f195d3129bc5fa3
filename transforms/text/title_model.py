"""The headline model of text dumps: a linear score over named evidence per candidate line, the best one wins.

The weights are data (`transforms/data/title_model.json`), fitted by `bench/train_title.py` on the dev sets that
name each page's headline (fundus, l3s-gn1) as a softmax over each page's candidates, and checked leaving each set
out in turn. Loaded lazily and cached: immutable values, no mutable global state."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "title_model.json"

# Each piece of evidence, in [-1, 1] (most are 0 or 1), computed by `header.title_features`.
FEATURES: Mapping[str, str] = MappingProxyType(
    {
        "overlap": "share of the line's content words found in the body's opening (a headline names its story)",
        "first_on_topic": "the highest candidate with at least half its content words in the body's opening",
        "shared": "content words shared with the body's opening, up to five",
        "distance": "lines between the candidate and the body, log-scaled to the head window",
        "last": "the candidate nearest the body",
        "positional": "where headlines sit: nearest above the byline or date, or nearest the body, not a dek",
        "dek_below": "a longer line without chrome evidence follows (the standfirst under a headline)",
        "under_shorter": "a shorter candidate is right above (this line is that headline's dek)",
        "terminal": "ends like a sentence",
        "question": "ends with a question mark",
        "title_case": "Most Words Capitalised",
        "score": "the line scorer's total, clipped",
        "size": "length in words, up to the longest headline",
        "repeated": "the same text occurs elsewhere in the dump (a headline is shown again in share bars, lists)",
        "after_chrome": "the line above is chrome (navigation ends where the head begins)",
        "ends_with_other": "ends with another candidate's text (a breadcrumb or a kicker glued to the headline)",
        "kicker_cut": "the line without the kicker that opens it (`Topic - Headline`)",
        "under_kicker": "right under a label of a few words (a kicker: this line is its headline, not a dek)",
        "over_headline": "a kicker right over a longer candidate (that line is the headline)",
        "byline_like": "opens with a byline's prefix, names a role or is an agency's name",
    }
)


@cache
def weights() -> Mapping[str, float]:
    raw = json.loads(MODEL_PATH.read_text("utf-8"))["weights"]
    return MappingProxyType({name: float(raw.get(name, 0.0)) for name in FEATURES})


def rank(features: Mapping[str, float], model: Mapping[str, float]) -> float:
    return sum(model[name] * value for name, value in features.items())
