#!/usr/bin/env bash
# Every check of the repository, in order: types, lint, formatting, the Jest suites of every
# package (store tests on SQLite and, when its connection string is set, PostgreSQL 15), and the
# Playwright browser tests. Every step runs even when an earlier one failed, so one run shows all
# that is wrong. Ends with one line `N passed, N failed[, N skipped]` over Jest and Playwright,
# and exits non-zero when any step failed or when no test ran at all.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

results=test-results
rm -rf "$results"
mkdir -p "$results"
failed_steps=()

step() {
  local name="$1"
  shift
  echo
  echo "=== $name"
  if ! "$@"; then
    failed_steps+=("$name")
  fi
}

step "one version of each @backstage package" node scripts/check-backstage-versions.js
step "type check (tsc)" yarn tsc
step "lint" yarn backstage-cli repo lint
step "formatting (prettier)" yarn prettier --check --loglevel warn .
step "unit and integration tests (jest)" \
  yarn backstage-cli repo test --watchAll=false --verbose \
  --json --outputFile="$results/jest.json"
if [ -z "${SKIP_BROWSER_TESTS:-}" ]; then
  step "browser tests (playwright)" yarn playwright test
fi

echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  printf 'Failed steps: %s\n' "$(IFS=';'; echo "${failed_steps[*]}")"
fi
node scripts/test-summary.js "$results/jest.json" "$results/playwright.json" \
  >"$results/summary.txt"
summary_status=$?
cat "$results/summary.txt"
if [ ${#failed_steps[@]} -gt 0 ] || [ $summary_status -ne 0 ]; then
  exit 1
fi
