"""The contextual mode's attribution tagger: the encoder, fine-tuned on PolNeAR with its own
adapters, marks cue, source and content tokens (O/B/I) a few sentences at a time. It stands in for the
standard tagger (framing/models/attribution_tagger.py) in `framing audit --contextual`; the same
rules then link its spans into attributions. Saved as models/contextual_attribution.npz."""

from __future__ import annotations

from functools import cache

import numpy as np

from framing.text.document import Document
from framing.models import attribution_tagger as standard
from framing.models import contextual
from framing.models.adapters import first_pieces

MODEL_FILE = contextual.TAGGER_FILE
FORMAT = "framing.contextual-attribution/1"
ROLES = standard.ROLES
COMMAND = "framing train --contextual --data ../shared/data"
CHUNK_CHARS = 600  # consecutive sentences are tagged together up to this length: context across sentence ends


class ContextualTagger:
    """Cue, source and content spans of a document from an adapted encoder and its tag head."""

    def __init__(self, arrays: dict[str, np.ndarray], card: dict, encoder=None):
        self.weight, self.bias = arrays["head.tags.weight"], arrays["head.tags.bias"]
        self.card = card
        self.encoder = encoder or contextual.adapted(arrays)

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
        logits = (encoded.states @ self.weight.T + self.bias).reshape(len(encoded.states), len(ROLES), 3)
        scores = np.zeros((len(spans), len(ROLES), 3), dtype=np.float32)
        scores[:, :, 0] = 1.0
        pieces = first_pieces(encoded.offsets, np.asarray(spans, dtype=np.int64).reshape(-1, 2) - offset)
        scores[pieces >= 0] = logits[pieces[pieces >= 0]]
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
