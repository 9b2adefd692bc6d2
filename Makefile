# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make demo   build the example graph and show where it is
#   make test   run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := demo-out

.PHONY: demo test install clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/kg build examples/articles -o $(OUT)
	@echo
	@echo "Who are the members of C+C5?  (examples/queries/cc5-members.rq)"
	$(BIN)/kg query $(OUT) -f examples/queries/cc5-members.rq
	@echo
	@echo "RDF:  $(OUT)/graph.ttl, $(OUT)/graph.trig"
	@echo "HTML: $(OUT)/graph.html  (open it in a browser; it works offline)"

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/extract_bench.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
