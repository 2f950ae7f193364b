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

$(SAMPLE)/master/pegawai.csv: | $(INSTALLED)
	$(BIN)/mekar sample-data --out $(SAMPLE) --scale 1 --seed 2023

# The week of the sample year's big webinar (3 July 2023). The demo never sends real mail:
# no SMTP host, so the week's emails are written to out/outbox/ as .eml files.
DEMO_WEEK := 2023-W27

demo: $(INSTALLED) $(SAMPLE)/master/pegawai.csv
	$(BIN)/mekar run nightly --data $(SAMPLE) --out out
	MEKAR_SMTP__HOST= MEKAR_SMTP__BKPSDM='["bkpsdm@sragen.example"]' \
	  $(BIN)/mekar run weekly --data $(SAMPLE) --week $(DEMO_WEEK) --out out

test: $(INSTALLED)
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(INSTALLED)
	$(BIN)/python bench/nightly.py --scales 1 5
	$(BIN)/python bench/weekly.py --scale 1

clean:
	rm -rf out data .pytest_cache mekar.db mekar.db-wal mekar.db-shm
