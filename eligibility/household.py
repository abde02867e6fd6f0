"""The household contract v1 (DESIGN.md), validated with pydantic; errors come one per field, in he and en."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

Role = Literal["applicant", "partner", "child", "other"]
Sex = Literal["female", "male"]
Marital = Literal["single", "married", "common_law", "divorced", "separated", "widowed"]
Employment = Literal["employed", "self_employed", "unemployed", "not_working", "retired"]
Tenure = Literal["renter", "owner", "public_housing", "other"]

# Program ids a member may already receive: the catalogue's own ids plus benefits that open gateways.
OTHER_RECEIVABLE = (
    "old_age_pension_disabled",
    "disabled_child_benefit",
    "long_term_care",
    "special_services",
    "mobility_allowance",
    "survivors_pension",
    "survivors_income_supplement",
    "nii_alimony",
    "work_injury_pension",
)
TZ = ZoneInfo("Asia/Jerusalem")
EARLIEST_AS_OF = dt.date(2000, 1, 1)  # the legal date the screening is evaluated on cannot be earlier


def today() -> dt.date:
    return dt.datetime.now(TZ).date()


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Money = float | None


class Disability(_Model):
    medical_percent: float | None = Field(default=None, ge=0, le=100)
    incapacity_percent: float | None = Field(default=None, ge=0, le=100)
    blind: bool | None = None
    receives_general_disability: bool | None = None


class Income(_Model):
    work: Money = Field(default=None, ge=0)
    pension_occupational: Money = Field(default=None, ge=0)
    nii_benefits: Money = Field(default=None, ge=0)
    alimony: Money = Field(default=None, ge=0)
    capital: Money = Field(default=None, ge=0)
    other: Money = Field(default=None, ge=0)


class Member(_Model):
    id: str | None = None
    role: Role
    birth_date: dt.date | None = None
    sex: Sex | None = None
    marital_status: Marital | None = None
    resident_since: dt.date | None = None
    immigration_date: dt.date | None = None
    disability: Disability | None = None
    employment: Employment | None = None
    income: Income | None = None
    receives: list[str] | None = None
    months_worked_last_18: int | None = Field(default=None, ge=0, le=18)
    employment_service_registered: bool | None = None
    student: bool | None = None
    soldier: bool | None = None
    holocaust_survivor: bool | None = None
    chronic_illness: bool | None = None  # v1.1

    @field_validator("birth_date", "resident_since", "immigration_date")
    @classmethod
    def _not_future(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and value > today():
            raise _FieldError("", "date_in_future")
        return value

    @field_validator("receives")
    @classmethod
    def _known_programs(cls, value: list[str] | None) -> list[str] | None:
        unknown = [name for name in value or () if name not in receivable_ids()]
        if unknown:
            raise _FieldError("", "unknown_program", ", ".join(unknown))
        return value

    @model_validator(mode="after")
    def _dates(self) -> Member:
        if self.birth_date and self.resident_since and self.resident_since < self.birth_date:
            raise _FieldError("resident_since", "before_birth")
        return self


class Housing(_Model):
    tenure: Tenure | None = None
    rent_monthly: Money = Field(default=None, ge=0)
    arnona_area_sqm: float | None = Field(default=None, gt=0, le=2000)
    owns_other_property: bool | None = None
    ever_owned_home: bool | None = None  # v1.1


class Assets(_Model):
    car_value: Money = Field(default=None, ge=0)
    financial_assets: Money = Field(default=None, ge=0)


class Debts(_Model):  # v1.1
    total: Money = Field(default=None, ge=0)
    includes_alimony: bool | None = None
    enforcement_file: bool | None = None


class Household(_Model):
    """A household as the screener, the API, the CLI and batch imports describe it (contract v1)."""

    as_of: dt.date | None = None
    authority: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    members: list[Member] = Field(min_length=1, max_length=30)
    housing: Housing | None = None
    assets: Assets | None = None
    debts: Debts | None = None

    @field_validator("as_of")
    @classmethod
    def _as_of_covered(cls, value: dt.date | None) -> dt.date | None:
        # The rules hold dated figures from the 2000s on; an earlier legal date would be answered with
        # whatever happened to be encoded, or not at all, so it is refused with a message instead.
        if value is not None and value < EARLIEST_AS_OF:
            raise _FieldError("", "as_of_before_rules")
        return value

    @model_validator(mode="after")
    def _roles(self) -> Household:
        roles = [m.role for m in self.members]
        if roles.count("applicant") != 1:
            raise _FieldError("members", "one_applicant" if "applicant" in roles else "no_applicant")
        if roles.count("partner") > 1:
            raise _FieldError("members", "two_partners")
        ids = [m.id for m in self.members if m.id]
        if len(ids) != len(set(ids)):
            raise _FieldError("members", "duplicate_id")
        return self


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
