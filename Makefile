# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export ZVH_DATABASE_URL ?= sqlite+aiosqlite:///var/zvh.db
PG_URL := $(or $(ZVH_TEST_POSTGRES_URL),postgresql+asyncpg://postgres@127.0.0.1:5432/postgres)
UV = $(shell command -v uv 2>/dev/null || echo "python3 -m uv")

.PHONY: help setup run test lint typecheck imports test-sqlite test-postgres pgbouncer openapi openapi-check adr-lint bench

help:
	@echo "make run   set up, migrate the embedded database, seed the demo partnerships, serve on $(HOST):$(PORT)"
	@echo "make test  set up and pass every check (lint, types, tests on SQLite and PostgreSQL, contract)"

$(VENV)/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.synced node_modules/.installed

run: $(VENV)/.synced
	$(BIN)/zvh migrate
	$(BIN)/zvh seed-demo
	$(BIN)/zvh serve --host $(HOST) --port $(PORT)

lint: $(VENV)/.synced
	$(BIN)/ruff check app tests bench migrations
	$(BIN)/ruff format --check app tests bench migrations

typecheck: $(VENV)/.synced
	$(BIN)/mypy

imports: $(VENV)/.synced
	$(BIN)/lint-imports

test-sqlite: $(VENV)/.synced
	env -u ZVH_TEST_DATABASE_URL $(BIN)/pytest

# The PgBouncer test needs pgbouncer (Debian package; installed here when root, as `make
# bench` does for wrk). Without it the test is skipped on a laptop and fails in CI.
pgbouncer:
	@command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || [ "$$(id -u)" != 0 ] \
		|| apt-get install -y -qq pgbouncer >/dev/null \
		|| { apt-get update -qq && apt-get install -y -qq pgbouncer >/dev/null; } \
		|| echo "WARNING: could not install pgbouncer" >&2

# In CI an unreachable PostgreSQL fails the run; on a laptop it is skipped with a warning.
test-postgres: $(VENV)/.synced pgbouncer
	@if $(BIN)/python -m tests.pgadmin check "$(PG_URL)"; then \
		ZVH_TEST_DATABASE_URL="$(PG_URL)" $(BIN)/pytest; \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "PostgreSQL is unreachable in CI: failing" >&2; exit 1; \
	else \
		echo "WARNING: PostgreSQL unreachable, PostgreSQL run skipped (set ZVH_TEST_POSTGRES_URL)" >&2; \
	fi

openapi: $(VENV)/.synced
	$(BIN)/zvh openapi > openapi/openapi.json

openapi-check: $(VENV)/.synced
	@$(BIN)/zvh openapi > $(VENV)/openapi.generated.json
	@diff -u <($(BIN)/python -m json.tool --sort-keys openapi/openapi.json) \
	         <($(BIN)/python -m json.tool --sort-keys $(VENV)/openapi.generated.json) \
		|| { echo "openapi/openapi.json differs from 'zvh openapi': run 'make openapi' and commit" >&2; exit 1; }
	@echo "openapi/openapi.json matches the app"

adr-lint: node_modules/.installed
	npx --no-install spectral lint --fail-severity=error -r $(SHARED)/adr/linter.yaml openapi/openapi.json

test: setup lint typecheck imports openapi-check adr-lint test-sqlite test-postgres

# Needs PostgreSQL on 127.0.0.1:5432 and wrk (Debian package; installed here when root).
bench: setup
	@command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk
	$(BIN)/python bench/run.py
