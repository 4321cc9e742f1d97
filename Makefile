# The README's two commands are `make demo` and `make test`; each sets up
# everything it needs on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the demo is served on: e-mails, the certificates' QR codes and
# the demo's printed links use it (`make demo PORT=8123`).
SITE_URL ?= http://$(HOST):$(PORT)
# Two workers: the CI machine has two cores. worksteal: a worker that runs
# out of tests takes some of the other's, so the long tests near the end
# (browser journeys, demo loads) do not leave one core idle.
PYTEST_ARGS ?= -n 2 --dist worksteal

.PHONY: demo test test-postgres test-slow bandit install system-deps test-deps messages messages-update check lint format ci clean

demo: install messages  ## Install, migrate, load the demo and serve it on HOST:PORT (127.0.0.1:8000)
	$(MANAGE) migrate --noinput
	SITE_URL=$(SITE_URL) $(MANAGE) load_demo_data
	@echo "Serving on $(SITE_URL)/  (Ctrl+C to stop)"
	SITE_URL=$(SITE_URL) $(MANAGE) runserver $(HOST):$(PORT)

test: install messages test-deps  ## Install and run the whole test suite (SQLite)
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install messages test-deps  ## The suite on the local PostgreSQL
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest --create-db $(PYTEST_ARGS)

test-slow: install messages test-deps  ## Worker and fault tests (private servers) on PostgreSQL
	@scripts/system-deps.sh slow
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest --create-db -m slow

bandit: install  ## Security linter: fails on any high-severity finding
	$(BIN)/bandit -q -r lms people content scorm courses quizzes certificates classroom \
		observations surveys certifications \
		notifications api hr demo \
		-x '*/migrations/*' --severity-level high

check: install  ## Django system checks, migrations drift, lint
	DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

install: system-deps $(VENV)/.installed

system-deps:
	@scripts/system-deps.sh

test-deps:
	@scripts/system-deps.sh test
	cd tests/sso/oidc && npm ci --no-audit --no-fund --silent

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# What makemessages reads for lms/locale (tests/test_i18n.py uses the same list).
NOT_SOURCES := .venv .git __pycache__ tests bench docs demo scripts node_modules static fonts media
IT_PO := lms/locale/it/LC_MESSAGES/django.po

messages-update: install  ## Regenerate lms/locale; Italian entries get their source text, English ones stay to translate
	DJANGO_SETTINGS_MODULE=lms.settings.dev $(MANAGE) makemessages -l it -l en --no-obsolete \
		$(foreach d,$(NOT_SOURCES),--ignore=$(d))
	msgattrib --clear-fuzzy --empty --no-obsolete -o $(IT_PO).tmp $(IT_PO)
	msgen -o $(IT_PO) $(IT_PO).tmp && rm $(IT_PO).tmp
	msgfmt --statistics -o /dev/null lms/locale/en/LC_MESSAGES/django.po

messages: install  ## Compile the translation catalogues
	cd lms && ../$(BIN)/django-admin compilemessages --ignore=.venv -v0
	cd demo && ../$(BIN)/django-admin compilemessages -v0

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache
