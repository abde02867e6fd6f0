"""Test set-up shared by every app. Tests change only what they must (STYLE.md §8)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.backends.signals import connection_created
from psycopg import sql


def pytest_configure(config: pytest.Config) -> None:
    # Session-wide, so class-level test data (setUpTestData) is hashed the same way as the rest.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False
    # The live server of the browser tests answers each request in a thread of its own: a connection kept for
    # reuse would outlive its thread, and the test database could not be dropped at the end of the run.
    for database in settings.DATABASES.values():
        database["CONN_MAX_AGE"] = 0


def _become_app_role(sender: Any, connection: Any, **kwargs: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(settings.DATABASE_APP_ROLE)))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """On PostgreSQL, every test runs as the application role, under row-level security.

    Migrations ran as the connecting (owner) role; from here on each connection switches to the app role,
    which owns no table and cannot bypass RLS, exactly as in production. The one test-only grant is
    TRUNCATE, which Django needs to empty tables between transactional (browser) tests.
    """
    if connection.vendor != "postgresql":
        yield
        return
    role = sql.Identifier(settings.DATABASE_APP_ROLE)
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(sql.SQL("GRANT TRUNCATE ON ALL TABLES IN SCHEMA public TO {}").format(role))
        cursor.execute(sql.SQL("SET ROLE {}").format(role))
    connection_created.connect(_become_app_role, dispatch_uid="mizui-test-app-role")
    yield
    connection_created.disconnect(dispatch_uid="mizui-test-app-role")
    with django_db_blocker.unblock():
        for conn in connections.all():
            if conn.connection is not None:
                with conn.cursor() as cursor:
                    cursor.execute("RESET ROLE")


CHROMIUM = os.environ.get("MIZUI_CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium tries to reach Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls here are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
