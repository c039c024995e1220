"""Command line: parse, call, report. Exit 0 ok, 1 user error, 2 usage error; never a traceback
for anything a user can fix."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import UserError

EXIT_USER, EXIT_USAGE = 1, 2


def bundled_root() -> str:
    """The library shipped with the package (wheel), or the source tree (editable install)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_library", here.parent):
        if (candidate / "clauses").is_dir():
            return str(candidate)
    raise click.UsageError("no bundled clause library found; pass --root DIR")


def resolve_root(root: str | None) -> str:
    if root:
        if not os.path.isdir(os.path.join(root, "clauses")):
            raise click.UsageError(f"{root} has no clauses/ folder; point --root at a library")
        return os.path.abspath(root)
    if os.path.isdir("clauses"):
        return os.path.abspath(".")
    return bundled_root()


def report_errors(err: UserError) -> None:
    for problem in err.problems:
        click.echo(str(problem), err=True)
    if len(err.problems) > 1:
        click.echo(f"{len(err.problems)} errors", err=True)


class Context:
    def __init__(self, root: str | None) -> None:
        self._root = root

    @property
    def root(self) -> str:
        return resolve_root(self._root)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False), help="Library folder with clauses/, jurisdictions/, locales/.")
@click.version_option(__version__, prog_name="modellaw")
@click.pass_context
def main(ctx: click.Context, root: str | None) -> None:
    """Assemble a model law and a parliamentary oversight guide against online child sexual
    exploitation and abuse, tailored to a jurisdiction and translated, as DOCX and Markdown."""
    ctx.obj = Context(root)


def _guard(func: Any) -> Any:
    """Turn user errors into one line each and exit 1; usage errors exit 2."""
    from functools import update_wrapper

    from .build import UsageError

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as err:
            report_errors(err)
            sys.exit(EXIT_USER)
        except UsageError as err:
            click.echo(f"modellaw: error: {err}", err=True)
            sys.exit(EXIT_USAGE)
        except OSError as err:  # an output folder that cannot be written, a file that vanished
            where = f" {err.filename}" if err.filename else ""
            click.echo(f"modellaw: error:{where}: {err.strerror or err} (check the path and its permissions)", err=True)
            sys.exit(EXIT_USER)

    return update_wrapper(wrapper, func)


@main.command()
@click.option("-j", "--jurisdiction", "codes", multiple=True, help="Jurisdiction code (repeatable). Default: all.")
@click.option("-l", "--locale", "locales", multiple=True, help="Locale (repeatable). Default: each jurisdiction's.")
@click.option("--doc", "docs", type=click.Choice(["law", "guide"]), multiple=True, help="Document. Default: both.")
@click.option("--format", "formats", type=click.Choice(["docx", "md"]), multiple=True, help="Format. Default: both.")
@click.option("--out", default="build", show_default=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--no-commentary", is_flag=True, help="Leave the commentary out (the bill as tabled).")
@click.option("--jobs", default=min(os.cpu_count() or 1, 4), show_default="CPUs, at most 4", type=click.IntRange(1, 64),
              help="Editions built in parallel; the output is the same whatever the number.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.pass_obj
@_guard
def build(obj: Context, codes: tuple[str, ...], locales: tuple[str, ...], docs: tuple[str, ...],
          formats: tuple[str, ...], out: str, no_commentary: bool, jobs: int, quiet: bool) -> None:
    """Build editions into OUT/<code>/<locale>/ and write OUT/manifest.json."""
    from .build import DOCS, WRITERS, Request, run, stderr, summary

    request = Request(root=obj.root, out=out, codes=list(codes), locales=list(locales),
                      docs=list(docs) or list(DOCS), formats=list(formats) or list(WRITERS),
                      commentary=not no_commentary, jobs=jobs)
    report = run(request, progress=(lambda _m: None) if quiet else stderr)
    for line in summary(report):
        click.echo(line, err=True)


@main.command()
@click.pass_obj
@_guard
def validate(obj: Context) -> None:
    """Check every clause file, jurisdiction file and catalog; print every problem."""
    from .checks import check_jurisdiction, check_library, trial_assembly
    from .i18n import available_locales, check

    root = obj.root
    problems = []
    library = jurisdictions = None
    for loader in ("library", "jurisdictions"):
        try:
            if loader == "library":
                from .library import load
                library = load(root)
            else:
                from .jurisdiction import load_all
                jurisdictions = load_all(root, available_locales(root))
        except UserError as err:
            problems.extend(err.problems)
    problems.extend(check(root, sorted(available_locales(root))))
    if library is not None and jurisdictions:
        model = next(j for j in jurisdictions if j.is_model)
        problems.extend(check_library(library, model))
        for jur in jurisdictions:
            problems.extend(check_jurisdiction(library, jur))
        if not problems:
            problems.extend(trial_assembly(library, jurisdictions, root))
    if problems:
        raise UserError(problems)
    count = len(library.clauses) if library else 0
    click.echo(f"ok: {count} clauses, {len(jurisdictions or [])} jurisdictions, "
               f"{len(available_locales(root))} locales")


@main.command(name="list")
@click.pass_obj
@_guard
def list_(obj: Context) -> None:
    """List the jurisdictions and their locales."""
    from .build import load_inputs

    _library, jurisdictions = load_inputs(obj.root)
    for jur in jurisdictions:
        name = jur.data["name"]
        shown = name.get("en", next(iter(name.values()))) if isinstance(name, dict) else name
        click.echo(f"{jur.code}\t{','.join(jur.locales)}\t{shown}")


@main.command()
@click.pass_obj
@_guard
def schema(obj: Context) -> None:
    """Print the JSON Schema of jurisdiction files (keys from jurisdictions/model.yaml)."""
    from .i18n import available_locales
    from .jurisdiction import export_schema, load_all, registry_of

    model = next(j for j in load_all(obj.root, available_locales(obj.root)) if j.is_model)
    click.echo(json.dumps(export_schema(registry_of(model.data)), indent=2, ensure_ascii=False))


@main.group()
def i18n() -> None:
    """Catalog maintenance for translators: extract, update, check, stats."""


@i18n.command()
@click.pass_obj
@_guard
def extract(obj: Context) -> None:
    """Write locales/modellaw.pot from the clause library and the engine's labels."""
    from .i18n import extract as do_extract

    path, count = do_extract(obj.root)
    click.echo(f"{path}: {count} messages")


def _locales(root: str, locales: tuple[str, ...]) -> list[str]:
    from .i18n import SOURCE_LOCALE, available_locales

    return list(locales) or sorted(available_locales(root) - {SOURCE_LOCALE})


@i18n.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Locale (repeatable). Default: every catalog.")
@click.pass_obj
@_guard
def update(obj: Context, locales: tuple[str, ...]) -> None:
    """Merge new and changed English text into the catalogs; changed text becomes fuzzy."""
    from .i18n import update as do_update

    for locale, total, fuzzy in do_update(obj.root, _locales(obj.root, locales)):
        click.echo(f"{locale}: {total} messages, {fuzzy} fuzzy")


@i18n.command(name="check")
@click.option("-l", "--locale", "locales", multiple=True, help="Locale (repeatable). Default: every catalog.")
@click.pass_obj
@_guard
def check_(obj: Context, locales: tuple[str, ...]) -> None:
    """Fail when a translation breaks an expression, a placeholder or the Markdown markup."""
    from .i18n import check

    problems = check(obj.root, _locales(obj.root, locales))
    if problems:
        raise UserError(problems)
    click.echo("ok")


@i18n.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Locale (repeatable). Default: every catalog.")
@click.pass_obj
@_guard
def stats(obj: Context, locales: tuple[str, ...]) -> None:
    """Translated, fuzzy and untranslated messages per locale."""
    from .i18n import stats as do_stats

    click.echo("locale\ttotal\ttranslated\tfuzzy\tuntranslated\tdone")
    for locale, total, done, fuzzy, missing in do_stats(obj.root, _locales(obj.root, locales)):
        share = f"{100 * done / total:.0f}%" if total else "-"
        click.echo(f"{locale}\t{total}\t{done}\t{fuzzy}\t{missing}\t{share}")


if __name__ == "__main__":
    main()
