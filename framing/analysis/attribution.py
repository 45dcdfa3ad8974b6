"""Attribution: reporting cues, their sources, and the quoted or paraphrased content.

Cues, sources and contents come from the PolNeAR tagger (framing/models/attribution_tagger.py, or
the contextual mode's); each cue is linked to the nearest tagged source and content of its
sentence (with the pieces Punkt cut off where no sentence ends), and a tagged quotation no cue took
continues the previous source's words. Rules stay where they do better: the name next to the cue
joins or overrides the tagged phrase, and quotations are whole; source spans are bounded as PolNeAR
marks them. The contextual mode's tagger is trusted further: where it marks no content for a cue
and no quotation is at hand, none is guessed. Without an installed model the cues come from
lexicons/reporting_verbs.toml and rules find the rest. Who the sources are is the source
registry's work (framing/source_registry.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from framing.rules import lexicon
from framing.text.document import QUOTED, Document
from framing.text.spans import Quotation, Sentence, SpanIndex
from framing.findings import Attribution, TextSpan
from framing.analysis.names import NAME, NOT_NAME_START, PARTY, ROLE, ROLE_WORDS
from framing.resources import alternation, word_list


_SPEECH_CUES = frozenset(word_list("attribution.txt", "speech_cues"))  # a saying reported, not an act or a state
_CLAIM_CUES = frozenset(word_list("attribution.txt", "claim_cues"))  # its content is what the source claims


def _cue_words(attribution: Attribution) -> set[str]:
    return set(re.findall(r"[\w’'-]+", attribution.cue.text.lower()))


def reports_saying(attribution: Attribution) -> bool:
    """The cue reports a saying ('said', 'told', 'accused', 'a poll found'), not an act ('voted') or
    a state ('hoped', 'is counting on'): lexicons/attribution.txt [speech_cues]; nor a saying someone
    is bound to make ('Clinton has to remind the party', 'lobbyists must declare')."""
    return not _SPEECH_CUES.isdisjoint(_cue_words(attribution)) and not _OBLIGED.search(attribution.cue.text)


_WRITER_OR_READER = frozenset(("i", "me", "we", "us", "you"))


def by_writer_or_reader(doc: Document, attribution: Attribution) -> bool:
    """Whether the source is the writer or the reader ('I wish ...', 'We examine ...', 'You may ...')
    outside any quotation: no voice of the story, so its words are the narration's own."""
    source = attribution.source
    return (source is not None and source.text.strip().lower() in _WRITER_OR_READER
            and doc.voice_at(source.start) != QUOTED)


def reports_claim(attribution: Attribution) -> bool:
    """The cue's content is what the source claims ('said', 'argued that', 'according to'), not the
    object of an act of speech ('slammed the plan', 'calls for regime change'): [claim_cues]."""
    return not _CLAIM_CUES.isdisjoint(_cue_words(attribution))


def _words(name: str) -> str:
    """List `name` of lexicons/attribution.txt as a regex alternation."""
    return alternation(word_list("attribution.txt", name))


_OBLIGED = re.compile(r"\b(?:(?:has|have|needs?|ought)\s+to|must|should)\b", re.I)
_AUXILIARY = re.compile(r"\b(?:(?:has|have|had|will|would)\s+(?:also\s+)?|also\s+)$")
_COMMON_SOURCE = (r"(?:(?:[Aa]|[Aa]n|[Tt]he|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any|[Oo]ther)\s+)?(?:[a-z][\w’'\-]*\s+){0,2}?"
                  r"(?:sources?|officials?|critics|analysts|experts|residents|witnesses|spokes(?:man|woman|person)|"
                  r"aides?|advisers?|advisors?|lawmakers|investigators|researchers|authorities|police|"
                  rf"(?:{ROLE_WORDS})s?)"
                  r"(?:\s+(?:familiar\s+with|close\s+to|with\s+knowledge\s+of)(?:\s+[\w’'\-]+){1,3})?")
_APPOSITIVE = r",\s+(?:an?|the|who|its|his|her|their)\s+[^,“”\"]{3,80},"  # ', a retired teacher,'
_ADVERBS = rf"(?:{_words('adverbs_before_cue')})"
_WHO = rf"({NAME.pattern}{PARTY}|\b(?:he|she|they|it|we|who|which)\b|\b{_COMMON_SOURCE})"
_BEFORE_CUE = rf"\s+(?:{_ADVERBS}\s+){{0,3}}$"
_WHO_BEFORE = re.compile(_WHO + _BEFORE_CUE)  # 'Tom Burns also' + said
_WHO_APPOSITIVE_BEFORE = re.compile(_WHO + _APPOSITIVE + _BEFORE_CUE)  # 'Tom Burns, a teacher,' + said
_APPOSITIVE_TO_CUE = re.compile(_APPOSITIVE + rf"(?={_BEFORE_CUE})")
_PASSIVE = re.compile(  # 'have been', 'was widely', 'have been reported and' + attributed
    r"\b(?:(?:has|have|had|was|were|is|are|been|being)\s+(?:widely\s+)?"
    r"|(?:was|were|is|are|been|being)\s+\w+(?:ed|en)\s+(?:and|or)\s+)$")
_PASSIVE_CUE = re.compile(r"(?:(?:has|have|had)\s+been|is|are|was|were|being)\s+(?:widely\s+)?\w+$", re.I)  # a tagged cue
_AFTER_CUE = re.compile(
    rf"\s+((?:an?|the)\s+(?:[\w’'\-]+\s+){{0,5}}?(?:{_words('source_nouns_after_cue')})\b"
    rf"|{NAME.pattern})"
)
_NOMINAL_CUE = re.compile(  # "the GNA’s rejection of Haftar’s violence": a stance reported as a noun
    r"\b((?:[A-Z][\w\-]*\s+)*[A-Z][\w\-]*)[’']s\s+"
    rf"({_words('stance_nouns')})"
    r"\s+of\s+([^,.;:“”\"]+?)(?=\s+and\s|[,.;:“”\"]|$)"
)


def _cue_spans(doc: Document) -> list[tuple[int, int]]:
    """Reporting-verb cues in the reporter's voice of scored text, without overlaps."""
    spans = []
    for entry in lexicon.by_category("reporting_verb"):
        spans.extend((s, e) for s, e in entry.finditer(doc.text, doc.word_index)
                     if doc.is_scored(s, e) and doc.quoted_chars(s, e) == 0)
    spans = [(_with_auxiliary(doc.text, s), e) for s, e in spans]
    spans.sort(key=lambda se: (se[0], -se[1]))
    result: list[tuple[int, int]] = []
    for s, e in spans:
        if not result or s >= result[-1][1]:
            result.append((s, e))
    return result


def _with_auxiliary(text: str, start: int) -> int:
    """Start of the cue with its auxiliary or 'also' ('has said', 'also said'), as PolNeAR marks cues."""
    m = _AUXILIARY.search(text, max(0, start - 20), start)
    return m.start() if m else start


def _name_before(text: str, start: int, floor: int) -> tuple[int, int] | None:
    """A name or pronoun ending right before `start`, allowing an appositive ('X, a teacher, said')
    and adverbs ('also')."""
    floor = max(floor, start - 120)  # a name and a few adverbs; a longer window only costs time
    window = text[floor:start]
    m = _WHO_BEFORE.search(window) or _WHO_APPOSITIVE_BEFORE.search(window)
    if not m or m.group(1) in NOT_NAME_START - {"He", "She", "They", "It", "We"}:
        return None
    return floor + m.start(1), floor + m.end(1)


def _source_after(text: str, end: int, ceiling: int) -> tuple[int, int] | None:
    m = _AFTER_CUE.match(text, end, ceiling)
    if not m or m.group(1) in NOT_NAME_START:
        return None
    return m.start(1), m.end(1)


def _sentence_subject(doc: Document, start: int, cue_start: int) -> tuple[int, int] | None:
    """The sentence's subject before the cue: 'The UN envoy, Martin Kobler, ...' gives the name
    after a role appositive; otherwise the first name, skipping openers like 'In August', when only
    an appositive and two words at most lie between it and the cue ('Ali Al-Za’tari, Libya’s
    Deputy ..., condemned'), not a clause ('Trump won Ohio, and his aides said')."""
    role_first = re.match(rf"[^,]{{3,90}},\s+({NAME.pattern}),", doc.text[start:cue_start])
    if role_first and ROLE.search(role_first.group()):
        return start + role_first.start(1), start + role_first.end(1)
    for m in NAME.finditer(doc.text, start, cue_start):
        words = m.group().split()
        while words and words[0] in NOT_NAME_START:
            words.pop(0)
        if words:
            if not _SUBJECT_TO_CUE.fullmatch(doc.text, m.end(), cue_start):
                return None
            begin = m.end() - len(" ".join(words)) if len(words) < len(m.group().split()) else m.start()
            return begin, m.end()
    return None


_SUBJECT_TO_CUE = re.compile(r"(?:,[^,;:“”\"]{1,120},)?(?:\s+[\w’'\-]+){0,2}\s*")  # an appositive, 'also'


def joined_sentence(doc: Document, offset: int) -> Sentence | None:
    """The sentence at `offset`, joined with neighbours that Punkt cut off where no sentence ends:
    a piece starting in lower case or with closing punctuation ('Sen. X (D-Mo.)' / 'said.')."""
    index = doc.sentence_index(offset)
    if index is None:
        return None
    sentences = doc.sentences
    sentence, first, last = sentences[index], index, index
    paragraph = sentence.paragraph
    while first > 0 and _continues(doc.text, sentences[first].start) and sentences[first - 1].paragraph == paragraph:
        first -= 1
    while last + 1 < len(sentences) and _continues(doc.text, sentences[last + 1].start) \
            and sentences[last + 1].paragraph == paragraph:
        last += 1
    return sentence if first == last else Sentence(sentences[first].start, sentences[last].end, paragraph)


def _continues(text: str, start: int) -> bool:
    """Whether a sentence starting at `start` goes on from the one before."""
    return start < len(text) and (text[start].islower() or text[start] in "),;:")


_SENTENCE_BREAK = re.compile(r"[.!?]|\n")


def _nearest_quote(text: str, quotes: SpanIndex, cue: tuple[int, int], sentence) -> Quotation | None:
    """The top-level quotation in the cue's sentence closest to the cue, or one touching the cue with no
    sentence's end between ('"That would be you?" Borger asked.' does not take the next paragraph's answer)."""
    best, best_gap = None, None
    region = (min(cue[0], sentence.start), max(cue[1], sentence.end)) if sentence else cue
    for q in quotes.near(*region, reach=5):
        touching = ((0 <= cue[0] - q.end <= 4 and "\n" not in text[q.end:cue[0]])
                    or (0 <= q.start - cue[1] <= 4 and not _SENTENCE_BREAK.search(text, cue[1], q.start)))
        in_sentence = sentence and q.start < sentence.end and sentence.start < q.end
        if touching or in_sentence:
            gap = min(abs(cue[0] - q.end), abs(q.start - cue[1]))
            if best_gap is None or gap < best_gap:
                best, best_gap = q, gap
    return best


def _span(doc: Document, s: int, e: int) -> TextSpan:
    return TextSpan(s, e, doc.text[s:e])


def _trimmed(doc: Document, start: int, end: int) -> TextSpan | None:
    """The span without surrounding spaces and punctuation, or None when nothing is left."""
    chunk = doc.text[start:end]
    lead = len(chunk) - len(chunk.lstrip(" ,:;\n"))
    trail = len(chunk.rstrip(" ,.;:\n"))
    return _span(doc, start + lead, start + trail) if trail > lead else None


def _assign_quotes(doc: Document, cues: list[tuple[int, int]]) -> dict:
    """Give each top-level quotation to one cue: cues touching a quote first, then cues in its sentence."""
    assigned: dict = {}
    taken: set[int] = set()
    quotes = SpanIndex(q for q in doc.quotations if q.depth == 0)
    for touching_only in (True, False):
        for cue in cues:
            if cue in assigned:
                continue
            quote = _nearest_quote(doc.text, quotes, cue, None if touching_only else joined_sentence(doc, cue[0]))
            if quote is not None and quote.start not in taken:
                assigned[cue] = quote
                taken.add(quote.start)
    return assigned


_PURPOSE = re.compile(r"To\s+[a-z]")  # 'To justify his attacks, ...' opens a sentence with a motive, not a saying


def _tagged(doc: Document, contextual: bool = False) -> dict | None:
    """Cue spans (a list), source and content spans (SpanIndex) from the shipped PolNeAR tagger, or
    the contextual mode's (None when the standard one is not installed)."""
    # lazy: the taggers load numpy, which importing framing.api does not need
    if contextual:
        from framing.models import contextual_tagger

        tagger = contextual_tagger.shipped()
    else:
        from framing.models import attribution_tagger

        tagger = attribution_tagger.shipped()
    if tagger is None:
        return None
    spans = tagger.tag(doc)
    if contextual:
        spans["cue"] = spans["cue"] + _cues_of_orphan_content(doc, spans)
    spans["cue"] = [_completed(doc.text, c) for c in spans["cue"] if doc.is_scored(*c)
                    and doc.quoted_chars(*c) == 0 and not _PURPOSE.match(doc.text, c[0])]
    sources = (_within_a_line(doc.text, s, spans["cue"]) for s in spans["source"])
    spans["source"] = SpanIndex(s for s in sources if _names_someone(doc.text[s[0]:s[1]]))
    spans["content"] = SpanIndex(spans["content"])
    return spans


_HALF_CUE = frozenset(word_list("attribution.txt", "adverbs_before_cue"))  # 'has', 'fully': a cue goes on
_NEXT_VERB = re.compile(r"\s+([a-z][a-z\-]+(?:ed|es|s))\b")  # 'has fully[ rejected]'


def _completed(text: str, cue: tuple[int, int]) -> tuple[int, int]:
    """A tagged cue that stops at an auxiliary or an adverb ('has fully') runs on through the verb
    after it ('has fully rejected'), as PolNeAR marks cues."""
    words = text[cue[0]:cue[1]].split()
    if not words or words[-1].lower() not in _HALF_CUE:
        return cue
    verb = _NEXT_VERB.match(text, cue[1])
    return (cue[0], verb.end()) if verb and verb.group(1) not in _FUNCTION_WORDS else cue


ORPHAN_GAP = 30  # characters: tagged content with no cue this close claims none


def _cues_of_orphan_content(doc: Document, spans: dict) -> list[tuple[int, int]]:
    """The standard tagger's cues inside content the contextual tagger marked but gave no cue ('a
    claim that [the Shura Council has fully rejected]': it took the cue and its source for content).
    On PolNeAR dev this adds 8 cues in 84 articles (3 right) and leaves every F1 within 0.001."""
    from framing.models import attribution_tagger  # lazy, as in _tagged

    tagged = SpanIndex(spans["cue"])
    orphans = [c for c in spans["content"] if not tagged.overlapping(max(0, c[0] - ORPHAN_GAP), c[1] + ORPHAN_GAP)]
    standard = attribution_tagger.shipped() if orphans else None
    if standard is None:
        return []
    return [c for c in standard.tag(doc, cues_only=True)["cue"]
            if not tagged.overlapping(*c) and any(o[0] <= c[0] and c[1] <= o[1] for o in orphans)]


def _within_a_line(text: str, span: tuple[int, int], cues: list[tuple[int, int]]) -> tuple[int, int]:
    """A tagged source never runs over a line break (a headline and the next paragraph's 'Mrs.
    Alvarez'): of its lines, the one nearest a cue."""
    if "\n" not in text[span[0]:span[1]]:
        return span
    lines, start = [], span[0]
    for part in text[span[0]:span[1]].split("\n"):
        if part.strip():
            lines.append((start + len(part) - len(part.lstrip()), start + len(part.rstrip())))
        start += len(part) + 1
    if not lines:
        return span
    return min(lines, key=lambda line: min((_gap(line, cue) for cue in cues), default=0))


_FUNCTION_WORDS = frozenset(word_list("attribution.txt", "function_words"))


def _names_someone(phrase: str) -> bool:
    """False for fragments made only of articles and prepositions ('a', 'the', 'of')."""
    return any(w.lower() not in _FUNCTION_WORDS for w in re.findall(r"\w+", phrase))


def _nearest(spans: SpanIndex, cue: tuple[int, int], sentence,
             avoid: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The span overlapping the cue's sentence that lies closest to the cue (never the cue itself,
    nor one overlapping `avoid`)."""
    near = [s for s in spans.overlapping(sentence.start, sentence.end)
            if not _overlaps(s, cue) and not _overlaps(s, avoid)]
    return min(near, key=lambda s: _gap(s, cue), default=None)


def _gap(span: tuple[int, int], cue: tuple[int, int]) -> int:
    return min(abs(cue[0] - span[1]), abs(span[0] - cue[1]))


def _overlaps(a: tuple[int, int], b: tuple[int, int] | None) -> bool:
    return b is not None and a[0] < b[1] and b[0] < a[1]


_NAME_REST = re.compile(r"(?:\s+[A-Z][\w’'\-]*)+")  # ' Easley', the rest of a name
_JOIN = re.compile(r"(?:\s+(?:to|of|for|in|at)\s+[^,.;:“”\"]{1,40})?[\s,]*")  # 'The UN envoy[ to Libya, ]Martin Kobler'


def _source_next_to(tagged: dict, cue: tuple[int, int]) -> bool:
    """Whether the tagger marks a source right before the cue ('Protesters were frustrated')."""
    return any(0 <= cue[0] - source[1] <= 2 for source in tagged["source"].near(cue[0], cue[0], reach=3))


def _tagged_source(text: str, tagged: dict, cue: tuple[int, int], sentence, rule: tuple[int, int] | None,
                   before: tuple[int, int] | None, after: tuple[int, int] | None) -> tuple[int, int] | None:
    """The tagger's source next to the cue, joined with the rules' name when only a comma or a short
    'to Libya,' lies between ('The UN envoy to Libya, Martin Kobler'). The rules win when the tagger
    looks the wrong way: a name right before the cue over a tagged object after it ('X, a teacher,
    criticised the council'), a source right after it ('..., reported a local outlet') unless the
    tagger marks one right before."""
    right_after = after and not before and after[0] - cue[1] <= 2 and text[after[0]].islower()
    if right_after and not _source_next_to(tagged, cue):
        return after
    found = _nearest(tagged["source"], cue, sentence)
    if found is None or (before and found[0] >= cue[1]):
        return rule
    if rule and rule[0] == found[0] and found[1] < rule[1] and _NAME_REST.fullmatch(text, found[1], rule[1]):
        return rule  # the tagger stopped inside the name: 'Cameron' of 'wrote Cameron Easley'
    if rule and rule[0] == found[0] and rule[1] < found[1] < cue[0]:
        appositive = _APPOSITIVE_TO_CUE.match(text, rule[1], cue[0])
        if appositive and found[1] < appositive.end():  # 'Dr. Anna Lind, a marine biologist at[ the institute,]'
            return found[0], appositive.end()
    if rule and not (found[0] <= rule[0] and rule[1] <= found[1]):
        first, second = sorted([found, rule])
        if second[0] >= first[1] and _JOIN.fullmatch(text, first[1], second[0]):
            return first[0], second[1]
    return found


_OPENER = re.compile(  # sentence adverbs and conjunctions: 'Still, the fund'
    rf"(?:(?:{_words('sentence_openers')}),?\s+)+")


def _source_bounds(text: str, source: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """The source span as PolNeAR bounds it: run on to the cue over the rest of its noun phrase,
    without a sentence's opening adverb, and with its commas (a source after the cue ends before
    its comma, an appositive before the cue ends with its closing one: 'Jo Hale, a teacher, said')."""
    start, end = _whole_words(text, *_up_to_cue(text, source, cue))
    if text[start:start + 1].isupper():
        start = _joint_start(text, start)
    if start >= cue[1] and text[end - 1] == ",":
        end -= 1
    elif end <= cue[0] and "," in text[start:end] and re.fullmatch(r",\s*", text[end:cue[0]]):
        end += 1
    return _without_opener(text, (start, end))


_INITIAL = re.compile(r"[A-Z]\.")  # 'Z.' of 'Z. Barabak', 'U.' of 'E.U.'
_ACRONYM_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z]\.)+$")  # 'E.' before 'U. leaders'
_RELATIVE_START = re.compile(r"(who|which)\s+\w")  # 'who has been at the forefront ...': the pronoun stands for a name
_LOOSE_END = re.compile(r"(?:,?\s+(?:for|on|in|at|to|of|with|by|from|who|which|that|again|also|too|then|now|still|already|"
                        r"later|once|repeatedly|previously|recently|immediately|publicly|privately))+,?$|^[^,]+(,)$")  # 'Cameron Easley for', 'the pope again'
_FIRST_NAME_BEFORE = re.compile(r"(?<![\w.])[A-Z][a-z]+\s+$")  # 'Mark ' before 'Z. Barabak'


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A source from its first whole word ('E.U. leaders', not 'U. leaders'; 'Mark Z. Barabak'), a
    relative pronoun alone ('who', as PolNeAR marks it; sources.py finds whom it stands for), and
    without a loose preposition, relative pronoun or adverb at its end ('Cameron Easley for', 'Christie,
    who', 'the Latin American pope again'), nor a comma unless it closes an appositive ('Donald Trump,'
    but 'Dean, a doctor,')."""
    while start > 0 and text[start].islower() and text[start - 1].isalnum():  # 'ident' of 'resident'
        start -= 1
    acronym = _ACRONYM_BEFORE.search(text, max(0, start - 12), start) if _INITIAL.match(text, start) else None
    start = acronym.start() if acronym else start
    first = _FIRST_NAME_BEFORE.search(text, max(0, start - 20), start) if _INITIAL.match(text, start) else None
    if first and first.group().split()[0] not in NOT_NAME_START:
        start = first.start()
    relative = _RELATIVE_START.match(text, start, end)
    end = relative.end(1) if relative else end
    loose = _LOOSE_END.search(text, start, end)
    if loose and loose.start() > start:
        end = loose.start()
    elif loose:  # 'Donald Trump,': a lone comma; an appositive's closing one stays
        end = loose.start(1)
    return start, end


_NAME_AND = re.compile(rf"(?<![\w’'])(?:{NAME.pattern})\s+and\s+$")


def _joint_start(text: str, start: int) -> int:
    """Where a joint source starts when a name and 'and' come right before it ('Obama and [Clinton]')."""
    floor = max(0, start - 60)
    while joint := _NAME_AND.search(text, floor, start):
        first = joint.group().split()[0]
        if first not in NOT_NAME_START:
            return joint.start()
        floor = joint.start() + len(first)  # 'After [Obama and] Clinton'
    return start


def _without_opener(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span without a sentence's opening adverb or conjunction ('Perhaps the moderators')."""
    m = _OPENER.match(text, *span)
    return (m.end(), span[1]) if m and m.end() < span[1] else span


_NOT_IN_SOURCE = frozenset(word_list("attribution.txt", "not_in_source"))  # time, place, auxiliaries, adverbs
_NOT_SOURCES = frozenset(word_list("attribution.txt", "not_sources"))  # 'Despite', 'Amid': no one
_PLAIN_WORDS = re.compile(r"(?:\s+[\w’'\-]+){1,3}\s+")
_OBJECT_NEXT = re.compile(r"(?<!according)\s+(?:of|about|on|with|against|to|at|over)$", re.I)  # PolNeAR: 2,568 such
# cues have their source before them, 111 after ('has the support of', 'was the brainchild of')
_BLAME_CUE = re.compile(r"\b(?:attributed|blamed)\s+(?:to|on)$", re.I)  # 'shootings ... attributed to X': X did it, did not say it


def _up_to_cue(text: str, source: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """A source that stops a few words short of its cue runs on to it when those words can only
    finish its noun phrase ('the Obama [administration] said'), not time, place or adverbs."""
    gap = _PLAIN_WORDS.fullmatch(text, source[1], cue[0])
    if not gap or any(w.lower() in _NOT_IN_SOURCE or w.endswith(("ly", "ed")) for w in gap.group().split()):
        return source
    return source[0], source[1] + len(gap.group().rstrip())


FEELING_PARTICIPLES = frozenset(word_list("attribution.txt", "feeling_participles"))  # 'was delighted by': the subject feels
_BE = r"(?:(?:has|have|had)\s+been|is|are|was|were|be|being)\s+(?:\w+ly\s+)?"  # before a participle: 'has been widely'
_BY_PASSIVE = re.compile(_BE + r"(\w+(?:ed|en)|seen|told)(?:\s+by)?$", re.I)
_BY_AGENT = re.compile(  # up to a clause's next part: 'by some [as a threat]', 'by Obama [and confirmed by]'
    r"\s*by\s+((?:(?!\s(?:for|after|over|because|when|while|since|that|to|on|at|as|already|also|(?:and|or)\s+\w+ed)\s)"
    r"[^,.;:“”\"()])+)")


def _passive_agent(text: str, cue: tuple[int, int], sentence_end: int, tagged: dict | None) -> tuple[int, int] | None:
    """The agent of a passive cue ('was accused by [a reporter]', 'is backed by [34% of voters]'):
    its source, after the cue; not of a feeling ('was delighted by': the subject feels it)."""
    passive = _BY_PASSIVE.search(text, cue[0], cue[1])
    if not passive or passive.end() != cue[1] or passive.group(1).lower() in FEELING_PARTICIPLES:
        return None
    agent = _BY_AGENT.match(text, cue[1], sentence_end)
    if not agent:
        return None
    if tagged:
        for source in tagged["source"].near(agent.start(1), agent.start(1), reach=2):
            if source[0] == agent.start(1):
                return source
    return agent.start(1), len(agent.group(1).rstrip()) + agent.start(1)


_BY_NEXT = re.compile(r"\s+by\b")
_ASKED_CLAUSE = re.compile(r"\b(?:when|after|if|once|before|until|as)\s+asked$", re.I)
_SUBJECT_PASSIVE = re.compile(_BE + r"(\w+(?:ed|en)|seen|told|said|thought|known)(?:\s+(?:of|as|with|that|to|about|in))?", re.I)


def _passive_on_subject(text: str, cue: tuple[int, int]) -> bool:
    """A passive cue with no agent ('Mr. Strzok was accused of', 'is expected to'): its subject is
    what the words are about, not who says them (PolNeAR: 396 of 447 such cues have no source
    there, the rest states of mind, 'were frustrated that', which keep theirs)."""
    passive = _SUBJECT_PASSIVE.fullmatch(text, *cue)
    return bool(passive) and passive.group(1).lower() not in FEELING_PARTICIPLES


def _agentless(text: str, sentence_start: int, cue: tuple[int, int]) -> bool:
    """An agentless passive cue ('have been reported'), not a progressive one ('is warning')."""
    if text[cue[0]:cue[1]].lower().endswith("ing"):
        return False
    return bool(_PASSIVE.search(text[sentence_start:cue[0]]) or _PASSIVE_CUE.match(text, *cue))


def extract(doc: Document, contextual: bool = False) -> list[Attribution]:
    """Attributions for every cue and every quotation; quotes without a cue get no source.
    `contextual`: spans from the contextual mode's tagger."""
    text = doc.text
    found: list[Attribution] = []
    tagged = _tagged(doc, contextual)
    cues = sorted(c for c in (tagged["cue"] if tagged else _cue_spans(doc)) if doc.sentence_at(c[0]) is not None)
    quote_of = _assign_quotes(doc, cues)
    cue_index, top_quotes = SpanIndex(cues), SpanIndex(q for q in doc.quotations if q.depth == 0)
    for cue in cues:
        sentence = joined_sentence(doc, cue[0])
        quote = quote_of.get(cue)
        agent = quote is None and _passive_agent(text, cue, sentence.end, tagged)
        if agent:  # 'was accused by a reporter': the cue runs through 'by', the agent is its source
            by = (cue[0], text.rindex("by", cue[0], agent[0]) + 2)
            content_span = tagged and _nearest(tagged["content"], by, sentence, avoid=agent)
            content = _span(doc, *content_span) if content_span else None
            found.append(Attribution(_span(doc, *by), _span(doc, *_source_bounds(text, agent, by)), content, "indirect"))
            continue
        if quote is None and (_passive_on_subject(text, cue)
                              or not (tagged and _source_next_to(tagged, cue)) and _agentless(text, sentence.start, cue)):
            content_span = tagged and _nearest(tagged["content"], cue, sentence)
            content = _span(doc, *content_span) if content_span else _trimmed(doc, sentence.start, sentence.end)
            found.append(Attribution(_span(doc, *cue), None, content, "indirect"))
            continue
        after = _source_after(text, cue[1], sentence.end)
        before = _name_before(text, cue[0], sentence.start)
        src = before or after
        if text[cue[0]:cue[1]].lower() in ("according to",) or (quote and quote.end <= cue[0] and after):
            src = after or before
        if not contextual:  # the contextual tagger's sources are better than the first name in the sentence
            src = src or _sentence_subject(doc, sentence.start, cue[0])
        if tagged:
            src = _tagged_source(text, tagged, cue, sentence, src, before, after)
        if src and src[0] >= cue[1] and _OBJECT_NEXT.search(text, cue[0], cue[1]) and "," not in text[cue[1]:src[0]]:
            src = None  # 'has been critical of Trump': its object; not 'Asked about it, Clinton said'

        source = _span(doc, *_source_bounds(text, src, cue)) if src else None
        if source is not None and set(source.text.lower().split()) <= _NOT_SOURCES:
            source = None  # 'Despite concerns about': no one
        if source is not None and quote is None and _BLAME_CUE.search(text[cue[0]:cue[1]]):
            source = None  # the one blamed is no source of the words; a quotation makes it a saying
        if source is not None and _ASKED_CLAUSE.search(text, max(0, cue[0] - 12), cue[1]):
            # 'When asked if the plan was feasible, Gale said': Gale was asked; the asker is unnamed, or named after 'by'
            by = _BY_NEXT.match(text, cue[1])
            asker = by and _source_after(text, by.end(), sentence.end)
            source = _span(doc, *asker) if asker else None
        content_span = tagged and _nearest(tagged["content"], cue, sentence, avoid=src)
        if content_span:  # within the cue's sentence: the next one has its own cue, or is the reporter's
            content_span = (max(content_span[0], sentence.start), min(content_span[1], sentence.end))
            ending = [c[0] for c in cue_index.overlapping(*content_span)
                      if cue[0] < c[0] and content_span[0] < c[0] and c[1] == content_span[1]]
            if ending:  # 'spoke strongly against [Haftar's attacks] saying': the next cue is no content
                content_span = (content_span[0], len(text[:ending[0]].rstrip(" ,")))
            if quote is not None and _overlaps(content_span, (quote.start, quote.end)):
                content_span = (min(quote.start, content_span[0]), max(quote.end, content_span[1]))
            quoted = quote is not None or doc.quoted_chars(*content_span) > 0
            content, kind = _span(doc, *content_span), "direct" if quoted else "indirect"
        elif quote is not None:
            content = _span(doc, quote.start, quote.end)  # with its marks, as PolNeAR annotates
            kind = "direct"
        elif contextual:  # its tagger marks content well enough that the rest of the sentence is no better a guess
            content, kind = None, "indirect"
        else:
            if src and src[0] > cue[1]:  # "..., reported a local outlet": content precedes the cue
                c_start, c_end = sentence.start, cue[0]
            else:
                c_start = src[1] if src and src[1] > cue[1] else cue[1]
                later = [c[0] for c in cue_index.overlapping(cue[0], sentence.end) if c[0] > cue[0]]
                quotes_after = [q.start for q in top_quotes.overlapping(c_start, sentence.end) if q.start >= c_start]
                c_end = min(later + quotes_after + [sentence.end])
            content = _trimmed(doc, c_start, c_end)
            kind = "indirect"
        found.append(Attribution(_span(doc, *cue), source, content, kind))
    found.extend(_nominal_attributions(doc))
    used_quotes = {q.start for a in found if a.content for q in top_quotes.overlapping(a.content.start, a.content.end)}
    sourced_cues = SpanIndex([a for a in found if a.source], key=lambda a: a.cue)
    sourced = sorted((a for a in found if a.source), key=lambda a: (a.content or a.cue).end)
    for q in top_quotes.spans:
        if q.start not in used_quotes and len(text[q.start:q.end].split()) > 3:
            found.append(_speaker_in_sentence(doc, q, sourced_cues) or _runs_on(doc, q, sourced)
                         or Attribution(_span(doc, q.start, q.start), None, _span(doc, q.start, q.end), "direct"))
    if tagged:
        found += _continued(doc, tagged["content"].spans, found)
    found.sort(key=lambda a: (a.content or a.cue).start)
    return found


CONTINUATION_CHARS = 600  # tagged content this close after a sourced cue continues that source's words
MIN_CONTINUED_WORDS = 4  # shorter runs of tagged content alone are fragments, not someone's words


def _continued(doc: Document, contents: list[tuple[int, int]], found: list[Attribution]) -> list[Attribution]:
    """Tagged content that no attribution holds. A quotation is the words of the last source cued
    shortly before (a quote that runs on into the next sentence or paragraph); anything else, and a
    quotation with no source before it, is nobody named's (the reporter's words, which may follow a
    cue in the same paragraph, stay open to the unattributed-claim check)."""
    held = SpanIndex(part for a in found for part in (a.content, a.source, a.cue) if part)
    sourced = sorted((a for a in found if a.source is not None), key=lambda a: a.cue.start)
    cue_starts = [a.cue.start for a in sourced]
    result = []
    for span in contents:
        if held.overlapping(*span) or len(doc.text[span[0]:span[1]].split()) < MIN_CONTINUED_WORDS:
            continue
        kind = "direct" if doc.quoted_chars(*span) else "indirect"
        earlier = range(bisect_right(cue_starts, span[0]) - 1, -1, -1)  # a cue starting later cannot end before the span
        last = next((sourced[i] for i in earlier if sourced[i].cue.end <= span[0]), None)
        if kind == "direct" and last is not None and span[0] - last.cue.end < CONTINUATION_CHARS:
            result.append(Attribution(last.cue, last.source, _span(doc, *span), kind))
        else:
            result.append(Attribution(_span(doc, span[0], span[0]), None, _span(doc, *span), kind))
    return result


def _runs_on(doc: Document, quote: Quotation, sourced: list[Attribution]) -> Attribution | None:
    """A quotation no cue took that opens the sentence right after a sourced quotation's, in the same
    paragraph ('“A,” X said. “B.”'), or the paragraph after a sentence ending in a colon ('X said in a
    statement:'), or that is a whole paragraph of its own right after a paragraph ending in a sourced
    quotation ('“A,” X said.' then '“B.”', as news writing continues a speaker): the same source's
    words. `sourced` is sorted by where each attribution ends."""
    ends = [(a.content or a.cue).end for a in sourced]
    i = bisect_right(ends, quote.start) - 1
    if i < 0:
        return None
    last = sourced[i]
    sentence = joined_sentence(doc, last.cue.start)
    if sentence is None or sentence.end > quote.start:
        return None
    if last.kind != "direct":  # '“A,” Reeves wrote, citing precedent. “B.”': the quotation of its sentence, not 'citing'
        last = next((a for a in reversed(sourced[:i]) if a.kind == "direct" and a.source and last.source
                     and a.source.text.strip(" ,") == last.source.text.strip(" ,")
                     and joined_sentence(doc, a.cue.start) == sentence), last)
    gap = doc.text[sentence.end:quote.start]
    colon = doc.text[:sentence.end].rstrip().endswith(":")
    if gap.strip() or not (colon or (last.kind == "direct" and ("\n" not in gap or _whole_paragraph(doc, quote)))):
        return None
    return Attribution(last.cue, last.source, _span(doc, quote.start, quote.end), "direct")


MIN_PARAGRAPH_QUOTE_WORDS = 5  # shorter quoted paragraphs are headings ('“All Bets Are Off.”'), not a speaker's words


def _whole_paragraph(doc: Document, quote: Quotation) -> bool:
    """The quotation opens its paragraph and ends it, and is long enough to be someone's words."""
    before = doc.text[doc.text.rfind("\n", 0, quote.start) + 1:quote.start]
    end = doc.text.find("\n", quote.end)
    after = doc.text[quote.end:len(doc.text) if end < 0 else end]
    return not before.strip() and not after.strip(" .,;") and \
        len(doc.text[quote.start:quote.end].split()) >= MIN_PARAGRAPH_QUOTE_WORDS


def _speaker_in_sentence(doc: Document, quote: Quotation, sourced_cues: SpanIndex) -> Attribution | None:
    """A quotation no cue took, given to the one source quoted in its sentence ('X spoke against Y
    saying, “...”'). `sourced_cues` indexes the attributions that have a source by their cue."""
    sentence = joined_sentence(doc, quote.start)
    if sentence is None:
        return None
    here = [a for a in sourced_cues.overlapping(sentence.start, sentence.end) if sentence.start <= a.cue.start]
    if len({a.source.text for a in here}) != 1:
        return None
    return Attribution(here[0].cue, here[0].source, _span(doc, quote.start, quote.end), "direct")


def _nominal_attributions(doc: Document) -> list[Attribution]:
    """'X’s rejection of Y' in the reporter's voice: X is a source whose reported stance is the content Y."""
    found = []
    for m in _NOMINAL_CUE.finditer(doc.text):
        if m.group(1) in NOT_NAME_START or not doc.is_scored(m.start(), m.end()):
            continue
        if doc.quoted_chars(m.start(), m.end()) == 0 and doc.sentence_at(m.start()) is not None:
            found.append(Attribution(_span(doc, *m.span(2)), _span(doc, *m.span(1)), _span(doc, *m.span(3)),
                                     "indirect"))
    return found
