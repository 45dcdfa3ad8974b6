"""Genre: does the article read as opinion or analysis, or as straight news? Cheap signals of the
writer's own voice (first and second person, questions, modal verbs, verdicts and loaded words in
the narration) against signals of reporting (attributions, quoted words, days of the week), fed
to a small logistic regression (models/genre.json, fitted by framing/training/genre.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from framing.findings import Attribution, Finding
from framing.models import genre as genre_model
from framing.text.document import REPORTER, Document

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll"})
_SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'd", "you'll"})
_MODAL = frozenset({"should", "must", "ought", "shouldn't", "mustn't"})
_WEEKDAY = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})

# The signals a reader can check, each with how the report says it.
SIGNALS = {
    "first_person": "{:.1f} first-person words (I, we) per 100 words of narration",
    "second_person": "{:.1f} words addressing the reader (you) per 100 words of narration",
    "questions": "{:.0%} of the writer's sentences are questions or exclamations",
    "modals": "{:.1f} of should, must, ought per 100 words of narration",
    "verdicts": "{:.1f} unattributed claims per 100 words of narration",
    "loaded": "{:.1f} loaded words per 100 words of narration",
    "attributions": "{:.1f} attributions per sentence",
    "quoted": "{:.0%} of the words are quoted speech",
    "weekdays": "{:.1f} days of the week per 100 words of narration",
    "biased": "{:.0%} of the writer's sentences read as biased",
}
FEATURES = tuple(SIGNALS)


# A title that labels its own section ("Opinion: ...", "...; News Analysis", "Editorial | ...").
_SECTION = r"(?:opinion|op-ed|editorial|commentary|column|news analysis|analysis|perspective|viewpoint)"
_LABELLED = re.compile(rf"^\s*{_SECTION}\s*[:|\u2013\u2014-]|[;|\u2013\u2014-]\s*{_SECTION}\s*$", re.IGNORECASE)
LABELS = {"opinion": "opinion or analysis", "mixed": "news with some signs of opinion", "news": "straight news"}
# The line that presents the writer at the end of an op-ed ('Jane Doe is a lecturer in history at Yale.',
# '... is the author of ... and a member of USA TODAY's Board of Contributors'): a byline of opinion.
_CONTRIBUTOR = re.compile(r"(?:[A-Z][\w.'’-]+\s+){1,4}(?:is|are)\s+(?:a|an|the)\s+(?:[^.\n]{0,120}?\s)?(?:columnist|"
                          r"contributor|contributing\s+(?:writer|editor|columnist)|author|professor|lecturer|historian|"
                          r"economist|fellow|op-ed\s+writer)\b|.{0,200}\bBoard\s+of\s+Contributors\b")
CONTRIBUTOR_CHARS = 300  # a contributor line is short; a longer last paragraph is the article's own


@dataclass(frozen=True)
class Genre:
    label: str  # "opinion" (opinion or analysis), "mixed" or "news" (straight news)
    probability: float  # the model's P(opinion or analysis)
    signals: dict[str, float]  # FEATURES -> value
    labelled: str = ""  # the title's section word ("News Analysis") or the contributor line that ends an op-ed: the label follows it


def read(doc: Document, findings: list[Finding], attributions: list[Attribution], biased: list[bool]) -> Genre | None:
    """How the article reads, from the shipped model (None when it is not installed); a title that
    names its section as opinion or analysis decides the label whatever the model says."""
    model = genre_model.shipped_model()
    if model is None:
        return None
    values = signals(doc, findings, attributions, biased)
    probability = round(model.opinion.probability(values), 3)
    found = _LABELLED.search(doc.title or "")
    labelled = found.group().strip(" :;|-\u2013\u2014") if found else contributor_line(doc)
    label = "opinion" if labelled else model.label(probability)
    return Genre(label, probability, {k: round(v, 4) for k, v in values.items()}, labelled)


def contributor_line(doc: Document) -> str:
    """The short line presenting the writer that ends an op-ed ('Jane Doe is a lecturer in history at
    Yale.'), one of the text's last two lines; '' when there is none."""
    for line in [line.strip() for line in doc.text.strip().splitlines() if line.strip()][-2:]:
        if len(line) <= CONTRIBUTOR_CHARS and _CONTRIBUTOR.match(line):
            return line
    return ""


def signals(doc: Document, findings: list[Finding], attributions: list[Attribution],
            biased: list[bool]) -> dict[str, float]:
    """The genre signals of an audited document; `biased` says for each sentence whether the sentence
    model reads it as biased. Hints are not counted."""
    narration: list[str] = []
    words = 0
    for block in doc.scored_blocks:
        for match in _WORD.finditer(doc.text, block.start, block.end):
            words += 1
            if doc.voice_at(match.start()) == REPORTER and match.group() != "US":  # the country, not "us"
                narration.append(match.group().lower().replace("’", "'"))
    per_100 = 100 / max(len(narration), 1)
    writer_sentences = [(s, p) for s, p in zip(doc.sentences, biased) if doc.is_scored(s.start, s.end)
                        and doc.quoted_chars(s.start, s.end) < (s.end - s.start) / 2]
    asking = sum(1 for s, _ in writer_sentences if doc.text[s.start:s.end].rstrip(" \"'”’)").endswith(("?", "!")))
    mine = [f for f in findings if f.voice == REPORTER and f.detector != "model"]
    return {
        "first_person": sum(w in _FIRST_SINGULAR or w in _FIRST_PLURAL for w in narration) * per_100,
        "second_person": sum(w in _SECOND for w in narration) * per_100,
        "questions": asking / max(len(writer_sentences), 1),
        "modals": sum(w in _MODAL for w in narration) * per_100,
        "verdicts": sum(f.dimension == "unattributed" for f in mine) * per_100,
        "loaded": sum(f.dimension == "loaded_language" for f in mine) * per_100,
        "attributions": len(attributions) / max(len(writer_sentences), 1),
        "quoted": 1 - len(narration) / max(words, 1),
        "weekdays": sum(w in _WEEKDAY for w in narration) * per_100,
        "biased": sum(p for _, p in writer_sentences) / max(len(writer_sentences), 1),
    }


NORMAL = {
    "opinion": "Opinion and analysis argue in the writer's own voice, so verdicts and loaded words are "
               "expected there; facts still need sources. Presented as news, these same signs are what an "
               "editor should look at first.",
    "mixed": "Mostly reported, with some of the writer's own judgement: check that each judgement is "
             "either sourced or clearly the writer's.",
    "news": "Straight news reports and lets its sources judge: a finding in the writer's own voice "
            "stands out here.",
}


def describe(genre: Genre, strongest: int = 3) -> dict:
    """The reading in words, for the report and the text output: the label, what is normal for the
    genre, and the signals that pushed hardest toward it (by their weight in the model)."""
    model = genre_model.shipped_model()
    toward_opinion = genre.label != "news"
    pushes = []
    if model is not None:
        weights = dict(zip(model.opinion.features, zip(model.opinion.mean, model.opinion.scale, model.opinion.coef)))
        for name, value in genre.signals.items():
            mean, scale, coef = weights.get(name, (0.0, 1.0, 0.0))
            push = coef * (value - mean) / scale
            if (push > 0) == toward_opinion and abs(push) > 0.25:
                pushes.append((abs(push), SIGNALS[name].format(value)))
    reasons = [text for _, text in sorted(pushes, reverse=True)[:strongest]]
    if genre.labelled:
        reasons.insert(0, f"the title names its section: \u201c{genre.labelled}\u201d" if re.fullmatch(_SECTION, genre.labelled, re.I)
                       else f"a line presenting the writer ends it, as op-eds do: \u201c{genre.labelled}\u201d")
    return {"label": genre.label, "reads_as": LABELS[genre.label], "probability": genre.probability,
            "reasons": reasons, "normal": NORMAL[genre.label]}
