/**
 * SHA-256 of text, for Data Integrity proofs: hash-wasm's WebAssembly SHA-256 once `enableFastHashing()` (hash.ts)
 * loaded it, `@noble/hashes` otherwise. A module apart from hash.ts's keccak, so that code that only needs keccak
 * (a verification's digests) does not bring SHA-256 along: the web app loads it with the signature-checking code.
 */
import { sha256 as sha256Js } from "@noble/hashes/sha2.js";
import { fastSha256Hasher, utf8Scratch } from "./hash.ts";

/** SHA-256 of the UTF-8 bytes of `text`, as 32 bytes. */
export function sha256Utf8(text: string): Uint8Array {
  const data = utf8Scratch(text);
  const fast = fastSha256Hasher();
  if (fast !== undefined) {
    fast.init();
    fast.update(data);
    return fast.digest("binary").slice();
  }
  return sha256Js(data);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex digits (no 0x). */
export function sha256Utf8Hex(text: string): string {
  const data = utf8Scratch(text);
  const fast = fastSha256Hasher();
  if (fast !== undefined) {
    fast.init();
    fast.update(data);
    return fast.digest("hex");
  }
  let out = "";
  for (const byte of sha256Js(data)) out += HEX[byte] as string;
  return out;
}
