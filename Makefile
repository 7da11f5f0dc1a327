# Potluck. The two commands a newcomer needs:
#   make run    set up everything, migrate, load demo content, serve at http://127.0.0.1:8000
#   make test   set up everything, then lint, type-check, check import rules, run all tests
# Both only redo set-up steps whose inputs changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMPS := .stamps
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_WORKERS ?= 2
TEST_PG_URL    ?= postgresql://postgres@127.0.0.1:5432/postgres
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test install assets chromium lint typecheck imports pytest pytest-sqlite pytest-distributed \
        migrate worker demo bench format i18n clean

run: install assets migrate demo
	@echo ""
	@echo "  Potluck is starting at http://$(HOST):$(PORT)"
	@echo "  Demo login: demo / potluck-demo"
	@echo ""
	$(BIN)/potluck serve --host $(HOST) --port $(PORT)

test: install assets chromium lint typecheck imports pytest

# --- set-up -------------------------------------------------------------------------
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMPS)/install: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@mkdir -p $(STAMPS) && touch $@

install: $(STAMPS)/install

$(STAMPS)/npm: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/assets: $(STAMPS)/npm $(STAMPS)/install src/potluck/web/build_assets.py
	$(BIN)/python -m potluck.web.build_assets
	@mkdir -p $(STAMPS) && touch $@

assets: $(STAMPS)/assets

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium for browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-color-emoji >/dev/null; }

# --- checks -------------------------------------------------------------------------
lint: install
	$(BIN)/ruff check src tests bench

format: install
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

typecheck: install
	$(BIN)/mypy

imports: install
	$(BIN)/lint-imports

# SQLite (embedded mode) always; PostgreSQL + Redis (distributed mode) when they answer,
# and always in CI, where their absence is a failure.
pytest: pytest-sqlite pytest-distributed

pytest-sqlite: install assets
	$(BIN)/pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

pytest-distributed: install assets
	@if $(BIN)/python -m tests.support.services "$(TEST_PG_URL)" "$(TEST_REDIS_URL)"; then \
	  POTLUCK_TEST_DATABASE_URL="$(TEST_PG_URL)" POTLUCK_TEST_REDIS_URL="$(TEST_REDIS_URL)" \
	    $(BIN)/pytest -n $(PYTEST_WORKERS) -p no:cacheprovider; \
	elif [ "$$CI" = "true" ]; then \
	  echo "CI: PostgreSQL or Redis is unreachable; the distributed suite cannot run." >&2; exit 1; \
	else \
	  echo ""; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!!! PostgreSQL ($(TEST_PG_URL)) or Redis ($(TEST_REDIS_URL)) unreachable:"; \
	  echo "!!! ONLY THE SQLITE SUITE RAN. Distributed mode is untested on this machine."; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	fi

# --- everyday -----------------------------------------------------------------------
migrate: install
	$(BIN)/potluck db upgrade

demo: install
	$(BIN)/potluck demo

worker: install
	$(BIN)/potluck worker

bench: install assets
	@command -v wrk >/dev/null 2>&1 && command -v h2load >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nghttp2-client >/dev/null; }
	$(BIN)/python bench/http_baseline.py --breakdown

# Re-extract translatable strings and merge them into every catalog; then fill the new
# empty msgstr entries (tests/web/test_i18n.py fails until they are).
i18n: install
	$(BIN)/pybabel --quiet extract -F babel.cfg -c "Translators:" --project=Potluck \
	  -o src/potluck/translations/messages.pot src/potluck
	$(BIN)/pybabel --quiet update -i src/potluck/translations/messages.pot -d src/potluck/translations \
	  --no-fuzzy-matching

clean:
	rm -rf $(STAMPS) $(VENV) node_modules src/potluck/web/static/vendor
