/**
 * A keccak-256 machine for batches: hashes inputs laid out in one linear memory and writes digests back into it,
 * so the issuing pipeline hashes ~190 times per credential without allocating or crossing into WebAssembly once
 * per hash. Two interchangeable backends compute exactly the same bytes (tests compare them with `@noble/hashes`):
 * - a WebAssembly module generated here (keccak-f[1600] with the 25 lanes in locals; ~1.5 KB, compiled
 *   synchronously), and
 * - plain JavaScript over an ordinary byte array (`@noble/hashes`), where WebAssembly is not allowed.
 *
 * Operations (addresses are byte offsets into `memory()`):
 *   hash(in, len, out, outLen)    keccak256(mem[in, in+len)), its first outLen (16 or 32) bytes to mem[out…]
 *   hashMany(table, count, seed)  for each 16-byte row (in, len, out, flags) of the table (u32 little-endian):
 *                                 flags & 2: first copy the 16 bytes at `seed` to mem[in+32…]; then
 *                                 hash(in, len, out, flags & 1 ? 16 : 32)
 *   fieldRoot(leaves, count, out) the field tree's root (field-tree.ts) of `count` 32-byte leaves; overwrites the
 *                                 leaves.
 * The first {@link RESERVED_BYTES} of memory belong to the machine; `alloc` hands out the rest.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";

/** Bytes at the start of memory the machine uses itself (round constants, padding block, node scratch). */
export const RESERVED_BYTES = 1024;
const RC_ADDR = 0;
const RATE = 136;

/** A keccak-256 machine over one linear memory (see the module comment). */
export interface KeccakMachine {
  readonly backend: KeccakBackend;
  /** The memory as bytes; call again after `alloc` (growing replaces the buffer). */
  memory(): Uint8Array;
  /** Reserves `bytes` bytes (8-byte aligned) and returns their address. */
  alloc(bytes: number): number;
  hash(input: number, length: number, output: number, outputLength: 16 | 32): void;
  hashMany(table: number, count: number, seed: number): void;
  fieldRoot(leaves: number, count: number, output: number): void;
}

const ROUND_CONSTANTS = [
  0x0000000000000001n,
  0x0000000000008082n,
  0x800000000000808an,
  0x8000000080008000n,
  0x000000000000808bn,
  0x0000000080000001n,
  0x8000000080008081n,
  0x8000000000008009n,
  0x000000000000008an,
  0x0000000000000088n,
  0x0000000080008009n,
  0x000000008000000an,
  0x000000008000808bn,
  0x800000000000008bn,
  0x8000000000008089n,
  0x8000000000008003n,
  0x8000000000008002n,
  0x8000000000000080n,
  0x000000000000800an,
  0x800000008000000an,
  0x8000000080008081n,
  0x8000000000008080n,
  0x0000000080000001n,
  0x8000000080008008n,
];
/** ρ offsets, ROTATIONS[x][y]. */
const ROTATIONS = [
  [0, 36, 3, 41, 18],
  [1, 44, 10, 45, 2],
  [62, 6, 43, 15, 61],
  [28, 55, 25, 21, 56],
  [27, 20, 39, 8, 14],
];

// ---------------------------------------------------------------------------------------------------------------
// The WebAssembly module, emitted byte by byte.

function uleb(value: number): number[] {
  const out: number[] = [];
  let n = value;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(value: bigint): number[] {
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const I32 = 0x7f;
const I64 = 0x7e;

/** A function body under construction (only the instructions the machine needs). */
class Code {
  readonly bytes: number[] = [];
  op(...bytes: number[]): this {
    for (const b of bytes) this.bytes.push(b);
    return this;
  }
  get(local: number): this {
    return this.op(0x20, ...uleb(local));
  }
  set(local: number): this {
    return this.op(0x21, ...uleb(local));
  }
  i32(value: number): this {
    return this.op(0x41, ...sleb(BigInt(value | 0)));
  }
  i64(value: bigint): this {
    return this.op(0x42, ...sleb(BigInt.asIntN(64, value)));
  }
  load64(offset = 0): this {
    return this.op(0x29, 3, ...uleb(offset));
  }
  store64(offset = 0): this {
    return this.op(0x37, 3, ...uleb(offset));
  }
  load32(offset = 0): this {
    return this.op(0x28, 2, ...uleb(offset));
  }
  load8(offset = 0): this {
    return this.op(0x2d, 0, ...uleb(offset));
  }
  store8(offset = 0): this {
    return this.op(0x3a, 0, ...uleb(offset));
  }
  /** memory.copy(dst, src, n) with its three operands on the stack. */
  copy(): this {
    return this.op(0xfc, 10, 0, 0);
  }
  /** memory.fill(dst, value, n). */
  fill(): this {
    return this.op(0xfc, 11, 0);
  }
}

const OP = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  call: 0x10,
  select: 0x1b,
  void: 0x40,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32DivU: 0x6e,
  i32And: 0x71,
  i32Xor: 0x73,
  i32ShrU: 0x76,
  i32Shl: 0x74,
  i64And: 0x83,
  i64Xor: 0x85,
  i64Rotl: 0x89,
} as const;

const V128 = 0x7b;

/** SIMD instructions (0xfd prefix). */
const SIMD = {
  load64Splat: 0x0a,
  andnot: 0x4f,
  or: 0x50,
  xor: 0x51,
  load64Lane: 0x57,
  store64Lane: 0x5b,
  shl: 0xcb,
  shrU: 0xcd,
} as const;

/** The memory the machine keeps for itself (below RESERVED_BYTES). */
const PAD = [256, 392] as const;
const ZERO_ADDR = 528;
const NODE = [664, 736] as const;

/** The keccak-f[1600] round body over 25 lanes A (θ, ρ and π into B, χ back into A, ι), as scalar or 2-way code. */
function permutation(
  f: Code,
  simd: boolean,
  A: (i: number) => number,
  B: (i: number) => number,
  C: (i: number) => number,
  D: number,
  round: number,
): void {
  const xor = (): void => {
    if (simd) f.op(0xfd, ...uleb(SIMD.xor));
    else f.op(OP.i64Xor);
  };
  /** Pushes rotl(local, r). */
  const rotl = (local: number, r: number): void => {
    if (simd) {
      f.get(local)
        .i32(r)
        .op(0xfd, ...uleb(SIMD.shl));
      f.get(local)
        .i32(64 - r)
        .op(0xfd, ...uleb(SIMD.shrU));
      f.op(0xfd, ...uleb(SIMD.or));
    } else f.get(local).i64(BigInt(r)).op(OP.i64Rotl);
  };
  f.i32(0).set(round);
  f.op(OP.loop, OP.void);
  for (let x = 0; x < 5; x++) {
    f.get(A(x)).get(A(x + 5));
    xor();
    f.get(A(x + 10));
    xor();
    f.get(A(x + 15));
    xor();
    f.get(A(x + 20));
    xor();
    f.set(C(x));
  }
  for (let x = 0; x < 5; x++) {
    f.get(C((x + 4) % 5));
    rotl(C((x + 1) % 5), 1);
    xor();
    f.set(D);
    for (let y = 0; y < 5; y++) {
      const rotation = ROTATIONS[x]?.[y] ?? 0;
      const target = B(y + 5 * ((2 * x + 3 * y) % 5));
      f.get(A(x + 5 * y)).get(D);
      xor();
      f.set(target);
      if (rotation !== 0) {
        rotl(target, rotation);
        f.set(target);
      }
    }
  }
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      // A = B0 ^ (~B1 & B2)
      if (simd) {
        f.get(B(x + 5 * y))
          .get(B(((x + 2) % 5) + 5 * y))
          .get(B(((x + 1) % 5) + 5 * y));
        f.op(0xfd, ...uleb(SIMD.andnot));
      } else {
        f.get(B(x + 5 * y))
          .get(B(((x + 1) % 5) + 5 * y))
          .i64(-1n)
          .op(OP.i64Xor);
        f.get(B(((x + 2) % 5) + 5 * y)).op(OP.i64And);
      }
      xor();
      f.set(A(x + 5 * y));
    }
  }
  f.get(A(0)).get(round);
  if (simd) f.op(0xfd, ...uleb(SIMD.load64Splat), 3, ...uleb(RC_ADDR));
  else f.load64(RC_ADDR);
  xor();
  f.set(A(0));
  f.get(round).i32(8).op(OP.i32Add).set(round);
  f.get(round)
    .i32(8 * 24)
    .op(OP.i32LtU)
    .op(OP.brIf, 0);
  f.op(OP.end);
}

/** hash(in, len, out, outLen): absorbs whole blocks from memory, pads the tail in PAD, squeezes 16 or 32 bytes. */
function hashBody(): number[] {
  const IN = 0;
  const LEN = 1;
  const OUT = 2;
  const OUT_LEN = 3;
  const BLOCK = 4;
  const LAST = 5;
  const ROUND = 6;
  const A = (i: number): number => 7 + i;
  const f = new Code();
  f.op(OP.loop, OP.void);
  f.get(LEN).i32(RATE).op(OP.i32GeU).op(OP.if, OP.void);
  f.get(IN).set(BLOCK).get(IN).i32(RATE).op(OP.i32Add).set(IN).get(LEN).i32(RATE).op(OP.i32Sub).set(LEN);
  f.i32(0).set(LAST);
  f.op(OP.else);
  // The last block: the tail, then keccak's pad10*1 with domain byte 0x01.
  f.i32(PAD[0]).i32(0).i32(RATE).fill();
  f.i32(PAD[0]).get(IN).get(LEN).copy();
  f.i32(PAD[0]).get(LEN).op(OP.i32Add).i32(0x01).store8();
  f.i32(PAD[0])
    .i32(PAD[0])
    .load8(RATE - 1)
    .i32(0x80)
    .op(OP.i32Xor)
    .store8(RATE - 1);
  f.i32(PAD[0]).set(BLOCK).i32(1).set(LAST);
  f.op(OP.end);
  for (let i = 0; i < RATE / 8; i++)
    f.get(A(i))
      .get(BLOCK)
      .load64(8 * i)
      .op(OP.i64Xor)
      .set(A(i));
  permutation(
    f,
    false,
    A,
    (i) => 32 + i,
    (i) => 57 + i,
    62,
    ROUND,
  );
  f.get(LAST).op(OP.i32Eqz).op(OP.brIf, 0);
  f.op(OP.end);
  f.get(OUT).get(A(0)).store64(0).get(OUT).get(A(1)).store64(8);
  f.get(OUT_LEN).i32(32).op(OP.i32Eq).op(OP.if, OP.void);
  f.get(OUT).get(A(2)).store64(16).get(OUT).get(A(3)).store64(24);
  f.op(OP.end);
  f.op(OP.end);
  return [...uleb(2), ...uleb(3), I32, ...uleb(56), I64, ...f.bytes];
}

/**
 * hash2(in1, len1, out1, outLen1, in2, len2, out2, outLen2): two messages at once, one per 64-bit half of 128-bit
 * SIMD lanes. Both absorb in step; a message out of blocks absorbs zeros, after its digest was taken.
 */
function hash2Body(): number[] {
  const IN = [0, 4] as const;
  const LEN = [1, 5] as const;
  const OUT = [2, 6] as const;
  const OUT_LEN = [3, 7] as const;
  const K = 8;
  const BLOCKS = [9, 10] as const;
  const STEPS = 11;
  const P = [12, 13] as const;
  const ROUND = 14;
  const A = (i: number): number => 15 + i;
  const f = new Code();
  for (const j of [0, 1] as const) {
    // blocks = floor(len / RATE) + 1; the last one is PAD_j: the tail and the padding.
    f.get(LEN[j]).i32(RATE).op(OP.i32DivU).i32(1).op(OP.i32Add).set(BLOCKS[j]);
    f.i32(PAD[j]).i32(0).i32(RATE).fill();
    f.get(BLOCKS[j]).i32(1).op(OP.i32Sub).i32(RATE).op(OP.i32Mul).set(P[j]);
    f.i32(PAD[j]).get(IN[j]).get(P[j]).op(OP.i32Add).get(LEN[j]).get(P[j]).op(OP.i32Sub).copy();
    f.i32(PAD[j]).get(LEN[j]).op(OP.i32Add).get(P[j]).op(OP.i32Sub).i32(0x01).store8();
    f.i32(PAD[j])
      .i32(PAD[j])
      .load8(RATE - 1)
      .i32(0x80)
      .op(OP.i32Xor)
      .store8(RATE - 1);
  }
  f.get(BLOCKS[0]).get(BLOCKS[1]).get(BLOCKS[0]).get(BLOCKS[1]).op(OP.i32GtU).op(OP.select).set(STEPS);
  f.i32(0).set(K);
  f.op(OP.loop, OP.void);
  for (const j of [0, 1] as const) {
    // This step's block of message j: its own, its padded last one, or zeros.
    f.get(K).get(BLOCKS[j]).i32(1).op(OP.i32Sub).op(OP.i32LtU).op(OP.if, I32);
    f.get(IN[j]).get(K).i32(RATE).op(OP.i32Mul).op(OP.i32Add);
    f.op(OP.else);
    f.i32(PAD[j]).i32(ZERO_ADDR).get(K).get(BLOCKS[j]).i32(1).op(OP.i32Sub).op(OP.i32Eq).op(OP.select);
    f.op(OP.end).set(P[j]);
  }
  for (let i = 0; i < RATE / 8; i++) {
    f.get(A(i)).get(P[1]).get(P[0]);
    f.op(0xfd, ...uleb(SIMD.load64Splat), 3, ...uleb(8 * i));
    f.op(0xfd, ...uleb(SIMD.load64Lane), 3, ...uleb(8 * i), 1);
    f.op(0xfd, ...uleb(SIMD.xor)).set(A(i));
  }
  permutation(
    f,
    true,
    A,
    (i) => 40 + i,
    (i) => 65 + i,
    70,
    ROUND,
  );
  for (const j of [0, 1] as const) {
    f.get(K).get(BLOCKS[j]).i32(1).op(OP.i32Sub).op(OP.i32Eq).op(OP.if, OP.void);
    for (let i = 0; i < 2; i++)
      f.get(OUT[j])
        .get(A(i))
        .op(0xfd, ...uleb(SIMD.store64Lane), 3, ...uleb(8 * i), j);
    f.get(OUT_LEN[j]).i32(32).op(OP.i32Eq).op(OP.if, OP.void);
    for (let i = 2; i < 4; i++)
      f.get(OUT[j])
        .get(A(i))
        .op(0xfd, ...uleb(SIMD.store64Lane), 3, ...uleb(8 * i), j);
    f.op(OP.end);
    f.op(OP.end);
  }
  f.get(K).i32(1).op(OP.i32Add).set(K);
  f.get(K).get(STEPS).op(OP.i32LtU).op(OP.brIf, 0);
  f.op(OP.end);
  f.op(OP.end);
  return [...uleb(2), ...uleb(7), I32, ...uleb(56), V128, ...f.bytes];
}

const FN_HASH = 0;
const FN_HASH2 = 1;

/** hashMany(table, count, seed): see the module comment; with SIMD, rows go two at a time. */
function hashManyBody(simd: boolean): number[] {
  const TABLE = 0;
  const COUNT = 1;
  const SEED = 2;
  const f = new Code();
  /** Copies the seed into row `at`'s input when its flags ask, then pushes (in, len, out, outLen). */
  const row = (at: number): void => {
    f.get(TABLE)
      .load32(at + 12)
      .i32(2)
      .op(OP.i32And)
      .op(OP.if, OP.void);
    f.get(TABLE).load32(at).get(SEED).load64(0).store64(32);
    f.get(TABLE).load32(at).get(SEED).load64(8).store64(40);
    f.op(OP.end);
    f.get(TABLE)
      .load32(at)
      .get(TABLE)
      .load32(at + 4)
      .get(TABLE)
      .load32(at + 8);
    f.i32(32)
      .get(TABLE)
      .load32(at + 12)
      .i32(1)
      .op(OP.i32And)
      .i32(4)
      .op(OP.i32Shl)
      .op(OP.i32Sub);
  };
  f.op(OP.block, OP.void).op(OP.loop, OP.void);
  if (simd) {
    f.get(COUNT).i32(2).op(OP.i32LtU).op(OP.brIf, 1);
    row(0);
    row(16);
    f.op(OP.call, FN_HASH2);
    f.get(TABLE).i32(32).op(OP.i32Add).set(TABLE);
    f.get(COUNT).i32(2).op(OP.i32Sub).set(COUNT);
  } else {
    f.get(COUNT).op(OP.i32Eqz).op(OP.brIf, 1);
    row(0);
    f.op(OP.call, FN_HASH);
    f.get(TABLE).i32(16).op(OP.i32Add).set(TABLE);
    f.get(COUNT).i32(1).op(OP.i32Sub).set(COUNT);
  }
  f.op(OP.br, 0);
  f.op(OP.end).op(OP.end);
  if (simd) {
    f.get(COUNT).op(OP.if, OP.void);
    row(0);
    f.op(OP.call, FN_HASH);
    f.op(OP.end);
  }
  f.op(OP.end);
  return [0, ...f.bytes];
}

/** fieldRoot(leaves, count, out): node(l, r) = H(0x01 ‖ l ‖ r), level by level in place, odd last node carried. */
function fieldRootBody(simd: boolean): number[] {
  const LEAVES = 0;
  const COUNT = 1;
  const OUT = 2;
  const I = 3;
  const PAIRS = 4;
  const f = new Code();
  /** Copies pair i (+ offset) of the level behind NODE[which]'s 0x01 byte. */
  const stage = (which: 0 | 1, offset: number): void => {
    f.i32(NODE[which] + 1)
      .get(LEAVES)
      .get(I)
      .i32(offset)
      .op(OP.i32Add)
      .i32(64)
      .op(OP.i32Mul)
      .op(OP.i32Add);
    f.i32(64).copy();
  };
  /** Pushes (NODE[which], 65, leaves + 32 (i + offset), 32). */
  const node = (which: 0 | 1, offset: number): void => {
    f.i32(NODE[which]).i32(65).get(LEAVES).get(I).i32(offset).op(OP.i32Add).i32(32).op(OP.i32Mul).op(OP.i32Add);
    f.i32(32);
  };
  f.get(COUNT).op(OP.i32Eqz).op(OP.if, OP.void);
  f.get(OUT).i32(0).i32(32).fill().op(OP.return);
  f.op(OP.end);
  f.i32(NODE[0]).i32(1).store8();
  f.i32(NODE[1]).i32(1).store8();
  f.op(OP.block, OP.void).op(OP.loop, OP.void);
  f.get(COUNT).i32(1).op(OP.i32GtU).op(OP.i32Eqz).op(OP.brIf, 1);
  f.get(COUNT).i32(1).op(OP.i32ShrU).set(PAIRS);
  f.i32(0).set(I);
  f.op(OP.block, OP.void).op(OP.loop, OP.void);
  if (simd) {
    // Two nodes at a time; both pairs are staged before either node is written (in place).
    f.get(I).i32(1).op(OP.i32Add).get(PAIRS).op(OP.i32GeU).op(OP.brIf, 1);
    stage(0, 0);
    stage(1, 1);
    node(0, 0);
    node(1, 1);
    f.op(OP.call, FN_HASH2);
    f.get(I).i32(2).op(OP.i32Add).set(I);
  } else {
    f.get(I).get(PAIRS).op(OP.i32GeU).op(OP.brIf, 1);
    stage(0, 0);
    node(0, 0);
    f.op(OP.call, FN_HASH);
    f.get(I).i32(1).op(OP.i32Add).set(I);
  }
  f.op(OP.br, 0);
  f.op(OP.end).op(OP.end);
  if (simd) {
    f.get(I).get(PAIRS).op(OP.i32LtU).op(OP.if, OP.void);
    stage(0, 0);
    node(0, 0);
    f.op(OP.call, FN_HASH);
    f.op(OP.end);
  }
  f.get(COUNT).i32(1).op(OP.i32And).op(OP.if, OP.void);
  f.get(LEAVES).get(PAIRS).i32(32).op(OP.i32Mul).op(OP.i32Add);
  f.get(LEAVES).get(COUNT).i32(1).op(OP.i32Sub).i32(32).op(OP.i32Mul).op(OP.i32Add);
  f.i32(32).copy();
  f.op(OP.end);
  f.get(COUNT).i32(1).op(OP.i32Add).i32(1).op(OP.i32ShrU).set(COUNT);
  f.op(OP.br, 0);
  f.op(OP.end).op(OP.end);
  f.get(OUT).get(LEAVES).i32(32).copy();
  f.op(OP.end);
  return [...uleb(1), ...uleb(2), I32, ...f.bytes];
}

function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  return [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
}

/**
 * The machine's WebAssembly module, as bytes: with `simd`, hashMany and fieldRoot hash two messages at once
 * (128-bit SIMD, about 1.6 times the throughput here); without, for platforms lacking SIMD.
 */
export function keccakModuleBytes(simd: boolean): Uint8Array {
  const params = (n: number): number[] => [0x60, ...vector(Array.from({ length: n }, () => [I32])), 0];
  const types = section(1, vector([params(4), params(8), params(3)]));
  // Functions: 0 hash, 1 hash2 (a stand-in without SIMD, never called), 2 hashMany, 3 fieldRoot.
  const functions = section(3, vector([[0], [1], [2], [2]]));
  const memory = section(5, vector([[0x00, 1]]));
  const exports = section(
    7,
    vector([
      [...name("hash"), 0x00, FN_HASH],
      [...name("hashMany"), 0x00, 2],
      [...name("fieldRoot"), 0x00, 3],
      [...name("memory"), 0x02, 0],
    ]),
  );
  const bodies = [
    hashBody(),
    simd ? hash2Body() : [0, OP.unreachable, OP.end],
    hashManyBody(simd),
    fieldRootBody(simd),
  ];
  const code = section(10, vector(bodies.map((body) => [...uleb(body.length), ...body])));
  const constants: number[] = [];
  for (const rc of ROUND_CONSTANTS) for (let i = 0; i < 8; i++) constants.push(Number((rc >> BigInt(8 * i)) & 0xffn));
  const data = section(11, vector([[0x00, 0x41, RC_ADDR, OP.end, ...uleb(constants.length), ...constants]]));
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...types,
    ...functions,
    ...memory,
    ...exports,
    ...code,
    ...data,
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// The two backends.

/** The part of the WebAssembly JavaScript API the machine uses (declared here: core's Node build has no DOM lib). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
}
type WasmModule = { readonly kind?: "WebAssembly.Module" };
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
const compiled = new Map<boolean, WasmModule | null>();

/**
 * The compiled module, or null where WebAssembly (or its 128-bit SIMD) is unavailable or forbidden (e.g. a CSP
 * without 'wasm-unsafe-eval'). Both modules are small enough to compile synchronously, even in a browser.
 */
function wasmModule(simd: boolean): WasmModule | null {
  let module = compiled.get(simd);
  if (module === undefined) {
    try {
      module = wasmApi === undefined ? null : new wasmApi.Module(keccakModuleBytes(simd));
    } catch {
      module = null;
    }
    compiled.set(simd, module);
  }
  return module;
}

const PAGE = 65_536;

function align8(n: number): number {
  return (n + 7) & ~7;
}

function wasmMachine(api: WasmApi, module: WasmModule, backend: "wasm-simd" | "wasm"): KeccakMachine {
  const instance = new api.Instance(module, {});
  const exports = instance.exports as {
    memory: WasmMemory;
    hash: (input: number, length: number, output: number, outputLength: number) => void;
    hashMany: (table: number, count: number, seed: number) => void;
    fieldRoot: (leaves: number, count: number, output: number) => void;
  };
  let view = new Uint8Array(exports.memory.buffer);
  let top = RESERVED_BYTES;
  return {
    backend,
    memory: () => view,
    alloc(bytes) {
      const at = top;
      top = align8(top + bytes);
      if (top > view.length) {
        exports.memory.grow(Math.ceil((top - view.length) / PAGE));
        view = new Uint8Array(exports.memory.buffer);
      }
      return at;
    },
    hash: exports.hash,
    hashMany: exports.hashMany,
    fieldRoot: exports.fieldRoot,
  };
}

function jsMachine(): KeccakMachine {
  let view = new Uint8Array(PAGE);
  let top = RESERVED_BYTES;
  const words = () => new DataView(view.buffer);
  const hash = (input: number, length: number, output: number, outputLength: number): void => {
    view.set(keccak_256(view.subarray(input, input + length)).subarray(0, outputLength), output);
  };
  return {
    backend: "js",
    memory: () => view,
    alloc(bytes) {
      const at = top;
      top = align8(top + bytes);
      if (top > view.length) {
        const grown = new Uint8Array(Math.ceil(top / PAGE) * PAGE);
        grown.set(view);
        view = grown;
      }
      return at;
    },
    hash,
    hashMany(table, count, seed) {
      const w = words();
      for (let row = table; row < table + 16 * count; row += 16) {
        const input = w.getUint32(row, true);
        const flags = w.getUint32(row + 12, true);
        if ((flags & 2) !== 0) view.copyWithin(input + 32, seed, seed + 16);
        hash(input, w.getUint32(row + 4, true), w.getUint32(row + 8, true), (flags & 1) !== 0 ? 16 : 32);
      }
    },
    fieldRoot(leaves, count, output) {
      if (count === 0) {
        view.fill(0, output, output + 32);
        return;
      }
      view[NODE[0]] = 1;
      let n = count;
      while (n > 1) {
        const pairs = n >>> 1;
        for (let i = 0; i < pairs; i++) {
          view.copyWithin(NODE[0] + 1, leaves + 64 * i, leaves + 64 * i + 64);
          hash(NODE[0], 65, leaves + 32 * i, 32);
        }
        if ((n & 1) !== 0) view.copyWithin(leaves + 32 * pairs, leaves + 32 * (n - 1), leaves + 32 * n);
        n = (n + 1) >>> 1;
      }
      view.copyWithin(output, leaves, leaves + 32);
    },
  };
}

/** The machine's implementations, fastest first. */
export type KeccakBackend = "wasm-simd" | "wasm" | "js";

/**
 * A new machine with its own memory: the fastest backend the platform allows (`backend` forces one, for tests;
 * a forced WebAssembly backend the platform lacks throws).
 */
export function createKeccakMachine(backend?: KeccakBackend): KeccakMachine {
  for (const candidate of ["wasm-simd", "wasm"] as const) {
    if (backend !== undefined && backend !== candidate) continue;
    const module = wasmModule(candidate === "wasm-simd");
    if (module !== null && wasmApi !== undefined) return wasmMachine(wasmApi, module, candidate);
    if (backend !== undefined) throw new Error(`the ${candidate} keccak machine is not available here`);
  }
  return jsMachine();
}
