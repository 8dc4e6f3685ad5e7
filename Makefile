# The two commands a newcomer needs: `make demo` and `make test`. Both set up everything.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SAMPLE ?= samples/priya-raman.yaml
STAMP  := $(VENV)/.installed

.PHONY: demo test bench lint clean system-deps browser-deps picture

# Faster PDFs where the machine allows it (root + apt); never fail when it does not.
system-deps:
	@if ! $(PYTHON) -c "import ctypes.util,sys; sys.exit(0 if ctypes.util.find_library('harfbuzz-subset') else 1)" 2>/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing libharfbuzz-subset0 for faster PDF font subsetting..."; \
	    (apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1)) || \
	      echo "  (could not install it; PDFs still work, a little slower)"; \
	  fi; \
	fi

# The browser test (tests/test_html_browser.py) opens HTML briefs in Debian's chromium where the
# machine allows it (root + apt); never fail when it does not: that test is skipped instead.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing chromium for the browser test (a few minutes, once)..."; \
	    (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null 2>&1 && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1)) || \
	      echo "  (could not install it; the browser test will be skipped)"; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "$(PYTHON) -m venv failed: Debian and Ubuntu ship venv as a separate package."; \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    rm -rf $(VENV); (apt-get install -y -qq python3-venv >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq python3-venv >/dev/null 2>&1)) && \
	    $(PYTHON) -m venv $(VENV); \
	  else echo "Install it (sudo apt-get install python3-venv) and run make again."; exit 1; fi; }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

# compileall: bytecode for briefgen itself, which pip writes for an installed package but not for
# this editable one (nor Python under PYTHONDONTWRITEBYTECODE): later runs start ~35 ms sooner.
demo: system-deps $(STAMP)
	@mkdir -p output
	@$(BIN)/python -m compileall -q briefgen >/dev/null
	$(BIN)/briefgen render $(SAMPLE) --format pdf --output output/$(notdir $(basename $(SAMPLE)))-brief.pdf
	$(BIN)/briefgen render $(SAMPLE) --format md --output output/$(notdir $(basename $(SAMPLE)))-brief.md
	@echo "Your brief: $(CURDIR)/output/$(notdir $(basename $(SAMPLE)))-brief.pdf"
	@echo "Your notes: $(CURDIR)/output/$(notdir $(basename $(SAMPLE)))-brief.md"

test: system-deps browser-deps $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Cold-start medians (PDF, Markdown, a 100-brief batch), peak memory, and ratios against RenderCV
# when it is installed (RENDERCV=/path/to/rendercv). Takes about a minute; quieter machine, truer numbers.
bench: system-deps $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

# The README pictures, from the reference brief in each theme (needs pdftoppm: poppler-utils).
picture: $(STAMP)
	$(BIN)/briefgen render samples/priya-raman.yaml -o output/priya-raman-brief.pdf
	pdftoppm -png -r 110 -singlefile output/priya-raman-brief.pdf docs/brief
	$(BIN)/briefgen render samples/rlhf-research-scientist.yaml --theme compact -o output/compact.pdf
	pdftoppm -png -r 110 -singlefile output/compact.pdf docs/brief-compact

lint: $(STAMP)
	$(BIN)/ruff check briefgen tests
	$(BIN)/mypy briefgen

clean:
	rm -rf $(VENV) build dist *.egg-info output/*.pdf output/*.md output/*.html
