"""Numbering, options, conditions and references, read from the Document tree."""
from __future__ import annotations

from pathlib import Path

import pytest

from modellaw import document as d
from modellaw.assemble import Edition, assemble
from modellaw.build import load_inputs
from modellaw.errors import UserError
from modellaw.i18n import translator


def build(root: Path, code: str, locale: str = "en", doc: str = "law", exclude: list[str] | None = None,
          options: dict[str, str] | None = None) -> d.Document:
    library, jurisdictions = load_inputs(str(root))
    jur = next(j for j in jurisdictions if j.code == code)
    if exclude is not None:
        jur.data["clauses"] = {"exclude": exclude}
    if options is not None:
        jur.data["options"] = options
    document, _ = assemble(Edition(library, jur, locale, translator(str(root), locale)), doc)
    return document


def section(document: d.Document, anchor: str) -> d.Section:
    return next(s for p in document.parts for s in p.sections if s.anchor == anchor)


def texts(section_: d.Section) -> list[str]:
    out = []
    for block in section_.blocks:
        if isinstance(block, d.Provision):
            out.append(f"{block.label or ''} {d.plain(block.text)}".strip())
            out.extend(f"{c.label or ''} {d.plain(c.text)}".strip() for c in block.children)
    return out


def test_sections_and_parts_are_numbered_by_the_assembler(lib):
    doc = build(lib, "tl")
    assert [p.label for p in doc.parts[:2]] == ["Part I", "Part II"]
    assert [s.title for s in doc.parts[1].sections] == [
        "3. Production of child sexual abuse material", "4. Possession of child sexual abuse material", "5. Sentencing"]


def test_single_subsection_is_not_numbered(lib):
    assert texts(section(build(lib, "tl"), "prelim.short_title")) == [
        "This Act may be cited as the Online Child Protection Act, 2027."]


def test_references_follow_after_exclusion(lib):
    before = texts(section(build(lib, "tl"), "offence.sentencing"))[0]
    assert "section 3 or section 4" in before
    doc = build(lib, "tl", exclude=["prelim.short_title"])
    assert [s.title.split(".")[0] for s in doc.parts[1].sections] == ["2", "3", "4"]
    after = texts(section(doc, "offence.sentencing"))[0]
    assert "section 2 or section 3" in after


def test_reference_to_an_excluded_clause_is_an_error_naming_both(lib):
    with pytest.raises(UserError) as err:
        build(lib, "tl", exclude=["offence.production"])
    message = str(err.value)
    assert "offence.possession refers to offence.production" in message
    assert "02-offences.yaml" in message


def test_conditions_drop_items_and_letters_close_up(lib):
    fx = texts(section(build(lib, "fx", "fr"), "offence.possession"))
    tl = texts(section(build(lib, "tl"), "offence.possession"))
    assert any(t.startswith("(b) reported") for t in tl)
    assert not any("reported" in t for t in fx)
    assert any(t.startswith("(b) acted under article 3") for t in fx)
    # the reference to paragraph (c) of the source follows to (b) when (b) is dropped
    assert tl[-1].endswith("see also subsection (2)(c).")
    assert fx[-1].endswith("see also subsection (2)(b).")


def test_model_edition_shows_options_side_by_side(lib):
    sec = section(build(lib, "model"), "offence.sentencing")
    headings = [b.text for b in sec.blocks if isinstance(b, d.OptionHeading)]
    assert headings == ["Option A — Minimum sentence", "Option B — Judicial discretion"]
    labels = [b.label for b in sec.blocks if isinstance(b, d.Provision)]
    assert labels == ["(1)", "(2)", "(2)"]


def test_chosen_option_alone_is_printed(lib):
    sec = section(build(lib, "tl"), "offence.sentencing")
    assert not any(isinstance(b, d.OptionHeading) for b in sec.blocks)
    assert texts(sec)[1] == "(2) The court may impose any sentence up to the maximum."


def test_model_values_are_bracketed_and_own_values_are_not(lib):
    model = texts(section(build(lib, "model"), "offence.possession"))
    tl = texts(section(build(lib, "tl"), "offence.possession"))
    assert "imprisonment for a term not exceeding [5] years, a fine not exceeding [amount], or both" in model[-1]
    assert "imprisonment for a term not exceeding 5 years, a fine not exceeding £50,000, or both" in tl[-1]
    assert "[name of the specialised police unit]" in tl[2]


def test_definitions_are_sorted_and_quoted(lib):
    defs = [c for b in section(build(lib, "tl"), "prelim.definitions").blocks
            if isinstance(b, d.Provision) for c in b.children]
    assert [d.plain(x.text).split(" means")[0] for x in defs] == [
        "\u201cchild\u201d", "\u201cchild sexual abuse material\u201d", "\u201cRegulator\u201d"]


def test_articles_for_civil_law_drafting(lib):
    doc = build(lib, "fx", "fr")
    assert doc.parts[0].sections[0].title.startswith("Article 1")


def test_guide_cites_the_law_as_built(lib):
    guide = build(lib, "tl", doc="guide")
    first = d.plain(guide.parts[0].sections[0].blocks[0].text)
    assert "section 4(2) of the Online Child Protection Act, 2027" in first
    guide = build(lib, "tl", doc="guide", exclude=["prelim.short_title"])
    first = d.plain(guide.parts[0].sections[0].blocks[0].text)
    assert "section 3(2) of the Online Child Protection Act, 2027" in first


def test_guide_tailoring_by_parliamentary_system(lib):
    def bullets(code: str, locale: str) -> list[str]:
        sec = build(lib, code, locale, doc="guide").parts[0].sections[0]
        return [d.plain(c.text) for b in sec.blocks if isinstance(b, d.Provision) for c in b.children]

    assert bullets("tl", "en") == ["Ask questions at question time."]
    assert bullets("fx", "fr") == ["Hold confirmation hearings."]
    assert len(bullets("model", "en")) == 2


def test_coverage_annex_follows_exclusions(lib):
    doc = build(lib, "tl", exclude=["prelim.short_title", "offence.sentencing"])
    annex = next(p for p in doc.parts if p.anchor == "annex-coverage")
    rows = {d.plain(r[0]): d.plain(r[1]) for r in annex.blocks[0].rows}
    assert rows["Operative paragraph 3"] == "not covered by this edition"
    assert rows["Operative paragraph 4"] == "section 1, section 2, section 3"
    assert rows["Operative paragraph 13"] == "answered by the oversight guide"


def test_arabic_editions_letter_paragraphs_in_abjad_order(lib):
    doc = build(lib, "fx", "ar")
    labels = [t.split(" ")[0] for t in texts(section(doc, "offence.possession"))]
    assert labels[:4] == ["(1)", "(2)", "(أ)", "(ب)"]
    assert texts(section(doc, "offence.possession"))[-1].endswith("(2)(ب).")
    assert doc.parts[1].label.endswith("2")  # digits, not Roman numerals
    options = [b.text for b in section(build(lib, "model", "ar"), "offence.sentencing").blocks
               if isinstance(b, d.OptionHeading)]
    assert options[0].startswith("Option أ") and options[1].startswith("Option ب")


def test_jurisdiction_values_are_data_not_templates(lib):
    path = lib / "jurisdictions/tl.yaml"
    path.write_text(path.read_text().replace('"Online Safety Commission"', '"{{ 7 * 7 }} *Commission* [x](y)"'))
    defs = [c for b in section(build(lib, "tl"), "prelim.definitions").blocks
            if isinstance(b, d.Provision) for c in b.children]
    regulator = d.plain(defs[-1].text)
    assert regulator.endswith("means the {{ 7 * 7 }} *Commission* [x](y).")
    assert not any(run.italic or run.href for run in defs[-1].text)


def test_option_without_label_uses_its_name(lib):
    path = lib / "clauses/law/02-offences.yaml"
    path.write_text(path.read_text().replace("        label: Minimum sentence\n", ""))
    headings = [b.text for b in section(build(lib, "model"), "offence.sentencing").blocks
                if isinstance(b, d.OptionHeading)]
    assert headings == ["Option A — Strict", "Option B — Judicial discretion"]
