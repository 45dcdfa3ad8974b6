"""The actors of a story: names found in the text, their variants merged into one actor ('Haftar',
'General Khalifa Haftar'), scored by mentions and headline presence; the main actors and the
principal one, whose sides the sourcing analysis weighs (framing/analysis/sourcing.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from framing.analysis.names import NAME, NOT_NAME_START, ORG, POSSESSIVE_END
from framing.findings import TextSpan
from framing.resources import alternation, word_list
from framing.text.document import Document

MAIN_ACTORS = 5
MIN_ACTOR_SCORE = 2.0

_TITLE_WORDS = re.compile(rf"^(?:(?:{alternation(word_list('names.txt', 'titles'))})\s+)+")
_LOCATIVE = re.compile(r"\b(?:in|at|near|on|from|to|into|across|outside|inside|around|towards?|"
                       r"(?:east|west|north|south)\s+of)\s+$", re.I)


@dataclass
class Actor:
    id: str
    name: str  # canonical: the longest variant, titles stripped
    variants: list[str] = field(default_factory=list)
    mentions: list[TextSpan] = field(default_factory=list)
    in_title: bool = False
    place_mentions: int = 0
    score: float = 0.0


def _strip_title(name: str) -> str:
    return _TITLE_WORDS.sub("", name)


def _name_parts(doc: Document, start: int, end: int):
    """Split a capitalised run at possessives: 'General Khalifa Haftar’s Operation Dignity' gives
    'Khalifa Haftar' and 'Operation Dignity'. Yields (start, end) spans."""
    text = doc.text
    part_start = start
    for m in re.finditer(r"\S+", text[start:end]):
        word_end = start + m.end()
        if POSSESSIVE_END.search(m.group()):
            yield part_start, word_end - 2
            part_start = word_end + 1
    if part_start < end:
        yield part_start, end


def _candidate_mentions(doc: Document) -> list[tuple[str, int, int, bool]]:
    """(name, start, end, is_place) for every capitalised name in the scored body."""
    found = []
    lower_words = set(re.findall(r"\b[a-z][\w’'\-]*", doc.text))
    for block in doc.scored_blocks:
        if block.kind == "title":
            continue
        for m in NAME.finditer(doc.text, block.start, block.end):
            for s, e in _name_parts(doc, *m.span()):
                words = doc.text[s:e].split()
                while words and words[0] in NOT_NAME_START:
                    s += len(words.pop(0)) + 1
                    while s < e and doc.text[s].isspace():
                        s += 1
                if not words:
                    continue
                name = _strip_title(" ".join(words))
                if not name or not name[0].isupper() or _sentence_opener(doc, s, name, lower_words):
                    continue
                found.append((name, s, e, bool(_LOCATIVE.search(doc.text, max(block.start, s - 16), s))))
    return found


def _sentence_opener(doc: Document, start: int, name: str, lower_words: set[str]) -> bool:
    """A single capitalised word opening a sentence that the text also uses in lower case ('Clashes')."""
    sentence = doc.sentence_at(start)
    at_start = sentence is not None and doc.text[sentence.start:start].strip(" “\"‘'(") == ""
    return at_start and " " not in name and name.lower() in lower_words


def refers_to(short: str, full: str) -> bool:
    """'Haftar' → 'Khalifa Haftar', 'Shura Council' → 'Derna Shura Council', 'Za’tari' → 'Al-Za’tari',
    'GNA' → 'Government of National Accord'."""
    if short == full:
        return True
    if not short.isupper() and short.split()[-1].split("-")[-1] not in full:
        return False
    short_words, full_words = short.split(), full.split()
    if len(short_words) < len(full_words) and full_words[-len(short_words):] == short_words:
        return True
    if len(short_words) == 1 and short == full_words[-1].split("-")[-1] and len(full_words) > 1:
        return True
    initials = "".join(w[0] for w in full_words if w[0].isupper())
    return short.isupper() and len(short) > 1 and short == initials


def find_actors(doc: Document) -> list[Actor]:
    """Actors with merged name variants, scored by mentions, title presence and non-place use."""
    mentions = _candidate_mentions(doc)
    names = sorted({m[0] for m in mentions}, key=lambda n: (-len(n.split()), -len(n), n))
    canonical: dict[str, str] = {}
    for name in names:  # longest first: a shorter name joins the longest full name it refers to
        target = next((c for c in canonical.values() if refers_to(name, c)), None)
        canonical[name] = target or name
    actors: dict[str, Actor] = {}
    for name, s, e, is_place in mentions:
        key = canonical[name]
        actor = actors.setdefault(key, Actor("", key))
        if name not in actor.variants:
            actor.variants.append(name)
        actor.mentions.append(TextSpan(s, e, doc.text[s:e]))
        actor.place_mentions += is_place
    _add_common_references(doc, actors.values())
    title = doc.title or ""
    for actor in actors.values():
        actor.in_title = (any(v in title and re.search(rf"\b{re.escape(v)}\b", title) for v in actor.variants)
                          or _head_noun_in_title(actor, title))
        named = len(actor.mentions) - actor.place_mentions
        actor.score = named + 0.3 * actor.place_mentions + (2.0 if actor.in_title else 0.0)
    return sorted(actors.values(), key=lambda a: (-a.score, a.mentions[0].start))


def _head_noun_in_title(actor: Actor, title: str) -> bool:
    """An organisation's head noun alone names it in a headline ('Council Votes ...', 'The
    Council ...'), but not as the end of another name ('Derna Shura Council')."""
    last = actor.name.split()[-1]
    if len(actor.name.split()) < 2 or not ORG.fullmatch(last):
        return False
    return bool(re.search(rf"(?:^|\b(?:The|the)\s+|\b[a-z][\w’'-]*\s+){re.escape(last)}\b", title))


def _add_common_references(doc: Document, actors) -> None:
    """'the authority' refers back to 'Calder Bay Port Authority' (organisations only)."""
    for actor in actors:
        last = actor.name.split()[-1]
        if len(actor.name.split()) < 2 or not ORG.fullmatch(last):
            continue
        pattern = re.compile(rf"\b[Tt]he\s+({re.escape(last.lower())})\b")
        for block in doc.scored_blocks:
            if block.kind != "title":
                for m in pattern.finditer(doc.text, block.start, block.end):
                    actor.mentions.append(TextSpan(m.start(1), m.end(1), m.group(1)))


def is_place(actor: Actor) -> bool:
    return actor.place_mentions * 2 >= len(actor.mentions)


def main_actors(actors: list[Actor], speaker_offsets: set[int]) -> list[Actor]:
    """The best-scored actors that are neither places nor only ever mentioned as speakers."""
    people = [a for a in actors if not is_place(a) and a.score >= MIN_ACTOR_SCORE
              and not {m.start for m in a.mentions} <= speaker_offsets][:MAIN_ACTORS]
    for index, actor in enumerate(people, 1):
        actor.id = f"a{index}"
    return people


def actors_named(actors: list[Actor], start: int, end: int) -> list[Actor]:
    return [a for a in actors if any(start <= m.start and m.end <= end for m in a.mentions)]
