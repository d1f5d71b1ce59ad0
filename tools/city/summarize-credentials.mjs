// Prints a few lines about .city/dev-credentials.json (written by the identity service) without
// assuming more of its shape than "a JSON object": scalars as they are, lists by their names.
// Usage: node summarize-credentials.mjs <path>
import { readFileSync } from "node:fs";

const credentials = JSON.parse(readFileSync(process.argv[2], "utf8"));
const label = (item) =>
  typeof item === "object" && item !== null
    ? item.clientId ?? item.client_id ?? item.username ?? item.name ?? item.id ?? "(entry)"
    : String(item);

function describe(value) {
  if (Array.isArray(value)) return `${value.length}: ${value.slice(0, 5).map(label).join(", ")}${value.length > 5 ? ", ..." : ""}`;
  if (typeof value === "object" && value !== null) return `{ ${Object.keys(value).join(", ")} }`;
  return String(value);
}

for (const [key, value] of Object.entries(credentials).slice(0, 12)) {
  console.log(`  ${key.padEnd(16)} ${describe(value)}`);
}
