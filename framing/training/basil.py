"""BASIL (Fan et al., EMNLP 2019): read its articles and annotations, and measure the sourcing
analysis against them (`framing evaluate basil --sourcing`).

BASIL has 59 events here, each covered by Fox News, the New York Times and the Huffington Post.
Annotators marked the main entities of each article, the writer's feeling toward each, and biased
spans with their target, polarity, whether they are quoted and who speaks them. Folds are by event,
so that one story never sits on both sides of a split."""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass, field, replace
from pathlib import Path

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from framing.analysis import writer
from framing.analysis.actors import find_actors
from framing.analysis.sourcing import CRITICAL, SUPPORTIVE, sided_voices
from framing.api import audit_text
from framing.audit import Audit
from framing.errors import InputError
from framing.training import writer as writer_training

FOLDS = 5
POLARITY_SIDE = {"neg": CRITICAL, "pos": SUPPORTIVE}
REFERENCE_SPANS = (2, 3)  # the writer's feeling read off BASIL's own annotations: negative from this many spans
_FEELING = re.compile(r"(neg|neu|pos)")
_NOT_NAME_WORDS = {"the", "of", "and", "party", "administration", "house", "white", "department", "state",
                   "states", "united", "u.s.", "us", "main", "event"}


@dataclass
class Span:
    """One phrase-level annotation at absolute character offsets in `BasilArticle.text`."""
    start: int
    end: int
    bias: str  # lex or inf
    quote: bool
    speaker: str  # a name, other_anti, other_pro, other_neutral, or ''
    target: str
    polarity: str  # neg or pos


@dataclass
class BasilArticle:
    event: str
    outlet: str
    title: str
    text: str  # the title, a blank line, then the paragraphs separated by blank lines
    main_entities: list[str]
    feelings: dict[str, str]  # main entity -> neg, neu or pos (strengths dropped)
    spans: list[Span] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.text.split())


def load(data: Path) -> list[BasilArticle]:
    """Every BASIL article with its annotations, sorted by event then outlet."""
    root = Path(data) / "basil"
    if not (root / "articles").is_dir():
        raise InputError(f"{root}: the BASIL data not found (pass --data DIR)")
    articles = []
    for path in sorted((root / "articles").glob("*/*.json")):
        annotation = root / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        if annotation.is_file():
            articles.append(_article(json.loads(path.read_text(encoding="utf-8")),
                                     json.loads(annotation.read_text(encoding="utf-8")), path.stem))
    return articles


def _article(raw: dict, annotations: dict, stem: str) -> BasilArticle:
    title = (raw.get("title") or "").strip()
    text, offsets = title + "\n\n", []
    for paragraph in raw["body-paragraphs"]:
        for k, sentence in enumerate(paragraph):
            offsets.append(len(text))
            text += sentence + (" " if k < len(paragraph) - 1 else "")
        text += "\n\n"
    feelings = {}
    for key, value in annotations["article-level-annotations"].items():
        if key.startswith("author_feeling_") and key != "author_feeling_main_event":
            found = _FEELING.search(value or "")
            feelings[_entity(key.removeprefix("author_feeling_"))] = found.group(1) if found else "neu"
    article = BasilArticle(stem.rsplit("_", 1)[0], raw.get("source", ""), title, text.rstrip("\n") + "\n",
                           list(raw.get("main-entities") or []), feelings)
    for item in annotations["phrase-level-annotations"]:
        base = 0 if item["id"].startswith("t") else offsets[int(item["id"][1:])]
        article.spans.append(Span(base + item["start"], base + item["end"], item["bias"], item["quote"] == "yes",
                                  item.get("speaker") or "", _entity(item.get("target") or ""),
                                  item.get("polarity") or ""))
    return article


def _entity(name: str) -> str:
    return name.replace("_", " ").strip()


def fold_of(event: str, events: list[str]) -> int:
    return sorted(set(events)).index(event) % FOLDS


# ---- names ------------------------------------------------------------------------------------

_NAMES_IN_STOP_WORDS = {"bill", "de"}  # scikit-learn's stop words hold 'bill' ('Bill Clinton') and 'de' ('De Blasio')
_WORD_FORMS = {"gop": "republican", "republicans": "republican", "democrats": "democrat", "democratic": "democrat"}


def _name_words(name: str) -> set[str]:
    """Lower-cased name words, hyphens dropped ('Wal-Mart' ~ 'Walmart'), plurals and party forms joined
    ('Republicans' ~ 'GOP', 'Democratic' ~ 'Democrats'), generic words left out."""
    words = {w.lower().strip(".,’'").replace("-", "") for w in name.replace("/", " ").split()}
    words = {_WORD_FORMS.get(w, w[:-1] if w.endswith("s") and len(w) > 4 else w) for w in words}
    return {w for w in words if w and w not in _NOT_NAME_WORDS}


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in _NOT_NAME_WORDS - {"state", "states", "united"})


def same_entity(a: str, b: str) -> bool:
    """Two names of one entity: a shared name word ('Obama', 'Barack Obama'; 'Republicans',
    'Republican leaders'), an acronym of the other ('IRS', 'Internal Revenue Service'), or a name of
    generic words only, two or more, all inside the other ('State Department', 'State Department
    officials'; not 'House' and 'House Republicans')."""
    wa, wb = _name_words(a), _name_words(b)
    if wa & wb:
        return True
    if any(x.isupper() and len(x) > 1 and x == _initials(y) for x, y in ((a, b), (b, a))):
        return True
    return any(not _name_words(x) and len(words := _words(x)) >= 2 and words <= _words(y) for x, y in ((a, b), (b, a)))


def _words(name: str) -> set[str]:
    return {w.lower().strip(".,’'") for w in name.replace("_", " ").split()}


def _entity_of(name: str, entities: list[str]) -> str | None:
    return next((e for e in entities if same_entity(name, e)), None)


# ---- measures ---------------------------------------------------------------------------------

@dataclass
class Counts:
    """Per-article outcomes, added up over a set of articles."""
    principal: list[bool] = field(default_factory=list)
    baseline_principal: list[bool] = field(default_factory=list)
    speaker_found: list[bool] = field(default_factory=list)
    stance: list[tuple[str, str]] = field(default_factory=list)  # (gold, predicted)
    unnamed: list[bool] = field(default_factory=list)
    feeling: list[tuple[str, str]] = field(default_factory=list)  # (gold, predicted) toward the principal actor
    narration_spans: list[tuple[str, int]] = field(default_factory=list)  # (gold feeling, BASIL's own non-quoted negative spans on it)
    balance: list[tuple[float, float]] = field(default_factory=list)  # (sourcing score, quoted attacks per 1,000 words)
    lean: list[tuple[float, float]] = field(default_factory=list)  # (critical share of the sided voices, the same)
    fragments: list[str] = field(default_factory=list)


def is_fragment(name: str) -> bool:
    """Not a name: a single letter ('S' of 'U.S.'), or a name opening with a function word ('If
    Republicans', 'So Jeff Sessions')."""
    words = name.split()
    first = words[0].lower()
    return len(name.strip(".")) < 2 or words[0].islower() or (first in ENGLISH_STOP_WORDS and first not in _NAMES_IN_STOP_WORDS)


def _most_frequent_name(text: str) -> str | None:
    """The trivial baseline: the commonest capitalised word that does not open a sentence."""
    counts: dict[str, int] = {}
    for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]+", text):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    return max(counts, key=lambda k: (counts[k], k)) if counts else None


def measure(article: BasilArticle, audit: Audit, counts: Counts, held_out: dict[str, str] | None = None) -> None:
    """Add one article's outcomes to `counts`; `held_out` gives the writer's feeling (neg, neu or pos)
    toward each main entity from a model fitted without this article's event (else the audit's own)."""
    sourcing = audit.sourcing
    principal = sourcing.principal_actor if sourcing else None
    principal_entity = _entity_of(principal.name, article.main_entities) if principal else None
    counts.principal.append(principal_entity is not None)
    baseline = _most_frequent_name(article.text)
    counts.baseline_principal.append(bool(baseline and _entity_of(baseline, article.main_entities)))
    if principal is not None and is_fragment(principal.name):
        counts.fragments.append(principal.name)
    actors = {a.id: a for a in (sourcing.actors if sourcing else [])}
    stances = sourcing.sources if sourcing else []
    for span in article.spans:
        if not span.quote or not span.speaker:
            continue
        target_actor = next((a for a in actors.values() if same_entity(a.name, span.target)), None)
        if span.speaker.startswith("other_"):
            wanted = {"other_anti": CRITICAL, "other_pro": SUPPORTIVE}.get(span.speaker)
            if wanted:
                counts.unnamed.append(_inside_attribution_with(audit, span, target_actor, wanted))
            continue
        speaker = _speaker_source(audit, span, stances, target_actor)
        counts.speaker_found.append(speaker is not None)
        if speaker is not None and span.polarity in POLARITY_SIDE and _entity_of(span.target, article.main_entities):
            predicted = speaker.stances.get(target_actor.id, "unknown") if target_actor else "unknown"
            counts.stance.append((POLARITY_SIDE[span.polarity], predicted))
    if principal_entity is not None and principal_entity in article.feelings:
        predicted = held_out[principal_entity] if held_out is not None else _writer_feeling(sourcing, principal)
        counts.feeling.append((article.feelings[principal_entity], predicted))
        spans = sum(1 for s in article.spans if not s.quote and s.polarity == "neg" and same_entity(s.target, principal_entity))
        counts.narration_spans.append((article.feelings[principal_entity], spans))
    if principal_entity is not None and audit.scores["sourcing"]["score"] is not None:  # judged balances only
        attacks = sum(1 for s in article.spans if s.quote and s.polarity == "neg" and same_entity(s.target, principal_entity))
        counts.balance.append((audit.scores["sourcing"]["score"], 1000 * attacks / max(article.words, 1)))
        critical, supportive = sided_voices(sourcing.sides)
        counts.lean.append((critical / (critical + supportive), counts.balance[-1][1]))


def _speaker_source(audit: Audit, span: Span, stances: list, target) -> object | None:
    """The framing source that stands for BASIL's speaker of `span`. Every source whose name shares a
    capitalised name word with the speaker is a candidate ('Mr. Trump' and 'Donald J. Trump' both;
    not 'Obama campaign' for 'Romney campaign', whose shared word is no name): the one whose
    attribution holds the span said it, else the first whose stance toward the target is known, else
    the first. With no candidate, a source that speaks for or belongs to an actor of the speaker's
    name (a member of BASIL's group speaker 'Republican lawmakers', a White House spokesman) stands
    for it when its attribution holds the span."""
    speaker = _entity(span.speaker)
    candidates = [s for s in stances if same_entity(" ".join(w for w in s.name.split() if w[:1].isupper()), speaker)]
    if not candidates:
        groups = {a.id for a in (audit.sourcing.actors if audit.sourcing else []) if same_entity(a.name, speaker)}
        candidates = [s for s in stances if groups & set(s.speaks_for)]
        if not any(_holds(audit, s, span) for s in candidates):
            return None
    known = [s for s in candidates if target is not None and s.stances.get(target.id, "unknown") in (CRITICAL, SUPPORTIVE)]
    return next((s for s in candidates if _holds(audit, s, span)), None) or next(iter(known + candidates), None)


def _holds(audit: Audit, source, span: Span) -> bool:
    """An attribution of `source` holds (overlaps) the span."""
    return any(a.source_id == source.source_id and a.content and a.content.start < span.end and span.start < a.content.end
               for a in audit.attributions)


def _writer_feeling(sourcing, actor) -> str:
    """neg, neu or pos: the writer's own stance toward `actor` (framing/analysis/writer.py)."""
    stance = sourcing.writer.get(actor.id) if sourcing is not None else None
    return writer_training.FEELING[stance.label] if stance is not None else "neu"


def writer_pairs(article: BasilArticle, audit: Audit, fold: int) -> list[writer_training.Pair]:
    """One pair per main entity with a feeling: the narration features of the actor that names it
    (the principal actor, else a main actor, else any actor of the text; none found: all zero)."""
    sourcing, doc = audit.sourcing, audit.document
    main = list(sourcing.actors) if sourcing else []
    principal = sourcing.principal_actor if sourcing else None
    principal_entity = _entity_of(principal.name, article.main_entities) if principal else None
    pairs = []
    for entity, feeling in article.feelings.items():
        actor = principal if entity == principal_entity else next((a for a in main if same_entity(a.name, entity)), None)
        actors = main
        if actor is None:
            found = next((a for a in find_actors(doc) if same_entity(a.name, entity)), None)
            actor = replace(found, id="entity") if found is not None else None
            actors = main + ([actor] if actor is not None else [])
        if actor is None:
            values = dict.fromkeys(writer.FEATURES, 0.0)
        else:
            told = writer.narration(doc, audit.attributions, actors)
            values = writer.actor_features(doc, actor, told, audit.attributions, audit.sources, audit.findings)[0]
        pairs.append(writer_training.Pair(fold, f"{article.event}_{article.outlet}", entity, feeling,
                                          entity == principal_entity, values))
    return pairs


def _inside_attribution_with(audit: Audit, span: Span, actor, wanted: str) -> bool:
    """The span lies in an attribution whose source takes the `wanted` side toward `actor`."""
    stance_of = {s.source_id: s for s in (audit.sourcing.sources if audit.sourcing else [])}
    for a in audit.attributions:
        parts = [p for p in (a.cue, a.content) if p is not None]
        start, end = min(p.start for p in parts), max(p.end for p in parts)
        if start < span.end and span.start < end and a.source_id in stance_of:
            stances = stance_of[a.source_id].stances
            side = stances.get(actor.id) if actor else stance_of[a.source_id].side
            if side == wanted:
                return True
    return False


def _share(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 3) if flags else None


def _macro_f1(pairs: list[tuple[str, str]]) -> float | None:
    if not pairs:
        return None
    f1s = []
    for label in (CRITICAL, SUPPORTIVE):
        tp = sum(1 for g, p in pairs if g == label and p == label)
        predicted = sum(1 for _, p in pairs if p == label)
        gold = sum(1 for g, _ in pairs if g == label)
        precision, recall = tp / predicted if predicted else 0.0, tp / gold if gold else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return round(sum(f1s) / len(f1s), 3)


def _spearman(pairs: list[tuple[float, float]]) -> float | None:
    if len(pairs) < 3:
        return None
    from scipy.stats import spearmanr  # lazy: scipy.stats is slow to import and only evaluation needs it

    value = spearmanr([a for a, _ in pairs], [b for _, b in pairs]).statistic
    return None if value != value else round(float(value), 3)


def summary(counts: Counts) -> dict:
    """The measures of issue 22's table, with the trivial baselines beside them."""
    polar = [(g, p) for g, p in counts.feeling if g in ("neg", "pos")]
    neutral = [(g, p) for g, p in counts.feeling if g == "neu"]
    return {
        "articles": len(counts.principal),
        "principal_actor": _share(counts.principal),
        "principal_actor_baseline": _share(counts.baseline_principal),
        "speaker_found": _share(counts.speaker_found), "speakers": len(counts.speaker_found),
        "stance_accuracy": _share([g == p for g, p in counts.stance]), "stance_items": len(counts.stance),
        "stance_macro_f1": _macro_f1(counts.stance),
        "stance_baseline_all_critical": _share([g == CRITICAL for g, _ in counts.stance]),
        "stance_baseline_macro_f1": _macro_f1([(g, CRITICAL) for g, _ in counts.stance]),
        "unnamed_sides": _share(counts.unnamed), "unnamed_items": len(counts.unnamed),
        "writer_feeling": _share([g == p for g, p in polar]), "writer_items": len(polar),
        "writer_baseline_always_negative": _share([g == "neg" for g, _ in polar]),
        "writer_neutral_kept": _share([p == "neu" for _, p in neutral]), "writer_neutral_items": len(neutral),
        "writer_reference": {least: (_share([n >= least for g, n in counts.narration_spans if g != "neu"]),
                                     _share([n < least for g, n in counts.narration_spans if g == "neu"]))
                             for least in REFERENCE_SPANS},
        "balance_spearman": _spearman(counts.balance), "balance_items": len(counts.balance),
        "lean_spearman": _spearman(counts.lean),
        "fragments": counts.fragments,
    }


def evaluate_sourcing(data: Path, contextual: bool = False) -> dict:
    """Audit every BASIL article; the measures over all articles and per event fold (mean and spread).
    The writer's feeling comes from models fitted without the article's event fold (the shipped
    model has seen every article)."""
    articles = load(data)
    events = [a.event for a in articles]
    audits = [audit_text(article.text, readability=False, contextual=contextual) for article in articles]
    pairs = [writer_pairs(article, audit, fold_of(article.event, events)) for article, audit in zip(articles, audits)]
    flat = [pair for article_pairs in pairs for pair in article_pairs]
    writer_cv = writer_training.cross_validate(flat)
    predicted = iter(writer_cv["predicted"])
    held_out = [{pair.entity: next(predicted) for pair in article_pairs} for article_pairs in pairs]
    every, by_fold = Counts(), [Counts() for _ in range(FOLDS)]
    for article, audit, feelings in zip(articles, audits, held_out):
        measure(article, audit, every, feelings)
        measure(article, audit, by_fold[fold_of(article.event, events)], feelings)
    result = summary(every)
    result["writer_all_entities"] = writer_cv["all"]
    folds = [summary(c) for c in by_fold]
    result["folds"] = FOLDS
    result["events"] = len(set(events))
    result["spread"] = {key: round(statistics.pstdev([f[key] for f in folds if f[key] is not None]), 3)
                        for key in ("principal_actor", "stance_accuracy", "stance_macro_f1", "unnamed_sides",
                                    "writer_feeling", "writer_neutral_kept", "balance_spearman", "lean_spearman")
                        if sum(f[key] is not None for f in folds) > 1}
    return result
