"""Numbers without a command: a ledger change schedules one rebuild of its authority's outcome tables, the worker
takes it up, and the dashboard shows the new figure; a new install's first look starts the first rebuild."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Entitlement
from mizui.outcomes import freshness
from mizui.outcomes.models import Refresh
from mizui.outcomes.tasks import refresh_outcomes
from mizui.outreach.tests.test_jobs import worker_environment, worker_process
from mizui.test import MizuiTestCase, login, make_authority, make_case, make_membership, make_user


def scheduled(authority_id: int) -> int:
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=refresh_outcomes.module_path,
        args_kwargs__args=[authority_id],
    ).count()


def identified(html: str) -> str:
    row = html.split('data-kpi="rights_identified"', 1)[1]
    cell = row.split('<bdi dir="ltr">', 1)[1].split("</bdi>", 1)[0]
    return re.sub(r"<[^>]+>", "", cell).strip()  # the figure, with or without its drill-down link


class FreshnessTests(MizuiTestCase):
    def test_ledger_changes_schedule_one_rebuild_per_authority_when_they_commit(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            make_case(self.a)
        self.assertEqual(scheduled(self.a.pk), 1)
        with self.captureOnCommitCallbacks(execute=True):
            with tenant_context(self.a):
                right = Entitlement.objects.for_authority(self.a).get()
                right.stage = "submitted"
                right.save(update_fields=["stage"])
            make_case(self.a, id_number="000000018")
        self.assertEqual(scheduled(self.a.pk), 1)  # still one, which will read all of them
        self.assertEqual(scheduled(self.b.pk), 0)
        with self.captureOnCommitCallbacks(execute=True):
            make_case(self.b)
        self.assertEqual(scheduled(self.b.pk), 1)

    def test_screening_a_case_again_schedules_a_rebuild(self) -> None:
        # A follow-up screening adds no ledger row, inquiry, referral or barrier, and still changes what is counted.
        from mizui.cases.models import CaseScreening
        from mizui.screening.models import Channel
        from mizui.screening.services import store_screening

        case = make_case(self.a)
        stored = store_screening(
            None,
            authority=self.a,
            household={"members": []},
            result={"as_of": "2026-03-01", "rules_version": "test", "programs": []},
            channel=Channel.STAFF,
            language="he",
        )
        with self.captureOnCommitCallbacks(execute=True), tenant_context(self.a):
            CaseScreening.objects.create(authority=self.a, case=case, screening=stored)
        self.assertEqual(scheduled(self.a.pk), 1)

    def test_a_change_rolled_back_schedules_nothing(self) -> None:
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            make_case(self.a)
        self.assertTrue(callbacks)  # registered for the commit …
        self.assertEqual(scheduled(self.a.pk), 0)  # … and never run without one

    def test_a_backend_that_runs_tasks_at_once_rebuilds_at_once(self) -> None:
        immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        with override_settings(TASKS=immediate), self.captureOnCommitCallbacks(execute=True):
            make_case(self.a)
        with tenant_context(self.a):
            self.assertEqual(Refresh.objects.for_authority(self.a).get().ledger_rows, 1)

    def test_the_first_look_at_a_new_install_starts_the_first_rebuild_and_says_so(self) -> None:
        login(self.client, self.michal)
        html = self.client.get(reverse("outcomes:dashboard")).content.decode()
        self.assertIn("data-updating", html)
        self.assertIn("המספרים מחושבים בפעם הראשונה", html)
        self.assertEqual(scheduled(self.a.pk), 1)
        self.client.get(reverse("outcomes:dashboard"))
        self.assertEqual(scheduled(self.a.pk), 1)  # looking again adds nothing
        DBTaskResult.objects.all().delete()
        refresh_outcomes.call(self.a.pk)
        html = self.client.get(reverse("outcomes:dashboard")).content.decode()
        self.assertNotIn("data-updating", html)
        self.assertIn("עודכן לאחרונה", html)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@override_settings(OUTCOMES_REFRESH_DELAY=0)
def test_a_real_worker_rebuilds_after_a_ledger_change_and_the_dashboard_shows_it(client) -> None:
    """Real processes: a right identified on a case is counted on the dashboard once `manage.py worker` (what
    `make run` starts) has run, with no command typed."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process reaches this test's database only on PostgreSQL (SQLite's is in memory)")
    city = make_authority("fresh-city", "אשדוד", 70)
    manager = make_user("manager@fresh.test", "מיכל אברהמי")
    make_membership(manager, city, Role.MANAGER)
    freshness.schedule(city.pk)
    environment = {**worker_environment(lease_seconds=120), "OUTCOMES_REFRESH_DELAY": "0"}
    subprocess.run(worker_process("--batch"), env=environment, stdout=subprocess.DEVNULL, check=True, timeout=300)  # noqa: S603
    login(client, manager)
    before = identified(client.get(reverse("outcomes:dashboard")).content.decode())

    make_case(city)  # commits: a rebuild is scheduled
    assert scheduled(city.pk) == 1
    subprocess.run(worker_process("--batch"), env=environment, stdout=subprocess.DEVNULL, check=True, timeout=300)  # noqa: S603
    html = client.get(reverse("outcomes:dashboard")).content.decode()
    assert "data-updating" not in html
    assert identified(html) != before
    assert identified(html) == "1"
    with tenant_context(city):
        assert Refresh.objects.for_authority(city).get().ledger_rows == 1
