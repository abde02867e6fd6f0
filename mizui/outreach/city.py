"""A synthetic city whose truth is known, and the files its municipality would hold about it.

Every person's complete facts are drawn first (see docs/outreach.md for the distributions and where they come
from); the rules run on those complete facts, and that answer is the truth. Then each household claims each right
it is owed with the right's take-up rate, and the files a municipality really holds are written from the truth with
their gaps and noise: the arnona payers' file (the payer only, the tenure in the department's own words), the
welfare department's clients (the poorer families, one row per member, coded values in Hebrew, incomes that may be
a year old), the national insurer's list of its recipients (who receives what, nothing else), and the new
immigrants' list. Nobody real: synthetic names, valid ID numbers from a reserved range.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from typing import Any

import polars as pl

import eligibility
from mizui.outreach.synthetic import FIRST, LAST, NEIGHBOURHOODS, STREETS, id_number

# Household types and their shares (approximate, after the CBS household composition tables; secondary).
TYPES = (
    ("couple_children", 0.36),
    ("couple", 0.17),
    ("single_parent", 0.07),
    ("single", 0.18),
    ("elderly_single", 0.11),
    ("elderly_couple", 0.11),
)
# The share of those owed a right who do not claim it (the program's figures: half of income support, 45% of rent
# assistance; elsewhere a stated assumption).
NOT_CLAIMED = {"income_support": 0.5, "rent_assistance": 0.45}
NOT_CLAIMED_OTHERWISE = 0.3
# Benefits the national insurer pays (its recipients' list names them).
NII = frozenset(
    {
        "income_support",
        "old_age_pension",
        "old_age_income_supplement",
        "child_allowance",
        "general_disability",
        "unemployment",
        "disabled_child_benefit",
    }
)
AS_OF = dt.date(2026, 6, 1)
INCOMES = tuple(
    f"income_{kind}" for kind in ("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other")
)

# How the municipality's files write the contract's values.
TENURE_HE = {"owner": "בעלים", "renter": "שוכר", "public_housing": "דיור ציבורי", "other": "אחר"}
MARITAL_HE = {
    ("single", "male"): "רווק",
    ("single", "female"): "רווקה",
    ("married", "male"): "נשוי",
    ("married", "female"): "נשואה",
    ("common_law", "male"): "ידוע בציבור",
    ("common_law", "female"): "ידועה בציבור",
    ("divorced", "male"): "גרוש",
    ("divorced", "female"): "גרושה",
    ("separated", "male"): "פרוד",
    ("separated", "female"): "פרודה",
    ("widowed", "male"): "אלמן",
    ("widowed", "female"): "אלמנה",
}
SEX_HE = {"male": "ז", "female": "נ"}
ROLE_HE = {"applicant": "מבקש", "partner": "בן/בת זוג", "child": "ילד", "other": "אחר"}
EMPLOYMENT_HE = {
    "employed": "שכיר",
    "self_employed": "עצמאי",
    "unemployed": "מובטל",
    "not_working": "לא עובד",
    "retired": "פנסיונר",
}


@dataclass
class City:
    persons: pl.DataFrame  # complete facts, the household contract's batch columns, with `receives` claimed
    truth: pl.DataFrame  # per household: the rules' answer on the complete facts (as `eligibility.evaluate`)
    files: dict[str, bytes] = field(default_factory=dict)  # file name → CSV


def _date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def _born(rng: random.Random, low_age: int, high_age: int) -> dt.date:
    return _date(rng, AS_OF.replace(year=AS_OF.year - high_age - 1), AS_OF.replace(year=AS_OF.year - low_age))


def _adult(rng: random.Random, age: tuple[int, int], sex: str, marital: str, *, elderly: bool) -> dict[str, Any]:
    born = _born(rng, *age)
    person: dict[str, Any] = {
        "birth_date": born,
        "sex": sex,
        "marital_status": marital,
        "resident_since": born,
        "immigration_date": None,
        "employment_service_registered": False,
        "student": False,
        "soldier": False,
        "holocaust_survivor": born.year < 1945 and rng.random() < 0.5,
        "chronic_illness": rng.random() < (0.35 if elderly else 0.1),
        "medical_percent": 0.0,
        "incapacity_percent": 0.0,
        "blind": rng.random() < 0.003,
        "receives_general_disability": False,
        "income_work": 0.0,
        "income_pension_occupational": 0.0,
        "income_nii_benefits": 0.0,
        "income_alimony": 0.0,
        "income_capital": 0.0,
        "income_other": 0.0,
        "months_worked_last_18": 0,
        # Complete facts: nobody in the city holds an alimony judgment left unpaid (National Insurance would pay it).
        "unpaid_alimony_judgment": False,
    }
    if elderly:
        person["employment"] = "retired"
        if rng.random() < 0.55:  # an occupational pension (log-normal, median ₪3,000)
            person["income_pension_occupational"] = round(rng.lognormvariate(8.0, 0.6), -1)
        return person
    draw = rng.random()
    if draw < 0.66:
        person["employment"] = "employed"
    elif draw < 0.72:
        person["employment"] = "self_employed"
    elif draw < 0.78:
        person["employment"] = "unemployed"
        person["employment_service_registered"] = rng.random() < 0.8
    else:
        person["employment"] = "not_working"
    if person["employment"] in ("employed", "self_employed"):
        # Monthly earnings: log-normal, median ≈ ₪8,900 (CBS wage distribution; secondary), part-time tail.
        person["income_work"] = round(rng.lognormvariate(9.1, 0.65), -1)
        person["months_worked_last_18"] = 18
    elif person["employment"] == "unemployed":
        person["months_worked_last_18"] = rng.randint(0, 18)
    if rng.random() < 0.06:  # a disability: a medical percent, and for some an earning incapacity
        person["medical_percent"] = float(rng.choice((20, 40, 50, 60, 75, 90, 100)))
        if rng.random() < 0.35:
            person["incapacity_percent"] = float(rng.choice((60, 65, 75, 100)))
            person["receives_general_disability"] = person["incapacity_percent"] >= 60
    return person


def _child(rng: random.Random, parent_born: dt.date) -> dict[str, Any]:
    low = max(parent_born + dt.timedelta(days=18 * 365), AS_OF.replace(year=AS_OF.year - 18))
    born = _date(rng, low, AS_OF) if low < AS_OF else AS_OF
    return {
        "birth_date": born,
        "sex": rng.choice(("female", "male")),
        "resident_since": born,
        "immigration_date": None,
        "blind": False,
        "chronic_illness": False,
        "medical_percent": 0.0,
        "incapacity_percent": 0.0,
        "receives_general_disability": False,
        # A child has no income of any kind: every kind is written, since a blank one is an unknown amount, which
        # leaves a household's income tests (arnona, legal aid) open on facts that are meant to be complete.
        **dict.fromkeys(INCOMES, 0.0),
    }


def _household(rng: random.Random, kind: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    members: list[dict[str, Any]] = []
    if kind in ("couple_children", "couple"):
        age = (25, 50) if kind == "couple_children" else (22, 66)
        marital = "married" if rng.random() < 0.9 else "common_law"
        members.append({"role": "applicant", **_adult(rng, age, "male", marital, elderly=False)})
        members.append({"role": "partner", **_adult(rng, age, "female", marital, elderly=False)})
    elif kind == "single_parent":
        sex = "female" if rng.random() < 0.9 else "male"
        marital = rng.choices(("divorced", "single", "separated", "widowed"), (55, 25, 12, 8))[0]
        members.append({"role": "applicant", **_adult(rng, (22, 55), sex, marital, elderly=False)})
    elif kind == "single":
        marital = rng.choices(("single", "divorced", "widowed"), (70, 25, 5))[0]
        sex = rng.choice(("female", "male"))
        members.append({"role": "applicant", **_adult(rng, (20, 66), sex, marital, elderly=False)})
    elif kind == "elderly_single":
        sex = "female" if rng.random() < 0.65 else "male"
        marital = rng.choices(("widowed", "divorced", "single"), (65, 25, 10))[0]
        members.append({"role": "applicant", **_adult(rng, (67, 95), sex, marital, elderly=True)})
    else:
        members.append({"role": "applicant", **_adult(rng, (67, 92), "male", "married", elderly=True)})
        members.append({"role": "partner", **_adult(rng, (65, 90), "female", "married", elderly=True)})
    if kind in ("couple_children", "single_parent"):
        for _ in range(rng.choices((1, 2, 3, 4, 5), (30, 35, 20, 10, 5))[0]):
            members.append({"role": "child", **_child(rng, members[0]["birth_date"])})
    if rng.random() < 0.05:  # new immigrants (the last 15 years)
        arrived = _date(rng, AS_OF.replace(year=AS_OF.year - 15), AS_OF - dt.timedelta(days=30))
        for m in members:
            m["immigration_date"] = max(arrived, m["birth_date"])
            m["resident_since"] = m["immigration_date"]
    draw = rng.random()
    tenure = "owner" if draw < 0.63 else "renter" if draw < 0.93 else "public_housing" if draw < 0.965 else "other"
    home = {
        "tenure": tenure,
        "rent_monthly": float(round(rng.uniform(2500, 6500), -1)) if tenure == "renter" else 0.0,
        "arnona_area_sqm": float(rng.randint(45, 140)),
        "owns_other_property": tenure == "owner" and rng.random() < 0.1,
        "ever_owned_home": tenure == "owner" or rng.random() < 0.2,
        # Who has a car is drawn once the whole city is known (``_cars``: it depends on the household's income
        # tenth); here only the draw and the car's value if it has one.
        "car_value": float(round(rng.uniform(15000, 140000), -3)),
        "_car_draw": rng.random(),
        "financial_assets": 0.0 if rng.random() < 0.4 else float(round(rng.lognormvariate(10.5, 1.2), -2)),
        "debt_total": 0.0,
        "debt_includes_alimony": False,
        "debt_enforcement_file": False,
    }
    if rng.random() < 0.05:
        home |= {"debt_total": float(rng.randint(5, 200) * 1000), "debt_enforcement_file": True}
    return members, home


# Households that own a car, by tenth of income per standard person (CBS, household expenditure survey, as reported
# in 2015: two thirds of the lowest tenth hold no private car, 95.6% of the highest hold one; 64% of all households;
# secondary). In between the share rises evenly, which gives the national 64%.
CAR_SHARE_LOWEST_TENTH = 1 / 3
CAR_SHARE_HIGHEST_TENTH = 0.956
# CBS's standard persons (נפש סטנדרטית) by household size: income per standard person ranks households.
STANDARD_PERSONS = (1.25, 2.0, 2.65, 3.2, 3.75, 4.25, 4.75, 5.2, 5.6)
# An elderly person's old-age pension counts in their household's income when the households are ranked (≈ the
# basic pension; the rules work out the real one).
RANKING_OLD_AGE_PENSION = 1_800.0


def _standard_persons(size: int) -> float:
    if size <= len(STANDARD_PERSONS):
        return STANDARD_PERSONS[size - 1]
    return STANDARD_PERSONS[-1] + 0.4 * (size - len(STANDARD_PERSONS))


def _cars(households: list[tuple[list[dict[str, Any]], dict[str, Any]]]) -> None:
    """Who has a car: each household's chance is its income tenth's share (above), the households ranked into tenths
    by monthly income per standard person within the city. A car's value stays its draw; no car is 0."""

    def income(members: list[dict[str, Any]]) -> float:
        total = sum(m.get(kind, 0.0) or 0.0 for m in members for kind in INCOMES)
        total += sum(RANKING_OLD_AGE_PENSION for m in members if m.get("employment") == "retired")
        return total / _standard_persons(len(members))

    order = sorted(range(len(households)), key=lambda i: income(households[i][0]))
    for rank, i in enumerate(order):
        tenth = min(9, rank * 10 // len(order))
        share = CAR_SHARE_LOWEST_TENTH + (CAR_SHARE_HIGHEST_TENTH - CAR_SHARE_LOWEST_TENTH) * tenth / 9
        home = households[i][1]
        if home.pop("_car_draw") >= share:
            home["car_value"] = 0.0


def _frame(households: list[tuple[list[dict[str, Any]], dict[str, Any]]], first_id: int) -> pl.DataFrame:
    rows = []
    person = first_id
    for h, (members, home) in enumerate(households):
        for m in members:
            person += 1
            rows.append({"household_id": f"T{h}", "person_id": id_number(person, 5), **m, **home})
    frame = pl.DataFrame(rows, infer_schema_length=None)
    return frame.with_columns(pl.lit("").alias("receives"))


def generate(persons: int, seed: int, *, authority: str | None = None) -> City:
    """A city of about ``persons`` persons: facts, claims, the truth, and the municipality's files."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
    kinds, weights = zip(*TYPES, strict=True)
    households = []
    count = 0
    while count < persons:
        members, home = _household(rng, rng.choices(kinds, weights)[0])
        households.append((members, home))
        count += len(members)
    _cars(households)
    frame = _frame(households, first_id=(seed % 20) * 200_000)
    # Who is owed what on the complete facts, before anyone claims anything.
    owed = eligibility.evaluate(frame, AS_OF, authority=authority)
    programs = [p for p in eligibility.programs("he") if f"{p['id']}__status" in owed.columns]
    claims: dict[str, list[str]] = {}
    for row in owed.select("household_id", *(f"{p['id']}__status" for p in programs)).iter_rows(named=True):
        mine = []
        for p in programs:
            owed_it = row[f"{p['id']}__status"] == "eligible"
            if owed_it and rng.random() >= NOT_CLAIMED.get(p["id"], NOT_CLAIMED_OTHERWISE):
                mine.append(p["id"])
        claims[row["household_id"]] = mine
    # A claim is the applicant's (a benefit of the household); the truth is the answer with what is claimed.
    receives = [
        ";".join(claims[h]) if role == "applicant" else ""
        for h, role in zip(frame["household_id"], frame["role"], strict=True)
    ]
    frame = frame.with_columns(pl.Series("receives", receives))
    truth = eligibility.evaluate(frame, AS_OF, authority=authority)
    city = City(frame, truth)
    city.files = _files(rng, frame, owed)
    return city


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _money(value: float | None) -> str:
    return f"{value:.0f}" if value else "0"


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


ARNONA = [
    "ת.ז. משלם",
    "שם משלם",
    "כתובת הנכס",
    "שכונה",
    "מס' חשבון",
    "סוג מחזיק",
    'שטח (מ"ר)',
    "חיוב שנתי",
    "הנחות קיימות",
]
TARIFF = 72.0  # ₪ per m² a year before discounts: one synthetic residential rate for the whole city
WELFARE = [
    "מספר זהות",
    "מספר תיק",
    "קרבה",
    "תאריך לידה",
    "מין",
    "מצב משפחתי",
    "תעסוקה",
    "הכנסה מעבודה",
    "קצבאות",
    "מזונות",
    "סוג דיור",
    "שכר דירה",
    "טלפון",
]
NII_LIST = ["ת.ז.", "קצבאות משולמות"]
IMMIGRANTS = ["ת.ז.", "תאריך עלייה", "תאריך לידה"]


def _files(rng: random.Random, frame: pl.DataFrame, owed: pl.DataFrame) -> dict[str, bytes]:
    """The four files, each with its gaps: who is in it, which columns, and how values are written."""
    poor = set(
        owed.filter(
            (pl.col("income_support__status") == "eligible")
            | (pl.col("rent_assistance__status") == "eligible")
            | (pl.col("arnona_income_test__status") == "eligible")
        )["household_id"]
    )
    arnona, welfare, nii, immigrants = [], [], [], []
    account = 100_000
    for (household,), members in frame.group_by("household_id", maintain_order=True):
        rows = members.to_dicts()
        payer = rows[0]
        account += 1
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        arnona_discounts = [p for p in payer["receives"].split(";") if p.startswith("arnona_")]
        arnona.append(
            [
                payer["person_id"],
                name,
                f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                rng.choice(NEIGHBOURHOODS),
                account,
                TENURE_HE[payer["tenure"]],
                int(payer["arnona_area_sqm"]),
                round(payer["arnona_area_sqm"] * TARIFF),
                ";".join(arnona_discounts),
            ]
        )
        # Welfare knows two thirds of the poorer families and a few others.
        if rng.random() < (0.65 if household in poor else 0.04):
            stale = 1.0 if rng.random() < 0.8 else rng.uniform(0.85, 1.15)  # last year's figure for some
            for m in rows:
                adult = m["role"] != "child"
                welfare.append(
                    [
                        m["person_id"],
                        f"W-{household}",
                        ROLE_HE[m["role"]],
                        _day(m["birth_date"]),
                        SEX_HE[m["sex"]],
                        MARITAL_HE.get((m["marital_status"], m["sex"]), "") if adult else "",
                        EMPLOYMENT_HE.get(m["employment"] or "", "") if adult else "",
                        _money(round((m["income_work"] or 0) * stale, -1)) if adult else "",
                        _money(m["income_nii_benefits"]) if adult else "",
                        _money(m["income_alimony"]) if adult else "",
                        TENURE_HE[m["tenure"]],
                        _money(m["rent_monthly"]),
                        f"05{rng.choice('023458')}{rng.randint(0, 9999999):07d}" if m["role"] == "applicant" else "",
                    ]
                )
        paid = [p for p in payer["receives"].split(";") if p in NII]
        if paid:
            nii.append([payer["person_id"], ";".join(paid)])
        for m in rows:
            if m["immigration_date"] is not None:
                immigrants.append([m["person_id"], _day(m["immigration_date"]), _day(m["birth_date"])])
    return {
        "arnona.csv": _csv(ARNONA, arnona),
        "welfare.csv": _csv(WELFARE, welfare),
        "nii.csv": _csv(NII_LIST, nii),
        "immigrants.csv": _csv(IMMIGRANTS, immigrants),
    }


def complete_file(city: City, drop: tuple[str, ...] = ()) -> bytes:
    """Every person with every fact, as the contract names them (households stable): a perfect source, less the
    columns ``drop`` names. What the evaluation itself is checked with."""
    frame = city.persons.rename({"person_id": "id_number"}).with_columns(
        (pl.col("arnona_area_sqm") * TARIFF).round(0).alias("arnona_bill")
    )
    frame = frame.drop(*drop, strict=False)
    frame = frame.with_columns(pl.col(c).dt.strftime("%Y-%m-%d") for c, t in frame.schema.items() if t == pl.Date)
    out = io.BytesIO()
    frame.write_csv(out)
    return out.getvalue()


# How each file maps onto the contract, recodes its values, and ranks: what a center sets up once per source.
SOURCES: dict[str, dict[str, Any]] = {
    "arnona.csv": {
        "name": "משלמי ארנונה",
        "mapping": dict(
            zip(
                ARNONA,
                [
                    "id_number",
                    "full_name",
                    "address",
                    "neighbourhood",
                    "household_id",
                    "tenure",
                    "arnona_area_sqm",
                    "arnona_bill",
                    "receives",
                ],
                strict=True,
            )
        ),
        "recode": {"tenure": {v: k for k, v in TENURE_HE.items()}},
        "precedence": 50,
        "stable_households": False,
    },
    "welfare.csv": {
        "name": "לקוחות מחלקת הרווחה",
        "mapping": dict(
            zip(
                WELFARE,
                [
                    "id_number",
                    "household_id",
                    "role",
                    "birth_date",
                    "sex",
                    "marital_status",
                    "employment",
                    "income_work",
                    "income_nii_benefits",
                    "income_alimony",
                    "tenure",
                    "rent_monthly",
                    "phone",
                ],
                strict=True,
            )
        ),
        "recode": {
            "role": {v: k for k, v in ROLE_HE.items()},
            "sex": {v: k for k, v in SEX_HE.items()},
            "marital_status": {v: k for (k, _sex), v in MARITAL_HE.items()},
            "employment": {v: k for k, v in EMPLOYMENT_HE.items()},
            "tenure": {v: k for k, v in TENURE_HE.items()},
        },
        "precedence": 20,
        "stable_households": True,
    },
    "nii.csv": {
        "name": "מקבלי קצבאות (ביטוח לאומי)",
        "mapping": dict(zip(NII_LIST, ["id_number", "receives"], strict=True)),
        "recode": {},
        "precedence": 10,
        "stable_households": False,
    },
    "immigrants.csv": {
        "name": "עולים חדשים",
        "mapping": dict(zip(IMMIGRANTS, ["id_number", "immigration_date", "birth_date"], strict=True)),
        "recode": {},
        "precedence": 30,
        "stable_households": False,
    },
}
