"""Long jobs show their progress live and say when they are done, without a manual refresh: the page of a waiting or
running import or batch run polls itself every 2 seconds (htmx), the poll answers the live block with the bar and
its percentage, and the poll that finds the job finished brings the results and a notice for the page's live
region, with no polling left in it."""

from __future__ import annotations

from django.urls import reverse

from mizui.accounts.tenancy import tenant_context
from mizui.outreach.models import BatchRun, ImportStatus, RecordImport, RunStatus
from mizui.outreach.services.importer import run_import
from mizui.outreach.tests.factories import make_import
from mizui.test import MizuiTestCase, login

POLL = 'hx-trigger="every 2s"'


class LiveProgressTests(MizuiTestCase):
    def setUp(self) -> None:
        login(self.client, self.michal, authority=self.a)

    def _poll(self, url: str) -> str:
        response = self.client.get(url, HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("HX-Refresh", response.headers, "no reload: the block swaps itself")
        return response.content.decode()

    def _run(self, **fields: object) -> BatchRun:
        with tenant_context(self.a):
            return BatchRun.objects.create(authority=self.a, as_of="2026-01-15", **fields)

    def test_a_running_batch_run_polls_with_its_percentage_and_stops_with_a_notice_once_done(self) -> None:
        run = self._run(status=RunStatus.RUNNING, progress=40)
        url = reverse("outreach:run", args=[run.pk])
        page = self.client.get(url).content.decode()
        self.assertIn(POLL, page)
        self.assertIn('id="run-status" role="status"', page)  # the live region is there before anything finishes
        self.assertNotIn("data-done", page)

        live = self._poll(url)
        self.assertIn(POLL, live)
        self.assertIn('<progress id="run-bar" max="100" value="40">', live)
        self.assertIn("<bdi>40%</bdi>", live)
        self.assertNotIn("data-done", live)
        # The refresh link is only for a browser without JavaScript.
        self.assertNotRegex(live.replace("\n", " "), r"</noscript>.*רענון")

        with tenant_context(self.a):
            BatchRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, progress=85)
        self.assertIn('value="85"', self._poll(url))

        with tenant_context(self.a):
            BatchRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, progress=100, households_owed=7)
        done = self._poll(url)
        self.assertNotIn("hx-trigger", done, "polling stops once done")
        self.assertIn('id="run-status" role="status" hx-swap-oob="innerHTML"', done)
        self.assertIn("ההרצה הסתיימה", done)
        self.assertIn("data-owed", done)  # the results come with it
        self.assertNotIn("<progress", done)

    def test_a_queued_run_shows_a_moving_bar_before_its_first_percent(self) -> None:
        run = self._run(status=RunStatus.QUEUED, progress=0)
        live = self._poll(reverse("outreach:run", args=[run.pk]))
        self.assertIn(POLL, live)
        self.assertIn('<progress id="run-bar" max="100">', live)  # no value: the browser animates it

    def test_a_failed_run_stops_polling_and_says_so(self) -> None:
        run = self._run(status=RunStatus.RUNNING, progress=10)
        url = reverse("outreach:run", args=[run.pk])
        with tenant_context(self.a):
            BatchRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="boom")
        live = self._poll(url)
        self.assertNotIn("hx-trigger", live)
        self.assertIn("ההרצה נעצרה בשגיאה", live)

    def test_an_import_polls_with_rows_and_percentage_and_ends_with_its_reconciliation(self) -> None:
        item = make_import(self, self.a, households=6)
        with tenant_context(self.a):
            RecordImport.objects.filter(pk=item.pk).update(status=ImportStatus.RUNNING, rows_total=20, rows_done=5)
        url = reverse("outreach:import", args=[item.pk])
        page = self.client.get(url).content.decode()
        self.assertIn(POLL, page)
        self.assertIn('id="import-status" role="status"', page)

        live = self._poll(url)
        self.assertIn(POLL, live)
        self.assertIn('<progress id="import-bar" max="100" value="25">', live)
        self.assertIn("<bdi>25%</bdi>", live)
        self.assertIn("<bdi>5 / 20</bdi>", live)

        with tenant_context(self.a):
            RecordImport.objects.filter(pk=item.pk).update(status=ImportStatus.QUEUED, rows_total=None, rows_done=0)
        item.refresh_from_db()
        run_import(item)
        done = self._poll(url)
        self.assertNotIn("hx-trigger", done, "polling stops once done")
        self.assertIn('id="import-status" role="status" hx-swap-oob="innerHTML"', done)
        self.assertIn("הייבוא הסתיים", done)
        self.assertIn("data-balanced", done)

    def test_a_finished_job_opened_afresh_polls_nothing(self) -> None:
        run = self._run(status=RunStatus.DONE, progress=100)
        page = self.client.get(reverse("outreach:run", args=[run.pk])).content.decode()
        self.assertNotIn("hx-trigger", page)
        self.assertNotIn("data-done", page)  # the notice is for the person who watched it finish
