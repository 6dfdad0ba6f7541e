# Two commands for a fresh clone:  make run   and   make test
# Both are idempotent: they (re)install only when requirements change.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DEBUG=1
PORT ?= 8000

.PHONY: run test test-postgres test-redis setup deps dev-deps messages system-packages lint layers format bench requirements clean

PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes

# What the app runs on (requirements.txt), and on top of it the test tools
# (requirements-dev.txt); both pinned with hashes, compiled by `make requirements`.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP_INSTALL) -r requirements.txt -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.installed node_modules/.installed

dev-deps: deps $(VENV)/.installed-dev

# The Hindi catalogue, compiled (gettext's msgfmt; from apt when missing).
messages: locale/hi/LC_MESSAGES/django.mo locale/hi/LC_MESSAGES/djangojs.mo

locale/hi/LC_MESSAGES/%.mo: locale/hi/LC_MESSAGES/%.po $(VENV)/.installed
	@command -v msgfmt >/dev/null 2>&1 || scripts/system-packages.sh messages
	$(DEV_ENV) $(PY) manage.py compilemessages --locale hi --ignore .venv --ignore node_modules -v 0

setup: deps messages
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_doctors

run: setup
	@echo "Serving Walk Well on http://127.0.0.1:$(PORT)/ with its task worker  (Ctrl-C to stop)"
	$(DEV_ENV) PY=$(PY) PORT=$(PORT) scripts/run.sh

# Chromium for the browser tests, from apt when running as root (otherwise
# the script prints the command to run): the suite never skips them.
system-packages:
	scripts/system-packages.sh test

test: setup dev-deps system-packages
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

# The suite against the PostgreSQL server named by DATABASE_URL (.ci/run
# starts one). The `slow` tests run their own servers on SQLite files; the
# browser tests drive the same pages the SQLite run already drove (every
# query behind them is tested here without a browser), which keeps CI short.
test-postgres: dev-deps messages
	@test -n "$(DATABASE_URL)" || (echo "Set DATABASE_URL=postgres://..." && exit 2)
	DEBUG=1 $(PY) manage.py migrate --noinput
	$(PY) -m pytest -m "not slow and not redis" -p no:cacheprovider --ignore=tests/browser

# The import through RQ on the Redis server named by TASKS_REDIS_URL
# (.ci/run starts Debian's redis-server for it).
test-redis: dev-deps messages
	@test -n "$(TASKS_REDIS_URL)" || (echo "Set TASKS_REDIS_URL=redis://..." && exit 2)
	$(PY) -m pytest -m redis -p no:cacheprovider tests/walks/test_import_rq.py

# Benchmark: page cost from one week to five years of diary, and gunicorn
# throughput (wrk from apt when it can be installed, else a Python client);
# then the directory at 100,000 listings on SQLite and PostgreSQL.
bench: deps
	@scripts/system-packages.sh bench || echo "wrk not available: using the Python load generator"
	$(PY) bench/run.py; app=$$?; scripts/bench-directory.sh; directory=$$?; \
	  exit $$(( app || directory ))

lint: dev-deps
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

# The layers contract (pyproject.toml [tool.importlinter]): apps import only
# their own layer's modules and the layers below.
layers: dev-deps
	$(VENV)/bin/lint-imports

format: dev-deps
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Recompile both pinned files after changing requirements.in or requirements-dev.in.
requirements: dev-deps
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
