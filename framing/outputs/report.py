"""The HTML report: build plain data from an Audit, then render the Jinja2 template."""

from __future__ import annotations

import base64
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache

from framing import __version__, categories
from framing.outputs import charts
from framing.audit import BIASED_SENTENCE, Audit
from framing.analysis import compare as comparison, genre as genres, rewrite
from framing.detectors import claims, sourcing
from framing.text.document import QUOTED
from framing.findings import SEVERITY_RANK
from framing.models import attribution_tagger, reference, sentence_bias, word_model, writer_stance
from framing.models import genre as genre_model
from framing.resources import data_dir


LESSON_DIMENSIONS = ("loaded_language", "unattributed")  # what students mark in the text (sourcing: one question)
MOSTLY_QUOTED = 0.8  # a sentence with this share of its characters in quotation marks is drawn as quoted speech


def sentence_numbers(audit: Audit) -> dict[int, str]:
    """Sentence start -> the label the article margin and the sentence chart share: "T" for the title,
    then 1, 2, ... for the scored sentences of the body (bylines and excluded lines get none)."""
    doc = audit.document
    labels, n = {}, 0
    for sentence in doc.sentences:
        block = doc.block_at(sentence.start)
        if block is not None and block.kind == "title":
            labels[sentence.start] = "T"
        elif doc.is_scored(sentence.start, sentence.end):
            n += 1
            labels[sentence.start] = str(n)
    return labels


def _by_block(doc, items) -> dict[int, list]:
    """Block index -> the items (anything with start and end) that overlap it, in one pass: a long
    article's report stays linear in its length."""
    block_starts = [b.start for b in doc.blocks]
    grouped: dict[int, list] = {}
    for item in items:
        first = max(bisect_right(block_starts, item.start) - 1, 0)
        for i in range(first, bisect_left(block_starts, item.end)):
            if doc.blocks[i].start < item.end and item.start < doc.blocks[i].end:
                grouped.setdefault(i, []).append(item)
    return grouped


def _segments(audit: Audit, start: int, end: int, block_index: int, number: dict[str, int],
              sentences: dict[int, str], starts: list[int], overlapping: dict[str, dict[int, list]]) -> list[dict]:
    """Cut [start, end) wherever a finding, quotation, Markdown markup or numbered sentence starts or ends. Each
    segment has an id unique in the page, the `number`s (finding id -> row of the findings table) of the
    findings ending in it, and the label of the sentence it starts (body sentences only); `starts`: the
    numbered sentences' starts in order; `overlapping`: the findings, quotations and markup of each block
    (_by_block)."""
    doc = audit.document
    registry = categories.of_findings()
    scope = {key: c.scope for key, c in registry.items()}
    # an article-level finding (one-sided sourcing) is the summary's and the table's, not the headline's words
    inside = [f for f in overlapping["findings"].get(block_index, []) if scope[f.category] != "article"]
    quotes = [q for q in overlapping["quotations"].get(block_index, []) if q.depth == 0]
    markup = overlapping["markup"].get(block_index, [])
    cuts = {start, end} | set(starts[bisect_right(starts, start):bisect_left(starts, end)])
    for item in inside + quotes + markup:
        cuts.update(x for x in (item.start, item.end) if start < x < end)
    points = sorted(cuts)
    segments = []
    for a, b in zip(points, points[1:]):
        covering = [f for f in inside if f.start <= a and b <= f.end]
        words = [f for f in covering if scope[f.category] != "sentence"]  # sentence-level findings: their own cue
        found = sorted({f.category for f in covering})
        segments.append({
            "id": f"{block_index}-{len(segments)}",
            "sentence": sentences.get(a, "") if sentences.get(a) != "T" else "",
            "in_sentence": sentences[starts[bisect_right(starts, a) - 1]] if starts and starts[0] <= a else "",
            # for a lesson's check: the writer's findings a student could find here, by what they mark (not hints)
            "to_find": {dimension: [f.id for f in covering if f.dimension == dimension and f.voice == "reporter"
                                    and registry[f.category].scored] for dimension in LESSON_DIMENSIONS},
            "numbers": [number[f.id] for f in covering if f.end == b],
            "text": doc.text[a:b],
            "findings": [f.id for f in covering],
            "categories": found,
            "sentence_only": bool(found) and all(scope[c] == "sentence" for c in found),  # drawn by the underline alone
            "severity": max((f.severity for f in words), key=SEVERITY_RANK.get, default=""),
            "starts": sorted({f.category for f in covering if f.start == a}),  # for a cue at a finding's start
            "quoted": doc.voice_at(a) == QUOTED,
            "markup": any(m.start <= a and b <= m.end for m in markup),  # shown greyed: not audited
        })
    return segments


def _speakers_by_block(audit: Audit) -> dict[int, list[str]]:
    """Block start -> who is quoted in the block, by the registry's name ('he' resolved to the person)."""
    registry = {s.id: s.name for s in audit.sources}
    speakers: dict[int, list[str]] = {}
    for a in audit.attributions:
        block = audit.document.block_at(a.content.start) if a.kind == "direct" and a.source and a.content else None
        if block is not None:
            speakers.setdefault(block.start, []).append(registry.get(a.source_id, a.source.text))
    return speakers


def _legend(findings) -> list[dict]:
    """One legend entry per category that has findings: label, description, count."""
    labels, descriptions = categories.labels(), categories.descriptions()
    counts = Counter(f.category for f in findings)
    return [{"key": c, "label": labels.get(c, c), "description": descriptions.get(c, ""), "count": counts[c]}
            for c in sorted(counts)]


def build_context(audit: Audit, source_name: str = "", with_charts: bool = True, lesson: bool = False) -> dict:
    """Everything the template shows, as plain data (the live editor leaves the charts out: they
    cost more than the audit); `lesson`: the class mode, the audit hidden until the students check."""
    doc = audit.document
    labels = categories.labels()
    by_category = Counter((f.category, f.voice) for f in audit.findings)
    found = sorted({f.category for f in audit.findings})
    rows = [(c, labels.get(c, c), by_category[(c, "reporter")], by_category[(c, "quoted")] + by_category[(c, "paraphrased")])
            for c in found]
    number = {f.id: i for i, f in enumerate(audit.findings, 1)}
    sentences = sentence_numbers(audit)
    starts = sorted(sentences)
    overlapping = {"findings": _by_block(doc, audit.findings), "quotations": _by_block(doc, doc.quotations),
                   "markup": _by_block(doc, doc.markup)}
    speakers = _speakers_by_block(audit)
    blocks = [{
        "kind": b.kind, "reason": b.reason,
        "segments": _segments(audit, b.start, b.end, i, number, sentences, starts, overlapping),
        "speakers": speakers.get(b.start, []),
    } for i, b in enumerate(doc.blocks)]
    sentence_rows = _sentence_bias_rows(audit, sentences)
    sources = sorted(audit.sources, key=lambda s: -(s.quoted_words + s.paraphrased_words))
    return {
        "title": doc.title or source_name or "Untitled article",
        "source_name": source_name,
        "blocks": blocks,
        "findings": audit.findings,
        "notes": {f.id: f for f in audit.findings},
        "legend": _legend(audit.findings),
        "scores": [{"key": k, "label": categories.dimensions().get(k, "Overall"), **v,
                    "standing": reference.standing(k, v.get("score"))} for k, v in audit.scores.items()],
        "reference": reference.groups(),
        "readability": audit.readability,
        "sources": sources,
        "chart_findings": charts.findings_by_category(rows) if rows and with_charts else "",
        "sourcing": _sourcing_view(audit, with_charts),
        "headline": _headline(audit),
        "genre": genres.describe(audit.genre) if audit.genre else None,
        "rewrite": _rewrite(audit, overlapping["findings"]),
        "sentence_bias": sentence_rows,
        "biased_line": BIASED_SENTENCE,
        "chart_sentences": _sentence_chart(sentence_rows) if with_charts else "",
        "models": _model_cards() if with_charts else {},
        "all_categories": sorted(labels.items(), key=lambda kv: kv[1]),
        "descriptions": categories.descriptions(),
        "version": __version__,
        "contextual": audit.contextual,
        "lesson": lesson,
        "one_sided": "not judged" if audit.scores.get("sourcing", {}).get("score") is None else
                     "yes" if any(f.category == sourcing.CATEGORY for f in audit.findings) else "no",
    }


SIDE_LABELS = {"critical": "Critical", "supportive": "Supportive", "neutral": "Neutral", "unknown": "Unknown"}


def _sourcing_view(audit: Audit, with_chart: bool = True) -> dict | None:
    """Sides, the sources table (with the evidence toward the principal actor) and the words-per-side chart."""
    result = audit.sourcing
    if result is None or result.principal_actor is None:
        return None
    actor = result.principal_actor
    rows = []
    for s in sorted(result.sources, key=lambda s: s.first_offset):
        evidence = [e for e in s.evidence if e.actor_id == actor.id]
        rows.append({"name": s.name, "kind": s.kind, "role": s.role, "side": s.side,
                     "evidence": evidence, "quoted": s.quoted_words, "paraphrased": s.paraphrased_words})
    sides = [(key, f"{SIDE_LABELS[key]} of {actor.name}" if key in ("critical", "supportive") else SIDE_LABELS[key],
              summary) for key, summary in result.sides.items()]
    chart_rows = [(key, label, sm.quoted_words, sm.paraphrased_words, sm.verdict_words) for key, label, sm in sides
                  if sm.quoted_words + sm.paraphrased_words + sm.verdict_words]
    return {
        "actor": actor, "actors": result.actors, "explanation": result.explanation,
        "rows": rows, "sides": sides, "verdicts": result.verdicts, "response": result.response,
        "names": {s.source_id: s.name for s in result.sources},
        "first": result.first_word, "last": result.last_word,
        "chart": charts.words_per_side(chart_rows) if chart_rows and with_chart else "",
        "writer": _writer_lines(result),
    }


WRITER_EVIDENCE_SHOWN = 3


def _writer_lines(result) -> list[dict]:
    """The writer's own stance: the principal actor always, another main actor when the writer leans."""
    lines = []
    for actor in result.actors:
        stance = result.writer.get(actor.id)
        if stance is None or (actor is not result.principal_actor and stance.label == "neutral"):
            continue
        evidence = [e.span.text for e in stance.evidence if e.lean == stance.label][:WRITER_EVIDENCE_SHOWN]
        lines.append({"name": actor.name, "label": stance.label, "probability": stance.probability,
                      "evidence": evidence})
    return lines


def _rewrite(audit: Audit, findings_by_block: dict[int, list]) -> list[dict]:
    """The title and body with the writer's loaded words replaced by their first suggestion; empty when
    nothing changes. `findings_by_block`: _by_block of the findings."""
    doc = audit.document
    blocks = [{"kind": b.kind, "pieces": rewrite.plainer(doc.text, b.start, b.end, findings_by_block.get(i, []))}
              for i, b in enumerate(doc.blocks) if b.kind in ("title", "body")]
    return blocks if any(p.changed for b in blocks for p in b["pieces"]) else []


def _sentence_bias_rows(audit: Audit, sentences: dict[int, str]) -> list[dict]:
    """The title's and each numbered sentence's P(biased), labelled as in the article's margin, and whether
    the sentence is mostly quoted speech (the speaker's words, not the writer's)."""
    doc = audit.document
    return [{"n": sentences[s.start], "score": b, "text": doc.text[s.start:s.end],
             "quoted": doc.quoted_chars(s.start, s.end) >= MOSTLY_QUOTED * (s.end - s.start)}
            for s, b in zip(doc.sentences, audit.bias_scores) if b is not None and s.start in sentences]


def _sentence_chart(rows: list[dict]) -> str:
    return charts.sentence_strip([(r["n"], r["score"], r["quoted"]) for r in rows], BIASED_SENTENCE) if rows else ""


def _headline(audit: Audit) -> str:
    loaded = [f for f in audit.findings if f.dimension == "loaded_language" and f.voice == "reporter"]
    unattributed = [f for f in audit.findings if f.rule == claims.RULE]
    vague = [f for f in audit.findings if f.dimension == "unattributed" and f.rule != claims.RULE]
    if not audit.findings:
        return "No loaded language, unattributed claim, vague attribution or one-sided sourcing found."
    parts = []
    if loaded:
        strong = sum(f.severity == "high" for f in loaded)
        parts.append(f"{len(loaded)} loaded term(s) in the reporter's own voice ({strong} high severity)")
    if unattributed:
        parts.append(f"{len(unattributed)} unattributed claim(s)")
    if vague:
        parts.append(f"{len(vague)} vague attribution(s)")
    if audit.sourcing is not None and any(f.category == sourcing.CATEGORY for f in audit.findings):
        parts.append(f"one-sided sourcing (balance {audit.sourcing.balance_index:.2f} of 1)")
    return "This article has " + ", ".join(parts) + "." if parts else "Loaded words appear only in what sources say."


def _loaded_terms(audit: Audit) -> list[dict]:
    """Loaded terms in the reporter's voice, most frequent first: the compare view lists them side by side."""
    counts = Counter((f.text.lower(), f.category) for f in audit.findings
                     if f.dimension == "loaded_language" and f.voice == "reporter")
    return [{"text": text, "category": category, "count": n}
            for (text, category), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_compare(audits: list[Audit], names: list[str]) -> str:
    """Two or more articles on one event: the comparison (scores, sources, the words for each actor,
    shared and unique sentences), then each article's scores, sides, loaded terms and annotated text."""
    code, digest = script()
    letters = [chr(ord("A") + i) for i in range(len(audits))]
    columns = []
    for letter, audit, name in zip(letters, audits, names):
        context = build_context(audit, name, with_charts=False)  # the compare view shows no chart or model card
        context.update(prefix=letter.lower(), letter=letter, loaded_terms=_loaded_terms(audit))
        columns.append(context)
    return environment().get_template("compare.html.j2").render(
        columns=columns, comparison=compare_context(audits, letters),
        legend=_legend([f for audit in audits for f in audit.findings]), version=__version__, script=code,
        script_hash=digest)


def compare_context(audits: list[Audit], letters: list[str]) -> dict:
    """The comparison as the template shows it: sentences by their margin numbers and text."""
    result = comparison.compare(audits, letters)
    numbers = [sentence_numbers(audit) for audit in audits]

    def sentence(article: int, index: int) -> dict:
        doc = audits[article].document
        s = doc.sentences[index]
        return {"n": numbers[article].get(s.start, ""), "text": " ".join(doc.text[s.start:s.end].split())}

    pairs = [{
        "first": letters[p.first], "second": letters[p.second],
        "shared": [{"a": sentence(p.first, m.first), "b": sentence(p.second, m.second), "similarity": m.similarity,
                    "quote": m.quote} for m in p.shared],
        "only_first": [sentence(p.first, i) for i in p.only_first],
        "only_second": [sentence(p.second, i) for i in p.only_second],
    } for p in result.pairs]
    return {"letters": letters, "sources": result.sources, "actors": result.actors, "pairs": pairs,
            "scores": result.scores, "threshold": comparison.SHARED_SIMILARITY}


def _model_cards() -> dict:
    """The shipped models' cards (data, measured scores), for the method section."""
    tagger = attribution_tagger.shipped()
    writer, genre = writer_stance.shipped_model(), genre_model.shipped_model()
    return {"sentence": sentence_bias.shipped_card(), "word": word_model.shipped_card(),
            "attribution": tagger.card if tagger else {}, "writer": writer.card if writer else {},
            "genre": genre.card if genre else {}}


@cache
def script(name: str = "report.js") -> tuple[str, str]:
    """A script from templates/ and its CSP hash ('sha256-...'): only that exact script may run."""
    code = (data_dir("templates") / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    return code, f"sha256-{digest}"


@cache
def environment():
    """One Jinja2 environment per process: it keeps the compiled templates. Every template sees the
    categories of findings as `registry` (id -> framing.categories.Category): the styles, cues and scopes."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(data_dir("templates"))),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["registry"] = categories.of_findings()
    env.filters["words"] = _words
    return env


def render(audit: Audit, source_name: str = "", with_charts: bool = True, lesson: bool = False) -> str:
    """The self-contained HTML report (autoescaped template, inline CSS, SVG and one hashed script);
    `lesson`: the class mode (framing audit --class)."""
    code, digest = script()
    lesson_code, lesson_digest = script("lesson.js") if lesson else ("", "")
    return environment().get_template("report.html.j2").render(
        **build_context(audit, source_name, with_charts, lesson), script=code, script_hash=digest,
        lesson_script=lesson_code, lesson_hash=lesson_digest)


def _words(text: str, sentence: str) -> Markup:
    """A lesson's text: each word a span a student can click, with the label of its sentence."""
    from markupsafe import Markup, escape

    return Markup(re.sub(r"\S+", lambda m: f'<span class="w" data-s="{sentence}">{m.group()}</span>', str(escape(text))))
