// Reads the wrk outputs of one gateway benchmark run (round<N>-<path>.txt), prints requests per
// second and latency percentiles per path (the median over rounds) with the ratios that matter,
// and writes them as JSON. Usage: node report.mjs <wrk-folder> <report.json> <description>
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder, output, description] = process.argv.slice(2);
const paths = ['direct', 'gateway', 'nginx'];
const unitsToMs = { us: 0.001, ms: 1, s: 1000 };

function parse(text, file) {
  const latency = {};
  for (const match of text.matchAll(/^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$/gm)) {
    latency[`p${match[1]}`] = Number(match[2]) * unitsToMs[match[3]];
  }
  const rps = text.match(/^Requests\/sec:\s+([\d.]+)/m);
  if (!rps || !latency.p50 || !latency.p90 || !latency.p99) {
    throw new Error(`${file}: not a complete wrk --latency output`);
  }
  const non2xx = text.match(/Non-2xx or 3xx responses:\s+(\d+)/);
  const errors = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  return {
    rps: Number(rps[1]),
    ...latency,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const runs = Object.fromEntries(paths.map((path) => [path, []]));
for (const file of readdirSync(folder).sort()) {
  const match = file.match(/^round(\d+)-(direct|gateway|nginx)\.txt$/);
  if (match) runs[match[2]].push({ round: Number(match[1]), ...parse(readFileSync(join(folder, file), 'utf8'), file) });
}

const summary = {};
for (const path of paths) {
  if (runs[path].length === 0) throw new Error(`no wrk output for ${path} in ${folder}`);
  summary[path] = {
    rps: median(runs[path].map((run) => run.rps)),
    p50: median(runs[path].map((run) => run.p50)),
    p90: median(runs[path].map((run) => run.p90)),
    p99: median(runs[path].map((run) => run.p99)),
    non2xx: runs[path].reduce((sum, run) => sum + run.non2xx, 0),
    socketErrors: runs[path].reduce((sum, run) => sum + run.socketErrors, 0),
  };
}

const ratio = (a, b) => ({
  rps: summary[a].rps / summary[b].rps,
  p50: summary[a].p50 / summary[b].p50,
  p90: summary[a].p90 / summary[b].p90,
  p99: summary[a].p99 / summary[b].p99,
});
const ratios = {
  'gateway/direct': ratio('gateway', 'direct'),
  'nginx/direct': ratio('nginx', 'direct'),
  'gateway/nginx': ratio('gateway', 'nginx'),
};

const ms = (value) => `${value.toFixed(2)} ms`;
const x = (value) => `${value.toFixed(2)}x`;
console.log(`\nGateway benchmark: ${description} (median of rounds)`);
console.log(`  ${'path'.padEnd(16)}${'req/s'.padStart(10)}${'p50'.padStart(11)}${'p90'.padStart(11)}${'p99'.padStart(11)}   non-2xx  socket errors`);
for (const path of paths) {
  const s = summary[path];
  console.log(`  ${path.padEnd(16)}${s.rps.toFixed(0).padStart(10)}${ms(s.p50).padStart(11)}${ms(s.p90).padStart(11)}${ms(s.p99).padStart(11)}   ${String(s.non2xx).padStart(7)}  ${String(s.socketErrors).padStart(13)}`);
}
console.log(`  ${'ratio'.padEnd(16)}${'req/s'.padStart(10)}${'p50'.padStart(11)}${'p90'.padStart(11)}${'p99'.padStart(11)}`);
for (const [name, r] of Object.entries(ratios)) {
  console.log(`  ${name.padEnd(16)}${x(r.rps).padStart(10)}${x(r.p50).padStart(11)}${x(r.p90).padStart(11)}${x(r.p99).padStart(11)}`);
}
const problems = paths.filter((path) => summary[path].non2xx > 0 || summary[path].socketErrors > 0);
if (problems.length > 0) {
  console.log(`  WARNING: errors on ${problems.join(', ')}: those figures measure failures too; see the raw outputs.`);
}

writeFileSync(output, `${JSON.stringify({ description, runs, summary, ratios }, null, 2)}\n`);
