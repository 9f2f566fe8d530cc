import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type CredentialDocument,
  type JsonObject,
  redactCredential,
  referenceOf,
  sealBatch,
  splitAnchor,
  type TrustedRegistry,
  verifyCredentials,
  type VerifyInput,
} from "../../../core/index.ts";
import { localChecks } from "../../../core/verify.ts";
import { createParallelVerifier, type ParallelVerifier } from "../../../core/node/parallel-verify.ts";
import { GOLDEN_REGISTRY, readGolden } from "../../helpers/golden.ts";

const NOW = new Date("2027-01-01");
const credentials = (readGolden("analise-de-dados.json") as { credentials: CredentialDocument[] }).credentials;
const first = credentials[0] as JsonObject;

/** The credential as anchored, changed by `change`, re-sealed with a fresh anchor: INTEGRITY passes again. */
function resealed(change: (document: JsonObject) => void): JsonObject {
  const { document, anchor } = splitAnchor(first);
  const copy = structuredClone(document);
  change(copy);
  const { chainId, registry, institutionId } = anchor;
  return sealBatch([copy], { chainId, registry, institutionId }).credentials[0] as JsonObject;
}

/** Every kind of input, in an order that mixes them across chunks. */
function sample(): VerifyInput[] {
  const text = JSON.stringify(first);
  const subject = first.credentialSubject as JsonObject;
  return [
    ...credentials.map((c) => JSON.stringify(c, null, 2)),
    first, // parsed
    text.replace(JSON.stringify(subject.name), JSON.stringify("Someone Else")), // tampered: digest mismatch
    redactCredential(first, ["/credentialSubject/identifier/0"]), // redacted
    resealed((document) => delete document.proof), // unsigned
    resealed((document) => ((document.credentialSubject as JsonObject).name = "Forged")), // bad signature
    { reference: referenceOf(splitAnchor(first).anchor) }, // status-only
    { reference: { chainId: 0 } as never }, // bad reference
    "not json",
    "[]",
    '{"@context":[]}',
  ];
}

const TRUSTED: TrustedRegistry[] = [{ chainId: 31337, address: GOLDEN_REGISTRY, name: "golden registry" }];

let pool: ParallelVerifier;

describe("parallel verification", () => {
  before(() => {
    pool = createParallelVerifier({ workers: 2, chunkSize: 3 });
  });
  after(async () => {
    await pool.close();
  });

  it("gives core's results byte for byte, for valid, tampered, redacted, unsigned, status-only and invalid inputs", async () => {
    const inputs = sample();
    let progressed = 0;
    const outcomes = new Set<string>();
    for (const trustedRegistries of [[], TRUSTED]) {
      // No source at all: the trusted registry cannot be read, so the chain part runs without a network.
      const options = { trustedRegistries, now: NOW };
      const expected = await verifyCredentials([], inputs, options);
      const actual = await pool.verifyCredentials([], inputs, options, { onProgress: (n) => (progressed += n) });
      assert.equal(actual.length, inputs.length);
      actual.forEach((result, i) => {
        assert.equal(JSON.stringify(result), JSON.stringify(expected[i]), `input ${i}`);
      });
      for (const result of expected) outcomes.add(result.checks.map((c) => c.reason).join());
    }
    assert.equal(progressed, 2 * inputs.length);
    assert.ok(outcomes.size >= 10, `the sample covers many different outcomes (${outcomes.size})`);
  });

  it("runs overlapping calls, each in its own input order", async () => {
    const inputs = sample();
    const [a, b] = await Promise.all([
      pool.localChecks(inputs, { now: NOW }),
      pool.localChecks(inputs.toReversed(), { now: NOW }),
    ]);
    const expected = await localChecks(inputs, { now: NOW });
    const checksOf = (local: { checks: unknown }) => JSON.stringify(local.checks);
    assert.deepEqual(a.map(checksOf), expected.map(checksOf));
    assert.deepEqual(b.map(checksOf), expected.map(checksOf).toReversed());
  });
});
