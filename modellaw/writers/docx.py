"""Document → DOCX with python-docx: named styles, a table of contents, page numbers, headers,
right-to-left layout for Arabic, and byte-identical output for identical input.

python-docx has no API for right-to-left text, fields or fixed zip timestamps; the small helpers
below write that XML directly, in schema order (see TRAPS.md).
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from .. import document as d

LANG_TAGS = {"en": "en-GB", "fr": "fr-FR", "ar": "ar-SA", "es": "es-ES"}
LATIN_FONT = "Times New Roman"
COMPLEX_FONT = "Noto Naskh Arabic"
HEADING_FONT = "Arial"
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DROP_PARTS = ("docProps/thumbnail.jpeg", "word/stylesWithEffects.xml")
# pPr children that come after w:bidi in the schema; rPr children that come after w:rtl.
AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
AFTER_PSTYLE = ("w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
                "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
                "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                "w:autoSpaceDN", "w:bidi") + AFTER_BIDI

# name, base, size (pt), bold, italic, left indent (cm), hanging (cm), space before/after (pt), outline level
STYLES: list[tuple[str, str, float, bool, bool, float, float, float, float, int | None]] = [
    ("ML Title", "Normal", 22, True, False, 0, 0, 72, 12, None),
    ("ML Subtitle", "Normal", 13, False, True, 0, 0, 6, 6, None),
    ("ML Edition", "Normal", 11, False, False, 0, 0, 24, 6, None),
    ("ML Contents Heading", "Normal", 14, True, False, 0, 0, 0, 12, None),
    ("ML Contents 1", "Normal", 10.5, True, False, 0, 0, 8, 2, None),
    ("ML Contents 2", "Normal", 10, False, False, 0.8, 0, 0, 1, None),
    ("ML Part", "Normal", 14, True, False, 0, 0, 24, 12, 0),
    ("ML Section", "Normal", 11.5, True, False, 0, 0, 14, 6, 1),
    ("ML Subsection", "Normal", 11, False, False, 1.0, 1.0, 0, 6, None),
    ("ML Paragraph", "Normal", 11, False, False, 2.0, 1.0, 0, 4, None),
    ("ML Subparagraph", "Normal", 11, False, False, 3.0, 1.0, 0, 4, None),
    ("ML Definition", "Normal", 11, False, False, 1.0, 0, 0, 4, None),
    ("ML Body", "Normal", 11, False, False, 0, 0, 0, 8, None),
    ("ML Bullet", "Normal", 11, False, False, 1.0, 0.5, 0, 4, None),
    ("ML Bullet 2", "Normal", 11, False, False, 1.5, 0.5, 0, 3, None),
    ("ML Checklist", "Normal", 11, False, False, 1.0, 0.7, 0, 4, None),
    ("ML Option", "Normal", 11, True, True, 0, 0, 8, 4, None),
    ("ML Note Title", "Normal", 9.5, True, False, 0.5, 0, 8, 2, None),
    ("ML Note", "Normal", 9.5, False, False, 0.5, 0, 0, 4, None),
    ("ML Caption", "Normal", 10, True, False, 0, 0, 8, 4, None),
    ("ML Table", "Normal", 9.5, False, False, 0, 0, 0, 0, None),
    ("ML Table Small", "Normal", 8, False, False, 0, 0, 0, 0, None),
    ("ML Header", "Normal", 8.5, False, True, 0, 0, 0, 0, None),
]


def _el(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _strip_theme_fonts(root: Any) -> None:
    """Theme fonts beat explicit ones: remove every *Theme attribute so our fonts apply."""
    for fonts in root.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)


class DocxWriter:
    def __init__(self, document: d.Document) -> None:
        self.doc = document
        self.rtl = document.direction == "rtl"
        self.lang = LANG_TAGS.get(document.locale.split("_")[0], document.locale.replace("_", "-"))
        self.docx = new_docx()
        self.body = self.docx.element.body
        self.style_ids: dict[str, str] = {}
        self.bookmarks = 0
        self.last_before = self.body.sectPr  # new paragraphs and tables go before the section properties

    # setup -----------------------------------------------------------------------------
    def setup(self) -> None:
        styles_el = self.docx.styles.element
        _strip_theme_fonts(styles_el)
        defaults = styles_el.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = _el("w:rFonts")
            rpr.insert(0, fonts)
        for attr, value in (("ascii", LATIN_FONT), ("hAnsi", LATIN_FONT), ("cs", COMPLEX_FONT),
                            ("eastAsia", LATIN_FONT)):
            fonts.set(qn(f"w:{attr}"), value)
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = _el("w:lang", val=self.lang, eastAsia=self.lang)
        lang.set(qn("w:bidi"), self.lang if self.rtl else "ar-SA")
        rpr.append(lang)
        if self.rtl:
            rpr.insert_element_before(_el("w:rtl"), *AFTER_RTL)
            ppr_default = defaults.find(qn("w:pPrDefault"))
            if ppr_default is None:
                ppr_default = _el("w:pPrDefault")
                defaults.append(ppr_default)
            ppr = ppr_default.find(qn("w:pPr"))
            if ppr is None:
                ppr = _el("w:pPr")
                ppr_default.append(ppr)
            ppr.insert_element_before(_el("w:bidi"), *AFTER_BIDI)
        normal = self.docx.styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = Pt(11)
        for name, base, size, bold, italic, left, hanging, before, after, outline in STYLES:
            style = self.docx.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.docx.styles[base]
            font = style.font
            font.size = Pt(size)
            font.bold = bold or None
            font.italic = italic or None
            if name in ("ML Title", "ML Part", "ML Section", "ML Contents Heading", "ML Caption"):
                font.name = HEADING_FONT
                font.color.rgb = ACCENT
            pf = style.paragraph_format
            pf.space_before = Pt(before)
            pf.space_after = Pt(after)
            if left:
                pf.left_indent = Cm(left)
            if hanging:
                pf.first_line_indent = Cm(-hanging)
            if outline is not None:
                pf.keep_with_next = True
                style.element.get_or_add_pPr().append(_el("w:outlineLvl", val=str(outline)))
            if name.startswith("ML Note"):
                self._note_border(style.element.get_or_add_pPr())
            if self.rtl:
                style.element.get_or_add_rPr()  # direction comes from docDefaults and each paragraph
            self.style_ids[name] = style.style_id
        if self.doc.kind == "guide":
            part_ppr = self.docx.styles["ML Part"].element.get_or_add_pPr()
            part_ppr.insert_element_before(_el("w:pageBreakBefore"), *AFTER_PSTYLE[3:])
        _strip_theme_fonts(styles_el)
        self.page_setup()

    def _note_border(self, ppr: Any) -> None:
        border = _el("w:pBdr")
        side = "right" if self.rtl else "left"
        border.append(_el(f"w:{side}", val="single", sz="12", space="8", color="1F3A5F"))
        ppr.insert_element_before(border, *AFTER_PSTYLE[8:])
        ppr.insert_element_before(_el("w:shd", val="clear", color="auto", fill="EEF2F7"), *AFTER_PSTYLE[9:])

    def page_setup(self) -> None:
        section = self.docx.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
        sect_pr = section._sectPr  # noqa: SLF001 - python-docx exposes no bidi setting
        if self.rtl:
            sect_pr.append(_el("w:bidi"))
        header = section.header.paragraphs[0]
        self.style(header, "ML Header")
        self.runs(header, [d.Run(self.doc.header)])
        footer = section.footer.paragraphs[0]
        self.style(footer, "ML Header")
        footer.alignment = 1
        before, _, rest = self.doc.page_label.partition("{page}")
        middle, _, after = rest.partition("{total}")
        self.runs(footer, [d.Run(before)])
        self.field(footer, "PAGE", "1")
        self.runs(footer, [d.Run(middle)])
        self.field(footer, "NUMPAGES", "1")
        self.runs(footer, [d.Run(after)])

    # primitives ------------------------------------------------------------------------
    def style(self, paragraph: Any, name: str) -> None:
        """Set a paragraph's style by its cached id (TRAPS.md: resolving names costs 5x the build),
        and its direction: python-docx has no API for right-to-left paragraphs."""
        p = paragraph._p  # noqa: SLF001
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = _el("w:pPr")
            p.insert(0, ppr)
        style = ppr.find(qn("w:pStyle"))
        if style is None:
            style = _el("w:pStyle")
            ppr.insert(0, style)
        style.set(qn("w:val"), self.style_ids[name])
        if self.rtl and ppr.find(qn("w:bidi")) is None:
            ppr.insert_element_before(_el("w:bidi"), *AFTER_BIDI)

    def paragraph(self, style: str, runs: d.Inline | None = None, label: str | None = None) -> Any:
        # Appending before the body's sectPr directly: python-docx searches the body's children for
        # every paragraph added, which made the writer quadratic in the length of the law.
        p = _el("w:p")
        self.last_before.addprevious(p)
        paragraph = Paragraph(p, self.docx._body)  # noqa: SLF001
        self.style(paragraph, style)
        if label:
            self.runs(paragraph, [d.Run(label + "\t")])
        if runs:
            self.runs(paragraph, runs)
        return paragraph

    def runs(self, paragraph: Any, runs: d.Inline) -> None:
        """Runs written as XML: python-docx's text setter walks every character."""
        p = paragraph._p  # noqa: SLF001
        for run in runs:
            if not run.text:
                continue
            r = _el("w:r")
            props = []
            if run.bold:
                props.append(_el("w:b"))
            if run.italic:
                props.append(_el("w:i"))
            if run.href and not run.href.startswith("#"):  # cross-references look like the bill's text
                props += [_el("w:color", val=str(ACCENT)), _el("w:u", val="single")]
            if self.rtl:
                props.append(_el("w:rtl"))
            if props:
                rpr = _el("w:rPr")
                rpr.extend(props)
                r.append(rpr)
            for index, piece in enumerate(run.text.split("\t")):
                if index:
                    r.append(_el("w:tab"))
                if piece:
                    t = _el("w:t")
                    t.text = piece
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    r.append(t)
            p.append(self.link(run.href, r) if run.href else r)

    def link(self, href: str, run: Any) -> Any:
        """A hyperlink: to a bookmark in this document ("#s_…", a cross-reference) or to a web page."""
        link = _el("w:hyperlink")
        if href.startswith("#"):
            link.set(qn("w:anchor"), href[1:])
        else:
            link.set(qn("r:id"), self.docx.part.relate_to(href, RT.HYPERLINK, is_external=True))
        link.append(run)
        return link

    def bookmark(self, paragraph: Any, name: str) -> None:
        """Mark a section heading as the target of cross-references."""
        self.bookmarks += 1
        ident = str(self.bookmarks)
        p = paragraph._p  # noqa: SLF001
        ppr = p.find(qn("w:pPr"))
        start = _el("w:bookmarkStart", id=ident, name=name)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(_el("w:bookmarkEnd", id=ident))

    def field(self, paragraph: Any, instruction: str, cached: str) -> None:
        for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", cached),
                           ("end", None)):
            run = paragraph.add_run()
            if kind == "instr":
                el = _el("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = f" {text} "
                run._r.append(el)  # noqa: SLF001
            elif kind == "text":
                run.text = text
            else:
                run._r.append(_el("w:fldChar", fldCharType=kind))  # noqa: SLF001

    def page_break(self) -> None:
        self.paragraph("ML Body").add_run().add_break(WD_BREAK.PAGE)

    # content ---------------------------------------------------------------------------
    def write(self) -> bytes:
        self.setup()
        doc = self.doc
        self.paragraph("ML Title", [d.Run(doc.title)])
        self.paragraph("ML Subtitle", [d.Run(doc.subtitle)])
        self.paragraph("ML Edition", [d.Run(doc.edition)])
        self.page_break()
        self.contents()
        self.page_break()
        for part in doc.parts:
            self.part(part)
        self.properties()
        settings = self.docx.settings.element
        settings.append(_el("w:updateFields", val="true"))
        return self.save()

    def contents(self) -> None:
        """A TOC field whose cached result is the list of headings: Word refreshes it with page
        numbers on open; LibreOffice and PDF converters show the cached list."""
        self.paragraph("ML Contents Heading", [d.Run(self.doc.contents_title)])
        entries: list[tuple[str, str]] = []
        for part in self.doc.parts:
            entries.append(("ML Contents 1", part.title))
            entries.extend(("ML Contents 2", s.title) for s in part.sections)
        for index, (style, text) in enumerate(entries):
            paragraph = self.paragraph(style)
            if index == 0:
                for kind in ("begin", "instr", "separate"):
                    run = paragraph.add_run()
                    if kind == "instr":
                        el = _el("w:instrText")
                        el.set(qn("xml:space"), "preserve")
                        el.text = ' TOC \\o "1-2" \\h \\z \\u '
                        run._r.append(el)  # noqa: SLF001
                    else:
                        attrs = {"fldCharType": kind}
                        if kind == "begin":
                            attrs["dirty"] = "true"
                        run._r.append(_el("w:fldChar", **attrs))  # noqa: SLF001
            self.runs(paragraph, [d.Run(text)])
            if index == len(entries) - 1:
                paragraph.add_run()._r.append(_el("w:fldChar", fldCharType="end"))  # noqa: SLF001

    def part(self, part: d.Part) -> None:
        self.paragraph("ML Part", [d.Run(part.title)])
        for para in part.intro:
            self.paragraph("ML Body", para.text)
        for block in part.blocks:
            self.block(block)
        for section in part.sections:
            self.bookmark(self.paragraph("ML Section", [d.Run(section.title)]), d.bookmark(section.anchor))
            for block in section.blocks:
                self.block(block)

    def block(self, block: d.Block) -> None:
        if isinstance(block, d.Provision):
            self.provision(block)
        elif isinstance(block, d.Para):
            self.paragraph("ML Body", block.text)
        elif isinstance(block, d.OptionHeading):
            self.paragraph("ML Option", [d.Run(block.text)])
        elif isinstance(block, d.Table):
            self.table(block)
        elif isinstance(block, d.Checklist):
            for item in block.items:
                self.paragraph("ML Checklist", item, label="\u2610")
        elif isinstance(block, d.Note):
            if block.title:
                self.paragraph("ML Note Title", [d.Run(block.title)])
            for para in block.paragraphs:
                self.paragraph("ML Note", para)
            for key, value in block.meta:
                self.paragraph("ML Note", [d.Run(f"{key}: ", italic=True), d.Run(value)])

    def provision(self, block: d.Provision, depth: int = 0) -> None:
        if block.style == "list":
            for child in block.children:
                self.provision(child, 0)
            return
        if block.style == "definition":
            self.paragraph("ML Definition", block.text)
        elif block.style == "bullet":
            self.paragraph("ML Bullet" if depth == 0 else "ML Bullet 2", block.text, label="\u2022")
        else:
            style = {1: "ML Subsection", 2: "ML Paragraph", 3: "ML Subparagraph"}.get(block.level, "ML Subparagraph")
            if block.label is None and block.level == 1:
                self.paragraph("ML Body", block.text)
            else:
                self.paragraph(style, block.text, label=block.label)
        for child in block.children:
            self.provision(child, depth + 1)

    def table(self, block: d.Table) -> None:
        if block.caption:
            self.paragraph("ML Caption", block.caption)
        table = self.docx.add_table(rows=1 + len(block.rows), cols=len(block.columns))
        table.style = self.docx.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        tbl_pr = table._tbl.tblPr  # noqa: SLF001
        width = tbl_pr.find(qn("w:tblW"))
        if width is not None:  # full text width: tools are meant to be filled in
            width.set(qn("w:type"), "pct")
            width.set(qn("w:w"), "5000")
        if self.rtl:
            tbl_pr.append(_el("w:bidiVisual"))
        small = len(block.columns) >= 6  # wide tools in a smaller face, so that words fit their columns
        cell_style = "ML Table Small" if small else "ML Table"
        self._column_widths(table, block, small)
        header_row = table.rows[0]
        header_row._tr.get_or_add_trPr().append(_el("w:tblHeader"))  # noqa: SLF001
        for cell, runs in zip(header_row.cells, block.columns):
            paragraph = cell.paragraphs[0]
            self.style(paragraph, cell_style)
            self.runs(paragraph, [d.Run(r.text, True, r.italic, r.href) for r in runs])
            tc_pr = cell._tc.get_or_add_tcPr()  # noqa: SLF001
            tc_pr.append(_el("w:shd", val="clear", color="auto", fill="DCE3EC"))
        for row, cells in zip(table.rows[1:], block.rows):
            for cell, runs in zip(row.cells, cells):
                paragraph = cell.paragraphs[0]
                self.style(paragraph, cell_style)
                self.runs(paragraph, runs)
        self.paragraph("ML Body")

    @staticmethod
    def _column_widths(table: Any, block: d.Table, small: bool) -> None:
        """Share the text width by how much each column holds (a question column gets room, a score
        column does not), but never below its longest word, which would break words in two."""
        text_width = 16.0
        char_cm = 0.18 if small else 0.21  # bold header text is the widest
        columns = [[block.columns[i]] + [row[i] for row in block.rows] for i in range(len(block.columns))]
        lengths = [sum(len(d.plain(c)) for c in column) for column in columns]
        longest = [max((len(w) for c in column for w in d.plain(c).split()), default=1) for column in columns]
        minimum = [min(word * char_cm + 0.45, text_width / 2) for word in longest]  # + cell margins
        weights = [max(length, sum(lengths) * 0.06, 1) ** 0.75 for length in lengths]
        widths = [max(m, text_width * w / sum(weights)) for m, w in zip(minimum, weights)]
        excess = sum(widths) - text_width
        slack = [w - m for w, m in zip(widths, minimum)]
        if excess > 0 and sum(slack) > 0:
            widths = [w - excess * s / sum(slack) if excess < sum(slack) else m
                      for w, s, m in zip(widths, slack, minimum)]
        grid = table._tbl.tblGrid  # noqa: SLF001
        for index, (column, width_cm) in enumerate(zip(table.columns, widths)):
            width = Cm(width_cm)
            grid.gridCol_lst[index].w = width
            for cell in column.cells:
                cell.width = width

    def properties(self) -> None:
        props = self.docx.core_properties
        date = dt.datetime.fromisoformat(self.doc.date + "T00:00:00")
        props.title = self.doc.title
        props.subject = self.doc.subtitle
        props.language = self.lang
        props.author = "modellaw"
        props.last_modified_by = "modellaw"
        props.keywords = "online child sexual exploitation and abuse; model law; parliamentary oversight"
        props.comments = self.doc.edition
        props.created = date
        props.modified = date
        props.last_printed = date
        props.revision = 1

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Same member order, fixed timestamps, template leftovers dropped: byte-identical output."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in DROP_PARTS:
                continue
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml" or info.filename.endswith(".rels"):
                content = content.replace(b'<Override PartName="/docProps/thumbnail.jpeg" '
                                          b'ContentType="image/jpeg"/>', b"")
                for part in DROP_PARTS:
                    content = _drop_relationship(content, part)
            member = zipfile.ZipInfo(info.filename, ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, content)
    return out.getvalue()


def _drop_relationship(content: bytes, part: str) -> bytes:
    import re

    name = part.split("/", 1)[1] if part.startswith("word/") else part
    return re.sub(rb'<Relationship [^>]*Target="/?' + re.escape(name.encode()) + rb'"[^>]*/>', b"", content)


def write(document: d.Document) -> bytes:
    return DocxWriter(document).write()
