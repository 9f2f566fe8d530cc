/**
 * A deterministic GZIP encoder (RFC 1952 around RFC 1951 DEFLATE) for bitstrings, and a capped GZIP reader.
 *
 * The encoder is fixed forever so that a status list rebuilt from the chain is the same bytes on any machine and
 * with any library version: one final block with the fixed Huffman codes (BTYPE 01); each byte is a literal,
 * except that a run of at least three copies of the byte just written becomes matches of distance 1 (length 3 to
 * 258, longest first). Header: no name, no comment, MTIME 0, XFL 0, OS 255 ("unknown"). A status list (mostly
 * zero bytes) of 131,072 bits compresses to about 150 bytes. Any GZIP reader (zlib, pako, fflate, browsers'
 * DecompressionStream) reads it.
 */
import { Gunzip } from "fflate";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as GZIP uses it). */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// RFC 1951 §3.2.5: length codes 257…285, their base lengths and extra bits.
const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

class BitWriter {
  private bytes: number[] = [];
  private buffer = 0;
  private count = 0;

  /** `length` bits of `value`, least significant first (extra bits, block header). */
  bits(value: number, length: number): void {
    for (let i = 0; i < length; i++) this.bit((value >>> i) & 1);
  }

  /** A Huffman code of `length` bits, most significant first (RFC 1951 §3.1.1). */
  code(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bit((value >>> i) & 1);
  }

  private bit(b: number): void {
    this.buffer |= b << this.count;
    if (++this.count === 8) {
      this.bytes.push(this.buffer);
      this.buffer = 0;
      this.count = 0;
    }
  }

  finish(): number[] {
    if (this.count > 0) this.bytes.push(this.buffer);
    this.buffer = 0;
    this.count = 0;
    return this.bytes;
  }
}

/** The fixed Huffman code of a literal/length symbol (RFC 1951 §3.2.6). */
function literalLength(out: BitWriter, symbol: number): void {
  if (symbol < 144) out.code(0x30 + symbol, 8);
  else if (symbol < 256) out.code(0x190 + symbol - 144, 9);
  else if (symbol < 280) out.code(symbol - 256, 7);
  else out.code(0xc0 + symbol - 280, 8);
}

function match(out: BitWriter, length: number): void {
  let code = LENGTH_BASE.length - 1;
  while ((LENGTH_BASE[code] as number) > length) code--;
  literalLength(out, 257 + code);
  out.bits(length - (LENGTH_BASE[code] as number), LENGTH_EXTRA[code] as number);
  out.code(0, 5); // distance code 0: distance 1, no extra bits
}

/** The raw DEFLATE stream of `data` (see the module comment). */
export function deflateRuns(data: Uint8Array): Uint8Array {
  const out = new BitWriter();
  out.bits(1, 1); // BFINAL
  out.bits(1, 2); // BTYPE 01: fixed Huffman codes
  let i = 0;
  while (i < data.length) {
    const byte = data[i] as number;
    literalLength(out, byte);
    i++;
    let run = 0;
    while (i + run < data.length && data[i + run] === byte) run++;
    while (run >= 3) {
      const length = Math.min(run, 258);
      match(out, length);
      i += length;
      run -= length;
    }
  }
  literalLength(out, 256); // end of block
  return Uint8Array.from(out.finish());
}

/** `data` as a GZIP member, deterministically (see the module comment). */
export function gzipDeterministic(data: Uint8Array): Uint8Array {
  const body = deflateRuns(data);
  const out = new Uint8Array(10 + body.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff], 0);
  out.set(body, 10);
  const view = new DataView(out.buffer);
  view.setUint32(10 + body.length, crc32(data), true);
  view.setUint32(14 + body.length, data.length >>> 0, true);
  return out;
}

/** Why {@link gunzipPrefix} could not read its input. */
export class GzipError extends Error {
  override name = "GzipError";
}

/**
 * The first `wanted` bytes of a GZIP member's content (fewer when the content is shorter), reading no further
 * than that: a small input cannot expand into a large buffer. Throws GzipError when the data is not GZIP or is
 * truncated before `wanted` bytes or its end.
 */
export function gunzipPrefix(data: Uint8Array, wanted: number): Uint8Array {
  // A member is at least a 10-byte header and an 8-byte trailer; the reader below does not check the magic.
  if (data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b || data[2] !== 8) {
    throw new GzipError("not GZIP data");
  }
  const out = new Uint8Array(wanted);
  let filled = 0;
  const state = { ended: false };
  const enough = new Error("enough");
  const reader = new Gunzip((chunk, final) => {
    const take = Math.min(chunk.length, wanted - filled);
    out.set(chunk.subarray(0, take), filled);
    filled += take;
    if (final) state.ended = true;
    if (filled >= wanted) throw enough;
  });
  try {
    for (let offset = 0; offset < data.length && !state.ended; offset += 64) {
      reader.push(data.subarray(offset, offset + 64), offset + 64 >= data.length);
    }
  } catch (error) {
    if (error !== enough) throw new GzipError(error instanceof Error ? error.message : String(error));
  }
  if (filled < wanted && !state.ended) throw new GzipError("the GZIP data is truncated");
  return out.subarray(0, filled);
}
