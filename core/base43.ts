/**
 * base43: RFC 9285's base45 layout (2 bytes → 3 characters, a last byte → 2) over the 43 characters of the QR
 * code's alphanumeric mode that a URL fragment keeps as they are (base45's space and `%` are left out). The text
 * form of paper links (paper-link.ts); a malformed text is LINK_PAPER_MALFORMED.
 */
import { AcreditaError } from "./errors.ts";

function malformed(message: string): never {
  throw new AcreditaError("LINK_PAPER_MALFORMED", message);
}

/** The 43 characters: QR alphanumeric mode's 45 without space and `%` (which a URL would not keep as they are). */
export const BASE43_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$*+-./:";
const B43 = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE43_ALPHABET.length; i++) B43[BASE43_ALPHABET.charCodeAt(i)] = i;

/** Two bytes → three characters (little-endian digits, as base45), a last odd byte → two. */
export function base43Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 2) {
    const two = i + 1 < bytes.length;
    let n = two ? (bytes[i] as number) * 256 + (bytes[i + 1] as number) : (bytes[i] as number);
    for (let k = 0; k < (two ? 3 : 2); k++) {
      out += BASE43_ALPHABET.charAt(n % 43);
      n = Math.floor(n / 43);
    }
  }
  return out;
}

/** Strict inverse of {@link base43Encode}: any other character, length or overflowing group is refused. */
export function base43Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) malformed("impossible base43 length");
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const width = Math.min(3, text.length - i);
    let n = 0;
    for (let k = width - 1; k >= 0; k--) {
      const c = text.charCodeAt(i + k);
      const v = c < 128 ? (B43[c] ?? -1) : -1;
      if (v < 0) malformed(`invalid character at ${String(i + k)}`);
      n = n * 43 + v;
    }
    if (width === 3) {
      if (n > 0xffff) malformed(`base43 group at ${String(i)} overflows two bytes`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) malformed(`base43 group at ${String(i)} overflows a byte`);
      out[o++] = n;
    }
  }
  return out;
}
