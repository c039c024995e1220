"""The engine's own words (headings, labels, units, penalty phrases), as gettext messages.

Each value is an English msgid with ``{name}`` placeholders; the key is its msgctxt ("ui:<key>").
They are extracted into the same catalog as the clause text, so one PO file per language holds
everything a translator needs.
"""
from __future__ import annotations

LABELS: dict[str, str] = {
    "law.title": "Model law on online child sexual exploitation and abuse",
    "guide.title": "Parliamentary oversight guide on online child sexual exploitation and abuse",
    "law.short": "Model law",
    "guide.short": "Oversight guide",
    "edition": "{country} edition, {date}",
    "model.edition": "Model edition, {date}",
    "subtitle": "Answering operative paragraphs 12 and 13 of the resolution of the 143rd Assembly of the Inter-Parliamentary Union (Madrid, 2021)",
    "draft": "Draft for consultation",
    "arrangement": "Arrangement of sections",
    "arrangement.article": "Arrangement of articles",
    "contents": "Contents",
    "toc.update": "Right-click and choose Update Field to show page numbers.",
    "page": "Page {page} of {total}",
    "part": "Part {number}",
    "chapter": "Chapter {number}",
    "unit.section": "section {number}",
    "unit.article": "article {number}",
    "heading.section": "{number}. {heading}",
    "heading.article": "Article {number}. {heading}",
    "heading.guide": "{number} {heading}",
    "subsection": "subsection {number}",
    "paragraph": "paragraph {number}",
    "of.act": "{ref} of the {act}",
    "of.act.short": "{ref} of the Act",
    "act": "{title} Act, {year}",
    "lawref.excluded": "the model law's provision on {heading} (not in this edition of the bill)",
    "option": "Option {letter}",
    "option.note": "Each State chooses one option.",
    "commentary": "Commentary",
    "implements": "Implements",
    "sources": "Sources",
    "none": "none",
    "preamble.para": "Preamble ({number})",
    "operative.para": "Operative paragraph {number}",
    "annex.coverage": "Annex A. Resolution paragraphs implemented by this edition",
    "annex.coverage.intro": "The table lists each paragraph of the resolution and the provisions of this edition that implement it. Paragraphs addressed to the Inter-Parliamentary Union or to parliaments rather than to legislation are answered by the parliamentary oversight guide.",
    "annex.sources": "Annex B. Sources of each provision",
    "annex.sources.intro": "The table lists, for each provision of this edition, the articles of international and national instruments it draws on.",
    "col.paragraph": "Paragraph of the resolution",
    "col.provisions": "Provisions",
    "col.provision": "Provision",
    "col.sources": "Instruments",
    "uncovered": "not covered by this edition",
    "to.guide": "answered by the oversight guide",
    "penalty.prison": "imprisonment for a term not exceeding {years}",
    "penalty.life": "imprisonment for life",
    "penalty.fine": "a fine not exceeding {amount}",
    "penalty.turnover": "a fine not exceeding {amount} or {percent} of the worldwide annual turnover, whichever is higher",
    "penalty.turnover.only": "a fine not exceeding {percent} of the worldwide annual turnover",
    "penalty.both": "{first}, {second}, or both",
    "amount.placeholder": "[amount]",
    "status.ratified": "ratified",
    "status.signed": "signed, not ratified",
    "status.not_party": "not a party",
}


def placeholders(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
