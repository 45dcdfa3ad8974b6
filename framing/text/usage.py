"""Whether a match is a use of the word: not when it is mentioned ('the word "regime"'), reported as
someone else's label ('called him a racist') or negated ('was not a massacre'). The detectors and the stance analysis (framing.analysis.sourcing) ask."""

from __future__ import annotations

import re

from framing.text.document import Document

_MENTION = re.compile(r"\b(?:word|words|term|terms|label|labels|phrase|expression|called\s+it|dubbed|(?:the|a)\s+names?|so[- ]called)"
                      r"\s*[\"“‘']?\s*$", re.IGNORECASE)  # 'the so-called deep state': the doubt is the one finding
# 'called him a racist', 'accused of being racist', 'branded Smith a traitor', 'calling the mayor a crook',
# 'to call it a planned riot', 'the rebels view the army as occupiers': someone else's label, reported
_OBJECT = r"(?:him|her|them|it|me|us|you|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}|(?:the|his|her|their|its|this|that|these|those)\s+[\w’'.-]+(?:\s+[\w’'.-]+)?)"
_REPORTED_LABEL = re.compile(r"\b(?:(?:(?<!so-)called|calling|(?<!roll\s)calls?|labell?ed|labell?ing|branded|branding|dubbed|dubbing)"
                             r"(?:\s+" + _OBJECT + r")?(?:\s+as)?(?:\s+both)?"
                             # 'the rebels view the army as occupiers', 'the state regards them as traitors': the viewer's word
                             r"|(?:views?|viewed|viewing|regards?|regarded|regarding|sees|saw|considers?|considered|considering"
                             r"|perceives?|perceived|portrays?|portrayed|portraying|paints?|painted|painting)\s+" + _OBJECT + r"\s+as"
                             # 'what she saw as a reckless sale', 'which critics view as a giveaway': the viewer's word
                             r"|(?:what|which)\s+(?:[\w’'.-]+\s+){1,2}?(?:saw|sees|see|viewed|views?|regarded|regards?|considered|considers?"
                             r"|perceived|perceives?|deemed|deems?)\s+as"
                             r"|accused(?:\s+(?:him|her|them|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}))?\s+of\s+being"
                             # 'accused the lawmakers of betrayal', 'accusing Clinton of reckless ...': the accuser's word
                             r"|accus(?:ed|es|ing)(?:\s+(?!of\b)[\w’'.-]+){0,4}?\s+of(?:\s+(?:his|her|their|its))?"
                             # 'charges that he demonized Mexicans', 'accusations that the agency had smeared him': the accusers' word
                             r"|(?i:charges?|accusations?|allegations?|complaints?)\s+that\s+(?:he|she|they|it|we|" + _OBJECT[3:-1] + r")"
                             r"(?:\s+(?:has|had|have|was|were|is|are)(?:\s+been)?)?"
                             r"|denied\s+being|regarded\s+as|described\s+as)\s+(?:(?:a|an)\s+(?:[\w-]+\s+)?)?[\"“‘']?\s*$")
_NEGATION = re.compile(r"\b(?:not|never|no|without|neither|nor|cannot|hardly)\b|n[’']t\b", re.IGNORECASE)
NEGATION_WINDOW = 3  # words before the match that may negate it


def is_mention(doc: Document, start: int) -> bool:
    """'the word "regime"', 'the so-called deep state': the term is talked about, not used (the
    lexicon's 'so-called' finding, where it is doubt, is the one finding)."""
    return bool(_MENTION.search(doc.text[max(0, start - 40):start]))


def is_reported_label(doc: Document, start: int) -> bool:
    """'called him a racist', 'accused of being racist', 'accused the lawmakers of betrayal', 'regarded as
    racist', 'what he saw as a disastrous war', 'charges that he demonized Mexicans': someone else's label that
    the narration reports, not the reporter's own word (in a quotation it is the speaker's, and stays)."""
    return bool(_REPORTED_LABEL.search(doc.text[max(0, start - 60):start]))


def is_negated(doc: Document, start: int) -> bool:
    """'was not a massacre': a negation among the few words before the match, in the same sentence."""
    sentence = doc.sentence_at(start)
    before = doc.text[sentence.start if sentence else max(0, start - 60):start].split()[-NEGATION_WINDOW:]
    return bool(_NEGATION.search(" ".join(before)))
