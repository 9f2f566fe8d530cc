/**
 * Golden vectors and frozen batches of format v2 (acredita/anchor/v2). `node test/helpers/golden.ts --write`
 * writes them to test/fixtures/golden/ (done once, then frozen); tests call {@link makeGolden} to regenerate them
 * in memory and compare with the frozen files, so any change of a derivation fails loudly.
 *
 * Determinism comes only from what is injected here: the seeds (a deterministic random source), the credential
 * ids, the institutions' Ed25519 credential keys (generated from fixed seeds) and the signing time. Ed25519 and
 * RDF canonicalization are deterministic, so the Data Integrity proofs are reproducible too. Real issuance draws
 * seeds from the CSPRNG and keeps its keys secret.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import {
  canonicalize,
  type CredentialDocument,
  type DataIntegritySigner,
  issueBatch,
  type JsonObject,
  type RandomSource,
  redactCredential,
  splitAnchor,
} from "../../core/index.ts";
import { commitFull, committedHeader } from "../../core/commitment.ts";
import { fieldDigestOf, headerHashOf, leafOf, saltOf } from "../../core/digest.ts";
import { fieldRoot } from "../../core/field-tree.ts";
import { fromHex, type Hex, toHex, writeUint32BE } from "../../core/bytes.ts";
import { keccak, keccakUtf8 } from "../../core/hash.ts";
import { parseLearners } from "../../scripts/lib/learners-csv.ts";

export const SAMPLES = new URL("../../samples/", import.meta.url).pathname;
export const GOLDEN_DIR = new URL("../fixtures/golden/", import.meta.url).pathname;

/** The chain the golden batches are anchored on: Hardhat's in-process network, first contract of account 0. */
export const GOLDEN_CHAIN_ID = 31337;
export const GOLDEN_REGISTRY: Hex = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
/** The `created` time of every golden Data Integrity proof. */
export const GOLDEN_SIGNED_AT = "2026-06-30T12:00:00Z";

/** An institution's Ed25519 credential key (a test key: its seed is public), with its did:key. */
export interface TestCredentialKey {
  /** The 32-byte seed the key is generated from. */
  seed: Hex;
  /** `did:key:z6Mk…`: the issuer id of the institution that signs with it. */
  did: string;
  /** `did:key:z6Mk…#z6Mk…`. */
  verificationMethod: string;
  publicKeyMultibase: string;
  signer: DataIntegritySigner;
}

/** The test credential key named `name`: Ed25519Multikey.generate({ seed: keccak256("acredita-test-key/" + name) }). */
export async function testCredentialKey(name: string): Promise<TestCredentialKey> {
  const seed = keccakUtf8(`acredita-test-key/${name}`);
  const key = await Ed25519Multikey.generate({ seed });
  const did = `did:key:${key.publicKeyMultibase}`;
  key.id = `${did}#${key.publicKeyMultibase}`;
  key.controller = did;
  return {
    seed: toHex(seed),
    did,
    verificationMethod: key.id,
    publicKeyMultibase: key.publicKeyMultibase,
    signer: key.signer(),
  };
}

/** The credential keys of the test institutions (1: UNEJE, 2: IFEX, 3: the third one of core-chain.ts). */
export const TEST_KEYS = {
  uneje: await testCredentialKey("uneje"),
  ifex: await testCredentialKey("ifex"),
  tercera: await testCredentialKey("tercera"),
};

/** The two sample cohorts, with the demo registry's institutions (ids in admission order, did:key issuer ids). */
export const COHORTS = [
  {
    name: "negociacion-liderazgo",
    institutionId: 1,
    key: TEST_KEYS.uneje,
    issuer: {
      id: TEST_KEYS.uneje.did,
      name: "Universidad Nacional de Ejemplo",
      country: "MX",
      website: "https://uneje.example",
    },
    validFrom: "2026-07-01T00:00:00Z",
  },
  {
    name: "analise-de-dados",
    institutionId: 2,
    key: TEST_KEYS.ifex,
    issuer: {
      id: TEST_KEYS.ifex.did,
      name: "Instituto Federal de Exemplo",
      country: "BR",
      website: "https://ifex.example",
    },
    validFrom: "2026-10-01T00:00:00Z",
  },
] as const;

/** The URL of a golden batch's status list (each credential's BitstringStatusListEntry names it). */
export function goldenStatusList(cohort: (typeof COHORTS)[number]): string {
  return `${cohort.issuer.website}/status-lists/${cohort.name}.json`;
}

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

/** Step-by-step vectors of one full credential: header, per-field salts and digests, roots, digest and leaf. */
export function vectorsOf(
  credential: CredentialDocument,
  anchor: { chainId: number; registry: Hex; institutionId: number },
) {
  const { document, anchor: proof } = splitAnchor(credential);
  const seed = proof.seed as Hex;
  const header = committedHeader(document, proof);
  const commitment = commitFull(document, fromHex(seed), proof);
  const fields = commitment.fields.map(({ pointer, value }) => {
    const salt = saltOf(fromHex(seed), pointer);
    return {
      pointer,
      canonicalValue: canonicalize(value),
      salt: toHex(salt),
      fieldDigest: toHex(fieldDigestOf(pointer, salt, value)),
    };
  });
  return {
    seed,
    header,
    canonicalHeader: canonicalize(header),
    headerHash: toHex(headerHashOf(header)),
    fieldCount: fields.length,
    fields,
    fieldRoot: toHex(fieldRoot(commitment.leaves)),
    credentialDigest: toHex(commitment.credentialDigest),
    leaf: toHex(leafOf(anchor, proof.index, commitment.credentialDigest)),
    batchRoot: proof.batchRoot,
  };
}

/** Pointers hidden in the golden redacted credential: the learner's e-mail identifier and the result (grade). */
export const REDACTED_POINTERS = ["/credentialSubject/identifier/1", "/credentialSubject/result"];

/** Regenerates every golden artifact in memory (about ten seconds: 37 Data Integrity signatures). */
export async function makeGolden() {
  const cohorts = [];
  for (const cohort of COHORTS) {
    const template = JSON.parse(readFileSync(join(SAMPLES, `${cohort.name}.course.json`), "utf8")) as unknown;
    const learners = parseLearners(
      readFileSync(join(SAMPLES, `${cohort.name}.learners.csv`), "utf8"),
      "learners.csv",
    ).learners;
    const anchor = { chainId: GOLDEN_CHAIN_ID, registry: GOLDEN_REGISTRY, institutionId: cohort.institutionId };
    const batch = await issueBatch({
      template,
      issuer: cohort.issuer,
      learners,
      issuance: { validFrom: cohort.validFrom },
      anchor,
      random: deterministicRandom(`acredita-golden/${cohort.name}`),
      credentialId: (i) => deterministicId(`acredita-golden/${cohort.name}`, i),
      signer: cohort.key.signer,
      signedAt: GOLDEN_SIGNED_AT,
      statusList: goldenStatusList(cohort),
    });
    cohorts.push({
      name: cohort.name,
      file: {
        description: `Golden batch of the ${cohort.name} sample cohort (format acredita/anchor/v2). Frozen: do not regenerate.`,
        anchor,
        credentialKey: {
          seed: cohort.key.seed,
          did: cohort.key.did,
          verificationMethod: cohort.key.verificationMethod,
        },
        signedAt: GOLDEN_SIGNED_AT,
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
        "The first credential of the negociacion-liderazgo golden batch with the e-mail identifier and the result hidden.",
      hidden: REDACTED_POINTERS,
      credentialDigest: splitAnchor(first).anchor.credentialDigest,
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

/** The anchor proof (last element of `proof`) of a credential, as a mutable object. */
export function anchorOf(credential: JsonObject): JsonObject {
  const proofs = credential.proof as JsonObject[];
  return proofs[proofs.length - 1] as JsonObject;
}

if (process.argv.includes("--write")) {
  const golden = await makeGolden();
  for (const cohort of golden.cohorts) {
    writeFileSync(join(GOLDEN_DIR, `${cohort.name}.json`), JSON.stringify(cohort.file, null, 2) + "\n");
  }
  writeFileSync(join(GOLDEN_DIR, "redacted.json"), JSON.stringify(golden.redacted, null, 2) + "\n");
  console.log(`wrote ${golden.cohorts.length + 1} files to ${GOLDEN_DIR}`);
}
