"""PolNeAR attribution relations (brat standoff) and the attribution measures of `framing evaluate polnear`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from framing.api import audit_text
from framing.detectors.claims import RULE as CLAIM_RULE
from framing.errors import InputError
from framing.models import attribution_tagger
from framing.text.document import build_document
from framing.training import tagger as tagger_training
from framing.training.evaluate import prf

ROLES = ("cue", "source", "content")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Annotation:
    """One annotator's file for one article: spans per role."""

    article: str
    text: str
    spans: dict[str, list[tuple[int, int]]]


def load(data: Path, split: str, fragments: bool = True) -> list[Annotation]:
    """Every .ann file of `split` with its article text (several annotators give several files).
    `fragments=False` leaves out spans annotated in pieces, as the standard tagger is trained (see
    docs/EVALUATION.md)."""
    root = Path(data) / "polnear" / split
    if not (root / "attributions").is_dir():
        raise InputError(f"{root}: the PolNeAR {split} data not found (pass --data DIR)")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (root / "text").glob("*.txt")}
    result = []
    for path in sorted((root / "attributions").glob("*.ann")):
        article = path.stem.rsplit("_", 1)[0]
        if article not in texts:
            continue
        spans: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0].startswith("T"):
                continue  # relations, notes, and the one malformed line without a text field
            role, _, offsets = parts[1].partition(" ")
            # "Content 315 448;463 553": a quote split around its cue, read as its fragments
            pieces = [fragment.split() for fragment in offsets.split(";")]
            if role.lower() in spans and (fragments or len(pieces) == 1) and all(len(p) == 2 for p in pieces):
                spans[role.lower()] += [(int(start), int(end)) for start, end in pieces]
        result.append(Annotation(article, texts[article], spans))
    return result


def _token_set(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Start offsets of the whitespace tokens that lie inside any span."""
    starts = set()
    for s, e in spans:
        starts.update(m.start() + s for m in _WORD.finditer(text[s:e]))
    return starts


def predicted_spans(text: str, contextual: bool = False) -> dict[str, list[tuple[int, int]]]:
    """Cue, source and content spans of the audit's attributions, and its unattributed-claim sentences."""
    audit = audit_text(text, readability=False, contextual=contextual)
    spans: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    spans["claims"] = [(f.start, f.end) for f in audit.findings if f.rule == CLAIM_RULE]
    for a in audit.attributions:
        for role in ROLES:
            span = getattr(a, role)
            if span is not None and span.end > span.start:
                spans[role].append((span.start, span.end))
    return spans


class SpanCounts:
    """True positives, predicted and gold counts per role, by exact span and by whitespace token."""

    def __init__(self):
        self.counts = {kind: {role: [0, 0, 0] for role in ROLES} for kind in ("exact", "overlap")}

    def add(self, text: str, gold: dict[str, list], predicted: dict[str, list]) -> None:
        for role in ROLES:
            g, p = set(gold[role]), set(predicted[role])
            g_tokens, p_tokens = _token_set(text, list(g)), _token_set(text, list(p))
            for kind, (a, b) in (("exact", (g, p)), ("overlap", (g_tokens, p_tokens))):
                self.counts[kind][role][0] += len(a & b)
                self.counts[kind][role][1] += len(b)
                self.counts[kind][role][2] += len(a)

    def scores(self) -> dict:
        """{"exact": {role: P/R/F1}, "overlap": {...}}."""
        return {kind: {role: prf(*v) for role, v in roles.items()} for kind, roles in self.counts.items()}


def evaluate(data: Path, split: str = "dev", contextual: bool = False) -> dict:
    """Exact-span and token-overlap P/R/F1 per role, summed over every annotator's file (`contextual`:
    audits in the contextual mode)."""
    counts = SpanCounts()
    cache: dict[str, dict] = {}
    claims = on_content = 0
    annotations = load(data, split)
    for ann in annotations:
        if ann.article not in cache:  # several annotators' files share one audit
            cache[ann.article] = predicted_spans(ann.text, contextual)
        predicted = cache[ann.article]
        for s, e in predicted["claims"]:
            claims += 1
            # "on attributed content": at least half of the sentence is content an annotator attributed
            covered = sum(max(0, min(e, ce) - max(s, cs)) for cs, ce in ann.spans["content"])
            on_content += covered >= 0.5 * (e - s)
        counts.add(ann.text, ann.spans, predicted)
    return {"split": split, "files": len(annotations), "articles": len(cache),
            "claims": claims, "claims_on_attributed_content": on_content,
            "claim_precision": 1 - on_content / claims if claims else 1.0, **counts.scores(),
            "agreement": agreement(annotations)}


def tagger_scores(tagger, annotations: list[Annotation]) -> dict:
    """Exact and token-overlap P/R/F1 of the tagger's own spans (before they are linked into attributions)."""
    counts = SpanCounts()
    for ann in annotations:
        counts.add(ann.text, ann.spans, tagger.tag(build_document(ann.text, title="")))
    return counts.scores()


def _f1s(scores: dict) -> dict:
    """The three headline F1s: cue and source exact, content token overlap."""
    return {"cue": round(scores["exact"]["cue"]["f1"], 3), "source": round(scores["exact"]["source"]["f1"], 3),
            "content_overlap": round(scores["overlap"]["content"]["f1"], 3)}


def train_tagger(data: Path, out_dir: Path) -> dict:
    """Fit the attribution tagger on PolNeAR train (spans annotated in pieces left out: see
    docs/EVALUATION.md), measure it on dev, and save it with its card."""
    train = load(data, "train", fragments=False)
    tagger = tagger_training.train(tagger_training.examples(train))
    dev = tagger_scores(tagger, load(data, "dev"))
    tagger.card = {
        "model": "attribution tagger (cue, source, content)",
        "data": "PolNeAR (Newell, Margolin and Ruths, LREC 2018), train split",
        "data_licence": "none stated; research and evaluation use. The model stores word vocabularies and weights, no text",
        "files": len(train), "trained": date.today().isoformat(),
        "dev_f1": _f1s(dev),
        "agreement": _f1s(agreement(load(data, "train"))),
        "command": "framing train --data ../shared/data",
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    attribution_tagger.save(tagger, out_dir / attribution_tagger.MODEL_FILE)
    return tagger.card


def agreement(annotations: list[Annotation]) -> dict:
    """How far annotators of the same article agree: the same P/R/F1, one annotator's file against another's."""
    by_article: dict[str, list[Annotation]] = {}
    for ann in annotations:
        by_article.setdefault(ann.article, []).append(ann)
    counts = SpanCounts()
    shared = [group for group in by_article.values() if len(group) > 1]
    for group in shared:
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                counts.add(first.text, first.spans, second.spans)
    return {"articles": len(shared), **counts.scores()}
