"""Law-shape invariants: what the law guarantees whatever the year's figures, on every 1 January and 1 July from 2020
to today, checked on households evaluated through the public API (``evaluate``), never against the rules' own code.

Each invariant names the law that makes it true. A failure means a figure (or a formula) breaks the law's shape on
the dates listed; an ``xfail`` names the parameter file that is wrong and who is fixing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest

from eligibility import evaluate
from eligibility.catalogue import catalogue
from eligibility.household import today
from eligibility.parameters import get_parameter

DATES = [d for y in range(2020, today().year + 1) for d in (dt.date(y, 1, 1), dt.date(y, 7, 1)) if d <= today()]
NO_INCOME = {"work": 0, "pension_occupational": 0, "nii_benefits": 0, "alimony": 0, "capital": 0, "other": 0}
AREAS = (60, 150, 300)  # m²: under every area cap, and two sizes above all of them
IS_FAMILIES = ("single", "couple", "couple_1", "couple_2", "parent_1", "parent_2")
RENT_PARENT_INCOMES = (3000, 9000, 9500, 11000)  # ₪ a month: within each income band of the single parents' table
Builder = Callable[[dt.date], dict[str, Any]]
TAX_WAGES = (5000, 6000, 6700, 9000, 12000, 20000)  # ₪ a month: below, at and above the tax threshold
PARTIAL_YEAR_WAGES = (6000, 9000, 20000, 50000)  # ₪ a month last year: below the threshold, then up the brackets
PARTIAL_YEAR_MONTHS = (0, 1, 3, 6, 9, 11, 12)  # months with a salary in the last tax year
Runs = dict[dt.date, dict[str, dict[str, Any]]]


def born(as_of: dt.date, years: int) -> str:
    """A birth date that makes the person ``years`` old (two months past the birthday) on ``as_of``."""
    return (as_of.replace(year=as_of.year - years) - dt.timedelta(days=60)).isoformat()


def adult(as_of: dt.date, role: str, age: int, **facts: Any) -> dict[str, Any]:
    """A member who answered every question: resident, not disabled, no income, registered for work."""
    person: dict[str, Any] = {
        "role": role,
        "birth_date": born(as_of, age),
        "sex": "female",
        "marital_status": "married" if role == "partner" else "single",
        "resident_since": max("1990-01-01", born(as_of, age)),
        "immigration_date": None,
        "disability": {"medical_percent": 0, "incapacity_percent": 0, "blind": False},
        "employment": "retired" if age >= 67 else "unemployed",
        "income": dict(NO_INCOME),
        "receives": [],
        "months_worked_last_18": 0,
        "employment_service_registered": True,
        "student": False,
        "soldier": False,
        "holocaust_survivor": False,
        "chronic_illness": False,
        "needs_daily_help": False,
        "recently_discharged": False,
        "walking_difficulty": False,
    }
    person["disability"]["receives_general_disability"] = False
    for key, value in facts.items():
        person[key] = {**person[key], **value} if key in ("income", "disability") else value
    return person


def children(as_of: dt.date, n: int) -> list[dict[str, Any]]:
    return [{"role": "child", "birth_date": born(as_of, 2 + 2 * i)} for i in range(n)]


def home(members: list[dict[str, Any]], *, area: float = 80, authority: str = "haifa", **groups: Any) -> dict[str, Any]:
    household: dict[str, Any] = {
        "members": members,
        "authority": authority,
        "housing": {"tenure": "renter", "rent_monthly": 3000, "arnona_area_sqm": area},
        "assets": {"car_value": 0, "financial_assets": 0},
        "debts": {"total": 0, "includes_alimony": False, "enforcement_file": False, "several_files": False},
    }
    household["housing"] |= {"owns_other_property": False, "ever_owned_home": False}
    for group, facts in groups.items():
        household[group] = {**household[group], **facts}
    return household


def family(kind: str, age: int, **facts: Any) -> Builder:
    """single, couple, couple_<n> (with n children), parent_<n> (single parent of n)."""
    head, _, kids = kind.partition("_")

    def build(d: dt.date) -> dict[str, Any]:
        status = {"marital_status": "married"} if head == "couple" else {"marital_status": "divorced"} if kids else {}
        members = [adult(d, "applicant", age, **status, **facts)]
        if head == "couple":
            members.append(adult(d, "partner", age, **facts))
        return home(members + children(d, int(kids or 0)))

    return build


def one(
    age: int, *, area: float = 80, authority: str = "haifa", extra: int = 0, debt: float = 0, **facts: Any
) -> Builder:
    """An applicant of ``age`` with ``extra`` children; ``debt`` in an execution file."""

    def build(d: dt.date) -> dict[str, Any]:
        members = [adult(d, "applicant", age, **facts), *children(d, extra)]
        return home(members, area=area, authority=authority, debts={"total": debt, "enforcement_file": debt > 0})

    return build


def pensioner_with_spouse(kids: int) -> Builder:
    """A man of 75 whose wife, 55, has no income (the dependent spouse of the law), and ``kids`` children."""

    def build(d: dt.date) -> dict[str, Any]:
        couple = [adult(d, "applicant", 75, sex="male", marital_status="married"), adult(d, "partner", 55)]
        return home(couple + children(d, kids))

    return build


ARNONA_CASES: dict[str, Callable[[float], Builder]] = {
    # One household that each arnona discount of the regulations (הנחה מארנונה, תקנה 2) is meant for.
    "arnona_income_test": lambda a: one(30, area=a),
    "arnona_senior": lambda a: one(75, area=a, income={"pension_occupational": 6000}),
    "arnona_senior_supplement": lambda a: one(75, area=a),
    "arnona_senior_income_test": lambda a: one(75, area=a, income={"pension_occupational": 6000}),
    "arnona_incapacity_75": lambda a: one(40, area=a, disability={"medical_percent": 80, "incapacity_percent": 75}),
    "arnona_medical_90": lambda a: one(40, area=a, disability={"medical_percent": 90, "incapacity_percent": 75}),
    "arnona_blind": lambda a: one(40, area=a, disability={"blind": True}),
    "arnona_disabled_child_parent": lambda a: one(40, area=a, extra=1, receives=["disabled_child_benefit"]),
    "arnona_new_immigrant": lambda a: lambda d: home([immigrant(d)], area=a),
    "arnona_single_parent": lambda a: one(40, area=a, extra=2, marital_status="divorced"),
    "arnona_soldier": lambda a: one(20, area=a, soldier=True),
}


def immigrant(d: dt.date) -> dict[str, Any]:
    arrived = (d - dt.timedelta(days=100)).isoformat()
    return adult(
        d,
        "applicant",
        40,
        immigration_date=arrived,
        resident_since=arrived,
        employment="employed",
        income={"work": 20000},
    )


ALIMONY_WORK = (0, 2000, 4000, 6000, 8000, 10000)  # ₪ a month: the disregard, the 25% band and the 60% band
DAYCARE_INCOMES = (7000, 9000, 12000, 14000, 16000, 18000, 20000)  # ₪ a month: two working parents, one baby


def alimony_mother(age: int, kids: int, work: float, *, judgment: float = 10_000) -> Builder:
    """A divorced mother of ``kids`` with no partner at home, holding a maintenance judgment the father does not pay."""

    def build(d: dt.date) -> dict[str, Any]:
        mother = adult(d, "applicant", age, marital_status="divorced", employment="employed", income={"work": work})
        mother |= {"unpaid_alimony_judgment": True, "alimony_judgment_amount": judgment}
        return home([mother, *children(d, kids)])

    return build


def daycare_parents(income: float) -> Builder:
    """Two parents earning ``income`` between them, with a baby of six months in a recognized day-care."""

    def build(d: dt.date) -> dict[str, Any]:
        work = {"income": {"work": income / 2}, "employment": "employed"}
        parents = [adult(d, "applicant", 32, daycare_recognized=True, **work), adult(d, "partner", 32, **work)]
        baby = {"role": "child", "birth_date": (d - dt.timedelta(days=180)).isoformat()}
        return home([*parents, baby])

    return build


LATE_IMMIGRANT_INCOMES = (0, 1000, 3000, 4000, 6000)  # ₪ a month from a pension abroad


def late_immigrant(age: int, pension_abroad: float) -> Builder:
    """A woman of ``age`` who came to Israel (aliyah) three years ago, past her retirement age: not insured for old
    age, with ``pension_abroad`` a month from a pension she brought."""

    def build(d: dt.date) -> dict[str, Any]:
        came = (d - dt.timedelta(days=3 * 365)).isoformat()
        person = adult(d, "applicant", age, income={"pension_occupational": pension_abroad})
        return home([{**person, "immigration_date": came, "resident_since": came}])

    return build


def _households() -> dict[str, Builder]:
    hh: dict[str, Builder] = {}
    for age in (22, 30, 58):  # the Income Support Law's three age bands: 20–24, 25–54, 55+
        for kind in IS_FAMILIES:
            hh[f"is_{age}_{kind}"] = family(kind, age)
    for work in (0, 1000, 2000, 3000, 4000, 6000):
        hh[f"is_work_{work}"] = family("single", 30, income={"work": work}, employment="employed")
        hh[f"is_parent_work_{work}"] = family("parent_2", 30, income={"work": work}, employment="employed")
    for age in (67, 75, 85):  # the supplement's bands: under 70, 70–79, 80 and over
        for kind in ("single", "couple", "couple_1", "couple_2"):
            hh[f"senior_{age}_{kind}"] = family(kind, age)
    for work in (0, 3000, 6000, 9000, 12000, 15000):
        hh[f"senior_67_work_{work}"] = family("single", 67, income={"work": work}, employment="employed")
    for n in range(1, 4):
        hh[f"pension_spouse_{n - 1}"] = pensioner_with_spouse(n - 1)
    for n in range(7):
        hh[f"kids_{n}"] = family(f"couple_{n}", 35, employment="employed", income={"work": 9000})
        hh[f"kids_is_{n}"] = family(f"couple_{n}", 35, receives=["income_support"])
    for degree in (50, 60, 65, 74, 75, 100):
        hh[f"disabled_{degree}"] = one(40, disability={"medical_percent": 80, "incapacity_percent": degree})
        hh[f"disabled_receiving_{degree}"] = one(
            40,
            disability={"medical_percent": 80, "incapacity_percent": degree, "receives_general_disability": True},
            receives=["general_disability"],
        )
    for area in AREAS:
        for right, facts in ARNONA_CASES.items():
            hh[f"{right}_{area}"] = facts(area)
        hh[f"arnona_income_test_netanya_{area}"] = one(30, area=area, authority="netanya")
    for income in (0, 2000, 3000, 3500, 4000, 5000, 6000, 8000):
        hh[f"arnona_income_{income}"] = one(30, income={"work": income}, employment="employed")
    for n in range(10):
        hh[f"arnona_size_{n + 1}"] = one(40, income={"work": 5000}, employment="employed", extra=n)
    for n in range(1, 5):
        hh[f"work_grant_{n}"] = family(f"couple_{n}", 30, employment="employed", income={"work": 4000})
        hh[f"work_grant_parent_{n}"] = family(f"parent_{n}", 30, employment="employed", income={"work": 4000})
    for months in (6, 12, 18):
        hh[f"unemployed_{months}"] = one(30, months_worked_last_18=months)
    for kids in range(1, 6):
        for income in RENT_PARENT_INCOMES:
            parent = family(f"parent_{kids}", 30, employment="employed", income={"work": income})
            hh[f"rent_parent_{kids}_{income}"] = parent
    for income in (0, 4000, 8000, 12000):
        for n in (3, 4):
            hh[f"public_housing_{n}_{income}"] = family(f"couple_{n}", 35, income={"work": income / 2})
    for income in (0, 3000, 6000, 9000, 12000):
        hh[f"legal_aid_{income}"] = one(40, employment="employed", income={"work": income})
    for debt in (10_000, 50_000, 150_000):
        hh[f"debtor_{debt}"] = one(40, debt=debt, employment="employed", income={"work": 5000})
    for several in (False, True):
        files: dict[str, Any] = {"total": 30_000, "enforcement_file": True, "several_files": several}

        def debtor(d: dt.date, files: dict[str, Any] = files) -> dict[str, Any]:
            return home([adult(d, "applicant", 40, employment="employed", income={"work": 5000})], debts=files)

        hh[f"debtor_files_{int(several)}"] = debtor
    for older in range(4):
        hh[f"birth_{older + 1}"] = newborns(older, 1)
    for babies in (2, 3):
        hh[f"birth_multiple_{babies}"] = newborns(0, babies)
    for months in MATERNITY_MONTHS:

        def mother(d: dt.date, months: int = months) -> dict[str, Any]:
            baby = {"role": "child", "birth_date": (d - dt.timedelta(days=60)).isoformat()}
            return home([adult(d, "applicant", 30, months_worked_last_18=months), baby])

        hh[f"maternity_{months}"] = mother
    for medical in (50, 89, 90, 100):
        disabled = {"medical_percent": medical, "incapacity_percent": 0}
        hh[f"tax_medical_{medical}"] = one(45, employment="employed", income={"work": 6000}, disability=disabled)
    for work in (0, 3000):
        hh[f"tax_blind_{work}"] = one(45, employment="employed", income={"work": work}, disability={"blind": True})
    for sex in ("female", "male"):
        for age in SENIOR_AGES:
            hh[f"fare_{sex}_{age}"] = one(age, sex=sex)
    for age in (70, 85):
        for other in LATE_IMMIGRANT_INCOMES:
            hh[f"late_immigrant_{age}_{other}"] = late_immigrant(age, other)
    for age in (45, 55):
        hh[f"widow_{age}"] = one(age, marital_status="widowed")
    for n in range(1, 4):
        hh[f"widow_kids_{n}"] = one(35, marital_status="widowed", extra=n)
    for age in (72, 85):
        hh[f"widow_{age}"] = one(age, marital_status="widowed")
    for work in SURVIVOR_WORK:
        hh[f"widow_work_{work}"] = one(45, marital_status="widowed", employment="employed", income={"work": work})
    for medical in (0, 40, 100):
        hh[f"child_medical_{medical}"] = parent_of_child(medical)
    for medical in (50, 60, 75):
        for pension in (False, True):
            disabled = {"medical_percent": medical, "receives_general_disability": pension}
            hh[f"attendance_{medical}_{int(pension)}"] = one(45, needs_daily_help=True, disability=disabled)
    for sex in ("female", "male"):
        for age in MOBILITY_AGES:
            hh[f"mobility_{sex}_{age}"] = one(age, sex=sex, walking_difficulty=True)
    hh["mobility_walks"] = one(40, walking_difficulty=False)
    for year in HOLOCAUST_BIRTH_YEARS:
        for receives in ([], ["holocaust_monthly_allowance"]):

            def survivor(d: dt.date, year: int = year, receives: list[str] = receives) -> dict[str, Any]:
                person = adult(d, "applicant", 80, holocaust_survivor=True, receives=receives)
                return home([{**person, "birth_date": f"{year}-03-01", "resident_since": f"{year}-03-01"}])

            hh[f"holocaust_{year}_{len(receives)}"] = survivor
    for tenure in ("public_housing", "renter", "owner"):

        def tenant(d: dt.date, tenure: str = tenure) -> dict[str, Any]:
            person = adult(d, "applicant", 40, employment="employed", income={"work": 4000})
            return home([person], housing={"tenure": tenure})

        hh[f"tenure_{tenure}"] = tenant
    for income in LTC_INCOMES:
        hh[f"ltc_single_{income}"] = one(80, needs_daily_help=True, income={"nii_benefits": income})
        hh[f"ltc_couple_{income}"] = family("couple", 80, needs_daily_help=True, income={"nii_benefits": income / 2})
    for wage in TAX_WAGES:
        worker = {"employment": "employed", "income": {"work": wage}, "sex": "male"}
        hh[f"tax_parent_{wage}"] = family("parent_1", 30, **worker)
        hh[f"tax_parent_dc_{wage}"] = family("parent_1", 30, **worker, receives=["disabled_child_benefit"])
    for wage in PARTIAL_YEAR_WAGES:
        for months in PARTIAL_YEAR_MONTHS:
            hh[f"partial_year_{wage}_{months}"] = one(
                30,
                employment="employed",
                income={"work": wage},
                sex="male",
                last_year_months_worked=months,
                last_year_monthly_salary=wage,
            )
    for months in ALIYAH_MONTHS:
        hh[f"oleh_{months}"] = oleh(months, 0)
    for months in OLEH_RENT_MONTHS:
        hh[f"oleh_rent_{months}"] = oleh(months, 0)
    for months in OLEH_AMOUNT_MONTHS:
        hh[f"oleh_alone_{months}"] = oleh_family(months, partner=False)
        hh[f"oleh_family_{months}"] = oleh_family(months, partner=True)
    for prior in PRIOR_STAYS:
        hh[f"oleh_prior_{prior}"] = oleh(3, prior)
    for kids in (1, 2):
        for work in ALIMONY_WORK:
            hh[f"alimony_{kids}_{work}"] = alimony_mother(35, kids, work)
        hh[f"alimony_58_{kids}"] = alimony_mother(58, kids, 0)
        hh[f"alimony_small_{kids}"] = alimony_mother(35, kids, 0, judgment=1500)
    for income in DAYCARE_INCOMES:
        hh[f"daycare_{income}"] = daycare_parents(income)
    return hh


ALIYAH_MONTHS = (1, 6, 11, 13, 24)
PRIOR_STAYS = (0, 12, 24, 30, 48)


def oleh_family(months: int, partner: bool) -> Builder:
    """An immigrant of 35 who came ``months`` ago, alone (``partner`` false) or with a husband and a child."""

    def build(d: dt.date) -> dict[str, Any]:
        aliyah = (d - dt.timedelta(days=30 * months + 5)).isoformat()
        facts = {"immigration_date": aliyah, "resident_since": aliyah}
        if not partner:
            return home([adult(d, "applicant", 35, **facts)])
        couple = [adult(d, "applicant", 35, marital_status="married", **facts), adult(d, "partner", 35, **facts)]
        return home([*couple, {"role": "child", "birth_date": born(d, 6), **facts}])

    return build


def oleh(months: int, prior: int) -> Builder:
    """An immigrant of 35 who came ``months`` ago, having lived in Israel ``prior`` months before the aliyah."""

    def build(d: dt.date) -> dict[str, Any]:
        aliyah = d - dt.timedelta(days=30 * months + 5)
        since = aliyah - dt.timedelta(days=30 * prior + (5 if prior else 0))
        facts = {"immigration_date": aliyah.isoformat(), "resident_since": since.isoformat()}
        return home([adult(d, "applicant", 35, **facts)])

    return build


SENIOR_AGES = (60, 62, 66, 67, 74, 75, 80)
LTC_INCOMES = (0, 10_000, 16_000, 20_000, 25_000, 32_000)
SURVIVOR_WORK = (0, 2000, 2900, 3000, 5000)
MOBILITY_AGES = (20, 40, 66, 67, 70)
MATERNITY_MONTHS = (0, 6, 12, 18)
OLEH_RENT_MONTHS = (6, 8, 30, 58, 62)
OLEH_AMOUNT_MONTHS = (13, 25, 37, 49, 58)  # full months after aliyah: within the 2nd to the 5th year
HOLOCAUST_BIRTH_YEARS = (1930, 1946, 1947)


def parent_of_child(medical: int) -> Builder:
    """A mother of 40 and her son of 8 with a ``medical`` percent disability (no blindness, no chronic illness)."""

    def build(d: dt.date) -> dict[str, Any]:
        child = {"role": "child", "birth_date": born(d, 8), "chronic_illness": False}
        child["disability"] = {"medical_percent": medical, "blind": False}
        return home([adult(d, "applicant", 40, marital_status="married"), child])

    return build


def newborns(older: int, babies: int) -> Builder:
    """A mother of 30 with ``older`` children and ``babies`` born the same day, two months before the date."""

    def build(d: dt.date) -> dict[str, Any]:
        baby = {"role": "child", "birth_date": (d - dt.timedelta(days=60)).isoformat()}
        return home([adult(d, "applicant", 30), *children(d, older), *[dict(baby) for _ in range(babies)]])

    return build


HOUSEHOLDS = _households()
RANK = {"not_eligible": 0, "maybe": 1, "eligible": 2, "already_receiving": 2}
EPS = 0.005  # money and percents are compared to half an agora


@pytest.fixture(scope="module")
def runs() -> Runs:
    """Every household on every date: the result columns and, for the figures behind them, the detail columns."""
    out = {}
    for d in DATES:
        households = [build(d) for build in HOUSEHOLDS.values()]
        results = evaluate(households, d).to_dicts()
        details = evaluate(households, d, detail=True).to_dicts()
        out[d] = {name: {**x, **y} for name, x, y in zip(HOUSEHOLDS, details, results, strict=True)}
    return out


def value(row: dict[str, Any], column: str) -> Any:
    found = row.get(column)
    return RANK[found] if column.endswith("__status") and found is not None else found


class Checks:
    """The comparisons of one invariant over every date: its failures, and how many comparisons it made (an invariant
    that compared nothing would pass whatever the rules say, so ``done`` fails then)."""

    def __init__(self, runs: Runs) -> None:
        self.runs, self.compared = runs, 0
        self.failures: list[str] = []

    def monotone(self, names: list[str], column: str, *, rising: bool = True) -> None:
        """Where ``column`` is known along ``names`` on a date, each value is ≥ (``rising``) or ≤ the one before."""
        for d, rows in self.runs.items():
            known = [(n, value(rows[n], column)) for n in names if value(rows[n], column) is not None]
            for (n1, a), (n2, b) in zip(known, known[1:], strict=False):
                self.check((b >= a - EPS) if rising else (b <= a + EPS), f"{d}: {column}: {n1} = {a}, {n2} = {b}")

    def check(self, ok: bool, failure: str) -> None:
        self.compared += 1
        if not ok:
            self.failures.append(failure)

    def done(self) -> None:
        assert self.compared, "nothing was compared: no household had the figures on any date"
        assert not self.failures, "\n".join(self.failures)


def names(prefix: str, keys: Iterable[object]) -> list[str]:
    return [f"{prefix}{k}" for k in keys]


def each(runs: Runs, households: list[str] | None = None) -> Iterator[tuple[dt.date, str, dict[str, Any]]]:
    for d, rows in runs.items():
        for name in households or list(rows):
            yield d, name, rows[name]


# --- Every right -------------------------------------------------------------------------------------------------


def test_it_never_gives_a_negative_amount_or_a_discount_outside_0_to_100(runs):
    # No law pays a negative benefit or discounts more than the whole bill.
    c = Checks(runs)
    for d, name, row in each(runs):
        for pid in catalogue():
            for key in ("monthly_amount", "one_off_amount", "discount_percent"):
                found = row.get(f"{pid}__{key}")
                if found is not None:
                    top = 100 if key == "discount_percent" else float("inf")
                    c.check(0 <= found <= top, f"{d}: {name}: {pid}__{key} = {found}")
    c.done()


# Each right the law pays in money or as a discount, with the column that carries its figure. The health-fund
# exemptions are left out: their percentage is one group's (pensioners' medication discount), the other groups'
# exemptions are not a percentage; their own invariant below checks that group.
FIGURE = {
    pid: f"{pid}__discount_percent" if spec.get("discount") else f"{pid}__monthly_amount"
    for pid, spec in catalogue().items()
    if (spec.get("amount") or spec.get("discount")) and pid not in ("health_exemptions", "rent_assistance")
}
# Rent assistance is left out too: the ministry's tables for the income-support, disability and NII-alimony tracks are
# not held, so an eligible household there has no amount (unknown, never a guess); its own invariant is below.
AGENCY_DECIDES = {"general_disability"}  # the medical committee sets the degree
MISSING_BEFORE = {
    # Rights whose figures start after 2020 in a file the figures engineer owns (issue 19 §1): an "eligible" result
    # has no amount on the earlier dates.
    "old_age_pension": "eligibility/parameters/nii/old_age/pension.yaml has no value before 2021-01-01",
    "child_savings": "eligibility/parameters/nii/child_allowance/savings.yaml has no value before 2024-01-01",
    "general_disability": "eligibility/parameters/nii/general_disability/amounts.yaml has no value before 2022-01-01",
    "survivors_pension": "eligibility/parameters/nii/survivors/pension.yaml has no value before 2021-01-01 (no earlier "
    "table found), and nii/old_age/retirement_age_women.yaml none before 2022-01-01 (a widow's half rate is open)",
}


@pytest.mark.parametrize(
    "pid",
    [
        pytest.param(pid, marks=pytest.mark.xfail(strict=True, reason=MISSING_BEFORE[pid]))
        if pid in MISSING_BEFORE
        else pid
        for pid in FIGURE
    ],
)
def test_it_gives_an_eligible_household_its_amount(runs, pid):
    # A right the law pays in money or as a discount is never "eligible" for nothing. A right that only the agency's
    # committee grants (no household is "eligible" from its own answers) is checked on those already receiving it.
    c = Checks(runs)
    entitled = ("eligible", "already_receiving") if pid in AGENCY_DECIDES else ("eligible",)
    for d, name, row in each(runs):
        if row[f"{pid}__status"] in entitled:
            # A right with a one-off amount besides the monthly one (the tax refund for a partial year) may pay only it.
            paid = (row[FIGURE[pid]] or 0) + (row.get(f"{pid}__one_off_amount") or 0)
            c.check(paid > 0, f"{d}: {name}: {row[f'{pid}__status']}, {FIGURE[pid]} = {row[FIGURE[pid]]}")
    c.done()


# --- National Insurance ------------------------------------------------------------------------------------------

IS_AMOUNT = "income_support__monthly_amount"


def test_it_never_gives_a_larger_family_a_lower_income_support_maximum(runs):
    # Income Support Law s.5 and the Second Schedule: the rate rises with a partner and with each child.
    c = Checks(runs)
    for age in (22, 30, 58):
        c.monotone(names(f"is_{age}_", ("single", "couple", "couple_1", "couple_2")), IS_AMOUNT)
        c.monotone(names(f"is_{age}_", ("parent_1", "parent_2")), IS_AMOUNT)
    c.done()


def test_it_never_gives_an_older_income_support_claimant_a_lower_rate(runs):
    # Income Support Law, Second Schedule: a reduced rate at 20–24, the raised rates from 55.
    c = Checks(runs)
    for kind in IS_FAMILIES:
        c.monotone([f"is_{age}_{kind}" for age in (22, 30, 58)], IS_AMOUNT)
    c.done()


def test_it_never_raises_income_support_with_more_work_income(runs):
    # Income Support Law s.9 and its work-income regulations: income above the disregard reduces the benefit.
    c = Checks(runs)
    works = (0, 1000, 2000, 3000, 4000, 6000)
    c.monotone(names("is_work_", works), IS_AMOUNT, rising=False)
    c.monotone(names("is_parent_work_", works), IS_AMOUNT, rising=False)
    c.done()


PENSION = "old_age_pension__monthly_amount"


def test_it_never_pays_the_basic_old_age_pension_at_80_below_the_rate_under_80(runs):
    # National Insurance Law s.244 and Table I: the basic pension is raised from age 80, never lowered.
    c = Checks(runs)
    c.monotone(["senior_75_single", "senior_85_single"], PENSION)
    c.done()


def test_it_never_lowers_the_old_age_pension_for_a_dependent_spouse_or_child(runs):
    # National Insurance Law s.244 and Table I: increments for a dependent spouse and for children, never deductions.
    c = Checks(runs)
    c.monotone(["senior_75_single", *names("pension_spouse_", range(3))], PENSION)
    c.done()


SPECIAL = "special_old_age_benefit__monthly_amount"


def test_it_pays_a_late_immigrant_the_special_benefit_at_most_at_the_pensions_rate_and_never_the_pension(runs):
    # The special old-age benefit takes the old-age pension's place for someone not insured for old age: at most the
    # basic pension's rate (80+ at least the under-80 one), less with more income, and never both.
    c = Checks(runs)
    for other in LATE_IMMIGRANT_INCOMES:
        c.monotone([f"late_immigrant_70_{other}", f"late_immigrant_85_{other}"], SPECIAL)
    for age in (70, 85):
        c.monotone(names(f"late_immigrant_{age}_", LATE_IMMIGRANT_INCOMES), SPECIAL, rising=False)
        for d, name, row in each(runs, names(f"late_immigrant_{age}_", LATE_IMMIGRANT_INCOMES)):
            c.check(row["old_age_pension__status"] != "eligible", f"{d}: {name}: told the old-age pension too")
            if row[SPECIAL] is not None:
                basic = get_parameter(f"nii.old_age.pension.basic_{'80_plus' if age >= 80 else 'under_80'}")(d)
                c.check(row[SPECIAL] <= basic + EPS, f"{d}: {name}: {row[SPECIAL]} above the basic pension {basic}")
    c.done()


def test_it_never_raises_the_old_age_pension_with_more_work_income(runs):
    # National Insurance Law s.245: between retirement age and 70 the pension is reduced, then stopped, by income.
    c = Checks(runs)
    c.monotone(names("senior_67_work_", (0, 3000, 6000, 9000, 12000, 15000)), PENSION, rising=False)
    c.done()


SENIORS = [f"senior_{age}_{kind}" for age in (67, 75, 85) for kind in ("single", "couple", "couple_1", "couple_2")]


def test_it_guarantees_a_total_above_the_old_age_pension(runs):
    # Income Support Law s.2(a)(4): the supplement tops the old-age pension up to a guaranteed total, so the total
    # is above the pension it comes with, and a pensioner with no other income gets a supplement.
    c = Checks(runs)
    for d, name, row in each(runs, SENIORS):
        total, pension = row["supplement_guaranteed_total"], row["old_age_pension_amount"]
        if total is not None and pension is not None:
            c.check(total > pension, f"{d}: {name}: guaranteed total {total}, pension {pension}")
            supplement = row["old_age_income_supplement__monthly_amount"]
            c.check(supplement is not None and supplement > 0, f"{d}: {name}: supplement {supplement}")
    c.done()


def test_it_never_guarantees_an_older_or_larger_family_a_lower_total(runs):
    # Income Support Law, Second Schedule (the pension-age columns): the guaranteed total rises at 70 and at 80, with
    # a partner and with each child.
    c = Checks(runs)
    for kind in ("single", "couple", "couple_1", "couple_2"):
        c.monotone([f"senior_{age}_{kind}" for age in (67, 75, 85)], "supplement_guaranteed_total")
    for age in (67, 75, 85):
        c.monotone(names(f"senior_{age}_", ("single", "couple", "couple_1", "couple_2")), "supplement_guaranteed_total")
    c.done()


def test_it_never_raises_the_income_supplement_with_more_income(runs):
    # Income Support Law s.2(a)(4): the supplement is the guaranteed total less the pension and the other income.
    c = Checks(runs)
    works = (0, 3000, 6000, 9000, 12000, 15000)
    c.monotone(names("senior_67_work_", works), "old_age_income_supplement__monthly_amount", rising=False)
    c.done()


def test_it_never_lowers_the_child_allowance_for_one_more_child_or_for_the_top_up(runs):
    # National Insurance Law s.66 and s.68: an allowance for each child (never negative), and the top-up for the
    # third and fourth child of a family on income support only adds to it.
    c = Checks(runs)
    column = "child_allowance__monthly_amount"
    c.monotone(names("kids_", range(7)), column)
    c.monotone(names("kids_is_", range(7)), column)
    for n in range(7):
        c.monotone([f"kids_{n}", f"kids_is_{n}"], column)
    c.done()


def test_it_never_lowers_the_child_savings_deposit_for_one_more_child(runs):
    # National Insurance Law s.74A: the state deposits a fixed monthly sum for each child with a child allowance.
    c = Checks(runs)
    c.monotone(names("kids_", range(7)), "child_savings__monthly_amount")
    c.done()


def test_it_never_pays_a_higher_incapacity_degree_a_lower_disability_pension(runs):
    # National Insurance Law s.200: the pension is set by the degree of incapacity (60%, 65%, 74%, full from 75%).
    c = Checks(runs)
    degrees = (50, 60, 65, 74, 75, 100)
    c.monotone(names("disabled_", degrees), "general_disability__monthly_amount")
    c.monotone(names("disabled_receiving_", degrees), "general_disability__monthly_amount")
    c.done()


def test_it_never_refuses_unemployment_benefit_for_more_months_of_work(runs):
    # National Insurance Law s.161: the qualifying period is a minimum of insured months in the last 18.
    c = Checks(runs)
    c.monotone(names("unemployed_", (6, 12, 18)), "unemployment__status")
    c.done()


# --- Municipality: arnona ----------------------------------------------------------------------------------------


def area_cap(pid: str, authority: str, d: dt.date) -> float | None:
    """The area cap in the discount's parameters (the municipality's own from the date it chose one)."""
    prefix = catalogue()[pid]["parameter_prefix"][0]
    name = f"{prefix}.area_cap_sqm" if "categorical" in prefix else "municipal.arnona.income_test_rates.area_cap_sqm"
    local = get_parameter(name, authority)
    cap: float | None = (local if local.latest(d) is not None else get_parameter(name))(d)
    return cap


ARNONA_HOMES = [(pid, pid, "haifa") for pid in ARNONA_CASES] + [
    ("arnona_income_test", "arnona_income_test_netanya", "netanya")
]


@pytest.mark.parametrize(("pid", "case", "authority"), ARNONA_HOMES)
def test_it_keeps_each_arnona_discount_within_its_area_cap(runs, pid, case, authority):
    # Arnona discount regulations (הנחה מארנונה) 1993, reg. 2: a rate of the bill for up to an area. A larger home never
    # gets a larger share of its bill off, nor fewer discounted square metres, nor more of them than the cap.
    c = Checks(runs)
    column, homes = f"{pid}__discount_percent", names(f"{case}_", AREAS)
    c.monotone(homes, column, rising=False)
    for d, rows in runs.items():
        known = [(rows[h][column] / 100 * rows[h]["arnona_area_sqm"], h) for h in homes if rows[h][column] is not None]
        cap = area_cap(pid, authority, d)
        for (m2, h), (next_m2, next_h) in zip(known, known[1:], strict=False):
            c.check(next_m2 >= m2 - EPS, f"{d}: {h} has {m2} m² discounted, {next_h} {next_m2}")
            # Both homes over the cap: the same square metres discounted, however much larger the home.
            over = cap is not None and rows[h]["arnona_area_sqm"] >= cap
            c.check(not over or abs(next_m2 - m2) <= EPS, f"{d}: {h} has {m2} m² discounted, {next_h} {next_m2}")
        for m2, h in known:
            c.check(cap is None or m2 <= cap + EPS, f"{d}: {h}: {m2} m² discounted, over the {cap} m² cap")
    c.done()


def test_it_never_gives_a_lower_income_a_smaller_arnona_discount(runs):
    # Arnona discount regulations, reg. 2(a)(8) and the First Schedule: the lower the income band, the higher the rate.
    c = Checks(runs)
    incomes = (0, 2000, 3000, 3500, 4000, 5000, 6000, 8000)
    c.monotone(names("arnona_income_", incomes), "arnona_income_test__discount_percent", rising=False)
    c.done()


def test_it_never_gives_a_larger_household_a_smaller_arnona_discount_at_the_same_income(runs):
    # Arnona discount regulations, First Schedule: the income ceilings rise with the number of persons, and the
    # rates are higher from 7 persons.
    c = Checks(runs)
    c.monotone(names("arnona_size_", range(1, 11)), "arnona_income_test__discount_percent")
    c.done()


# --- Housing, tax, utilities, justice, health, enforcement -------------------------------------------------------


def test_it_never_refuses_rent_assistance_for_a_higher_incapacity_degree(runs):
    # Housing ministry procedure 08/04 (rent assistance): the disability group is "75% incapacity and over".
    c = Checks(runs)
    c.monotone(names("disabled_receiving_", (50, 60, 65, 74, 75, 100)), "rent_assistance__status")
    c.done()


def test_it_never_gives_a_larger_family_or_a_lower_income_less_rent_assistance(runs):
    # Housing ministry procedure 08/04 and its tables: a larger family never gets a lower amount (up to 3 children,
    # then 4 and more), nor a parent of a lower income band (single parents who work or receive alimony); a couple
    # of seniors with the income supplement never gets less than one alone.
    c = Checks(runs)
    for income in RENT_PARENT_INCOMES:
        c.monotone([f"rent_parent_{k}_{income}" for k in range(1, 6)], "rent_assistance__monthly_amount")
    for k in range(1, 6):
        c.monotone(names(f"rent_parent_{k}_", RENT_PARENT_INCOMES), "rent_assistance__monthly_amount", rising=False)
    for age in (67, 75, 85):
        c.monotone(names(f"senior_{age}_", ("single", "couple")), "rent_assistance__monthly_amount")
    c.done()


def test_it_never_refuses_public_housing_for_a_lower_income_or_one_more_child(runs):
    # Public-housing rules of the housing ministry: a couple with 3 children or more qualifies up to an income ceiling.
    c = Checks(runs)
    incomes = (0, 4000, 8000, 12000)
    for n in (3, 4):
        c.monotone(names(f"public_housing_{n}_", incomes), "public_housing__status", rising=False)
    for income in incomes:
        c.monotone([f"public_housing_3_{income}", f"public_housing_4_{income}"], "public_housing__status")
    c.done()


def test_it_keeps_the_work_grant_band_above_zero_and_never_narrower_for_a_larger_family(runs):
    # Negative Income Tax Law 2007, s.3 and the Schedule: a grant (never negative) for income between a floor and a
    # ceiling, the ceiling higher for a single parent; one more child never takes the grant away.
    c = Checks(runs)
    couples, parents = names("work_grant_", range(1, 5)), names("work_grant_parent_", range(1, 5))
    for d, name, row in each(runs, couples + parents):
        floor, ceiling = row["work_grant_income_floor"], row["work_grant_income_ceiling"]
        if floor is not None and ceiling is not None:
            c.check(0 <= floor < ceiling, f"{d}: {name}: floor {floor}, ceiling {ceiling}")
        # The ceiling for one or two children is never above the one for three or more.
        small = row["work_grant_income_ceiling_small_family"]
        if floor is not None and ceiling is not None and small is not None:
            c.check(floor < small <= ceiling, f"{d}: {name}: floor {floor}, 1-2 children {small}, 3+ {ceiling}")
    for couple, parent in zip(couples, parents, strict=True):
        c.monotone([couple, parent], "work_grant_income_ceiling")
        c.monotone([couple, parent], "work_grant_income_ceiling_small_family")
    c.monotone(couples, "work_grant__status")
    c.monotone(parents, "work_grant__status")
    c.done()


def test_it_gives_an_eligible_household_extra_water_never_a_negative_quantity(runs):
    # Water corporations regulations 2014 (reduced price for eligible persons): an extra quantity per eligible person.
    c = Checks(runs)
    for d, name, row in each(runs):
        extra, status = row["water_allocation_extra_m3"], row["water_allocation__status"]
        if status == "eligible" or extra is not None:
            c.check((extra or 0) > 0 if status == "eligible" else extra >= 0, f"{d}: {name}: {status}, {extra} m³")
    c.done()


def test_it_never_lowers_the_legal_aid_ceiling_for_a_larger_household_nor_refuses_a_lower_income(runs):
    # Legal Aid Regulations 1973, reg. 2: the income ceiling rises with each person beyond the base household.
    c = Checks(runs)
    c.monotone(names("arnona_size_", range(1, 11)), "legal_aid_income_ceiling")
    c.monotone(names("legal_aid_", (0, 3000, 6000, 9000, 12000)), "legal_aid__status", rising=False)
    c.done()


def test_it_never_gives_an_older_pensioner_a_smaller_medication_discount(runs):
    # National Health Insurance Law s.8 and the Second Schedule: 50% off medicines for pensioners with the income
    # supplement, and a further discount from the extra age (72); an eligible pensioner gets a discount.
    c = Checks(runs)
    column, seniors = "health_exemptions__discount_percent", names("senior_", ("67_single", "75_single", "85_single"))
    c.monotone(seniors, column)
    for d, name, row in each(runs, seniors):
        if row["health_exemptions__status"] == "eligible":
            c.check((row[column] or 0) > 0, f"{d}: {name}: eligible, {column} = {row[column]}")
    c.done()


def test_it_never_shortens_the_repayment_period_of_a_larger_debt(runs):
    # Execution Law s.69A: the period within which a debtor must be able to repay grows with the debt, so a larger
    # debt on the same income never moves a debtor away from "limited means".
    c = Checks(runs)
    debts = names("debtor_", (10_000, 50_000, 150_000))
    c.monotone(debts, "limited_means_debtor_repayment_months")
    c.monotone(debts, "limited_means_debtor__status")
    c.done()


def test_it_never_discounts_electricity_beyond_the_bill_for_an_eligible_household(runs):
    # Electricity Sector Law s.31A and its regulations: a reduced tariff, a percentage of the bill on the first kWh.
    c = Checks(runs)
    for d, name, row in each(runs):
        found = row["electricity__discount_percent"]
        if row["electricity__status"] == "eligible":
            c.check(found is not None and 0 < found <= 100, f"{d}: {name}: electricity discount {found}")
    c.done()


def test_it_never_pays_a_later_child_a_larger_birth_grant_nor_a_multiple_birth_less_than_one_baby(runs):
    # National Insurance Law, ch. 3 (maternity insurance): the grant falls from the first child to the second and
    # the third on, and a multiple birth's grant is at least one first child's; every newborn gets one.
    c = Checks(runs)
    c.monotone(names("birth_", range(1, 5)), "birth_grant__one_off_amount", rising=False)
    c.monotone(["birth_1", "birth_multiple_2", "birth_multiple_3"], "birth_grant__one_off_amount")
    for d, name, row in each(runs, [*names("birth_", range(1, 5)), "birth_multiple_2", "birth_multiple_3"]):
        found = row["birth_grant__one_off_amount"]
        c.check(row["birth_grant__status"] == "eligible" and (found or 0) > 0, f"{d}: {name}: birth grant {found}")
    c.done()


def test_it_never_refuses_the_tax_exemption_for_a_higher_disability_nor_grants_it_without_income(runs):
    # Income Tax Ordinance s. 9(5): the exemption opens at a medical degree and a higher one never closes it; it
    # exempts income, so a blind person with none has nothing to exempt, and one with income is exempt.
    c = Checks(runs)
    c.monotone(names("tax_medical_", (50, 89, 90, 100)), "tax_disability_exemption__status")
    for d, rows in runs.items():
        without, with_income = rows["tax_blind_0"], rows["tax_blind_3000"]
        c.check(without["tax_disability_exemption__status"] == "not_eligible", f"{d}: blind, no income: exempt")
        c.check(with_income["tax_disability_exemption__status"] == "eligible", f"{d}: blind with income: not exempt")
    c.done()


def test_it_never_gives_an_older_senior_a_smaller_public_transport_discount(runs):
    # Senior Citizens Law and the Ministry of Transport's fares: the discount starts at an age and only grows with age
    # (50%, then free travel), for women and men alike.
    c = Checks(runs)
    for sex in ("female", "male"):
        c.monotone(names(f"fare_{sex}_", SENIOR_AGES), "public_transport_senior__status")
        c.monotone(names(f"fare_{sex}_", SENIOR_AGES), "public_transport_senior__discount_percent")
    c.done()


def test_it_never_gives_the_absorption_basket_to_an_earlier_immigrant_or_a_longer_stay_but_not_to_a_later(runs):
    # The absorption basket is claimed within a year of the aliyah, and by those who had not lived here long before
    # it: a more recent aliyah, or a shorter stay before it, is never refused where the other is granted.
    c = Checks(runs)
    c.monotone(names("oleh_", ALIYAH_MONTHS), "absorption_basket__status", rising=False)
    c.monotone(names("oleh_prior_", PRIOR_STAYS), "absorption_basket__status", rising=False)
    c.done()


SURVIVORS = "survivors_pension__monthly_amount"


def test_it_never_pays_an_older_widow_or_one_with_more_children_a_smaller_survivors_pension(runs):
    # National Insurance Law s. 256 and table 8: the rate rises from 40–50 to 50 and over, and with each child; a widow
    # with a child is never paid less than one without; a widow of 40 or over, or with a child, is owed the pension.
    c = Checks(runs)
    c.monotone(["widow_45", "widow_55"], SURVIVORS)
    c.monotone(["widow_55", *names("widow_kids_", range(1, 4))], SURVIVORS)
    for d, name, row in each(runs, ["widow_45", "widow_55", *names("widow_kids_", range(1, 4))]):
        c.check(row["survivors_pension__status"] == "eligible", f"{d}: {name}: {row['survivors_pension__status']}")
    c.done()


SUPPLEMENT_WIDOWS = ["widow_45", "widow_55", "widow_72", "widow_85", *names("widow_kids_", range(1, 4))]


def test_it_guarantees_a_widow_a_total_above_her_survivors_pension_never_less_when_older_or_with_more_children(runs):
    # Income Support Law s. 2(a)(4) and its second schedule: the survivors' pension with the income supplement is a
    # guaranteed minimum, so it is never below the pension it tops up; it rises with the age band (under 70, 70–79,
    # 80 and over) and with the children; more work income never turns a refusal into a right.
    c = Checks(runs)
    total = "survivors_supplement_guaranteed_total"
    c.monotone(["widow_45", "widow_55", "widow_72", "widow_85"], total)
    c.monotone(["widow_45", *names("widow_kids_", range(1, 4))], total)
    c.monotone(names("widow_work_", SURVIVOR_WORK), "survivors_income_supplement__status", rising=False)
    for d, name, row in each(runs, SUPPLEMENT_WIDOWS):
        pension, guaranteed = row.get("survivors_pension_amount"), row.get(total)
        if pension is not None and guaranteed is not None:
            c.check(guaranteed >= pension, f"{d}: {name}: guaranteed {guaranteed} < survivors' pension {pension}")
    c.done()


DISABLED_CHILD_LEVELS = ("level_50", "level_100", "level_112", "level_188", "level_235")


def test_it_never_pays_a_higher_disabled_child_rate_less_nor_decides_the_committee_s_question(runs):
    # National Insurance Law s. 206 and the Disabled Child Regulations (2010): the benefit is a share of one base,
    # so a higher rate never pays less; and only the NII's medical committee grants it, so a child with a disability is
    # "maybe" (never "eligible" from the family's answers) and a child without one is "not eligible".
    c = Checks(runs)
    for d in runs:
        found = [get_parameter(f"nii.disabled_child.amounts.{level}")(d) for level in DISABLED_CHILD_LEVELS]
        known = [(level, v) for level, v in zip(DISABLED_CHILD_LEVELS, found, strict=True) if v is not None]
        for (l1, a), (l2, b) in zip(known, known[1:], strict=False):
            c.check(b >= a, f"{d}: disabled child {l1} = {a}, {l2} = {b}")
    for d, name, row in each(runs, names("child_medical_", (0, 40, 100))):
        expected = "not_eligible" if name.endswith("_0") else "maybe"
        found = row["disabled_child_benefit__status"]
        c.check(found == expected, f"{d}: {name}: disabled child benefit {found}, expected {expected}")
    c.done()


def test_it_never_gives_long_term_care_to_a_higher_income_but_not_a_lower_nor_a_couple_a_lower_ceiling(runs):
    # National Insurance Law s. 224: the income test has one ceiling per family (one and a half average wages for a
    # single person, two and a quarter for a couple), the full benefit below a lower one; a senior who needs help is
    # never refused for an income below one that is not; only the dependency assessment grants it ("maybe" at most).
    c = Checks(runs)
    c.monotone(names("ltc_single_", LTC_INCOMES), "long_term_care__status", rising=False)
    c.monotone(names("ltc_couple_", LTC_INCOMES), "long_term_care__status", rising=False)
    for d, rows in runs.items():
        single, couple = rows["ltc_single_0"], rows["ltc_couple_0"]
        if single["long_term_care_income_ceiling"] is not None:
            c.check(
                couple["long_term_care_income_ceiling"] >= single["long_term_care_income_ceiling"],
                f"{d}: couple ceiling {couple['long_term_care_income_ceiling']} < single "
                f"{single['long_term_care_income_ceiling']}",
            )
            for row in (single, couple):
                c.check(
                    row["long_term_care_full_rate_ceiling"] <= row["long_term_care_income_ceiling"],
                    f"{d}: full-rate ceiling above the ceiling",
                )
    for d, name, row in each(runs, [*names("ltc_single_", LTC_INCOMES), *names("ltc_couple_", LTC_INCOMES)]):
        c.check(row["long_term_care__status"] != "eligible", f"{d}: {name}: long-term care eligible without NII")
    c.done()


ATTENDANCE_LEVELS = ("level_50", "level_112", "level_188", "level_235")


def test_it_never_pays_a_higher_attendance_rate_less_nor_refuses_a_higher_medical_percent(runs):
    # National Insurance Law s. 206 and the Special Services Regulations: the rates are shares of one base, so a higher
    # rate never pays less; 60% with a general disability pension or 75% without opens the allowance, so a higher
    # percent is never refused where a lower one is not; the NII doctor sets the rate ("maybe" at most).
    c = Checks(runs)
    for d in runs:
        found = [get_parameter(f"nii.special_services.amounts.{level}")(d) for level in ATTENDANCE_LEVELS]
        known = [(level, v) for level, v in zip(ATTENDANCE_LEVELS, found, strict=True) if v is not None]
        for (l1, a), (l2, b) in zip(known, known[1:], strict=False):
            c.check(b >= a, f"{d}: special services {l1} = {a}, {l2} = {b}")
    for pension in (0, 1):
        c.monotone([f"attendance_{m}_{pension}" for m in (50, 60, 75)], "special_services__status")
    for d, name, row in each(runs, [f"attendance_{m}_{p}" for m in (50, 60, 75) for p in (0, 1)]):
        c.check(
            row["special_services__status"] != "eligible", f"{d}: {name}: attendance allowance eligible without NII"
        )
    c.done()


def test_it_gives_women_and_men_the_same_mobility_age_limit_and_never_decides_the_committee_s_question(runs):
    # The mobility agreement (National Insurance Law s. 9): the retirement age for mobility is the same for men and
    # women, and a first claim is made before it, so an older applicant is never better placed than a younger one;
    # difficulty walking opens the question, and only the Ministry of Health's committee sets the limitation.
    c = Checks(runs)
    status = "mobility_allowance__status"
    for sex in ("female", "male"):
        c.monotone(names(f"mobility_{sex}_", MOBILITY_AGES), status, rising=False)
    for d, rows in runs.items():
        for age in MOBILITY_AGES:
            woman, man = rows[f"mobility_female_{age}"][status], rows[f"mobility_male_{age}"][status]
            c.check(woman == man, f"{d}: mobility at {age}: a woman {woman}, a man {man}")
        c.check(rows["mobility_walks"][status] == "not_eligible", f"{d}: mobility without difficulty walking")
    for d, name, row in each(runs, [f"mobility_{s}_{a}" for s in ("female", "male") for a in MOBILITY_AGES]):
        c.check(row[status] != "eligible", f"{d}: {name}: mobility allowance eligible without the committee")
    for d in runs:
        found = get_parameter("nii.mobility.amounts.no_car")(d)
        c.check(found is None or found > 0, f"{d}: mobility allowance without a car = {found}")
    c.done()


def test_it_never_refuses_the_disability_fare_to_a_higher_incapacity_nor_discounts_it_outside_0_to_100(runs):
    # The Ministry of Transport's fares: National Insurance's disability card goes to a general disability pensioner
    # with 75% incapacity or more, so a higher degree is never refused where a lower one is not; the discount is a
    # share of the fare.
    c = Checks(runs)
    degrees = (50, 60, 65, 74, 75, 100)
    c.monotone(names("disabled_receiving_", degrees), "public_transport_disability__status")
    for d, name, row in each(runs, names("disabled_receiving_", degrees)):
        if row["public_transport_disability__status"] == "eligible":
            found = row["public_transport_disability__discount_percent"]
            c.check(0 < (found or 0) <= 100, f"{d}: {name}: disability fare discount {found}")
    c.done()


def test_it_never_consolidates_a_single_file_nor_refuses_several_where_one_is_open(runs):
    # The Execution Law, chapter 7C: a debtor against whom more than one file is open may ask to consolidate them; a
    # single file has nothing to consolidate, and more files never take the right away.
    c = Checks(runs)
    c.monotone(["debtor_files_0", "debtor_files_1"], "file_consolidation__status")
    for d, rows in runs.items():
        one_file, several = rows["debtor_files_0"], rows["debtor_files_1"]
        c.check(one_file["file_consolidation__status"] == "not_eligible", f"{d}: one file consolidated")
        c.check(several["file_consolidation__status"] == "eligible", f"{d}: several files not consolidated")
        c.check(rows["debtor_10000"]["file_consolidation__status"] != "eligible", f"{d}: unknown files consolidated")
    c.done()


def test_it_never_grants_a_holocaust_benefit_without_the_authority_nor_to_someone_born_after_the_war(runs):
    # The Nazi Persecution Disabled Law and the Holocaust Survivors' Benefits Law: only the Authority recognises the
    # persecution, so neither benefit is "eligible" from the answers; someone born after 1946 was not persecuted; the
    # annual grant is for a survivor paid no monthly allowance.
    c = Checks(runs)
    monthly, grant = "holocaust_monthly_allowance__status", "holocaust_annual_grant__status"
    for d, rows in runs.items():
        for year in HOLOCAUST_BIRTH_YEARS:
            row, paid = rows[f"holocaust_{year}_0"], rows[f"holocaust_{year}_1"]
            for status in (row[monthly], row[grant]):
                expected = "not_eligible" if year > 1946 else "maybe"
                c.check(status == expected, f"{d}: survivor born {year}: {status}, not {expected}")
            c.check(paid[grant] == "not_eligible", f"{d}: born {year}, paid monthly, annual grant {paid[grant]}")
    c.done()


def test_it_grades_the_rent_only_of_a_public_housing_tenant_and_leaves_the_grade_to_the_ministry(runs):
    # The Ministry of Housing grades the rent of its own tenants (by family, income, location and size): a private
    # tenant or an owner has no public-housing rent to discount, and the grade is the Ministry's ("maybe" at most).
    c = Checks(runs)
    status = "public_housing_rent_discount__status"
    for d, rows in runs.items():
        c.check(rows["tenure_public_housing"][status] == "maybe", f"{d}: public-housing tenant not maybe")
        for tenure in ("renter", "owner"):
            c.check(
                rows[f"tenure_{tenure}"][status] == "not_eligible", f"{d}: {tenure}: {rows[f'tenure_{tenure}'][status]}"
            )
    c.done()


def test_it_gives_an_immigrant_rent_assistance_from_the_8th_month_to_the_5th_year_and_no_gap_between(runs):
    # The Ministry of Housing's immigrant track: after the absorption basket (from the 8th month) and to the end of the
    # fifth year, automatically, to a homeless immigrant who rents; no month inside that window is refused.
    c = Checks(runs)
    status = "rent_assistance_immigrants__status"
    for d, rows in runs.items():
        for months in OLEH_RENT_MONTHS:
            expected = "eligible" if 7 <= months < 60 else "not_eligible"
            found = rows[f"oleh_rent_{months}"][status]
            c.check(found == expected, f"{d}: {months} months after aliyah: {found}, not {expected}")
    c.done()


def test_it_never_raises_an_immigrant_s_rent_assistance_with_the_years_nor_gives_a_family_less_than_one_alone(runs):
    # The Ministry of Housing's immigrant track: from the second year the assistance falls year by year, and a family
    # gets at least what an immigrant alone gets.
    c = Checks(runs)
    amount = "rent_assistance_immigrants__monthly_amount"
    for who in ("alone", "family"):
        c.monotone(names(f"oleh_{who}_", OLEH_AMOUNT_MONTHS), amount, rising=False)
    for months in OLEH_AMOUNT_MONTHS:
        c.monotone([f"oleh_alone_{months}", f"oleh_family_{months}"], amount)
    c.done()


def test_it_never_refuses_maternity_pay_for_more_months_of_work_nor_decides_the_qualifying_period(runs):
    # National Insurance Law ss. 49–50: the qualifying period is a count of insured months, so more months worked never
    # take the right away; a mother who did not work at all has none; the NII counts them from the day work stopped.
    c = Checks(runs)
    status = "maternity_allowance__status"
    c.monotone(names("maternity_", MATERNITY_MONTHS), status)
    for d, rows in runs.items():
        c.check(rows["maternity_0"][status] == "not_eligible", f"{d}: maternity pay without any work")
        for months in MATERNITY_MONTHS[1:]:
            found = rows[f"maternity_{months}"][status]
            c.check(found == "maybe", f"{d}: maternity pay after {months} months of work: {found}")
    c.done()


def test_it_never_pays_nii_alimony_above_the_judgment_or_the_table_nor_more_for_more_income(runs):
    # חוק המזונות (הבטחת תשלום), סעיף 3: the lower of the judgment and the regulations' amount, which the mother's
    # income reduces; the regulations pay a family of two children at least what they pay one, and at 55 at least
    # what they pay below it.
    c = Checks(runs)
    for kids in (1, 2):
        c.monotone([f"alimony_{kids}_{w}" for w in ALIMONY_WORK], "nii_alimony__monthly_amount", rising=False)
        c.monotone([f"alimony_{kids}_0", f"alimony_58_{kids}"], "nii_alimony__monthly_amount")
    for w in ALIMONY_WORK:
        c.monotone([f"alimony_1_{w}", f"alimony_2_{w}"], "nii_alimony__monthly_amount")
    for d, rows in runs.items():
        for kids in (1, 2):
            small = value(rows[f"alimony_small_{kids}"], "nii_alimony__monthly_amount")
            c.check(small is None or small <= 1500 + EPS, f"{d}: {kids} children: {small} above a judgment of 1,500")
            for w in ALIMONY_WORK:
                found = value(rows[f"alimony_{kids}_{w}"], "nii_alimony__monthly_amount")
                c.check(found is None or 0 <= found <= 10_000, f"{d}: alimony {found} outside 0 and the judgment")
    c.done()


def test_it_never_subsidizes_day_care_beyond_its_fee_nor_more_for_a_richer_family(runs):
    # The Ministry of Labor's support tests: the state pays part of the fee by the level of income per person, a
    # higher income never a higher level's share, and never more than the full fee.
    c = Checks(runs)
    families = [f"daycare_{i}" for i in DAYCARE_INCOMES]
    c.monotone(families, "daycare_subsidy__monthly_amount", rising=False)
    for d, rows in runs.items():
        fee = get_parameter("labor.daycare.tuition.full.infant")(d)
        statuses = [rows[n]["daycare_subsidy__status"] for n in families]
        # Once a richer family is surely refused, every richer one is too.
        refused = [s == "not_eligible" for s in statuses]
        c.check(refused == sorted(refused), f"{d}: day-care refusals by income {statuses}")
        for n in families:
            found = value(rows[n], "daycare_subsidy__monthly_amount")
            c.check(found is None or fee is None or 0 <= found <= fee, f"{d}: {n}: subsidy {found}, fee {fee}")
    c.done()


def test_it_never_refunds_more_tax_than_withheld_nor_less_for_more_points_or_a_higher_salary(runs):
    # Income Tax Ordinance s. 33A: a credit point reduces the tax, so what comes back is at most the tax withheld; a
    # higher salary never has less tax withheld, and more points (s. 45 on top of s. 40(b)) never give back less.
    c = Checks(runs)
    amount = "tax_credit_refund__monthly_amount"
    for prefix in ("tax_parent_", "tax_parent_dc_"):
        c.monotone(names(prefix, TAX_WAGES), amount)
    for d, rows in runs.items():
        for wage in TAX_WAGES:
            fewer, more = rows[f"tax_parent_{wage}"], rows[f"tax_parent_dc_{wage}"]
            if fewer[amount] is not None and more[amount] is not None:
                c.check(more[amount] >= fewer[amount] - EPS, f"{d}: {wage}: {more[amount]} < {fewer[amount]}")
            for row in (fewer, more):
                withheld = row["applicant_income_tax_withheld"]
                c.check(
                    (row[amount] or 0) <= (withheld or 0) + EPS, f"{d}: {wage}: refund {row[amount]} > tax {withheld}"
                )
                c.check(
                    (row["tax_credit_refund__status"] == "eligible") == ((withheld or 0) > 0),
                    f"{d}: {wage}: {row['tax_credit_refund__status']} with {withheld} ₪ of tax withheld",
                )
    c.done()


def test_a_partial_year_refund_is_never_more_than_the_tax_withheld_nor_leaves_less_tax_for_more_months_or_pay(runs):
    # Income Tax Ordinance ss. 33A and 121: the year's tax counts the year's brackets and 12 months of credit points,
    # while each month's withholding counts only that month's. The refund is what was withheld beyond the year's tax:
    # never below 0 nor above the tax withheld, nothing for a whole year or for no work, and never less for a higher
    # salary over the same months (the withholding's marginal rate is never below the year's). What the year costs
    # once refunded (withheld - refund, the tax on the year's income) never falls as more months are worked at the
    # same salary or the salary rises. The refund itself is not monotone in the months: while the year's income stays
    # under the year's credit points everything withheld comes back, and more months withhold more.
    c = Checks(runs)
    amount = "tax_credit_refund__one_off_amount"
    for months in PARTIAL_YEAR_MONTHS:
        c.monotone([f"partial_year_{wage}_{months}" for wage in PARTIAL_YEAR_WAGES], amount)
    for d, rows in runs.items():
        encoded = get_parameter("tax.income_tax.brackets.upper_1")(dt.date(d.year - 1, 12, 31)) is not None
        kept: dict[tuple[int, int], float] = {}  # (wage, months) -> the year's tax once refunded
        for wage in PARTIAL_YEAR_WAGES:
            for months in PARTIAL_YEAR_MONTHS:
                row = rows[f"partial_year_{wage}_{months}"]
                refund, withheld = row[amount], row["applicant_last_year_tax_withheld"]
                if not encoded:  # the last tax year is before the first encoded brackets: no figure, and no answer
                    c.check(row["tax_credit_refund__status"] != "eligible", f"{d}: {wage} x {months}: eligible")
                    continue
                c.check(refund is not None, f"{d}: {wage} x {months}: no refund figure on complete facts")
                c.check(0 <= (refund or 0) <= (withheld or 0) + EPS, f"{d}: {wage} x {months}: {refund} vs {withheld}")
                if months in (0, 12):
                    c.check((refund or 0) == 0, f"{d}: {wage} x {months} months: refund {refund}")
                c.check(
                    (row["tax_credit_refund__status"] == "eligible") == ((refund or 0) > 0),
                    f"{d}: {wage} x {months}: {row['tax_credit_refund__status']} with a refund of {refund}",
                )
                kept[wage, months] = (withheld or 0) - (refund or 0)
        for (w1, m1), a in kept.items():
            for (w2, m2), b in kept.items():
                if (w1, m1) != (w2, m2) and w1 <= w2 and m1 <= m2:
                    c.check(b >= a - EPS, f"{d}: the year's tax {a} at {w1} x {m1}, {b} at {w2} x {m2}")
    c.done()
