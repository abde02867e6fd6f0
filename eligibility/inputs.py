"""Every household input, declared once (``inputs.yaml``), and the views of it that other modules build on.

The pydantic model (``household.py``), the Polars schemas (``frames.py``), the question labels (``catalogue.py``),
the screener's steps and the outreach import fields (``mizui``) and the field table of docs/household.md
(``docs.py``) all read this declaration; none of them lists the inputs again. Adding an input is one entry in ``inputs.yaml`` plus the
formula that reads it (docs/rules-authoring.md).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
TYPES = ("date", "bool", "enum", "integer", "number", "money", "text", "programs")
Texts = Mapping[str, str]  # one text per language: he, ar, ru, en


@dataclass(frozen=True)
class Group:
    """Where an input sits in the household contract: ``members[]``, ``members[].income``, ``housing``, …"""

    name: str
    entity: str  # person | household
    path: str  # "members[]", "members[].disability", "" (the household itself), "housing"
    column_prefix: str
    none_label: Texts | None = None  # the screener's "none of this" answer, for groups that have one

    @property
    def key(self) -> str | None:
        """The nested object's key (``disability``, ``housing``), or None for fields on the member or household."""
        last = self.path.removeprefix("members[]").lstrip(".")
        return last or None


@dataclass(frozen=True)
class Screener:
    step: str
    label: Texts
    help: Texts | None = None
    required: bool = False
    widget: str | None = None  # radio (enums, yes/no), select, checkbox, integer
    partner_label: Texts | None = None  # the step asks the partner too, with this label
    # asked only once another input has one of these answers (column, the answers' form values separated by spaces)
    shown_when: tuple[str, str] | None = None
    # the partner's question asked only on these answers of the partner's (else ``shown_when``, on the partner's)
    partner_shown_when: tuple[str, str] | None = None
    since_birth: Texts | None = None  # a date that may be "since I was born" (the birth date), with this label


@dataclass(frozen=True)
class Input:
    """One household input: what it is, what values it takes, who asks it and where it travels."""

    name: str
    group: Group
    type: str
    since: str
    column: str
    required: bool = False
    values: tuple[str, ...] = ()
    value_labels: Mapping[str, Texts] | None = None
    unit: str | None = None
    minimum: float | None = None
    minimum_exclusive: float | None = None
    maximum: float | None = None
    not_future: bool = False  # a date whose domain ends today
    pattern: str | None = None
    also_receivable: tuple[str, ...] = ()  # programs: ids besides the catalogue's
    plausible_min: Any = None
    plausible_max: Any = None
    has_none: bool = False
    none: Any = None  # the value an explicit "none" / "no" answer gives (meaningful when has_none)
    question: Texts | None = None
    import_label: Texts | None = None
    import_headers: tuple[str, ...] = ()  # how municipal files name its column (beside its label and column)
    import_values: Mapping[str, tuple[str, ...]] | None = None  # how municipal files write each value
    screener: Screener | None = None
    note: str = ""
    of_children: bool = False  # a person input the rules read on a child's row too (blank there: an open question)

    @property
    def entity(self) -> str:
        return self.group.entity

    @property
    def question_id(self) -> str | None:
        """The stable id a result names in ``missing`` (``person.sex``, ``income.work``, ``authority``)."""
        if self.question is None:
            return None
        return self.name if self.group.name == "household" else f"{self.group.name}.{self.name}"

    @property
    def path(self) -> str:
        """Where the value sits in a household dict: ``members[].income.work``, ``housing.tenure``, ``authority``."""
        return ".".join(part for part in (self.group.path, self.name) if part)


@dataclass(frozen=True)
class Gate:
    """A yes/no screener question whose "no" settles several inputs at once (their declared ``none``)."""

    name: str
    step: str
    label: Texts
    members: str  # all | applicant
    settles: tuple[str, ...]
    requires: tuple[str, ...] = ()  # inputs a "yes" makes necessary
    required: bool = False


@functools.cache
def _declaration() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (HERE / "inputs.yaml").open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=loader)  # noqa: S506 (a safe loader, the C one when it is built)
    assert isinstance(data, dict)
    return data


def _shown_when(when: dict[str, Any] | None) -> tuple[str, str] | None:
    """``{tenure: renter}``, ``{enforcement_file: true}`` or ``{employment: [unemployed, not_working]}`` as (column,
    the answers' form values separated by spaces)."""
    if not when:
        return None
    ((column, value),) = when.items()
    values = value if isinstance(value, list) else [value]
    return column, " ".join(({True: "yes", False: "no"}[v] if isinstance(v, bool) else str(v)) for v in values)


def _import_values(spec: dict[str, Any], values: Any) -> dict[str, tuple[str, ...]] | None:
    written = spec.get("import_values")
    if not written:
        return None
    unknown = sorted(set(written) - set(values or ()))
    if unknown:
        raise ValueError(f"inputs.yaml: {spec['name']} writes import values for {unknown}, which it does not declare")
    return {value: tuple(str(text) for text in texts) for value, texts in written.items()}


@functools.cache
def groups() -> dict[str, Group]:
    return {
        name: Group(name, spec["entity"], spec["path"], spec["column_prefix"], spec.get("none_label"))
        for name, spec in _declaration()["groups"].items()
    }


def _input(spec: dict[str, Any]) -> Input:
    group = groups()[spec["group"]]
    if spec["type"] not in TYPES:
        raise ValueError(f"inputs.yaml: {spec['name']} has unknown type {spec['type']!r}")
    values = spec.get("values") or ()
    if spec["type"] == "enum" and not values:
        raise ValueError(f"inputs.yaml: the enum {spec['name']} declares no values")
    domain = spec.get("domain") or {}
    plausible = spec.get("plausible") or {}
    screener = spec.get("screener")
    return Input(
        name=spec["name"],
        group=group,
        type=spec["type"],
        since=spec["since"],
        column=spec.get("column") or group.column_prefix + spec["name"],
        required=bool(spec.get("required")),
        values=tuple(values),
        value_labels=values if isinstance(values, dict) else None,
        unit=spec.get("unit"),
        minimum=domain.get("min"),
        minimum_exclusive=domain.get("min_exclusive"),
        maximum=None if domain.get("max") == "today" else domain.get("max"),
        not_future=domain.get("max") == "today",
        pattern=domain.get("pattern"),
        also_receivable=tuple(domain.get("also") or ()),
        plausible_min=plausible.get("min"),
        plausible_max=plausible.get("max"),
        has_none="none" in spec,
        none=spec.get("none"),
        question=spec.get("question"),
        import_label=spec.get("import_label"),
        import_headers=tuple(spec.get("import_headers") or ()),
        import_values=_import_values(spec, values),
        screener=None
        if screener is None
        else Screener(
            step=screener["step"],
            label=screener["label"],
            help=screener.get("help"),
            required=bool(screener.get("required")),
            widget=screener.get("widget"),
            partner_label=(screener.get("partner") or {}).get("label"),
            shown_when=_shown_when(screener.get("shown_when")),
            partner_shown_when=_shown_when((screener.get("partner") or {}).get("shown_when")),
            since_birth=screener.get("since_birth"),
        ),
        note=spec.get("note", ""),
        of_children=bool(spec.get("of_children")),
    )


@functools.cache
def inputs() -> tuple[Input, ...]:
    """Every declared input, in the declaration's order (the order of forms, schemas and docs)."""
    out = tuple(_input(spec) for spec in _declaration()["inputs"])
    columns = [i.column for i in out]
    twice = {c for c in columns if columns.count(c) > 1}
    if twice:
        raise ValueError(f"inputs.yaml: two inputs share the column(s) {sorted(twice)}")
    return out


def in_group(group: str) -> tuple[Input, ...]:
    return tuple(i for i in inputs() if i.group.name == group)


@functools.cache
def income_questions() -> tuple[str, ...]:
    """The question of each kind of income, in the declaration's order: what a test of a member's whole income asks
    when it is open."""
    return tuple(i.question_id for i in in_group("income") if i.question_id is not None)


@functools.cache
def by_column() -> dict[str, Input]:
    return {i.column: i for i in inputs()}


# Columns the frames derive from an input, by the input they come from (``hh_receives__<program>`` from receives).
_DERIVED_FROM = {"is_immigrant": "immigration_date"}


def question_of(column: str) -> str | None:
    """The question that asks an input column, or the input a derived column comes from; None for any other column."""
    name = "receives" if column.startswith("hh_receives__") else _DERIVED_FROM.get(column, column)
    spec = by_column().get(name)
    return None if spec is None else spec.question_id


def enum_values(name: str) -> tuple[str, ...]:
    """An enum input's values, e.g. ``enum_values("sex") == ("female", "male")``."""
    (spec,) = (i for i in inputs() if i.name == name and i.type == "enum")
    return spec.values


@functools.cache
def gates() -> tuple[Gate, ...]:
    out = []
    for name, spec in _declaration()["gates"].items():
        gate = Gate(
            name=name,
            step=spec["step"],
            label=spec["label"],
            members=spec["settles"]["members"],
            settles=tuple(spec["settles"]["inputs"]),
            requires=tuple(spec.get("requires") or ()),
            required=bool(spec.get("required")),
        )
        for settled in gate.settles:
            declared = [i for i in inputs() if i.name == settled]
            if not declared or not declared[0].has_none:
                raise ValueError(f"inputs.yaml: gate {name} settles {settled}, which declares no `none` value")
        out.append(gate)
    return tuple(out)


def questions() -> dict[str, Texts]:
    """Question id → label (he/ar/ru/en) for every declared input a screener can be asked about."""
    return {i.question_id: i.question for i in inputs() if i.question_id is not None and i.question is not None}
