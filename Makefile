# marsad — the two commands: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test test-fast sysdeps browser bench train-ner clean fuzz screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# System packages for the real-browser tests (Debian's Chromium; never a downloaded browser build).
sysdeps:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-core >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "warning: chromium missing and apt-get unavailable; browser tests will be skipped"; fi; \
	fi

demo: install
	$(BIN)/marsad demo --out out
	@echo "report: out/report.html, out/report.md, out/analysis.json"

test: install sysdeps
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

# Screenshots of every workbench page at 1400 px (and a phone width) under out/screenshots/, taken by the browser
# tests; `make test` runs the same tests and writes none.
screenshots: install sysdeps
	MARSAD_SCREENSHOTS=$(CURDIR)/out/screenshots $(BIN)/python -m pytest -p no:cacheprovider -q -m browser tests/web tests/report

test-fast: install
	$(BIN)/python -m pytest -n 2 -m "not browser and not eval"

# Fuzzing, bounded in time (not part of `make test`): hypothesis on every reader and parser, then schemathesis
# against the OpenAPI schema of a server on 127.0.0.1 (0 5xx, 0 schema violations; it prints the cases run).
FUZZ_EXAMPLES ?= 500
FUZZ_API_SECONDS ?= 180
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) timeout 600 $(BIN)/python -m pytest -p no:cacheprovider -q tests/reliability/fuzz_readers.py
	timeout 900 $(BIN)/python tests/reliability/fuzz_api.py --max-examples 50 --max-time $(FUZZ_API_SECONDS)

bench: install
	$(BIN)/python bench/run_all.py

train-ner:
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/marsad train ner

clean:
	rm -rf out .pytest_cache build *.egg-info
