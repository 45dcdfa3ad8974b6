"""Attribution spans by token classification: cue, source and content taggers trained on PolNeAR.

Every token gets categorical fields (the word, its prefix and suffix, shape, whether it is a
reporting word of the lexicon, whether it is quoted, where it sits in its sentence, word pairs,
and a word joined with its neighbour's shape). A field
seen at a window offset is one block of one-hot columns; each role labels tokens O / B / I, the cue
and source roles with a linear-chain CRF over the sentence (trained with python-crfsuite), the
content role with a LogisticRegression per token. The cue tagger runs first; the source and
content taggers add fields that place the token relative to the nearest predicted cue of its
sentence (trained on out-of-fold cue predictions, so they learn from the cue tagger's real
mistakes). Saved as `.npz` (vocabularies, each as its values' UTF-8 joined by newlines, float16
weights, the chains' transition scores and the reporting words it was trained with, so that a later
lexicon edit does not change its input; loaded with allow_pickle=False); a prediction is a sum of
table lookups and a Viterbi pass.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache

import numpy as np

from framing.rules import lexicon
from framing.text.document import Document
from framing.resources import WORD_TABLE_LIMIT, data_dir

MODEL_FILE = "attribution_tagger.npz"
FORMAT = "framing.attribution_tagger/5"
# /4 stored each vocabulary as a numpy string array: UTF-32, every value padded to the longest (29 MB
# to inflate and convert at each start-up, against 7 MB read as it is now); it is still read
_OLD_FORMAT = "framing.attribution_tagger/4"
ROLES = ("cue", "source", "content")
LABELS = ("O", "B", "I")
TOKEN = re.compile(r"\w+(?:['’](?!s\b)\w+|-\w+)*|['’]s\b|[^\w\s]")  # "Za’tari" one token, "Haftar" + "’s"
QUOTE_MARKS = set("“”\"‘’'")
_KEPT_PUNCTUATION = QUOTE_MARKS | set(",.:;—-()?!")
UNKNOWN, PAD = 0, 1  # ids every field vocabulary reserves
# field name -> window offsets at which the token's neighbours contribute it
TOKEN_FIELDS = {"word": (-3, -2, -1, 0, 1, 2, 3), "prefix": (-1, 0, 1), "suffix": (-1, 0, 1),
                "shape": (-2, -1, 0, 1, 2), "lexicon": (-3, -2, -1, 0, 1, 2, 3), "quoted": (-1, 0, 1),
                "edge": (0,), "left_pair": (0,), "right_pair": (0,), "shapes": (0,),
                "shape_word": (0,), "word_shape": (0,), "quote_sides": (0,)}
CUE_FIELDS = {"cue": (0,), "left_cue": (0,), "right_cue": (0,), "left_word": (0,), "right_word": (0,),
              "left_between": (0,), "right_between": (0,), "sides": (0,), "paragraph_cue": (0,),
              "word_place": (0,), "shape_place": (0,)}
MIN_COUNT = 3


@dataclass
class Tokens:
    """The tokens of a text with what the fields need: spans, sentence and paragraph numbers, voice."""

    spans: list[tuple[int, int]]
    words: list[str]
    sentence: np.ndarray
    paragraph: np.ndarray
    quoted: list[bool]

    def subset(self, chosen: list[int]) -> Tokens:
        """The tokens at the positions `chosen`, in that order."""
        return Tokens([self.spans[i] for i in chosen], [self.words[i] for i in chosen], self.sentence[chosen],
                      self.paragraph[chosen], [self.quoted[i] for i in chosen])


def tokenize(doc: Document) -> Tokens:
    """Word and punctuation tokens of the whole text; tokens outside sentences get their own number."""
    matches = list(TOKEN.finditer(doc.text))
    spans = [m.span() for m in matches]
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    k = np.searchsorted([s.start for s in doc.sentences], starts, side="right") - 1
    ends = np.array([s.end for s in doc.sentences] + [0], dtype=np.int64)
    inside = (k >= 0) & (starts < ends[k])
    outside = -1 - np.arange(1, len(spans) + 1)
    paragraphs = np.array([s.paragraph for s in doc.sentences] + [0], dtype=np.int64)
    quotes = [q for q in doc.quotations if q.depth == 0]
    q = np.searchsorted([x.start for x in quotes], starts, side="right") - 1
    quote_ends = np.array([x.end for x in quotes] + [0], dtype=np.int64)
    quoted = (q >= 0) & (starts < quote_ends[q])
    return Tokens(spans, [m.group() for m in matches], np.where(inside, k, outside),
                  np.where(inside, paragraphs[k], outside), quoted.tolist())


def _shape(word: str) -> str:
    if word[0].isalpha():
        return "X" if word.isupper() and len(word) > 1 else ("Xx" if word[0].isupper() else "x")
    if word[0].isdigit():
        return "d"
    return "p" + word if word in _KEPT_PUNCTUATION else "p"


@cache
def reporting_words() -> frozenset[str]:
    """First five letters of the words in the reporting-verb lexicon's examples (inflections share them).
    A trained tagger keeps the set it was trained with, so that editing the lexicon does not change its input."""
    skip = {"he", "she", "that", "the", "they", "it", "we", "to", "a"}
    return frozenset(w[:5] for e in lexicon.by_category("reporting_verb") for example in e.match_examples
                     for w in re.findall(r"[a-z]+", example.lower()) if w not in skip)


WORD_FIELDS = ("word", "prefix", "suffix", "shape", "lexicon")  # fields that depend on the token alone


def word_fields(word: str, reporting: frozenset[str]) -> tuple[str, ...]:
    """The WORD_FIELDS values of one token (`reporting`: the reporting words' first five letters)."""
    lower = word.lower()
    return lower, lower[:4], lower[-3:], _shape(word), "1" if lower[:5] in reporting else "0"


def context_fields(tokens: Tokens, lower: list[str], shapes: list[str]) -> dict[str, list[str]]:
    """The fields that depend on the token's neighbours and place: quoted, sentence edge, word pairs."""
    n, sent = len(lower), tokens.sentence
    first = _sentence_starts(sent)
    last = np.r_[sent[1:] != sent[:-1], True] if n else np.zeros(0, bool)
    before = ["<s>"] + lower[:-1]
    after = lower[1:] + ["</s>"]
    shape_before = ["<s>"] + shapes[:-1]
    shape_after = shapes[1:] + ["</s>"]
    for i in np.flatnonzero(first).tolist():
        before[i], shape_before[i] = "<s>", "<s>"
    for i in np.flatnonzero(last).tolist():
        after[i], shape_after[i] = "</s>", "</s>"
    is_quote = np.array([w in QUOTE_MARKS for w in lower], dtype=np.int64)
    quotes_to = np.cumsum(is_quote)  # quote marks up to and including each token
    sentence_number = np.cumsum(first) - 1
    quote_before = quotes_to - is_quote - (quotes_to - is_quote)[np.flatnonzero(first)][sentence_number] > 0
    quote_after = quotes_to[np.flatnonzero(last)][sentence_number] - quotes_to > 0
    return {
        "quoted": _coded(np.asarray(tokens.quoted, dtype=bool)),
        "edge": _coded(first, last),
        "left_pair": [f"{b}|{w}" for b, w in zip(before, lower)],
        "right_pair": [f"{w}|{a}" for w, a in zip(lower, after)],
        "shapes": [f"{b}|{s}|{a}" for b, s, a in zip(shape_before, shapes, shape_after)],
        "shape_word": [f"{b}|{w}" for b, w in zip(shape_before, lower)],  # 'Xx|said': a name, then the verb
        "word_shape": [f"{w}|{a}" for w, a in zip(lower, shape_after)],
        "quote_sides": _coded(quote_before, quote_after),
    }


def token_fields(tokens: Tokens, reporting: frozenset[str]) -> dict[str, list[str]]:
    """The categorical value of every token field."""
    columns = list(zip(*(word_fields(w, reporting) for w in tokens.words))) or [()] * len(WORD_FIELDS)
    fields = {name: list(values) for name, values in zip(WORD_FIELDS, columns)}
    return fields | context_fields(tokens, fields["word"], fields["shape"])


_BUCKETS = np.array([1, 2, 3, 5, 8, 12, 20, 40])
QUOTED_LETTERS = ("n", "q")  # the cue fields' first letter: the token is in the narration or quoted
_BUCKET_NAMES = np.array([str(b) for b in _BUCKETS] + ["far"])


def cue_fields(tokens: Tokens, is_cue: np.ndarray, lower: list[str] | None = None,
               shapes: list[str] | None = None) -> dict[str, list[str] | Coded]:
    """Where each token sits relative to the nearest cue of its sentence (and whether its paragraph has one).
    `lower` and `shapes` may come from the caller, who has them already."""
    shapes = shapes if shapes is not None else [_shape(w) for w in tokens.words]
    lower = np.array((lower if lower is not None else [w.lower() for w in tokens.words]) or [""],
                     dtype=object)[:len(tokens.words)]
    n, sentence = len(lower), tokens.sentence
    index = np.arange(n)
    is_cue = np.asarray(is_cue, dtype=bool)
    seen = np.maximum.accumulate(np.where(is_cue, index, -1)) if n else index
    left = np.r_[-1, seen[:-1]] if n else index  # nearest cue strictly before
    ahead = np.minimum.accumulate(np.where(is_cue, index, n)[::-1])[::-1] if n else index
    right = np.r_[ahead[1:], n] if n else index  # nearest cue strictly after
    has_left = (left >= 0) & (sentence[np.maximum(left, 0)] == sentence)
    has_right = (right < n) & (sentence[np.minimum(right, n - 1)] == sentence)
    counts = {mark: np.r_[0, np.cumsum(flags)] for mark, flags in (
        ("quote", np.fromiter((w in QUOTE_MARKS for w in lower), bool, n)), ("comma", lower == ","), ("that", lower == "that"))}

    def between(mark, a, b):  # tokens strictly between a and b (a < b) that are `mark`
        return (counts[mark][np.maximum(b, a + 1)] - counts[mark][a + 1] > 0).astype(int)

    safe_left, safe_right = np.maximum(left, 0), np.minimum(right, n - 1)
    quoted = np.asarray(tokens.quoted, dtype=int)
    paragraphs_with_cue = np.isin(tokens.paragraph, tokens.paragraph[is_cue])

    def missing_unless(flags, coded: Coded) -> Coded:  # "-" where there is no such cue
        return Coded(np.append(coded.table, "-"), np.where(flags, coded.codes, len(coded.table)))

    # the token's side of its nearest cue and how far (b3: three tokens before one, a1: right after one),
    # joined with the word and with the shape: 'he|b1' is a source, 'that|a1' opens a content
    nearer_right = has_right & (~has_left | (right - index <= index - left))
    place = np.where(nearer_right, np.char.add("b", _BUCKET_NAMES[np.searchsorted(_BUCKETS, right - index)]),
                     np.where(has_left, np.char.add("a", _BUCKET_NAMES[np.searchsorted(_BUCKETS, index - left)]),
                              "-")).tolist()
    return {
        "word_place": [f"{w}|{p}" for w, p in zip(lower.tolist(), place)],
        "shape_place": [f"{s}|{p}" for s, p in zip(shapes, place)],
        "cue": Coded(np.array(["0", "1"]), is_cue.astype(np.int64)),
        "left_cue": missing_unless(has_left, Coded(_BUCKET_NAMES, np.searchsorted(_BUCKETS, index - left))),
        "right_cue": missing_unless(has_right, Coded(_BUCKET_NAMES, np.searchsorted(_BUCKETS, right - index))),
        "left_word": np.where(has_left, lower[safe_left], "-").tolist(),
        "right_word": np.where(has_right, lower[safe_right], "-").tolist(),
        "left_between": missing_unless(has_left, _coded(quoted, between("quote", safe_left, index),
                                                         between("comma", safe_left, index),
                                                         between("that", safe_left, index), first=QUOTED_LETTERS)),
        "right_between": missing_unless(has_right, _coded(quoted, between("quote", index, safe_right),
                                                           between("comma", index, safe_right), first=QUOTED_LETTERS)),
        "sides": _coded(quoted, has_left, has_right, first=QUOTED_LETTERS),
        "paragraph_cue": _coded(quoted, paragraphs_with_cue, first=QUOTED_LETTERS),
    }


@dataclass(frozen=True)
class Coded:
    """A field's values as codes into a small table of strings (cheaper than one string per token)."""

    table: np.ndarray
    codes: np.ndarray

    def __iter__(self):
        return iter(self.table[self.codes].tolist())

    def __len__(self) -> int:
        return len(self.codes)


def _coded(*flags, first: tuple[str, str] = ("0", "1")) -> Coded:
    """One letter per flag and token ('10'; the first flag may use other letters, n/q for quoted),
    as codes into the table of every combination."""
    code = np.zeros(len(flags[0]), dtype=np.int64)
    for flag in flags:
        code = code * 2 + np.asarray(flag, dtype=np.int64)
    return Coded(_combinations(len(flags), first), code)


@cache
def _combinations(arity: int, first: tuple[str, str]) -> np.ndarray:
    names = list(first)
    for _ in range(arity - 1):
        names = [f"{name}{bit}" for name in names for bit in (0, 1)]
    return np.array(names)


class Encoder:
    """Field vocabularies and the column layout of (field, offset) blocks."""

    def __init__(self, vocabularies: dict[str, list[str]], layout: dict[str, tuple[int, ...]]):
        self.vocabularies = vocabularies
        self.index = {f: dict(zip(vocab, range(len(vocab)))) for f, vocab in vocabularies.items()}
        self.layout = layout
        self.blocks, base = [], 0
        for field, offsets in layout.items():
            for offset in offsets:
                self.blocks.append((field, offset, base))
                base += len(vocabularies[field])
        self.width = base

    @classmethod
    def fit(cls, field_lists: list[dict[str, list[str]]], layout: dict[str, tuple[int, ...]]) -> Encoder:
        vocabularies = {}
        for field in layout:
            counts = Counter(v for fields in field_lists for v in fields[field])
            vocabularies[field] = ["<unknown>", "<pad>"] + sorted(v for v, c in counts.items() if c >= MIN_COUNT)
        return cls(vocabularies, layout)

    def ids(self, field: str, values) -> np.ndarray:
        """Vocabulary numbers of a field's values (strings, or a Coded table and codes)."""
        get = self.index[field].get
        if isinstance(values, Coded):
            return np.array([get(v, UNKNOWN) for v in values.table.tolist()], dtype=np.int64)[values.codes]
        return np.array([get(v, UNKNOWN) for v in values], dtype=np.int64)

    def columns(self, fields: dict[str, list[str]], sentence: np.ndarray, ids: dict | None = None) -> np.ndarray:
        """An (n_tokens, n_blocks) array of column numbers; neighbours outside the sentence are padding.
        `ids` may hold some fields already as vocabulary numbers."""
        ids = dict(ids or {})
        for field in self.layout:
            if field not in ids:
                ids[field] = self.ids(field, fields[field])
        n = len(sentence)
        positions = np.arange(n)
        out = np.empty((n, len(self.blocks)), dtype=np.int64)
        neighbours = {}
        for offset in {o for offsets in self.layout.values() for o in offsets}:
            source = np.clip(positions + offset, 0, max(n - 1, 0))
            inside = (positions + offset >= 0) & (positions + offset < n) & (sentence[source] == sentence)
            neighbours[offset] = (source, inside)
        for b, (field, offset, base) in enumerate(self.blocks):
            source, inside = neighbours[offset]
            out[:, b] = base + np.where(inside, ids[field][source], PAD)
        return out


def viterbi(scores: np.ndarray, transitions: np.ndarray | None = None, first: np.ndarray | None = None) -> list[str]:
    """The best O/B/I path under the rule that I follows B or I: the sum of per-token scores (n x 3)
    and of (from, to) `transitions` (none for per-token classifiers), which do not apply at a token
    marked `first` (a sentence start, where I is not allowed either)."""
    n = len(scores)
    if not n:
        return []
    first = np.asarray(first, dtype=bool) if first is not None else np.zeros(n, bool)
    if transitions is None or not transitions.any():
        best = scores.argmax(axis=1)
        if not np.any((best == 2) & (first | np.r_[True, best[:-1] == 0])):
            return [LABELS[s] for s in best.tolist()]  # the best label of each token already obeys the rule
    (oo, ob, _), (bo, bb, bi), (io, ib, ii) = (transitions if transitions is not None else np.zeros((3, 3))).tolist()
    starts = first.tolist()
    back = [(0, 0, 0)] * n  # per token, the best previous state for O, B and I
    so, sb, si = float(scores[0, 0]), float(scores[0, 1]), -np.inf
    for t, (eo, eb, ei) in enumerate(scores.tolist()[1:], start=1):
        if starts[t]:
            top = max(so, sb, si)
            k = 0 if top == so else (1 if top == sb else 2)
            back[t] = (k, k, k)
            so, sb, si = top + eo, top + eb, -np.inf
            continue
        # the best way into O, B and I (the first on a tie, as _best), written out: this loop runs
        # once per token, and calls and tuples were half its time
        a, b, c = so + oo, sb + bo, si + io
        if a >= b and a >= c:
            ko, to_o = 0, a
        elif b >= c:
            ko, to_o = 1, b
        else:
            ko, to_o = 2, c
        a, b, c = so + ob, sb + bb, si + ib
        if a >= b and a >= c:
            kb, to_b = 0, a
        elif b >= c:
            kb, to_b = 1, b
        else:
            kb, to_b = 2, c
        a, b = sb + bi, si + ii
        ki, to_i = (1, a) if a >= b else (2, b)
        back[t] = (ko, kb, ki)
        so, sb, si = to_o + eo, to_b + eb, to_i + ei
    state = _best((so, sb, si))
    path = [state]
    for t in range(n - 1, 0, -1):
        state = back[t][state]
        path.append(state)
    return [LABELS[s] for s in reversed(path)]


def _best(three: tuple[float, float, float]) -> int:
    """The index of the highest of three scores (the first on a tie)."""
    a, b, c = three
    return 0 if a >= b and a >= c else (1 if b >= c else 2)


def spans_from_labels(tokens: Tokens, labels) -> list[tuple[int, int]]:
    """Character spans of B/I runs (an I after O starts a span)."""
    spans, current = [], None
    for (start, end), label in zip(tokens.spans, labels):
        if label == "B" or (label == "I" and current is None):
            if current:
                spans.append(tuple(current))
            current = [start, end]
        elif label == "I":
            current[1] = end
        elif current:
            spans.append(tuple(current))
            current = None
    if current:
        spans.append(tuple(current))
    return spans


def labels_from_spans(tokens: Tokens, spans: list[tuple[int, int]]) -> list[str]:
    """B for the first token inside a span, I for the rest, O outside."""
    labels = ["O"] * len(tokens.spans)
    starts = np.array([s for s, _ in tokens.spans], dtype=np.int64)
    ends = np.array([e for _, e in tokens.spans], dtype=np.int64)
    for s, e in sorted(spans):
        inside = np.flatnonzero((starts >= s) & (ends <= e))
        if len(inside):
            labels[inside[0]] = "B" if labels[inside[0]] == "O" else labels[inside[0]]
            for i in inside[1:]:
                if labels[i] == "O":
                    labels[i] = "I"
    return labels


@dataclass
class Tagger:
    """Two encoders and one weight table (columns x O/B/I) per role."""

    token_encoder: Encoder
    cue_encoder: Encoder
    weights: dict[str, np.ndarray]
    intercepts: dict[str, np.ndarray]
    transitions: dict[str, np.ndarray]  # per role, (from, to) scores over O/B/I
    reporting: frozenset[str]  # the reporting words' first five letters it was trained with
    card: dict
    _words: dict = dataclass_field(default_factory=dict, repr=False)  # word -> (lower, shape, word-field ids as int64 bytes)
    _joined: dict = dataclass_field(default_factory=dict, repr=False)  # roles -> weights side by side

    def scores(self, roles: tuple[str, ...], columns: np.ndarray) -> list[np.ndarray]:
        """O/B/I scores per role: the sum of each block's weights (roles side by side in one pass)."""
        key = "+".join(roles)
        if key not in self._joined:
            self._joined[key] = (np.hstack([self.weights[r] for r in roles]),
                                 np.concatenate([self.intercepts[r] for r in roles]))
        weights, intercepts = self._joined[key]
        blocks = columns.T.copy()  # each block's column numbers contiguous: take() is then about 3x faster
        total = weights.take(blocks[0], axis=0) + intercepts
        for block in blocks[1:]:  # one block at a time: faster than one big gather
            total += weights.take(block, axis=0)
        return [total[:, 3 * i:3 * i + 3] for i in range(len(roles))]

    def _token_columns(self, tokens: Tokens) -> tuple[np.ndarray, list[str], list[str]]:
        """token_fields' columns (and the lower-case words and shapes), with each distinct word's own
        fields looked up once per process."""
        known = self._words
        encoder = self.token_encoder
        rows = []
        for word in tokens.words:
            row = known.get(word)
            if row is None:
                values = word_fields(word, self.reporting)
                ids = [encoder.index[f].get(v, UNKNOWN) for f, v in zip(WORD_FIELDS, values)]
                row = (values[0], values[3], np.array(ids, dtype=np.int64).tobytes())  # joined below in one step
                if len(known) < WORD_TABLE_LIMIT:
                    known[word] = row
            rows.append(row)
        lower = [r[0] for r in rows]
        shapes = [r[1] for r in rows]
        table = np.frombuffer(b"".join([r[2] for r in rows]), dtype=np.int64).reshape(len(rows), len(WORD_FIELDS))
        ids = {field: table[:, i] for i, field in enumerate(WORD_FIELDS)}
        return encoder.columns(context_fields(tokens, lower, shapes), tokens.sentence, ids), lower, shapes

    def tag(self, doc: Document, cues_only: bool = False) -> dict[str, list[tuple[int, int]]]:
        """Cue, source and content spans of `doc` (with `cues_only`, no sources and contents)."""
        tokens = tokenize(doc)
        if not tokens.spans:
            return {role: [] for role in ROLES}
        base, lower, shapes = self._token_columns(tokens)
        cue_labels = viterbi(self.scores(("cue",), base)[0], self.transitions["cue"], _sentence_starts(tokens.sentence))
        is_cue = np.array(cue_labels) != "O"
        result = {"cue": spans_from_labels(tokens, cue_labels), "source": [], "content": []}
        if cues_only:
            return result
        # sources and contents are only linked to a cue of their own sentence: tag the cues' sentences
        cue_sentences = np.array(sorted(set(tokens.sentence[is_cue].tolist())), dtype=tokens.sentence.dtype)  # np.unique would import numpy.ma (25 ms)
        near = np.isin(tokens.sentence, cue_sentences)
        if not near.any():
            return result
        chosen = np.flatnonzero(near).tolist()
        part = tokens.subset(chosen)
        fields = cue_fields(part, is_cue[near], [lower[i] for i in chosen], [shapes[i] for i in chosen])
        extra = self.cue_encoder.columns(fields, part.sentence)
        both = np.hstack([base[near], extra + self.token_encoder.width])
        starts = _sentence_starts(part.sentence)
        for role, scores in zip(("source", "content"), self.scores(("source", "content"), both)):
            result[role] = spans_from_labels(part, viterbi(scores, self.transitions[role], starts))
        return result


def _sentence_starts(sentence: np.ndarray) -> np.ndarray:
    """True at each token that begins a sentence."""
    return np.r_[True, sentence[1:] != sentence[:-1]] if len(sentence) else np.zeros(0, bool)


def _encoder_arrays(prefix: str, encoder: Encoder) -> dict[str, np.ndarray]:
    return {f"{prefix}.{field}": _joined(vocab) for field, vocab in encoder.vocabularies.items()}


def _joined(values: list[str]) -> np.ndarray:
    """Strings as one array of UTF-8 bytes, newline between them (no value has one: tokens have no spaces)."""
    if any("\n" in v for v in values):
        raise ValueError("a vocabulary value contains a newline")
    return np.frombuffer("\n".join(values).encode("utf-8"), dtype=np.uint8)


def _split(array: np.ndarray) -> list[str]:
    return array.tobytes().decode("utf-8").split("\n")


def save(tagger: Tagger, path) -> None:
    arrays = {"format": np.array(FORMAT), "card": np.array(json.dumps(tagger.card, sort_keys=True)),
              "reporting": _joined(sorted(tagger.reporting))}
    arrays |= _encoder_arrays("tokens", tagger.token_encoder) | _encoder_arrays("cues", tagger.cue_encoder)
    for role in ROLES:
        arrays[f"weights.{role}"] = tagger.weights[role].astype(np.float16)
        arrays[f"intercept.{role}"] = tagger.intercepts[role].astype(np.float32)
        arrays[f"transitions.{role}"] = tagger.transitions[role].astype(np.float32)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as out:
        np.savez(out, **arrays)  # not compressed: 7 MB against 4, but inflating took 45 ms of every start-up
    partial.replace(path)


@cache
def shipped() -> Tagger | None:
    """The tagger in models/, or None when the model file is missing."""
    return load(data_dir("models") / MODEL_FILE)


def load(path) -> Tagger | None:
    """The tagger saved at `path`, or None when it is missing or of another format."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as z:
        if str(z["format"]) not in (FORMAT, _OLD_FORMAT):
            return None
        strings = _split if str(z["format"]) == FORMAT else np.ndarray.tolist

        def encoder(prefix, layout):
            return Encoder({f: strings(z[f"{prefix}.{f}"]) for f in layout}, layout)

        return Tagger(encoder("tokens", TOKEN_FIELDS), encoder("cues", CUE_FIELDS),
                      {r: z[f"weights.{r}"].astype(np.float32) for r in ROLES},
                      {r: z[f"intercept.{r}"] for r in ROLES}, {r: z[f"transitions.{r}"] for r in ROLES},
                      frozenset(strings(z["reporting"])), json.loads(str(z["card"])))
