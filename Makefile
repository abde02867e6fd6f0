# Two commands for a newcomer: `make run` and `make test` (README.md). Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)

.PHONY: run test lint lock clean

# Every dependency, dev and dask included, exactly as requirements.lock pins it, each file checked against its hash.
# --no-deps: the lock already lists every package; without it pip re-resolves a dependency asked for with an extra
# (pip-audit's CacheControl[filecache]) against the newest release on the index and refuses it as unpinned.
# `pip check` then proves the lock is complete.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

# After changing a dependency in pyproject.toml: pin it (and everything it needs) again, with hashes.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev --extra dask --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# The demo on SQLite: nothing but Python and git needed.
run: export DEBUG = 1
run: export MIZUI_DEMO = 1
run: $(STAMP)
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Mizui is at http://127.0.0.1:8000  (Ctrl-C to stop)"
	@# Background jobs (imports, batch screening, reports) run in a worker beside the server; it stops with it.
	$(BIN)/python manage.py worker --interval 1 --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	DEBUG=1 $(BIN)/mypy .
	$(BIN)/lint-imports
	$(BIN)/djade --check $$(find templates -name '*.html')
	@if [ -d eligibility/parameters ]; then $(BIN)/yamllint --strict -c .yamllint.yaml eligibility/parameters; fi

# Everything CI runs: lint, types, contracts, migrations, deploy check, all tests on SQLite and PostgreSQL,
# and the browser tests. PostgreSQL comes from DATABASE_URL (see scripts/test_suite.sh).
test: $(STAMP) lint
	bash scripts/test_suite.sh

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles artifacts
