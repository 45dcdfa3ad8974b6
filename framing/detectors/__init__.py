"""The detectors, registered in one place and run in this order. Each is a function
AuditContext -> list[Finding] that declares which fields of the context it reads and which
categories (lexicons/categories.toml) its findings have. A detector that reads `sourcing` runs
after run_audit's sourcing analysis, the others before it (in this order either way): the analysis
reads the findings so far. Adding a detector: its module, its line here, its categories' entries
in the registry, its tests (tests/test_detectors.py runs each one alone)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from framing.detectors import claims, model, scare_quotes, sourcing
from framing.detectors.context import AuditContext
from framing.detectors.lexical import loaded_language, vague_attribution
from framing.findings import Finding
from framing.rules import lexicon


@dataclass(frozen=True)
class Detector:
    id: str  # the `detector` field of its findings
    run: Callable[[AuditContext], list[Finding]]
    reads: tuple[str, ...]  # the AuditContext fields it reads
    categories: tuple[str, ...] = ()  # the categories of its findings
    lexicons: str | None = None  # ... and those of every lexicon of this dimension

    def all_categories(self) -> tuple[str, ...]:
        """Its findings' categories, the lexicons' included (these are data: read when asked)."""
        if self.lexicons is None:
            return self.categories
        return self.categories + tuple(lex.category for lex in lexicon.load_all() if lex.dimension == self.lexicons)


DETECTORS = (
    Detector("loaded_language", loaded_language, reads=("document", "attributions", "sources"),
             lexicons="loaded_language"),
    Detector("scare_quotes", scare_quotes.scare_quotes, reads=("document", "attributions"),
             categories=(scare_quotes.CATEGORY,)),
    Detector("attribution", vague_attribution, reads=("document", "attributions", "sources"), lexicons="unattributed"),
    Detector("claims", claims.unattributed_claims, reads=("document", "attributions"), categories=(claims.CATEGORY,)),
    Detector(model.DETECTOR, model.model_loaded, reads=("document", "attributions", "sources", "findings", "bias_scores",
                                                         "encoded", "matches"),
             categories=(model.CATEGORY,)),
    Detector("sourcing", sourcing.one_sided_sourcing, reads=("document", "sourcing"), categories=(sourcing.CATEGORY,)),
)

__all__ = ["DETECTORS", "AuditContext", "Detector"]
