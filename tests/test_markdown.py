"""Markdown drafts (.md, .markdown): parsed with markdown-it-py, every offset still into the draft as written."""

from __future__ import annotations

import json
import re
import sys

from hypothesis import given, settings, strategies as st

from framing.api import audit_text
from framing.cli import main
from framing.house_rules import Rules, apply
from framing.text import markdown
from framing.text.document import build_document
from framing.text.ingest import is_markdown

DRAFT = """\
---
title: Port deal
tags: [massacre, slammed]
---

# Port **Deal** Signed

*By Jane Roe*

<!-- check the 30% figure -->

The council **slammed** the plan, [the minutes](https://example.com/massacre) show.

- Unemployment fell on Monday.
- Officials met at https://www.example.org/news/slammed in the morning.

```
a massacre in a code block: 50% of it
```

Protesters marched on the harbour.
"""


def _markdown(text: str = DRAFT):
    return audit_text(text, markdown=True)


def test_md_and_markdown_suffixes_are_markdown_and_html_pages_are_extracted_as_markdown():
    assert is_markdown("a/draft.md") and is_markdown("DRAFT.Markdown")
    assert is_markdown("page.html") and is_markdown("PAGE.HTM")  # extracted with their links as Markdown links
    assert not is_markdown("draft.txt") and not is_markdown("-")


def test_markers_emphasis_and_link_targets_are_not_audited():
    plain, md = audit_text(DRAFT), _markdown()
    # read as text, words inside the web addresses, the code and the front matter are flagged
    inside = [DRAFT.index("massacre)"), DRAFT.index("slammed in"), DRAFT.index("massacre in a code"),
              DRAFT.index("massacre, slammed")]
    assert set(inside) <= {f.start for f in plain.findings}
    assert [f.text for f in md.findings] == ["slammed"]
    doc = md.document
    markup = {doc.text[m.start:m.end] for m in doc.markup}
    assert {"**", "[", "](https://example.com/massacre)", "https://www.example.org/news/slammed"} <= markup
    assert doc.title == "Port Deal Signed"
    assert not doc.is_scored(*_span(doc.text, "massacre)"))
    assert doc.is_scored(*_span(doc.text, "the minutes"))
    list_item = doc.block_at(doc.text.index("Unemployment"))
    assert list_item.kind == "body" and doc.text[list_item.start] == "U"  # the '- ' marker lies outside
    assert [b.kind for b in build_document("- Harbour Deal\n- and the rest, in brief.\n", is_markdown=True).blocks] == ["body", "body"]


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_a_percentage_in_an_html_comment_is_not_an_unattributed_claim():
    text = "# Budget Vote\n\n<!-- check the 30% figure -->\n\nThe council met on Monday.\n"
    assert [f.rule for f in audit_text(text).findings] == ["unattributed_claim"]  # read as text
    md = _markdown(text)
    assert md.findings == []
    assert [(b.kind, b.reason) for b in md.document.blocks if b.kind == "excluded"] == [("excluded", "HTML comment")]
    inline = _markdown("# Budget Vote\n\nThe council met on Monday <!-- 30% of it? --> to vote.\n")
    assert inline.findings == []


def test_front_matter_code_and_html_blocks_are_excluded_blocks():
    doc = _markdown().document
    assert [b.reason for b in doc.excluded] == ["front matter", "byline", "HTML comment", "code"]
    front = doc.excluded[0]
    assert doc.text[front.start:front.end].endswith("tags: [massacre, slammed]\n---")
    code = doc.excluded[3]
    assert doc.text[code.start:code.end].startswith("```\na massacre")
    assert doc.paragraphs[-1] == doc.block_at(doc.text.index("Protesters"))


def test_a_byline_in_emphasis_is_the_byline_and_an_italic_standfirst_is_not():
    for line in ("*By Jane Roe*", "_Jane Roe, Reuters_", "**Reporting by Jane Roe**"):
        text = f"# Port Deal Signed\n\n{line}\n\nThe deal was signed on Monday.\n"
        assert audit_text(text).document.blocks[1].kind == "body", line  # read as text: not a byline
        doc = _markdown(text).document
        byline = doc.blocks[1]
        assert (byline.kind, doc.text[byline.start:byline.end]) == ("byline", line.strip("*_")), line
    doc = _markdown("# Port Deal Signed\n\n*The council signed the deal on Monday.*\n\nIt took a year.\n").document
    assert [b.kind for b in doc.blocks] == ["title", "body", "body"]


def test_a_link_still_counts_as_the_source_of_a_claim():
    text = "# Crime Figures\n\nCrime rose 30% last year ([police figures](https://police.example/2025)).\n"
    assert _markdown(text).findings == []
    assert [f.rule for f in _markdown(text.replace("(https://police.example/2025)", "")).findings] == [
        "unattributed_claim"]


def test_line_and_column_point_into_the_draft(tmp_path, capsys):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    assert main(["audit", str(draft)]) == 0
    out = capsys.readouterr().out
    line = DRAFT.splitlines().index("The council **slammed** the plan, [the minutes](https://example.com/massacre) show.")
    assert re.search(rf"draft\.md:{line + 1}:{len('The council **') + 1}: .*'slammed'", out), out
    assert "finding(s)" in out and out.count("draft.md:") == 2  # one finding, then the summary
    sarif = tmp_path / "draft.sarif"
    assert main(["audit", str(draft), "-o", str(sarif)]) == 0
    region = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (line + 1, len("The council **") + 1)


def test_the_report_of_a_markdown_draft_renders(tmp_path):
    draft = tmp_path / "draft.markdown"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["audit", str(draft), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert '<p class="title">Port <span class="markup">**</span>Deal' in html
    assert re.search(r'<p class="byline" data-reason="byline">By Jane Roe</p>', html)
    assert 'data-reason="front matter"' in html and 'data-reason="code"' in html
    assert '<span class="markup">](https://example.com/massacre)</span>' in html
    assert "<h1>Port Deal Signed</h1>" in html  # the title without its emphasis marks


def test_a_suppression_comment_in_a_markdown_draft_still_works():
    text = ("# Port Deal Signed\n\n<!-- framing: ignore emotive.slam -- the council's own word -->\n"
            "The council slammed the plan.\n\nProtesters slammed it too.\n")
    applied = apply(_markdown(text), Rules())
    assert [f.start for f in applied.audit.findings] == [text.rindex("slammed")]
    assert [s.used for s in applied.suppressions] == [1]


def test_without_markdown_it_a_markdown_draft_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "markdown_it", None)
    markdown._parser.cache_clear()
    try:
        assert main(["audit", str(draft)]) == 2
    finally:
        markdown._parser.cache_clear()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Markdown input needs markdown-it-py" in err


def test_markup_the_parser_cannot_place_stays_text():
    """Text written with escapes and character references is found as written; markup is only what lies between."""
    doc = build_document("# T\n\nA \\*starred\\* word &amp; a **bold** one.\n", is_markdown=True)
    assert [doc.text[m.start:m.end] for m in doc.markup] == ["**", "**"]
    assert doc.plain(doc.paragraphs[0].start, doc.paragraphs[0].end) == "A \\*starred\\* word &amp; a bold one."


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["# ", "## ", "*", "**", "_", "`", "```", "\n", "\n\n", "    ", "- ", "1. ", "> ",
                                 "[a](https://x.org/b)", "](", ")", "[", "]", "<!-- c -->", "<b>", "---\n", "\\*",
                                 "&amp;", "|a|b|\n|-|-|\n", "Port ", "deal. ", "By Jo", "slammed "]),
                max_size=60).map("".join))
def test_blocks_and_markup_slice_the_draft_in_order(text):
    doc = build_document(text, is_markdown=True)
    ends = 0
    for block in doc.blocks:  # in order, never overlapping
        assert ends <= block.start <= block.end <= len(text)
        ends = block.end
    ends = 0
    for m in doc.markup:  # in order, disjoint, each inside one block
        assert ends <= m.start < m.end
        assert doc.block_at(m.start) is not None and m.end <= doc.block_at(m.start).end
        ends = m.end
    audit_text(text, markdown=True)
