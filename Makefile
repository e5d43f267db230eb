# make run  — load the seed pages into the warehouse (embedded PostgreSQL unless DATABASE_URL is set)
# make test — run the test suite against a real PostgreSQL
# Both create or refresh .venv when it is missing or older than pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export DO_NOT_TRACK ?= 1

.PHONY: run test eval eval-pages train-reader bench bench-flow lint serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsetl run

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python -m flows.evaluate

eval-pages: $(STAMP)
	$(BIN)/python -m flows.evaluate_pages

train-reader: $(STAMP)
	$(BIN)/python -m flows.train_line_kinds

# transforms on one core, then peak memory of a run on 1x and 4x a corpus of seed copies
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_transforms.py
	$(BIN)/python benchmarks/bench_flow.py --memory

# newsetl run on a 25 MB corpus vs jieba.lcut alone over the same files, and the no-op rerun
bench-flow: $(STAMP)
	$(BIN)/python benchmarks/bench_flow.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .newsetl .pytest_cache .ruff_cache *.egg-info
