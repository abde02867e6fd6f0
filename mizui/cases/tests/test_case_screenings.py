"""A case's screenings over time (issue 22): each stored screening of a case is linked to it, a help request's once its
inquiry becomes a case, and earlier screenings are linked by the migration where the link is certain; the staff form
records what the household already receives, and "not asked" stays unknown."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from django.apps import apps
from django.db import connection
from django.urls import reverse

from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import CaseEvent, CaseScreening, EventKind
from mizui.cases.services import log_event, open_case, request_help
from mizui.screening.models import Channel, Screening
from mizui.screening.services import store_screening
from mizui.test import MizuiTestCase, login, make_case, make_resident

migration = importlib.import_module("mizui.cases.migrations.0017_case_screenings")

FORM = {"birth_date": "1985-04-01", "marital_status": "single", "employment": "employed", "tenure": "renter",
        "income_work": "3200"}  # fmt: skip
RESULT = {"as_of": "2026-03-01", "rules_version": "test", "programs": []}


class _Editor:
    connection = connection


def _screening(authority: Any, at: dt.datetime | None = None, channel: Channel = Channel.STAFF) -> Screening:
    stored = store_screening(
        None, authority=authority, household={"members": []}, result=RESULT, channel=channel, language="he"
    )
    if at is not None:
        with tenant_context(authority):
            Screening.objects.filter(pk=stored.pk).update(created_at=at)
    return stored


class CaseScreeningTests(MizuiTestCase):
    def _screen(self, case: Any, **answers: Any) -> Any:
        login(self.client, self.dana)
        return self.client.post(reverse("cases:case-screen", kwargs={"pk": case.pk}), {**FORM, **answers}, follow=True)

    def _receives(self, case: Any) -> Any:
        with tenant_context(self.a):
            link = CaseScreening.objects.filter(case=case).select_related("screening").latest("pk")
            return link.screening.household["members"][0].get("receives", "not asked")

    def test_screening_a_case_links_the_stored_screening_to_it(self) -> None:
        case = make_case(self.a)
        self._screen(case)
        self._screen(case, income_work="4100")
        with tenant_context(self.a):
            links = list(CaseScreening.objects.filter(case=case).select_related("screening").order_by("pk"))
        self.assertEqual([link.screening.household["members"][0]["income"]["work"] for link in links], [3200, 4100])
        self.assertEqual({link.screening.channel for link in links}, {Channel.STAFF})

    def test_a_help_requests_screening_is_linked_when_its_inquiry_becomes_a_case(self) -> None:
        inquiry = request_help(
            authority=self.a, full_name="סמירה", phone="0521234567", language="ar", screening=({"members": []}, RESULT)
        )
        resident = make_resident(self.a)
        with tenant_context(self.a):
            case = open_case(self.dana, resident=resident, topic="בקשת עזרה", inquiry=inquiry)
            self.assertEqual(CaseScreening.objects.get(case=case).screening_id, inquiry.screening_id)

    def test_the_staff_form_records_what_the_household_already_receives_and_not_asked_stays_unknown(self) -> None:
        case = make_case(self.a)
        self._screen(case)
        self.assertEqual(self._receives(case), "not asked")
        self._screen(case, receives=["none"])
        self.assertEqual(self._receives(case), [])
        self._screen(case, receives=["income_support", "child_allowance"])
        self.assertEqual(self._receives(case), ["income_support", "child_allowance"])
        page = self._screen(case, receives=["none", "income_support"])
        self.assertContains(page, "לא את שניהם")
        self.assertEqual(self._receives(case), ["income_support", "child_allowance"])  # nothing stored

    def test_the_migration_links_earlier_screenings_only_where_the_link_is_certain(self) -> None:
        at = dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)
        helped = request_help(
            authority=self.a, full_name="סמירה", phone="0521234567", language="ar", screening=({"members": []}, RESULT)
        )
        with tenant_context(self.a):
            case = open_case(self.dana, resident=make_resident(self.a), topic="בקשת עזרה", inquiry=helped)
        staff, alone = make_case(self.a), make_case(self.a)
        screened = _screening(self.a, at)  # stored one second before its case's "screened" event
        crowded = [_screening(self.a, at + dt.timedelta(minutes=5, seconds=s)) for s in (0, 2)]  # two, one event
        public = _screening(self.a, at + dt.timedelta(minutes=9), Channel.PUBLIC)  # not a staff screening
        other = make_case(self.b)
        elsewhere = _screening(self.b, at)
        with tenant_context(self.a):
            for case_, moment in ((staff, at), (alone, at + dt.timedelta(minutes=5, seconds=3))):
                event = log_event(self.dana, case_, EventKind.SCREENED, "")
                CaseEvent.objects.filter(pk=event.pk).update(at=moment + dt.timedelta(seconds=1))
            event = log_event(self.dana, alone, EventKind.SCREENED, "")
            CaseEvent.objects.filter(pk=event.pk).update(at=at + dt.timedelta(minutes=9, seconds=1))
            CaseScreening.objects.all().delete()  # as before the link existed
        with tenant_context(self.b):
            event = log_event(self.omar, other, EventKind.SCREENED, "")
            CaseEvent.objects.filter(pk=event.pk).update(at=at + dt.timedelta(seconds=1))
        migration.link_screenings(apps, _Editor())
        with tenant_context(self.a):
            links = dict(CaseScreening.objects.for_authority(self.a).values_list("screening_id", "case_id"))
        self.assertEqual(links, {helped.screening_id: case.pk, screened.pk: staff.pk})
        self.assertNotIn(crowded[0].pk, links)
        self.assertNotIn(public.pk, links)
        with tenant_context(self.b):
            theirs = CaseScreening.objects.for_authority(self.b).values_list("screening_id", "case_id")
            self.assertEqual(dict(theirs), {elsewhere.pk: other.pk})
