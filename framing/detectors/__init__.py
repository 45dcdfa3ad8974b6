"""The detectors, registered in one place. Each is a function (doc, context) -> list[Finding]."""

from framing.detectors.lexical import loaded_language, vague_attribution

DETECTORS = (loaded_language, vague_attribution)

__all__ = ["DETECTORS"]
