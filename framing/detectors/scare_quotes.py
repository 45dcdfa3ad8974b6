"""Scare quotes: one to three words in quotation marks in the narration, with nobody quoted."""

from __future__ import annotations

import bisect
import re

from framing import categories
from framing.detectors.context import AuditContext
from framing.findings import Finding
from framing.resources import word_list
from framing.text.usage import is_mention

CATEGORY = "doubt"  # a lexicon's category: scare quotes are doubt markers too
MAX_WORDS = 3
_QUOTE_PUNCTUATION = re.compile(r"[,.;:!?]")
_MINOR_WORDS = frozenset(word_list("minor_words.txt", "quoted_title"))
_FUNCTION_WORDS = frozenset(word_list("stop_words.txt"))
_PARTIAL_QUOTATION_CUES = frozenset(word_list("attribution.txt", "partial_quotation_cues"))
# 'what lawmakers called "fraud"', 'as the magazine called them, "Manchurian anchors"', 'brought it up as
# "very fishy"', 'in the words of an aide, "the torchbearer"': someone's word, quoted
_NAMED_BY = re.compile(r"\b(?<!so-)(?:call(?:s|ed|ing)?(?!\s+(?:for|on|upon|off|up|in|out)\b)|dubb(?:ed|ing)|termed|"
                       r"labell?ed|branded|(?:described|brought\s+(?:\w+\s+)?up|positioned|billed|touted|hailed|portrayed|"
                       r"characteri[sz]ed|referred\s+to|known|fil(?:e|es|ed|ing)|treated)\s+(?:\w+\s+){0,3}as|told\s+to|in\s+the\s+words\s+of)"
                       r"\b[^.;:!?“”\"]{0,40}$", re.IGNORECASE)
_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.IGNORECASE)  # the lexicon's so-called finding holds the quote
# 'an “opt-out” movement', 'a "no-disparagement" clause', 'the “brother and sister” approach': a compound
# between a determiner and a noun names a kind of the noun (a label in use), not a word the writer doubts; a
# single word there may well be doubted ('the "peace" deal')
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|this|that|these|those|its|his|her|their|our|your|my|\w+[’']s)\s+$",
                                re.IGNORECASE)
_QUOTED_WORD = re.compile(r"[\w’'-]+")
_NOUN_AFTER = re.compile(r"[”\"’']*\s+([a-z][a-z\-]+)\b")
# 'Clinton's “bundlers” - the volunteer fund-raisers who ...', 'a “cap” (a limit on ...)', '“dark money”, or funds
# whose donors ...': a term followed at once by its definition is being defined, not doubted
_DEFINED_AFTER = re.compile(r"[”\"’']*\s*(?:[-–—]{1,2}\s*(?:the|a|an|or|meaning|i\.e\.)\s|\((?:the|a|an|or|meaning|i\.e\.)\s|"
                            r",\s*(?:or|meaning|i\.e\.|a\s+term\s+for|which\s+(?:means|refers\s+to))\s)", re.IGNORECASE)


# '“stitch-up,” as the English call it', '"gerrymandering," as critics put it': whose word it is, said after it
_GLOSSED_AFTER = re.compile(r"[”\"’']*\s*,?\s+as\s+(?:[\w-]+\s+){0,3}?(?:call|calls|called|put\s+it|say|says|know\s+it)\b",
                            re.IGNORECASE)


def _plain_words(text: str) -> str:
    """A quotation's words, lower-cased and single-spaced, for comparing one quotation with another."""
    return " ".join(_QUOTED_WORD.findall(text.lower()))


def _labels_a_noun(text: str, start: int, end: int, inner: str) -> bool:
    """Whether a quoted compound (several words, or joined by '-' or '/') qualifies the noun after it:
    a determiner before it, and after it a lower-case word that is no function word, verb form
    ('-ing', '-ed') or adverb ('-ly')."""
    if not (len(inner.split()) > 1 or "-" in inner or "/" in inner):
        return False
    if not _DETERMINER_BEFORE.search(text, max(0, start - 30), start):
        return False
    m = _NOUN_AFTER.match(text, end)
    return bool(m) and m.group(1) not in _FUNCTION_WORDS and not m.group(1).endswith(("ing", "ed", "ly"))


def _names_something(text: str, start: int, end: int, quote_start: int, inner: str) -> bool:
    """A capitalised word inside a sentence ('the movie "Spotlight"', 'will form a “Conference”') is a
    name or title; in a line written in title case ('FBI Informant “Threatened” After ...') every
    word is capitalised, so a capitalised quotation there is a headline's quote, not the writer's doubt."""
    if not inner[:1].isupper() or inner.split()[0].isupper():  # '“FBI investigation”' may be doubted
        return False
    words = re.findall(r"[^\W\d_][\w’'\-]*", text[start:end])
    title_case = len(words) >= 4 and all(w[0].isupper() or w in _MINOR_WORDS for w in words)
    return title_case or bool(text[start:quote_start].strip())


def _is_title(inner: str) -> bool:
    """'Black Lives Matter', 'March of Solidarity', '13th': a quoted name or title of two words or more, or
    one that starts with a digit, not a doubted word."""
    words = inner.split()
    if words and words[0][0].isdigit():
        return True
    return len(words) >= 2 and words[0][0].isupper() and all(
        w[0].isupper() or w[0].isdigit() or w in _MINOR_WORDS for w in words)


def scare_quotes(context: AuditContext) -> list[Finding]:
    """A short quoted phrase with no attribution cue in its sentence casts doubt on the word."""
    doc, category = context.document, categories.get(CATEGORY)
    attributed = [(a.content.start, a.content.end) for a in context.attributions
                  if a.content is not None and a.cue.end > a.cue.start]
    cues = sorted(a.cue.start for a in context.attributions if a.cue.end > a.cue.start)
    # the longer quotations' words: a short quote that repeats a speaker's words ('Nevada a "newcomer" in the
    # race' above '"Nevada is more of a newcomer," said ...') quotes that speaker, even where no cue is near
    spoken = [_plain_words(doc.text[q.inner.start:q.inner.end]) for q in doc.quotations
              if len(doc.text[q.inner.start:q.inner.end].split()) > MAX_WORDS]
    findings = []
    for quote in doc.quotations:
        if quote.depth or not doc.is_scored(quote.start, quote.end) or doc.text[quote.start] not in "“‘\"'":
            continue  # a block quotation, post or interview answer has no marks: someone's words, not a doubted one
        inner = doc.text[quote.inner.start:quote.inner.end].strip("'’‘\"“” ")  # ''doubled'' marks
        if not 0 < len(inner.split()) <= MAX_WORDS or _QUOTE_PUNCTUATION.search(inner) or _is_title(inner):
            continue
        if _SO_CALLED.search(doc.text, max(0, quote.start - 12), quote.start) or _labels_a_noun(doc.text, quote.start, quote.end, inner):
            continue
        if is_mention(doc, quote.start) or _DEFINED_AFTER.match(doc.text, quote.end) or _GLOSSED_AFTER.match(doc.text, quote.end):
            continue  # 'the word "regime"' talks about the word; '“bundlers” - the fund-raisers who' defines it
        sentence = doc.sentence_at(quote.start)
        if sentence is None or _NAMED_BY.search(doc.text[sentence.start:quote.start]):
            continue
        if _names_something(doc.text, sentence.start, sentence.end, quote.start, inner):
            continue
        if doc.text[quote.start] in "‘'" and doc.block_at(quote.start).kind == "title":
            continue  # a headline's single quotes quote someone: "Trump Was 'Mocking' Clinton Camp"
        if any(s < quote.end and quote.start < e for s, e in attributed):
            continue
        words = _plain_words(inner)  # the words of a longer quotation, repeated: that speaker's
        repeated = words and re.compile(rf"(?<![\w’'-]){re.escape(words)}(?![\w’'-])")
        if repeated and any(repeated.search(q) for q in spoken):
            continue
        first_cue = bisect.bisect_left(cues, sentence.start)
        if first_cue < len(cues) and cues[first_cue] < sentence.end:
            continue  # 'he said the talking points could be "abused"': a partial quotation of the speaker
        if not _PARTIAL_QUOTATION_CUES.isdisjoint(w.lower() for w in _QUOTED_WORD.findall(doc.text[sentence.start:quote.start])):
            continue  # 'the president clarified that he was not speaking about the "wisdom" of', 'ordering agencies to
            # “ease the burden”', 'in an interview ... a "two-in-three chance"': words said, written or ordered, quoted
        findings.append(Finding(
            detector="scare_quotes", rule=f"{CATEGORY}.scare-quotes", category=CATEGORY, dimension=category.dimension,
            severity="medium", start=quote.start, end=quote.end, text=doc.text[quote.start:quote.end],
            voice="reporter",
            message=f"{category.label} in the reporter's voice: scare quotes around {inner!r}",
            explanation="Quotation marks around a word that nobody is quoted as saying signal that the writer doubts "
                        "or mocks it, without saying why.",
            suggestion=["remove the quotation marks", "attribute the word to whoever used it"],
        ))
    return findings
