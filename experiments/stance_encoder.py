"""Experiment: target-aware stance from the sentence encoder (issue 22, session 17).

For each (source's attribution, main actor named in its content) pair, the content (cue, then
content) goes through the contextual mode's encoder (framing/models/contextual.py); the features
are the mean wordpiece state over the actor's mentions in it, the mean over the whole text, and the
rules' evidence for that actor. A 3-way logistic regression (critical / supportive / none) is fitted
on BASIL pairs: critical or supportive where a quoted BASIL span with that target and polarity lies
in the content, none where the content names the actor and no BASIL span on it lies there. The
model decides only (source, actor) pairs the rules leave unknown.

    PYTHONPATH=. python experiments/stance_encoder.py basil [--threshold 0.6] [--C 0.1]
    PYTHONPATH=. python experiments/stance_encoder.py polnear --n 6 --seed 17 [--threshold 0.6]

`basil`: fits one head per event fold on the other folds and audits the held-out fold with it,
then prints the `framing evaluate basil --sourcing` measures. `polnear`: fits on all BASIL and
prints every decision on a seeded sample of PolNeAR articles for an editor to read. `--any-span`
labels pairs from any BASIL span (not only quoted ones); `--tone` adds VADER features.

Results (docs/EVALUATION.md, "Target-aware stance on the sentence encoder, measured and not
shipped"): BASIL speaker stance 0.432 / 0.626 (rules) -> 0.577 / 0.708 at best (any span, threshold
0.5), but on 42 PolNeAR articles 17 of its 49 decisions read right. Not shipped.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from framing.analysis import sourcing
from framing.analysis.actors import mentions_within
from framing.analysis.sourcing import CRITICAL, NEUTRAL, SUPPORTIVE, UNKNOWN, Evidence, _span
from framing.models import contextual

LABELS = ("none", CRITICAL, SUPPORTIVE)
CACHE: dict[str, contextual.Encoded] = {}
STATE = {"tone": False, "text": "", "any_span": False, "head": None, "threshold": 0.6, "collect": None, "decisions": None}


def pair_texts(doc, attribution):
    """(text, offset map): the cue then the content, and a function from document offsets inside the
    content to offsets in the text."""
    cue, content = attribution.cue, attribution.content
    head = doc.text[cue.start:cue.end] + " " if cue.end <= content.start or cue.start >= content.end else ""
    text = head + doc.text[content.start:content.end]
    return text, lambda offset: offset - content.start + len(head)


def encode(texts: list[str]) -> list:
    missing = [t for t in dict.fromkeys(texts) if t not in CACHE]
    for t, e in zip(missing, contextual.encode(missing) if missing else []):
        CACHE[t] = e
    return [CACHE[t] for t in texts]


def features(encoded, spans: list[tuple[int, int]], rule: float) -> np.ndarray:
    starts, ends = encoded.offsets[:, 0], encoded.offsets[:, 1]
    real = ends > starts
    target = np.zeros(len(starts), bool)
    for s, e in spans:
        target |= real & (starts < e) & (s < ends)
    if not target.any():
        return None
    extra = [rule]
    if STATE["tone"]:
        from framing.models.features import tone

        text = STATE["text"]
        window = " ".join(text[max(0, s - 80):e + 80] for s, e in spans)
        extra += [3 * tone(text)["compound"], 3 * tone(window)["compound"], 3 * tone(window)["pos"], 3 * tone(window)["neg"]]
    return np.concatenate([encoded.states[target].mean(axis=0), encoded.states[real].mean(axis=0), extra])


def pairs(doc, attributions, results, actors):
    """(result, attribution, actor, text, target spans in the text, rule side) for every content naming an actor."""
    by_source = collections.defaultdict(list)
    for a in attributions:
        if a.content is not None and a.content.end > a.content.start and a.cue is not None:
            by_source[a.source_id].append(a)
    found = []
    for result in results:
        own = {e.actor_id for e in result.evidence if e.kind in ("self", "affiliation") and e.stance == SUPPORTIVE}
        for a in by_source.get(result.source_id, []):
            text, shift = pair_texts(doc, a)
            for actor in actors:
                if actor.id in own:
                    continue
                mentions = mentions_within(actor, a.content.start, a.content.end)
                if not mentions:
                    continue
                rule = {CRITICAL: 1.0, SUPPORTIVE: -1.0}.get(result.stances.get(actor.id), 0.0)
                found.append((result, a, actor, text, [(shift(m.start), shift(m.end)) for m in mentions], rule))
    return found


_original = sourcing.source_stances


def source_stances(doc, attributions, sources, actors, principal, matches):
    results = _original(doc, attributions, sources, actors, principal, matches)
    found = pairs(doc, attributions, results, actors)
    encoded = encode([p[3] for p in found])
    rows = []
    for p, e in zip(found, encoded):
        STATE["text"] = p[3]
        rows.append((p, features(e, p[4], p[5])))
    rows = [(p, x) for p, x in rows if x is not None]
    if STATE["collect"] is not None:
        STATE["collect"].extend((doc, p, x) for p, x in rows)
    head = STATE["head"]
    if head is None or not rows:
        return results
    probs = head.predict_proba(np.array([x for _, x in rows]))
    best: dict[tuple[str, str], tuple[float, str, object]] = {}
    for (p, x), prob in zip(rows, probs):
        result, a, actor = p[0], p[1], p[2]
        if result.stances.get(actor.id) != UNKNOWN:
            continue
        k = int(np.argmax(prob[1:])) + 1
        if prob[k] >= STATE["threshold"] and prob[k] > best.get((result.source_id, actor.id), (0,))[0]:
            best[(result.source_id, actor.id)] = (float(prob[k]), LABELS[k], a)
    by_id = {r.source_id: r for r in results}
    for (source_id, actor_id), (prob, side, a) in best.items():
        result = by_id[source_id]
        result.stances[actor_id] = side
        result.evidence.append(Evidence(actor_id, side, "model", _span(doc, a.content.start, a.content.end),
                                        f"the stance model: {side} ({prob:.2f})"))
        if principal is not None and actor_id == principal.id and result.side in (UNKNOWN, NEUTRAL):
            result.side = side
        if STATE["decisions"] is not None:
            actor = next(x for x in actors if x.id == actor_id)
            STATE["decisions"].append((result.name, actor.name, side, prob, actor is principal,
                                       " ".join(doc.text[a.cue.start:a.cue.end].split()),
                                       " ".join(doc.text[a.content.start:a.content.end].split())))
    return results


sourcing.WEIGHT["model"] = 1.0
sourcing.source_stances = source_stances


def label_of(article, doc_pair) -> str | None:
    from framing.training.basil import POLARITY_SIDE, same_entity

    _, a, actor, *_ = doc_pair
    start, end = a.content.start, a.content.end
    on = [s for s in article.spans if s.start < end and start < s.end and s.target and same_entity(s.target, actor.name)]
    quoted = [POLARITY_SIDE[s.polarity] for s in on if (s.quote or STATE["any_span"]) and s.polarity in POLARITY_SIDE]
    if quoted:
        return collections.Counter(quoted).most_common(1)[0][0]
    return None if on else "none"


def basil_pairs(data: Path):
    from framing.api import audit_text
    from framing.training import basil

    articles = basil.load(data)
    events = [a.event for a in articles]
    X, y, folds = [], [], []
    for article in articles:
        STATE["collect"] = []
        audit_text(article.text, readability=False)
        for _, p, x in STATE["collect"]:
            label = label_of(article, p)
            if label is not None:
                X.append(x), y.append(LABELS.index(label)), folds.append(basil.fold_of(article.event, events))
    STATE["collect"] = None
    return articles, events, np.array(X), np.array(y), np.array(folds)


def fit(X, y, C):
    return LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit(X, y)


def run_basil(data: Path, C: float, thresholds: list[float]) -> None:
    from framing.api import audit_text
    from framing.training import basil

    articles, events, X, y, folds = basil_pairs(data)
    print(f"pairs {len(y)}: " + ", ".join(f"{LABELS[k]} {int((y == k).sum())}" for k in range(3)), flush=True)
    heads = [fit(X[folds != k], y[folds != k], C) for k in range(basil.FOLDS)]
    pred = np.zeros((len(y), 3))
    for k in range(basil.FOLDS):
        pred[folds == k] = heads[k].predict_proba(X[folds == k])
    from sklearn.metrics import roc_auc_score

    polar = y > 0
    direction = (pred[polar, 1] > pred[polar, 2]) == (y[polar] == 1)
    print(f"held-out pairs: ROC AUC sided vs none {roc_auc_score(polar, pred[:, 1:].sum(axis=1)):.3f}; direction right "
          f"{direction.sum()} of {polar.sum()} (supportive {((pred[:, 2] > pred[:, 1]) & (y == 2)).sum()} of {(y == 2).sum()})")
    for t in thresholds:
        sided = pred[:, 1:].max(axis=1) >= t
        side = pred[:, 1:].argmax(axis=1) + 1
        ok = (side == y) & sided
        print(f"pair level t={t}: decided {sided.sum()}, right {ok.sum()}, "
              f"gold sided decided {(sided & (y > 0)).sum()} of {(y > 0).sum()}, none given a side {(sided & (y == 0)).sum()}")
    for t in thresholds:
        STATE["threshold"] = t
        every, by_fold = basil.Counts(), [basil.Counts() for _ in range(basil.FOLDS)]
        for article in articles:
            k = basil.fold_of(article.event, events)
            STATE["head"] = heads[k]
            audit = audit_text(article.text, readability=False)
            basil.measure(article, audit, every)
            basil.measure(article, audit, by_fold[k])
        r = basil.summary(every)
        folds_r = [basil.summary(c) for c in by_fold]
        spread = {key: np.std([f[key] for f in folds_r if f[key] is not None]) for key in
                  ("stance_accuracy", "stance_macro_f1", "unnamed_sides", "balance_spearman")}
        print(f"t={t} C={C}: accuracy {r['stance_accuracy']} ± {spread['stance_accuracy']:.3f}, macro-F1 "
              f"{r['stance_macro_f1']} ± {spread['stance_macro_f1']:.3f}, unnamed {r['unnamed_sides']} ± "
              f"{spread['unnamed_sides']:.3f}, Spearman {r['balance_spearman']} ± {spread['balance_spearman']:.3f} "
              f"({r['balance_items']}), lean {r['lean_spearman']}", flush=True)
    STATE["head"] = None


def run_polnear(data: Path, C: float, threshold: float, n: int, seed: int) -> None:
    from framing.api import audit_text
    from framing.text.ingest import read_article
    from framing.training.data import polnear_rows

    _, _, X, y, _ = basil_pairs(data)
    STATE["head"], STATE["threshold"] = fit(X, y, C), threshold
    rows = list(polnear_rows(data))
    random.Random(seed).shuffle(rows)
    by_publisher = collections.defaultdict(list)
    for row, path in rows:
        by_publisher[row["publisher"]].append((row, path))
    chosen = [r for pub in sorted(by_publisher) for r in by_publisher[pub][:n]]
    total = 0
    for row, path in chosen:
        STATE["decisions"] = []
        audit_text(read_article(str(path)), readability=False)
        for source, actor, side, prob, principal, cue, content in STATE["decisions"]:
            total += 1
            print(f"#{total} [{row['publisher']} {row['filename']}] {source} -> {actor}: {side} {prob:.2f}"
                  f"{' (principal)' if principal else ''}\n     cue: {cue}\n     content: {content[:500]}")
    print(f"{total} decisions in {len(chosen)} articles")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("basil", "polnear"))
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--C", type=float, default=0.1)
    parser.add_argument("--threshold", type=float, nargs="+", default=[0.6])
    parser.add_argument("--n", type=int, default=6)
    parser.add_argument("--any-span", action="store_true")
    parser.add_argument("--tone", action="store_true")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    contextual.set_threads(1)
    STATE["any_span"], STATE["tone"] = args.any_span, args.tone
    if args.what == "basil":
        run_basil(args.data, args.C, args.threshold)
    else:
        run_polnear(args.data, args.C, args.threshold[0], args.n, args.seed)


if __name__ == "__main__":
    main(sys.argv[1:])
