"""When things fail: the page a person sees, and the health check, including with a real lock held in PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import TestCase, override_settings
from django.urls import path
from django.utils import translation

from mizui.errors import healthz


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom), path("healthz", healthz)]
handler500 = "mizui.errors.server_error"


@contextmanager
def held_lock(table: str) -> Iterator[None]:
    """Another session holds an exclusive lock on `table` (as a long migration or a stuck job would)."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("options", None)
    params.pop("prepare_threshold", None)
    with psycopg.connect(**params) as other:
        other.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")  # held until the block ends
        yield
        other.rollback()


class ServerErrorTests(TestCase):
    def tearDown(self) -> None:
        translation.activate(settings.LANGUAGE_CODE)  # the failed request leaves its language active in this thread

    @override_settings(ROOT_URLCONF=__name__)
    def test_a_bug_shows_a_page_in_the_persons_language_with_the_request_id_that_is_in_the_log(self) -> None:
        self.client.raise_request_exception = False
        with self.assertLogs("mizui.errors", "ERROR") as logged:
            response = self.client.get("/boom/", HTTP_ACCEPT_LANGUAGE="ru")
        self.assertEqual(response.status_code, 500)
        request_id = response["X-Request-Id"]
        self.assertIn(request_id, response.content.decode())
        self.assertIn(request_id, logged.output[0])
        self.assertContains(response, '<html lang="ru" dir="ltr">', status_code=500)
        self.assertContains(response, "Действие не сохранено", status_code=500)
        self.assertNotContains(response, "Internal Server Error", status_code=500)

    def test_the_health_check_says_the_database_answered(self) -> None:
        response = self.client.get("/healthz")
        self.assertEqual((response.status_code, response.json()["database"]), (200, "ok"))
        self.assertEqual(response["Cache-Control"], "no-store")


@pytest.mark.postgres
class HeldLockTests(TestCase):
    """A lock held on a table makes requests that need it wait at most `lock_timeout`, then answer 503."""

    def setUp(self) -> None:
        if connection.vendor != "postgresql":
            pytest.skip("lock_timeout is PostgreSQL's; this run is on SQLite")
        self.client.raise_request_exception = False

    def test_a_page_that_needs_a_locked_table_answers_503_in_hebrew_within_the_timeout(self) -> None:
        with held_lock("accounts_authority"):
            started = time.monotonic()
            with self.assertLogs("mizui.errors", "ERROR"):
                response = self.client.get("/help/", HTTP_ACCEPT_LANGUAGE="he")
            waited = time.monotonic() - started
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, "המערכת עמוסה כרגע", status_code=503)
        self.assertContains(response, '<html lang="he" dir="rtl">', status_code=503)
        self.assertIn(response["X-Request-Id"], response.content.decode())
        self.assertEqual(response["Retry-After"], "30")
        self.assertLess(waited, 6)  # the 3 s lock_timeout, not the 30 s a gunicorn worker would wait

    def test_the_health_check_answers_within_two_seconds_and_says_the_database_did_not(self) -> None:
        with held_lock("django_migrations"):
            started = time.monotonic()
            response = self.client.get("/healthz")
            waited = time.monotonic() - started
        self.assertLess(waited, 2)
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["database"], "timeout")
