"""Catalogs, the clause extractor, and locale facts (direction, quotes, numbers, dates).

Catalogs are read with Babel's PO reader rather than compiled: a fuzzy or empty translation can
then be told apart from a missing one, and both fall back to English and are counted.
"""
from __future__ import annotations

import io
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .errors import Problem, UserError
from .labels import LABELS
from .library import Library, iter_messages, part_context
from .library import load as load_library
from .yamlsafe import load as load_yaml

DOMAIN = "modellaw"
SOURCE_LOCALE = "en"
# Pinned: Babel's Arabic formula orders the last two forms differently from GNU gettext (TRAPS.md).
ARABIC_PLURALS = ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
                  "n%100>=11 ? 4 : 5);")
QUOTES = {"en": ("\u201c", "\u201d"), "fr": ("\u00ab\u00a0", "\u00a0\u00bb"), "ar": ("\u00ab", "\u00bb")}
EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
MARKUP = re.compile(r"\*\*|\*|`|\]\(|\[|_(?=\w)|(?<=\w)_")


def catalog_path(root: str, locale: str) -> str:
    return os.path.join(root, "locales", locale, "LC_MESSAGES", f"{DOMAIN}.po")


def available_locales(root: str) -> set[str]:
    folder = os.path.join(root, "locales")
    found = {SOURCE_LOCALE}
    if os.path.isdir(folder):
        found |= {name for name in os.listdir(folder) if os.path.isfile(catalog_path(root, name))}
    return found


# Numbers, dates and money follow the usage of international parliamentary documents:
# British English ("15 January 2026"), not Babel's default American English.
FORMAT_LOCALES = {"en": "en_GB"}


def format_locale(locale: str) -> str:
    return FORMAT_LOCALES.get(locale, locale)


def direction(locale: str) -> str:
    return Locale.parse(locale).text_direction


def quotes(locale: str) -> tuple[str, str]:
    return QUOTES.get(locale.split("_")[0], ("\u201c", "\u201d"))


def read_catalog(root: str, locale: str) -> Catalog:
    path = catalog_path(root, locale)
    shown = os.path.relpath(path, root)
    if not os.path.isfile(path):
        raise UserError(Problem(shown, 0, 0, f"no catalog for locale {locale!r}",
                                f"create it with: modellaw i18n update -l {locale}"))
    try:
        with open(path, "rb") as handle:
            return read_po(handle, locale=locale)
    except Exception as err:  # Babel raises plain exceptions with a line in the text
        raise UserError(Problem(shown, getattr(err, "lineno", 0) or 0, 0, f"cannot read catalog: {err}",
                                "open it in a PO editor and fix the syntax")) from None


@dataclass
class Translator:
    """Looks messages up in one catalog, falls back to English, and counts every fallback."""

    locale: str
    catalog: Catalog | None
    missing: set[tuple[str, str]] = field(default_factory=set)
    fuzzy: set[tuple[str, str]] = field(default_factory=set)

    def __call__(self, msgid: str, context: str) -> str:
        if self.catalog is None or self.locale == SOURCE_LOCALE:
            return msgid
        message = self.catalog.get(msgid, context=context)
        if message is None or not message.string:
            self.missing.add((context, msgid))
            return msgid
        if message.fuzzy:
            self.fuzzy.add((context, msgid))
            return msgid
        return str(message.string)

    def label(self, key: str, **values: Any) -> str:
        return self(LABELS[key], f"ui:{key}").format(**values)


def translator(root: str, locale: str) -> Translator:
    if locale == SOURCE_LOCALE:
        return Translator(locale, None)
    return Translator(locale, read_catalog(root, locale))


# --- extraction ---------------------------------------------------------------------------

def messages_of(library: Library) -> Iterator[tuple[str, str, str, int, list[str]]]:
    """(context, msgid, path, line, translator comments) for every message of the library and UI."""
    for key, text in LABELS.items():
        yield f"ui:{key}", text, "modellaw/labels.py", 0, []
    for doc in ("law", "guide"):
        for part in library.parts[doc]:
            yield part_context(part), part.heading.text, part.heading.pos.path, part.heading.pos.line, []
            if part.intro:
                yield part_context(part), part.intro.text, part.intro.pos.path, part.intro.pos.line, []
            for clause in part.clauses:
                for msg, ctxt in iter_messages(clause):
                    comments: list[str] = []
                    if msg is clause.heading and clause.commentary:
                        comments = [clause.commentary.text.replace("\n", " ")]
                    yield ctxt, msg.text, msg.pos.path, msg.pos.line, comments


def build_template(library: Library) -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="modellaw", version="1", charset="utf-8",
                      msgid_bugs_address="", copyright_holder="", fuzzy=False)
    for ctxt, msgid, path, line, comments in messages_of(library):
        catalog.add(msgid, locations=[(path, line)] if line else [(path, 0)],
                    auto_comments=comments, context=ctxt)
    return catalog


def extract_clauses(fileobj: Any, keywords: Any, comment_tags: Any, options: Any
                    ) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extractor for clause YAML (entry point ``modellaw_clauses``), so that
    ``pybabel extract -F babel.cfg`` finds every paragraph with its clause id as msgctxt."""
    from .library import _Reader

    name = getattr(fileobj, "name", "clauses.yaml")
    text = fileobj.read()
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    doc = "guide" if f"{os.sep}guide{os.sep}" in str(name) else "law"
    reader = _Reader(str(name), doc)
    stem = os.path.basename(str(name))
    part = reader.part(load_yaml(text, str(name)), stem.split("-", 1)[-1].removesuffix(".yaml"))
    if part is None:
        return
    yield part.heading.pos.line, "pgettext", (part_context(part), part.heading.text), []
    if part.intro:
        yield part.intro.pos.line, "pgettext", (part_context(part), part.intro.text), []
    for clause in part.clauses:
        for msg, ctxt in iter_messages(clause):
            comments = [clause.commentary.text] if msg is clause.heading and clause.commentary else []
            yield msg.pos.line, "pgettext", (ctxt, msg.text), comments


# --- maintenance: extract, update, check, stats ------------------------------------------

def write_catalog(catalog: Catalog, path: str) -> None:
    # Babel flags any text with a "%" as python-format ("10 % of cases") whenever it builds a
    # message, reading included; PO editors and msgfmt would then reject a correct translation.
    # Clause text has no printf placeholders.
    for message in catalog:
        message.flags.discard("python-format")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False, include_previous=True)
    data = re.sub(rb'"POT-Creation-Date: [^"]*\\n"\n', b'', buffer.getvalue())
    data = re.sub(rb'"PO-Revision-Date: [^"]*\\n"\n', b'', data)
    tmp = path + ".tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def extract(root: str) -> tuple[str, int]:
    library = load_library(root)
    template = build_template(library)
    path = os.path.join(root, "locales", f"{DOMAIN}.pot")
    write_catalog(template, path)
    return path, len(template)


def update(root: str, locales: list[str]) -> list[tuple[str, int, int]]:
    """Merge the template into each catalog: new messages added, changed ones marked fuzzy."""
    template = build_template(load_library(root))
    out = []
    for locale in locales:
        path = catalog_path(root, locale)
        if os.path.isfile(path):
            catalog = read_catalog(root, locale)
        else:
            catalog = Catalog(locale=locale, domain=DOMAIN, project="modellaw", version="1")
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        if locale.startswith("ar"):
            catalog._set_mime_headers([("Plural-Forms", ARABIC_PLURALS)])  # noqa: SLF001 - Babel has no setter
        fuzzy = sum(1 for m in catalog if m.id and m.fuzzy)
        write_catalog(catalog, path)
        out.append((locale, len(catalog), fuzzy))
    return out


def _expressions(text: str) -> Counter[str]:
    return Counter(re.sub(r"\s+", "", e) for e in EXPRESSION.findall(text))


def _markup(text: str) -> Counter[str]:
    return Counter(MARKUP.findall(EXPRESSION.sub("", text)))


def check(root: str, locales: list[str]) -> list[Problem]:
    """Every translation keeps its source's Jinja expressions, ``{placeholders}`` and Markdown markup."""
    problems: list[Problem] = []
    for locale in locales:
        if locale == SOURCE_LOCALE:
            continue
        try:
            catalog = read_catalog(root, locale)
        except UserError as err:
            problems.extend(err.problems)
            continue
        shown = os.path.relpath(catalog_path(root, locale), root)
        for message in catalog:
            if not message.id or not message.string or message.fuzzy:
                continue
            source, target = str(message.id), str(message.string)
            line = message.lineno or 0
            if _expressions(source) != _expressions(target):
                lost = sorted((_expressions(source) - _expressions(target)).elements())
                extra = sorted((_expressions(target) - _expressions(source)).elements())
                problems.append(Problem(shown, line, 1, f"translation of {message.context} changes its expressions",
                                        f"missing {lost or 'none'}, unknown {extra or 'none'}; copy them from msgid unchanged"))
            elif (message.context or "").startswith("ui:"):
                from .labels import placeholders
                if placeholders(source) != placeholders(target):
                    problems.append(Problem(shown, line, 1, f"translation of {message.context} changes its placeholders",
                                            f"use exactly {sorted(placeholders(source))}"))
            if _markup(source) != _markup(target):
                problems.append(Problem(shown, line, 1, f"translation of {message.context} changes its Markdown markup",
                                        "keep the same *emphasis*, **strong** and [links](…) as the msgid"))
    return problems


def stats(root: str, locales: list[str]) -> list[tuple[str, int, int, int, int]]:
    """(locale, total, translated, fuzzy, untranslated) against the current library."""
    template = build_template(load_library(root))
    keys = {(m.context, m.id) for m in template if m.id}
    out = []
    for locale in locales:
        if locale == SOURCE_LOCALE:
            out.append((locale, len(keys), len(keys), 0, 0))
            continue
        catalog = read_catalog(root, locale)
        translated = fuzzy = 0
        for ctxt, msgid in keys:
            message = catalog.get(msgid, context=ctxt)
            if message is not None and message.string:
                if message.fuzzy:
                    fuzzy += 1
                else:
                    translated += 1
        out.append((locale, len(keys), translated, fuzzy, len(keys) - translated - fuzzy))
    return out
