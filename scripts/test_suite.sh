#!/usr/bin/env bash
# The test part of `make test`. Runs the suite on SQLite and, when DATABASE_URL names a PostgreSQL
# server, on PostgreSQL (row-level security as the application role), then the browser tests.
# In CI (CI=true) a missing or unreachable PostgreSQL is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export SECRET_KEY="${SECRET_KEY:-test-only-secret-key-not-for-production-$(date +%s)-mizui-suite}"
unset DEBUG MIZUI_DEMO

# PostgreSQL first: a DATABASE_URL that does not answer (or names a database that cannot be created) stops the run
# here, before the SQLite half, not ten minutes later.
if [ -n "${DATABASE_URL:-}" ]; then
  echo "== PostgreSQL from DATABASE_URL"
  $BIN/python scripts/pg_prepare.py
elif [ "${CI:-}" = "true" ]; then
  echo "ERROR: CI=true but DATABASE_URL is not set: CI must run the suite on PostgreSQL." >&2
  exit 1
fi

echo "== translations, migrations, deploy check"
$BIN/python manage.py compile_translations
$BIN/python manage.py makemigrations --check --dry-run
if find mizui -path '*/migrations/*_auto_*.py' | grep -q .; then
  echo "Migrations must be named (makemigrations --name): $(find mizui -path '*/migrations/*_auto_*.py')" >&2
  exit 1
fi
# As production runs it: a real key and field-encryption keys, no demo, no console messages (mizui/accounts/checks.py).
DEBUG=0 ALLOWED_HOSTS=mizui.example.org SECRET_KEY="$(printf 'k%.0s' {1..20})-deploy-check-$(date +%s)-long-enough-secret" \
  FIELD_ENCRYPTION_KEYS="$($BIN/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
  $BIN/python manage.py check --deploy --fail-level WARNING

echo "== dependency audit (requirements.lock)"
$BIN/python scripts/audit_dependencies.py

echo "== suite on SQLite"
(unset DATABASE_URL; $BIN/pytest -q -m "not browser")

if [ -n "${DATABASE_URL:-}" ]; then
  echo "== suite on PostgreSQL from DATABASE_URL"
  $BIN/pytest -q -m "not browser"
  BROWSER_DB="PostgreSQL"
else
  echo "!! DATABASE_URL is not set: the PostgreSQL run (row-level security) is NOT done."
  echo "!! Set DATABASE_URL=postgres://USER@HOST:5432/DBNAME (a role that may create databases and roles)."
  BROWSER_DB="SQLite"
fi

echo "== browser tests (system Chromium, on $BROWSER_DB)"
bash scripts/ensure_chromium.sh
$BIN/pytest -q -m browser
