"""Patterns for names, titles, party labels and organisations, shared by attribution, the source
registry and the sides analysis."""

import re

_PARTICLE = r"(?:al|bin|ibn|de|van|von|der|la)"  # 'bin Laden', 'van der Berg'; never the start of 'also'
_NAME_WORD = rf"(?:[A-Z][\w’'\-]*|{_PARTICLE}(?=\s+(?:[A-Z]|{_PARTICLE}\s)))"
HONORIFIC = r"(?:(?:Mr|Ms|Mrs|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Rev)\.\s+)"
NAME = re.compile(rf"{HONORIFIC}?[A-Z][\w’'\-]*(?:\s+(?:{_NAME_WORD}|[A-Z]\.(?=\s+[A-Z])))*")
NOT_NAME_START = {
    "In", "On", "At", "The", "A", "An", "But", "And", "As", "After", "Before", "To", "For", "From",
    "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "There", "When", "While",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Also", "However", "Meanwhile", "According",
}
ROLE_WORDS = (r"spokes\w+|minister|envoy|chairman|chairwoman|president|representative|official|officer|director|"
              r"commander|general|secretary|head|chief|leader|mayor|governor|ambassador|senator|councillor|judge|"
              r"speaker|chair")
ROLE = re.compile(rf"\b({ROLE_WORDS})\b", re.I)
PARTY_LABEL = r"\([A-Z][\w.]*(?:-[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)?\)"  # (D), (R-Ga.), (D-Newport News)
PARTY = rf"(?:\s+{PARTY_LABEL})?"  # 'Sen. David Perdue (R-Ga.)', 'Gov. Terry McAuliffe (D)'
POSSESSIVE_END = re.compile(r"[’']s$")  # "Haftar’s", "Ohio's"
ORG = re.compile(r"\b(council|ministry|army|forces|government|UN|UNSMIL|GNA|office|committee|party|union|"
                 r"department|agency|organisation|organization|group|league|police|company|headquarters|"
                 r"authority|commission|institute|university|court|board|bank|corporation|association|"
                 r"federation|alliance|campaign|administration|senate|congress|parliament)\b", re.I)
