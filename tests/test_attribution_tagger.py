"""The PolNeAR attribution tagger: decoding, labels, training on a toy corpus, the safe model file."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text.document import build_document
from framing.models import attribution_tagger as at
from framing.training import tagger as tagger_training
from framing.training.polnear import Annotation

SENTENCES = [
    ("Maria Lopez said the plan would fail.", "Maria Lopez", "said", "the plan would fail"),
    ("Tom Reed said the bridge was unsafe.", "Tom Reed", "said", "the bridge was unsafe"),
    ("The mayor told reporters the budget was late.", "The mayor", "told", "the budget was late"),
    ("Ana Diaz said taxes must rise.", "Ana Diaz", "said", "taxes must rise"),
    ("Lee Park told reporters the school would close.", "Lee Park", "told", "the school would close"),
    ("The council met on Monday in the hall.", None, None, None),
    ("Rain fell over the valley all week.", None, None, None),
]


def _annotation(index: int) -> Annotation:
    """A toy article of the sentences above, rotated so every file differs."""
    order = SENTENCES[index:] + SENTENCES[:index]
    text, spans = "", {role: [] for role in at.ROLES}
    for sentence, source, cue, content in order:
        start = len(text)
        text += sentence + " "
        for role, part in (("source", source), ("cue", cue), ("content", content)):
            if part:
                offset = start + sentence.index(part)
                spans[role].append((offset, offset + len(part)))
    return Annotation(f"toy{index}", text.strip() + "\n", spans)


@pytest.fixture(scope="module")
def toy_tagger():
    previous = at.MIN_COUNT
    at.MIN_COUNT = 1
    try:
        return tagger_training.train(tagger_training.examples([_annotation(i) for i in range(len(SENTENCES))]), {"model": "toy"})
    finally:
        at.MIN_COUNT = previous


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(-5, 5), st.floats(-5, 5), st.floats(-5, 5)), max_size=30))
def test_viterbi_never_starts_a_span_inside(rows):
    labels = at.viterbi(np.array(rows, dtype=np.float32).reshape(-1, 3))
    assert len(labels) == len(rows)
    for previous, label in zip(["O"] + labels, labels):
        assert not (label == "I" and previous == "O")


def test_viterbi_prefers_a_whole_span_over_a_fragment():
    # the middle token alone leans to I; the best legal path makes the first token B, not O
    scores = np.log(np.array([[0.45, 0.4, 0.15], [0.1, 0.1, 0.8], [0.9, 0.05, 0.05]], dtype=np.float32))
    assert at.viterbi(scores) == ["B", "I", "O"]


def _best_by_enumeration(scores, transitions, first):
    """The legal O/B/I path of highest score, by trying every path (small inputs only)."""
    best, best_path = -np.inf, None
    for path in itertools.product(range(3), repeat=len(scores)):
        if any(path[t] == 2 and (t == 0 or first[t] or path[t - 1] == 0) for t in range(len(path))):
            continue
        total = sum(scores[t, k] for t, k in enumerate(path))
        total += sum(transitions[path[t - 1], path[t]] for t in range(1, len(path)) if not first[t])
        if total > best:
            best, best_path = total, path
    return [at.LABELS[k] for k in best_path]


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(
    st.lists(st.floats(-4, 4), min_size=3 * n, max_size=3 * n), st.lists(st.floats(-3, 3), min_size=9, max_size=9),
    st.lists(st.booleans(), min_size=n, max_size=n))))
def test_chain_viterbi_finds_the_best_legal_path(case):
    # a linear chain's decoding: token scores plus transition scores, none across a sentence start
    values, transition_values, first = case
    scores = np.array(values).reshape(-1, 3)
    transitions = np.array(transition_values).reshape(3, 3)
    labels = at.viterbi(scores, transitions, np.array(first))
    expected = _best_by_enumeration(scores, transitions, first)
    score = lambda path: (sum(scores[t, at.LABELS.index(k)] for t, k in enumerate(path)) + sum(
        transitions[at.LABELS.index(path[t - 1]), at.LABELS.index(path[t])] for t in range(1, len(path)) if not first[t]))
    assert score(labels) == pytest.approx(score(expected))  # ties may pick another path of the same score
    assert not any(k == "I" and (t == 0 or first[t] or labels[t - 1] == "O") for t, k in enumerate(labels))


def test_chain_transitions_join_a_span_the_token_scores_alone_would_split():
    scores = np.array([[0.0, 1.0, -1.0], [0.3, 0.2, 0.0], [2.0, -2.0, -2.0]])
    assert at.viterbi(scores, np.zeros((3, 3)), np.zeros(3, bool)) == ["B", "O", "O"]
    rewarding = np.zeros((3, 3))
    rewarding[1, 2] = 1.0  # B -> I
    assert at.viterbi(scores, rewarding, np.zeros(3, bool)) == ["B", "I", "O"]
    # ... but never across a sentence start
    assert at.viterbi(scores, rewarding, np.array([True, True, False])) == ["B", "O", "O"]


def test_labels_and_spans_round_trip():
    doc = build_document("Ali Al-Za’tari said Haftar’s forces “must stop”.\n", title="")
    tokens = at.tokenize(doc)
    assert "Al-Za’tari" in tokens.words and "’s" in tokens.words
    spans = [(0, 14), (37, 48)]
    assert at.spans_from_labels(tokens, at.labels_from_spans(tokens, spans)) == spans


def test_trained_tagger_finds_cue_source_and_content(toy_tagger):
    text = "Ana Diaz said the bridge would fail.\n"
    spans = toy_tagger.tag(build_document(text, title=""))
    assert [text[s:e] for s, e in spans["cue"]] == ["said"]
    assert [text[s:e] for s, e in spans["source"]] == ["Ana Diaz"]
    assert [text[s:e] for s, e in spans["content"]] == ["the bridge would fail"]
    cues = toy_tagger.tag(build_document(text, title=""), cues_only=True)  # the contextual mode's orphan content
    assert cues == {"cue": spans["cue"], "source": [], "content": []}


def test_saved_model_loads_without_pickle_and_tags_the_same(toy_tagger, tmp_path):
    path = tmp_path / at.MODEL_FILE
    at.save(toy_tagger, path)
    loaded = at.load(path)
    doc = build_document("Tom Reed told reporters the plan would fail.\n", title="")
    assert loaded.card == {"model": "toy"}
    assert loaded.tag(doc) == toy_tagger.tag(doc)
    with np.load(path, allow_pickle=False) as z:
        assert all(z[name].dtype != object for name in z.files)


def test_a_saved_tagger_keeps_the_reporting_words_it_was_trained_with(toy_tagger, tmp_path, monkeypatch):
    # editing the reporting-verb lexicon later must not change what a trained tagger sees
    path = tmp_path / at.MODEL_FILE
    at.save(toy_tagger, path)
    monkeypatch.setattr(at, "reporting_words", lambda: frozenset({"rain"}))
    loaded = at.load(path)
    assert loaded.reporting == toy_tagger.reporting and "said" in loaded.reporting
    tokens = at.tokenize(build_document("Rain fell, he said.\n", title=""))
    assert (loaded._token_columns(tokens)[0] == toy_tagger._token_columns(tokens)[0]).all()


def test_other_formats_and_missing_files_are_not_loaded(toy_tagger, tmp_path):
    assert at.load(tmp_path / "missing.npz") is None
    path = tmp_path / "other.npz"
    np.savez(path, format=np.array("something/else"))
    assert at.load(path) is None


def test_empty_text_has_no_spans(toy_tagger):
    assert toy_tagger.tag(build_document("", title="")) == {role: [] for role in at.ROLES}


def test_shipped_tagger_is_installed():
    tagger = at.shipped()
    assert tagger is not None and tagger.card["dev_f1"]["cue"] > 0.5


def test_fast_columns_equal_the_training_columns(toy_tagger):
    # inference looks each word's own fields up once (cached) and the cue fields through small tables;
    # training builds every field as strings: both must give the same columns
    text = "Ana Diaz said “the plan,” which Tom Reed told reporters, would fail.\n\nRain fell, he said.\n"
    tokens = at.tokenize(build_document(text, title=""))
    for _ in range(2):  # the second time from the word cache
        assert (toy_tagger._token_columns(tokens)[0]
                == toy_tagger.token_encoder.columns(at.token_fields(tokens, toy_tagger.reporting), tokens.sentence)).all()
    is_cue = np.array([w in ("said", "told") for w in tokens.words])
    coded = at.cue_fields(tokens, is_cue)
    as_strings = {name: list(values) for name, values in coded.items()}
    assert as_strings["left_cue"][tokens.words.index("the")] == "2"
    assert (toy_tagger.cue_encoder.columns(coded, tokens.sentence)
            == toy_tagger.cue_encoder.columns(as_strings, tokens.sentence)).all()
