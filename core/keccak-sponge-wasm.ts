/**
 * Keccak-256 as WebAssembly function bodies (keccak-wasm.ts assembles them into the module): keccak-f[1600] with the
 * 25 lanes in locals, `hash` (one message) and `hash2` (two at once, one per 64-bit half of 128-bit SIMD lanes).
 */
import { Code, I32, I64, OP, SIMD, uleb, V128 } from "./wasm-code.ts";
import { PAD, RATE, RC_ADDR, ZERO_ADDR } from "./keccak-memory.ts";

/** ρ offsets, ROTATIONS[x][y]. */
const ROTATIONS = [
  [0, 36, 3, 41, 18],
  [1, 44, 10, 45, 2],
  [62, 6, 43, 15, 61],
  [28, 55, 25, 21, 56],
  [27, 20, 39, 8, 14],
];

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
export function hashBody(): number[] {
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
export function hash2Body(): number[] {
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
