# Two commands: `make demo` (set up, generate the sample year, run the nightly flow, write the
# week's emails to the outbox) and
# `make test`. Each installs what it needs first, so either works on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SAMPLE := data/sample
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export GX_ANALYTICS_ENABLED ?= false
export DO_NOT_TRACK ?= 1

.PHONY: install demo test lint bench clean

$(INSTALLED): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11+ tidak ditemukan ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(INSTALLED)

install: $(INSTALLED)

# The sample year's big webinar is in week 2023-W27 (3 July 2023). `mekar demo` writes the
# sample year to $(SAMPLE) when it is missing, runs the nightly flow, then the weekly one in
# the same process (one Prefect temporary server). It never sends real mail: the week's
# emails are written to out/outbox/ as .eml files.
DEMO_WEEK := 2023-W27

demo: $(INSTALLED)
	$(BIN)/mekar demo --data $(SAMPLE) --out out --week $(DEMO_WEEK)

test: $(INSTALLED)
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(INSTALLED)
	$(BIN)/python bench/nightly.py --scales 1 5
	$(BIN)/python bench/weekly.py --scale 1

clean:
	rm -rf out data .pytest_cache mekar.db mekar.db-wal mekar.db-shm
