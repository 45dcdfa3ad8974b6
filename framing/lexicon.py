"""Lexicons as data: TOML files in lexicons/, one per category, validated on load.

See docs/lexicon-format.md for the format. A term matches its inflections; a pattern is a
regular expression. Both match whole words, case-insensitively, with ' and ’ interchangeable.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from framing.errors import LexiconError
from framing.resources import data_dir

SEVERITIES = ("low", "medium", "high")
_FILE_KEYS = {"category", "dimension", "label", "description", "severity", "entries"}
_ENTRY_KEYS = {"id", "term", "pattern", "severity", "explanation", "suggestion", "examples",
               "exceptions", "inflect", "loaded", "note"}
_VOWELS = set("aeiou")


@dataclass(frozen=True)
class Entry:
    id: str
    category: str
    dimension: str
    severity: str
    explanation: str
    suggestions: tuple[str, ...]
    regex: re.Pattern
    match_examples: tuple[str, ...]
    no_match_examples: tuple[str, ...]
    exceptions: tuple[re.Pattern, ...] = ()
    loaded: bool = True
    source: str = ""
    anchors: frozenset[str] | None = None  # a term's first-word forms; None: always tried
    prefix: str = ""  # a pattern's leading literal letters: some word must start with them

    @property
    def rule(self) -> str:
        return f"{self.category}.{self.id}"

    def could_match(self, words: set[str]) -> bool:
        """Cheap pre-check: False when none of the term's first-word forms is among `words`, or
        (for a pattern) no word starts with its leading literal letters."""
        if self.anchors is not None:
            return not self.anchors.isdisjoint(words)
        return not self.prefix or any(w.startswith(self.prefix) for w in words)

    def finditer(self, text: str):
        """(start, end) of every match in `text` that no exception phrase covers."""
        if not self.exceptions:
            yield from (m.span() for m in self.regex.finditer(text))
            return
        blocked = [m.span() for ex in self.exceptions for m in ex.finditer(text)]
        for m in self.regex.finditer(text):
            if not any(s <= m.start() and m.end() <= e for s, e in blocked):
                yield m.start(), m.end()


@dataclass(frozen=True)
class Lexicon:
    category: str
    dimension: str
    label: str
    description: str
    entries: tuple[Entry, ...] = field(default=())


def words_of(text: str) -> set[str]:
    """Lower-case words of `text`, split at hyphens and apostrophes too (for Entry.could_match)."""
    return set(re.findall(r"\w+", text.lower()))


def inflections(word: str) -> list[str]:
    """Regular English inflections of one word (over-generation is harmless for matching)."""
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "ing", w + "d"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w[:-1] + "ed"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return sorted(forms, key=len, reverse=True)


def _literal_prefix(pattern: str) -> str:
    """The lower-case letters a pattern must start with ('will\\s+only' -> 'will'); '' when it may
    start otherwise (an alternation or optional part at the top level)."""
    depth = 0
    for ch in pattern:
        depth += ch == "(" 
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            return ""
    m = re.match(r"[a-z]+", pattern)
    if not m:
        return ""
    rest = pattern[m.end():]
    literal = m.group()
    if rest[:1] in ("?", "*", "{"):  # the last letter is optional
        literal = literal[:-1]
    return literal


def _apostrophes(regex: str) -> str:
    return regex.replace("'", "['’]")


def term_regex(term: str, inflect: bool = True) -> str:
    """A regex for a term: each word may be inflected, words separated by any white space."""
    words = term.split()
    if inflect:
        parts = ["(?:" + "|".join(re.escape(f) for f in inflections(w)) + ")" for w in words]
    else:
        parts = [re.escape(w) for w in words]
    return _apostrophes(r"\s+".join(parts).replace(r"\-", "[-‐ ]?"))


WORD_START, WORD_END = r"(?<![\w'’-])", r"(?![\w-])"


def _compile(regex: str, where: str) -> re.Pattern:
    try:
        return re.compile(WORD_START + "(?:" + regex + ")" + WORD_END, re.IGNORECASE)
    except re.error as exc:
        raise LexiconError(f"{where}: invalid pattern: {exc}") from None


def _entry(raw: dict, defaults: dict, where: str) -> Entry:
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if ("term" in raw) == ("pattern" in raw):
        raise LexiconError(f"{where}: give exactly one of 'term' or 'pattern'")
    severity = raw.get("severity", defaults.get("severity", "medium"))
    if severity not in SEVERITIES:
        raise LexiconError(f"{where}: severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    explanation = raw.get("explanation", "").strip()
    if not explanation:
        raise LexiconError(f"{where}: an explanation is required")
    suggestion = raw.get("suggestion", [])
    suggestions = (suggestion,) if isinstance(suggestion, str) else tuple(suggestion)
    examples = raw.get("examples", {})
    matches, no_matches = tuple(examples.get("match", ())), tuple(examples.get("no_match", ()))
    if not matches or not no_matches:
        raise LexiconError(f"{where}: examples need at least one 'match' and one 'no_match'")
    anchors, prefix = None, ""
    if "term" in raw:
        regex = term_regex(raw["term"], raw.get("inflect", True))
        first = re.split(r"[-\s'’]", raw["term"].lower())[0]
        anchors = frozenset(inflections(first) if raw.get("inflect", True) else [first])
        entry_id = raw.get("id", re.sub(r"\W+", "-", raw["term"].lower()).strip("-"))
    else:
        regex = _apostrophes(raw["pattern"])
        prefix = _literal_prefix(raw["pattern"])
        entry_id = raw.get("id", "")
        if not entry_id:
            raise LexiconError(f"{where}: a 'pattern' entry needs an 'id'")
    exceptions = tuple(_compile(term_regex(x, inflect=False), where) for x in raw.get("exceptions", ()))
    return Entry(entry_id, defaults["category"], defaults["dimension"], severity, explanation, suggestions,
                 _compile(regex, where), matches, no_matches, exceptions, raw.get("loaded", True), where, anchors,
                 prefix)


def load_file(path: Path) -> Lexicon:
    """Read and validate one lexicon file; errors name the file and the entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path.name}: not valid TOML: {exc}") from None
    unknown = set(data) - _FILE_KEYS
    missing = {"category", "dimension", "entries"} - set(data)
    if unknown or missing:
        raise LexiconError(f"{path.name}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    entries = []
    seen = set()
    for index, raw in enumerate(data["entries"], 1):
        label = raw.get("id") or raw.get("term") or raw.get("pattern", "?")
        entry = _entry(raw, data, f"{path.name} entry {index} ({label})")
        if entry.id in seen:
            raise LexiconError(f"{path.name} entry {index}: duplicate id {entry.id!r}")
        seen.add(entry.id)
        entries.append(entry)
    return Lexicon(data["category"], data["dimension"], data.get("label", data["category"]),
                   data.get("description", ""), tuple(entries))


@cache
def load_all(folder: str | None = None) -> tuple[Lexicon, ...]:
    """Every `*.toml` lexicon in `folder` (default: the shipped lexicons), sorted by file name."""
    root = Path(folder) if folder else data_dir("lexicons")
    return tuple(load_file(p) for p in sorted(root.glob("*.toml")))


def by_dimension(dimension: str) -> list[Entry]:
    return [e for lex in load_all() if lex.dimension == dimension for e in lex.entries]


def by_category(category: str) -> list[Entry]:
    return [e for lex in load_all() if lex.category == category for e in lex.entries]


def categories() -> dict[str, Lexicon]:
    return {lex.category: lex for lex in load_all()}
