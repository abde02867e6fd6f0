"""A right is `maybe` only when some answer to the missing facts would grant it and some would not.

Property tests over random complete households with random facts removed: whatever the partial result says must hold
for every completion of the removed facts (soundness); where one removed fact has a small domain and every value of
it gives the same answer, that is the answer (decisiveness); and one household at a time answers as a batch does.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility import evaluate, screen
from eligibility.catalogue import program_ids
from eligibility.household import HouseholdError, validate_household

AS_OF = dt.date(2026, 1, 15)
CHOICES = {
    "sex": ["female", "male"],
    "marital_status": ["single", "married", "common_law", "divorced", "separated", "widowed"],
    "employment": ["employed", "self_employed", "unemployed", "not_working", "retired"],
    "tenure": ["renter", "owner", "public_housing", "other"],
}
YES_NO = {
    "employment_service_registered",
    "student",
    "soldier",
    "holocaust_survivor",
    "chronic_illness",
    "needs_daily_help",
    "walking_difficulty",
    "blind",
    "receives_general_disability",
    "owns_other_property",
    "ever_owned_home",
    "includes_alimony",
    "enforcement_file",
    "several_files",
    "recently_discharged",
    "unpaid_alimony_judgment",
    "daycare_recognized",
}
INCOME = ("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other")
DEFINITE = ("eligible", "not_eligible")
Path = tuple[Any, ...]


def _money(r: random.Random) -> float:
    return float(r.choice([0, 0, 0, r.randint(1, 3000), r.randint(3000, 9000), r.randint(9000, 40000)]))


def _date(r: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=r.randint(0, max(0, (hi - lo).days)))


def _member(r: random.Random, role: str) -> dict[str, Any]:
    if role == "child":
        born = _date(r, AS_OF.replace(year=AS_OF.year - 25), AS_OF)
    else:
        born = _date(r, dt.date(1920, 1, 1), AS_OF.replace(year=AS_OF.year - 17))
    member: dict[str, Any] = {
        "role": role,
        "birth_date": born,
        "sex": r.choice(CHOICES["sex"]),
        "marital_status": r.choice(CHOICES["marital_status"]),
        "resident_since": _date(r, born, AS_OF),
        "immigration_date": r.choice([None, None, _date(r, born, AS_OF)]),
        "disability": {
            "medical_percent": float(r.choice([0, 0, 20, 40, 60, 75, 90, 100])),
            "incapacity_percent": float(r.choice([0, 0, 50, 60, 65, 74, 75, 100])),
            "blind": r.random() < 0.1,
            "receives_general_disability": r.random() < 0.15,
        },
        "employment": r.choice(CHOICES["employment"]),
        "income": {k: _money(r) for k in INCOME},
        "receives": [],
        "months_worked_last_18": r.randint(0, 18),
        # a child's birth date may move after a parent's (complete_household): no service date for a child
        "service_end_date": None if role == "child" else _date(r, max(born, AS_OF.replace(year=AS_OF.year - 4)), AS_OF),
        "service_months": r.choice([6, 11, 12, 21, 22, 23, 32]),
        "alimony_judgment_amount": float(r.choice([500, 2000, 6000])),
        "last_year_months_worked": r.choice([0, 1, 6, 11, 12]),
        "last_year_monthly_salary": _money(r),
    }
    for flag in (
        "employment_service_registered",
        "student",
        "soldier",
        "holocaust_survivor",
        "chronic_illness",
        "needs_daily_help",
        "walking_difficulty",
        "recently_discharged",
        "unpaid_alimony_judgment",
        "daycare_recognized",
    ):
        member[flag] = r.random() < 0.15
    return member


def complete_household(r: random.Random) -> dict[str, Any]:
    members = [_member(r, "applicant")]
    if r.random() < 0.5:
        members.append(_member(r, "partner"))
    members += [_member(r, "child") for _ in range(r.choice([0, 0, 1, 2, 3, 5]))]
    oldest_parent = min(m["birth_date"] for m in members if m["role"] != "child")
    for child in members:  # a child is born after at least one of its parents (validate_household refuses it else)
        if child["role"] == "child" and child["birth_date"] <= oldest_parent:
            child["birth_date"] = _date(r, oldest_parent + dt.timedelta(days=1), AS_OF)
            child["resident_since"] = _date(r, child["birth_date"], AS_OF)
            child["immigration_date"] = None
    return {
        "authority": r.choice(["ashdod", "netanya", "tel-aviv"]),
        "members": members,
        "housing": {
            "tenure": r.choice(CHOICES["tenure"]),
            "rent_monthly": _money(r),
            "arnona_area_sqm": float(r.choice([30, 50, 70, 90, 120, 200])),
            "owns_other_property": r.random() < 0.1,
            "ever_owned_home": r.random() < 0.3,
        },
        "assets": {"car_value": float(r.choice([0, 0, 20000, 60000, 150000])), "financial_assets": _money(r) * 10},
        "debts": {
            "total": float(r.choice([0, 0, 5000, 50000, 500000])),
            "includes_alimony": r.random() < 0.2,
            "enforcement_file": r.random() < 0.2,
            "several_files": r.random() < 0.5,
        },
    }


def facts(household: dict[str, Any]) -> list[Path]:
    """Every fact of the household, as a path into it (``receives`` stays: it is what is claimed, not a fact)."""
    out: list[Path] = []
    for i, member in enumerate(household["members"]):
        for key, value in member.items():
            if key in ("role", "receives"):
                continue
            out += [("members", i, key, k) for k in value] if isinstance(value, dict) else [("members", i, key)]
    for group in ("housing", "assets", "debts"):
        out += [(group, k) for k in household[group]]
    return out


def _parent(household: dict[str, Any], path: Path) -> Any:
    node: Any = household
    for key in path[:-1]:
        node = node[key]
    return node


def finite_domain(path: Path) -> list[Any] | None:
    name = path[-1]
    if name in CHOICES:
        return CHOICES[name]
    if name in YES_NO:
        return [False, True]
    return None


def any_value(r: random.Random, household: dict[str, Any], path: Path) -> Any:
    """A value from the fact's domain, its extremes often."""
    name = path[-1]
    domain = finite_domain(path)
    if domain is not None:
        return r.choice(domain)
    if name in ("medical_percent", "incapacity_percent"):
        return r.choice([0.0, 100.0, r.uniform(0, 100), 74.9, 75.0, 90.0, 40.0, 60.0])
    if name == "months_worked_last_18":
        return r.choice([0, 18, r.randint(0, 18)])
    if name == "arnona_area_sqm":
        return r.choice([0.5, 2000.0, r.uniform(1, 300)])
    if name == "birth_date":
        return _date(r, dt.date(1910, 1, 1), AS_OF)
    if name == "resident_since":
        born = _parent(household, path).get("birth_date") or dt.date(1910, 1, 1)
        return _date(r, born, AS_OF)
    if name == "immigration_date":
        return r.choice([None, _date(r, dt.date(1948, 1, 1), AS_OF)])
    return r.choice([0.0, float(r.randint(0, 5000)), float(r.randint(0, 15000)), r.uniform(0, 1e6), 1e7])


def completed(household: dict[str, Any], values: dict[Path, Any]) -> dict[str, Any]:
    out = copy.deepcopy(household)
    for path, value in values.items():
        _parent(out, path)[path[-1]] = value
    # A completion must itself be a valid household: a date drawn for a removed fact moves to the birth date it
    # would precede. A fact that was given is never changed (a completion that contradicts it is no household,
    # and `possible` drops it).
    for index, member in enumerate(out["members"]):
        for later in ("resident_since", "immigration_date"):
            drawn = ("members", index, later) in values
            if drawn and member.get("birth_date") and member.get(later) and member[later] < member["birth_date"]:
                member[later] = member["birth_date"]
    return out


def possible(households: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The completions that are households at all: a child born before every parent, or a partner under 16, is
    not an answer anyone can give, and the contract refuses it. Nor is one that answers the same fact twice, both
    ways: a general disability pension is received when the list of benefits names it or the disability answers
    say so (one answer is enough), so a member whose list is given without it and whose disability answers say it is
    paid contradicts themself; a blank disability answer beside that list is the list's "no", not an open question."""
    out = []
    for household in households:
        try:
            validate_household(household)
        except HouseholdError:
            continue
        if any(_says_pension_both_ways(m) for m in household["members"]):
            continue
        out.append(household)
    return out


def _says_pension_both_ways(member: dict[str, Any]) -> bool:
    listed = member.get("receives")
    if listed is None and member.get("role") == "child":
        listed = []  # contract v1: a child's blank list of benefits is empty
    said = (member.get("disability") or {}).get("receives_general_disability")
    return said is True and listed is not None and "general_disability" not in listed


def without(household: dict[str, Any], removed: list[Path]) -> dict[str, Any]:
    out = copy.deepcopy(household)
    for path in removed:
        del _parent(out, path)[path[-1]]
    return out


def _results(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return frame.select(pl.exclude("household_id")).to_dicts()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_what_a_partial_household_is_told_holds_for_every_answer_to_what_it_left_out(r: random.Random) -> None:
    household = complete_household(r)
    all_facts = facts(household)
    removed = r.sample(all_facts, r.randint(1, min(6, len(all_facts))))
    partial = without(household, removed)
    completions = possible([completed(partial, {p: any_value(r, partial, p) for p in removed}) for _ in range(12)])
    # Without a parent's birth date a child may be older than the only parent left: not a household anyone gives.
    if not completions or not possible([partial]):
        return
    told = _results(evaluate([partial], AS_OF))[0]
    for result in _results(evaluate(completions, AS_OF)):
        for pid in program_ids():
            said, truth = told[f"{pid}__status"], result[f"{pid}__status"]
            # A completion that says the benefit is already paid (a general disability pension said in the
            # disability answers) is told so whatever its entitlement: that is what is claimed, not what decides it.
            if said in DEFINITE and truth != "already_receiving":
                assert truth == said, (pid, said, truth, removed)
            low, high = told[f"{pid}__monthly_amount_min"], told[f"{pid}__monthly_amount_max"]
            amount = result[f"{pid}__monthly_amount"]
            if truth == "eligible" and low is not None and amount is not None:
                assert low - 0.01 <= amount <= high + 0.01, (pid, low, high, amount, removed)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_one_missing_yes_no_or_choice_is_tried_with_every_value(r: random.Random) -> None:
    household = complete_household(r)
    # The adults' and the household's facts: a child's yes/no facts are read by few rights.
    choices = [p for p in facts(household) if finite_domain(p) is not None and (p[0] != "members" or p[1] < 2)]
    # Half the time the applicant's sex: the fact read twice (it sets the retirement age the age is compared with).
    path = r.choice([("members", 0, "sex"), r.choice(choices)])
    partial = without(household, [path])
    domain = finite_domain(path)
    assert domain is not None
    told = _results(evaluate([partial], AS_OF))[0]
    each = _results(evaluate(possible([completed(partial, {path: v}) for v in domain]), AS_OF))
    for pid in program_ids():
        answers = {result[f"{pid}__status"] for result in each}
        if len(answers) == 1 and answers <= set(DEFINITE):
            assert told[f"{pid}__status"] in answers, (pid, path, answers, told[f"{pid}__status"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_one_household_at_a_time_is_told_what_the_batch_is_told(r: random.Random) -> None:
    households = []
    for _ in range(8):
        household = complete_household(r)
        all_facts = facts(household)
        households.append(without(household, r.sample(all_facts, r.randint(0, min(8, len(all_facts))))))
    # Without the oldest parent's birth date a child may be older than the parent left: not a household.
    households = possible(households)
    batch = _results(evaluate(households, AS_OF))
    assert batch == [_results(evaluate([h], AS_OF))[0] for h in households]


FORTY_FIVE = {
    "members": [
        {
            "role": "applicant",
            "birth_date": "1981-03-01",
            "marital_status": "single",
            "employment": "employed",
            "income": dict.fromkeys(INCOME, 0) | {"work": 6000},
        }
    ],
}


def test_a_45_year_old_who_did_not_give_their_sex_is_not_offered_an_old_age_pension() -> None:
    result = screen(FORTY_FIVE, as_of=AS_OF, lang="en")
    by_id = {p["id"]: p for p in result["programs"]}
    for pid in ("old_age_pension", "arnona_senior", "arnona_senior_supplement", "arnona_senior_income_test"):
        assert by_id[pid]["status"] == "not_eligible", pid
    assert result["programs"][0]["id"] != "old_age_pension"
    pension = by_id["old_age_pension"]
    assert pension["monthly_amount"] == 0 and pension["monthly_amount_max"] == 0
    assert "retirement age" in pension["explanation"]


def test_a_single_missing_answer_that_decides_is_the_one_question_asked() -> None:
    # Everything answered but whether the applicant holds a blind certificate: that answer alone decides it.
    household = copy.deepcopy(FORTY_FIVE)
    household["members"][0]["disability"] = {"medical_percent": 0, "incapacity_percent": 0}
    result = screen(household, as_of=AS_OF, lang="en")
    blind = next(p for p in result["programs"] if p["id"] == "arnona_blind")
    assert blind["status"] == "maybe"
    assert [m["id"] for m in blind["missing"]] == ["disability.blind"]


def test_a_household_that_said_nobody_has_a_disability_is_not_offered_the_discount_for_the_blind() -> None:
    none = {"medical_percent": 0, "incapacity_percent": 0, "blind": False, "receives_general_disability": False}
    mother = copy.deepcopy(FORTY_FIVE)
    mother["members"][0] |= {"sex": "female", "marital_status": "divorced", "disability": none}
    mother["members"].append({"role": "child", "birth_date": "2016-05-01", "disability": none})
    result = screen(mother, as_of=AS_OF, lang="en")
    statuses = {p["id"]: p["status"] for p in result["programs"]}
    assert statuses["arnona_blind"] == "not_eligible"
    assert statuses["arnona_incapacity_75"] == "not_eligible"
    assert statuses["arnona_medical_90"] == "not_eligible"


@pytest.mark.parametrize(("seed", "detail"), [(1, True), (2, True), (3, False), (4, False)])
def test_a_batch_too_large_to_decide_in_plain_python_decides_the_same(seed: int, detail: bool) -> None:
    r = random.Random(seed)
    # Over 64 households a chunk is decided with vectorized steps, each try working out only what its fact
    # changes (and, without the detail, stopping at the first value that leaves the right open); one at a time,
    # in plain Python, with the whole query.
    households = []
    for _ in range(70):
        household = complete_household(r)
        all_facts = facts(household)
        households.append(without(household, r.sample(all_facts, r.randint(0, min(8, len(all_facts))))))
    batch = _results(evaluate(households, AS_OF, detail=detail))
    assert batch == [_results(evaluate([h], AS_OF, detail=detail))[0] for h in households]


@pytest.mark.parametrize("pension", [False, True])
def test_an_unknown_medical_percent_leaves_special_services_open_with_or_without_a_disability_pension(
    pension: bool,
) -> None:
    # 75% decides without the general disability pension and 60% with it: a percent not given may be above or
    # below either, so neither the pension nor its absence settles the right.
    household: dict[str, Any] = copy.deepcopy(FORTY_FIVE)
    applicant: dict[str, Any] = household["members"][0]
    applicant["sex"], applicant["needs_daily_help"] = "female", True
    applicant["disability"] = {"incapacity_percent": 0, "blind": False, "receives_general_disability": pension}
    by_id = {p["id"]: p for p in screen(household, as_of=AS_OF, lang="en")["programs"]}
    assert by_id["special_services"]["status"] == "maybe"
    assert "disability.medical_percent" in {q["id"] for q in by_id["special_services"]["missing"]}
