// Prints the YAML files given as one JSON object: { "<file>": [<document>, …] }, for the
// architecture tests, which have no YAML parser of their own. Uses the yaml package ./city
// installs under tools/node_modules.
//   node yaml-to-json.mjs <tools dir> <file.yaml> …
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const [toolsDir, ...files] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(toolsDir), "node_modules", "index.js"));
const YAML = require("yaml");
const result = {};
for (const file of files) {
  result[file] = YAML.parseAllDocuments(readFileSync(file, "utf8")).map((document) => document.toJS());
}
process.stdout.write(JSON.stringify(result));
