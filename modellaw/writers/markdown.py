"""Document → CommonMark (with GFM pipe tables and task lists). Right-to-left documents are
wrapped in a ``dir="rtl"`` block so that renderers set the direction."""
from __future__ import annotations

import re

from .. import document as d

_SPECIAL = re.compile(r"([\\`*_<>]|\]\(|^[#>+-]|^\d+[.)])")


def escape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        s = match.group(0)
        return "\\" + s
    return _SPECIAL.sub(one, text)


def inline(runs: d.Inline) -> str:
    out = []
    for run in runs:
        text = escape(run.text)
        if not text.strip():
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        core = text.strip()
        if run.italic:
            core = f"*{core}*"
        if run.bold:
            core = f"**{core}**"
        if run.href:
            core = f"[{core}]({run.href})"
        out.append(lead + core + trail)
    return "".join(out).replace("\n", " ")


def heading(text: str) -> str:
    """Heading text: a leading "12." cannot start a list here, so it needs no escape."""
    match = re.match(r"\d+[.)]", text)
    return text[: match.end()] + escape(text[match.end():]) if match else escape(text)


def cell(runs: d.Inline) -> str:
    return inline(runs).replace("|", "\\|") or " "


class MarkdownWriter:
    def __init__(self, document: d.Document) -> None:
        self.doc = document
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def write(self) -> str:
        doc = self.doc
        rtl = doc.direction == "rtl"
        if rtl:
            self.add(f'<div dir="rtl" lang="{doc.locale}">', "")
        self.add(f"# {escape(doc.title)}", "", f"*{escape(doc.subtitle)}*", "", f"*{escape(doc.edition)}*", "")
        self.add(f"## {escape(doc.contents_title)}", "")
        for part in doc.parts:
            self.add(f"- {escape(part.title)}")
            for section in part.sections:
                self.add(f"  - {escape(section.title)}")
        self.add("")
        for part in doc.parts:
            self.part(part)
        if rtl:
            self.add("</div>", "")
        text = "\n".join(self.lines)
        return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"

    def part(self, part: d.Part) -> None:
        self.add(f"## {heading(part.title)}", "")
        for para in part.intro:
            self.add(inline(para.text), "")
        for block in part.blocks:
            self.block(block)
        for section in part.sections:
            self.add(f'<a id="{d.bookmark(section.anchor)}"></a>', "", f"### {heading(section.title)}", "")
            for block in section.blocks:
                self.block(block)

    def block(self, block: d.Block) -> None:
        if isinstance(block, d.Provision):
            if block.style == "list":
                self.items(block.children, 0)
                self.add("")
                return
            if block.style == "definition":
                self.add(inline(block.text), "")
                return
            label = f"{block.label} " if block.label else ""
            self.add(escape(label) + inline(block.text), "")
            self.items(block.children, 0)
            if block.children:
                self.add("")
        elif isinstance(block, d.Para):
            self.add(inline(block.text), "")
        elif isinstance(block, d.OptionHeading):
            self.add(f"**{escape(block.text)}**", "")
        elif isinstance(block, d.Table):
            if block.caption:
                self.add(f"**{inline(block.caption)}**", "")
            self.add("| " + " | ".join(cell(c) for c in block.columns) + " |")
            self.add("|" + "|".join(" --- " for _ in block.columns) + "|")
            for row in block.rows:
                self.add("| " + " | ".join(cell(c) for c in row) + " |")
            self.add("")
        elif isinstance(block, d.Checklist):
            for item in block.items:
                self.add(f"- [ ] {inline(item)}")
            self.add("")
        elif isinstance(block, d.Note):
            lines = [inline(p) for p in block.paragraphs]
            if block.title and lines:
                lines[0] = f"**{escape(block.title)}.** {lines[0]}"
            lines += [f"*{escape(key)}:* {escape(value)}" for key, value in block.meta]
            for index, line in enumerate(lines):
                self.add(*((">",) if index else ()), f"> {line}")
            self.add("")

    def items(self, items: list[d.Provision], depth: int) -> None:
        indent = "  " * depth
        for item in items:
            if item.style == "definition":
                self.add(f"{indent}- {inline(item.text)}")
            else:
                label = f"{escape(item.label)} " if item.label else ""
                self.add(f"{indent}- {label}{inline(item.text)}")
            self.items(item.children, depth + 1)


def write(document: d.Document) -> bytes:
    return MarkdownWriter(document).write().encode("utf-8")
