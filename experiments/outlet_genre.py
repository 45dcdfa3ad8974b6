"""Outlet sanity by genre (issue 23): mean loaded-language and unattributed-claims scores per PolNeAR
outlet group, over all articles and over those framing reads as straight news, with the AUC of
partisan (left + right) above center. Wire copy (AP, AFP, Reuters, UPI) is its own group.

    PYTHONPATH=. .venv/bin/python experiments/outlet_genre.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from framing.api import audit_text
from framing.text.ingest import read_article
from framing.training.data import polnear_rows

GROUPS = {"breitbart": "right", "west-journal": "right", "huff-post": "left", "nyt": "lean left",
          "wash-post": "lean left", "usa-today": "center", "politico": "center"}
ORDER = ("right", "left", "lean left", "center", "wire")


def auc(high: list[float], low: list[float]) -> float:
    wins = sum((h > l) + 0.5 * (h == l) for h in high for l in low)
    return wins / (len(high) * len(low))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="../shared/data")
    args = parser.parse_args()
    rows = []
    for row, path in polnear_rows(Path(args.data)):
        group = "wire" if row["wire_agency"] else GROUPS.get(row["publisher"])
        if group:
            audit = audit_text(read_article(str(path)), readability=False)
            rows.append((group, audit.genre.label, audit.scores["loaded_language"]["score"],
                         audit.scores["unattributed"]["score"]))
    for subset, keep in (("all articles", lambda r: True), ("read as straight news", lambda r: r[1] == "news")):
        chosen = [r for r in rows if keep(r)]
        print(f"\n{subset} ({len(chosen)} of {len(rows)})")
        print("| score | " + " | ".join(f"{g} (n)" for g in ORDER) + " | AUC partisan above center |")
        for index, name in ((2, "loaded language"), (3, "unattributed")):
            means = [f"{statistics.mean([r[index] for r in chosen if r[0] == g]):.3f} "
                     f"({sum(r[0] == g for r in chosen)})" for g in ORDER]
            partisan = [r[index] for r in chosen if r[0] in ("left", "right")]
            center = [r[index] for r in chosen if r[0] == "center"]
            print(f"| {name} | " + " | ".join(means) + f" | {auc(partisan, center):.3f} |")
    print("\nshare read as opinion / mixed / straight news per group")
    for g in ORDER:
        labels = [r[1] for r in rows if r[0] == g]
        print(g, " / ".join(f"{labels.count(k) / len(labels):.2f}" for k in ("opinion", "mixed", "news")), len(labels))


if __name__ == "__main__":
    main()
