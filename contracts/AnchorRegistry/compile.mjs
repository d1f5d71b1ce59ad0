// Compiles AnchorRegistry.sol with solc's standard-JSON interface and writes the artefacts the
// services deploy and call: AnchorRegistry.abi.json, AnchorRegistry.bin (creation bytecode) and
// AnchorRegistry.runtime.bin (the code an auditor finds at the registry's address).
//
//   node contracts/AnchorRegistry/compile.mjs [output folder]   (default: this folder)
//
// solc comes from $CITY_SOLC (the path of solc's solc.js) or else tools/node_modules/solc.
// The compiler, the EVM version and the optimizer are pinned, so the output is byte-for-byte
// reproducible: a test recompiles and compares it with the committed files.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOLC_VERSION = '0.8.37+commit.f401782d';
const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? here);

function fail(message) {
  console.error(`compile.mjs: ${message}`);
  process.exit(1);
}

function loadSolc() {
  const solcDir = process.env.CITY_SOLC
    ? dirname(resolve(process.env.CITY_SOLC))
    : join(here, '..', '..', 'tools', 'node_modules', 'solc');
  if (!existsSync(join(solcDir, 'package.json'))) {
    fail(`no solc at ${solcDir}: set CITY_SOLC to solc.js, or install the tools (npm ci in tools/).`);
  }
  const solc = createRequire(import.meta.url)(solcDir);
  if (!solc.version().startsWith(SOLC_VERSION)) {
    fail(`solc ${solc.version()} found; the artefacts are pinned to ${SOLC_VERSION}.`);
  }
  return solc;
}

// The committed input names its sources by URL; inline them. Line endings are normalised so a
// CRLF checkout compiles to the same bytecode (the metadata hash covers the source bytes).
const input = JSON.parse(readFileSync(join(here, 'AnchorRegistry.input.json'), 'utf8'));
for (const [name, source] of Object.entries(input.sources)) {
  input.sources[name] = { content: readFileSync(join(here, source.urls[0]), 'utf8').replace(/\r\n/g, '\n') };
}

const output = JSON.parse(loadSolc().compile(JSON.stringify(input)));
const problems = output.errors ?? [];
for (const problem of problems) {
  console.error(problem.formattedMessage ?? problem.message);
}
// Warnings fail the build too: a contract that holds public history should compile clean.
if (problems.length > 0) {
  fail(`${problems.length} compiler message(s); nothing written.`);
}

const contract = output.contracts['AnchorRegistry.sol'].AnchorRegistry;
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'AnchorRegistry.abi.json'), `${JSON.stringify(contract.abi, null, 2)}\n`);
writeFileSync(join(outDir, 'AnchorRegistry.bin'), `${contract.evm.bytecode.object}\n`);
writeFileSync(join(outDir, 'AnchorRegistry.runtime.bin'), `${contract.evm.deployedBytecode.object}\n`);
console.log(`AnchorRegistry compiled with solc ${SOLC_VERSION} into ${outDir}`);
