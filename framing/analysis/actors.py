"""The actors of a story: names found in the text, their variants merged into one actor ('Haftar',
'General Khalifa Haftar', 'GOP' and 'Republicans', 'I.R.S.' and 'Internal Revenue Service'), each
of a kind (person, party, organisation, institution, place, outlet, law), ranked by where and how
often the story names them; the main actors and the principal one(s), whose sides the sourcing
analysis weighs (framing/analysis/sourcing.py). The words are data: lexicons/actors.txt."""

from __future__ import annotations

import bisect
import collections
import re
from functools import lru_cache
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import NamedTuple

from framing.analysis.names import (ABBREVIATION, ACTOR_NAME, NOT_NAME_START, ORG, PARTY_LABEL, POSSESSIVE_END,
                                    ROLE_WORDS)
from framing.findings import TextSpan
from framing.resources import alternation, word_list, word_lists
from framing.text.document import QUOTED, Document
from framing.text.patterns import compiled
from framing.text.spans import SpanIndex

MAIN_ACTORS = 5
MIN_ACTOR_SCORE = 2.0
LEDE_SENTENCES = 2
HEADLINE_WORDS = 16
SECOND_PRINCIPAL = 0.5  # a second principal actor scores at least this share of the first's

PERSON, PARTY, ORGANISATION, INSTITUTION, PLACE, OUTLET, LAW, PEOPLE, OTHER = (
    "person", "party", "organisation", "institution", "place", "outlet", "law", "people", "other")

_LISTS = word_lists("actors.txt")
EPITHETS = frozenset(_LISTS["epithets"])
NEVER_START = NOT_NAME_START | frozenset(_LISTS["function_words"]) | EPITHETS
TITLE_WORDS = frozenset(word_list("names.txt", "titles")) | frozenset(_LISTS["person_titles"])
_TITLES = alternation(sorted(TITLE_WORDS | {f"{h}." for h in word_list("names.txt", "honorifics")},
                             key=len, reverse=True))
_LAST_TITLE = re.compile(rf"^(?:.*\s)?(?:{_TITLES})\s+(?=\S)")
_TITLE_BEFORE = re.compile(rf"\b(?:{_TITLES})\s+(?:of\s+(?:the\s+)?)?$")
_DEPARTMENTS = frozenset(_LISTS["departments"])
_SUFFIXES = frozenset(_LISTS["name_suffixes"])
_PLACES = frozenset(_LISTS["places"])
_INSTITUTIONS = frozenset(_LISTS["institutions"])
_OUTLETS = frozenset(word_list("news_outlets.txt")) | frozenset(_LISTS["outlets"])
_MEDIA_WORDS = frozenset(_LISTS["media_words"])
_LAWS = frozenset(_LISTS["laws"])
_LAW_WORDS = frozenset(_LISTS["law_words"])
_PARTIES = dict(tuple(part.strip() for part in line.split("=")) for line in _LISTS["parties"])
_NOT_ACTORS = frozenset(_LISTS["not_actors"])
_EVENT_WORDS = frozenset(_LISTS["event_words"])
_PLACE_WORDS = frozenset(_LISTS["place_words"])
_NOT_PERSON_WORDS = (_PLACES | _PLACE_WORDS | _INSTITUTIONS | _LAWS | _LAW_WORDS | _OUTLETS | _MEDIA_WORDS
                     | _EVENT_WORDS | set(_PARTIES) | set(_PARTIES.values()))
_PARTY_LABEL = re.compile(PARTY_LABEL)
_LOCATIVE = re.compile(r"\b(?:in|at|near|on|from|to|into|across|outside|inside|around|towards?|"
                       r"(?:east|west|north|south)\s+of)\s+$", re.I)
_OPENING = " \t\n“\"‘'(—–-"
_CONTRACTION = re.compile(r"[’'](?:m|s|re|ve|ll|d|t)$")  # 'I’m', 'That’s': never a name
_GERUND = re.compile(r"[A-Z][a-z]+ing")  # opening a sentence before a full name: a verb ('Entrusting Donald Trump')
_MINOR_WORDS = frozenset(word_list("minor_words.txt", "headline"))


@dataclass
class Actor:
    id: str
    name: str  # the longest variant, titles and middle initials left out
    variants: list[str] = field(default_factory=list)
    mentions: list[TextSpan] = field(default_factory=list)
    in_title: bool = False
    opens_title: bool = False
    place_mentions: int = 0
    score: float = 0.0
    kind: str = OTHER
    in_lede: bool = False
    titled: bool = False  # named with a person's title at least once ('Sen.', 'CEO')
    pronouns: int = 0  # 'he', 'she', 'his', 'her' that most likely refer to this person
    quoted_mentions: int = 0  # mentions inside quoted speech (a source's words, not the reporter's)
    roles: list[str] = field(default_factory=list)  # nouns the story calls this person by ('suspect')
    principal: bool = False  # one of the story's principal actors (at most two, see principal_actors)


class Mention(NamedTuple):
    name: str  # the name as it refers: function words, titles and possessives gone, aliases applied
    start: int  # the mention in the text: a leading title stays in it ('General Khalifa Haftar')
    end: int
    is_place: bool  # after 'in', 'at', 'near', ...
    titled: bool


# ---- names ------------------------------------------------------------------------------------

def names_a_body(name: str) -> bool:
    """A party, its members or an institution named as one ('Democrats', 'House Republicans', 'the
    GOP', 'the White House', 'the FBI'; lexicons/actors.txt)."""
    bare = re.sub(r"^(?:[Tt]he|House|Senate)\s+", "", name)
    return bare in _PARTIES or bare in _PARTIES.values() or bare in _INSTITUTIONS


def names_a_place(name: str) -> bool:
    """A country, state or city (lexicons/actors.txt [places]): as a source, its government ('China
    said', 'Mexico rejected')."""
    return re.sub(r"^[Tt]he\s+", "", name) in _PLACES


@lru_cache(maxsize=4096)
def strip_title(name: str) -> str:
    """'Field Marshal Khalifa Haftar' → 'Khalifa Haftar', 'Wells Fargo CEO John Stumpf' → 'John
    Stumpf'; 'Justice Department' stays (what follows a title must be a person's name). Remembered:
    an audit asks it about the same few dozen names some 300 times."""
    m = _LAST_TITLE.match(name)
    if not m:
        return name
    rest = name[m.end():]
    words = rest.split()
    if ORG.search(rest) or words[-1] in _MEDIA_WORDS | _LAW_WORDS or rest in _PLACES | _INSTITUTIONS:
        return name
    return rest


def _strip_party(name: str, words: "_TextWords") -> str:
    """'Republican Donald Trump' → 'Donald Trump': a party word before a person's full name goes when
    the text names the person without it too ('Trump'); 'Republican National Committee', 'Republican
    Jewish Coalition' and 'Democratic Senate' stay."""
    first, _, rest = name.partition(" ")
    if first in _PARTIES and len(rest.split()) >= 2 and _person_like(rest) and words.named_without(first, rest):
        return rest
    return name


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _name_parts(doc: Document, start: int, end: int):
    """Split a capitalised run at possessives: 'General Khalifa Haftar’s Operation Dignity' gives
    'Khalifa Haftar' and 'Operation Dignity'; a plural's ('Democrats’ lawyers') only ends a run, as
    it belongs to the name inside one ('Calder Bay Fishers’ Union'). Yields spans."""
    part_start = start
    spans = _word_spans(doc.text, start, end)
    for s, e in spans:
        if POSSESSIVE_END.search(doc.text[s:e]):
            yield part_start, e - 2
            part_start = e + 1
    if part_start < end:
        last = doc.text[spans[-1][0]:end]
        yield part_start, end - (1 if last.endswith(("s’", "s'")) else 0)


class _TextWords:
    """What the text tells about its words: which it writes in lower case, which it capitalises
    inside a sentence (a name's words), where sentences start."""

    def __init__(self, doc: Document, skip: SpanIndex, lower: set[str]):
        self.doc = doc
        self.lower = lower
        self.capitalised_inside: set[str] = set()
        self._named_without: dict[tuple[str, str], bool] = {}
        for sentence in doc.sentences:
            if sentence.is_title or skip.overlapping(sentence.start, sentence.start + 1):
                continue
            for m in re.finditer(r"(?<=[\w,;:] )[A-Z][\w’'\-]*", doc.text[sentence.start:sentence.end]):
                self.capitalised_inside.add(m.group())

    def opens_sentence(self, start: int) -> bool:
        sentence = self.doc.sentence_at(start)
        return sentence is not None and self.doc.text[sentence.start:start].strip(_OPENING) == ""

    def named_without(self, prefix: str, name: str) -> bool:
        """Whether the text writes the last word of `name` capitalised somewhere that is not the end of
        `prefix name` ('Trump' alone, not only 'Republican Donald Trump')."""
        key = (prefix, name)
        if key not in self._named_without:
            text, full, last = self.doc.text, f"{prefix} {name}", name.split()[-1]
            self._named_without[key] = any(
                text.startswith(last, p) and text[p - len(full) + len(last):p + len(last)] != full
                for p in self.doc.word_index.positions.get(last.lower(), ()))
        return self._named_without[key]

    def is_common_word(self, word: str) -> bool:
        """Written in lower case in this text and never capitalised inside a sentence ('Other')."""
        return word.lower() in self.lower and word not in self.capitalised_inside


def _clean(doc: Document, words: _TextWords, start: int, end: int) -> Mention | None:
    """The name in one capitalised run, or None: function words and a sentence-opening common word
    or verb in -ing dropped from its start ('If Nebraska', 'Other Democrats', 'Using Ted Cruz'), titles
    and party words dropped ('Sen.', 'Seattle Mayor', 'Republican Donald Trump'), the department after
    'Secretary of' dropped, aliases applied ('GOP' is Republicans)."""
    text = doc.text
    spans = _word_spans(text, start, end)
    at_sentence_start = words.opens_sentence(start)
    while spans:
        word = text[slice(*spans[0])].strip("’'")
        common_opener = at_sentence_start and len(spans) > 1 and (
            words.is_common_word(word) or (len(spans) > 2 and _GERUND.fullmatch(word)))  # 'Using Ted Cruz'
        if word in NEVER_START or _CONTRACTION.search(word) or common_opener:
            spans.pop(0)
            at_sentence_start = False
        else:
            break
    if not spans:
        return None
    start = spans[0][0]
    if _TITLE_BEFORE.search(text, max(0, start - 40), start) and text[max(0, start - 4):start].strip() in ("of", "the"):
        while len(spans) > 1 and text[slice(*spans[0])] in _DEPARTMENTS:  # 'Secretary of State Hillary Clinton'
            spans.pop(0)
        if all(text[s:e] in _DEPARTMENTS for s, e in spans):
            return None  # 'Secretary of State' names no one
    while len(spans) > 1 and text[slice(*spans[-1])].rstrip(".,") in _SUFFIXES:
        spans.pop()
    raw = " ".join(text[s:e].strip("’'") for s, e in spans)
    name = _strip_party(strip_title(raw), words)
    titled = name != raw or bool(_TITLE_BEFORE.search(text, max(0, start - 40), start))
    name = _normalise(name)
    if not name or len(name.replace(".", "")) < 2 or not name[0].isupper() or name in _NOT_ACTORS:
        return None
    if len(spans) == 1 and at_sentence_start and words.is_common_word(name):
        return None  # 'Clashes' opening a sentence
    is_place = bool(_LOCATIVE.search(text, max(0, start - 16), start))
    return Mention(name, start, end, is_place, titled)


def _normalise(name: str) -> str:
    """Dots out of abbreviations ('I.R.S.' → 'IRS'), party aliases ('GOP' → 'Republicans',
    'Senate GOP' → 'Senate Republicans')."""
    if re.fullmatch(ABBREVIATION, name):
        name = name.replace(".", "")
    if name in _PARTIES:
        return _PARTIES[name]
    head, _, last = name.rpartition(" ")
    if head in _INSTITUTIONS and last in _PARTIES:
        return f"{head} {_PARTIES[last]}"
    return name


def headline_span(doc: Document) -> tuple[int, int] | None:
    """The title block, or a short first paragraph of one sentence before others (a headline
    that ends with a period: 'Clinton Plan for Taxes Is Complex.'), or a short first paragraph whose
    first line ends with a semicolon before its summary line ('Crucial wins for Clinton and Trump in
    New York;' above 'Mogul reclaims control of Republican race ...')."""
    blocks = doc.scored_blocks
    if not blocks:
        return None
    first = blocks[0]
    if first.kind == "title":
        return first.start, first.end
    sentences = [s for s in doc.sentences if first.start <= s.start < first.end]
    words = doc.text[first.start:first.end].split()
    one_line = "\n" not in doc.text[first.start:first.end]
    if len(blocks) > 1 and len(sentences) == 1 and len(words) <= HEADLINE_WORDS and one_line:
        return first.start, first.end
    line = doc.text[first.start:first.end].split("\n", 1)[0]
    if len(blocks) > 1 and line.rstrip().endswith(";") and len(words) <= 2 * HEADLINE_WORDS:
        return first.start, first.end
    return None


def _headline_cased(doc: Document, start: int, end: int, lower: set[str]) -> bool:
    """A line in headline casing ('Related Coverage Trump Says ...', 'Attorney Subpoenas Christie
    Aides'): every word capitalised, with a minor word or two words the text writes in lower case."""
    words = re.findall(r"[^\W\d_][\w'’\-]*", doc.text[start:end])
    if len(words) < 4 or not all(w[0].isupper() or w.lower() in _MINOR_WORDS for w in words):
        return False
    minor = sum(w.lower() in _MINOR_WORDS and w[0].isupper() for w in words[1:])
    common = sum(w.lower() in lower for w in words[1:] if w.lower() not in _MINOR_WORDS)
    return minor >= 1 or common >= 2


def _candidate_mentions(doc: Document) -> list[Mention]:
    """Every name mentioned in the body (not the title); names in headline-cased lines only where
    the rest of the body names them too."""
    headline = headline_span(doc)
    skip = [headline] if headline else []
    lower = set(re.findall(r"\b[a-z][\w’'\-]*", doc.text))
    skip += [(s.start, s.end) for s in doc.sentences if not s.is_title and _headline_cased(doc, s.start, s.end, lower)]
    skip = SpanIndex(skip)
    words = _TextWords(doc, skip, lower)
    found, doubtful = [], []
    for block in doc.scored_blocks:
        if block.kind == "title":
            continue
        labels = [m.span() for m in _PARTY_LABEL.finditer(doc.text, block.start, block.end)]
        for m in ACTOR_NAME.finditer(doc.text, block.start, block.end):
            if any(s <= m.start() < e for s, e in labels):
                continue  # '(R-Ga.)'
            for s, e in _name_parts(doc, *m.span()):
                mention = _clean(doc, words, s, e)
                if mention is not None:
                    (doubtful if skip.overlapping(s, s + 1) else found).append(mention)
    surnames = {m.name.rsplit(" ", 1)[-1] for m in found if " " in m.name}
    # a bare title ('President' of 'President of the United States') names an office, not one actor,
    # unless it is someone's surname here ('King' for Larry King)
    found = [m for m in found if m.name not in TITLE_WORDS or m.name in surnames]
    found = _without_stray_openers(doc, found, words)
    known = _NameFile({m.name for m in found})
    return found + [m for m in doubtful if known.referred_to(m.name)]


def _without_stray_openers(doc: Document, mentions: list[Mention], words: "_TextWords") -> list[Mention]:
    """A word stuck before a person's full name is dropped when the text writes it in lower case
    elsewhere, names the person without it and puts it before no other name ('Trust Donald Trump',
    'Will Brett Kavanaugh', 'Chief of Staff Jake Sullivan'; not 'Cardinal' of 'Cardinal Gerhard Ludwig
    Müller' beside 'Cardinal Müller'), or when it is the surname itself ('Christie Chris Christie').
    'Bill Clinton' and 'White House' keep theirs: what is left must be a person's name of two words or
    more."""
    names = {m.name for m in mentions}
    openers = collections.Counter(name.partition(" ")[0] for name in names)
    kept = []
    for m in mentions:
        first, _, rest = m.name.partition(" ")
        rest_words = rest.split()
        a_full_name = (len(rest_words) >= 2 and _person_like(rest)
                       and all(w[0].isupper() and w not in NEVER_START for w in rest_words))
        if a_full_name and (first == rest_words[-1]
                            or (first.lower() in words.lower and rest in names and openers[first] == 1)):
            m = m._replace(name=rest, start=doc.text.find(rest_words[0], m.start + len(first)))
        kept.append(m)
    return kept


# ---- merging ----------------------------------------------------------------------------------

def refers_to(short: str, full: str) -> bool:
    """'Haftar' → 'Khalifa Haftar', 'Shura Council' → 'Derna Shura Council', 'Za’tari' → 'Al-Za’tari',
    'GNA' → 'Government of National Accord', 'Hillary Clinton' → 'Hillary Rodham Clinton'; a place's
    abbreviation stands for no one but a place ('DC' is not Dan Cathy)."""
    if short == full:
        return True
    if not short.isupper() and short.split()[-1].split("-")[-1] not in full:
        return False
    short_words, full_words = short.split(), full.split()
    if len(short_words) < len(full_words) and full_words[-len(short_words):] == short_words:
        return True
    if len(short_words) == 1 and short == full_words[-1].split("-")[-1] and len(full_words) > 1:
        return True
    if 2 == len(short_words) < len(full_words) and short_words == [full_words[0], full_words[-1]]:
        return True
    initials = "".join(w[0] for w in full_words if w[0].isupper())
    return short.isupper() and len(short) > 1 and short == initials and (short not in _PLACES or full in _PLACES)


def _canonical_names(mentions: list[Mention]) -> dict[str, str]:
    """Each name's actor: a shorter name joins the first-named longer name it refers to ('Clinton'
    joins 'Hillary Clinton' rather than 'Chelsea Clinton' named after her); a lone first name joins
    the one full name it starts that can be a person's ('Melania', 'Melania Trump'; not 'Trump
    Tower')."""
    first: dict[str, int] = {}
    for m in mentions:
        first.setdefault(m.name, m.start)
    return _joined(first, lambda name, targets: {min(targets, key=lambda t: first[t])})


def corpus_names(articles: dict[str, int]) -> dict[str, str]:
    """Actor names across a corpus (name -> the articles naming an actor so) -> each one's canonical
    name. A name of two words or more joins every longer name it refers to ('Hillary Clinton',
    'Hillary Rodham Clinton'); a name of one word joins the longer name it refers to only when it can
    refer to one actor of the corpus: 'Trump' joins 'Donald Trump', 'Clinton' stays apart while both
    'Hillary Clinton' and 'Bill Clinton' are named. An actor's canonical name is its most frequent name
    of two words or more ('Donald Trump', not 'Donald John Trump' nor 'Trump'), else its most frequent."""
    joined = _joined(articles, lambda name, targets: targets if " " in name or len(targets) == 1 else set())
    members: dict[str, list[str]] = {}
    for name, root in joined.items():
        members.setdefault(root, []).append(name)
    shown = {root: max(names, key=lambda n: (" " in n, articles[n], n)) for root, names in members.items()}
    return {name: shown[root] for name, root in joined.items()}


def _joined(names, choose) -> dict[str, str]:
    """Each of `names` -> the longest name of its actor. Longest first, a name joins the actors of the
    longer names it refers to that `choose(name, actors)` returns (those actors become one), and a lone
    first name the one full name it starts that can be a person's."""
    canonical: dict[str, str] = {}
    members: dict[str, list[str]] = {}  # an actor's longest name -> its names
    filed = _NameFile()
    for name in sorted(names, key=lambda n: (-len(n.split()), -len(n), n)):  # longest first
        targets = {canonical[c] for c in filed.candidates(name) if refers_to(name, c) and not _other_institution(name, c)}
        if not targets and " " not in name and _person_like(name):
            starting = {canonical[c] for c in filed.starting_with(name) if _person_like(c)}
            targets = starting if len(starting) == 1 else set()
        chosen = sorted(choose(name, targets) if targets else ())
        home = chosen[0] if chosen else name
        for other in chosen[1:]:  # actors that this name shows to be one
            moved = members.pop(other)
            for member in moved:
                canonical[member] = home
            members[home].extend(moved)
        canonical[name] = home
        members.setdefault(home, []).append(name)
        filed.add(name)
    return canonical


def _other_institution(name: str, full: str) -> bool:
    """Whether `full` ends in an institution other than the institution `name`: 'House' is not the
    'White House' nor the 'Obama White House'."""
    words = full.split()
    return name in _INSTITUTIONS and not name.isupper() and any(
        " ".join(words[-k:]) in _INSTITUTIONS for k in range(len(name.split()) + 1, len(words) + 1))


class _NameFile:
    """Names filed so that the ones a shorter name may refer to (refers_to) are found without
    trying them all: refers_to holds only for a name that ends with the shorter one's words (or
    whose last hyphen part it is), whose first and last words it is, or whose initials it spells."""

    def __init__(self, names=()):
        self._filed: dict[tuple[str, str], list[str]] = {}
        for name in names:
            self.add(name)

    def add(self, full: str) -> None:
        words = full.split()
        initials = "".join(w[0] for w in words if w[0].isupper())
        keys = {("ends", " ".join(words[-n:])) for n in range(1, len(words) + 1)}
        keys |= {("ends", words[-1].split("-")[-1]), ("initials", initials), ("first", words[0]),
                 ("first and last", f"{words[0]} {words[-1]}")}
        for key in keys:
            self._filed.setdefault(key, []).append(full)

    def candidates(self, short: str) -> set[str]:
        """The filed names `short` may refer to (a superset: refers_to decides)."""
        keys = (("ends", short), ("initials", short), ("first and last", short))
        return {name for key in keys for name in self._filed.get(key, ())}

    def starting_with(self, word: str) -> list[str]:
        return self._filed.get(("first", word), [])

    def referred_to(self, short: str) -> bool:
        """Whether `short` refers to a filed name."""
        return any(refers_to(short, name) for name in self.candidates(short))


def _person_like(name: str) -> bool:
    """A name that can be a person's ('Melania', 'Melania Trump'; not 'Iowa Democrat', 'Medicare
    Advantage'): one to three capitalised words, none of a place, an institution, a law, an outlet,
    a party or an organisation."""
    words = name.split()
    return (len(words) <= 3 and not ORG.search(name) and not name.isupper()
            and not any(w in _NOT_PERSON_WORDS for w in words))


def _display_name(variants: list[str]) -> str:
    """The longest variant without middle initials ('Paul D. Ryan' is 'Paul Ryan')."""
    name = max(variants, key=lambda v: (len(v.split()), len(v)))
    return re.sub(r"(?<=\w) (?:[A-Z]\. )+(?=[A-Z])", " ", name)


# ---- kinds ------------------------------------------------------------------------------------

def actor_kind(actor: Actor) -> str:
    """person, party, organisation, institution, place, outlet, law, people or other."""
    name = actor.name
    words = name.split()
    last = words[-1]
    if name in _LAWS or last in _LAW_WORDS or last in _LAWS:
        return LAW
    if name in _OUTLETS or last in _MEDIA_WORDS or name.removeprefix("The ") in _OUTLETS:
        return OUTLET
    if name in _PARTIES.values() or last in _PARTIES.values() or last in ("Party", "Caucus"):
        return PARTY
    if name in _PLACES or (last in _PLACE_WORDS and len(words) > 1) or (is_place(actor) and not actor.titled):
        return PLACE
    if name in _INSTITUTIONS or " ".join(words[-2:]) in _INSTITUTIONS or (last in _INSTITUTIONS and not actor.titled):
        return INSTITUTION  # 'Senate', 'Obama White House', 'Democratic-led Senate'

    if last in _EVENT_WORDS:
        return OTHER  # 'Chick-fil-A Appreciation Day'
    if name.endswith("s") and (name[:-1] in _NOT_ACTORS or name[:-1] in _PARTIES or last[:-1] in _NOT_ACTORS):
        return PEOPLE  # 'Americans', 'Latinos', 'Middle Eastern Christians'
    if ORG.search(name) or name.isupper():
        return ORGANISATION
    if actor.titled or (1 < len(words) <= 4 and all(w[0].isupper() and not w.isupper() for w in words)):
        return PERSON
    return OTHER


def is_place(actor: Actor) -> bool:
    return actor.place_mentions * 2 >= len(actor.mentions)


# ---- finding and ranking ----------------------------------------------------------------------

def find_actors(doc: Document) -> list[Actor]:
    """Actors with merged name variants, their kind, and where the story names them; sorted by
    rule_score."""
    mentions = _candidate_mentions(doc)
    canonical = _canonical_names(mentions)
    actors: dict[str, Actor] = {}
    for m in mentions:
        key = canonical[m.name]
        actor = actors.setdefault(key, Actor("", key))
        if m.name not in actor.variants:
            actor.variants.append(m.name)
        actor.mentions.append(TextSpan(m.start, m.end, doc.text[m.start:m.end]))
        actor.place_mentions += m.is_place
        actor.titled |= m.titled
    for actor in actors.values():
        actor.name = _display_name(actor.variants)
    _add_common_references(doc, actors.values())
    for actor in actors.values():
        actor.kind = actor_kind(actor)
    headline = headline_span(doc)
    _add_role_references(doc, [a for a in actors.values() if a.kind == PERSON], headline)
    title = doc.text[slice(*headline)] if headline else doc.title or ""
    lede_end = _lede_end(doc, headline)
    for actor in actors.values():
        actor.mentions.sort(key=lambda m: m.start)
        actor.in_title = _title_position(actor, title) is not None or _head_noun_in_title(actor, title)
        actor.opens_title = actor.kind in (PERSON, PARTY, ORGANISATION, INSTITUTION) and _opens_title(actor, title)
        actor.in_lede = any(m.start < lede_end for m in actor.mentions)
        actor.quoted_mentions = sum(doc.voice_at(m.start) == QUOTED for m in actor.mentions)
    _count_pronouns(doc, [a for a in actors.values() if a.kind == PERSON], headline)
    for actor in actors.values():
        actor.score = rule_score(actor)
    return sorted(actors.values(), key=lambda a: (-a.score, a.mentions[0].start))


def _title_names(actor: Actor) -> list[str]:
    """What a headline may call the actor: a variant, a party alias or a person's surname ('Beck Wows
    the Crowd')."""
    aliases = [alias for alias, name in _PARTIES.items() if name == actor.name]
    if actor.kind == PERSON:
        aliases.append(actor.name.split()[-1])
    aliases += [form for role in actor.roles for form in (role, role.capitalize())]  # 'Bomb Suspect Arrested'
    return actor.variants + aliases


def _title_position(actor: Actor, title: str) -> int | None:
    """Where the headline first names the actor; None when it does not."""
    found = [at for v in _title_names(actor) if (at := whole_word_at(title, v)) is not None]
    return min(found) if found else None


def _opens_title(actor: Actor, title: str) -> bool:
    """The headline opens with the actor as its subject ('Pelosi Says ...', 'Obama: ...'), not as a
    modifier of another noun ('IRS Official Refuses ...') or a possessor ('Trump's Doctor ...')."""
    return any((at := whole_word_at(title, v)) is not None and (at <= 1 or _ONLY_TITLES.fullmatch(title, 0, at))
               and not _MODIFIER_AFTER.match(title, at + len(v)) for v in _title_names(actor))


_ONLY_TITLES = re.compile(rf"(?:(?:{_TITLES})\s+)+")  # 'Pope Francis Denounces ...', 'Sen. Warren Says ...'
_MODIFIER_AFTER = re.compile(rf"['’]|\s+(?:{ROLE_WORDS})\b", re.I)  # 'Trump's ...', 'IRS Official ...'


def whole_word_at(text: str, words: str) -> int | None:
    """Where `words` first stand in `text` as whole words (no letter, digit, '_' or '-' on either
    side); a plain search, since a pattern per actor variant would be compiled anew for every article."""
    def joins(ch: str) -> bool:
        return ch.isalnum() or ch in "_-"

    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        if not (at and joins(text[at - 1])) and not (end < len(text) and joins(text[end])):
            return at
        at = text.find(words, at + 1)
    return None


_PRONOUN = re.compile(r"\b(?:(?P<male>[Hh]e|[Hh]is|[Hh]im|[Hh]imself)|[Ss]he|[Hh]er|[Hh]erself)\b")


def _count_pronouns(doc: Document, people: list[Actor], headline: tuple[int, int] | None) -> None:
    """Give each 'he', 'she', 'his', 'her' of the body to the person named last before it whose
    pronouns agree (a cheap stand-in for coreference: 'Glenn Beck spoke. He said ...'). A person's
    pronouns are those most often found after their name."""
    named = sorted((m.start, index) for index, actor in enumerate(people) for m in actor.mentions)
    starts = [start for start, _ in named]
    body_start = headline[1] if headline else 0
    found = [(m.start(), m.group("male") is not None) for block in doc.scored_blocks
             if block.kind != "title" and block.end > body_start
             for m in _PRONOUN.finditer(doc.text, max(block.start, body_start), block.end)]
    votes = [[0, 0] for _ in people]  # female, male
    for offset, male in found:
        i = bisect.bisect_left(starts, offset) - 1
        if i >= 0:
            votes[named[i][1]][male] += 1
    for offset, male in found:
        i = bisect.bisect_left(starts, offset) - 1
        while i >= 0 and votes[named[i][1]][male] < votes[named[i][1]][not male]:
            i -= 1  # the last person named does not take this pronoun: an earlier one does
        if i >= 0:
            people[named[i][1]].pronouns += 1


def _lede_end(doc: Document, headline: tuple[int, int] | None) -> int:
    """Where the lede ends: after the first sentences of the body."""
    body = [s for s in doc.sentences if not s.is_title and not (headline and s.start < headline[1])
            and doc.block_at(s.start) is not None and doc.block_at(s.start).kind == "body"]
    return body[min(LEDE_SENTENCES, len(body)) - 1].end if body else 0


def _head_noun_in_title(actor: Actor, title: str) -> bool:
    """An organisation's head noun alone names it in a headline ('Council Votes ...', 'The
    Council ...'), but not as the end of another name ('Derna Shura Council')."""
    last = actor.name.split()[-1]
    if len(actor.name.split()) < 2 or not ORG.fullmatch(last):
        return False
    return bool(compiled(rf"(?:^|\b(?:The|the)\s+|\b[a-z][\w’'-]*\s+){re.escape(last)}\b").search(title))


def _add_common_references(doc: Document, actors) -> None:
    """'the authority' refers back to 'Calder Bay Port Authority' (organisations only)."""
    by_word: dict[str, list[Actor]] = {}
    for actor in actors:
        last = actor.name.split()[-1]
        if len(actor.name.split()) >= 2 and ORG.fullmatch(last):
            by_word.setdefault(last.lower(), []).append(actor)
    if not by_word:
        return
    pattern = re.compile(rf"\b[Tt]he\s+({'|'.join(map(re.escape, sorted(by_word, key=len, reverse=True)))})\b")
    for block in doc.scored_blocks:
        if block.kind != "title":
            for m in pattern.finditer(doc.text, block.start, block.end):
                for actor in by_word[m.group(1)]:
                    actor.mentions.append(TextSpan(m.start(1), m.end(1), m.group(1)))


_ROLES = alternation(_LISTS["role_references"])


def _role(group: str, words: int = 3) -> str:
    """'the suspect', 'a suspected male gunman': the role noun in the named group."""
    return rf"(?:the|an?)\s+(?:[\w-]+\s+){{0,{words}}}?(?P<{group}>{_ROLES})\b"


_ROLE_BEFORE_NAME = re.compile(rf"(?:\b(?:identified|named)\s+{_role('as')}(?:\s+[^.;\n]{{0,40}}?)?\s+as"
                               rf"|{_role('apposed', 2)},)\s+$", re.I)  # '... the suspect as', 'the gunman,'
_ROLE_AFTER_NAME = re.compile(rf"(?:,\s+\d+,)?(?:\s+(?:was|is|has\s+been))?\s+(?:identified|named)\s+as\s+"
                              rf"(?:(?:the|an?)\s+)?(?:[\w-]+\s+){{0,3}}?(?P<named_as>{_ROLES})\b"
                              rf"|,\s+{_role('after', 2)}", re.I)  # 'X Identified As Mail Bomb Suspect', 'X, the gunman'
_NAMES_REACH = 80


def _add_role_references(doc: Document, people: list[Actor], headline: tuple[int, int] | None) -> None:
    """A person the story names as 'the suspect' ('identified the suspect as Cesar Sayoc', 'the gunman,
    Omar Mateen,', 'Cesar Sayoc Identified As Mail Bomb Suspect') is every 'suspect' of the body and
    the headline ('a male suspect', 'the suspect's door'), when no other person is named so."""
    named: dict[str, set[int]] = {}
    for index, actor in enumerate(people):
        for m in actor.mentions:
            before = _ROLE_BEFORE_NAME.search(doc.text[max(0, m.start - _NAMES_REACH):m.start])
            after = _ROLE_AFTER_NAME.match(doc.text[m.end:m.end + _NAMES_REACH])
            for found in (before, after):
                if found:
                    role = next(word for word in found.groups() if word)
                    named.setdefault(role.lower(), set()).add(index)
    body_start = headline[1] if headline else 0
    taken = SpanIndex([(m.start, m.end) for actor in people for m in actor.mentions])
    for role, holders in named.items():
        if len(holders) != 1:
            continue
        actor = people[holders.pop()]
        actor.roles.append(role)
        pattern = compiled(rf"\b(?:the|an?)\s+(?:[\w-]+\s+){{0,2}}?({role})\b(?!-)", re.I)
        for block in doc.scored_blocks:
            if block.kind != "title" and block.end > body_start:
                for m in pattern.finditer(doc.text, max(block.start, body_start), block.end):
                    if not taken.overlapping(*m.span(1)):
                        actor.mentions.append(TextSpan(*m.span(1), m.group(1)))


KIND_WEIGHT = {PERSON: 1.0, PARTY: 1.0, ORGANISATION: 0.9, OTHER: 0.8, INSTITUTION: 0.6, LAW: 0.5,
               PEOPLE: 0.5, OUTLET: 0.4, PLACE: 0.4}


def rule_score(actor: Actor) -> float:
    """Mentions (a pronoun or a mention in quoted speech counts half), named in the headline (twice
    when it opens it) and the lede, weighed by kind: a person or a party over the institution, place,
    law or outlet they act in."""
    named = len(actor.mentions) - actor.place_mentions - 0.5 * actor.quoted_mentions
    base = (named + 0.3 * actor.place_mentions + 0.5 * actor.pronouns + (2.0 if actor.in_title else 0.0)
            + (2.0 if actor.opens_title else 0.0)
            + (1.0 if actor.in_lede else 0.0))
    return base * KIND_WEIGHT[actor.kind]


def candidates(actors: list[Actor], speaker_offsets: set[int]) -> list[Actor]:
    """The actors that can be main actors: named often enough, not a place named as where things
    happen, and not only ever a speaker unless the headline or the lede names them."""
    return [a for a in actors if not (is_place(a) and a.kind == PLACE) and a.score >= MIN_ACTOR_SCORE
            and (a.in_title or a.in_lede or not {m.start for m in a.mentions} <= speaker_offsets)]


def main_actors(actors: list[Actor], speaker_offsets: set[int]) -> list[Actor]:
    """The best-scored candidates; the first is the principal actor, and a second is a principal
    actor too when the headline sets the two against each other (see principal_actors)."""
    ranked = candidates(actors, speaker_offsets)[:MAIN_ACTORS]
    for index, actor in enumerate(ranked, 1):
        actor.id = f"a{index}"
        actor.principal = index == 1
    if len(ranked) > 1 and _second_principal(ranked[0], ranked[1]):
        ranked[1].principal = True
    return ranked


def _second_principal(first: Actor, second: Actor) -> bool:
    """Both in the headline, the second a person, party or organisation scoring at least
    SECOND_PRINCIPAL of the first's."""
    return (first.in_title and second.in_title and second.kind in (PERSON, PARTY, ORGANISATION)
            and second.score >= SECOND_PRINCIPAL * first.score)


def principal_actors(ranked: list[Actor]) -> list[Actor]:
    """The story's principal actors (one, or two in conflict), from main_actors' result."""
    return [a for a in ranked if a.principal]


def actors_named(actors: list[Actor], start: int, end: int) -> list[Actor]:
    """The actors with a mention inside [start, end)."""
    return [a for a in actors if mentions_within(a, start, end)]


def mentions_within(actor: Actor, start: int, end: int) -> list[TextSpan]:
    """The actor's mentions inside [start, end)."""
    return [m for m in mentions_starting(actor, start, end) if m.end <= end]


def mentions_starting(actor: Actor, start: int, end: int) -> list[TextSpan]:
    """The actor's mentions that start in [start, end), in text order (found by bisection:
    find_actors sorts them)."""
    first = bisect_left(actor.mentions, start, key=lambda m: m.start)
    return actor.mentions[first:bisect_left(actor.mentions, end, lo=first, key=lambda m: m.start)]


def distance(actor: Actor, offset: int) -> int:
    """How far the actor's nearest mention starts from `offset`."""
    i = bisect_left(actor.mentions, offset, key=lambda m: m.start)
    return min(abs(m.start - offset) for m in actor.mentions[max(0, i - 1):i + 1])
