"""The category registry (lexicons/categories.toml): what each category of findings and of the
lexicons is (label, description, dimension, colour, mark, scope, whether it is scored), and the
audit's dimensions. The one place that says it: lexicons, detectors, scores, reports, charts, the
corpus tables and the live editor read it from here. Low in the layering: it imports no other part
of framing but errors and resources, so every module may import it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from framing.errors import LexiconError
from framing.resources import data_dir

REGISTRY_FILE = "categories.toml"  # in lexicons/, beside the lexicon files (which it is not one of)
SCOPES = ("words", "sentence", "article")
LINES = ("solid", "double", "dashed", "dotted", "wavy")
_MARK = re.compile(r"(?P<line>[a-z]+)(?: (?P<width>\d+px))?")
_COLOUR = re.compile(r"#[0-9a-f]{6}")
_KEYS = {"label", "description", "dimension"}
_FINDING_KEYS = {"scored", "colour", "mark", "scope", "cue", "cue_colour"}


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    description: str
    dimension: str
    finding: bool  # its dimension is one of the audit's: findings have it (else a lexicon's own use)
    scored: bool = False  # its findings count toward its dimension's score
    colour: str = ""
    line: str = ""  # the underline: solid, double, dashed, dotted or wavy
    width: str = ""  # of the underline, "2px"; "" leaves the default
    scope: str = "words"  # what a finding covers: words, sentence or article
    cue: str = ""  # a sign before a finding's first word and in the legend
    cue_colour: str = ""

    @property
    def cue_css(self) -> str:
        """The cue as CSS string content: ASCII as is, anything else as a CSS escape ('⚖' -> '\\2696')."""
        return "".join(c if c.isascii() else f"\\{ord(c):x}" for c in self.cue)


@dataclass(frozen=True)
class Registry:
    dimensions: MappingProxyType[str, str]  # id -> label, in report order
    categories: MappingProxyType[str, Category]  # id -> category, in file order (the order of the CSS rules)


def _category(key: str, raw: dict, dimensions: dict[str, str]) -> Category:
    where = f"{REGISTRY_FILE} [categories.{key}]"
    finding = raw.get("dimension") in dimensions
    allowed = _KEYS | (_FINDING_KEYS if finding else set())
    unknown, missing = set(raw) - allowed, _KEYS - set(raw)
    if finding:
        missing |= {"scored", "colour", "mark"} - set(raw)
    if unknown or missing:
        extra = " (only a category of findings, one of [dimensions], has these)" if unknown & _FINDING_KEYS else ""
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)}{extra}, missing keys {sorted(missing)}")
    if not finding:
        return Category(key, raw["label"], raw["description"], raw["dimension"], False)
    mark = _MARK.fullmatch(raw["mark"])
    if not mark or mark["line"] not in LINES:
        raise LexiconError(f"{where}: mark must be a line ({', '.join(LINES)}) and optionally a width "
                           f"('dotted 2px'), not {raw['mark']!r}")
    scope = raw.get("scope", "words")
    if scope not in SCOPES:
        raise LexiconError(f"{where}: scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    for name in ("colour", "cue_colour"):
        if name in raw and not _COLOUR.fullmatch(raw[name]):
            raise LexiconError(f"{where}: {name} must be like #1a2b3c, not {raw[name]!r}")
    if not isinstance(raw["scored"], bool):
        raise LexiconError(f"{where}: scored must be true or false")
    return Category(key, raw["label"], raw["description"], raw["dimension"], True, raw["scored"], raw["colour"],
                    mark["line"], mark["width"] or "", scope, raw.get("cue", ""), raw.get("cue_colour", ""))


@cache
def registry() -> Registry:
    """The shipped registry, read and checked once per process."""
    return load(data_dir("lexicons") / REGISTRY_FILE)


def load(path: Path) -> Registry:
    """Read and check a registry file; errors name the file and the category."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{REGISTRY_FILE}: not valid TOML: {exc}") from None
    if set(data) != {"dimensions", "categories"}:
        raise LexiconError(f"{REGISTRY_FILE}: needs exactly the tables [dimensions] and [categories.<id>]")
    dimensions = dict(data["dimensions"])
    categories = {key: _category(key, raw, dimensions) for key, raw in data["categories"].items()}
    return Registry(MappingProxyType(dimensions), MappingProxyType(categories))


def get(category: str) -> Category:
    """The registry's entry for `category`; a LexiconError when it has none."""
    try:
        return registry().categories[category]
    except KeyError:
        raise LexiconError(f"category {category!r} has no entry in lexicons/{REGISTRY_FILE}") from None


@cache
def of_findings() -> MappingProxyType[str, Category]:
    """The categories findings can have, in registry order."""
    return MappingProxyType({key: c for key, c in registry().categories.items() if c.finding})


def dimensions() -> MappingProxyType[str, str]:
    """The audit's dimensions (each a score), id -> label, in report order."""
    return registry().dimensions


def labels() -> dict[str, str]:
    """Label of every category of findings."""
    return {key: c.label for key, c in of_findings().items()}


def descriptions() -> dict[str, str]:
    """Description of every category of findings."""
    return {key: c.description for key, c in of_findings().items()}


def palette() -> dict[str, str]:
    """Colour of every category of findings, in registry order."""
    return {key: c.colour for key, c in of_findings().items()}
