/** Byte helpers for the hot paths: no hex round-trips inside loops, hex only at the edges. */

export type Hex = `0x${string}`;

const HEX_CHARS = "0123456789abcdef";

const utf8Encoder = new TextEncoder();

/** UTF-8 bytes of a well-formed string (lone surrogates are rejected earlier, by the parser and canonicalizer). */
export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

const HEX_ASCII = utf8Encoder.encode(HEX_CHARS);
const latin1 = new TextDecoder("latin1");
let hexScratch = new Uint8Array(2 + 2 * 64);
/** Character-code arrays by output length, for the short inputs of the hot paths (hashes, seeds, addresses). */
const hexCodes = new Map<number, number[]>();

/**
 * Lower-case, 0x-prefixed hex of `bytes`. The result is one flat string (appending two characters at a time would
 * leave a chain of dozens of rope nodes per hash in memory): short inputs go through String.fromCharCode over a
 * reused array of character codes, longer ones are written as ASCII bytes and decoded once.
 */
export function toHex(bytes: Uint8Array): Hex {
  const length = 2 + 2 * bytes.length;
  if (bytes.length <= 64) {
    let codes = hexCodes.get(length);
    if (codes === undefined) {
      codes = new Array<number>(length).fill(0);
      codes[0] = 0x30; // "0"
      codes[1] = 0x78; // "x"
      hexCodes.set(length, codes);
    }
    let o = 2;
    for (const byte of bytes) {
      codes[o++] = HEX_ASCII[byte >> 4] ?? 0;
      codes[o++] = HEX_ASCII[byte & 15] ?? 0;
    }
    return String.fromCharCode.apply(null, codes) as Hex;
  }
  if (hexScratch.length < length) hexScratch = new Uint8Array(length);
  const out = hexScratch;
  out[0] = 0x30; // "0"
  out[1] = 0x78; // "x"
  let o = 2;
  for (const byte of bytes) {
    out[o++] = HEX_ASCII[byte >> 4] ?? 0;
    out[o++] = HEX_ASCII[byte & 15] ?? 0;
  }
  return latin1.decode(out.subarray(0, length)) as Hex;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/** Bytes of a 0x-prefixed hex string; throws on odd length or a non-hex digit. */
export function fromHex(hex: string): Uint8Array {
  if (!hex.startsWith("0x") || hex.length % 2 !== 0) {
    throw new TypeError(`not a 0x-prefixed even-length hex string: ${hex.slice(0, 20)}`);
  }
  const out = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 + 2 * i));
    const lo = nibble(hex.charCodeAt(3 + 2 * i));
    if (hi < 0 || lo < 0) {
      throw new TypeError(`not a hex string: ${hex.slice(0, 20)}`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** True for a 0x-prefixed hex string of exactly `bytes` bytes (either case). */
export function isHexOfLength(value: unknown, bytes: number): value is Hex {
  return typeof value === "string" && value.length === 2 + 2 * bytes && /^0x[0-9a-fA-F]*$/.test(value);
}

/** Concatenation of byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Lexicographic comparison of two byte arrays (negative, zero or positive). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Writes `value` as a big-endian uint32 at `offset`. */
export function writeUint32BE(target: Uint8Array, offset: number, value: number): void {
  target[offset] = (value >>> 24) & 0xff;
  target[offset + 1] = (value >>> 16) & 0xff;
  target[offset + 2] = (value >>> 8) & 0xff;
  target[offset + 3] = value & 0xff;
}
