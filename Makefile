# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= newsloom.db
CORPUS ?= examples/corpus

.PHONY: run test test-fast setup system-deps lock bench screenshots clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Debian packages the tests need, installed only when missing: Chromium for the browser tests,
# the PostgreSQL server for the PostgreSQL store tests (they start their own server on loopback).
DEBIAN_PKGS_MISSING = $(strip \
	$(if $(shell command -v chromium 2>/dev/null),,chromium) \
	$(if $(wildcard /usr/lib/postgresql/*/bin/initdb),,postgresql))

system-deps:
	@if [ -n "$(DEBIAN_PKGS_MISSING)" ]; then \
	  echo "installing Debian packages: $(DEBIAN_PKGS_MISSING)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PKGS_MISSING) >/dev/null) \
	  || { echo "could not install $(DEBIAN_PKGS_MISSING) (run as root, or install them)"; exit 1; }; \
	fi

run: $(STAMP)
	$(BIN)/newsloom ingest $(CORPUS) --db $(DB)
	$(BIN)/newsloom stories build --db $(DB)
	$(BIN)/newsloom digest --db $(DB)

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser"

# uv resolves; the hashes cover every file of each pinned version. Existing pins are kept (-c).
# torch is pinned to its CPU build (2.13.0+cpu): PyPI's Linux wheel pulls several GB of CUDA.
# uv finds the CPU build on PyTorch's CPU index; where the wheel lies on disk instead, pass e.g.
# LOCK_INDEX="--find-links /opt/wheels". Where PyPI itself is mirrored on disk too (as on our
# build machines), name the mirrors as well: LOCK_INDEX="--find-links /opt/wheels
# --extra-index-url file:///opt/pypi/simple --extra-index-url file:///opt/pypi-more/simple".
LOCK_INDEX ?= --extra-index-url https://download.pytorch.org/whl/cpu
lock:
	$(BIN)/python -m pip install --quiet uv
	grep -E '^[A-Za-z0-9_.-]+==' requirements.lock | sed 's/ .*//' > .lock-pins.txt
	$(BIN)/uv pip compile requirements.in --generate-hashes --python-version 3.11 -c .lock-pins.txt -o requirements.lock --quiet \
	  --index-strategy unsafe-best-match $(LOCK_INDEX)
	rm -f .lock-pins.txt

bench: $(STAMP)
	for b in benchmarks/*.py; do case $$b in */_*|*/screenshots.py|*/aeb_metric.py) ;; *) $(BIN)/python $$b || exit 1;; esac; done

screenshots: $(STAMP) system-deps
	$(BIN)/python benchmarks/screenshots.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
