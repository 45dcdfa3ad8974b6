"""framing/text/patterns.py: the regex-free name searches find exactly what their regexes find."""

import re

from hypothesis import given, settings, strategies as st

from framing.text.patterns import compiled, has_spaced, has_word

# letters, digits, '_', spaces of several kinds, punctuation the patterns treat apart, a combining mark
ALPHABET = "aAbé_1٣ \t\n\u00a0\u2003,(.’'-\u0301"


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, max_size=12), st.text(ALPHABET, max_size=4))
def test_the_searches_agree_with_their_regexes(text, phrase):
    assert has_word(text, phrase) == bool(re.search(rf"\b{re.escape(phrase)}\b", text))
    assert has_spaced(text, phrase) == bool(re.search(rf"(?:^|\s){re.escape(phrase)}(?:$|[\s,(])", text))


def test_examples():
    assert has_word("a spokesman for Clinton's campaign", "Clinton")
    assert not has_word("the Clintonites", "Clinton")
    assert has_spaced("Gov. Asa Hutchinson (R)", "Asa Hutchinson")
    assert not has_spaced("Asa Hutchinsons", "Asa Hutchinson")
    assert compiled(r"\bx\b") is compiled(r"\bx\b")
