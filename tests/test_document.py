"""The document model: layout, sentences, quotations, voice, and offsets that always slice."""

from hypothesis import given, settings, strategies as st

from framing.text.document import QUOTED, REPORTER, build_document


def sentences_of(doc):
    return [doc.text[s.start:s.end] for s in doc.sentences if not s.is_title]


def quotes_of(doc, depth=0):
    return [doc.text[q.start:q.end] for q in doc.quotations if q.depth == depth]


def test_abbreviations_do_not_end_sentences():
    doc = build_document("Gen. Haftar met Mr. Smith at the U.N. office in Tripoli on Monday. Talks failed.")
    assert sentences_of(doc) == ["Gen. Haftar met Mr. Smith at the U.N. office in Tripoli on Monday.", "Talks failed."]


def test_initials_and_a_party_label_do_not_end_a_sentence():
    doc = build_document("“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.), head of the caucus. "
                         "He spoke in Washington D.C. He left at noon. George H.W. Bush was there.")
    assert sentences_of(doc) == ["“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.), head of the caucus.",
                                 "He spoke in Washington D.C.", "He left at noon.", "George H.W. Bush was there."]


def test_a_paragraph_introduced_by_wrote_colon_is_a_block_quotation():
    """'Murillo wrote:' then a paragraph without marks: the writer's words, quoted speech; a paragraph
    after one that introduces nobody's words, or that opens with its own marks, is not one."""
    text = ("Letter leaks\n\nMurillo wrote at the outset of the lengthy message:\n\nWe worked very hard.\n\n"
            "The rest is narration.\n\nThe mayor said:\n\n“We will build it,” and left.\n\nHere is the plan:\n\n"
            "Build the road.\n")
    doc = build_document(text)
    assert quotes_of(doc) == ["We worked very hard.", "“We will build it,”"]
    assert doc.voice_at(text.index("worked")) == QUOTED and doc.voice_at(text.index("Build the road")) == REPORTER


def test_a_line_introduced_by_reports_colon_is_a_block_quotation_where_lines_are_paragraphs():
    """PTC's scraped pages break paragraphs with one newline: 'Reuters reports:' ends a line, the next
    line is Reuters's words; the line after it is the writer's again."""
    text = ("Orban speaks\n\nThe prime minister spoke on Sunday.\nReuters reports:\n"
            "Hungarian leader Viktor Orban called for a global alliance against migration.\nThat is the news.\n")
    doc = build_document(text)
    assert quotes_of(doc) == ["Hungarian leader Viktor Orban called for a global alliance against migration."]
    assert doc.voice_at(text.index("That is")) == REPORTER
    wrapped = "Letter leaks\n\nMurillo wrote:\n\nWe worked very hard\nand long.\n\nThe rest is narration.\n"
    assert quotes_of(build_document(wrapped)) == ["We worked very hard\nand long."]  # a paragraph is quoted whole


def test_the_answers_of_an_interview_printed_as_questions_and_answers_are_quoted():
    """Session 25: in a text of 'Q:' and 'A:' paragraphs each answer, from after 'A:' to the next question
    (over the paragraphs between), is the interviewee's words; a quotation inside it keeps its marks; the
    questions and the introduction are the writer's; a single 'Q.' makes no interview."""
    text = ("Harbour master talks\n\nThe harbour master spoke to us. Answers were edited.\n\n"
            "Q: What happened to the pier?\n\nA: It was ruined overnight.\n\nWe rebuilt it later.\n\n"
            "Q: And the board?\n\nA: I told them, “Fix it now,” and they did.\n")
    doc = build_document(text)
    assert quotes_of(doc) == ["It was ruined overnight.\n\nWe rebuilt it later.", "I told them, ", "“Fix it now,”",
                              " and they did."]
    assert doc.voice_at(text.index("ruined")) == QUOTED and doc.voice_at(text.index("rebuilt")) == QUOTED
    assert doc.voice_at(text.index("happened")) == REPORTER and doc.voice_at(text.index("spoke")) == REPORTER
    one = build_document("Pier\n\nQ. What now? The pier was ruined.\n\nA: Nobody knows.\n")
    assert one.voice_at(one.text.index("Nobody")) == REPORTER


def test_title_byline_body_and_trailing_headlines():
    text = ("Storm Hits Coast\n\nBy Jane Doe\n\nThe storm hit the coast on Monday. Roads closed.\n\n"
            "Second paragraph here.\n\nTen Things to Do This Weekend\n\nRelated: More Weather News")
    doc = build_document(text)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["title", "byline", "body", "body", "excluded", "excluded"]
    assert doc.title == "Storm Hits Coast"
    assert [b.reason for b in doc.excluded] == ["byline", "related headline", "boilerplate"]


def test_a_byline_above_the_title_is_the_byline_and_the_next_line_the_title():
    doc = build_document("BYLINE: Amber Phillips.\n\nBEST THING THAT HAPPENED TO REPUBLICANS.\n\n"
                         "The court sided with them. Kind of.\n\nSecond paragraph.")
    assert [b.kind for b in doc.blocks] == ["byline", "title", "body", "body"]
    assert doc.title == "BEST THING THAT HAPPENED TO REPUBLICANS."
    assert build_document("By the fall, the plan had failed.\n\nMore here.\n\nAnd here.").blocks[0].kind == "body"


def test_a_short_present_tense_first_line_with_a_period_above_the_story_is_its_title():
    body = "\n\nINDIANAPOLIS - Gov. Ana Ruiz endorsed the senator on Friday.\n\nShe spoke on the radio."
    doc = build_document("Indiana governor endorses Cruz - but also has praise for rival." + body)
    assert [b.kind for b in doc.blocks][:2] == ["title", "body"]
    for lede in ("WASHINGTON - The House voted on the bill.", "By the fall, the plan had failed.",
                 "The council met on Monday."):
        assert build_document(lede + body).blocks[0].kind == "body", lede
    assert build_document("Clinton stays ahead in latest poll.\n\nOne paragraph only.").blocks[0].kind == "body"


def test_a_headline_cased_first_line_is_a_title_though_it_ends_in_punctuation():
    body = "\n\nThe former mayor spoke on Thursday. He praised the candidate."
    for title in ("Clinton Is 'Sane' And 'Competent,' Unlike Trump, Bloomberg Tells U.S.", "Is the Harbour Deal Dead?",
                  "Pence Gives GOP A Boost With Solid Debate Win Over Kaine."):
        assert build_document(title + body).blocks[0].kind == "title", title
    assert build_document("The council met on Monday." + body).blocks[0].kind == "body"


def test_single_paragraph_is_never_excluded():
    doc = build_document("Breaking News From The Port")
    assert [b.kind for b in doc.blocks] == ["body"]


def test_a_closing_mark_that_opens_a_paragraph_and_a_mark_behind_an_invisible_character_open_quotes():
    """Web pages mistype the opening mark as a closing one and put direction marks before quotes:
    '\u202a”They are evil,” said Kim Ash.' is her quotation, not the reporter's words."""
    for opening in ("”", "\u202a”", "\u202a\"", "\u200b“"):
        text = f"The mayor spoke.\n\n{opening}They are evil. Nobody is safe,” said Kim Ash.\n"
        doc = build_document(text)
        assert doc.voice_at(text.index("evil")) == QUOTED, opening
        assert doc.voice_at(text.index("mayor")) == REPORTER


def test_curly_and_straight_quotes_and_apostrophes():
    text = 'Haftar’s men said “we will stay,” and the mayor said "no way". It’s over.'
    doc = build_document(text)
    assert quotes_of(doc) == ["“we will stay,”", '"no way"']
    assert doc.voice_at(text.index("stay")) == QUOTED
    assert doc.voice_at(text.index("mayor")) == REPORTER
    assert doc.voice_at(text.index("over")) == REPORTER


def test_nested_quote_is_depth_one_and_still_quoted():
    text = "He said, “They called it ‘a rescue’ on air.” Then he left."
    doc = build_document(text)
    assert quotes_of(doc, 1) == ["‘a rescue’"]
    assert doc.voice_at(text.index("rescue")) == QUOTED
    assert doc.voice_at(text.index("left")) == REPORTER


def test_two_apostrophes_are_one_double_quotation_mark():
    # archives print “ and ” as '' (123 of PolNeAR's 132 NYT texts): a nested quote, a plural
    # possessive and three apostrophes must not end the quotation early
    text = ("Mr. Franco wrote. ''It shows a hatred toward the 'foreigner' born of fear.'' Critics call him a "
            "''political pope'' of the Clintons' kind.\n\n''He is one of 'us,''' Mr. English said. He said, "
            "'''Sir, we decided,' he told me.''")
    doc = build_document(text)
    assert quotes_of(doc) == ["''It shows a hatred toward the 'foreigner' born of fear.''", "''political pope''",
                              "''He is one of 'us,'''", "'''Sir, we decided,' he told me.''"]
    assert quotes_of(doc, 1) == ["'foreigner'", "'us,'", "'Sir, we decided,'"]
    assert doc.voice_at(text.index("born")) == QUOTED
    assert doc.voice_at(text.index("kind")) == REPORTER


def test_a_quote_in_two_apostrophes_runs_over_paragraphs():
    text = "She said: ''The first part goes on.\n\n''The second part ends here.'' Done.\n\nAfter that."
    assert quotes_of(build_document(text)) == ["''The first part goes on.\n\n''The second part ends here.''"]


def test_quote_running_over_paragraphs():
    text = "Title Here\n\nShe said: “The first part goes on.\n\n“The second part ends here.” Done.\n\nAfter that."
    doc = build_document(text)
    assert quotes_of(doc) == ["“The first part goes on.\n\n“The second part ends here.”"]
    assert doc.voice_at(text.index("second")) == QUOTED
    assert doc.voice_at(text.index("After")) == REPORTER


def test_unclosed_quote_ends_with_its_paragraph():
    text = "Title Here\n\nHe said “this never closes.\n\nThe next paragraph is narration."
    doc = build_document(text)
    assert doc.voice_at(text.index("next")) == REPORTER


def test_derna_layout(derna_text):
    doc = build_document(derna_text)
    assert doc.title.startswith("Renewed Clashes")
    excluded = [derna_text[b.start:b.end] for b in doc.excluded]
    assert excluded[-2:] == ["Pentagon Prepared to Extend Airstrike Campaign in Libya", "Arab League to Name New Envoy to Libya"]
    assert excluded[0].startswith("(Author:")
    assert len(quotes_of(doc)) == 4


@settings(max_examples=150, deadline=None)
@given(st.one_of(
    st.lists(st.sampled_from(list("ab C.!?\n “”‘’\"'-,:") + ["Mr.", "U.N.", "\n\n", "Gen. ", "said "]),
             max_size=80).map("".join),
    st.text(max_size=200)))
def test_spans_slice_exactly_and_sentences_tile_the_body(text):
    doc = build_document(text)
    for span in [*doc.blocks, *doc.sentences, *doc.tokens, *doc.quotations]:
        assert 0 <= span.start <= span.end <= len(text)
    for token in doc.tokens:
        assert text[token.start:token.end] == token.text
    for block in doc.paragraphs:
        inside = sorted((s.start, s.end) for s in doc.sentences if block.start <= s.start < block.end)
        for (a, b), (c, _) in zip(inside, inside[1:]):
            assert b <= c  # no overlap
        covered = set()
        for a, b in inside:
            covered.update(range(a, b))
        assert all(i in covered for i in range(block.start, block.end) if not text[i].isspace())
    for i in range(len(text)):
        assert doc.voice_at(i) in (QUOTED, REPORTER)


def test_span_index_finds_what_a_scan_of_every_span_finds():
    import random

    from framing.text.spans import SpanIndex

    rng = random.Random(3)
    spans = [(s, s + rng.choice([0, 1, 5, 40, 300])) for s in (rng.randrange(2000) for _ in range(400))]
    index = SpanIndex(spans)
    for _ in range(500):
        start = rng.randrange(-10, 2100)
        end = start + rng.choice([0, 1, 3, 50, 700])
        assert index.overlapping(start, end) == [s for s in spans if s[0] < end and start < s[1]]
    assert index.near(100, 100, reach=5) == [s for s in spans if s[0] < 105 and 95 < s[1]]
    assert SpanIndex([]).overlapping(0, 10) == []


def test_page_furniture_inside_an_article_is_excluded_but_sentences_like_it_are_not():
    from framing.text.document import build_document

    text = ("Harbour plan\n\nThe council approved the harbour plan on Monday.\n\nREUTERS/Tom Brenner\n\n"
            "The mayor speaks at the harbour in Calder Bay, May 1, 2018. REUTERS/Tom Brenner\n\n"
            "Slideshow (2 Images)\n\n[For a graphic on the harbour plan, click https://example.org/g]\n\n"
            "Reuters/Ipsos poll showed the plan doing better than expected.\n\nPhoto: Jane Roe for the Gazette\n\n"
            "Sign up for our morning newsletter here.\n\nThe vote was 7 to 2.\n")
    blocks = build_document(text).blocks
    furniture = [text[b.start:b.end] for b in blocks if b.reason == "page furniture"]
    assert furniture == ["REUTERS/Tom Brenner", "The mayor speaks at the harbour in Calder Bay, May 1, 2018. REUTERS/Tom Brenner",
                         "Slideshow (2 Images)",
                         "[For a graphic on the harbour plan, click https://example.org/g]",
                         "Photo: Jane Roe for the Gazette", "Sign up for our morning newsletter here."]
    assert [b.kind for b in blocks].count("body") == 3  # the poll sentence and the last line stay article text
