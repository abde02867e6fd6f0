"""The public screener's steps and how answers become a household (contract v1).

The screener is adaptive: after each step the household so far is screened, and a later step is shown only
when one of the questions it asks is among the `missing` questions of a right that is still `maybe`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

Answers = dict[str, Any]


@dataclass(frozen=True)
class Step:
    slug: str
    asks: frozenset[str]  # question ids (eligibility/questions.yaml) this step can settle
    always: bool = False


STEPS: tuple[Step, ...] = (
    Step("household", frozenset({"person.birth_date", "person.marital_status", "person.sex"}), always=True),
    Step("children", frozenset()),  # only when the household step said there are children
    Step(
        "work", frozenset({"person.employment", "person.months_worked_last_18", "person.employment_service_registered"})
    ),
    Step(
        "health",
        frozenset(
            {
                "disability.medical_percent",
                "disability.incapacity_percent",
                "disability.blind",
                "disability.receives_general_disability",
                "person.chronic_illness",
            }
        ),
    ),
    Step(
        "background",
        frozenset({"person.immigration_date", "person.resident_since", "person.soldier", "person.holocaust_survivor"}),
    ),
    Step(
        "income",
        frozenset(
            {
                "income.work",
                "income.pension_occupational",
                "income.nii_benefits",
                "income.alimony",
                "income.capital",
                "income.other",
            }
        ),
    ),
    Step(
        "home",
        frozenset(
            {
                "housing.tenure",
                "housing.rent_monthly",
                "housing.arnona_area_sqm",
                "housing.owns_other_property",
                "housing.ever_owned_home",
                "assets.car_value",
                "assets.financial_assets",
            }
        ),
    ),
    Step("benefits", frozenset({"person.receives"})),
)
BY_SLUG = {step.slug: step for step in STEPS}


def missing_questions(result: dict[str, Any]) -> set[str]:
    return {m["id"] for p in result["programs"] if p["status"] == "maybe" for m in p["missing"]}


def is_needed(step: Step, answers: Answers, missing: set[str]) -> bool:
    if step.slug == "children":
        return int(answers.get("children_count") or 0) > 0
    return step.always or bool(step.asks & missing)


def plan(answers: Answers, done: list[str], missing: set[str]) -> list[str]:
    """The steps this household goes through: those done so far, then those still needed, in order."""
    return [s.slug for s in STEPS if s.slug in done or is_needed(s, answers, missing)]


def next_step(answers: Answers, done: list[str], missing: set[str]) -> str | None:
    for step in STEPS:
        if step.slug not in done and is_needed(step, answers, missing):
            return step.slug
    return None


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop unanswered fields, so the rules see them as unknown rather than as zero."""
    return {k: v for k, v in data.items() if v not in (None, "", {}, [])}


def _income(answers: Answers, prefix: str) -> dict[str, Any]:
    keys = ("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other")
    return _clean({k: answers.get(f"{prefix}income_{k}") for k in keys})


def household(answers: Answers, *, authority: str | None, as_of: dt.date | None = None) -> dict[str, Any]:
    applicant = _clean(
        {
            "id": "p1",
            "role": "applicant",
            "birth_date": answers.get("birth_date"),
            "sex": answers.get("sex"),
            "marital_status": answers.get("marital_status"),
            "employment": answers.get("employment"),
            "months_worked_last_18": answers.get("months_worked_last_18"),
            "employment_service_registered": answers.get("employment_service_registered"),
            "immigration_date": answers.get("immigration_date") if answers.get("new_immigrant") else None,
            "soldier": answers.get("soldier"),
            "holocaust_survivor": answers.get("holocaust_survivor"),
            "income": _income(answers, ""),
            "disability": _clean(
                {
                    "medical_percent": answers.get("medical_percent"),
                    "incapacity_percent": answers.get("incapacity_percent"),
                    "blind": answers.get("blind"),
                    "receives_general_disability": answers.get("receives_general_disability"),
                }
            ),
            "receives": answers.get("receives"),
        }
    )
    if answers.get("has_disability") is False:
        applicant["disability"] = {
            "medical_percent": 0,
            "incapacity_percent": 0,
            "blind": False,
            "receives_general_disability": False,
        }
    if answers.get("new_immigrant") is False:
        applicant["immigration_date"] = None
    if "receives" in answers:  # answered, even if the answer is "none of these"
        applicant["receives"] = answers["receives"]
    members = [applicant]
    if answers.get("has_partner"):
        members.append(
            _clean(
                {
                    "id": "p2",
                    "role": "partner",
                    "birth_date": answers.get("partner_birth_date"),
                    "employment": answers.get("partner_employment"),
                    "income": _income(answers, "partner_"),
                }
            )
        )
    for i, born in enumerate(answers.get("children_birth_dates") or [], start=1):
        members.append({"id": f"c{i}", "role": "child", "birth_date": born})
    data: dict[str, Any] = {"members": members}
    housing = _clean(
        {
            "tenure": answers.get("tenure"),
            "rent_monthly": answers.get("rent_monthly"),
            "arnona_area_sqm": answers.get("arnona_area_sqm"),
            "owns_other_property": answers.get("owns_other_property"),
        }
    )
    assets = _clean({"car_value": answers.get("car_value"), "financial_assets": answers.get("financial_assets")})
    if housing:
        data["housing"] = housing
    if assets:
        data["assets"] = assets
    if authority:
        data["authority"] = authority
    if as_of:
        data["as_of"] = as_of.isoformat()
    return data
