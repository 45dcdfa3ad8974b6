"""Hints: words the word-level model rates as loaded that no lexicon entry covers (rule `model.loaded`).

A hint is shown only from HINT_THRESHOLD, where its measured precision holds (docs/EVALUATION.md,
"Model hints"): on BABE's biased words held out by 5-fold CV, 0.56 at 0.9 against 0.39 at the
model's own threshold of 0.7; on BASIL's lexical-bias spans, which no model saw, 0.087 at 0.9,
as precise as the lexicon's own findings there (0.082), against 0.041 at 0.7. Hints count toward
no score (lexicons/categories.toml) and `--no-hints` leaves them out."""

from __future__ import annotations

from framing import categories
from framing.detectors.context import AuditContext, speech_voices
from framing.text.usage import is_mention, is_negated, is_reported_label
from framing.text.document import PARAPHRASED, QUOTED
from framing.text.spans import SpanIndex
from framing.findings import Finding

DETECTOR = "model"  # its findings are the hints: framing.audit leaves them out on request
CATEGORY = "model_loaded"
HINT_THRESHOLD = 0.9  # the word model's probability from which a word is a hint (see above)
CONTEXTUAL_HINT_THRESHOLD = 0.95  # the contextual word head's: BASIL precision 0.115 there, 0.076 at its own 0.8


def model_loaded(context: AuditContext) -> list[Finding]:
    """One low-severity hint per flagged word in a sentence rated biased, with its probability as the score."""
    from framing.models import word_model  # lazy: it loads numpy and the model file; importing the detectors (the report) need not

    model = word_model.shipped_model()
    if model is None:
        return []
    doc, category = context.document, categories.get(CATEGORY)
    threshold = max(model.threshold, HINT_THRESHOLD)
    covered = SpanIndex((f.start, f.end) for f in context.findings if f.dimension == category.dimension)
    findings = []
    voice_of = speech_voices(context)
    encoded = context.encoded
    gated = [(i, sentence, score) for i, (sentence, score) in enumerate(zip(doc.sentences, context.bias_scores))
             if score is not None and score >= word_model.SENTENCE_GATE and doc.is_scored(sentence.start, sentence.end)]
    texts, scores = [doc.text[s.start:s.end] for _, s, _ in gated], [score for _, _, score in gated]  # rated biased
    if encoded is None:
        scored = word_model.score_sentences(texts, scores, context.matches)
    else:
        from framing.models import contextual  # lazy, as word_model: numpy, and only in the contextual mode

        threshold = max(contextual.shipped_heads().threshold, CONTEXTUAL_HINT_THRESHOLD)
        scored = contextual.score_sentences(texts, [encoded[i] for i, _, _ in gated])
    for (_, sentence, _), words in zip(gated, scored):
        for word, probability in words:
            start, end = word.start + sentence.start, word.end + sentence.start
            if probability < threshold or covered.overlapping(start, end):
                continue
            if not sentence.is_title and word.text[0].isupper() and start != sentence.start:
                continue  # a capitalised word mid-sentence is usually a name
            if is_negated(doc, start) or is_mention(doc, start):
                continue  # 'did not slam', 'the word "thug"': not a use of the word
            voice, speaker = voice_of(start, end)
            if voice != QUOTED and is_reported_label(doc, start):
                continue  # 'called him a racist': someone else's label, reported
            where = {QUOTED: "in quoted speech", PARAPHRASED: f"in what {speaker} is reported to say"}.get(
                voice, "in the reporter's voice")
            findings.append(Finding(
                detector=DETECTOR, rule="model.loaded", category=CATEGORY, dimension=category.dimension,
                severity="low", start=start, end=end, text=word.text, voice=voice, speaker=speaker,
                score=round(probability, 3),
                message=f"{category.label} {where}: '{word.text}' (probability {probability:.2f}; "
                        "no lexicon entry covers it)",
                explanation="A hint, not a verdict: a model trained on words that media-bias experts marked as "
                            "biased rates this word as likely loaded. About half of such hints were right on "
                            "held-out sentences and far fewer on whole news articles, so it counts toward no "
                            "score. Check the wording; if it is loaded, the lexicon may want it.",
                suggestion=[],
            ))
    return findings
