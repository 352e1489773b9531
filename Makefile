# The two commands of the README: `make run` and `make test`. Both install what is missing.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DATA_DIR ?= .data

.PHONY: run test lint bench package install clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check 'pip<26.3'
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
	@command -v java >/dev/null || { echo "Java 17+ is required for DynamoDB Local: apt-get install -y openjdk-17-jre-headless"; exit 1; }

run: install
	PORT=$(PORT) DATA_DIR=$(DATA_DIR) $(PY) -m devstack.run

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: install lint
	$(PY) -m pytest

bench: install
	$(PY) bench/api.py

package: $(VENV)/.installed
	rm -rf build/package
	$(VENV)/bin/chalice package --stage dev build/package

clean:
	rm -rf $(VENV) node_modules build .pytest_cache .mypy_cache .ruff_cache
