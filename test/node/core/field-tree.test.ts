import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { concat, keccak256 } from "viem";
import { type CredentialDocument, isAcreditaError, redactCredential, splitAnchor } from "../../../core/index.ts";
import { DISPLAY_ORDER, splitFields } from "../../../core/disclosure.ts";
import { fieldMultiproof, fieldNode, fieldRoot, foldFieldMultiproof } from "../../../core/field-tree.ts";
import { fromHex, type Hex, toHex } from "../../../core/bytes.ts";
import { keccakUtf8 } from "../../../core/hash.ts";
import { anchorOf, readGolden } from "../../helpers/golden.ts";

const leavesOf = (n: number, seed = "leaf"): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => keccakUtf8(`${seed}/${String(i)}`));

/** The tree written out level by level with viem, as the module comment defines it. */
function referenceRoot(leaves: readonly Hex[]): Hex {
  if (leaves.length === 0) return `0x${"00".repeat(32)}`;
  let level = [...leaves];
  while (level.length > 1) {
    const next: Hex[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right === undefined ? (level[i] as Hex) : keccak256(concat(["0x01", level[i] as Hex, right])));
    }
    level = next;
  }
  return level[0] as Hex;
}

const hex = (nodes: readonly Uint8Array[]) => nodes.map(toHex);

function fold(leaves: readonly Uint8Array[], positions: readonly number[], proof: readonly Uint8Array[]): Hex {
  return toHex(
    foldFieldMultiproof(
      leaves.length,
      positions,
      positions.map((p) => leaves[p] as Uint8Array),
      proof,
    ),
  );
}

function rejects(fn: () => unknown, why: string): void {
  assert.throws(fn, (e: unknown) => isAcreditaError(e, "DISCLOSURE_BAD_MULTIPROOF"), why);
}

/** A tree size and a sorted, distinct subset of its positions (possibly empty or complete). */
const shape = fc.integer({ min: 0, max: 40 }).chain((n) =>
  fc
    .subarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: 0, maxLength: n },
    )
    .map((positions) => ({ n, positions })),
);

describe("field-tree", () => {
  describe("fieldNode", () => {
    it("is H(0x01 ‖ left ‖ right), ordered (not sorted like OpenZeppelin's pairs)", () => {
      const [a, b] = leavesOf(2) as [Uint8Array, Uint8Array];
      assert.equal(toHex(fieldNode(a, b)), keccak256(concat(["0x01", toHex(a), toHex(b)])));
      assert.notEqual(toHex(fieldNode(a, b)), toHex(fieldNode(b, a)));
    });
  });

  describe("fieldRoot, fieldMultiproof and foldFieldMultiproof", () => {
    it("agree with the reference root for every leaf count 0..40, with every leaf hidden and every leaf visible", () => {
      for (let n = 0; n <= 40; n++) {
        const leaves = leavesOf(n, `n${String(n)}`);
        const root = toHex(fieldRoot(leaves));
        assert.equal(root, referenceRoot(hex(leaves)), `root of ${String(n)}`);
        const all = leaves.map((_, i) => i);
        // All visible: no node at all.
        assert.deepEqual(fieldMultiproof(leaves, all), [], `all visible, ${String(n)}`);
        assert.equal(fold(leaves, all, []), root);
        // All hidden: the root alone (nothing for an empty tree).
        const none = fieldMultiproof(leaves, []);
        assert.deepEqual(hex(none), n === 0 ? [] : [root], `all hidden, ${String(n)}`);
        assert.equal(fold(leaves, [], none), root);
      }
    });

    it("agree for random position subsets of trees of 0..40 leaves (2,000 runs)", () => {
      fc.assert(
        fc.property(shape, fc.string(), ({ n, positions }, seed) => {
          const leaves = leavesOf(n, seed);
          const proof = fieldMultiproof(leaves, positions);
          assert.equal(fold(leaves, positions, proof), referenceRoot(hex(leaves)));
          // Never more nodes than hidden leaves (and at most one per level and known run).
          assert.ok(proof.length <= Math.max(n - positions.length, 0));
        }),
        { numRuns: 2000 },
      );
    });

    it("a single changed visible leaf or proof node gives another root (1,000 runs)", () => {
      fc.assert(
        fc.property(
          shape.filter(({ n }) => n > 0),
          fc.nat(),
          fc.integer({ min: 0, max: 31 }),
          (s, pick, byte) => {
            const leaves = leavesOf(s.n);
            const root = toHex(fieldRoot(leaves));
            const proof = fieldMultiproof(leaves, s.positions);
            const known = s.positions.map((p) => leaves[p] as Uint8Array);
            const flip = (b: Uint8Array) => b.map((x, k) => (k === byte ? x ^ 0x80 : x));
            const total = known.length + proof.length;
            const which = pick % total;
            if (which < known.length) known[which] = flip(known[which] as Uint8Array);
            else proof[which - known.length] = flip(proof[which - known.length] as Uint8Array);
            assert.notEqual(toHex(foldFieldMultiproof(s.n, s.positions, known, proof)), root);
          },
        ),
        { numRuns: 1000 },
      );
    });

    it("a visible leaf claimed at another position gives another root (1,000 runs)", () => {
      fc.assert(
        fc.property(
          shape.filter(({ n, positions }) => positions.length > 0 && positions.length < n),
          fc.nat(),
          (s, pick) => {
            const leaves = leavesOf(s.n);
            const root = toHex(fieldRoot(leaves));
            const proof = fieldMultiproof(leaves, s.positions);
            const hidden = leaves.map((_, i) => i).filter((i) => !s.positions.includes(i));
            const moved = [...s.positions];
            moved[pick % moved.length] = hidden[pick % hidden.length] as number;
            moved.sort((a, b) => a - b);
            const known = s.positions.map((p) => leaves[p] as Uint8Array);
            let folded: Hex | undefined;
            try {
              folded = toHex(foldFieldMultiproof(s.n, moved, known, proof));
            } catch (error) {
              assert.ok(isAcreditaError(error, "DISCLOSURE_BAD_MULTIPROOF"));
              return;
            }
            assert.notEqual(folded, root);
          },
        ),
        { numRuns: 1000 },
      );
    });
  });

  describe("foldFieldMultiproof rejects malformed proofs with DISCLOSURE_BAD_MULTIPROOF", () => {
    const leaves = leavesOf(13);
    const positions = [1, 2, 7, 12];
    const known = positions.map((p) => leaves[p] as Uint8Array);
    const proof = fieldMultiproof(leaves, positions);
    const root = toHex(fieldRoot(leaves));

    it("accepts the untouched proof (the cases below differ from it in one respect each)", () => {
      assert.equal(toHex(foldFieldMultiproof(13, positions, known, proof)), root);
      assert.ok(proof.length >= 3);
    });

    it("an extra node, a missing node, or an empty proof", () => {
      rejects(() => foldFieldMultiproof(13, positions, known, [...proof, leaves[0] as Uint8Array]), "extra");
      rejects(() => foldFieldMultiproof(13, positions, known, proof.slice(0, -1)), "missing");
      rejects(() => foldFieldMultiproof(13, positions, known, []), "empty");
      rejects(() => foldFieldMultiproof(13, [], [], []), "all hidden without the root");
      rejects(() => foldFieldMultiproof(13, [], [], [fieldRoot(leaves), fieldRoot(leaves)]), "root twice");
      rejects(() => foldFieldMultiproof(0, [], [], [fieldRoot(leaves)]), "a node for an empty tree");
    });

    it("unsorted, duplicate, negative, fractional or out-of-range positions", () => {
      rejects(() => foldFieldMultiproof(13, [2, 1, 7, 12], known, proof), "unsorted");
      rejects(() => foldFieldMultiproof(13, [1, 2, 2, 12], known, proof), "duplicate");
      rejects(() => foldFieldMultiproof(13, [-1, 2, 7, 12], known, proof), "negative");
      rejects(() => foldFieldMultiproof(13, [1, 2.5, 7, 12], known, proof), "fractional");
      rejects(() => foldFieldMultiproof(13, [1, 2, 7, 13], known, proof), "out of range");
      rejects(() => foldFieldMultiproof(12, positions, known, proof), "out of range for a smaller count");
      rejects(() => foldFieldMultiproof(13, positions.slice(1), known, proof), "fewer positions than leaves");
      rejects(() => foldFieldMultiproof(-1, [], [], []), "negative count");
      rejects(() => foldFieldMultiproof(Number.NaN, [], [], []), "count not a number");
    });
  });

  describe("a paper disclosure", () => {
    const file = readGolden("negociacion-liderazgo.json") as {
      credentials: CredentialDocument[];
      vectors: { fields: { pointer: string; fieldDigest: Hex }[]; fieldRoot: Hex }[];
    };
    const credential = file.credentials[0] as CredentialDocument;
    const vector = file.vectors[0] as (typeof file.vectors)[number];
    const fields = splitFields(splitAnchor(credential).document).map((f) => f.pointer);
    const paper = fields.filter((p) => DISPLAY_ORDER.includes(p));
    const redacted = redactCredential(
      credential,
      fields.filter((p) => !paper.includes(p)),
    );
    const disclosed = anchorOf(redacted).disclosed as { positions: number[]; salts: Hex[]; nodes: Hex[] };
    const bytes = disclosed.salts.length * 16 + disclosed.nodes.length * 32;

    it(`shows the name identifier, achievement, issuer and title with ≤ 6 nodes (${String(disclosed.nodes.length)} nodes; salts and nodes: ${String(bytes)} bytes)`, () => {
      assert.deepEqual(paper, [
        "/credentialSubject/identifier/0/type",
        "/credentialSubject/identifier/0/identityType",
        "/credentialSubject/identifier/0/hashed",
        "/credentialSubject/identifier/0/identityHash",
        "/credentialSubject/achievement/name",
        "/issuer/name",
        "/name",
      ]);
      // The displayed fields come first in field order: positions 0..6 of 67.
      assert.deepEqual(disclosed.positions, [0, 1, 2, 3, 4, 5, 6]);
      assert.ok(disclosed.nodes.length <= 6, `${String(disclosed.nodes.length)} nodes, ${String(bytes)} bytes`);
      // The nodes really prove those fields: with the frozen field digests they fold to the frozen field root.
      assert.deepEqual(
        vector.fields.map((f) => f.pointer),
        fields,
      );
      const folded = foldFieldMultiproof(
        fields.length,
        disclosed.positions,
        disclosed.positions.map((p) => fromHex(vector.fields[p]?.fieldDigest as Hex)),
        disclosed.nodes.map(fromHex),
      );
      assert.equal(toHex(folded), vector.fieldRoot);
    });
  });
});
