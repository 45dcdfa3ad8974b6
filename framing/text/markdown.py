"""Blocks of a Markdown draft, found with markdown-it-py, as offsets into the draft as written.

The draft's text stays the document's text (so every offset, line and column points into the file);
this module only says what is what: front matter, code, HTML blocks and tables are excluded blocks;
headings and paragraphs are title, byline or body blocks; and the markup inside them (heading and
list markers, emphasis marks, link targets, inline code and HTML, web addresses) is returned as
spans the audit does not score. Markup is marked only where it is found in the draft: anything not
located stays text, audited as before."""

from __future__ import annotations

import re
from functools import cache

from framing.errors import InputError
from framing.text import layout
from framing.text.spans import Block, Span

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n(?:.*?\n)?(?:\1|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_URL = re.compile(r"\bhttps?://[^\s)>\]]+|\bwww\.[\w-]+\.\w[^\s)>\]]*")
# the end of a link or image: '](target "title")', '][label]', '][]' or a lone ']'
_LINK_TAIL = re.compile(r"""\]\(\s*(?:<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)"""
                        r"|\]\[[^\]]*\]|\]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_EXCLUDED = {"fence": "code", "code_block": "code", "table_open": "table", "html_block": "HTML"}
_MAX_BYLINE = 120


@cache
def _parser():
    try:
        from markdown_it import MarkdownIt  # lazy: only Markdown input needs it
    except ImportError as exc:  # a broken install: say what is missing, in one line
        raise InputError(f"Markdown input needs markdown-it-py (pip install markdown-it-py): {exc}") from None

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def split_blocks(text: str) -> tuple[list[Block], list[Span]]:
    """The draft's blocks (see framing.text.spans.Block) and the markup inside them, both in text order."""
    lines = [0] + [m.end() for m in re.finditer("\n", text)]
    blocks: list[Block] = []
    markup: list[Span] = []
    front = _FRONT_MATTER.match(text)
    source = text
    if front:
        blocks.append(Block(0, len(front.group().rstrip()), "excluded", "front matter"))
        source = "\n" * text.count("\n", 0, front.end()) + text[front.end():]  # same lines, nothing to parse
    tokens = _parser().parse(source)
    skip_to = None
    for i, token in enumerate(tokens):
        if skip_to is not None:
            if token.type == skip_to:
                skip_to = None
            continue
        if token.type in _EXCLUDED and token.map:
            start, end = _line_span(text, lines, token.map)
            reason = "HTML comment" if text.startswith("<!--", start) else _EXCLUDED[token.type]
            if start < end:
                blocks.append(Block(start, end, "excluded", reason))
            if token.type == "table_open":
                skip_to = "table_close"
        elif token.type == "inline" and token.map and tokens[i - 1].type in ("heading_open", "paragraph_open"):
            found = _inline(text, lines, token)
            if found is not None:
                span, marks = found
                opening = tokens[i - 1]
                kind = ("heading" if opening.type == "heading_open" else "nested" if opening.level
                        else _paragraph_kind(token))  # nested: in a list or block quote
                blocks.append(Block(span.start, span.end, kind))
                markup.extend(marks)
    blocks.sort(key=lambda b: b.start)
    return _classify(text, blocks), markup


def _line_span(text: str, lines: list[int], line_range) -> tuple[int, int]:
    """[start, end) of lines [first, last) of `text`, without surrounding whitespace."""
    first, last = line_range
    start = lines[first]
    end = lines[last] if last < len(lines) else len(text)
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())


def _inline(text: str, lines: list[int], token) -> tuple[Span, list[Span]] | None:
    """The block of one heading or paragraph, from its first to its last character of text, and the
    markup between them: whatever lies between the pieces of text the parser found."""
    start, end = _line_span(text, lines, token.map)
    pieces: list[tuple[int, int]] = []
    cursor = start
    in_address = False  # inside <https://...>: the address is markup, not text
    for child in token.children or []:
        if child.type == "link_open" and child.markup == "autolink":
            in_address = True
        elif child.type == "text" and child.content and not in_address:
            found = _find(text, child.content, cursor, end)
            cursor = found[1] if found else None
            if found:
                pieces.append(found)
        elif child.type in ("link_close", "image", "code_inline", "html_inline"):
            in_address = False
            cursor = _past(text, child, cursor, end)
        if cursor is None:  # not located: the rest stays text
            return Span(pieces[0][0] if pieces else start, end), _gaps(text, pieces)
    if not pieces:
        return None  # an image, code or HTML only: nothing to read
    return Span(pieces[0][0], pieces[-1][1]), _gaps(text, pieces)


def _gaps(text: str, pieces: list[tuple[int, int]]) -> list[Span]:
    """Markup: the gaps between pieces of text (but not a bare line break), and web addresses in the text."""
    gaps = []
    for (_, a), (b, _) in zip(pieces, pieces[1:]):
        if b > a and text[a:b].strip():
            gaps.append(Span(a, b))
    for s, e in pieces:
        gaps.extend(Span(m.start(), m.end()) for m in _URL.finditer(text, s, e))
    return sorted(gaps, key=lambda g: g.start)


def _past(text: str, child, cursor: int, end: int) -> int | None:
    """Where a link's target, an image, inline code or inline HTML that starts at or after `cursor` ends
    (so that the text after it is not looked for inside it), or None when it is not found."""
    if child.type == "link_close":
        if child.markup == "autolink":
            at = text.find(">", cursor, end)
            return at + 1 if at >= 0 else None
        m = _LINK_TAIL.search(text, cursor, end)
        return m.end() if m else None
    if child.type == "image":
        at = text.find("![", cursor, end)
        m = _LINK_TAIL.search(text, at + 2, end) if at >= 0 else None
        return m.end() if m else None
    if child.type == "code_inline":
        at = text.find(child.markup, cursor, end)
        at = text.find(child.markup, at + len(child.markup), end) if at >= 0 else -1
        return at + len(child.markup) if at >= 0 else None
    found = _find(text, child.content, cursor, end)  # html_inline: as written
    return found[1] if found else None


def _find(text: str, content: str, start: int, end: int) -> tuple[int, int] | None:
    """Where `content` (text as the parser gives it) is written in text[start:end]: as is, or with
    backslash escapes and character references (`\\*`, `&amp;`)."""
    at = text.find(content, start, end)
    if at >= 0:
        return at, at + len(content)
    pattern = "".join(rf"(?:\\?{re.escape(c)}|&[#\w]{{1,32}};)" if not c.isspace() else r"\s+" for c in content)
    m = re.compile(pattern).search(text, start, end)
    return (m.start(), m.end()) if m else None


def _paragraph_kind(token) -> str:
    """'emphasis' for a one-line paragraph all in italics or bold (`*By Jane Roe*`), else 'paragraph'."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content)]
    if "\n" in token.content or len(children) < 3:
        return "paragraph"
    first, last = children[0].type, children[-1].type
    emphasis = first in ("em_open", "strong_open") and last == first.replace("open", "close")
    return "emphasis" if emphasis else "paragraph"


def _classify(text: str, blocks: list[Block]) -> list[Block]:
    """The first block is the title when it is a heading (or a line that reads as one); an emphasis-only
    or 'By ...' line among the next two is the byline; other headings and paragraphs are body, and the
    closing lines that are not the article's (related headlines, 'Read more') are excluded, as in plain text."""
    content = [i for i, b in enumerate(blocks) if b.kind != "excluded"]
    kinds = {i: "body" for i in content}
    reasons = {i: "" for i in content}
    rest = content
    if content:
        first = blocks[content[0]]
        if first.kind == "heading" or (first.kind != "nested" and len(content) > 1
                                       and layout.is_title_line(text[first.start:first.end])):
            kinds[content[0]], rest = "title", content[1:]
    for i in rest[:2]:
        line = text[blocks[i].start:blocks[i].end]
        in_emphasis = blocks[i].kind == "emphasis" and not _SENTENCE_END.search(line)  # `_Jane Roe, Reuters_`
        if len(line) < _MAX_BYLINE and (in_emphasis or layout.is_byline(line)):
            kinds[i], reasons[i] = "byline", "byline"
    body = [i for i in rest if kinds[i] == "body"]
    for i in reversed(body[1:]):
        reason = layout.trailer_reason(text[blocks[i].start:blocks[i].end])
        if not reason:
            break
        kinds[i], reasons[i] = "excluded", reason
    return [Block(b.start, b.end, kinds[i], reasons[i]) if i in kinds else b for i, b in enumerate(blocks)]
