# 工会文明创建工作平台 — everyday commands. Only Python 3.11 and make are assumed.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

.PHONY: demo run worker scheduler test test-postgres lint format bench install clean-db messages

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make demo — install, migrate SQLite, load demo data, print the demo accounts, then run the
## site at $(HOST), the task worker and the scheduler together (Ctrl-C stops all three)
demo: $(STAMP)
	$(BIN)/gonghui migrate --noinput
	$(BIN)/gonghui load_demo
	$(BIN)/gonghui serve $(HOST)

## make run — the same without demo data
run: $(STAMP)
	$(BIN)/gonghui migrate --noinput
	$(BIN)/gonghui serve $(HOST)

## make worker / make scheduler — one of them alone (a deployment runs each as a service)
worker: $(STAMP)
	$(BIN)/gonghui worker

scheduler: $(STAMP)
	$(BIN)/gonghui scheduler

## make test — install and run the whole suite (lint, migrations check, tests) on SQLite
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/gonghui makemigrations --check --dry-run
	$(BIN)/python -m pytest -n 2

## make test-postgres — the same suite against PostgreSQL (DATABASE_URL or the local server)
test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gonghui} $(BIN)/python -m pytest -n 2 -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/gonghui bench

messages: $(STAMP)
	$(BIN)/gonghui compilemessages --ignore=.venv

.PHONY: fuzz
## make fuzz — the long schemathesis run: every coverage case and 100 generated cases per API
## operation and mode, 0 server errors expected (the suite runs a sample of it in a minute)
fuzz: $(STAMP)
	GONGHUI_FUZZ_COVERAGE=0 GONGHUI_FUZZ_EXAMPLES=$${GONGHUI_FUZZ_EXAMPLES:-100} \
		$(BIN)/python -m pytest gonghui/api/tests/test_schemathesis.py -p no:randomly -s -q
