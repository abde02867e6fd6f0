"""Dated legal parameters, loaded once from the OpenFisca-format YAML files under ``parameters/``."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PARAMETERS_DIR = Path(__file__).parent / "parameters"
AUTHORITIES_PREFIX = "authorities"
CONFIDENCE_ORDER = ("official", "secondary", "stale")
NODE_KEYS = frozenset({"description", "metadata", "documentation"})
# libyaml's parser, where PyYAML was built with it, reads the same documents into the same values ~8x faster
# (the rules' ~70 YAML files: 1.2 s → 0.15 s, most of a command's start-up); the pure-Python one otherwise.
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """A YAML file's data (safe loading: plain data, no Python objects)."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader, the C one where available


class ParameterNotFoundError(KeyError):
    """A parameter name that no YAML file defines."""


@dataclass(frozen=True)
class Reference:
    title: str
    href: str

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "href": self.href}


@dataclass(frozen=True)
class DatedValue:
    start: dt.date
    value: Any
    reference: tuple[Reference, ...] = ()
    confidence: str | None = None


@dataclass(frozen=True)
class Parameter:
    """One legal quantity with its values by effective date (never edited, only appended)."""

    name: str
    description: str
    unit: str
    reference: tuple[Reference, ...]
    confidence: str
    values: tuple[DatedValue, ...]
    update: str | None = None
    file: str = ""
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def latest(self, as_of: dt.date) -> DatedValue | None:
        """The last dated entry on or before ``as_of`` (its value may be null: "not in force")."""
        found: DatedValue | None = None
        for item in self.values:
            if item.start <= as_of:
                found = item
        return found

    def entry(self, as_of: dt.date) -> DatedValue | None:
        """The dated value in force on ``as_of`` (None before the first date or after a null value)."""
        found = self.latest(as_of)
        return None if found is None or found.value is None else found

    def __call__(self, as_of: dt.date) -> Any:
        item = self.entry(as_of)
        return None if item is None else item.value

    def confidence_at(self, as_of: dt.date) -> str | None:
        """official / secondary / stale for the value in force (yearly-updated values from an earlier year are
        stale); None when nothing is in force yet, since such a parameter yields an unknown, not a figure."""
        item = self.latest(as_of)
        if item is None:
            return None
        level = item.confidence or self.confidence
        if self.update == "yearly" and item.start.year < as_of.year:
            return "stale"
        return level

    def references_at(self, as_of: dt.date) -> tuple[Reference, ...]:
        item = self.entry(as_of)
        return (item.reference if item and item.reference else ()) + self.reference


def _refs(raw: Any) -> tuple[Reference, ...]:
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    return tuple(Reference(str(r.get("title", "")), str(r.get("href", ""))) for r in items if isinstance(r, dict))


def _date(key: Any) -> dt.date:
    if isinstance(key, dt.date):
        return key
    return dt.date.fromisoformat(str(key))


def _values(raw: dict[Any, Any]) -> tuple[DatedValue, ...]:
    out = []
    for key, item in raw.items():
        if isinstance(item, dict):
            meta = item.get("metadata") or {}
            out.append(DatedValue(_date(key), item.get("value"), _refs(item.get("reference")), meta.get("confidence")))
        else:
            out.append(DatedValue(_date(key), item))
    return tuple(sorted(out, key=lambda v: v.start))


def _walk(name: str, node: dict[str, Any], inherited: dict[str, Any], file: str, out: dict[str, Parameter]) -> None:
    meta = {**inherited, **(node.get("metadata") or {})}
    description = node.get("description") or inherited.get("_description", "")
    if "brackets" in node:
        brackets = [
            {
                k: Parameter(f"{name}[{i}].{k}", "", "", (), "official", _values(b[k]["values"]))
                for k in ("threshold", "amount")
            }
            for i, b in enumerate(node["brackets"])
        ]
        starts = sorted({v.start for b in brackets for p in b.values() for v in p.values})
        meta["_brackets"] = brackets
        node = {**node, "values": dict.fromkeys(starts, "scale")}
    if "values" in node:
        out[name] = Parameter(
            name=name,
            description=str(description),
            unit=str(meta.get("unit", "")),
            reference=_refs(meta.get("reference")),
            confidence=str(meta.get("confidence", "official")),
            values=_values(node["values"] or {}),
            update=meta.get("update"),
            file=file,
            metadata=meta,
        )
        return
    meta["_description"] = description
    for key, child in node.items():
        if key not in NODE_KEYS and isinstance(child, dict):
            _walk(f"{name}.{key}", child, meta, file, out)


@functools.cache
def load_parameters(root: Path = PARAMETERS_DIR) -> dict[str, Parameter]:
    """Every leaf parameter by dotted name; a file is a leaf (``values``) or a node of leaves."""
    out: dict[str, Parameter] = {}
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root).with_suffix("")
        node = read_yaml(path)
        _walk(".".join(rel.parts), node, {}, str(path.relative_to(root.parent)), out)
    return out


def get_parameter(name: str, authority: str | None = None) -> Parameter:
    """The parameter, or the authority's override of it where the law lets a municipality choose."""
    params = load_parameters()
    if authority:
        local = params.get(f"{AUTHORITIES_PREFIX}.{authority}.{name}")
        if local is not None:
            return local
    try:
        return params[name]
    except KeyError:
        raise ParameterNotFoundError(name) from None


def parameter(name: str, as_of: dt.date, authority: str | None = None) -> Any:
    """The value of ``name`` in force on ``as_of`` (e.g. ``parameter("nii.income_support.max_benefit.age_25_54.single", d)``)."""
    return get_parameter(name, authority)(as_of)


def parameter_for(name: str, authority: str, as_of: dt.date) -> Any:
    """The authority's value where it has adopted one by ``as_of``, else the national value."""
    local = get_parameter(name, authority)
    if local.latest(as_of) is None:
        local = get_parameter(name)
    return local(as_of)


def children(prefix: str) -> list[str]:
    """Leaf names directly or indirectly under ``prefix`` (national parameters only)."""
    dotted = prefix + "."
    return [name for name in load_parameters() if name.startswith(dotted)]


def authorities_overriding(name: str) -> list[str]:
    """The authorities that set their own value for the national parameter ``name``."""
    suffix = "." + name
    head = AUTHORITIES_PREFIX + "."
    return sorted(
        key[len(head) : -len(suffix)] for key in load_parameters() if key.startswith(head) and key.endswith(suffix)
    )


def worst_confidence(levels: Iterable[str | None]) -> str:
    return max((x for x in levels if x), key=CONFIDENCE_ORDER.index, default="official")
