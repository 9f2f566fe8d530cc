import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import {
  acceptOwnCredential,
  type AnchorProof,
  checkLocally,
  enableFastHashing,
  type CredentialDocument,
  isAcreditaError,
  issueBatch,
  type JsonObject,
  type JsonValue,
  parseBatchManifest,
  sealBatch,
  splitAnchor,
} from "../../../core/index.ts";
import { buildTree } from "../../../core/tree.ts";
import { checkSignature } from "../../../core/signature-check.ts";
import { cryptoRandom, toOpenZeppelinDump } from "../../../core/batch.ts";
import { FORMAT_TAG, LEAF_ENCODING, leafOf, processProof, SEED_BYTES } from "../../../core/digest.ts";
import { fromHex, type Hex, toHex } from "../../../core/bytes.ts";
import { MAX_PROOF_LENGTH } from "../../../core/generated/constants.ts";
import {
  anchorOf,
  COHORTS,
  deterministicRandom,
  GOLDEN_REGISTRY,
  GOLDEN_SIGNED_AT,
  readTemplate,
  TEST_KEYS,
} from "../../helpers/golden.ts";
import { parseLearners } from "../../../scripts/lib/learners-csv.ts";

/** The parsed anchor proof of a credential. */
function parseAnchor(credential: CredentialDocument | undefined): AnchorProof {
  return splitAnchor(credential as JsonObject).anchor;
}

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
            const path = parseAnchor(batch.credentials[i]).path;
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
          const proof = parseAnchor(batch.credentials[i]);
          assert.equal(
            StandardMerkleTree.verify(proof.batchRoot, encoding, ozValues(batch)[i] as never, proof.path),
            true,
          );
          for (const credential of batch.credentials) {
            const p = parseAnchor(credential);
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
        const proof = parseAnchor(credential);
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
            const proof = parseAnchor(batch.credentials[i]);
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
      assert.deepEqual(oz.getProof(999), parseAnchor(batch.credentials[999]).path);
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
        const proof = parseAnchor(c);
        assert.equal(proof.index, i);
        assert.equal(proof.credentialDigest, manifest.credentials[i]?.credentialDigest);
        assert.equal(toHex(leafOf(anchor, i, fromHex(proof.credentialDigest))), manifest.credentials[i]?.leaf);
      });
    });

    it("seals an issuer's own OB3 files, signed or not, which then verify locally", async () => {
      const { buildCredential } = await import("../../../core/credential.ts");
      const { signWithDataIntegrity } = await import("../../../core/index.ts");
      const [learner] = parseLearners(
        "learner_id,name,completed_on\nOWN-1,Ana Própria,2026-09-01\n",
        "learners.csv",
      ).learners;
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
      const signed = await signWithDataIntegrity(own, TEST_KEYS.ifex.signer, { created: GOLDEN_SIGNED_AT });
      const sealed = sealBatch([acceptOwnCredential(own).credential, signed], anchor);
      const [plain, withSignature] = await Promise.all(
        sealed.credentials.map((c) => checkSignature(checkLocally(JSON.stringify(c)))),
      );
      assert.equal(plain?.checks.INTEGRITY?.status, "VALID");
      assert.equal(plain.checks.SIGNATURE?.reason, "SIGNATURE_NONE");
      assert.equal(withSignature?.checks.INTEGRITY?.status, "VALID");
      assert.equal(withSignature.checks.SIGNATURE?.reason, "SIGNATURE_OK");
      // The issuer's proof stays first and is committed; the anchor is appended last.
      assert.deepEqual(
        (sealed.credentials[1]?.proof as JsonObject[]).map((p) => p.type),
        ["DataIntegrityProof", "AcreditaMerkleProof2026"],
      );
      assert.deepEqual((sealed.credentials[1]?.proof as JsonValue[])[0], (signed.proof as JsonValue[])[0]);
    });

    it("issueBatch signs each credential with the issuer's key before sealing (sealBatch of the signed documents)", async () => {
      const learners = [
        { id: "B-1", name: "Bea Lote", completedOn: "2026-09-01" },
        { id: "B-2", name: "Bruno Lote", completedOn: "2026-09-02" },
      ];
      const parameters = {
        template: readTemplate("analise-de-dados"),
        issuer: COHORTS[1].issuer,
        learners,
        issuance: { validFrom: "2026-10-01T00:00:00Z" },
        anchor,
        credentialId: (i: number) => `urn:uuid:00000000-0000-4000-8000-00000000000${String(i)}`,
        signer: TEST_KEYS.ifex.signer,
        signedAt: GOLDEN_SIGNED_AT,
      };
      const issued = await issueBatch({ ...parameters, random: deterministicRandom("issue") });
      const again = await issueBatch({ ...parameters, random: deterministicRandom("issue") });
      assert.deepEqual(again.credentials, issued.credentials, "same seeds, ids, key and time: the same credentials");
      assert.deepEqual(again.manifest, issued.manifest);
      const documents = issued.credentials.map((c) => {
        const { document } = splitAnchor(c);
        return document;
      });
      const resealed = sealBatch(documents, anchor, { random: deterministicRandom("issue") });
      assert.deepEqual(resealed.credentials, issued.credentials);
      assert.deepEqual(resealed.manifest, issued.manifest);
      for (const c of issued.credentials) {
        const proofs = c.proof as JsonObject[];
        assert.deepEqual(
          [proofs[0]?.created, proofs[0]?.verificationMethod],
          [GOLDEN_SIGNED_AT, TEST_KEYS.ifex.verificationMethod],
        );
        assert.equal((await checkSignature(checkLocally(c))).checks.SIGNATURE?.reason, "SIGNATURE_OK");
      }
    });

    it("does not modify the credentials it seals", () => {
      const doc: CredentialDocument = { id: "urn:x", a: [1, 2], proof: [{ type: "DataIntegrityProof" }] };
      const copy = structuredClone(doc);
      sealBatch([doc], anchor);
      assert.deepEqual(doc, copy);
    });

    it("rejects an empty batch and a credential that already has an Acredita anchor (of any format)", () => {
      assert.throws(
        () => sealBatch([], anchor),
        (e: unknown) => isAcreditaError(e, "BATCH_EMPTY"),
      );
      const sealed = batchOf(1, "twice").credentials[0] as CredentialDocument;
      assert.throws(
        () => sealBatch([sealed], anchor),
        (e: unknown) => isAcreditaError(e, "CREDENTIAL_ALREADY_ANCHORED"),
      );
      assert.throws(
        () => sealBatch([{ id: "x", proof: { type: "AcreditaMerkleProof" } }], anchor),
        (e: unknown) => isAcreditaError(e, "CREDENTIAL_ALREADY_ANCHORED"),
      );
    });
  });

  describe("seeds", () => {
    it("are 128 bits, drawn from the CSPRNG, and never repeat in a 10,000-credential batch", () => {
      assert.equal(SEED_BYTES, 16);
      const docs: CredentialDocument[] = Array.from({ length: 10_000 }, () => ({ id: "urn:same", grade: "A" }));
      const batch = sealBatch(docs, anchor);
      const seeds = new Set(batch.credentials.map((c) => parseAnchor(c).seed));
      assert.equal(seeds.size, 10_000);
      for (const seed of seeds) assert.match(seed ?? "", /^0x[0-9a-f]{32}$/);
      // Same content, different seeds: different digests (a guess of a hidden value cannot be checked). A
      // credential with no field at all (header only) has nothing to salt: its digest ignores the seed.
      assert.equal(new Set(batch.manifest.credentials.map((c) => c.credentialDigest)).size, 10_000);
      const headerOnly = sealBatch([{ id: "urn:h" }, { id: "urn:h" }], anchor).manifest.credentials;
      assert.equal(headerOnly[0]?.credentialDigest, headerOnly[1]?.credentialDigest);
    });

    it("come from the injected random source, in batch order", () => {
      const draws: number[] = [];
      const stream = deterministicRandom("seeds");
      const batch = sealBatch([{ id: "a" }, { id: "b" }, { id: "c" }], anchor, {
        random: (target) => {
          draws.push(target.length);
          stream(target);
        },
      });
      assert.deepEqual(draws, [3 * SEED_BYTES]);
      const expected = new Uint8Array(3 * SEED_BYTES);
      deterministicRandom("seeds")(expected);
      batch.credentials.forEach((c, i) => {
        assert.equal(parseAnchor(c).seed, toHex(expected.subarray(i * 16, i * 16 + 16)));
      });
    });

    it("cryptoRandom fills buffers beyond the 65,536-byte Web Crypto limit", () => {
      const big = new Uint8Array(200_000);
      cryptoRandom(big);
      const tail = big.subarray(150_000);
      assert.ok(tail.some((b) => b !== 0));
    });
  });

  describe("splitAnchor / parseBatchManifest", () => {
    const sealed = batchOf(2, "p").credentials[0] as JsonObject;
    const proof = anchorOf(sealed);
    const withAnchor = (anchorProof: JsonObject) => ({ ...sealed, proof: [anchorProof] });
    const parse = (anchorProof: JsonObject) => splitAnchor(withAnchor(anchorProof)).anchor;

    it("rejects a missing anchor, an unknown format and a malformed anchor with their reason codes", () => {
      const bare = { ...sealed };
      delete bare.proof;
      assert.throws(
        () => splitAnchor(bare),
        (e: unknown) => isAcreditaError(e, "PROOF_MISSING"),
      );
      assert.throws(
        () => parse({ ...proof, format: "acredita/anchor/v9" }),
        (e: unknown) => isAcreditaError(e, "PROOF_UNSUPPORTED_FORMAT"),
      );
      assert.throws(
        () => parse({ ...proof, type: "AcreditaMerkleProof" }),
        (e: unknown) => isAcreditaError(e, "PROOF_UNSUPPORTED_FORMAT"),
      );
      for (const bad of [
        { ...proof, index: -1 },
        { ...proof, extra: 1 },
        { ...proof, batchRoot: (proof.batchRoot as string).toUpperCase() },
        { ...proof, seed: `${proof.seed as string}00` },
        { ...proof, fieldCount: 4097 },
        { ...proof, proofPurpose: "authentication" },
      ]) {
        assert.throws(
          () => parse(bad),
          (e: unknown) => isAcreditaError(e, "PROOF_MALFORMED"),
          JSON.stringify(bad).slice(0, 80),
        );
      }
    });

    it("accepts a path of MAX_PROOF_LENGTH nodes and rejects a longer one with PROOF_PATH_TOO_LONG", () => {
      assert.equal(MAX_PROOF_LENGTH, 32);
      const node = proof.batchRoot as Hex;
      const longest = Array.from({ length: MAX_PROOF_LENGTH }, () => node);
      assert.equal(parse({ ...proof, path: longest }).path.length, MAX_PROOF_LENGTH);
      assert.throws(
        () => parse({ ...proof, path: [...longest, node] }),
        (e: unknown) =>
          isAcreditaError(e, "PROOF_PATH_TOO_LONG") && e.details.length === 33 && e.details.max === MAX_PROOF_LENGTH,
      );
    });

    it("returns the document the anchor commits to: every other proof kept, as an array", () => {
      const signature = { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022" };
      const { document } = splitAnchor({ ...sealed, proof: [signature, proof] });
      assert.deepEqual(document.proof, [signature]);
      assert.equal(Object.hasOwn(splitAnchor(sealed).document, "proof"), false);
    });

    it("rejects a manifest whose entries are out of order", () => {
      const manifest = structuredClone(batchOf(3, "m").manifest);
      manifest.credentials.reverse();
      assert.throws(
        () => parseBatchManifest(manifest),
        (e: unknown) => isAcreditaError(e, "MANIFEST_MALFORMED"),
      );
      const v1 = { ...structuredClone(batchOf(3, "m").manifest), format: "acredita/batch-manifest/v1" };
      assert.throws(
        () => parseBatchManifest(v1),
        (e: unknown) => isAcreditaError(e, "MANIFEST_MALFORMED"),
      );
    });
  });
});
