import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { createBatchCommitter } from "../../../core/batch-commit.ts";
import { commitFull } from "../../../core/commitment.ts";
import {
  type CredentialDocument,
  isAcreditaError,
  type JsonObject,
  type JsonValue,
  type LearnerRecord,
  prepareCourse,
  splitAnchor,
  type VerificationKey,
} from "../../../core/index.ts";
import { credentialFor } from "../../../core/credential.ts";
import { fromHex, type Hex, toHex } from "../../../core/bytes.ts";
import { leafOf } from "../../../core/digest.ts";
import { MAX_FIELDS } from "../../../core/proof.ts";
import { signersOf } from "../../../core/data-integrity.ts";
import type { KeccakBackend } from "../../../core/keccak-machine.ts";
import { COHORTS, GOLDEN_REGISTRY, readGolden, readTemplate } from "../../helpers/golden.ts";

const BACKENDS: readonly KeccakBackend[] = ["wasm-simd", "wasm", "js"];
const ANCHOR = { chainId: 31337, registry: GOLDEN_REGISTRY, institutionId: 7 };
const KEYS: VerificationKey[] = [
  {
    id: "did:web:uneje.example#key-1",
    type: "Multikey",
    controller: "did:web:uneje.example",
    publicKeyMultibase: "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
  },
];

function seedOf(n: number): Uint8Array {
  return Uint8Array.from({ length: 16 }, (_, i) => (n * 17 + i * 5 + 1) & 255);
}

/** What commitFull and leafOf say of `document` at `index`. */
function expected(document: JsonObject, seed: Uint8Array, index: number, keys?: readonly VerificationKey[]) {
  const full = commitFull(document, seed, { verificationKeys: keys, signedBy: signersOf(document) });
  return {
    digest: toHex(full.credentialDigest),
    leaf: toHex(leafOf(ANCHOR, index, full.credentialDigest)),
    fields: full.fields.length,
  };
}

/** The committer's answer for `document` at `index`. */
function committed(
  committer: ReturnType<typeof createBatchCommitter>,
  document: JsonObject,
  seed: Uint8Array,
  index: number,
) {
  const digests = new Uint8Array(32 * (index + 1));
  const leaves = new Uint8Array(32 * (index + 1));
  const fields = committer.commit(document, seed, signersOf(document), index, digests, leaves);
  return {
    digest: toHex(digests.subarray(32 * index)),
    leaf: toHex(leaves.subarray(32 * index)),
    fields,
  };
}

// Documents from a small pool of keys and values, so that shapes and values repeat, differ in one place, or
// change kind (leaf ↔ container, object ↔ array ↔ empty) from one document to the next.
const KEY = fc.constantFrom("a", "b", "id", "type", "name", "x/y", "~0", "", "émoji😀");
const leafValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>(null, true, false, 0, -0, 1, 1e21, 0.1, "", "v", "w", "ü", [], {}),
  fc.string({ maxLength: 6 }),
  fc.integer(),
);
const { value: jsonValue } = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafValue,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(KEY, tie("value"), { maxKeys: 3 }),
  ),
}));
const issuerValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>("did:key:z6Mk", null, {}, ["did:a"]),
  fc.dictionary(fc.constantFrom("id", "name", "url", "type"), jsonValue, { maxKeys: 3 }),
);
const members = {
  "@context": fc.constantFrom<JsonValue>(["https://www.w3.org/ns/credentials/v2"], "x", [], {}),
  id: fc.constantFrom<JsonValue>("urn:uuid:1", "urn:uuid:2", 3),
  type: fc.constantFrom<JsonValue>(["VerifiableCredential"], "VerifiableCredential"),
  validFrom: fc.constantFrom<JsonValue>("2026-01-01T00:00:00Z", null),
  validUntil: fc.constantFrom<JsonValue>("2027-01-01T00:00:00Z"),
  issuer: issuerValue,
  credentialSubject: jsonValue,
  name: leafValue,
  proof: fc.constantFrom<JsonValue>(
    [
      {
        type: "DataIntegrityProof",
        cryptosuite: "eddsa-rdfc-2022",
        verificationMethod: "did:key:z#z",
        proofValue: "z1",
      },
    ],
    [],
  ),
};
const documentArb: fc.Arbitrary<JsonObject> = fc
  .record(members, { requiredKeys: [] })
  .chain((base) => fc.dictionary(KEY, jsonValue, { maxKeys: 2 }).map((extra) => ({ ...extra, ...base })));
/** Documents with every member, in one order: the same layout is tried on each (its values and kinds vary). */
const sameMembersArb: fc.Arbitrary<JsonObject> = fc.record({ ...members, issuer: issuerValue, extra: leafValue });

describe("batch committer (core/batch-commit.ts)", () => {
  for (const backend of BACKENDS) {
    describe(backend, () => {
      it("gives every golden credential the digest, leaf and field count its anchor proof records", () => {
        for (const cohort of COHORTS) {
          const golden = readGolden(`${cohort.name}.json`) as {
            anchor: typeof ANCHOR;
            credentials: CredentialDocument[];
          };
          const committer = createBatchCommitter({ anchor: golden.anchor, backend });
          for (const credential of golden.credentials) {
            const { document, anchor } = splitAnchor(credential);
            const digests = new Uint8Array(32);
            const leaves = new Uint8Array(32);
            const fields = committer.commit(
              document,
              fromHex(anchor.seed as Hex),
              signersOf(document),
              anchor.index,
              digests,
              leaves,
              0,
            );
            assert.equal(toHex(digests), anchor.credentialDigest);
            assert.equal(toHex(leaves), toHex(leafOf(golden.anchor, anchor.index, digests)));
            assert.equal(fields, anchor.fieldCount);
          }
          assert.equal(committer.layouts, 1, "one template, one signer: one layout");
        }
      });

      it("equals commitFull on any sequence of documents, however their shapes and values repeat or change", () => {
        fc.assert(
          fc.property(fc.array(documentArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (documents, withKeys) => {
            const keys = withKeys ? KEYS : undefined;
            const committer = createBatchCommitter({ anchor: ANCHOR, verificationKeys: keys, backend });
            documents.forEach((document, index) => {
              const seed = seedOf(index);
              assert.deepEqual(committed(committer, document, seed, index), expected(document, seed, index, keys));
            });
          }),
          { numRuns: backend === "js" ? 150 : 400 },
        );
      });

      it("equals commitFull on documents with the same members in the same order, whatever their values", () => {
        fc.assert(
          fc.property(fc.array(sameMembersArb, { minLength: 2, maxLength: 8 }), (documents) => {
            const committer = createBatchCommitter({ anchor: ANCHOR, backend });
            documents.forEach((document, index) => {
              const seed = seedOf(index);
              assert.deepEqual(committed(committer, document, seed, index), expected(document, seed, index));
            });
          }),
          { numRuns: backend === "js" ? 150 : 400 },
        );
      });

      it("recognises a course's frozen parts by identity, and sees a change in parts that are not frozen", () => {
        const course = prepareCourse(
          readTemplate("negociacion-liderazgo"),
          { id: "did:web:uneje.example", name: "Universidad Nacional de Ejemplo", country: "MX" },
          { validFrom: "2026-07-01T00:00:00Z" },
        );
        const learner: LearnerRecord = { id: "A-1", name: "Ana", completedOn: "2026-06-01", grade: "9" };
        const variants: LearnerRecord[] = [
          learner,
          { ...learner, id: "A-2", name: "Bea" },
          { ...learner, id: "A-3", email: "c@x.example" },
          { ...learner, id: "A-4", grade: undefined },
          { ...learner, id: "A-5", name: "Ana" },
        ];
        const committer = createBatchCommitter({ anchor: ANCHOR, backend });
        const shared: JsonObject = { note: "first" };
        variants.forEach((variant, index) => {
          const document = { ...credentialFor(course, variant, `urn:uuid:${index}`), extra: shared };
          assert.deepEqual(
            committed(committer, document, seedOf(index), index),
            expected(document, seedOf(index), index),
          );
          shared.note = `changed ${index}`;
        });
        assert.equal(committer.layouts, 3, "with and without e-mail, without grade");
      });

      it("throws what commitFull throws, and stays correct after", () => {
        const committer = createBatchCommitter({ anchor: ANCHOR, backend });
        const good = (name: JsonValue): JsonObject => ({ id: "urn:x", credentialSubject: { name, n: 1 } });
        assert.deepEqual(committed(committer, good("a"), seedOf(1), 0), expected(good("a"), seedOf(1), 0));
        const surrogate = good("\uD800");
        let thrown: unknown;
        try {
          commitFull(surrogate, seedOf(2));
        } catch (error) {
          thrown = error;
        }
        assert.ok(isAcreditaError(thrown));
        assert.throws(
          () => committed(committer, surrogate, seedOf(2), 1),
          (error: unknown) => isAcreditaError(error, thrown.code),
        );
        assert.deepEqual(committed(committer, good("b"), seedOf(3), 2), expected(good("b"), seedOf(3), 2));
        const wide: JsonObject = { list: Array.from({ length: MAX_FIELDS + 1 }, (_, i) => i) };
        assert.throws(
          () => committed(committer, wide, seedOf(4), 3),
          (error: unknown) => isAcreditaError(error, "PROOF_MALFORMED"),
        );
        assert.throws(() =>
          committer.commit(good("a"), new Uint8Array(15), [], 0, new Uint8Array(32), new Uint8Array(32)),
        );
      });
    });
  }
});
