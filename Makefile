# `make run`: the demo site on http://127.0.0.1:8000 (SQLite, database search; nothing else).
# `make test`: lint, checks and every test against real PostgreSQL, Elasticsearch and Chromium.
# `make test-quick`: lint, checks and the tests on SQLite without Chromium and the topology.
# `make format`: ruff's fixes and formatting, and djhtml on every app's templates.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run test test-quick bench lint format check install install-test system messages worker clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install -q -r requirements-test.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:8000

# Every app's templates folder (djhtml indents the .html files below it).
TEMPLATE_DIRS := $(wildcard */templates site/*/templates)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $(TEMPLATE_DIRS)

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $(TEMPLATE_DIRS)

check: install-test
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) makemigrations --check --dry-run

# The Debian packages the tests need: installed when missing (as root), else named.
system:
	scripts/install-system.sh

test: system lint check
	PY=$(PY) scripts/test.sh

# Every service but PostgreSQL is still started (Elasticsearch and Redis have tests on SQLite).
test-quick: system lint check
	PY=$(PY) scripts/test.sh --quick

bench: install-test
	PY=$(PY) scripts/bench.sh

# Recompile the Vietnamese translations after editing a locale/vi/LC_MESSAGES/django.po.
# Wagtail's admin in Vietnamese: the sources in locale/sources/vi/ (one per Wagtail catalogue,
# `*-js.po` for the JavaScript one) are merged into the catalogue under locale/ that Django loads
# ahead of Wagtail's own; on a msgid in two sources the first file by name wins (zz-gaps.po last).
ADMIN_SOURCES := $(sort $(wildcard locale/sources/vi/*.po))
ADMIN_JS_SOURCES := $(filter %-js.po,$(ADMIN_SOURCES))

messages: install
	mkdir -p locale/vi/LC_MESSAGES
	msgcat --use-first -o locale/vi/LC_MESSAGES/django.po $(filter-out %-js.po,$(ADMIN_SOURCES))
	msgcat --use-first -o locale/vi/LC_MESSAGES/djangojs.po $(ADMIN_JS_SOURCES)
	$(MANAGE) compilemessages --ignore=.venv

worker: install
	$(MANAGE) search_worker

clean:
	rm -rf $(VENV) var
