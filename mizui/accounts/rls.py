"""Row-level security on PostgreSQL: the floor under the application's own tenant checks.

Applied after every `migrate` (post_migrate, see apps.py) and by `manage.py apply_rls`, so a new table
with an `authority_id` column can never be forgotten: the catalogue, not a list in code, says which
tables get a policy. docs/decisions/0002-row-level-security.md explains the choice.
"""

from __future__ import annotations

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from psycopg import sql

POLICY = "tenant_isolation"
ACCESS_LOG_TABLE = "accounts_accesslog"
MEMBERSHIP_TABLE = "accounts_membership"

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION mizui_current_authority() RETURNS bigint
    LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.authority_id', true), '')::bigint $$;
CREATE OR REPLACE FUNCTION mizui_current_user() RETURNS bigint
    LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::bigint $$;
CREATE OR REPLACE FUNCTION mizui_access_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- Rows may leave only after the 24-month retention of reg. 10 has passed.
    IF TG_OP = 'DELETE' AND OLD.at < now() - interval '24 months' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the access log is append-only (% refused)', TG_OP;
END $$;
"""

# USING decides which rows a query sees; WITH CHECK which rows it may write.
_DEFAULT_POLICY = ("authority_id = mizui_current_authority()", "authority_id = mizui_current_authority()")
_SPECIAL_POLICIES = {
    # A user sees their own memberships in every authority (for the authority switcher).
    MEMBERSHIP_TABLE: (
        "authority_id = mizui_current_authority() OR user_id = mizui_current_user()",
        "authority_id = mizui_current_authority()",
    ),
    # Events outside any authority (a login) are visible to the user they are about.
    ACCESS_LOG_TABLE: (
        "authority_id = mizui_current_authority() OR (authority_id IS NULL AND user_id = mizui_current_user())",
        "authority_id IS NULL OR authority_id = mizui_current_authority()",
    ),
    # An API call names its authority only through its key: the lookup by hash precedes the tenant.
    "api_apitoken": (
        "authority_id = mizui_current_authority() OR key_hash = NULLIF(current_setting('app.api_key_hash', true), '')",
        "authority_id = mizui_current_authority()",
    ),
}


def tenant_tables(connection: BaseDatabaseWrapper) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.table_name FROM information_schema.columns c"
            " JOIN information_schema.tables t USING (table_schema, table_name)"
            " WHERE c.table_schema = current_schema() AND c.column_name = 'authority_id'"
            " AND t.table_type = 'BASE TABLE' ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def app_role() -> str:
    return str(settings.DATABASE_APP_ROLE)


def _ensure_app_role(cursor: CursorWrapper, role: str) -> None:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    if cursor.fetchone():
        return
    # Created without LOGIN: the DBA gives it a password (docs/deployment.md); tests use SET ROLE.
    cursor.execute(
        sql.SQL("CREATE ROLE {} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE").format(sql.Identifier(role))
    )


def apply_row_level_security(connection: BaseDatabaseWrapper) -> list[str]:
    """Enable and force RLS with a tenant policy on every tenant table; grant the app role its rights."""
    if connection.vendor != "postgresql":
        return []
    role = sql.Identifier(app_role())
    tables = tenant_tables(connection)
    with connection.cursor() as cursor:
        cursor.execute(_FUNCTIONS)
        _ensure_app_role(cursor, app_role())
        for table in tables:
            using, check = _SPECIAL_POLICIES.get(table, _DEFAULT_POLICY)
            name = sql.Identifier(table)
            cursor.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(name))
            cursor.execute(sql.SQL("ALTER TABLE {} FORCE ROW LEVEL SECURITY").format(name))
            cursor.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(POLICY), name))
            cursor.execute(
                sql.SQL("CREATE POLICY {} ON {} USING ({}) WITH CHECK ({})").format(
                    sql.Identifier(POLICY), name, sql.SQL(using), sql.SQL(check)
                )
            )
        cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role))
        cursor.execute(
            sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(role)
        )
        cursor.execute(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(role))
        cursor.execute(
            sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(sql.Identifier(ACCESS_LOG_TABLE), role)
        )
        cursor.execute(f"DROP TRIGGER IF EXISTS access_log_append_only ON {ACCESS_LOG_TABLE}")
        cursor.execute(
            f"CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON {ACCESS_LOG_TABLE}"
            " FOR EACH ROW EXECUTE FUNCTION mizui_access_log_is_append_only()"
        )
    return tables


def tables_missing_rls(connection: BaseDatabaseWrapper) -> list[str]:
    """Tenant tables without ENABLE + FORCE row-level security and a policy. Must be empty."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relname = ANY(%s)"
            " AND NOT (c.relrowsecurity AND c.relforcerowsecurity"
            "   AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))"
            " ORDER BY 1",
            [tenant_tables(connection)],
        )
        return [row[0] for row in cursor.fetchall()]
