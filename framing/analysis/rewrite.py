"""A plainer version of an article: each loaded word in the writer's own voice replaced by its first
suggestion, where that suggestion is a replacement and not advice, so that a class can read the
neutral version beside the original. Plain data; the report shows it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from framing.text.document import REPORTER

DELETE = "(delete)"
_ADVICE = frozenset("describe attribute cite give name quote report say specify state explain use add drop".split())
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
    if not m or m["words"].split()[0].lower() in _ADVICE and len(m["words"].split()) > 1:
        return None  # 'describe the position', 'give the figure': what to do, not words to use
    return m["words"].strip(), m["note"] or ""


def _fitted(words: str, original: str) -> str:
    """The replacement in the original's case: 'Risky' for 'Reckless'."""
    return words[:1].upper() + words[1:] if original[:1].isupper() and words else words


def plainer(text: str, start: int, end: int, findings) -> list[Piece]:
    """[start, end) of the text as pieces, the writer's loaded words replaced (quoted speech never: those
    are the speaker's words); of overlapping findings the first applies."""
    changes = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if (f.voice != REPORTER or f.dimension != "loaded_language" or not f.suggestion
                or not (start <= f.start and f.end <= end) or (changes and f.start < changes[-1][1])):
            continue
        fit = replacement(f.suggestion[0])
        if fit is not None:
            changes.append((f.start, f.end, *fit))
    pieces, at = [], start
    for a, b, words, note in changes:
        before = text[at:a]
        if not words:  # a deleted opener takes its comma with it: 'Clearly, the ...' -> 'The ...'
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
