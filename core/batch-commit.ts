/**
 * The credential digests of a batch, fast: what {@link commitFull} computes for one credential (format
 * acredita/anchor/v2, digest.ts), computed for thousands of credentials that share a shape.
 *
 * The credentials of a batch come from one template, so they share their *layout*: the same fields (JSON
 * pointers) in the same field order, most of them with the same values (the achievement, the issuer, the
 * contexts…). The first credential of a shape builds its layout once — each field's pointer, its slot in field
 * order, the salt preimage `T(salt) ‖ seed ‖ ptr` and the field-digest preimage `T(field) ‖ salt ‖ u32 ‖ ptr ‖
 * jcs(value)` laid out in a keccak machine's memory (keccak-machine.ts), and a table that hashes all of them in one
 * call. Each later credential of that shape is walked once to check it has the same shape and to find the fields
 * whose value differs from the layout's (the learner's); a deeply frozen subtree the layout saw (a course's shared
 * parts) is recognised by identity and not walked at all. Only those fields' preimages are rewritten; then one call
 * hashes every salt and field digest, one call folds the field tree, and two hashes give the header hash and the
 * credential digest. Nothing is re-split, re-sorted or re-encoded, and nothing is allocated per field.
 *
 * The results are commitFull's, byte for byte (differential tests: test/node/core/batch-commit.test.ts).
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import { canonicalize } from "./canonical.ts";
import { deeplyFrozen, isPlainObject, matchShape, shapeOf, type ShapeNode } from "./batch-shape.ts";
import { tooManyFields } from "./commitment.ts";
import { checkUint32, type LeafContext, leafPreimage, SEED_BYTES } from "./digest.ts";
import { splitFields } from "./disclosure.ts";
import { keccakUtf8 } from "./hash.ts";
import { createKeccakMachine, type KeccakBackend, type KeccakMachine } from "./keccak-machine.ts";
import { MAX_FIELDS, type VerificationKey } from "./proof.ts";

const SALT_TAG = keccakUtf8("acredita/salt/v2");
const FIELD_TAG = keccakUtf8("acredita/field/v2");
const HEADER_TAG = keccakUtf8("acredita/header/v2");
const DIGEST_TAG = keccakUtf8("acredita/credential-digest/v2");
const SALT_BYTES = 16;
const encoder = new TextEncoder();

/** A field slot's preimages in the machine's memory. */
interface Slot {
  /** `T(salt) ‖ seed ‖ ptr`. */
  readonly saltAt: number;
  readonly saltLength: number;
  /** `T(field) ‖ salt ‖ u32 ‖ ptr ‖ jcs(layout value)`. */
  readonly fieldAt: number;
  readonly fieldLength: number;
  /** Length of `T(field) ‖ salt ‖ u32 ‖ ptr`. */
  readonly prefixLength: number;
  /** A preimage for another value of this field: address and capacity for its jcs (0 until first needed). */
  otherAt: number;
  otherCapacity: number;
}

interface Layout {
  readonly root: ShapeNode;
  readonly fieldCount: number;
  readonly slots: readonly Slot[];
  /** hashMany table: rows 0..n-1 the salts (into the field preimages), n..2n-1 the field digests (into `leaves`). */
  readonly table: number;
  readonly leaves: number;
  /** Slots whose rows point at `otherAt` since the last credential. */
  dirty: number[];
}

/** The keccak-256 pipeline state of one batch: a machine and the layouts of the shapes seen so far. */
export interface BatchCommitter {
  /**
   * Commits D (`document`, the credential as anchored) at position `index` of the batch with `seed` and the anchor
   * members (the batch's verification keys, and `signedBy`): writes its credential digest — exactly
   * commitFull(document, seed, { verificationKeys, signedBy }).credentialDigest — to `digests[32·at…]` and its
   * leaf — leafOf(anchor, index, digest) — to `leaves[32·at…]` (`at` defaults to `index`), and returns its field
   * count.
   */
  commit(
    document: JsonObject,
    seed: Uint8Array,
    signedBy: readonly string[],
    index: number,
    digests: Uint8Array,
    leaves: Uint8Array,
    at?: number,
  ): number;
  readonly backend: KeccakBackend;
  /** Layouts built so far (a batch from one template builds one per optional-field combination). */
  readonly layouts: number;
}

const MAX_LAYOUTS = 32;
const MATCH_TRIES = 4;

/** Options of {@link createBatchCommitter}. */
export interface BatchCommitterOptions {
  /** Where the batch is anchored (the leaves' context; `registry` as the manifest writes it, checksummed). */
  anchor: LeafContext;
  /** The keys the batch's anchor proofs list. */
  verificationKeys?: readonly VerificationKey[] | undefined;
  /** Forces a keccak machine (tests); by default the fastest the platform allows. */
  backend?: KeccakBackend;
}

/** A committer for one batch (see {@link BatchCommitter}). */
export function createBatchCommitter(options: BatchCommitterOptions): BatchCommitter {
  const leafPrefix = leafPreimage(options.anchor);
  let machine: KeccakMachine = createKeccakMachine(options.backend);
  const keys = options.verificationKeys;
  const keysJson = keys !== undefined && keys.length > 0 ? canonicalize(keys) : undefined;
  let layouts: Layout[] = [];
  let built = 0;
  // Per-machine scratch: the seed, the header preimage, the credential-digest preimage.
  let seedAt = 0;
  let headerAt = 0;
  let headerCapacity = 0;
  let digestAt = 0;
  let leafAt = 0;
  let mem = machine.memory();
  let words = new DataView(mem.buffer);

  const refresh = (): void => {
    mem = machine.memory();
    if (words.buffer !== mem.buffer) words = new DataView(mem.buffer);
  };
  const alloc = (bytes: number): number => {
    const at = machine.alloc(bytes);
    refresh();
    return at;
  };
  const reset = (): void => {
    machine = createKeccakMachine(options.backend);
    layouts = [];
    seedAt = alloc(SEED_BYTES);
    headerCapacity = 4096;
    headerAt = alloc(32 + headerCapacity);
    mem.set(HEADER_TAG, headerAt);
    digestAt = alloc(100);
    mem.set(DIGEST_TAG, digestAt);
    leafAt = alloc(192 + 32);
    mem.set(leafPrefix, leafAt);
  };
  reset();

  /** Canonical JSON of deeply frozen header values (the course's @context and type), by identity. */
  const frozenJson = new WeakMap<object, string>();
  const json = (value: JsonValue): string => {
    if (typeof value !== "object" || value === null) return canonicalize(value);
    let text = frozenJson.get(value);
    if (text === undefined) {
      text = canonicalize(value);
      if (deeplyFrozen(value)) frozenJson.set(value, text);
    }
    return text;
  };

  /** jcs(committedHeader(D, members)): its members written in RFC 8785 order. */
  const headerJson = (document: JsonObject, signedBy: readonly string[]): string => {
    let out = "{";
    const member = (name: string, value: JsonValue | undefined): void => {
      if (value === undefined) return;
      if (out.length > 1) out += ",";
      out += `${JSON.stringify(name)}:${json(value)}`;
    };
    if (signedBy.length > 0) member("#signedBy", [...signedBy]);
    if (keysJson !== undefined) {
      if (out.length > 1) out += ",";
      out += `"#verificationKeys":${keysJson}`;
    }
    const own = (key: string): JsonValue | undefined => (Object.hasOwn(document, key) ? document[key] : undefined);
    member("/@context", own("@context"));
    member("/id", own("id"));
    const issuer = document.issuer;
    if (typeof issuer === "string" || !isPlainObject(issuer)) member("/issuer", issuer);
    else if (Object.hasOwn(issuer, "id")) member("/issuer/id", issuer.id);
    member("/type", own("type"));
    member("/validFrom", own("validFrom"));
    member("/validUntil", own("validUntil"));
    return `${out}}`;
  };

  const buildLayout = (document: JsonObject): Layout => {
    const fields = splitFields(document);
    if (fields.length > MAX_FIELDS) tooManyFields(fields.length);
    const slotOf = new Map(fields.map((f, i) => [f.pointer, i]));
    const root = shapeOf(document, slotOf);

    const n = fields.length;
    const slots: Slot[] = [];
    const table = alloc(32 * n);
    const leaves = alloc(32 * Math.max(n, 1));
    for (let i = 0; i < n; i++) {
      const field = fields[i] as (typeof fields)[number];
      const ptr = encoder.encode(field.pointer);
      const value = encoder.encode(canonicalize(field.value));
      const saltLength = 32 + SEED_BYTES + ptr.length;
      const prefixLength = 32 + SALT_BYTES + 4 + ptr.length;
      const saltAt = alloc(saltLength);
      const fieldAt = alloc(prefixLength + value.length);
      mem.set(SALT_TAG, saltAt);
      mem.set(ptr, saltAt + 32 + SEED_BYTES);
      mem.set(FIELD_TAG, fieldAt);
      words.setUint32(fieldAt + 32 + SALT_BYTES, ptr.length);
      mem.set(ptr, fieldAt + 32 + SALT_BYTES + 4);
      mem.set(value, fieldAt + prefixLength);
      slots.push({
        saltAt,
        saltLength,
        fieldAt,
        fieldLength: prefixLength + value.length,
        prefixLength,
        otherAt: 0,
        otherCapacity: 0,
      });
    }
    for (let i = 0; i < n; i++) {
      const slot = slots[i] as Slot;
      // Salt i: 16 bytes straight into field i's preimage, after the seed is copied in.
      words.setUint32(table + 16 * i, slot.saltAt, true);
      words.setUint32(table + 16 * i + 4, slot.saltLength, true);
      words.setUint32(table + 16 * i + 8, slot.fieldAt + 32, true);
      words.setUint32(table + 16 * i + 12, 3, true);
      words.setUint32(table + 16 * (n + i), slot.fieldAt, true);
      words.setUint32(table + 16 * (n + i) + 4, slot.fieldLength, true);
      words.setUint32(table + 16 * (n + i) + 8, leaves + 32 * i, true);
      words.setUint32(table + 16 * (n + i) + 12, 0, true);
    }
    built += 1;
    return { root, fieldCount: n, slots, table, leaves, dirty: [] };
  };

  // The values of the fields that differ from the layout's, found by the last match (slot, value pairs).
  const otherSlots: number[] = [];
  const otherValues: unknown[] = [];

  const layoutOf = (document: JsonObject): Layout => {
    const tries = Math.min(MATCH_TRIES, layouts.length);
    for (let t = 0; t < tries; t++) {
      const layout = layouts[t] as Layout;
      otherSlots.length = 0;
      otherValues.length = 0;
      if (matchShape(layout.root, document, otherSlots, otherValues)) {
        if (t > 0) {
          layouts.splice(t, 1);
          layouts.unshift(layout);
        }
        return layout;
      }
    }
    if (layouts.length >= MAX_LAYOUTS) reset();
    const layout = buildLayout(document);
    layouts.unshift(layout);
    otherSlots.length = 0;
    otherValues.length = 0;
    return layout;
  };

  /** Points field `slotIndex`'s rows at a preimage of `value` (its `other` buffer). */
  const writeOther = (layout: Layout, slotIndex: number, value: unknown): void => {
    const slot = layout.slots[slotIndex] as Slot;
    const text = canonicalize(value);
    const worst = 3 * text.length;
    if (slot.otherCapacity < worst) {
      const capacity = Math.max(worst, 64);
      const at = alloc(slot.prefixLength + capacity);
      mem.copyWithin(at, slot.fieldAt, slot.fieldAt + slot.prefixLength);
      slot.otherAt = at;
      slot.otherCapacity = capacity;
    }
    const start = slot.otherAt + slot.prefixLength;
    const { written } = encoder.encodeInto(text, mem.subarray(start, start + slot.otherCapacity));
    const n = layout.fieldCount;
    words.setUint32(layout.table + 16 * slotIndex + 8, slot.otherAt + 32, true);
    words.setUint32(layout.table + 16 * (n + slotIndex), slot.otherAt, true);
    words.setUint32(layout.table + 16 * (n + slotIndex) + 4, slot.prefixLength + written, true);
  };

  const restore = (layout: Layout): void => {
    const n = layout.fieldCount;
    for (const slotIndex of layout.dirty) {
      const slot = layout.slots[slotIndex] as Slot;
      words.setUint32(layout.table + 16 * slotIndex + 8, slot.fieldAt + 32, true);
      words.setUint32(layout.table + 16 * (n + slotIndex), slot.fieldAt, true);
      words.setUint32(layout.table + 16 * (n + slotIndex) + 4, slot.fieldLength, true);
    }
    layout.dirty = [];
  };

  return {
    get backend() {
      return machine.backend;
    },
    get layouts() {
      return built;
    },
    commit(document, seed, signedBy, index, digests, leaves, at = index) {
      if (seed.length !== SEED_BYTES) throw new RangeError(`a seed is ${SEED_BYTES} bytes`);
      checkUint32("index", index);
      const layout = layoutOf(document);
      restore(layout);
      for (let i = 0; i < otherSlots.length; i++) {
        const slotIndex = otherSlots[i] as number;
        writeOther(layout, slotIndex, otherValues[i]);
        layout.dirty.push(slotIndex);
      }
      const header = headerJson(document, signedBy);
      if (3 * header.length > headerCapacity) {
        headerCapacity = 3 * header.length;
        headerAt = alloc(32 + headerCapacity);
        mem.set(HEADER_TAG, headerAt);
      }
      const { written } = encoder.encodeInto(header, mem.subarray(headerAt + 32, headerAt + 32 + headerCapacity));
      mem.set(seed, seedAt);
      const n = layout.fieldCount;
      // The salts first: each field digest's preimage holds its salt.
      machine.hashMany(layout.table, n, seedAt);
      machine.hashMany(layout.table + 16 * n, n, seedAt);
      machine.hash(headerAt, 32 + written, digestAt + 32, 32);
      words.setUint32(digestAt + 64, n);
      machine.fieldRoot(layout.leaves, n, digestAt + 68);
      // The credential digest goes straight into the leaf's preimage (its last word), then leaf = H(H(preimage)).
      machine.hash(digestAt, 100, leafAt + 160, 32);
      words.setUint32(leafAt + 128 + 28, index);
      machine.hash(leafAt, 192, leafAt + 192, 32);
      machine.hash(leafAt + 192, 32, leafAt + 192, 32);
      digests.set(mem.subarray(leafAt + 160, leafAt + 192), 32 * at);
      leaves.set(mem.subarray(leafAt + 192, leafAt + 224), 32 * at);
      return n;
    },
  };
}
