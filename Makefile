# Developer tasks. The README's first two commands are `make demo` and `make test`.
# Targets that need Elasticsearch run under scripts/with-es: it uses the node ELASTICSEARCH_URL names, or one
# already answering on 127.0.0.1:9200, or starts the local node for the command and stops it afterwards.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Reinstall only when the packaging changes.
STAMP := $(VENV)/.installed
WITH_ES := scripts/with-es
PYTEST_ARGS ?=

# Offline Prefect: no telemetry, a project-local home, and patience for the temporary API's first start
# (migrating a fresh SQLite database took ~19 s here, just under Prefect's 20 s default).
PREFECT_ENV := PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1 \
	PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS=120 PREFECT_HOME=$(CURDIR)/.local/prefect

.PHONY: help venv lint test demo es-start es-stop es-status bench

help:
	@echo "make venv | lint | test | demo | bench | es-start | es-stop | es-status"

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python >= 3.11 is needed; set PYTHON=python3.11 or newer" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy

test: venv lint
	$(PREFECT_ENV) $(WITH_ES) $(BIN)/python -m pytest $(PYTEST_ARGS)

demo: venv
	$(PREFECT_ENV) $(WITH_ES) bash -c '$(BIN)/broadsheet ingest seeds/ && $(BIN)/broadsheet search "wrong side of history"'

es-start: venv
	$(BIN)/broadsheet es start

es-stop: venv
	$(BIN)/broadsheet es stop

es-status: venv
	$(BIN)/broadsheet es status

# Each benchmark prints its own ratios against a peer measured in the same run (bench/corpus.py is a helper).
BENCHES := text_bench html_bench ingest_bench api_load
bench: venv
	$(PREFECT_ENV) $(WITH_ES) bash -c 'for b in $(BENCHES); do echo "== $$b"; $(BIN)/python "bench/$$b.py"; done'
