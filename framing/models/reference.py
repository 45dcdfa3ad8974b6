"""Where an article's scores stand among reference articles (models/reference_scores.json, built by
framing/training/reference.py): the share of wire reports, other news and opinion pieces that score
lower, said in words for the report."""

from __future__ import annotations

import bisect
import json
from functools import cache

from framing.models import shipped

MODEL_FILE = "reference_scores.json"
FORMAT = "framing.reference/1"
PERCENTILES = tuple(range(0, 101, 5))
NAMES = {"wire": "wire reports", "news": "news articles", "opinion": "opinion pieces"}
PHRASES = {"loaded_language": "more loaded than", "unattributed": "more unattributed claims than",
           "sourcing": "more one-sided than", "overall": "a higher overall score than"}


@cache
def groups() -> dict:
    """Group name -> {description, articles, percentiles: {dimension: [values]}}; {} when not installed."""
    text = shipped.model_text(MODEL_FILE)
    if not text:
        return {}
    raw = json.loads(text)
    if raw.get("format") != FORMAT:
        raise ValueError(f"{MODEL_FILE}: format {raw.get('format')!r}, expected {FORMAT!r}")
    return raw["groups"]


def share_below(values: list[float], score: float) -> float:
    """The share of the reference articles scoring below `score`, read off their percentiles (ties
    count half, so a score equal to most of them sits in their middle)."""
    below, upto = bisect.bisect_left(values, score), bisect.bisect_right(values, score)
    return (below + upto) / 2 / len(values)


def standing(dimension: str, score: float | None) -> str:
    """'more loaded than 80% of wire reports, 45% of news articles and 20% of opinion pieces', or ''
    without reference scores."""
    if score is None:
        return ""
    parts = [_share(share_below(g["percentiles"][dimension], score), NAMES.get(name, name))
             for name, g in groups().items() if dimension in g["percentiles"]]
    if not parts or dimension not in PHRASES:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{PHRASES[dimension]} {listed}"


def _share(share: float, group: str) -> str:
    percent = round(100 * share)
    return f"all {group}" if percent == 100 else f"no {group}" if percent == 0 else f"{percent}% of {group}"
