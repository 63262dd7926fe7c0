# The two commands a new machine needs:  `make run`  and  `make test`  (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ipguard
REDIS_URL ?= redis://127.0.0.1:6379/0
PYTEST_ARGS ?=
# pytest-xdist processes, each with its own test database (test_ipguard_gw0, ...).
PYTEST_WORKERS ?= 2

.PHONY: run test test-fast install install-dev messages lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Translation catalogues are compiled by the set-up, not committed.
messages: $(VENV)/.installed
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity=0

run: install messages
	REDIS_URL=$(REDIS_URL) scripts/run-dev.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint --quiet

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Everything, as CI runs it: lint, then every test in parallel, the slowest printed at the end.
test: install-dev messages lint
	DEBUG=true DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(REDIS_URL) \
		$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --durations=20 $(PYTEST_ARGS)

# The inner loop: tests that need no database, Redis, worker, SMTP server or browser (rules,
# scoring, hash chain, content checks, settings). No services; SQLite only to satisfy Django.
test-fast: install-dev messages
	DEBUG=true DATABASE_URL=sqlite:///:memory: REDIS_URL=redis://127.0.0.1:1/0 \
		$(BIN)/python -m pytest -m "not database and not integration and not browser" \
		--durations=10 $(PYTEST_ARGS)

# bench/load_pages.py needs wrk (Debian package 'wrk', installed by .ci/run).
bench: install-dev messages
	for script in bench/*.py; do DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
