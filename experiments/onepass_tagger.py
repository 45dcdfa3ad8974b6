"""Issue 28, session 25: an attribution tag head on the FROZEN states of the bias-adapted encoder.

The default mode runs the encoder twice per text: the bias adapters over each sentence, the
tagger's own adapters over runs of sentences. Here the bias encoder's per-sentence states (the
pass the bias heads already use) feed a linear O/B/I head per role, fitted with numpy/scipy on
PolNeAR train, decoded over the tagger's runs of sentences with the same Viterbi. Variants:
  plain  the state at each token's first wordpiece (384)
  nb1    that state with the previous and next token's (1152)
  nb1s   nb1 and the sentence's mean-pooled vector (1536; not run: its fit needs over 13 GB)
ONEPASS_LAYER=K puts block K's output (0-based) beside the last block's in every state: one more
output of the same graph, so still one pass. Results: docs/EVALUATION.md, "One encoder pass for
the tagger, session 25" (not shipped: far below today's tagger).

  PYTHONPATH=. OPENBLAS_NUM_THREADS=1 python experiments/onepass_tagger.py --data ../shared/data \
      --folds-run 1 --variants plain,nb1 cv,dev,audit
  # cv: folds by article on train (--folds-run 1: one fifth held out); dev: fit on all of train,
  # the tagger alone on dev; audit: `framing evaluate polnear --contextual`'s figures with it
  # (--head FILE: a head saved by a dev step, nothing fitted)

Features are cached in $ONEPASS_CACHE (default /tmp/onepass); no data text is written anywhere else.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from framing.models import attribution_tagger as standard
from framing.models import contextual
from framing.models.adapters import first_pieces
from framing.models.contextual_tagger import ROLES, chunks
from framing.text.document import build_document
from framing.training import polnear

CACHE = Path(os.environ.get("ONEPASS_CACHE", "/tmp/onepass"))
LAYER = int(os.environ.get("ONEPASS_LAYER", "-1"))  # >= 0: that block's output beside the last (one pass still)


def with_layer(layer: int) -> None:
    """ENCODER: the shipped bias encoder whose runs give block `layer`'s states beside the last block's
    (concatenated): the same single pass, one more graph output. The audit's own heads keep the
    shared encoder. For this experiment only."""
    global ENCODER
    import onnx
    import onnxruntime
    from framing.models import onnx_encoder

    arrays = contextual.shipped_heads().arrays
    path = onnx_encoder.graph_path(contextual.INT8_SHA256, arrays, "int8", None)  # built already by a first audit
    model = onnx.load(str(path))
    name = f"encoder.layer.{layer}.out"
    model.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    extended = CACHE / f"encoder-layer{layer}.onnx"
    onnx.save_model(model, str(extended))
    import copy

    encoder = copy.copy(contextual._adapted())
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(extended), options, providers=["CPUExecutionProvider"])

    class Both:
        def run(self, _names, feeds):
            middle, last = session.run([name, "last_hidden_state"], feeds)
            return [np.concatenate([middle, last], axis=-1)]

    encoder.session, encoder._pool = Both(), None
    ENCODER = encoder


ENCODER = None  # None: the shared encoder (contextual._adapted())
FOLDS, SEED = 5, 0
MAXITER = 200


def token_states(doc, tokens, encoded) -> np.ndarray:
    """(tokens, 384): each token's state at its first wordpiece in its sentence's pass (zeros outside
    sentences and past the cut)."""
    states = np.zeros((len(tokens.spans), encoded[0].states.shape[1] if encoded else 384 * (1 + (LAYER >= 0))),
                      dtype=np.float32)
    spans = np.asarray(tokens.spans, dtype=np.int64).reshape(-1, 2)
    for k, (sentence, enc) in enumerate(zip(doc.sentences, encoded)):
        idx = np.flatnonzero(tokens.sentence == k)
        if not len(idx):
            continue
        pieces = first_pieces(enc.offsets, spans[idx] - sentence.start)
        ok = pieces >= 0
        states[idx[ok]] = enc.states[pieces[ok]]
    return states


def features(states: np.ndarray, tokens, vectors: np.ndarray, variant: str) -> np.ndarray:
    if variant == "plain":
        return states
    zero = np.zeros((1, states.shape[1]), dtype=np.float32)
    parts = [np.vstack([zero, states[:-1]]), states, np.vstack([states[1:], zero])]
    if variant == "nb1s":
        padded = np.vstack([vectors, np.zeros((1, states.shape[1]), dtype=np.float32)])
        parts.append(padded[np.where(tokens.sentence >= 0, tokens.sentence, len(vectors))])
    return np.hstack(parts)


def article_data(annotations, split: str):
    """Per article: its doc, tokens, sentence vectors, token states and the annotators' O/B/I targets
    (averaged). The encodings are cached in CACHE/<split>.npz (numbers only)."""
    by_article: dict[str, list] = {}
    for ann in annotations:
        by_article.setdefault(ann.article, []).append(ann)
    path = CACHE / f"{split}-{len(by_article)}{f'-layer{LAYER}' if LAYER >= 0 else ''}.npz"
    cached = dict(np.load(path)) if path.exists() else {}
    result = {}
    start = time.time()
    for n, (article, anns) in enumerate(sorted(by_article.items()), 1):
        doc = build_document(anns[0].text, title="")
        tokens = standard.tokenize(doc)
        if f"{article}/states" in cached:
            vectors, states = cached[f"{article}/vectors"], cached[f"{article}/states"]
        else:
            encoded = contextual.encode([doc.text[s.start:s.end] for s in doc.sentences], ENCODER)
            vectors = np.array([e.vector for e in encoded], dtype=np.float32).reshape(len(encoded), -1)
            states = token_states(doc, tokens, encoded)
        targets = np.zeros((len(tokens.spans), len(ROLES), 3), dtype=np.float32)
        for ann in anns:
            for r, role in enumerate(ROLES):
                labels = standard.labels_from_spans(tokens, ann.spans[role])
                targets[np.arange(len(labels)), r, ["OBI".index(x) for x in labels]] += 1.0 / len(anns)
        result[article] = (doc, tokens, vectors, states, targets, anns)
        if n % 100 == 0:
            print(f"  {n} articles, {time.time() - start:.0f} s", file=sys.stderr)
    if not cached:
        np.savez(path, **{f"{a}/{k}": v for a, r in result.items() for k, v in (("vectors", r[2]), ("states", r[3]))})
    return result


class Head:
    """A linear O/B/I head per role on standardised features, fitted by L-BFGS on soft targets."""

    def __init__(self, l2: float = 1e-3):
        self.l2 = l2

    def fit(self, X: np.ndarray, T: np.ndarray, inside: np.ndarray) -> "Head":
        Z, T = X[inside], T[inside].reshape(int(inside.sum()), -1)  # a copy, standardised in place
        del X
        self.mean, self.std = Z.mean(axis=0), Z.std(axis=0) + 1e-6
        Z -= self.mean
        Z /= self.std
        n, d = Z.shape
        k = T.shape[1]

        def loss(w):
            W = w.reshape(d + 1, k).astype(np.float32)
            logits = (Z @ W[:-1] + W[-1]).reshape(n, len(ROLES), 3)
            logits -= logits.max(axis=2, keepdims=True)
            log_p = logits - np.log(np.exp(logits).sum(axis=2, keepdims=True))
            value = -(T.reshape(n, len(ROLES), 3) * log_p).sum() / n + 0.5 * self.l2 * float((W[:-1] ** 2).sum())
            g = (np.exp(log_p) - T.reshape(n, len(ROLES), 3)).reshape(n, k) / n
            grad = np.vstack([Z.T @ g + self.l2 * W[:-1], g.sum(axis=0, keepdims=True)])
            return float(value), grad.astype(np.float64).ravel()

        found = minimize(loss, np.zeros((d + 1) * k), jac=True, method="L-BFGS-B", options={"maxiter": MAXITER})
        W = found.x.reshape(d + 1, k).astype(np.float32)
        # folded back to raw features: logits = X @ weight + bias
        self.weight = W[:-1] / self.std[:, None]
        self.bias = W[-1] - self.mean @ self.weight
        return self

    def log_probs(self, X: np.ndarray) -> np.ndarray:
        logits = (X @ self.weight + self.bias).reshape(len(X), len(ROLES), 3)
        logits -= logits.max(axis=2, keepdims=True)
        return logits - np.log(np.exp(logits).sum(axis=2, keepdims=True))


class MLPHead:
    """One hidden ReLU layer, then O/B/I per role; Adam on mini-batches (a richer head on the same states)."""

    def __init__(self, hidden: int = 256, epochs: int = 10, lr: float = 1e-3, batch: int = 256, seed: int = SEED):
        self.hidden, self.epochs, self.lr, self.batch, self.seed = hidden, epochs, lr, batch, seed

    def fit(self, X: np.ndarray, T: np.ndarray, inside: np.ndarray) -> "MLPHead":
        Z, T = X[inside], T[inside].reshape(int(inside.sum()), -1)
        self.mean, self.std = Z.mean(axis=0), Z.std(axis=0) + 1e-6
        Z -= self.mean
        Z /= self.std
        rng = np.random.default_rng(self.seed)
        d, k = Z.shape[1], T.shape[1]
        params = [rng.normal(0, np.sqrt(2 / d), (d, self.hidden)).astype(np.float32), np.zeros(self.hidden, np.float32),
                  np.zeros((self.hidden, k), np.float32), np.zeros(k, np.float32)]
        moments = [[np.zeros_like(p), np.zeros_like(p)] for p in params]
        step = 0
        for epoch in range(self.epochs):
            order = rng.permutation(len(Z))
            for first in range(0, len(Z), self.batch):
                rows = order[first:first + self.batch]
                z, t = Z[rows], T[rows]
                h = np.maximum(z @ params[0] + params[1], 0)
                p = np.exp(_log_softmax((h @ params[2] + params[3]).reshape(len(rows), -1, 3))).reshape(len(rows), k)
                g = (p - t) / len(rows)
                gh = (g @ params[2].T) * (h > 0)
                grads = [z.T @ gh, gh.sum(axis=0), h.T @ g, g.sum(axis=0)]
                step += 1
                for param, grad, (m, v) in zip(params, grads, moments):
                    m *= 0.9
                    m += 0.1 * grad
                    v *= 0.999
                    v += 0.001 * grad * grad
                    param -= self.lr * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
            print(f"  epoch {epoch + 1}", file=sys.stderr, flush=True)
        self.params = params
        return self

    def log_probs(self, X: np.ndarray) -> np.ndarray:
        h = np.maximum(((X - self.mean) / self.std) @ self.params[0] + self.params[1], 0)
        return _log_softmax((h @ self.params[2] + self.params[3]).reshape(len(X), len(ROLES), 3))


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=2, keepdims=True)
    return logits - np.log(np.exp(logits).sum(axis=2, keepdims=True))


class OnePassTagger:
    """tag(doc) as ContextualTagger's, from the bias encoder's per-sentence states and a Head."""

    def __init__(self, head: Head, variant: str):
        self.head, self.variant = head, variant

    def tag(self, doc):
        tokens = standard.tokenize(doc)
        encoded = contextual.encode([doc.text[s.start:s.end] for s in doc.sentences], ENCODER)
        vectors = np.array([e.vector for e in encoded], dtype=np.float32).reshape(len(encoded), -1)
        scores = self.head.log_probs(features(token_states(doc, tokens, encoded), tokens, vectors, self.variant))
        return decode(doc, tokens, scores)


def decode(doc, tokens, scores) -> dict[str, list[tuple[int, int]]]:
    result: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    for _, _, chosen in chunks(doc, tokens):
        part = tokens.subset(chosen.tolist())
        for r, role in enumerate(ROLES):
            result[role] += standard.spans_from_labels(part, standard.viterbi(scores[chosen, r]))
    return result


def stacked(data, articles, variant):
    X, T, inside = [], [], []
    for a in articles:
        doc, tokens, vectors, states, targets, _ = data[a]
        X.append(features(states, tokens, vectors, variant))
        T.append(targets)
        inside.append(tokens.sentence >= 0)
    return np.vstack(X), np.concatenate(T), np.concatenate(inside)


def scores_on(data, articles, head, variant) -> dict:
    counts = polnear.SpanCounts()
    for a in articles:
        doc, tokens, vectors, states, _, anns = data[a]
        predicted = decode(doc, tokens, head.log_probs(features(states, tokens, vectors, variant)))
        for ann in anns:
            counts.add(ann.text, ann.spans, predicted)
    return counts.scores()


def f1s(scores) -> dict:
    return {**polnear._f1s(scores), "overlap": {r: round(scores["overlap"][r]["f1"], 3) for r in ROLES}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--variants", default="plain,nb1,nb1s")
    parser.add_argument("--l2", default="1e-3")
    parser.add_argument("--folds-run", type=int, default=FOLDS, help="1: one held-out fifth of train only")
    parser.add_argument("--head", help="a head saved by an earlier dev step: no fitting, train not read")
    parser.add_argument("--mlp", action="store_true", help="a head with one hidden layer of 256 (cv only)")
    parser.add_argument("--limit", type=int, default=0, help="first N train articles only (a smoke test)")
    parser.add_argument("steps", help="comma-separated: cv (5 folds by article on train), dev (tagger alone), audit, insample")
    args = parser.parse_args()
    steps, variants, l2s = args.steps.split(","), args.variants.split(","), [float(x) for x in args.l2.split(",")]
    annotations = [] if args.head and "insample" not in steps else polnear.load(Path(args.data), "train")
    if args.limit:
        keep = sorted({a.article for a in annotations})[:args.limit]
        annotations = [a for a in annotations if a.article in keep]
    train = article_data(annotations, "train")
    names = sorted(train)
    if "cv" in steps:
        fold_of = dict(zip(names, np.random.default_rng(SEED).permutation(len(names)) % FOLDS))
        for variant in variants:
            for l2 in l2s:
                counts = polnear.SpanCounts()
                for fold in range(args.folds_run):
                    make = MLPHead() if args.mlp else Head(l2)
                    head = make.fit(*stacked(train, [a for a in names if fold_of[a] != fold], variant))
                    for a in (a for a in names if fold_of[a] == fold):
                        doc, tokens, vectors, states, _, anns = train[a]
                        predicted = decode(doc, tokens, head.log_probs(features(states, tokens, vectors, variant)))
                        for ann in anns:
                            counts.add(ann.text, ann.spans, predicted)
                print(json.dumps({"step": f"cv {args.folds_run}/{FOLDS}", "variant": variant, "l2": l2, "mlp": args.mlp, **f1s(counts.scores())}), flush=True)
    if "insample" in steps:  # a saved head (--head) on the train articles it was fitted on
        head = Head()
        with np.load(args.head) as saved:
            head.weight, head.bias = saved["weight"], saved["bias"]
        print(json.dumps({"step": "train, in sample", "variant": variants[0],
                          **f1s(scores_on(train, names, head, variants[0]))}), flush=True)
    if "dev" not in steps and "audit" not in steps:
        return
    dev = article_data(polnear.load(Path(args.data), "dev"), "dev")
    for variant in variants:
        for l2 in l2s:
            if args.head:
                head = Head(l2)
                with np.load(args.head) as saved:
                    head.weight, head.bias = saved["weight"], saved["bias"]
            else:
                head = Head(l2).fit(*stacked(train, names, variant))
                suffix = f"-layer{LAYER}" if LAYER >= 0 else ""
                np.savez(CACHE / f"head-{variant}-{l2:g}{suffix}.npz", weight=head.weight, bias=head.bias)
            print(json.dumps({"step": "dev tagger", "variant": variant, "l2": l2,
                              **f1s(scores_on(dev, sorted(dev), head, variant))}), flush=True)
            if "audit" in steps:
                from framing.models import contextual_tagger

                contextual_tagger.shipped = lambda: OnePassTagger(head, variant)
                result = polnear.evaluate(Path(args.data), "dev", contextual=True)
                print(json.dumps({"step": "dev audit", "variant": variant, "l2": l2,
                                  "exact": {r: round(result["exact"][r]["f1"], 3) for r in ROLES},
                                  "overlap": {r: round(result["overlap"][r]["f1"], 3) for r in ROLES},
                                  "claim_precision": round(result["claim_precision"], 3),
                                  "claims": result["claims"]}), flush=True)


if __name__ == "__main__":
    CACHE.mkdir(parents=True, exist_ok=True)
    if LAYER >= 0:
        with_layer(LAYER)
    main()
