"""Split an article's text into blocks: title, byline, body paragraphs, trailing non-article lines."""

from __future__ import annotations

import re

from framing.resources import word_list
from framing.text.spans import Block

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BY_NOT_NAME = re.compile(r"\(?\s*[Bb][Yy]\s+[a-z\d]")  # 'By the fall', 'By 2015'
_BYLINE = re.compile(r"^\(?\s*(by\s|byline\s*:|author\s*:|written by\s|reporting by\s)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_BOILERPLATE = re.compile(
    r"^(related|read more|see also|share|advertisement|subscribe|follow us|more from|recommended|"
    r"copyright|©|https?://|www\.)",
    re.IGNORECASE,
)
# Page furniture inside an article (a whole paragraph): a picture's credit or caption credit line, a
# slideshow or graphic notice, a newsletter sign-up. Written narrowly (case matters for the credits):
# 'Reuters/Ipsos poll showed ...' is a sentence, 'REUTERS/Tom Brenner' a credit.
_FURNITURE = re.compile(
    r"(?:[^\n]{0,400}?[.)]\s+\(?)?(?:REUTERS|AP Photo|AFP|Getty Images|EPA|Bloomberg)\s*/\s*[A-Z][\w.'’\- ]{1,60}\)?\.?"
    # ^ a credit alone, or a caption ending in its credit ('... May 1, 2018. REUTERS/Tom Brenner')
    r"|\(?(?:Photo|Image|Picture|Credit|Photograph)s?(?:\s+credit)?\s*:\s*[^\n]{1,80}"  # 'Photo: ...', '(Credit: ...)'
    r"|(?i:slideshow)\s*\(\d+\s+(?i:images?|photos?)\)"  # 'Slideshow (2 Images)'
    r"|\[(?i:for|see|click|to view)\b[^\]\n]{0,200}\]"  # '[For a graphic on ..., click ...]'
    r"|(?i:sign up for|get our)\b[^\n]{0,120}(?i:newsletter)[^\n]{0,80}")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_MINOR_WORDS = frozenset(word_list("minor_words.txt", "headline"))
_MAX_HEADLINE_WORDS = 16
_PAST_TENSE = re.compile(r"\b(?:was|were|had|did|said|knew|met|came|went|got|made|took|told|began|became|found|"
                         r"left|won|lost|saw|gave|thought|felt|kept|held|ran|stood|sat|[a-z]{3,}ed)\b")
_DATELINE = re.compile(r"[A-Z][A-Z.,'’ ]+\s*[—–-]\s")  # 'WASHINGTON - ', 'INDIANAPOLIS — '


def _raw_blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans (stripped of surrounding whitespace). Blank lines separate paragraphs;
    a text without blank lines has one paragraph per line."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans, start = [], 0
    for m in separator.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    result = []
    for s, e in spans:
        chunk = text[s:e]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            result.append((s + lead, s + lead + len(stripped)))
    return result


def looks_like_headline(line: str) -> bool:
    """A short single line without closing punctuation whose content words are capitalised."""
    if "\n" in line or _SENTENCE_END.search(line):
        return False
    words = _WORD.findall(line.lstrip("# "))
    if not words or len(words) > _MAX_HEADLINE_WORDS:
        return False
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.75 * len(content)


def is_title_line(line: str) -> bool:
    """A first paragraph that is a title: a '#' heading, or one line without closing punctuation, or
    one headline-cased line that ends in it ('... Bloomberg Tells U.S.', 'Is the Deal Dead?')."""
    if line.startswith("#"):
        return True
    if "\n" in line or len(_WORD.findall(line)) > 25:
        return False
    return not _SENTENCE_END.search(line) or looks_like_headline(_SENTENCE_END.sub("", line))


def is_headline_with_period(line: str) -> bool:
    """One short line that ends in a period, not a dateline lede: how some outlets' exports end a
    headline ('Indiana governor endorses Cruz - but also has praise for front-runner.'). Taken for a
    title only above at least two paragraphs (split_blocks), and only in a headline's present tense: a lede
    that short is rare (4 of 177 BASIL articles open so) and tells its story in the past ('By the fall, the
    plan had failed.'; 46 of PolNeAR's 679 short first lines hold a past form and stay body)."""
    return ("\n" not in line and line.rstrip().endswith(".") and len(_WORD.findall(line)) <= _MAX_HEADLINE_WORDS
            and not _DATELINE.match(line) and not _PAST_TENSE.search(line))


def is_byline(line: str) -> bool:
    """'By ...', 'BYLINE: ...', 'Author: ...', 'Reporting by ...'; not a sentence that opens with
    'By' ('By the fall, ...', 'By 2015, ...')."""
    return bool(_BYLINE.match(line)) and not _BY_NOT_NAME.match(line) and len(line) < 120


def trailer_reason(line: str) -> str:
    """Why a closing line is not part of the article, or '' when it is."""
    if _BOILERPLATE.match(line):
        return "boilerplate"
    if looks_like_headline(line):
        return "related headline"
    return ""


def split_blocks(text: str) -> list:
    """Classify every paragraph of `text` (see framing.text.spans.Block)."""

    spans = _raw_blocks(text)
    kinds = ["body"] * len(spans)
    reasons = [""] * len(spans)
    first = 0
    if len(spans) > 2 and is_byline(text[spans[0][0] : spans[0][1]]):  # 'BYLINE: Amber Phillips.' above the title
        kinds[0], reasons[0], first = "byline", "byline", 1
    opening = text[spans[first][0] : spans[first][1]] if len(spans) > first else ""
    if (len(spans) > first + 1 and is_title_line(opening)) or (len(spans) > first + 2 and is_headline_with_period(opening)):
        kinds[first], first = "title", first + 1
    for i in range(first, min(first + 2, len(spans))):
        if is_byline(text[spans[i][0] : spans[i][1]]):
            kinds[i], reasons[i] = "byline", "byline"
    for i, (start, end) in enumerate(spans):
        if kinds[i] == "body" and _FURNITURE.fullmatch(text[start:end].strip()):
            kinds[i], reasons[i] = "excluded", "page furniture"
    # Walk back from the end over trailing non-article lines, keeping at least one body paragraph.
    body = [i for i, k in enumerate(kinds) if k == "body"]
    for i in reversed(body[1:]):
        reason = trailer_reason(text[spans[i][0] : spans[i][1]])
        if not reason:
            break
        kinds[i], reasons[i] = "excluded", reason
    return [Block(s, e, k, r) for (s, e), k, r in zip(spans, kinds, reasons)]
