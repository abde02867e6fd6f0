"""Every directory organization can be a barrier's agency; shame and stigma is a kind; barriers recorded before
organizations keep their agency and are linked to the one organization that agency names (migration 0013)."""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace

import time_machine
from django.apps import apps
from django.db import connection
from django.urls import reverse

from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Barrier, Case
from mizui.cases.services.barriers import BarrierError, record_barrier
from mizui.directory.models import Organization
from mizui.test import MizuiTestCase, login, make_case

migration = importlib.import_module("mizui.cases.migrations.0013_barrier_organization")


@time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC), tick=False)
class BarrierAgencyTests(MizuiTestCase):
    nii: Organization
    amigur: Organization
    probation: Organization
    case: Case

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.nii = Organization.objects.create(key="nii", name_he="המוסד לביטוח לאומי")
        cls.amigur = Organization.objects.create(key="amigur", name_he="עמיגור")
        cls.probation = Organization.objects.create(key="probation", name_he="שירות המבחן למבוגרים")
        cls.case = make_case(cls.a, lawyer=cls.dana)

    def test_the_form_offers_organizations_outside_the_catalogue_and_the_stigma_kind(self) -> None:
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk}))
        self.assertContains(page, '<option value="amigur">עמיגור</option>', html=True)
        self.assertContains(page, '<option value="probation">שירות המבחן למבוגרים</option>', html=True)
        self.assertContains(page, '<option value="stigma">חסם רגשי: בושה וסטיגמה</option>', html=True)

    def test_a_barrier_names_its_organization_and_keeps_the_national_coding(self) -> None:
        login(self.client, self.dana)
        self.client.post(
            reverse("cases:barrier-add", kwargs={"pk": self.case.pk}),
            {"agency": "amigur", "kind": "stigma", "occurred_on": "2026-11-01"},
        )
        with tenant_context(self.a):
            barrier = Barrier.objects.get()
        self.assertEqual((barrier.organization, barrier.agency, barrier.kind), (self.amigur, "housing", "stigma"))
        page = self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk}))
        self.assertContains(page, "עמיגור")
        report = self.client.get(reverse("cases:barriers"))
        self.assertContains(report, "חסם רגשי: בושה וסטיגמה")

    def test_an_organization_outside_the_catalogue_is_its_own_agency_in_the_report(self) -> None:
        with tenant_context(self.a):
            barrier = record_barrier(
                self.dana, self.case, kind="language", agency="probation", occurred_on=dt.date(2026, 11, 1)
            )
        self.assertEqual((barrier.organization, barrier.agency), (self.probation, "probation"))
        login(self.client, self.michal)
        self.assertContains(self.client.get(reverse("cases:barriers")), "שירות המבחן למבוגרים")

    def test_a_catalogue_agency_names_its_one_organization(self) -> None:
        with tenant_context(self.a):
            nii = record_barrier(self.dana, self.case, kind="delay", agency="nii", occurred_on=dt.date(2026, 11, 1))
            housing = record_barrier(
                self.dana, self.case, kind="delay", agency="housing", occurred_on=dt.date(2026, 11, 1)
            )
        self.assertEqual((nii.organization, housing.organization), (self.nii, None))

    def test_an_unknown_agency_is_refused(self) -> None:
        with tenant_context(self.a), self.assertRaisesMessage(BarrierError, "נא לבחור את הגורם"):
            record_barrier(self.dana, self.case, kind="delay", agency="nobody", occurred_on=dt.date(2026, 11, 1))

    def test_the_data_migration_links_old_barriers_and_leaves_ambiguous_ones_readable(self) -> None:
        with tenant_context(self.a):
            old = [
                Barrier.objects.create(
                    authority=self.a,
                    case=self.case,
                    agency=agency,
                    kind="delay",
                    occurred_on=dt.date(2026, 1, 1),
                    recorded_by=self.dana,
                )
                for agency in ("nii", "housing")
            ]
        migration.link_organizations(apps, SimpleNamespace(connection=connection))
        with tenant_context(self.a):
            linked = {b.agency: b.organization for b in Barrier.objects.filter(pk__in=[b.pk for b in old])}
        self.assertEqual(linked, {"nii": self.nii, "housing": None})
        login(self.client, self.michal)
        self.assertContains(
            self.client.get(reverse("cases:barriers")), "משרד הבינוי והשיכון"
        )  # housing still has its name
