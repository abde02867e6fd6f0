"""A candidate's chance and money in a run's list: a right opened by another right is no surer than that right, and
a payment whose amount the facts leave unknown is ranked at what the right typically pays, not at nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.test import SimpleTestCase

import eligibility
from mizui.outreach.models import Tier
from mizui.outreach.services import batch, likelihood

AS_OF = dt.date(2026, 6, 1)
CHILD = {"role": "child", "birth_date": dt.date(2016, 1, 1), "sex": "male", "tenure": "renter", "receives": ""}


def _person(household: str, **facts: Any) -> dict[str, Any]:
    return {
        "household_id": household,
        "role": "applicant",
        "birth_date": dt.date(1988, 1, 1),
        "sex": "female",
        "marital_status": "divorced",
        "employment": "not_working",
        "tenure": "renter",
        "receives": "",
    } | facts


def _list(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """The run's candidates for these persons, as a batch run works them out (facts, and the usual values)."""
    frame = pl.DataFrame(rows, infer_schema_length=None)
    results = eligibility.evaluate(frame, AS_OF)
    usual = eligibility.evaluate(likelihood.presumed(frame), AS_OF)
    keep = (
        "household_id",
        *(
            c
            for c in usual.columns
            if c.endswith(("__status", "__monthly_amount", "__one_off_amount", "__discount_percent"))
        ),
    )
    nothing = pl.DataFrame(schema={"household_id": pl.String, "program": pl.String})
    found = batch.owed_rights(
        results.select("household_id", pl.selectors.contains("__")), AS_OF, nothing, usual=usual.select(keep)
    )
    return found.filter(pl.col("program") == "rent_assistance")


class GatedTests(SimpleTestCase):
    def test_rent_assistance_reads_income_support_and_the_income_supplement(self) -> None:
        opened = likelihood.opened_by(AS_OF)
        self.assertLessEqual({"income_support", "old_age_income_supplement"}, opened["rent_assistance"])
        self.assertNotIn("rent_assistance", opened["rent_assistance"])

    def test_a_right_likely_only_through_a_likely_right_has_both_chances_and_an_unknown_amount_its_typical(
        self,
    ) -> None:
        rows = [
            # A single mother whose income support a recipients' file names: her rent assistance rests on it.
            _person("received", receives="income_support"),
            CHILD | {"household_id": "received"},
            # Another whose income support is itself only likely (out of work, her incomes none but those given).
            _person("likely", employment="unemployed", income_work=0.0),
            CHILD | {"household_id": "likely"},
            # A widow with the income supplement: the seniors' rent assistance has a figure.
            _person(
                "senior",
                birth_date=dt.date(1950, 1, 1),
                marital_status="widowed",
                employment="retired",
                receives="old_age_pension;old_age_income_supplement",
            ),
        ]
        found = {row["household_id"]: row for row in _list(rows).iter_rows(named=True)}
        likely = likelihood.PRIORS[Tier.LIKELY]
        self.assertEqual({row["tier"] for row in found.values()}, {Tier.LIKELY.value})
        self.assertAlmostEqual(found["received"]["probability"], likely)
        self.assertAlmostEqual(found["senior"]["probability"], likely)
        self.assertAlmostEqual(found["likely"]["probability"], likely * likely)
        # The income-support track's amount is unknown (no table): ranked at the seniors' known 961 ₪ a month.
        self.assertEqual(found["received"]["annual"], 0)
        self.assertAlmostEqual(found["senior"]["annual"], 961 * 12)
        self.assertAlmostEqual(found["received"]["expected"], likely * 961 * 12)
        self.assertLess(found["likely"]["expected"], found["received"]["expected"])


class PresumedTests(SimpleTestCase):
    def test_a_job_seeker_is_registered_and_past_the_unemployment_benefit_and_one_not_working_is_not_registered(
        self,
    ) -> None:
        frame = pl.DataFrame(
            [
                {"employment": "unemployed", "employment_service_registered": None, "months_worked_last_18": None},
                {"employment": "not_working", "employment_service_registered": None, "months_worked_last_18": None},
                {"employment": "not_working", "employment_service_registered": True, "months_worked_last_18": 3},
                {"employment": "employed", "employment_service_registered": None, "months_worked_last_18": None},
            ],
            schema={
                "employment": pl.String,
                "employment_service_registered": pl.Boolean,
                "months_worked_last_18": pl.Int64,
            },
        )
        usual = likelihood.presumed(frame).select("employment_service_registered", "months_worked_last_18").rows()
        # A file's own answer wins; a worker's registration and months stay unknown (they decide nothing here).
        self.assertEqual(usual, [(True, 0), (False, None), (True, 3), (None, None)])

    def test_someone_whose_arrival_a_file_gives_has_lived_here_since_then_and_others_since_birth(self) -> None:
        frame = pl.DataFrame(
            [
                {"birth_date": dt.date(1980, 5, 1), "immigration_date": dt.date(2019, 3, 1), "resident_since": None},
                {"birth_date": dt.date(1980, 5, 1), "immigration_date": None, "resident_since": None},
                {
                    "birth_date": dt.date(1980, 5, 1),
                    "immigration_date": dt.date(2019, 3, 1),
                    "resident_since": dt.date(2021, 1, 1),
                },
            ],
            schema={"birth_date": pl.Date, "immigration_date": pl.Date, "resident_since": pl.Date},
        )
        since = likelihood.presumed(frame).get_column("resident_since").to_list()
        # A file's own date of residence wins; else the arrival; else birth.
        self.assertEqual(since, [dt.date(2019, 3, 1), dt.date(1980, 5, 1), dt.date(2021, 1, 1)])


def _rights(rows: list[dict[str, Any]], program: str) -> dict[str, dict[str, Any]]:
    """A run's candidates for ``program`` per household, as in ``_list`` but with the run's date given to the
    presumptions (as a batch run does)."""
    frame = pl.DataFrame(rows, infer_schema_length=None)
    results = eligibility.evaluate(frame, AS_OF)
    usual = eligibility.evaluate(likelihood.presumed(frame, AS_OF), AS_OF)
    money = ("__status", "__monthly_amount", "__one_off_amount", "__discount_percent")
    keep = ("household_id", *(c for c in usual.columns if c.endswith(money)))
    nothing = pl.DataFrame(schema={"household_id": pl.String, "program": pl.String})
    found = batch.owed_rights(
        results.select("household_id", pl.selectors.contains("__")),
        AS_OF,
        nothing,
        usual=usual.select(keep),
        implied=likelihood.implied(frame),
    )
    return {row["household_id"]: row for row in found.filter(pl.col("program") == program).iter_rows(named=True)}


class RetirementAgeTests(SimpleTestCase):
    """Someone a source says receives a right of the retirement age has reached it, though no file gives their
    birth date: an arnona payer with a senior citizen's discount and nothing else known."""

    def test_each_right_so_listed_requires_the_retirement_age(self) -> None:
        # The rules themselves: an applicant of 40 who receives nothing and about whom nothing else is known is
        # refused every one of them (were the age one way among others to the right, the answer would be "maybe");
        # the income supplement through the old-age pension it is added to.
        frame = pl.DataFrame(
            [{"household_id": "h", "role": "applicant", "birth_date": dt.date(1986, 1, 1), "receives": ""}]
        )
        result = eligibility.evaluate(frame, AS_OF).row(0, named=True)
        for pid in likelihood.FROM_RETIREMENT_AGE:
            self.assertEqual(result[f"{pid}__status"], "not_eligible", pid)

    def test_a_payer_with_a_senior_discount_is_presumed_of_the_absolute_age_only_where_no_file_gives_a_birth_date(
        self,
    ) -> None:
        frame = pl.DataFrame(
            [
                {"birth_date": None, "receives": "arnona_income_test;arnona_senior"},
                {"birth_date": "1990-02-03", "receives": "arnona_senior"},  # a file's own date wins
                {"birth_date": None, "receives": "arnona_single_parent;child_allowance"},
                {"birth_date": None, "receives": None},
            ],
            schema={"birth_date": pl.String, "receives": pl.String},
        )
        born = likelihood.presumed(frame, AS_OF).get_column("birth_date").to_list()
        self.assertEqual(born, ["1956-06-01", "1990-02-03", None, None])
        # Without the run's date nothing is presumed about the age.
        self.assertEqual(likelihood.presumed(frame).get_column("birth_date").to_list()[0], None)

    def test_such_a_payer_not_on_the_recipients_list_is_likely_owed_the_old_age_pension(self) -> None:
        payer: dict[str, Any] = {"role": "applicant", "tenure": "owner"}
        rows = [
            payer | {"household_id": "senior", "receives": "arnona_senior"},
            payer | {"household_id": "pensioner", "receives": "arnona_senior;old_age_pension"},
            payer | {"household_id": "unknown", "receives": "arnona_income_test"},
        ]
        found = _rights(rows, "old_age_pension")
        self.assertEqual(found["senior"]["tier"], Tier.LIKELY.value)
        self.assertGreater(found["senior"]["annual"], 0)
        self.assertNotIn("pensioner", found)  # already receives it
        self.assertEqual(found["unknown"]["tier"], Tier.OPEN.value)  # nothing says how old they are


class ImpliedTests(SimpleTestCase):
    """A right whose rule requires another received or owed: whoever receives the first is likely owed the second
    where no source says they receive it (the arnona discount of the income supplement's recipients)."""

    def test_each_right_so_listed_requires_the_other(self) -> None:
        senior: dict[str, Any] = {
            "role": "applicant",
            "birth_date": dt.date(1950, 1, 1),
            "sex": "female",
            "marital_status": "single",
            "tenure": "owner",
            "income_work": 0.0,
            "income_pension_occupational": 20_000.0,  # far above the supplement's guarantee: not owed it
        }
        for shown, right in likelihood.OPENED_BY_RECEIVED.items():
            rows = [
                senior | {"household_id": "without", "receives": "old_age_pension"},
                senior | {"household_id": "with", "receives": f"old_age_pension;{right}"},
            ]
            result = {
                r["household_id"]: r for r in eligibility.evaluate(pl.DataFrame(rows), AS_OF).iter_rows(named=True)
            }
            self.assertEqual(result["without"][f"{shown}__status"], "not_eligible", shown)
            self.assertEqual(result["with"][f"{shown}__status"], "eligible", shown)

    def test_a_payer_with_the_supplements_arnona_discount_is_likely_owed_the_supplement(self) -> None:
        payer: dict[str, Any] = {"role": "applicant", "tenure": "owner"}
        rows = [
            payer | {"household_id": "discount", "receives": "arnona_senior;arnona_senior_supplement"},
            payer | {"household_id": "paid", "receives": "arnona_senior_supplement;old_age_income_supplement"},
            payer | {"household_id": "senior", "receives": "arnona_senior"},
            # A pensioner whose facts a file gives in full, owed the supplement: its amount is known.
            payer
            | {
                "household_id": "known",
                "receives": "old_age_pension",
                "birth_date": dt.date(1950, 1, 1),
                "sex": "female",
                "marital_status": "single",
                "income_work": 0.0,
                "income_pension_occupational": 0.0,
            },
        ]
        found = _rights(rows, "old_age_income_supplement")
        self.assertEqual(found["discount"]["tier"], Tier.LIKELY.value)
        # Its chance rests on the discount received, not on the old-age pension that opens the supplement being
        # itself only likely (no file gives the payer's birth date): the likely tier's, not gated.
        self.assertEqual(found["discount"]["probability"], likelihood.PRIORS[Tier.LIKELY])
        # Its amount is unknown (a survivor's share may fill part of it): ranked at the amount where it is known.
        self.assertGreater(found["known"]["annual"], 0)
        self.assertEqual(found["discount"]["annual"], 0)
        self.assertAlmostEqual(
            found["discount"]["expected"], found["discount"]["probability"] * found["known"]["annual"]
        )
        self.assertNotIn("paid", found)  # already receives it
        self.assertEqual(found["senior"]["tier"], Tier.OPEN.value)  # nothing says their income is low


class SupplementIncomeTests(SimpleTestCase):
    def test_one_who_receives_the_supplement_or_its_discount_is_presumed_to_have_no_income_besides_the_pension(
        self,
    ) -> None:
        frame = pl.DataFrame(
            [
                {"receives": "arnona_senior_supplement", "income_work": None},
                {"receives": "old_age_pension;old_age_income_supplement", "income_work": None},
                {"receives": "arnona_senior_supplement", "income_work": 2500.0},  # a file's own figure wins
                {"receives": "arnona_income_test", "income_work": None},  # below a ceiling says no figure
            ],
            schema={"receives": pl.String, "income_work": pl.Float64},
        )
        presumed = likelihood.presumed(frame, AS_OF)
        self.assertEqual(presumed.get_column("income_work").to_list(), [0.0, 0.0, 2500.0, None])
        self.assertEqual(presumed.get_column("income_pension_occupational").to_list(), [0.0, 0.0, 0.0, None])
