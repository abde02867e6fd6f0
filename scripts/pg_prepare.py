"""Say which PostgreSQL the suite uses, prove it answers, and create the application role if missing.

The role (DATABASE_APP_ROLE, default mizui_app) owns no table and cannot bypass row-level security;
the suite runs every test as that role (conftest.py).
"""

from __future__ import annotations

import os
import sys
from urllib.parse import SplitResult, urlsplit, urlunsplit

import psycopg
from psycopg import sql


def main() -> int:
    url = os.environ["DATABASE_URL"]
    parts = urlsplit(url)
    where = f"{parts.hostname or 'socket'}:{parts.port or 5432}/{parts.path.lstrip('/')} as {parts.username}"
    role = os.environ.get("DATABASE_APP_ROLE", "mizui_app")
    try:
        conn = psycopg.connect(url, connect_timeout=5, autocommit=True)
    except psycopg.OperationalError as error:
        missing = f'database "{parts.path.lstrip("/")}" does not exist' in str(error)
        if not missing or not create_database(parts, where):
            print(f"ERROR: PostgreSQL from DATABASE_URL ({where}) does not answer: {error}", file=sys.stderr)
            return 1
        conn = psycopg.connect(url, connect_timeout=5, autocommit=True)
    with conn:
        version = conn.execute("SHOW server_version").fetchone()
        print(f"PostgreSQL {version[0] if version else '?'} at {where} (from DATABASE_URL)")
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone() is None:
            try:
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN NOSUPERUSER NOBYPASSRLS").format(sql.Identifier(role)))
            except psycopg.errors.InsufficientPrivilege:
                print(f"ERROR: role {role} is missing and {parts.username} may not create it.", file=sys.stderr)
                return 1
            print(f"Created the application role {role}")
    return 0


def create_database(parts: SplitResult, where: str) -> bool:
    """The server answers but the database in DATABASE_URL does not exist: create it, or say exactly why not.

    (The suite itself runs in a `test_` copy that Django makes; this database is where it connects first.)
    """
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(maintenance, connect_timeout=5, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as error:
        print(
            f"ERROR: the database {name!r} in DATABASE_URL ({where}) does not exist, and it could not be created "
            f"from the 'postgres' database: {error}. Create it (createdb {name}) or name one that exists.",
            file=sys.stderr,
        )
        return False
    print(f"Created the database {name!r} named in DATABASE_URL")
    return True


if __name__ == "__main__":
    sys.exit(main())
