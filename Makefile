# The two commands that must work on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
DEMO_PRODUCTS ?= 500
DEMO_SEED ?= 1
DEMO_ORDERS ?= 80

.PHONY: demo test lint install assets serve clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

install: $(INSTALLED)

# Static files (whitenoise, compressed + manifest) and the compiled Hindi catalogue.
assets: install
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0
	$(PY) manage.py collectstatic --noinput --verbosity 0

demo: assets
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_odop_reference
	$(PY) manage.py import_pincodes fulfilment/data/demo_pincodes.csv
	$(PY) manage.py load_demo_catalogue --products $(DEMO_PRODUCTS) --seed $(DEMO_SEED)
	$(PY) manage.py demo_logins
	$(PY) manage.py load_demo_fulfilment --orders $(DEMO_ORDERS) --seed $(DEMO_SEED)
	$(PY) manage.py runserver 127.0.0.1:8000

# Lint first (ruff check with the C901 complexity rule, ruff's format check; import-linter's layers, see
# pyproject.toml), then the suite.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

test: assets lint
	$(PY) -m pytest

# Production-like on this machine: gunicorn (SERVE_WORKERS sync workers on SERVE_BIND), DJANGO_DEBUG=0,
# PostgreSQL from DATABASE_URL, Redis from REDIS_URL for the cache, sessions and the Celery queue, one
# Celery worker and the beat scheduler beside it. See README "Serving".
serve: assets
	@test -n "$$DATABASE_URL" || { echo "make serve: set DATABASE_URL=postgres://... (see README)"; exit 2; }
	@test -n "$$REDIS_URL" || echo "make serve: WARNING: REDIS_URL is not set; cache and sessions fall back to the database, background work runs inside requests."
	DJANGO_DEBUG=0 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=0 $(PY) manage.py createcachetable
	DJANGO_DEBUG=0 $(PY) manage.py check --deploy --fail-level ERROR
	DJANGO_DEBUG=0 $(PY) -m shop.serve

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media/demo media/cache
