#!/usr/bin/env node
/*
 * Totals the Jest and Playwright JSON reports into one line, `N passed, N failed, N skipped`,
 * the line CI reads to tell a run that tested nothing from one that passed. A report that is
 * missing counts as nothing run; a suite that could not even load counts as a failure.
 * Exits 1 when anything failed or nothing passed.
 */
const fs = require('node:fs');

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function jestTotals(report) {
  if (!report) return { passed: 0, failed: 0, skipped: 0 };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightTotals(report) {
  if (!report) return { passed: 0, failed: 0, skipped: 0 };
  const {
    expected = 0,
    unexpected = 0,
    flaky = 0,
    skipped = 0,
  } = report.stats ?? {};
  // A flaky test failed before it passed: that is not a pass.
  return {
    passed: expected,
    failed: unexpected + flaky + (report.errors?.length ?? 0),
    skipped,
  };
}

const [jestFile, playwrightFile] = process.argv.slice(2);
const totals = [
  jestTotals(readJson(jestFile)),
  playwrightTotals(readJson(playwrightFile)),
].reduce(
  (sum, t) => ({
    passed: sum.passed + t.passed,
    failed: sum.failed + t.failed,
    skipped: sum.skipped + t.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);

console.log(
  `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
