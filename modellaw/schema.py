"""A small declarative schema for content files: checks a loaded YAML tree, collects every
problem with its position, and exports the same rules as JSON Schema for editors."""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem
from .yamlsafe import Mapping, Sequence

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Spec:
    """One node of the schema. ``kind`` is str, int, number, bool, enum, loc, list, struct or map."""

    kind: str
    doc: str = ""
    required: bool = False
    nullable: bool = False
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    fields: dict[str, Spec] = field(default_factory=dict)  # struct
    item: Spec | None = None  # list items, map values
    keys: tuple[str, ...] | None = None  # map: the allowed keys (None: any)
    keys_from: str = ""  # map: says where the allowed keys come from, for the hint


def did_you_mean(word: str, options: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if len(options) > 12:
        return "no similar name; check the spelling"
    return f"allowed: {', '.join(sorted(options))}"


class Checker:
    def __init__(self, path: str, is_locale: Callable[[str], bool]) -> None:
        self.path = path
        self.is_locale = is_locale
        self.problems: list[Problem] = []

    def report(self, pos: tuple[int, int], message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], message, hint))

    def check(self, spec: Spec, value: Any, pos: tuple[int, int], name: str, raw: str | None = None) -> Any:
        """Check ``value`` against ``spec``; returns the value normalised (strings kept as written)."""
        if value is None:
            if not spec.nullable:
                self.report(pos, f"{name} must not be empty", f"give a {spec.kind} value")
            return None
        kind = spec.kind
        if kind == "str":
            if not isinstance(value, str):
                value = raw if raw is not None else str(value)
            if XML_INVALID.search(value):
                self.report(pos, f"{name} contains a character that is not allowed in documents",
                            "remove control characters")
            if spec.pattern and not re.fullmatch(spec.pattern, value):
                self.report(pos, f"{name} {value!r} does not match {spec.pattern}", spec.doc)
            return value
        if kind == "enum":
            if not isinstance(value, str) or value not in spec.choices:
                shown = raw if raw is not None else value
                self.report(pos, f"{name} {shown!r} is not allowed",
                            did_you_mean(str(shown), spec.choices))
            return value
        if kind in ("int", "number"):
            ok = isinstance(value, int) and not isinstance(value, bool)
            if kind == "number":
                ok = ok or isinstance(value, float)
            if not ok:
                self.report(pos, f"{name} must be {'an integer' if kind == 'int' else 'a number'}, not {value!r}",
                            spec.doc or "write digits only")
                return value
            if spec.minimum is not None and value < spec.minimum or spec.maximum is not None and value > spec.maximum:
                self.report(pos, f"{name} {value} is out of range",
                            f"allowed: {spec.minimum:g} to {spec.maximum:g}")
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                self.report(pos, f"{name} must be true or false, not {value!r}", "write true or false")
            return value
        if kind == "loc":
            return self._loc(value, pos, name)
        if kind == "list":
            if not isinstance(value, list):
                self.report(pos, f"{name} must be a list", "write [a, b] or one '- item' per line")
                return value
            assert spec.item is not None
            positions = value.item_pos if isinstance(value, Sequence) else [pos] * len(value)
            raws = value.raw if isinstance(value, Sequence) else [None] * len(value)
            return [self.check(spec.item, v, p, f"{name}[{i + 1}]", r)
                    for i, (v, p, r) in enumerate(zip(value, positions, raws))]
        if kind in ("struct", "map"):
            return self._mapping(spec, value, pos, name)
        raise AssertionError(kind)

    def _loc(self, value: Any, pos: tuple[int, int], name: str) -> Any:
        if isinstance(value, str):
            return self.check(Spec("str"), value, pos, name)
        if not isinstance(value, dict):
            self.report(pos, f"{name} must be text or a map of locale to text", "write { en: \"…\", fr: \"…\" }")
            return value
        for loc, text in value.items():
            kpos = value.pos(loc) if isinstance(value, Mapping) else pos
            if not self.is_locale(loc):
                self.report(kpos, f"unknown locale {loc!r} in {name}", "use a language code such as en, fr, ar")
            if not isinstance(text, str):
                self.report(kpos, f"{name}.{loc} must be text", "quote the value")
            elif XML_INVALID.search(text):
                self.report(kpos, f"{name}.{loc} contains a character that is not allowed in documents",
                            "remove control characters")
        return value

    def _mapping(self, spec: Spec, value: Any, pos: tuple[int, int], name: str) -> Any:
        if not isinstance(value, dict):
            self.report(pos, f"{name} must be a map", "write key: value lines indented under it")
            return value
        allowed = tuple(spec.fields) if spec.kind == "struct" else spec.keys
        for key, child in value.items():
            kpos = value.pos(key) if isinstance(value, Mapping) else pos
            raw = value.raw.get(key) if isinstance(value, Mapping) else None
            if allowed is not None and key not in allowed:
                hint = did_you_mean(key, allowed)
                if spec.keys_from:
                    hint += f"; keys come from {spec.keys_from}"
                self.report(kpos, f"unknown key {key!r} in {name}", hint)
                continue
            sub = spec.fields[key] if spec.kind == "struct" else spec.item
            assert sub is not None
            self.check(sub, child, kpos, f"{name}.{key}" if name else key, raw)
        if spec.kind == "struct":
            for key, sub in spec.fields.items():
                if sub.required and key not in value:
                    where = (value.line, value.col) if isinstance(value, Mapping) else pos
                    self.report(where, f"missing key {key!r} in {name or 'the file'}", sub.doc)
        return value


def json_schema(spec: Spec) -> dict[str, Any]:
    """The same rules as JSON Schema (draft 2020-12), for editors that complete and check YAML."""
    out: dict[str, Any] = {}
    if spec.doc:
        out["description"] = spec.doc
    kind = spec.kind
    if kind == "str":
        out["type"] = "string"
        if spec.pattern:
            out["pattern"] = f"^{spec.pattern}$"
    elif kind == "enum":
        out["enum"] = list(spec.choices)
    elif kind in ("int", "number"):
        out["type"] = "integer" if kind == "int" else "number"
        if spec.minimum is not None:
            out["minimum"] = spec.minimum
        if spec.maximum is not None:
            out["maximum"] = spec.maximum
    elif kind == "bool":
        out["type"] = "boolean"
    elif kind == "loc":
        out["anyOf"] = [{"type": "string"},
                        {"type": "object", "additionalProperties": {"type": "string"}}]
    elif kind == "list":
        assert spec.item is not None
        out["type"] = "array"
        out["items"] = json_schema(spec.item)
    elif kind == "struct":
        out["type"] = "object"
        out["properties"] = {k: json_schema(v) for k, v in spec.fields.items()}
        out["additionalProperties"] = False
        required = [k for k, v in spec.fields.items() if v.required]
        if required:
            out["required"] = required
    elif kind == "map":
        assert spec.item is not None
        out["type"] = "object"
        if spec.keys is not None:
            out["properties"] = {k: json_schema(spec.item) for k in spec.keys}
            out["additionalProperties"] = False
        else:
            out["additionalProperties"] = json_schema(spec.item)
    if spec.nullable and "type" in out:
        out["type"] = [out["type"], "null"]
    return out
