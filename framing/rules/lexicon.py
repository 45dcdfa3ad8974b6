"""Lexicons as data: TOML files in lexicons/, one per category, validated on load. What a category
is (label, description, dimension) is said once, in the category registry (framing/categories.py).

See docs/lexicon-format.md for the format. A term matches its inflections; a pattern is a
regular expression. Both match whole words, case-insensitively, with ' and ’ interchangeable.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from framing import categories as registry
from framing.errors import LexiconError
from framing.resources import data_dir

SEVERITIES = ("low", "medium", "high")
FINDING_DIMENSIONS = ("loaded_language", "unattributed")  # lexicons whose entries become findings
_FILE_KEYS = {"category", "severity", "entries"}
_REGISTRY_KEYS = {"dimension", "label", "description"}  # said once, in lexicons/categories.toml
_ENTRY_KEYS = {"id", "term", "pattern", "severity", "explanation", "suggestion", "examples",
               "exceptions", "exception_patterns", "inflect", "loaded", "act", "on_subject", "note"}
_VOWELS = set("aeiou")
EXCEPTION_REACH = 80  # characters around a match searched for an exception phrase covering it
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Entry:
    id: str
    category: str
    dimension: str
    severity: str
    explanation: str
    suggestions: tuple[str, ...]
    core: str  # the regex without its word-boundary guards
    match_examples: tuple[str, ...]
    no_match_examples: tuple[str, ...]
    exception_cores: tuple[str, ...] = ()
    loaded: bool = True
    source: str = ""
    anchors: frozenset[str] | None = None  # a term's first-word forms; None: always tried
    prefixes: tuple[str, ...] = ()  # a pattern's leading literal letters: some word must start with one
    act: bool = False  # a stance entry that reports someone taking a stance ('condemned'), not a verdict ('must stop')
    on_subject: bool = False  # a stance entry that is a verdict on its grammatical subject ('X failed to')

    @property
    def rule(self) -> str:
        return f"{self.category}.{self.id}"

    @cached_property
    def regex(self) -> re.Pattern:
        """Compiled on first use: a text gives most entries no word to start at, and compiling all
        of them took a tenth of a second of every cold start."""
        return _compile(self.core, self.source)

    @cached_property
    def exceptions(self) -> tuple[re.Pattern, ...]:
        return tuple(_compile(core, self.source) for core in self.exception_cores)

    def could_match(self, words: set[str]) -> bool:
        """Cheap pre-check: False when none of the term's first-word forms is among `words`, or
        (for a pattern) no word starts with its leading literal letters."""
        if self.anchors is not None:
            return not self.anchors.isdisjoint(words)
        return not self.prefixes or any(w.startswith(self.prefixes) for w in words)

    def finditer(self, text: str, index: WordIndex | None = None):
        """(start, end) of every match in `text` that no exception phrase covers. With the text's
        WordIndex, the regex is tried only where a word it can start with begins (same matches,
        without scanning the whole text)."""
        starts = index.starts_for(self) if index is not None else None
        if starts == []:
            return  # no word it can start with: not even compiled
        for start, end in match_at(self.regex, text, starts):
            if not any(self._covers(ex, text, start, end) for ex in self.exceptions):
                yield start, end

    @staticmethod
    def _covers(exception: re.Pattern, text: str, start: int, end: int) -> bool:
        """An exception phrase around [start, end) (looked for in a window: phrases are short)."""
        window = EXCEPTION_REACH
        return any(m.start() <= start and end <= m.end()
                   for m in exception.finditer(text, max(0, start - window), min(len(text), end + window)))


def match_at(regex: re.Pattern, text: str, starts: list[int] | None):
    """(start, end) of regex.finditer(text)'s matches, trying only the sorted offsets `starts`
    (every offset when None): the same matches when no match can begin elsewhere."""
    if starts is None:
        yield from (m.span() for m in regex.finditer(text))
        return
    last_end = -1
    for position in starts:
        if position < last_end:
            continue
        m = regex.match(text, position)
        if m:
            last_end = m.end()
            yield m.span()


class WordIndex:
    """Where each lower-case word of a text starts; lets an Entry try its regex only at the words
    it can begin with (a match always begins a word: every regex opens with WORD_START)."""

    def __init__(self, text: str):
        self.positions: dict[str, list[int]] = {}
        at = self.positions.setdefault
        for m in _WORD.finditer(text):
            at(m[0].lower(), []).append(m.start())
        self.words = set(self.positions)
        self._sorted = sorted(self.positions)

    def starts_for(self, entry: Entry) -> list[int] | None:
        """Sorted offsets where `entry` may match; None when it may start anywhere."""
        if entry.anchors is not None:
            return self._starts(entry.anchors, ())
        return self._starts(frozenset(), entry.prefixes) if entry.prefixes else None

    def starts_for_anchors(self, anchors: Anchors | None) -> list[int] | None:
        """Sorted offsets of the words among `anchors.words` or starting with one of its prefixes;
        None (anywhere) for None."""
        return None if anchors is None else self._starts(anchors.words, anchors.prefixes)

    def _starts(self, words: frozenset[str], prefixes: tuple[str, ...]) -> list[int]:
        hits = words & self.words
        if not prefixes and len(hits) <= 1:  # most entries: one word of the text, or none
            return list(self.positions[next(iter(hits))]) if hits else []
        found = [p for w in hits for p in self.positions[w]]
        for prefix in prefixes:
            i = bisect.bisect_left(self._sorted, prefix)
            while i < len(self._sorted) and self._sorted[i].startswith(prefix):
                found.extend(self.positions[self._sorted[i]])
                i += 1
        return sorted(set(found))


@dataclass(frozen=True)
class Anchors:
    """Where a group of entries may start: their terms' first-word forms and their patterns'
    leading letters, gathered once so that a WordIndex answers for the group in one look-up."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, entries) -> Anchors | None:
        """The union of `entries`' anchors; None when one of them may start anywhere."""
        words: set[str] = set()
        prefixes: list[str] = []
        for entry in entries:
            if entry.anchors is not None:
                words |= entry.anchors
            elif entry.prefixes:
                prefixes.extend(p for p in entry.prefixes if p not in prefixes)
            else:
                return None
        return cls(frozenset(words), tuple(prefixes))


@dataclass(frozen=True)
class Lexicon:
    category: str
    dimension: str  # the category's, from the registry
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


def _split_top(pattern: str) -> list[str]:
    """The top-level alternatives of a regex ('a|(?:b|c)d' -> ['a', '(?:b|c)d'])."""
    parts, depth, current, escaped = [], 0, "", False
    for ch in pattern:
        if escaped:
            current, escaped = current + ch, False
            continue
        escaped = ch == "\\"
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return parts + [current]


def _closing(pattern: str, start: int) -> int:
    """Index of the parenthesis closing the group opened at `start`."""
    depth = 0
    for i in range(start, len(pattern)):
        if pattern[i] == "\\":
            continue
        depth += (pattern[i] == "(") - (pattern[i] == ")")
        if depth == 0:
            return i
    return len(pattern)


def literal_prefixes(pattern: str) -> tuple[str, ...]:
    """Lower-case letters some word must start with for the pattern to match, one per alternative
    ('will\\s+only' -> ('will',), '(?:spoke|speaks)\\s+against' -> ('spoke', 'speaks')); () when an
    alternative may start otherwise (then the pattern is always tried)."""
    prefixes: list[str] = []
    for alt in _split_top(pattern):
        while alt.startswith(("(?<", "(?!", "(?=")):  # a look-around does not consume letters
            alt = alt[_closing(alt, 0) + 1:]
        if alt.startswith("(?:"):
            close = _closing(alt, 0)
            inner = literal_prefixes(alt[3:close])
            if not inner or alt[close + 1:close + 2] in ("?", "*", "{"):
                return ()
            prefixes.extend(inner)
            continue
        m = re.match(r"[a-z]+", alt)
        literal = m.group() if m else ""
        if m and alt[m.end():m.end() + 1] in ("?", "*", "{"):  # the last letter is optional
            literal = literal[:-1]
        if not literal:
            return ()
        prefixes.append(literal)
    return tuple(prefixes)


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


def _entry(raw: dict, defaults: dict, dimension: str, where: str) -> Entry:
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
    anchors, prefixes = None, ()
    if "term" in raw:
        regex = term_regex(raw["term"], raw.get("inflect", True))
        first = re.split(r"[-\s'’]", raw["term"].lower())[0]
        anchors = frozenset(inflections(first) if raw.get("inflect", True) else [first])
        entry_id = raw.get("id", re.sub(r"\W+", "-", raw["term"].lower()).strip("-"))
    else:
        regex = _apostrophes(raw["pattern"])
        prefixes = literal_prefixes(raw["pattern"])
        entry_id = raw.get("id", "")
        if not entry_id:
            raise LexiconError(f"{where}: a 'pattern' entry needs an 'id'")
    exceptions = tuple(term_regex(x, inflect=False) for x in raw.get("exceptions", ())) + tuple(
        _apostrophes(x) for x in raw.get("exception_patterns", ()))
    entry = Entry(entry_id, defaults["category"], dimension, severity, explanation, suggestions,
                  regex, matches, no_matches, exceptions, raw.get("loaded", True), where, anchors, prefixes,
                  raw.get("act", False), raw.get("on_subject", False))
    if "pattern" in raw:  # written by hand: check it now, so a bad one names its file and entry at load
        entry.__dict__["regex"] = _compile(regex, where)
    return entry


def load_file(path: Path) -> Lexicon:
    """Read and validate one lexicon file; errors name the file and the entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path.name}: not valid TOML: {exc}") from None
    unknown = set(data) - _FILE_KEYS
    missing = {"category", "entries"} - set(data)
    if unknown or missing:
        moved = sorted(unknown & _REGISTRY_KEYS)
        where = f" ({', '.join(moved)}: see {registry.REGISTRY_FILE})" if moved else ""
        raise LexiconError(f"{path.name}: unknown keys {sorted(unknown)}{where}, missing keys {sorted(missing)}")
    try:
        dimension = registry.get(data["category"]).dimension
    except LexiconError as exc:
        raise LexiconError(f"{path.name}: {exc}") from None
    entries = []
    seen = set()
    for index, raw in enumerate(data["entries"], 1):
        label = raw.get("id") or raw.get("term") or raw.get("pattern", "?")
        entry = _entry(raw, data, dimension, f"{path.name} entry {index} ({label})")
        if entry.id in seen:
            raise LexiconError(f"{path.name} entry {index}: duplicate id {entry.id!r}")
        seen.add(entry.id)
        entries.append(entry)
    return Lexicon(data["category"], dimension, tuple(entries))


@cache
def load_all(folder: str | None = None) -> tuple[Lexicon, ...]:
    """Every `*.toml` lexicon in `folder` (default: the shipped lexicons), sorted by file name (the
    category registry beside them is not one)."""
    root = Path(folder) if folder else data_dir("lexicons")
    return tuple(load_file(p) for p in sorted(root.glob("*.toml")) if p.name != registry.REGISTRY_FILE)


_extra: tuple[Lexicon, ...] = ()  # a newsroom's own lexicons (house rules), in use beside the shipped ones


def use_extra(folders: tuple[str, ...] | list[str]) -> None:
    """Use the lexicons in `folders` beside the shipped ones from now on (none: only the shipped),
    read afresh (an editor's server sees a newsroom's edits). Each is checked as the shipped ones
    are, and an entry may not repeat a shipped rule."""
    global _extra
    shipped = {f"{lex.category}.{e.id}" for lex in load_all() for e in lex.entries}
    extra = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            raise LexiconError(f"{folder}: lexicon folder not found")
        for lex in (load_file(p) for p in sorted(folder.glob("*.toml"))):
            repeated = sorted(f"{lex.category}.{e.id}" for e in lex.entries if f"{lex.category}.{e.id}" in shipped)
            if repeated:
                raise LexiconError(f"{folder}: {', '.join(repeated)} repeat(s) a shipped entry; give another id")
            extra.append(lex)
    _extra = tuple(extra)


def _in_use() -> tuple[Lexicon, ...]:
    return load_all() + _extra


def by_dimension(dimension: str) -> list[Entry]:
    return [e for lex in _in_use() if lex.dimension == dimension for e in lex.entries]


def by_category(category: str) -> list[Entry]:
    return [e for lex in _in_use() if lex.category == category for e in lex.entries]


def categories() -> dict[str, Lexicon]:
    return {lex.category: lex for lex in load_all()}
