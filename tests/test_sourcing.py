"""Sides and balance: actors and name merging, stance from cue verbs and affiliation, the index."""

import json
import re

import pytest

from framing.outputs import report, serialize
from framing.analysis import actors, sourcing
from framing.api import audit_text
from framing.findings import Attribution, TextSpan

from conftest import EXAMPLES

COUNCIL = """Council Raises Taxes

The Springfield City Council voted on Monday to raise the property tax by 3 percent.

Jane Roe, who runs a bakery on Main Street, condemned the Springfield City Council for the rise. "Small shops will close," Roe said.

Tom Burns, a retired teacher, also criticised the council.

A spokesperson for the Springfield City Council, Ann Lee, said the money would repair the town's schools.

The council will meet again in May.
"""


def sides(audit) -> dict[str, str]:
    return {s.name: s.side for s in audit.sourcing.sources}


def test_name_variants_are_merged_and_titles_dropped():
    text = ("Haftar Advances\n\nGeneral Khalifa Haftar ordered the strikes. Haftar’s forces moved east, "
            "and Haftar said they would hold the port. Critics of Haftar spoke in Tripoli.")
    found = {a.name: a for a in actors.find_actors(audit_text(text).document)}
    haftar = found["Khalifa Haftar"]
    assert set(haftar.variants) == {"Khalifa Haftar", "Haftar"}
    assert len(haftar.mentions) == 4  # 'Haftar’s forces' counts for Haftar
    assert haftar.in_title
    assert "General Khalifa Haftar" not in found and "Haftar" not in found


@pytest.mark.parametrize("short, full, same", [
    ("Haftar", "Khalifa Haftar", True),
    ("Shura Council", "Derna Shura Council", True),
    ("Za’tari", "Ali Al-Za’tari", True),
    ("GNA", "Government National Accord", True),
    ("Derna", "Derna Shura Council", False),
    ("Council", "Shura Mujahideen", False),
])
def test_refers_to(short, full, same):
    assert actors.refers_to(short, full) is same


def test_stance_from_cue_verbs_and_from_affiliation():
    audit = audit_text(COUNCIL)
    assert audit.sourcing.principal_actor.name == "Springfield City Council"
    found = sides(audit)
    assert found["Jane Roe"] == "critical"  # 'condemned' as the cue
    assert found["Tom Burns"] == "critical"  # 'criticised' as the cue
    assert found["Ann Lee"] == "supportive"  # 'a spokesperson for the Springfield City Council'
    lee = next(s for s in audit.sourcing.sources if s.name == "Ann Lee")
    assert [e.kind for e in lee.evidence] == ["affiliation"]
    roe = next(s for s in audit.sourcing.sources if s.name == "Jane Roe")
    assert {e.span.text for e in roe.evidence} >= {"condemned"}


def test_a_negated_stance_word_is_not_evidence():
    text = COUNCIL.replace("condemned the Springfield City Council for the rise",
                           "said she did not condemn the Springfield City Council for the rise")
    roe = next(s for s in audit_text(text).sourcing.sources if s.name == "Jane Roe")
    assert not any(e.span.text.startswith("condemn") for e in roe.evidence)


def test_supportive_stance_from_content_words():
    text = COUNCIL.replace('"Small shops will close," Roe said.', '"It was the right decision," Roe said.').replace(
        "condemned the Springfield City Council for the rise", "spoke about the rise")
    assert sides(audit_text(text))["Jane Roe"] == "supportive"


def test_a_source_is_not_the_target_of_its_own_words():
    # a claim the Shura Council rejects names the council: the stance is aimed at whoever made the
    # claim, not at the council that speaks, though the source span starts with 'the'
    text = "the Shura Council has rejected a claim that the Shura Council is linked to Al-Qaeda, " \
           "a spokesperson for Haftar, Ann Lee, said."

    def actor(name):
        starts = [i for i in range(len(text)) if text.startswith(name, i)]
        return actors.Actor(name, name, [name], [TextSpan(s, s + len(name), name) for s in starts])

    def span(phrase):
        return TextSpan(text.index(phrase), text.index(phrase) + len(phrase), phrase)

    council, haftar, lee = actor("Shura Council"), actor("Haftar"), actor("Ann Lee")
    assert sourcing._speaking_actors([council, haftar, lee], span("the Shura Council")) == [council]
    # the person named after the role speaks; the actor named within the role does not
    assert sourcing._speaking_actors([council, haftar, lee], span("a spokesperson for Haftar, Ann Lee,")) == [lee]


def test_balance_index_bounds():
    summary = {side: sourcing.SideSummary(side) for side in sourcing.SIDES}
    assert sourcing.balance_index(summary, (None, None)) == 1.0  # nobody takes a side: nothing lopsided
    summary["critical"].sources = ["s1", "s2"]
    summary["critical"].quoted_words = 40
    assert sourcing.balance_index(summary, ("critical", "critical")) == 0.0
    summary["supportive"].sources = ["s3", "s4"]
    summary["supportive"].quoted_words = 40
    assert sourcing.balance_index(summary, ("critical", "supportive")) == 1.0


def test_derna_sides(derna_audit):
    result = derna_audit.sourcing
    assert result.principal_actor.name == "Khalifa Haftar"
    found = sides(derna_audit)
    for critic in ("Ali Al-Za’tari", "Ahmed Maetig", "Martin Kobler", "GNA"):
        assert found[critic] == "critical", critic
    assert found["Ahmad Al-Masmari"] == "supportive"
    assert found["a local Libyan news outlet"] == "neutral"
    assert result.response is True
    assert [v.stance for v in result.verdicts] == ["critical"]
    assert "spew more terror" in result.verdicts[0].span.text


def test_a_cue_two_quotes_share_is_one_piece_of_evidence(derna_audit):
    """Maetig's two quotes hang on one 'spoke strongly against': it counts, and is listed, once."""
    [maetig] = [s for s in derna_audit.sourcing.sources if s.name == "Ahmed Maetig"]
    spans = [(e.actor_id, e.kind, e.span.start) for e in maetig.evidence]
    assert len(spans) == len(set(spans)) and sum(e.kind == "cue" for e in maetig.evidence) == 1


def test_derna_one_sided_finding(derna_audit):
    [finding] = [f for f in derna_audit.findings if f.rule == "one_sided_sourcing"]
    assert finding.severity in ("medium", "high")
    assert finding.dimension == "sourcing"
    sentence = finding.message.removeprefix("One-sided sourcing: ")
    assert "\n" not in sentence and sentence.endswith(".")  # one line of short sentences a class can read aloud
    assert all(len(part.split()) <= 20 for part in sentence.split(". "))
    assert "criticise Khalifa Haftar" in sentence and "Ahmad Al-Masmari" in sentence
    assert derna_audit.scores["sourcing"]["score"] == pytest.approx(1 - derna_audit.sourcing.balance_index)


def test_balanced_example_has_high_index_and_no_finding():
    audit = audit_text((EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8"))
    # 0.68: the joint statement of 'Peter Shaw and Leila Ahmed' is two critics' (session 22), three
    # critics against the chairman, who has most of the words
    assert audit.sourcing.balance_index >= 0.65
    assert not [f for f in audit.findings if f.rule == "one_sided_sourcing"]
    assert sides(audit)["Victor Hale"] == "supportive"


def test_loaded_example_is_one_sided():
    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    [finding] = [f for f in audit.findings if f.rule == "one_sided_sourcing"]
    assert finding.severity == "high"
    assert len(audit.sourcing.verdicts) >= 2


def test_sourcing_in_json_and_report(derna_audit):
    data = json.loads(serialize.to_json(derna_audit))["sourcing"]
    actors = {a["id"]: a["name"] for a in data["actors"]}
    assert actors[data["principal_actor"]] == "Khalifa Haftar"
    assert set(data["sides"]) == set(sourcing.SIDES)
    assert data["sides"]["critical"]["quoted_words"] > 0
    html = report.render(derna_audit)
    assert "Sources and sides" in html and 'class="side-supportive">supportive' in html
    assert "Critical of Khalifa Haftar" in html  # the words-per-side chart's label


def test_a_source_named_only_in_the_headline_is_no_voice():
    text = ("Black Lawmakers Slam Harbour Plan\n\nThe mayor, Ana Ruiz, said the harbour plan would bring jobs. "
            "Councillor Tom Berg said the plan was reckless.\n")
    audit = audit_text(text, contextual=False)
    assert any(s.name == "Black Lawmakers" for s in audit.sources)  # the headline's attribution stays
    assert "Black Lawmakers" not in [s.name for s in audit.sourcing.sources]
    assert {"Ana Ruiz", "Tom Berg"} <= {s.name for s in audit.sourcing.sources}
    ended = audit_text(text.replace("Slam Harbour Plan", "slam harbour plan."), contextual=False)
    assert "Black Lawmakers" not in [s.name for s in ended.sourcing.sources]  # a headline that ends in a period


def test_named_sources_framing_cannot_place_leave_the_one_sided_verdict_open():
    from framing.analysis.sourcing import CRITICAL, SUPPORTIVE, SideSummary, _explain, verdict
    from framing.analysis.actors import Actor

    assert verdict(0.2, [4, 0], 0) == (True, True)
    assert verdict(0.2, [4, 0], 4) == (True, False)
    assert verdict(0.2, [2, 0], 0) == (False, False)  # too few voices to judge
    sides = {side: SideSummary(side) for side in ("critical", "supportive", "neutral", "unknown")}
    sides[CRITICAL].sources = ["s1", "s2", "s3", "s4"]
    principal = Actor(id="a1", name="Ana Ruiz", kind="person", variants=["Ana Ruiz"])
    text = _explain(principal, sides, [], 0.2, True, False, unread=["A", "B", "C", "D"])
    assert "could not tell the side of 4 other named sources" in text and SUPPORTIVE not in text


def test_a_story_with_unread_critics_does_not_read_as_having_none():
    from framing.analysis.sourcing import SUPPORTIVE, SideSummary, _explain
    from framing.analysis.actors import Actor

    sides = {side: SideSummary(side) for side in ("critical", "supportive", "neutral", "unknown")}
    sides[SUPPORTIVE].sources = ["s1"]
    principal = Actor(id="a1", name="Ana Ruiz", kind="person", variants=["Ana Ruiz"])
    text = _explain(principal, sides, [], 1.0, False, False, unread=["Tom Berg", "Lea Park", "Joe Bell", "Kim Dale"])
    assert text.startswith("Too few voices take a side")
    assert "could not tell the side of 4 other named sources (Tom Berg, Lea Park, Joe Bell and others)" in text
    assert "could not tell" not in _explain(principal, sides, [], 1.0, False, False)


def test_a_balance_that_looks_even_keeps_its_caveat_about_unread_voices():
    """A judged, even-looking balance said nothing of the named voices framing could not place."""
    from framing.analysis.sourcing import CRITICAL, SUPPORTIVE, SideSummary, _explain
    from framing.analysis.actors import Actor

    sides = {side: SideSummary(side) for side in ("critical", "supportive", "neutral", "unknown")}
    sides[CRITICAL].sources, sides[SUPPORTIVE].sources = ["s1", "s2"], ["s3", "s4"]
    principal = Actor(id="a1", name="Ana Ruiz", kind="person", variants=["Ana Ruiz"])
    text = _explain(principal, sides, [], 0.9, True, False, unread=["Tom Berg", "Lea Park"])
    assert text.endswith("framing could not tell the side of 2 other named sources (Tom Berg and Lea Park), "
                         "so these counts are not the whole story.")
    assert "whole story" not in _explain(principal, sides, [], 0.9, True, False)


def test_one_voice_on_a_side_is_too_little_to_judge():
    text = COUNCIL.split("\n\nTom Burns")[0]  # only Jane Roe, critical: nobody else takes a side
    audit = audit_text(text)
    assert sides(audit)["Jane Roe"] == "critical"
    assert not audit.sourcing.judged
    assert not [f for f in audit.findings if f.rule == "one_sided_sourcing"]
    assert audit.scores["sourcing"]["score"] is None  # not judged is not balanced: no 0.0
    assert audit.scores["sourcing"]["explanation"].startswith("Too few voices take a side")
    assert "sourcing" not in audit.scores["overall"]["explanation"].split(";")[0]
    assert "one-sided sourcing: not judged" in audit.scores["overall"]["explanation"]


def test_no_actor_no_sides():
    audit = audit_text("the rain fell all day and the river rose.")
    assert audit.sourcing.principal_actor is None
    assert audit.scores["sourcing"]["score"] is None


def stance_toward(audit, source: str, actor: str) -> str:
    ids = {a.name: a.id for a in audit.sourcing.actors}
    found = next(s for s in audit.sourcing.sources if s.name == source)
    return found.stances[ids[actor]]


def test_a_role_that_only_names_an_actor_is_no_affiliation():
    text = ("Mayor Defends Budget\n\nMayor Lena Ortiz presented the budget on Monday. Mayor Lena Ortiz said "
            "the plan was fair.\n\nA longtime Ortiz critic, Paul Gray, said the plan was unfair.\n\n"
            "An aide to Ortiz, Sam Hill, said the budget was balanced.")
    audit = audit_text(text)
    assert stance_toward(audit, "Paul Gray", "Lena Ortiz") == "critical"
    assert stance_toward(audit, "Sam Hill", "Lena Ortiz") == "supportive"


@pytest.mark.parametrize("defence", ["defended her remarks", "stood by her original remarks"])
def test_defending_ones_own_words_is_no_stance_toward_others(defence):
    text = ("Senator Under Fire\n\nSenator Ruth Vale spoke about Governor Dan Price on Monday. Governor Dan Price "
            f"answered on Tuesday.\n\nRuth Vale {defence} about Dan Price on Wednesday.")
    audit = audit_text(text)
    evidence = next(s for s in audit.sourcing.sources if s.name == "Ruth Vale").evidence
    assert not [e for e in evidence if e.kind in ("cue", "content") and e.stance == "supportive"]


def test_a_stance_word_is_aimed_at_the_actor_it_names():
    text = ("Vote Splits Council\n\nGovernor Dan Price and Senator Ruth Vale met on Monday. Dan Price spoke first. "
            "Ruth Vale spoke later.\n\nAnna Bell said she praised Ruth Vale for her work, and nothing more.")
    audit = audit_text(text)
    assert stance_toward(audit, "Anna Bell", "Ruth Vale") == "supportive"
    assert stance_toward(audit, "Anna Bell", "Dan Price") == "unknown"


def anna_bell_on_dan_price(words: str) -> str:
    """Anna Bell's stance toward Dan Price when `words` follow a short story about him and Ruth Vale."""
    text = ("Price Faces Vote\n\nGovernor Dan Price met Senator Ruth Vale on Monday. Dan Price spoke first. "
            f"Ruth Vale spoke later.\n\n{words}")
    return stance_toward(audit_text(text, contextual=False), "Anna Bell", "Dan Price")


@pytest.mark.parametrize("words, side", [
    ("“Many unions opposed Dan Price,” Anna Bell said.", "unknown"),
    ("“Voters should back the governor,” Anna Bell said.", "unknown"),
    ("“I strongly condemn Dan Price,” Anna Bell said.", "critical"),
    ("“We are proud to endorse Dan Price,” Anna Bell said.", "supportive"),
    ("Anna Bell said she had always endorsed Dan Price.", "supportive"),
    ("“We welcome this debate about wages,” Anna Bell said.", "unknown"),
    ("“We welcome everyone who comes,” Anna Bell said.", "unknown"),
    ("“He lied again. We reject his plan,” Anna Bell said of Dan Price.", "critical"),
])
def test_a_stance_taken_in_a_sources_words_is_its_own_only_in_the_first_person(words, side):
    assert anna_bell_on_dan_price(words) == side


@pytest.mark.parametrize("words, side", [
    ("“Dan Price failed to act,” Anna Bell said.", "critical"),
    ("“The governor failed to act,” Anna Bell said.", "critical"),
    ("“The inquiry failed to find anything,” Anna Bell said.", "unknown"),
    ("“We have failed to hold Dan Price to account,” Anna Bell said.", "unknown"),
    ("“It is a disgrace that Dan Price was attacked,” Anna Bell said.", "unknown"),
    ("“Dan Price lied and they destroyed his life,” Anna Bell said.", "unknown"),  # done to him, not by him
    ("“They have ignored Dan Price for years,” Anna Bell said.", "unknown"),
    ("“They filed a lawsuit alleging that Dan Price violated the law,” Anna Bell said.", "unknown"),  # the suit's charge
    ("“I think the governor should resign,” Anna Bell said.", "critical"),  # the one the text calls Governor
    ("“If the report is true, Dan Price must resign,” Anna Bell said.", "critical"),  # a condition takes a side
    ("“Voters asked me if I supported Dan Price,” Anna Bell said.", "unknown"),  # a question does not
    ("“People keep asking whether I would endorse Dan Price,” Anna Bell said.", "unknown"),
    ("“Ruth Vale was sold out by Dan Price,” Anna Bell said.", "critical"),  # the agent of a passive
    ("Anna Bell called him “a fraud” on Tuesday.", "unknown"),  # 'him': Dan Price or Ruth Vale? no one
    ("Anna Bell called her vote a mistake.", "unknown"),  # a possessive: no label for a person
    ("Anna Bell said voters would call for Dan Price’s ouster.", "unknown"),  # the voters' call, not hers
    ("Anna Bell called for Dan Price’s ouster.", "critical"),
])
def test_a_verdict_is_about_its_subject_and_about_no_actor_when_its_subject_is_none(words, side):
    assert anna_bell_on_dan_price(words) == side


@pytest.mark.parametrize("words", [
    "Anna Bell failed to mention Dan Price in her speech.",
    "Anna Bell failed to mention Dan Price when she said the budget was late.",
])
def test_the_reporters_verdict_on_a_source_is_no_stance_of_the_source(words):
    assert anna_bell_on_dan_price(words) == "unknown"


def test_every_name_of_a_joint_source_speaks():
    text = ("Price Remarks Draw Fire\n\nGovernor Dan Price spoke on Monday. Dan Price spoke again on Tuesday. "
            "Democrats met on Wednesday.\n\nDan Price apologised. Both Democrats and Republicans denounced the remarks.")
    audit = audit_text(text, contextual=False)
    assert stance_toward(audit, "Both Democrats and Republicans", "Dan Price") == "critical"
    assert stance_toward(audit, "Both Democrats and Republicans", "Democrats") == "unknown"


@pytest.mark.parametrize("role, side", [
    ("the former governor, who has resented Dan Price's rise,", "unknown"),  # the title is not about Price
    ("a longtime aide to Dan Price,", "supportive"),
    ("a person close to Dan Price,", "supportive"),  # 'people close to Clinton', 'one Trump confidant'
    ("a longtime confidant of Dan Price,", "supportive"),
    ("who ran the campaign of Dan Price's opponent in 2012,", "critical"),
    ("a strategist on Tom Price's campaign in 2008,", "unknown"),  # a namesake with another first name
    ("a strategist on the campaigns of Ruth Vale and Tom Price,", "unknown"),
    ("the former governor challenged by Dan Price in 1986,", "unknown"),  # Price acted on him: no camp
    ("a judge appointed by Dan Price,", "supportive"),
])
def test_a_word_of_membership_or_opposition_goes_with_the_name_it_is_near(role, side):
    text = ("Price Faces Vote\n\nGovernor Dan Price met Senator Ruth Vale on Monday. Dan Price spoke first. "
            f"Ruth Vale spoke later. Price left.\n\nTom Ash, {role} said the vote would be close.")
    assert stance_toward(audit_text(text, contextual=False), "Tom Ash", "Dan Price") == side


def test_a_place_before_another_noun_in_a_role_is_where_someone_works_not_whom_they_speak_for():
    text = ("Price Campaigns in Iowa\n\nDan Price toured Iowa on Monday. Iowa votes first, and Dan Price wants Iowa. "
            "Iowa farmers listened to Dan Price.\n\n\"The crowds were large,\" said Tom Ash, the Price campaign's "
            "Iowa director.\n\n\"We welcome every candidate,\" said Iowa Governor Ann Lee.\n\n\"Sales are up,\" "
            "said Eva Moss, the head of an Iowa-based seed company.")
    audit = audit_text(text, contextual=False)
    assert stance_toward(audit, "Tom Ash", "Iowa") == "unknown"
    assert stance_toward(audit, "Eva Moss", "Iowa") == "unknown"
    assert stance_toward(audit, "Ann Lee", "Iowa") == "supportive"


CRITIC = " Union leader Kim Lee condemned Dan Price on Monday."


@pytest.mark.parametrize("critic, side", [(CRITIC, "critical"), ("", "unknown")])
def test_a_principal_actors_voice_about_the_other_principal_is_on_the_other_side(critic, side):
    """Only where someone criticises the other in words: without that, allies were taken for rivals
    as often as not on real news."""
    text = ("Price and Vale Clash Over Jobs\n\nDan Price and Ruth Vale are running for governor. Dan Price leads in "
            f"polls. Ruth Vale trails Dan Price.{critic}\n\n\"Dan Price has a plan for nothing,\" said Tom Ash, a spokesman for "
            "Ruth Vale.")
    audit = audit_text(text)
    assert [a.name for a in audit.sourcing.actors if a.principal] == ["Dan Price", "Ruth Vale"]
    assert stance_toward(audit, "Tom Ash", "Ruth Vale") == "supportive"
    assert stance_toward(audit, "Tom Ash", "Dan Price") == side
    assert any(e.kind == "adversary" for s in audit.sourcing.sources for e in s.evidence) == bool(critic)


@pytest.mark.parametrize("parties, side", [
    (("Republican", "Democratic"), "critical"),
    (("Democratic", "Democratic"), "unknown"),  # one party's people: no rivals by default
])
def test_a_principal_actors_voice_on_the_other_of_the_same_party_is_no_adversary(parties, side):
    text = ("Price and Vale Clash Over Jobs\n\n{} Gov. Dan Price and {} Sen. Ruth Vale are running. Dan Price leads in "
            "polls. Ruth Vale trails Dan Price.{}\n\n\"Dan Price has a plan for nothing,\" said Tom Ash, a spokesman for "
            "Ruth Vale.").format(*parties, CRITIC)
    audit = audit_text(text)
    assert stance_toward(audit, "Tom Ash", "Dan Price") == side


def test_a_source_that_declined_to_comment_is_no_voice_and_is_named_when_its_side_is_not_heard():
    text = ("Price Faces Questions Over Donors\n\nDan Price took money from hedge funds, records show. Dan Price "
            "spoke on Monday.\n\nTom Ash condemned Dan Price on Tuesday. Ann Lee criticized Dan Price on Wednesday. "
            "Kim Ross denounced Dan Price on Thursday.\n\nA spokeswoman for Dan Price declined to comment.\n")
    audit = audit_text(text, contextual=False)
    assert not any("spokeswoman" in s.name for s in audit.sourcing.sources)
    assert audit.sourcing.one_sided
    assert "(A spokeswoman for Dan Price declined to reply or could not be reached)" in audit.sourcing.explanation


LAW = "Price Signs Religion Law\n\nGov. Dan Price signed the law on Thursday. Dan Price said it protects believers. Dan Price left.\n\n{}\n"


@pytest.mark.parametrize("voice, name, side", [
    ("Critics say the law could open the door to discrimination.", "Critics", "critical"),
    ("His critics say the law is unfair.", "His critics", "critical"),
    ("Opponents of Price say the law is unfair.", "Opponents of Price", "critical"),  # not Price himself
    ("Supporters of Price say the law is fair.", "Supporters of Price", "supportive"),
    ("Proponents say the law protects believers.", "Proponents", "supportive"),
])
def test_plain_critics_are_critics_of_the_principal_and_a_group_of_an_actor_is_not_the_actor(voice, name, side):
    """Plain critics (and proponents) were left unknown, the commonest miss on real news; 'Opponents of Price'
    was Price's own voice."""
    audit = audit_text(LAW.format(voice), contextual=False)
    assert next(s.side for s in audit.sourcing.sources if s.name == name) == side


def test_critics_as_the_agent_of_a_passive_are_the_subjects_not_the_principals():
    voice = "Al Dunn was rebuked by critics for his remarks, and critics said he should quit."
    audit = audit_text(LAW.format(voice), contextual=False)
    assert all(s.side != "critical" for s in audit.sourcing.sources)


PARTISAN = ("Senate Republicans Block Jobs Bill\n\nSenate Republicans blocked the jobs bill on Tuesday. The bill needed "
            "60 votes. Senate Republicans said the bill cost too much.\n\n{}")


@pytest.mark.parametrize("voice, side", [
    ("Sen. Ann Lee (D-Ohio) said Senate Republicans would have to explain the vote at home.", "critical"),
    ("Sen. Ann Lee (R-Ohio) said Senate Republicans would have to explain the vote at home.", "unknown"),  # one party
    ("Sen. Ann Lee (D-Ohio) said she would vote for the bill if Senate Republicans cut its cost.", "unknown"),  # backing
    ("Sen. Ann Lee (D-Ohio) declined to criticize Senate Republicans for the vote.", "unknown"),
])
def test_a_voice_of_one_party_naming_the_other_party_is_critical_of_it(voice, side):
    """Right in 6 of 6 new decisions against the hand labels of PolNeAR, and in about four of five read
    over 1,231 real texts."""
    audit = audit_text(PARTISAN.format(voice), contextual=False)
    assert stance_toward(audit, "Sen. Ann Lee", "Senate Republicans") == side
    assert any(e.kind == "partisan" for s in audit.sourcing.sources for e in s.evidence) == (side == "critical")


def test_a_party_named_only_before_a_name_or_a_polls_share_of_a_party_takes_no_partisan_side():
    text = ("Republicans Block Jobs Bill\n\nRepublicans blocked the jobs bill on Tuesday. The bill needed 60 votes. "
            "Republicans said the bill cost too much.\n\nSen. Ann Lee (D-Ohio) said Republican nominee Tom Ash would "
            "have to explain the vote at home.\n\nOnly 26 percent of Democrats say Republicans understand their problems.")
    audit = audit_text(text, contextual=False)
    assert not any(e.kind == "partisan" for s in audit.sourcing.sources for e in s.evidence)


def test_a_principal_actors_voice_speaking_warmly_of_the_other_is_no_adversary():
    text = ("Price and Vale Clash Over Jobs\n\nDan Price and Ruth Vale are running for governor. Dan Price leads in "
            f"polls. Ruth Vale trails Dan Price.{CRITIC}\n\n\"Dan Price is an amazing man and a wonderful friend,\" said Tom "
            "Ash, a spokesman for Ruth Vale.")
    audit = audit_text(text)
    assert stance_toward(audit, "Tom Ash", "Ruth Vale") == "supportive"
    assert stance_toward(audit, "Tom Ash", "Dan Price") == "unknown"


def test_a_voice_about_an_actor_who_is_not_a_principal_rival_gets_no_side_from_that_alone():
    text = ("Price Wins Vote\n\nDan Price won the vote on Monday. Dan Price thanked Ruth Vale, who ran his office. "
            "Ruth Vale smiled. Ruth Vale left early.\n\n\"Ruth Vale ran the office,\" said Tom Ash, a spokesman for "
            "Dan Price.")
    audit = audit_text(text)
    assert stance_toward(audit, "Tom Ash", "Dan Price") == "supportive"
    assert stance_toward(audit, "Tom Ash", "Ruth Vale") == "unknown"


@pytest.mark.parametrize("heavy, light, expected", [(2, 0, 0.875), (3, 0, 0.9375), (1, 1, 0.5), (6, 2, 0.9102)])
def test_dominance_is_the_chance_that_the_heavier_side_holds_most_voices(heavy, light, expected):
    assert sourcing.dominance(heavy, light) == pytest.approx(expected, abs=1e-4)


def test_two_voices_against_none_are_not_yet_one_sided():
    text = COUNCIL.split("\n\nA spokesperson")[0]  # Jane Roe and Tom Burns, both critical; nobody answers
    audit = audit_text(text)
    assert [s.side for s in audit.sourcing.sources].count("critical") == 2
    assert not audit.sourcing.judged and not audit.sourcing.one_sided
    assert not [f for f in audit.findings if f.rule == "one_sided_sourcing"]


def test_not_judged_is_shown_as_such_in_the_report():
    audit = audit_text(COUNCIL.split("\n\nTom Burns")[0])
    html = report.render(audit, "council.txt")
    assert "not judged" in html


def test_the_missing_side_is_named_in_the_plural():
    text = ("Port Authority Sells Harbour\n\nThe Calder Port Authority sold the harbour on Monday.\n\n"
            "Ann Cole condemned the Calder Port Authority. Bo Reed condemned the Calder Port Authority. "
            "Cy Dunn condemned the Calder Port Authority. Di Egan condemned the Calder Port Authority.")
    audit = audit_text(text)
    assert audit.sourcing.one_sided
    assert "Calder Port Authority's side is not heard" in audit.sourcing.explanation


def test_supporters_in_a_story_with_no_criticism_anywhere_are_no_one_sided_story():
    """An endorsement story with only supporters holds no dispute whose other side is missing: framing
    says why it does not call it one-sided; once someone in the story criticises someone, it does."""
    text = ("Ortiz Wins Endorsements\n\nMayor Lena Ortiz won three endorsements on Monday.\n\n"
            "Ann Cole praised Lena Ortiz. Bo Reed praised Lena Ortiz. Cy Dunn praised Lena Ortiz. Di Egan praised "
            "Lena Ortiz.")
    praise = audit_text(text, contextual=False).sourcing
    assert praise.sides["supportive"].named == 4 and praise.balance_index == 0.0
    assert not praise.one_sided and "reads no criticism of anyone" in praise.explanation
    disputed = audit_text(text + "\n\nTom Berg, her rival, lost. Tom Berg left Ohio. Ed Fox condemned Tom Berg.",
                          contextual=False).sourcing
    assert disputed.one_sided and "Its critics are not heard" in disputed.explanation


def test_people_a_name_is_governed_by_are_not_its_bearer():
    """'A person familiar with X' is not X speaking, and 'a spokeswoman for X' speaks for X by her work."""
    text = ("Ortiz Faces Inquiry\n\nMayor Lena Ortiz faced questions on Monday. Lena Ortiz left. Lena Ortiz spoke.\n\n"
            "A person familiar with Lena Ortiz said the inquiry would widen. "
            "A spokeswoman for Lena Ortiz said the mayor had done nothing wrong.")
    evidence = {s.name: [(e.kind, e.stance) for e in s.evidence] for s in audit_text(text, contextual=False).sourcing.sources}
    assert evidence["A person familiar with Lena Ortiz"] == []
    assert evidence["A spokeswoman for Lena Ortiz"] == [("affiliation", "supportive")]


@pytest.mark.parametrize("cue, saying", [("said", True), ("has to remind", False), ("must declare", False),
                                         ("will have to explain", False), ("told", True), ("voted", False)])
def test_a_saying_someone_is_bound_to_make_is_not_reported(cue, saying):
    from framing.analysis.attribution import reports_saying

    assert reports_saying(Attribution(TextSpan(0, len(cue), cue), None, None, "indirect")) is saying


@pytest.mark.parametrize("object_, side", [("the president's foreign policy", "neutral"),  # no one is called President
                                           ("the billionaire's wage plan", "critical")])  # a stand-in, not an office
def test_a_stance_on_an_office_no_actor_holds_is_about_no_one(object_, side):
    text = ("Price Rallies in Brooklyn\n\nDan Price rallied in Brooklyn on Thursday. Dan Price spoke of wages. "
            f"Dan Price left.\n\nIn an interview on Thursday, Ruth Vale criticized {object_} and said allies wanted more.")
    assert sides(audit_text(text, contextual=False))["Ruth Vale"] == side


def test_a_namesake_with_another_first_name_does_not_speak_for_the_actor():
    text = ("Governor Signs Religious Freedom Bill\n\nGov. Asa Hutchinson signed the bill on Thursday after a week of "
            "protests. Hutchinson said the law would protect conscience.\n\nHis son, Seth Hutchinson, said the law was "
            "wrong and that it would hurt the state. Critics condemned Asa Hutchinson for signing it.\n")
    audit = audit_text(text, contextual=False)
    seth = next(s for s in audit.sourcing.sources if s.name == "Seth Hutchinson")
    assert not [e for e in seth.evidence if e.kind == "self"]
    assert seth.side != "supportive"


def test_a_party_is_read_the_same_way_for_titles_and_membership():
    from framing.analysis.names import stated_party

    assert stated_party("Rep. Elijah Cummings (D-Md.), chair of the Platform Committee") == "D"
    assert stated_party("Sen. Rand Paul, R-Ky.") == "R"
    assert stated_party("a Republican strategist") == "R"
    assert stated_party("Gov. Terry McAuliffe (D)") == "D"
    assert stated_party("Democrats and Republicans") is None  # both: no one party
    assert stated_party("the Rev. Al Sharpton") is None


def test_a_source_that_says_nothing_and_takes_no_side_is_no_voice():
    text = ("Harbour Plan Advances\n\nThe Calder Port Authority approved the harbour plan on Monday. "
            "Investors expect the plan to raise rents, and the deal envisions a new ferry terminal. "
            "Councillor Tom Berg said the plan was reckless. Mayor Ana Ruiz told reporters it would bring jobs.\n")
    audit = audit_text(text, contextual=False)
    attributed = {s.name for s in audit.sources}
    voices = {s.name for s in audit.sourcing.sources}
    assert {"Tom Berg", "Ana Ruiz"} <= voices
    assert "Investors" in attributed and "Investors" not in voices  # holds a view, says nothing, no side


def test_an_actor_the_reporter_narrates_about_is_no_voice_of_its_own_side():
    text = ("Ruiz Seeks Second Term\n\nMayor Ana Ruiz knows the race will be close. Ruiz appears to be spending "
            "heavily on television. Councillor Tom Berg said Ruiz had wasted the harbour fund.\n")
    audit = audit_text(text, contextual=False)
    assert audit.sourcing.principal_actor.name == "Ana Ruiz"
    assert "Ruiz" in {s.name for s in audit.sources}  # the attribution step still lists what she knows
    assert {s.name for s in audit.sourcing.sources} == {"Tom Berg"}  # but 'knows' and 'appears' are no saying


def test_the_principal_speaking_for_itself_under_several_names_is_one_voice():
    from framing.analysis.actors import Actor
    from framing.analysis.sourcing import SUPPORTIVE, Evidence, SourceStance, _summaries, sided_voices
    from framing.findings import TextSpan

    principal = Actor(id="a1", name="Patti Saris", kind="person", variants=["Patti Saris"])
    own = Evidence("a1", SUPPORTIVE, "self", TextSpan(0, 5, "Saris"), "Saris speaks for Patti Saris")
    voices = [SourceStance(f"s{i}", name, "person", "", SUPPORTIVE, {"a1": SUPPORTIVE}, [own], 10, 0, i)
              for i, name in enumerate(["Patti Saris", "Judge Patti Saris in Boston", "Saris"])]
    lawyer = SourceStance("s9", "her lawyer", "person", "", SUPPORTIVE, {"a1": SUPPORTIVE}, [], 10, 0, 9)
    assert sided_voices(_summaries(voices, [], principal)) == [0, 1]
    assert sided_voices(_summaries(voices + [lawyer], [], principal)) == [0, 2]
    assert sided_voices(_summaries(voices, [], None)) == [0, 3]


def test_a_described_name_is_the_person_and_joins_its_other_mentions():
    text = ("Clinton Speaks\n\nFormer Secretary of State and Democratic presidential frontrunner Hillary Clinton "
            "said the plan was wrong. Later, Hillary Clinton said the plan would fail. Secretary-General Ban Ki-moon "
            "said the council had failed. Mr. Ban said he backed a woman as his successor. Joe Biden and campaign "
            "chairman John Podesta said it was fine.\n")
    listed = {s.name: s.role for s in audit_text(text, readability=False, contextual=False).sources}
    assert listed["Hillary Clinton"] == "Former Secretary of State and Democratic presidential frontrunner"
    assert "Ban Ki-moon" in listed and "Mr. Ban" not in listed
    assert listed["Joe Biden"] == "" and listed["John Podesta"] == "campaign chairman"  # two people, each his role


def test_a_role_that_says_critic_and_names_no_one_else_is_against_the_principal():
    """'Another critic, Laurence Tribe, ...' in a story about the council: a critic of the council; 'a
    critic of the bypass' or 'a Trump critic' name someone or something else and say nothing of it."""
    text = ("Council Raises Taxes\n\nThe Springfield City Council voted on Monday to raise the property tax. "
            "The council said the money would repair schools.\n\nAnother critic, Tom Burns, said the vote "
            "came too late in the year.\n\nA critic of the bypass, Ann Lee, said the vote came too late.\n")
    found = sides(audit_text(text))
    assert found["Tom Burns"] == "critical"
    assert found["Ann Lee"] != "critical"


def test_a_mocking_nickname_is_no_part_of_the_name_and_is_name_calling_at_its_bearer():
    text = ("Price Hits Back at Vale\n\nDan Price and Ruth Vale traded blows on Monday. Ruth Vale leads in polls.\n\n"
            "\"Unlike Crooked Ruth Vale, I tell the truth,\" Dan Price said.")
    audit = audit_text(text)
    names = [a.name for a in audit.sourcing.actors]
    assert "Ruth Vale" in names and not any("Crooked" in n for n in names)
    assert stance_toward(audit, "Dan Price", "Ruth Vale") == "critical"


def test_a_source_that_speaks_himself_is_the_same_source():
    text = ("Price Answers\n\nDan Price spoke on Monday. \"We will win,\" Dan Price said.\n\n"
            "Price himself said the fight was far from over.")
    audit = audit_text(text)
    assert [s.name for s in audit.sources if "Price" in s.name] == ["Dan Price"]


def test_sources_who_talk_about_the_principal_with_no_side_read_leave_the_verdict_open():
    """'Neutral' is no reading of a side, only a source that speaks of the principal actor without a
    word framing knows: three such named voices keep three supporters from making a one-sided story."""
    text = ("Ortiz Budget Passes\n\nMayor Lena Ortiz won a vote on her budget on Monday. Lena Ortiz spoke at "
            "city hall.\n\nSam Hill, an aide to Ortiz, said the budget was balanced. Ann Lee, a spokesperson for "
            "Ortiz, said it was fair. Lena Ortiz said the city would thrive.\n\n"
            "Tom Berg said Lena Ortiz had hidden the cost of the plan from voters for months.\n\n"
            "Kim Dale said Lena Ortiz would have to explain the plan to every family in town.\n\n"
            "Joe Bell said Lena Ortiz had taken the money from the schools to pay for it.")
    audit = audit_text(text)
    read = sides(audit)
    assert [read[n] for n in ("Sam Hill", "Ann Lee")] == ["supportive", "supportive"]
    assert [read[n] for n in ("Tom Berg", "Kim Dale", "Joe Bell")] == ["neutral"] * 3
    assert not audit.sourcing.one_sided
    assert "reads 3 other named sources as on no side" in audit.sourcing.explanation


def test_the_campaign_is_the_campaign_named_before():
    text = ("Emails Raise Questions\n\nNew emails about Lena Ortiz came out on Monday. Lena Ortiz was in Ohio.\n\n"
            "The Ortiz campaign said the emails showed nothing improper. Later, the campaign said it would release "
            "more of them.")
    audit = audit_text(text)
    assert [s.name for s in audit.sources if "campaign" in s.name.lower()] == ["The Ortiz campaign"]


def test_the_principals_own_voice_is_no_third_supporter_of_a_one_sided_story():
    """Three supportive voices of which one is the principal actor itself: its reply, not two allies and
    a third, so the story is not called one-sided; three allies besides it are."""
    from framing.analysis.sourcing import CRITICAL, SUPPORTIVE, SideSummary, _voices_beside_itself

    sides = {side: SideSummary(side) for side in ("critical", "supportive", "neutral", "unknown")}
    sides[SUPPORTIVE].sources, sides[SUPPORTIVE].itself = ["self", "s1", "s2"], True
    assert _voices_beside_itself(sides, [0, 3]) == [0, 2]
    sides[CRITICAL].sources = ["c1", "c2", "c3", "c4"]
    assert _voices_beside_itself(sides, [4, 3]) == [4, 3]  # the lighter side keeps its reply


def test_the_principals_staff_are_its_camp_not_a_crowd_of_supporters():
    """A story told by the principal actor, its spokeswoman and its advisers is no one-sided story of many
    supporters: on the heavier side they count with it as its reply, not as more voices."""
    from framing.analysis.sourcing import SUPPORTIVE, SideSummary, _voices_beside_itself

    sides = {side: SideSummary(side) for side in ("critical", "supportive", "neutral", "unknown")}
    sides[SUPPORTIVE].sources, sides[SUPPORTIVE].itself, sides[SUPPORTIVE].own_staff = ["self", "aide", "s1"], True, 1
    assert _voices_beside_itself(sides, [0, 3]) == [0, 1]
    text = ("Ortiz Plans Tour\n\nMayor Lena Ortiz will tour the state in May. Lena Ortiz spoke on Monday. "
            "Lena Ortiz left for Ohio.\n\n\"We will win every county,\" Lena Ortiz said.\n\n"
            "Ann Lee, a spokeswoman for Lena Ortiz, said the tour would start in Dayton.\n\n"
            "Lena Ortiz's advisers said the tour would cost little.\n\n"
            "Tom Berg, an adviser to Lena Ortiz, said the crowds would be large.")
    audit = audit_text(text)
    supportive = audit.sourcing.sides["supportive"]
    assert supportive.itself and supportive.own_staff == 3
    assert not audit.sourcing.one_sided


def test_a_poll_or_a_record_is_no_voice_on_a_side():
    text = ("Ortiz Leads\n\nMayor Lena Ortiz spoke on Monday. Lena Ortiz won praise. Lena Ortiz left.\n\n"
            "Exit polls taken in the city praised Lena Ortiz for her handling of the budget, according to the "
            "networks.\n\nCourt documents accused Lena Ortiz of hiding the cost.")
    audit = audit_text(text)
    data = [s for s in audit.sourcing.sources if sourcing.is_data(s)]
    assert data and all(s.side not in ("critical", "supportive") for s in data)


SIDE_CASES = {
    "when the principal speaks, 'she' is the person named before": (
        "Price Rebukes Judge\n\nDan Price criticised the judge on Monday. Dan Price spoke in Ohio, and Dan Price "
        "spoke again in Iowa. Judge Ruth Vale had called him a danger.\n\n\"I think she should apologize to the "
        "court,\" Dan Price said.",
        [("Dan Price", "Ruth Vale", "critical")]),
    "a stance word in the headline is aimed at the name after it": (
        "Bell endorses Vale at rally\n\nAnna Bell endorsed Senator Ruth Vale on Wednesday, saying voters should "
        "choose her over Dan Price. Dan Price spoke later. Dan Price lost.\n\n\"Ruth Vale will win,\" Bell said.",
        [("Anna Bell", "Dan Price", "not supportive"), ("Anna Bell", "Ruth Vale", "supportive")]),
    "a verdict word on the speaker's own conduct is about no one else; on another it is about them": (
        "Price Faces Protests\n\nMayor Dan Price spoke on Monday. Dan Price met the police. Dan Price left.\n\n"
        "Protest leaders said they would ignore the official route. Local union leaders vowed to ignore the rules."
        "\n\nMr. Joe Hill said Ruth Vale had ignored the warnings. Ruth Vale spoke later.",
        [("Protest leaders", "Dan Price", "not critical"), ("Local union leaders", "Dan Price", "not critical"),
         ("Mr. Joe Hill", "Ruth Vale", "critical")]),
    "standing by one's own words, or behind someone on a stage, is no support": (
        "Vale Holds Firm\n\nRuth Vale spoke about Dan Price on Monday. Dan Price answered. Dan Price left.\n\n"
        "\"I stand by everything I said about Dan Price,\" Ruth Vale said.\n\nAnna Bell, standing behind Dan Price "
        "before the cameras, said the day was long.",
        [("Ruth Vale", "Dan Price", "not supportive"), ("Anna Bell", "Dan Price", "not supportive")]),
    "attending a campaign event is no membership of the campaign": (
        "Price Tours Iowa\n\nDan Price spoke in Iowa on Monday. Dan Price took questions. Dan Price left.\n\n"
        "Jon Reed, a commentator who attended a campaign event by Dan Price, said the crowd was small.\n\n"
        "Ann Lee, an aide to Dan Price, said the crowd was large.",
        [("Jon Reed", "Dan Price", "not supportive"), ("Ann Lee", "Dan Price", "supportive")]),
    "a worry about a policy is about no one; a worry about a named person is criticism of them": (
        "Price Plan Draws Worry\n\nDan Price unveiled a plan on Monday. Dan Price spoke in Iowa. Dan Price left.\n\n"
        "Jon Reed said he was worried about the economy and the plan.\n\n"
        "Ann Lee said she was worried that Dan Price would cut the budget.",
        [("Jon Reed", "Dan Price", "not critical"), ("Ann Lee", "Dan Price", "critical")]),
    "defending one's own role or life is no support of another; declining to criticise is no criticism": (
        "Price Under Fire\n\nDan Price faced questions on Monday. Dan Price spoke in Iowa. Dan Price left.\n\n"
        "Jon Reed defended his role in the deal on Tuesday.\n\n"
        "Ann Lee declined to criticize Dan Price, saying the talks went on.\n\n"
        "Eva Moss, who led days of protests in the city, said the plan works, as opposed to the old one.",
        [("Jon Reed", "Dan Price", "not supportive"), ("Ann Lee", "Dan Price", "not critical"),
         ("Eva Moss", "Dan Price", "not critical")]),
    "a prefix joined to the actor's name in a role states the side; a mention alone does not": (
        "Price Faces Ads\n\nDan Price faced new ads on Monday. Dan Price spoke in Iowa. Dan Price left.\n\n"
        "\"He keeps his word,\" said Jon Reed, who heads the pro-Price super PAC Forward Ohio.\n\n"
        "\"He will cut schools,\" said Ann Lee, an anti-Price activist.\n\n"
        "\"The polls are close,\" said Eva Moss, a pollster who has studied Price voters.",
        [("Jon Reed", "Dan Price", "supportive"), ("Ann Lee", "Dan Price", "critical"),
         ("Eva Moss", "Dan Price", "not supportive")]),
    "a label given to an actor takes a side by its words, and so does a call to resign; a neutral one or a request does not": (
        "Harlow Under Fire\n\nDan Harlow spoke in Iowa on Monday. Dan Harlow left. Dan Harlow returned.\n\n"
        "Ann Lee called Harlow’s budget \"reckless and cruel.\"\n\nJon Reed called Harlow a \"fraud.\"\n\n"
        "Al Dunn called Harlow \"a moderate.\"\n\nEva Moss called on Harlow to resign.\n\n"
        "Tom Hale called Harlow to ask for \"a meeting.\"\n\nKim Ross called Harlow \"unhinged.\"",
        [("Ann Lee", "Dan Harlow", "critical"), ("Jon Reed", "Dan Harlow", "critical"),
         ("Kim Ross", "Dan Harlow", "critical"), ("Al Dunn", "Dan Harlow", "unknown"), ("Eva Moss", "Dan Harlow", "critical"),
         ("Tom Hale", "Dan Harlow", "unknown")]),
    "a stance verb's pronoun object is the person named before, not the name nearest in its sentence": (
        "Vale Faces Rivals\n\nRuth Vale spoke in Iowa on Monday. Ruth Vale left. Dan Price spoke in Ohio.\n\n"
        "Dan Price was in Ohio when Ruth Vale spoke again. Ann Lee, a teacher, criticized her in a letter "
        "to Dan Price.",
        [("Ann Lee", "Ruth Vale", "critical"), ("Ann Lee", "Dan Price", "not critical")]),
    "a stance aimed at a thing is about no actor unless it is an act; 'the governor' may be one": (
        "Vale Signs Budget\n\nGov. Ruth Vale signed the budget on Monday. Ruth Vale spoke in Iowa. Ruth Vale left.\n\n"
        "Ann Lee, a teacher, blamed the media for the delay in the talks. “They slowed everything,” "
        "Lee said.\n\nJon Reed, a farmer, praised the governor for the deal. “She kept her word,” Reed said.\n\n"
        "Eva Moss, a nurse, praised the new budget plan. “It pays for the clinics,” Moss said.",
        [("Ann Lee", "Ruth Vale", "unknown"), ("Jon Reed", "Ruth Vale", "supportive"),
         ("Eva Moss", "Ruth Vale", "supportive")]),  # the plan is an act: its author, the principal
    "a thing that is no act is about no actor though its sentence names one; so is a name that is no actor's": (
        "Vale Signs Budget\n\nGov. Ruth Vale signed the budget on Monday. Ruth Vale spoke in Iowa. Ruth Vale left. "
        "Dan Price spoke in Ohio. Dan Price left.\n\nAnn Lee, a teacher, denounced the media at a rally for Ruth Vale. "
        "“They lie,” Lee said.\n\nEva Moss, a nurse, endorsed Karen Holt over Dan Price. “She listens,” Moss said.",
        [("Ann Lee", "Ruth Vale", "unknown"), ("Eva Moss", "Dan Price", "unknown")]),
    "a bare noun after a stance verb is a thing ('opposed calls for'); a pronoun or a role may be an actor": (
        "Vale Signs Budget\n\nGov. Ruth Vale signed the budget on Monday. Ruth Vale spoke in Iowa. Ruth Vale left.\n\n"
        "Ann Lee, a teacher, opposed calls for a new tax in a speech about Ruth Vale. “It is too much,” Lee said.\n\n"
        "Jon Reed, a farmer, criticized officials at Ruth Vale's office. “They were late,” Reed said.",
        [("Ann Lee", "Ruth Vale", "unknown"), ("Jon Reed", "Ruth Vale", "critical")]),
    "a stance word in the passive is another's stance toward its subject; 'was critical of' is the subject's": (
        "Vale Under Fire\n\nRuth Vale spoke in Iowa on Monday. Ruth Vale left. Ruth Vale returned.\n\n"
        "Dan Price, a builder who works with Ruth Vale, has been criticized for the delays. “We did our best,” "
        "Price said.\n\nAnn Lee, a teacher, was critical of Ruth Vale. “She broke her word,” Lee said.",
        [("Dan Price", "Ruth Vale", "unknown"), ("Ann Lee", "Ruth Vale", "critical")]),
}


@pytest.mark.parametrize("text, passive", [
    ("The council said the plan, broadly endorsed by the mayor, would cost less.", True),
    ("The council said the plan was endorsed in May.", True),
    ("The council said it endorsed the plan.", False),
    ("The council said it was opposed to the plan.", False),
])
def test_a_stance_participle_with_its_agent_or_after_was_is_anothers_stance(text, passive):
    from framing.analysis.stance_targets import passive_on_another
    from framing.text.document import build_document
    doc = build_document(text)
    verb = next(m for m in re.finditer(r"endorsed|opposed", text))
    said = TextSpan(text.index("said"), text.index("said") + 4, "said")
    content = TextSpan(said.end + 1, len(text), text[said.end + 1:])
    attribution = Attribution(said, TextSpan(0, 11, "The council"), content, "indirect")
    assert passive_on_another(doc, attribution, verb.start(), verb.end()) is passive


@pytest.mark.parametrize("text, owners", [
    ("Allen singled out Mr. Trump's criticism of the family.", True),
    ("Allen singled out Mr. Trump's harsh criticism of the family.", True),
    ("Trump's criticism of the family grew.", False),  # the source is Trump
    ("Allen voiced criticism of the family.", False),
])
def test_a_stance_noun_with_a_named_owner_is_the_owners(text, owners):
    from framing.analysis.stance_targets import anothers_stance
    from framing.text.document import build_document
    source = "Trump" if text.startswith("Trump") else "Gen. John Allen"
    assert anothers_stance(build_document(text), source, text.index("criticism")) is owners


def _story(text: str, opening: str = "Dan Price spoke. Dan Price left. Dan Price won.",
           names: tuple[str, ...] = ("Dan Price",)):
    """A short story about Dan Price (and whoever `opening` names), then `text`: the document and the
    actors of `names`, the story's main actors."""
    from framing.analysis.actors import find_actors
    from framing.text.document import build_document
    doc = build_document(f"Price Wins\n\n{opening}\n\n{text}")
    return doc, [a for a in find_actors(doc) if a.name in names]


@pytest.mark.parametrize("text, word, thing", [
    ("Lee opposed calls for a tax.", "opposed", True),  # a bare noun
    ("Lee said others oppose it, as Dan Price does.", "oppose", True),  # the actor is past the clause
    ("Lee voiced her rejection of the tax.", "rejection", True),  # a noun's object follows its 'of'
    ("Lee opposed defunding Dan Price's clinic.", "opposed", True),  # a stance on an act, not on Price
    ("Lee criticized officials in the city.", "criticized", False),  # a role may be an actor
    ("Lee accused it of lying.", "accused", False),
    ("Lee praised Dan Price on Monday.", "praised", False),
])
def test_a_stance_aimed_at_a_thing(text, word, thing):
    from framing.analysis.stance_targets import aims_at_a_thing
    doc, price = _story(text)
    start = doc.text.index(word, 60)
    assert aims_at_a_thing(doc, price, start, start + len(word)) is thing


@pytest.mark.parametrize("text, word, act", [
    ("Lee said shops fear losing trade.", "fear", True),  # a consequence of the story's act: its author's
    ("Lee opposed defunding Dan Price's clinic.", "opposed", False),  # an act on Price, not Price's
    ("Lee opposed calls for a tax.", "opposed", False),
])
def test_a_stance_on_a_verb_in_ing_is_on_an_act_unless_it_names_an_actor(text, word, act):
    from framing.analysis.stance_targets import aims_at_an_act
    doc, price = _story(text)
    start = doc.text.index(word, 60)
    assert aims_at_an_act(doc, start, start + len(word), price) is act


@pytest.mark.parametrize("said, word, subject", [
    ("Dan Price has failed to fix the roads.", "failed to", (True, "Dan Price")),
    ("Dan Price spoke, and he should resign.", "should resign", (True, "Dan Price")),
    ("“Dan Price has failed to fix the roads.”", "failed to", (True, "Dan Price")),  # past the quotation mark
    ("“Dan Price’s plan has failed to work.”", "failed to", (True, "Dan Price")),  # the owner of the subject
    ("Officials should resign.", "should resign", (False, None)),  # a sentence's first word tells nothing
    ("Belgium failed to act, as they said in Belgium.", "failed to", (True, None)),  # unless written as a name
    ("Worse, the White House should resign.", "should resign", (True, None)),  # a name of no actor: nobody
    ("Worse, the governor should resign.", "should resign", (True, None)),  # a role no one holds: no one
    ("Worse, they should resign.", "should resign", (False, None)),  # 'they' does not tell
])
def test_a_verdict_is_about_the_actor_its_subject_names(said, word, subject):
    from framing.analysis.stance_targets import verdict_subject
    doc, price = _story(said)
    start = doc.text.index(word)
    found, actor = verdict_subject(doc, price, start, start + len(word))
    assert (found, actor.name if actor else None) == subject


@pytest.mark.parametrize("text, holder", [
    ("Lee attacked the president for it.", "Dan Price"),  # the one the text calls President
    ("Lee attacked the president of the union.", None),
    ("Lee attacked the governor for it.", None),  # no one is called Governor
    ("Lee attacked the GOP nominee for it.", "Ruth Vale"),  # not the party of 'GOP'
    ("Lee attacked the mayor for it.", "Ruth Vale"),  # 'Harbour City Mayor Ruth Vale': the title inside the mention
    ("Lee attacked the vice president for it.", None),  # 'Vice President Dan Price' is no president
])
def test_a_stance_on_a_role_is_about_the_person_who_holds_that_title(text, holder):
    from framing.analysis.stance_targets import role_holder
    opening = ("Vice President Dan Price spoke. Harbour City Mayor Ruth Vale left. Dan Price won. Ruth Vale spoke."
               if "mayor" in text or "vice" in text else
               "President Dan Price spoke. GOP nominee Ruth Vale left. Dan Price won. Ruth Vale spoke.")
    doc, people = _story(text, opening, ("Dan Price", "Ruth Vale"))
    found = role_holder(doc, people, doc.text.index("attacked") + len("attacked"))
    assert (found.name if found else None) == holder


@pytest.mark.parametrize("text, named", [
    ("Moss endorsed Karen Holt over Dan Price.", (True, None)),  # a name of no actor: nobody
    ("Moss endorsed Dan Price on Monday.", (True, "Dan Price")),
    ("Moss attacked former Republican presidential nominee Dan Price for it.", (True, "Dan Price")),
    ("Moss attacked fellow GOP contender Karen Holt.", (True, None)),  # not the party of 'GOP'
    ("Moss criticized Price Industries officials.", (True, None)),
    ("Moss praised Democratic leaders.", (False, None)),  # a party word is no name
    ("Moss criticized Tulsa, Okla., police officer Dan Price.", (False, None)),  # a place before a role
    ("Moss criticized Monday's vote.", (False, None)),
    ("Moss criticized the GOP nominee.", (False, None)),
])
def test_a_stance_on_a_name_is_about_the_actor_named_last_or_nobody(text, named):
    from framing.analysis.stance_targets import named_object
    doc, price = _story(text)
    verb = re.search(r"endorsed|praised|criticized|attacked", doc.text)
    found, actor = named_object(doc, price, verb.end())
    assert (found, actor.name if actor else None) == named


@pytest.mark.parametrize("case", SIDE_CASES)
def test_whose_side_a_source_takes(case):
    text, expected = SIDE_CASES[case]
    audit = audit_text(text)
    for source, actor, side in expected:
        found = stance_toward(audit, source, actor)
        assert found != side.split()[-1] if side.startswith("not ") else found == side, (source, actor, found)


# ---- one speaker, one source; joint speakers (session 22) ----------------------------------------

def _registry(text: str) -> dict:
    """Source name -> the source, from the fast mode's audit of `text`."""
    return {s.name: s for s in audit_text(text, readability=False, contextual=False).sources}


@pytest.mark.parametrize("text, name, merged", [
    # a middle initial ended the name ('Robert W'), and the surname was a second source
    ("Bridge Vote\n\nThe bridge will be late, said Representative Robert W. Pike, Democrat of Ohio. "
     "Pike said the state would pay.\n", "Robert W. Pike", "Pike"),
    # Punkt ended a sentence after the initials: 'said J.K.' / 'Hollis, an engineer.'
    ("Bridge Vote\n\n“The steel is weak,” said J.K. Hollis, an engineer at the port. "
     "Hollis said the welds had failed.\n", "J.K. Hollis", "Hollis"),
    # 'Jr.' hid the surname; 'Mr. Dane' is the same man
    ("Bridge Vote\n\nCarl F. Dane Jr., a lawyer for the builder, said the contract was sound. "
     "Mr. Dane said the state had signed it.\n", "Carl F. Dane Jr.", "Mr. Dane"),
    # a party label after a titled name kept the surname from joining it
    ("Bridge Vote\n\nOhio Gov. Ann Marsh (R) said the bridge would open in May. Marsh said the delay "
     "was the builder's fault.\n", "Ohio Gov. Ann Marsh", "Marsh"),
    # a title the registry did not know ('Justice')
    ("Court Rules\n\nJustice Helen M. Ortiz wrote that the law was void. Justice Ortiz said the state "
     "had overreached.\n", "Justice Helen M. Ortiz", "Justice Ortiz"),
])
def test_one_speaker_is_one_source(text, name, merged):
    found = _registry(text)
    assert name in found and merged not in found, sorted(found)
    assert len(found[name].mentions) == 2


def test_a_surname_alone_is_not_a_namesake_junior_when_the_father_is_named():
    text = ("Ranch Sold\n\nPaul Vance Jr. said the ranch was sold. Governor Paul Vance signed the papers on "
            "Friday. Mr. Vance said the price was fair.\n")
    found = _registry(text)
    assert "Paul Vance Jr." in found and len(found["Paul Vance Jr."].mentions) == 1
    assert "Mr. Vance" in found


def test_place_initials_still_end_a_sentence():
    doc = audit_text("Trip\n\nThe senator flew to D.C. Reporters met him there.\n", readability=False).document
    assert [doc.text[s.start:s.end] for s in doc.sentences if not s.is_title] == [
        "The senator flew to D.C.", "Reporters met him there."]


def test_joint_speakers_are_two_sources_sharing_the_words():
    text = ("Port Plan\n\nSenators Ada Reyes and Tom Okafor said the port plan was a disgrace. Okafor said "
            "the authority had misled the town.\n")
    found = _registry(text)
    assert "Ada Reyes" in found and "Tom Okafor" in found
    assert not [n for n in found if " and " in n]
    assert found["Ada Reyes"].role == found["Tom Okafor"].role == "Senators"
    assert len(found["Tom Okafor"].mentions) == 2  # the joint mention and his own
    shared = len("the port plan was a disgrace".split())
    assert found["Ada Reyes"].paraphrased_words + found["Tom Okafor"].paraphrased_words \
        == shared + len("the authority had misled the town".split())  # the joint words are counted once


def test_joint_speakers_with_one_surname_and_titles():
    text = ("Port Plan\n\nMs. Reyes and Mr. Okafor said the vote was rushed. Khalid and Amina Saleh said "
            "they would sue. Khalid Saleh runs a boatyard.\n")
    found = _registry(text)
    assert {"Ms. Reyes", "Mr. Okafor", "Khalid Saleh", "Amina Saleh"} <= set(found), sorted(found)


@pytest.mark.parametrize("name", [
    "The Center on Fish and Wildlife Policy",  # an organisation's name
    "Democrats and Republicans",  # members of both parties: one group
    "Democrats and some Republicans",  # a group
    "Ruth and Abel Grange",  # a first name the text never uses on its own, nor with the surname
])
def test_joint_names_that_stay_one_source(name):
    found = _registry(f"Port Plan\n\n{name} said the vote was rushed.\n")
    assert name in found, sorted(found)


def test_they_after_joint_speakers_is_both():
    text = ("Port Plan\n\nAda Reyes and Tom Okafor said the vote was rushed. They said the council "
            "had ignored the fishers.\n")
    found = _registry(text)
    assert found["Ada Reyes"].paraphrased_words == found["Tom Okafor"].paraphrased_words > 0


def test_a_lone_first_name_is_the_one_person_named_in_full_with_it():
    text = ("Port Plan\n\nJeb Vance, the mayor, said the plan was sound.\n\n“It will work,” Jeb said on "
            "Tuesday.\n\nMr. Jordan said it would not. Jordan Pell, a fisher, said the same.\n")
    found = _registry(text)
    assert "Jeb" not in found and len(found["Jeb Vance"].mentions) == 2
    assert "Mr. Jordan" in found and "Jordan Pell" in found  # 'Jordan' is a surname here too


@pytest.mark.parametrize("text, name, role", [
    ("Port Plan\n\nTom Okafor — a fisher from Calder Bay — said the plan was rushed. Okafor said more.\n",
     "Tom Okafor", "a fisher from Calder Bay"),
    ("Port Plan\n\nOkafor over the weekend said that the plan was rushed. Tom Okafor has fished the bay for years.\n",
     "Okafor", ""),
])
def test_a_source_span_loses_its_dashes_and_its_time(text, name, role):
    found = _registry(text)
    assert name in found and found[name].role == role, sorted(found)
    assert not [n for n in found if "—" in n or "weekend" in n]


def test_a_group_with_a_member_named_stays_the_group():
    text = ("Port Plan\n\nSupporters of the plan, including Mayor Ada Reyes, said it would bring jobs.\n")
    found = _registry(text)
    assert "Ada Reyes" not in found and any(n.startswith("Supporters of the plan") for n in found), sorted(found)


@pytest.mark.parametrize("name, expected", [("Republicans", "Republicans'"), ("Haftar", "Haftar's"),
                                            ("Calder Port Authority", "Calder Port Authority's"), ("Congress", "Congress's"),
                                            ("CBS", "CBS's")])
def test_the_missing_side_is_named_in_good_english(name, expected):
    assert sourcing.possessive(name) == expected


def test_a_stance_on_his_or_her_words_is_about_a_person_not_a_party_named_nearer():
    text = ("Republicans Rebuke Price\n\nRepublicans met on Monday. Republicans voted. Dan Price spoke. Dan Price left. "
            "Republicans left.\n\n“Dan Price does not speak for Republicans, and I condemn his views,” Anna Bell said.\n")
    audit = audit_text(text, contextual=False)
    assert stance_toward(audit, "Anna Bell", "Republicans") == "unknown"
    assert stance_toward(audit, "Anna Bell", "Dan Price") == "critical"


# ---- pronoun sources: the voice a reader takes 'he', 'she', 'it', 'they' for (session 26) ---------

def _pronoun_voices(text: str) -> list[tuple[str, str | None]]:
    """(pronoun, name of the source it is linked to) for each pronoun source of the fast audit."""
    audit = audit_text(text, readability=False, contextual=False)
    names = {s.id: s.name for s in audit.sources}
    return [(a.source.text, names.get(a.source_id)) for a in audit.attributions
            if a.source is not None and a.source.text.lower() in ("he", "she", "it", "they")]


@pytest.mark.parametrize("text, pronoun, voice", [
    # 'she' after a man is the woman named before him, not the last source
    ("Port Plan\n\nAda Reyes, the mayor, said she backed the plan. Tom Okafor, a fisher, said he feared it "
     "was rushed.\n\n“We will watch it closely,” she said.\n", "she", "Ada Reyes"),
    # the person the sentence before names as its subject, though no source yet
    ("Court Rules\n\nJustice Elena Kagan said the rule was fair.\n\nBut Justice Carl Dane was unconvinced.\n\n"
     "“I am getting whipsawed here,” he told the lawyer.\n", "he", "Justice Carl Dane"),
    # 'they' after one person is the group named before, not that person
    ("Port Plan\n\nSeveral fishers said the plan was rushed. Tom Okafor said he agreed.\n\n"
     "They said the council had ignored them.\n", "They", "Several fishers"),
    # 'it' is the body, not its chairman named after it
    ("Port Plan\n\nThe Calder Port Authority said the plan was sound. Its chairman, Victor Hale, said the "
     "same.\n\nIt added that work would start in May.\n", "It", "The Calder Port Authority"),
    # a shared surname: the pronouns after 'Donald Trump' are not Melania Trump's
    ("Trump Rally\n\nMelania Trump said she was proud of him. Donald Trump said he would win Ohio.\n\n"
     "“We are going on to Nevada,” she said.\n", "she", "Melania Trump"),
    # a man by his given name, though a 'she' follows his name in a sentence about someone else; named in
    # full, or by his surname alone
    *[("Vale Under Fire\n\nJustice Ruth Vale said on Monday that the bill was unfair.\n\nShe faced a backlash on "
       "Wednesday, including a call from Donald Price to resign, as she doubled down on her criticism.\n\n"
       f"{price} lashed out on Twitter, saying the justice was unfit.\n\nThe veteran justice started the storm on "
       "Saturday. “I cannot imagine it,” she said.\n", "she", "Justice Ruth Vale") for price in ("Donald Price", "Price")],
])
def test_a_pronoun_source_is_the_voice_that_agrees_with_it(text, pronoun, voice):
    found = _pronoun_voices(text)
    assert (pronoun, voice) in found, found


def test_a_pronoun_no_voice_agrees_with_is_left_unlinked():
    """'he' after a woman, the only source: whose words, unknown, not hers."""
    text = "Port Plan\n\nMs. Ada Reyes said the plan was sound.\n\n“It will never work,” he said.\n"
    assert ("he", None) in _pronoun_voices(text)
    assert _registry(text)["Ms. Ada Reyes"].quoted_words == 0


def test_a_narration_subject_that_is_a_common_noun_or_a_description_is_no_voice():
    text = ("Port Plan\n\nTom Okafor said the plan was rushed.\n\nClimate change, he says, is the reason. "
            "Calder campaign manager Ada Reyes released a memo.\n\n“It is sound,” she said.\n")
    found = _pronoun_voices(text)
    assert ("he", "Tom Okafor") in found and ("she", "Ada Reyes") in found, found
    assert not {"Climate", "Calder"} & set(_registry(text)), sorted(_registry(text))


def test_a_person_is_not_merged_into_a_spokesperson_for_them():
    """'A spokeswoman for Mr. Dane' speaks for him; his own words stay his ('Mr. Dane said')."""
    text = ("Port Plan\n\nA spokeswoman for Mr. Dane said he would not comment.\n\nMr. Dane said the plan "
            "was rushed.\n")
    found = _registry(text)
    assert "Mr. Dane" in found and found["Mr. Dane"].paraphrased_words > 0, sorted(found)


def test_a_label_for_him_or_her_is_for_the_one_person_named_before():
    text = ("Price Faces Vote\n\nGovernor Dan Price met voters on Monday. Dan Price spoke first.\n\n"
            "Anna Bell called him “a liar” on Tuesday.\n")
    assert stance_toward(audit_text(text, contextual=False), "Anna Bell", "Dan Price") == "critical"


@pytest.mark.parametrize("words, side", [
    ("Anna Bell described Dan Price as “a reckless liar” on Tuesday.", "critical"),
    ("Anna Bell described the new Dan Price ad on the budget as “dishonest and hypocritical.”", "critical"),
    ("Anna Bell described Dan Price's approach in terms of lowering expectations.", "unknown"),  # no label
])
def test_describing_an_actor_or_a_work_of_theirs_as_something_labels_them(words, side):
    text = f"Price Faces Vote\n\nGovernor Dan Price met voters on Monday. Dan Price spoke first.\n\n{words}\n"
    assert stance_toward(audit_text(text, contextual=False), "Anna Bell", "Dan Price") == side


def test_a_label_whose_content_ends_inside_its_quotation_is_read_to_the_contents_end():
    """A tagger may end the content before the label's closing quote: the label is read to the content's
    end (before, an AttributeError stopped the whole audit)."""
    from framing.analysis.stance_targets import labelled
    doc, principal = _story("Anna Bell called Dan Price “a reckless liar” on Tuesday.")
    cue = doc.text.index("called")
    content_end = doc.text.index("liar”")
    attribution = Attribution(TextSpan(cue, cue + 6, "called"), None,
                              TextSpan(cue + 7, content_end, doc.text[cue + 7:content_end]), "indirect")
    assert labelled(doc, attribution, principal) == (principal[0], "critical")


def test_a_persons_own_organisation_is_no_adversary():
    text = ("Price and the Price Foundation Face Questions\n\nDan Price and the Price Foundation took gifts. Dan Price "
            "spoke. The Price Foundation spoke. The Price Foundation paid.\n\n\"The Price Foundation files its "
            "forms,\" said Tom Ash, a spokesman for Dan Price.")
    audit = audit_text(text)
    assert [a.name for a in audit.sourcing.actors if a.principal] == ["Dan Price", "Price Foundation"]
    assert stance_toward(audit, "Tom Ash", "Price Foundation") == "unknown"


def test_a_surname_is_found_as_a_whole_word_with_the_capitalised_word_before_it():
    from framing.analysis.sources import _surname_mentions
    text = "Mrs. Vale spoke. Ruth Vale left; Valerie and O'Vale stayed. Vale-Smith went, as did Vale."
    found = [(text[start:end], word) for start, end, word in _surname_mentions(text, "Vale")]
    assert found == [("Mrs. Vale", "Mrs."), ("Ruth Vale", "Ruth"), ("Vale", None)]


@pytest.mark.parametrize("between, side", [
    ("", "supportive"),
    (" Tom Ash trails him. Tom Ash will stay in the race, and Tom Ash is in Iowa.", "unknown"),  # another man named last
])
def test_his_staff_speak_for_the_man_named_before_them(between, side):
    text = ("Dan Price Wins in Ohio\n\nDan Price said he won the primary. Dan Price said his campaign will go on.\n\n"
            f"Dan Price will campaign in Iowa next.{between} \"We have a path to victory,\" said Jeff Weaver, his campaign manager.")
    audit = audit_text(text)
    assert stance_toward(audit, "Jeff Weaver", "Dan Price") == side


OBAMA_ALONE = "President Obama vetoed the bill on Friday. Obama said the bill was flawed."
OBAMA_AND_PUTIN = "President Obama met President Vladimir Putin on Friday. Vladimir Putin said little."


@pytest.mark.parametrize("opening, role, side", [
    (OBAMA_ALONE, "White House press secretary Josh Earnest", "supportive"),
    (OBAMA_ALONE, "a former senior White House adviser, Josh Earnest", "unknown"),  # who once was
    (OBAMA_ALONE, "Josh Earnest of the White House Correspondents' Association", "unknown"),  # the press that covers it
    (OBAMA_AND_PUTIN, "White House press secretary Josh Earnest", "unknown"),  # two people called President
])
def test_the_white_house_speaks_for_the_sitting_president(opening, role, side):
    text = f"Obama Vetoes Bill\n\n{opening} Obama will travel next week.\n\n\"The bill is flawed,\" said {role}."
    audit = audit_text(text)
    assert stance_toward(audit, "Josh Earnest", "Obama") == side


@pytest.mark.parametrize("role", ["a Price strategist", "a prominent surrogate for Dan Price", "a Price delegate"])
def test_strategists_surrogates_and_delegates_are_on_their_candidates_side(role):
    text = ("Dan Price Wins in Ohio\n\nDan Price won the Ohio primary on Tuesday. Dan Price will campaign in Iowa. "
            f"Dan Price spoke on Monday.\n\n\"We have a path to victory,\" said Jeff Weaver, {role}.")
    audit = audit_text(text)
    assert stance_toward(audit, "Jeff Weaver", "Dan Price") == "supportive"


@pytest.mark.parametrize("before, side", [("", "supportive"), ("The Ash campaign filed its report. ", "unknown")])
def test_the_campaign_is_the_last_named_campaigns_else_the_one_candidates(before, side):
    text = ("Dan Price Wins in Ohio\n\nDan Price won the Ohio primary on Tuesday. Dan Price will campaign in Iowa. "
            f"Dan Price spoke on Monday.\n\n{before}The campaign said it raised $2 million in March.")
    audit = audit_text(text)
    assert stance_toward(audit, "The campaign", "Dan Price") == side


def test_the_writer_or_the_reader_is_no_source_outside_a_quotation():
    text = ("Mayor Dan Price won again on Monday.\n\nI wish Dan Price and those who back him well, but I predicted "
            "that his plan will obviously fail. You may also agree to the site's terms.\n\n"
            "\"I think he is wrong,\" said Ruth Vale, a rival.\n")
    audit = audit_text(text, readability=False)
    names = {s.name for s in audit.sourcing.sources}
    assert "Ruth Vale" in names and not names & {"I", "You"}
    claims = [text[f.start:f.end] for f in audit.findings if f.detector == "claims"]
    assert any("obviously fail" in c for c in claims)  # the writer's prediction is the narration's own claim


@pytest.mark.parametrize("phrase, name", [
    ("the former top aide to President George W. Bush", "the former top aide to President George W. Bush"),
    ("A spokesman for Democratic presidential candidate Hillary Clinton",
     "A spokesman for Democratic presidential candidate Hillary Clinton"),
    ("Romney adviser Eric Fehrnstrom", "Eric Fehrnstrom"),  # named himself
    ("Secretary of State John Kerry", "Secretary of State John Kerry"),
])
def test_someone_known_by_whom_they_work_for_is_not_that_person(phrase, name):
    from framing.analysis.sources import _name_and_role

    assert _name_and_role(phrase)[0] == name


def test_thanking_or_praising_ones_own_is_no_side_in_the_story():
    text = ("Price Wins Ohio\n\nSenator Dan Price won Ohio on Tuesday. Dan Price spoke in Columbus. Dan Price left.\n\n"
            "Mrs. Ruth Vale, his rival, thanked her adopted home state and said she would fight on.\n\n"
            "Tom Ash thanked his supporters in Iowa. Tom Ash said the race was long.\n")
    audit = audit_text(text, contextual=False)
    assert stance_toward(audit, "Mrs. Ruth Vale", "Dan Price") != "supportive"
    assert stance_toward(audit, "Tom Ash", "Dan Price") != "supportive"
    text = ("Flynn Pleads Guilty\n\nMichael Flynn pleaded guilty on Friday. Michael Flynn left court. Michael Flynn "
            "said nothing.\n\nDan Price defended his former national security adviser and said the case was unfair.\n")
    assert stance_toward(audit_text(text, contextual=False), "Dan Price", "Michael Flynn") == "supportive"  # not his own


def test_the_explanation_names_the_principal_actors_own_voice_among_its_supporters():
    """Read on real audits: '1 source supports Lindsey Graham (100%)' where that source was Graham
    himself, which a reader takes for an outside supporter."""
    text = ("Hale Defends Harbour Plan\n\nMayor Jane Hale defended her harbour plan on Monday. “The plan will save "
            "the harbour,” Hale said.\n")
    alone = audit_text(text, contextual=False).sourcing.explanation
    assert "1 source supports Jane Hale (100%; it is Jane Hale's own voice)" in alone
    with_okafor = audit_text(text + "\nHarbour pilot Ruth Okafor praised Hale for the plan.\n", contextual=False)
    assert "2 sources support Jane Hale (100%; one of them is Jane Hale's own voice)" in with_okafor.sourcing.explanation


def test_a_description_with_no_name_is_the_person_just_named():
    """'The Democratic presidential candidate said', right after 'Bernie Sanders met ...', is Sanders,
    as 'he' would be: read on real audits, such descriptions were sources of their own, sides unknown."""
    text = ("Sanders meets the pope\n\nBernie Sanders met Pope Francis in Rome on Saturday. The Democratic "
            "presidential candidate said the meeting was personal. The independent Vermont senator said he "
            "admired the pope.\n")
    mentions = {s.name: [m.text for m in s.mentions] for s in audit_text(text, contextual=False).sources}
    assert mentions == {"Bernie Sanders": ["Bernie Sanders", "The Democratic presidential candidate",
                                           "The independent Vermont senator"]}
    group = ("Clinton's allies\n\nClinton's supporters, superdelegates and party solons said she would win. The "
             "senator said so too.\n")  # a description is one person, not a group named with a capital
    assert "The senator" in {s.name for s in audit_text(group, contextual=False).sources}


def test_she_is_not_a_body_of_many_named_with_where_it_sits():
    text = ("Court case\n\nJudge Ana Ruiz said the law was clear. Republicans on Capitol Hill said they were "
            "uneasy about the ruling. She said later that the ruling would stand.\n")
    mentions = {s.name: [m.text for m in s.mentions] for s in audit_text(text, contextual=False).sources}
    assert mentions["Ana Ruiz"] == ["Judge Ana Ruiz", "She"]
    assert mentions["Republicans on Capitol Hill"] == ["Republicans on Capitol Hill"]


def test_a_description_is_not_someone_of_another_trade():
    """'The candidate' right after 'Her top aide, Tom Burns, said' is not the aide (read on real audits:
    'the businessman' was given to Tad Devine, 'his top aide'); with no one it fits, it stays a source."""
    text = ("Hale campaigns\n\nJane Hale campaigned in Ohio on Monday. Her top aide, Tom Burns, said the race was "
            "close. The candidate said she would win.\n")
    mentions = {s.name: [m.text for m in s.mentions] for s in audit_text(text, contextual=False).sources}
    assert mentions["Tom Burns"] == ["Her top aide, Tom Burns,"] and mentions["The candidate"] == ["The candidate"]


def test_a_voice_quoted_right_after_a_groups_stance_takes_its_side():
    """'Gay and civil rights groups praised Lew.' then '“...,” said Chad Griffin': news writing leads with the
    group and gives one of its voices (read on a BASIL article, where Griffin's side was unknown). A voice
    two sentences on, or one that is no named person, takes nothing from it."""
    text = ("Lew Backs Equal Tax Rules\n\nJacob Lew said on Thursday that married gay couples will be treated equally. "
            "Gay and civil rights groups praised Lew. “This is a historic day for equality,” said Chad Griffin, "
            "president of the Human Rights Campaign.\n\nBrian Brown said the rules were lawless.\n")
    sides = {s.name: (s.side, [e.kind for e in s.evidence]) for s in audit_text(text, contextual=False).sourcing.sources}
    assert sides["Chad Griffin"] == ("supportive", ["lead"])
    assert sides["Brian Brown"][1] == []


def test_an_interview_answer_is_not_the_question_askers():
    """'"That would be you?" Borger asked.' then the answer, '"That would be me," the senator said.': the
    cue 'asked' took the next paragraph's quotation, which touched it across the sentence's end, and the
    senator's answer was the interviewer's (read on a real audit). And 'the senator' is the one already
    described as a senator ('the independent Vermont senator', who joined Sanders)."""
    text = ("Sanders on CNN\n\nBernie Sanders spoke to CNN on Sunday. The independent Vermont senator said the race "
            "was open.\n\n\"That would be you?\" Gloria Borger asked.\n\n\"That would be me, yes,\" the senator said.\n")
    audit = audit_text(text, contextual=False)
    names = {s.id: s.name for s in audit.sources}
    answer = next(a for a in audit.attributions if a.content and "would be me" in a.content.text)
    assert answer.cue.text == "said" and names[answer.source_id] == "Bernie Sanders"
    assert not any(a.cue.text == "asked" and a.content and "would be me" in a.content.text for a in audit.attributions)


@pytest.mark.parametrize("name, text, party", [
    ("Paul Ryan", "", "R"),
    ("Ryan", "Paul Ryan spoke. Ryan left.", "R"),
    ("Ryan", "Ryan Smith spoke. Ryan left.", None),  # a surname alone: only when the text names the politician in full
    ("Obama", "President Obama spoke. Mr. Obama left.", "D"),  # a president by surname
    ("Carter", "Ash Carter spoke. Carter left.", None),  # not without the title or full name
    ("President Obama", "", "D"),
    ("the Obama campaign", "President Obama spoke.", "D"),
    ("Brown", "Sherrod Brown and Scott Brown spoke. Brown left.", None),  # two parties share the surname here
    ("Tom Ash", "", None),
    ("Priorities USA Action", "", "D"),  # a group that works for one party
    ("the RNC and the DNC", "", None),
    ("Gwen Graham", "Lindsey Graham spoke. Gwen Graham left.", None),  # a full name is matched whole
    ("Donald J. Trump", "", "R"),
    ("Florida Sen. Marco Rubio", "", "R"),
    ("Donald John Trump", "", "R"),
])
def test_a_politician_everyone_knows_has_a_party(name, text, party):
    from framing.analysis.names import known_party
    assert known_party(name, text) == party


KNOWN = ("Ryan Defends Budget Plan\n\nPaul Ryan defended his budget plan on Tuesday. Ryan said the plan would cut "
         "the deficit. Ryan spoke in Ohio.\n\n{}")


@pytest.mark.parametrize("voice, side", [
    ("Joe Biden said Ryan would have to explain the plan to seniors.", "critical"),  # a Democrat everyone knows
    ("Tom Ash said Ryan would have to explain the plan to seniors.", "unknown"),  # no party known
    ("Mitt Romney said Ryan would have to explain the plan to seniors.", "unknown"),  # one party
    ("Tom Ash, a spokesman for Priorities USA, said Ryan would have to explain the plan to seniors.", "critical"),
    ("Tom Ash, a critic of Priorities USA, said Ryan would have to explain the plan to seniors.", "unknown"),
])
def test_a_voice_of_one_party_on_a_politician_of_the_other_known_by_name_is_critical(voice, side):
    audit = audit_text(KNOWN.format(voice), contextual=False)
    speaker = voice.split(",")[0].split(" said")[0]
    assert stance_toward(audit, speaker, "Paul Ryan") == side


def test_she_in_a_quotation_is_a_person_named_further_back_never_an_institution_named_nearer():
    filler = "The court has nine members and hears about seventy cases a year. " * 6
    text = ("Mayor Says Judge Should Apologize\n\nJudge Ann Lee criticized Mayor Tom Ash on Monday. "
            f"\"The mayor is wrong,\" Judge Ann Lee said.\n\n{filler}\n\n"
            "\"I think it's highly inappropriate that a Supreme Court judge gets involved,\" Tom Ash said. "
            "\"I think she should apologize to the Supreme Court.\"")
    audit = audit_text(text, contextual=False)
    assert stance_toward(audit, "Tom Ash", "Ann Lee") == "critical"
    assert stance_toward(audit, "Tom Ash", "Supreme Court") != "critical"


def test_a_partisan_voice_on_the_president_by_title_is_on_the_one_called_president():
    text = ("House Republicans Unveil Immigration Plan\n\nHouse Republicans released immigration principles on "
            "Thursday. President Obama has pushed for a path to citizenship. Obama met with House Republicans last "
            "week.\n\n\u201cThe president\u2019s pathway to citizenship is a stumbling block,\u201d said Representative "
            "Tom Ash, a Republican of Idaho.\n")
    audit = audit_text(text, contextual=False)
    assert stance_toward(audit, "Tom Ash", "Obama") == "critical"


@pytest.mark.parametrize("blamed", ["Oversight", "the committee"])
def test_a_verdict_after_for_is_on_the_one_blamed_not_the_principal(blamed):
    text = ("Clinton Aides Got Immunity\n\nHillary Clinton's aides received immunity, the FBI said. Hillary Clinton "
            f"spoke in Ohio.\n\nDemocrats said they blamed {blamed} for failing to make the terms clear.")
    audit = audit_text(text, contextual=False)
    assert stance_toward(audit, "Democrats", "Hillary Clinton") != "critical"


def test_a_name_a_sources_last_words_govern_is_not_its_own_voice():
    governed = actors.Actor("a1", "Tom Ash", kind=actors.PERSON, mentions=[TextSpan(37, 40, "Ash")])
    assert sourcing._speaking_actors([governed], TextSpan(0, 40, "the newly revised timeline regarding Ash")) == []
    apposed = actors.Actor("a1", "Tom Ash", kind=actors.PERSON, mentions=[TextSpan(16, 23, "Tom Ash")])
    assert sourcing._speaking_actors([apposed], TextSpan(0, 23, "The city envoy, Tom Ash")) == [apposed]


def test_her_after_a_stance_word_is_a_woman_not_the_male_principal():
    text = ("Trump Shadows Senate Race\n\nDonald Trump held a rally in Concord. Donald Trump spoke for an hour. "
            "Republicans asked Ann Lee whether Hillary Clinton is honest.\n\n\"I was focused on the reasons I "
            "support her,\" Ann Lee said.")
    audit = audit_text(text, contextual=False)
    assert stance_toward(audit, "Ann Lee", "Donald Trump") != "supportive"


def test_a_source_named_her_campaign_speaks_for_the_woman_named_before():
    text = ("Lee Courts Voters in Ohio\n\nAnn Lee held a rally in Ohio on Monday. Ann Lee spoke about jobs.\n\n"
            "Her campaign said the rally drew 2,000 people and showed growing support.")
    audit = audit_text(text, contextual=False)
    assert stance_toward(audit, "Her campaign", "Ann Lee") == "supportive"


@pytest.mark.parametrize("source", ["The Ash administration", "Ash's team", "The Ash camp"])
def test_an_administration_a_team_or_a_camp_speaks_for_its_person(source):
    text = ("Ash Defends Trade Deal\n\nPresident Tom Ash signed the trade deal on Monday. Tom Ash said it would "
            f"create jobs.\n\n{source} said the deal would lower prices for families.")
    audit = audit_text(text, contextual=False)
    assert stance_toward(audit, source, "Tom Ash") == "supportive"


def test_the_explanation_tells_sources_read_as_on_no_side_from_those_whose_side_it_could_not_tell():
    from framing.analysis.sourcing import _unread
    text = _unread(["Tom Berg", "Lea Park", "Joe Bell"], {"Lea Park", "Joe Bell"}, "other named source")
    assert text == ("framing could not tell the side of 1 other named source (Tom Berg) and reads 2 (Lea Park and "
                    "Joe Bell) as on no side")
    assert _unread(["Lea Park"], {"Lea Park"}, "named source") == "framing reads 1 named source (Lea Park) as on no side"


def test_a_balance_not_judged_is_null_in_the_json_never_a_number():
    text = ("Ash Opens Library\n\nMayor Tom Ash opened the library on Monday. Tom Ash cut the ribbon.\n\n"
            "\"It is a great day,\" said Ann Lee, a supporter of Tom Ash.")
    audit = audit_text(text, contextual=False)
    assert not audit.sourcing.judged
    assert json.loads(serialize.to_json(audit))["sourcing"]["balance_index"] is None
