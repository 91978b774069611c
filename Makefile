# Quick start: `make serve`, then `make test`. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB := ukraine.db
HOST ?= 127.0.0.1
PORT ?= 8001
# The browser tests drive Debian's Chromium through Playwright; nothing downloads a browser.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SOURCES := build_db.py $(wildcard whosaid/*.py) $(wildcard sql/*.sql) $(wildcard seeds/*.yml) $(wildcard seeds/articles/*)

.PHONY: install build check serve test bench screenshots clean

# The virtual environment, with the project, its test tools and the Dask engine (tested too) installed.
$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: run make PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dask]'
	touch $@

install: $(BIN)/.installed

$(DB): $(BIN)/.installed $(SOURCES)
	$(BIN)/python build_db.py build --db $(DB)

build: $(DB)

check: install
	$(BIN)/python build_db.py check

serve: $(DB)
	$(BIN)/python build_db.py serve --db $(DB) --host $(HOST) --port $(PORT)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

test: install $(CHROMIUM)
	$(BIN)/python -m pytest

# Not part of `make test`: timings depend on the machine. Figures go to bench/.
# BENCH_SIZES=1000 runs a short series; the full one (1,000, 10,000 and 50,000 articles) takes about 10 minutes.
BENCH_SIZES ?= 1000,10000,50000
bench: install
	$(BIN)/python build_db.py bench --sizes $(BENCH_SIZES)

# The README's screenshots (docs/*.png), remade from the built database in headless Chromium.
screenshots: $(DB) $(CHROMIUM)
	$(BIN)/python build_db.py screenshots --db $(DB) --out docs

clean:
	rm -rf $(VENV) $(DB) .pytest_cache *.egg-info
