"""Sentence features beyond n-grams: lexicon matches and VADER sentiment, as numpy arrays (the
scikit-learn transformers that fit them are in framing/training/features.py)."""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from framing.rules import lexicon

_WORD = re.compile(r"[a-z][a-z'’-]*")


@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _category_patterns() -> dict[str, tuple[re.Pattern, lexicon.Anchors | None]]:
    """One alternation of all flagged entries per category of the shipped lexicons, with where the
    entries may start (lexicon.Anchors)."""
    grouped: dict[str, list] = {}
    for entry in (e for dimension in lexicon.FINDING_DIMENSIONS for e in lexicon.by_dimension(dimension)):
        if entry.loaded:
            grouped.setdefault(entry.category, []).append(entry)
    patterns = {}
    for category, entries in grouped.items():
        cores = ["(?:" + e.core + ")" for e in entries]
        regex = re.compile(lexicon.WORD_START + "(?:" + "|".join(cores) + ")" + lexicon.WORD_END, re.IGNORECASE)
        patterns[category] = (regex, lexicon.Anchors.of(entries))
    return patterns


def sentiment(text: str) -> float:
    """VADER's compound score of `text`, -1 (negative) .. 1 (positive), negation and boosters included."""
    return _vader().polarity_scores(text)["compound"]


def tone(text: str) -> dict[str, float]:
    """VADER's scores of `text`: the shares of negative, neutral and positive wording (neg, neu, pos)
    and the compound score."""
    return _vader().polarity_scores(text)


_SEPARATOR = "\n\x00\n"

Matches = dict[str, list[tuple[int, int, str]]]  # text -> its category matches


def category_matches(texts: list[str], memo: Matches | None = None) -> list[list[tuple[int, int, str]]]:
    """(start, end, category) of each category pattern's matches in each text, offsets within that text.
    One search per category over all new texts joined by a NUL line, which no match can cross (as fast
    for forty sentences as for one), tried only where a word one of its entries can begin with starts.
    `memo` remembers the matches of the texts searched: an audit passes its own (AuditContext.matches),
    as its sentence and word models match the same sentences; nothing outlives it."""
    known = {} if memo is None else memo
    new = list(dict.fromkeys(t for t in texts if t not in known))
    joined = _SEPARATOR.join(new)
    index = lexicon.WordIndex(joined)
    starts = np.cumsum([0] + [len(t) + len(_SEPARATOR) for t in new[:-1]])
    found: list[list[tuple[int, int, str]]] = [[] for _ in new]
    for category, (pattern, anchors) in _category_patterns().items():
        for start, end in lexicon.match_at(pattern, joined, index.starts_for_anchors(anchors)):
            row = int(np.searchsorted(starts, start, side="right")) - 1
            found[row].append((int(start - starts[row]), int(end - starts[row]), category))
    known.update(zip(new, found))
    return [known[t] for t in texts]


def lexicon_counts(texts: list[str], categories: list[str], memo: Matches | None = None) -> np.ndarray:
    """Per text, how many matches each of `categories` of the shipped lexicons has (a column per category)."""
    column = {category: i for i, category in enumerate(categories)}
    matches = category_matches(list(texts), memo)
    out = np.zeros((len(matches), len(categories)))
    for row, found in enumerate(matches):
        for _, _, category in found:
            if category in column:
                out[row, column[category]] += 1
    return out


def lexicon_categories() -> list[str]:
    """The categories `lexicon_counts` can count, sorted."""
    return sorted(_category_patterns())


SENTIMENT_NAMES = ("neg", "pos", "max_valence", "valenced_share")


def sentiment_features(texts: list[str]) -> np.ndarray:
    """Word valences from VADER's lexicon per text: mean negative, mean positive, strongest, share of
    valenced words (SENTIMENT_NAMES)."""
    valence = _vader().lexicon
    rows = []
    for text in texts:
        words = _WORD.findall(text.lower())
        values = [valence[w] for w in words if w in valence]
        n = max(len(words), 1)
        rows.append([-sum(v for v in values if v < 0) / n, sum(v for v in values if v > 0) / n,
                     max((abs(v) for v in values), default=0.0), len(values) / n])
    return np.array(rows)
