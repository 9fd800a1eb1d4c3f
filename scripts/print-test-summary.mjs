#!/usr/bin/env node
// Prints vitest's totals as one line, `N passed, N failed`, from the JSON report that
// `pnpm test:unit` writes (vitest prints no such line of its own). Exits 1 if the report
// is missing, so a run that never reached the tests cannot look green.
import { existsSync, readFileSync } from "node:fs";

const report = new URL("../.vitest-results.json", import.meta.url);
if (!existsSync(report)) {
  console.error(
    "no test report (.vitest-results.json): the tests did not run; see the errors above",
  );
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
  readFileSync(report, "utf8"),
);
const skipped = numPendingTests + numTodoTests;
console.log(
  `${numPassedTests} passed, ${numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
);
