/**
 * WebAssembly's binary format, as far as the keccak machine's module needs it (keccak-wasm.ts): LEB128 integers,
 * a function body built instruction by instruction, the opcodes it uses, and the module's sections.
 */

export function uleb(value: number): number[] {
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

export function sleb(value: bigint): number[] {
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

export const I32 = 0x7f;
export const I64 = 0x7e;

/** A function body under construction (only the instructions the machine needs). */
export class Code {
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

export const OP = {
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

export const V128 = 0x7b;

/** SIMD instructions (0xfd prefix). */
export const SIMD = {
  load64Splat: 0x0a,
  andnot: 0x4f,
  or: 0x50,
  xor: 0x51,
  load64Lane: 0x57,
  store64Lane: 0x5b,
  shl: 0xcb,
  shrU: 0xcd,
} as const;

export function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

export function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

export function name(text: string): number[] {
  return [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
}
