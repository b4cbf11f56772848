# Everyday tasks, each with the tools of the project's own virtual environment (.venv:
# python3 -m venv .venv && .venv/bin/pip install -e ".[test]"). See docs/development.md.

BIN := .venv/bin
SNAPSHOT_TESTS := $(wildcard tests/tui/test_*snapshots.py)
BENCHES := $(sort $(wildcard bench/bench_*.py))

.PHONY: check format test test-fast snapshots bench

# What CI checks (.ci/run), in the same order: format, lint, types, layer contracts, tests.
check:
	$(BIN)/python -m ruff format --check .
	$(BIN)/python -m ruff check .
	$(BIN)/python -m mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto

format:
	$(BIN)/python -m ruff format .

# The whole suite: the README's test command.
test:
	$(BIN)/python -m pytest -n auto

# The inner loop: leaves out what starts processes, sleeps, polls or fuzzes.
test-fast:
	$(BIN)/python -m pytest -m "not slow" -n 2

# Rewrites the snapshot SVGs: only on purpose, then read every changed one.
snapshots:
	$(BIN)/python -m pytest -n 0 $(SNAPSHOT_TESTS) --snapshot-update

# Every benchmark at its default sizes (bench/README.md); generates its databases first.
bench:
	@for bench in $(BENCHES); do \
		echo "== $$bench"; \
		$(BIN)/python $$bench || exit 1; \
	done
