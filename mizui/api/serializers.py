"""Explicit output shapes (STYLE.md §7): only the keys of the published contracts leave the API."""

from __future__ import annotations

from typing import Any

import eligibility

PROGRAM_KEYS = (
    "id",
    "name",
    "agency",
    "agency_name",
    "status",
    "monthly_amount",
    "monthly_amount_min",
    "monthly_amount_max",
    "one_off_amount",
    "discount_percent",
    "value_note",
    "retroactive_months",
    "confidence",
    "figures_from",
    "conditions",
    "missing",
    "documents",
    "how_to_apply",
    "explanation",
    "gateways",
    "kolzchut",
)
CONDITION_KEYS = ("id", "met", "text", "reference", "threshold", "value")
RIGHT_KEYS = (
    "id",
    "label",
    "agency",
    "agency_name",
    "kind",
    "legal_basis",
    "documents",
    "how_to_apply",
    "retroactive_months",
    "confidence",
    "kolzchut",
    "gateways",
)


def _program(program: dict[str, Any]) -> dict[str, Any]:
    # eligibility.screen builds exactly this shape, in this order: passed on as is, it is not copied key by key.
    if tuple(program) == PROGRAM_KEYS and all(tuple(c) == CONDITION_KEYS for c in program["conditions"]):
        return program
    out = {key: program.get(key) for key in PROGRAM_KEYS}
    out["conditions"] = [{key: c.get(key) for key in CONDITION_KEYS} for c in program["conditions"]]
    return out


def screening_result(result: dict[str, Any]) -> dict[str, Any]:
    """Result contract v1."""
    return {
        "as_of": result["as_of"],
        "rules_version": result["rules_version"],
        "lang": result["lang"],
        "programs": [_program(p) for p in result["programs"]],
    }


def right(program: dict[str, Any]) -> dict[str, Any]:
    """One entry of the catalogue; `name` in every language (Hebrew where a translation is missing)."""
    names = program["name"]
    return {
        "id": program["id"],
        "name": {lang: names.get(lang) or names["he"] for lang in eligibility.LANGUAGES},
        **{key: program.get(key) for key in RIGHT_KEYS if key != "id"},
    }


def rights(programs: list[dict[str, Any]], *, lang: str) -> dict[str, Any]:
    return {"rules_version": eligibility.RULES_VERSION, "lang": lang, "rights": [right(p) for p in programs]}
