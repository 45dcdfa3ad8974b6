"""A plainer version of an article: each loaded word in the writer's own voice replaced by its first
suggestion, where that suggestion is a replacement and not advice, so that a class can read the
neutral version beside the original. Plain data; the report shows it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from framing.rules import lexicon
from framing.text.document import REPORTER

DELETE = "(delete)"
_ADVICE = frozenset(("describe attribute cite give name quote report say specify state explain use add drop remove ask "
                     "avoid check show support").split())
_OPEN_END = re.compile(r"\\w\+\)*\Z")  # a pattern ending in any word ('will never \w+')
_REPLACEMENT = re.compile(r"(?P<words>[A-Za-z][A-Za-z '\-]*?)\s*(?:\((?P<note>[^()]*)\))?")  # 'risky (according to ...)'


@dataclass(frozen=True)
class Piece:
    text: str  # as it reads in the plainer version ('' where words were deleted)
    original: str = ""  # the words replaced, for a changed piece
    note: str = ""  # what the replacement still needs ('according to ...')

    @property
    def changed(self) -> bool:
        return bool(self.original)


def replacement(suggestion: str) -> tuple[str, str] | None:
    """(words, note) when a suggestion can stand in for the flagged words: '' for '(delete)', 'risky' and
    'according to ...' for 'risky (according to ...)'; None for advice ('according to ...', 'say who')."""
    if suggestion.strip() == DELETE:
        return "", ""
    m = _REPLACEMENT.fullmatch(suggestion.strip())
    if not m or m["words"].split()[0].lower() in _ADVICE and len(m["words"].split()) > 1 or " or " in f" {m['words']} ":
        return None  # 'describe the position', 'give the figure': what to do; 'x or y': a choice
    return m["words"].strip(), m["note"] or ""


# verbs the lexicons suggest in their base form, which take the -ed or -ing of the words they replace
_BASE_VERBS = frozenset("attack cause control damage destroy harm kill persuade reduce rush".split())


def _inflected(words: str, original: str) -> str:
    """The replacement in the original's form where the lexicon gives a base form: 'blasted' ->
    'criticised', 'slamming' -> 'criticising', 'dictators' -> 'leaders' (not after 'said', 'promoted')."""
    head, _, last = words.rpartition(" ")
    was = original.split()[-1].lower() if original.split() else ""
    if not last or re.search(r"(?:ed|d|s|ing)$", last):
        return words
    if was.endswith(("ed", "ing")) and not (last in _BASE_VERBS or last.endswith(("ise", "ize"))):
        return words  # 'Groundbreaking' -> 'New', not 'Newing'
    if was.endswith("ed"):
        last += "d" if last.endswith("e") else "ed"
    elif was.endswith("ing"):
        last = (last[:-1] if last.endswith("e") else last) + "ing"
    elif was.endswith("s") and not was.endswith(("ss", "us", "is", "os")):  # not "chaos"
        last = last[:-1] + "ies" if re.search(r"[^aeiou]y$", last) else last + "s"
    return f"{head} {last}" if head else last


def _fitted(words: str, original: str) -> str:
    """The replacement in the original's form and case: 'Risky' for 'Reckless'."""
    words = _inflected(words, original)
    return words[:1].upper() + words[1:] if original[:1].isupper() and words else words


def _entry(finding):
    """The lexicon entry behind a finding, or None for a detector's finding."""
    return next((e for e in lexicon.by_category(finding.category) if e.rule == finding.rule), None)


def open_ended(finding) -> bool:
    """Whether the finding's lexicon entry is a pattern ending in any word ('will never \\w+'): its
    suggestion ('is unlikely to') stands for the words before, not the whole span. False for a detector's finding."""
    entry = _entry(finding)
    return entry is not None and bool(_OPEN_END.search(entry.core))


def applicable(finding) -> str | None:
    """The words an editor may put in the finding's place with one click (the live editor's Apply): a
    lexicon entry's first suggestion when it is words and stands alone (no note, no deletion), in the form
    of the words it replaces; None otherwise."""
    entry = _entry(finding)
    if not finding.suggestion or entry is None or _OPEN_END.search(entry.core):
        return None
    fit = replacement(finding.suggestion[0])
    return _fitted(fit[0], finding.text) if fit and fit[0] and not fit[1] else None


def plainer(text: str, start: int, end: int, findings) -> list[Piece]:
    """[start, end) of the text as pieces, the writer's loaded words replaced (quoted speech never: those
    are the speaker's words); of overlapping findings the first applies."""
    changes = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if (f.voice != REPORTER or f.dimension != "loaded_language" or not f.suggestion
                or not (start <= f.start and f.end <= end) or (changes and f.start < changes[-1][1])
                or open_ended(f)):
            continue
        fit = replacement(f.suggestion[0])  # scare quotes' 'remove the quotation marks' is advice: the quotes attribute
        if fit is not None:
            changes.append((f.start, f.end, *fit))
    pieces, at = [], start
    for a, b, words, note in changes:
        before = text[at:a]
        aside = re.search(r",\s*\Z", before) if not words and text[b:end].startswith(",") else None
        if aside:  # a deleted aside takes both its commas: 'groups, regardless of ..., is' -> 'groups is'
            a, b, before = at + aside.start(), b + 1, before[:aside.start()]
        elif not words:  # a deleted opener takes its comma with it: 'Clearly, the ...' -> 'The ...'
            after = re.match(r"[,;]?\s*", text[b:end])
            b += after.end() if after else 0
            if not before.strip() or before.rstrip(" ").endswith(("\n", ".", "!", "?")):
                rest = text[b:end]
                pieces += [Piece(before), Piece("", text[a:b], note)]
                if rest[:1].islower():
                    pieces.append(Piece(rest[:1].upper()))
                    b += 1
                at = b
                continue
        head, _, last = words.rpartition(" ")
        if head and text[b:end].split(maxsplit=1)[:1] and text[b:end].split()[0].lower().startswith(last.lower()):
            words = head  # 'militia groups' -> 'armed groups', not 'armed group groups'
        pieces += [Piece(before), Piece(_fitted(words, text[a:b]), text[a:b], note)]
        at = b
    pieces.append(Piece(text[at:end]))
    return [p for p in pieces if p.text or p.original]
