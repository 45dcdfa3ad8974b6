"""House rules: a newsroom's settings (which rules count, from which severity) found in a config
file beside the drafts, and suppressions written in a draft, applied to an audit's findings.

The config is `.framing.toml`, or `[tool.framing]` in `pyproject.toml`, in the draft's folder or the
nearest folder above it (as linters find theirs). Keys: `select` and `ignore` (rule ids such as
"emotive.slam", or whole categories such as "emotive"), `min_severity`, `fail_on`, `lexicons`
(folders of the newsroom's own lexicon files, in the shipped TOML format), and
`[[tool.framing.overrides]]` tables with `paths` (globs relative to the config's folder) and any of
the other keys, applied in order to the drafts they match.

A suppression names the rules it silences and says why:
    <!-- framing: ignore emotive.massacre -- the inquiry's own word -->   (the next paragraph)
    ... a sentence framing-ignore hyperbole.total -- quoting the budget title   (this line)
One without a rule or a reason silences nothing and is reported; so is one that silenced nothing.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path

from framing.audit import Audit, compute_scores
from framing.errors import InputError
from framing.findings import SEVERITY_RANK, Finding
from framing.rules import lexicon

CONFIG_FILES = (".framing.toml", "pyproject.toml")
KEYS = ("select", "ignore", "min_severity", "fail_on", "lexicons")


@dataclass(frozen=True)
class Rules:
    """Which findings count: `select` (empty: all), minus `ignore`, from `min_severity` up."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: str | None = None
    fail_on: str | None = None
    lexicons: tuple[str, ...] = ()  # folders of the newsroom's own lexicon files (absolute)
    config: str | None = None  # the file they come from

    def keeps(self, finding: Finding) -> bool:
        if self.select and not _named(finding, self.select):
            return False
        if _named(finding, self.ignore):
            return False
        return self.min_severity is None or SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[self.min_severity]

    def with_options(self, **options) -> Rules:
        """These rules with the command line's options (those not None) put over them."""
        given = {k: (tuple(v) if isinstance(v, list) else v) for k, v in options.items() if v is not None}
        return replace(self, **given)


def _named(finding: Finding, names: tuple[str, ...]) -> bool:
    return finding.rule in names or finding.category in names


# ---- the config file --------------------------------------------------------------------------

def find_config(draft: Path) -> Path | None:
    """The nearest `.framing.toml`, or `pyproject.toml` with a [tool.framing] table, at or above the draft's folder."""
    folder = draft.resolve().parent
    for here in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = here / name
            if candidate.is_file() and (name != "pyproject.toml" or _framing_table(candidate) is not None):
                return candidate
    return None


def _framing_table(path: Path) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("framing")
    return data


def rules_for(draft: Path, config: Path | None = None) -> Rules:
    """The house rules for one draft: from `config`, or the config file found for it; none found, no rules."""
    config = config or find_config(draft)
    if config is None:
        return Rules()
    table = _framing_table(config)
    if table is None:
        raise InputError(f"{config}: no [tool.framing] table")
    rules = _parse(table, str(config))
    overrides = table.get("overrides", [])
    if not isinstance(overrides, list):
        raise InputError(f"{config}: 'overrides' must be a list of tables ([[tool.framing.overrides]])")
    where = _relative(draft, config.parent)
    for index, override in enumerate(overrides, 1):
        patterns = override.get("paths") if isinstance(override, dict) else None
        if not isinstance(patterns, list) or not patterns:
            raise InputError(f"{config}: override {index} needs 'paths', a list of globs")
        if any(fnmatch(where, p) for p in patterns):
            rules = replace(rules, **_values(override, f"{config}: override {index}", {"paths"}))
    return rules


def _relative(draft: Path, folder: Path) -> str:
    try:
        return draft.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return draft.resolve().as_posix()


def _parse(table: dict, where: str) -> Rules:
    return Rules(config=where, **_values(table, where, {"overrides"}, Path(where).parent))


def _values(table: dict, where: str, also: set[str], folder: Path | None = None) -> dict:
    """The known keys of one table, checked: lists of rule names, severities by name."""
    unknown = set(table) - set(KEYS) - also
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(KEYS)})")
    values = {}
    for key in ("select", "ignore"):
        if key in table:
            names = table[key]
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise InputError(f"{where}: '{key}' must be a list of rule or category names")
            values[key] = tuple(names)
    if "lexicons" in table:
        folders = table["lexicons"]
        if folder is None:
            raise InputError(f"{where}: 'lexicons' belongs in the main table, not in an override")
        if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
            raise InputError(f"{where}: 'lexicons' must be a list of folders (relative to the config file)")
        values["lexicons"] = tuple(str((folder / f).resolve()) for f in folders)
    for key in ("min_severity", "fail_on"):
        if key in table:
            if table[key] not in SEVERITY_RANK:
                raise InputError(f"{where}: '{key}' must be one of {', '.join(SEVERITY_RANK)}, not {table[key]!r}")
            values[key] = table[key]
    return values


def activate(rules: Rules) -> None:
    """Put the rules' own lexicons in use beside the shipped ones (before an audit)."""
    lexicon.use_extra(rules.lexicons)


# ---- suppressions in the draft ----------------------------------------------------------------

_COMMENT = re.compile(r"<!--\s*framing:\s*ignore\b(?P<body>.*?)-->", re.DOTALL)
_LINE_END = re.compile(r"\bframing-ignore\b(?P<body>[^\n]*)$", re.MULTILINE)
_BODY = re.compile(r"\s*(?P<rules>[\w.\-]+(?:\s*,\s*[\w.\-]+)*)\s*(?:--\s*(?P<reason>.*\S))?\s*$", re.DOTALL)


@dataclass
class Suppression:
    rules: tuple[str, ...]
    reason: str
    start: int  # the directive itself
    end: int
    covers: tuple[int, int]  # the text whose findings it silences
    line: int
    used: int = 0
    problem: str = ""  # why it silences nothing ("no reason given"); empty when valid


def suppressions(text: str) -> list[Suppression]:
    """Every suppression in a draft, in text order."""
    found = []
    for m in _COMMENT.finditer(text):
        found.append(_suppression(text, m, _next_paragraph(text, m.end())))
    for m in _LINE_END.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        found.append(_suppression(text, m, (line_start, m.start())))
    return sorted(found, key=lambda s: s.start)


def _suppression(text: str, m: re.Match, covers: tuple[int, int]) -> Suppression:
    body = _BODY.fullmatch(m.group("body"))
    rules = tuple(r.strip() for r in body.group("rules").split(",")) if body else ()
    reason = (body.group("reason") or "").strip() if body else ""
    problem = "names no rule" if not rules else "gives no reason (write: -- why)" if not reason else ""
    return Suppression(rules, reason, m.start(), m.end(), covers, text.count("\n", 0, m.start()) + 1, problem=problem)


def _next_paragraph(text: str, offset: int) -> tuple[int, int]:
    """The paragraph after `offset`: from its first non-blank character to the next blank line."""
    start = len(text) - len(text[offset:].lstrip())
    end = re.compile(r"\n\s*\n").search(text, start)
    return start, end.start() if end else len(text)


def _silences(suppression: Suppression, finding: Finding) -> bool:
    return (not suppression.problem and suppression.covers[0] <= finding.start < suppression.covers[1]
            and _named(finding, suppression.rules))


# ---- applying them ----------------------------------------------------------------------------

@dataclass
class Applied:
    audit: Audit
    suppressions: list[Suppression] = field(default_factory=list)

    def notes(self) -> list[str]:
        """One line per suppression that silences nothing: malformed or unused."""
        notes = []
        for s in self.suppressions:
            if s.problem:
                notes.append(f"line {s.line}: suppression of {', '.join(s.rules) or '?'} {s.problem}; it silences nothing")
            elif not s.used:
                notes.append(f"line {s.line}: unused suppression of {', '.join(s.rules)}")
        return notes


def apply(audit: Audit, rules: Rules) -> Applied:
    """The audit with only the findings the house rules keep and no suppression silences (and none
    inside a suppression's own words), its scores computed again from those."""
    found = suppressions(audit.document.text)
    kept = []
    for finding in audit.findings:
        if not rules.keeps(finding) or any(s.start <= finding.start < s.end for s in found):
            continue
        silencing = next((s for s in found if _silences(s, finding)), None)
        if silencing is not None:
            silencing.used += 1
            continue
        kept.append(finding)
    if len(kept) == len(audit.findings) and not found:
        return Applied(audit, found)
    scores = compute_scores(kept, audit.sourcing, audit.document.scored_words())
    return Applied(replace(audit, findings=kept, scores=scores), found)
