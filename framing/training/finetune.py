"""Fine-tuning the contextual encoder with low-rank adapters (LoRA, Hu et al. 2021).

The encoder's own weights stay frozen; each adapted linear layer W learns a low-rank change
B @ A (rank RANK), and small heads read the result: for the bias model one P(biased) per sentence
and one P(loaded) per wordpiece for each word task (fine_tune), for the attribution tagger O/B/I
per role at each token's first wordpiece (fine_tune_tagger). Only the adapters and heads are saved
(about 1 MB each, numpy .npz, no pickle); at run time the change is merged into W (merge), so an
adapted encoder costs what the frozen one does. Needs the contextual extra (torch); imported only
by training and by `contextual.with_adapters`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from framing.models.adapters import ALPHA, RANK, adapted_names, first_pieces

EPOCHS, BATCH, LEARNING_RATE, WARMUP = 3, 16, 1e-3, 0.06
MAX_PIECES = 128  # training sentences are cut here (BABE's longest is shorter)
POSITIVE_WEIGHT = 8.0  # loaded words are rare: their loss counts this much more
SEED = 0
IGNORED = -1


@dataclass
class Sample:
    """One training sentence: its BABE label (None when unknown) and, per word task, the character
    spans of its words with a 0/1 label each (wordpieces outside any listed word are ignored)."""
    text: str
    biased: int | None = None
    words: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)


def fine_tune(model, tokenizer, samples: list[Sample], word_tasks: tuple[str, ...], log=None) -> dict[str, np.ndarray]:
    """Adapters and heads for sentence bias and each word task, trained on `samples`; returns every
    trained array by name: adapters '<layer>.a'/'.b', heads 'head.<task>.weight'/'.bias'."""
    import torch  # lazy: the optional contextual extra

    encoded = tokenizer([s.text for s in samples], truncation=True, max_length=MAX_PIECES,
                        return_offsets_mapping=True)
    targets = {task: [_piece_labels(offsets, s.words.get(task)) for offsets, s in zip(encoded["offset_mapping"], samples)]
               for task in word_tasks}

    def make_heads():
        return torch.nn.ModuleDict({task: torch.nn.Linear(model.config.hidden_size, 1)
                                    for task in ("sentence", *word_tasks)})

    def loss(heads, batch, states, mask):
        total = _sentence_loss(heads["sentence"], states, mask, [samples[i].biased for i in batch])
        for task in word_tasks:
            total = total + _word_loss(heads[task], states, [targets[task][i] for i in batch])
        return total

    return train_adapters(model, encoded["input_ids"], make_heads, loss, log)


def train_adapters(model, ids: list[list[int]], make_heads, loss, log=None, epochs: int | None = None,
                   batch_size: int = BATCH) -> dict[str, np.ndarray]:
    """The training loop shared by every task: adapters on the encoder, heads (a ModuleDict from
    `make_heads()`) on top, `loss(heads, batch, states, mask)` to minimise over EPOCHS (or `epochs`)
    of shuffled batches of `ids`.
    Deterministic for a given machine and thread count; the model is left as it was."""
    import torch  # lazy: the optional contextual extra

    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    wrapped = _wrap(model)
    heads = make_heads()  # after the adapters: both drawn from the seeded generator in a fixed order
    parameters = [p for m in wrapped.values() for p in (m.a, m.b)] + list(heads.parameters())
    epochs = epochs or EPOCHS
    rng = np.random.default_rng(SEED)
    steps = epochs * math.ceil(len(ids) / batch_size)
    optimiser = torch.optim.AdamW(parameters, lr=LEARNING_RATE, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / (WARMUP * steps)) * max(0.0, (steps - step) / steps))
    model.train()
    try:
        with torch.enable_grad():
            for epoch in range(epochs):
                for batch in _batches(ids, rng, batch_size):
                    inputs, mask = _padded([ids[i] for i in batch])
                    states = model(input_ids=inputs, attention_mask=mask).last_hidden_state
                    optimiser.zero_grad()
                    loss(heads, batch, states, mask).backward()
                    optimiser.step()
                    schedule.step()
                if log:
                    log(f"epoch {epoch + 1}/{epochs} done")
    finally:
        model.eval()
        _unwrap(model, wrapped)
    arrays = {}
    for name, module in wrapped.items():
        arrays[f"{name}.a"], arrays[f"{name}.b"] = module.a.detach().numpy().copy(), module.b.detach().numpy().copy()
    for task, head in heads.items():
        weight = head.weight.detach().numpy().copy()
        arrays[f"head.{task}.weight"] = weight[0] if weight.shape[0] == 1 else weight
        arrays[f"head.{task}.bias"] = head.bias.detach().numpy().copy()
    return arrays


def _wrap(model) -> dict:
    """Replace each adapted linear layer with itself plus a trainable low-rank change."""
    import torch  # lazy: the optional contextual extra

    class LowRank(torch.nn.Module):
        def __init__(self, base):
            super().__init__()
            self.base = base
            self.a = torch.nn.Parameter(torch.randn(RANK, base.in_features) / math.sqrt(base.in_features))
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, RANK))

        def forward(self, x):
            return self.base(x) + (x @ self.a.T @ self.b.T) * (ALPHA / RANK)

    for parameter in model.parameters():
        parameter.requires_grad = False
    wrapped = {}
    for name in adapted_names(model):
        parent, _, attribute = name.rpartition(".")
        wrapped[name] = LowRank(model.get_submodule(name))
        setattr(model.get_submodule(parent), attribute, wrapped[name])
    return wrapped


def _unwrap(model, wrapped: dict) -> None:
    """Put the original linear layers back (the model is as it was before fine_tune)."""
    for name, module in wrapped.items():
        parent, _, attribute = name.rpartition(".")
        setattr(model.get_submodule(parent), attribute, module.base)


def _piece_labels(offsets, words: list[tuple[int, int, int]] | None) -> list[int]:
    """Each wordpiece's label: that of the listed word it falls in, else IGNORED."""
    labels = [IGNORED] * len(offsets)
    if not words:
        return labels
    for j, (start, end) in enumerate(offsets):
        if end > start:
            labels[j] = next((label for s, e, label in words if s < end and start < e), IGNORED)
    return labels


def _batches(ids, rng, size: int) -> list[list[int]]:
    """Shuffled batches of texts of similar length (sorted within chunks of 20 batches)."""
    order = rng.permutation(len(ids)).tolist()
    chunk = size * 20
    batches = []
    for first in range(0, len(order), chunk):
        part = sorted(order[first:first + chunk], key=lambda i: len(ids[i]))
        batches += [part[k:k + size] for k in range(0, len(part), size)]
    rng.shuffle(batches)
    return batches


def _padded(rows: list[list[int]], fill: int = 0):
    import torch  # lazy: the optional contextual extra

    width = max(map(len, rows))
    values = torch.full((len(rows), width), fill, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for r, row in enumerate(rows):
        values[r, :len(row)] = torch.tensor(row)
        mask[r, :len(row)] = 1
    return values, mask


def mean_pooled(states, mask):
    weights = mask.unsqueeze(-1).to(states.dtype)
    return (states * weights).sum(1) / weights.sum(1)


def _sentence_loss(head, states, mask, labels):
    import torch  # lazy: the optional contextual extra

    known = [i for i, label in enumerate(labels) if label is not None]
    if not known:
        return states.sum() * 0.0
    logits = head(mean_pooled(states[known], mask[known])).squeeze(-1)
    target = torch.tensor([float(labels[i]) for i in known])
    return torch.nn.functional.binary_cross_entropy_with_logits(logits, target)


def _word_loss(head, states, labels: list[list[int]]):
    import torch  # lazy: the optional contextual extra

    target, _ = _padded(labels, fill=IGNORED)
    target = target[:, :states.shape[1]]
    kept = target != IGNORED
    if not kept.any():
        return states.sum() * 0.0
    logits = head(states).squeeze(-1)
    return torch.nn.functional.binary_cross_entropy_with_logits(
        logits[kept], target[kept].float(), pos_weight=torch.tensor(POSITIVE_WEIGHT))


TAG_EPOCHS = 3  # three beat two on dev (source 0.794 -> 0.802) and on an 80/20 train split (0.742 -> 0.750)
TAG_MAX_PIECES = 192
TAG_BATCH = 4  # texts of a few sentences each: about as many wordpieces per step as BATCH sentences


def fine_tune_tagger(model, tokenizer, units: list[tuple[str, list[tuple[int, int, tuple[int, ...]]]]],
                     roles: tuple[str, ...], log=None) -> dict[str, np.ndarray]:
    """Adapters and one head 'head.tags' that gives each token O/B/I for every role (3 per role),
    read at the token's first wordpiece; `units` are texts with their tokens' spans and label
    indexes (0 O, 1 B, 2 I per role)."""
    import torch  # lazy: the optional contextual extra

    encoded = tokenizer([text for text, _ in units], truncation=True, max_length=TAG_MAX_PIECES,
                        return_offsets_mapping=True)
    targets = [_first_piece_tags(offsets, tokens, len(roles)) for offsets, (_, tokens) in zip(encoded["offset_mapping"], units)]

    def make_heads():
        return torch.nn.ModuleDict({"tags": torch.nn.Linear(model.config.hidden_size, 3 * len(roles))})

    def loss(heads, batch, states, mask):
        target = torch.full((len(batch), states.shape[1], len(roles)), IGNORED, dtype=torch.long)
        for row, i in enumerate(batch):
            target[row, :len(targets[i])] = torch.tensor(targets[i], dtype=torch.long).reshape(-1, len(roles))
        logits = heads["tags"](states).view(len(batch), states.shape[1], len(roles), 3)
        return sum(torch.nn.functional.cross_entropy(logits[:, :, r].reshape(-1, 3), target[:, :, r].reshape(-1),
                                                     ignore_index=IGNORED) for r in range(len(roles)))

    return train_adapters(model, encoded["input_ids"], make_heads, loss, log, TAG_EPOCHS, TAG_BATCH)


def _first_piece_tags(offsets, tokens, n_roles: int) -> list[tuple[int, ...]]:
    """Each wordpiece's labels: those of the token it starts, else IGNORED for every role."""
    tags = [(IGNORED,) * n_roles] * len(offsets)
    for j, (_, _, labels) in zip(first_pieces(offsets, [(start, end) for start, end, _ in tokens]), tokens):
        if j >= 0:
            tags[j] = labels
    return tags
