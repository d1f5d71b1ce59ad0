// Validates Kubernetes objects offline against the Kubernetes OpenAPI schemas shipped by
// kubernetes-models (npm), without a cluster: each object is loaded into the model class of its
// apiVersion/kind and validated (model.validate() throws with the failing paths).
//
//   node validate-k8s.mjs <tools dir> [--parse-only] [file.yaml …]     (no file: YAML on stdin)
//
// The JSON printed carries the parsed objects too ("objects"), so that callers without a YAML
// parser (the C# tests) can inspect them; --parse-only skips the validation (e.g. skaffold.yaml).
//
// Objects of operator CRDs (CloudNativePG, RabbitMQ operators, Prometheus Operator) have no schema
// there: they are checked by kind-specific rules below (known kind of a known group, required
// fields). Anything else unknown is an error. Prints one JSON object; exits 1 on any error.
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [toolsArg, ...rest] = process.argv.slice(2);
const parseOnly = rest.includes("--parse-only");
const files = rest.filter((a) => a !== "--parse-only");
const toolsDir = toolsArg && path.resolve(toolsArg);
if (!toolsDir) {
  console.error("usage: node validate-k8s.mjs <tools dir> [file.yaml …]");
  process.exit(2);
}
const modelsDir = path.join(toolsDir, "node_modules", "kubernetes-models");
if (!existsSync(modelsDir)) {
  console.error(`kubernetes-models is not installed in ${toolsDir}/node_modules: run npm ci --prefix tools`);
  process.exit(2);
}
const YAML = createRequire(path.join(toolsDir, "package.json"))("yaml");

const has = (o, p) => p.split(".").reduce((v, k) => (v == null ? undefined : v[k]), o) !== undefined;
const crdRules = {
  "postgresql.cnpg.io/v1": {
    Cluster: ["spec.instances", "spec.storage.size"],
    Database: ["spec.cluster.name", "spec.name", "spec.owner"],
    ScheduledBackup: ["spec.schedule", "spec.cluster.name"],
  },
  "rabbitmq.com/v1beta1": {
    RabbitmqCluster: ["spec.replicas"],
    Policy: ["spec.name", "spec.pattern", "spec.definition", "spec.rabbitmqClusterReference.name"],
    User: ["spec.rabbitmqClusterReference.name"],
    Permission: ["spec.vhost", "spec.permissions", "spec.rabbitmqClusterReference.name"],
  },
  "monitoring.coreos.com/v1": {
    PrometheusRule: ["spec.groups"],
    ServiceMonitor: ["spec.selector", "spec.endpoints"],
  },
};

const text = files.length ? files.map((f) => readFileSync(f, "utf8")).join("\n---\n") : readFileSync(0, "utf8");
const docs = YAML.parseAllDocuments(text);
const result = { validated: 0, crds: 0, kinds: {}, errors: [], objects: [] };
for (const doc of docs) {
  if (doc.errors.length) {
    result.errors.push(`YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const obj = doc.toJSON();
  if (obj == null) continue;
  result.objects.push(obj);
  if (parseOnly) continue;
  const id = `${obj.kind ?? "?"}/${obj.metadata?.name ?? "?"}`;
  if (!obj.apiVersion || !obj.kind) {
    result.errors.push(`${id}: apiVersion and kind are required`);
    continue;
  }
  result.kinds[obj.kind] = (result.kinds[obj.kind] ?? 0) + 1;
  if (!obj.metadata?.name) result.errors.push(`${id}: metadata.name is required`);
  const crd = crdRules[obj.apiVersion];
  if (crd) {
    const required = crd[obj.kind];
    if (!required) result.errors.push(`${id}: unknown kind for ${obj.apiVersion}`);
    else for (const p of required) if (!has(obj, p)) result.errors.push(`${id}: ${p} is required`);
    result.crds++;
    continue;
  }
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
  // The ES module of the model when the package ships one (kubernetes-models 4.x ships both).
  const base = path.join(modelsDir, group, version, obj.kind);
  const file = existsSync(`${base}.mjs`) ? `${base}.mjs` : `${base}.js`;
  if (!existsSync(file)) {
    result.errors.push(`${id}: no Kubernetes schema for ${obj.apiVersion} ${obj.kind}`);
    continue;
  }
  const module = await import(pathToFileURL(file).href);
  try {
    new module[obj.kind](obj).validate();
    result.validated++;
  } catch (e) {
    result.errors.push(`${id}: ${e.message}`);
  }
}
console.log(JSON.stringify(result));
process.exit(result.errors.length ? 1 : 0);
