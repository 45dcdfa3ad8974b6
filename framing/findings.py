"""The plain-data results of an audit: findings, attributions and sources."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}


def lower_severity(severity: str) -> str:
    return {"high": "medium", "medium": "low"}.get(severity, "low")


@dataclass(frozen=True)
class Finding:
    detector: str
    rule: str
    category: str
    dimension: str
    severity: str
    start: int
    end: int
    text: str
    voice: str
    message: str
    explanation: str
    suggestion: list[str]
    score: float = 1.0
    speaker: str | None = None
    id: str = ""


@dataclass(frozen=True)
class TextSpan:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Attribution:
    cue: TextSpan
    source: TextSpan | None
    content: TextSpan | None
    kind: str  # "direct" (quotation) or "indirect" (paraphrase)
    source_id: str | None = None


@dataclass
class Source:
    id: str
    name: str
    kind: str  # person, organisation, official, media, anonymous, vague
    role: str = ""
    mentions: list[TextSpan] = field(default_factory=list)
    quoted_words: int = 0
    paraphrased_words: int = 0
