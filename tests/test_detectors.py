"""Detector behaviour on the canonical Derna article and the project's own examples, and each
detector alone on a built Document."""

import pytest

from framing.api import audit_text
from framing.text.document import QUOTED, REPORTER

from conftest import EXAMPLES


def flagged(audit, voice=None):
    return {f.text.lower(): f for f in audit.findings if voice is None or f.voice == voice}


def test_derna_reporter_voice_findings(derna_audit):
    reporter = flagged(derna_audit, REPORTER)
    assert reporter["spew more terror"].severity == "high"
    assert reporter["spew more terror"].category == "emotive"
    assert "will only" in reporter and reporter["will only"].category == "hyperbole"  # not the verb after it
    assert reporter["innocent civilians"].category == "emotive"
    assert reporter["has claimed"].suggestion[0] == "said"
    assert reporter["to justify his attacks"].category == "editorializing"
    assert reporter["is a sign that"].category == "editorializing"
    assert all(f.explanation and f.message for f in derna_audit.findings)


def test_derna_neutral_words_are_not_flagged(derna_audit):
    texts = " | ".join(f.text.lower() for f in derna_audit.findings if f.rule != "unattributed_claim")
    assert "said" not in texts.split(" | ")
    assert "airstrikes" not in texts


def test_derna_quoted_speech_is_the_speakers(derna_audit):
    quoted = flagged(derna_audit, QUOTED)
    irresponsible = quoted["irresponsible"]
    assert irresponsible.speaker == "Ahmed Maetig"
    assert irresponsible.severity == "low"  # medium lowered one step for quoted speech
    assert "Ahmed Maetig" in irresponsible.message


@pytest.mark.parametrize("contextual", [False, True])
def test_a_loaded_word_in_what_a_source_is_reported_to_say_is_paraphrased_speech(contextual):
    """'Hale said the reckless plan ...': the source's claim in the narration's words, one step lower
    and counted half; the same word in the reporter's own sentence, or after a verb of blame (its
    object, described by the narration), is the reporter's."""
    text = ("Harbour plan\n\nMayor Jane Hale said the reckless plan would ruin the harbour. The reckless plan "
            "passed on Monday. Hale slammed the reckless plan on Tuesday.")
    audit = audit_text(text, contextual=contextual)
    reckless = [(f.voice, f.speaker, f.severity) for f in audit.findings if f.text == "reckless"]
    assert reckless == [("paraphrased", "Jane Hale", "low"), (REPORTER, None, "medium"), (REPORTER, None, "medium")]
    assert "what Jane Hale is reported to say" in next(f for f in audit.findings if f.text == "ruin").message
    assert "(2 more in paraphrased speech)" in audit.scores["loaded_language"]["explanation"]


def test_a_loaded_word_beside_a_partial_quotation_is_the_sources_paraphrase():
    """'argue that the mayor is a “harbour baron” pursuing a reckless plan': the attribution is direct
    (it holds a quotation), and the words around the quotation are still the source's claim."""
    text = ("Harbour plan\n\nHarbour pilot Ruth Okafor argued that the mayor is a “harbour baron” pursuing a "
            "reckless plan. The reckless plan passed on Monday.")
    audit = audit_text(text, contextual=False)
    reckless = [(f.voice, f.speaker) for f in audit.findings if f.text == "reckless"]
    assert reckless == [("paraphrased", "Ruth Okafor"), (REPORTER, None)]


def test_derna_excluded_lines_are_not_scored(derna_audit):
    doc = derna_audit.document
    for block in doc.excluded:
        assert not any(block.start <= f.start < block.end for f in derna_audit.findings)
        assert not any(block.start <= s.start < block.end for s in doc.sentences)


def test_derna_vague_attributions(derna_audit):
    vague = {f.text for f in derna_audit.findings if f.category == "vague_attribution"}
    assert "a local Libyan news outlet" in vague
    assert "Numerous accounts" in vague and "have been reported" in vague


def test_derna_sources(derna_audit):
    names = {s.name: s for s in derna_audit.sources}
    for name in ("Ali Al-Za’tari", "Ahmed Maetig", "Martin Kobler", "Ahmad Al-Masmari"):
        assert name in names
    assert names["Ahmad Al-Masmari"].role == "A spokesperson for Haftar’s forces"
    assert names["Ahmad Al-Masmari"].quoted_words > 30
    assert names["a local Libyan news outlet"].kind == "media"
    assert len(names["Ali Al-Za’tari"].mentions) == 2  # the surname back-reference is merged
    assert names["Ali Al-Za’tari"].role == "Libya’s Deputy Special Representative of the Secretary-General"
    assert names["Ahmed Maetig"].role == "the Vice Chairman of the Presidential Council"
    assert "UN envoy" in names["Martin Kobler"].role
    assert not [n for n in names if n.lower() in ("a", "the", "an")]  # no tagger fragments as sources


def test_balanced_example_has_no_reporter_findings_of_high_severity():
    audit = audit_text((EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8"))
    assert not [f for f in audit.findings if f.voice == REPORTER and f.severity == "high"]


def test_loaded_example_scores_worse_than_balanced():
    loaded = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    balanced = audit_text((EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8"))
    assert loaded.scores["loaded_language"]["score"] > balanced.scores["loaded_language"]["score"] + 0.3
    assert loaded.scores["unattributed"]["score"] > balanced.scores["unattributed"]["score"]


def test_title_case_names_are_not_loaded_words():
    audit = audit_text("Troops of Operation Savage Dawn moved north. The Reckless Riders band played.")
    assert not audit.findings


def test_findings_slice_the_text():
    text = (EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")
    audit = audit_text(text)
    for f in audit.findings:
        assert text[f.start:f.end] == f.text
    assert [f.id for f in audit.findings] == [f"f{i}" for i in range(1, len(audit.findings) + 1)]


def test_mention_and_negation_do_not_count_as_use():
    mention = audit_text("The minister objected to the word 'regime' in the report.")
    assert not [f for f in mention.findings if f.category == "contentious_label"]
    negated = audit_text("Investigators said it was not a massacre. The army did not slaughter anyone.")
    assert not [f for f in negated.findings if f.category == "emotive"]
    used = audit_text("The army slaughtered villagers in a massacre.")
    assert {f.text for f in used.findings if f.category == "emotive"} == {"slaughtered", "massacre"}


def test_mention_and_negation_hold_for_scare_quotes_and_model_words():
    text = 'The word "regime" appears in the statement. The minister did not slam the plan.'
    audit = audit_text(text)
    assert not [f for f in audit.findings if f.dimension == "loaded_language"]
    used = audit_text('The "regime" fell. The minister will slam the plan.')
    assert {f.rule for f in used.findings} >= {"doubt.scare-quotes", "emotive.slam"}


def test_scare_quotes_in_narration_are_doubt_markers():
    audit = audit_text('The "peace" deal was signed on Monday. Lee said "we will sign it soon."')
    scare = [f for f in audit.findings if f.rule == "doubt.scare-quotes"]
    assert [f.text for f in scare] == ['"peace"']


def test_quoted_titles_are_names_not_scare_quotes():
    audit = audit_text('Fans flew a “Black Lives Matter” flag at the "March of Solidarity" before the "peace deal" collapsed.')
    scare = [f.text for f in audit.findings if f.rule == "doubt.scare-quotes"]
    assert scare == ['"peace deal"']


def test_labels_names_and_someones_words_are_not_scare_quotes():
    """A quoted compound naming a kind of the noun after it, a capitalised name inside a sentence, a
    title-cased headline's quote, and words that a cue before them gives to someone: none is doubt."""
    for text in ('The state was at the center of an “opt-out” movement last spring.',
                 'Staff signed a "no-disparagement" clause on Monday.',
                 "The scandal was the subject of the movie ''Spotlight'' years later.",
                 'Bishops will form a “Conference” with the other orders.',
                 'Republican Leaders Call “Unity” Meeting For Next Week',
                 'He brought it up as "very fishy" in the interview.',
                 'Twitter has positioned itself as a "global town square" for years.'):
        assert not [f for f in audit_text(text).findings if f.rule == "doubt.scare-quotes"], text
    for text in ('The "peace" deal was signed on Monday.', 'The public "certainly" deserved to know.',
                 'Our "allies" and adversaries have interests there.', 'The “FBI investigation” is a delay.'):
        assert [f for f in audit_text(text).findings if f.rule == "doubt.scare-quotes"], text


def test_so_called_doubts_a_claimed_standing_and_only_glosses_a_term_of_art():
    """'So-called' before a word that claims a merit or standing (experts, allies, refugees) is doubt, one
    medium finding with its quotes; before a term of art or a mechanism's name it means 'known as': no finding,
    and its quotes are no scare quotes either."""
    audit = audit_text('The plan ends the so-called “sunset” clause, and the so-called “experts” on the panel '
                       'backed the so-called dreamers while the so-called filibuster rule stayed.')
    doubt = [(f.rule, f.text, f.severity, audit.document.text[f.end:f.end + 9]) for f in audit.findings if f.category == "doubt"]
    # the finding is the word alone (its suggestion "(delete)" keeps the term), one for "so-called" and its quotes
    assert doubt == [("doubt.so-called", "so-called", "medium", " “experts"), ("doubt.so-called", "so-called", "medium", " dreamers")]


def test_a_term_followed_by_its_definition_is_not_a_scare_quote():
    for text in ('Most of the town\'s "runners" - the volunteers who carry the post - are retired.',
                 'The board set a “floor” (a minimum price for milk) on Friday.',
                 'Donors gave to "pools", or funds that many donors share, in the spring.',
                 'It was a “stitch-up” as the English call it; a fix.',  # whose word it is, said after it
                 'Couples may now file jointly as “married filing jointly” on their returns.'):  # a form's own term
        assert not [f for f in audit_text(text).findings if f.rule == "doubt.scare-quotes"], text
    assert [f for f in audit_text('The "runners" were paid too much.').findings if f.rule == "doubt.scare-quotes"]


@pytest.mark.parametrize("flagged, rules_flagged, literal, rules_literal", [
    # session 22's words
    ("The mayor's latest gaffe came a day after his incendiary speech. The firebrand lambasted the council in a "
     "brazen move, and the retail behemoth stayed silent. Selling the port was treason. The xenophobic flyers were "
     "handed out by the town's strongman.",
     {"editorializing.gaffe", "emotive.incendiary", "name_calling.firebrand", "emotive.lambaste", "emotive.brazen",
      "emotive.behemoth", "name_calling.treason", "name_calling.xenophobe", "contentious_label.strongman"},
     "Police found incendiary devices in the van. The colonel was convicted of treason in 1952. The plant leaked toxic "
     "chemicals into the river. Rising xenophobia worried the bishops.",
     {"emotive.incendiary", "name_calling.treason", "emotive.toxic-figurative", "name_calling.xenophobe"}),
    # session 23's words
    ("The senator assailed the ruling on Monday. Her rival trashes the plan, and the minister rubbished the figures "
     "in a scathing speech. His fire-breathing vows were a flagrant bid for votes, the stupid plan raised a paltry "
     "$4,000, and the shocking result was off the charts. The vulture fund owns it.",
     {"emotive.assail", "emotive.trash-verb", "emotive.rubbish-verb", "emotive.scathing", "emotive.fire-breathing",
      "emotive.flagrant", "emotive.stupid", "editorializing.paltry", "editorializing.shocking",
      "hyperbole.off-the-charts", "name_calling.vulture-fund"},
     "The assailant fled. Trash collection resumed, and a rubbish bin was emptied while a vulture circled.",
     None),  # None: no loaded word at all
    # session 24's words
    ("The mayor kept up her inflammatory talk. With her usual swagger she sugarcoated the ferry deficit, "
     "then backpedaled on the forecast amid a deafening silence. The hand-wringing is silly, and the reply was "
     "pathetic. Amazingly, the controversial billionaire Hal Brandt railed about the hypocritical council and the "
     "illegals. Her rival played the race card. The siege was genocidal. “Out,” he barked. The board is DOING nothing. "
     "Her relentless attacks on the mayor went on.",
     {"emotive.inflammatory", "emotive.swagger", "emotive.sugarcoat", "emotive.backpedal", "emotive.deafening",
      "emotive.hand-wringing", "editorializing.silly", "emotive.pathetic", "editorializing.astonishing",
      "contentious_label.controversial-person", "reporting_verb.rail-against", "name_calling.hypocrite",
      "contentious_label.illegals", "editorializing.race-card", "emotive.genocide", "emotive.barked",
      "editorializing.shouting-capitals", "hyperbole.relentless-attack"},
     "Doctors treat inflammatory bowel disease with anti-inflammatory drugs. The engines made a deafening roar. "
     "A controversial law requiring permits passed. The museum of the Armenian genocide opened. The aides "
     "insisted on anonymity. The fisherman had never before given to a campaign. The rally was held in the historic Corn Exchange Hall. "
     "The board wants a radical change in the rules. Two bombs were claimed by the so-called Islamic State. "
     "The harbourmaster sued the board last spring, claiming that it had cut her pay. The club blasted out a newsletter. The dogs "
     "barked all night. The relentless loss of factory jobs went on.\n\nWHAT’S NEW AT THE HARBOUR\n\nThe World Health Organization (WHO) sent a team.",
     None),
])
def test_new_loaded_words_and_their_literal_senses(flagged, rules_flagged, literal, rules_literal):
    """Words the readings of sessions 22 and 23 missed: flagged in the narration, not in their literal or legal senses."""
    def rules(text):
        return {f.rule for f in audit_text(text).findings if f.voice == "reporter" and f.dimension == "loaded_language"}

    assert rules(flagged) >= rules_flagged
    found = rules(literal)
    assert not (found if rules_literal is None else found & rules_literal), found


def test_claims_as_a_noun_in_a_headline_is_no_reporting_verb():
    audit = audit_text("Old Letters Support Claims That the Mayor Lied\n\nThe letters were found in a cellar on Monday.")
    assert not [f for f in audit.findings if f.rule == "reporting_verb.claimed"]


def test_words_someone_called_or_a_headline_quotes_are_not_scare_quotes():
    text = ("Trump Was ‘Mocking’ Clinton Camp\n\n"
            "The bank was involved with what multiple lawmakers called “fraud” last year. As one magazine called them "
            "last week, “Manchurian anchors” are on air. DuVernay’s “13th” opens today. The “peace” deal was signed.")
    scare = [f.text for f in audit_text(text).findings if f.rule == "doubt.scare-quotes"]
    assert scare == ["“peace”"]


def test_naming_verbs_before_a_quote():
    from framing.detectors.scare_quotes import _NAMED_BY

    for before in ("what lawmakers called ", "as the paper called them last week, ", "a plan dubbed ",
                   "described by aides as "):
        assert _NAMED_BY.search(before), before
    for before in ("police called off the ", "the mayor called for ", "bishops called upon Francis to ",
                   "lawmakers called. The ", "critics of so-called "):
        assert not _NAMED_BY.search(before), before


def test_admitted_as_saying_not_as_letting_in():
    said = ["Despite admitting that he had concerns, Ryan voted.", "He admitted to lying.",
            "Comey admitted in his book that the case was open.", "The minister admitted defeat.",
            "She admitted being tired at the time.", "The aide admits the campaign is lying.",
            "The Pope admits Catholic Church has ignored it.", "This was even admitted by the general."]
    let_in = ["She was admitted to a local health center.", "The vote for admitting Poland, Hungary and Chile passed.",
              "The government admitted two preachers who had praised attacks.", "It is impossible to admit me.",
              "A priest could admit a person living there.", "One million immigrants are admitted annually.",
              "The office admitted Hamza Sodagar into the country.", "Nobody was admitted without a pass."]
    for text in said + let_in:
        flagged = [f.rule for f in audit_text(text).findings if f.rule == "reporting_verb.admit"]
        assert flagged == (["reporting_verb.admit"] if text in said else []), text


def test_model_words_only_in_sentences_rated_biased():
    audit = audit_text((EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8"))
    doc = audit.document
    for f in audit.findings:
        if f.rule == "model.loaded":
            index = doc.sentences.index(doc.sentence_at(f.start))
            assert audit.bias_scores[index] >= 0.5 and f.score >= 0.7


def test_derna_unattributed_claims(derna_audit):
    claims = [f for f in derna_audit.findings if f.rule == "unattributed_claim"]
    texts = [f.text for f in claims]
    assert any(t.startswith("Haftar’s willingness") and t.endswith("more terror.") for t in texts)
    assert any("killed a mother and her two children" in t for t in texts)
    assert not any("300 kilometers east of Benghazi" in t for t in texts)  # attributed background
    assert not any(t.startswith("Clashes have been ongoing") for t in texts)  # background, no claim marker
    assert all(f.voice == "reporter" and "Who says so?" in f.message for f in claims)


def test_attributed_and_quoted_claims_are_not_unattributed():
    audit = audit_text('The mayor said the plan will only make things worse. "It is a sign that we failed," Lee said.')
    assert not [f for f in audit.findings if f.rule == "unattributed_claim"]
    bare = audit_text("The plan will only make things worse.")
    assert [f.rule for f in bare.findings if f.rule == "unattributed_claim"] == ["unattributed_claim"]


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["said", "Mr. Lee", "“", "”", '"', "'", "‘", "’", "so-called", "will only",
                                 "killed 12", "he", "according to", "the", ".", ",", "\n\n", "Critics say",
                                 "is a sign that", "spew more terror", "Gen.", " "]), max_size=60).map(" ".join)
       | st.text(max_size=300))
def test_audit_never_raises_and_findings_slice_the_text(text):
    audit = audit_text(text)
    for f in audit.findings:
        assert audit.document.text[f.start:f.end] == f.text
    for a in audit.attributions:
        for span in (a.cue, a.source, a.content):
            assert span is None or audit.document.text[span.start:span.end] == span.text


def test_source_kinds():
    text = ("The mayor said the road would close. A source familiar with the talks said they failed. "
            "Critics said it was late. The Port Authority said it disagreed. Maria Costa said she agreed. "
            "The plan was approved, reported a local news outlet. Reuters said the port was shut. "
            "The Washington Post said it was open.")
    kinds = {s.name: s.kind for s in audit_text(text).sources}
    assert kinds["Reuters"] == kinds["The Washington Post"] == "media"  # named outlets: the list, a media word
    assert kinds["The mayor"] == "official"
    assert kinds["A source familiar with the talks"] == "anonymous"
    assert kinds["The Port Authority"] == "organisation"
    assert kinds["Critics"] == "vague"
    assert kinds["Maria Costa"] == "person"
    assert kinds["a local news outlet"] == "media"


def test_a_relative_pronoun_source_is_registered_as_what_it_stands_for():
    from framing.analysis.sources import build as registry
    from framing.text.document import build_document
    from framing.findings import Attribution, TextSpan

    text = ("Ted Cruz endorsed Trump, who says the race is close. He cut off a reporter who asked why. "
            "Turnout rose among voters, and who feel left out.\n")
    doc = build_document(text)

    def said_by(relative, cue):
        start = text.index(relative) + len(relative) - len("who")
        cue_start = text.index(cue, start)
        return Attribution(TextSpan(cue_start, cue_start + len(cue), cue), TextSpan(start, start + 3, "who"),
                           None, "indirect")

    linked, sources = registry(doc, [said_by("Trump, who", "says"), said_by("reporter who", "asked"),
                                     said_by("and who", "feel")])
    assert [(s.name, s.kind) for s in sources] == [("Trump", "person"), ("a reporter", "vague")]
    assert linked[2].source_id is None  # 'and who': nothing to stand for, left out of the registry
    from framing.analysis.sources import _antecedent

    for text, meant in (("Stein, who is ineligible, said so.", "Stein"),  # at the very start of the text
                        ("Bentel, a tech staffer at the State Department who told us.", "a tech staffer"),
                        ("It went to the chair of the Council of Europe, who said no.", "the chair"),
                        ("Angry residents of Derna, who fled, said so.", "residents"),  # a group, no determiner
                        ("He met local officials in Tripoli who said so.", "local officials"),
                        ("The mayor spoke of Derna, who said so.", "Derna")):  # 'spoke' is no group
        who = text.index("who")
        assert _antecedent(text, TextSpan(who, who + 3, "who")).text == meant
    audit = audit_text("Ted Cruz endorsed Donald Trump, who says the race is close.\n")
    says = next(a for a in audit.attributions if a.cue.text == "says")
    assert says.source.text == "who"  # the span as PolNeAR marks it; the registry has the name
    assert next(s.name for s in audit.sources if s.id == says.source_id) == "Donald Trump"


def test_source_phrase_splits_into_name_and_role():
    from framing.analysis.sources import _name_and_role

    assert _name_and_role("The authority's chairman, Victor Hale,") == ("Victor Hale", "The authority's chairman")
    assert _name_and_role("Dr. Anna Lind, a marine biologist at the institute,") == (
        "Dr. Anna Lind", "a marine biologist at the institute")
    assert _name_and_role("the mayor") == ("the mayor", "")
    assert _name_and_role("the GNA") == ("GNA", "")  # the article is not part of the name
    assert _name_and_role("The Shura Council") == ("The Shura Council", "")
    assert _name_and_role("Ohio Democratic Party Chairman David Pepper") == (
        "David Pepper", "Ohio Democratic Party Chairman")
    assert _name_and_role("Price (D-Newport News)") == ("Price", "D-Newport News")
    assert _name_and_role("The port's chief, Representative Lena Morrow of Maine") == (
        "Lena Morrow", "Representative of Maine, The port's chief")
    assert _name_and_role("Federal Bureau of Investigation") == ("Federal Bureau of Investigation", "")
    assert _name_and_role("), chairman of the caucus") == ("chairman of the caucus", "")  # a cut phrase's junk
    assert _name_and_role("and local police") == ("local police", "")
    assert _name_and_role("Ohio's") == ("Ohio", "")
    assert _name_and_role("The two members who voted against the plan, Peter Shaw and Leila Ahmed,") == (
        "Peter Shaw and Leila Ahmed", "The two members who voted against the plan")  # a joint statement
    assert _name_and_role("Councillor Ruth Okafor, who chairs the committee") == (
        "Ruth Okafor", "Councillor, who chairs the committee")
    assert _name_and_role("Dan Mercer of the Westford Drivers") == ("Dan Mercer", "of the Westford Drivers")
    assert _name_and_role("Libya's Deputy Special Representative of the UN, Ali Al-Za'tari") == (
        "Ali Al-Za'tari", "Libya's Deputy Special Representative of the UN")  # a title, not a name 'of the UN'
    assert _name_and_role("Senate Democratic leader, Chuck Schumer of New York") == (
        "Chuck Schumer", "Senate Democratic leader, of New York")  # a home after a name beside a role
    assert _name_and_role("the director, Federal Bureau of Investigation")[0] != "Federal Bureau"
    assert _name_and_role("Sanders’") == ("Sanders", "")
    assert _name_and_role("In July, the group") == ("the group", "")  # an opening phrase is no part of the source
    assert _name_and_role("When Bopp") == ("Bopp", "") and _name_and_role("By the time Mr. Trump") == ("Mr. Trump", "")
    assert _name_and_role("Withers") == ("Withers", "")


def test_a_person_with_an_organisation_in_the_role_is_a_person():
    from framing.analysis.sources import _kind

    assert _kind("James B. Comey Jr., the director of the Federal Bureau of Investigation") == "person"
    assert _kind("Media Research Center’s Bozell") == "person"
    assert _kind("The Tax Foundation") == _kind("Secret Service") == "organisation"
    assert _kind("Authorities") == _kind("Proponents") == "vague"  # a group noun opening a sentence
    assert _kind("China") == _kind("Mexico") == "organisation"  # a country speaking: its government


def test_the_spokesperson_is_the_spokesperson_named_before():
    """'a Grassley spokesperson ... The spokesperson said', 'A source close to ... The source added':
    one voice each; a possessive before a noun of saying, and 'she's said', are the last named source."""
    text = ("Senator backs the bill\n\nSenator Chuck Grassley will back the farm bill, a Grassley spokesperson "
            "said on Monday. The spokesperson said the senator had read it twice.\n\nA source close to the senator "
            "said he was pleased. The source added that more votes would follow.\n\nMayor Ann Vale said the bill would "
            "pass. Her acknowledgment that the bill helps farmers surprised many. It will pass this week, she's said.\n")
    sources = [s for s in audit_text(text, contextual=False).sources if s.mentions[-1].start > 30]  # not the headline's
    assert sorted(s.name for s in sources) == ["A source close to the senator", "Ann Vale", "a Grassley spokesperson"]
    assert all("will back" not in s.role for s in sources)  # 'the bill, a Grassley spokesperson said': no appositive
    assert all(m.text != "Senator" for s in sources for m in s.mentions)  # the headline's senator is no source close to him


def test_a_title_without_a_name_is_an_official_and_joins_the_named_holder():
    from framing.analysis.sources import _kind

    assert _kind("Virginia AFL-CIO President") == "official"
    assert _kind("Voting rights advocates") == _kind("Those close to him") == "vague"  # no name after the capital
    assert _kind("Haftar's forces") == "organisation"
    text = ("The Virginia AFL-CIO President said the vote mattered. Virginia AFL-CIO President Doris Crouse-Mays "
            "said unions would campaign. Later, Crouse-Mays said turnout was key.\n")
    assert [(s.name, s.role, len(s.mentions)) for s in audit_text(text).sources] == [
        ("Doris Crouse-Mays", "Virginia AFL-CIO President", 3)]


def test_name_particles_join_names_but_not_the_next_word():
    from framing.analysis.names import NAME

    for text, name in (("Ahmed Maetig also spoke", "Ahmed Maetig"), ("Tom Reed decided", "Tom Reed"),
                       ("Osama bin Laden said", "Osama bin Laden"), ("Rutger van der Berg said", "Rutger van der Berg")):
        assert NAME.match(text).group() == name


def test_the_sentence_subject_is_a_source_only_right_before_its_cue():
    from framing.analysis.attribution import _sentence_subject
    from framing.text.document import build_document

    def subject(text, cue):
        doc = build_document(text + "\n", title="")
        found = _sentence_subject(doc, 0, text.index(cue))
        return found and text[found[0]:found[1]]

    assert subject("In August, Ali Al-Za’tari, Libya’s Deputy Special Representative, condemned it.",
                   "condemned") == "Ali Al-Za’tari"  # an appositive between
    assert subject("Ahmed Maetig also spoke strongly against the attacks.", "spoke") == "Ahmed Maetig"
    assert subject("Trump won Ohio easily on Tuesday, and his aides said it was a rout.", "said") is None


def _tagger_marks(monkeypatch, text: str, **phrases: list[str]) -> None:
    """Make the shipped tagger mark these phrases of `text` as cue, source and content spans."""
    from framing.models import attribution_tagger

    spans = {role: [(text.index(p), text.index(p) + len(p)) for p in phrases.get(role, [])]
             for role in ("cue", "source", "content")}
    monkeypatch.setattr(attribution_tagger.shipped(), "tag", lambda doc: spans)


def test_content_does_not_end_with_the_next_cue(monkeypatch):
    text = 'Ahmed Maetig spoke strongly against Haftar’s attacks saying, “there can be no justification.”\n'
    _tagger_marks(monkeypatch, text, cue=["spoke strongly against", "saying"], source=["Ahmed Maetig"],
                  content=["Haftar’s attacks saying"])
    contents = {a.cue.text: a.content.text for a in audit_text(text, contextual=False).attributions}
    assert contents["spoke strongly against"] == "Haftar’s attacks"
    assert contents["saying"] == "“there can be no justification.”"


def test_a_purpose_clause_opening_a_sentence_is_no_cue(monkeypatch):
    # the tagger may mark 'To justify his attacks on' as a cue; it is the reporter's motive, nobody's saying
    text = "To justify his attacks on civilians Haftar has claimed that the council is linked to Al-Qaeda.\n"
    _tagger_marks(monkeypatch, text, cue=["To justify his attacks on", "has claimed"], source=["Haftar"])
    cues = [a.cue.text for a in audit_text(text, contextual=False).attributions]
    assert cues == ["has claimed"]


@pytest.mark.parametrize("opener", ["Despite", "Amid"])
def test_a_preposition_is_no_source(monkeypatch, opener):
    # the tagger may read 'concerns about' as a cue and the word before it as its source
    text = f"{opener} concerns about Harlow meddling in the inquiry, Ada Reyes was calm.\n"
    _tagger_marks(monkeypatch, text, cue=["concerns about"], source=[opener], content=["Harlow meddling in the inquiry,"])
    attributions = audit_text(text, contextual=False).attributions
    assert [a.cue.text for a in attributions] == ["concerns about"]
    assert attributions[0].source is None


def test_the_name_right_before_the_cue_beats_a_tagged_object_after_it():
    text = "Tom Burns, a retired teacher, also criticised the council.\n"
    names = [s.name for s in audit_text(text).sources]
    assert names == ["Tom Burns"]


def test_a_quote_without_its_own_cue_goes_to_the_one_source_of_its_sentence():
    text = ('Ahmed Maetig, the Vice Chairman of the Presidential Council, spoke strongly against the attacks '
            'saying, "there can be no justification for these irresponsible attacks."\n')
    audit = audit_text(text)
    quoted = [f for f in audit.findings if f.text == "irresponsible"]
    assert quoted and quoted[0].speaker == "Ahmed Maetig"


def test_a_quote_that_opens_the_next_sentence_runs_on_from_the_last_quote():
    text = ('Port plan\n\n"We were never asked about the dredging," Mayor Ines Ford said on Monday. '
            '"The council has treated this town with contempt for years."\n\n'
            'The harbour board said the plan was sound. "Nobody has shown us a better route for the ships."\n\n'
            'Ford was asked about the budget. "That is the real scandal of this whole affair."\n\n'
            'The board published a statement:\n\n"We regret the tone of the debate and will meet the mayor."\n\n'
            '"The plan breaks the law," Judge Ada Cole wrote, citing precedent. "And the board ignored every warning."\n\n'
            '"It is good strategy," said Tom Reed, a former governor, referring to the list. "Cities can be crucial in May."\n')
    audit = audit_text(text)
    name = {s.id: s.name for s in audit.sources}

    def speaker(words):
        return next(name.get(a.source_id) for a in audit.attributions if a.content and words in a.content.text)

    assert speaker("contempt") == "Ines Ford"  # the next sentence, same paragraph, after a quote
    assert speaker("better route") is None  # after a paraphrase: may be the reporter's framing of a quote
    assert speaker("real scandal") is None  # the sentence before it has no cue
    assert speaker("regret the tone") is not None  # 'X said in a statement:' and the quote below
    assert speaker("every warning") == "Ada Cole"  # her quotation's sentence also reports her 'citing' something
    assert speaker("crucial in May") == "Tom Reed"  # 'said Tom Reed, a former governor,' and 'Tom Reed, ..., referring'


def test_the_one_asked_is_no_source_of_asked_but_the_one_asking_by_name_is():
    text = ("Price Unveils Roads Plan\n\nDan Price unveiled a roads plan on Monday.\n\nWhen asked if the plan was "
            "feasible, Tom Gale, an economist, said it might not be. When asked by Ann Lee about the cost, Price said it "
            "was fair.\n")
    for contextual in (False, True):
        found = {(a.cue.text, a.source.text if a.source else None) for a in audit_text(text, contextual=contextual).attributions}
        assert ("asked", "Tom Gale, an economist") not in found and ("asked", None) in found
        assert any(cue.startswith("asked") and source == "Ann Lee" for cue, source in found), found


def test_a_quoted_paragraph_after_a_quoted_speakers_paragraph_continues_that_speaker():
    text = ('Port plan\n\nThe council met on Monday.\n\n"We were never asked about the dredging," Mayor Ines Ford '
            'said.\n\n"The council has treated this town with contempt for years and we will not forget it."\n\n'
            'The harbour board said the plan was sound.\n\n"Nobody has shown us a better route for the ships."\n\n'
            '"All Bets Are Off."\n\nThe mayor left.\n')
    audit = audit_text(text)
    name = {s.id: s.name for s in audit.sources}
    said = {a.content.text.strip('"'): name.get(a.source_id) for a in audit.attributions if a.content}
    assert said["The council has treated this town with contempt for years and we will not forget it."] == "Ines Ford"
    assert said.get("Nobody has shown us a better route for the ships.") is None  # after a paraphrase: open
    assert said.get("All Bets Are Off.") is None  # a short quoted line is a heading


def test_a_cues_content_ends_with_its_sentence():
    audit = audit_text((EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8"))
    lind = [a for a in audit.attributions if a.source and a.source.text.startswith("Dr. Anna Lind")]
    assert [(a.kind, a.content.text.rstrip(".")) for a in lind] == [
        ("indirect", "it was too early to predict the effect on the oyster beds")]


def test_tagged_content_no_cue_took_continues_the_last_source():
    from framing.analysis.attribution import _continued
    from framing.text.document import build_document
    from framing.findings import Attribution, TextSpan

    text = ('Mayor Lee said the road would close. "The work will take a whole year." '
            "The council never checked it. Nobody objected at all.\n")

    def span(part):
        start = text.index(part)
        return TextSpan(start, start + len(part), part)

    said = Attribution(span("said"), span("Mayor Lee"), span("the road would close"), "indirect")
    parts = ["the road would close", '"The work will take a whole year."', "The council never checked it",
             "at all", "Mayor Lee"]
    continued = _continued(build_document(text), [(span(p).start, span(p).end) for p in parts], [said])
    assert [(a.source and a.source.text, a.content.text) for a in continued] == [
        ("Mayor Lee", '"The work will take a whole year."'),  # a quotation runs on: the speaker's
        (None, "The council never checked it")]  # the reporter's words may follow: nobody named
    text = text.replace('"The work', "It rained. " * 60 + '"The work')  # 600 characters on: nobody named
    far = _continued(build_document(text), [(span('"The work will take a whole year."').start,
                                             span('"The work will take a whole year."').end)], [said])
    assert [a.source for a in far] == [None]


def test_a_progressive_cue_keeps_its_source_and_an_agentless_passive_has_none():
    from framing.analysis.attribution import _agentless

    text = "Donald Trump is warning voters about the plan. Numerous accounts have been reported and attributed to him.\n"
    warning, reported, attributed = text.index("warning"), text.index("reported"), text.index("attributed")
    assert not _agentless(text, 0, (warning, warning + len("warning")))
    assert _agentless(text, text.index("Numerous"), (reported, reported + len("reported")))
    assert _agentless(text, text.index("Numerous"), (attributed, attributed + len("attributed to")))  # shares 'have been'
    active = "Clinton has praised and defended the plan."
    assert not _agentless(active, 0, (active.index("defended"), active.index(" the")))  # perfect, not passive


def test_a_passive_cue_with_a_tagged_source_right_before_it_keeps_that_source():
    from framing.analysis.attribution import _source_next_to
    from framing.text.spans import SpanIndex

    text = "Protesters were frustrated that the video was cut."
    cue = (text.index("were"), text.index(" that"))
    assert _source_next_to({"source": SpanIndex([(0, len("Protesters"))])}, cue)
    assert not _source_next_to({"source": SpanIndex([(text.index("the video"), text.index(" was"))])}, cue)


def test_a_tagged_source_cut_inside_a_name_or_an_appositive_gets_all_of_it():
    from framing.analysis.attribution import _tagged_source
    from framing.text.spans import Sentence, SpanIndex

    text = "“The impact is small,” wrote Cameron Easley for Morning Consult.\n"
    cue = (text.index("wrote"), text.index(" Cameron"))
    name = (text.index("Cameron"), text.index(" for"))
    sentence = Sentence(0, len(text) - 1, 0)
    cut = {"source": SpanIndex([(name[0], name[0] + len("Cameron"))])}
    assert _tagged_source(text, cut, cue, sentence, name, None, name) == name
    longer = {"source": SpanIndex([(name[0], text.index(" Consult"))])}  # the tagger's longer phrase is not cut back
    assert _tagged_source(text, longer, cue, sentence, name, None, name) == longer["source"].spans[0]
    text = "Dr. Anna Lind, a marine biologist at the institute, said it was early.\n"
    cue, name = (text.index("said"), text.index(" it")), (0, text.index(","))
    cut = {"source": SpanIndex([(0, text.index(" the institute"))])}  # the tagger stopped inside the appositive
    whole = _tagged_source(text, cut, cue, Sentence(0, len(text) - 1, 0), name, name, None)
    assert text[whole[0]:whole[1]] == "Dr. Anna Lind, a marine biologist at the institute,"


def test_a_source_span_leaves_out_the_sentence_opener():
    from framing.analysis.attribution import _without_opener

    for text, source in (("Still, the fund said it would wait.", "the fund"),
                         ("Perhaps the debate moderators felt rushed.", "the debate moderators"),
                         ("As President Obama said, it was close.", "President Obama")):
        start = text.index(source)
        assert _without_opener(text, (0, start + len(source))) == (start, start + len(source))
    assert _without_opener("Now said it.", (0, 3)) == (0, 3)  # nothing would be left: kept as it is


def test_a_source_cut_short_of_its_cue_runs_on_only_over_its_own_noun_phrase():
    from framing.analysis.attribution import _up_to_cue

    def extended(text, source, cue):
        start, cue_start = text.index(source), text.index(cue)
        end = _up_to_cue(text, (start, start + len(source)), (cue_start, cue_start + len(cue)))[1]
        return text[start:end]

    assert extended("Later the Obama administration said it would wait.", "the Obama", "said") == (
        "the Obama administration")
    assert extended("No one expected a long debate.", "No", "expected") == "No one"
    assert extended("Small groups of protesters gathered.", "Small", "gathered") == "Small"  # 'of' may start a place
    assert extended("Trump on Tuesday said it would wait.", "Trump", "said") == "Trump"  # time, not the source
    assert extended("Scott beamed and said hello.", "Scott", "said") == "Scott"  # another verb
    assert extended("Clinton repeatedly said no.", "Clinton", "said") == "Clinton"  # an adverb


def test_a_source_span_has_polnears_commas():
    from framing.analysis.attribution import _source_bounds

    def bounded(text, source, cue):
        start, cue_start = text.index(source), text.index(cue)
        s, e = _source_bounds(text, (start, start + len(source)), (cue_start, cue_start + len(cue)))
        return text[s:e]

    text = "Jo Hale, a teacher who was there, said the talks were long."
    assert bounded(text, "Jo Hale, a teacher who was there", "said") == "Jo Hale, a teacher who was there,"
    assert bounded("Jo Hale, said to be ill, stayed.", "Jo Hale", "said") == "Jo Hale"  # no appositive of its own
    assert bounded("The plan is dead, according to Yahoo News, which", "Yahoo News,", "according to") == "Yahoo News"
    assert bounded("Obama and Clinton said so.", "Clinton", "said") == "Obama and Clinton"  # both speak
    assert bounded("After Obama and Clinton said so.", "Clinton", "said") == "Obama and Clinton"
    assert bounded("The bill passed and Clinton said so.", "Clinton", "said") == "Clinton"  # a clause, not a name


def test_a_party_label_belongs_to_the_name_and_a_cut_sentence_is_joined():
    from framing.analysis.attribution import joined_sentence as _sentence
    from framing.text.document import build_document

    text = "In an interview, Sen. Claire McCaskill (D-Mo.) said the vote was close.\n"
    doc = build_document(text)
    said = text.index("said")
    assert doc.sentence_at(said).start > 0  # Punkt ends a sentence after '(D-Mo.)'
    joined = _sentence(doc, said)
    assert text[joined.start:joined.end] == text.strip()
    assert [(s.name, s.role) for s in audit_text(text).sources] == [("Sen. Claire McCaskill", "D-Mo.")]
    assert [a.source.text for a in audit_text(text).attributions] == ["Sen. Claire McCaskill (D-Mo.)"]


# ---- one detector alone, on a built Document and an AuditContext -------------------------------

DRAFT = ("Harbour plan approved\n\n"
         "The mayor unveiled a shameful scheme that devastated the fishermen. The \"reform\" passed on Monday. "
         "The plan will never work.")


def _alone(**fields):
    from framing.detectors import AuditContext
    from framing.text.document import build_document

    return AuditContext(build_document(DRAFT), **fields)


def test_the_lexicon_detector_alone():
    from framing.detectors.lexical import loaded_language

    found = {f.text: f for f in loaded_language(_alone())}
    assert found["shameful"].rule == "emotive.shameful" and found["will never work"].category == "hyperbole"
    assert found["shameful"].message == "Emotive wording in the reporter's voice: 'shameful'"
    assert all(f.detector == "loaded_language" and f.dimension == "loaded_language" for f in found.values())


def test_the_scare_quotes_detector_alone_and_an_attribution_over_the_quote():
    from framing.detectors.scare_quotes import scare_quotes
    from framing.findings import Attribution, TextSpan

    context = _alone()
    [finding] = scare_quotes(context)
    assert finding.text == '"reform"' and finding.rule == "doubt.scare-quotes"
    assert finding.message == "Doubt markers in the reporter's voice: scare quotes around 'reform'"
    quoted = TextSpan(finding.start, finding.end, finding.text)
    context.attributions = [Attribution(TextSpan(0, 7, "Harbour"), None, quoted, "direct")]
    assert scare_quotes(context) == []  # somebody is quoted: not the reporter's doubt


def test_the_claims_detector_alone_and_an_attribution_of_the_claim():
    from framing.detectors.claims import unattributed_claims
    from framing.findings import Attribution, TextSpan

    context = _alone()
    [claim] = unattributed_claims(context)
    assert claim.text == "The plan will never work." and claim.dimension == "unattributed"
    cue = claim.text.index("will")
    context.attributions = [Attribution(TextSpan(claim.start + cue, claim.start + cue + 4, "will"),
                                        TextSpan(claim.start, claim.start + 8, "The plan"), None, "indirect")]
    assert unattributed_claims(context) == []


def test_the_model_detector_alone_reads_the_sentence_scores_and_the_findings_so_far():
    from framing.detectors.lexical import loaded_language
    from framing.detectors.model import model_loaded
    from framing.models import word_model

    if word_model.shipped_model() is None:
        pytest.skip("no word model shipped")
    sentences = len(_alone().document.sentences)
    assert model_loaded(_alone(bias_scores=[None] * sentences)) == []  # no sentence rated biased: no words
    rated = _alone(bias_scores=[0.95] * sentences)
    words = {f.text for f in model_loaded(rated)}
    assert {"shameful", "devastated"} <= words
    assert rated.matches  # the sentences' lexicon matches, kept for this audit only
    covered = _alone(bias_scores=[0.95] * sentences)
    start = covered.document.text.index("shameful")
    covered.findings = [f for f in loaded_language(covered) if f.start == start]
    assert "shameful" not in {f.text for f in model_loaded(covered)}  # a lexicon entry covers it


def test_the_sourcing_detector_alone_reads_the_analysis():
    from framing.audit import detect, prepare
    from framing.detectors import AuditContext
    from framing.detectors.sourcing import one_sided_sourcing
    from framing.text.document import build_document

    audited = prepare(build_document((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")))
    detect(audited)
    assert one_sided_sourcing(AuditContext(audited.document)) == []  # not analysed: nothing to read
    [finding] = one_sided_sourcing(AuditContext(audited.document, sourcing=audited.sourcing))
    assert finding in audited.findings and finding.message.startswith("One-sided sourcing: ")
    assert finding.score == round(1 - audited.sourcing.balance_index, 2)


class _Recorder:
    """Stands in for an AuditContext and notes which fields a detector reads."""

    def __init__(self, context):
        self._context, self.read = context, set()

    def __getattr__(self, name):
        self.read.add(name)
        return getattr(self._context, name)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir()))
def test_detectors_read_only_what_they_declare_and_find_only_their_categories(name):
    """The audit's own steps, each detector behind a recorder: it reads no field it does not
    declare, and its findings have its declared categories, with the registry's dimension."""
    from dataclasses import fields

    from framing import categories
    from framing.analysis import sourcing
    from framing.audit import prepare
    from framing.detectors import DETECTORS, AuditContext
    from framing.text.document import build_document
    from framing.text.ingest import read_article

    names = {f.name for f in fields(AuditContext)}
    context = prepare(build_document(read_article(str(EXAMPLES / name))))
    ordered = [d for d in DETECTORS if "sourcing" not in d.reads] + [d for d in DETECTORS if "sourcing" in d.reads]
    for detector in ordered:
        assert set(detector.reads) <= names, detector.id
        if "sourcing" in detector.reads and context.sourcing is None:  # as run_audit: after the others
            context.sourcing = sourcing.analyse(context.document, context.attributions, context.sources,
                                                context.findings)
        recorder = _Recorder(context)
        found = detector.run(recorder)
        assert recorder.read <= set(detector.reads), (detector.id, recorder.read - set(detector.reads))
        for f in found:
            assert f.detector == detector.id and f.category in detector.all_categories(), (detector.id, f.rule)
            assert f.dimension == categories.get(f.category).dimension
        context.findings.extend(found)
    assert context.findings or name == "harbour-balanced.txt", name  # the balanced draft is clean


def test_hints_are_rare_apart_and_unscored(monkeypatch):
    """The word model's hints come only from its hint threshold, count toward no score, and
    they are in the findings only with `hints=True`, and no score changes with them."""
    from framing.detectors import model

    monkeypatch.setattr(model, "HINT_THRESHOLD", 0.6)  # low enough for the example to have hints
    HINT_THRESHOLD = model.HINT_THRESHOLD
    text = (EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")
    with_hints, without = audit_text(text, hints=True, contextual=False), audit_text(text, contextual=False)
    hints = [f for f in with_hints.findings if f.detector == "model"]
    assert hints and all(f.score >= HINT_THRESHOLD and f.severity == "low" for f in hints)
    assert not [f for f in without.findings if f.detector == "model"]
    assert len(without.findings) == len(with_hints.findings) - len(hints)
    assert without.scores == with_hints.scores


def test_opinion_claims_name_their_kind():
    """Predictions stated as certain, motives and the writer's announced verdicts in the narration
    are unattributed claims, each named; the same words attributed to a source are not."""
    text = ("Budget talks resume.\n\nThe plan will obviously fail. The mayor cut the budget so she can stay in office. "
            "In truth, the new rule should not have been necessary. The council will meet on Monday.\n")
    kinds = [f.message.rsplit("(", 1)[1].rstrip(")") for f in audit_text(text).findings if f.rule == "unattributed_claim"]
    assert kinds == ["prediction", "motive", "verdict"]
    said = audit_text("Budget talks resume.\n\nThe plan will obviously fail, the opposition leader said.\n")
    assert not [f for f in said.findings if f.rule == "unattributed_claim"]


def test_verdicts_motives_predictions_and_causes_in_the_writers_voice_are_named_claims():
    """An opinion writer's verdicts, motives, predictions and causes are unattributed claims named by
    their type; the same verdict quoted or attributed to a source, and wire copy, are not."""
    def kinds(text):
        return [f.message.rsplit("(", 1)[1].rstrip(")") for f in audit_text(text, contextual=False).findings
                if f.rule == "unattributed_claim"]
    assert kinds("Harbour fees rise.\n\nThe minister's reform is a complete fiasco. The timing raises its own set of "
                 "questions. The visit was clearly meant as a warning to the unions. If the mayor is serious, a clash "
                 "with the council is coming. That's why the town had to borrow again.\n") == [
        "verdict", "verdict", "motive", "prediction", "causal"]
    assert not kinds("Harbour fees rise.\n\n“The minister's reform is a complete fiasco,” the opposition leader said. "
                     "The union said the visit was clearly meant as a warning.\n")
    assert not kinds("Harbour fees rise.\n\nThe council will meet on Monday to vote on the harbour fees. The flood "
                     "last year was a natural disaster, and the storm is coming ashore tonight, forecasters said. "
                     "The senator raised questions about the budget at a hearing on Tuesday.\n")


def test_an_interviews_transcript_is_not_the_writers_claims():
    """The answers of an interview printed as 'Q:' and 'A:' turns are the interviewee's, however
    unquoted; the writer's introduction before them is still the writer's."""
    text = ("Talking with the harbour master.\n\nThe harbour master's reform is a complete fiasco.\n\n"
            "Q: Why did the fees rise?\n\nA: The old ferry was a disaster. That's why we had to borrow.\n\n"
            "The port lost 40 percent of its trade.\n")
    claims = [f.text for f in audit_text(text, contextual=False).findings if f.rule == "unattributed_claim"]
    assert claims == ["The harbour master's reform is a complete fiasco."]


def test_figures_that_continue_a_named_poll_are_its_own_not_unattributed():
    """A poll named, then a paragraph of its figures: the figures carry the poll. A figure after an
    unrelated quote, or a paragraph away from the poll, is still a claim to source."""
    def flagged(text):
        audit = audit_text(text, contextual=False)
        return [f.text for f in audit.findings if f.rule == "unattributed_claim"]

    body = ("Harbour vote nears\n\nA Harbour Times poll released Sunday asked 800 residents about the plan. "
            "Support stands at 41%. Opposition is at 38%.\n\n")
    assert flagged(body) == []
    assert flagged(body + "The council approved the dredging budget.\n\nMeanwhile, rents rose 12% in a year.\n") \
        == ["Meanwhile, rents rose 12% in a year."]
    quote = ('Harbour vote nears\n\n"We will build it," the mayor said on Monday. Unemployment in the port is 9%.\n')
    assert flagged(quote) == ["Unemployment in the port is 9%."]
    named = "Harbour vote nears\n\nThe mayor spoke on Monday. In a Harbour Times survey, 41% back the plan.\n"
    assert flagged(named) == []
    runs_on = ("Harbour vote nears\n\nA Harbour Times poll released Sunday asked 800 residents about the plan. "
               "Support stands at 41%. Opposition is at 38%. Among fishers, 60% are opposed.\n\nOwners split 50% to 45%. "
               "Renters back it, 52% to 30%.\n\nOlder residents are the most opposed, at 55%.\n")
    assert flagged(runs_on) == []  # each paragraph of figures follows one whose figures are the poll's
    assert flagged("Harbour vote nears\n\nMs. Vale won the seat with 57 percent of the vote.\n") == []  # a result


def test_figures_before_a_sentence_on_how_the_poll_was_taken_are_its_own():
    """AP's exit polls name their source after the figures ('The survey was conducted for AP ...'):
    the figures just before it carry it; figures in a paragraph before an unrelated poll do not."""
    def flagged(text):
        return [f.text for f in audit_text(text, contextual=False).findings if f.rule == "unattributed_claim"]

    text = ("Harbour vote nears\n\nFour in 10 voters see the plan as unfair. Less than 10 percent chose the mayor.\n\n"
            "The survey was conducted for the Harbour Times by Vale Research with 800 voters.\n")
    assert flagged(text) == []
    far = ("Harbour vote nears\n\nRents rose 12 percent in a year.\n\nThe council met on Monday.\n\n"
           "The dredging went ahead.\n\nA new poll was conducted last week.\n")
    assert flagged(far) == ["Rents rose 12 percent in a year."]


def test_results_of_record_a_poll_named_after_its_figures_and_a_correction_are_no_unattributed_claims():
    """An election's result ('beat her 51% to 36%'), a poll's figures before 'X conducted the poll',
    a named or dated attack and the outlet's correction are no claims the reporter owes a source for; a
    lead in a poll with no poll named, and terrorists in the narration, still are (session 25)."""
    def flagged(text):
        return [f.text for f in audit_text(text, contextual=False).findings if f.rule == "unattributed_claim"]

    assert flagged("Harbour vote nears\n\nMs. Vale beat Mr. Lind 51% to 36% in the port ward. Mr. Lind has won only "
                   "two wards with more than 60% support.\n") == []
    assert flagged("Harbour vote nears\n\nIn the harbour ward, Ms. Vale has 45%, while Mr. Lind has 44%.\n\n"
                   "Vale Research conducted the poll of 800 voters last week.\n") == []
    assert flagged("Harbour vote nears\n\nMs. Vale leads Mr. Lind 50 percent to 44 percent.\n") == [
        "Ms. Vale leads Mr. Lind 50 percent to 44 percent."]
    assert flagged("Harbour vote nears\n\nAfter the 9/11 terrorist attacks, the port tightened its checks.\n\n"
                   "Correction: An earlier version of this story incorrectly indicated that the mayor intended to "
                   "resign.\n") == []
    assert flagged("Harbour vote nears\n\nTerrorists set fire to the port warehouse.\n") == ["Terrorists set fire to the port warehouse."]


def test_an_analysiss_hedged_certainties_and_verdicts_are_named_claims():
    """Session 25's analysis forms: a certain prediction with the adverb before 'will', dim prospects,
    'is probably an illusion', 'creates an awkward situation'; attributed, they are the source's. A
    suspicion put in nobody's mouth ('leaving some to question') is vague attribution."""
    def found(text):
        return [(f.rule, f.message.rsplit("(", 1)[1].rstrip(")") if f.rule == "unattributed_claim" else f.text)
                for f in audit_text(text, contextual=False).findings if f.dimension == "unattributed"]

    assert found("Harbour vote nears\n\nThere almost certainly won't be enough votes to pass the levy. Prospects are "
                 "even dimmer for the bridge. The promise of a new ferry is probably an illusion. A win for Mr. Lind "
                 "creates an awkward situation for the mayor.\n") == [
        ("unattributed_claim", "prediction"), ("unattributed_claim", "prediction"), ("unattributed_claim", "verdict"),
        ("unattributed_claim", "verdict")]
    assert found("Harbour vote nears\n\nThere almost certainly won't be enough votes to pass the levy, the council "
                 "leader said.\n") == []
    assert found("Harbour vote nears\n\nThe vans left the port at night, leaving some to question if they were "
                 "searched.\n") == [("vague_attribution.some-wonder", "leaving some to question")]


def test_a_question_is_no_unattributed_claim():
    """A question asserts nothing ('Whom do you consider the most corrupt?', an interviewer's 'Has he
    gotten above 38 percent?'); the same words as a statement are a claim."""
    def flagged(text):
        return [f.text for f in audit_text(text, contextual=False).findings if f.rule == "unattributed_claim"]

    assert flagged("Harbour vote nears\n\nWho is the most corrupt official in the port?\n") == []
    assert flagged("Harbour vote nears\n\nHas the mayor gotten above 38 percent in any district?\n") == []
    assert flagged("Harbour vote nears\n\nThe harbour master is corrupt.\n") == ["The harbour master is corrupt."]


def test_a_claim_that_links_its_source_is_attributed():
    text = ("Budget talks resume.\n\nThe cuts caused the closures, as [the council's study](https://example.org/s) shows. "
            "The cuts caused the closures, see https://example.org/s for the figures. The cuts caused the closures.\n")
    claims = [f.text for f in audit_text(text).findings if f.rule == "unattributed_claim"]
    assert claims == ["The cuts caused the closures."]


def test_one_person_under_titles_and_initials_is_one_source():
    text = ("Harbour bill splits the council\n\n"
            "Sen. Lena Morrow said on Monday that the harbour bill was a mistake. "
            "Lena Morrow added that the vote should wait.\n\n"
            "President Halvorsen said the bill was overdue. Mr. Halvorsen said he would sign it. "
            "Arne K. Halvorsen told reporters the port needed it. The president said the critics were wrong.\n")
    sources = {s.name: [m.text for m in s.mentions] for s in audit_text(text).sources}
    assert len(sources) == 2, sources
    morrow = next(m for n, m in sources.items() if "Morrow" in n)
    halvorsen = next(m for n, m in sources.items() if "Halvorsen" in n)
    assert {"Sen. Lena Morrow", "Lena Morrow"} <= set(morrow)
    assert {"Mr. Halvorsen", "Arne K. Halvorsen", "The president"} <= set(halvorsen)
    from framing.analysis.sources import _same_source

    assert _same_source("Sen. Lena Morrow of Maine", "Lena Morrow")
    assert not _same_source("Bank of Maine", "Maine") and not _same_source("Sen. Lena Morrow", "Sen. Ana Morrow")
    assert not _same_source("Both Mr. Ames and Mr. Berg", "Berg")  # two people
    assert not _same_source("many economists, including Mr. Berg", "Berg")  # a group with one member named
    assert not _same_source("Berg", "Several delegates supporting Berg")  # a group named by whom it backs
    assert not _same_source("Berg", "The charge against Berg") and _same_source("Berg", "An angry Berg")
    assert _same_source("Lena Morrow", "Lena Hale Morrow")  # a middle name aside
    assert not _same_source("Lena Morrow", "Lena and Tom Morrow") and not _same_source("Tom Morrow", "Lena Hale Morrow")


def test_a_person_is_not_merged_into_a_group_named_by_whom_it_backs():
    text = ("Berg vows to fight on\n\nSenator Tom Berg spoke in Ohio on Monday. \"We will win,\" Berg said. "
            "He said the race was close.\n\nSeveral delegates supporting Berg declined to comment.\n")
    mentions = {s.name: [m.text for m in s.mentions] for s in audit_text(text, contextual=False).sources}
    berg = next(m for n, m in mentions.items() if n.endswith("Tom Berg") or n == "Berg")
    assert "Several delegates supporting Berg" not in berg and "He" in berg


def test_the_title_is_no_one_when_two_sources_hold_it():
    text = ("Port plan debated\n\nGov. Ana Ruiz said the plan would fail. Gov. Tom Berg said it would work. "
            "The governor said later that talks would go on.\n")
    mentions = {s.name: [m.text for m in s.mentions] for s in audit_text(text).sources}
    assert mentions["Gov. Ana Ruiz"] == ["Gov. Ana Ruiz"] and mentions["Gov. Tom Berg"] == ["Gov. Tom Berg"]
    assert mentions["The governor"] == ["The governor"]


def test_a_described_title_a_particle_surname_and_either_apostrophe_join_the_named_source():
    text = ("Storm response\n\nMaine Gov. Ana Ruiz toured the coast on Monday. Ruiz said the state was ready. "
            "The Republican governor said crews would work all night. Mayor Bill de Blasio said the city was safe. "
            "De Blasio said schools would open. Commissioner James O’Neill said patrols were doubled. "
            "O'Neill said no one was hurt.\n")
    mentions = {s.name: [m.text for m in s.mentions] for s in audit_text(text, contextual=False).sources}
    assert "The Republican governor" in next(v for k, v in mentions.items() if "Ruiz" in k)
    assert sum("Blasio" in k for k in mentions) == 1 and sum("Neill" in k for k in mentions) == 1, mentions


def test_a_described_title_joins_no_one_named_far_before_or_of_the_other_party():
    far = " ".join(["The harbour board met on Monday and the tide was high."] * 12)
    text = (f"Budget vote\n\nSen. Ana Ruiz said the budget was fair. {far} "
            "The senator said the vote would wait.\n")
    names = [s.name for s in audit_text(text, contextual=False).sources]
    assert "The senator" in names, names
    text = ("Budget vote\n\nSen. Ana Ruiz (R-Maine) said the budget was fair. "
            "The Democratic senator said the vote would wait.\n")
    names = [s.name for s in audit_text(text, contextual=False).sources]
    assert "The Democratic senator" in names, names


def test_a_label_the_narration_reports_is_not_the_reporters_word():
    text = ("Council row\n\nThe mayor denied being a racist after a councillor called him a racist in May. "
            'Berg called the mayor a "racist" again on Monday. The so-called rebels held the port. '
            "The racist graffiti was removed.\n")
    found = [(f.text, f.voice) for f in audit_text(text, contextual=False).findings if f.dimension == "loaded_language"]
    assert ("racist", "reporter") in found and found.count(("racist", "reporter")) == 1, found  # the graffiti
    assert any(t.strip('"') == "racist" and v == "quoted" for t, v in found), found  # Berg's word, quoted
    assert ("so-called", "reporter") in found and not any("rebels" in t for t, _ in found), found  # the writer's doubt,
    # one finding: 'so-called' is no report of someone else's label, and the term after it is mentioned, not used



def test_a_label_given_with_its_object_or_a_view_is_the_labellers_word():
    """Session 23: a label given with its object or a view taken of someone is the speaker's or viewer's word; the
    same word as the reporter's own stays."""
    def loaded(text):
        return [f.text for f in audit_text(text, contextual=False).findings
                if f.dimension == "loaded_language" and f.voice == REPORTER]

    for text in ("Port row\n\nThe mayor hit back on Monday, calling the councillor a liar.\n",
                 "Port row\n\nThe mayor was slow to call it a planned terror attack.\n",
                 "Port row\n\nThe unions are labeling the mayor as both an extremist and a loner.\n",
                 "Port row\n\nThe fighters hold the port, and the government regards them as terrorists.\n",
                 "Port row\n\nThe minister views the strike as a mortal peril for the port.\n"):
        assert loaded(text) == [], text
    assert loaded("Port row\n\nThe senator is a liar, and the mortal peril of the port is clear.\n") == ["liar", "mortal peril"]
    # session 24: a view reported with 'what ... saw as'
    assert loaded("Port row\n\nThe mayor opposed what he saw as a disastrous sale of the port.\n") == []
    assert loaded("Port row\n\nThe mayor opposed the disastrous sale of the port.\n") == ["disastrous"]


def test_verdicts_of_bigotry_are_high_in_the_narration():
    """Session 24: 'bigot', 'xenophobe', 'misogynist', as 'racist', and the dehumanising 'illegals' are high."""
    found = {f.text: f.severity for f in audit_text("Port row\n\nThe mayor is a bigot and a misogynist who wants the "
                                                     "illegals out.\n", contextual=False).findings
             if f.dimension == "loaded_language" and f.voice == REPORTER}
    assert found == {"bigot": "high", "misogynist": "high", "illegals": "high"}, found

def test_what_someone_is_accused_of_is_the_accusers_word():
    """'Liberals accused the lawmakers of betrayal': the charge is the accusers', not the reporter's;
    the same word as the reporter's own verdict stays."""
    def loaded(text):
        return [f.text for f in audit_text(text, contextual=False).findings
                if f.dimension == "loaded_language" and f.voice == REPORTER]

    assert loaded("Budget row\n\nThe vote enraged liberals, who accused the lawmakers of betrayal on Monday.\n") == []
    assert loaded("Budget row\n\nThe vote was a betrayal of the lawmakers' voters.\n") == ["betrayal"]
    # session 25: a charge reported as 'charges / accusations / complaints that he ...'
    assert loaded("Budget row\n\nResponding to charges that he demonized the unions, the mayor said nothing.\n") == []
    assert loaded("Budget row\n\nComplaints that the mayor is a racist grew on Monday.\n") == []
    assert loaded("Budget row\n\nThe mayor demonized the unions on Monday.\n") == ["demonized"]


def test_al_is_a_given_name_not_a_particle():
    text = ("Rally in Harlem\n\nThe Rev. Al Sharpton said the turnout was strong. Mr. Sharpton said the vote "
            "would be close.\n")
    names = [s.name for s in audit_text(text, contextual=False).sources if "Sharpton" in s.name]
    assert len(names) == 1, names


def test_a_party_member_is_linked_to_the_party_without_taking_its_side():
    text = ("Democrats stall the harbour bill\n\n"
            "Democrats in Congress blocked the harbour bill on Tuesday. Democrats said the bill was rushed. "
            "Rep. Lena Morrow, D-Maine, said the vote should wait. "
            "Rep. Tom Hale, R-Maine, said Democrats were wasting time. "
            "Ann Wu, a longtime critic of Democrats, said the delay was predictable.\n")
    sourcing = audit_text(text).sourcing
    democrats = next(a for a in sourcing.actors if a.name == "Democrats")
    links = {s.name: democrats.id in s.speaks_for for s in sourcing.sources}
    assert links["Rep. Lena Morrow"] and links["Democrats"]
    assert not links["Rep. Tom Hale"] and not links["Ann Wu"]
    morrow = next(s for s in sourcing.sources if s.name == "Rep. Lena Morrow")
    assert morrow.stances[democrats.id] != "supportive"  # membership is a link, not a side


def test_mr_and_mrs_of_one_surname_stay_two_sources():
    text = ("Foundation under review\n\nMrs. Alvarez said the foundation would change. Mr. Alvarez said he "
            "would leave its board. Maria Alvarez said the review was overdue.\n")
    mentions = sorted(sorted(m.text for m in s.mentions) for s in audit_text(text).sources if "Alvarez" in s.name)
    assert mentions == [["Maria Alvarez", "Mrs. Alvarez"], ["Mr. Alvarez"]], mentions


def test_one_unnamed_group_named_twice_is_one_voice():
    """'Some miffed Sanders supporters' and 'many diehard Sanders supporters' are one group, and
    'experts' the 'many experts' named before; 'other experts' and an anonymous 'another source'
    are someone else."""
    from framing.analysis.sources import group_key

    assert group_key("Some miffed Sanders supporters") == group_key("many diehard Sanders supporters who came")
    assert group_key("Many experts") == group_key("experts") != group_key("other experts")
    assert group_key("Federal investigators") == group_key("federal investigators") != group_key("investigators")
    assert group_key("a source") is None and group_key("Maria Alvarez") is None
    text = ("Convention opens\n\nSome miffed Sanders supporters said the platform ignored them. The mayor said the "
            "city was ready. Many diehard Sanders supporters who came to march said they would stay home in November. "
            "Other experts said turnout would hold.\n")
    names = [s.name for s in audit_text(text, contextual=False).sources]
    assert sum("Sanders supporters" in n for n in names) == 1, names
    supporters = next(s for s in audit_text(text, contextual=False).sources if "Sanders supporters" in s.name)
    assert len(supporters.mentions) == 2


def test_a_count_or_share_of_people_is_a_vague_source_not_a_person():
    from framing.analysis.sources import _kind

    for name in ("Nearly eight of 10 voters", "One Republican", "Only a quarter of Americans", "Most", "32 percent of voters"):
        assert _kind(name) == "vague", name
    assert [_kind(n) for n in ("Mosteller", "Halfon", "Jim Justice")] == ["person"] * 3


def test_a_party_or_institution_named_as_a_source_is_an_organisation():
    from framing.analysis.sources import _kind

    for name in ("Democrats", "House Republicans", "the GOP", "the White House", "FBI", "the Trump campaign"):
        assert _kind(name) == "organisation", name
    assert _kind("the council") == "vague" and _kind("Hillary Clinton") == "person"


def test_huge_and_massive_before_a_word_of_quantity_are_literal():
    def rules(text):
        return {f.rule for f in audit_text(text).findings if f.voice == "reporter"}

    assert not rules("She would need a huge share of the delegates and massive amounts of cash.") & {
        "hyperbole.huge", "hyperbole.massive"}
    assert {"hyperbole.huge", "hyperbole.massive"} <= rules("It was a huge blow after the massive cover-up.")
    # session 25: before a count or sum of people or money too (a crowd, turnout, a protest, tax increases)
    assert not rules("Huge crowds came to the massive protest, and the plan needs massive tax increases.") & {
        "hyperbole.huge", "hyperbole.massive"}


def test_vague_groups_with_an_auxiliary_agentless_revelations_and_unsourced_praise():
    text = ("Political observers have predicted that the mayor will keep her seat. On Monday, it was revealed that "
            "the mayor had misled the auditors. The new chief has earned some praise since he took over.")
    rules = {f.rule for f in audit_text(text).findings if f.category == "vague_attribution"}
    assert rules >= {"vague_attribution.critics-say", "vague_attribution.it-is-believed", "vague_attribution.earned-praise"}
    named = audit_text("The new chief has earned praise from the unions since he took over.")
    assert not [f for f in named.findings if f.rule == "vague_attribution.earned-praise"]


def test_an_obvious_truth_announced_by_the_writer_is_an_unattributed_verdict():
    audit = audit_text("By now it is strikingly obvious that the agency misled the town about the spill.")
    assert [f for f in audit.findings if f.rule == "unattributed_claim" and "(verdict)" in f.message]
    assert not [f for f in audit_text("It is not obvious that the plan works.").findings if f.rule == "unattributed_claim"]


def test_lines_above_an_embedded_posts_credit_are_the_posters_words():
    text = ("Mayor Threatens To Close The Bridge\n\n"
            "The mayor posted twice on Friday.\n"
            "The bridge is a disaster and the council is a bunch of crooks!\n"
            "— Jo Bloggs (@mayorjo) March 3, 2023\n"
            "The council has not replied.")
    loaded = [(f.text, f.voice) for f in audit_text(text).findings if f.dimension == "loaded_language"]
    assert ("disaster", "quoted") in loaded and not [t for t, v in loaded if v == "reporter"]


def test_session_23_vague_attribution():
    """Judgements and forecasts credited to nobody, found in session 23's reading; a verb with its subject is no
    vague attribution."""
    def vague(text):
        return [f.text for f in audit_text(text).findings if f.category == "vague_attribution"]

    for text in ("There is widespread speculation that the mayor will resign.",
                 "Observers in Leeds cautioned that the count could take weeks.",
                 "Some blame the weather for the delays.", "Her much-praised budget passed.",
                 "A widely discredited theory was repeated on Monday.",
                 "The harbour is considered an asset for the town."):
        assert vague(text), text
    for text in ("Councillors roundly criticized the plan on Monday.", "The mayor cautioned that the count could take weeks.",
                 "The council considered a plan to widen the road."):
        assert not vague(text), text


def test_a_quoted_word_repeating_a_speakers_quotation_or_cited_as_a_name_is_no_scare_quote():
    """Session 23: a headline's "latecomer" that a historian says in the body quotes the historian; 'clubs with the
    name "harbour watch"' cites a name. A doubted word stays a scare quote."""
    def scare(text):
        return [f.text for f in audit_text(text, contextual=False).findings if f.rule == "doubt.scare-quotes"]

    assert not scare('Village a "latecomer" to the fair\n\nThe village plays a part.\n\n'
                     '"The village is more of a latecomer," said Ann Lee, a historian.\n')
    assert not scare('Port rules\n\nThe rules singled out clubs with the name "harbour watch" for review.\n')
    assert scare('Port rules\n\nThe "reform" passed on Monday.\n\n"We need a reform of the port," said Ann Lee.\n') == []
    assert scare('Port rules\n\nThe "peace" deal was signed on Monday.\n')


def test_causes_as_a_noun_and_a_duty_are_no_causal_claim():
    """Session 23: 'campaigns for charitable causes', 'the deputy responsible for the harbour' assert no cause;
    'the strike caused delays' does."""
    def claims(text):
        return [f.text for f in audit_text(text, contextual=False).findings if f.rule == "unattributed_claim"]

    assert not claims("Port news\n\nThe group campaigns for charitable causes, including a new harbour school.\n")
    assert not claims("Port news\n\nAnn Lee will take over as the deputy responsible for the harbour.\n")
    assert claims("Port news\n\nThe strike caused delays across the harbour.\n")


def test_an_interviews_answers_are_the_interviewees_words():
    """Session 25: the answers of a Q-and-A interview are quoted speech (a loaded word in them is the
    interviewee's), and a one-word answer ('A: Yes.') is no scare quote: it has no marks."""
    text = ("Harbour master talks\n\nThe harbour master spoke to us.\n\nQ: What happened to the pier?\n\n"
            "A: My life was ruined overnight.\n\nQ: Will you stay?\n\nA: Yes.\n")
    found = [(f.rule, f.text, f.voice) for f in audit_text(text, contextual=False).findings
             if f.dimension == "loaded_language"]
    assert ("emotive.ruin", "ruined", QUOTED) in found, found
    assert not any(rule.endswith("scare-quotes") or voice == REPORTER for rule, _, voice in found), found


def test_a_short_quote_after_a_word_of_saying_writing_or_ordering_is_a_partial_quotation():
    """Session 25: 'clarified that he was not speaking about the "wisdom" of', 'ordering agencies to "ease the
    burden"', 'in an interview ... a "two-in-three chance"' quote what was said or written; the same quote with
    no such word before it in its sentence stays a scare quote."""
    def scare(text):
        return [f.text for f in audit_text(text, contextual=False).findings if f.rule == "doubt.scare-quotes"]

    assert not scare('Port rules\n\nBy Saturday, the mayor clarified that she was not speaking about the "wisdom" '
                     'of the plan.\n')
    assert not scare('Port rules\n\nThe mayor signed orders on Monday, ordering agencies to "ease the burden" of '
                     'the fees.\n')
    assert not scare('Port rules\n\nThe mayor, in an interview on Monday, gave the plan a "two-in-three chance".\n')
    assert scare('Port rules\n\nThe "wisdom" of the plan escapes the harbour board.\n') == ['"wisdom"']


def test_the_one_a_deed_is_attributed_to_or_blamed_on_is_no_source_of_it(monkeypatch):
    from framing.analysis import attribution
    from framing.text.document import build_document
    from framing.text.spans import SpanIndex

    def extracted(text, cue_words, source_words):
        cue = (text.index(cue_words), text.index(cue_words) + len(cue_words))
        source = (text.index(source_words), text.index(source_words) + len(source_words))
        tagged = {"cue": [cue], "source": SpanIndex([source]), "content": SpanIndex([(0, text.index(" have"))])}
        monkeypatch.setattr(attribution, "_tagged", lambda doc, contextual=False, runs=None: tagged)
        [found] = [a for a in attribution.extract(build_document(text), contextual=True) if a.cue.start == cue[0]]
        return found.source and found.source.text

    deed = "Numerous shootings have been reported and attributed to General Dan Price’s forces.\n"
    assert extracted(deed, "have been reported and attributed to", "General Dan Price’s forces") is None
    blamed = "Numerous shootings have been blamed on General Dan Price’s forces.\n"
    assert extracted(blamed, "have been blamed on", "General Dan Price’s forces") is None
    saying = "Numerous shootings have been reported, said General Dan Price’s forces.\n"
    assert extracted(saying, "said", "General Dan Price’s forces") == "General Dan Price’s forces"


def test_a_source_span_starts_at_a_whole_word_and_ends_without_a_loose_word():
    from framing.analysis.attribution import _source_bounds

    def bounded(text, source, cue):
        start, cue_start = text.index(source), text.index(cue)
        s, e = _source_bounds(text, (start, start + len(source)), (cue_start, cue_start + len(cue)))
        return text[s:e]

    assert bounded("E.U. leaders said the plan was sound.", "U. leaders", "said") == "E.U. leaders"
    assert bounded("Asked about it, Mark Z. Barabak noted the risk.", "Z. Barabak", "noted") == "Mark Z. Barabak"
    assert bounded("“It is small,” wrote Cameron Easley for Morning Consult.", "Cameron Easley for", "wrote") == (
        "Cameron Easley")
    assert bounded("Christie, who has campaigned for him, said no.", "Christie, who", "said") == "Christie"
    assert bounded("The Latin American pope again demonstrated his knack.", "The Latin American pope again",
                   "demonstrated") == "The Latin American pope"  # an adverb is the cue's, not the source's
    assert bounded("Donald Trump, under fire, is casting doubt.", "Donald Trump,", "is casting") == "Donald Trump"
    assert bounded("Dean, a doctor, then appeared and said so.", "Dean, a doctor,", "said") == "Dean, a doctor,"
    assert bounded("After Z. Barabak noted the risk, it fell.", "Z. Barabak", "noted") == "Z. Barabak"  # no name
    assert bounded("The resident said no.", "ident", "said") == "resident"  # a word cut in its middle
    assert bounded("Viktor Orban who has led the fight has called for an alliance.", "who has led the fight",
                   "has called for") == "who"  # the relative pronoun alone, as PolNeAR marks it
    assert bounded("6, 2016 10:35PMChris Christie Says It", "Chris Christie", "Says") == "Chris Christie"  # glued, not cut


def test_a_tagged_cue_that_stops_at_an_auxiliary_or_adverb_runs_on_through_its_verb():
    from framing.analysis.attribution import _completed

    def completed(text, cue):
        start = text.index(cue)
        s, e = _completed(text, (start, start + len(cue)))
        return text[s:e]

    text = "Haftar has claimed a link, a claim that the council has fully rejected."
    assert completed(text, "has fully") == "has fully rejected"
    assert completed("The council has repeatedly warned them.", "has repeatedly") == "has repeatedly warned"
    assert completed("The council has the list.", "has") == "has"  # no verb after it
    assert completed("The council said it.", "said") == "said"


def _extracted_with_tags(monkeypatch, text, cue_words, source_words):
    """The attribution of one cue when the tagger marks that cue and that source alone."""
    from framing.analysis import attribution
    from framing.text.document import build_document
    from framing.text.spans import SpanIndex

    cue = (text.index(cue_words), text.index(cue_words) + len(cue_words))
    source = (text.index(source_words), text.index(source_words) + len(source_words))
    tagged = {"cue": [cue], "source": SpanIndex([source]), "content": SpanIndex([])}
    monkeypatch.setattr(attribution, "_tagged", lambda doc, contextual=False: tagged)
    [found] = [a for a in attribution.extract(build_document(text), contextual=True) if a.cue.start == cue[0]]
    return found


def test_the_agent_of_a_passive_cue_is_its_source_unless_it_names_a_feeling(monkeypatch):
    def extracted(text, cue_words, source_words):
        found = _extracted_with_tags(monkeypatch, text, cue_words, source_words)
        return found.cue.text, found.source and found.source.text

    criticised = "Mrs. Clinton has been criticized by Republicans and some Democrats for saying little.\n"
    assert extracted(criticised, "has been criticized", "Mrs. Clinton") == (
        "has been criticized by", "Republicans and some Democrats")
    portrayed = "The attack was initially portrayed by the White House as a protest.\n"
    assert extracted(portrayed, "was initially portrayed", "The attack") == (
        "was initially portrayed by", "the White House")
    delighted = "Dan Price was delighted by the resulting controversy.\n"
    assert extracted(delighted, "was delighted by", "Dan Price") == ("was delighted by", "Dan Price")
    accused = "Mr. Dan Price was accused of sending a warrant to his own email account.\n"
    assert extracted(accused, "was accused of", "Mr. Dan Price") == ("was accused of", None)  # its target
    convinced = "Mr. Dan Price is convinced that the plan will fail.\n"
    assert extracted(convinced, "is convinced that", "Mr. Dan Price") == ("is convinced that", "Mr. Dan Price")


def test_a_term_after_so_called_is_mentioned_and_makes_one_finding():
    text = "Dan Price has said that a so-called deep state of bureaucrats was undermining him.\n"
    found = [f.rule for f in audit_text(text, contextual=False).findings if f.dimension == "loaded_language"]
    assert found == ["doubt.so-called"]  # not 'deep state' as the writer's name-calling too
    assert [f.rule for f in audit_text("The deep state is at work.\n", contextual=False).findings] == ["name_calling.deep-state"]


def test_a_name_right_after_a_cue_that_ends_in_a_preposition_is_its_object_not_its_source(monkeypatch):
    def source_of(text, cue_words, source_words):
        found = _extracted_with_tags(monkeypatch, text, cue_words, source_words)
        return found.source and found.source.text

    critical = "Ann Hale is a Republican, but has reportedly been critical of Dan Price all year.\n"
    assert source_of(critical, "has reportedly been critical of", "Dan Price") is None  # its object
    asked = "Asked about the convention, Ruth Vale said she would go.\n"
    assert source_of(asked, "Asked about", "Ruth Vale") == "Ruth Vale"  # after a comma: the clause's subject


def test_a_charge_in_the_legal_process_is_no_unattributed_claim():
    text = ("Church trial\n\nDylann Roof is accused of killing nine people inside the church in June 2015.\n\n"
            "The crime is corrupt and the guilty will pay.\n")
    claims = [f.text for f in audit_text(text, contextual=False).findings if f.detector == "claims"]
    assert not any("accused of killing" in c for c in claims) and any("guilty will pay" in c for c in claims), claims
