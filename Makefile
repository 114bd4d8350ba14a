# The two commands of the contract: `make demo` and `make test`. Both work on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo

.PHONY: demo test test-rust lint vectors bench

## demo: the whole job on the embedded sandbox: setup, validation, ordered pushes, verification
demo:
	$(CARGO) run -q -p feedrail-examples --bin quickstart

## test: every test in every language
test: lint vectors test-rust

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy -q --workspace --all-targets -- -D warnings

## vectors: the committed conformance cases match their generator
vectors:
	python3 tests/vectors/make_vectors.py --check

test-rust:
	$(CARGO) test -q --workspace
	$(CARGO) run -q -p feedrail-examples --bin quickstart > /dev/null
	$(CARGO) run -q -p feedrail --example validate_file > /dev/null || [ $$? -eq 1 ]
	$(CARGO) test -q -p feedrail --test vectors -- --nocapture 2>&1 | grep -E '^vectors:'

## bench: criterion benchmarks (not part of `make test`)
bench:
	$(CARGO) bench -p feedrail --bench validate_batch
	$(CARGO) bench -p feedrail-sandbox --bench ingest
