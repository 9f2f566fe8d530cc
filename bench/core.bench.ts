/**
 * The core's performance figures (see core/README.md for the targets):
 * - core.issue.throughput.10k: credentials/s of the whole issuing pipeline (build from template + learner, salts,
 *   field digests, credential digests, leaves, tree, every proof block, manifest) for 10,000 credentials on every
 *   core (core/node/parallel-issue.ts, warm workers); median of three runs after a warm-up;
 * - core.issue.oneThread.throughput.10k: the same in one thread (core's issueBatch);
 * - core.issue.seconds.100k / core.issue.peakRssMiB.100k: 100,000 credentials on every core, in a fresh child
 *   process (workers started inside the measured time) so earlier work does not pollute its peak RSS;
 * - core.verify.cpuMs: median CPU time to parse, canonicalize, digest and check the path of one credential (no RPC),
 *   with the pure-JS keccak (what a browser without WebAssembly gets);
 * - core.verify.rpcCalls: JSON-RPC requests per source of one verification once the chain id is known (the most
 *   any of two sources got), counted through counting transports against the real registry on Hardhat's
 *   in-process network — the registry read through two sources at one block, as configured by default;
 * - core.verifySigned.cpuMs: median CPU time of the local checks plus the issuer's Data Integrity signature check
 *   (`checkSignature`, offline: the fast verifier, with Digital Bazaar's verdict) of one signed credential, no RPC;
 *   target ≤ 5 ms.
 *
 * Inputs: the samples/ cohorts scaled up (unique learner ids and e-mails).
 * Run alone with `node bench/run.ts core`; `node bench/core.bench.ts --child N` is the child process.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import {
  checkLocally,
  type CredentialDocument,
  enableFastHashing,
  issueBatch,
  type LearnerRecord,
  parseStrict,
  type SealedBatch,
} from "../core/index.ts";
import { checkSignature } from "../core/signature-check.ts";
import { disableFastHashing } from "../core/hash.ts";
import { createParallelIssuer, type ParallelIssuer } from "../core/node/parallel-issue.ts";
import type { Metrics } from "./metrics.ts";
import { parseLearners } from "../scripts/lib/learners-csv.ts";

const SAMPLES = new URL("../samples/", import.meta.url).pathname;
const ANCHOR = { chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3", institutionId: 1 } as const;
const ISSUER = { name: "Universidad Nacional de Ejemplo", country: "MX", website: "https://uneje.example" };

function inputs(count: number): { template: unknown; learners: LearnerRecord[] } {
  const template = JSON.parse(readFileSync(`${SAMPLES}negociacion-liderazgo.course.json`, "utf8")) as unknown;
  const cohort = parseLearners(
    readFileSync(`${SAMPLES}negociacion-liderazgo.learners.csv`, "utf8"),
    "learners.csv",
  ).learners;
  const learners = Array.from({ length: count }, (_, i): LearnerRecord => {
    const base = cohort[i % cohort.length] as LearnerRecord;
    return { ...base, id: `UNEJE-2026-${String(i).padStart(6, "0")}`, email: `learner${i}@correo.example` };
  });
  return { template, learners };
}

/** Issues `count` credentials, on `pool`'s workers or, without one, in this thread. */
async function issue(count: number, pool?: ParallelIssuer): Promise<{ seconds: number; batch: SealedBatch }> {
  const { template, learners } = inputs(count);
  const parameters = {
    template,
    issuer: ISSUER,
    learners,
    issuance: { validFrom: "2026-07-01T00:00:00Z" },
    anchor: ANCHOR,
  };
  const started = performance.now();
  const batch = await (pool === undefined ? issueBatch(parameters) : pool.issueBatch(parameters));
  return { seconds: (performance.now() - started) / 1000, batch };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Runs the 100k issuance in a fresh process; returns its seconds and peak RSS. */
function issueInChild(count: number): { seconds: number; peakRssMiB: number } {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", String(count)], {
    encoding: "utf8",
    maxBuffer: 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as { seconds: number; peakRssMiB: number };
}

async function verifyCpuMs(batch: SealedBatch): Promise<number> {
  disableFastHashing();
  const texts = batch.credentials.slice(0, 600).map((c: CredentialDocument) => JSON.stringify(c, null, 2));
  for (const text of texts.slice(0, 100)) checkLocally(text); // warm-up
  const samples: number[] = [];
  for (const text of texts.slice(100)) {
    const before = process.cpuUsage();
    const local = checkLocally(text);
    const used = process.cpuUsage(before);
    if (local.checks.INTEGRITY?.status !== "VALID") throw new Error("bench credential does not verify");
    samples.push((used.user + used.system) / 1000);
  }
  await enableFastHashing();
  return median(samples);
}

/** Median CPU time of the local checks plus the issuer's signature check of one signed credential (no RPC). */
async function verifySignedCpuMs(): Promise<number> {
  const key = await Ed25519Multikey.generate({ seed: new Uint8Array(32).fill(3) });
  const did = `did:key:${key.publicKeyMultibase}`;
  key.id = `${did}#${key.publicKeyMultibase}`;
  key.controller = did;
  const batch = await issueBatch({
    template: parseStrict(readFileSync(new URL("../samples/analise-de-dados.course.json", import.meta.url), "utf8")),
    issuer: { id: did, name: "Instituto Federal de Exemplo", country: "BR" },
    learners: Array.from({ length: 120 }, (_, i) => ({
      id: `B-${String(i)}`,
      name: `Aluna ${String(i)}`,
      completedOn: "2026-06-01",
      grade: "9.5",
    })),
    issuance: { validFrom: "2026-06-02T00:00:00Z" },
    anchor: { chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3", institutionId: 1 },
    signer: key.signer(),
  });
  const texts = batch.credentials.map((c) => JSON.stringify(c, null, 2));
  for (const text of texts.slice(0, 20)) await checkSignature(checkLocally(text)); // warm-up
  const samples: number[] = [];
  for (const text of texts.slice(20)) {
    const before = process.cpuUsage();
    const local = await checkSignature(checkLocally(text));
    const used = process.cpuUsage(before);
    if (local.checks.SIGNATURE?.status !== "VALID") throw new Error("bench credential's signature does not verify");
    samples.push((used.user + used.system) / 1000);
  }
  return median(samples);
}

async function verifyRpcCalls(batch: SealedBatch): Promise<number> {
  const { network } = await import("hardhat");
  const { createPublicClient, custom, defineChain, zeroHash, toHex } = await import("viem");
  type PublicClient = import("viem").PublicClient;
  const { verifyCredential } = await import("../core/index.ts");
  const connection = await network.create();
  const [admin, registrar, key] = await connection.viem.getWalletClients();
  if (admin === undefined || registrar === undefined || key === undefined) throw new Error("no accounts");
  const publicClient = await connection.viem.getPublicClient();
  const registry = await connection.viem.deployContract("CredentialRegistry", [
    86_400,
    admin.account.address,
    registrar.account.address,
  ]);
  const wait = async (hash: Promise<`0x${string}`>) => publicClient.waitForTransactionReceipt({ hash: await hash });
  await wait(
    registry.write.admitInstitution(
      [
        {
          name: ISSUER.name,
          // The credentials' issuer.id: the issuer profile's website (it has no id of its own).
          issuerId: ISSUER.website,
          country: toHex("MX", { size: 2 }),
          website: ISSUER.website,
          metadataURI: "",
          metadataHash: zeroHash,
        },
      ],
      { account: registrar.account },
    ),
  );
  await wait(registry.write.addSigningKey([1, key.account.address], { account: registrar.account }));
  // Re-seal a small batch for this registry's address, anchor it, then count one verification's requests.
  const { sealBatch } = await import("../core/index.ts");
  const docs = batch.credentials
    .slice(0, 8)
    .map((c): CredentialDocument => Object.fromEntries(Object.entries(c).filter(([k]) => k !== "proof")));
  const sealed = sealBatch(docs, { ...ANCHOR, registry: registry.address });
  await wait(registry.write.anchorBatch([sealed.batchRoot, 8], { account: key.account }));
  const requests = [0, 0];
  const chain = defineChain({
    id: 31337,
    name: "Hardhat",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: ["http://127.0.0.1:8545"] } },
  });
  const counting = (k: 0 | 1) =>
    createPublicClient({
      chain,
      transport: custom({
        request: async ({ method, params }: { method: string; params?: unknown }) => {
          requests[k] = (requests[k] ?? 0) + 1;
          return (await connection.provider.request({ method, params: params as unknown[] })) as unknown;
        },
      }),
    }) as unknown as PublicClient;
  const sources = [
    { name: "source A", client: counting(0) },
    { name: "source B", client: counting(1) },
  ];
  const options = {
    trustedRegistries: [{ chainId: 31337, address: registry.address, name: "bench" }],
    now: new Date("2027-01-01T00:00:00Z"),
  };
  // The first verification on a client also asks the node its chain id (once per client) and the block to read
  // at (reused for a second); count the next one.
  await verifyCredential(sources, JSON.stringify(sealed.credentials[2]), options);
  requests.fill(0);
  const result = await verifyCredential(sources, JSON.stringify(sealed.credentials[3]), options);
  if (result.read?.sources.filter((s) => s.answered).length !== 2) throw new Error("bench: two sources did not answer");
  // The bench's batch is the unsigned pipeline: valid, with only the warning that no issuer signature is there.
  const unsignedOnly = result.warnings.length === 1 && result.warnings[0] === "SIGNATURE_NONE";
  if (result.verdict !== "valid" && !(result.verdict === "valid-with-warnings" && unsignedOnly)) {
    throw new Error(`bench verification gave ${result.verdict}`);
  }
  await connection.close();
  return Math.max(...requests);
}

export default async function coreBench(): Promise<Metrics> {
  await issue(2_000); // warm-up
  const oneThread: number[] = [];
  for (let i = 0; i < 3; i++) oneThread.push(10_000 / (await issue(10_000)).seconds);
  const pool = createParallelIssuer();
  await issue(2_000, pool); // warm-up
  const runs: number[] = [];
  let last: SealedBatch | undefined;
  for (let i = 0; i < 3; i++) {
    const { seconds, batch } = await issue(10_000, pool);
    runs.push(10_000 / seconds);
    last = batch;
  }
  await pool.close();
  if (last === undefined) throw new Error("no batch");
  const big = issueInChild(100_000);
  const cpuMs = await verifyCpuMs(last);
  const rpcCalls = await verifyRpcCalls(last);
  const signedMs = await verifySignedCpuMs();
  return {
    "core.issue.throughput.10k": { value: Math.round(median(runs)), unit: "credentials/s" },
    "core.issue.oneThread.throughput.10k": { value: Math.round(median(oneThread)), unit: "credentials/s" },
    "core.issue.seconds.100k": { value: Math.round(big.seconds * 100) / 100, unit: "s" },
    "core.issue.peakRssMiB.100k": { value: Math.round(big.peakRssMiB), unit: "MiB" },
    "core.verify.cpuMs": { value: Math.round(cpuMs * 1000) / 1000, unit: "ms" },
    "core.verify.rpcCalls": { value: rpcCalls, unit: "requests" },
    "core.verifySigned.cpuMs": { value: Math.round(signedMs * 1000) / 1000, unit: "ms" },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "--child") {
  const count = Number(process.argv[3] ?? "100000");
  const started = performance.now();
  const pool = createParallelIssuer();
  const { batch } = await issue(count, pool);
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  if (batch.credentials.length !== count) throw new Error("short batch");
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, peakRssMiB }));
}
