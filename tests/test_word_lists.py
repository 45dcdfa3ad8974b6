"""The word lists in lexicons/*.txt: each loads, is not empty, is written the way its code compares
it, and a few words behave as they did when the lists lived in the code."""

import importlib
import re

import pytest

from framing.resources import alternation, data_dir, word_list, word_lists
from framing.text.document import build_document

FILES = sorted(p.name for p in data_dir("lexicons").glob("*.txt"))
LISTS = [(f, name) for f in FILES for name in word_lists(f)]

# How the code compares each list: "lower" lists hold lower-case words, "capitalised" lists words
# as they open a sentence, "as written" lists are compared case-sensitively as they stand.
LOWER = {("attribution.txt", "adverbs_before_cue"), ("attribution.txt", "source_nouns_after_cue"),
         ("attribution.txt", "stance_nouns"), ("attribution.txt", "function_words"),
         ("attribution.txt", "not_in_source"), ("names.txt", "name_particles"), ("names.txt", "role_words"),
         ("sources.txt", "pronouns"), ("sources.txt", "relative_pronouns"), ("sources.txt", "media_words"),
         ("sources.txt", "group_openers"), ("sources.txt", "quantity_openers"), ("sources.txt", "quantity_hedges"),
         ("sources.txt", "group_words"), ("sources.txt", "not_before_name"), ("sources.txt", "data_nouns"), ("sources.txt", "stand_in_nouns"), ("sources.txt", "act_nouns"), ("sources.txt", "female_words"), ("sources.txt", "male_words"), ("sources.txt", "thing_nouns"), ("sources.txt", "person_nouns"), ("sources.txt", "description_heads"), ("sources.txt", "other_trades"), ("minor_words.txt", "headline"), ("minor_words.txt", "quoted_title"),
         ("abbreviations.txt", ""), ("stop_words.txt", ""), ("affiliation.txt", "membership"), ("affiliation.txt", "opposition"), ("affiliation.txt", "staff"), ("affiliation.txt", "for_prefix"), ("affiliation.txt", "against_prefix"), ("affiliation.txt", "place_offices"),
         ("writer_stance.txt", "pronouns"), ("writer_stance.txt", "negative_categories"),
         ("writer_stance.txt", "positive_categories"), ("writer_stance.txt", "not_judgement"),
         ("attribution.txt", "action_cues"), ("attribution.txt", "speech_cues"), ("attribution.txt", "figure_sources"),
         ("attribution.txt", "claim_cues"), ("attribution.txt", "quotation_openers"), ("attribution.txt", "labelling_cues"), ("attribution.txt", "feeling_participles"), ("attribution.txt", "partial_quotation_cues"),
         ("attribution.txt", "critical_labels"), ("actors.txt", "role_references"), ("attribution.txt", "not_sources")}
CAPITALISED = {("names.txt", "not_name_start"), ("names.txt", "honorifics"), ("names.txt", "titles"),
               ("attribution.txt", "sentence_openers"), ("sources.txt", "determiners"),
               ("actors.txt", "function_words"), ("actors.txt", "person_titles"),
               ("actors.txt", "abbreviations_in_names"), ("actors.txt", "name_suffixes"), ("actors.txt", "epithets"),
               ("sources.txt", "name_titles"), ("names.txt", "male_given"), ("names.txt", "female_given")} | {
    ("politicians.txt", name) for name in ("presidents_democratic", "presidents_republican", "democratic", "republican")}
AS_WRITTEN = {("politicians.txt", "democratic_groups"), ("politicians.txt", "republican_groups"), ("names.txt", "organisation_words"), ("names.txt", "place_initials"), ("news_outlets.txt", "")} | {
    ("actors.txt", name) for name in ("departments", "places", "institutions", "outlets", "media_words", "laws",
                                      "law_words", "parties", "event_words", "place_words", "not_actors")}


def test_every_list_file_is_known_and_loads():
    assert {"abbreviations.txt", "news_outlets.txt", "names.txt", "attribution.txt", "sources.txt",
            "minor_words.txt", "actors.txt"} <= set(FILES)
    assert set(LISTS) == LOWER | CAPITALISED | AS_WRITTEN


@pytest.mark.parametrize("file_name, name", LISTS, ids=lambda x: x or "-")
def test_list_is_clean(file_name, name):
    entries = word_list(file_name, name)
    assert entries, f"{file_name} [{name}] is empty"
    assert len(set(entries)) == len(entries), f"{file_name} [{name}] has duplicates"
    assert all(e == e.strip() and "  " not in e for e in entries)
    if (file_name, name) in LOWER:
        assert all(e == e.lower() for e in entries), f"{file_name} [{name}] must be lower case"
    if (file_name, name) in CAPITALISED:
        assert all(e[0].isupper() for e in entries), f"{file_name} [{name}] must be capitalised"


@pytest.mark.parametrize("file_name", FILES)
def test_each_list_says_what_it_is_for(file_name):
    """A comment opens the file, and one follows every [list] line."""
    lines = [line.strip() for line in (data_dir("lexicons") / file_name).read_text(encoding="utf-8").splitlines()]
    assert lines[0].startswith("#")
    for i, line in enumerate(lines):
        if line.startswith("["):
            assert lines[i + 1].startswith("#"), f"{file_name} {line}: no comment says what the list is for"


def test_loader_reads_once_and_keeps_order():
    assert word_lists("names.txt") is word_lists("names.txt")
    assert word_list("names.txt", "honorifics")[:3] == ("Mr", "Ms", "Mrs")
    with pytest.raises(KeyError, match="no list"):
        word_list("names.txt", "nothing")


def test_alternation():
    assert alternation(["spokes*", "Gen.", "Field Marshal"]) == r"spokes\w+|Gen\.|Field\s+Marshal"
    assert re.fullmatch(alternation(word_list("names.txt", "role_words")), "spokespeople")


def test_a_sentence_initial_function_word_does_not_start_a_name():
    actors = importlib.import_module("framing.analysis.actors")
    doc = build_document("Port Vote\n\nIn August Tom Burns said the port would close. Meanwhile Ruth Okafor "
                         "disagreed. On Monday the council met.")
    names = [m[0] for m in actors._candidate_mentions(doc)]
    assert "Tom Burns" in names and "Ruth Okafor" in names
    assert not [n for n in names if n.split()[0] in ("In", "Meanwhile", "On", "August", "Monday")]


def test_source_kinds_and_titles():
    sources = importlib.import_module("framing.analysis.sources")
    actors = importlib.import_module("framing.analysis.actors")
    assert sources._kind("Reuters") == "media"
    assert sources._kind("a local outlet") == "media"
    assert sources._kind("Derna Shura Council") == "organisation"
    assert sources._kind("The council spokesperson") == "official"
    assert sources._kind("Some residents") == "vague"
    assert sources._kind("Tom Burns") == "person"
    assert actors.strip_title("Field Marshal Khalifa Haftar") == "Khalifa Haftar"
    assert actors.strip_title("Gen. Sen. Lee") == "Lee"


def test_well_known_outlets_are_media_and_a_person_of_the_same_name_is_not():
    """'Forbes reported' is the magazine (lexicons/news_outlets.txt), 'The Wall Street Journal' an outlet by its media
    word (sources.txt [media_words]); 'Rep. Randy Forbes', called 'Forbes' after, stays a person."""
    from framing.api import audit_text

    def kinds(text):
        return [(s.name, s.kind) for s in audit_text("Harbour Plan\n\n" + text, readability=False, contextual=False).sources]

    assert kinds("The plan will cost $40 million, Forbes reported on Monday. The Wall Street Journal said the port "
                 "lost money last year.") == [("Forbes", "media"), ("The Wall Street Journal", "media")]
    assert kinds('Rep. Randy Forbes said the plan was sound. "It is a fair price," Forbes said.') == [("Rep. Randy Forbes", "person")]
    sources = importlib.import_module("framing.analysis.sources")
    assert [sources._kind(n) for n in ("Newsweek", "The Daily Beast", "RT", "Forbes magazine")] == ["media"] * 4


def test_attribution_words():
    attribution = importlib.import_module("framing.analysis.attribution")
    assert not attribution._names_someone("of the")
    assert attribution._names_someone("the council")
    text = "the Obama administration said it would. the council yesterday said no."
    assert attribution._up_to_cue(text, (0, 9), (30, 34)) == (0, 29)  # 'the Obama' runs on over 'administration'
    assert attribution._up_to_cue(text, (42, 53), (64, 68)) == (42, 53)  # not over 'yesterday'
    assert attribution._without_opener("Still, the fund said", (0, 15)) == (7, 15)


def test_headline_and_quoted_title_minor_words_differ_on_purpose():
    layout = importlib.import_module("framing.text.layout")
    assert layout.looks_like_headline("Protests Grow amid Talks over the Port")
    assert not layout.looks_like_headline("the council met on monday to talk")
    headline, quoted = set(word_list("minor_words.txt", "headline")), set(word_list("minor_words.txt", "quoted_title"))
    assert quoted < headline and "up" in headline - quoted
    scare_quotes = importlib.import_module("framing.detectors.scare_quotes")
    assert scare_quotes._MINOR_WORDS == quoted
    assert not scare_quotes._is_title("Whip up")
    assert scare_quotes._is_title("March of Solidarity")


def test_abbreviations_do_not_end_sentences():
    doc = build_document("Gen. Haftar spoke on Monday. Mr. Burns did not.")
    assert len(doc.sentences) == 2


def test_no_politician_is_of_both_parties():
    democrats = set(word_list("politicians.txt", "presidents_democratic") + word_list("politicians.txt", "democratic"))
    republicans = set(word_list("politicians.txt", "presidents_republican") + word_list("politicians.txt", "republican"))
    assert not democrats & republicans
