"""The demo (every ledger stage, safe to rerun) and generate_load (synthetic volume, bounded queries per page)."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from unittest import mock

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models import Model
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import AccessLog, Authority
from mizui.accounts.tenancy import tenant_context
from mizui.cases.management.commands.generate_load import load_user
from mizui.cases.models import (
    Case,
    Consent,
    Decision,
    Entitlement,
    Household,
    Inquiry,
    InquiryStatus,
    Note,
    Resident,
    Sensitivity,
    Stage,
    Task,
    TaskKind,
)
from mizui.cases.views.queues import queue_page
from mizui.lib.teudat_zehut import normalize_id_number
from mizui.test import login


def quiet(command: str, **options: object) -> str:
    out = io.StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every cases table (and the access log) in every authority, read in each tenant's context."""
    counts: dict[str, int] = {}
    tenant_models = [m for m in apps.get_app_config("cases").get_models() if hasattr(m, "authority_id")]
    models: list[type[Model]] = [*tenant_models, AccessLog]
    for authority in Authority.objects.order_by("pk"):
        with tenant_context(authority):
            for model in models:
                key = f"{authority.slug}:{model.__name__}"
                counts[key] = model._default_manager.filter(authority=authority).count()
    return counts


@override_settings(MIZUI_DEMO=True)
class DemoTests(TestCase):
    ashdod: Authority

    @classmethod
    def setUpTestData(cls) -> None:
        quiet("load_demo")
        cls.ashdod = Authority.objects.get(slug="ashdod-demo")

    def test_it_loads_the_demo_twice_without_changing_a_row(self) -> None:
        before = row_counts()
        quiet("load_demo")
        self.assertEqual(row_counts(), before)
        self.assertGreaterEqual(before["ashdod-demo:Resident"], 15)
        self.assertGreaterEqual(before["beersheva-demo:Resident"], 15)

    def test_it_puts_a_ledger_row_in_every_stage(self) -> None:
        with tenant_context(self.ashdod):
            rows = Entitlement.objects.for_authority(self.ashdod)
            self.assertEqual(set(rows.values_list("stage", flat=True)), set(Stage.values))
            approved = rows.filter(stage=Stage.DECIDED, decision=Decision.APPROVED).order_by("pk").first()
            assert approved is not None
            self.assertEqual((approved.basis, bool(approved.evidence)), ("confirmed", True))
            self.assertGreater(approved.monthly_amount, Decimal(0))
            denied = rows.get(stage=Stage.DECIDED, decision=Decision.DENIED)
            self.assertTrue(denied.denial_reason)
            deadline = Task.objects.get(entitlement=denied, kind=TaskKind.APPEAL_DEADLINE)
            assert denied.decided_on is not None
            self.assertGreater(deadline.due_on, denied.decided_on)
            self.assertTrue(rows.filter(at_risk_monthly__gt=0).exists(), "the money queue has something to show")

    def test_it_tells_stories_with_every_kind_of_work(self) -> None:
        today = timezone.localdate()
        with tenant_context(self.ashdod):
            self.assertTrue(Task.objects.for_authority(self.ashdod).open().filter(due_on__lt=today).exists())
            self.assertEqual(
                set(Note.objects.for_authority(self.ashdod).values_list("privileged", flat=True)), {True, False}
            )
            consents = Consent.objects.for_authority(self.ashdod)
            self.assertTrue(any(not c.is_valid() for c in consents) and any(c.is_valid() for c in consents))
            flagged = Resident.objects.for_authority(self.ashdod).get(sensitivity=Sensitivity.DOMESTIC_VIOLENCE)
            self.assertTrue(flagged.no_sms and flagged.no_letters)
            volunteer_case = Case.objects.for_authority(self.ashdod).get(volunteer__email="volunteer@ashdod.demo")
            self.assertTrue(volunteer_case.entitlements.exists())
            inquiries = Inquiry.objects.for_authority(self.ashdod)
            self.assertEqual(set(inquiries.values_list("status", flat=True)), set(InquiryStatus.values))
            self.assertGreaterEqual(len(set(inquiries.values_list("channel", flat=True))), 5)
            residents = list(Resident.objects.for_authority(self.ashdod))
            self.assertTrue(all(normalize_id_number(r.id_number) == r.id_number for r in residents))
            self.assertGreater(Household.objects.for_authority(self.ashdod).count(), 5)
            self.assertLess(Household.objects.for_authority(self.ashdod).count(), len(residents))

    def test_it_screens_one_household_again_within_its_twelve_months(self) -> None:
        # The widow's story (420 days ago) is screened again 250 days after her case opened: a follow-up, dated so.
        from mizui.outcomes.models import FollowUpFact
        from mizui.outcomes.refresh import rebuild

        with tenant_context(self.ashdod):
            case = Case.objects.for_authority(self.ashdod).get(volunteer__email="volunteer@ashdod.demo")
            days = sorted(timezone.localtime(link.screening.created_at).date() for link in case.screenings.all())
            opened = timezone.localtime(case.opened_at).date()
            self.assertEqual([(day - opened).days for day in days], [0, 250])
            rebuild(self.ashdod)
            facts = FollowUpFact.objects.for_authority(self.ashdod).get()
        self.assertEqual((facts.households, facts.followed, facts.work_compared), (1, 1, 1))


class GenerateLoadTests(TestCase):
    def test_it_generates_residents_and_about_two_ledger_rows_each(self) -> None:
        out = quiet("generate_load", residents=40, authority="load-a", batch=15)
        self.assertIn("40 residents", out)
        authority = Authority.objects.get(slug="load-a")
        with tenant_context(authority):
            residents = Resident.objects.for_authority(authority)
            self.assertEqual(residents.count(), 40)
            self.assertEqual(Entitlement.objects.for_authority(authority).count(), 80)
            cases = Case.objects.for_authority(authority).count()
            self.assertEqual(cases, Household.objects.for_authority(authority).count())
            self.assertLess(cases, 40)
            applicant = residents.filter(household_role="applicant").first()
            assert applicant is not None
            self.assertEqual(normalize_id_number(applicant.id_number), applicant.id_number)
            from mizui.cases.services import search_residents

            self.assertEqual(search_residents(authority, applicant.id_number), [applicant])
            self.assertEqual(search_residents(authority, applicant.phone), [applicant])

    def test_it_refuses_to_load_an_authority_twice(self) -> None:
        quiet("generate_load", residents=12, authority="load-b")
        before = row_counts()
        out = quiet("generate_load", residents=12, authority="load-b")
        self.assertIn("already has 12 residents: nothing generated", out)
        self.assertEqual(row_counts(), before)


class QueryCountTests(TestCase):
    """Pages issue the same number of queries whatever the number of rows behind them."""

    @classmethod
    def setUpTestData(cls) -> None:
        quiet("generate_load", residents=120, authority="small", seed=1)
        quiet("generate_load", residents=360, authority="large", seed=1)

    def queries(self, slug: str) -> dict[str, int]:
        authority = Authority.objects.get(slug=slug)
        with tenant_context(authority):
            user = load_user(authority)
            person = Resident.objects.for_authority(authority).filter(household_role="applicant").first()
            case = Case.objects.for_authority(authority).order_by("pk").first()
        assert person is not None and case is not None
        client = Client()
        login(client, user, authority=authority)
        pages: dict[str, Callable[[], object]] = {
            "money": lambda: client.get(reverse("cases:queue", args=["money"])),
            "money-2": lambda: client.get(reverse("cases:queue", args=["money"]), {"page": 2}),
            "waiting": lambda: client.get(reverse("cases:queue", args=["waiting"])),
            "mine": lambda: client.get(reverse("cases:queue", args=["mine"])),
            "id": lambda: client.post(reverse("cases:search"), {"q": person.id_number}),
            "phone": lambda: client.post(reverse("cases:search"), {"q": person.phone}),
            "resident": lambda: client.get(reverse("cases:resident", args=[person.pk])),
            "case": lambda: client.get(reverse("cases:case", args=[case.pk])),
        }
        counts = {}
        for name, request in pages.items():
            request()  # first request of a session may do one-off work
            with CaptureQueriesContext(connection) as captured:
                response = request()
            self.assertEqual(getattr(response, "status_code", None), 200, name)
            counts[name] = len(captured.captured_queries)
        return counts

    def test_it_keeps_query_counts_flat_as_rows_grow(self) -> None:
        small, large = self.queries("small"), self.queries("large")
        self.assertEqual(small, large)
        self.assertLessEqual(max(large.values()), 25, large)


class QueuePagingTests(TestCase):
    """Walking a queue page by page shows every row once, in the queue's order, ties and missing dates too."""

    authority: Authority

    @classmethod
    def setUpTestData(cls) -> None:
        quiet("generate_load", residents=60, authority="pages", seed=3)
        cls.authority = Authority.objects.get(slug="pages")

    def walk(self, rows: object) -> list[int]:
        seen: list[int] = []
        with mock.patch("mizui.cases.views.queues.PAGE", 7):
            for number in range(1, 100):
                page = queue_page(rows, number)  # type: ignore[arg-type]
                seen += [row.pk for row in page.object_list]
                if not page.has_next:
                    return seen
        raise AssertionError("the queue never ended")

    def test_it_pages_through_ties_and_missing_dates_without_losing_a_row(self) -> None:
        with tenant_context(self.authority):
            rows = Entitlement.objects.for_authority(self.authority)
            rows.filter(stage=Stage.IDENTIFIED).update(at_risk_monthly=500)  # ties on the first column
            waiting = rows.filter(stage__in=[Stage.SUBMITTED, Stage.APPEALED]).order_by("submitted_on", "pk")
            rows.filter(pk__in=list(waiting.values_list("pk", flat=True)[:3])).update(submitted_on=None)
            money = rows.by_money_at_risk()
            self.assertGreater(money.count(), 14)
            self.assertEqual(self.walk(money), [r.pk for r in money])
            self.assertEqual(self.walk(waiting), [r.pk for r in waiting])

    def test_it_answers_odd_page_numbers_with_a_page(self) -> None:
        with tenant_context(self.authority):
            user = load_user(self.authority)
        login(self.client, user, authority=self.authority)
        url = reverse("cases:queue", args=["money"])
        first = self.client.get(url).content
        self.assertEqual(self.client.get(url, {"page": "x"}).content.count(b"<tr"), first.count(b"<tr"))
        self.assertContains(self.client.get(url, {"page": 999}), "אין עוד שורות בתור")
