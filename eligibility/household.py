"""The household contract v1 (docs/household.md), validated with pydantic; errors come one per field, in he and en.

The models are built from the declaration of the inputs (``inputs.yaml``): each declared input becomes a field with
its type, enum values and bounds. What is written here is what no single input says: the members list, the legal
date, and the rules that tie fields together (one applicant, residency after birth, dates not in the future).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator, model_validator

from eligibility.inputs import Input, groups, in_group, inputs

# Program ids a member may already receive: the catalogue's own ids plus benefits that open gateways (declared
# with the `receives` input).
OTHER_RECEIVABLE = tuple(p for spec in inputs() if spec.type == "programs" for p in spec.also_receivable)
TZ = ZoneInfo("Asia/Jerusalem")
EARLIEST_AS_OF = dt.date(2000, 1, 1)  # the legal date the screening is evaluated on cannot be earlier
MAX_MEMBERS = 30


def today() -> dt.date:
    return dt.datetime.now(TZ).date()


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_PYTHON_TYPES: dict[str, Any] = {
    "date": dt.date,
    "bool": bool,
    "integer": int,
    "number": float,
    "money": float,
    "text": str,
    "programs": list[str],
}


def _annotation(spec: Input) -> Any:
    kind = Literal[spec.values] if spec.type == "enum" else _PYTHON_TYPES[spec.type]
    return kind if spec.required else kind | None


def _field(spec: Input) -> Any:
    return Field(
        default=... if spec.required else None,
        ge=spec.minimum,
        gt=spec.minimum_exclusive,
        le=spec.maximum,
        pattern=spec.pattern,
    )


def _fields(group: str) -> dict[str, Any]:
    return {spec.name: (_annotation(spec), _field(spec)) for spec in in_group(group)}


def _names(group: str, *, kind: str | None = None, not_future: bool = False) -> list[str]:
    return [i.name for i in in_group(group) if (kind is None or i.type == kind) and (i.not_future or not not_future)]


def _model(name: str, base: type[_Model], doc: str | None = None, **fields: Any) -> Any:
    return create_model(name, __base__=base, __module__=__name__, __doc__=doc, **fields)


class _MemberRules(_Model):
    """A member of the household; the fields are the declared inputs of the groups under ``members[]``."""

    @field_validator(*_names("person", not_future=True), check_fields=False)
    @classmethod
    def _not_future(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and value > today():
            raise _FieldError("", "date_in_future")
        return value

    @field_validator(*_names("person", kind="programs"), check_fields=False)
    @classmethod
    def _known_programs(cls, value: list[str] | None) -> list[str] | None:
        unknown = [name for name in value or () if name not in receivable_ids()]
        if unknown:
            raise _FieldError("", "unknown_program", ", ".join(unknown))
        return value

    @model_validator(mode="after")
    def _dates(self) -> _MemberRules:
        born, resident = getattr(self, "birth_date", None), getattr(self, "resident_since", None)  # noqa: B009
        if born and resident and resident < born:
            raise _FieldError("resident_since", "before_birth")
        return self


class _HouseholdRules(_Model):
    """A household as the screener, the API, the CLI and batch imports describe it (contract v1)."""

    as_of: dt.date | None = None

    @field_validator("as_of")
    @classmethod
    def _as_of_covered(cls, value: dt.date | None) -> dt.date | None:
        # The rules hold dated figures from the 2000s on; an earlier legal date would be answered with
        # whatever happened to be encoded, or not at all, so it is refused with a message instead.
        if value is not None and value < EARLIEST_AS_OF:
            raise _FieldError("", "as_of_before_rules")
        return value

    @model_validator(mode="after")
    def _roles(self) -> _HouseholdRules:
        members = getattr(self, "members")  # noqa: B009 (a generated field)
        roles = [m.role for m in members]
        if roles.count("applicant") != 1:
            raise _FieldError("members", "one_applicant" if "applicant" in roles else "no_applicant")
        if roles.count("partner") > 1:
            raise _FieldError("members", "two_partners")
        ids = [m.id for m in members if m.id]
        if len(ids) != len(set(ids)):
            raise _FieldError("members", "duplicate_id")
        return self


def _build() -> tuple[Any, Any]:
    """(Member, Household) with one field per declared input; nested groups become nested models."""
    nested: dict[str, dict[str, Any]] = {"person": {}, "household": {}}
    for group in groups().values():
        if group.key is not None:
            model = _model(group.name.capitalize(), _Model, **_fields(group.name))
            nested[group.entity][group.key] = (model | None, None)
    member_fields = {
        name: field for g in groups().values() if g.path == "members[]" for name, field in _fields(g.name).items()
    }
    member = _model("Member", _MemberRules, **member_fields, **nested["person"])
    household_fields = {
        name: field for g in groups().values() if g.path == "" for name, field in _fields(g.name).items()
    }
    household = _model(
        "Household",
        _HouseholdRules,
        _HouseholdRules.__doc__,
        members=(list[member], Field(min_length=1, max_length=MAX_MEMBERS)),  # type: ignore[valid-type]
        **household_fields,
        **nested["household"],
    )
    return member, household


if TYPE_CHECKING:  # the models are built at import from the declaration; a type checker knows them by their rules
    Member = _MemberRules
    Household = _HouseholdRules
else:
    Member, Household = _build()


class _FieldError(ValueError):
    def __init__(self, field: str, code: str, detail: str = "") -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code
        self.detail = detail


class HouseholdError(ValueError):
    """A household that breaks contract v1; ``errors`` holds one ``{"field", "message": {"he", "en"}}`` per field."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']['en']}" for e in errors))
        self.errors = errors


MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("שדה חובה חסר", "this field is required"),
    "extra_forbidden": ("שדה לא מוכר", "unknown field"),
    "date": ("תאריך לא תקין (YYYY-MM-DD)", "not a valid date (YYYY-MM-DD)"),
    "number": ("צריך להיות מספר", "must be a number"),
    "negative": ("לא יכול להיות שלילי", "cannot be negative"),
    "range": ("ערך מחוץ לטווח המותר", "value out of the allowed range"),
    "bool": ("צריך להיות כן/לא", "must be true or false"),
    "choice": ("ערך לא מוכר", "unknown value"),
    "list": ("צריכה להיות רשימה", "must be a list"),
    "object": ("צריך להיות אובייקט", "must be an object"),
    "text": ("צריך להיות טקסט", "must be text"),
    "date_in_future": ("התאריך בעתיד", "the date is in the future"),
    "as_of_before_rules": (
        "הכללים מכסים תאריכים מ-1 בינואר 2000 ואילך",
        "the rules cover dates from 1 January 2000 on",
    ),
    "before_birth": ("תאריך התושבות מוקדם מתאריך הלידה", "residency starts before birth"),
    "unknown_program": ("זכות לא מוכרת ברשימת הקצבאות", "unknown program id"),
    "one_applicant": ("צריך להיות מבקש/ת אחד/ת בדיוק", "there must be exactly one applicant"),
    "no_applicant": (
        "חסר/ה מבקש/ת (role=applicant); בן/בת זוג או ילדים דורשים מבקש/ת",
        "no applicant (role=applicant); a partner or children need an applicant",
    ),
    "two_partners": ("יותר מבן/בת זוג אחד/ת", "more than one partner"),
    "duplicate_id": ("מזהה בני משפחה כפול", "duplicate member id"),
    "pattern": ("ערך בפורמט לא תקין", "value has an invalid format"),
    "too_short": ("הרשימה ריקה", "the list is empty"),
    "too_long": ("יותר מדי פריטים", "too many items"),
    "invalid": ("ערך לא תקין", "invalid value"),
}

_PYDANTIC_CODES = {
    "missing": "missing",
    "extra_forbidden": "extra_forbidden",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_type": "date",
    "float_parsing": "number",
    "float_type": "number",
    "int_parsing": "number",
    "int_type": "number",
    "int_from_float": "number",
    "bool_parsing": "bool",
    "bool_type": "bool",
    "literal_error": "choice",
    "list_type": "list",
    "model_type": "object",
    "model_attributes_type": "object",
    "string_type": "text",
    "string_pattern_mismatch": "pattern",
    "too_short": "too_short",
    "too_long": "too_long",
}


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _code(err: Any) -> str:
    kind = err["type"]
    if kind in ("greater_than_equal", "greater_than"):
        limit = (err.get("ctx") or {}).get("ge", (err.get("ctx") or {}).get("gt"))
        return "negative" if limit == 0 else "range"
    if kind in ("less_than_equal", "less_than"):
        return "range"
    if kind == "value_error":
        exc = (err.get("ctx") or {}).get("error")
        if isinstance(exc, _FieldError):
            return exc.code
    return _PYDANTIC_CODES.get(kind, "invalid")


def _translate(exc: ValidationError) -> list[dict[str, Any]]:
    errors: dict[str, dict[str, Any]] = {}
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "literal["))))
        ctx_error = (err.get("ctx") or {}).get("error")
        if isinstance(ctx_error, _FieldError) and ctx_error.field:
            loc = (*loc, ctx_error.field)
        field = _field_path(loc) or "household"
        if field in errors:
            continue
        code = _code(err)
        he, en = MESSAGES.get(code, MESSAGES["invalid"])
        if isinstance(ctx_error, _FieldError) and ctx_error.detail:
            he, en = f"{he}: {ctx_error.detail}", f"{en}: {ctx_error.detail}"
        errors[field] = {"field": field, "code": code, "message": {"he": he, "en": en}}
    return list(errors.values())


def validate_household(data: Any) -> Household:
    """Validate a household dict against contract v1; raise HouseholdError (one error per field, he and en)."""
    if isinstance(data, Household):
        return data
    if not isinstance(data, dict):
        he, en = MESSAGES["object"]
        raise HouseholdError([{"field": "household", "code": "object", "message": {"he": he, "en": en}}])
    try:
        return Household.model_validate(data)
    except ValidationError as exc:
        raise HouseholdError(_translate(exc)) from None


def receivable_ids() -> frozenset[str]:
    from eligibility.catalogue import program_ids

    return frozenset(program_ids()) | frozenset(OTHER_RECEIVABLE)
