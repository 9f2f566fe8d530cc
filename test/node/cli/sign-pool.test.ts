import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createEddsaRdfc2022Signer } from "../../../core/data-integrity-sign.ts";
import { enableFastHashing, type JsonObject } from "../../../core/index.ts";
import { createNodeEd25519Signer } from "../../../scripts/lib/ed25519-signer.ts";
import { createSignPool, SignBatchError, type SignPool } from "../../../scripts/lib/sign-pool.ts";
import {
  createDidKeyIssuer,
  type DidKeyIssuer,
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
let pool: SignPool;
let credentials: JsonObject[];

before(async () => {
  await enableFastHashing();
  issuer = await createDidKeyIssuer();
  pool = createSignPool({ seed: issuer.seed, verificationMethod: issuer.verificationMethod, workers: 2 });
  const { course, learners } = sampleCohort("negociacion-liderazgo", issuer.did);
  credentials = Array.from({ length: 60 }, (_, i) =>
    sampleCredential(course, { ...nth(learners, i % learners.length), id: `L-${i}` }, i),
  );
});
after(async () => {
  await pool.close();
});

describe("sign-pool (scripts/lib)", () => {
  describe("createNodeEd25519Signer", () => {
    it("signs exactly as the Multikey signer (Ed25519 is deterministic)", async () => {
      const data = new TextEncoder().encode("acredita");
      const node = createNodeEd25519Signer(issuer.seed, issuer.verificationMethod);
      assert.deepEqual(new Uint8Array(await node.sign({ data })), new Uint8Array(await issuer.signer.sign({ data })));
    });
  });

  describe("signBatch", () => {
    it("returns every document's proof in order, each the single-thread signer's and the reference's", async () => {
      const proofs = await pool.signBatch(credentials, { created: CREATED, chunkSize: 7 });
      assert.equal(proofs.length, credentials.length);
      const single = createEddsaRdfc2022Signer({ signer: issuer.signer, documentLoader: issuer.documentLoader });
      for (const [i, credential] of credentials.entries()) {
        assert.deepEqual(proofs[i], await single.sign(credential, { created: CREATED }), `document ${i}`);
      }
      const reference = await issuer.referenceIssue(nth(credentials, 13), CREATED);
      assert.deepEqual(proofs[13], reference.proof);
      assert.equal((await issuer.referenceVerify({ ...nth(credentials, 13), proof: nth(proofs, 13) })).verified, true);
      assert.ok(pool.stats.template >= credentials.length);
    });

    it("rejects with the failing document's index and id (SignBatchError), and the pool stops", async () => {
      const bad = [...credentials.slice(0, 10), { ...nth(credentials, 10), "@context": ["urn:nope"] }];
      await assert.rejects(
        pool.signBatch(bad, { created: CREATED, chunkSize: 4 }),
        (error: unknown) =>
          error instanceof SignBatchError && error.index === 10 && error.documentId === nth(bad, 10).id,
      );
      await assert.rejects(pool.signBatch(credentials.slice(0, 1)), /stopped/);
    });
  });
});
