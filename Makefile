# The two commands: `make run` (set up and serve the demo city) and `make test`.
# Everything else here is what those two need.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-browser test-all install install-dev browser-tools demo lint format clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Set up the demo city on SQLite and serve it at http://$(HOST):$(PORT)
run: install demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## The demo app (demo/) is installed by the development settings that manage.py uses by default.
demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py create_demo_admin
	$(PY) manage.py create_demo_users
	@echo "Jackson is starting at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"

## Test tools: axe-core and the Nu HTML checker (npm), Debian's Chromium and Varnish (need root).
browser-tools:
	npm install --no-audit --no-fund --ignore-scripts --silent
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "NOTE: /usr/bin/chromium is missing; browser tests will be skipped (sudo apt-get install chromium)."; fi; \
	fi
	@if [ ! -x /usr/sbin/varnishd ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null; \
	  else echo "NOTE: /usr/sbin/varnishd is missing; the Varnish test will be skipped (sudo apt-get install varnish)."; fi; \
	fi
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "NOTE: java is missing; the Nu HTML checker test will be skipped."; fi; \
	fi

## Run the test suite (SQLite; set DATABASE_URL for PostgreSQL), one process per core: every test
## but the browser suite, which `make test-browser` runs (CI runs it too); `make test-all` runs both.
## PYTEST_WORKERS=0 runs in one process; PYTEST_ARGS selects, e.g. PYTEST_ARGS="tests/test_search.py".
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
TEST_MARKERS ?= not browser
test: install-dev browser-tools
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile -m "$(TEST_MARKERS)" $(PYTEST_ARGS)

## The browser suite alone: Chromium through Playwright, axe-core on every page type, the Nu checker.
test-browser:
	$(MAKE) test TEST_MARKERS=browser

## Everything: the suite and the browser suite in one run.
test-all:
	$(MAKE) test TEST_MARKERS=

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles
