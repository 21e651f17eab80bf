# Everyday commands. Needs python3 (3.11+) and, for `make test`, Debian's chromium package
# (installed on demand by scripts/ensure_chromium.sh).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 5000
VENV := .venv
BIN := $(VENV)/bin
# Re-install only when the dependencies change.
INSTALLED := $(VENV)/.installed-stamp
TRANSLATIONS := webapp/translations
# What `pybabel extract` looks for besides the files of babel.cfg: lazy gettext calls, and the
# labels of the catalogue (the third argument of `_sub`, the second of `Category`).
EXTRACT_KEYWORDS := -k _l -k lazy_gettext -k _sub:3 -k Category:2

.PHONY: help install translations compile-translations run test lint bench lighthouse clean

help:
	@echo "make install   create .venv, install the project and its dev tools, compile translations"
	@echo "make translations  extract every message, add the new ones to each catalogue, compile"
	@echo "make run       migrate, load the demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test      the whole suite on SQLite, then on PostgreSQL when a server answers"
	@echo "make lint      ruff"
	@echo "make bench     every young page, a booking and the pro list beside a bare Flask hello, SQLite and PostgreSQL (BENCH_ARGS=--scale for 100,000 offers; bench/README.md)"
	@echo "make lighthouse  Lighthouse scores of the main pages as the demo young person"
	@echo "make clean     remove caches and generated files (keeps .venv and instance/)"

install: $(INSTALLED) compile-translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV): on Debian, install python3-venv (apt-get install python3-venv)." >&2; \
	  exit 1; }

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

compile-translations: $(INSTALLED)
	@if compgen -G "$(TRANSLATIONS)/*/LC_MESSAGES/*.po" > /dev/null; then \
	  $(BIN)/pybabel compile -d $(TRANSLATIONS) -f; \
	fi

# Then translate the new empty entries of each messages.po (tests/unit/test_translations.py
# fails while one is missing) and run it again to compile them.
translations: $(INSTALLED)
	mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg $(EXTRACT_KEYWORDS) -o build/messages.pot .
	$(BIN)/pybabel update -i build/messages.pot -d $(TRANSLATIONS) --ignore-obsolete --no-fuzzy-matching
	$(BIN)/pybabel compile -d $(TRANSLATIONS) -f

run: install
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi demo load
	$(BIN)/flask --app wsgi run --host 127.0.0.1 --port $(PORT)

test: install
	bash scripts/ensure_chromium.sh
	bash scripts/run_tests.sh

lint: install
	$(BIN)/ruff check .

lighthouse: install
	bash scripts/ensure_chromium.sh
	CHROME_PATH=/usr/bin/chromium $(BIN)/python scripts/lighthouse.py

bench: install
	$(BIN)/python bench/pages.py $(BENCH_ARGS)

clean:
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache *.egg-info build instance/static-build tests/.artifacts
	find $(TRANSLATIONS) -name '*.mo' -delete 2>/dev/null || true
