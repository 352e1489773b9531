# The two commands of the README: `make run` and `make test`. Both install what is missing.
#
# Three virtual environments keep each deployable's dependencies apart:
#   .venv         the API (requirements.txt, what the Lambda zip holds) plus dev and test tools
#   .venv-topics  the nightly topics job (BERTopic, CPU torch: requirements-topics.txt)
#   .venv-infra   the CDK app (infra/requirements.txt)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TOPICS_VENV := .venv-topics
TOPICS_PY := $(TOPICS_VENV)/bin/python
INFRA_VENV := .venv-infra
INFRA_PY := $(INFRA_VENV)/bin/python
PIP_FLAGS := --quiet --disable-pip-version-check
PORT ?= 8000
DATA_DIR ?= .data

.PHONY: run cluster test test-api test-topics test-infra lint lint-topics bench bench-topics bench-web synth package \
	cluster-csv install install-browser clean

$(VENV)/.installed: requirements.txt requirements-vendor.txt requirements-dev.txt requirements-semantic.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_FLAGS) 'pip<26.3'
	$(PY) -m pip install $(PIP_FLAGS) -r requirements-dev.txt
	touch $@

# torch is pinned in requirements-topics.txt, installed in the same pip command as BERTopic:
# otherwise pip resolves a multi-GB CUDA build.
$(TOPICS_VENV)/.installed: requirements-topics.txt requirements.txt requirements-vendor.txt
	test -x $(TOPICS_PY) || $(PYTHON) -m venv $(TOPICS_VENV)
	$(TOPICS_PY) -m pip install $(PIP_FLAGS) 'pip<26.3'
	$(TOPICS_PY) -m pip install $(PIP_FLAGS) -r requirements-topics.txt
	touch $@

$(INFRA_VENV)/.installed: infra/requirements.txt requirements.txt requirements-vendor.txt
	test -x $(INFRA_PY) || $(PYTHON) -m venv $(INFRA_VENV)
	$(INFRA_PY) -m pip install $(PIP_FLAGS) 'pip<26.3'
	$(INFRA_PY) -m pip install $(PIP_FLAGS) -r infra/requirements.txt
	touch $@

# PynamoDB without botocore, for the Lambda zip (requirements.txt says why).
vendor/.installed: requirements-vendor.txt $(VENV)/.installed
	rm -rf vendor
	$(PY) -m pip install $(PIP_FLAGS) --no-deps --target vendor -r requirements-vendor.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

infra/node_modules/.installed: infra/package.json infra/package-lock.json
	npm ci --prefix infra --no-audit --no-fund --loglevel=error
	touch $@

# The browser tests drive Debian's chromium (Playwright's own browser download cannot work here).
install-browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser tests need Debian's chromium: run 'sudo apt-get install -y chromium' (or as root: apt-get install -y chromium)"; exit 1; fi; }

install: $(VENV)/.installed $(TOPICS_VENV)/.installed node_modules/.installed
	@command -v java >/dev/null || { echo "Java 17+ is required for DynamoDB Local: apt-get install -y openjdk-17-jre-headless"; exit 1; }

run: install
	PORT=$(PORT) DATA_DIR=$(DATA_DIR) $(PY) -m devstack.run

cluster: install
	DATA_DIR=$(DATA_DIR) $(PY) -m devstack.cluster

# Cluster any CSV offline: make cluster-csv IN=ideas.csv OUT=topics.csv [TEXT_COLUMN=text]
cluster-csv: $(TOPICS_VENV)/.installed
	$(TOPICS_PY) -m chalicelib.topics cluster $(IN) --text-column $(or $(TEXT_COLUMN),text) --output $(OUT)

lint: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	node_modules/.bin/eslint web/assets

# The topics package is type-checked where its dependencies live.
lint-topics: $(TOPICS_VENV)/.installed
	$(TOPICS_VENV)/bin/mypy --ignore-missing-imports chalicelib/topics/*.py tests/topics/*.py bench/topics_*.py bench/semantic_models.py \
		bench/feed_quality.py

test-api: install install-browser $(TOPICS_VENV)/.installed
	$(PY) -m pytest

test-topics: $(TOPICS_VENV)/.installed node_modules/.installed
	$(TOPICS_PY) -m pytest tests/topics

test-infra: $(INFRA_VENV)/.installed infra/node_modules/.installed vendor/.installed
	$(INFRA_PY) -m pytest tests/infra

test: lint lint-topics test-api test-topics test-infra

bench: install vendor/.installed
	$(PY) -m bench.api
	$(PY) -m bench.parsers
	$(PY) bench/trending.py

bench-web: install install-browser
	$(PY) bench/web.py

bench-topics: $(TOPICS_VENV)/.installed node_modules/.installed
	$(TOPICS_PY) bench/topics_quality.py
	$(TOPICS_PY) bench/topics_demo.py
	$(TOPICS_PY) bench/feed_quality.py
	$(TOPICS_PY) bench/topics_speed.py

synth: $(INFRA_VENV)/.installed infra/node_modules/.installed vendor/.installed
	cd infra && AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-eu-west-1} npx cdk synth --quiet -c stage=$${STAGE:-dev}

package: $(VENV)/.installed vendor/.installed
	rm -rf build/package
	$(VENV)/bin/chalice package --stage dev build/package

clean:
	rm -rf $(VENV) $(TOPICS_VENV) $(INFRA_VENV) node_modules infra/node_modules infra/cdk.out build vendor \
		.pytest_cache .mypy_cache .ruff_cache
