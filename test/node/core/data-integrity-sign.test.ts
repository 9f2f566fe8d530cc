import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import jsonld from "jsonld";
import { type CredentialDocument, enableFastHashing, isAcreditaError, type JsonObject } from "../../../core/index.ts";
import { createEddsaRdfc2022Signer, type EddsaRdfc2022Signer, w3cDate } from "../../../core/data-integrity-sign.ts";
import { base58btc } from "../../../core/base58.ts";
import {
  createDidKeyIssuer,
  type DidKeyIssuer,
  SAMPLE_COHORTS,
  sampleCohort,
  sampleCredential,
} from "../../helpers/did-key-signing.ts";

const CREATED = "2026-10-01T12:00:00Z";

function nth<T>(list: readonly T[], index: number): T {
  const item = list[index];
  assert.ok(item !== undefined, `no item ${index}`);
  return item;
}

let issuer: DidKeyIssuer;
let fast: EddsaRdfc2022Signer;
let reference: EddsaRdfc2022Signer;

before(async () => {
  await enableFastHashing();
  issuer = await createDidKeyIssuer();
  fast = createEddsaRdfc2022Signer({ signer: issuer.signer, documentLoader: issuer.documentLoader });
  reference = createEddsaRdfc2022Signer({
    signer: issuer.signer,
    documentLoader: issuer.documentLoader,
    fastPath: false,
  });
});

/** Signs with the fast signer and with `vc.issue`; asserts identical proofs (or identical rejection). */
async function assertSameAsReference(credential: CredentialDocument): Promise<string | undefined> {
  let expected: CredentialDocument | undefined;
  let referenceError: unknown;
  try {
    expected = await issuer.referenceIssue(credential, CREATED);
  } catch (error) {
    referenceError = error;
  }
  if (expected === undefined) {
    await assert.rejects(
      fast.sign(credential, { created: CREATED }),
      `the reference rejects: ${String(referenceError)}`,
    );
    return undefined;
  }
  const canonical = await fast.canonize(credential);
  assert.equal(canonical.nquads, (await reference.canonize(credential)).nquads);
  const proof = await fast.sign(credential, { created: CREATED });
  assert.deepEqual(proof, expected.proof);
  assert.equal(JSON.stringify(proof), JSON.stringify(expected.proof), "same members in the same order");
  return canonical.path;
}

describe("data-integrity-sign", () => {
  describe("createEddsaRdfc2022Signer", () => {
    for (const cohort of SAMPLE_COHORTS) {
      it(`makes the reference's proof for every learner of the ${cohort} sample cohort, on the template path`, async () => {
        const { course, learners } = sampleCohort(cohort, issuer.did);
        assert.ok(learners.length >= 10);
        for (const [index, learner] of learners.entries()) {
          const path = await assertSameAsReference(sampleCredential(course, learner, index));
          assert.equal(path, "template", `learner ${learner.id}`);
        }
      });
    }

    it("makes credentials that Digital Bazaar's vc verifies, and whose tampering it detects", async () => {
      const { course, learners } = sampleCohort("negociacion-liderazgo", issuer.did);
      const signed = await fast.issue(sampleCredential(course, nth(learners, 0), 0), { created: CREATED });
      const result = await issuer.referenceVerify(signed);
      assert.equal(result.verified, true, String(result.error));
      const tampered = { ...structuredClone(signed), name: `${JSON.stringify(signed.name)} (altered)` };
      assert.equal((await issuer.referenceVerify(tampered)).verified, false);
    });

    it("defaults created to now without milliseconds and proofPurpose to assertionMethod, as the reference", async () => {
      const { course, learners } = sampleCohort("analise-de-dados", issuer.did);
      const credential = sampleCredential(course, nth(learners, 0), 0);
      const before = w3cDate();
      const proof = await fast.sign(credential);
      assert.match(proof.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.ok(proof.created >= before);
      assert.equal(proof.proofPurpose, "assertionMethod");
      assert.equal((await issuer.referenceVerify({ ...credential, proof })).verified, true);
    });

    it("falls back to rdf-canonize when two blank nodes share a first-degree hash, and still matches", async () => {
      const { course, learners } = sampleCohort("analise-de-dados", issuer.did);
      const credential = sampleCredential(course, nth(learners, 1), 1) as JsonObject & {
        credentialSubject: JsonObject;
      };
      const same = { type: "IdentityObject", identityType: "name", hashed: false, identityHash: "Ana" };
      credential.credentialSubject = { ...credential.credentialSubject, identifier: [same, { ...same }] };
      assert.equal(await assertSameAsReference(credential), "template+rdf-canonize");
    });

    it("falls back to the reference when two nodes share an IRI (JSON-LD merges them), and still matches", async () => {
      const { course, learners } = sampleCohort("analise-de-dados", issuer.did);
      const credential = sampleCredential(course, nth(learners, 2), 2);
      const merged = { ...credential, id: (course.achievement as { id: string }).id };
      assert.equal(await assertSameAsReference(merged), "reference");
    });

    it("writes one quad where a compact IRI and the same IRI in full name one object, as the reference", async () => {
      // "acredita:x" is structural (its prefix expands), the full IRI a slot: filled, both give the same quad,
      // which the reference writes once. (No other quads of this document could repeat.)
      const credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/acredita/v2"],
        id: "urn:uuid:6a3e6f1e-0000-4000-8000-000000000001",
        type: ["VerifiableCredential"],
        issuer: issuer.did,
        credentialSubject: { id: "did:example:learner" },
        microcredential: ["acredita:x", "https://w3id.org/acredita/vocab#x"],
      };
      assert.equal(await assertSameAsReference(credential), "template");
    });

    it("handles a value whose role depends on it (a vocabulary term) by keying the template on it", async () => {
      const { course, learners } = sampleCohort("analise-de-dados", issuer.did);
      const credential = sampleCredential(course, nth(learners, 3), 3);
      // proofPurpose has @type @vocab: "assertionMethod" expands to a security-vocabulary IRI.
      const expected = await issuer.referenceIssue(credential, CREATED);
      assert.deepEqual(
        await fast.sign(credential, { created: CREATED, proofPurpose: "assertionMethod" }),
        expected.proof,
      );
      const other = await fast.sign(credential, { created: CREATED, proofPurpose: "authentication" });
      assert.notEqual(other.proofValue, (expected.proof as { proofValue: string }).proofValue);
    });

    it("rejects what the reference rejects (a relative IRI, an undefined term), without a fast-path answer", async () => {
      const { course, learners } = sampleCohort("analise-de-dados", issuer.did);
      const credential = sampleCredential(course, nth(learners, 4), 4);
      await assertSameAsReference({ ...credential, id: "relative/id" });
      await assertSameAsReference({ ...credential, undefinedTerm: "x" });
    });

    it("rejects a document without the VC 2.0 context (CREDENTIAL_NOT_OB3)", async () => {
      await assert.rejects(
        fast.sign({ "@context": ["https://www.w3.org/2018/credentials/v1"], id: "urn:x" }),
        (error: unknown) => isAcreditaError(error, "CREDENTIAL_NOT_OB3"),
      );
    });

    it("issue() refuses a document that already has a proof (CREDENTIAL_ALREADY_ANCHORED)", async () => {
      const { course, learners } = sampleCohort("analise-de-dados", issuer.did);
      const signed = await fast.issue(sampleCredential(course, nth(learners, 0), 0), { created: CREATED });
      await assert.rejects(fast.issue(signed), (error: unknown) =>
        isAcreditaError(error, "CREDENTIAL_ALREADY_ANCHORED"),
      );
      // sign() signs over the document without its proof, as the reference does.
      assert.deepEqual(await fast.sign(signed, { created: CREATED }), signed.proof);
    });

    it("matches the reference for generated OB 3.0 credentials with hostile values", async () => {
      const { course, learners } = sampleCohort("negociacion-liderazgo", issuer.did);
      const base = sampleCredential(course, nth(learners, 0), 0) as JsonObject & {
        credentialSubject: JsonObject & { achievement: JsonObject & { microcredential: JsonObject } };
      };
      const hostile = fc.oneof(
        fc.string({ unit: "binary", maxLength: 30 }),
        fc.constantFrom("", " ", '"', "\\", "\n\r\t\b\f", "\u0000\u001f\u007f", "<>{}|^`", "é", "😀", "\u2028", "_:b0"),
        fc.constantFrom("urn:uuid:1", "https://example.org/a?b#c", "did:key:z6Mk#z6Mk", "acredita:x", "urn:x y"),
      );
      const iri = fc.oneof(
        fc.uuid().map((u) => `urn:uuid:${u}`),
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.constantFrom("did:web:example.org", "https://example.org/a b", "relative", "_:b1", "urn:acredita-probe-1-x"),
      );
      const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(1e21));
      const paths = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            id: iri,
            name: hostile,
            learnerNames: fc.array(hostile, { maxLength: 4 }),
            outcomes: fc.array(hostile, { maxLength: 3 }),
            workloadHours: number,
            identityChecked: fc.boolean(),
            extension: fc.option(
              fc.dictionary(fc.constantFrom("https://example.org/ext#a", "https://example.org/ext#b"), hostile),
            ),
            grade: fc.option(hostile),
          }),
          async (v) => {
            const subject = base.credentialSubject;
            const credential = {
              ...base,
              id: v.id,
              name: v.name,
              credentialSubject: {
                ...subject,
                identifier: v.learnerNames.map((n) => ({
                  type: "IdentityObject",
                  identityType: "name",
                  hashed: false,
                  identityHash: n,
                })),
                ...(v.grade !== null ? { result: [{ type: ["Result"], value: v.grade }] } : {}),
                achievement: {
                  ...subject.achievement,
                  ...(v.extension ?? {}),
                  microcredential: {
                    ...subject.achievement.microcredential,
                    learningOutcomes: v.outcomes,
                    workloadHours: v.workloadHours,
                    identityChecked: v.identityChecked,
                  },
                },
              },
            } as JsonObject;
            const path = (await assertSameAsReference(credential)) ?? "rejected";
            paths.set(path, (paths.get(path) ?? 0) + 1);
          },
        ),
        { numRuns: 40 },
      );
      assert.ok((paths.get("template") ?? 0) > 0, `paths taken: ${JSON.stringify([...paths])}`);
      if (process.env.ACREDITA_TEST_VERBOSE) console.log("paths taken", paths);
    });
  });

  describe("base58btc", () => {
    it("encodes as the multibase base58btc alphabet with leading zeros as 1s", () => {
      assert.equal(base58btc(new Uint8Array([0, 0, 1])), "112");
      assert.equal(base58btc(new TextEncoder().encode("hello world")), "StV1DL6CwTryKyV");
      assert.equal(base58btc(new Uint8Array()), "");
    });
  });

  describe("the fast canonicalization", () => {
    it("equals jsonld.canonize (RDFC-1.0) for the sample credentials", async () => {
      const { course, learners } = sampleCohort("analise-de-dados", issuer.did);
      const credential = sampleCredential(course, nth(learners, 5), 5);
      const expected = await jsonld.canonize(credential, {
        algorithm: "RDFC-1.0",
        format: "application/n-quads",
        safe: true,
        base: null,
        documentLoader: issuer.documentLoader,
      });
      assert.equal((await fast.canonize(credential)).nquads, expected);
    });
  });
});
