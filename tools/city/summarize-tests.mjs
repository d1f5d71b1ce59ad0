// Sums the xUnit.net v2+ XML reports (--report-xunit-xml) of one `./city test` run and prints
// "N passed, N failed, N skipped" as the last line. Exits non-zero when a test failed, when
// dotnet test failed (a build error, a crashed test app) or when no test ran at all.
// Usage: node summarize-tests.mjs <results-directory> <dotnet test exit code>
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const [resultsDirectory, dotnetExitCodeText = "0"] = process.argv.slice(2);
const dotnetExitCode = Number(dotnetExitCodeText);

function reportFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return reportFiles(path);
    return entry.name.endsWith(".xunit.xml") ? [path] : [];
  });
}

// Each <assembly> element carries the counts of one test app.
function assemblyCounts(xml) {
  return [...xml.matchAll(/<assembly\s[^>]*>/g)].map(([tag]) => {
    const attributes = Object.fromEntries(
      [...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]),
    );
    const count = (name) => Number.parseInt(attributes[name] ?? "0", 10) || 0;
    return {
      passed: count("passed"),
      failed: count("failed"),
      // Explicit tests that were not asked for are reported as not-run: they did not run either.
      skipped: count("skipped") + count("not-run"),
      // Failures outside any test, such as a fixture that could not be created or disposed.
      errors: count("errors"),
    };
  });
}

const totals = { passed: 0, failed: 0, skipped: 0, errors: 0 };
const files = reportFiles(resultsDirectory);
for (const file of files) {
  for (const counts of assemblyCounts(readFileSync(file, "utf8"))) {
    for (const key of Object.keys(totals)) totals[key] += counts[key];
  }
}

const problems = [];
const ran = totals.passed + totals.failed;
if (totals.errors > 0) problems.push(`${totals.errors} error(s) outside tests (fixtures, cleanup): see the output above`);
if (ran === 0) {
  problems.push(`no test ran (dotnet test exit code ${dotnetExitCode}): a build error, or filters that matched nothing? See above`);
} else if (dotnetExitCode !== 0 && totals.failed === 0 && totals.errors === 0) {
  problems.push(`dotnet test exited with code ${dotnetExitCode} although no test failed: a test app crashed? See above`);
}
for (const problem of problems) console.log(`city: ${problem}`);

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 || problems.length > 0 ? 1 : 0;
