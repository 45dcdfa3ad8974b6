"""The writer's own stance toward each main actor, read from the narration alone: the reporter's words
outside quotations and outside what sources are reported to say (issue 22).

Per actor, the narration sentences about it (it is named there, or the sentence opens with a pronoun
right after one that named it first) give the features: how negative and how positive their wording
is (VADER), the reporter's loaded-language findings in them and which way each leans, the
unattributed claims about the actor that take a side (verdicts), the loaded reporting verbs that
introduce the actor's own words ('claimed', 'insisted'), and how much the story is about the actor.
The shipped model (framing/models/writer_stance.py, fitted on BASIL by framing/training/writer.py)
turns them into a label, negative, neutral or positive, with its probability; the evidence spans say
why, so a report can show them. Without a model every label is neutral and the evidence still shows."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from framing import categories
from framing.analysis.actors import Actor, refers_to
from framing.analysis.stance_words import StanceWords
from framing.findings import Attribution, Finding, Source, TextSpan
from framing.models import writer_stance
from framing.resources import word_list
from framing.text.document import REPORTER, Document
from framing.text.spans import SpanIndex

NEGATIVE, NEUTRAL, POSITIVE = "negative", "neutral", "positive"
FEATURES = ("mentions", "sentences", "narration_negative", "narration_positive", "loaded_negative",
            "loaded_positive", "verdicts_negative", "verdicts_positive", "reporting_verbs")
TONE_EVIDENCE = 0.5  # |VADER compound| from which a narration sentence is shown as evidence of its tone
VERDICT_TONE = 0.2  # |VADER compound| from which loaded wording alone gives a verdict a side
MAX_EVIDENCE = 6

_PRONOUNS = frozenset(word_list("writer_stance.txt", "pronouns"))
_NEGATIVE_CATEGORIES = frozenset(word_list("writer_stance.txt", "negative_categories"))
_POSITIVE_CATEGORIES = frozenset(word_list("writer_stance.txt", "positive_categories"))
_NOT_JUDGEMENT = frozenset(word_list("writer_stance.txt", "not_judgement"))
_FIRST_WORD = re.compile(r"[\W_]*(\w+)")
_PUNCTUATION_ONLY = re.compile(r"[\W_]*")

Piece = tuple[int, int]  # a stretch of narration: absolute (start, end)


@dataclass(frozen=True)
class WriterEvidence:
    span: TextSpan
    lean: str  # negative or positive
    kind: str  # tone (a sentence's wording), loaded (a loaded-language finding), verdict, reporting_verb
    reason: str


@dataclass
class WriterStance:
    """The writer's own stance toward one actor, from the narration about it."""

    actor_id: str
    name: str
    label: str  # negative, neutral or positive
    probability: float  # the model's probability that the writer leans either way (0 without a model)
    sentences: int  # narration sentences about the actor
    features: dict[str, float] = field(default_factory=dict)
    evidence: list[WriterEvidence] = field(default_factory=list)


# ---- narration ------------------------------------------------------------------------------

def _subtract(start: int, end: int, holes: SpanIndex) -> list[Piece]:
    """[start, end) without the parts covered by `holes` (indexed in order of start)."""
    pieces, at = [], start
    for hole_start, hole_end in holes.overlapping(start, end):
        if hole_end <= at or hole_start >= end:
            continue
        if hole_start > at:
            pieces.append((at, hole_start))
        at = max(at, hole_end)
    if at < end:
        pieces.append((at, end))
    return pieces


@dataclass
class Narration:
    """The reporter's own words, and which sentences of them are about which actor."""

    pieces: dict[int, list[Piece]]  # sentence index -> its narration
    about: dict[str, list[int]]  # actor id -> the narration sentences about it
    named: dict[int, list[tuple[int, str]]]  # sentence index -> (offset, actor id) of each actor it is about
    _tones: dict[int, dict[str, float]] = field(default_factory=dict, repr=False)  # sentence index -> tone()

    def tone(self, doc: Document, index: int) -> dict[str, float]:
        """VADER's scores of sentence `index`'s narration (features.tone), worked out once for all the
        actors the sentence is about."""
        if index not in self._tones:
            from framing.models.features import tone  # lazy: scikit-learn, which importing the analysis need not load

            self._tones[index] = tone(_text(doc, self.pieces[index]))
        return self._tones[index]

    def nearest(self, index: int, offset: int) -> str | None:
        """The actor named closest to `offset` in sentence `index` (a pronoun sentence's actor at its start)."""
        return min(self.named.get(index, []), key=lambda m: abs(m[0] - offset), default=(0, None))[1]


def narration_pieces(doc: Document, attributions: list[Attribution]) -> dict[int, list[Piece]]:
    """Sentence index -> the reporter's own words in it: each scored sentence without quoted speech
    and without the content of sourced attributions (what a source is reported to say)."""
    holes = SpanIndex(sorted([(q.start, q.end) for q in doc.quotations if q.depth == 0]
                             + [(a.content.start, a.content.end) for a in attributions
                                if a.content is not None and a.source is not None]))
    found = {}
    for index, sentence in enumerate(doc.sentences):
        if not doc.is_scored(sentence.start, sentence.end):
            continue
        pieces = [(s, e) for s, e in _subtract(sentence.start, sentence.end, holes)
                  if not _PUNCTUATION_ONLY.fullmatch(doc.text[s:e])]
        if pieces:
            found[index] = pieces
    return found


def _inside(pieces: list[Piece], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in pieces)


def _text(doc: Document, pieces: list[Piece]) -> str:
    return " ".join(doc.text[s:e].strip() for s, e in pieces)


def narration(doc: Document, attributions: list[Attribution], actors: list[Actor]) -> Narration:
    """The narration and the sentences about each actor: those whose narration names it, and a
    sentence opening with a pronoun ('He', 'Their') right after one whose narration names it first."""
    pieces = narration_pieces(doc, attributions)
    named: dict[int, list[tuple[int, str]]] = {}
    for actor in actors:
        for mention in actor.mentions:
            index = doc.sentence_index(mention.start)
            if index is not None and _inside(pieces.get(index, []), mention.start, mention.end):
                named.setdefault(index, []).append((mention.start, actor.id))
    for index in sorted(named):
        following = index + 1
        if following in pieces and following not in named and not doc.sentences[following].is_title:
            opening = _FIRST_WORD.match(doc.text, doc.sentences[following].start)
            if opening and opening.group(1).lower() in _PRONOUNS and pieces[following][0][0] <= opening.start(1):
                named[following] = [(opening.start(1), min(named[index])[1])]
    about: dict[str, list[int]] = {a.id: [] for a in actors}
    for index in sorted(named):
        for actor_id in dict.fromkeys(actor_id for _, actor_id in named[index]):
            about[actor_id].append(index)
    return Narration(pieces, about, named)


# ---- features and evidence ------------------------------------------------------------------

def _loaded_lean(finding: Finding, sentence_compound: float) -> str | None:
    """Which way a loaded-language finding leans toward whoever its sentence is about: by its category
    (lexicons/writer_stance.txt), else by the sentiment of its sentence's narration, else of its words
    ('innocent civilians' in a sentence that reads negative leans negative)."""
    from framing.models.features import sentiment  # lazy: scikit-learn, which importing the analysis need not load

    if finding.category in _NEGATIVE_CATEGORIES:
        return NEGATIVE
    if finding.category in _POSITIVE_CATEGORIES:
        return POSITIVE
    for compound in (sentence_compound, sentiment(finding.text)):
        if abs(compound) >= 0.05:
            return NEGATIVE if compound < 0 else POSITIVE
    return None


def _verdict_lean(doc: Document, claim: Finding, loaded: list[Finding],
                  stance_words: StanceWords) -> tuple[str | None, list[str]]:
    """An unattributed claim takes a side by its stance words ('condemned', 'praised'), or by its
    sentiment when it also holds loaded wording. Returns the lean and the words that give it."""
    from framing.models.features import sentiment  # lazy: scikit-learn, which importing the analysis need not load

    words = [(NEGATIVE if category == "critical" else POSITIVE, s, e)
             for category, _, s, e in stance_words.within(claim.start, claim.end)]
    score = sum(1 if lean == NEGATIVE else -1 for lean, _, _ in words)
    reasons = [doc.text[s:e] for _, s, e in words]
    if not score and loaded:
        tone = sentiment(claim.text)
        score = 1 if tone <= -VERDICT_TONE else -1 if tone >= VERDICT_TONE else 0
        reasons = [f.text for f in loaded]
    return (NEGATIVE if score > 0 else POSITIVE if score < 0 else None), reasons


def _speaks(actor: Actor, source: Source) -> bool:
    return any(refers_to(source.name, v) or refers_to(v, source.name) for v in actor.variants)


def actor_features(doc: Document, actor: Actor, told: Narration, attributions: list[Attribution],
                   sources: list[Source], findings: list[Finding],
                   stance_words: StanceWords | None = None) -> tuple[dict[str, float], list[WriterEvidence]]:
    """The model's features (FEATURES) for one actor and the evidence behind them. A loaded word counts
    for the actor named nearest to it in its sentence; a sentence's tone and a verdict for every actor
    the sentence is about."""
    stance_words = stance_words or StanceWords(doc)
    values = dict.fromkeys(FEATURES, 0.0)
    evidence: list[WriterEvidence] = []
    counts = dict.fromkeys(("loaded_negative", "loaded_positive", "verdicts_negative", "verdicts_positive",
                            "reporting_verbs"), 0)
    sentences = told.about[actor.id]
    loaded = SpanIndex(f for f in findings if f.dimension == "loaded_language" and f.voice == REPORTER
                       and f.category not in _NOT_JUDGEMENT)
    claims = SpanIndex(f for f in findings
                       if f.dimension == "unattributed" and categories.get(f.category).scope == "sentence")
    for index in sentences:
        mine = told.pieces[index]
        scores = told.tone(doc, index)
        values["narration_negative"] += scores["neg"]
        values["narration_positive"] += scores["pos"]
        if abs(scores["compound"]) >= TONE_EVIDENCE:
            lean = NEGATIVE if scores["compound"] < 0 else POSITIVE
            start, end = mine[0][0], mine[-1][1]
            evidence.append(WriterEvidence(TextSpan(start, end, doc.text[start:end]), lean, "tone",
                                           f"the narration about {actor.name} reads {lean} (VADER {scores['compound']:+.2f})"))
        in_sentence = [f for f in loaded.overlapping(mine[0][0], mine[-1][1]) if _inside(mine, f.start, f.end)]
        for finding in in_sentence:
            lean = _loaded_lean(finding, scores["compound"])
            if lean is not None and told.nearest(index, finding.start) == actor.id:
                counts[f"loaded_{lean}"] += 1
                evidence.append(WriterEvidence(TextSpan(finding.start, finding.end, finding.text), lean, "loaded",
                                               f"{categories.get(finding.category).label} in the reporter's voice"))
        sentence = doc.sentences[index]
        for claim in claims.overlapping(sentence.start, sentence.end):
            lean, reasons = _verdict_lean(doc, claim, [f for f in in_sentence if claim.start <= f.start < claim.end],
                                          stance_words)
            if lean is not None:
                counts[f"verdicts_{lean}"] += 1
                evidence.append(WriterEvidence(TextSpan(claim.start, claim.end, claim.text), lean, "verdict",
                                               f"an unattributed claim about {actor.name} ({', '.join(reasons)})"))
    speaking = {s.id for s in sources if _speaks(actor, s)}
    cues = [a.cue for a in attributions if a.source_id in speaking]
    for finding in findings:
        if finding.category == "reporting_verb" and any(c.start <= finding.start < c.end for c in cues):
            counts["reporting_verbs"] += 1
            evidence.append(WriterEvidence(TextSpan(finding.start, finding.end, finding.text), NEGATIVE,
                                           "reporting_verb", f"a reporting verb that judges what {actor.name} said"))
    values.update({name: math.log1p(n) for name, n in counts.items()})
    values["mentions"] = math.log1p(len(actor.mentions))
    values["sentences"] = math.log1p(sum(1 for i in sentences if not doc.sentences[i].is_title))
    return values, _strongest(evidence)


_KIND_RANK = {"verdict": 0, "loaded": 1, "reporting_verb": 2, "tone": 3}


def _strongest(evidence: list[WriterEvidence]) -> list[WriterEvidence]:
    """The evidence in text order, at most MAX_EVIDENCE items, verdicts and loaded words first."""
    kept = sorted(evidence, key=lambda e: (_KIND_RANK[e.kind], e.span.start))[:MAX_EVIDENCE]
    return sorted(kept, key=lambda e: e.span.start)


# ---- the stance -----------------------------------------------------------------------------

def label_of(values: dict[str, float], model: writer_stance.WriterModel | None) -> tuple[str, float]:
    """The label and the model's probability that the writer leans either way."""
    if model is None:
        return NEUTRAL, 0.0
    leans = model.leans.probability(values)
    if leans < model.threshold:
        return NEUTRAL, leans
    label = NEGATIVE if model.negative.probability(values) >= 0.5 else POSITIVE
    if not _judged_in_own_words(values, label):
        return NEUTRAL, leans
    return label, leans


def _judged_in_own_words(values: dict[str, float], label: str) -> bool:
    """A lean needs the writer's own judgement that way (a loaded word or a verdict; for a negative
    lean also a judging reporting verb), not tone and salience alone: wire copy full of grim news is
    not the writer's verdict (docs/EVALUATION.md)."""
    ways = ("loaded_negative", "verdicts_negative", "reporting_verbs") if label == NEGATIVE else \
        ("loaded_positive", "verdicts_positive")
    return sum(values.get(k, 0.0) for k in ways) > 0


def writer_stances(doc: Document, attributions: list[Attribution], sources: list[Source], findings: list[Finding],
                   actors: list[Actor], stance_words: StanceWords | None = None) -> dict[str, WriterStance]:
    """Actor id -> the writer's own stance toward it, for each of `actors` (the main actors)."""
    told = narration(doc, attributions, actors)
    stance_words = stance_words or StanceWords(doc)
    model = writer_stance.shipped_model()
    stances = {}
    for actor in actors:
        values, evidence = actor_features(doc, actor, told, attributions, sources, findings, stance_words)
        label, probability = label_of(values, model)
        stances[actor.id] = WriterStance(actor.id, actor.name, label, round(probability, 3), len(told.about[actor.id]),
                                         {k: round(v, 4) for k, v in values.items()}, evidence)
    return stances
