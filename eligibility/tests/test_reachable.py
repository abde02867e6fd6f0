"""Every right can come out `eligible` from facts a resident can give (issue 19 §2): a right that only ever says
`maybe` or `not_eligible` tells nobody they are owed it.

Households are drawn at random (the generator of test_deciding, valid households only), with benefits received
drawn too, and a few described households for rights that need a rare mix of facts; the answer for each right
must be `eligible` for at least one of them.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from eligibility import evaluate
from eligibility.catalogue import program_ids
from eligibility.household import receivable_ids
from eligibility.tests.test_deciding import AS_OF, complete_household, possible

HOUSEHOLDS = 2000
NONE = {"work": 0, "pension_occupational": 0, "nii_benefits": 0, "alimony": 0, "capital": 0, "other": 0}
DESCRIBED: list[dict[str, Any]] = [
    # A man of 45 out of work, with 180,000 of non-alimony debt in an Execution Office file and no savings.
    {
        "members": [{"role": "applicant", "birth_date": "1981-05-01", "sex": "male", "marital_status": "single",
                     "employment": "unemployed", "income": NONE}],
        "housing": {"tenure": "renter", "rent_monthly": 2500},
        "assets": {"car_value": 0, "financial_assets": 0},
        "debts": {"total": 180000, "includes_alimony": False, "enforcement_file": True},
    },
    # A woman of 30 who made aliyah five months before the date and has lived in Israel since (absorption basket).
    {
        "members": [{"role": "applicant", "birth_date": "1996-03-01", "sex": "female", "marital_status": "single",
                     "immigration_date": (AS_OF - dt.timedelta(days=150)).isoformat(),
                     "resident_since": (AS_OF - dt.timedelta(days=150)).isoformat(), "income": NONE}],
    },
    # A divorced mother of 30 with a child of 6, no income and a maintenance judgment the father does not pay.
    {
        "members": [{"role": "applicant", "birth_date": "1996-01-01", "sex": "female", "marital_status": "divorced",
                     "income": NONE, "unpaid_alimony_judgment": True, "alimony_judgment_amount": 1800},
                    {"role": "child", "birth_date": "2020-01-01"}],
    },
    # Two parents earning 6,000 and 4,000 with a baby of 8 months in a recognized day-care.
    {
        "members": [{"role": "applicant", "birth_date": "1994-01-01", "income": {**NONE, "work": 6000},
                     "student": False, "receives": [], "daycare_recognized": True},
                    {"role": "partner", "birth_date": "1993-01-01", "income": {**NONE, "work": 4000},
                     "student": False, "receives": []},
                    {"role": "child", "birth_date": (AS_OF - dt.timedelta(days=240)).isoformat()}],
    },
    {
        "members": [{"role": "applicant", "birth_date": "1955-03-01", "sex": "female", "marital_status": "divorced",
                     "immigration_date": "2023-05-01", "resident_since": "2023-05-01", "income": NONE,
                     "receives": []}],
    },
]  # fmt: skip


def _households() -> list[dict[str, Any]]:
    r = random.Random(19)
    receivable = sorted(receivable_ids())
    drawn = []
    for _ in range(HOUSEHOLDS):
        household = complete_household(r)
        for member in household["members"]:
            if member["role"] != "child" and r.random() < 0.5:
                member["receives"] = r.sample(receivable, r.randint(1, 3))
        drawn.append(household)
    return [*DESCRIBED, *possible(drawn)]


# Rights that only the agency's committee grants, whatever the household says (issue 19 §2: "a right that truly needs
# an agency's decision says which one"): each names the question of that decision, and is never `eligible` from a
# household's answers.
AGENCY_GRANTS = {
    "disabled_child_benefit": "agency.disabled_child_committee",
    "long_term_care": "agency.ltc_dependency_assessment",
    "special_services": "agency.special_services_assessment",
    "mobility_allowance": "agency.mobility_committee",
    "holocaust_monthly_allowance": "agency.holocaust_authority_recognition",
    "holocaust_annual_grant": "agency.holocaust_authority_recognition",
    "public_housing_rent_discount": "agency.public_housing_rent_grading",
    "maternity_allowance": "agency.maternity_qualifying_period",
    # the percent and the degree a resident may know, but the board decides them; one whose pension is paid already
    # receives it
    "general_disability": "agency.medical_committee",
}


def test_every_right_comes_out_eligible_for_some_household_a_resident_can_describe() -> None:
    frame = evaluate(_households(), AS_OF)
    never = [
        pid for pid in program_ids() if pid not in AGENCY_GRANTS and (frame[f"{pid}__status"] == "eligible").sum() == 0
    ]
    assert never == [], f"rights no household comes out eligible for: {never}"


def test_a_right_only_an_agency_grants_names_that_decision_and_is_maybe_for_some_household() -> None:
    from eligibility.api import conditions_of

    frame = evaluate(_households(), AS_OF)
    for pid, question in AGENCY_GRANTS.items():
        assert any(question in c.asks for c in conditions_of(pid)), f"{pid} does not name {question}"
        assert (frame[f"{pid}__status"] == "maybe").sum() > 0, f"{pid}: no household is maybe"
        assert (frame[f"{pid}__status"] == "eligible").sum() == 0, f"{pid}: eligible without the agency's decision"
