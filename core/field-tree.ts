/**
 * The field tree of a credential (format acredita/anchor/v2): a positional binary Merkle tree over its field
 * digests, so that a redacted copy proves its visible fields with a few inner nodes instead of one digest per
 * hidden field.
 *
 *   node(l, r) = H(0x01 ‖ l ‖ r)          (a leaf preimage never has this shape: leaves start with FIELD_TAG)
 *   level k+1  = node(level_k[2i], level_k[2i+1]); an odd last node is carried up unchanged
 *   root of 0 leaves = 32 zero bytes;  root of 1 leaf = the leaf
 *
 * A multiproof for the known leaves at sorted `positions` is the list of nodes, in the order the fold below asks
 * for them: level by level from the leaves up, and within a level from left to right, the sibling of every known
 * node whose sibling is not itself known. Nothing else is needed: the leaf count and the positions fix the shape.
 */
import { AcreditaError } from "./errors.ts";
import { keccak } from "./hash.ts";

const pair = new Uint8Array(65);
pair[0] = 1;

/** node(l, r) = H(0x01 ‖ l ‖ r). */
export function fieldNode(left: Uint8Array, right: Uint8Array): Uint8Array {
  pair.set(left, 1);
  pair.set(right, 33);
  return keccak(pair);
}

/** The level above `level`: each pair hashed with {@link fieldNode}, a last odd node carried up unchanged. */
function parentLevel(level: readonly Uint8Array[]): Uint8Array[] {
  const next: Uint8Array[] = [];
  for (let i = 0; i < level.length; i += 2) {
    const left = level[i] as Uint8Array;
    const right = level[i + 1];
    next.push(right === undefined ? left : fieldNode(left, right));
  }
  return next;
}

/** The root of `leaves` (see the module comment). */
export function fieldRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(32);
  let level = leaves;
  while (level.length > 1) level = parentLevel(level);
  return level[0] as Uint8Array;
}

/** The multiproof of the leaves at `positions` (sorted ascending, distinct, each below `leaves.length`). */
export function fieldMultiproof(leaves: readonly Uint8Array[], positions: readonly number[]): Uint8Array[] {
  if (leaves.length === 0) return [];
  if (positions.length === 0) return [fieldRoot(leaves)];
  const proof: Uint8Array[] = [];
  let level = leaves;
  let known = new Set(positions);
  while (level.length > 1) {
    const nextKnown = new Set<number>();
    for (const p of [...known].sort((a, b) => a - b)) {
      const sibling = p ^ 1;
      if (sibling < level.length && !known.has(sibling)) proof.push(level[sibling] as Uint8Array);
      nextKnown.add(p >> 1);
    }
    level = parentLevel(level);
    known = nextKnown;
  }
  return proof;
}

function malformed(message: string): never {
  throw new AcreditaError("DISCLOSURE_BAD_MULTIPROOF", message);
}

/**
 * The root implied by known leaves (digests at sorted `positions` of a tree of `count` leaves) and a multiproof.
 * Throws DISCLOSURE_BAD_MULTIPROOF when positions are not sorted, distinct and in range, or when the proof has
 * too few or too many nodes for that shape.
 */
export function foldFieldMultiproof(
  count: number,
  positions: readonly number[],
  known: readonly Uint8Array[],
  proof: readonly Uint8Array[],
): Uint8Array {
  if (!Number.isSafeInteger(count) || count < 0) malformed("the field count is not a whole number");
  if (positions.length !== known.length) malformed("positions and fields differ in number");
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i] as number;
    if (!Number.isSafeInteger(p) || p < 0 || p >= count) malformed(`position ${String(p)} is out of range`);
    if (i > 0 && p <= (positions[i - 1] as number)) malformed("positions must be ascending and distinct");
  }
  if (count === 0) {
    if (proof.length !== 0) malformed("an empty tree has no proof nodes");
    return new Uint8Array(32);
  }
  if (positions.length === 0) {
    if (proof.length !== 1) malformed("with every field hidden the proof is the root alone");
    return proof[0] as Uint8Array;
  }
  let next = 0;
  const take = (): Uint8Array => {
    const node = proof[next++];
    if (node === undefined) malformed("the proof has too few nodes");
    return node;
  };
  let width = count;
  let level = new Map<number, Uint8Array>(positions.map((p, i) => [p, known[i] as Uint8Array]));
  while (width > 1) {
    const up = new Map<number, Uint8Array>();
    for (const p of [...level.keys()].sort((a, b) => a - b)) {
      if (up.has(p >> 1)) continue;
      const node = level.get(p) as Uint8Array;
      const sibling = p ^ 1;
      if (sibling >= width) up.set(p >> 1, node);
      else {
        const other = level.get(sibling) ?? take();
        up.set(p >> 1, p % 2 === 0 ? fieldNode(node, other) : fieldNode(other, node));
      }
    }
    level = up;
    width = Math.ceil(width / 2);
  }
  if (next !== proof.length) malformed("the proof has more nodes than the tree needs");
  return level.get(0) as Uint8Array;
}
