"""The measurement of outreach against a synthetic city's truth is itself right: a source holding every fact finds
every household owed a right, and the same source without its income columns finds fewer owed income support."""

from __future__ import annotations

import polars as pl

from mizui.accounts.tenancy import tenant_context
from mizui.outreach import city
from mizui.outreach.models import UnclaimedRight
from mizui.outreach.services import evaluation
from mizui.outreach.services.likelihood import INCOMES
from mizui.test import MizuiTestCase

PERFECT = {
    "name": "הכול",
    "mapping": {},
    "recode": {},
    "precedence": 1,
    "stable_households": True,
}


class EvaluationTests(MizuiTestCase):
    town: city.City

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.town = city.generate(1500, seed=5)

    def _score(self, content: bytes) -> evaluation.Report:
        header = content.split(b"\n", 1)[0].decode().split(",")
        setup = {"all.csv": {**PERFECT, "mapping": {column: column for column in header}}}
        evaluation.forget_population(self.a)
        evaluation.import_files(self.a, {"all.csv": content}, setup)
        return evaluation.score(self.a, self.town, ["all.csv"])

    def test_a_source_with_every_fact_finds_every_household_owed(self) -> None:
        report = self._score(city.complete_file(self.town))
        owed = [r for r in report.rights if r.owed]
        self.assertGreaterEqual(len(owed), 8)  # the city owes many rights to someone
        self.assertIn("income_support", {r.program for r in owed})
        for right in owed:
            self.assertEqual(right.recall, 1.0, right.as_dict())
        self.assertAlmostEqual(report.found_annual, report.owed_annual, delta=1.0)
        # The arnona discounts count as money: their percent of the home's charge, which the file gives.
        discounts = [r for r in owed if r.program.startswith("arnona_")]
        self.assertTrue(discounts)
        self.assertTrue(all(r.owed_annual > 0 for r in discounts))
        with tenant_context(self.a):
            valued = UnclaimedRight.objects.filter(program__startswith="arnona_", status="eligible").exclude(valued="")
            row = valued.first()
        assert row is not None
        self.assertGreater(row.annual, 0)
        self.assertIn("× ₪", row.valued)

    def test_without_the_income_columns_it_finds_fewer_owed_income_support(self) -> None:
        full = self._score(city.complete_file(self.town)).right("income_support")
        blind = self._score(city.complete_file(self.town, drop=INCOMES)).right("income_support")
        self.assertEqual(full.owed, blind.owed)
        self.assertLess(blind.recall, full.recall)

    def test_a_payer_with_a_seniors_discount_is_found_owed_the_old_age_pension_without_a_birth_date(self) -> None:
        # The arnona file gives no birth date, only the discounts a payer gets; a senior citizen's discount is granted
        # only from the retirement age, so a payer who gets one and is not on the national insurer's list of its
        # pensioners is likely owed the old-age pension (likelihood.FROM_RETIREMENT_AGE).
        evaluation.forget_population(self.a)
        files = ["arnona.csv", "nii.csv"]
        evaluation.import_files(self.a, {n: self.town.files[n] for n in files}, city.SOURCES)
        pension = evaluation.score(self.a, self.town, files).right("old_age_pension")
        self.assertGreater(pension.owed, 0)
        self.assertGreater(pension.found, 0, pension.as_dict())
        self.assertGreaterEqual(pension.precision, 0.5, pension.as_dict())

    def test_a_list_of_rent_assistance_recipients_takes_them_out_of_its_list(self) -> None:
        # No file of the city names who already receives rent assistance, and a quarter or more of its list does. A
        # center that holds such a list (a welfare department's, as the ministry's payers report it) adds it as a
        # source of what people receive: those it names leave the list, and nobody owed is lost.
        names = ["welfare.csv", "arnona.csv", "nii.csv"]
        evaluation.forget_population(self.a)
        evaluation.import_files(self.a, {n: self.town.files[n] for n in names}, city.SOURCES)
        without = evaluation.score(self.a, self.town, names).right("rent_assistance")
        paid = self.town.persons.filter(
            pl.col("receives").str.contains("rent_assistance"), pl.col("role") == "applicant"
        )
        self.assertGreater(paid.height, 0)
        listing = "\n".join(["ת.ז.,סוג סיוע", *(f"{p},סיוע בשכר דירה" for p in paid["person_id"])]) + "\n"
        recipients = {
            "name": "מקבלי סיוע בשכר דירה",
            "mapping": {"ת.ז.": "id_number", "סוג סיוע": "receives"},
            "recode": {"receives": {"סיוע בשכר דירה": "rent_assistance"}},
            "precedence": 15,
            "stable_households": False,
        }
        evaluation.import_files(self.a, {"rent.csv": listing.encode()}, {"rent.csv": recipients})
        with_list = evaluation.score(self.a, self.town, [*names, "rent.csv"]).right("rent_assistance")
        self.assertEqual(with_list.owed, without.owed)
        self.assertLess(with_list.listed, without.listed, (without.as_dict(), with_list.as_dict()))
        self.assertEqual(with_list.found, without.found)
        self.assertGreater(with_list.precision, without.precision)

    def test_the_municipal_files_are_written_as_municipalities_write_them(self) -> None:
        welfare = self.town.files["welfare.csv"].decode()
        self.assertIn("מספר זהות", welfare.splitlines()[0])
        self.assertTrue(any(word in welfare for word in ("גרושה", "גרוש", "נשואה", "נשוי")))
        arnona = self.town.files["arnona.csv"].decode()
        self.assertIn("שוכר", arnona)
        self.assertNotIn("renter", arnona)


def test_the_poorer_a_household_the_less_often_it_has_a_car() -> None:
    # The city's truth rests on who has a car (income support refuses most cars): as in the country, a car is far
    # rarer among the poorest tenth than among the richest, and about two households in three have one.
    persons = city.generate(6_000, seed=3).persons
    households = persons.group_by("household_id").agg(
        (pl.sum_horizontal(pl.col(k) for k in city.INCOMES).sum() / pl.len()).alias("income"),
        (pl.col("car_value").first() > 0).alias("car"),
        (pl.col("employment") == "retired").any().alias("retired"),
    )
    working_age = households.filter(~pl.col("retired")).sort("income")
    tenth = working_age.height // 10
    poorest = working_age.head(tenth)["car"].cast(pl.Float64).sum() / tenth
    richest = working_age.tail(tenth)["car"].cast(pl.Float64).sum() / tenth
    overall = households["car"].cast(pl.Float64).sum() / households.height
    assert poorest < 0.5 < 0.85 < richest
    assert 0.55 < overall < 0.75
