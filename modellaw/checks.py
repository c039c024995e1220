"""Cross-file validation: what no single file can tell about itself.

References, defined terms, keys of the model jurisdiction, options, conditions, catalogs, and a
trial assembly of every edition so that errors that only show at render time are found too.
"""
from __future__ import annotations

from collections import Counter

from .errors import Problem, UserError
from .jurisdiction import INSTRUMENTS, Jurisdiction
from .library import Clause, Item, Library, Msg, TextBlock, all_blocks, iter_messages
from .schema import did_you_mean
from .templating import calls, check_expression, check_syntax

KEYED_CALLS = {"inst": "institutions", "law": "laws", "period": "periods", "age": "ages"}


def _whens(clause: Clause) -> list[tuple[str, Msg | None]]:
    out: list[tuple[str, Msg | None]] = [(clause.when, None)] if clause.when else []

    def items(seq: list[Item]) -> None:
        for item in seq:
            if item.when:
                out.append((item.when, item.text))
            items(item.items)

    for block in all_blocks(clause):
        if block.when:
            out.append((block.when, getattr(block, "text", None)))
        if isinstance(block, TextBlock):
            items(block.items)
    return out


def check_library(library: Library, model: Jurisdiction) -> list[Problem]:
    problems: list[Problem] = []
    used_terms: Counter[str] = Counter()
    law_ids = {c.id for c in library.clauses_of("law")}
    parts = {p.id for doc in library.parts.values() for p in doc}

    def report(msg: Msg, message: str, hint: str) -> None:
        problems.append(Problem(msg.pos.path, msg.pos.line, msg.pos.col, message, hint))

    for clause in library.clauses.values():
        for msg, _ctxt in iter_messages(clause):
            error = check_syntax(msg.text)
            if error:
                report(msg, f"clause {clause.id}: template syntax: {error}", "write {{ function('key') }}")
                continue
            for func, key in calls(msg.text):
                if func in ("ref", "has") and key not in library.clauses:
                    report(msg, f"clause {clause.id}: {func}() to unknown clause {key!r}",
                           did_you_mean(key, list(library.clauses)))
                elif func == "lawref" and key not in law_ids:
                    report(msg, f"clause {clause.id}: lawref() to {key!r}, which is not a clause of the law",
                           did_you_mean(key, sorted(law_ids)))
                elif func == "partref" and key not in parts:
                    report(msg, f"clause {clause.id}: partref() to unknown part {key!r}", did_you_mean(key, sorted(parts)))
                elif func == "term":
                    used_terms[key] += 1
                    if key not in library.definitions:
                        report(msg, f"clause {clause.id}: term {key!r} is used but never defined",
                               did_you_mean(key, sorted(library.definitions)) + "; define it in the definitions section")
                elif func == "penalty" and key not in (model.data.get("penalties", {}).get("scale") or {}):
                    report(msg, f"clause {clause.id}: penalty {key!r} is not in the scale of jurisdictions/model.yaml",
                           did_you_mean(key, sorted(model.data["penalties"]["scale"])))
                elif func == "status" and key not in INSTRUMENTS:
                    report(msg, f"clause {clause.id}: status of unknown instrument {key!r}", did_you_mean(key, INSTRUMENTS))
                elif func in KEYED_CALLS:
                    section = model.data.get(KEYED_CALLS[func]) or {}
                    if key not in section:
                        report(msg, f"clause {clause.id}: {func}({key!r}) is not declared in jurisdictions/model.yaml",
                               did_you_mean(key, sorted(section)) + f"; or add it under {KEYED_CALLS[func]}:")
        for expression, where in _whens(clause):
            error = check_expression(expression)
            if error:
                pos = where.pos if where else clause.pos
                problems.append(Problem(pos.path, pos.line, pos.col,
                                        f"clause {clause.id}: condition {expression!r} does not compile: {error}",
                                        "write a Jinja expression, e.g. jurisdiction.parliament.chambers == 2"))
    for key, block in library.definitions.items():
        if used_terms[key] == 0:
            pos = block.term.pos
            problems.append(Problem(pos.path, pos.line, pos.col, f"defined term {key!r} is never used",
                                    f"use it with {{{{ term('{key}') }}}} or remove the definition"))
    return problems


def check_jurisdiction(library: Library, jur: Jurisdiction) -> list[Problem]:
    problems: list[Problem] = []
    for cid, option in jur.options.items():
        pos = jur.position(f"options.{cid}")
        clause = library.clauses.get(cid)
        if clause is None:
            problems.append(Problem(jur.path, pos[0], pos[1], f"options: no clause {cid!r}",
                                    did_you_mean(cid, [c for c, v in library.clauses.items() if v.options])))
        elif not clause.options:
            problems.append(Problem(jur.path, pos[0], pos[1], f"options: clause {cid} offers no options",
                                    "remove this line"))
        elif option not in clause.options:
            problems.append(Problem(jur.path, pos[0], pos[1], f"options: clause {cid} offers no option {option!r}",
                                    did_you_mean(option, list(clause.options))))
    for cid in jur.excluded:
        if cid not in library.clauses:
            pos = jur.position("clauses.exclude")
            problems.append(Problem(jur.path, pos[0], pos[1], f"clauses.exclude: no clause {cid!r}",
                                    did_you_mean(cid, list(library.clauses))))
    return problems


def trial_assembly(library: Library, jurisdictions: list[Jurisdiction], root: str) -> list[Problem]:
    """Assemble every document of every edition in memory: errors that show only at render time."""
    from .assemble import Edition, assemble, plan
    from .i18n import translator

    problems: list[Problem] = []
    seen: set[str] = set()
    for jur in jurisdictions:
        for locale in jur.locales:
            try:
                edition = Edition(library, jur, locale, translator(root, locale))
                law = plan(library, jur, "law", locale)
                for doc in ("law", "guide"):
                    if library.parts[doc]:
                        assemble(edition, doc, law)
            except UserError as err:
                for problem in err.problems:  # one report per place, not one per edition
                    where = f"{problem.path}:{problem.line}:{problem.col}"
                    if where not in seen:
                        seen.add(where)
                        problems.append(problem)
    return problems

