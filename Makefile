# Developer tasks. The README's first two commands are `make demo` and `make test`.
# Targets that need Elasticsearch run under scripts/with-es: it uses the node ELASTICSEARCH_URL names, or one
# already answering on 127.0.0.1:9200, or starts the local node for the command and stops it afterwards.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The environment is installed from uv.lock (exact versions and hashes), by a pinned uv kept in its own venv.
UV_VERSION := 0.13.9
UV_HOME := .local/uv
UV := $(UV_HOME)/bin/uv
# Reinstall only when the packaging or the lock changes.
STAMP := $(VENV)/.installed
WITH_ES := scripts/with-es
PYTEST_ARGS ?=

# Offline Prefect: no telemetry, a project-local home, and patience for the temporary API's first start
# (migrating a fresh SQLite database took ~19 s here, just under Prefect's 20 s default).
PREFECT_ENV := PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1 \
	PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS=120 PREFECT_HOME=$(CURDIR)/.local/prefect

.PHONY: help venv lock lint test demo es-start es-stop es-status bench bench-scale

help:
	@echo "make venv | lock | lint | test | demo | bench | bench-scale | es-start | es-stop | es-status"

venv: $(STAMP)

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python >= 3.11 is needed; set PYTHON=python3.11 or newer" >&2; exit 1; }
	$(PYTHON) -m venv $(UV_HOME)
	$(UV_HOME)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --locked: fail, rather than quietly re-resolve, when pyproject.toml and uv.lock disagree (run `make lock`).
$(STAMP): pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --locked --extra dev --python $(PYTHON) --quiet
	touch $@

# Re-resolve every dependency to the newest versions pyproject.toml allows, then reinstall from the new lock.
lock: $(UV)
	$(UV) lock --upgrade
	$(MAKE) venv

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

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

# Each benchmark prints its own ratios against a peer measured in the same run (bench/corpus.py and
# bench/dask_cluster.py are helpers). scale_bench starts its own Dask scheduler and workers.
BENCHES := extraction html_bench ingest_bench scale_bench api_load relevance_bench
bench: venv
	$(PREFECT_ENV) $(WITH_ES) bash -c 'for b in $(BENCHES); do echo "== $$b"; $(BIN)/python "bench/$$b.py"; done'

# The scaling benchmark as docs/operations.md reports it: against the cluster ELASTICSEARCH_URL names (start one
# with `broadsheet es start --nodes 3`), Dask workers pinned one per core.
bench-scale: venv
	$(PREFECT_ENV) $(BIN)/python bench/scale_bench.py --pin
