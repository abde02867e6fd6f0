"""Jobs whose worker died: leases, the sweep that takes them up again, and the page's stuck state with its resume."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mizui.accounts.models import Authority, Role
from mizui.accounts.tenancy import tenant_context
from mizui.outreach import synthetic, tasks
from mizui.outreach.models import BatchRun, ImportStatus, RecordImport, RunStatus, ScreenedHousehold, UnclaimedRight
from mizui.outreach.retention import purge_imports
from mizui.outreach.services import batch, leases
from mizui.outreach.services.importer import run_import, start_import
from mizui.outreach.tests.factories import make_import, make_source
from mizui.outreach.tests.test_import import table, wipe
from mizui.test import MizuiTestCase, login, make_authority, make_membership, make_user

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AS_OF = dt.date(2026, 1, 15)


class Killed(Exception):
    """Stands for kill -9: the worker runs none of its code after it (no failure written, no lease given up)."""


def import_until_killed(item: RecordImport, *, chunk: int, rows: int) -> str:
    """Queue the import and run it as its task does (claim, renew with each chunk); die in the chunk after `rows`."""
    queue_only(item)
    holder = leases.claim(item)
    assert holder is not None

    def chunk_done(chunk_item: RecordImport, batch_rows: list[tuple[int, list[Any]]]) -> None:
        leases.renew(chunk_item, holder)
        if batch_rows[-1][0] > rows:
            raise Killed

    with contextlib.suppress(Killed):
        run_import(item, chunk=chunk, before_commit=chunk_done)
    return holder


def queue_only(item: RecordImport) -> None:
    """What `tasks.queue` does to the job, without a task to run it."""
    with tenant_context(item.authority):
        assert leases.take(fresh(item))


@contextlib.contextmanager
def after_the_lease() -> Iterator[None]:
    """The clock moved past the lease: nobody renewed it since."""
    with time_machine.travel(timezone.now() + leases.lease() + dt.timedelta(seconds=5), tick=True):
        yield


def run_worker() -> str:
    """`manage.py worker --batch`: sweep, run every queued task, exit. Signal handlers restored after."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    out = io.StringIO()
    try:
        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", stdout=out)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return out.getvalue()


def fresh(job: Any) -> Any:
    with tenant_context(job.authority):
        return type(job).objects.select_related("authority").get(pk=job.pk)


def people(households: int = 60) -> bytes:
    """Persons with a bad ID number and a row repeated, so every counter of the reconciliation moves."""
    data = list(synthetic.rows(households, seed=11))
    data[3][0] = synthetic.bad_id(3, 7)
    data[10] = list(data[9])
    return synthetic.csv_bytes(data)


def new_import(authority: Authority, content: bytes) -> RecordImport:
    with tenant_context(authority):
        item, _ = start_import(
            None, authority=authority, source=make_source(authority), name="list.csv", fileobj=io.BytesIO(content)
        )
    return item


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_was_killed_is_finished_by_the_next_worker_as_a_clean_import() -> None:
    """Outside a test transaction: chunks commit for real, and the next worker is `manage.py worker` itself."""
    a = make_authority("jobs-import", "אשדוד", 70)
    content = people()
    run_import(new_import(a, content))
    clean = table(a)

    wipe(a)
    item = new_import(a, content)
    import_until_killed(item, chunk=40, rows=40)
    left = fresh(item)
    assert (left.status, left.rows_done) == (ImportStatus.RUNNING, 40)
    assert not tasks.is_stale(left)  # within its lease: maybe only slow

    with after_the_lease():
        assert tasks.is_stale(fresh(item))
        run_worker()
    done = fresh(item)
    assert done.status == ImportStatus.DONE
    assert done.worker == ""
    assert table(a) == clean  # same counts and rows, none twice


# `manage.py worker` whose every connection becomes the app role (under row-level security), as conftest.py makes
# this process's: the test database's owner cannot log in as that role.
AS_APP_ROLE = """
import sys

import django
from django.conf import settings
from django.core.management import execute_from_command_line
from django.db.backends.signals import connection_created
from psycopg import sql


def become_app_role(sender, connection, **kwargs):
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(settings.DATABASE_APP_ROLE)))


django.setup()
connection_created.connect(become_app_role)
execute_from_command_line(["manage.py", *sys.argv[1:]])
"""


def worker_process(*options: str) -> list[str]:
    return [sys.executable, "-c", AS_APP_ROLE, "worker", "--no-reload", "--no-startup-delay", *options]


def worker_environment(lease_seconds: int) -> dict[str, str]:
    """This test database, this run's keys and files, a short lease."""
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mizui.settings",
        "MIZUI_PROCESS": "command",  # as manage.py sets it for the worker
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DEBUG": "1",  # keys derived from SECRET_KEY, as in this test run
        "SECRET_KEY": settings.SECRET_KEY,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "JOB_LEASE_SECONDS": str(lease_seconds),
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_killed_mid_import_is_replaced_by_the_next_and_the_import_ends_clean() -> None:
    """Real processes: `manage.py worker` is killed with SIGKILL after its first chunk; another one, started after
    the lease ran out, finishes the import."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker processes reach this test's database only on PostgreSQL (SQLite's is in memory)")
    a = make_authority("jobs-kill", "אשדוד", 70)
    content = people(8_500)  # ~18,500 persons: four chunks, prepared in the worker's own process
    run_import(new_import(a, content))
    clean = table(a)
    wipe(a)
    item = new_import(a, content)
    assert tasks.queue(item)
    environment = worker_environment(lease_seconds=2)

    # This interpreter and manage.py, fixed arguments, no shell.
    first = subprocess.Popen(worker_process("--interval", "0.2"), env=environment, stdout=subprocess.DEVNULL)  # noqa: S603
    try:
        deadline = time.monotonic() + 120
        while fresh(item).rows_done == 0 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    left = fresh(item)
    assert left.status == ImportStatus.RUNNING
    assert 0 < left.rows_done < left.rows_total

    time.sleep(2.5)  # nobody renews the lease
    next_worker = worker_process("--batch")
    subprocess.run(next_worker, env=environment, stdout=subprocess.DEVNULL, check=True, timeout=300)  # noqa: S603
    assert fresh(item).status == ImportStatus.DONE
    assert table(a) == clean


@pytest.mark.django_db(transaction=True)
def test_a_batch_run_whose_worker_was_killed_starts_over_and_ends_as_a_clean_run() -> None:
    a = make_authority("jobs-run", "אשדוד", 70)
    run_import(new_import(a, people(120)))
    with tenant_context(a):
        first = batch.start_run(None, authority=a, as_of=AS_OF)
        run = batch.start_run(None, authority=a, as_of=AS_OF)
    clean = batch.execute_run(first)
    holder = leases.claim(run)
    assert holder is not None

    def phase_done(phase_run: BatchRun) -> None:
        leases.renew(phase_run, holder)
        if ScreenedHousehold.objects.filter(run=phase_run).exists():  # some results written and committed
            raise Killed

    with contextlib.suppress(Killed):
        batch.execute_run(run, before_commit=phase_done)
    assert fresh(run).status == RunStatus.RUNNING

    with after_the_lease():
        run_worker()

    def results(of: BatchRun) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        with tenant_context(a):
            households = ScreenedHousehold.objects.filter(run=of).values_list("household_key", "programs", "annual")
            rights = UnclaimedRight.objects.filter(run=of).values_list("household_key", "program", "tier", "annual")
            return sorted(households), sorted(rights)

    done = fresh(run)
    assert done.status == RunStatus.DONE
    assert results(done) == results(clean)
    assert results(clean)[0]
    assert (done.households_owed, done.annual_total) == (clean.households_owed, clean.annual_total)


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_renews_the_lease_through_a_long_step_and_stops_with_it() -> None:
    a = make_authority("jobs-heartbeat", "אשדוד", 70)
    item = new_import(a, people(5))
    queue_only(item)
    with override_settings(JOB_LEASE_SECONDS=0.4):
        holder = leases.claim(item)
        assert holder is not None
        claimed = fresh(item).heartbeat_at
        with leases.held(item, holder):
            time.sleep(0.5)  # a step with no chunk: reading the population, the rules
            beat = fresh(item).heartbeat_at
        assert beat > claimed
        assert fresh(item).worker == ""
        assert leases.claim(item) is not None  # given up: the next may take it at once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_queue_a_stale_job_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL; SQLite runs one writer at a time")
    a = make_authority("jobs-sweeps", "אשדוד", 70)
    item = new_import(a, people(20))
    import_until_killed(item, chunk=10, rows=10)
    both_read = threading.Barrier(2, timeout=20)
    judged = tasks.is_stale

    def stale_after_both_read(job: Any) -> bool:
        verdict = judged(job)
        both_read.wait()  # both sweeps saw the job stale before either takes it
        return verdict

    taken: list[int] = []

    def sweep() -> None:
        try:
            taken.extend(job.pk for job in tasks.recover())
        finally:
            connections.close_all()

    with after_the_lease(), mock.patch.object(tasks, "is_stale", stale_after_both_read):
        sweeps = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in sweeps:
            thread.start()
        for thread in sweeps:
            thread.join(30)
    assert taken == [item.pk]
    assert DBTaskResult.objects.count() == 1


class LeaseTests(MizuiTestCase):
    def test_of_two_sweeps_that_read_the_same_stale_job_only_one_takes_it(self) -> None:
        item = make_import(self, self.a, households=8)
        import_until_killed(item, chunk=5, rows=5)
        with after_the_lease():
            first, second = fresh(item), fresh(item)  # what each sweep read
            self.assertTrue(tasks.is_stale(first) and tasks.is_stale(second))
            with tenant_context(self.a):
                self.assertTrue(leases.take(first))
                self.assertFalse(leases.take(second))
            self.assertEqual(tasks.recover(), [])  # taken: fresh again, not stale
        self.assertEqual(fresh(item).status, ImportStatus.QUEUED)

    def test_a_task_queued_twice_leaves_a_job_a_live_worker_holds_alone(self) -> None:
        item = make_import(self, self.a, households=8)
        holder = import_until_killed(item, chunk=5, rows=5)
        before = fresh(item)
        tasks.import_records.call(self.a.pk, item.pk)
        after = fresh(item)
        self.assertEqual((after.rows_done, after.status, after.worker), (before.rows_done, before.status, holder))

    def test_a_worker_that_lost_its_job_to_another_writes_nothing_more(self) -> None:
        item = make_import(self, self.a, households=8)
        holder = import_until_killed(item, chunk=5, rows=5)
        with after_the_lease():
            self.assertIsNotNone(leases.claim(fresh(item)))  # presumed dead; then it wakes up
            with self.assertRaises(leases.LeaseLost):
                run_import(item, chunk=5, before_commit=lambda i, _rows: leases.renew(i, holder))
        self.assertEqual(fresh(item).rows_done, 5)

    def test_a_job_waiting_in_the_queue_is_not_stale_but_one_whose_task_was_lost_is(self) -> None:
        item = make_import(self, self.a, households=3)
        self.assertTrue(tasks.queue(item))
        queued = fresh(item)
        self.assertEqual(queued.status, ImportStatus.QUEUED)
        self.assertFalse(tasks.queue(queued))  # alive: not queued twice
        with after_the_lease():
            self.assertFalse(tasks.is_stale(fresh(item)))  # waiting behind other jobs
            # A worker took the task, then died before taking the job.
            DBTaskResult.objects.filter(pk=queued.task_id).update(
                status="RUNNING", started_at=timezone.now() - leases.lease() * 2
            )
            self.assertTrue(tasks.is_stale(fresh(item)))
            self.assertEqual([job.pk for job in tasks.recover()], [item.pk])
        self.assertEqual(DBTaskResult.objects.filter(status="READY").count(), 1)

    def test_an_old_import_taken_up_again_keeps_its_file_through_the_purge(self) -> None:
        with time_machine.travel(timezone.now() - dt.timedelta(days=2), tick=True):  # uploaded two days ago
            item = make_import(self, self.a, households=8)
            import_until_killed(item, chunk=5, rows=5)
        self.assertEqual([job.pk for job in tasks.recover()], [item.pk])
        with tenant_context(self.a):
            purge_imports(self.a)
        kept = fresh(item)
        self.assertEqual((kept.status, bool(kept.upload)), (ImportStatus.QUEUED, True))


class StuckJobPageTests(MizuiTestCase):
    def setUp(self) -> None:
        login(self.client, self.michal, authority=self.a)

    def _stopped_import(self) -> RecordImport:
        item = make_import(self, self.a, households=8)
        import_until_killed(item, chunk=5, rows=5)
        return item

    def test_a_stale_import_shows_it_stopped_and_its_resume_queues_it_once(self) -> None:
        item = self._stopped_import()
        page = reverse("outreach:import", args=[item.pk])
        with after_the_lease():
            response = self.client.get(page)
            self.assertContains(response, "הופסק — לא התקדם מאז")
            self.assertContains(response, "data-resume")
            self.client.post(reverse("outreach:import-start", args=[item.pk]))
            queued = fresh(item)
            self.assertEqual((queued.status, queued.worker), (ImportStatus.QUEUED, ""))
            self.assertEqual(str(DBTaskResult.objects.get().pk), queued.task_id)
            response = self.client.get(page)
            self.assertNotContains(response, "data-resume")
            self.client.post(reverse("outreach:import-start", args=[item.pk]))
            self.assertEqual(DBTaskResult.objects.count(), 1)

    @override_settings(TASKS=IMMEDIATE)
    def test_the_resume_button_finishes_a_stale_import(self) -> None:
        item = self._stopped_import()
        with after_the_lease():
            response = self.client.post(reverse("outreach:import-start", args=[item.pk]), follow=True)
        self.assertContains(response, "כל שורה בקובץ נספרה")
        done = fresh(item)
        self.assertEqual((done.status, done.rows_done), (ImportStatus.DONE, done.rows_total))

    def test_a_live_import_shows_no_resume_and_its_button_queues_nothing(self) -> None:
        item = self._stopped_import()  # its worker renewed the lease moments ago
        response = self.client.get(reverse("outreach:import", args=[item.pk]))
        self.assertNotContains(response, "הופסק")
        self.assertNotContains(response, "data-resume")
        self.client.post(reverse("outreach:import-start", args=[item.pk]))
        self.assertFalse(DBTaskResult.objects.exists())
        self.assertEqual(fresh(item).status, ImportStatus.RUNNING)

    def test_an_analyst_sees_the_stop_but_may_not_resume(self) -> None:
        analyst = make_user("noam@a.test", "נועם פרץ")
        make_membership(analyst, self.a, Role.ANALYST)
        login(self.client, analyst, authority=self.a)
        item = self._stopped_import()
        with after_the_lease():
            response = self.client.get(reverse("outreach:import", args=[item.pk]))
            self.assertContains(response, "הופסק")
            self.assertNotContains(response, "data-resume")
            self.assertEqual(self.client.post(reverse("outreach:import-start", args=[item.pk])).status_code, 403)
        self.assertFalse(DBTaskResult.objects.exists())

    @override_settings(TASKS=IMMEDIATE)
    def test_a_stale_batch_run_shows_it_stopped_and_its_resume_finishes_it(self) -> None:
        make_import(self, self.a, households=30, run=True)
        with tenant_context(self.a):
            run = batch.start_run(self.michal, authority=self.a, as_of=AS_OF)
        self.assertIsNotNone(leases.claim(run))  # taken by a worker that then died
        page = reverse("outreach:run", args=[run.pk])
        self.assertNotContains(self.client.get(page), "data-resume")
        with after_the_lease():
            response = self.client.get(page)
            self.assertContains(response, "הופסקה — לא התקדמה מאז")
            self.assertContains(response, "data-resume")
            response = self.client.post(reverse("outreach:run-resume", args=[run.pk]), follow=True)
        self.assertContains(response, "זכאים לזכות שאינם מקבלים")
        self.assertEqual(fresh(run).status, RunStatus.DONE)
