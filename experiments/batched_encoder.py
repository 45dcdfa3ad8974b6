"""Issue 28, session 26: a text's sentences (and tagger chunks) through the int8 encoder in padded
runs of up to N wordpieces (onnx_encoder.PIECES_PER_RUN) against each alone (N = 1).

int8's dynamic quantisation scales activations per run, so a sentence's states change with the
others of its run. This measures by how much, on real texts, with the shipped adapters and heads:
  babe     BABE's sentences in groups of 40 (an article's worth, file order, by outlet): P(biased)
           and word logits, labels at 0.5 and flagged words at the heads' threshold, macro-F1 and
           word F1 of the heads alone both ways (in-sample: the heads were fitted on all of BABE, so
           only the paired change counts), and each way's distance from the fp32 graph
  articles PolNeAR dev and train and BASIL articles, split into sentences as audits split them:
           the same for their sentences, and the contextual tagger's spans alone against batched
  audits   the JSON of `audit_text` (the default mode) of every 31st PolNeAR text both ways
  polnear  `framing evaluate polnear --contextual`'s figures (dev) at each N
  speed    CPU (one thread) of the two passes of bench/run.py's 700-word article at each N
  speed-news  the same over the first 40 PolNeAR articles (those of `framing batch` in PERFORMANCE.md)

  PYTHONPATH=. OPENBLAS_NUM_THREADS=1 python experiments/batched_encoder.py --data ../shared/data \
      --budgets 128 babe articles audits polnear speed

Figures: docs/PERFORMANCE.md and docs/EVALUATION.md, "Batched encoder runs, session 26 (issue 28)".
Nothing of the data is written anywhere; only counts and figures are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from framing.models import contextual, contextual_tagger, onnx_encoder
from framing.models import attribution_tagger as standard
from framing.models.word_model import is_content, words
from framing.text.document import build_document

ROOT = Path(__file__).resolve().parent.parent
GROUP = 40


def runs_of(budget: int):
    """Every encoder run from now on holds up to `budget` wordpieces (1: each text alone)."""
    onnx_encoder.PIECES_PER_RUN = budget


def sentence_outputs(texts: list[str], encoder, heads) -> tuple[np.ndarray, list[np.ndarray], list]:
    """P(biased) per text, the word head's logits per content word, and the content words."""
    encoded = contextual.encode(texts, encoder)
    probabilities = heads.sentence_probabilities(encoded)
    weight, bias = heads.arrays[f"head.{contextual.WORD_TASK}.weight"], float(heads.arrays[f"head.{contextual.WORD_TASK}.bias"][0])
    found = [[w for w in words(t) if is_content(w.text)] for t in texts]
    logits = [e.word_logits([(w.start, w.end) for w in f], weight, bias) if f else np.zeros(0) for e, f in zip(encoded, found)]
    return probabilities, logits, found


class Changes:
    """Alone against batched: the largest and mean change of P(biased) and of word logits, and how
    many labels (P >= 0.5) and flagged words (P >= threshold) change."""

    def __init__(self, threshold: float):
        self.threshold, self.dp, self.dlogit = np.log(threshold / (1 - threshold)), [], []
        self.labels = self.sentences = self.flags = self.flagged = self.words = 0

    def add(self, a, b):
        (pa, la, _), (pb, lb, _) = a, b
        self.dp += np.abs(pa - pb).tolist()
        self.sentences += len(pa)
        self.labels += int(((pa >= 0.5) != (pb >= 0.5)).sum())
        for x, y in zip(la, lb):
            finite = np.isfinite(x) & np.isfinite(y)
            self.dlogit += np.abs(x[finite] - y[finite]).tolist()
            self.words += len(x)
            self.flags += int(((x >= self.threshold) != (y >= self.threshold)).sum())
            self.flagged += int((x >= self.threshold).sum())

    def report(self) -> dict:
        return {"sentences": self.sentences, "P max": round(max(self.dp), 4), "P mean": round(statistics.mean(self.dp), 5),
                "labels changed": self.labels, "logit max": round(max(self.dlogit), 3),
                "logit mean": round(statistics.mean(self.dlogit), 4), "words": self.words,
                "flagged alone": self.flagged, "flags changed": self.flags}


def babe(data: Path, budgets: list[int]) -> None:
    from sklearn.metrics import f1_score

    from framing.training.data import load_babe

    rows = load_babe(data)
    heads = contextual.shipped_heads()
    encoder = contextual._adapted()
    groups = [rows[i:i + GROUP] for i in range(0, len(rows), GROUP)]
    print(f"BABE: {len(rows)} sentences in {len(groups)} groups of up to {GROUP} (file order)")
    outputs = {}
    for budget in [1, *budgets]:
        runs_of(budget)
        outputs[budget] = [sentence_outputs([r.text for r in g], encoder, heads) for g in groups]
    os.environ["FRAMING_ENCODER"] = "fp32"
    fp32 = contextual.adapted(heads.arrays)
    os.environ.pop("FRAMING_ENCODER")
    runs_of(1)
    outputs["fp32"] = [sentence_outputs([r.text for r in g], fp32, heads) for g in groups]
    labels = np.array([int(r.biased) for r in rows])
    threshold = np.log(heads.threshold / (1 - heads.threshold))
    for key, out in outputs.items():
        p = np.concatenate([o[0] for o in out])
        tp = predicted = gold = 0
        for (logits, found), row in zip(((l, f) for o in out for l, f in zip(o[1], o[2])), rows):
            flagged = {w.text.lower() for w, x in zip(found, logits) if x >= threshold}
            tp, predicted, gold = tp + len(flagged & row.gold_words), predicted + len(flagged), gold + len(row.gold_words)
        word_f1 = 2 * tp / (predicted + gold)
        line = {"runs": key, "sentence macro-F1": round(f1_score(labels, (p >= 0.5).astype(int), average="macro"), 4),
                "word F1 at threshold": round(word_f1, 4)}
        if key != "fp32":
            changes, to_fp32 = Changes(heads.threshold), Changes(heads.threshold)
            for a, b, c in zip(outputs[1], out, outputs["fp32"]):
                changes.add(a, b)
                to_fp32.add(c, b)
            line |= {"against alone": changes.report() if key != 1 else "-", "against fp32": to_fp32.report()}
        print(json.dumps(line))


def real_articles(data: Path) -> list[tuple[str, str]]:
    from framing.training import basil

    found = []
    for split in ("dev", "train"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt"))[::4]:
            found.append((f"polnear/{split}", path.read_text(encoding="utf-8")))
    found += [("basil", a.text) for a in basil.load(data)]
    return found


def articles(data: Path, budgets: list[int]) -> None:
    heads = contextual.shipped_heads()
    encoder = contextual._adapted()
    tagger = contextual_tagger.shipped()
    texts = real_articles(data)
    docs = [build_document(t) for _, t in texts]
    print(f"{len(texts)} articles: " + ", ".join(f"{k} {sum(1 for s, _ in texts if s == k)}" for k in ("polnear/dev", "polnear/train", "basil")))
    os.environ["FRAMING_ENCODER"] = "fp32"
    fp32 = contextual.adapted(heads.arrays)
    os.environ.pop("FRAMING_ENCODER")
    runs_of(1)
    reference = [sentence_outputs([d.text[s.start:s.end] for s in d.sentences], fp32, heads) for d in docs]
    alone_sentences, alone_tags = None, None
    for budget in [1, *budgets]:
        runs_of(budget)
        sentences = [sentence_outputs([d.text[s.start:s.end] for s in d.sentences], encoder, heads) for d in docs]
        to_fp32 = Changes(heads.threshold)
        for a, b in zip(reference, sentences):
            to_fp32.add(a, b)
        if budget == 1:
            alone_sentences, alone_tags = sentences, [tagger.tag(d) for d in docs]
            print(json.dumps({"runs": 1, "sentences against fp32": to_fp32.report()}))
            continue
        tags = [tagger.tag(d) for d in docs]
        changes = Changes(heads.threshold)
        for a, b in zip(alone_sentences, sentences):
            changes.add(a, b)
        spans = {role: [0, 0, 0] for role in contextual_tagger.ROLES}  # alone, batched, in both
        articles_changed = 0
        for a, b in zip(alone_tags, tags):
            articles_changed += a != b
            for role in spans:
                sa, sb = set(a[role]), set(b[role])
                spans[role][0] += len(sa)
                spans[role][1] += len(sb)
                spans[role][2] += len(sa & sb)
        print(json.dumps({"runs": budget, "sentences": changes.report(), "sentences against fp32": to_fp32.report(),
                          "tagger spans (alone, batched, same)": spans,
                          "articles whose tagger spans change": articles_changed}))


def audits(data: Path, budgets: list[int]) -> None:
    from framing.api import audit_text
    from framing.outputs.serialize import to_dict

    texts = [p.read_text(encoding="utf-8") for split in ("train", "dev")
             for p in sorted((data / "polnear" / split / "text").glob("*.txt"))][::31]
    outputs = {}
    for budget in [1, *budgets]:
        runs_of(budget)
        outputs[budget] = [to_dict(audit_text(t, hints=i % 3 == 0)) for i, t in enumerate(texts)]
    for budget in budgets:
        same = findings = findings_changed = attributions = attributions_changed = scores = 0
        for a, b in zip(outputs[1], outputs[budget]):
            same += a == b
            fa = {(f["rule"], f["start"], f["end"]) for f in a["findings"]}
            fb = {(f["rule"], f["start"], f["end"]) for f in b["findings"]}
            findings, findings_changed = findings + len(fa), findings_changed + len(fa ^ fb)
            aa = [json.dumps(x, sort_keys=True) for x in a["attributions"]]
            ab = [json.dumps(x, sort_keys=True) for x in b["attributions"]]
            attributions, attributions_changed = attributions + len(aa), attributions_changed + len(set(aa) ^ set(ab))
            scores += a["scores"] != b["scores"]
        print(json.dumps({"runs": budget, "texts": len(texts), "identical JSON": same, "findings alone": findings,
                          "findings in one only": findings_changed, "attributions alone": attributions,
                          "attributions in one only": attributions_changed, "texts whose scores change": scores}))


def polnear_figures(data: Path, budgets: list[int]) -> None:
    from framing.training import polnear

    for budget in [1, *budgets]:
        runs_of(budget)
        print(json.dumps({"runs": budget, **polnear.evaluate(data, "dev", contextual=True)}))


def speed(budgets: list[int], rounds: int = 9) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from run import article_700_words

    contextual.set_threads(1)
    doc = build_document(article_700_words())
    sentences = [doc.text[s.start:s.end] for s in doc.sentences]
    chunks = [doc.text[a:b] for a, b, _ in contextual_tagger.chunks(doc, standard.tokenize(doc))]
    passes = (("sentences", contextual._adapted(), sentences), ("chunks", contextual_tagger.shipped().encoder, chunks))
    times = {(name, b): [] for name, _, _ in passes for b in [1, *budgets]}
    for _ in range(rounds):  # budgets interleaved, round after round
        for name, encoder, texts in passes:
            for budget in [1, *budgets]:
                start = time.thread_time()
                encoder.run(texts, budget)
                times[name, budget].append((time.thread_time() - start) * 1000)
    for (name, budget), t in times.items():
        print(f"{name} ({len(passes[0][2]) if name == 'sentences' else len(chunks)} texts), {budget} pieces a run: "
              f"median {statistics.median(t):.1f} ms CPU of {rounds}, ratio to alone {statistics.median(t) / statistics.median(times[name, 1]):.2f}")


def speed_news(data: Path, budgets: list[int], count: int = 40, rounds: int = 3) -> None:
    """CPU (one thread) of both passes over the first `count` of bench/run.py's real articles, each
    budget in turn, round after round."""
    contextual.set_threads(1)
    texts = [p.read_text(encoding="utf-8") for split in ("train", "dev")
             for p in sorted((data / "polnear" / split / "text").glob("*.txt"))][:count]
    docs = [build_document(t) for t in texts]
    sentence_encoder, tagger = contextual._adapted(), contextual_tagger.shipped()
    work = [([d.text[s.start:s.end] for s in d.sentences],
             [d.text[a:b] for a, b, _ in contextual_tagger.chunks(d, standard.tokenize(d))]) for d in docs]
    times = {(name, b): [] for name in ("sentences", "chunks") for b in [1, *budgets]}
    for _ in range(rounds):
        for budget in [1, *budgets]:
            for name, encoder, k in (("sentences", sentence_encoder, 0), ("chunks", tagger.encoder, 1)):
                start = time.thread_time()
                for texts_of_one in work:
                    encoder.run(texts_of_one[k], budget)
                times[name, budget].append((time.thread_time() - start) * 1000 / len(work))
    words = sum(len(t.split()) for t in texts) / len(texts)
    for (name, budget), t in times.items():
        print(f"{len(work)} PolNeAR articles ({words:.0f} words on average), {name}, {budget} pieces a run: median "
              f"{statistics.median(t):.1f} ms CPU an article of {rounds} rounds, ratio to alone "
              f"{statistics.median(t) / statistics.median(times[name, 1]):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--budgets", default="128", help="pieces per run to compare with 1 (alone), comma-separated")
    parser.add_argument("steps", nargs="+", choices=["babe", "articles", "audits", "polnear", "speed", "speed-news"])
    args = parser.parse_args()
    budgets = [int(b) for b in args.budgets.split(",")]
    for step in args.steps:
        print(f"== {step}", flush=True)
        {"babe": lambda: babe(args.data, budgets), "articles": lambda: articles(args.data, budgets),
         "audits": lambda: audits(args.data, budgets), "polnear": lambda: polnear_figures(args.data, budgets),
         "speed": lambda: speed(budgets), "speed-news": lambda: speed_news(args.data, budgets)}[step]()


if __name__ == "__main__":
    main()
