"""A batch run counts the imported population's persons in each reach group (for outcomes' share of population)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from unittest import mock

from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.outreach import synthetic
from mizui.outreach.models import BatchRun, RunStatus, ScreenedHousehold, UnclaimedRight
from mizui.outreach.services import batch
from mizui.outreach.services.importer import run_import, start_import
from mizui.outreach.tests.factories import make_source
from mizui.test import MizuiTestCase

AS_OF = dt.date(2026, 1, 15)
HEADER = [
    "id_number",
    "household_id",
    "role",
    "language",
    "birth_date",
    "marital_status",
    "immigration_date",
    "medical_percent",
    "blind",
]
# household, role, language, birth date, marital status, immigration date, medical %, blind
PEOPLE = [
    ("h1", "applicant", "he", "1950-03-01", "married", "", "", ""),  # 75: elderly
    ("h1", "partner", "he", "1952-07-09", "married", "", "", ""),  # 73: elderly
    ("h2", "applicant", "ru", "1990-05-05", "divorced", "2025-06-01", "", ""),  # arrived 7 months ago; single parent
    ("h2", "child", "ru", "2015-02-02", "single", "2025-06-01", "", ""),
    ("h3", "applicant", "ar", "1985-01-01", "married", "", "50", ""),  # disability
    ("h3", "partner", "ar", "1986-01-01", "married", "", "", ""),
    ("h3", "child", "ar", "2018-01-01", "single", "", "", ""),  # two parents: not a single parent
    ("h4", "applicant", "he", "1961-01-20", "single", "2020-01-01", "", ""),  # 64 and 6 years here: in no group
    ("h5", "applicant", "he", "1955-04-04", "widowed", "", "", ""),  # 70, widowed with a minor
    ("h5", "child", "he", "2012-04-04", "single", "", "", "true"),  # blind: disability
]
# Persons, each counted in the groups of their household (as outcomes counts residents by household):
EXPECTED = {
    "total": 10,
    "elderly": 2 + 2,  # h1, h5
    "disability": 3 + 2,  # h3, h5
    "immigrants": 2,  # h2 (h4 arrived more than 24 months before)
    "single_parents": 2 + 2,  # h2, h5
}


def import_people(authority: Authority, people: Sequence[tuple[str, ...]] = PEOPLE) -> None:
    source = make_source(authority, name="קבוצות", mapping={c: c for c in HEADER})
    data = [[synthetic.id_number(n + 1, prefix=3), *person] for n, person in enumerate(people)]
    content = synthetic.csv_bytes(data, HEADER)
    with tenant_context(authority):
        item, _ = start_import(None, authority=authority, source=source, name="groups.csv", fileobj=io.BytesIO(content))
    run_import(item)


def screen(authority: Authority, as_of: dt.date = AS_OF) -> BatchRun:
    with tenant_context(authority):
        run = batch.start_run(None, authority=authority, as_of=as_of)
    return batch.execute_run(run)


class GroupCountTests(MizuiTestCase):
    def test_a_run_counts_the_persons_of_each_group_as_counted_by_hand(self) -> None:
        import_people(self.a)
        run = screen(self.a)
        self.assertEqual(run.status, RunStatus.DONE)
        with tenant_context(self.a):
            stored = BatchRun.objects.for_authority(self.a).get(pk=run.pk).group_counts
        self.assertEqual(stored, EXPECTED)

    def test_age_and_arrival_are_read_on_the_runs_date(self) -> None:
        import_people(self.a)
        self.assertEqual(screen(self.a, dt.date(2026, 1, 20)).group_counts["elderly"], 2 + 2 + 1)  # h4 turns 65
        self.assertEqual(screen(self.a, dt.date(2027, 5, 31)).group_counts["immigrants"], 2)  # 23 months
        self.assertEqual(screen(self.a, dt.date(2027, 6, 1)).group_counts["immigrants"], 0)  # 24 months

    def test_each_authority_counts_only_its_own_population(self) -> None:
        import_people(self.a)
        import_people(self.b, PEOPLE[:2])
        self.assertEqual(screen(self.b).group_counts, {"total": 2, "elderly": 2, "disability": 0, "immigrants": 0,
                                                       "single_parents": 0})  # fmt: skip
        self.assertEqual(screen(self.a).group_counts, EXPECTED)

    def test_decrypting_in_worker_processes_gives_the_same_run(self) -> None:
        import_people(self.a)
        serial = screen(self.a)
        # Every person through the worker processes, three per chunk (so households span chunks).
        with mock.patch.object(batch, "PARALLEL_FROM", 0), mock.patch.object(batch, "READ_CHUNK", 3):
            parallel = screen(self.a)
        self.assertEqual(parallel.group_counts, EXPECTED)
        fields = ("persons", "households", "households_owed", "monthly_total", "annual_total", "retroactive_total")
        self.assertEqual([getattr(parallel, f) for f in fields], [getattr(serial, f) for f in fields])
        with tenant_context(self.a):
            owed = [
                sorted(ScreenedHousehold.objects.filter(run=run).values_list("household_key", "programs", "annual"))
                for run in (serial, parallel)
            ]
        self.assertTrue(owed[0])
        self.assertEqual(owed[0], owed[1])

    def test_deleting_a_run_deletes_its_results(self) -> None:
        # The results' run column has no database constraint (decision 0010): the ORM does the cascade.
        import_people(self.a)
        kept, deleted = screen(self.a), screen(self.a)
        with tenant_context(self.a):
            self.assertTrue(ScreenedHousehold.objects.filter(run=deleted).exists())
            deleted.delete()
            self.assertFalse(ScreenedHousehold.objects.filter(run_id=deleted.pk).exists())
            self.assertFalse(UnclaimedRight.objects.filter(run_id=deleted.pk).exists())
            self.assertTrue(UnclaimedRight.objects.filter(run=kept).exists())
