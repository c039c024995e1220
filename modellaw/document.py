"""The Document tree: pure data, numbered and resolved, that every writer renders.

Writers never see YAML, Jinja or gettext; the assembler never sees DOCX or Markdown.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


Inline = list[Run]


def bookmark(anchor: str) -> str:
    """A name for a section that Word accepts as a bookmark (a letter first, letters, digits and
    underscores, at most 40 characters) and HTML as an id: "offence.grooming" → "s_offence_grooming"."""
    name = "s_" + re.sub(r"[^A-Za-z0-9]", "_", anchor)
    if len(name) > 40:
        name = name[:31] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


def plain(inline: Inline) -> str:
    return "".join(run.text for run in inline)


@dataclass
class Provision:
    """A numbered unit of a law: subsection (level 1), paragraph (2), subparagraph (3).
    ``label`` is None for an unnumbered unit; ``style`` is "provision", "definition" or "bullet"."""

    label: str | None
    text: Inline
    level: int = 1
    style: str = "provision"
    children: list[Provision] = field(default_factory=list)


@dataclass
class Para:
    text: Inline


@dataclass
class OptionHeading:
    text: str


@dataclass
class Table:
    columns: list[Inline]
    rows: list[list[Inline]]
    caption: Inline | None = None


@dataclass
class Checklist:
    items: list[Inline]


@dataclass
class Note:
    """Commentary: explanatory text kept apart from the normative text."""

    title: str
    paragraphs: list[Inline]
    meta: list[tuple[str, str]] = field(default_factory=list)


Block = Union[Provision, Para, OptionHeading, Table, Checklist, Note]


@dataclass
class Section:
    anchor: str
    heading: str
    blocks: list[Block]
    title: str  # the label and heading as printed: "12. Short title" / "Article 12 – Objet"


@dataclass
class Part:
    anchor: str
    label: str  # "Part II" / "Chapter 3" / "" for annexes
    heading: str
    intro: list[Para] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # annexes hold tables directly

    @property
    def title(self) -> str:
        """"Part II — Offences"; an annex has no label."""
        return f"{self.label} — {self.heading}" if self.label else self.heading


@dataclass
class Document:
    kind: str  # "law" or "guide"
    locale: str
    direction: str  # "ltr" or "rtl"
    title: str
    subtitle: str
    edition: str
    header: str
    date: str  # ISO date of the edition
    contents_title: str
    toc_hint: str
    page_label: str  # "Page {page} of {total}", translated
    parts: list[Part]
    country: str
    note_intro: list[Para] = field(default_factory=list)
