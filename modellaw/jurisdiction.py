"""Jurisdiction files: the schema, loading, validation, and the merge over the model edition.

``jurisdictions/model.yaml`` is the model law itself and the registry of keys: the institutions,
laws, periods and penalties a clause may name are the ones it defines. A tailored file may leave
any of them out; the edition then shows the model's bracketed placeholder and the build lists it.
"""
from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem, UserError
from .schema import Checker, Spec, json_schema
from .yamlsafe import Mapping, read

CODE_PATTERN = r"[a-z][a-z0-9-]*"
STATUSES = ("ratified", "signed", "not_party")
SYSTEMS = ("presidential", "westminster", "parliamentary", "semi_presidential")
TRADITIONS = ("common_law", "civil_law", "mixed", "islamic")
INSTRUMENTS = ("crc", "opsc", "trafficking_protocol", "lanzarote", "budapest", "budapest_second_protocol",
               "un_cybercrime", "acrwc", "arab_it_convention")
UNITS = ("hours", "days", "weeks", "months", "years")
# Sections whose keys are declared by model.yaml and merged key by key.
KEYED_SECTIONS = ("institutions", "laws", "periods")


def _loc(doc: str, required: bool = False) -> Spec:
    return Spec("loc", doc=doc, required=required)


def schema(registry: dict[str, tuple[str, ...]] | None = None) -> Spec:
    """The jurisdiction schema. ``registry`` holds the keys model.yaml declares; None for model.yaml."""
    reg = registry or {}

    def keyed(name: str, item: Spec, doc: str) -> Spec:
        keys = reg.get(name)
        return Spec("map", doc=doc, item=item, keys=keys, keys_from="jurisdictions/model.yaml" if keys else "")

    period = Spec("struct", fields={
        "value": Spec("int", required=True, minimum=1, maximum=1000, doc="a whole number"),
        "unit": Spec("enum", required=True, choices=UNITS, doc="the unit of the period")})
    penalty = Spec("struct", fields={
        "prison_years": Spec("int", nullable=True, minimum=0, maximum=99,
                             doc="maximum term of imprisonment in years"),
        "life": Spec("bool", doc="true when the maximum is imprisonment for life"),
        "fine": Spec("number", nullable=True, minimum=0, maximum=1e13, doc="maximum fine in the currency"),
        "fine_turnover_percent": Spec("number", nullable=True, minimum=0, maximum=100,
                                      doc="maximum fine as a share of worldwide annual turnover"),
    })
    return Spec("struct", fields={
        "code": Spec("str", required=True, pattern=CODE_PATTERN,
                     doc="the file name without .yaml: lower-case letters, digits and hyphens"),
        "name": _loc("the name of the State", required=True),
        "locales": Spec("list", required=True, item=Spec("str", pattern=r"[a-z]{2,3}(_[A-Z]{2})?"),
                        doc="the languages to build, each with a catalog in locales/"),
        "legal_tradition": Spec("enum", choices=TRADITIONS, doc="the legal tradition"),
        "federal": Spec("bool", doc="true for a federal State"),
        "drafting": Spec("struct", fields={
            "unit": Spec("enum", choices=("section", "article"), doc="what the law's numbered units are called"),
            "act_title": _loc("the short title of the Act, without 'Act' and the year"),
            "year": Spec("int", minimum=1900, maximum=2200, doc="the year in the short title"),
            "edition": Spec("str", pattern=r"\d{4}-\d{2}-\d{2}", doc="the edition date, YYYY-MM-DD"),
        }),
        "parliament": Spec("struct", fields={
            "name": _loc("the name of the parliament"),
            "chambers": Spec("int", minimum=1, maximum=2, doc="1 or 2"),
            "system": Spec("enum", choices=SYSTEMS, doc="the system of government"),
            "houses": Spec("list", item=_loc("a chamber"), doc="the chambers, lower first"),
            "committee": _loc("the lead committee"),
            "budget_committee": _loc("the budget committee"),
        }),
        "ages": Spec("struct", fields={
            "child_under": Spec("int", minimum=18, maximum=21, doc="operative paragraph 3: at least 18"),
            "sexual_consent": Spec("int", minimum=12, maximum=21, doc="age of consent to sexual activity"),
            "criminal_responsibility": Spec("int", minimum=7, maximum=18, doc="minimum age"),
        }),
        "instruments": Spec("map", item=Spec("enum", choices=STATUSES, doc="ratified, signed or not_party"),
                            keys=INSTRUMENTS, doc="treaty status"),
        "institutions": keyed("institutions", _loc("an institution's name"), "names of institutions"),
        "laws": keyed("laws", _loc("a law's title"), "titles of existing laws"),
        "periods": keyed("periods", period, "time limits"),
        "penalties": Spec("struct", fields={
            "currency": Spec("str", nullable=True, pattern=r"[A-Z]{3}", doc="ISO 4217 code, e.g. KES"),
            "scale": keyed("penalties", penalty, "maximum penalties by offence"),
        }),
        "options": Spec("map", item=Spec("str"), doc="clause id: the option chosen"),
        "clauses": Spec("struct", fields={
            "exclude": Spec("list", item=Spec("str"), doc="clause ids left out of this edition"),
        }),
    })


@dataclass
class Jurisdiction:
    """A jurisdiction merged over the model edition. ``own`` is what its file says itself."""

    code: str
    path: str
    data: dict[str, Any]
    own: dict[str, Any]
    is_model: bool
    positions: Mapping = field(repr=False, default_factory=Mapping)

    @property
    def locales(self) -> list[str]:
        return list(self.data["locales"])

    def lookup(self, dotted: str) -> tuple[Any, bool]:
        """The value at ``a.b.c`` and whether it is the jurisdiction's own (False: the model's)."""
        value: Any = self.data
        own: Any = self.own
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
            own = own.get(part) if isinstance(own, dict) else None
        return value, (own is not None and not self.is_model)

    def position(self, dotted: str) -> tuple[int, int]:
        node: Any = self.positions
        pos = (1, 1)
        for part in dotted.split("."):
            if not isinstance(node, Mapping) or part not in node:
                break
            pos = node.pos(part)
            node = node[part]
        return pos

    @property
    def excluded(self) -> list[str]:
        return list(self.data.get("clauses", {}).get("exclude", []))

    @property
    def options(self) -> dict[str, str]:
        return dict(self.data.get("options", {}))


def registry_of(model: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    reg = {name: tuple(model.get(name, {}) or {}) for name in KEYED_SECTIONS}
    reg["penalties"] = tuple((model.get("penalties", {}) or {}).get("scale", {}) or {})
    return reg


def _merge(model: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """Own values over the model's, section by section, key by key (one level below sections)."""
    merged = copy.deepcopy(dict(model))
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and key not in ("name",):
            section = dict(merged[key])
            for sub, subvalue in value.items():
                if isinstance(subvalue, dict) and isinstance(section.get(sub), dict) and key == "penalties":
                    section[sub] = {**section[sub], **subvalue}
                else:
                    section[sub] = subvalue
            merged[key] = section
        else:
            merged[key] = value
    merged.setdefault("options", {})
    merged["clauses"] = dict(own.get("clauses") or {"exclude": []}) if "clauses" in own else {"exclude": []}
    merged["options"] = dict(own.get("options") or {})
    return merged


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_all(root: str, known_locales: set[str]) -> list[Jurisdiction]:
    """Load model.yaml then every other jurisdiction file; raise one UserError listing all problems."""
    folder = os.path.join(root, "jurisdictions")

    def shown(name: str) -> str:  # the name in messages: relative to the library, as the user sees it
        return f"jurisdictions/{name}"

    model_path = os.path.join(folder, "model.yaml")
    if not os.path.isfile(model_path):
        raise UserError(Problem(shown("model.yaml"), 0, 0, "the model edition is missing",
                                "every library needs jurisdictions/model.yaml: it declares the keys"))
    problems: list[Problem] = []
    model_raw = read(model_path, shown("model.yaml"), root)
    model = _check_file(model_raw, shown("model.yaml"), "model", known_locales, None, problems)
    registry = registry_of(model) if model else {}
    out: list[Jurisdiction] = []
    if model:
        out.append(Jurisdiction("model", shown("model.yaml"), _merge(_plain(model), {}), _plain(model), True,
                                model_raw))
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".yaml") or name == "model.yaml":
            continue
        path = shown(name)
        try:
            raw = read(os.path.join(folder, name), path, root)
        except UserError as err:
            problems.extend(err.problems)
            continue
        own = _check_file(raw, path, name[:-5], known_locales, registry, problems)
        if own and model:
            out.append(Jurisdiction(own["code"], path, _merge(_plain(model), _plain(own)), _plain(own), False, raw))
    if problems:
        raise UserError(problems)
    return out


def _check_file(raw: Any, path: str, stem: str, known_locales: set[str],
                registry: dict[str, tuple[str, ...]] | None, problems: list[Problem]) -> dict[str, Any] | None:
    if not isinstance(raw, Mapping):
        problems.append(Problem(path, 1, 1, "a jurisdiction file must be a map of keys", "start with 'code: xx'"))
        return None
    checker = Checker(path, is_locale)
    checker.check(schema(registry), raw, (1, 1), "")
    code = raw.get("code")
    raw_code = raw.raw.get("code")
    if code is not None and not isinstance(code, str):
        checker.report(raw.pos("code"), f"code must be text, not {code!r}", f"quote it: code: \"{raw_code}\"")
    elif isinstance(code, str) and code != stem:
        checker.report(raw.pos("code"), f"code {code!r} does not match the file name {stem}.yaml",
                       f"rename the file to {code}.yaml or set code: {stem}")
    for i, loc in enumerate(raw.get("locales") or []):
        if isinstance(loc, str) and loc not in known_locales:
            seq = raw["locales"]
            checker.report(seq.item_pos[i], f"unknown locale {loc!r}: there is no catalog for it",
                           f"add locales/{loc}/LC_MESSAGES/modellaw.po or use one of {', '.join(sorted(known_locales))}")
    problems.extend(checker.problems)
    return raw if not checker.problems else None


def is_locale(code: str) -> bool:
    """True for a language code Babel knows (en, fr, ar, pt_BR …)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def export_schema(registry: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    out = json_schema(schema(registry))
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["title"] = "modellaw jurisdiction file"
    return out
