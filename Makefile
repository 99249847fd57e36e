# marsad — the two commands: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test test-fast sysdeps browser bench train-ner clean

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

test-fast: install
	$(BIN)/python -m pytest -n 2 -m "not browser and not eval"

bench: install
	$(BIN)/python bench/run_all.py

train-ner:
	$(BIN)/pip install -q -e '.[dev,train]'
	$(BIN)/marsad train ner

clean:
	rm -rf out .pytest_cache build *.egg-info
