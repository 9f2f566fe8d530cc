/**
 * Golden vectors and frozen batches of format v1. `node test/helpers/golden.ts --write` writes them to
 * test/fixtures/golden/ (done once, then frozen); tests call {@link makeGolden} to regenerate them in memory and
 * compare with the frozen files, so any change of the format fails loudly.
 *
 * Determinism comes only from the injected random source and ids below; real issuance uses the CSPRNG.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  canonicalize,
  type CredentialDocument,
  fieldDigestOf,
  fromHex,
  type Hex,
  issueBatch,
  type JsonObject,
  keccak,
  keccakUtf8,
  leafOf,
  parseLearnersCsv,
  type RandomSource,
  redactCredential,
  saltedDigestOf,
  splitFields,
  toHex,
  valueHash,
  writeUint32BE,
} from "../../core/index.ts";

export const SAMPLES = new URL("../../samples/", import.meta.url).pathname;
export const GOLDEN_DIR = new URL("../fixtures/golden/", import.meta.url).pathname;

/** The chain the golden batches are anchored on: Hardhat's in-process network, first contract of account 0. */
export const GOLDEN_CHAIN_ID = 31337;
export const GOLDEN_REGISTRY: Hex = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** The two sample cohorts, with the demo registry's institutions (ids in admission order). */
export const COHORTS = [
  {
    name: "negociacion-liderazgo",
    institutionId: 1,
    issuer: { name: "Universidad Nacional de Ejemplo", country: "MX", website: "https://uneje.example" },
    validFrom: "2026-07-01T00:00:00Z",
  },
  {
    name: "analise-de-dados",
    institutionId: 2,
    issuer: { name: "Instituto Federal de Exemplo", country: "BR", website: "https://ifex.example" },
    validFrom: "2026-10-01T00:00:00Z",
  },
] as const;

/** A deterministic byte stream: keccak256(seed ‖ u32 counter) blocks. For fixtures and tests only. */
export function deterministicRandom(seed: string): RandomSource {
  const seedBytes = new TextEncoder().encode(seed);
  const input = new Uint8Array(seedBytes.length + 4);
  input.set(seedBytes, 0);
  let counter = 0;
  return (target) => {
    for (let offset = 0; offset < target.length; offset += 32) {
      writeUint32BE(input, seedBytes.length, counter++);
      const block = keccak(input);
      target.set(block.subarray(0, Math.min(32, target.length - offset)), offset);
    }
  };
}

/** A deterministic urn:uuid (version-4 layout) for fixture credentials. */
export function deterministicId(seed: string, index: number): string {
  const h = toHex(keccakUtf8(`${seed}/${index}`)).slice(2, 34);
  const v = `${h.slice(0, 12)}4${h.slice(13, 16)}${((parseInt(h.charAt(16), 16) & 3) | 8).toString(16)}${h.slice(17)}`;
  return `urn:uuid:${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`;
}

/** Step-by-step vectors of one credential: canonical bytes, per-field salts and digests, digest and leaf. */
export function vectorsOf(
  credential: CredentialDocument,
  anchor: { chainId: number; registry: Hex; institutionId: number },
) {
  const proof = credential.proof as JsonObject;
  const salts = proof.salts as Record<string, Hex>;
  const content = withoutProof(credential);
  const fields = splitFields(content).map(({ pointer, value }) => {
    const salt = salts[pointer] as Hex;
    const vh = valueHash(value);
    const salted = saltedDigestOf(fromHex(salt), vh);
    return {
      pointer,
      canonicalValue: canonicalize(value),
      salt,
      valueHash: toHex(vh),
      saltedDigest: toHex(salted),
      fieldDigest: toHex(fieldDigestOf(pointer, salted)),
    };
  });
  const credentialDigest = proof.credentialDigest as Hex;
  return {
    canonicalDocument: canonicalize(content),
    fields,
    credentialDigest,
    leaf: toHex(leafOf(anchor, proof.index as number, fromHex(credentialDigest))),
    batchRoot: proof.batchRoot as Hex,
  };
}

/** The credential without its proof block (what the digest covers). */
export function withoutProof(credential: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(credential).filter(([key]) => key !== "proof"));
}

/** Pointers hidden in the golden redacted credential: e-mail, learner id and grade. */
export const REDACTED_POINTERS = [
  "/credentialSubject/identifier/1",
  "/credentialSubject/identifier/2",
  "/credentialSubject/result/0",
];

/** Regenerates every golden artifact in memory. */
export async function makeGolden() {
  const cohorts = [];
  for (const cohort of COHORTS) {
    const template = JSON.parse(readFileSync(join(SAMPLES, `${cohort.name}.course.json`), "utf8")) as unknown;
    const learners = parseLearnersCsv(readFileSync(join(SAMPLES, `${cohort.name}.learners.csv`), "utf8"));
    const anchor = { chainId: GOLDEN_CHAIN_ID, registry: GOLDEN_REGISTRY, institutionId: cohort.institutionId };
    const batch = await issueBatch({
      template,
      issuer: cohort.issuer,
      learners,
      issuance: { validFrom: cohort.validFrom },
      anchor,
      random: deterministicRandom(`acredita-golden/${cohort.name}`),
      credentialId: (i) => deterministicId(`acredita-golden/${cohort.name}`, i),
    });
    cohorts.push({
      name: cohort.name,
      file: {
        description: `Golden batch of the ${cohort.name} sample cohort (format v1). Frozen: do not regenerate.`,
        anchor,
        batchRoot: batch.batchRoot,
        vectors: [0, 1].map((i) => vectorsOf(batch.credentials[i] as CredentialDocument, anchor)),
        manifest: batch.manifest,
        credentials: batch.credentials,
      },
    });
  }
  const first = cohorts[0]?.file.credentials[0] as CredentialDocument;
  const redacted = redactCredential(first, REDACTED_POINTERS);
  return {
    cohorts,
    redacted: {
      description:
        "The first credential of the negociacion-liderazgo golden batch with e-mail, learner id and grade hidden.",
      hidden: REDACTED_POINTERS,
      credentialDigest: (first.proof as JsonObject).credentialDigest as Hex,
      credential: redacted,
    },
  };
}

/** A sample course template from samples/. */
export function readTemplate(cohort: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES, `${cohort}.course.json`), "utf8"));
}

/** The frozen file of a golden artifact. */
export function readGolden(name: string): unknown {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, name), "utf8"));
}

if (process.argv.includes("--write")) {
  const golden = await makeGolden();
  for (const cohort of golden.cohorts) {
    writeFileSync(join(GOLDEN_DIR, `${cohort.name}.json`), JSON.stringify(cohort.file, null, 2) + "\n");
  }
  writeFileSync(join(GOLDEN_DIR, "redacted.json"), JSON.stringify(golden.redacted, null, 2) + "\n");
  console.log(`wrote ${golden.cohorts.length + 1} files to ${GOLDEN_DIR}`);
}
