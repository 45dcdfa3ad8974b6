"""Low-rank adapters (LoRA) at run time: which layers carry them and how they merge into the frozen
encoder's weights, and where a token's first wordpiece is. Training them is framing/training/finetune.py."""

from __future__ import annotations

import numpy as np

RANK, ALPHA = 8, 16
ADAPTED = ("attention.self.query", "attention.self.value", "intermediate.dense", "output.dense")


def adapted_names(model) -> list[str]:
    """The dotted names of the linear layers that get adapters, in a fixed order."""
    return [f"encoder.layer.{i}.{part}" for i in range(len(model.encoder.layer)) for part in ADAPTED]


def merge(model, arrays: dict[str, np.ndarray]) -> None:
    """Add each adapter's B @ A (scaled) to its layer's weight, in place."""
    import torch  # lazy: the optional contextual extra

    with torch.no_grad():
        for name in adapted_names(model):
            layer = model.get_submodule(name)
            change = arrays[f"{name}.b"] @ arrays[f"{name}.a"] * (ALPHA / RANK)
            layer.weight += torch.from_numpy(change.astype(np.float32))


def merge_arrays(weights: dict[str, np.ndarray], arrays: dict[str, np.ndarray], layers: int = 6) -> dict[str, np.ndarray]:
    """`weights` (the encoder's arrays by name, torch's (out, in) layout) with each adapter's B @ A
    (scaled) added to its layer's weight, as `merge` does in torch; a new dict, `weights` untouched."""
    merged = dict(weights)
    for name in (f"encoder.layer.{i}.{part}" for i in range(layers) for part in ADAPTED):
        change = arrays[f"{name}.b"] @ arrays[f"{name}.a"] * (ALPHA / RANK)
        merged[f"{name}.weight"] = weights[f"{name}.weight"] + change.astype(np.float32)
    return merged


def first_pieces(offsets, spans) -> np.ndarray:
    """For each (start, end) span, the index of the first wordpiece starting inside it (-1 when the
    text was cut before it). Training and tagging read a token's labels there."""
    offsets = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)
    spans = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    pieces = np.flatnonzero(offsets[:, 1] > offsets[:, 0])  # special tokens have empty spans
    starts = offsets[pieces, 0]
    k = np.searchsorted(starts, spans[:, 0])  # the first piece starting at or after the span's start
    hit = np.flatnonzero(k < len(starts))
    hit = hit[starts[k[hit]] < spans[hit, 1]]
    found = np.full(len(spans), -1, dtype=np.int64)
    found[hit] = pieces[k[hit]]
    return found
