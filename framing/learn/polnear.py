"""PolNeAR attribution relations (brat standoff) and the attribution measures of `framing evaluate polnear`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError
from framing.learn.evaluate import prf

ROLES = ("cue", "source", "content")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Annotation:
    """One annotator's file for one article: spans per role."""

    article: str
    text: str
    spans: dict[str, list[tuple[int, int]]]


def load(data: Path, split: str) -> list[Annotation]:
    """Every .ann file of `split` with its article text (several annotators give several files)."""
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
            fields = parts[1].split()
            role = fields[0].lower()
            if role in spans and len(fields) >= 3 and ";" not in parts[1]:
                spans[role].append((int(fields[1]), int(fields[2])))
        result.append(Annotation(article, texts[article], spans))
    return result


def _token_set(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Start offsets of the whitespace tokens that lie inside any span."""
    starts = set()
    for s, e in spans:
        starts.update(m.start() + s for m in _WORD.finditer(text[s:e]))
    return starts


def predicted_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """Cue, source and content spans of the audit's attributions, and its unattributed-claim sentences."""
    from framing.api import audit_text
    from framing.detectors.claims import RULE as CLAIM_RULE

    audit = audit_text(text, readability=False)
    spans: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    spans["claims"] = [(f.start, f.end) for f in audit.findings if f.rule == CLAIM_RULE]
    for a in audit.attributions:
        for role in ROLES:
            span = getattr(a, role)
            if span is not None and span.end > span.start:
                spans[role].append((span.start, span.end))
    return spans


def evaluate(data: Path, split: str = "dev") -> dict:
    """Exact-span and token-overlap P/R/F1 per role, summed over every annotator's file."""
    exact = {role: [0, 0, 0] for role in ROLES}
    overlap = {role: [0, 0, 0] for role in ROLES}
    cache: dict[str, dict] = {}
    claims = on_content = 0
    annotations = load(data, split)
    for ann in annotations:
        predicted = cache.setdefault(ann.article, predicted_spans(ann.text))
        for s, e in predicted["claims"]:
            claims += 1
            # "on attributed content": at least half of the sentence is content an annotator attributed
            covered = sum(max(0, min(e, ce) - max(s, cs)) for cs, ce in ann.spans["content"])
            on_content += covered >= 0.5 * (e - s)
        for role in ROLES:
            gold, pred = set(ann.spans[role]), set(predicted[role])
            exact[role][0] += len(gold & pred)
            exact[role][1] += len(pred)
            exact[role][2] += len(gold)
            gold_tokens, pred_tokens = _token_set(ann.text, list(gold)), _token_set(ann.text, list(pred))
            overlap[role][0] += len(gold_tokens & pred_tokens)
            overlap[role][1] += len(pred_tokens)
            overlap[role][2] += len(gold_tokens)
    return {"split": split, "files": len(annotations), "articles": len(cache),
            "claims": claims, "claims_on_attributed_content": on_content,
            "claim_precision": 1 - on_content / claims if claims else 1.0,
            "exact": {r: prf(*v) for r, v in exact.items()}, "overlap": {r: prf(*v) for r, v in overlap.items()}}
