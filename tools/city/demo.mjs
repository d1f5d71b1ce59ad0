// The platform tour behind `./city demo`: a department, a citizen, a doctor and an auditor use
// the platform only through the gateway, as they would for real. Every step says what it does
// and shows the HTTP exchange that did it. Ends with a receipt file that city-audit verifies
// against the chain alone.
//
// Usage: node demo.mjs --gateway URL --credentials FILE --out DIR --rpc URL
import { createPrivateKey, generateKeyPairSync, randomInt, sign } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: options } = parseArgs({
  options: {
    gateway: { type: "string" },
    credentials: { type: "string" },
    out: { type: "string" },
    rpc: { type: "string" },
  },
});
const gateway = options.gateway.replace(/\/$/, "");
const credentials = JSON.parse(readFileSync(options.credentials, "utf8"));
mkdirSync(options.out, { recursive: true });

const CARD_GRANT = credentials.cardGrantType;

let stepNumber = 0;

function step(title, why) {
  stepNumber += 1;
  console.log(`\n── ${stepNumber}. ${title}`);
  if (why) console.log(`   ${why}`);
}

function show(label, value) {
  console.log(`   ${label.padEnd(14)} ${value}`);
}

class DemoError extends Error {}

async function call(method, path, { token, json, form, expect = [200, 201, 204] } = {}) {
  const headers = {};
  let body;
  if (token) headers.authorization = `Bearer ${token}`;
  if (json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(form).toString();
  }
  const response = await fetch(gateway + path, { method, headers, body, signal: AbortSignal.timeout(15000) });
  const text = await response.text();
  const parsed = text && (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text;
  console.log(`   ${method} ${path} → ${response.status}`);
  if (!expect.includes(response.status)) {
    throw new DemoError(`${method} ${path} answered ${response.status}: ${text.slice(0, 400)}`);
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

async function until(what, probe, timeoutSeconds = 120) {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const result = await probe();
    if (result) return result;
    if (Date.now() > deadline) throw new DemoError(`gave up waiting for ${what} after ${timeoutSeconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function client(id) {
  const found = credentials.clients.find((c) => c.clientId === id);
  if (!found) throw new DemoError(`${options.credentials} names no client ${id}`);
  return found;
}

async function departmentToken(clientId) {
  const { clientSecret, scope } = client(clientId);
  const { body } = await call("POST", "/connect/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope },
  });
  return body.access_token;
}

// The card grant: the server sends a single-use nonce, the card signs it, the token names the citizen.
async function cardToken(cardId, privateKey, scope) {
  const challenge = await call("POST", "/connect/challenge", { json: { card_id: cardId } });
  const signature = sign("sha256", Buffer.from(challenge.body.message, "utf8"), { key: privateKey, dsaEncoding: "ieee-p1363" });
  const { body } = await call("POST", "/connect/token", {
    form: {
      grant_type: CARD_GRANT,
      client_id: "city-citizen",
      card_id: cardId,
      nonce: challenge.body.nonce,
      signature: signature.toString("base64url"),
      scope,
    },
  });
  return body.access_token;
}

function claims(token) {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

async function main() {
  console.log(`CityServices tour, through the gateway at ${gateway}`);

  step("The civil registry signs in", "A department system uses OAuth client credentials (dev secret from .city/dev-credentials.json).");
  const registry = await departmentToken("identity-department");
  show("token scope", claims(registry).scope);

  step("The registry registers a newborn citizen", "Every change is an event in the identity service's Marten stream.");
  const nationalId = `DEMO${String(randomInt(0, 1e9)).padStart(9, "0")}`;
  const citizen = await call("POST", "/api/identity/citizens", {
    token: registry,
    json: { nationalId, givenName: "Mari", familyName: "Tamm", birthDate: "1990-04-12", district: "kesklinn" },
  });
  const citizenId = citizen.body.id;
  show("citizen id", citizenId);

  step("A citizen card is issued", "The card holds an ECDSA P-256 key pair; only the public key is registered.");
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const card = await call("POST", `/api/identity/citizens/${citizenId}/cards`, {
    token: registry,
    json: { publicKey: publicKey.export({ format: "jwk" }) },
  });
  const cardId = card.body.id;
  writeFileSync(join(options.out, "mari-card-key.pem"), privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600 });
  show("card id", cardId);
  show("private key", join(options.out, "mari-card-key.pem"));

  step("Mari signs in with her card", "POST /connect/challenge gives a nonce; the card signs it; /connect/token checks the signature.");
  const mari = await cardToken(cardId, privateKey, "citizen");
  show("token subject", `${claims(mari).sub} (card ${claims(mari).card_id})`);
  const me = await call("GET", "/api/identity/me", { token: mari });
  show("she reads", `${me.body.givenName} ${me.body.familyName}, ${me.body.district}`);

  step("Her health record opens", "health-records keeps its own view from identity's CitizenRegistered event, over RabbitMQ.");
  await until("the health record to open", async () => {
    const response = await call("GET", "/api/health-records/me/record", { token: mari, expect: [200, 404] });
    return response.status === 200 ? response.body : null;
  });
  show("record", "open, no entries yet");

  const doctor = credentials.doctor;
  step(`Mari lets Dr ${doctor.familyName ?? "(dev doctor)"} read and write her record`, "Consent is hers to give and to revoke.");
  await call("POST", "/api/health-records/me/consents", {
    token: mari,
    json: { provider: { kind: "staff", id: doctor.citizenId }, access: "write" },
  });

  step("The doctor signs in with the doctor's own card", "Staff get their department and roles in the token; the reader is always a person.");
  const doctorToken = await cardToken(doctor.cardId, createPrivateKey(doctor.privateKeyPem), "citizen health-records");
  const doctorClaims = claims(doctorToken);
  show("roles", `${[doctorClaims.role].flat().join(", ")} in ${doctorClaims.department}`);
  await call("POST", `/api/health-records/patients/${citizenId}/entries`, {
    token: doctorToken,
    json: { kind: "diagnosis", code: "J06.9", content: "Acute upper respiratory infection; rest and fluids." },
  });
  const read = await call("GET", `/api/health-records/patients/${citizenId}/record?purpose=consent`, { token: doctorToken });
  show("doctor reads", `${read.body.entries.length} entry; content stored encrypted, shown only to permitted readers`);

  step("Mari checks who read her record", "Every read appended a RecordAccessed event before any data left the service.");
  const log = await call("GET", "/api/health-records/me/access-log", { token: mari });
  for (const access of log.body) {
    show(access.at, `${access.readerCitizenId === citizenId ? "Mari herself" : "reader " + access.readerCitizenId} (${access.role ?? "citizen"}, ${access.purpose})`);
  }
  const doctorsRead = log.body.find((access) => access.readerCitizenId === doctor.citizenId);
  if (!doctorsRead) throw new DemoError("the access log does not show the doctor's read");

  step("The doctor's read is anchored on chain", "The ledger puts every event's hash into its Merkle log and anchors the root on the chain.");
  const receipt = await until("the anchor covering the doctor's read", async () => {
    const response = await call("GET", `/api/health-records/me/access-log/${doctorsRead.eventId}/receipt`, {
      token: mari,
      expect: [200, 202, 409],
    });
    return response.status === 200 ? response.body : null;
  });
  const file = join(options.out, "receipt.json");
  writeFileSync(file, JSON.stringify(receipt, null, 2));
  show("event", `${receipt.record.eventType} ${receipt.record.eventId}`);
  show("anchor", `tree size ${receipt.proof.anchor?.treeSize ?? receipt.proof.treeSize}, tx ${receipt.proof.anchor?.transactionHash ?? "?"}`);
  show("receipt", file);
}

main().catch((error) => {
  console.error(`\ndemo: ${error instanceof DemoError ? error.message : error.stack}`);
  process.exit(1);
});
