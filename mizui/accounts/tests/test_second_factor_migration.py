"""Migration 0004: django-otp's plaintext devices become encrypted secrets and hashed codes, and their tables go."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import reverse

from mizui.accounts.models import RecoveryCode, TOTPDevice, recovery_code_digest
from mizui.test import PASSWORD, MizuiTestCase

migration = importlib.import_module("mizui.accounts.migrations.0004_second_factors_from_django_otp")

# django-otp 1.7's columns, as its plugins created them (only what the migration reads, and the keys).
OLD_SCHEMA = [
    "CREATE TABLE otp_totp_totpdevice (id integer PRIMARY KEY, user_id bigint, name varchar(64), confirmed boolean,"
    " key varchar(80), step smallint, t0 bigint, digits smallint, tolerance smallint, drift smallint,"
    " last_t bigint, created_at timestamp with time zone NULL, last_used_at timestamp with time zone NULL)",
    "CREATE TABLE otp_static_staticdevice (id integer PRIMARY KEY, user_id bigint, name varchar(64), confirmed boolean)",
    "CREATE TABLE otp_static_statictoken (id integer PRIMARY KEY, device_id integer, token varchar(16))",
]
SECRET = "3132333435363738393031323334353637383930"  # RFC 6238's test key, in hex
OLD_CODES = ["abcdefgh", "ijklmnop"]


class _Editor:
    """The two things the migration uses of a schema editor."""

    connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


class SecondFactorMigrationTests(MizuiTestCase):
    def _as_owner(self) -> None:
        # On PostgreSQL tests run as the app role; a migration runs as the owner, who may create and drop tables.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")

    def _as_app(self) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'SET ROLE "{settings.DATABASE_APP_ROLE}"')

    def _old_rows(self) -> None:
        TOTPDevice.objects.filter(user=self.dana).delete()
        with connection.cursor() as cursor:
            for statement in OLD_SCHEMA:
                cursor.execute(statement)
            cursor.execute(
                "INSERT INTO otp_totp_totpdevice VALUES (1, %s, 'authenticator', %s, %s, 30, 0, 6, 1, 0, -1, NULL, NULL)",
                [self.dana.pk, True, SECRET],
            )
            cursor.execute("INSERT INTO otp_static_staticdevice VALUES (1, %s, 'recovery', %s)", [self.dana.pk, True])
            for n, code in enumerate(OLD_CODES, start=1):
                cursor.execute("INSERT INTO otp_static_statictoken VALUES (%s, 1, %s)", [n, code])

    def _migrate(self) -> None:
        self._as_owner()
        try:
            self._old_rows()
            migration.forward(apps, _Editor())
        finally:
            self._as_app()

    def test_it_moves_the_secret_encrypted_and_drops_the_plaintext_tables(self) -> None:
        self._migrate()
        device = TOTPDevice.objects.get(user=self.dana)
        self.assertEqual((device.key, device.confirmed, device.name), (SECRET, True, "authenticator"))
        with connection.cursor() as cursor:
            cursor.execute("SELECT key FROM accounts_totpdevice WHERE id = %s", [device.pk])
            self.assertNotIn(SECRET, cursor.fetchone()[0])
        tables = set(connection.introspection.table_names())
        self.assertEqual(tables & {"otp_totp_totpdevice", "otp_static_staticdevice", "otp_static_statictoken"}, set())

    def test_it_keeps_the_old_recovery_codes_working_as_hashes(self) -> None:
        self._migrate()
        digests = set(RecoveryCode.objects.filter(device__user=self.dana).values_list("digest", flat=True))
        self.assertEqual(digests, {recovery_code_digest(self.dana.pk, code) for code in OLD_CODES})
        self.client.post(reverse("accounts:login"), {"username": self.dana.email, "password": PASSWORD})
        self.assertEqual(self.client.post(reverse("accounts:mfa"), {"token": OLD_CODES[0]}).status_code, 302)

    def test_it_computes_the_same_hash_as_the_application(self) -> None:
        self.assertEqual(migration.recovery_code_digest(7, "ab cd-EF"), recovery_code_digest(7, "abcdef"))

    def test_it_is_a_no_op_on_a_fresh_database(self) -> None:
        editor: Any = _Editor()
        migration.forward(apps, editor)
        self.assertEqual(TOTPDevice.objects.filter(user=self.dana).count(), 1)
