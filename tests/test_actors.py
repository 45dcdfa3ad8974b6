"""Actors: names without fragments, variants merged into one actor, kinds, and the principal actor
chosen from the headline, the lede and how often the story names it. Made-up sentences only."""

import pytest

from framing.analysis import actors
from framing.text.document import build_document


def names(text: str) -> list[str]:
    return [a.name for a in actors.find_actors(build_document(text))]


def actor(text: str, name: str) -> actors.Actor:
    return next(a for a in actors.find_actors(build_document(text)) if a.name == name)


def principal(text: str, speakers: set[int] = frozenset()) -> str:
    return actors.main_actors(actors.find_actors(build_document(text)), set(speakers))[0].name


@pytest.mark.parametrize("sentence, fragment, name", [
    ("If Republicans win the seat, the bill fails.", "If Republicans", "Republicans"),
    ("So Jeff Sessions spoke first.", "So Jeff Sessions", "Jeff Sessions"),
    ("Once DOMA fell, couples could file jointly.", "Once DOMA", "DOMA"),
    ("Other Democrats disagreed with the plan.", "Other Democrats", "Democrats"),
    ("Like Governor Romney, he opposed the tax.", "Like Governor Romney", "Romney"),
    ("Former Vice President Cheney spoke at noon.", "Former Vice President Cheney", "Cheney"),
    ("Anybody But Cantor was their slogan, said Tom Burns.", "Anybody But Cantor", "Cantor"),
    ("One State Department official declined to comment.", "One State Department", "State Department"),
])
def test_function_words_do_not_start_a_name(sentence, fragment, name):
    found = names(f"Vote Ahead\n\n{sentence} The vote is on Monday.")
    assert fragment not in found and name in found


def test_a_common_word_opening_a_sentence_does_not_start_a_name():
    # 'Top' is written in lower case elsewhere and never capitalised inside a sentence
    found = names("Talks Resume\n\nTop Russian diplomats met Ann Lee in Vienna. The top floor was closed, "
                  "and Ann Lee said the talks went well.")
    assert "Top Russian" not in found and "Russian" not in found  # a nationality names no actor
    assert "Ann Lee" in found


def test_a_title_of_honour_names_no_actor():
    found = names("Merkel Named\n\nTime named Angela Merkel its Person of the Year. The Person of the Year "
                  "cover, Time said, was chosen in December. Angela Merkel thanked the Year's readers.")
    assert "Person" not in found and "Year" not in found and "Angela Merkel" in found


def test_us_and_single_letters_are_never_actors():
    found = names("Trade Talks\n\nThe U.S. delegation met the U.S. trade envoy, and U.S. officials said the "
                  "I.R.S. would not comment. The IRS later issued a statement.")
    assert not [n for n in found if len(n.replace(".", "")) < 2]
    assert "US" in found and actor("x\n\nThe I.R.S. met. The IRS spoke. The I.R.S. left.", "IRS")


def test_headline_casing_in_the_body_makes_no_new_names():
    text = ("Port Plan Approved\n\nThe harbour board led by Ruth Okafor approved the plan on Monday. "
            "Ruth Okafor said the attorney would look at it.\n\n"
            "Related Coverage Attorney Subpoenas Christie Aides Over Bridge Closures\n\n"
            "The board meets again in May.")
    found = names(text)
    assert not [n for n in found if "Subpoenas" in n or "Coverage" in n]
    assert "Ruth Okafor" in found


@pytest.mark.parametrize("run, name", [
    ("Wells Fargo CEO John Stumpf", "John Stumpf"),
    ("Supreme Court Justice Ruth Ginsburg", "Ruth Ginsburg"),
    ("House Speaker Nancy Pelosi", "Nancy Pelosi"),
    ("Ohio Rep. Tim Ryan", "Tim Ryan"),
    ("Ariz. Gov. Jan Brewer", "Jan Brewer"),
    ("Secretary of State Hillary Clinton", "Hillary Clinton"),
    ("Attorney General Eric H. Holder Jr.", "Eric Holder"),
])
def test_titles_and_affiliations_before_a_name_are_dropped(run, name):
    found = names(f"Hearing Held\n\nOn Tuesday, {run} spoke to the committee for an hour.")
    assert name in found and run not in found


def test_a_department_after_a_title_is_not_a_person():
    assert "Justice Department" in names("Probe Opens\n\nThe Justice Department said on Friday it would open a probe.")


def test_variants_surname_acronym_alias_possessive_and_the_court():
    text = ("Court Rules on Voting Map\n\nThe Supreme Court ruled on Monday that the map drawn by Republicans "
            "was lawful. The court said the GOP plan met the law. Democrats’ lawyers said Maria Vance, who "
            "argued the case, would appeal. Vance said the Republican leaders had won for now. "
            "The Internal Revenue Service and the IRS were not involved.")
    found = {a.name: a for a in actors.find_actors(build_document(text))}
    assert set(found["Republicans"].variants) >= {"Republicans"} and len(found["Republicans"].mentions) == 3
    assert "GOP" not in found and "Republican" not in found
    assert len(found["Supreme Court"].mentions) == 2  # 'the court'
    assert len(found["Democrats"].mentions) == 1  # 'Democrats’ lawyers'
    assert set(found["Maria Vance"].variants) == {"Maria Vance", "Vance"}
    assert set(found["Internal Revenue Service"].variants) == {"Internal Revenue Service", "IRS"}


def test_a_surname_joins_the_first_named_full_name_and_a_first_name_its_only_full_name():
    text = ("Clinton Visits Ohio\n\nHillary Clinton toured a plant in Ohio on Monday with her daughter Chelsea "
            "Clinton. Clinton said jobs would come back. Melania Trump was in Ohio too. Melania spoke briefly.")
    found = {a.name: a for a in actors.find_actors(build_document(text))}
    assert "Clinton" in found["Hillary Clinton"].variants
    assert "Clinton" not in found["Chelsea Clinton"].variants
    assert "Melania" in found["Melania Trump"].variants


def test_a_surname_never_joins_a_building():
    text = "Tower Lease\n\nPresident Trump spoke at Trump Tower on Monday. Trump said the lease was fair."
    found = {a.name: a for a in actors.find_actors(build_document(text))}
    assert "Trump" in found and found["Trump Tower"].kind == "place"


def test_middle_initials_leave_the_name():
    assert "Paul Ryan" in names("Budget Talks\n\nPaul D. Ryan met the whip. Mr. Ryan said the budget would pass.")


@pytest.mark.parametrize("name, kind", [
    ("Seattle", "place"), ("Iowa", "place"), ("Senate", "institution"), ("White House", "institution"),
    ("IRS", "institution"), ("Fox News", "outlet"), ("Facebook", "outlet"), ("Medicare", "law"),
    ("Religious Freedom Restoration Act", "law"), ("Republicans", "party"), ("Tea Party", "party"),
    ("Calder Bay Port Authority", "organisation"), ("Jane Roe", "person"), ("Middle Eastern Christians", "people"),
])
def test_kinds(name, kind):
    assert actors.actor_kind(actors.Actor("", name, [name], [object(), object()])) == kind


def test_a_titled_name_is_a_person_even_after_to():
    found = actor("Budget Plan\n\nThe plan went to Sen. Lee on Monday. Critics wrote to Lee.", "Lee")
    assert found.kind == "person"


def test_the_person_is_principal_over_the_institution_they_act_in():
    text = ("IRS Official Refuses to Testify\n\nLois Lerner, an IRS official, refused to answer questions "
            "at a hearing on Wednesday. The IRS said it had acted properly. The IRS said it would cooperate. "
            "Lerner invoked her right to remain silent. Lawmakers said Lerner had to answer. The IRS "
            "declined to comment further.")
    assert principal(text) == "Lois Lerner"


def test_a_headline_opening_with_a_titled_name_makes_that_person_principal_over_a_group_named_more():
    """'Pope Francis Denounces ... Persecution Of Christians': the Christians were principal, a group named
    seven times against the pope's four."""
    text = ("Pope Francis Denounces Persecution Of Christians\n\nPope Francis met church leaders on Saturday. "
            "Middle Eastern Christians face attacks, and Christians have fled. Christians in Iraq are few. Francis said "
            "Christians must be protected. Many Christians thanked him, and Christians prayed. Francis left.")
    assert principal(text) == "Francis"


def test_the_party_is_principal_over_the_chamber():
    text = ("Senate Republicans Block Bill\n\nRepublicans in the Senate blocked the bill on Tuesday. "
            "The Senate voted 52 to 48. The Senate will return in May. Republicans said the bill cost too "
            "much, and Republicans promised their own plan.")
    assert principal(text) == "Republicans"


def test_a_headline_subject_who_only_speaks_stays_principal():
    text = ("Mayor Says Budget Is Balanced\n\nMayor Ann Lee said on Monday that the budget was balanced. "
            "Lee said the city had cut costs. The council agreed.")
    doc = build_document(text)
    found = actors.find_actors(doc)
    lee = next(a for a in found if a.name == "Ann Lee")
    main = actors.main_actors(found, {m.start for m in lee.mentions})
    assert main[0].name == "Ann Lee"


def test_two_principal_actors_in_conflict():
    text = ("Ruth Okafor Sues Tom Burns Over Land Deal\n\nRuth Okafor filed a suit against Tom Burns on "
            "Monday. Okafor said Burns had broken the deal. Burns said Okafor had misread it. Tom Burns "
            "and Ruth Okafor meet in court in May; Okafor wants the land back and Burns wants the money.")
    ranked = actors.main_actors(actors.find_actors(build_document(text)), set())
    assert [a.name for a in actors.principal_actors(ranked)] == ["Ruth Okafor", "Tom Burns"]
    assert ranked[0].principal and ranked[0].name == "Ruth Okafor"


def test_one_principal_actor_when_the_story_is_about_one():
    text = ("Ruth Okafor Wins Seat\n\nRuth Okafor won the seat on Monday. Okafor thanked voters. "
            "Tom Burns, her opponent, conceded.")
    ranked = actors.main_actors(actors.find_actors(build_document(text)), set())
    assert [a.name for a in actors.principal_actors(ranked)] == ["Ruth Okafor"]


def test_a_headline_ending_with_a_period_counts_as_the_headline():
    text = ("Hold Ruth Okafor to her promises.\n\nRuth Okafor promised a new bridge. Okafor has not built it.")
    found = {a.name: a for a in actors.find_actors(build_document(text))}
    assert "Hold Ruth Okafor" not in found and found["Ruth Okafor"].in_title


def test_a_headline_ending_with_a_semicolon_above_its_summary_is_the_headline():
    text = ("Wins for Okafor and Vale in Harbour City; \nThe mayor keeps her seat, while Dan Price's run ends.\n\n"
            "Dan Price conceded. Dan Price thanked voters. Ruth Okafor spoke. Ruth Vale spoke. Ann Lee spoke. "
            "Ann Lee left.")
    doc = build_document(text)
    assert actors.headline_span(doc) == (0, text.index("\n\n"))  # the summary line with it
    found = {a.name: a for a in actors.find_actors(doc)}
    assert all(found[name].in_title for name in ("Ruth Okafor", "Ruth Vale", "Dan Price"))
    assert not found["Ann Lee"].in_title
    assert actors.headline_span(build_document("Ruth Okafor spoke first;\nthen Dan Price.\n\n" + "More words. " * 20))


def test_pronouns_count_for_the_person_named_before_them():
    found = actor("Beck Speaks\n\nGlenn Beck spoke on Saturday. He said the party had lost its way, and he "
                  "asked his audience to vote.", "Glenn Beck")
    assert found.pronouns == 3 and found.in_title  # the surname in the headline


def test_a_party_word_before_a_persons_name_is_no_part_of_it():
    """'Republican Donald Trump' is Donald Trump when the text also names him without it; a party's
    organisations keep their names; 'President' of 'President of the United States' is no actor."""
    assert names("Republican Donald Trump spoke on Monday. Trump said the plan would work.") == ["Donald Trump"]
    assert "Democrat Hillary Clinton" not in names("He met Democrat Hillary Clinton. Later Clinton left the room.")
    kept = names("The Republican Jewish Coalition met on Monday. Bob Ray said the Republican Jewish Coalition erred.")
    assert "Republican Jewish Coalition" in kept and "Jewish Coalition" not in kept
    assert "Republican National Committee" in names("The Republican National Committee met. The Committee voted.")
    assert "President" not in names("Ann Lee is not fit to serve as President of the United States, Bob Ray said.")
    assert "Larry King" in names("Larry King hosts a show on RT. King said the network gave him freedom.")


def test_initials_join_an_organisation_but_a_place_abbreviation_is_no_ones_initials():
    from framing.analysis.actors import refers_to

    assert refers_to("GNA", "Government of National Accord")
    assert not refers_to("DC", "Dan Cathy")
    assert refers_to("US", "United States")


def test_the_headline_subject_is_principal_over_the_actor_it_speaks_about():
    text = ("Ruth Vale Says Dan Price Misled Voters\n\nRuth Vale said on Monday that Dan Price had misled voters "
            "about the budget. Dan Price denied it and said the budget was sound.")
    assert principal(text) == "Ruth Vale"


ROLE_STORY = ("Pipe Bomb Suspect Arrested in Harbour City\n\n"
              "Police arrested a suspect on Friday. An official identified the suspect as Dara Venn, 48, of Lowfield. "
              "Packages were sent to Mara Quill and to Mara Quill's office. Ms. Quill said she was shaken. "
              "Ms. Quill thanked the police. The suspect's van was towed. Mara Quill spoke again.\n")


def test_a_person_named_as_the_suspect_is_every_suspect_of_the_story():
    venn = actor(ROLE_STORY, "Dara Venn")
    assert venn.roles == ["suspect"]
    assert [m.text for m in venn.mentions].count("suspect") == 3  # 'a suspect', 'the suspect', 'The suspect's van'
    assert venn.in_title  # 'Pipe Bomb Suspect Arrested'
    assert principal(ROLE_STORY) == "Dara Venn"


@pytest.mark.parametrize("text", [
    ROLE_STORY.replace("identified the suspect as", "said the victim was"),  # named as no role
    ROLE_STORY.replace("Ms. Quill said", "The suspect, Tom Reyes, said"),  # two people named 'the suspect'
])
def test_a_role_refers_to_a_person_only_when_one_person_is_named_so(text):
    assert actor(text, "Dara Venn").roles == []
    assert principal(text) == "Mara Quill"


@pytest.mark.parametrize("text, fragment, name", [
    ("Certainly Ronald Reagan had no doubts. Reagan said so.", "Certainly Ronald Reagan", "Ronald Reagan"),
    ("Entrusting Dana Whitlock with the budget is a gamble. Whitlock disagreed.", "Entrusting Dana Whitlock", "Dana Whitlock"),
    ("Comedian Sara Vell was booed. Vell left the stage.", "Comedian Sara Vell", "Sara Vell"),
    ("A new ad, Trust Dana Whitlock, ran on Monday. Voters trust her less, said Dana Whitlock.", "Trust Dana Whitlock",
     "Dana Whitlock"),
    ("Whitlock Dana Whitlock dropped out. Dana Whitlock said so.", "Whitlock Dana Whitlock", "Dana Whitlock"),
])
def test_a_word_stuck_before_a_full_name_is_no_part_of_it(text, fragment, name):
    found = names(text)
    assert name in found and fragment not in found


@pytest.mark.parametrize("text, name", [
    ("On Monday Bill Clinton spoke. The bill passed. Clinton left.", "Bill Clinton"),  # what is left must be a full name
    ("Debbie Wasserman Schultz spoke. Wasserman Schultz left.", "Debbie Wasserman Schultz"),  # a given name
    ("Cardinal Gerhard Ludwig Müller spoke. Cardinal Müller left.", "Gerhard Ludwig Müller"),  # one person
])
def test_names_keep_their_first_words(text, name):
    assert names(text)[0] == name
