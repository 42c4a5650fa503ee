# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=
LOAD_ARGS ?=
LOAD_DATABASE_URL ?= postgres://cop:cop@127.0.0.1:5432/cop

.PHONY: run test install install-dev migrate demo lint format ci bench load clean

$(PY):
	@$(PYTHON) -m venv $(VENV) || { echo "Nie udało się utworzyć $(VENV). Na Debianie: apt-get install python3-venv"; exit 1; }
	$(PIP) install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt pyproject.toml | $(PY)
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps -e .
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content

## make run: virtualenv, install, migrate, Polish demo content and accounts, serve on http://$(HOST):$(PORT)
run: demo
	@echo "Serwis: http://$(HOST):$(PORT)/  panel: http://$(HOST):$(PORT)/admin/"
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: virtualenv with test requirements, then the whole suite (DATABASE_URL=postgres://... for PostgreSQL)
test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	$(PY) manage.py makemigrations --check --dry-run

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

## make bench: page and API timings on a large throwaway data set (bench/README.md)
bench: install-dev
	$(PY) bench/run.py $(BENCH_ARGS)

## make load: 60 s of page views, API calls and form posts against gunicorn + PostgreSQL (bench/README.md)
load: install-dev
	$(PY) bench/load.py --database-url $(LOAD_DATABASE_URL) $(LOAD_ARGS)

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) static_collected .pytest_cache .ruff_cache
