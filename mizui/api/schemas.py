"""What the API accepts and answers, as pydantic models: they validate input and document the OpenAPI schema.

The household itself is `eligibility.Household` (contract v1, docs/household.md); it is validated by
`eligibility.validate_household`, whose errors come one per field in Hebrew and English.
"""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema

import eligibility

Lang = Literal["he", "ar", "ru", "en"]
Status = Literal["eligible", "maybe", "not_eligible", "already_receiving"]
Confidence = Literal["official", "secondary", "stale"]
# OpenAPI "security" of every operation: no key, or an authority's key (components.securitySchemes).
OPTIONAL_KEY: list[dict[str, list[str]]] = [{}, {"authorityKey": []}]


class Texts(Schema):
    he: str
    ar: str
    ru: str
    en: str


class FieldError(Schema):
    field: str
    code: str | None = None
    message: Texts


class Error(Schema):
    error: str


class InvalidInput(Schema):
    error: str
    errors: list[FieldError]


class Reference(Schema):
    title: str
    href: str


class Condition(Schema):
    id: str
    met: bool | None
    text: str
    reference: Reference
    threshold: Any = None
    value: Any = None


class Question(Schema):
    id: str
    label: str


class Gateway(Schema):
    program: str
    direction: Literal["opens", "via"]
    status: Status
    text: str


class ProgramResult(Schema):
    id: str
    name: str
    agency: str
    agency_name: str
    status: Status
    monthly_amount: float | None
    # v1.1: where the amount depends on missing answers, the least and the most it can be (equal when known).
    monthly_amount_min: float | None
    monthly_amount_max: float | None
    one_off_amount: float | None
    discount_percent: float | None
    value_note: str | None
    retroactive_months: int | None
    confidence: Confidence
    # v1.1: the year of the oldest yearly figure the amount rests on when it is stale (shown beside the amount).
    figures_from: int | None = None
    conditions: list[Condition]
    missing: list[Question]
    documents: list[str]
    how_to_apply: str
    explanation: str
    gateways: list[Gateway]
    kolzchut: str | None


class ScreeningResult(Schema):
    """Result contract v1 (DESIGN.md): every right, sorted by money, with the reasons."""

    as_of: str
    rules_version: str
    lang: Lang
    programs: list[ProgramResult]


class Names(Schema):
    he: str
    ar: str
    ru: str
    en: str


class Right(Schema):
    id: str
    name: Names
    label: str
    agency: str
    agency_name: str
    kind: str
    legal_basis: list[Reference]
    documents: list[str]
    how_to_apply: str
    retroactive_months: int | None
    confidence: Confidence
    kolzchut: str | None
    gateways: list[str]


class Rights(Schema):
    rules_version: str
    lang: Lang
    rights: list[Right]


def household_components() -> dict[str, dict[str, Any]]:
    """`eligibility.Household` and its parts as OpenAPI component schemas (referenced, not inlined)."""
    schema = eligibility.Household.model_json_schema(ref_template="#/components/schemas/{model}")
    parts: dict[str, dict[str, Any]] = schema.pop("$defs", {})
    return {**parts, "Household": schema}
