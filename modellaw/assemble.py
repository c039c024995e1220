"""Library + jurisdiction + locale → Document: conditions, options, numbering, references, text.

Two steps. ``plan`` selects the clauses of an edition and numbers everything (sections, subsections,
paragraphs) without rendering any text, so that references, including the guide's references into
the law, are known before the first sentence is written. ``assemble`` then translates and renders
each message and builds the Document tree.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit
from jinja2 import TemplateError
from markdown_it import MarkdownIt

from . import document as d
from . import resolution
from .errors import Problem, UserError
from .i18n import Translator, direction, format_locale, quotes
from .jurisdiction import Jurisdiction
from .library import (
    Block,
    ChecklistBlock,
    Clause,
    DefinitionBlock,
    Item,
    Library,
    Msg,
    Option,
    Part,
    TableBlock,
    TextBlock,
    part_context,
)
from .templating import compile_expression, md_escape, render

_MD = MarkdownIt("commonmark")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


# Arabic legislation letters its paragraphs in abjad order: (أ), (ب), (ج) …
ARABIC_LETTERS = ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص",
                  "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ"]


def letter(n: int, locale: str = "en") -> str:
    if locale.startswith("ar"):
        return ARABIC_LETTERS[(n - 1) % len(ARABIC_LETTERS)] * ((n - 1) // len(ARABIC_LETTERS) + 1)
    return LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1)


def item_label(level: int, n: int, locale: str = "en") -> str:
    if level == 2:
        return f"({letter(n, locale)})"
    if level == 3:
        return f"({n})" if locale.startswith("ar") else f"({roman(n).lower()})"
    return f"({letter(n, locale).upper()})"


def part_number(n: int, doc: str, locale: str) -> str:
    """Parts of a law take Roman numerals (Part IV), except in Arabic, which counts in digits."""
    return roman(n) if doc == "law" and not locale.startswith("ar") else str(n)


class HelperError(Exception):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


# --- plan: selection and numbering -------------------------------------------------------

@dataclass
class Numbers:
    """Where one clause stands in an edition, and the map from source positions to numbers."""

    clause: Clause
    number: str
    part_label: str
    numbered: bool = False
    subs: dict[int, str] = field(default_factory=dict)  # source index of a text block → "(n)" number
    items: dict[tuple[int, int], str] = field(default_factory=dict)  # (block, item) → letter
    options: list[Option] = field(default_factory=list)  # shown options (one when chosen)
    chosen: bool = False


@dataclass
class Plan:
    doc: str
    jurisdiction: Jurisdiction
    selected: list[Clause]
    numbers: dict[str, Numbers]
    parts: dict[str, str]  # part id → "Part II" label source numbers ("II" / "3")
    unit: str


def _when_context(jur: Jurisdiction, has: Callable[[str], bool], locale: str) -> dict[str, Any]:
    return {"jurisdiction": jur.data, "model": jur.is_model, "has": has, "locale": locale}


def evaluate(expression: str | None, context: dict[str, Any], where: Msg | None, clause: Clause,
             jur: Jurisdiction, locale: str) -> bool:
    if expression is None:
        return True
    try:
        return bool(compile_expression(expression)(**context))
    except (TemplateError, TypeError, AttributeError, KeyError) as err:
        pos = where.pos if where else clause.pos
        raise UserError(Problem(pos.path, pos.line, pos.col,
                                f"condition {expression!r} of clause {clause.id} failed for {jur.code}/{locale}: {err}",
                                "use the names listed in docs/authoring.md, e.g. jurisdiction.parliament.system")) from None


def plan(library: Library, jur: Jurisdiction, doc: str, locale: str = "en") -> Plan:
    excluded = set(jur.excluded)
    base_has = lambda cid: cid in library.clauses and cid not in excluded  # noqa: E731
    context = _when_context(jur, base_has, locale)
    selected_ids: set[str] = set()
    for cid, clause in library.clauses.items():
        if base_has(cid) and evaluate(clause.when, context, None, clause, jur, locale):
            selected_ids.add(cid)
    has = lambda cid: cid in selected_ids  # noqa: E731
    context = _when_context(jur, has, locale)
    selected: list[Clause] = []
    numbers: dict[str, Numbers] = {}
    parts: dict[str, str] = {}
    unit = jur.data.get("drafting", {}).get("unit", "section")
    section_no = 0
    for part in library.parts[doc]:
        chosen = [c for c in part.clauses if c.id in selected_ids]
        if not chosen:
            continue
        parts[part.id] = part_number(len(parts) + 1, doc, locale)
        for index, clause in enumerate(chosen, start=1):
            section_no += 1
            number = str(section_no) if doc == "law" else f"{len(parts)}.{index}"
            nums = Numbers(clause, number, parts[part.id])
            _number_clause(nums, jur, context, locale)
            numbers[clause.id] = nums
            selected.append(clause)
    return Plan(doc, jur, selected, numbers, parts, unit)


def _number_clause(nums: Numbers, jur: Jurisdiction, context: dict[str, Any], locale: str) -> None:
    clause = nums.clause
    choice = jur.options.get(clause.id)
    if clause.options:
        if choice in clause.options:
            nums.options, nums.chosen = [clause.options[choice]], True
        else:
            nums.options = list(clause.options.values())

    def visible(blocks: list[Block]) -> list[tuple[int, Block]]:
        out, index = [], 0
        for block in blocks:
            if isinstance(block, TextBlock):
                index += 1
            if evaluate(block.when, context, getattr(block, "text", None), clause, jur, locale):
                out.append((index if isinstance(block, TextBlock) else 0, block))
        return out

    common = visible(clause.body)
    common_source = sum(isinstance(b, TextBlock) for b in clause.body)
    shown = [[(i + common_source if i else 0, b) for i, b in visible(o.body)] for o in nums.options]
    counted = sum(isinstance(b, TextBlock) for _, b in common)
    most = max((sum(isinstance(b, TextBlock) for _, b in s) for s in shown), default=0)
    nums.numbered = clause.doc == "law" and counted + most > 1
    for group_start, group in [(0, common)] + [(counted, s) for s in shown]:
        n = group_start
        for source, block in group:
            if not isinstance(block, TextBlock):
                continue
            n += 1
            nums.subs.setdefault(source, str(n))
            m = 0
            for k, item in enumerate(block.items, start=1):
                if evaluate(item.when, context, item.text, clause, jur, locale):
                    m += 1
                    nums.items.setdefault((source, k), letter(m, locale))


# --- assemble: translate, render, build the tree -----------------------------------------

@dataclass
class Edition:
    library: Library
    jurisdiction: Jurisdiction
    locale: str
    translate: Translator
    commentary: bool = True


class Renderer:
    """Renders the messages of one document of one edition; holds the helpers clause text calls."""

    def __init__(self, edition: Edition, plan_: Plan, law_plan: Plan) -> None:
        self.e = edition
        self.plan = plan_
        self.law_plan = law_plan
        self.jur = edition.jurisdiction
        self.locale = edition.locale
        self.fmt = format_locale(edition.locale)
        self.tr = edition.translate
        self.current: Clause | None = None
        self.to_fill: set[str] = set()
        self.act_named: set[str] = set()  # sections of the guide that have named the Act in full
        self.context: dict[str, Any] = {
            "jurisdiction": self.jur.data, "model": self.jur.is_model, "locale": self.locale,
            "ref": self.ref, "lawref": self.lawref, "partref": self.partref, "term": self.term,
            "inst": self.inst, "law": self.law, "penalty": self.penalty, "age": self.age,
            "period": self.period, "act": self.act, "country": self.country, "parliament": self.parliament,
            "committee": self.committee, "budget_committee": self.budget_committee, "house": self.house,
            "has": self.has, "status": self.status,
        }

    # values ----------------------------------------------------------------------------
    def localised(self, value: Any) -> str:
        if isinstance(value, dict):
            for key in (self.locale, self.locale.split("_")[0], "en"):
                if key in value:
                    return str(value[key])
            return str(next(iter(value.values())))
        return str(value)

    def fact(self, dotted: str, required: bool = True) -> tuple[Any, bool]:
        value, own = self.jur.lookup(dotted)
        if value is None and required:
            raise HelperError(f"{dotted} is not set in jurisdictions/model.yaml",
                              "add it to model.yaml, or use a key listed there")
        if not own and not self.jur.is_model:
            self.to_fill.add(dotted)
        return value, own

    def bracket(self, text: str, own: bool) -> str:
        return text if own else f"[{text}]"

    def text_fact(self, dotted: str) -> str:
        value, _ = self.fact(dotted)
        return md_escape(self.localised(value))

    # helpers callable from clause text ----------------------------------------------------
    def inst(self, key: str) -> str:
        return self.text_fact(f"institutions.{key}")

    def law(self, key: str) -> str:
        return self.text_fact(f"laws.{key}")

    def country(self) -> str:
        return self.text_fact("name")

    def parliament(self) -> str:
        return self.text_fact("parliament.name")

    def committee(self) -> str:
        return self.text_fact("parliament.committee")

    def budget_committee(self) -> str:
        return self.text_fact("parliament.budget_committee")

    def house(self, n: int) -> str:
        houses, _ = self.fact("parliament.houses")
        if not isinstance(houses, list) or not 1 <= int(n) <= len(houses):
            raise HelperError(f"house({n}): parliament.houses has {len(houses or [])} entries",
                              "list the chambers under parliament.houses, lower chamber first")
        return md_escape(self.localised(houses[int(n) - 1]))

    def act_plain(self) -> str:
        title, own_title = self.fact("drafting.act_title")
        year, own_year = self.fact("drafting.year")
        return self.tr.label("act", title=self.bracket(self.localised(title), own_title),
                             year=self.bracket(str(year), own_year))

    def act(self) -> str:
        return md_escape(self.act_plain())

    def age(self, key: str) -> str:
        value, own = self.fact(f"ages.{key}")
        return md_escape(self.bracket(format_decimal(value, locale=self.fmt), own))

    def period(self, key: str) -> str:
        value, own = self.fact(f"periods.{key}")
        unit = "duration-" + value["unit"].removesuffix("s")
        return md_escape(self.duration(value["value"], unit, own))

    def money(self, amount: Any, own: bool) -> str:
        currency, _ = self.jur.lookup("penalties.currency")
        if amount is None or not currency:
            return self.tr.label("amount.placeholder")
        pattern = Locale.parse(self.fmt).currency_formats["standard"].pattern.replace(".00", "")
        text = format_currency(amount, currency, format=pattern, locale=self.fmt, currency_digits=False)
        return self.bracket(text, own)

    def duration(self, value: int, unit: str, own: bool) -> str:
        """"24 hours" in the locale's words; the number bracketed when it is the model's."""
        text = format_unit(value, unit, length="long", locale=self.fmt)
        if own:
            return text
        number = format_decimal(value, locale=self.fmt)
        return text.replace(number, f"[{number}]", 1)

    def penalty(self, key: str) -> str:
        scale, own = self.fact(f"penalties.scale.{key}")
        parts: list[str] = []
        if scale.get("life"):
            parts.append(self.tr.label("penalty.life"))
        elif scale.get("prison_years"):
            years = self.duration(scale["prison_years"], "duration-year", own)
            parts.append(self.tr.label("penalty.prison", years=years))
        percent = scale.get("fine_turnover_percent")
        fine = self.money(scale.get("fine"), own)
        if percent:
            shown = self.bracket(format_percent(percent / 100, locale=self.fmt), own)
            if scale.get("fine") is None and self.jur.lookup("penalties.currency")[0] is None and not parts:
                parts.append(self.tr.label("penalty.turnover", amount=fine, percent=shown))
            elif scale.get("fine") is None:
                parts.append(self.tr.label("penalty.turnover.only", percent=shown))
            else:
                parts.append(self.tr.label("penalty.turnover", amount=fine, percent=shown))
        elif "fine" in scale:
            parts.append(self.tr.label("penalty.fine", amount=fine))
        if not parts:
            raise HelperError(f"penalty {key!r} has neither imprisonment nor a fine", "set prison_years or fine")
        if len(parts) == 1:
            return md_escape(parts[0])
        return md_escape(self.tr.label("penalty.both", first=parts[0], second=parts[1]))

    def status(self, key: str) -> str:
        value, _ = self.fact(f"instruments.{key}")
        return md_escape(self.tr.label(f"status.{value}"))

    def term(self, key: str) -> str:
        block = self.e.library.definitions.get(key)
        if block is None:
            raise HelperError(f"term {key!r} is not defined", "define it in the definitions section")
        return md_escape(self.tr(block.term.text, f"term:{key}"))

    def has(self, cid: str) -> bool:
        if cid not in self.e.library.clauses:
            raise HelperError(f"has({cid!r}): no such clause", "check the clause id")
        return cid in self.plan.numbers or cid in self.law_plan.numbers

    def partref(self, part_id: str) -> str:
        if part_id not in self.plan.parts:
            raise HelperError(f"partref({part_id!r}): no such part in this edition", "check the part id")
        key = "part" if self.plan.doc == "law" else "chapter"
        return md_escape(self.tr.label(key, number=self.plan.parts[part_id]))

    def _ref(self, target_plan: Plan, cid: str, sub: tuple[Any, ...], same_doc: bool) -> str:
        if cid not in self.e.library.clauses:
            raise HelperError(f"reference to unknown clause {cid!r}", "check the clause id")
        nums = target_plan.numbers.get(cid)
        if nums is None:
            source = self.current.id if self.current else "?"
            raise HelperError(f"clause {source} refers to {cid}, which is excluded from this edition",
                              f"exclude {source} too, or keep {cid}")
        suffix = ""
        if sub:
            index = int(sub[0])
            if index not in nums.subs:
                raise HelperError(f"{cid} has no subsection {index} in this edition", "check the reference")
            if nums.numbered:
                suffix = f"({nums.subs[index]})"
            if len(sub) > 1:
                item = sub[1]
                k = LETTERS.index(item) + 1 if isinstance(item, str) else int(item)  # source letters are Latin
                if (index, k) not in nums.items:
                    raise HelperError(f"{cid} has no paragraph {item} in subsection {index}", "check the reference")
                suffix += f"({nums.items[(index, k)]})"
        if same_doc and self.current is not None and cid == self.current.id and suffix:
            key = "subsection" if nums.numbered else "paragraph"
            return md_escape(self.tr.label(key, number=suffix))
        unit = "unit.article" if target_plan.unit == "article" and target_plan.doc == "law" else "unit.section"
        return md_escape(self.tr.label(unit, number=nums.number + suffix))

    def ref(self, cid: str, *sub: Any) -> str:
        """A cross-reference, linked to the section it cites (a Word hyperlink to a bookmark)."""
        return f"[{self._ref(self.plan, cid, sub, True)}](#{d.bookmark(cid)})"

    def lawref(self, cid: str, *sub: Any) -> str:
        if self.plan.doc == "law":
            return self.ref(cid, *sub)
        # The bill is another document: the guide cites it in words, without a link.
        if cid in self.e.library.clauses and cid not in self.law_plan.numbers:
            # The guide speaks of the model law; a drafter may leave a provision out of the bill.
            heading = self.tr(self.e.library.clauses[cid].heading.text, cid)
            return md_escape(self.tr.label("lawref.excluded", heading=heading))
        inner = self._ref(self.law_plan, cid, sub, False).replace("\\", "")
        # The Act's full title once per section, then "of the Act": a gap-analysis row cites ten sections.
        if self.current is not None and self.current.id in self.act_named:
            return md_escape(self.tr.label("of.act.short", ref=inner))
        if self.current is not None:
            self.act_named.add(self.current.id)
        return md_escape(self.tr.label("of.act", ref=inner, act=self.act_plain()))

    # rendering ---------------------------------------------------------------------------
    def text(self, msg: Msg, context: str) -> str:
        source = self.tr(msg.text, context)
        try:
            return render(source, self.context)
        except HelperError as err:
            raise self._error(msg, str(err), err.hint) from None
        except TemplateError as err:
            raise self._error(msg, f"template error: {err.message or err}",
                              "check the {{ … }} expressions against docs/authoring.md") from None
        except (TypeError, ValueError, KeyError, AttributeError) as err:
            raise self._error(msg, f"template error: {err}", "check the arguments of the function called") from None

    def _error(self, msg: Msg, message: str, hint: str) -> UserError:
        cid = self.current.id if self.current else "?"
        return UserError(Problem(msg.pos.path, msg.pos.line, msg.pos.col,
                                 f"{message} (clause {cid}, jurisdiction {self.jur.code}, locale {self.locale})", hint))

    def inline(self, msg: Msg, context: str) -> d.Inline:
        return parse_inline(self.text(msg, context))


def parse_inline(text: str) -> d.Inline:
    """CommonMark inline markup → runs (bold, italic, links)."""
    runs: list[d.Run] = []
    bold = italic = 0
    href: str | None = None
    tokens = _MD.parseInline(text)
    for token in tokens[0].children or [] if tokens else []:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
        elif kind == "link_close":
            href = None
        elif kind in ("text", "code_inline", "html_inline") and token.content:
            runs.append(d.Run(token.content, bool(bold), bool(italic), href))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(d.Run(" ", bool(bold), bool(italic), href))
    merged: list[d.Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == (run.bold, run.italic, run.href):
            merged[-1] = d.Run(merged[-1].text + run.text, run.bold, run.italic, run.href)
        else:
            merged.append(run)
    return merged


def edition_date(jur: Jurisdiction) -> dt.date:
    own = jur.own.get("drafting", {}).get("edition") if not jur.is_model else None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if own:
        return dt.date.fromisoformat(own)
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.fromisoformat(jur.data["drafting"]["edition"])


def paragraph_label(tr: Translator, paragraph: str) -> str:
    key = "preamble.para" if paragraph.startswith("pre") else "operative.para"
    return tr.label(key, number=resolution.number(paragraph))


class Assembler:
    def __init__(self, edition: Edition, doc: str, plan_: Plan, law_plan: Plan) -> None:
        self.e = edition
        self.doc = doc
        self.plan = plan_
        self.r = Renderer(edition, plan_, law_plan)
        self.tr = edition.translate
        self.context = _when_context(edition.jurisdiction, self.r.has, edition.locale)

    def visible(self, when: str | None, msg: Msg | None, clause: Clause) -> bool:
        return evaluate(when, self.context, msg, clause, self.e.jurisdiction, self.e.locale)

    def document(self) -> d.Document:
        jur, tr, locale = self.e.jurisdiction, self.tr, self.e.locale
        parts: list[d.Part] = []
        for part in self.e.library.parts[self.doc]:
            if part.id not in self.plan.parts:
                continue
            parts.append(self.part(part))
        if self.doc == "law":
            parts.extend(self.annexes())
        date = edition_date(jur)
        shown_date = format_date(date, "long", locale=format_locale(locale))
        edition = (tr.label("model.edition", date=shown_date) if jur.is_model
                   else tr.label("edition", country=self.r.localised(jur.data["name"]), date=shown_date))
        if self.doc == "law":
            title, subtitle = self.r.act_plain(), tr.label("law.title")
            contents = tr.label("arrangement.article" if self.plan.unit == "article" else "arrangement")
        else:
            title, subtitle = tr.label("guide.title"), tr.label("subtitle")
            contents = tr.label("contents")
        short = tr.label("law.short" if self.doc == "law" else "guide.short")
        return d.Document(
            kind=self.doc, locale=locale, direction=direction(locale), title=title, subtitle=subtitle,
            edition=edition, header=f"{short} — {edition}", date=date.isoformat(), contents_title=contents,
            toc_hint=tr.label("toc.update"), page_label=tr.label("page", page="{page}", total="{total}"),
            parts=parts, country=self.r.localised(jur.data["name"]))

    def part(self, part: Part) -> d.Part:
        self.r.current = None
        ctx = part_context(part)
        label_key = "part" if self.doc == "law" else "chapter"
        out = d.Part(part.id, self.tr.label(label_key, number=self.plan.parts[part.id]),
                     self.r.text(part.heading, ctx).replace("\\", ""))
        if part.intro:
            out.intro = [d.Para(p) for p in self.paragraphs(part.intro, ctx)]
        for clause in part.clauses:
            if clause.id in self.plan.numbers:
                out.sections.append(self.section(clause))
        return out

    def paragraphs(self, msg: Msg, ctx: str) -> list[d.Inline]:
        return [parse_inline(p.strip()) for p in self.r.text(msg, ctx).split("\n\n") if p.strip()]

    def section(self, clause: Clause) -> d.Section:
        self.r.current = clause
        nums = self.plan.numbers[clause.id]
        heading = self.r.text(clause.heading, clause.id).replace("\\", "")
        if self.doc == "law":
            key = "heading.article" if self.plan.unit == "article" else "heading.section"
        else:
            key = "heading.guide"
        title = self.tr.label(key, number=nums.number, heading=heading)
        blocks: list[d.Block] = []
        counted = self.blocks(clause, clause.body, nums, 0, blocks)
        source_base = sum(isinstance(b, TextBlock) for b in clause.body)
        for index, option in enumerate(nums.options):
            if not nums.chosen:
                if index == 0:
                    blocks.append(d.Para([d.Run(self.tr.label("option.note"), italic=True)]))
                name = self.tr.label("option", letter=letter(index + 1, self.e.locale).upper())
                label_text = self.r.text(option.label, clause.id).replace("\\", "")
                blocks.append(d.OptionHeading(f"{name} — {label_text}"))
            self.blocks(clause, option.body, nums, source_base, blocks, counted)
        if self.e.commentary:
            note = self.note(clause, nums)
            if note:
                blocks.append(note)
        return d.Section(clause.id, heading, blocks, title)

    def blocks(self, clause: Clause, source: list[Block], nums: Numbers, base: int,
               out: list[d.Block], start: int = 0) -> int:
        index = base
        counted = start
        law = self.doc == "law"
        definitions: list[tuple[str, d.Provision]] = []
        parent: d.Provision | None = None
        for block in source:
            if isinstance(block, TextBlock):
                index += 1
            if not self.visible(block.when, getattr(block, "text", None), clause):
                continue
            if isinstance(block, TextBlock):
                counted += 1
                text = self.r.inline(block.text, clause.id)
                children = self.items(clause, block.items, 2 if law else 0)
                if law:
                    label = f"({nums.subs[index]})" if nums.numbered else None
                    parent = d.Provision(label, text, 1, "provision", children)
                    out.append(parent)
                else:
                    out.append(d.Para(text))
                    if children:
                        out.append(d.Provision(None, [], 0, "list", children))
            elif isinstance(block, DefinitionBlock):
                term = self.tr(block.term.text, f"term:{block.key}")
                open_q, close_q = quotes(self.e.locale)
                body = self.r.inline(block.text, clause.id)
                runs = [d.Run(open_q), d.Run(term, bold=True), d.Run(close_q + " ")] + body
                definitions.append((term.casefold(), d.Provision(None, runs, 2, "definition")))
            elif isinstance(block, TableBlock):
                out.append(self.table(clause, block))
            elif isinstance(block, ChecklistBlock):
                out.append(d.Checklist([self.r.inline(m, clause.id) for m in block.items]))
        if definitions:
            ordered = [p for _, p in sorted(definitions, key=lambda pair: pair[0])]
            if parent is not None:
                parent.children.extend(ordered)
            else:
                out.extend(ordered)
        return counted

    def items(self, clause: Clause, items: list[Item], level: int) -> list[d.Provision]:
        """Paragraphs (a), (b) and subparagraphs (i) in a law (level 2, 3); bullets in the guide (0)."""
        out: list[d.Provision] = []
        n = 0
        for item in items:
            if not self.visible(item.when, item.text, clause):
                continue
            n += 1
            label = item_label(level, n, self.e.locale) if level else None
            children = self.items(clause, item.items, level + 1 if level else 0)
            out.append(d.Provision(label, self.r.inline(item.text, clause.id), max(level, 1),
                                   "provision" if level else "bullet", children))
        return out

    def table(self, clause: Clause, block: TableBlock) -> d.Table:
        cell = lambda m: self.r.inline(m, clause.id) if m.text else []  # noqa: E731
        return d.Table([cell(c) for c in block.columns], [[cell(c) for c in row] for row in block.rows],
                       cell(block.caption) if block.caption else None)

    def note(self, clause: Clause, nums: Numbers) -> d.Note | None:
        paragraphs: list[d.Inline] = []
        if clause.commentary:
            paragraphs.extend(self.paragraphs(clause.commentary, f"{clause.id}#commentary"))
        for index, option in enumerate(nums.options):
            if option.commentary:
                name = self.tr.label("option", letter=letter(index + 1, self.e.locale).upper()) if not nums.chosen else ""
                texts = self.paragraphs(option.commentary, f"{clause.id}#commentary")
                if texts and name:
                    texts[0] = [d.Run(f"{name}. ", bold=True)] + texts[0]
                paragraphs.extend(texts)
        meta = []
        if clause.implements:
            ordered = sorted(clause.implements, key=resolution.sort_key)
            meta.append((self.tr.label("implements"), "; ".join(paragraph_label(self.tr, p) for p in ordered)))
        if clause.sources:
            meta.append((self.tr.label("sources"), "; ".join(clause.sources)))
        if not paragraphs and not meta:
            return None
        return d.Note(self.tr.label("commentary") if paragraphs else "", paragraphs, meta)

    def section_ref(self, cid: str) -> str:
        nums = self.plan.numbers[cid]
        unit = "unit.article" if self.plan.unit == "article" else "unit.section"
        return self.tr.label(unit, number=nums.number)

    def annexes(self) -> list[d.Part]:
        tr = self.tr
        covered: dict[str, list[str]] = {p: [] for p in resolution.ALL}
        for clause in self.plan.selected:
            for paragraph in clause.implements:
                covered.setdefault(paragraph, []).append(self.section_ref(clause.id))
        rows: list[list[d.Inline]] = []
        for paragraph in resolution.ALL:
            refs = covered[paragraph]
            if refs:
                cell = [d.Run(", ".join(refs))]
            elif paragraph in resolution.GUIDE_ONLY:
                cell = [d.Run(tr.label("to.guide"), italic=True)]
            else:
                cell = [d.Run(tr.label("uncovered"), bold=True)]
            rows.append([[d.Run(paragraph_label(tr, paragraph))], cell])
        coverage = d.Part("annex-coverage", "", tr.label("annex.coverage"),
                          [d.Para([d.Run(tr.label("annex.coverage.intro"))])],
                          blocks=[d.Table([[d.Run(tr.label("col.paragraph"))], [d.Run(tr.label("col.provisions"))]], rows)])
        source_rows: list[list[d.Inline]] = []
        for clause in self.plan.selected:
            self.r.current = clause
            heading = self.r.text(clause.heading, clause.id).replace("\\", "")
            source_rows.append([[d.Run(f"{self.section_ref(clause.id)} — {heading}")],
                                [d.Run("; ".join(clause.sources) or tr.label("none"))]])
        sources = d.Part("annex-sources", "", tr.label("annex.sources"),
                         [d.Para([d.Run(tr.label("annex.sources.intro"))])],
                         blocks=[d.Table([[d.Run(tr.label("col.provision"))], [d.Run(tr.label("col.sources"))]], source_rows)])
        return [coverage, sources]


def assemble(edition: Edition, doc: str, law_plan: Plan | None = None) -> tuple[d.Document, set[str]]:
    """One document of one edition, and the jurisdiction values it used that are still the model's."""
    law = law_plan or plan(edition.library, edition.jurisdiction, "law", edition.locale)
    this = law if doc == "law" else plan(edition.library, edition.jurisdiction, doc, edition.locale)
    assembler = Assembler(edition, doc, this, law)
    document = assembler.document()
    to_fill = set(assembler.r.to_fill)
    for nums in this.numbers.values():
        if nums.clause.options and not nums.chosen and not edition.jurisdiction.is_model:
            to_fill.add(f"options.{nums.clause.id}")
    return document, to_fill
