# The two commands: `make run` serves the tracker with demo data, `make test` runs the suite.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install browser lint bench worker beat

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

install: $(STAMP)

# Without beat, a background loop polls the news sources that are due; it stops with the server.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo
	$(BIN)/python manage.py poll_sources --every 30 & poller=$$!; \
	trap 'kill $$poller' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The page tests drive Debian's Chromium; install it where it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run

test: lint browser
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/run.py

worker: install
	$(BIN)/celery -A tracker worker --loglevel=INFO

beat: install
	$(BIN)/celery -A tracker beat --loglevel=INFO
