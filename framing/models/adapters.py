"""Low-rank adapters (LoRA) at run time: which layers carry them and how they merge into the frozen
encoder's weights, and where a token's first wordpiece is. Training them is framing/training/finetune.py."""

from __future__ import annotations

import bisect

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


def first_pieces(offsets, spans: list[tuple[int, int]]) -> list[int | None]:
    """For each (start, end) span, the index of the first wordpiece starting inside it (None when the
    text was cut before it). Training and tagging read a token's labels there."""
    pieces = [(int(start), j) for j, (start, end) in enumerate(offsets) if end > start]
    starts = [start for start, _ in pieces]
    found = []
    for start, end in spans:
        k = bisect.bisect_left(starts, start)
        found.append(pieces[k][1] if k < len(pieces) and starts[k] < end else None)
    return found
