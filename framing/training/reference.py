"""The reference scores (`framing train --reference`): each dimension's score over wire reports
(PolNeAR's AP, AFP, Reuters and UPI copy), other news (PolNeAR's outlets) and opinion pieces
(SemEval-2023's articles labelled opinion), kept as percentiles in models/reference_scores.json so
that a report can say where an article stands ("more loaded than 80% of wire reports"). Only
these summary numbers are shipped, never a text."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

from framing.api import audit_text
from framing.models.reference import FORMAT, MODEL_FILE, PERCENTILES
from framing.text.ingest import read_article
from framing.training.data import polnear_rows, require

GROUPS = {"wire": "wire reports (AP, AFP, Reuters, UPI copy in PolNeAR)",
          "news": "news articles (PolNeAR: Breitbart, HuffPost, NYT, Politico, USA Today, Washington Post, Western Journal)",
          "opinion": "opinion pieces (SemEval-2023 task 3, genre 'opinion')"}


def _articles(data: Path):
    """(group, path) of every reference article."""
    for row, path in polnear_rows(data):
        yield ("wire" if row["wire_agency"] else "news"), path
    semeval = require(data / "semeval2023", "SemEval-2023")
    with (semeval / "labels.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = semeval / "articles" / f"article{row['id']}.txt"
            if row["genre"] == "opinion" and path.exists():
                yield "opinion", path


def _percentiles(values: list[float]) -> list[float]:
    """The values at PERCENTILES (nearest rank), rounded."""
    ordered = sorted(values)
    return [round(ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))], 4) for p in PERCENTILES]


def build(data: Path, out: Path) -> dict:
    """Audit every reference article and write the percentiles of each score per group."""
    scores: dict[str, dict[str, list[float]]] = {g: {} for g in GROUPS}
    counts = dict.fromkeys(GROUPS, 0)
    for group, path in _articles(data):
        audit = audit_text(read_article(str(path)), readability=False)
        counts[group] += 1
        for dimension, value in audit.scores.items():
            if value.get("score") is not None:
                scores[group].setdefault(dimension, []).append(value["score"])
    groups = {g: {"description": GROUPS[g], "articles": counts[g],
                  "percentiles": {d: _percentiles(v) for d, v in sorted(scores[g].items())},
                  "judged": {d: len(v) for d, v in sorted(scores[g].items())}} for g in GROUPS if counts[g]}
    card = {"data": "PolNeAR (wire and other news) and SemEval-2023 task 3 (opinion): scores of framing's own "
                    "audits, as percentiles; no text is kept", "licence": "summary statistics of research data",
            "trained": datetime.date.today().isoformat(), "command": "framing train --reference --data ../shared/data"}
    out.mkdir(parents=True, exist_ok=True)
    (out / MODEL_FILE).write_text(json.dumps({"format": FORMAT, "percentiles": list(PERCENTILES), "groups": groups,
                                              "card": card}, indent=1) + "\n", encoding="utf-8")
    return {g: groups[g]["articles"] for g in groups}
