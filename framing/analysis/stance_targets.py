"""Which actor a stance word in a source's cue or words is about, and whether it counts: a verb's
object ('condemned Haftar'), a pronoun standing for a person ('criticized her'), a thing that is no
actor ('blamed the media'), a passive that is another's stance ('was criticized for'), a stance the
speaker takes only in the first person ('I condemn', not 'voters back'), a verdict whose subject is
no actor ('the inquiry failed to'), and a label given to an actor ('called Haftar a "criminal"').
analysis/sourcing.py weighs what these find."""

from __future__ import annotations

import re

from framing.analysis.actors import (Actor, actors_named, distance, mentions_starting, NEVER_START, PERSON, TITLE_WORDS,
                                     whole_word_at)
from framing.analysis.attribution import FEELING_PARTICIPLES
from framing.analysis.names import ROLE_WORDS
from framing.analysis.stance_words import CRITICAL, DECLINED, SUPPORTIVE
from framing.findings import Attribution
from framing.resources import alternation, word_list
from framing.rules import lexicon
from framing.text.document import Document, QUOTED
from framing.text.patterns import compiled
from framing.text.usage import is_negated

LABEL_TONE = 0.1  # |VADER compound| from which a label ('called X a liar') takes a side
_LABEL_CATEGORIES = {"name_calling": CRITICAL, "emotive": CRITICAL, "puffery": SUPPORTIVE}
_CRITICAL_LABEL = re.compile(rf"\b(?:{alternation(word_list('attribution.txt', 'critical_labels'))})\b", re.I)
_LABELLING_CUES = frozenset(word_list('attribution.txt', 'labelling_cues'))  # 'called X a fraud'
_REQUEST_WORDS = {"on", "for", "upon"}  # 'called on X to', 'called for X to be': a request, no label
_REQUEST = re.compile(r"\s+to\b")  # 'called Harlow to urge her': a call or a summons
_WITHHELD = re.compile(rf"\b(?:stopped\s+short\s+of|{DECLINED}|without)\s+$", re.I)  # a label not given
_SPACES = re.compile(r"\s*")
_DESCRIBING = re.compile(r"(?:[\w\s]*\s)?(?:describ|characteri[sz])", re.I)
_AS_LABEL = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,4}?\s+as\b")  # 'Trump as', 'the new Romney-Ryan ad on the subject as'
_THE_BEFORE_OWNER = re.compile(r"the\s+(?:(?:new|latest|recent|first|second|last|former|current|proposed|planned)\s+)?")
_THING_AFTER_OWNER = re.compile(rf"(?:['’]s)?\s+(?:{alternation(word_list('sources.txt', 'act_nouns'))}|ads?|campaign|record|rhetoric|views|claims|bill)\b"
                                r"(?:\s+(?:on|about|of|for)\s+(?:the\s+)?\w+)?(?=\s+(?:as|an?|the)\b|\s*[“\"])")  # "the Obama administration's plan as", "the Romney ad a"
_LABEL = re.compile(r"[^\"“”]*?(?:[\"“][^\"“”]*[\"”]|''.*?''|(?=[,;.]|$))")  # to its first closing quote, else its first comma
_POSSESSIVE_START = re.compile(r"[’']s?\b")  # 'Harlow's plan ...'
_PRONOUN_BEFORE_NOUN = re.compile(r"\s+(him|her|his)\b", re.I)  # 'praised her handling', 'criticized his record'
_PRONOUN_OBJECT = re.compile(r"\s+(?:him|her)(?=\s*(?:[,.;:!?)”\"]|$)|\s+(?:in|on|at|for|of|as|to|with|over|after|before|than|"
                             r"during|by|from|and|but|because|when|while|since|until|last|this|again)\b)", re.I)
# 'criticized her in a letter', 'praised him.': the pronoun is the whole object
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being|be|get|gets|got|getting)\s+(?:\w+ly\s+)?$", re.I)
_BY_AGENT = re.compile(r"\s+by\b")  # 'endorsed by Romney'
_PREDICATE_AFTER = re.compile(r"\s+(?:of|to|about|with)\b")  # 'critical of', 'opposed to': the subject's own stance
_GERUND_OBJECT = re.compile(r"\s+(?-i:[a-z]+ing)\b(?<!\bbeing)(?<!\bnothing)(?<!\bthing)")  # 'oppose defunding'
_CLAUSE_END = re.compile(r"[,;:.!?]\s")
_NOUN_OF = re.compile(r"\s+of\b")
_LAST_DETERMINER = re.compile(r"\s\b(?:the|a|an)$", re.I)  # a stance entry ending in one: 'support the'
_TITLE_FORMS = {"president": r"President|Pres\.", "governor": r"Governor|Gov\.", "senator": r"Senator|Sen\.",
                "mayor": "Mayor", "speaker": "Speaker", "congressman": r"Rep\.|Representative|Congressman",
                "congresswoman": r"Rep\.|Representative|Congresswoman", "chancellor": "Chancellor",
                "nominee": "(?i:nominee)", "front-runner": "(?i:front-?runner)", "billionaire": "(?i:billionaire)"}
_OFFICES = ("president", "governor", "senator", "mayor", "speaker", "congressman", "congresswoman", "chancellor")
_ROLE_OBJECT = re.compile(rf"\s*the\s+(?:(?:former|presumptive|likely|Republican|Democratic|GOP|party's|Manhattan)\s+){{0,2}}"
                          rf"({'|'.join(_TITLE_FORMS)})\b(?!\s+(?:of|and)\b|['’]s\s+(?:office|campaign))", re.I)
# 'attacked the president', 'the GOP nominee'; not 'the president of the union' or 'the president's campaign'
_STAND_INS = alternation(word_list('sources.txt', 'stand_in_nouns'))  # 'nominee', 'front-runner'
_THING_OBJECT = re.compile(r"\s*\b(?:(?:the|a|an|this|that|these|those|its|their|our|my|your|them|some|any|such|new)\s+|"
                           r"(?-i:(?=[a-z]))(?!(?:it\s+of|him|her|his|them|their|us|me|you|himself|herself|themselves|each|both|all|"
                           r"everyone|anyone|of|for|from|about|against|after|on|to|as|by|in|at|with|over|and|or|but|that|"
                           r"what|who|whom|whoever|\w+ly)\b))"
                           rf"(?!(?:[\w-]+\s+){{0,2}}(?:{ROLE_WORDS}|{_STAND_INS})s?\b)",
                           re.I)  # 'blamed the media', 'opposed calls for'; not 'accused the president', 'the Manhattan billionaire' or
# 'criticized officials', which may be an actor, nor 'accused him', 'accused it of' ('oppose it' is a thing)
_ACT_OBJECT = re.compile(rf"\s*\b(?:the|this|that|these|those|its|their|his|her)\s+(?:[\w-]+\s+){{0,2}}"
                         rf"(?:{alternation(word_list('sources.txt', 'act_nouns'))})\b", re.I)  # 'praised the new order'
_THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his)\b", re.I)
_PERSONAL_OBJECT = re.compile(r"\s+(?:him|her|his|them|their)\b", re.I)
_PERSON_PRONOUN = re.compile(r"(?:him|her)\s+(?=(?:a|an|the)\s|[“\"‘'])")  # 'called him a racist', not 'called her vote a mistake'
_OBJECT_REACH = 25  # characters after a stance word in which the actor it is about may be named
_BETWEEN_SUBJECT_AND_VERB = (r"(?:(?:am|are|is|was|were|be|been|will|would|shall|should|can|could|must|may|might|do|does|"
                             r"did|have|has|had|also|always|still|just|only|now|all|both|fully|\w+ly|to|(?:go|going|want|"
                             r"wanted|continue|continued|decided|proud|happy|glad|ready|like|love|plan|intend|hope|need)\s+to"
                             r"|gonna)\s+)*$")
_FIRST_PERSON_SUBJECT = re.compile(rf"\b(?:I|we)(?:['’](?:m|re|ve|ll|d))?\s+{_BETWEEN_SUBJECT_AND_VERB}", re.I)
_THIRD_PERSON_SUBJECT = re.compile(rf"\b(he|she|they)(?:['’](?:s|ll|d|re|ve))?\s+{_BETWEEN_SUBJECT_AND_VERB}", re.I)
_NO_ACTOR_PRONOUNS = frozenset("i we it you this that these those there which".split())
_ACTOR_PRONOUNS = frozenset("he she they him her his them their".split())  # 'they sold us out', 'her lawyers'
_PRONOUN_OPENING = re.compile(r"(it|that|he|she|who)['’]s\b", re.I)  # a verdict that opens with its subject: 'it's beneath'
_NAMED_OWNER = re.compile(r"\b([A-Z][\w.-]*)['’]s?\s+(?:[a-z]+\s+)?$")  # 'Mr. Trump's (harsh) criticism'
_POSSESSOR = re.compile(r"['’]s?$")  # 'the authority's thugs'
_PLACE_COMMA = re.compile(r",\s+[A-Z]")  # 'Tulsa, Okla., police officer': a place, not 'Cruz, the senator'
_OBJECT_PHRASE = re.compile(rf"(?:[ \t\u00a0]+(?:(?-i:[A-Z])[\w.’'-]*|(?:former|fellow|rival|then|late|presidential|vice|"
                            rf"contender|hopeful|challenger|opponent|colleague|ally|{ROLE_WORDS}|{_STAND_INS})s?\b)){{1,7}}",
                            re.I)  # 'fellow GOP contender Jeb Bush'; the words of a name
_NOT_A_NAME = frozenset("Democratic Democrat Democrats Republican Republicans GOP Independent Former Monday Tuesday "
                        "Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
                        "September October November December I".split())
_WORD = re.compile(r"[^\s“”\"‘(\[]+")  # a word without the quotation mark or bracket that opens it
_CLAUSE_BREAK = re.compile(r"[,;:()“”\"—]|\b(?:and|but|or|because|although|while|if|when)\s", re.I)
_AUXILIARIES = frozenset("am are is was were be been being has have had will would shall should can could must may might "
                         "do does did to not also still just only now so all".split())
_ACTOR_NOUN = re.compile(rf"(?:{ROLE_WORDS}|{_STAND_INS})s?", re.I)


LOOK_BACK = 400  # characters before an attribution or a source in which whom a pronoun or a bare role means is named


def pronoun_antecedent(doc: Document, actors: list[Actor], start: int, offset: int) -> Actor | None:
    """The person a 'he' or 'she' in the sentence of `offset` stands for: the person actor last named in
    the LOOK_BACK characters before the attribution at `start` (the source itself left out of `actors`)."""
    sentence = doc.sentence_at(offset)
    if sentence is None or not _THIRD_PERSON.search(doc.text, sentence.start, sentence.end):
        return None
    return person_named_last(actors, start)


def person_named_last(actors: list[Actor], start: int, reach: int = LOOK_BACK) -> Actor | None:
    """Of the person actors, the one named last in the `reach` characters before `start`, or None."""
    named = _people_named_before(actors, start, reach)
    return max(named, key=lambda last: last[0])[1] if named else None


def _people_named_before(actors: list[Actor], start: int, reach: int = LOOK_BACK) -> list[tuple[int, Actor]]:
    """The person actors named in the `reach` characters before `start`, each with its last mention there."""
    return [(mentions[-1].start, a) for a in actors if a.kind == PERSON
            and (mentions := mentions_starting(a, max(0, start - reach), start))]


def speaker_is_subject(doc: Document, offset: int, by_a_person: bool) -> bool:
    """Whether the speaker is the one doing the stance verb at `offset` in what they said: 'I condemn',
    'we are proud to endorse', or in a paraphrase 'he had supported' (a person) or 'they're endorsing'
    (a group); not 'voters back the', 'China opposed', 'the Khans' criticism', which report someone
    else's stance."""
    before = doc.text[max(0, offset - 60):offset]
    if _FIRST_PERSON_SUBJECT.search(before):
        return True
    third = _THIRD_PERSON_SUBJECT.search(before)
    return doc.voice_at(offset) != QUOTED and third is not None and (third.group(1).lower() != "they") == by_a_person


def anothers_stance(doc: Document, source_name: str, start: int) -> bool:
    """The stance noun at `start` has a named owner who is not the source: 'singled out Mr. Trump's
    criticism of the Khans' is Trump's stance, not the speaker's; 'Clinton's criticism', said of
    Clinton, is hers."""
    owner = _NAMED_OWNER.search(doc.text, max(0, start - 60), start)
    return owner is not None and owner.group(1) not in source_name.replace("’", "'").replace("'s", " ").split()


def verdict_on_no_actor(doc: Document, actors: list[Actor], start: int, end: int) -> bool:
    """A verdict on its subject ('X failed to', 'X is a disgrace') whose subject is plainly no actor: a
    pronoun such as 'it', 'we', 'this' ('it is necessary', 'we have failed to') or a common noun
    with no name before it ('the inquiry failed to', 'these acts are despicable'). 'The BuzzFeed piece
    was a disgrace', 'the governor needs to resign', 'the authority('s staff) should have waited' (the
    last word of an actor's name), 'she should apologize', 'her lawyers failed to' and 'they sold us
    out' may be about an actor."""
    clause = [word for word, _ in _subject_words(doc, start, end)]
    if not clause:
        return False
    head = clause[-1]
    if head.lower() in _NO_ACTOR_PRONOUNS:
        return True
    if not head.islower() or _ACTOR_NOUN.fullmatch(head) or head in _ACTOR_PRONOUNS:
        return False  # a name, a role ('the governor'), 'they'
    someone_before = any(w[0].isupper() and w not in NEVER_START or w.lower() in _ACTOR_PRONOUNS for w in clause[-4:-1])
    an_actors_word = any(a.name.lower().endswith(" " + _POSSESSOR.sub("", w)) for a in actors for w in clause[-4:])
    return not (someone_before or an_actors_word)


def _subject_words(doc: Document, start: int, end: int) -> list[tuple[str, int]]:
    """The words (and where each starts) of the clause before a verdict at [start, end), up to its head:
    auxiliaries and adverbs before the verdict left out ('Rubio has failed to': Rubio)."""
    opening = _PRONOUN_OPENING.match(doc.text, start, end)
    if opening:
        return [(opening.group(1), opening.start(1))]
    window = max(0, start - 80)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(doc.text, window, start)]
    words = [(m.group(), m.start()) for m in _WORD.finditer(doc.text, breaks[-1] if breaks else window, start)]
    while words and (words[-1][0].lower() in _AUXILIARIES or words[-1][0].endswith("ly")):
        words.pop()
    return words


def verdict_subject(doc: Document, actors: list[Actor], start: int, end: int) -> tuple[bool, Actor | None]:
    """Whom a verdict on its subject is about, when its subject says so: a name ('Rubio has failed to':
    Rubio; 'the White House should not have', no actor of the story: nobody), 'she'/'he' (the person
    named last before it, if any: 'I think she should apologize') or a role one person holds ('the
    presumptive GOP nominee is unfit': role_holder, else no one). (True, the actor or None), or (False,
    None) when the subject does not tell ('they')."""
    words = _subject_words(doc, start, end)
    if not words:
        return False, None
    head, at = words[-1]
    if head.lower() == "for" and len(words) > 1:  # 'blasted Oversight for failing to': the one blamed, an actor of
        blamed, where = words[-2]  # the story or nobody; 'criticized him for', 'faulted the agency for'
        if blamed.lower() in ("him", "her"):
            return True, person_named_last(actors, where)
        return True, _actor_at(actors, where) if blamed[:1].isupper() else None
    if head.lower() in ("he", "she"):
        person = pronoun_antecedent(doc, actors, start, start)
        if person is None and doc.voice_at(start) == QUOTED:  # in a quotation 'she' is no speaker: a person named
            person = person_named_last(actors, start, 3 * LOOK_BACK)  # further back, never an institution named nearer
        return person is not None or doc.voice_at(start) == QUOTED, person
    role_at = next((where for word, where in reversed(words[-4:]) if word.lower() == "the"), None)
    if head.lower() in _TITLE_FORMS and role_at is not None:  # 'the presumptive GOP nominee is unfit': who holds
        return True, role_holder(doc, actors, role_at)  # it, or no one (not the 'GOP' of the role)
    if head[:1].islower():  # 'Mitt Romney's Medicare ad is': the owner named before the noun
        owners = [owner for word, where in reversed(words[-4:-1]) if _POSSESSOR.search(word)
                  and (owner := _actor_at(actors, where))]
        return (True, owners[0]) if owners else (False, None)
    if head in NEVER_START or (at == getattr(doc.sentence_at(at), "start", -1) and not _written_as_a_name(doc, head)):
        return False, None  # a capitalised first word of a sentence ('Officials should resign')
    return True, _actor_at(actors, at)  # 'Belgium failed to', no actor of the story: nobody


def _written_as_a_name(doc: Document, word: str) -> bool:
    """The text capitalises `word` inside a sentence too ('Belgium'; not 'Officials')."""
    return compiled(rf"(?<=[\w,;:] ){re.escape(word)}\b").search(doc.text) is not None


def _actor_at(actors: list[Actor], offset: int) -> Actor | None:
    """The actor one of whose mentions covers `offset`, or None."""
    return next((a for a in actors
                 if any(m.start <= offset < m.end for m in mentions_starting(a, max(0, offset - 60), offset + 1))), None)


_HEDGE = re.compile(r"(?:\b(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering|unclear|unsure|know|knew)\s+"
                    r"(?:[\w’'-]+\s+)?if|\bwhether(?!\s+to\b))\b[^.;:!?]*$", re.I)


def hedged(doc: Document, offset: int) -> bool:
    """The word at `offset` is asked, not asserted: 'asked if he supported', 'waffled as to whether he
    would support' (not 'determine whether to prosecute her for violating', nor a condition: 'if the
    story is true, he must resign' takes a side)."""
    sentence = doc.sentence_at(offset)
    return sentence is not None and _HEDGE.search(doc.text, sentence.start, offset) is not None


_NESTED_CLAIM = re.compile(r"\b(?:alleg|claim|accus|contend|charg)\w*\s+(?:[\w’'-]+\s+){0,3}?that\b", re.I)


def anothers_claim(doc: Document, content_start: int, offset: int) -> bool:
    """The words at `offset` are what someone else in the source's words alleges ('slammed a lawsuit
    alleging that the congressman violated the law'): the lawsuit's charge, not the source's verdict."""
    return _NESTED_CLAIM.search(doc.text, content_start, offset) is not None


def passive_on_another(doc: Document, attribution: Attribution, start: int, end: int) -> bool:
    """A stance word in the passive ('Price has been criticized for', 'to be blamed', 'was accused of')
    is the agent's stance toward the subject: no evidence of the source unless the source is that
    agent, named after it ('has been opposed by most Republicans'). 'was critical of', 'is opposed to',
    'was worried that' and 'is praising' are no passives. A participle with its agent needs no 'was':
    'the plan, broadly endorsed by Romney'."""
    verb = doc.text[start:end].split()[0]
    reduced = verb.endswith("ed") and _BY_AGENT.match(doc.text, start + len(verb))
    if not (reduced or _PASSIVE_BEFORE.search(doc.text, max(0, start - 30), start)) or verb.endswith("ing") \
            or verb.lower() in FEELING_PARTICIPLES or _PREDICATE_AFTER.match(doc.text, start + len(verb)):
        return False
    return attribution.source is None or attribution.source.start < end


def _object_start(doc: Document, start: int, end: int) -> int:
    """Where the object of the stance word at [start, end) opens: at the determiner that ends the
    word ('support the'), after the 'of' of a noun ('rejection of the'), else right after it."""
    last = _LAST_DETERMINER.search(doc.text, start, end)
    if last:
        return last.start()
    of = _NOUN_OF.match(doc.text, end) if doc.text[start:end].lower().endswith(("ion", "ism")) else None
    return of.end() if of else end  # 'his rejection of the figure': the figure


def aims_at_an_act(doc: Document, start: int, end: int, actors: list[Actor] = ()) -> bool:
    """The thing the stance word at [start, end) is about is someone's act or work ('praised the order',
    'condemned the airstrikes on civilians'), or a verb in -ing that names no actor in its clause ('fear
    losing passing trade'; not 'oppose defunding Planned Parenthood'): its author, when no actor is named,
    is the principal."""
    opening = _object_start(doc, start, end)
    if _GERUND_OBJECT.match(doc.text, opening):
        return not _actor_in_clause(doc, actors, end)
    return bool(_ACT_OBJECT.match(doc.text, opening))


def _actor_in_clause(doc: Document, actors: list[Actor], end: int) -> bool:
    """An actor is named after `end` within reach, before its clause ends."""
    reach = end + _OBJECT_REACH + 1
    clause_end = _CLAUSE_END.search(doc.text, end, reach)
    return any(mentions_starting(a, end, clause_end.start() if clause_end else reach) for a in actors)


def aims_at_a_thing(doc: Document, actors: list[Actor], start: int, end: int) -> bool:
    """The object of the stance word at [start, end) is a thing, not an actor: a determiner or a
    lower-case noun opens it (or the word ends in one: 'support the') and no actor is named within
    reach, before the clause ends ('blame the media', 'applauded the reversal', 'opposed calls for',
    'oppose it, as Price does'), or a verb in -ing ('oppose defunding Planned Parenthood'); 'the
    president' or 'the billionaire' may be an actor. Such a stance goes to no actor unless it is an act
    ('condemned the airstrikes', 'fear losing trade'): the actor the sentence names nearest or the
    principal took it before, wrongly in most cases read."""
    opening = _object_start(doc, start, end)
    if _GERUND_OBJECT.match(doc.text, opening):
        return True  # 'oppose defunding Planned Parenthood': a stance on an act, not on its object
    return bool(_THING_OBJECT.match(doc.text, opening)) and not _actor_in_clause(doc, actors, end)


def labelled(doc: Document, attribution: Attribution, actors: list[Actor]) -> tuple[Actor, str] | None:
    """'called Harlow a fraud', 'branded Harlow's plan "reckless"': a labelling cue whose content opens
    with an actor; the label after the name takes the speaker's side (`label_side`). Not 'called on
    Harlow to', 'called Harlow to ask' (a request or a phone call), nor a label withheld ('stopped
    short of calling'). The actor and the side, or None."""
    content = attribution.content
    cue_words = attribution.cue.text.lower().split()
    if content is None or not _LABELLING_CUES.intersection(cue_words) or _REQUEST_WORDS.intersection(cue_words):
        return None
    if is_negated(doc, attribution.cue.start) or _WITHHELD.search(doc.text, max(0, attribution.cue.start - 30),
                                                                 attribution.cue.start):
        return None
    after_cue = _SPACES.match(doc.text, attribution.cue.end).end()  # its object opens the content or comes before it
    opening = [(m.end, a) for a in actors for m in mentions_starting(a, after_cue, after_cue + 1)]
    if not opening and (the := _THE_BEFORE_OWNER.match(doc.text, after_cue)):  # 'described the new Romney-Ryan ad as'
        opening = [(m.end, a) for a in actors for m in mentions_starting(a, the.end(), the.end() + 1)
                   if _THING_AFTER_OWNER.match(doc.text, m.end)]
    if not opening and (pronoun := _PERSON_PRONOUN.match(doc.text, after_cue)):  # 'had called him a racist':
        named = _people_named_before(actors, attribution.cue.start)  # the one person named just before, if only one is
        opening = [(pronoun.end(), named[0][1])] if len(named) == 1 else []
    if not opening or opening[0][0] >= content.end:
        return None
    label_start, actor = opening[0]
    if _DESCRIBING.match(attribution.cue.text) and not _AS_LABEL.match(doc.text, label_start, content.end):
        return None  # 'described Trump's approach in terms of': no label; 'described Trump as "a narcissist"' is one
    label = _LABEL.match(doc.text, label_start, content.end)  # none when the content ends inside a quotation
    side = label_side(label.group() if label else doc.text[label_start:content.end])
    return (actor, side) if side else None


def label_side(label: str) -> str | None:
    """Critical by a name-calling or emotive word in the label, a word of `_CRITICAL_LABEL` ('unhinged',
    'one-sided and ineffective') or a negative tone (VADER); supportive by
    a puffery word, or a positive tone of a label for the actor itself ('a champion of workers'), not for
    a thing of theirs ('Harlow's plan "a welfare payment"', where tone says little); None if neutral."""
    from framing.models.features import sentiment  # lazy: scikit-learn, which importing the analysis need not load
    if _REQUEST.match(label):
        return None
    for entry in lexicon.by_dimension("loaded_language"):
        if entry.category in _LABEL_CATEGORIES and next(iter(entry.finditer(label)), None):
            return _LABEL_CATEGORIES[entry.category]
    tone = sentiment(label)
    if tone <= -LABEL_TONE or _CRITICAL_LABEL.search(label):
        return CRITICAL
    return SUPPORTIVE if tone >= LABEL_TONE and not _POSSESSIVE_START.match(label) else None


_PERSON_AFTER = re.compile(rf"(?:\s+[\w-]+){{0,3}}?\s+(?:{ROLE_WORDS}|advis[eo]r|aide|wife|husband|son|daughter|brother|"
                           r"sister|friend|ally|nominee|pick|running\s+mate|lawyer|attorney|deputy|successor|predecessor)s?\b")


def own_possessive(doc: Document, end: int, sex: str | None) -> bool:
    """The object after `end` opens with the possessive a speaker of that sex uses for their own ('his'
    for a man or a person of unknown sex, 'her' for a woman): 'thanked her adopted home state'; not
    before a person ('defended his former national security adviser' is about the adviser)."""
    pronoun = _PRONOUN_BEFORE_NOUN.match(doc.text, end)
    return (bool(pronoun) and pronoun.group(1).lower() == ("her" if sex == "f" else "his")
            and not _PERSON_AFTER.match(doc.text, pronoun.end()))


def target_of(doc: Document, actors: list[Actor], start: int, end: int, attribution_start: int,
               by_a_person: bool) -> Actor | None:
    """The actor a stance word at [start, end) is about: the person a pronoun object stands for
    ('criticized her in a letter', `pronoun_antecedent` of the attribution), else the holder of a role
    ('the president', `role_holder`), else one named within a few words after it ('praised Haftar’s forces'), else the person of a possessive after it ('praised
    her effort'; 'his' only when a group speaks: a person's 'thanked his supporters' is his own), else
    the nearest one named in its sentence."""
    if _PRONOUN_OBJECT.match(doc.text, end) and (person := pronoun_antecedent(doc, actors, attribution_start, start)):
        return person  # 'criticized her in a letter to Price': her, not Price
    if holder := role_holder(doc, actors, end):
        return holder  # 'attacked the president': President Obama; 'the GOP nominee': not the GOP
    if after := named_after(actors, end):
        return after
    pronoun = _PRONOUN_BEFORE_NOUN.match(doc.text, end)
    if pronoun and (pronoun.group(1).lower() != "his" or not by_a_person) and \
            (person := pronoun_antecedent(doc, actors, attribution_start, start)):
        return person
    sentence = doc.sentence_at(start)
    if sentence is None:
        return None
    if sentence.is_title:  # the headline's names are no mentions: 'endorses Clinton at DNC'
        reach = doc.text[end:min(sentence.end, end + _OBJECT_REACH + 1)]
        named = [(at, a) for a in actors for v in a.variants if (at := whole_word_at(reach, v)) is not None]
        return min(named, key=lambda first: first[0])[1] if named else None
    return named_in_sentence(doc, actors, start)


def named_object(doc: Document, actors: list[Actor], end: int) -> tuple[bool, Actor | None]:
    """Whether the object right after a stance word ending at `end` is a name, and the actor it names:
    'praised Florida Sen. Marco Rubio', 'attacked former Republican presidential nominee Mitt Romney', 'took
    swipes at fellow GOP contender Jeb Bush' are about the person named last, an actor of the story or
    nobody (not the actor nearest in the sentence). Party words, titles and a day or month alone are no
    name; 'the GOP nominee' holds no name; a name before a comma may be a place before a role ('Tulsa,
    Okla., police officer'); a headline's names are no mentions. (False, None) when it is not a name."""
    phrase = _OBJECT_PHRASE.match(doc.text, end)
    sentence = doc.sentence_at(end)
    if phrase is None or _PLACE_COMMA.match(doc.text, phrase.end()) or sentence is None or sentence.is_title:
        return False, None
    tokens = list(_WORD.finditer(doc.text, phrase.start(), min(phrase.end(), sentence.end)))
    name = []  # the last run of capitalised words: 'Colorado' of 'Colorado officials'
    for token in reversed(tokens):
        if token.group()[:1].isupper():
            name.insert(0, token)
        elif name:
            break
    if not name or all(t.group().rstrip(".,;:’'s") in _NOT_A_NAME or t.group().rstrip(".") in TITLE_WORDS for t in name):
        return False, None
    named = [a for a in actors if mentions_starting(a, name[0].start(), name[-1].end())]
    return True, (named[0] if named else None)


def office_object(doc: Document, end: int) -> bool:
    """The object right after a stance word ending at `end` is an office ('the president', 'the governor'),
    not a stand-in for a name ('the GOP nominee', 'the Manhattan billionaire')."""
    role = _ROLE_OBJECT.match(doc.text, end)
    return role is not None and role.group(1).lower() in _OFFICES


def role_holder(doc: Document, actors: list[Actor], end: int) -> Actor | None:
    """The person a role after a stance word ending at `end` stands for: 'attacked the president' is the
    one person the text calls President most often ('President Obama'), 'praised the governor' the one
    it calls Governor or Gov., 'the GOP nominee' the one it calls nominee ('Republican nominee Donald
    Trump'); None when no one, or more than one as often, holds the title."""
    role = _ROLE_OBJECT.match(doc.text, end)
    if role is None:
        return None
    forms = _TITLE_FORMS[role.group(1).lower().replace("frontrunner", "front-runner")]
    before = compiled(rf"\b(?:{forms})\s+(?:[A-Z][\w.'’-]*\s+){{0,2}}$")
    within = compiled(rf"(?:^|(?<=\s))(?<!Vice\s)(?:{forms})\s")  # 'Maine Gov. Paul LePage', not 'Vice President'
    counts = [(sum(1 for m in a.mentions  # 'President Barack Obama' as one mention, or after the title
                   if within.search(m.text) or before.search(doc.text, max(0, m.start - 40), m.start)), a)
              for a in actors if a.kind == PERSON]
    most = max((n for n, _ in counts), default=0)
    holders = [a for n, a in counts if n == most and n > 0]
    return holders[0] if len(holders) == 1 else None


_THE = re.compile(r"\bthe\b", re.I)


def role_holders_named(doc: Document, actors: list[Actor], start: int, end: int) -> list[Actor]:
    """The people [start, end) names by a role one of them holds (`role_holder`): "The president's pathway
    to citizenship" is Obama's where the text calls him President Obama."""
    return [holder for m in _THE.finditer(doc.text, start, end) if (holder := role_holder(doc, actors, m.start()))]


def passive_agent(doc: Document, actors: list[Actor], start: int, end: int) -> tuple[bool, Actor | None]:
    """A verdict in the passive with its agent ('Israel was sold out by Kerry and Obama'): (True, the first
    actor the agent names, or None when it names none); (False, None) when it is no such passive."""
    agent = _BY_AGENT.match(doc.text, end)
    if agent is None or not _PASSIVE_BEFORE.search(doc.text, max(0, start - 30), start):
        return False, None
    return True, named_after(actors, agent.end())


def object_pronoun(doc: Document, end: int) -> str | None:
    """The pronoun, in lower case, that is the object of the stance word ending at `end` or its
    object's owner ('thank him', 'reject his visit', 'oppose their plan'), or None."""
    found = _PERSONAL_OBJECT.match(doc.text, end)
    return found.group().strip().lower() if found else None


def named_after(actors: list[Actor], end: int) -> Actor | None:
    """The actor named first within a few words after `end` ('praised Haftar’s forces'), or None."""
    after = [(here[0].start, a) for a in actors if (here := mentions_starting(a, end, end + _OBJECT_REACH + 1))]
    return min(after, key=lambda first: first[0])[1] if after else None


def named_in_sentence(doc: Document, actors: list[Actor], offset: int) -> Actor | None:
    """The actor named nearest to `offset` in its sentence (not a headline), or None."""
    sentence = doc.sentence_at(offset)
    if sentence is None or sentence.is_title:
        return None
    return nearest(actors_named(actors, sentence.start, sentence.end), offset)


def nearest(actors: list[Actor], offset: int) -> Actor | None:
    return min(actors, key=lambda a: distance(a, offset), default=None)
