/**
 * The QR symbol of a link, at error correction M, built from segments as the CLI's PNGs are (scripts/lib/qr-png.ts):
 * a paper link (`<page>#V2.<base43>`, core/paper-link.ts) is the page and `#` in byte mode, then the rest in
 * alphanumeric mode (5.5 bits a character instead of 8), which keeps the sample cohorts within version 25. Any
 * other text is one byte-mode segment. The encoder's own entry point picks one mode for the whole text (the page's
 * lower-case URL would force byte mode), so the segments are written here and its public drawing helpers
 * (`utils`: capacity tables, Reed–Solomon interleaving, function patterns, zigzag placement) do the rest, with the
 * fixed mask 0 (any mask is valid; the CLI uses the same).
 */
import { utils } from "@paulmillr/qr";

/** The paper link's fragment prefix (core/paper-link.ts PAPER_LINK_PREFIX), as the QR code's mode switch sees it. */
const PAPER_MARK = "#V2.";
const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
const ECC = "medium";
const MASK = 0;

type Segment = { mode: "byte"; data: Uint8Array } | { mode: "alphanumeric"; data: string };

export interface QrSymbol {
  /** 1–40 (a version-v symbol is 17 + 4v modules wide). */
  version: number;
  /** Dark modules, row by row, with a quiet zone of `border` modules. */
  modules: boolean[][];
}

/** The segments of `text` (see the module comment). */
export function qrSegments(text: string): Segment[] {
  const cut = text.indexOf(PAPER_MARK);
  const rest = cut < 0 ? "" : text.slice(cut + 1);
  if (cut >= 0 && /^[0-9A-Z $%*+\-./:]*$/.test(rest)) {
    return [
      { mode: "byte", data: new TextEncoder().encode(text.slice(0, cut + 1)) },
      { mode: "alphanumeric", data: rest },
    ];
  }
  return [{ mode: "byte", data: new TextEncoder().encode(text) }];
}

function segmentBits(segment: Segment, version: number): string {
  const { bin, info } = utils;
  let body = "";
  if (segment.mode === "byte") {
    for (const b of segment.data) body += bin(b, 8);
  } else {
    const t = Array.from({ length: segment.data.length }, (_, i) => ALPHANUMERIC.indexOf(segment.data.charAt(i)));
    for (let i = 0; i + 1 < t.length; i += 2) body += bin((t[i] as number) * 45 + (t[i + 1] as number), 11);
    if (t.length % 2 === 1) body += bin(t[t.length - 1] as number, 6);
  }
  const count = segment.data.length;
  const lengthBits = info.lengthBits(version, segment.mode);
  if (count >= 2 ** lengthBits) return "";
  return info.modeBits[segment.mode] + bin(count, lengthBits) + body;
}

/** The data codewords of `segments` for `version`, or undefined when they do not fit. */
function codewords(segments: readonly Segment[], version: number): Uint8Array | undefined {
  const { capacity } = utils.info.capacity(version, ECC);
  let bits = "";
  for (const segment of segments) {
    const part = segmentBits(segment, version);
    if (part === "") return undefined;
    bits += part;
  }
  if (bits.length > capacity) return undefined;
  bits += "0".repeat(Math.min(4, capacity - bits.length));
  if (bits.length % 8 !== 0) bits += "0".repeat(8 - (bits.length % 8));
  const padding = "1110110000010001";
  for (let i = 0; bits.length < capacity; i++) bits += padding.charAt(i % padding.length);
  const bytes = new Uint8Array(capacity / 8);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  return bytes;
}

/** The smallest QR symbol (error correction M) that holds `text`, or undefined when none does. */
export function qrSymbol(text: string, border = 4): QrSymbol | undefined {
  const segments = qrSegments(text);
  for (let version = 1; version <= 40; version++) {
    const data = codewords(segments, version);
    if (data === undefined) continue;
    const stream = utils.interleave(version, ECC).encode(data);
    const bitmap = utils.drawTemplate(version, ECC, MASK);
    let i = 0;
    utils.zigzag(bitmap, MASK, (x, y, mask) => {
      const bit = i < stream.length * 8 && (((stream[i >>> 3] as number) >> (7 - (i & 7))) & 1) === 1;
      i++;
      (bitmap.data[y] as (boolean | undefined)[])[x] = bit !== mask;
    });
    const framed = bitmap.border(border, false);
    return { version, modules: framed.data.map((row) => row.map((m) => m === true)) };
  }
  return undefined;
}
