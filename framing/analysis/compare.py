"""Two or more articles on one event compared, as plain data: the sources each quotes (matched by name
across articles), the words each uses for the same main actor, the sentences two articles share and
those only one carries, and the scores side by side with each difference explained.

It reads finished audits (framing.audit.Audit: document, sources, sourcing, findings, scores) and
imports nothing above this layer."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from framing import categories
from framing.analysis.actors import refers_to
from framing.analysis.sources import plain_name
from framing.findings import TextSpan
from framing.resources import word_list
from framing.text.document import PARAPHRASED, REPORTER, Document

# Two sentences carry the same fact or quote from this cosine of their TF-IDF vectors (content words,
# IDF over the sentences of the articles compared). Read by hand on BASIL (docs/EVALUATION.md,
# "Comparing articles on one event"): above 0.35 most pairs report the same thing.
SHARED_SIMILARITY = 0.35
QUOTE_WORDS = 5  # quotations sharing a run of this many words (or alike whole, from 3 words) are the same quote
ACTORS_SHOWN = 6
LABELS_SHOWN = 8
LABEL_REACH = 40  # characters between a loaded term and a mention of the actor it describes
_NOT_LABELS = {"editorializing", "reporting_verb", "doubt"}  # about the sentence or what is said, not the actor
_ACTOR_KINDS = {"person", "party", "organisation", "institution", "people"}  # places and others carry no labels
MIN_SHARED_WORDS = 3  # and share this many content words ('Obama said.' is no match for a long quote of Obama's)
_STOP = frozenset(word_list("stop_words.txt")) | {"said", "says", "say", "told", "added", "according", "mr", "mrs", "ms"}
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


@dataclass
class SourceCell:
    """One article's share of a matched source."""
    names: list[str]  # as that article names it ('Mr. Trump', 'President Trump')
    quoted_words: int = 0
    paraphrased_words: int = 0
    role: str = ""


@dataclass
class SourceRow:
    name: str
    kind: str
    cells: list[SourceCell | None]  # one per article; None: the article does not cite it
    only_in: int | None = None  # the one article that cites it (when there are others)


@dataclass
class Label:
    text: str
    kind: str  # title, described as, appositive, role, loaded
    count: int = 1


@dataclass
class ActorLabels:
    """The words each article uses for one actor; labels None where the article does not name it."""
    name: str
    mentions: list[int]
    labels: list[list[Label] | None]


@dataclass
class SentenceMatch:
    first: int  # index into the first article's document.sentences
    second: int
    similarity: float
    quote: str = ""  # the quoted words both carry, when they share a quotation


@dataclass
class PairAlignment:
    """The sentences two articles share, and the sentences only one of them carries."""
    first: int  # article indices
    second: int
    shared: list[SentenceMatch] = field(default_factory=list)
    only_first: list[int] = field(default_factory=list)  # sentence indices
    only_second: list[int] = field(default_factory=list)


@dataclass
class ScoreRow:
    key: str
    label: str
    scores: list[float | None]
    difference: str  # one sentence: why the scores differ (or that they agree)


@dataclass
class Comparison:
    names: list[str]
    sources: list[SourceRow]
    actors: list[ActorLabels]
    pairs: list[PairAlignment]
    scores: list[ScoreRow]


def compare(audits: list, names: list[str]) -> Comparison:
    """The comparison of two or more audits (framing.audit.Audit), `names` their short labels ('A', 'B')."""
    if len(audits) < 2:
        raise ValueError("a comparison needs two or more articles")
    return Comparison(list(names), match_sources(audits), actor_labels(audits),
                      [align(audits, i, j) for i, j in combinations(range(len(audits)), 2)],
                      score_rows(audits, names))


# ---- sources ------------------------------------------------------------------------------------

_DESCRIBED_NAME = re.compile(r"^(?:[Aa]n?|[Tt]he)\s+(?:(?!(?:of|for|at|to|from|with|in)\s)[a-z][\w\-]*\s+)*(?=[A-Z])")


def _key(name: str) -> str:
    """A source's name compared across articles: a description, titles, middle initials, a party label,
    'the' and a possessive gone ('An angry Trump', 'Sen. Claire McCaskill (D-Mo.)' -> 'Trump', 'Claire McCaskill')."""
    name = _DESCRIBED_NAME.sub("", name.strip())
    return re.sub(r"^[Tt]he\s+|[’']s?$|\s*\([^)]*\)$", "", plain_name(name).strip())


def _same_name(short: str, full: str) -> bool:
    """'Trump' ~ 'Donald Trump', 'Justice Ginsburg' ~ 'Justice Ruth Bader Ginsburg' (the same surname and
    no other word), 'CIA' ~ 'Central Intelligence Agency'. Beyond the same words, names only:
    every word capitalised, so that 'officials' is not 'administration officials', nor 'McCulloch' 'A
    spokesman for Bob McCulloch', nor 'Congress' 'Members of Congress'."""
    if short.lower() == full.lower():
        return True
    if not all(w[:1].isupper() for w in f"{short} {full}".split()):
        return False
    words, longer = short.split(), full.split()
    return (words[-1] == longer[-1] and set(words) <= set(longer)) or refers_to(short, full)


def match_sources(audits: list) -> list[SourceRow]:
    """Every article's sources, one row per source matched by name across articles. Longer names are
    placed first; a shorter one joins the one row it refers to ('Trump' to 'Donald Trump') and stays
    apart when it could be several ('Clinton' with both 'Bill Clinton' and 'Hillary Clinton')."""
    items = [(i, s) for i, audit in enumerate(audits) for s in audit.sources]
    items.sort(key=lambda item: (-len(_key(item[1].name).split()), -len(_key(item[1].name))))
    rows: list[tuple[list[str], SourceRow]] = []  # (keys, row)
    ambiguous: set[str] = set()  # short names that could be several rows' sources: each stays on its own row
    for index, source in items:
        key = _key(source.name)
        exact = [r for keys, r in rows if any(k.lower() == key.lower() for k in keys)]
        found = [] if key in ambiguous else exact or [r for keys, r in rows if any(_same_name(key, k) for k in keys)]
        if len(found) > 1:
            ambiguous.add(key)
        if len(found) == 1:
            row = found[0]
            next(keys for keys, r in rows if r is row).append(key)
        else:
            row = SourceRow(key, source.kind, [None] * len(audits))
            rows.append(([key], row))
        cell = row.cells[index] or SourceCell([])
        cell.names.append(source.name)
        cell.quoted_words += source.quoted_words
        cell.paraphrased_words += source.paraphrased_words
        cell.role = cell.role or source.role
        row.cells[index] = cell
    for _, row in rows:
        present = [i for i, c in enumerate(row.cells) if c is not None]
        row.only_in = present[0] if len(present) == 1 else None
    shown = [row for _, row in rows]
    return sorted(shown, key=lambda r: (-sum(c is not None for c in r.cells),
                                        -sum(c.quoted_words + c.paraphrased_words for c in r.cells if c)))


# ---- the words for each actor -----------------------------------------------------------------------

_DESCRIBED = re.compile(r"\b(?:the|a|an)\s+((?:[a-z][\w’'\-]*\s+){1,3})$")  # 'the renegade general '
_APPOSITIVE = re.compile(r",\s+((?:the|a|an)\s+[^,;:.“”\"()]{2,60}?)[,.]")  # ', the authority's chairman,'


def actor_labels(audits: list) -> list[ActorLabels]:
    """For the main actors named in two or more articles, each article's words for them: titles in
    its mentions ('President'), a description right before a mention ('the renegade general'), an
    appositive after one (', the chairman of ...,'), its role as a source ('The authority's chairman'),
    and loaded terms in the reporter's voice next to a mention."""
    clusters: list[list[str]] = []  # name variants of one actor across articles
    for audit in audits:
        for actor in (a for a in (audit.sourcing.actors if audit.sourcing else []) if a.kind in _ACTOR_KINDS):
            variants = sorted(set(actor.variants) | {actor.name}, key=len, reverse=True)
            home = next((c for c in clusters if any(_same_name(v, w) or _same_name(w, v)
                                                    for v in variants for w in c)), None)
            if home is None:
                clusters.append(variants)
            else:
                home.extend(v for v in variants if v not in home)
    rows = []
    for variants in clusters:
        mentions = [_mentions_of(audit, variants) for audit in audits]
        if sum(bool(m) for m in mentions) < 2:
            continue
        labels = [_labels(audit, spans, variants) if spans else None for audit, spans in zip(audits, mentions)]
        rows.append(ActorLabels(max(variants, key=lambda v: (len(v.split()), len(v))), [len(m) for m in mentions],
                                labels))
    rows.sort(key=lambda r: -sum(r.mentions))
    return rows[:ACTORS_SHOWN]


def labels_of(audit, actor) -> list[Label]:
    """The words one article uses for one of its own actors (framing.analysis.actors.Actor), most
    frequent first: what actor_labels shows for it, and the corpus's actors.csv lists."""
    return _labels(audit, actor.mentions, sorted(set(actor.variants) | {actor.name}, key=len, reverse=True))


def _mentions_of(audit, variants: list[str]) -> list[TextSpan]:
    """The actor's mentions: the audit's own when it is one of its main actors, else its names found in
    the title and body (a title word before a name kept, as the audit keeps it)."""
    for actor in (audit.sourcing.actors if audit.sourcing else []):
        if any(_same_name(v, w) or _same_name(w, v) for v in actor.variants for w in variants):
            return actor.mentions
    doc = audit.document
    pattern = re.compile(r"\b(?:%s)\b(?!\s+[A-Z])" % "|".join(map(re.escape, variants)))  # not 'Calder' of 'Calder Bay'
    return [TextSpan(m.start(), m.end(), m.group()) for b in doc.scored_blocks
            for m in pattern.finditer(doc.text, b.start, b.end)]


def _labels(audit, mentions: list[TextSpan], variants: list[str]) -> list[Label]:
    doc: Document = audit.document
    found: Counter = Counter()
    for m in mentions:
        sentence = doc.sentence_at(m.start)
        if sentence is None:
            continue
        name = max((v for v in variants if m.text.endswith(v)), key=len, default=m.text)
        if m.text != name and not set(m.text[:-len(name)].split()) & {w for v in variants for w in v.split()}:
            found[(m.text[:-len(name)].strip(), "title")] += 1
        if doc.voice_at(m.start) != REPORTER:
            continue
        described = _DESCRIBED.search(doc.text, sentence.start, m.start)
        if described and _describes(described.group(1).split()):
            found[(described.group().strip(), "described as")] += 1
        appositive = _APPOSITIVE.match(doc.text, m.end, sentence.end)
        if appositive and not set(appositive.group(1).lower().split()) & _CLAUSE_WORDS:
            found[(appositive.group(1).strip(), "appositive")] += 1
    for source in audit.sources:
        if source.role and any(_same_name(_key(source.name), v) for v in variants):
            found[(source.role, "role")] += 1
    near = {f.id: f for m in mentions for f in audit.findings if _labels_actor(f, m, doc)}
    for f in near.values():
        found[(f.text, "loaded")] += 1
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:LABELS_SHOWN]
    return [Label(text, kind, n) for (text, kind), n in ranked]


_CLAUSE_WORDS = frozenset("is was are were be been has had have will would can could did does do who whom whose which that".split())
_NOT_DESCRIPTIONS = frozenset("time times day days week year years moment way".split())


def _describes(words: list[str]) -> bool:
    """Whether the words between 'the'/'a' and a name describe it ('the renegade general', 'the embattled'),
    not a phrase the name ends ('a meeting of', 'the blame on', 'the time', 'a victory for', 'the group
    backing', 'a young woman asked')."""
    lower = [w.lower() for w in words]
    return (not set(lower) & (_STOP - {"of"}) and lower[-1] not in _NOT_DESCRIPTIONS | {"of"}
            and not set(lower) & _CLAUSE_WORDS and not (len(words) > 1 and lower[-1].endswith(("ed", "ing"))))


def _labels_actor(finding, mention: TextSpan, doc: Document) -> bool:
    """A loaded term in the narration's words (the reporter's voice, or a paraphrase: 'Reyes said the
    authority's thugs ...' is the outlet's wording), in the mention's sentence and within LABEL_REACH
    characters of it ('rammed through by the Port Authority'); not a sentence adverb ('Clearly, ...'),
    which judges the sentence rather than the actor."""
    sentence = doc.sentence_at(mention.start)
    return (finding.dimension == "loaded_language" and finding.voice in (REPORTER, PARAPHRASED)
            and finding.category not in _NOT_LABELS and categories.get(finding.category).scored
            and sentence.start <= finding.start and finding.end <= sentence.end
            and max(finding.start - mention.end, mention.start - finding.end) <= LABEL_REACH)


# ---- sentences ------------------------------------------------------------------------------------

def compared_sentences(doc: Document) -> list[int]:
    """The indices of the sentences compared: the title's and the body's."""
    return [i for i, s in enumerate(doc.sentences) if doc.is_scored(s.start, s.end)]


def content_words(text: str) -> list[str]:
    """Lower-case words without function words, hyphens or a possessive ('E-mails' -> 'emails')."""
    words = (re.sub(r"[’']s$", "", w.lower()).replace("-", "") for w in _WORD.findall(text))
    return [w for w in words if w and w not in _STOP]


def _vectors(audits: list) -> list[np.ndarray]:
    """Per article, the unit TF-IDF vectors of its compared sentences (rows), IDF over all of them."""
    bags = [[Counter(content_words(a.document.text[s.start:s.end])) for s in
             (a.document.sentences[i] for i in compared_sentences(a.document))] for a in audits]
    vocabulary: dict[str, int] = {}
    frequency: Counter = Counter()
    for bag in (b for article in bags for b in article):
        frequency.update(bag.keys())
        for word in bag:
            vocabulary.setdefault(word, len(vocabulary))
    total = sum(len(article) for article in bags)
    idf = np.array([math.log((1 + total) / (1 + frequency[w])) + 1 for w in vocabulary])
    out = []
    for article in bags:
        matrix = np.zeros((len(article), len(vocabulary)))
        for row, bag in enumerate(article):
            for word, n in bag.items():
                matrix[row, vocabulary[word]] = n
        matrix *= idf
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        out.append(matrix / np.where(norms == 0, 1, norms))
    return out


def _quotes(doc: Document, start: int, end: int) -> list[list[str]]:
    """The words of each quotation in [start, end), lower-cased (a quotation running over several
    sentences: the part in this one)."""
    return [[w.lower() for w in _WORD.findall(doc.text[max(q.start, start):min(q.end, end)])] for q in doc.quotations
            if q.depth == 0 and q.start < end and start < q.end]


def shared_quote(first: list[list[str]], second: list[list[str]]) -> str:
    """The longest run of words two sentences' quotations share, when it is QUOTE_WORDS long, or a
    shorter quotation both carry whole (3 words or more: 'I will not resign'); '' otherwise."""
    best: list[str] = []
    for a in first:
        for b in second:
            if a == b and len(a) >= 3 and len(a) > len(best):
                best = a
            run = [0] * (len(b) + 1)
            for i in range(len(a)):
                previous, run = run, [0] * (len(b) + 1)
                for j in range(len(b)):
                    if a[i] == b[j]:
                        run[j + 1] = previous[j] + 1
                        if run[j + 1] >= max(QUOTE_WORDS, len(best) + 1):
                            best = a[i + 1 - run[j + 1]:i + 1]
    return " ".join(best)


def align(audits: list, first: int, second: int, threshold: float = SHARED_SIMILARITY) -> PairAlignment:
    """Two articles' sentences aligned: a pair is shared when one is the other's closest sentence and
    their similarity reaches `threshold`, or when both quote the same words; a sentence with no
    sentence of the other article that close is only in its article."""
    vectors = _vectors([audits[first], audits[second]])
    similarity = vectors[0] @ vectors[1].T
    docs = [audits[first].document, audits[second].document]
    index = [compared_sentences(d) for d in docs]
    quotes = [[_quotes(d, d.sentences[i].start, d.sentences[i].end) for i in ix] for d, ix in zip(docs, index)]
    words = [[set(content_words(d.text[d.sentences[i].start:d.sentences[i].end])) for i in ix] for d, ix in zip(docs, index)]
    result = PairAlignment(first, second)
    if not similarity.size:
        result.only_first, result.only_second = index
        return result
    best_second, best_first = similarity.argmax(axis=1), similarity.argmax(axis=0)
    matched = [set(), set()]
    for a in range(len(index[0])):
        for b in range(len(index[1])):
            quote = shared_quote(quotes[0][a], quotes[1][b]) if quotes[0][a] and quotes[1][b] else ""
            close = (similarity[a, b] >= threshold and (best_second[a] == b or best_first[b] == a)
                     and len(words[0][a] & words[1][b]) >= MIN_SHARED_WORDS)
            if quote or close:
                result.shared.append(SentenceMatch(index[0][a], index[1][b], round(float(similarity[a, b]), 3), quote))
                matched[0].add(a)
                matched[1].add(b)
    result.only_first = [index[0][a] for a in range(len(index[0])) if a not in matched[0]]
    result.only_second = [index[1][b] for b in range(len(index[1])) if b not in matched[1]]
    return result


# ---- scores --------------------------------------------------------------------------------------

def _count(audit, test) -> int:
    return sum(1 for f in audit.findings if categories.get(f.category).scored and test(f))


def _per_100(n: int, words: int) -> str:
    return f"{words} words ({100 * n / max(words, 1):.1f} per 100)"


def _extremes(values: list[float]) -> tuple[int, int]:
    return max(range(len(values)), key=values.__getitem__), min(range(len(values)), key=values.__getitem__)


def score_rows(audits: list, names: list[str]) -> list[ScoreRow]:
    """Each dimension's scores side by side, with a sentence saying where the difference comes from."""
    words = [a.document.scored_words() for a in audits]
    loaded = [_count(a, lambda f: f.dimension == "loaded_language" and f.voice == REPORTER) for a in audits]
    quoted = [_count(a, lambda f: f.dimension == "loaded_language" and f.voice != REPORTER) for a in audits]
    unattributed = [_count(a, lambda f: f.dimension == "unattributed") for a in audits]
    rows = []
    labels = categories.dimensions()
    for key in audits[0].scores:
        scores = [a.scores.get(key, {}).get("score") for a in audits]
        if key == "loaded_language":
            text = _density_difference(names, loaded, words, "uses", "loaded term(s) in its own voice")
            if any(quoted):
                text += " Loaded words in quoted or paraphrased speech count half: " + ", ".join(
                    f"{n} {q}" for n, q in zip(names, quoted)) + "."
        elif key == "unattributed":
            text = _density_difference(names, unattributed, words, "has",
                                       "unattributed claim(s) or vague attribution(s)")
        elif key == "sourcing":
            text = _sourcing_difference(audits, names)
        else:
            text = _overall_difference(audits, scores)
        rows.append(ScoreRow(key, labels.get(key, "Overall"), scores, text))
    return rows


def _density_difference(names, counts, words, verb: str, what: str) -> str:
    """Which article has the most findings per word and which the fewest, with their counts."""
    rates = [n / max(w, 1) for n, w in zip(counts, words)]
    if len(set(counts)) == 1 and counts[0] == 0:
        return f"None has {what.replace('(s)', 's')}." if len(names) > 2 else f"Neither has {what.replace('(s)', 's')}."
    high, low = _extremes(rates)
    if math.isclose(rates[high], rates[low]):
        return f"All alike: {counts[high]} {what} per {words[high]} words."
    return (f"{names[high]} {verb} {counts[high]} {what} in {_per_100(counts[high], words[high])} where "
            f"{names[low]} {verb} {counts[low]} in {_per_100(counts[low], words[low])}.")


def _sourcing_difference(audits, names) -> str:
    """Each article's balance toward its principal actor, and a warning when those actors differ."""
    results = [a.sourcing for a in audits]
    actors = [r.principal_actor.name if r and r.principal_actor else None for r in results]
    parts = []
    for name, result, actor in zip(names, results, actors):
        if actor is None:
            parts.append(f"{name} has no main actor to place its sources around")
        elif not result.judged:
            parts.append(f"in {name} too few voices take a side on {actor} to judge")
        else:
            parts.append(f"{name} balances the sides on {actor} at {result.balance_index:.2f} of 1")
    sentence = "; ".join(parts) + "."
    named = {a for a in actors if a}
    if len(named) > 1:
        sentence += " The articles centre on different actors, so their balances are not measured against the same one."
    return sentence[:1].upper() + sentence[1:]


def _overall_difference(audits, scores) -> str:
    """The dimension whose scores lie furthest apart."""
    judged = [s for s in scores if s is not None]
    if len(judged) < 2:
        return "Not enough judged articles to compare."
    gaps = []
    for key in (k for k in audits[0].scores if k != "overall"):
        values = [a.scores[key]["score"] for a in audits]
        if all(v is not None for v in values):
            gaps.append((max(values) - min(values), key))
    if not gaps:
        return "Each overall score is the mean of its own judged dimensions."
    gap, key = max(gaps)
    return (f"Each overall score is the mean of its judged dimensions; the widest gap is in "
            f"{categories.dimensions()[key].lower()} ({gap:.2f}).")
