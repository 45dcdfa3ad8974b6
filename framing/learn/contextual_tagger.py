"""The contextual mode's attribution tagger: the encoder, fine-tuned on PolNeAR with its own
adapters, marks cue, source and content tokens (O/B/I) a few sentences at a time. It stands in for the
standard tagger (framing/learn/attribution_tagger.py) in `framing audit --contextual`; the same
rules then link its spans into attributions. Saved as models/contextual_attribution.npz."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import numpy as np

from framing.document import Document
from framing.learn import attribution_tagger as standard
from framing.learn import contextual

MODEL_FILE = "contextual_attribution.npz"
FORMAT = "framing.contextual-attribution/1"
ROLES = standard.ROLES
COMMAND = "framing train --contextual --data ../shared/data"
CHUNK_CHARS = 600  # consecutive sentences are tagged together up to this length: context across sentence ends


class ContextualTagger:
    """Cue, source and content spans of a document from an adapted encoder and its tag head."""

    def __init__(self, arrays: dict[str, np.ndarray], card: dict, encoder=None):
        self.weight, self.bias = arrays["head.tags.weight"], arrays["head.tags.bias"]
        self.card = card
        self.encoder = encoder or contextual.with_adapters(arrays)

    def tag(self, doc: Document) -> dict[str, list[tuple[int, int]]]:
        tokens = standard.tokenize(doc)
        result: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
        spans = chunks(doc, tokens)
        encoded = contextual.encode([doc.text[start:end] for start, end, _ in spans], self.encoder)
        for (start, _, chosen), piece_states in zip(spans, encoded):
            scores = self._token_scores(piece_states, [tokens.spans[i] for i in chosen], start)
            part = tokens.subset(chosen.tolist())
            for r, role in enumerate(ROLES):
                result[role] += standard.spans_from_labels(part, standard.viterbi(scores[:, r]))
        return result

    def _token_scores(self, encoded, spans, offset: int) -> np.ndarray:
        """(tokens, roles, O/B/I) logits, read at each token's first wordpiece; O past the cut."""
        from framing.learn.finetune import first_pieces

        logits = (encoded.states @ self.weight.T + self.bias).reshape(len(encoded.states), len(ROLES), 3)
        scores = np.zeros((len(spans), len(ROLES), 3), dtype=np.float32)
        scores[:, :, 0] = 1.0
        for k, j in enumerate(first_pieces(encoded.offsets, [(start - offset, end - offset) for start, end in spans])):
            if j is not None:
                scores[k] = logits[j]
        return scores


def chunks(doc: Document, tokens: standard.Tokens) -> list[tuple[int, int, np.ndarray]]:
    """Runs of consecutive sentences up to CHUNK_CHARS (a longer sentence alone): start, end and
    the indexes of their `tokens`."""
    runs: list[list] = []
    for k, sentence in enumerate(doc.sentences):
        if runs and sentence.end - runs[-1][0] <= CHUNK_CHARS:
            runs[-1][1], runs[-1][3] = sentence.end, k
        else:
            runs.append([sentence.start, sentence.end, k, k])
    result = []
    for start, end, first, last in runs:
        chosen = np.flatnonzero((tokens.sentence >= first) & (tokens.sentence <= last))
        if len(chosen):
            result.append((start, end, chosen))
    return result


@cache
def shipped() -> ContextualTagger:
    arrays, meta = contextual.load_arrays(contextual.model_path(MODEL_FILE), FORMAT)
    return ContextualTagger(arrays, meta["card"])


def training_units(annotations) -> list[tuple[str, list[tuple[int, int, tuple[int, ...]]]]]:
    """Every chunk of every annotation file, with its tokens' spans (within the chunk) and
    O/B/I indexes per role."""
    from framing.document import build_document

    units = []
    for ann in annotations:
        doc = build_document(ann.text, title="")
        tokens = standard.tokenize(doc)
        labels = {role: standard.labels_from_spans(tokens, ann.spans[role]) for role in ROLES}
        for start, end, chosen in chunks(doc, tokens):
            units.append((doc.text[start:end],
                          [(tokens.spans[i][0] - start, tokens.spans[i][1] - start,
                            tuple("OBI".index(labels[role][i]) for role in ROLES)) for i in chosen]))
    return units


def train(data: Path, out_dir: Path, log=None) -> dict:
    """Fine-tune on PolNeAR train, measure the tagger on dev, save it with its card."""
    from framing.learn import finetune, polnear

    tokenizer, model = contextual.load_encoder()
    arrays = finetune.fine_tune_tagger(model, tokenizer, training_units(polnear.load(data, "train")), ROLES, log)
    finetune.merge(model, arrays)
    tagger = ContextualTagger(arrays, {}, (tokenizer, model))
    dev = polnear.tagger_scores(tagger, polnear.load(data, "dev"))
    card = {"model": "contextual attribution tagger (cue, source, content)",
            "data": "PolNeAR (Newell, Margolin and Ruths, LREC 2018), train split", "trained": date.today().isoformat(),
            "dev_f1": polnear._f1s(dev), "command": COMMAND}
    out_dir.mkdir(parents=True, exist_ok=True)
    contextual.save_arrays(out_dir / MODEL_FILE, arrays, {"format": FORMAT, "card": card})
    return card
