# Two commands on a fresh machine: `make start` and `make test`. Each first makes sure a Node that
# Backstage supports is there (scripts/ensure-node.sh) and that dependencies are installed.

SHELL := /bin/bash
RUN := ./scripts/with-toolchain.sh

# Store tests run on PostgreSQL 15 too; these machines have it at 127.0.0.1:5432.
BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?= postgresql://postgres@127.0.0.1:5432
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
# TestDatabases would otherwise try Docker for the databases it has no connection string for.
export BACKSTAGE_TEST_DISABLE_DOCKER := 1

MANIFESTS := package.json .yarnrc.yml $(wildcard packages/*/package.json plugins/*/package.json test/*/package.json)
# CI installs exactly what yarn.lock says; locally a changed manifest updates the lockfile.
YARN_INSTALL_FLAGS := $(if $(CI),--immutable,)

.PHONY: help start test install toolchain clean

help:
	@echo "make start   set up, then run the portal with demo data on http://localhost:3000"
	@echo "make test    set up, then type-check, lint and run every test suite"

toolchain:
	@$(RUN) node --version >/dev/null

install: node_modules/.install-stamp

node_modules/.install-stamp: yarn.lock $(MANIFESTS) | toolchain
	$(RUN) yarn install $(YARN_INSTALL_FLAGS)
	@touch $@

# SCENARIO=<file> serves a hand-written scenario (test/simulator/scenarios/) instead of the demo.
start: install
	@SCENARIO="$(SCENARIO)" $(RUN) ./scripts/start.sh

test: install
	@./scripts/ensure-postgres.sh
	@./scripts/ensure-chromium.sh
	@$(RUN) ./scripts/test.sh

clean:
	rm -rf node_modules packages/*/node_modules plugins/*/node_modules dist-types test-results
