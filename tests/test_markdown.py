"""The Markdown writer: golden output, and structure as markdown-it-py parses it."""
from __future__ import annotations

import os
from pathlib import Path

from markdown_it import MarkdownIt
from test_assemble import build

from modellaw.writers.markdown import write

GOLDEN = Path(__file__).parent / "golden" / "tl-model-law.md"


def test_golden_markdown(lib):
    text = write(build(lib, "tl")).decode("utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_markdown_parses_to_the_intended_structure(lib):
    tokens = MarkdownIt("commonmark").enable("table").parse(write(build(lib, "tl")).decode("utf-8"))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"]
    assert headings[:3] == ["1. Short title", "2. Interpretation", "3. Production of child sexual abuse material"]
    parts = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert parts[1:3] == ["Part I — Preliminary", "Part II — Offences"]
    items = [tokens[i + 2].content for i, t in enumerate(tokens) if t.type == "list_item_open"]
    assert "(a) is a member of the [name of the specialised police unit] acting in the course of duty; or" in items
    assert any(t.type == "blockquote_open" for t in tokens)  # commentary
    assert sum(t.type == "table_open" for t in tokens) == 2  # the two annexes


def test_contents_list_items_are_not_ordered_lists(lib):
    tokens = MarkdownIt("commonmark").parse(write(build(lib, "tl")).decode("utf-8"))
    assert not any(t.type == "ordered_list_open" for t in tokens)


def test_guide_tools_are_tables_and_task_lists(lib):
    text = write(build(lib, "tl", doc="guide")).decode("utf-8")
    assert "| Function | Tool |\n| --- | --- |\n| Question | Written questions |" in text
    assert "- [ ] Name a lead committee: Select Committee on Children." in text


def test_right_to_left_wrapper(lib):
    text = write(build(lib, "fx", "ar")).decode("utf-8")
    assert text.startswith('<div dir="rtl" lang="ar">\n\n')
    assert text.rstrip().endswith("</div>")
    tokens = MarkdownIt("commonmark").parse(text)
    assert any(t.type == "heading_open" for t in tokens)  # Markdown inside the wrapper still parses


def test_no_commentary_leaves_notes_out(lib):
    from modellaw.assemble import Edition, assemble
    from modellaw.build import load_inputs
    from modellaw.i18n import translator

    library, jurisdictions = load_inputs(str(lib))
    jur = next(j for j in jurisdictions if j.code == "tl")
    document, _ = assemble(Edition(library, jur, "en", translator(str(lib), "en"), commentary=False), "law")
    text = write(document).decode("utf-8")
    assert "Commentary" not in text and "> " not in text
