"""Find quotations: straight and curly double quotes, two apostrophes as one double mark (''as some
archives print them''), single quotes nested inside them (or used as top-level marks), and quotes
that run over several paragraphs."""

from __future__ import annotations

import re

from framing.resources import alternation, word_list

_OPEN_DOUBLE, _CLOSE_DOUBLE = "“", "”"
_OPEN_SINGLE, _CLOSE_SINGLE = "‘", "’"
_MARKS = re.compile("'''|''|[“”‘’\"']")
DOUBLED = "''"  # two apostrophes: a double quotation mark in some archives' text
_OPENERS_BEFORE = set(" \t\n([{—–-/") | {_OPEN_DOUBLE, _OPEN_SINGLE, '"', "'"}
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff")


def _opens(text: str, i: int, width: int = 1) -> bool:
    """A straight or single mark at i (`width` characters long) opens a quote when it follows space or
    the start and precedes a non-space; invisible format characters around it (a direction mark that web
    pages put before a quotation, a zero-width space) do not count."""
    before, after = i - 1, i + width
    while before >= 0 and text[before] in _INVISIBLE:
        before -= 1
    while after < len(text) and text[after] in _INVISIBLE:
        after += 1
    return (text[before] if before >= 0 else " ") in _OPENERS_BEFORE and not (text[after] if after < len(text) else " ").isspace()


def _closes_single(text: str, i: int) -> bool:
    """’ or ' closes a single-quoted span unless it is an apostrophe inside a word (Haftar’s)."""
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def _scan_paragraph(text: str, start: int, end: int, open_at: int | None):
    """Yield (start, end, depth) quotes in one paragraph; return the still-open double quote's start."""
    found = []
    double = open_at          # start of the open double-quoted span, if any
    single = None             # start of the open single-quoted span, if any
    if open_at is not None:
        start += 2 if text.startswith(DOUBLED, start) else 1  # the continuing paragraph's opening mark re-opens the same quote
    for i, ch in _marks(text, start, end):
        if ch == _OPEN_DOUBLE or (ch in ('"', DOUBLED, _CLOSE_DOUBLE) and double is None and _opens(text, i, len(ch))):
            # a closing mark after a space and before a word, with no quote open, is an opening one mistyped
            if double is None:
                double = i
        elif ch in (_CLOSE_DOUBLE, '"', DOUBLED):
            if double is not None:
                if single is not None:
                    single = None  # an unclosed inner quote ends with its outer quote
                found.append((double, i + len(ch), 0))
                double = None
        elif ch in (_OPEN_SINGLE, "'") and single is None and _opens(text, i):
            single = i
        elif ch in (_CLOSE_SINGLE, "'") and single is not None and _closes_single(text, i):
            found.append((single, i + 1, 1 if double is not None else 0))
            single = None
    return found, double


def _marks(text: str, start: int, end: int):
    """(offset, mark) of the quotation marks in text[start:end]. Three apostrophes are a single mark and a
    double one, in the order they open a quote or close it (the double first before 'Sir', the single
    first after 'of us,')."""
    for mark in _MARKS.finditer(text, start, end):
        i, ch = mark.start(), mark.group()
        if len(ch) < 3:
            yield i, ch
        elif _opens(text, i, 3):
            yield from ((i, DOUBLED), (i + 2, "'"))
        else:
            yield from ((i, "'"), (i + 1, DOUBLED))


def find_quotations(text: str, blocks) -> list[tuple[int, int, int]]:
    """All quotations as (start, end, depth), end exclusive, sorted by start.

    A quote left open at the end of a paragraph continues when the next paragraph opens with a
    quotation mark (the newspaper convention); otherwise it is closed at the paragraph's end.
    """
    body = [b for b in blocks if b.kind in ("body", "title")]
    result: list[tuple[int, int, int]] = []
    pending: int | None = None
    for index, block in enumerate(body):
        found, open_at = _scan_paragraph(text, block.start, block.end, pending)
        result.extend(found)
        pending = None
        if open_at is not None:
            nxt = body[index + 1] if index + 1 < len(body) else None
            if nxt is not None and nxt.kind == "body" and (text[nxt.start] in (_OPEN_DOUBLE, '"') or text.startswith(DOUBLED, nxt.start)):
                pending = open_at
            else:
                result.append((open_at, block.end, 0))
    result += _block_quotations(text, body, result)
    result += _embedded_posts(text, body, result)
    return sorted(result + _interview_answers(text, body, result))


# 'Murillo wrote:', 'The six-page letter says:', 'A statement from the White House read as follows:'
_INTRODUCES = re.compile(rf"\b(?:{alternation(word_list('attribution.txt', 'quotation_openers'))})\b"
                         r"[^:.!?\"“”]{0,40}:\s*$")


def _block_quotations(text: str, body: list, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A paragraph without quotation marks right after one that introduces it ('Murillo wrote:') is a
    block quotation, the quoted writer's words (at depth 0, marks or none); so is a line after such a
    line inside a paragraph, in texts that break paragraphs with a single newline ('Reuters reports:')."""
    quoted = [(s, e) for s, e, d in found if d == 0]
    pairs = [((before.start, before.end), (block.start, block.end)) for before, block in zip(body, body[1:])
             if block.kind == "body"]
    for block in body:
        if block.kind == "body":
            lines = _lines(text, block)
            pairs += zip(lines, lines[1:])
    return sorted((start, end, 0) for (before_start, before_end), (start, end) in pairs
                  if _INTRODUCES.search(text, before_start, before_end) and text[start] not in "“‘\"'"
                  and not any(s < end and start < e for s, e in quoted))


def _lines(text: str, block) -> list[tuple[int, int]]:
    """The block's non-blank lines, stripped."""
    result, start = [], block.start
    for line in text[block.start:block.end].split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            result.append((start + lead, start + lead + len(line.strip())))
        start += len(line) + 1
    return result


# '— Donald J. Trump (@realDonaldTrump) October 18, 2018': the credit line under an embedded post
_POST_CREDIT = re.compile(r"^[ \t]*[—–-][ \t]*[^()\n]{1,60}\(@\w{1,30}\)[ \t]+[A-Z][a-z]+\.?[ \t]+\d{1,2},[ \t]+\d{4}[ \t]*$",
                          re.MULTILINE)
POST_LIMIT = 280  # characters: the longest post such a credit can sit under


def _embedded_posts(text: str, body: list, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The lines right above a post's credit line, back to a blank line, an earlier credit or a quotation
    mark, and no longer together than a post can be, are the poster's words (at depth 0), as a web page
    shows an embedded post: the page's writer did not write them."""
    quoted = [(s, e) for s, e, d in found if d == 0]
    posts = []
    for block in body:
        for credit in _POST_CREDIT.finditer(text, block.start, block.end):
            end = credit.start() - 1 if credit.start() > block.start else credit.start()
            start = end
            while start > block.start:
                line_start = text.rfind("\n", block.start, start - 1) + 1 if start - 1 > block.start else block.start
                line = text[max(line_start, block.start):start]
                if (not line.strip() or _POST_CREDIT.match(line.strip("\n")) or end - max(line_start, block.start) > POST_LIMIT
                        or any(mark in line for mark in "“”\"")):
                    break
                start = max(line_start, block.start)
            while start < end and text[start].isspace():
                start += 1
            if start < end and not any(s < end and start < e for s, e in quoted):
                posts.append((start, end, 0))
    return posts


# 'Q: You open your book on May 17, 2001.' / 'A: I came home from school and ...': an interview printed as questions
# and answers, the answers the interviewee's words though no quotation mark marks them
_QUESTION = re.compile(r"^[ \t]*(?:Q|QUESTION)[ \t]*[:.][ \t]+\S", re.MULTILINE)
_ANSWER = re.compile(r"^[ \t]*(?:A|ANSWER)[ \t]*:[ \t]+(?=\S)", re.MULTILINE)
MIN_QUESTIONS = 2  # questions that make a text an interview, not a line that happens to start 'Q.'


def _interview_answers(text: str, body: list, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """In a text printed as an interview (two or more lines opening 'Q:' and one 'A:' or more), each answer,
    from after its 'A:' to the next question, is the interviewee's words (at depth 0): the rest of its
    paragraph and the paragraphs after it that open with no 'Q:' or 'A:', as long as a question follows
    (after the last question, only the answer's own paragraph). Quotations inside the answer keep theirs;
    the answer is the parts between them."""
    if len(_QUESTION.findall(text)) < MIN_QUESTIONS or not _ANSWER.search(text):
        return []
    questions = [m.start() for m in _QUESTION.finditer(text)]
    quoted = sorted((s, e) for s, e, d in found if d == 0)
    answers = []
    for m in _ANSWER.finditer(text):
        block = next((b for b in body if b.start <= m.start() < b.end), None)
        if block is None or block.kind != "body":
            continue
        following = [q for q in questions if q > m.start()]
        end = block.end
        inside = [q for q in following if q < block.end]
        if inside:
            end = inside[0]
        elif following:  # the answer runs on over paragraphs until the next question
            for later in body[body.index(block) + 1:]:
                if later.start >= following[0] or _ANSWER.match(text, later.start):
                    break
                end = later.end
        start = m.end()
        for s, e in quoted:  # the parts between the quotations the answer holds
            if e <= start or s >= end:
                continue
            if s > start:
                answers.append((start, s, 0))
            start = max(start, e)
        if start < end:
            answers.append((start, end, 0))
    return [(s, e, d) for s, e, d in answers if text[s:e].strip()]
