# Two commands do all the set-up on a fresh machine:
#   make example   installs framing into .venv and audits the bundled examples into reports/
#   make test      installs the test dependencies and runs every test
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: example test bench clean

$(BIN)/framing: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

example: $(BIN)/framing
	@mkdir -p reports
	@for f in examples/*.txt examples/*.html; do \
		name=$$(basename $${f%.*}); \
		$(BIN)/framing audit "$$f" -o "reports/$$name.html" && echo "reports/$$name.html"; \
	done
	@if [ -f ../shared/examples/derna-airstrikes.txt ]; then \
		$(BIN)/framing audit ../shared/examples/derna-airstrikes.txt -o reports/derna-airstrikes.html \
		&& echo "reports/derna-airstrikes.html"; fi

test: $(BIN)/framing
	$(BIN)/python -m pytest

bench: $(BIN)/framing
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) dist build .pytest_cache
