"""The DOCX writer, read back with python-docx and as XML."""
from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from test_assemble import build

from modellaw.writers.docx import write


def read(document) -> docx.document.Document:
    return docx.Document(io.BytesIO(write(document)))


def test_headings_use_named_styles_with_outline_levels(lib):
    out = read(build(lib, "tl"))
    by_style: dict[str, list[str]] = {}
    for p in out.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["ML Title"] == ["Online Child Protection Act, 2027"]
    assert by_style["ML Part"][:2] == ["Part I — Preliminary", "Part II — Offences"]
    assert by_style["ML Section"][2] == "3. Production of child sexual abuse material"
    assert by_style["ML Subsection"][0].startswith("(1)\tA person who intentionally produces")
    police = "(a)\tis a member of the [name of the specialised police unit] acting in the course of duty; or"
    assert police in by_style["ML Paragraph"]
    assert any(t.startswith("Implements: Operative paragraph") for t in by_style["ML Note"])
    section_style = out.styles["ML Section"].element
    assert section_style.find(qn("w:pPr")).find(qn("w:outlineLvl")).get(qn("w:val")) == "1"


def test_hanging_indents_for_body_levels(lib):
    out = read(build(lib, "tl"))
    for name, left in (("ML Subsection", 1.0), ("ML Paragraph", 2.0), ("ML Subparagraph", 3.0)):
        fmt = out.styles[name].paragraph_format
        assert round(fmt.left_indent.cm, 1) == left
        assert round(fmt.first_line_indent.cm, 1) == -1.0


def test_toc_field_footer_page_numbers_and_header(lib):
    data = write(build(lib, "tl"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
        footer = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
        header = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
        settings = z.read("word/settings.xml").decode()
        names = z.namelist()
    assert 'TOC \\o "1-2" \\h \\z \\u' in body
    assert "PAGE" in footer and "NUMPAGES" in footer and "Page " in footer and " of " in footer
    assert "Model law — Testland edition, 15 January 2026" in header
    assert "updateFields" in settings
    assert "docProps/thumbnail.jpeg" not in names and "word/stylesWithEffects.xml" not in names


def test_tables_and_checklists(lib):
    out = read(build(lib, "tl", doc="guide"))
    table = out.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Function", "Tool"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    checks = [p.text for p in out.paragraphs if p.style.name == "ML Checklist"]
    assert checks[0] == "\u2610\tName a lead committee: Select Committee on Children."


def test_core_properties_and_language(lib):
    out = read(build(lib, "tl"))
    props = out.core_properties
    assert props.title == "Online Child Protection Act, 2027"
    assert props.language == "en-GB"
    assert props.created.isoformat().startswith("2026-01-15")
    lang = out.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


def test_arabic_is_right_to_left_throughout(lib):
    out = read(build(lib, "fx", "ar"))
    styles = out.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    assert defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:bidi")) is not None
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert rpr.find(qn("w:rtl")) is not None
    assert rpr.find(qn("w:rFonts")).get(qn("w:cs")) == "Noto Naskh Arabic"
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "ar-SA"
    assert not list(styles.iter(qn("w:rFonts"))) or all(
        f.get(qn("w:cstheme")) is None for f in styles.iter(qn("w:rFonts")))
    body_paragraphs = [p for p in out.paragraphs if p.text]
    assert body_paragraphs and all(p._p.pPr.find(qn("w:bidi")) is not None for p in body_paragraphs)
    runs = [r for p in body_paragraphs for r in p.runs if r.text]
    assert all(r._r.rPr.find(qn("w:rtl")) is not None for r in runs)
    assert out.sections[0]._sectPr.find(qn("w:bidi")) is not None
    title_rpr = out.styles["ML Title"].element.find(qn("w:rPr"))
    assert title_rpr.find(qn("w:spacing")) is None  # letter-spacing breaks Arabic joining


def test_english_has_no_bidi(lib):
    out = read(build(lib, "tl"))
    assert all(p._p.pPr is None or p._p.pPr.find(qn("w:bidi")) is None for p in out.paragraphs)


def test_same_document_gives_the_same_bytes(lib):
    assert write(build(lib, "tl")) == write(build(lib, "tl"))


def test_cross_references_link_to_section_bookmarks(lib):
    data = write(build(lib, "tl"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    import re

    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"/>', body))
    anchors = set(re.findall(r'<w:hyperlink w:anchor="([^"]+)"', body))
    assert "s_offence_production" in bookmarks and "s_offence_production" in anchors
    assert anchors <= bookmarks  # every cross-reference lands on a section
