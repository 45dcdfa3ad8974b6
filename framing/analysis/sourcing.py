"""Sides and balance of the voices in a story: each source's stance toward the main actors
(framing/analysis/actors.py), the reporter's own verdicts that take a side, a balance index and
whether the evidence is enough to judge it; the writer's own stance comes from analysis/writer.py.

Stances are rule-based and explained by spans: a stance is the sum of its evidence (affiliation
from the source's role or name, lexicons/affiliation.txt; the source being the actor; stance words
from lexicons/stance_*.toml aimed at the actor they are about, analysis/stance_targets.py; a principal
actor's voice about the other principal), so the report can show why a source sits on a side. Measured on BASIL and PolNeAR
in docs/EVALUATION.md.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from dataclasses import dataclass, field

from framing import categories
from framing.text.document import REPORTER, Document
from framing.text.patterns import compiled, has_spaced, has_word
from framing.findings import Attribution, Finding, Source, TextSpan
from framing.resources import alternation, word_list
from framing.analysis.actors import (Actor, actors_named, EPITHETS, find_actors, headline_span, main_actors, mentions_starting,
                                     mentions_within, NEVER_START, PERSON, PLACE, refers_to, strip_title)
from framing.analysis.attribution import reports_saying
from framing.analysis.names import NAME, group_party, known_party, stated_party
from framing.analysis.sources import person_sex, plain_name, plural_group, sex_in_text
from framing.analysis import stance_targets as targets
from framing.analysis.stance_words import CRITICAL, SUPPORTIVE, StanceWords
from framing.rules import lexicon
from framing.analysis.writer import WriterStance, writer_stances

NEUTRAL, UNKNOWN = "neutral", "unknown"
SIDES = (CRITICAL, SUPPORTIVE, NEUTRAL, UNKNOWN)
WEIGHT = {"affiliation": 3.0, "self": 3.0, "cue": 2.0, "content": 1.0, "adversary": 1.0, "lead": 1.0, "partisan": 1.0}
AFFILIATION_REACH = 6  # words between a word of membership or opposition and the actor's name in a role
_POSSESSIVE_S = re.compile(r"^['’]s?")  # 'Gorsuch's critics': the possessive is no word between
_RELATIVE_CLAUSE = re.compile(r"[,;]\s*(?:who|which|whose)\b")  # '..., who has resented Mr. Rubio's ...'
_DONE_BY = re.compile(  # 'the governor challenged by Sanders': the name acted on the source; 'appointed by' ties them
    r"\b(?!(?:appointed|nominated|hired|employed|named|picked|chosen|tapped|endorsed|backed|funded|paid|commissioned)\b)"
    r"\w+(?:ed|en)\s+by\b")

ADVERSARY_WARMTH = 0.6  # 70 adversary cases on 485 real texts: from 0.6, 11 wrong and 3 right ones withdrawn
ONE_SIDED_BELOW = 0.6  # balance index under which the article is one-sided (see detectors/sourcing.py)
MIN_SIDED_VOICES = 3  # voices on either side (sources and the reporter's verdicts) before the balance is judged
CERTAINTY = 0.9  # how sure the heavier side must be of holding most voices before the article is one-sided
INDEX_WEIGHTS = {"voices": 0.5, "words": 0.3, "first_last": 0.2}
UNREAD_WORDS = 10  # words a named source says, from which an unread side leaves the one-sided verdict open
_READ_KINDS = ("person", "organisation", "official")
SENTIMENT_SIDE = 0.2  # |VADER compound| from which loaded wording alone gives a verdict a side

_GENERIC_PRONOUN_ROLE = re.compile(r"^(?:its|their)\b", re.I)
_WHITE_HOUSE_VOICE = re.compile(r"(?:^|(?<=\s))(?:(?:the|a|an|The|A|An)\s+)?White House(?:$|\s+(?i:press\s+secretary|(?:deputy\s+)?spokes\w+|"
                                r"officials?|aides?|advis[eo]rs?|chief\s+of\s+staff|counsel|communications\s+director|press\s+office))\b")
# the White House itself, 'White House press secretary Josh Earnest', 'a White House official'; not the 'Obama White House'
# of a 'former White House aide', a 'White House petition', the 'White House Correspondents' Association' or its pool reports
_NOT_NOW_BEFORE = re.compile(r"(?:\b(?:former|ex|then)\b\W*(?:\w+\W+){0,2}|\b(?:his|her|their|its)\s+|'s\s+|’s\s+)$")
_PRESIDENT = re.compile(r"(?<![Aa] )(?<!Vice )(?<!Vice-)\bPresident\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*$")
_FORMER_PRESIDENT = re.compile(r"\b(?:former|ex-|late)\s*President\s", re.I)
_THE_CAMPAIGN = re.compile(r"(?:the\s+)?campaign(?:'s)?(?:\s+(?:aides?|officials?|spokes\w+|staff|manager|chairman|chairwoman))?", re.I)
_NAMED_CAMPAIGN = re.compile(r"\b([A-Z][\w’'-]+)(?:'s|’s)?\s+campaign\b")  # 'the Sanders campaign', 'Clinton’s campaign'
_PERSONAL_PRONOUN_ROLE = re.compile(r"^(?:(?P<m>his)|(?P<f>her))\b", re.I)  # 'his campaign manager', 'Her chief policy aide'
_MEMBERSHIP = re.compile(rf"\b(?:{alternation(word_list('affiliation.txt', 'membership'))})\b"
                         r"(?!\s+(?:events?|rall(?:y|ies)|stops?|trail|appearances?|speech(?:es)?|elections?|public)\b)", re.I)
# 'a spokesman for the campaign', not 'attended a campaign event by Mr. Clinton' or 'the general election'
_STAFF = re.compile(rf"\b(?:{alternation(word_list('affiliation.txt', 'staff'))})\b", re.I)
_OPPOSITION_WORDS = alternation(word_list('affiliation.txt', 'opposition'))
_OPPOSITION = re.compile(rf"\b(?:{_OPPOSITION_WORDS})\b", re.I)
_FOR_PREFIX = alternation(word_list('affiliation.txt', 'for_prefix'))
_PLACE_OFFICES = alternation(word_list('affiliation.txt', 'place_offices'))
_AGAINST_PREFIX = alternation(word_list('affiliation.txt', 'against_prefix'))
_BARE_OPPOSITION = re.compile(rf"\b(?:{_OPPOSITION_WORDS})\b(?!\s+(?:of|to)\b)", re.I)  # 'another critic', not 'a critic of X'
_ACTION_CUES = frozenset(word_list('attribution.txt', 'action_cues'))  # an act reported, not a saying
_OWN_WORDS = re.compile(r"\s+(?:(?:his|her|their|its|my|our)\s+(?:own\s+)?(?:(?:original|earlier|previous|initial|past|recent)\s+)?(?:remarks?|comments?|words?|statements?|"
                        r"decision|record|position|actions?|conduct|report(?:ing)?|story|stories|work|account)|"
                        r"(?:everything|all|what)\s+(?:I|he|she|we|they)\s+(?:have\s+|had\s+)?said|"
                        r"himself|herself|themselves|itself)\b", re.I)
_PARTY_ACTOR = re.compile(r"(?:(House|Senate)\s+)?(Republicans|Democrats|GOP|Republican Party|Democratic Party)")
_CHAMBER = {"House": re.compile(r"\b(?:Rep\.|Representative|House|[Cc]ongress(?:wo)?man)"),
            "Senate": re.compile(r"\b(?:Sen\.|Senator|Senate)")}
_BACKING = re.compile(r"\b(?:back(?:s|ed|ing)?|sid(?:e|es|ed|ing)\s+with|endors\w*|support\w*|vot\w+\s+for|join\w*|"
                      r"(?:declin|refus)\w*\s+to\s+(?:criti[cs]|condemn|attack|blame|comment|discuss))", re.I)  # no partisan attack
_NO_REPLY = re.compile(r"\b(?:(?:declin|refus)\w*\s+(?:to\s+)?(?:comment|respond|discuss|answer|elaborate|say\s+more)|"
                       r"(?:did|does|do|would|could|has|have)\s*(?:not|n[’']t)\s+(?:immediately\s+|yet\s+)?(?:respond|return|comment|answer|reply)|"
                       r"could\s*(?:not|n[’']t)\s+be\s+reached|(?:was|were)\s+not\s+(?:immediately\s+)?available\s+for\s+comment|"
                       r"no\s+comment)", re.I)
_BARE_SUPPORT = re.compile(r"(?:(?:the|some|many|most|other)\s+)?(?:supporters|proponents|defenders|backers|allies|loyalists)", re.I)
_BY_AGENT = re.compile(r"\bby\s+(?:\w+\s+){0,2}$")
_TALLY = re.compile(r"\d|\bpercent\b|\bpolled\b|\brespondents\b", re.I)  # '26 percent of Democrats': a poll's figure
_SHARE_OF = re.compile(r"(?:\bpercent|%|\b(?:half|thirds?|quarters?|majority)|\d)\s+of\s+(?:the\s+)?$", re.I)
_CAPITAL_NEXT = re.compile(r"\s+(?-i:[A-Z])")
_EPITHET_BEFORE = re.compile(rf"\b(?:{alternation(sorted(EPITHETS))})['’]?\s+$")  # 'Lyin' Ted Cruz', 'Crooked Hillary'
_EPITHET_REACH = max(map(len, EPITHETS)) + 4  # characters before a name that its nickname, an apostrophe and spaces take
_NAME_LIST = re.compile(r"(?:(?:[Bb]oth|[Nn]either|[Ee]ither|[Tt]he)\s+)?[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+(?:and|or|nor|&)\s+(?:the\s+)?)"
                        r"[A-Z][\w.'’-]*)*")  # 'Both Democrats and Republicans', 'Neither Johnson nor Weld'
_JOINED = re.compile(r"\s(?:and|or|nor|&)\s")
_INFINITIVE = re.compile(r"\s*(?:not\s+)?to\s+(?:\w+ly\s+)?")  # a content that opens 'to ignore': the cue's own subject acts
_DATA = re.compile(rf"\b(?:{alternation(word_list('sources.txt', 'data_nouns'))})\b", re.I)
_GOVERNED_BY = re.compile(r"\b(?:regarding|concerning|about|of|on|for|against|with|over|to|from|by|into|at|in|toward|towards)\s+$", re.I)  # 'the timeline regarding Campos'
_GOVERNED = re.compile(r"\b(?:for|with|to|against|about|by|quotes?|quoted|behalf)\b")  # 'prosecutors for Petraeus'
_GROUP_OF = re.compile(rf"\b(?:{_OPPOSITION_WORDS}|supporters?|all(?:y|ies)|backers?|loyalists?|friends?|fans?|members?|"
                       r"followers?)\s+of\s+(?:the\s+)?$", re.I)  # 'Opponents of Price', 'Friends of Price': people of or against the actor, not it


@dataclass(frozen=True)
class Evidence:
    actor_id: str
    stance: str  # critical or supportive
    kind: str  # affiliation, self, cue, content or adversary
    span: TextSpan
    reason: str


@dataclass
class SourceStance:
    source_id: str
    name: str
    kind: str
    role: str
    side: str  # stance toward the principal actor
    stances: dict[str, str] = field(default_factory=dict)  # actor id -> stance
    evidence: list[Evidence] = field(default_factory=list)
    quoted_words: int = 0
    paraphrased_words: int = 0
    first_offset: int = 0
    speaks_for: list[str] = field(default_factory=list)  # ids of the actors it is, speaks for or belongs to


@dataclass
class SideSummary:
    side: str
    sources: list[str] = field(default_factory=list)  # source ids
    named: int = 0
    unnamed: int = 0
    quoted_words: int = 0
    paraphrased_words: int = 0
    verdicts: int = 0
    verdict_words: int = 0
    itself: bool = False  # the principal actor's own voice is one of the sources
    own_staff: int = 0  # sources that speak for the principal actor by their work: its spokespeople, advisers, campaign


@dataclass
class Verdict:
    """A reporter's-voice claim about the principal actor that takes a side."""

    span: TextSpan
    stance: str
    evidence: list[str]


@dataclass
class Sourcing:
    principal_actor: Actor | None
    actors: list[Actor]
    sources: list[SourceStance]
    sides: dict[str, SideSummary]
    verdicts: list[Verdict]
    first_word: str | None  # source id of the first source that takes a side
    last_word: str | None
    response: bool | None  # the criticised principal actor's side is heard (None: nobody criticises it)
    balance_index: float
    explanation: str
    judged: bool = True  # False: too few voices take a side for the index to mean much
    certainty: float = 0.0  # the probability that the heavier side holds most of the voices (see dominance)
    one_sided: bool = False  # judged, the index under ONE_SIDED_BELOW, and certain enough
    writer: dict[str, WriterStance] = field(default_factory=dict)  # actor id -> the writer's own stance (analysis/writer.py)


# ---- stance ---------------------------------------------------------------------------------

def _span(doc: Document, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, doc.text[start:end])


def _only_in_headline(doc: Document, source: Source, headline: tuple[int, int] | None) -> bool:
    """Named only in the headline ('Black Lawmakers Rip Donald Trump', 'Indiana governor endorses Cruz.',
    actors.headline_span): the outlet's summary of a story, not a voice in it; one quoted in the story is
    a voice there."""
    return headline is not None and all(headline[0] <= m.start < headline[1] for m in source.mentions)


def _voices(doc: Document, attributions: list[Attribution]) -> set[str]:
    """The sources that say something: quoted, or with a cue that reports a saying ('said', 'told',
    'accused', 'a poll found'). One that only acts or is described ('The council voted', 'The deal
    envisions', 'many of them deeply skeptical') is a voice only when what it does takes a side
    ('Union leaders have never trusted her')."""
    return {a.source_id for a in attributions
            if (a.content and doc.quoted_chars(a.content.start, a.content.end))
            or reports_saying(a)}


def _only_acts(mine: list[Attribution]) -> bool:
    """Every cue of the source reports an act ('voted', 'ruled'), none a saying or a view."""
    return bool(mine) and all(_ACTION_CUES.intersection(a.cue.text.lower().split()) for a in mine)


def _affiliation(doc: Document, source: Source, actors: list[Actor], principal: Actor | None,
                 mine: list[Attribution]) -> list[Evidence]:
    """The source is the actor itself (and says something or holds a view: an actor that only acts,
    'the council voted', is not a voice of its own side), or its role says whom it speaks for ('a spokesperson for
    Haftar’s forces', 'Trump's lawyer') or against ('a critic of Trump'); a role that merely names
    the actor ('a Trump critic' is no ally) says nothing without one of those words."""
    evidence = []
    for actor in actors:
        if _is_actor(source.name, actor):
            if _only_acts(mine):
                continue
            first = source.mentions[0]
            evidence.append(Evidence(actor.id, SUPPORTIVE, "self", first, f"{source.name} speaks for {actor.name}"))
            continue
        role = f"{source.role} {source.name}".strip()  # 'Obama campaign', 'Romney adviser Eric Fehrnstrom'
        leaning = _leaning(role, actor)
        if leaning:
            evidence.append(Evidence(actor.id, leaning, "affiliation", _role_span(doc, source),
                                     f"{source.role or source.name} is {'for' if leaning == SUPPORTIVE else 'against'} "
                                     f"{actor.name} by name"))
            continue
        if _for_the_white_house(role) and _sitting_president(doc, actor, actors):
            evidence.append(Evidence(actor.id, SUPPORTIVE, "affiliation", _role_span(doc, source),
                                     f"{source.role or source.name} speaks for the White House, {possessive(actor.name)}"))
            continue
        names_actor = _names(role, actor)
        last = actor.name.split()[-1].lower()
        names_actor = names_actor or bool("the" in source.role.lower() and compiled(rf"\bthe\s+{re.escape(last)}\b", re.I).search(source.role))
        if not names_actor and actor is principal and _GENERIC_PRONOUN_ROLE.match(source.role):
            names_actor = True  # 'Its chairman, Victor Hale' right after the authority is named
        if not names_actor and _THE_CAMPAIGN.fullmatch(role) and _campaign_of(doc, source, actors, principal) is actor:
            names_actor = True  # 'the campaign said' after 'the Sanders campaign', or in a story about one candidate
        if not names_actor and actor.principal and _his_or_hers(doc, source, actor, actors):
            names_actor = True  # 'Jeff Weaver, his campaign manager' right after Sanders is named
        if not names_actor or (actor.kind == PLACE and _only_as_a_modifier(role, actor)):
            continue
        spans = _name_spans(role, actor)
        if spans is None:
            continue  # "George W Bush's campaign" names no Jeb Bush
        against, member = _distance(role, _OPPOSITION, spans), _distance(role, _MEMBERSHIP, spans)
        if against is None and member is None:
            continue
        stance = CRITICAL if member is None or (against is not None and against <= member) else SUPPORTIVE
        reason = f"{source.role or source.name} speaks for {possessive(actor.name)} side" if stance == SUPPORTIVE else \
            f"{source.role or source.name} is on the other side of {actor.name}"
        evidence.append(Evidence(actor.id, stance, "affiliation", _role_span(doc, source), reason))
    bare = source.role if _BARE_OPPOSITION.search(source.role) else (
        source.name if source.kind in ("vague", "anonymous") and _BARE_OPPOSITION.search(source.name) else "")
    if (principal is not None and not evidence and bare and not any(_names(bare, a) for a in actors)
            and not _agent_of_another(doc, source, principal)):
        evidence.append(Evidence(principal.id, CRITICAL, "affiliation", _role_span(doc, source),
                                 f"{bare} names no one else: a critic of {principal.name}, the story's subject"))
    if (principal is not None and not evidence and source.kind in ("vague", "anonymous") and _BARE_SUPPORT.fullmatch(source.name)
            and not _agent_of_another(doc, source, principal)):
        evidence.append(Evidence(principal.id, SUPPORTIVE, "affiliation", _role_span(doc, source),
                                 f"{source.name} names no one else: supporters of {principal.name}, the story's subject"))
    return evidence


def _agent_of_another(doc: Document, source: Source, principal: Actor) -> bool:
    """Critics named as the agent of a passive ('Trump has been rebuked by opponents') are the subject's,
    someone other than the principal actor unless its sentence names it before them."""
    first = source.mentions[0]
    if not _BY_AGENT.search(doc.text, max(0, first.start - 30), first.start):
        return False
    sentence = doc.sentence_at(first.start)
    return sentence is None or not actors_named([principal], sentence.start, first.start)


def _for_the_white_house(role: str) -> bool:
    """The source (its role and name) is the White House or one of its staff, not someone who once was
    ('a former senior White House adviser', 'her White House chief of staff')."""
    found = _WHITE_HOUSE_VOICE.search(role)
    return found is not None and not _NOT_NOW_BEFORE.search(role[:found.start()].lower())


def _sitting_president(doc: Document, actor: Actor, actors: list[Actor]) -> bool:
    """The only main actor the text calls 'President' ('President Obama'; not 'Vice President Joe Biden'
    nor 'a President Donald Trump'), never 'former President'."""
    def called_president(a: Actor) -> bool:
        before = [doc.text[max(0, m.start - 30):m.start] + m.text for m in a.mentions]  # a mention may hold its title
        return a.kind == PERSON and any(_PRESIDENT.search(b) for b in before) and not any(_FORMER_PRESIDENT.search(b) for b in before)
    return called_president(actor) and not any(called_president(a) for a in actors if a is not actor)


def _campaign_of(doc: Document, source: Source, actors: list[Actor], principal: Actor | None) -> Actor | None:
    """Whose campaign 'the campaign' is: the actor of the last '<Name> campaign' or '<Name>'s campaign'
    within targets.LOOK_BACK before it, else the principal actor when it is a person and the only principal."""
    first = source.mentions[0].start
    named = [m.group(1) for m in _NAMED_CAMPAIGN.finditer(doc.text, max(0, first - targets.LOOK_BACK), first)]
    if named:
        return next((a for a in actors if _names(named[-1], a)), None)
    if principal is not None and principal.kind == PERSON and not any(a.principal and a is not principal for a in actors):
        return principal
    return None


def _his_or_hers(doc: Document, source: Source, actor: Actor, actors: list[Actor]) -> bool:
    """The source's role (or, with none, its name: 'her campaign') opens with 'his' or 'her', and the person
    it is about is the actor: of that sex (sources.person_sex), and the last person of the main actors
    named before the source."""
    pronoun = _PERSONAL_PRONOUN_ROLE.match(source.role or source.name)
    if pronoun is None or actor.kind != PERSON or person_sex(doc, actor.name) != pronoun.lastgroup:
        return False
    return targets.person_named_last(actors, source.mentions[0].start) is actor


def _leaning(role: str, actor: Actor) -> str | None:
    """The side a prefix joined to the actor's name states ('the pro-Harlow super PAC', 'an anti-Harlow
    activist', 'a Never Harlow Republican'), or None."""
    for variant in actor.variants:
        if variant not in role:
            continue  # the patterns below hold the name as written: most names are not in the role
        name = re.escape(variant)
        if compiled(rf"(?<![\w-])(?i:{_FOR_PREFIX})-{name}\b").search(role):
            return SUPPORTIVE
        if compiled(rf"(?<![\w-])(?i:{_AGAINST_PREFIX})[- ]?{name}\b").search(role):
            return CRITICAL
    return None


def _name_spans(role: str, actor: Actor) -> list[tuple[int, int]] | None:
    """Where the role names the actor, leaving out a namesake with another first name ("George W Bush's
    campaign" for Jeb Bush); None when every name in it is such a namesake."""
    spans = [m.span() for v in actor.variants for m in compiled(rf"\b{re.escape(v)}\b").finditer(role)]
    kept = [(s, e) for s, e in spans if not ((given := _GIVEN_NAMES_BEFORE.search(role, 0, s))
                                             and _other_first_name(given.group() + role[s:e], actor.name))]
    return None if spans and not kept else kept


def _distance(role: str, words: re.Pattern, names: list[tuple[int, int]]) -> int | None:
    """The fewest words between a span of `names` (the actor in the role) and a word of `words` in it:
    how near a word of opposition or membership is ('a spokesman for the Clinton campaign': membership
    2), within AFFILIATION_REACH and the same clause ('the former Florida governor, who has resented Mr.
    Rubio's glide path' names Rubio in another); None for a word not found."""
    if not names:
        return 0 if words.search(role) else None  # 'its chairman', 'the authority': the actor named another way
    found = [m.span() for m in words.finditer(role) if not any(s1 <= m.start() < e1 for s1, e1 in names)]  # not 'Judge' of 'Judge X'
    gaps = [len(_POSSESSIVE_S.sub("", between).split()) for s1, e1 in names for s2, e2 in found
            for between in [role[min(e1, e2):max(s1, s2)]] if not _RELATIVE_CLAUSE.search(between)
            and not _DONE_BY.search(between)]
    return min((g for g in gaps if g <= AFFILIATION_REACH), default=None)


def _only_as_a_modifier(role: str, actor: Actor) -> bool:
    """The role names a place only before another noun ('the campaign's Iowa director', 'the Iowa Renewable
    Fuels Association', 'a Colorado-based trade group'), where it says where someone works, not whom they
    speak for ('a spokesman for Mexico', 'Mexico's ambassador', 'Nebraska Attorney General': affiliation.txt
    [place_offices])."""
    return not any(compiled(rf"\b{re.escape(v)}\b(?!\s+[\w-]|-\w)|\b{re.escape(v)}\s+(?i:{_PLACE_OFFICES})\b").search(role)
                   for v in actor.variants)


def _names(text: str, actor: Actor) -> bool:
    """`text` names the actor by one of its variants, as whole words."""
    return any(has_word(text, v) for v in actor.variants)


def _role_span(doc: Document, source: Source) -> TextSpan:
    """Where the source's role is written near its first mention, else the mention itself."""
    at = doc.text.find(source.role, max(0, source.mentions[0].start - 200)) if source.role else -1
    return _span(doc, at, at + len(source.role)) if at >= 0 else source.mentions[0]


def _in_party(source: Source, actor: Actor) -> bool:
    """The source states its membership of the party that is `actor` ('Rep. X, R-Calif.', 'X (D)',
    'Democrat of Arizona', 'a Republican', 'Republican leaders' for 'Republicans'; for 'House
    Democrats' a House member only); never with a word of opposition ('a critic of Republicans').
    Membership is a link, not a stance: dissent within a party is common."""
    m = _PARTY_ACTOR.fullmatch(actor.name)
    role = f"{source.role} {source.name}"
    if m is None or _OPPOSITION.search(role):
        return False
    party = stated_party(role)
    chamber = m.group(1)
    said = " ".join([role] + [x.text for x in source.mentions])
    return party == ("D" if "Democrat" in m.group(2) else "R") and not (chamber and not _CHAMBER[chamber].search(said))


def _is_actor(name: str, actor: Actor) -> bool:
    """The source is the actor: the same name or a variant of it ('Haftar', 'General Khalifa Haftar'),
    or a full name of it inside the source's ('Arkansas Gov. Asa Hutchinson (R)'); never a namesake
    with another first name ('Seth Hutchinson' is not Asa Hutchinson, though both are 'Hutchinson'),
    nor people the name is governed by ('Strategists for Barack Obama and Clinton', 'a person familiar
    with Johnson', 'Depositions released in March quote Trump')."""
    if _other_first_name(name, actor.name):
        return False
    return any((refers_to(name, v) or refers_to(v, name) or (" " in v and has_spaced(name, v)))
               and not _GOVERNED.search(name[:_last_start(name, v)]) and not _GROUP_OF.search(name[:_last_start(name, v)])
               for v in actor.variants)


def _last_start(name: str, variant: str) -> int:
    """Where `variant` starts in the source's name, the last time it is there (its length when it is not)."""
    at = name.rfind(variant)
    return at if at >= 0 else len(name)


@lru_cache(maxsize=4096)
def _other_first_name(name: str, other: str) -> bool:
    """Both names are a person's, with the same surname and no given name in common ('Seth
    Hutchinson', 'Asa Hutchinson'; an initial, 'J.' for 'John', or a middle name is no difference).
    Remembered: an audit asks it about the same few dozen pairs over a hundred times."""
    mine, theirs = (strip_title(re.sub(r"\s*\(.*\)$", "", n)).split() for n in (name, other))
    if not (_person_shaped(mine) and _person_shaped(theirs)) or mine[-1] != theirs[-1]:
        return False
    given = lambda words: [w.rstrip(".").lower() for w in words[:-1]]  # noqa: E731
    return not any(a.startswith(b) or b.startswith(a) for a in given(mine) for b in given(theirs))


_GIVEN_NAMES_BEFORE = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,2}$")  # 'George W ' before 'Bush'
_PERSON_WORD = re.compile(r"[A-Z][\w'’.-]*$")


def _person_shaped(words: list[str]) -> bool:
    """Two or three capitalised words, none a function word: 'Seth Hutchinson', not 'The White House'
    or 'Real estate tycoon Donald Trump'."""
    return 2 <= len(words) <= 3 and all(_PERSON_WORD.match(w) and w not in NEVER_START for w in words)


def _said_evidence(doc: Document, source: Source, attribution: Attribution, actors: list[Actor], principal: Actor,
                   matches: StanceWords) -> list[Evidence]:
    """Stance words in the cue and content of one attribution, each aimed at the actor it is about:
    for a cue, or a stance the speaker takes in the first person ('I condemn Haftar'), its object or
    the actor nearest in its sentence; for a verdict in the content ('is a disgrace'), the actor the
    content names nearest to it; else the principal actor. Someone else's stance the speaker reports
    ('voters back the', 'China opposed') is no evidence, nor is a stance word about the speaker's own
    words ('defended his remarks')."""
    start, end = _extent(attribution)
    content = attribution.content or attribution.cue
    speaking = [a for a in actors if _is_actor(source.name, a)]
    speaking += _speaking_actors(actors, attribution.source) if attribution.source else []
    others = [a for a in actors if a not in speaking]
    named = actors_named(others, content.start, content.end)
    by_a_person = source.kind == "person"
    evidence = []
    for stance, entry, s, e in matches.within(start, end):
        if _OWN_WORDS.match(doc.text, e) or targets.passive_on_another(doc, attribution, s, e):
            continue
        kind = "cue" if s < attribution.cue.end and attribution.cue.start < e else "content"
        if kind == "content" and attribution.cue.start <= s < attribution.cue.end + 40 and "against" in entry.id:
            kind = "cue"  # 'spoke strongly against': the verb phrase runs into the content
        if kind == "cue" and targets.anothers_stance(doc, source.name, s):
            continue  # 'singled out Mr. Trump's criticism of': the owner's stance, reported
        if kind == "cue" and entry.on_subject:
            continue  # 'Holder failed to prosecute', 'Manafort ignored Cruz': the reporter's verdict on the source
        if kind == "content" and entry.act and not targets.speaker_is_subject(doc, s, by_a_person):
            continue  # 'voters back the', 'China opposed hacking': someone else taking a stance, not the speaker
        if kind == "content" and entry.on_subject and _own_conduct(doc, content.start, s, by_a_person):
            continue  # 'Mr. Burke said he would ignore the parade route', 'intend to ignore restrictions'
        if kind == "content" and (targets.anothers_claim(doc, content.start, s) or targets.hedged(doc, s)):
            continue  # 'a lawsuit alleging that the congressman violated': the lawsuit's charge; 'asked if he supported'
        target = _target(doc, entry, kind, s, e, others, named, principal, start, by_a_person, source.name)
        if target in speaking:  # 'she should apologize' when the principal speaks: the person 'she' stands for
            target = targets.pronoun_antecedent(doc, others, start, s) if kind == "content" and not entry.act else None
        if target is not None:
            evidence.append(Evidence(target.id, stance, kind, _span(doc, s, e), entry.explanation))
    if label := targets.labelled(doc, attribution, others):  # 'called Haftar a "criminal"'
        actor, side = label
        evidence.append(Evidence(actor.id, side, "cue", _span(doc, attribution.cue.start, attribution.content.end),
                                 f"A label given to {actor.name} takes a side {'against' if side == CRITICAL else 'for'} them."))
    for actor in named:
        for mention in mentions_within(actor, content.start, content.end):
            nickname = _EPITHET_BEFORE.search(doc.text, max(content.start, mention.start - _EPITHET_REACH), mention.start)
            if nickname:
                evidence.append(Evidence(actor.id, CRITICAL, "content", _span(doc, nickname.start(), mention.end),
                                         "A mocking nickname for a person is name-calling aimed at them."))
    return evidence


def _own_conduct(doc: Document, content_start: int, at: int, by_a_person: bool) -> bool:
    """A verdict word whose subject is the speaker itself: its own conduct, about no other actor ('intend
    to ignore restrictions', protest leaders 'said they would ignore the route'). Not a person's 'he', which
    is as often another man ('Hoekstra said that if Mr. Obama opted to, he should have insisted')."""
    return bool(_INFINITIVE.fullmatch(doc.text, content_start, at)) or (
        not by_a_person and targets.speaker_is_subject(doc, at, by_a_person=False))


def _target(doc: Document, entry: lexicon.Entry, kind: str, start: int, end: int, others: list[Actor], named: list[Actor],
            principal: Actor, attribution_start: int, by_a_person: bool, source_name: str) -> Actor | None:
    """The actor a stance word at [start, end) in a source's cue or words is about, or None."""
    if kind == "cue":  # 'condemned Haftar': the object of the verb, else the actor nearest in its sentence
        if targets.aims_at_a_thing(doc, others, start, end):  # 'blamed the media': no actor; 'praised the order'
            return _author_of_act(doc, others, principal, start, end)
        is_a_name, actor = targets.named_object(doc, others, end)
        if is_a_name:  # 'endorsed Hillary Rodham Clinton against Mr. Obama', with Clinton no actor of the story: nobody
            return actor
        if targets.office_object(doc, end) and not targets.role_holder(doc, others, end):
            return None  # 'criticized the president's foreign policy' where no actor is called President: nobody
        if (entry.category == SUPPORTIVE and by_a_person and not plural_group(source_name)
                and targets.own_possessive(doc, end, sex_in_text(doc, source_name))):
            return None  # 'thanked her adopted home state', 'defended his record': the speaker's own
        return (targets.target_of(doc, others, start, end, attribution_start, by_a_person)
                or targets.nearest(named, start) or principal)
    if entry.act:  # 'I condemn Haftar': the actor named after the verb; 'we reject his visit': the actor the
        # content names, else the principal; 'we welcome all', 'I support a higher wage': no actor; 'I condemn
        # the airstrikes': their author
        if not targets.aims_at_a_thing(doc, others, start, end):
            pronoun = targets.object_pronoun(doc, end)
            if pronoun in ("him", "her", "his"):  # 'I condemn his views': a person, not 'Republicans' named nearer;
                sex = "f" if pronoun == "her" else "m"  # 'the reasons I support her' said of Clinton: not Trump, the principal

                def fits(actor: Actor | None) -> bool:  # read only for the people asked about: the text is scanned for each
                    return actor is not None and actor.kind == PERSON and person_sex(doc, actor.name) in (sex, None)
                people = ([a for a in named if a in others and fits(a)] or [a for a in [principal] if a in others and fits(a)]
                          or [a for a in [targets.person_named_last([x for x in others if fits(x)], attribution_start)] if a])
                return targets.named_after(others, end) or targets.nearest(people, start)
            return targets.named_after(others, end) or (targets.nearest(named, start) or principal if pronoun else None)
        return _author_of_act(doc, others, principal, start, end)
    if entry.on_subject and (agent := targets.passive_agent(doc, others, start, end))[0]:
        return agent[1]  # 'Israel was sold out by Kerry and Obama': the agent, not the subject
    if entry.on_subject and targets.verdict_on_no_actor(doc, others, start, end):
        return None  # 'we have failed to', 'the inquiry failed to': a verdict on no actor
    if entry.on_subject and (subject := targets.verdict_subject(doc, others, start, end))[0]:
        return subject[1]  # 'Rubio has failed to', 'she should apologize'; 'the White House should not have': nobody
    if entry.on_subject and (targets.object_pronoun(doc, end) or targets.named_object(doc, others, end)[0]):
        return None  # 'they destroyed his life', 'they ignored Flynn': whoever did it, not the one it was done to
    return targets.nearest(named, start) or principal  # a verdict: the actor the content names nearest, else the principal


def _author_of_act(doc: Document, others: list[Actor], principal: Actor, start: int, end: int) -> Actor | None:
    """Whom a stance on a thing is about: when the thing is someone's act or work ('praised the order',
    'condemned the airstrikes'), an actor its sentence names, else the principal (no one, when the
    principal is the speaker: _said_evidence drops it); any other thing is about no actor."""
    if not targets.aims_at_an_act(doc, start, end, others):
        return None
    return targets.named_in_sentence(doc, others, start) or principal


def _speaking_actors(actors: list[Actor], source: TextSpan) -> list[Actor]:
    """The actors a source phrase is: named at its start or its end ('the Shura Council', 'The UN
    envoy, Martin Kobler'), not within its role ('A spokesperson for Haftar’s forces, X'); every one
    of a list of names ('Both Democrats and Republicans'); not one its last words govern ('the timeline
    regarding Campos')."""
    if _NAME_LIST.fullmatch(source.text.strip(" ,")) and _JOINED.search(source.text):
        return actors_named(actors, source.start, source.end)
    start = source.start + len(source.text) - len(re.sub(r"^[Tt]he\s+", "", source.text))
    end = source.start + len(source.text.rstrip(" ,"))
    return [a for a in actors if mentions_starting(a, start, start + 1) or any(
        m.end == end and not _GOVERNED_BY.search(source.text, 0, m.start - source.start) for m in mentions_starting(a, source.start, end))]


def _side(evidence: list[Evidence], actor_id: str) -> str | None:
    total = sum(WEIGHT[e.kind] * (1 if e.stance == CRITICAL else -1) for e in evidence if e.actor_id == actor_id)
    if total > 0:
        return CRITICAL
    if total < 0:
        return SUPPORTIVE
    return None


def source_stances(doc: Document, attributions: list[Attribution], sources: list[Source],
                   actors: list[Actor], principal: Actor | None, matches: StanceWords) -> list[SourceStance]:
    """The sources that are voices (`_voices`), each with its stance toward each main actor and the
    evidence for it."""
    voices = _voices(doc, attributions)
    results = []
    by_source: dict[str, list[Attribution]] = {}
    for a in attributions:
        by_source.setdefault(a.source_id, []).append(a)
    read = []
    for source in sources:
        mine = by_source.get(source.id, [])
        data = is_data(source)
        evidence = [] if data else _affiliation(doc, source, actors, principal, mine)
        if principal is not None and not data:
            said = {}  # one word is one piece of evidence, though two quotes share its cue ('spoke strongly against')
            for a in mine:
                for e in _said_evidence(doc, source, a, actors, principal, matches):
                    said.setdefault((e.actor_id, e.stance, e.kind, e.span.start, e.span.end), e)
            evidence.extend(said.values())
        read.append((source, mine, data, evidence))
    criticised = _criticised([evidence for *_, evidence in read])
    _add_lead_evidence(doc, read)
    party = {a.id: _party_of(doc, a) for a in actors}
    known = {a.id: party[a.id] or known_party(a.name, doc.text) for a in actors}  # and the politicians everyone knows
    for source, mine, data, evidence in read:
        stances = {a.id: _side(evidence, a.id) or UNKNOWN for a in actors}
        for adversary in _adversary_evidence(doc, source, mine, actors, evidence, stances, criticised, party):
            evidence.append(adversary)
            stances[adversary.actor_id] = CRITICAL
        if not data:
            for partisan in _partisan_evidence(doc, source, mine, actors, evidence, stances, matches, known):
                evidence.append(partisan)
                stances[partisan.actor_id] = CRITICAL
        side = UNKNOWN
        if principal is not None:
            side = stances[principal.id]
            if side == UNKNOWN and not data and any(actors_named([principal], *_reach(a)) for a in mine):
                side = NEUTRAL  # speaks about the principal actor without taking a side
        first = min((a.cue.start for a in mine), default=source.mentions[0].start)
        speaks_for = [a.id for a in actors if _in_party(source, a) or any(
            e.actor_id == a.id and e.kind in ("self", "affiliation") and e.stance == SUPPORTIVE for e in evidence)]
        takes_a_side = any(v in (CRITICAL, SUPPORTIVE) for v in stances.values())
        if _no_reply(doc, mine):
            continue  # 'A spokeswoman for Mr. Price declined to comment': not heard, on no side
        if source.id in voices or (takes_a_side and _more_than_itself(evidence)):
            results.append(SourceStance(source.id, source.name, source.kind, source.role, side, stances, evidence,
                                        source.quoted_words, source.paraphrased_words, first, speaks_for))
    return results


def _partisan_evidence(doc: Document, source: Source, mine: list[Attribution], actors: list[Actor],
                       evidence: list[Evidence], stances: dict[str, str], matches: StanceWords,
                       known: dict[str, str | None]) -> list[Evidence]:
    """A source of one US party that names an actor of the other in what it says, with no word for it,
    no backing and nothing declined ('Democrats say Republicans are looking for a new line of attack'),
    is critical of it: against the hand labels of 122 PolNeAR articles it was right in 6 of 6 new
    decisions, and over 1,231 PolNeAR and PTC texts in about 34 of 41 read; with the parties of
    politicians everyone knows, in 147 of 219 more (34 arguable; docs/EVALUATION.md).
    A party is the one the source's role or name states or the party actor it belongs to, and the
    actor's is the one the text gives it; where the text gives none, that of a politician or party
    group everyone knows (`known`, names.known_party). A party is named as itself ('Republicans'), not
    as the word before a name ('Republican nominee Donald Trump'); a person also by the role they hold
    ('the president'). Tallies of a poll are no voices."""
    if _TALLY.search(source.name) or any(_SHARE_OF.search(doc.text, max(0, m.start - 20), m.start) for m in source.mentions):
        return []
    own = [a for a in actors if _in_party(source, a) or any(
        e.actor_id == a.id and e.stance == SUPPORTIVE and e.kind in ("self", "affiliation") for e in evidence)]
    parties = _parties(source, own, known) or {known_party(source.name, doc.text) or (
        None if _OPPOSITION.search(source.role) else group_party(source.role))} - {None}  # 'Priorities spokesman Justin Barasky'
    if len(parties) != 1:
        return []
    found = []
    holders = {id(p): targets.role_holders_named(doc, actors, p.start, p.end) for a in mine for p in (a.cue, a.content) if p}
    for actor in actors:
        if actor in own or stances[actor.id] != UNKNOWN or known[actor.id] in parties | {None}:
            continue
        about = [a for a in mine if any(_named_as_itself(doc, actor, p) or actor in holders[id(p)] for p in (a.cue, a.content) if p)]
        if not about or _warm(doc, about) or any(
                _BACKING.search(doc.text, *_extent(a)) or any(m[0] == SUPPORTIVE for m in matches.within(*_extent(a)))
                for a in about):
            continue
        found.append(Evidence(actor.id, CRITICAL, "partisan", _span(doc, about[0].cue.start, about[0].cue.end),
                              f"{source.name} is of the other party from {actor.name} and talks about it"))
    return found


def _extent(attribution: Attribution) -> tuple[int, int]:
    """Where an attribution's cue and content lie (an empty one, a quotation's cue that no word holds, left out)."""
    parts = [p for p in (attribution.cue, attribution.content) if p is not None and p.end > p.start]
    return min(p.start for p in parts), max(p.end for p in parts)


def _named_as_itself(doc: Document, actor: Actor, part: TextSpan) -> bool:
    """`part` names the actor; a party by its plural ('Republicans', 'House Democrats'), not the word
    before a name or a title ('Republican nominee Donald Trump', 'Democrat Elijah Cummings')."""
    return any(not _PARTY_ACTOR.fullmatch(actor.name)
               or (m.text.endswith("s") and not _CAPITAL_NEXT.match(doc.text, m.end))
               for m in mentions_within(actor, part.start, part.end))


def _add_lead_evidence(doc: Document, read: list[tuple[Source, list[Attribution], bool, list[Evidence]]]) -> None:
    """A named voice quoted in the sentence right after an unnamed group's stance ('Gay rights groups praised
    the ruling.' then '"...," said Chad Griffin, president of the Human Rights Campaign') speaks for that
    group, as news writing leads with the group and then gives one of its voices: it takes the group's
    side toward each actor it has no word of its own about (evidence kind 'lead', the weakest)."""
    led: dict[int, list[Evidence]] = {}  # sentence index after a group's stance -> its evidence
    for source, mine, data, evidence in read:
        if data or source.kind not in ("vague", "anonymous") or not plural_group(source.name):
            continue
        for e in evidence:
            if e.kind == "cue":
                here = doc.sentence_index(e.span.start)
                if here is not None:
                    led.setdefault(here + 1, []).append(e)
    if not led:
        return
    for source, mine, data, evidence in read:
        first = min(mine, key=lambda a: a.cue.start) if mine else None
        if data or first is None or first.kind != "direct" or not (source.kind == "official" or (
                source.kind == "person" and NAME.fullmatch(plain_name(source.name)))):
            continue  # a named person or an official quoted, not 'Another holdout — the United Mine Workers'
        for e in led.get(doc.sentence_index(first.cue.start), []):
            if not any(own.actor_id == e.actor_id for own in evidence):
                evidence.append(Evidence(e.actor_id, e.stance, "lead", e.span,
                                         f"{source.name} is quoted right after '{e.span.text}', as one of that group"))


def _no_reply(doc: Document, mine: list[Attribution]) -> bool:
    """Every attribution of the source is a refusal or a silence ('declined to comment', 'did not respond
    to a request', 'could not be reached'): the source says nothing, so it is no voice on any side."""
    return bool(mine) and all(_NO_REPLY.search(doc.text, a.cue.start, min((a.content or a.cue).end, a.cue.end + 60))
                              for a in mine)


def _silent(doc: Document, attributions: list[Attribution], sources: list[Source], principal: Actor | None) -> list[str]:
    """The sources that are the principal actor or speak for it and gave no reply (`_no_reply`)."""
    if principal is None:
        return []
    by_source: dict[str, list[Attribution]] = {}
    for a in attributions:
        by_source.setdefault(a.source_id, []).append(a)
    return [source.name for source in sources if _no_reply(doc, by_source.get(source.id, []))
            and any(e.stance == SUPPORTIVE for e in _affiliation(doc, source, [principal], principal, []))]


def _more_than_itself(evidence: list[Evidence]) -> bool:
    """A source that says nothing is on a side by what it does ('Union leaders have never trusted her')
    or whom it works for ('Mr. Trump's advisers believe'), not by being an actor: 'Clinton' in the
    reporter's 'Clinton knows she has to remind voters', in a possessive or a poll's table is no voice
    of Clinton's."""
    return any(e.kind != "self" for e in evidence)


def is_data(source: Source | SourceStance) -> bool:
    """A poll, a record or a document ('exit polls', 'court documents'): a measurement, not a voice on a side."""
    return bool(_DATA.search(re.split(r",|\s(?:who|which|that)\s", source.name, maxsplit=1)[0]))


def _criticised(evidence_by_source: list[list[Evidence]]) -> set[str]:
    """The actors someone in the story criticises in so many words (a stance word or an affiliation
    against them, not the adversary rule itself)."""
    return {e.actor_id for evidence in evidence_by_source for e in evidence
            if e.stance == CRITICAL and e.kind in ("cue", "content", "affiliation")}


def _adversary_evidence(doc: Document, source: Source, mine: list[Attribution], actors: list[Actor],
                        evidence: list[Evidence], stances: dict[str, str], criticised: set[str],
                        party: dict[str, str | None]) -> list[Evidence]:
    """A source that speaks for one of the story's two principal actors in conflict (the headline sets
    them against each other, see actors.principal_actors) and names the other in what it says, with
    no word that takes a side, is on the other side of it, when someone in the story criticises the
    other in words (`_criticised`): against the hand labels of 122 PolNeAR articles the rule was right
    in 11 of 21 decisions without that condition, in 4 of 6 with it (default mode; docs/EVALUATION.md). Allies are
    what it takes for rivals (Biden on Clinton, Christie on Trump)."""
    own = [a for a in actors if any(e.actor_id == a.id and e.stance == SUPPORTIVE and e.kind in ("self", "affiliation")
                                    for e in evidence)]
    if not own:
        return []
    found = []
    if not any(a.principal for a in own):
        return []  # only the voices of a principal actor: allies, victims and objects are not adversaries
    parties = _parties(source, own, party)
    for actor in actors:
        if actor in own or stances[actor.id] != UNKNOWN or not actor.principal:
            continue
        if party[actor.id] in parties or any(_namesakes(actor, a) for a in own):
            continue  # one party's people ('Democratic vice presidential candidate Tim Kaine' on Clinton), one family
            # or a person's own organisation ('Hillary Clinton', 'Clinton Foundation'): no rivals
        about = [a for a in mine if any(actors_named([actor], p.start, p.end) for p in (a.cue, a.content) if p)]
        if about and actor.id in criticised and not _warm(doc, about):
            found.append(Evidence(actor.id, CRITICAL, "adversary", _span(doc, about[0].cue.start, about[0].cue.end),
                                  f"{source.name} speaks for {own[0].name} and talks about {actor.name} "
                                  "without a word for it"))
    return found


_PARTY_BEFORE = re.compile(r"\b(?:Democratic|Democrat|Republican|GOP)\s+(?:(?:presidential|vice|former|then|candidate|nominee|"
                           r"front-?runner|hopeful|contender|rival|challenger|leader|senator|congress(?:wo)?man|lawmaker|"
                           r"governor|strategist|operative|incumbent|(?-i:[A-Z])(?:\w{0,3}\.|\w*))\s+){0,3}$", re.I)
_PARTY_AFTER = re.compile(r"[,\s]*\(?[RD](?:-[A-Z]|\))")


def _parties(source: Source, own: list[Actor], party: dict[str, str | None]) -> set[str]:
    """The US parties a source is of: the one its role or name states and those of the actors it speaks
    for (`party`: each actor's, from `_party_of`)."""
    return ({stated_party(f"{source.role} {source.name}")} | {party[a.id] for a in own}) - {None}


def _namesakes(one: Actor, other: Actor) -> bool:
    """One of two actors is a person whose surname the other's name holds ('Bill Clinton', 'Chelsea
    Clinton Foundation'; 'Donald Trump', 'Trump University')."""
    return any(a.kind == PERSON and len(a.name.split()) > 1 and a.name.split()[-1] in b.name.split()
               for a, b in ((one, other), (other, one)))


def _party_of(doc: Document, actor: Actor) -> str | None:
    """'R' or 'D': a party ('House Democrats'), or the party the text gives a person right before or
    after a mention ('Democratic presidential candidate Hillary Clinton', 'Sen. Chuck Grassley (R-Iowa)'),
    when every such mention agrees; else None."""
    if m := _PARTY_ACTOR.fullmatch(actor.name):
        return "D" if "Democrat" in m.group(2) else "R"
    if actor.kind != PERSON:
        return None
    stated = {_party_at(doc, m) for m in actor.mentions} - {None}
    return stated.pop() if len(stated) == 1 else None


def _party_at(doc: Document, mention: TextSpan) -> str | None:
    """The party a label after a mention states ('(R-Iowa)'), else a party word before it or in it."""
    if _PARTY_AFTER.match(doc.text, mention.end):
        return stated_party(doc.text[mention.start:mention.end + 12])
    before = _PARTY_BEFORE.search(doc.text, max(0, mention.start - 50), mention.start)
    return stated_party(before.group() if before else mention.text)


def _warm(doc: Document, attributions: list[Attribution]) -> bool:
    """What a source says is warm on the whole (VADER compound >= ADVERSARY_WARMTH: 'an amazing man', 'he
    gets things done', 'I appreciate his statement'): no adversary, whatever side it speaks for."""
    from framing.models.features import sentiment  # lazy: scikit-learn, which importing the analysis need not load
    said = " ".join(doc.text[(a.content or a.cue).start:(a.content or a.cue).end] for a in attributions)
    return sentiment(said) >= ADVERSARY_WARMTH


def _reach(attribution: Attribution) -> tuple[int, int]:
    """Source, cue and content together, reaching 150 characters further back for an actor named
    just before them ('Haftar launched ..., said X')."""
    parts = [p for p in (attribution.source, attribution.cue, attribution.content) if p is not None]
    return min(p.start for p in parts) - 150, max(p.end for p in parts)


# ---- reporter's verdicts and balance --------------------------------------------------------

def reporter_verdicts(doc: Document, findings: list[Finding], principal: Actor | None,
                      matches: StanceWords) -> list[Verdict]:
    """Unattributed claims (sentence-level findings of the unattributed dimension, see the category
    registry) naming the principal actor whose stance words or loaded wording take a side."""
    from framing.models.features import sentiment  # lazy: scikit-learn, which importing the detectors need not load

    if principal is None:
        return []
    verdicts = []
    claims = [f for f in findings if f.dimension == "unattributed" and categories.get(f.category).scope == "sentence"]
    for claim in claims:
        if not actors_named([principal], claim.start, claim.end):
            continue
        found = matches.within(claim.start, claim.end)
        loaded = [f for f in findings if f.dimension == "loaded_language" and f.voice == REPORTER
                  and claim.start <= f.start < claim.end]
        score = sum(1 if m[0] == CRITICAL else -1 for m in found)
        if not score and loaded:
            tone = sentiment(claim.text)
            score = -1 if tone >= SENTIMENT_SIDE else 1 if tone <= -SENTIMENT_SIDE else 0
        if score:
            evidence = [doc.text[s:e] for _, _, s, e in found] + [f.text for f in loaded]
            verdicts.append(Verdict(_span(doc, claim.start, claim.end), CRITICAL if score > 0 else SUPPORTIVE,
                                    evidence))
    return verdicts


def _ratio(a: float, b: float) -> float:
    """Share of the smaller of two sides in their total, doubled: 1 even, 0 all on one side."""
    return 1.0 if a + b == 0 else 2 * min(a, b) / (a + b)


def _summaries(stances: list[SourceStance], verdicts: list[Verdict], principal: Actor | None) -> dict[str, SideSummary]:
    """Voices, names and words per side. The principal actor speaking for itself is one voice, under
    however many names framing lists it ('Judge Patti Saris', 'Saris', 'the judge')."""
    sides = {side: SideSummary(side) for side in SIDES}
    own_voice = False
    for s in stances:
        summary = sides[s.side]
        itself = principal is not None and any(e.kind == "self" and e.actor_id == principal.id for e in s.evidence)
        summary.itself = summary.itself or itself
        if not (itself and own_voice):
            summary.sources.append(s.source_id)
            summary.own_staff += not itself and principal is not None and _of_its_staff(s, principal)
            if s.kind in ("vague", "anonymous") or s.name[:1].islower():
                summary.unnamed += 1
            else:
                summary.named += 1
        own_voice = own_voice or itself
        summary.quoted_words += s.quoted_words
        summary.paraphrased_words += s.paraphrased_words
    for v in verdicts:
        sides[v.stance].verdicts += 1
        sides[v.stance].verdict_words += len(v.span.text.split())
    return sides


def _of_its_staff(stance: SourceStance, principal: Actor) -> bool:
    """The source speaks for the principal actor by its work, its role holding a word of affiliation.txt
    [staff] ('Mr. Rubio's advisers', 'a spokeswoman for Gore', 'the Sanders campaign')."""
    return any(e.actor_id == principal.id and e.kind == "affiliation" and e.stance == SUPPORTIVE and _STAFF.search(e.span.text)
               for e in stance.evidence)


def balance_index(sides: dict[str, SideSummary], first_last: tuple[str | None, str | None]) -> float:
    """1 when both sides are heard alike, 0 when only one side is heard.

    A weighted mean (INDEX_WEIGHTS) of three parts: the ratio of voices (sources plus the
    reporter's verdicts), the ratio of words (quoted, paraphrased and the verdicts' own), and 1
    when the first and the last voice on a side are on different sides (else 0)."""
    voices = sided_voices(sides)
    words = [sides[s].quoted_words + sides[s].paraphrased_words + sides[s].verdict_words for s in (CRITICAL, SUPPORTIVE)]
    first, last = first_last
    parts = {"voices": _ratio(*voices), "words": _ratio(*words), "first_last": float(first != last or first is None)}
    return round(sum(INDEX_WEIGHTS[k] * v for k, v in parts.items()), 2)


def sided_voices(sides: dict[str, SideSummary]) -> list[int]:
    """The critical and the supportive voices: sources on the side plus the reporter's verdicts for it."""
    return [len(sides[s].sources) + sides[s].verdicts for s in (CRITICAL, SUPPORTIVE)]


def _voices_beside_itself(sides: dict[str, SideSummary], voices: list[int]) -> list[int]:
    """The sided voices, less the principal actor's own and its staff's on the heavier side: its reply
    is how its side is heard against critics, and its camp is no crowd of supporters ('4 sources support
    Rubio' where they are Rubio and his advisers, in a story his rivals' attacks fill)."""
    heavy = CRITICAL if voices[0] > voices[1] else SUPPORTIVE
    return [v - (s == heavy) * (sides[s].itself + sides[s].own_staff) for v, s in zip(voices, (CRITICAL, SUPPORTIVE))]


def _judged_and_certainty(voices: list[int]) -> tuple[bool, float]:
    """Enough voices take a side to judge the balance; how sure the heavier side is of most of them."""
    return sum(voices) >= MIN_SIDED_VOICES, round(dominance(max(voices), min(voices)), 3)


def verdict(index: float, voices: list[int], unread: int) -> tuple[bool, bool]:
    """(leaning, one-sided): the balance is judged, under ONE_SIDED_BELOW and the heavier side CERTAINTY
    sure of most voices (leaning); one-sided only when fewer named sources go unread (UNREAD_WORDS or
    more words, no side framing can read) than the heavier side has voices."""
    judged, certainty = _judged_and_certainty(voices)
    leaning = judged and index < ONE_SIDED_BELOW and certainty >= CERTAINTY
    return leaning, leaning and unread < max(voices)


def _criticism_anywhere(stances: list[SourceStance], verdicts: list[Verdict]) -> bool:
    """Someone in the story criticises someone, the principal actor or another: a source's evidence or a
    verdict of the reporter's. Support alone, where framing reads no dispute at all (an endorsement, a
    win), leaves no missing side to name, and a misread stance is likelier than a one-sided story
    (session 27: 2 of 2 such findings on PolNeAR read wrong); critics with no reply are one-sided as ever."""
    return (any(v.stance == CRITICAL for v in verdicts)
            or any(e.stance == CRITICAL for s in stances for e in s.evidence))


def dominance(heavy: int, light: int) -> float:
    """How sure the side with `heavy` voices is of holding most of them, against `light`: the
    probability that its share exceeds one half, with a uniform prior on the share (Beta(heavy + 1,
    light + 1)). 2 against 0 gives 0.88, 3 against 0 0.94, 6 against 2 0.91, 4 against 1 0.89."""
    n = heavy + light + 1  # P(Beta(a, b) <= 1/2) = P(Binomial(a + b - 1, 1/2) >= a)
    return sum(math.comb(n, k) for k in range(heavy + 1)) / 2 ** n


def _explain(principal: Actor | None, sides: dict[str, SideSummary], stances: list[SourceStance],
             index: float, judged: bool, one_sided: bool, unread: list[str] | None = None,
             uncontested: bool = False, silent: list[str] | None = None) -> str:
    """Short plain sentences a student can read aloud: who is on which side, with what share of the words;
    `unread`: the named sources who say enough but whose side framing could not read, so that a count
    of zero critics is not read as 'no critics'; `uncontested`: supporters only by the counts, but framing reads no
    criticism anywhere in the story (_criticism_anywhere); `silent`: the principal's own voices that declined to
    reply, named when its side is the one not heard."""
    if principal is None:
        return "No main actor found, so sources are not placed on sides."
    name = principal.name
    crit, supp = sides[CRITICAL], sides[SUPPORTIVE]
    voices = sum(sided_voices(sides))
    unread = unread or []
    neutral = {s.name for s in stances if s.side == NEUTRAL}
    if not voices:
        return (f"No source takes a side for or against {name} that framing can read: the balance is not judged."
                + (f" {_unread(unread, neutral, 'named source')}." if unread else ""))
    unplaced = (f" {_unread(unread, neutral, 'other named source')}, so these counts are not the whole story."
                if unread else "")
    words = {k: sides[k].quoted_words + sides[k].paraphrased_words for k in (CRITICAL, SUPPORTIVE)}
    total = sum(words.values()) or 1
    verdicts = "".join(f" The reporter's own voice adds {_count(side.verdicts, 'verdict')} "
                       f"{'against' if side is crit else 'for'} {name}." for side in (crit, supp) if side.verdicts)
    counts = (f"{_count(len(crit.sources), 'source')} {_verb(len(crit.sources), 'criticise')} {name} "
              f"({words[CRITICAL] / total:.0%} of the words of sources on a side{_own_voice(crit, name, '; ')}) and "
              f"{_count(len(supp.sources), 'source')} {_verb(len(supp.sources), 'support')} {name} "
              f"({words[SUPPORTIVE] / total:.0%}{_own_voice(supp, name, '; ')}).{verdicts}")
    if not judged:
        return f"Too few voices take a side to judge the balance ({voices} of the {MIN_SIDED_VOICES} needed). {counts}{unplaced}"
    if not one_sided:
        thin = "" if index >= ONE_SIDED_BELOW else f" With {voices} voices on sides, that is too few to call it one-sided."
        if uncontested:
            thin = (" But framing reads no criticism of anyone in the story, no dispute whose other side is "
                    "missing, so it does not call it one-sided.")
        elif unread and index < ONE_SIDED_BELOW:
            thin = f" But {_unread(unread, neutral, 'other named source', names=False)}, so it does not call the story one-sided."
        elif unread:
            thin = unplaced  # a balance that looks even is no more the whole story than a lopsided one
        return f"{counts} Balance: {index:.2f} of 1.{thin}"
    heavy, light = (crit, supp) if len(crit.sources) + crit.verdicts >= len(supp.sources) + supp.verdicts else (supp, crit)
    other = f"{possessive(name)} side is" if heavy is crit else "Its critics are"
    light_names = [s.name for s in stances if s.source_id in light.sources]
    heard = f"{other} heard only through {_listing(light_names)}" if light_names else f"{other} not heard"
    if not light_names and heavy is crit and silent:
        heard += f" ({_listing(silent)} declined to reply or could not be reached)"
    return (f"{len(heavy.sources)} of the {_count(len(stances), 'source')} "
            f"{'criticise' if heavy is crit else 'support'} {name}{_own_voice(heavy, name, ' (', ')')}, and they get {words[heavy.side] / total:.0%} of "
            f"the words of sources on a side. {heard}.{verdicts} Balance: {index:.2f} of 1.{unplaced}")


def _own_voice(side: SideSummary, name: str, before: str, after: str = "") -> str:
    """'it is Graham's own voice' when the principal actor speaking for itself is the side's one source,
    'one of them is Graham's own voice' among others, between `before` and `after`; '' when it is not on
    the side."""
    if not side.itself:
        return ""
    return f"{before}{'it is' if len(side.sources) == 1 else 'one of them is'} {possessive(name)} own voice{after}"


def possessive(name: str) -> str:
    """'Haftar's', 'Republicans'' (a plural's apostrophe alone)."""
    return f"{name}'" if name.endswith("s") and not name.endswith("ss") and name[-2:-1].islower() else f"{name}'s"


def _verb(n: int, verb: str) -> str:
    """'criticise' after several sources, 'criticises' after one."""
    return verb + ("s" if n == 1 else "")


def _unread(unread: list[str], neutral: set[str], noun: str, names: bool = True) -> str:
    """'framing could not tell the side of 1 other named source (X) and reads 2 (Y and Z) as on no side': the
    sources whose side is unknown apart from those framing read as speaking without taking one."""
    def listed(group: list[str]) -> str:
        return f" ({_listing(group[:3] + (['others'] if len(group) > 3 else []))})" if names else ""
    unknown, on_none = [n for n in unread if n not in neutral], [n for n in unread if n in neutral]
    parts = []
    if unknown:
        parts.append(f"could not tell the side of {_count(len(unknown), noun)}{listed(unknown)}")
    if on_none:
        counted = _count(len(on_none), noun) if not unknown else str(len(on_none))
        parts.append(f"reads {counted}{listed(on_none)} as on no side")
    return "framing " + " and ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def analyse(doc: Document, attributions: list[Attribution], sources: list[Source],
            findings: list[Finding]) -> Sourcing:
    """Actors, stances, sides, verdicts and the balance index of one document."""
    actors = find_actors(doc)
    main = main_actors(actors, {m.start for source in sources for m in source.mentions})
    principal = main[0] if main else None
    matches = StanceWords(doc)
    headline = headline_span(doc)
    heard = [s for s in sources if not _only_in_headline(doc, s, headline)]
    stances = source_stances(doc, attributions, heard, main, principal, matches)
    verdicts = reporter_verdicts(doc, findings, principal, matches)
    sides = _summaries(stances, verdicts, principal)
    sided = sorted((s for s in stances if s.side in (CRITICAL, SUPPORTIVE)), key=lambda s: s.first_offset)
    order = sorted([(s.first_offset, s.side) for s in sided] + [(v.span.start, v.stance) for v in verdicts])
    index = balance_index(sides, (order[0][1], order[-1][1]) if order else (None, None))
    response = bool(sides[SUPPORTIVE].sources) if sides[CRITICAL].sources else None
    voices = sided_voices(sides)
    judged, certainty = _judged_and_certainty(voices)
    unread = [s.name for s in stances if s.side in (UNKNOWN, NEUTRAL) and s.kind in _READ_KINDS and not is_data(s)
              and s.quoted_words + s.paraphrased_words >= UNREAD_WORDS]
    leaning, one_sided = verdict(index, _voices_beside_itself(sides, voices), len(unread))
    uncontested = one_sided and voices[0] < voices[1] and not _criticism_anywhere(stances, verdicts)
    one_sided = one_sided and not uncontested
    return Sourcing(principal, main, stances, sides, verdicts, sided[0].source_id if sided else None,
                    sided[-1].source_id if sided else None, response, index,
                    _explain(principal, sides, stances, index, judged, one_sided, unread, uncontested,
                             _silent(doc, attributions, heard, principal)),
                    judged, certainty, one_sided,
                    writer_stances(doc, attributions, sources, findings, main, matches))
