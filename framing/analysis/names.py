"""Patterns for names, titles, party labels and organisations, shared by attribution, the source
registry and the actors. The words are data: lexicons/names.txt (and lexicons/actors.txt for actors)."""

import re
from functools import lru_cache

from framing.resources import alternation, word_list

# 'bin Laden', 'van der Berg'; never the start of 'also'
_PARTICLE = rf"(?:{alternation(word_list('names.txt', 'name_particles'))})"
_NAME_WORD = rf"(?:[A-Z][\w’'\-]*|{_PARTICLE}(?=\s+(?:[A-Z]|{_PARTICLE}\s)))"
HONORIFIC = rf"(?:(?:{alternation(word_list('names.txt', 'honorifics'))})\.\s+)"
SUFFIX = r"(?:Jr|Sr)\.(?!\w)"  # 'Samuel A. Alito Jr.': the period is the name's
# a person's two initials open a name ('J.K. Hollis'), a place's do not ('U.S. officials': [place_initials]);
# three are an organisation's ('F.B.I.', 'G.O.P.')
_PLACE_INITIALS = alternation(word_list("names.txt", "place_initials"))
_INITIALS = rf"(?<![\w.])(?!(?:{_PLACE_INITIALS})(?!\w))(?:[A-Z]\.){{2}}(?=\s+[A-Z][a-z])"
# a middle initial before a name word is tried first: as a name word, 'W' of 'Robert W. Pike' ended the name
NAME = re.compile(rf"(?:{_INITIALS}|{HONORIFIC}?[A-Z][\w’'\-]*)(?:\s+(?:[A-Z]\.(?=\s+[A-Z])|{SUFFIX}|{_NAME_WORD}))*")
ABBREVIATION = r"(?:[A-Z]\.){2,}"  # 'U.S.', 'I.R.S.': one word, never two single letters
# Abbreviations with a period inside a name: 'Ohio Rep. Tim Ryan', 'Ariz. Gov. Jan Brewer', 'St. Louis'
_SHORTENED = word_list("names.txt", "honorifics") + word_list("actors.txt", "abbreviations_in_names")
_SHORT = rf"(?:{alternation(_SHORTENED)})\.(?=\s+[A-Z])"
_ACTOR_WORD = rf"(?:{ABBREVIATION}|{_SHORT}|[A-Z]\.(?=\s+[A-Z])|{_NAME_WORD})"
# NAME, with abbreviations as words ('U.S. Senate', 'the I.R.S.', 'Ohio Rep. Tim Ryan'): actors' names
ACTOR_NAME = re.compile(rf"(?:{ABBREVIATION}|{_SHORT}|[A-Z][\w’'\-]*)(?:\s+{_ACTOR_WORD})*")
NOT_NAME_START = frozenset(word_list("names.txt", "not_name_start"))
ROLE_WORDS = alternation(word_list("names.txt", "role_words"))
ROLE = re.compile(rf"\b({ROLE_WORDS})\b", re.I)
PARTY_LABEL = r"\([A-Z][\w.]*(?:-[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)?\)"  # (D), (R-Ga.), (D-Newport News)
PARTY = rf"(?:\s+{PARTY_LABEL})?"  # 'Sen. David Perdue (R-Ga.)', 'Gov. Terry McAuliffe (D)'
POSSESSIVE_END = re.compile(r"[’']s$")  # "Haftar’s", "Ohio's"
ORG = re.compile(rf"\b({alternation(word_list('names.txt', 'organisation_words'))})\b", re.I)
_US_PARTY_LABEL = re.compile(r"(?:^|\(|,\s)([RD])(?:-|\))")  # 'R-Calif.', '(D)', ', D-N.Y., the former chairman'
_US_PARTY_WORD = re.compile(r"\b(?:(Republican|GOP)|(Democrat|Democratic))s?\b")


def stated_party(text: str) -> str | None:
    """'R' or 'D': the US party a name or role states, by a label ('R-Calif.', '(D)') or else by the
    one party word it uses ('a Republican strategist', 'Democrat of Arizona'); None for none or both."""
    label = _US_PARTY_LABEL.search(text)
    if label:
        return label.group(1)
    words = {"R" if w.group(1) else "D" for w in _US_PARTY_WORD.finditer(text)}
    return words.pop() if len(words) == 1 else None


def _politicians() -> tuple[dict[str, str], dict[str, set[tuple[str, str]]], frozenset[str]]:
    """lexicons/politicians.txt as (full name -> party, surname -> {(full name, party)}, presidents' full names)."""
    full, by_surname, presidents = {}, {}, set()
    for section, party in (("presidents_democratic", "D"), ("presidents_republican", "R"),
                           ("democratic", "D"), ("republican", "R")):
        for name in word_list("politicians.txt", section):
            full[_INITIAL.sub(" ", name)] = party
            by_surname.setdefault(name.split()[-1], set()).add((name, party))
            if section.startswith("presidents"):
                presidents.add(name)
    return full, by_surname, frozenset(presidents)


_PARTY_GROUPS = [(re.compile(rf"(?<![\w-])(?:{alternation(word_list('politicians.txt', section))})(?![\w-])"), party)
                 for section, party in (("democratic_groups", "D"), ("republican_groups", "R"))]
_INITIAL = re.compile(r"\s+[A-Z]\.\s+")  # 'Donald J. Trump', 'George W. Bush': a middle initial is no part of the match
_POLITICIANS = _politicians()
_OWN_BODY = re.compile(r"^(?:the\s+)?([A-Z][\w’'-]+)(?:['’]s)?\s+(?:campaign|administration|camp|White\s+House|transition\s+team)$", re.I)
_TITLED = re.compile(r"^(?:(?:former|Former|then-)\s*)?(?:(?:Vice\s+)?President|Mr\.|Mrs\.|Ms\.|Sen\.|Senator|Gov\.|Governor|Rep\.|Speaker|Leader)\s+")


@lru_cache(maxsize=None)
def _written_in_full(whole: str) -> re.Pattern:
    """A politician's full name as a text may write it, with a middle initial or name ('Donald J. Trump',
    'Hillary Rodham Clinton')."""
    first, last = re.escape(whole.split()[0]), re.escape(whole.split()[-1])
    return re.compile(rf"\b{first}\s+(?:[A-Z]\.\s+|[A-Z][a-z]+\s+)?{last}\b")


_NOT_GIVEN = frozenset("President Vice Former Mr Mrs Ms Sen Senator Gov Governor Rep Speaker Leader The A An".split())


def _other_bearers(whole: str, text: str) -> bool:
    """The text names someone else of the politician's surname ('Ash Carter' for a 'Carter' who is no
    Jimmy Carter; 'Melania Trump'), so the surname alone does not say which."""
    first, last = whole.split()[0], whole.split()[-1]
    given = {m.group(1) for m in re.finditer(rf"\b([A-Z][a-z]+)\.?\s+(?:[A-Z]\.\s+)?{re.escape(last)}\b", text)}
    return bool(given - _NOT_GIVEN - NOT_NAME_START - {first})  # not 'But Trump', 'When Obama'


def group_party(text: str) -> str | None:
    """'R' or 'D' for a party committee or a group that works for one party's candidates that `text` names
    (lexicons/politicians.txt: 'the RNC', 'Priorities USA'), None for none or both."""
    groups = {party for pattern, party in _PARTY_GROUPS if pattern.search(text)}
    return groups.pop() if len(groups) == 1 else None


def known_party(name: str, text: str) -> str | None:
    """'R' or 'D' for a US politician of national standing (lexicons/politicians.txt) that the text names
    in full ('Florida Sen. Marco Rubio'; 'Ryan' after 'Paul Ryan'), a president or vice president also by title ('President Obama',
    or 'Obama' where the text writes 'President Obama'), the campaign or administration of one ('the Obama campaign') and a
    party's groups (`group_party`); None for anyone else, or a surname two parties share in the text."""
    full, by_surname, presidents = _POLITICIANS
    given = name
    if group := group_party(name):  # 'Priorities USA Action'
        return group
    if own := _OWN_BODY.match(name):
        name = own.group(1)
    name = _INITIAL.sub(" ", _TITLED.sub("", name.strip()))
    words = name.split()
    if len(words) > 1:  # the name at its end ('Florida Sen. Marco Rubio'), or without a middle name ('Donald John
        # Trump'); 'Gwen Graham' is no 'Lindsey Graham'
        tails = [" ".join(words[i:]) for i in range(len(words) - 1)] + ([f"{words[-3]} {words[-1]}"] if len(words) > 2 else [])
        return next((full[tail] for tail in tails if tail in full), None)
    if not name:
        return None
    titled = f"President {name}"  # in the text or in the name itself; else no one else of that surname ('Ash Carter')
    candidates = {party for whole, party in by_surname.get(name, ())
                  if _written_in_full(whole).search(text)
                  or (whole in presidents and (titled in text or titled in given or not _other_bearers(whole, text)))}
    return candidates.pop() if len(candidates) == 1 else None
