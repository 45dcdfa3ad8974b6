"""The source registry: who the attributions' sources are. Mentions of one source merge (a surname
refers back to the full name, a title to the person holding it, "he" to the voice named last that
agrees with it); each source gets a canonical name, a kind, a role, and the words quoted or
paraphrased from it."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from framing.analysis.actors import names_a_body, names_a_place
from framing.analysis.attribution import by_writer_or_reader, joined_sentence
from framing.text.document import QUOTED, Document
from framing.text.patterns import compiled
from framing.findings import Attribution, Source, TextSpan
from framing.analysis.names import (ACTOR_NAME, HONORIFIC, NAME, NOT_NAME_START, ORG, PARTY, PARTY_LABEL, POSSESSIVE_END, ROLE,
                           ROLE_WORDS, SUFFIX, stated_party)
from framing.resources import alternation, word_list

_PRONOUNS = frozenset(word_list("sources.txt", "pronouns"))
_POSSESSIVES = frozenset(("his", "her", "their", "its"))
_CONTRACTION = re.compile(r"[’'](?:s|ve|re|d|ll)$")  # "she's said", "they've suggested"
POSSESSIVE_REACH = 250  # characters after a person source's last mention in which 'His promises' are still theirs
_MEDIA = re.compile(rf"\b({alternation(word_list('sources.txt', 'media_words'))})\b", re.I)
_GROUPS = alternation(word_list("sources.txt", "group_words"))
_VAGUE = re.compile(rf"^(?:some|many|{_GROUPS})\b(?![’'])", re.I)
_DETERMINERS = frozenset(word_list("sources.txt", "determiners"))
_QUANTITY = re.compile(rf"^(?:(?:{alternation(word_list('sources.txt', 'quantity_hedges'))})\s+)?"
                       rf"(?:\d|(?:{alternation(word_list('sources.txt', 'quantity_openers'))})\b)", re.I)
_GROUP_OPENERS = frozenset(word_list("sources.txt", "group_openers"))
_GROUP_CLAUSE = re.compile(r"\s+(?:who|whom|which|that|like|including|such as)\b|[;:(—]|\s--")  # what describes a group after its noun
_NEWS_OUTLETS = frozenset(word_list("news_outlets.txt"))  # 'Reuters', 'The Guardian'


_WHERE = re.compile(r"\s+(?:on|in|at|across|from)\s+[A-Z]")  # 'Republicans on Capitol Hill'


@lru_cache(maxsize=4096)
def _kind(name: str) -> str:
    """person, organisation, official (a role without a name), media, anonymous or vague. Remembered
    (a dozen regexes a name): an audit asks it some 40 times, often about the same name."""
    words = name.split()
    unnamed = ((name[:1].islower() and not re.match(r"the\s+[A-Z]", name))  # not 'the White House'
               or (words[0] in _DETERMINERS and len(words) > 1 and words[1][:1].islower())
               or (len(words) > 1 and not POSSESSIVE_END.search(words[0])  # 'Voting rights advocates'
                   and all(w[:1].islower() for w in words[1:])))
    if unnamed and re.search(r"\bsources?\b", name, re.I):
        return "anonymous"
    if unnamed and _MEDIA.search(name):
        return "media"
    if unnamed and ROLE.search(name):
        return "official"
    if unnamed or _VAGUE.match(name) or _QUANTITY.match(name):  # 'Nearly eight of 10 voters', 'One Republican'
        return "vague"
    if ROLE.fullmatch(words[-1]):  # a title without a name: 'Virginia AFL-CIO President'
        return "official"
    if _MEDIA.search(re.sub(r"\(.*?\)", "", name)) or {name, re.sub(r"^The\s+", "", name)} & _NEWS_OUTLETS:
        return "media"  # 'Yahoo News', 'Reuters'; not 'Price (D-Newport News)'
    head = re.split(r"[’']s\s+(?=[A-Z])", name.split(",")[0])[-1]  # 'James Comey, the director of the FBI', 'MRC’s Bozell'
    where = _WHERE.search(head)  # a body where it sits: 'Republicans on Capitol Hill' are Republicans
    if ORG.search(head) or names_a_body(name) or names_a_place(name) or (where and names_a_body(head[:where.start()])):
        return "organisation"
    return "person"


def _role(doc: Document, mention: TextSpan) -> str:
    """An appositive next to the first mention: 'X, the Vice Chairman of Y,' or 'The UN envoy, X'."""
    sentence = joined_sentence(doc, mention.start)
    if sentence is None:
        return ""
    after = re.match(r",\s+([^,“”\"]{3,90}?),", doc.text[mention.end : sentence.end])
    if after and ROLE.search(after.group(1)):
        return after.group(1).strip()
    preceding = doc.text[sentence.start : mention.start]
    # the search tries every offset of the sentence: only where the words before end with a comma
    before = re.search(r"([^,.“”\"]{3,90}),\s*$", preceding) if preceding.rstrip().endswith(",") else None
    if before and ROLE.search(before.group(1)) and not _CLAUSE.search(before.group(1)) \
            and not re.match(r"(?:an?|the)\s", mention.text, re.I):  # 'the bill, a Grassley spokesperson said'
        return before.group(1).strip()
    return ""


_CLAUSE = re.compile(r"\b(?:will|would|said|says|has|have|had|is|are|was|were|did|does|can|could)\b")  # a verb: no appositive


_NAME_TITLES = alternation(word_list("sources.txt", "name_titles"))
_TITLES = re.compile(rf"^(?:(?:[A-Z][\w.’'\-]*\s+){{0,2}}{HONORIFIC}|(?:(?:(?i:{ROLE_WORDS})|{_NAME_TITLES})\s+)+"
                     rf"(?=[A-Z])(?!(?:[\w’'\-]+\s+)?(?i:{alternation(word_list('names.txt', 'organisation_words'))})\b))")
# 'Illinois Rep. ', 'Democratic U.S. Rep. ', 'President ', 'Justice '; not 'Justice ' of 'Justice Department'
_INITIAL = re.compile(r"(?<=\s)[A-Z]\.\s+(?=[A-Z])")  # 'Donald J. Trump'
_SUFFIX = re.compile(r",?\s+(Jr|Sr)\.?$")  # 'Samuel A. Alito Jr.', 'Alito, Jr': one spelling, 'Samuel Alito Jr'


_HOME = re.compile(r"\s+(?:of|from)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*$")  # ' of New York'


@lru_cache(maxsize=4096)
def plain_name(name: str) -> str:
    """A name without its titles and middle initials, and a titled name without its home: 'Sen. Ted
    Cruz', 'President Trump', 'Mr. Trump', 'Donald J. Trump', 'Sen. Tim Kaine of Virginia' -> 'Ted Cruz',
    'Trump', 'Trump', 'Donald Trump', 'Tim Kaine'; 'Jr.' kept as 'Jr' ('Donald Trump Jr' is his son).
    Remembered: an audit asks it some 140 times."""
    name = name.replace("’", "'")  # 'O’Neill' is 'O'Neill'
    if " and " in name:  # 'Mr. King and Mr. Schultz' are two
        return name
    untitled = _TITLES.sub("", name)
    if untitled != name:
        untitled = _HOME.sub("", untitled)
    return _SUFFIX.sub(r" \1", _INITIAL.sub("", untitled)) or name


def _title(name: str) -> str:
    """The title a name opens with, lower-cased and without its period: 'President Trump' -> 'president',
    'Sen. Ted Cruz' -> 'sen'; '' for none."""
    m = _TITLES.match(name)
    return m.group().strip().split()[-1].rstrip(".").lower() if m else ""


_PARTICLES = word_list("names.txt", "name_particles")
_PARTICLE_SURNAME = re.compile(rf"(?:{alternation(_PARTICLES)}|{alternation(p.capitalize() for p in _PARTICLES if p != 'al')})"
                               r"\s+[A-Z][\w'-]+")  # 'de Blasio', 'De Blasio'; not 'Al Sharpton'

_TITLE_WORDS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "adm": "admiral",
                "capt": "captain", "pres": "president"}


def _titles(mention: str, role: str) -> set[str]:
    """The titles a mention holds, as 'the ...' would name them: 'President Trump' -> {'president'},
    'Sen. Ted Cruz' -> {'senator'}, ('Paul Ryan', 'House Speaker') -> {'speaker'}; not 'Mr.'."""
    last = role.split()[-1] if role.strip() else ""
    found = {_title(mention)} | ({last.lower()} if role[:1].isupper() and ROLE.fullmatch(last) else set())
    return {_TITLE_WORDS.get(t, t) for t in found if t and t not in ("mr", "ms", "mrs", "dr", "prof")}


def _held_titles(name: str, role: str) -> set[str]:
    """The titles a source's name and role give it, singular: ('Samuel A. Alito Jr.', 'Justices') -> {'justice'}."""
    words = {re.sub(r"s$", "", w.rstrip(".").lower()) for w in f"{role} {name}".split() if w[:1].isupper()}
    return _titles(name, role) | {_TITLE_WORDS.get(w, w) for w in words}


def _sex(name: str) -> str | None:
    """'m' for 'Mr. X', 'f' for 'Mrs. X' or 'Ms. X', else None."""
    m = re.match(r"(?:[A-Z][\w’'\-]*\s+){0,2}(Mr|Mrs|Ms)\.\s", name)
    return None if m is None else "m" if m.group(1) == "Mr" else "f"


def _same_source(short: str, full: str) -> bool:
    """'Za’tari' refers back to 'Ali Al-Za’tari'; 'Haftar' to 'Khalifa Haftar'; titles and middle
    initials aside ('Mr. Trump', 'President Trump' and 'Donald J. Trump' to 'Donald Trump')."""
    short, full = plain_name(short), plain_name(full)
    if short == full:
        return True
    if _PARTICLE_SURNAME.fullmatch(short) and full.lower().endswith(" " + short.lower()):
        return True  # 'De Blasio' is 'Bill de Blasio'
    if " and " in full or "," in full or not full[:1].isupper():  # 'Mr. King and Mr. Schultz', 'experts, including X'
        return False
    if " " in short and short[:1].isupper() and " and " not in short and full.endswith(" " + short) \
            and NAME.fullmatch(short) and all(w[:1].isupper() for w in full[:-len(short)].split()):
        return True  # 'Ann Marsh' is 'Former Senior Adviser Ann Marsh'; 'New Hampshire' is not 'voters in New Hampshire'
    words = full.split()
    if (len(words) == 3 and short.split() == [words[0], words[2]] and NAME.fullmatch(full) and _kind(full) == "person"
            and words[0] not in NOT_NAME_START and all(w[:1].isupper() for w in words)):
        return True  # 'Hillary Clinton' is 'Hillary Rodham Clinton'
    if " " in short or " " not in full or not short[:1].isupper():  # 'drivers' is no surname
        return False
    if _kind(full) in ("official", "anonymous"):  # 'Mr. Farenthold' is not 'A spokeswoman for Mr. Farenthold'
        return False
    if _kind(full) == "vague" and _NAME_IN_A_PHRASE.search(full):  # 'Sanders' is not 'Several superdelegates
        return False  # supporting Sanders', nor 'The charge against Lewandowski'; 'An angry Trump' is Trump
    last = _surname(full).lower()  # 'Boutrous' is 'Theodore J. Boutrous Jr.'
    if _GIVEN_NAME_LAST.fullmatch(full):  # 'Mr. Ban' is 'Ban Ki-moon': the family name comes first
        return short.lower() == full.split()[0].lower()
    return short.lower() in (last, last.split("-")[-1])


_NAME_IN_A_PHRASE = re.compile(r"\s(?:[a-z]+ing|of|for|against|to|with|from|by|about|behind|like|including)\s+(?:the\s+)?\S+$")
_GIVEN_NAME_LAST = re.compile(r"[A-Z][a-z]+\s+[A-Z][a-z]+-[a-z]+")  # 'Ban Ki-moon', 'Moon Jae-in', 'Kim Jong-un'


_LEADING_JUNK = re.compile(r"^(?:[)\]]\s*,?\s*|(?:and|or|but)\s+|(?:[Ii]n|[Oo]n|[Bb]y)\s+(?:[A-Z][a-z]+|\d{4}|"
                           r"the\s+time|early|late)(?:\s+\d{4})?\s*,\s*|(?:[Ww]hen|[Ii]f|[Ww]ith|[Bb]y\s+the\s+time)\s+|From\s+(?=[A-Z]))+")
# '), chairman of ...', 'and local police', 'In July, the group', 'When Bopp', 'By the time Mr. Trump', 'From Bush'
_TRAILING_JUNK = re.compile(r",\s*(?:at|in|on|during|after|before|with|when|while)$|\s+(?:himself|herself|themselves|itself)$")
# 'Hillary Clinton, at', 'Trump himself'
_NAME_THEN_WHEN = re.compile(rf"({NAME.pattern})\s+(?:on|over|during)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)*[a-z]+")
# 'Okafor over the weekend', 'Reyes on the Senate floor': a name, then when or where it spoke
_DASHES = re.compile(r"\s+[—–-]\s+|\s+[—–-]$")  # dashes around an appositive after a name
_NEXT_NAME_WORD = rf"\s+(?:[A-Z]\.(?=\s+[A-Z])|{SUFFIX}|[A-Z][\w’'\-]*)"  # 'Robert W. Pike', 'Dane Jr.'
_TITLE_THEN_NAME = re.compile(rf"(.*\b(?i:{ROLE_WORDS})s?)\s+({HONORIFIC}?[A-Z][\w’'\-]*(?:{_NEXT_NAME_WORD})*)")
_NAME_OF = re.compile(rf"({HONORIFIC}?[A-Z][\w’'\-]*(?:{_NEXT_NAME_WORD})+)"
                      r"\s+((?:of|from|at)\s+(?:the\s+.+|[A-Z].*))")
_POSSESSIVE = re.compile(r"[’']s\b")
# 'Democratic presidential frontrunner Hillary Clinton', 'IMF chief economist Maury Obstfeld': a description
# ending in a lower-case word, then a person's name of two or three words
_DESCRIBED_NAME = re.compile(rf"(.*\b(?!(?:{alternation(word_list('sources.txt', 'not_before_name'))})\b)[a-z][\w-]*)"
                             r"\s+([A-Z][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+){1,2})")
_NAME_AND = re.compile(rf"(?:{HONORIFIC}[A-Z][\w’'-]+|[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)\s+and\b")
_ASIDE = re.compile(r"([A-Z][^(),]*?)\s*\(([^()]{1,120})\)(.*)", re.S)  # a name, then a parenthesis: party, home, aside
_NAMES = re.compile(rf"(?:{NAME.pattern})(?:\s+and\s+(?:{NAME.pattern}))+")  # 'Peter Shaw and Leila Ahmed'


def _name_and_role(source: str) -> tuple[str, str]:
    """Split a source phrase with an appositive into the name and the role:
    'The authority's chairman, Victor Hale,' -> ('Victor Hale', "The authority's chairman"), also for
    joint names ('The two members ..., Peter Shaw and Leila Ahmed,');
    an article inside the sentence is not part of a name ('the GNA' -> 'GNA'); a party label is the
    role ('Sen. Claire McCaskill (D-Mo.)' -> ('Sen. Claire McCaskill', 'D-Mo.'))."""
    phrase = re.sub(r"\s+[—–-]$", "", source.strip(" ,;:"))
    aside = re.match(r"(.+?)\s+[—–-]\s+", phrase)
    if aside and NAME.fullmatch(plain_name(aside.group(1))):  # 'Tom Okafor — a fisher from Calder Bay —'
        phrase = _DASHES.sub(", ", phrase).strip(" ,")
    phrase = _TRAILING_JUNK.sub("", _LEADING_JUNK.sub("", phrase)) or source
    when = _NAME_THEN_WHEN.fullmatch(phrase)
    if when and when.group(1).split()[0] not in NOT_NAME_START:
        phrase = when.group(1)
    party = re.fullmatch(rf"({NAME.pattern})\s+({PARTY_LABEL})", phrase)
    if party:  # 'Harbour Committee Chairman Ada Reyes (D)': the title too is the role
        titled = _name_and_title(party.group(1))
        return (titled[0], f"{titled[1]}, {party.group(2).strip('()')}") if titled \
            else (party.group(1), party.group(2).strip("()"))
    aside = _ASIDE.match(phrase)
    # 'Arizona Gov. Jan Brewer (R)', 'Sen. X (a Democrat ...), ...'; not in 'X (D) and Y (D)', a joint source
    if aside and (plain_name(aside.group(1)) != aside.group(1) or re.fullmatch(PARTY_LABEL, f"({aside.group(2)})")) \
            and not re.search(r"\sand\s+[A-Z]", aside.group(1) + aside.group(3)):
        name, role = _name_and_role(aside.group(1) + aside.group(3))
        return name, ", ".join(r for r in (aside.group(2), role) if r)
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    for i, part in enumerate(parts):
        rest = parts[:i] + parts[i + 1:]
        titled = _name_and_title(part)
        if titled:
            return titled[0], ", ".join([titled[1], *rest])
        if (rest and (NAME.fullmatch(part) or _NAMES.fullmatch(part)) and part.split()[0] not in NOT_NAME_START
                and not ROLE.search(part)):
            return part, ", ".join(rest)
        if rest and i == 0 and plain_name(part) != part and NAME.fullmatch(plain_name(part)):
            return part, ", ".join(rest)  # 'Adm. Paul F. Vance Jr., who leads ...', 'Top Republican Sen. Ada Reyes, of ...'
        home = _NAME_OF.fullmatch(part)
        if (home and any(ROLE.search(r) for r in rest) and NAME.fullmatch(home.group(1)) and not ROLE.search(home.group(1))
                and not ORG.search(part)
                and home.group(1).split()[0] not in NOT_NAME_START):  # 'Senate Democratic leader, Chuck Schumer of New York'
            return home.group(1), ", ".join([*rest, home.group(2)])
    name = re.sub(r"(?<=s)[’']$", "", POSSESSIVE_END.sub("", re.sub(r"^the\s+(?=[A-Z])", "", ", ".join(parts))))  # "Sanders’"
    return name or source, ""


_SOMEONE_OF = re.compile(  # a person known by whom they work for or stand with: the name is the other one
    r"\b(?:aides?|advis[eo]rs?|spokes(?:man|woman|person)|lawyers?|attorneys?|counsel|friends?|confidants?|allies|ally|"
    r"critics?|rivals?|opponents?|wife|husband|son|daughter|brother|sister|father|mother|assistants?|strategists?|"
    r"surrogates?)\s+(?:to|for|of|with)(?:\s+[\w.’'\-]+){0,4}\s*$")  # '... for Democratic presidential candidate'


def _name_and_title(part: str) -> tuple[str, str] | None:
    """'Councillor Ruth Okafor' -> ('Ruth Okafor', 'Councillor'); 'Dan Mercer of the Westford Drivers'
    -> ('Dan Mercer', 'of the Westford Drivers'); None for anything else."""
    if _NAME_AND.search(part):  # 'Joe Biden and campaign chairman John Podesta' are two
        return None
    m = _TITLE_THEN_NAME.fullmatch(part)
    if m and _SOMEONE_OF.search(m.group(1)):
        return None  # 'the former top aide to President George W. Bush' is the aide, not Bush
    if m and not re.search(r"\b(?:including|like|such\s+as)\b", m.group(1)):  # not a group's member: '..., including President Trump'
        return m.group(2), m.group(1)
    m = _NAME_OF.fullmatch(part)
    titled = m and _TITLE_THEN_NAME.fullmatch(m.group(1))
    if titled:  # 'Representative Kevin McCarthy of California'
        return titled.group(2), f"{titled.group(1)} {m.group(2)}"
    if m and m.group(2).split()[1] == "the" and not ROLE.search(m.group(1)) and not _POSSESSIVE.search(m.group(1)):
        return m.group(1), m.group(2)  # not "Libya’s Deputy ... of the UN", nor 'Federal Bureau of Investigation'"
    described = _DESCRIBED_NAME.fullmatch(part)
    if described and not _SOMEONE_OF.search(described.group(1)):
        return described.group(2), described.group(1)
    return None


_RELATIVES = frozenset(word_list("sources.txt", "relative_pronouns"))
_NAME_AT_END = re.compile(rf"(?:{NAME.pattern}){PARTY}$")
_NOUN_AT_END = re.compile(r"\b(?:an?|the|his|her|their|its|some|many|most|[A-Z][\w\-]*[’']s)\s+"
                          r"(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*$")  # 'an architect', "Scott's relatives"


def _antecedent(text: str, relative: TextSpan) -> TextSpan | None:
    """What a relative pronoun source stands for: the name, or a noun with its determiner, right
    before it ('Stein, who', 'an architect who'), or before the place or body it is 'at' ('a tech
    staffer at the State Department who'), or a group without a determiner before its place
    ('residents of Derna, who'); None when neither is there."""
    floor = 0 if relative.start <= 120 else text.find(" ", relative.start - 120, relative.start) + 1
    end = floor + len(re.sub(r"\s*(?:,|--|—)?\s*$", "", text[floor:relative.start]))
    found = _phrase_ending(text, floor, end)
    while found and (place := _PREPOSITION_END.search(text, floor, found.start)):
        head = _phrase_ending(text, floor, place.start())  # 'the chair [of the Council of Europe]'
        if head is None:
            group = _GROUP_AT_END.search(text, floor, place.start())  # 'residents [of Derna]'
            return TextSpan(group.start(), group.end(), group.group()) if group else found
        found = head
    return found


_GROUP_AT_END = re.compile(rf"(?<![\w’'])(?:[a-z][\w\-]*\s+)?(?:{_GROUPS}|(?:{ROLE_WORDS})s)$")
_PREPOSITION_END = re.compile(r"\s+(?:at|on|in|of|from|for|with)\s+(?:the\s+)?$")


def _phrase_ending(text: str, floor: int, end: int) -> TextSpan | None:
    """The name, or else the noun with its determiner, that ends at `end`."""
    for pattern in (_NAME_AT_END, _NOUN_AT_END):
        m = pattern.search(text, floor, end)
        if m and m.group().split()[0] not in NOT_NAME_START:
            return TextSpan(m.start(), m.end(), m.group())
    return None


def _own(name: str) -> str:
    """The words of a name or role that are about its bearer, not another person named in it: 'A
    spokeswoman for Mr. Farenthold' -> 'A spokeswoman', "Mr. Jackson's wife" -> 'wife'."""
    return re.split(r"[’']s\s+", re.split(r"\s+(?:for|of|to|at|with|from)\s+", name)[0])[-1]


def sex_in_text(doc: Document, name: str) -> str | None:
    """'m' or 'f' when the pronouns found right after the narration's mentions of a person's surname
    (the first 'he', 'his', 'she' or 'herself' before any other name, in its sentence or, for a name
    that opens it, the next; quotations skipped) are two to one at least. When the text names others
    of that surname ('Melania Trump', 'Mr. Trump' beside 'Mrs. Trump'), only the mentions with the
    person's own first name count."""
    votes = {"m": 0, "f": 0}
    text = doc.text
    surname, given = _surname(name), name.split()[0] if " " in name else None
    found = _surname_mentions(text, surname)
    before = {(word or "").rstrip(".") for _, _, word in found} - {"", given}
    others = {w for w in before if w not in NOT_NAME_START and w not in _HONORIFICS and not ROLE.fullmatch(w)}
    shared = bool(others) or ("Mr" in before and bool({"Mrs", "Ms", "Miss"} & before))  # 'Melania Trump'; 'Mrs. Clinton' beside 'Mr. Clinton'
    for start, stop, word in found:
        if doc.voice_at(start) == QUOTED or (shared and word != given):
            continue
        sentence = joined_sentence(doc, start)
        end = min(len(text), stop + SEX_REACH)
        if sentence is not None and text[sentence.start:start].strip(" “\"‘'(") and end > sentence.end:
            end = sentence.end  # a name inside its sentence: 'She' after it is the subject's ('X criticized Trump. She said')
        for w in _AFTER_NAME.finditer(text, stop, end):
            if doc.voice_at(w.start()) == QUOTED:
                continue
            if w.group("name"):
                if w.group() in NOT_NAME_START and _OPENS_SENTENCE.search(text, max(0, w.start() - 4), w.start()):
                    continue  # 'The', 'But' opening a sentence: not yet another name
                break
            votes["m" if w.group("m") else "f"] += 1
            break
    for sex, other in (("m", "f"), ("f", "m")):
        if votes[sex] and votes[sex] >= 2 * votes[other]:
            return sex
    return None


_WORD_BEFORE = re.compile(r"([A-Z][\w’'-]*\.?)\s+$")


def _sex_by_given_name(doc: Document, plain: str) -> str | None:
    """'m' or 'f' by a given name borne almost only by one sex: the name's own ('Donald Trump'), or for
    a surname alone the ones the text writes before it, when every name word before it is such a
    given name and all of one sex ('Trump' where the text has 'Donald Trump'; none beside 'Melania Trump')."""
    if " " in plain:
        return _SEX_OF_GIVEN_NAME.get(plain.split()[0])
    before = {(word or "").rstrip(".") for _, _, word in _surname_mentions(doc.text, plain)}
    names = {w for w in before if w and w not in NOT_NAME_START and w not in _HONORIFICS and not ROLE.fullmatch(w)}
    sexes = {_SEX_OF_GIVEN_NAME.get(w) for w in names}
    return sexes.pop() if len(sexes) == 1 else None


def person_sex(doc: Document, name: str) -> str | None:
    """'m' or 'f' for a person actor's name: by a given name of one sex, else by the pronouns after its surname."""
    plain = plain_name(name)
    return _sex_by_given_name(doc, plain) or sex_in_text(doc, plain)


def _surname_mentions(text: str, surname: str) -> list[tuple[int, int, str | None]]:
    """Each whole-word `surname` of the text as (start, end, the capitalised word right before it or
    None); start is that word's when there is one. str.find, not a regex scan of the whole text: an
    audit asks this for every person a pronoun may stand for."""
    found, at = [], text.find(surname)
    while at >= 0:
        end = at + len(surname)
        joined_before = at and (text[at - 1].isalnum() or text[at - 1] in "_’'-")  # 'O'Vale'
        joined_after = end < len(text) and (text[end].isalnum() or text[end] in "_-")  # 'Valerie', 'Vale-Smith'
        if not (joined_before or joined_after):
            word = _WORD_BEFORE.search(text, max(0, at - 60), at)
            found.append((word.start() if word else at, end, word.group(1) if word else None))
        at = text.find(surname, end)
    return found


def _just_named(source: Source, offset: int) -> bool:
    """A person (or an official) named as a source just before `offset`."""
    return source.kind in ("person", "official") and 0 <= offset - source.mentions[-1].end <= POSSESSIVE_REACH


def build(doc: Document, attributions: list[Attribution]) -> tuple[list[Attribution], list[Source]]:
    """The attributions linked to a registry of their sources: a surname joins the full name, a
    title the person who holds it, a pronoun the voice it agrees with (_pronoun_speakers), a relative pronoun what it
    stands for. A joint source ('Ada Reyes and Tom Okafor said') is one source per name, each
    linked to the shared words by an attribution of its own, the words counted once among them."""
    registry = _Registry(doc.text)
    sources = registry.sources
    linked: list[Attribution] = []
    previous: list[Source] = []  # the last named source, or the speakers of the last joint source
    reported = [(a.content.start, a.content.end, a.source.start, a.source.end) for a in attributions  # words a named person says
                if a.content is not None and a.source is not None and a.source.text.lower() not in _PRONOUNS
                and _kind(a.source.text.strip(" ,")) in ("person", "official", "anonymous")]
    for a in attributions:
        said_by = _CONTRACTION.sub("", a.source.text.lower()) if a.source is not None else ""  # 'she's said': 'she'
        pronoun = said_by in _PRONOUNS
        if a.source is None or by_writer_or_reader(doc, a):  # 'I wish ...' outside quotes: the writer, no voice
            linked.append(a)
            continue
        if a.source.text.lower() in _POSSESSIVES and not (previous and _just_named(previous[-1], a.source.start)):
            linked.append(a)  # 'Her acknowledgment' long after the last source, or of no person: whose, unknown
            continue
        if pronoun:  # "he said": the voice a reader takes it for (_pronoun_speakers); "they" after a joint source: its speakers
            speakers = _pronoun_speakers(doc, registry, previous, a.source.start, said_by, reported)
            if not speakers:  # no voice named before agrees with the pronoun: whose, unknown
                linked.append(a)
                continue
            for i, speaker in enumerate(speakers):
                registry.credit(speaker, a, a.source, (i, len(speakers)))
                linked.append(Attribution(a.cue, a.source, a.content, a.kind, speaker.id))
            previous = speakers
            continue
        mention = _antecedent(doc.text, a.source) if a.source.text.lower() in _RELATIVES else a.source
        if mention is None:  # 'who said' with no name or noun right before it: left out of the registry
            linked.append(a)
            continue
        name, role = _name_and_role(mention.text)
        role = role or _role(doc, mention)
        speakers = _joint(doc.text, mention, name, role) or [(name, role, mention)]
        previous_voice, previous = previous, []
        for i, (name, role, part) in enumerate(speakers):
            described = None if len(speakers) > 1 else (  # 'The Democratic presidential candidate': whom it stands for
                lambda name=name: _pronoun_speakers(doc, registry, previous_voice, a.source.start, name, reported,
                                                    body_only=True))
            match = _register(doc, registry, name, role, part, described)
            registry.credit(match, a, part if len(speakers) > 1 else None, (i, len(speakers)))
            previous.append(match)
            linked.append(Attribution(a.cue, a.source, a.content, a.kind, match.id))
    return linked, sources


_PLURAL = frozenset(("they", "we", "their"))
_NO_VOICE = frozenset(("i", "you", "we", "me", "us"))  # a source named so is the writer or the reader


# ---- pronoun sources (session 26): a cheap, rule-based stand-in for coreference -------------------

_PRONOUN_SEX = {"he": "m", "his": "m", "she": "f", "her": "f"}
_SEX_WORDS = {**{w: "f" for w in word_list("sources.txt", "female_words")},
              **{w: "m" for w in word_list("sources.txt", "male_words")}}
# after a name, the first of: a pronoun of either sex ('Kirby said he'), or another capitalised word
# inside a sentence, another name that the pronoun may be about instead ('Trump said Clinton ... her');
# 'him' and 'her' are left out: often the object, someone else ('Trump attacked her')
_AFTER_NAME = re.compile(r"\b(?:(?P<m>[Hh]e|[Hh]is|[Hh]imself)|(?P<f>[Ss]he|[Hh]erself)|(?P<name>[A-Z][\w’'-]*))\b")
_HONORIFICS = frozenset(word_list("names.txt", "honorifics"))
_SEX_OF_GIVEN_NAME = {**{w: "m" for w in word_list("names.txt", "male_given")},
                      **{w: "f" for w in word_list("names.txt", "female_given")}}
_OPENS_SENTENCE = re.compile(r'(?:[.!?]["”’\']?\s+|\n\s*)$')
SEX_REACH = 200  # characters after a name in which its pronoun is looked for
_OPENER = re.compile(rf"(?:[A-Z][A-Z.,\s]+\s[—–-]+\s+)?(?:(?:But|And|Yet|So|Still|Meanwhile|Instead|Then|Now|Also)\s*,?\s+(?:then\s+)?)?(?:(?:{alternation(NOT_NAME_START - {'He', 'She', 'They', 'It', 'We', 'I'})}|"
                     r"Like|Unlike|Despite|With|Without|Since|During|Under|Until|Once|Even|Though|Although|If|Last|Earlier|"
                     r"Later|Hours|Days|Weeks|Months|Years|Moments|Minutes|[A-Z][a-z]+(?:ing|ed))\b[^,.;“”\"]{0,150},\s+){0,2}")
# what opens a sentence before its subject: 'WASHINGTON — ', 'But ', 'On Monday, ', 'Like her heroine, ', 'Asked about it, '
_NAMED = rf"(?:{ACTOR_NAME.pattern}){PARTY}(?:\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?(?:\s+and\s+(?:{ACTOR_NAME.pattern}){PARTY})?"
# 'Ada Reyes', 'Former Rep. Chris Shays', 'Gov. Mike Pence of Indiana', 'Long and Bosma'
# a sentence's subject: a name (with its appositive), or a description then the name ('Its chairman, Victor
# Hale,', 'Clinton campaign manager Robby Mook'), before a lower-case word
_PERSON_NOUN = rf"(?:(?i:{ROLE_WORDS})|{alternation(word_list('sources.txt', 'person_nouns'))})s?"
_SUBJECT = re.compile(rf"({_NAMED}(?:,\s+[^,“”\"]{{2,80}},)?|[^,.“”\"]{{3,60}},\s+{_NAMED},"
                      rf"|{ACTOR_NAME.pattern}\s+(?:[a-z][\w-]*\s+){{0,2}}{_PERSON_NOUN}\s+{NAME.pattern})"
                      rf",?\s+(?!(?:and|or|of|who|whose|which|that|(?:[a-z][\w-]*\s+){{0,2}}{_PERSON_NOUN})\b)[a-z]")
# not 'Amnesty International spokesman Eric Ferrero', 'Clinton campaign manager Robby Mook': a description before the name
_PRONOUN_SUBJECT = re.compile(r"(He|She|They|It)\s")


def _pronoun_speakers(doc: Document, registry: "_Registry", previous: list[Source], offset: int,
                      pronoun: str, reported: list[tuple[int, int, int, int]] = (), body_only: bool = False) -> list[Source]:
    """Whom the pronoun source at `offset` stands for, the way a reader takes it: the voice named last
    that agrees with it in number and sex, a sentence's subject before its other names. The voices
    are the sources named before (a joint source's speakers together) and the persons the narration
    names as the subject of this sentence or the one before ('Justice Scalia was unconvinced. “...,”
    he said'), registered when they were no source yet. 'he' and 'she' are one person, not known to
    be of the other sex ('Mr.', 'spokeswoman', the pronouns the text uses after the name); 'it' an
    organisation or a thing; 'they' a group, a joint source or an organisation's people; 'we', a
    speaker for its own, and any pronoun inside a quotation, whose words are the quoted speaker's: the
    last source, as before. A subject inside the words of a named source
    ('Cruz electrified the crowds, Stovall said.') is no narration, nor a name that may be any of
    several sources ('Mr. Hutchinson' where two Hutchinsons speak); a source named only in the
    headline or by a pronoun ('I') is no candidate; with `body_only`, neither is the headline's subject.
    `pronoun` may be a definite description ('the businessman'): a person of either sex that it fits.
    [] when none agrees."""
    if pronoun == "we" or (pronoun in _PRONOUNS and _quoted(doc, offset)):
        return previous  # 'we', or a pronoun inside a quotation ('... they are not right about X,”'): its speaker's words
    here = doc.sentence_index(offset)
    options: list[tuple[tuple, list[Source] | tuple]] = []  # (rank: later sentence first, subject first, later first)
    for source in registry.sources:
        before = [m.start for m in source.mentions if m.start < offset]
        if before and not (len(previous) > 1 and source in previous) and source.name.lower() not in _NO_VOICE \
                and not all((b := doc.block_at(m.start)) is not None and b.kind == "title" for m in source.mentions):
            options.append(((_index(doc, max(before)), 0, max(before)), [source]))
    if len(previous) > 1 and all(m.start < offset for s in previous for m in s.mentions[:1]):
        at = max(m.start for s in previous for m in s.mentions if m.start < offset)
        options.append(((_index(doc, at), 0, at), previous))
    for index, subject in _subjects(doc, here, offset, body_only):
        if not any(start <= subject.start < end and not said <= subject.start < said_end
                   for start, end, said, said_end in reported) \
                and len([s for s in registry.sources if _same_source(subject.text, s.name)
                         and _agrees(doc, registry, [s], pronoun)]) <= 1:
            options.append(((index, 1, subject.start), subject))
    for _, option in sorted(options, key=lambda o: o[0], reverse=True):
        speakers = option if isinstance(option, list) else _subject_speakers(doc, registry, option, pronoun)
        if speakers and _agrees(doc, registry, speakers, pronoun):
            if pronoun not in _PRONOUNS and not _fits(pronoun, *_name_role(speakers[0]), _sex_of(doc, registry, speakers[0])):
                return []  # the one a reader would take it for is someone else by trade: a new voice
            if not isinstance(option, list):  # the narration's subject: its persons, filed as sources
                named = speakers
                speakers = [_register(doc, registry, name, role, part) for name, role, part in named]
                for speaker, (_, _, part) in zip(speakers, named):
                    registry.mention(speaker, part)
            return speakers
    return []


def _sex_of(doc: Document, registry: "_Registry", speaker) -> str | None:
    """'m', 'f' or None (not known) for a source, or a subject's (name, role, span)."""
    if isinstance(speaker, Source):
        return registry.sex(speaker.name, speaker.role, speaker.mentions, doc)
    return registry.sex(speaker[0], speaker[1], [speaker[2]], doc)


def _name_role(speaker) -> tuple[str, str]:
    """The name and role of a source, or of a subject's (name, role, span)."""
    return (speaker.name, speaker.role) if isinstance(speaker, Source) else speaker[:2]


def _quoted(doc: Document, offset: int) -> bool:
    """Inside a quotation: one the document found, or a paragraph that goes on a quotation opened in
    the one before (no opening mark before `offset`, a closing one after it)."""
    if doc.voice_at(offset) == QUOTED:
        return True
    block = doc.block_at(offset)
    if block is None:
        return False
    before, after = doc.text[block.start:offset], doc.text[offset:block.end]
    close = after.find("”")
    return "“" not in before and close >= 0 and "“" not in after[:close]


def _index(doc: Document, offset: int) -> int:
    """The index of the first piece of the (joined) sentence at `offset`; -1 outside every sentence."""
    sentence = joined_sentence(doc, offset)
    return -1 if sentence is None else doc.sentence_index(sentence.start)


def _subjects(doc: Document, here: int | None, offset: int, body_only: bool = False) -> list[tuple[int, TextSpan]]:
    """The named subjects of the sentence at `offset` (before it) and of the one before, and of those
    before while the one after opens with a pronoun ('He wrote in his memoir ...'), four at most; with
    `body_only`, none from the headline."""
    if here is None:
        return []
    found = []
    index = _index(doc, offset)
    for _ in range(5):
        if index < 0:
            break
        if body_only and doc.sentences[index].is_title:
            break
        sentence = joined_sentence(doc, doc.sentences[index].start)  # 'Rep. Brad Sherman (D-Calif.)' / 'last month joked ...'
        text = doc.text[sentence.start:min(sentence.end, offset)]
        start = sentence.start + len(text) - len(text.lstrip())
        opener = _OPENER.match(doc.text, start, sentence.end)
        m = _SUBJECT.match(doc.text, opener.end(), min(sentence.end, offset))
        if m and doc.voice_at(m.start()) != QUOTED and m.group(1).split()[0] not in NOT_NAME_START \
                and not POSSESSIVE_END.search(m.group(1).split(",")[0]):  # not 'When Maddow ...', "Strzok's attorney"
            found.append((index, TextSpan(m.start(1), m.start(1) + len(m.group(1).rstrip(",")), m.group(1).rstrip(","))))
        if sentence.end <= offset and not _PRONOUN_SUBJECT.match(doc.text, opener.end()):
            break  # the sentence before the one before only when the one before goes on about someone
        index = _index(doc, doc.sentences[index - 1].start) if index > 0 else -1
    return found


def _subject_speakers(doc: Document, registry: "_Registry", subject: TextSpan, pronoun: str):
    """The person or persons a sentence's subject names, as (name, role, span): None for anything else
    ('Kazakhstan', 'Of Obama')."""
    name, role = _name_and_role(subject.text)
    speakers = _joint(doc.text, subject, name, role) or [(name, role, subject)]
    for one, _, _ in speakers:
        plain = plain_name(one)
        kinds = ("person", "official", "organisation") if pronoun in _PLURAL else ("person", "official")
        if not NAME.fullmatch(plain) or plain.split()[0] in NOT_NAME_START or _kind(one) not in kinds:
            return None
        if " " not in plain and not registry.same(one) and (compiled(rf"\b{re.escape(plain.lower())}\b").search(doc.text)
                                                          or not compiled(rf"(?<=[a-z,;:]\s){re.escape(plain)}\b").search(doc.text)):
            return None  # a word the text also writes in lower case ('Climate change'), or only to open sentences ('Asked')
    return speakers


def _agrees(doc: Document, registry: "_Registry", speakers, pronoun: str) -> bool:
    """The speakers (sources, or (name, role, span) of a subject) agree with the pronoun in number and sex."""
    if pronoun in _PLURAL:
        if len(speakers) > 1:
            return True
        one = speakers[0]
        name, kind = (one.name, one.kind) if isinstance(one, Source) else (one[0], _kind(one[0]))
        return kind in ("organisation", "media") or ((kind != "person" or name.split()[-1][:1].islower()) and plural_group(name))
    if len(speakers) > 1:
        return False
    one = speakers[0]
    name, kind, role = (one.name, one.kind, one.role) if isinstance(one, Source) else (one[0], _kind(one[0]), one[1])
    if pronoun in ("it", "its"):  # 'the company', 'The cable'; not 'A senior staffer'
        return kind in ("organisation", "media") or (kind == "vague" and _a_thing(name))
    many = (kind != "person" or name.split()[-1][:1].islower()) and plural_group(name)  # not 'Sanders', but 'party solons'
    if pronoun not in _PRONOUNS:  # a definite description ('the businessman'): one person, of either sex
        return kind in ("person", "official") and not many
    if kind in ("organisation", "media"):  # 'The Internal Revenue Service official who'; not 'Judicial Watch'
        return bool(ROLE.fullmatch(_head_noun(name)))
    mentions = one.mentions if isinstance(one, Source) else [one[2]]
    sex = registry.sex(name, role, mentions, doc)
    if sex is not None:
        return sex == _PRONOUN_SEX[pronoun]
    return kind in ("person", "official", "anonymous", "vague") and not _a_thing(name) and not many  # not 'some close to him', 'New Hampshire polls'


def plural_group(name: str) -> bool:
    """An unnamed group: 'Some Americans', 'Democratic sources', 'some close to the chairman'; not 'the press'."""
    head = _head_noun(name)
    return bool(group_key(name) or _SOME.match(name)) or head == "people" or (
        head.endswith("s") and not head.endswith(("ss", "us", "is")))


_SOME = re.compile(r"(?:the\s+)?(?:some|many|several|few|most|all|both|those|others|two|three|people)\b", re.I)


_THINGS = frozenset(word_list("sources.txt", "thing_nouns"))


def _a_thing(name: str) -> bool:
    """An unnamed thing or body: 'The cable', 'the company', 'a New Jersey Watchdog report'."""
    return bool(re.match(r"(?:the|a|an|this|that)\s", name, re.I)) and _head_noun(name) in _THINGS


_DESCRIBED_AS = {word: frozenset(line.split()) for line in word_list("sources.txt", "description_heads") for word in line.split()}
_DESCRIPTION = re.compile(rf"[Tt]he\s+(?:(?:[A-Z][a-z]+|[a-z][\w-]*)\s+){{0,4}}?({alternation(_DESCRIBED_AS)})")
_OTHER_TRADES = (frozenset(word_list("sources.txt", "person_nouns")) - set(_DESCRIBED_AS)) | frozenset(word_list("sources.txt", "other_trades"))
_SEX_OF_HEAD = {"businessman": "m", "congressman": "m", "businesswoman": "f", "congresswoman": "f"}


def _described_so(sources: list[Source], description: str) -> list[Source]:
    """The one source already described with the same word ('the senator' after 'the independent Vermont
    senator' joined Sanders), as [it]; [] when none or several."""
    head = _DESCRIPTION.fullmatch(description).group(1)
    same = [s for s in sources if any((d := _DESCRIPTION.fullmatch(m.text.strip(" ,"))) and d.group(1) in _DESCRIBED_AS[head]
                                      for m in s.mentions)]
    return same if len(same) == 1 else []


def _fits(description: str, name: str, role: str, sex: str | None) -> bool:
    """Whether a person (of `sex`, when known) may be the one `description` ('the businessman', 'The Vermont
    senator') stands for: their role makes them no one's staff nor a professional of another kind ('his top
    aide, Tad Devine', 'FBI Director James Comey' for 'the candidate'), unless it holds the description's
    own word; 'the businessman' is no woman."""
    head = _DESCRIPTION.fullmatch(description).group(1)
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", f"{name} {role}")}
    other = {w for w in words if w in _OTHER_TRADES or w.startswith("spokes")} - _DESCRIBED_AS[head]
    return (not other or bool(words & _DESCRIBED_AS[head])) and (sex is None or _SEX_OF_HEAD.get(head, sex) == sex)


def _register(doc: Document, registry: "_Registry", name: str, role: str, mention: TextSpan,
              described=None) -> Source:
    """The source that `name` (with its role, as mentioned at `mention`) refers to, filed anew when none.
    `described()`, when given, finds whom a definite description no source matches stands for
    ('The Democratic presidential candidate said', after 'Bernie Sanders met ...')."""
    sources = registry.sources
    match = (registry.same(name) or registry.group(name) or _described_before(sources, mention.text.strip(" ,"))
             or registry.given(name))
    held = None if match else registry.holder(name, doc.text, mention.start)  # 'the president' is 'President Trump'
    titled = None if match or held else registry.titled(name, role)
    if titled:  # 'the Virginia AFL-CIO President' is 'Doris Crouse-Mays', whose role it is
        if _bare(titled.name) == _bare(role):
            titled.name, titled.kind, titled.role = name, _kind(name), role
        match = titled
    elif held:
        match = held
    elif match is None:
        meant = (_described_so(sources, name) or described()) if described is not None and _DESCRIPTION.fullmatch(name) \
            and not registry.title_held(name) else []
        match = meant[0] if len(meant) == 1 else Source(f"s{len(sources) + 1}", name, _kind(name), role)
    elif len(plain_name(name)) > len(plain_name(match.name)):
        match.name, match.kind = name, _kind(name)
        match.role = match.role or role
    registry.file(match, _titles(mention.text, role), group_key(name))
    return match


_PARTY_BEFORE_NAME = re.compile(r"(Republican|Democrat|Democratic|GOP|Libertarian|Independent)\s+(?=[A-Z][a-z])")
_JOINER = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")  # 'A, B and C', 'A, B, and C'
_BOTH = re.compile(r"(?:[Bb]oth|[Ee]ither|[Nn]either)()\s+")
_PLURAL_TITLE = re.compile(r"((?:[A-Z][\w.’'-]*\s+){0,2}(?:Justices|Senators|Sens\.|Reps\.|Representatives|Governors|Govs\.))\s+")


def _joint(text: str, mention: TextSpan, name: str, role: str = "") -> list[tuple[str, str, TextSpan]] | None:
    """The speakers of a joint source, each a name with its role and its span ('Ada Reyes and Tom
    Okafor', 'Ms. Reyes and Mr. Okafor', 'Okafor and Rep. Ada Reyes (D)', 'Khalid and Amina Saleh'
    where the text names Khalid Saleh); None for one source. Each part must be a name (a
    group 'and his allies', 'Democrats and some Republicans' stays one source), and a one-word part
    one the text uses on its own elsewhere, not the start of an organisation's name ('Center on
    Budget and Policy Priorities', 'Fish and Wildlife Service', 'Ways and Means Committee')."""
    if not re.search(r"\sand\s", name):
        return None
    at = mention.text.find(name)
    if at < 0:
        return None
    base = mention.start + at
    both = _BOTH.match(name) or _PLURAL_TITLE.match(name)
    offset = both.end() if both else 0
    if both and both.group(1):  # 'Justices Ortiz and Carl F. Dane Jr.': a title they share
        role = ", ".join(r for r in (both.group(1), role) if r)
    parts = [p.strip() for p in _JOINER.split(name[offset:]) if p.strip()]
    if len(parts) < 2:
        return None
    if mention.text[:at].rstrip().endswith(",") and role.split() and role.split()[-1][:1].isupper():
        return None  # 'Most voters in Ohio, Iowa and Utah': a list the name and role split cut
    if re.search(r"[,—–-]\s*$", mention.text[:at]) and role[:1].islower() and any(names_a_place(p) for p in parts):
        return None  # 'voters in two states — Iowa and Utah —': places that describe a group
    start = base + offset
    speakers = []
    for k, part in enumerate(parts):
        start = text.find(part, start, mention.end)
        if start < 0:
            return None
        one, own_role = _name_and_role(part)
        party = _PARTY_BEFORE_NAME.match(one)
        if party:  # 'Republican Okafor and Democrat Reyes'
            one, own_role = one[party.end():], ", ".join(r for r in (party.group(1), own_role) if r)
        plain = plain_name(re.sub(r"^The\s+(?=[A-Z])", "", one))  # 'The IRS'
        if not (plain[:1].isupper() and plain.split()[0] not in NOT_NAME_START and NAME.fullmatch(plain)
                and _kind(one) in ("person", "organisation", "media", "official")):
            return None
        if " " not in plain and plain_name(one) == one:  # 'Ms. Pelosi' is a person's name as it stands
            if k < len(parts) - 1 and ORG.search(parts[-1].split()[-1]) and not plain.isupper():
                return None  # 'Health and Human Services Department'
            alone = [m for m in compiled(rf"(?<![\w’'-]){re.escape(plain)}(?![\w’'-])(?!\s+[A-Z])").finditer(text)
                     if not mention.start <= m.start() < mention.end]
            last = parts[-1].split()
            if not alone and k < len(parts) - 1 and len(last) == 2 and \
                    compiled(rf"\b{re.escape(plain)}\s+(?:[A-Z]\.\s+)?{re.escape(last[-1])}\b").search(text):
                one = f"{plain} {last[-1]}"  # 'Khalid and Amina Saleh': Khalid Saleh, as the text names him
            elif not alone:
                return None  # the start of a name ('Budget and Policy Priorities'), or one the text never uses alone
        speakers.append([one, own_role, TextSpan(start, start + len(part), part)])
        start += len(part)
    if all(" " not in s[0] and s[0].endswith("s") and stated_party(s[0]) for s in speakers):
        return None  # 'Democrats and Republicans': members of both parties, one group
    described = speakers[0][1]
    if described and parts[0].startswith(described) and re.search(r"s\b", described.split()[-1]):
        role = ", ".join(r for r in (described, role) if r)  # 'Republican senators Ada Reyes and Tom Okafor'
        speakers[0][1] = ""
    for speaker in speakers:
        speaker[1] = ", ".join(r for r in (speaker[1], role) if r)
    return [tuple(s) for s in speakers]


class _Registry:
    """The sources found so far, filed by the keys that build's two lookups need, so that each
    lookup reads only the sources that may match (the same answer as scanning them all in order)."""

    def __init__(self, text: str = ""):
        self._text = text
        self.sources: list[Source] = []
        self._position: dict[str, int] = {}
        self._filed: dict[tuple[str, str], list[int]] = {}
        self._mentioned: set[tuple[str, TextSpan]] = set()
        self._holders: dict[str, set[str]] = {}  # title -> ids of the sources named with it
        self._groups: dict[str, Source] = {}  # group_key -> the unnamed group first named so
        self._sexes: dict[str, str | None] = {}  # plain name -> 'm' or 'f' by the pronouns after it

    def credit(self, source: Source, attribution: Attribution, mention: TextSpan | None = None,
               share: tuple[int, int] = (0, 1)) -> None:
        """Add a mention (once: a quote that runs on shares its cue's) and the attributed words to a
        source; `share` (i, n): the i-th of n speakers of joint words, which they divide ('X and Y said')."""
        mention = mention or attribution.source
        if (source.id, mention) not in self._mentioned:
            self._mentioned.add((source.id, mention))
            source.mentions.append(mention)
        words = len(attribution.content.text.split()) if attribution.content else 0
        i, n = share
        words = words // n + (1 if i < words % n else 0)
        if attribution.kind == "direct":
            source.quoted_words += words
        else:
            source.paraphrased_words += words

    def mention(self, source: Source, mention: TextSpan) -> None:
        """A mention that is no attribution's source: a pronoun's voice as the narration named it."""
        if not any(m.start < mention.end and mention.start < m.end for m in source.mentions):  # not its own source span
            self._mentioned.add((source.id, mention))
            source.mentions.append(mention)
            source.mentions.sort(key=lambda m: m.start)

    def sex(self, name: str, role: str, mentions: list[TextSpan], doc: Document) -> str | None:
        """'m' or 'f': by a title ('Mr.', 'Mrs.') or a word of the name or role ('spokeswoman', 'his
        wife'), else by a given name of one sex (`_sex_by_given_name`), else by the pronouns the text uses
        right after the surname, two to one at least; None when none tells."""
        for said in [name, *(m.text for m in mentions)]:
            if sex := _sex(_own(said)):
                return sex
        words = {_SEX_WORDS.get(w.lower().rstrip(".")) for w in re.findall(r"[\w.]+", f"{_own(name)} {_own(role)}")} - {None}
        if len(words) == 1:
            return words.pop()
        plain = plain_name(name)
        if not NAME.fullmatch(plain) or not plain[:1].isupper():
            return None
        if plain not in self._sexes:
            self._sexes[plain] = person_sex(doc, plain)
        return self._sexes[plain]

    def file(self, source: Source, titles: set[str] = frozenset(), group: str | None = None) -> None:
        """Add a new source, or file a renamed one under its new keys (stale keys are checked away),
        and note the titles and the unnamed group it was named with."""
        if group:
            self._groups.setdefault(group, source)
        for title in titles:
            self._holders.setdefault(title, set()).add(source.id)
        if source.id not in self._position:
            self._position[source.id] = len(self.sources)
            self.sources.append(source)
        person = plain_name(source.name)
        keys = [("name", person), ("bare", _bare(source.name))] + _surname_keys(person, "tail", "word")
        if source.kind == "person" and len(person.split()) >= 2 and NAME.fullmatch(person):
            keys.append(("given", person.split()[0].lower()))  # 'Jeb' is 'Jeb Vance' (Registry.given)
        if source.role:
            keys.append(("role", _bare(source.role)))
        for key in keys:
            here = self._filed.setdefault(key, [])
            if self._position[source.id] not in here:
                here.append(self._position[source.id])

    @cached_property
    def titled_in_text(self) -> dict[str, set[str]]:
        """Title -> surnames the text names with it ('governor' -> {'lepage'}): read on the first
        described title, which most texts never name."""
        return _titled_in_text(self._text)

    def _first_all(self, keys: list[tuple[str, str]]) -> list[Source]:
        return [self.sources[i] for i in sorted({i for key in keys for i in self._filed.get(key, ())})]

    def _first(self, keys: list[tuple[str, str]], test) -> Source | None:
        return next((s for s in self._first_all(keys) if test(s)), None)

    def same(self, name: str) -> Source | None:
        """The first source that `name` refers to, or that refers to it (_same_source), and that was
        never named as the other sex ('Mr. Clinton' is not 'Hillary Clinton', called 'Mrs. Clinton')."""
        person, sex = plain_name(name), _sex(name)
        longer = _surname_keys(person, "tail", "word") if " " in person else []  # 'Ann Marsh' ends a longer name
        return self._first([("name", person)] + _surname_keys(person, "word", "tail") + longer,
                           lambda s: (_same_source(name, s.name) or _same_source(s.name, name)) and not (
                               sex and {_sex(m.text) for m in s.mentions} - {None, sex})
                           and not self._other_bearer(name, s.name, s.role) and not self._other_bearer(s.name, name))

    def _other_bearer(self, short: str, full: str, role: str = "") -> bool:
        """A surname alone and a 'Jr.' or 'Sr.' name when the text also names another bearer of that
        surname: 'Mr. Trump' is not 'Donald Trump Jr.' where 'President Trump' or 'Donald Trump' is named
        (a word before the surname that is neither an honorific nor one of the full name's own words)."""
        words = plain_name(full).split()
        if " " in plain_name(short) or len(words) < 3 or words[-1] not in ("Jr", "Sr"):
            return False
        surname, own = words[-2], set(full.replace(".", " ").split()) - set(words[:1]) - {_title(full)}
        for m in compiled(rf"([A-Z][\w’'\-]*\.?)\s+{re.escape(surname)}\b(?!,?\s+(?:Jr|Sr)\b)").finditer(self._text):
            title = _titles(m.group(), "")
            if (title and not title & _held_titles(full, role)) or (not title and m.group(1).rstrip(".") not in own
                                                             and m.group(1) not in ("Mr.", "Mrs.", "Ms.", "Dr.", "Miss")):
                return True  # 'President Trump', 'Donald Trump'; not 'Admiral Vance' for 'Adm. Paul F. Vance Jr.'
        return False

    def given(self, name: str) -> Source | None:
        """A lone first name ('Jeb', 'Hillary') that the one person source named in full with it bears,
        when the text never uses the word as a surname ('Mr. Jordan') or before another surname."""
        person = plain_name(name)
        if " " in person:  # 'Jeb Vance' after a lone 'Jeb'
            first = person.split()[0]
            found = [s for s in self._first_all([("word", first.lower())]) if s.name == first and s.kind == "person"]
            if not (NAME.fullmatch(person) and len(found) == 1 and self._first_name_only(first, _surname(person))):
                return None
            return found[0]
        if not re.fullmatch(r"[A-Z][a-z][\w’'-]*", name) or name in NOT_NAME_START:
            return None
        found = self._first_all([("given", name.lower())])
        if len(found) != 1:
            return None
        return found[0] if self._first_name_only(name, _surname(plain_name(found[0].name))) else None

    def _first_name_only(self, name: str, surname: str) -> bool:
        """The text uses `name` as a first name of the one bearer of `surname`: never after a title ('Mr.
        Jordan': a surname too) nor before another surname ('Hillary Rodham': another bearer)."""
        if compiled(rf"\b(?:Mr|Mrs|Ms|Dr)\.?\s+{re.escape(name)}\b").search(self._text):
            return False
        return not compiled(rf"\b{re.escape(name)}\s+(?!{re.escape(surname)}\b)[A-Z][a-z]").search(self._text)

    def group(self, name: str) -> Source | None:
        """The unnamed group named before by the same noun ('many experts', then 'experts')."""
        key = group_key(name)
        return self._groups.get(key) if key else None

    def holder(self, name: str, text: str, offset: int) -> Source | None:
        """'the president', 'the former president', 'The Republican governor' at `offset`: of the sources
        named with that title ('President Trump', 'Gov. Paul LePage', here or anywhere in the text), the
        one named within TITLE_REACH characters before, not of another party; None when none or several
        are ('the senator' after 'Marco! Marco!' is Rubio's, not the 'Sen. Bernie Sanders' named before)."""
        m = _DESCRIBED_TITLE.fullmatch(name)
        if m is None or not (ROLE.fullmatch(m.group(2)) or m.group(2) in self._holders):
            return None
        title = _TITLE_WORDS.get(m.group(2), m.group(2))
        holders = [self.sources[self._position[i]] for i in sorted(self._holders.get(title, ()))]
        for surname in sorted(self.titled_in_text.get(title, ())):
            holders += [s for s in self._first_all([("word", surname), ("tail", surname)]) if s not in holders]
        before = text[max(0, offset - TITLE_REACH):offset]
        near = [h for h in holders if _surname(plain_name(h.name)) in before
                and not (m.group(1) and _other_party(m.group(1), f"{h.role} {h.name}"))]
        return near[0] if len(near) == 1 else None

    def title_held(self, name: str) -> bool:
        """Whether a source was named with the title of 'the governor' (then `holder` says whose, or no one's)."""
        m = _DESCRIBED_TITLE.fullmatch(name.split()[0] + " " + name.split()[-1])
        return m is not None and _TITLE_WORDS.get(m.group(2), m.group(2)) in self._holders

    def titled(self, name: str, role: str) -> Source | None:
        """The first source named by `role`, or whose role is `name`."""
        keys = [("role", _bare(name))] + ([("bare", _bare(role))] if role else [])
        return self._first(keys, lambda s: bool((role and _bare(s.name) == _bare(role))
                                                or (s.role and _bare(s.role) == _bare(name))))


_DEFINITE = re.compile(r"(?:[Tt]he|[Tt]hat|[Tt]his)\s+(?:[a-z-]+\s+)?([a-z]+)")  # 'The spokesperson', 'That person'
_UNNAMED = ("official", "anonymous", "vague")
_INDEFINITE = re.compile(r"(?:A|An|One|Another)\s")  # 'A source close to ...' opening a sentence


def _head_noun(name: str) -> str:
    """'a Grassley spokesperson' -> 'spokesperson'; 'A source close to the senator' -> 'source'."""
    head = re.split(r"\s+(?:to|of|for|close|familiar|with|who|at|in|from|on)\b|,", name, maxsplit=1)[0]
    return head.split()[-1].lower()


def _described_before(sources: list[Source], name: str) -> Source | None:
    """'The spokesperson', 'the source', 'That person': the one unnamed source named earlier by that
    noun ('a Grassley spokesperson', 'A source close to him'; a person is an anonymous source), else
    the one organisation whose name ends in it ('the campaign': 'The Clinton campaign'); none when two
    were, or none."""
    m = _DEFINITE.fullmatch(name)
    if m is None:
        return None
    head = m.group(1)
    found = [s for s in sources if s.kind in _UNNAMED and (not s.name[:1].isupper() or _INDEFINITE.match(s.name))
             and (_head_noun(s.name) == head or (head == "person" and s.kind == "anonymous"))]
    if not found:  # 'the campaign' after 'The Clinton campaign': the one organisation named by that noun
        found = [s for s in sources if s.kind == "organisation" and s.name.split()[-1].lower() == head]
    return found[0] if len(found) == 1 else None


def group_key(name: str) -> str | None:
    """An unnamed group's words, lower-cased, without those that only count it ('some', 'many')
    and, when a name qualifies the group, without the adjectives ('Some miffed Sanders supporters'
    and 'many diehard Sanders supporters who came' are 'sanders supporters'); what it is of or for
    stays ('advisers to Mr. Obama'). None for a named source, one person or an anonymous source
    ('a source' and 'another source' are not one voice)."""
    if _kind(name) != "vague":
        return None
    head, _, rest = _GROUP_CLAUSE.split(name, maxsplit=1)[0].partition(",")
    words = head.split()
    opened = 0
    while opened < len(words) and words[opened].lower() in _GROUP_OPENERS:
        opened += 1
    if opened == len(words) or not words[-1].lower().endswith("s"):
        return None
    if any(w[:1].isupper() for w in words[max(opened, 1):-1]):  # a name qualifies it: 'Sanders supporters'
        words = [w for w in words[opened:-1] if w[:1].isupper()] + words[-1:]
    else:
        words = words[opened:]
    return " ".join(words).lower()


_TITLE_BEFORE_NAME = re.compile(rf"\b((?:{alternation(word_list('names.txt', 'honorifics'))})\.|(?i:{ROLE_WORDS}))"
                                rf"\s+(?:[A-Z][\w’'.-]*\s+){{0,2}}?([A-Z][\w’'-]+)\b(?!\s+[A-Z])")  # 'Gov. Paul LePage'


def _titled_in_text(text: str) -> dict[str, set[str]]:
    """Every title the text puts before a name, with the surnames it names so ('Maine Gov. Paul
    LePage', 'President Trump': {'governor': {'lepage'}, 'president': {'trump'}}); not 'Mr.' or 'Ms.'."""
    found: dict[str, set[str]] = {}
    for m in _TITLE_BEFORE_NAME.finditer(text):
        title = m.group(1).rstrip(".").lower()
        if title not in ("mr", "ms", "mrs", "dr", "prof"):
            found.setdefault(_TITLE_WORDS.get(title, title), set()).add(plain_name(m.group(2)).lower())
    return found


TITLE_REACH = 600  # characters before 'the senator' in which the senator meant must be named


_DESCRIBED_TITLE = re.compile(r"(?:[Tt]he\s+)?((?:(?:former|then|presumptive|presidential|[A-Z][\w-]*)\s+){0,2})([a-z]+)")  # 'The Republican governor'


def _other_party(description: str, holder: str) -> bool:
    """The description states one party and the holder's name or role the other."""
    mine, theirs = stated_party(description), stated_party(holder)
    return bool(mine and theirs and mine != theirs)


def _surname_keys(name: str, as_full: str, as_short: str) -> list[tuple[str, str]]:
    """A full name is filed under `as_full` with its surname (and its last hyphen part); a one-word
    capitalised name under `as_short` with itself, lower-cased: the two sides of _same_source."""
    if _PARTICLE_SURNAME.fullmatch(name):  # 'De Blasio' is a surname
        return [(as_short, name.split()[-1].lower())]
    if _GIVEN_NAME_LAST.fullmatch(name):  # 'Ban Ki-moon' is Mr. Ban
        return [(as_full, name.split()[0].lower())]
    if " " in name:
        last = _surname(name).lower()
        return [(as_full, last), (as_full, last.split("-")[-1])]
    return [(as_short, name.lower())] if name[:1].isupper() else []


def _surname(name: str) -> str:
    """The last word of a plain name, before a 'Jr' or 'Sr' ('Paul Vance Jr' -> 'Vance')."""
    words = name.split()
    return words[-2] if len(words) > 2 and words[-1] in ("Jr", "Sr") else words[-1]


def _bare(phrase: str) -> str:
    """A name or role compared without case or a leading 'the'."""
    return re.sub(r"^the\s+", "", phrase, flags=re.I).lower()
