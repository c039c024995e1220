"""The sandboxed Jinja environment and the functions clause text may call.

Clause text is a template; values from jurisdiction files are data returned by these functions
and never rendered as templates. Every function's output is escaped for the Markdown inline
parser, so a name such as "[Penal Code]" or "Cap_63" stays literal text.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
_TEMPLATES: dict[str, Any] = {}
_EXPRESSIONS: dict[str, Any] = {}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


_LITERAL = r"(?:'[^'\\{}]*'|-?\d+)"
_SIMPLE_CALL = re.compile(r"\{\{\s*([a-z_]+)\(\s*(" + _LITERAL + r"(?:\s*,\s*" + _LITERAL + r")*)?\s*\)\s*\}\}")
_JINJA_SYNTAX = re.compile(r"\{[{%#]")


def _render_simple(source: str, context: dict[str, Any]) -> str | None:
    """Most messages only call a helper with literal arguments: ``{{ ref('x', 2) }}``. Calling the
    helper directly gives the same text as Jinja without compiling a template per message, which
    was half of a build's time. Anything else returns None and goes through the sandbox."""
    pieces: list[str] = []
    position = 0
    for match in _SIMPLE_CALL.finditer(source):
        func = context.get(match.group(1))
        if not callable(func) or _JINJA_SYNTAX.search(source, position, match.start()):
            return None
        args = ast.literal_eval(f"({match.group(2)},)") if match.group(2) else ()
        pieces.append(source[position:match.start()])
        pieces.append(str(func(*args)))
        position = match.end()
    if _JINJA_SYNTAX.search(source, position):
        return None
    pieces.append(source[position:])
    return "".join(pieces)


def render(source: str, context: dict[str, Any]) -> str:
    """Render one message: simple helper calls directly, anything else in the sandbox (cached)."""
    simple = _render_simple(source, context)
    if simple is not None:
        return simple
    template = _TEMPLATES.get(source)
    if template is None:
        template = _ENV.from_string(source)
        _TEMPLATES[source] = template
    return str(template.render(context))


def compile_expression(expression: str) -> Callable[..., Any]:
    compiled = _EXPRESSIONS.get(expression)
    if compiled is None:
        compiled = _ENV.compile_expression(expression, undefined_to_none=False)
        _EXPRESSIONS[expression] = compiled
    return compiled  # type: ignore[no-any-return]


def check_syntax(source: str) -> str | None:
    """The first syntax error of a template, or None."""
    try:
        _ENV.parse(source)
    except TemplateError as err:
        return str(err.message or err)
    return None


def check_expression(expression: str) -> str | None:
    try:
        compile_expression(expression)
    except TemplateError as err:
        return str(err.message or err)
    return None


CALL = re.compile(r"\b(ref|lawref|partref|term|inst|law|penalty|age|period|has|status)\(\s*'([^']*)'")


def calls(source: str) -> list[tuple[str, str]]:
    """The (function, first argument) pairs a text calls with a literal key, for validation."""
    return CALL.findall(source)
