import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import {
  acceptOwnCredential,
  buildTree,
  enableFastHashing,
  type CredentialDocument,
  FORMAT_TAG,
  fromHex,
  type Hex,
  isAcreditaError,
  type JsonObject,
  LEAF_ENCODING,
  leafOf,
  MAX_PROOF_LENGTH,
  parseBatchManifest,
  parseProofBlock,
  processProof,
  SaltPool,
  saltSource,
  sealBatch,
  toHex,
  toOpenZeppelinDump,
} from "../../../core/index.ts";
import { GOLDEN_REGISTRY } from "../../helpers/golden.ts";

// OpenZeppelin's JS tree is slow (about 1.5 ms per leaf here): the properties below ask it about one random leaf
// per run, and one exhaustive test checks every leaf of a 300-credential batch.
await enableFastHashing();

const anchor = { chainId: 31337, registry: GOLDEN_REGISTRY, institutionId: 3 };
const encoding = [...LEAF_ENCODING];

/** A batch of n tiny credentials with random content (the tree only sees their digests). */
function batchOf(n: number, seed: string) {
  const docs: CredentialDocument[] = Array.from({ length: n }, (_, i) => ({ id: `urn:test:${seed}:${i}`, n: i }));
  return sealBatch(docs, anchor);
}

function ozValues(batch: ReturnType<typeof batchOf>): [Hex, bigint, Hex, number, number, Hex][] {
  return batch.manifest.credentials.map((c) => [
    FORMAT_TAG,
    BigInt(anchor.chainId),
    batch.manifest.registry,
    anchor.institutionId,
    c.index,
    c.credentialDigest,
  ]);
}

describe("batch", () => {
  describe("buildTree (OpenZeppelin StandardMerkleTree layout)", () => {
    it("gives OpenZeppelin's root and proofs for random batches (200 runs, every leaf)", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 17 }), fc.string(), (n, seed) => {
          const batch = batchOf(n, seed);
          const oz = StandardMerkleTree.of(ozValues(batch), encoding);
          assert.equal(batch.batchRoot, oz.root);
          for (let i = 0; i < n; i++) {
            const path = (batch.credentials[i]?.proof as JsonObject).path as Hex[];
            assert.deepEqual(path, oz.getProof(i));
          }
        }),
        { numRuns: 200 },
      );
    });

    it("OpenZeppelin's own verifier accepts every leaf's proof (1,000 runs: random batch, random leaf)", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 100 }), fc.string(), fc.nat(), (n, seed, pick) => {
          const batch = batchOf(n, seed);
          const i = pick % n;
          const proof = parseProofBlock(batch.credentials[i]?.proof);
          assert.equal(
            StandardMerkleTree.verify(proof.batchRoot, encoding, ozValues(batch)[i] as never, proof.path),
            true,
          );
          for (const credential of batch.credentials) {
            const p = parseProofBlock(credential.proof);
            const leaf = leafOf(anchor, p.index, fromHex(p.credentialDigest));
            assert.equal(toHex(processProof(leaf, p.path.map(fromHex))), p.batchRoot);
          }
        }),
        { numRuns: 1000 },
      );
    });

    it("OpenZeppelin's own verifier accepts every proof of a 300-credential batch", () => {
      const batch = batchOf(300, "every");
      const values = ozValues(batch);
      batch.credentials.forEach((credential, i) => {
        const proof = parseProofBlock(credential.proof);
        assert.equal(StandardMerkleTree.verify(proof.batchRoot, encoding, values[i] as never, proof.path), true);
      });
    });

    it("no non-member verifies: another digest, index, institution, chain or registry with a member's proof (1,000 runs)", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 300 }),
          fc.string(),
          fc.nat(),
          fc.integer({ min: 0, max: 4 }),
          (n, seed, pick, what) => {
            const batch = batchOf(n, seed);
            const i = pick % n;
            const entry = batch.manifest.credentials[i];
            assert.ok(entry);
            const proof = parseProofBlock(batch.credentials[i]?.proof);
            const value: [Hex, bigint, Hex, number, number, Hex] = [
              ...(ozValues(batch)[i] as [Hex, bigint, Hex, number, number, Hex]),
            ];
            if (what === 0) value[5] = toHex(fromHex(entry.credentialDigest).map((b, k) => (k === 0 ? b ^ 1 : b)));
            if (what === 1) value[4] = (entry.index + 1 + (pick % 7)) % 0xffffffff;
            if (what === 2) value[3] = anchor.institutionId + 1;
            if (what === 3) value[1] = BigInt(anchor.chainId + 1);
            if (what === 4) value[2] = "0x0000000000000000000000000000000000000001";
            assert.equal(StandardMerkleTree.verify(proof.batchRoot, encoding, value as never, proof.path), false);
            const leaf = leafOf(
              { chainId: Number(value[1]), registry: value[2], institutionId: value[3] },
              value[4],
              fromHex(value[5]),
            );
            assert.notEqual(toHex(processProof(leaf, proof.path.map(fromHex))), proof.batchRoot);
          },
        ),
        { numRuns: 1000 },
      );
    });

    it("dumps a tree that OpenZeppelin's StandardMerkleTree.load validates, for 1,000 credentials", () => {
      const batch = batchOf(1000, "dump");
      const oz = StandardMerkleTree.load(toOpenZeppelinDump(batch) as never);
      assert.equal(oz.root, batch.batchRoot);
      assert.deepEqual(oz.getProof(999), (batch.credentials[999]?.proof as JsonObject).path);
    });

    it("rejects an empty tree", () => {
      assert.throws(() => buildTree(new Uint8Array(0), 0), RangeError);
    });
  });

  describe("sealBatch", () => {
    it("numbers credentials by batch position and writes a manifest that parses strictly", () => {
      const batch = batchOf(5, "manifest");
      const manifest = parseBatchManifest(JSON.parse(JSON.stringify(batch.manifest)));
      assert.equal(manifest.count, 5);
      batch.credentials.forEach((c, i) => {
        const proof = parseProofBlock(c.proof);
        assert.equal(proof.index, i);
        assert.equal(proof.credentialDigest, manifest.credentials[i]?.credentialDigest);
        assert.equal(toHex(leafOf(anchor, i, fromHex(proof.credentialDigest))), manifest.credentials[i]?.leaf);
      });
    });

    it("seals an issuer's own OB3 files, which then verify locally", async () => {
      const { buildCredential, checkLocally, parseLearnersCsv } = await import("../../../core/index.ts");
      const { readTemplate, COHORTS } = await import("../../helpers/golden.ts");
      const [learner] = parseLearnersCsv("learner_id,name,completed_on\nOWN-1,Ana Própria,2026-09-01\n");
      assert.ok(learner);
      const own = JSON.parse(
        JSON.stringify(
          buildCredential({
            template: readTemplate("analise-de-dados"),
            issuer: COHORTS[1].issuer,
            learner,
            options: { validFrom: "2026-10-01T00:00:00Z" },
          }),
        ),
      ) as CredentialDocument;
      const sealed = sealBatch([acceptOwnCredential(own).credential], anchor);
      assert.equal(checkLocally(JSON.stringify(sealed.credentials[0])).checks.INTEGRITY?.status, "VALID");
    });

    it("does not modify the credentials it seals", () => {
      const doc: CredentialDocument = { id: "urn:x", a: [1, 2] };
      const copy = structuredClone(doc);
      sealBatch([doc], anchor);
      assert.deepEqual(doc, copy);
    });

    it("rejects an empty batch and a credential that already has a proof", () => {
      assert.throws(
        () => sealBatch([], anchor),
        (e: unknown) => isAcreditaError(e, "BATCH_EMPTY"),
      );
      assert.throws(
        () => sealBatch([{ id: "x", proof: {} }], anchor),
        (e: unknown) => isAcreditaError(e, "CREDENTIAL_ALREADY_ANCHORED"),
      );
    });
  });

  describe("salts", () => {
    it("never repeat in 100,000 draws from the CSPRNG, and are 128 bits", () => {
      const next = saltSource();
      const seen = new Set<string>();
      for (let i = 0; i < 100_000; i++) {
        const salt = next();
        assert.equal(salt.length, 16);
        seen.add(toHex(salt));
      }
      assert.equal(seen.size, 100_000);
    });

    it("the pool's hex is the hex of its bytes", () => {
      const pool = new SaltPool();
      for (let i = 0; i < 5000; i++) {
        const offset = pool.take();
        assert.equal(pool.hexAt(offset), toHex(pool.bytes.subarray(offset, offset + 16)));
      }
    });
  });

  describe("parseProofBlock / parseBatchManifest", () => {
    const proof = parseProofBlock(batchOf(2, "p").credentials[0]?.proof);

    it("rejects a missing proof, an unknown format and a malformed block with their reason codes", () => {
      assert.throws(
        () => parseProofBlock(undefined),
        (e: unknown) => isAcreditaError(e, "PROOF_MISSING"),
      );
      assert.throws(
        () => parseProofBlock({ ...proof, format: "acredita/proof/v9" }),
        (e: unknown) => isAcreditaError(e, "PROOF_UNSUPPORTED_FORMAT"),
      );
      assert.throws(
        () => parseProofBlock({ ...proof, index: -1 }),
        (e: unknown) => isAcreditaError(e, "PROOF_MALFORMED"),
      );
      assert.throws(
        () => parseProofBlock({ ...proof, extra: 1 }),
        (e: unknown) => isAcreditaError(e, "PROOF_MALFORMED"),
      );
      assert.throws(
        () => parseProofBlock({ ...proof, batchRoot: proof.batchRoot.toUpperCase() }),
        (e: unknown) => isAcreditaError(e, "PROOF_MALFORMED"),
      );
    });

    it("accepts a path of MAX_PROOF_LENGTH nodes and rejects a longer one with PROOF_PATH_TOO_LONG", () => {
      assert.equal(MAX_PROOF_LENGTH, 32);
      const node = proof.batchRoot;
      const longest = Array.from({ length: MAX_PROOF_LENGTH }, () => node);
      assert.equal(parseProofBlock({ ...proof, path: longest }).path.length, MAX_PROOF_LENGTH);
      assert.throws(
        () => parseProofBlock({ ...proof, path: [...longest, node] }),
        (e: unknown) =>
          isAcreditaError(e, "PROOF_PATH_TOO_LONG") && e.details.length === 33 && e.details.max === MAX_PROOF_LENGTH,
      );
    });

    it("rejects a manifest whose entries are out of order", () => {
      const manifest = structuredClone(batchOf(3, "m").manifest);
      manifest.credentials.reverse();
      assert.throws(
        () => parseBatchManifest(manifest),
        (e: unknown) => isAcreditaError(e, "MANIFEST_MALFORMED"),
      );
    });
  });
});
