/**
 * Issuing with signatures, the whole pipeline as the CLI's `issue` runs it: build OB 3.0 credentials from the
 * samples/ cohort (scaled up) and the course template, sign each with an eddsa-rdfc-2022 Data Integrity proof (the
 * fast signer), commit every credential (salts, field digests, field tree, credential digest, leaf), build the batch
 * tree, every anchor proof and the manifest. Anchoring (one transaction) and writing files are the CLI bench's.
 *
 * - core.issueSigned.throughput.10k: credentials/s for 10,000 on every core (core/node/parallel-issue.ts, warm
 *   workers; median of 3 runs after a warm-up), target ≥ 1,000.
 * - core.issueSigned.seconds.100k / core.issueSigned.peakRssMiB.100k: 100,000 in a fresh child process (workers
 *   started inside the measured time), targets ≤ 120 s and ≤ 1,024 MiB.
 * - core.issueSigned.msPerCredential.oneCore: the same pipeline in one thread (core's issueBatch), per credential.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { enableFastHashing, issueBatch, type LearnerRecord, type SealedBatch } from "../core/index.ts";
import { createNodeEd25519Signer } from "../core/node/ed25519-signer.ts";
import { createParallelIssuer, type ParallelIssuer, type WorkerCredentialKey } from "../core/node/parallel-issue.ts";
import type { Metrics } from "./metrics.ts";
import { parseLearners } from "../scripts/lib/learners-csv.ts";

const SAMPLES = new URL("../samples/", import.meta.url).pathname;
const SIGNED_AT = "2026-07-01T00:00:00Z";
const ANCHOR = { chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3", institutionId: 1 } as const;

interface IssuerKey extends WorkerCredentialKey {
  did: string;
}

async function issuerKey(): Promise<IssuerKey> {
  const keyPair = await Ed25519Multikey.generate();
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  const { secretKey } = await keyPair.export({ secretKey: true, raw: true });
  if (secretKey === undefined) throw new Error("no secret key");
  return { did, verificationMethod: `${did}#${keyPair.publicKeyMultibase}`, seed: secretKey.slice(0, 32) };
}

/** The issueBatch parameters of `count` learners of the negociacion-liderazgo cohort (unique ids and e-mails). */
function parametersFor(count: number, key: IssuerKey) {
  const template = JSON.parse(readFileSync(`${SAMPLES}negociacion-liderazgo.course.json`, "utf8")) as unknown;
  const cohort = parseLearners(
    readFileSync(`${SAMPLES}negociacion-liderazgo.learners.csv`, "utf8"),
    "learners.csv",
  ).learners;
  const learners = Array.from({ length: count }, (_, i): LearnerRecord => {
    const base = cohort[i % cohort.length] as LearnerRecord;
    return { ...base, id: `UNEJE-2026-${String(i).padStart(6, "0")}`, email: `learner${i}@correo.example` };
  });
  return {
    template,
    issuer: { id: key.did, name: "Universidad Nacional de Ejemplo", country: "MX", website: "https://uneje.example" },
    learners,
    issuance: { validFrom: "2026-07-01T00:00:00Z" },
    anchor: ANCHOR,
    signedAt: SIGNED_AT,
  };
}

/** Seconds to issue `count` signed credentials on `pool`. */
async function issueSigned(pool: ParallelIssuer, count: number, key: IssuerKey): Promise<number> {
  const parameters = parametersFor(count, key);
  const started = performance.now();
  const batch: SealedBatch = await pool.issueBatch({
    ...parameters,
    credentialKey: { seed: key.seed, verificationMethod: key.verificationMethod },
  });
  const seconds = (performance.now() - started) / 1000;
  if (batch.credentials.length !== count) throw new Error("short batch");
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

async function child(count: number): Promise<void> {
  const key = await issuerKey();
  const started = performance.now();
  const pool = createParallelIssuer();
  await issueSigned(pool, count, key);
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, peakRssMiB }));
}

/** Milliseconds per credential of the whole signed pipeline in one thread. */
async function oneCoreMs(count: number): Promise<number> {
  await enableFastHashing();
  const key = await issuerKey();
  const signer = { ...createNodeEd25519Signer(key.seed, key.verificationMethod), algorithm: "Ed25519" };
  const id = key.verificationMethod;
  await issueBatch({ ...parametersFor(500, key), signer: { ...signer, id } }); // warm-up
  const parameters = { ...parametersFor(count, key), signer: { ...signer, id } };
  const started = performance.now();
  await issueBatch(parameters);
  return (performance.now() - started) / count;
}

export default async function issueSignedBench(): Promise<Metrics> {
  const perCredential = await oneCoreMs(3_000);
  const key = await issuerKey();
  const pool = createParallelIssuer();
  await issueSigned(pool, 2_000, key); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push(10_000 / (await issueSigned(pool, 10_000, key)));
  await pool.close();
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
