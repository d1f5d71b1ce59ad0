// Summarises Stryker's JSON reports (mutation-testing-report-schema) for ./city mutate: one line
// per target with its score, and the surviving mutants written to survivors.txt beside the
// report so each can be reviewed and either killed by a test or explained.
// Usage: node summarize-mutation.mjs <mutation-folder> <target>...
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const [folder, ...targets] = process.argv.slice(2);
const undetected = new Set(["Survived", "NoCoverage"]);
const detected = new Set(["Killed", "Timeout"]);
let missing = 0;

for (const target of targets) {
  const reportPath = join(folder, target, "reports", "mutation-report.json");
  if (!existsSync(reportPath)) {
    console.log(`    ${target.padEnd(12)} no report (see .city/mutation/${target}/stryker.log)`);
    missing++;
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, other: 0 };
  const survivors = [];
  for (const [path, file] of Object.entries(report.files)) {
    const lines = file.source.split("\n");
    for (const mutant of file.mutants) {
      if (mutant.status in counts) counts[mutant.status]++;
      else counts.other++;
      if (undetected.has(mutant.status)) {
        const line = mutant.location.start.line;
        survivors.push(
          `${relative(report.projectRoot ?? "", path) || path}:${line} ${mutant.status} ${mutant.mutatorName}` +
            (mutant.replacement ? ` -> ${mutant.replacement.replace(/\s+/g, " ").slice(0, 120)}` : "") +
            `\n    ${lines[line - 1]?.trim() ?? ""}`,
        );
      }
    }
  }
  const killed = counts.Killed + counts.Timeout;
  const valid = killed + counts.Survived + counts.NoCoverage;
  const score = valid === 0 ? 0 : (100 * killed) / valid;
  writeFileSync(join(folder, target, "survivors.txt"), survivors.join("\n") + (survivors.length ? "\n" : ""));
  console.log(
    `    ${target.padEnd(12)} ${score.toFixed(1).padStart(5)} %  ` +
      `killed ${counts.Killed}, timeout ${counts.Timeout}, survived ${counts.Survived}, ` +
      `no coverage ${counts.NoCoverage} (not tested: ${counts.other}); survivors in .city/mutation/${target}/survivors.txt`,
  );
}
process.exitCode = missing > 0 ? 1 : 0;
