"""Row-level security is the floor under the application's tenant checks (PostgreSQL only)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from mizui.accounts.models import AccessAction, AccessLog, Membership, Role
from mizui.accounts.rls import tables_missing_rls, tenant_tables
from mizui.accounts.tenancy import set_db_tenant, tenant_context
from mizui.test import MizuiTestCase

pytestmark = pytest.mark.postgres


def _skip_unless_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row-level security exists only on PostgreSQL; this run is on SQLite")


class RowLevelSecurityTests(MizuiTestCase):
    def setUp(self) -> None:
        _skip_unless_postgres()

    def test_it_forces_a_policy_on_every_table_with_authority_id(self) -> None:
        tables = tenant_tables(connection)
        self.assertIn("accounts_membership", tables)
        self.assertIn("accounts_accesslog", tables)
        # Issue 22's: a case's screenings (the link to the household's encrypted facts) and their monthly counts.
        self.assertIn("cases_casescreening", tables)
        self.assertIn("outcomes_followupfact", tables)
        self.assertEqual(tables_missing_rls(connection), [])

    def test_it_notices_a_table_whose_policy_was_removed(self) -> None:
        # The meta-test above must be able to fail: strip one table's guard inside a savepoint.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # flush the cast's deferred FK checks first
            cursor.execute("RESET ROLE")  # only the owner may alter the table
            try:
                with transaction.atomic():
                    cursor.execute("ALTER TABLE accounts_membership NO FORCE ROW LEVEL SECURITY")
                    self.assertEqual(tables_missing_rls(connection), ["accounts_membership"])
                    transaction.set_rollback(True)
            finally:
                cursor.execute(f"SET ROLE {settings.DATABASE_APP_ROLE}")
        self.assertEqual(tables_missing_rls(connection), [])

    def test_it_runs_the_suite_as_a_role_that_owns_nothing_and_cannot_bypass(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            self.assertEqual(cursor.fetchone(), (settings.DATABASE_APP_ROLE,))
            cursor.execute(
                "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [settings.DATABASE_APP_ROLE]
            )
            self.assertEqual(cursor.fetchone(), (False, False))
            cursor.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tableowner = %s",
                [settings.DATABASE_APP_ROLE],
            )
            self.assertEqual(cursor.fetchone(), (0,))

    def test_it_shows_no_rows_without_a_tenant(self) -> None:
        with transaction.atomic():
            set_db_tenant(authority_id=None, user_id=None)
            self.assertEqual(Membership.objects.count(), 0)
            self.assertEqual(Membership.objects.filter(authority=self.a).count(), 0)

    def test_it_shows_only_the_tenants_rows(self) -> None:
        with tenant_context(self.b):
            authorities = set(Membership.objects.values_list("authority_id", flat=True))
        self.assertEqual(authorities, {self.b.pk})

    def test_it_lets_a_user_see_their_own_memberships_everywhere(self) -> None:
        with tenant_context(None, self.rina):
            self.assertEqual(set(Membership.objects.values_list("authority_id", flat=True)), {self.a.pk, self.b.pk})

    def test_it_refuses_to_write_a_row_into_another_tenant(self) -> None:
        with self.assertRaises(DatabaseError), tenant_context(self.a):
            Membership.objects.create(user=self.omar, authority=self.b, role=Role.VOLUNTEER)

    def test_it_keeps_the_access_log_append_only(self) -> None:
        with tenant_context(self.a, self.dana):
            entry = AccessLog.objects.create(
                user=self.dana, authority=self.a, action=AccessAction.VIEW, object_type="membership", object_id="1"
            )
        for statement in (
            "UPDATE accounts_accesslog SET object_id = 'x' WHERE id = %s",
            "DELETE FROM accounts_accesslog WHERE id = %s",
        ):
            with (
                self.subTest(statement=statement),
                self.assertRaises(DatabaseError),
                tenant_context(self.a, self.dana),
                connection.cursor() as cursor,
            ):
                cursor.execute(statement, [entry.pk])
