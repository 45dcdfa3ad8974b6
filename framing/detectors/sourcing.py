"""One-sided sourcing: an article-level finding from the balance of sides, which run_audit
analyses (framing.analysis.sourcing) before this detector reads it."""

from __future__ import annotations

from framing import categories
from framing.analysis import sourcing
from framing.detectors.context import AuditContext
from framing.text.document import REPORTER
from framing.findings import Finding

CATEGORY = RULE = "one_sided_sourcing"
SEVERITY_BELOW = (("high", 0.3), ("medium", 0.5), ("low", sourcing.ONE_SIDED_BELOW))


def one_sided_sourcing(context: AuditContext) -> list[Finding]:
    """Flag a lopsided article on its title (or first sentence) when the evidence holds (see
    analysis.sourcing.dominance); the lower the balance index, the higher the severity."""
    doc, result = context.document, context.sourcing
    if result is None or result.principal_actor is None or not result.one_sided:
        return []  # not analysed, no main actor, too few voices, balanced, or too uncertain to say
    anchor = next((b for b in doc.scored_blocks if b.kind == "title"), None) or (doc.sentences or [None])[0]
    if anchor is None:
        return []
    severity = next(sev for sev, below in SEVERITY_BELOW if result.balance_index < below)
    actor = result.principal_actor.name
    category = categories.get(CATEGORY)
    return [Finding(
        detector="sourcing", rule=RULE, category=CATEGORY, dimension=category.dimension, severity=severity,
        start=anchor.start, end=anchor.end, text=doc.text[anchor.start:anchor.end], voice=REPORTER,
        message=f"{category.label}: {result.explanation}",
        explanation="A story that gives one side most of the voices and words tells that side's story; "
                    "readers cannot weigh what the other side would answer.",
        suggestion=[f"ask {sourcing.possessive(actor)} side (or its critics) for a response",
                    "give each side comparable space, or say who declined to comment"],
        score=round(1 - result.balance_index, 2),
    )]
