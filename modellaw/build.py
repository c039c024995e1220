"""The edition matrix: jurisdictions × locales × documents × formats → files, atomically.

Everything is assembled and rendered in memory first; only when every output exists are files
written, each to a temporary name and renamed. A build that fails therefore leaves the previous
outputs exactly as they were.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from . import __version__
from .assemble import Edition, assemble, edition_date, plan
from .errors import Problem, UserError
from .i18n import available_locales, translator
from .jurisdiction import Jurisdiction, load_all
from .library import Library
from .library import load as load_library
from .schema import did_you_mean
from .writers import docx as docx_writer
from .writers import markdown as md_writer

DOCS = {"law": "model-law", "guide": "oversight-guide"}
WRITERS: dict[str, Callable[..., bytes]] = {"docx": docx_writer.write, "md": md_writer.write}


@dataclass
class Request:
    root: str
    out: str
    codes: list[str] = field(default_factory=list)
    locales: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=lambda: list(DOCS))
    formats: list[str] = field(default_factory=lambda: list(WRITERS))
    commentary: bool = True
    jobs: int = 1


@dataclass
class EditionResult:
    code: str
    locale: str
    files: dict[str, bytes]  # path relative to out → content
    to_fill: set[str]
    missing: int
    fuzzy: int
    date: str


@dataclass
class Report:
    outputs: dict[str, str]  # relative path → sha256
    editions: list[EditionResult]
    manifest: str


def load_inputs(root: str) -> tuple[Library, list[Jurisdiction]]:
    library = load_library(root)
    jurisdictions = load_all(root, available_locales(root))
    return library, jurisdictions


def select(jurisdictions: list[Jurisdiction], codes: list[str]) -> list[Jurisdiction]:
    by_code = {j.code: j for j in jurisdictions}
    for code in codes:
        if code not in by_code:
            raise UsageError(f"unknown jurisdiction {code!r} ({did_you_mean(code, sorted(by_code))})")
    return [by_code[c] for c in codes] if codes else jurisdictions


class UsageError(Exception):
    """A command line asking for something that does not exist (exit code 2)."""


def build_edition(root: str, library: Library, jur: Jurisdiction, locale: str, request: Request) -> EditionResult:
    if locale not in available_locales(root):
        raise UsageError(f"no catalog for locale {locale!r}: available {', '.join(sorted(available_locales(root)))}")
    edition = Edition(library, jur, locale, translator(root, locale), request.commentary)
    law_plan = plan(library, jur, "law", locale)
    files: dict[str, bytes] = {}
    to_fill: set[str] = set()
    for doc in request.docs:
        if not library.parts[doc]:
            continue
        document, missing_values = assemble(edition, doc, law_plan)
        to_fill |= missing_values
        for fmt in request.formats:
            files[f"{jur.code}/{locale}/{DOCS[doc]}.{fmt}"] = WRITERS[fmt](document)
    return EditionResult(jur.code, locale, files, to_fill, len(edition.translate.missing),
                         len(edition.translate.fuzzy), edition_date(jur).isoformat())


def _edition_job(args: tuple[str, str, str, Request]) -> EditionResult:
    root, code, locale, request = args
    library, jurisdictions = load_inputs(root)
    jur = next(j for j in jurisdictions if j.code == code)
    return build_edition(root, library, jur, locale, request)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_files(root: str) -> list[str]:
    found = []
    for folder in ("clauses", "jurisdictions", "locales"):
        for dirpath, _dirs, names in os.walk(os.path.join(root, folder)):
            for name in names:
                if name.endswith((".yaml", ".po")):
                    found.append(os.path.join(dirpath, name))
    return sorted(found, key=lambda p: os.path.relpath(p, root))


def write_atomic(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def run(request: Request, progress: Callable[[str], None] = lambda _m: None) -> Report:
    from .checks import check_jurisdiction

    library, jurisdictions = load_inputs(request.root)
    chosen = select(jurisdictions, request.codes)
    problems: list[Problem] = []
    for jur in chosen:
        problems.extend(check_jurisdiction(library, jur))
    if problems:
        raise UserError(problems)
    jobs: list[tuple[Jurisdiction, str]] = []
    for jur in chosen:
        locales = [loc for loc in jur.locales if not request.locales or loc in request.locales]
        if request.locales and request.codes and not locales:
            locales = list(request.locales)  # asked for explicitly: build it, falling back to English
        jobs.extend((jur, loc) for loc in locales)
    if not jobs:
        raise UsageError("nothing to build: no jurisdiction has the locales asked for")
    results: list[EditionResult] = []
    if request.jobs > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=request.jobs) as pool:
            args = [(request.root, jur.code, loc, request) for jur, loc in jobs]
            for index, result in enumerate(pool.map(_edition_job, args), start=1):
                progress(f"[{index}/{len(jobs)}] {result.code}/{result.locale}")
                results.append(result)
    else:
        for index, (jur, loc) in enumerate(jobs, start=1):
            progress(f"[{index}/{len(jobs)}] {jur.code}/{loc}")
            results.append(build_edition(request.root, library, jur, loc, request))
    outputs: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for result in results:
        for rel, data in result.files.items():
            files[rel] = data
            outputs[rel] = sha256(data)
    manifest = {
        "tool": "modellaw",
        "version": __version__,
        "editions": {f"{r.code}/{r.locale}": {"date": r.date, "untranslated": r.missing, "fuzzy": r.fuzzy,
                                               "to_fill": sorted(r.to_fill)} for r in results},
        "inputs": {os.path.relpath(p, request.root).replace(os.sep, "/"): sha256(open(p, "rb").read())
                   for p in input_files(request.root)},
        "outputs": dict(sorted(outputs.items())),
        "options": {"commentary": request.commentary, "docs": request.docs, "formats": request.formats},
    }
    for rel, data in sorted(files.items()):
        write_atomic(os.path.join(request.out, rel), data)
    manifest_path = os.path.join(request.out, "manifest.json")
    write_atomic(manifest_path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return Report(outputs, results, manifest_path)


def summary(report: Report) -> list[str]:
    lines = [f"built {len(report.outputs)} files; manifest: {report.manifest}"]
    for result in report.editions:
        if result.missing or result.fuzzy:
            lines.append(f"{result.code}/{result.locale}: {result.missing + result.fuzzy} messages fell back to "
                         f"English ({result.missing} untranslated, {result.fuzzy} fuzzy)")
    shown: set[str] = set()
    for result in report.editions:
        if result.to_fill and result.code not in shown:
            shown.add(result.code)
            keys = sorted(result.to_fill)
            more = f", … ({len(keys)} in all)" if len(keys) > 8 else ""
            lines.append(f"{result.code}: still to fill (the model's placeholder is shown): "
                         f"{', '.join(keys[:8])}{more}")
    return lines


def stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
