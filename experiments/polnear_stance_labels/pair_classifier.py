"""Target-aware stance on (source, actor) pairs: the rules against a fine-tuned encoder (session 29, not
shipped; docs/EVALUATION.md "Sides against hand labels of real news"). It read the pairs dumped by
dump_pairs.py and the readers' raw label files (/work/stance/labels/*.jsonl, with their reasons, which
quote the articles and so are not committed; framing/training/labels/polnear_stance.jsonl holds the same
labels by offsets). Needs torch (the train extra):  python pair_classifier.py [rules]"""
import json, sys, glob, collections
from pathlib import Path
import numpy as np

DATA = Path("/work/shared/data/polnear")
LABELS = {"critical": 0, "supportive": 1, "neutral": 2, "none": 2}
NAMES = ["critical", "supportive", "none"]


def load(split):
    items = {}
    for a in json.load(open(f"/work/stance/items/{split}-29.json")):
        text = (DATA / split / "text" / f"{a['article']}.txt").read_text(encoding="utf-8")
        for p in a["pairs"]:
            p["text"], p["article"] = text, a["article"]
            items[p["pair"]] = p
    labelled = []
    for f in sorted(glob.glob(f"/work/stance/labels/{split}-*.jsonl")):
        for line in open(f):
            try:
                row = json.loads(line)
            except ValueError:
                continue
            p = items.get(row.get("pair"))
            if p is not None and row.get("label") in LABELS:
                labelled.append((p, LABELS[row["label"]]))
    return labelled


def context(p, limit=1200):
    text = p["text"]
    parts = [p["role"] or p["source"]]
    for s in p["said"]:
        spans = [s["cue"][:2]] + ([s["content"]] if s["content"] else [])
        start, end = min(a for a, _ in spans), max(b for _, b in spans)
        parts.append(text[start:end].replace("\n", " "))
    return f"{p['source']}: " + " | ".join(parts)[:limit]


def rules_report(rows):
    pred = collections.Counter()
    for p, y in rows:
        r = {"critical": 0, "supportive": 1}.get(p["rules"], 2)
        pred[(r, y)] += 1
    for c in (0, 1):
        tp = pred[(c, c)]; fp = sum(pred[(c, y)] for y in range(3)) - tp; fn = sum(pred[(r, c)] for r in range(3)) - tp
        print(f"  rules {NAMES[c]}: P {tp}/{tp+fp} R {tp}/{tp+fn}")


def train(rows, epochs=6, weights=(4.0, 6.0, 1.0)):
    import torch
    from framing.models import contextual
    from framing.training import finetune
    tokenizer, model = contextual.load_encoder()
    enc = tokenizer([p["actor"] for p, _ in rows], [context(p) for p, _ in rows], truncation="only_second", max_length=256)
    labels = [y for _, y in rows]

    def make_heads():
        return torch.nn.ModuleDict({"stance": torch.nn.Linear(model.config.hidden_size, 3)})

    w = torch.tensor(weights)

    def loss(heads, batch, states, mask):
        logits = heads["stance"](finetune.mean_pooled(states, mask))
        return torch.nn.functional.cross_entropy(logits, torch.tensor([labels[i] for i in batch]), weight=w)

    arrays = finetune.train_adapters(model, enc["input_ids"], make_heads, loss, print, epochs)
    return tokenizer, model, arrays


def predict(tokenizer, model, arrays, rows):
    import torch
    from framing.models.adapters import merge
    from framing.training import finetune
    merge(model, arrays)
    out = []
    with torch.no_grad():
        for k in range(0, len(rows), 32):
            part = rows[k:k + 32]
            enc = tokenizer([p["actor"] for p, _ in part], [context(p) for p, _ in part], truncation="only_second",
                            max_length=256, padding=True, return_tensors="pt")
            states = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
            logits = finetune.mean_pooled(states, enc["attention_mask"]).numpy() @ arrays["head.stance.weight"].T + arrays["head.stance.bias"]
            e = np.exp(logits - logits.max(1, keepdims=True)); out.append(e / e.sum(1, keepdims=True))
    return np.concatenate(out)


if __name__ == "__main__":
    train_rows, dev_rows = load("train"), load("dev")
    for name, rows in (("train", train_rows), ("dev", dev_rows)):
        print(name, len(rows), collections.Counter(NAMES[y] for _, y in rows))
        rules_report(rows)
    if "rules" in sys.argv:
        sys.exit()
    tok, model, arrays = train(train_rows)
    np.savez("/work/stance/stance_head.npz", **arrays)
    probs = predict(tok, model, arrays, dev_rows)
    np.save("/work/stance/dev_probs.npy", probs)
    y = np.array([y for _, y in dev_rows]); rules = np.array([{"critical": 0, "supportive": 1}.get(p["rules"], 2) for p, _ in dev_rows])
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        pred = np.where(probs[:, :2].max(1) >= t, probs[:, :2].argmax(1), 2)
        for label, chosen in (("model", pred), ("rules+model", np.where(rules < 2, rules, pred))):
            msg = []
            for c in (0, 1):
                tp = int(((chosen == c) & (y == c)).sum()); fp = int(((chosen == c) & (y != c)).sum()); fn = int(((chosen != c) & (y == c)).sum())
                msg.append(f"{NAMES[c]} P {tp}/{tp+fp} R {tp}/{tp+fn}")
            print(f"t {t} {label}: " + "; ".join(msg))
