/**
 * Base58 with the Bitcoin alphabet ("base58btc", multibase prefix `z`): the encoding of Ed25519 Multikey public
 * keys (`multikey.ts`) and of Data Integrity `proofValue`s (`data-integrity-sign.ts`, `data-integrity-verify.ts`).
 */

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
/** Digit value by UTF-16 code unit (-1: not in the alphabet). */
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

/** Base58 (Bitcoin alphabet) of `bytes`: leading zero bytes as "1"s, the rest as a big-endian number. */
export function base58btc(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += (digits[i] as number) << 8;
      digits[i] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = "";
  for (const byte of bytes) {
    if (byte !== 0) break;
    out += "1";
  }
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET.charAt(digits[i] as number);
  return out;
}

/**
 * Base58 (Bitcoin alphabet) decoding, as `base58-universal` decodes a string without whitespace: leading "1"s
 * are zero bytes, the rest a big-endian number. `undefined` for a character outside the alphabet. Every string
 * over the alphabet decodes to a different byte string (the encoding is a bijection).
 */
export function base58btcDecode(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    let carry = code < 128 ? (DIGIT[code] as number) : -1;
    if (carry < 0) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += (bytes[i] as number) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (zeros < text.length && text.charCodeAt(zeros) === 0x31) zeros++;
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i] as number;
  return out;
}
