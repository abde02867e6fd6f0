"""A couple's rights do not depend on which of them answers.

The person answering is often not the one a right belongs to: the one who does not work, the one without the
disability, the younger of the two, the father of a newborn. Each couple below is screened twice, once with each
member as the applicant, and every right must come out with the same status and amount.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from eligibility import screen

NO_INCOME = dict.fromkeys(("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other"), 0)
NO_DISABILITY = {"medical_percent": 0, "incapacity_percent": 0, "blind": False}


def _adult(role: str, birth: str, sex: str, **facts: Any) -> dict[str, Any]:
    """A member who answered every question: not working, no income, no disability, unless ``facts`` say otherwise."""
    member: dict[str, Any] = {
        "role": role,
        "birth_date": birth,
        "sex": sex,
        "marital_status": "married",
        "resident_since": birth,
        "immigration_date": None,
        "employment": "not_working",
        "employment_service_registered": False,
        "months_worked_last_18": 0,
        "last_year_months_worked": 0,
        "student": False,
        "soldier": False,
        "holocaust_survivor": False,
        "chronic_illness": False,
        "needs_daily_help": False,
        "walking_difficulty": False,
        "recently_discharged": False,
        "unpaid_alimony_judgment": False,
        "disability": dict(NO_DISABILITY),
        "income": dict(NO_INCOME),
        "receives": [],
    }
    income = {k: facts.pop(k) for k in ("work", "nii_benefits") if k in facts}
    disability = {k: facts.pop(k) for k in ("medical_percent", "incapacity_percent") if k in facts}
    member["income"].update(income)
    member["disability"].update(disability)
    return member | facts


def _worker(role: str, birth: str, sex: str, work: int) -> dict[str, Any]:
    return _adult(
        role, birth, sex, employment="employed", work=work, months_worked_last_18=18, last_year_months_worked=12
    )


def _child(birth: str) -> dict[str, Any]:
    return {"role": "child", "birth_date": birth, "disability": dict(NO_DISABILITY), "chronic_illness": False}


def _couple(
    first: dict[str, Any], second: dict[str, Any], *children: dict[str, Any], tenure: str = "renter"
) -> dict[str, Any]:
    return {
        "as_of": "2026-12-07",
        "authority": "ashdod",
        "members": [first, second, *children],
        "housing": {
            "tenure": tenure,
            "rent_monthly": 3000 if tenure == "renter" else 0,
            "arnona_area_sqm": 70,
            "owns_other_property": False,
            "ever_owned_home": tenure == "owner",
        },
        "assets": {"car_value": 0, "financial_assets": 0},
        "debts": {"enforcement_file": False},
    }


COUPLES = {
    # A mother of three who does not work; her husband earns 6,000 (the work grant is his).
    "the work grant of the one who earns": _couple(
        _adult("applicant", "1988-01-01", "female"),
        _worker("partner", "1986-01-01", "male", 6000),
        _child("2014-01-01"),
        _child("2016-01-01"),
        _child("2018-01-01"),
    ),
    # She earns 7,000, he 9,000: above every ceiling, only hers can be owed.
    "the work grant of the one under the ceiling": _couple(
        _worker("applicant", "1992-01-01", "female", 7000),
        _worker("partner", "1990-01-01", "male", 9000),
        _child("2020-01-01"),
    ),
    # A husband of 50 whose earning capacity is gone, and who cannot walk; his wife earns 3,000.
    "the disability pension and mobility of the partner with the disability": _couple(
        _worker("applicant", "1981-03-01", "female", 3000),
        _adult("partner", "1976-03-01", "male", medical_percent=60, incapacity_percent=75, walking_difficulty=True),
    ),
    # A job seeker who worked 14 of the last 18 months: his unemployment benefit comes before income support.
    "the unemployment benefit of the job seeker": _couple(
        _adult("applicant", "1991-04-01", "female", employment_service_registered=True),
        _adult(
            "partner",
            "1988-04-01",
            "male",
            employment="unemployed",
            employment_service_registered=True,
            months_worked_last_18=14,
        ),
        _child("2019-01-01"),
    ),
    # A baby of three months: the maternity allowance is the mother's.
    "the mother's maternity allowance": _couple(
        _worker("applicant", "1992-01-01", "female", 7000),
        _worker("partner", "1990-01-01", "male", 9000),
        _child("2026-09-01"),
    ),
    # A woman of 58 whose husband of 72 receives the old-age pension: his pension, supplement and senior discounts.
    "the old-age rights of the partner at retirement age": _couple(
        _adult("applicant", "1968-03-01", "female"),
        _adult("partner", "1954-03-01", "male", employment="retired", nii_benefits=2762, receives=["old_age_pension"]),
        tenure="owner",
    ),
}


def _answered_by_the_other(household: dict[str, Any]) -> dict[str, Any]:
    other = copy.deepcopy(household)
    first, second = other["members"][0], other["members"][1]
    first["role"], second["role"] = "partner", "applicant"
    other["members"][0], other["members"][1] = second, first
    return other


def _answers(household: dict[str, Any]) -> dict[str, tuple[str, float | None]]:
    return {p["id"]: (p["status"], p["monthly_amount"]) for p in screen(household, lang="en")["programs"]}


@pytest.mark.parametrize("name", list(COUPLES))
def test_a_couple_is_told_the_same_rights_whichever_of_them_answers(name: str) -> None:
    household = COUPLES[name]
    one, other = _answers(household), _answers(_answered_by_the_other(household))
    differ = {pid: (one[pid], other[pid]) for pid in one if one[pid] != other[pid]}
    assert not differ, f"{name}: {differ}"
