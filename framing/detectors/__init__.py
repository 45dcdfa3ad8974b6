"""The detectors, registered in one place, run in this order. Each is a function
(doc, context) -> list[Finding]; context holds the attributions, sources and the findings so far."""

from framing.detectors.claims import unattributed_claims
from framing.detectors.lexical import loaded_language, vague_attribution
from framing.detectors.model import model_loaded
from framing.detectors.scare_quotes import scare_quotes
from framing.detectors.sourcing import one_sided_sourcing

DETECTORS = (loaded_language, scare_quotes, vague_attribution, unattributed_claims, model_loaded, one_sided_sourcing)

__all__ = ["DETECTORS"]
