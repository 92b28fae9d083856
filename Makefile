# hecha: `make run` checks the sample reports, `make test` lints and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv run test lint bench clean

venv: $(STAMP)

# Reinstalls only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The API end to end: `hecha serve` on SQLite under ./data, a demo key (printed), the seeds
# submitted over HTTP, a summary of findings per document, then the server stops.
run: venv
	$(BIN)/python -m service.demo corpora/seeds/*.txt

# mypy (non-strict, settings in pyproject.toml) over every package, at zero errors
lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy

# pytest exits 5 when it collected nothing: nonzero already, but say why.
# The PDF and end-to-end tests need a CJK font and Debian's chromium; the script installs
# them when missing (as root) and does nothing otherwise.
test: lint
	@bash scripts/install-system-deps.sh || echo "make test: no CJK font or chromium; PDF and browser tests will skip" >&2
	@status=0; $(BIN)/python -m pytest -q || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; \
	exit $$status

bench: venv
	@if [ -f bench/run.py ]; then $(BIN)/python bench/run.py; \
	else echo "bench/run.py not present yet"; fi

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache bench/results
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
