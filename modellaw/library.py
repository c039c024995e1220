"""The clause library: clause files loaded into typed objects, in order, with their positions."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Union

from .errors import Problem, UserError
from .schema import XML_INVALID, did_you_mean
from .yamlsafe import Mapping, Sequence, read

DOCS = ("law", "guide")
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")
PART_PATTERN = re.compile(r"[a-z][a-z0-9-]*")
FILE_PATTERN = re.compile(r"(\d+)-([a-z0-9-]+)\.yaml")
PARAGRAPH_PATTERN = re.compile(r"(pre([1-9]|1[0-9]|20)|op([1-9]|1[0-9]|2[0-2]))")

CLAUSE_KEYS = ("id", "heading", "implements", "sources", "when", "body", "options", "commentary")
PART_KEYS = ("part", "heading", "intro", "clauses")
OPTION_KEYS = ("label", "body", "commentary")
TEXT_KEYS = ("text", "items", "when")
DEFINITION_KEYS = ("define", "term", "text", "when")
TABLE_KEYS = ("caption", "columns", "rows")


@dataclass(frozen=True)
class Pos:
    path: str
    line: int
    col: int


@dataclass(frozen=True)
class Msg:
    """A translatable English source text and where it was written."""

    text: str
    pos: Pos


@dataclass
class Item:
    text: Msg
    items: list[Item] = field(default_factory=list)
    when: str | None = None


@dataclass
class TextBlock:
    text: Msg
    items: list[Item] = field(default_factory=list)
    when: str | None = None


@dataclass
class DefinitionBlock:
    key: str
    term: Msg
    text: Msg
    when: str | None = None


@dataclass
class TableBlock:
    columns: list[Msg]
    rows: list[list[Msg]]
    caption: Msg | None = None
    when: str | None = None
    pos: Pos | None = None


@dataclass
class ChecklistBlock:
    items: list[Msg]
    when: str | None = None


Block = Union[TextBlock, DefinitionBlock, TableBlock, ChecklistBlock]


@dataclass
class Option:
    name: str
    label: Msg
    body: list[Block]
    commentary: Msg | None = None


@dataclass
class Clause:
    id: str
    doc: str
    part: str
    heading: Msg
    implements: list[str]
    sources: list[str]
    body: list[Block]
    options: dict[str, Option]
    commentary: Msg | None
    when: str | None
    pos: Pos


@dataclass
class Part:
    id: str
    doc: str
    heading: Msg
    intro: Msg | None
    clauses: list[Clause]
    pos: Pos


def part_context(part: Part) -> str:
    """The msgctxt of a part's heading and intro: law parts and guide chapters may share an id."""
    return f"{'part' if part.doc == 'law' else 'chapter'}:{part.id}"


@dataclass
class Library:
    root: str
    parts: dict[str, list[Part]]  # by document: "law", "guide"
    clauses: dict[str, Clause]
    definitions: dict[str, DefinitionBlock]
    files: list[str]

    def clauses_of(self, doc: str) -> list[Clause]:
        return [c for p in self.parts[doc] for c in p.clauses]


class _Reader:
    """Turns one parsed clause file into typed objects, collecting every problem on the way."""

    def __init__(self, path: str, doc: str) -> None:
        self.path = path
        self.doc = doc
        self.problems: list[Problem] = []

    def report(self, pos: tuple[int, int], message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], message, hint))

    def pos(self, pos: tuple[int, int]) -> Pos:
        return Pos(self.path, pos[0], pos[1])

    def keys(self, node: Mapping, allowed: tuple[str, ...], what: str) -> None:
        for key in node:
            if key not in allowed:
                self.report(node.pos(key), f"unknown key {key!r} in {what}", did_you_mean(key, allowed))

    def msg(self, node: Mapping, key: str, what: str, required: bool = True) -> Msg | None:
        value = node.get(key)
        pos = node.pos(key)
        if value is None:
            if required:
                self.report((node.line, node.col), f"{what} has no {key!r}", f"add '{key}: …'")
            return None
        if not isinstance(value, str):
            raw = node.raw.get(key)
            if raw is None:
                self.report(pos, f"{what}: {key!r} must be text", "quote the value")
                return None
            value = raw
        return self.text(value, pos, f"{what}: {key!r}")

    def text(self, value: object, pos: tuple[int, int], what: str) -> Msg | None:
        if not isinstance(value, str):
            self.report(pos, f"{what} must be text", "quote the value")
            return None
        value = value.strip()
        bad = XML_INVALID.search(value)
        if bad:
            self.report(pos, f"{what} contains the character U+{ord(bad.group()):04X}, which documents cannot hold",
                        "remove it")
            return None
        if not value:
            self.report(pos, f"{what} is empty", "write the text")
            return None
        return Msg(value, self.pos(pos))

    def when(self, node: Mapping, what: str) -> str | None:
        value = node.get("when")
        if value is None:
            return None
        if not isinstance(value, str):
            self.report(node.pos("when"), f"{what}: 'when' must be an expression in quotes",
                        "e.g. when: \"jurisdiction.federal\"")
            return None
        return value

    def part(self, node: object, order: str) -> Part | None:
        if not isinstance(node, Mapping):
            self.report((1, 1), "a clause file must be a map with 'part', 'heading' and 'clauses'", "see docs/authoring.md")
            return None
        self.keys(node, PART_KEYS, "the part")
        part_id = node.get("part")
        if not isinstance(part_id, str) or not PART_PATTERN.fullmatch(part_id):
            self.report(node.pos("part"), f"part id {part_id!r} is missing or not [a-z][a-z0-9-]*",
                        f"use the file name without its number: part: {order}")
            part_id = order
        heading = self.msg(node, "heading", f"part {part_id}")
        intro = self.msg(node, "intro", f"part {part_id}", required=False)
        clauses_node = node.get("clauses")
        clauses: list[Clause] = []
        if not isinstance(clauses_node, Sequence) or not clauses_node:
            self.report(node.pos("clauses"), f"part {part_id} has no clauses", "add a 'clauses:' list")
        else:
            for child in clauses_node:
                clause = self.clause(child, part_id)
                if clause:
                    clauses.append(clause)
        if heading is None:
            return None
        return Part(part_id, self.doc, heading, intro, clauses, self.pos((node.line, node.col)))

    def clause(self, node: object, part_id: str) -> Clause | None:
        if not isinstance(node, Mapping):
            self.report((getattr(node, "line", 1), 1), "a clause must be a map", "start it with '- id: …'")
            return None
        self.keys(node, CLAUSE_KEYS, "a clause")
        cid = node.get("id")
        if not isinstance(cid, str) or not ID_PATTERN.fullmatch(cid):
            self.report(node.pos("id"), f"clause id {cid!r} is missing or not dotted lower-case",
                        "e.g. id: offence.grooming")
            return None
        what = f"clause {cid}"
        heading = self.msg(node, "heading", what)
        implements = self.strings(node, "implements", what)
        for i, ref in enumerate(implements):
            if not PARAGRAPH_PATTERN.fullmatch(ref):
                seq = node["implements"]
                self.report(seq.item_pos[i], f"{what}: {ref!r} is not a paragraph of the resolution",
                            "use pre1 … pre20 or op1 … op22")
        sources = self.strings(node, "sources", what)
        body = self.blocks(node.get("body"), node.pos("body"), what) if "body" in node else []
        options: dict[str, Option] = {}
        opt_node = node.get("options")
        if opt_node is not None:
            if not isinstance(opt_node, Mapping) or not opt_node:
                self.report(node.pos("options"), f"{what}: 'options' must map option names to options",
                            "e.g. options: { strict: { label: …, body: [ … ] } }")
            else:
                for name, option in opt_node.items():
                    parsed = self.option(name, option, opt_node.pos(name), what)
                    if parsed:
                        options[name] = parsed
        if not body and not options:
            self.report((node.line, node.col), f"{what} has neither 'body' nor 'options'", "add a body")
        commentary = self.msg(node, "commentary", what, required=False)
        if heading is None:
            return None
        return Clause(cid, self.doc, part_id, heading, implements, sources, body, options, commentary,
                      self.when(node, what), self.pos((node.line, node.col)))

    def strings(self, node: Mapping, key: str, what: str) -> list[str]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.report(node.pos(key), f"{what}: {key!r} must be a list of text", f"e.g. {key}: [\"…\"]")
            return []
        return list(value)

    def option(self, name: str, node: object, pos: tuple[int, int], what: str) -> Option | None:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            self.report(pos, f"{what}: option name {name!r} must be lower-case", "e.g. ordered")
        if not isinstance(node, Mapping):
            self.report(pos, f"{what}: option {name!r} must be a map with 'label' and 'body'", "")
            return None
        self.keys(node, OPTION_KEYS, f"option {name!r}")
        # A label is optional (DESIGN.md's contract has none): the option's name then stands for it.
        label = self.msg(node, "label", f"{what} option {name!r}", required=False) or Msg(
            name.replace("_", " ").capitalize(), self.pos(pos))
        body = self.blocks(node.get("body"), node.pos("body"), f"{what} option {name!r}")
        commentary = self.msg(node, "commentary", f"{what} option {name!r}", required=False)
        return Option(name, label, body, commentary)

    def blocks(self, node: object, pos: tuple[int, int], what: str) -> list[Block]:
        if not isinstance(node, Sequence):
            self.report(pos, f"{what}: 'body' must be a list of blocks", "each block starts with '- text: …'")
            return []
        out: list[Block] = []
        for child, child_pos in zip(node, node.item_pos):
            block = self.block(child, child_pos, what)
            if block is not None:
                out.append(block)
        return out

    def block(self, node: object, pos: tuple[int, int], what: str) -> Block | None:
        if not isinstance(node, Mapping):
            self.report(pos, f"{what}: a body block must be a map", "write '- text: …'")
            return None
        if "define" in node:
            self.keys(node, DEFINITION_KEYS, "a definition")
            key = node.get("define")
            term = self.msg(node, "term", f"{what} definition")
            text = self.msg(node, "text", f"{what} definition")
            if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", key):
                self.report(node.pos("define"), f"{what}: definition key {key!r} must be lower-case", "e.g. define: csam")
                return None
            if term and text:
                return DefinitionBlock(key, term, text, self.when(node, what))
            return None
        if "table" in node:
            self.keys(node, ("table", "when"), "a table block")
            return self.table(node["table"], node.pos("table"), what, self.when(node, what))
        if "checklist" in node:
            self.keys(node, ("checklist", "when"), "a checklist block")
            items = node["checklist"]
            if not isinstance(items, Sequence) or not items:
                self.report(node.pos("checklist"), f"{what}: 'checklist' must be a list of items", "- \"…\"")
                return None
            msgs = [self.text(v, p, f"{what} checklist item") for v, p in zip(items, items.item_pos)]
            return ChecklistBlock([m for m in msgs if m], self.when(node, what))
        self.keys(node, TEXT_KEYS, "a body block")
        text = self.msg(node, "text", what)
        items = self.items(node.get("items"), node.pos("items"), what) if "items" in node else []
        if text is None:
            return None
        return TextBlock(text, items, self.when(node, what))

    def items(self, node: object, pos: tuple[int, int], what: str, depth: int = 1) -> list[Item]:
        if not isinstance(node, Sequence):
            self.report(pos, f"{what}: 'items' must be a list", "each item starts with '- text: …'")
            return []
        if depth > 3:
            self.report(pos, f"{what}: items nest at most three levels deep", "split the provision")
            return []
        out: list[Item] = []
        for child, child_pos in zip(node, node.item_pos):
            if isinstance(child, str):
                msg = self.text(child, child_pos, f"{what} item")
                if msg:
                    out.append(Item(msg))
                continue
            if not isinstance(child, Mapping):
                self.report(child_pos, f"{what}: an item must be text or a map with 'text'", "")
                continue
            self.keys(child, TEXT_KEYS, "an item")
            text = self.msg(child, "text", f"{what} item")
            sub = self.items(child.get("items"), child.pos("items"), what, depth + 1) if "items" in child else []
            if text:
                out.append(Item(text, sub, self.when(child, what)))
        return out

    def table(self, node: object, pos: tuple[int, int], what: str, when: str | None) -> TableBlock | None:
        if not isinstance(node, Mapping):
            self.report(pos, f"{what}: 'table' must be a map with 'columns' and 'rows'", "")
            return None
        self.keys(node, TABLE_KEYS, "a table")
        caption = self.msg(node, "caption", f"{what} table", required=False)
        cols = node.get("columns")
        rows = node.get("rows")
        if not isinstance(cols, Sequence) or not cols:
            self.report(node.pos("columns"), f"{what}: a table needs 'columns'", "columns: [\"…\", \"…\"]")
            return None
        columns = [self.text(v, p, f"{what} column") for v, p in zip(cols, cols.item_pos)]
        if not isinstance(rows, Sequence) or not rows:
            self.report(node.pos("rows"), f"{what}: a table needs 'rows'", "rows: [[\"…\", \"…\"]]")
            return None
        out_rows: list[list[Msg]] = []
        for row, row_pos in zip(rows, rows.item_pos):
            if not isinstance(row, Sequence) or len(row) != len(cols):
                self.report(row_pos, f"{what}: each table row needs {len(cols)} cells",
                            "one cell for each column, \"\" for an empty one")
                continue
            cells: list[Msg] = []
            for v, p in zip(row, row.item_pos):
                # an empty cell is a place for the committee to write in, not a message to translate
                cell = (Msg("", Pos(self.path, p[0], p[1])) if v == "" or v is None
                        else self.text(v if isinstance(v, str) else str(v), p, f"{what} table cell"))
                if cell is not None:
                    cells.append(cell)
            if len(cells) == len(cols):
                out_rows.append(cells)
        if not all(columns):
            return None
        return TableBlock(columns, out_rows, caption, when, Pos(self.path, pos[0], pos[1]))  # type: ignore[arg-type]


def load(root: str) -> Library:
    """Load every clause file under ``root/clauses``; raise one UserError listing every problem."""
    problems: list[Problem] = []
    parts: dict[str, list[Part]] = {d: [] for d in DOCS}
    files: list[str] = []
    for doc in DOCS:
        folder = os.path.join(root, "clauses", doc)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".yaml"):
                continue
            shown = f"clauses/{doc}/{name}"
            match = FILE_PATTERN.fullmatch(name)
            if not match:
                problems.append(Problem(shown, 0, 0, "clause file name is not NN-name.yaml",
                                        "e.g. 02-offences.yaml; the number orders the parts"))
                continue
            files.append(os.path.join(folder, name))
            try:
                node = read(os.path.join(folder, name), shown, root)
            except UserError as err:
                problems.extend(err.problems)
                continue
            reader = _Reader(shown, doc)
            part = reader.part(node, match.group(2))
            problems.extend(reader.problems)
            if part:
                parts[doc].append(part)
    clauses: dict[str, Clause] = {}
    definitions: dict[str, DefinitionBlock] = {}
    for doc in DOCS:
        part_ids: dict[str, Pos] = {}
        for part in parts[doc]:
            if part.id in part_ids:
                first = part_ids[part.id]
                problems.append(Problem(part.pos.path, part.pos.line, part.pos.col, f"duplicate part id {part.id!r}",
                                        f"already used in {first.path}"))
            part_ids[part.id] = part.pos
            for clause in part.clauses:
                if clause.id in clauses:
                    first = clauses[clause.id].pos
                    problems.append(Problem(clause.pos.path, clause.pos.line, clause.pos.col,
                                            f"duplicate clause id {clause.id!r}",
                                            f"already used at {first.path}:{first.line}; ids are unique across the library"))
                    continue
                clauses[clause.id] = clause
                for block in all_blocks(clause):
                    if isinstance(block, DefinitionBlock):
                        if block.key in definitions:
                            first = definitions[block.key].term.pos
                            problems.append(Problem(block.term.pos.path, block.term.pos.line, block.term.pos.col,
                                                    f"term {block.key!r} is defined twice",
                                                    f"first defined at {first.path}:{first.line}"))
                        definitions[block.key] = block
    if not parts["law"] and not problems:
        problems.append(Problem(os.path.join("clauses", "law"), 0, 0, "no clause files found",
                                "run modellaw in a folder with clauses/, or pass --root"))
    if problems:
        raise UserError(problems)
    return Library(root, parts, clauses, definitions, files)


def all_blocks(clause: Clause) -> list[Block]:
    blocks = list(clause.body)
    for option in clause.options.values():
        blocks.extend(option.body)
    return blocks


def iter_messages(clause: Clause) -> list[tuple[Msg, str]]:
    """Every translatable text of a clause, with its msgctxt, in reading order."""
    out: list[tuple[Msg, str]] = [(clause.heading, clause.id)]

    def items(seq: list[Item]) -> None:
        for item in seq:
            out.append((item.text, clause.id))
            items(item.items)

    def blocks(seq: list[Block]) -> None:
        for block in seq:
            if isinstance(block, TextBlock):
                out.append((block.text, clause.id))
                items(block.items)
            elif isinstance(block, DefinitionBlock):
                out.append((block.term, f"term:{block.key}"))
                out.append((block.text, clause.id))
            elif isinstance(block, TableBlock):
                if block.caption:
                    out.append((block.caption, clause.id))
                out.extend((c, clause.id) for c in block.columns)
                out.extend((c, clause.id) for row in block.rows for c in row if c.text)
            elif isinstance(block, ChecklistBlock):
                out.extend((m, clause.id) for m in block.items)

    blocks(clause.body)
    for option in clause.options.values():
        out.append((option.label, clause.id))
        blocks(option.body)
        if option.commentary:
            out.append((option.commentary, f"{clause.id}#commentary"))
    if clause.commentary:
        out.append((clause.commentary, f"{clause.id}#commentary"))
    return out
