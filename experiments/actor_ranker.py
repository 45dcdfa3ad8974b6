"""Experiment (not shipped): does a learned ranker choose the principal actor better than the rule?

For each BASIL article: the candidate actors of framing/analysis/actors.py (`candidates`, in
rule_score order), each labelled by whether it is one of the article's main entities
(framing/training/basil.py `same_entity`), with 20 features (mentions, their share, headline, the
headline's first actor, lede, order of first mention, speaker and quoted shares, titled, pronouns,
kind). Per fold of `framing evaluate basil` (5, by event): a class-balanced logistic regression is
fitted on the other folds, its C chosen among 0.03-1 by an inner cross-validation on those folds
alone; the principal actor is its best-ranked candidate. Prints the held-out share of articles whose
principal actor is a main entity, per fold, for the rule and for the learned ranker.

    .venv/bin/python experiments/actor_ranker.py [--data ../shared/data]

Result on 2026-12-04: rule 0.921 ± 0.048 (0.833, 0.972, 0.944, 0.944, 0.909); learned
0.927 ± 0.048 (0.833, 0.972, 0.944, 0.944, 0.939), within the spread. On 42 PolNeAR dev articles
read by hand, a learned ranker fitted on all of BASIL was worse: 38 right against the rule's 40 (it
follows the headline's first name: 'Trump's favorite TV doctor ...'). Not shipped. About 15 s.
"""

import argparse
import math
import statistics
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from framing.analysis import actors
from framing.api import audit_text
from framing.training import basil

C_GRID = (0.03, 0.1, 0.3, 1.0)
KINDS = (actors.PERSON, actors.PARTY, actors.ORGANISATION, actors.OTHER, actors.INSTITUTION, actors.LAW,
         actors.PEOPLE, actors.OUTLET, actors.PLACE)


def features(found: list[actors.Actor], speakers: set[int], title: str) -> np.ndarray:
    """One row per candidate actor."""
    most = max(len(a.mentions) for a in found)
    order = {id(a): rank for rank, a in enumerate(sorted(found, key=lambda a: a.mentions[0].start))}
    positions = {id(a): actors._title_position(a, title) for a in found}
    named = [p for p in positions.values() if p is not None]
    rows = []
    for a in found:
        n = len(a.mentions)
        rows.append([math.log1p(n), n / most, 1 - a.place_mentions / n, a.in_title,
                     bool(named) and positions[id(a)] == min(named), a.in_lede, 1 / (1 + order[id(a)]),
                     sum(m.start in speakers for m in a.mentions) / n, a.quoted_mentions / n, a.titled,
                     math.log1p(a.pronouns)] + [a.kind == k for k in KINDS])
    return np.array(rows, dtype=float)


def examples(data: Path) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """(fold, features, labels) per article, candidates in rule order."""
    articles = basil.load(data)
    events = [a.event for a in articles]
    out = []
    for article in articles:
        audit = audit_text(article.text, readability=False)
        speakers = {m.start for source in audit.sources for m in source.mentions}
        found = actors.candidates(actors.find_actors(audit.document), speakers)
        span = actors.headline_span(audit.document)
        title = audit.document.text[slice(*span)] if span else ""
        x = features(found, speakers, title) if found else np.zeros((0, 11 + len(KINDS)))
        y = np.array([basil._entity_of(a.name, article.main_entities) is not None for a in found], dtype=bool)
        out.append((basil.fold_of(article.event, events), x, y))
    return out


def fit(items, c):
    x = np.vstack([i[1] for i in items if len(i[2])])
    y = np.concatenate([i[2] for i in items if len(i[2])])
    return LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(x, y)


def right(model, item) -> bool:
    _, x, y = item
    if not len(y):
        return False
    return bool(y[0] if model is None else y[int(np.argmax(model.decision_function(x)))])


def held_out(items, choose) -> list[list[bool]]:
    """Per fold, whether each article's best-ranked candidate is a main entity."""
    folds = []
    for k in sorted({i[0] for i in items}):
        model = choose([i for i in items if i[0] != k])
        folds.append([right(model, i) for i in items if i[0] == k])
    return folds


def best_c(train) -> LogisticRegression:
    def inner(c):
        return sum(map(sum, held_out(train, lambda t: fit(t, c))))
    return fit(train, max(C_GRID, key=lambda c: (inner(c), -c)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    items = examples(Path(parser.parse_args().data))
    for label, choose in (("rule", lambda train: None), ("learned", best_c)):
        folds = held_out(items, choose)
        shares = [sum(f) / len(f) for f in folds]
        total = sum(map(sum, folds)) / sum(map(len, folds))
        folds_text = ", ".join(f"{s:.3f}" for s in shares)
        print(f"{label:8} {total:.3f} ± {statistics.pstdev(shares):.3f}  folds {folds_text}")


if __name__ == "__main__":
    main()
