"""Experiment (not shipped): read the writer's-stance output on PolNeAR articles as an editor would.

Samples articles from PolNeAR's train and dev texts by publisher (seed 22: 6 Breitbart, 4 Breitbart
wire copy, 5 HuffPost, 3 HuffPost wire copy, 4 Western Journal, 4 USA Today, 4 Politico), audits each and
prints, per article, the publisher, its `wire` credit, the title and every main actor's label with
the evidence for a label that is not neutral; then the principal actors' labels by publisher. With
--wire N it instead counts the labels of the principal actors of N wire and N other articles (seed 7).

    .venv/bin/python experiments/writer_polnear.py [--data ../shared/data] [--wire 60]

Result on 2026-12-04 (docs/EVALUATION.md, "The writer's own stance"); re-run after the rule that a lean needs the writer's own judging words.
"""

import argparse
import collections
import csv
import random
from pathlib import Path

from framing.api import audit_text
from framing.text.ingest import read_article

SAMPLE = (("breitbart", False, 6), ("breitbart", True, 4), ("huff-post", False, 5), ("huff-post", True, 3),
          ("west-journal", None, 4), ("usa-today", False, 4), ("politico", False, 4))


def articles(data: Path) -> list[dict]:
    """PolNeAR's metadata rows that have a text, with the text's path."""
    root = data / "polnear"
    texts = {p.stem: p for split in ("train", "dev") for p in (root / split / "text").glob("*.txt")}
    rows = list(csv.DictReader((root / "metadata.tsv").open(encoding="utf-8"), delimiter="\t"))
    return [dict(row, path=texts[row["filename"]]) for row in rows if row["filename"] in texts]


def is_wire(row: dict) -> bool:
    return row["wire"] not in ("None", "NA")


def read(rows: list[dict]) -> None:
    counts = collections.Counter()
    for row in rows:
        sourcing = audit_text(read_article(str(row["path"])), readability=False).sourcing
        print("=" * 100)
        print(row["publisher"], f"wire={row['wire']}", row["filename"])
        print("TITLE:", row["title"])
        if sourcing is None or sourcing.principal_actor is None:
            print("  no principal actor")
            continue
        for actor in sourcing.actors:
            stance = sourcing.writer[actor.id]
            principal = actor is sourcing.principal_actor
            print(f" {'*' if principal else ' '}{stance.name}: {stance.label} p={stance.probability} "
                  f"sentences={stance.sentences}")
            if principal:
                counts[(row["publisher"], is_wire(row), stance.label)] += 1
            for evidence in (e for e in stance.evidence if e.lean == stance.label):
                print(f"      [{evidence.kind}] {evidence.span.text[:160]}")
    print(sorted(counts.items()))


def wire_rate(rows: list[dict], n: int) -> None:
    random.seed(7)
    for name, pool in (("wire", [r for r in rows if is_wire(r)]), ("other", [r for r in rows if r["wire"] == "None"])):
        labels = collections.Counter()
        for row in random.sample(pool, n):
            sourcing = audit_text(read_article(str(row["path"])), readability=False).sourcing
            if sourcing is not None and sourcing.principal_actor is not None:
                labels[sourcing.writer[sourcing.principal_actor.id].label] += 1
        print(name, dict(labels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--wire", type=int, default=0, help="count labels on N wire and N other articles instead")
    args = parser.parse_args()
    rows = articles(Path(args.data))
    if args.wire:
        wire_rate(rows, args.wire)
        return
    random.seed(22)
    chosen = []
    for publisher, wire, n in SAMPLE:
        pool = [r for r in rows if r["publisher"] == publisher and (wire is None or is_wire(r) == wire)]
        chosen += random.sample(pool, n)
    read(chosen)


if __name__ == "__main__":
    main()
