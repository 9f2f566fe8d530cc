/**
 * Issuing with signatures: build OB 3.0 credentials from the samples/ cohort (scaled up) and sign each with an
 * eddsa-rdfc-2022 Data Integrity proof on every core (scripts/lib/sign-pool.ts). Anchoring is not included yet.
 *
 * - core.issueSigned.throughput.10k: credentials/s for 10,000 (median of 3 runs, warm workers), target ≥ 1,000.
 * - core.issueSigned.seconds.100k / core.issueSigned.peakRssMiB.100k: 100,000 in a fresh child process (workers
 *   started inside the measured time), targets ≤ 120 s and ≤ 1,024 MiB.
 * - core.issueSigned.msPerCredential.oneCore: one thread, fast signer, for the per-core cost.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import {
  type CredentialDocument,
  credentialFor,
  enableFastHashing,
  type LearnerRecord,
  parseLearnersCsv,
  prepareCourse,
} from "../core/index.ts";
import { createEddsaRdfc2022Signer } from "../core/data-integrity-sign.ts";
import { bundledDocumentLoader } from "../core/jsonld-contexts.ts";
import { createNodeEd25519Signer } from "../scripts/lib/ed25519-signer.ts";
import { createSignPool, type SignPool } from "../scripts/lib/sign-pool.ts";
import type { Metrics } from "./metrics.ts";

const SAMPLES = new URL("../samples/", import.meta.url).pathname;
const CREATED = "2026-07-01T00:00:00Z";

async function issuerKey(): Promise<{ did: string; verificationMethod: string; seed: Uint8Array }> {
  const keyPair = await Ed25519Multikey.generate();
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  const { secretKey } = await keyPair.export({ secretKey: true, raw: true });
  if (secretKey === undefined) throw new Error("no secret key");
  return { did, verificationMethod: `${did}#${keyPair.publicKeyMultibase}`, seed: secretKey.slice(0, 32) };
}

/** `count` VC 2.0-clean credentials of the negociacion-liderazgo cohort, learners scaled up. */
function build(count: number, issuerId: string): CredentialDocument[] {
  const template = JSON.parse(readFileSync(`${SAMPLES}negociacion-liderazgo.course.json`, "utf8")) as unknown;
  const cohort = parseLearnersCsv(readFileSync(`${SAMPLES}negociacion-liderazgo.learners.csv`, "utf8"));
  const course = prepareCourse(
    template,
    { id: issuerId, name: "Universidad Nacional de Ejemplo", country: "MX" },
    { validFrom: "2026-07-01T00:00:00Z" },
  );
  // VC 2.0 clean (safe-mode JSON-LD): a JsonSchema credentialSchema and no issuanceDate.
  const schema = [{ id: (course.credentialSchema[0] as { id: string }).id, type: "JsonSchema" }];
  return Array.from({ length: count }, (_, i) => {
    const base = cohort[i % cohort.length] as LearnerRecord;
    const learner = { ...base, id: `UNEJE-2026-${String(i).padStart(6, "0")}`, email: `learner${i}@correo.example` };
    const credential = credentialFor(course, learner, `urn:uuid:${crypto.randomUUID()}`);
    delete credential.issuanceDate;
    credential.credentialSchema = schema;
    return credential;
  });
}

async function issueSigned(pool: SignPool, count: number, issuerId: string): Promise<number> {
  const started = performance.now();
  const credentials = build(count, issuerId);
  const proofs = await pool.signBatch(credentials, { created: CREATED });
  if (proofs.length !== count) throw new Error("missing proofs");
  return (performance.now() - started) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

async function child(count: number): Promise<void> {
  const key = await issuerKey();
  const started = performance.now();
  const pool = createSignPool({ seed: key.seed, verificationMethod: key.verificationMethod });
  await issueSigned(pool, count, key.did);
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, peakRssMiB }));
}

async function oneCoreMs(count: number): Promise<number> {
  await enableFastHashing();
  const key = await issuerKey();
  const signer = createEddsaRdfc2022Signer({
    signer: createNodeEd25519Signer(key.seed, key.verificationMethod),
    documentLoader: bundledDocumentLoader(),
  });
  const warm = build(500, key.did);
  for (const c of warm) await signer.sign(c, { created: CREATED });
  const started = performance.now();
  const credentials = build(count, key.did);
  for (const c of credentials) await signer.sign(c, { created: CREATED });
  return (performance.now() - started) / count;
}

export default async function issueSignedBench(): Promise<Metrics> {
  const perCredential = await oneCoreMs(3_000);
  const key = await issuerKey();
  const pool = createSignPool({ seed: key.seed, verificationMethod: key.verificationMethod });
  await issueSigned(pool, 2_000, key.did); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push(10_000 / (await issueSigned(pool, 10_000, key.did)));
  const { stats } = pool;
  await pool.close();
  if (stats.reference > 0) console.error(`issue-signed: ${stats.reference} documents took the reference path`);
  const big = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", "100000"], {
    encoding: "utf8",
    maxBuffer: 1024 * 1024,
  });
  if (big.status !== 0) throw new Error(`child failed: ${big.stderr}`);
  const result = JSON.parse(big.stdout.trim().split("\n").at(-1) ?? "{}") as { seconds: number; peakRssMiB: number };
  return {
    "core.issueSigned.msPerCredential.oneCore": { value: Math.round(perCredential * 1000) / 1000, unit: "ms" },
    "core.issueSigned.throughput.10k": { value: Math.round(median(runs)), unit: "credentials/s" },
    "core.issueSigned.seconds.100k": { value: Math.round(result.seconds * 100) / 100, unit: "s" },
    "core.issueSigned.peakRssMiB.100k": { value: Math.round(result.peakRssMiB), unit: "MiB" },
  };
}

if (process.argv[2] === "--child") await child(Number(process.argv[3]));
else if (process.argv[2] === "--standalone") console.table(await issueSignedBench());
