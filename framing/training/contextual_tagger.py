"""Training the contextual attribution tagger (framing/models/contextual_tagger.py): its adapters and
tag head fine-tuned on PolNeAR train, measured on dev."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from framing.models import attribution_tagger as standard
from framing.models import contextual
from framing.models.adapters import merge
from framing.models.contextual_tagger import COMMAND, FORMAT, MODEL_FILE, ROLES, ContextualTagger, chunks
from framing.text.document import build_document
from framing.training import finetune, polnear


def training_units(annotations) -> list[tuple[str, list[tuple[int, int, tuple[int, ...]]]]]:
    """Every chunk of every annotation file, with its tokens' spans (within the chunk) and
    O/B/I indexes per role."""
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
    tokenizer, model = contextual.load_encoder()
    arrays = finetune.fine_tune_tagger(model, tokenizer, training_units(polnear.load(data, "train")), ROLES, log)
    merge(model, arrays)
    tagger = ContextualTagger(arrays, {}, (tokenizer, model))
    dev = polnear.tagger_scores(tagger, polnear.load(data, "dev"))
    card = {"model": "contextual attribution tagger (cue, source, content)",
            "data": "PolNeAR (Newell, Margolin and Ruths, LREC 2018), train split", "trained": date.today().isoformat(),
            "dev_f1": polnear._f1s(dev), "command": COMMAND}
    out_dir.mkdir(parents=True, exist_ok=True)
    contextual.save_arrays(out_dir / MODEL_FILE, arrays, {"format": FORMAT, "card": card})
    return card
