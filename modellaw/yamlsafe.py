"""Strict YAML for untrusted content files.

PyYAML's safe loader still accepts duplicate keys (last wins), reads ``no`` as False (Norway),
``2024-01-02`` as a date and expands aliases when a tree is walked. This loader composes the
node graph itself, keeps every position, and builds plain values with YAML 1.2 core booleans.
"""
from __future__ import annotations

import os
import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .errors import Problem, UserError


class StrictResolver(BaseResolver):
    """Only null, true/false, decimal integers and plain decimals are typed; all else is a string."""


StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$"), list("-+0123456789"))
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Loader(Reader, Scanner, Parser, Composer, StrictResolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        StrictResolver.__init__(self)

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D401 - PyYAML hook
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise _AnchorError(mark.line + 1, mark.column + 1)
        return super().compose_node(parent, index)


try:  # libyaml composes ten times faster; aliases are then caught as shared nodes in _build
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _FastLoader(CParser, StrictResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            StrictResolver.__init__(self)
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None  # type: ignore[assignment,misc]


class _AnchorError(Exception):
    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col


class Mapping(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers where it and each of its keys stand."""

    line: int = 0
    col: int = 0
    key_pos: dict[str, tuple[int, int]]
    raw: dict[str, str]

    def pos(self, key: str) -> tuple[int, int]:
        return self.key_pos.get(key, (self.line, self.col))


class Sequence(list):  # type: ignore[type-arg]
    """A YAML sequence that remembers where it and each item stand."""

    line: int = 0
    col: int = 0
    item_pos: list[tuple[int, int]]
    raw: list[str | None]


def _scalar(node: yaml.ScalarNode, path: str) -> Any:
    text = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        return int(text)
    if tag == "tag:yaml.org,2002:float":
        return float(text)
    if tag in ("tag:yaml.org,2002:str", "!"):
        return text
    mark = node.start_mark
    raise UserError(Problem(path, mark.line + 1, mark.column + 1, f"YAML tag {tag!r} is not allowed",
                            "remove the tag; content files hold plain strings, numbers, lists and maps"))


def _build(node: yaml.Node, path: str, seen: set[int] | None = None) -> Any:
    seen = set() if seen is None else seen
    if id(node) in seen:  # the same node reached twice: an alias
        mark = node.start_mark
        raise UserError(Problem(path, mark.line + 1, mark.column + 1, "YAML anchors and aliases are not allowed",
                                "write the value out in full"))
    seen.add(id(node))
    if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and node.tag not in (
            "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
        mark = node.start_mark
        raise UserError(Problem(path, mark.line + 1, mark.column + 1, f"YAML tag {node.tag!r} is not allowed",
                                "remove the tag; content files hold plain strings, numbers, lists and maps"))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path)
    if isinstance(node, yaml.SequenceNode):
        seq = Sequence()
        seq.line, seq.col = node.start_mark.line + 1, node.start_mark.column + 1
        seq.item_pos, seq.raw = [], []
        for child in node.value:
            seq.append(_build(child, path, seen))
            seq.item_pos.append((child.start_mark.line + 1, child.start_mark.column + 1))
            seq.raw.append(child.value if isinstance(child, yaml.ScalarNode) else None)
        return seq
    if isinstance(node, yaml.MappingNode):
        mapping = Mapping()
        mapping.line, mapping.col = node.start_mark.line + 1, node.start_mark.column + 1
        mapping.key_pos, mapping.raw = {}, {}
        for key_node, value_node in node.value:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise UserError(Problem(path, line, col, "a mapping key must be a plain string",
                                        "write the key as text"))
            key = key_node.value
            if key in mapping:
                first = mapping.key_pos[key][0]
                raise UserError(Problem(path, line, col, f"duplicate key {key!r}",
                                        f"it is already set on line {first}; keep one"))
            mapping[key] = _build(value_node, path, seen)
            mapping.key_pos[key] = (line, col)
            if isinstance(value_node, yaml.ScalarNode):
                mapping.raw[key] = value_node.value
        return mapping
    raise AssertionError(f"unknown YAML node {node!r}")


def load(text: str, path: str) -> Any:
    """Parse one YAML document strictly; every error names ``path`` with a 1-based line."""
    loader = _FastLoader(text) if _FastLoader is not None else _Loader(text)
    try:
        node = loader.get_single_node()
    except _AnchorError as err:
        raise UserError(Problem(path, err.line, err.col, "YAML anchors and aliases are not allowed",
                                "write the value out in full")) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise UserError(Problem(path, line, col, f"YAML syntax: {err.problem}",
                                "check indentation and quote strings that contain ': ' or '{{'")) from None
    except yaml.YAMLError as err:
        raise UserError(Problem(path, 1, 1, f"YAML syntax: {err}", "check the file is valid YAML")) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    return _build(node, path)


MAX_BYTES = 4 * 1024 * 1024  # a clause or jurisdiction file is a few hundred kilobytes at most


def read(path: str, shown: str | None = None, root: str | None = None) -> Any:
    """Read and parse a file; ``shown`` is the name used in messages (relative to the root).
    With ``root``, a file that is a link to somewhere outside the library is refused."""
    name = shown or path
    if root is not None:
        real_root = os.path.realpath(root)
        if os.path.commonpath([real_root, os.path.realpath(path)]) != real_root:
            raise UserError(Problem(name, 0, 0, "file links outside the library",
                                    "copy the file into the library instead of linking to it"))
    if os.path.getsize(path) > MAX_BYTES:
        raise UserError(Problem(name, 0, 0, f"file is larger than {MAX_BYTES // 1024 // 1024} MiB",
                                "split it into several files"))
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        raise UserError(Problem(name, 1, 1, "file is not UTF-8", "save it as UTF-8")) from None
    return load(text, name)
