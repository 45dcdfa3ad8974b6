"""Sources and their sides on real news, against hand labels: 1,916 (source, main actor) pairs in 122
PolNeAR articles (`labels/polnear_stance.jsonl`; 81 of train, 41 of dev, 12 and 6 per publisher drawn
with seed 29). Each pair was labelled by a reader of the whole article: the source's stance toward the
actor (critical, supportive, neutral, none), or the source is the actor itself (self) or no speaker at
all (not_a_source: a poll, a document, a fragment of text). The labels hold offsets and names only, no
article text. Pairs where framing put the source in the actor's own camp were not labelled.
`framing evaluate polnear --sourcing` prints these measures (docs/EVALUATION.md)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from framing.analysis.actors import refers_to
from framing.analysis.sourcing import is_data
from framing.api import audit_text
from framing.errors import InputError

LABELS = Path(__file__).with_name("labels") / "polnear_stance.jsonl"
SIDES = ("critical", "supportive")
STANCES = (*SIDES, "neutral", "none")  # the labels that judge a speaker's stance


def load_labels(split: str) -> dict[str, list[dict]]:
    """The labelled pairs of `split` (train, dev or all), by article."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if split in ("all", row["split"]):
            by_article[row["article"]].append(row)
    return dict(by_article)


def _source_for(audit, row: dict):
    """The audit's source (with its stances) that the labelled one stands for: a source named at one of
    its mentions (a mention that holds it), else one with an attribution at one of its cues."""
    stances = {s.source_id: s for s in (audit.sourcing.sources if audit.sourcing else [])}
    mentions, cues = row["mentions"], {tuple(c) for c in row["cues"]}
    for source in audit.sources:
        if source.id in stances and any(m.start <= x < m.end for m in source.mentions for x in mentions):
            return stances[source.id]
    for a in audit.attributions:
        if a.source_id in stances and (a.cue.start, a.cue.end) in cues:
            return stances[a.source_id]
    return None


def _actor_for(audit, name: str):
    actors = audit.sourcing.actors if audit.sourcing else []
    return next((a for a in actors if a.name == name), None) or next(
        (a for a in actors if refers_to(name, a.name) or refers_to(a.name, name)), None)


def evaluate(data: Path, split: str = "dev", contextual: bool = False) -> dict:
    """Audit each labelled article; how often framing's sources are speakers, and its sides against
    the labels (precision and recall of each side; neutral and none count as no side)."""
    root = Path(data) / "polnear"
    if not root.is_dir():
        raise InputError(f"{root}: the PolNeAR data not found (pass --data DIR)")
    pairs: Counter = Counter()
    sources: dict[tuple[str, str], set[str]] = {}
    unmatched = 0
    by_article = load_labels(split)
    for article, rows in sorted(by_article.items()):
        text = (root / rows[0]["split"] / "text" / f"{article}.txt").read_text(encoding="utf-8")
        audit = audit_text(text, readability=False, contextual=contextual)
        for row in rows:
            source, actor = _source_for(audit, row), _actor_for(audit, row["actor"])
            if source is None:
                unmatched += 1
                continue
            sources.setdefault((article, source.source_id), {"data" if is_data(source) else "voice"}).add(row["label"])
            if actor is None or row["label"] not in STANCES:
                continue
            predicted = source.stances.get(actor.id, "unknown")
            gold = row["label"] if row["label"] in SIDES else "no side"
            pairs[(gold, predicted if predicted in SIDES else "no side")] += 1
    return {"articles": len(by_article), "split": split, "contextual": contextual,
            "labelled_pairs": sum(len(rows) for rows in by_article.values()), "unmatched_pairs": unmatched,
            "sources": len(sources), "not_speakers": sum("not_a_source" in labels for labels in sources.values()),
            "not_speakers_as_data": sum({"not_a_source", "data"} <= labels for labels in sources.values()),
            "speakers_as_data": sum("data" in labels and bool(labels & set(STANCES)) for labels in sources.values()),
            "pairs": {f"{gold} -> {predicted}": n for (gold, predicted), n in sorted(pairs.items())},
            "sides": {side: _side_figures(pairs, side) for side in (*SIDES, "either")}}


def _side_figures(pairs: Counter, side: str) -> dict:
    """Precision and recall of one side (or of taking either side rightly)."""
    wanted = SIDES if side == "either" else (side,)
    right = sum(n for (gold, predicted), n in pairs.items() if predicted in wanted and gold == predicted)
    decided = sum(n for (gold, predicted), n in pairs.items() if predicted in wanted)
    gold = sum(n for (g, _), n in pairs.items() if g in wanted)
    return {"right": right, "decided": decided, "gold": gold,
            "precision": round(right / decided, 3) if decided else None, "recall": round(right / gold, 3) if gold else None}
