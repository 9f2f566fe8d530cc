/**
 * keccak-256 (and, in sha256.ts, SHA-256 for Data Integrity proofs) for the whole core. Two interchangeable
 * implementations compute each function:
 * - `@noble/hashes` 2 (pure JS, synchronous, always available; about twice as fast here as the 1.x copy viem
 *   bundles), and
 * - hash-wasm's WebAssembly keccak (about 6x faster here), enabled by `enableFastHashing()` where the platform
 *   allows WebAssembly (browsers with a CSP lacking 'wasm-unsafe-eval' keep the JS one).
 * Tests prove both agree; the issuer's batch pipeline enables the fast one, a single verification does not need it.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { createKeccak, createSHA256, type IHasher } from "hash-wasm";
import { utf8 } from "./bytes.ts";

let fast: IHasher | undefined;
let fastSha256: IHasher | undefined;
let loading: Promise<boolean> | undefined;

/** Loads the WebAssembly keccak and SHA-256 once; resolves to whether they are in use. Never rejects. */
export function enableFastHashing(): Promise<boolean> {
  loading ??= Promise.all([createKeccak(256), createSHA256()]).then(
    ([keccakHasher, shaHasher]) => {
      fast = keccakHasher;
      fastSha256 = shaHasher;
      return true;
    },
    () => false,
  );
  return loading;
}

/** Switches back to the pure-JS keccak (tests use it to compare both implementations). */
export function disableFastHashing(): void {
  fast = undefined;
  fastSha256 = undefined;
  loading = undefined;
}

/** keccak-256 of `data`, as 32 bytes. */
export function keccak(data: Uint8Array): Uint8Array {
  if (fast !== undefined) {
    fast.init();
    fast.update(data);
    return fast.digest("binary");
  }
  return keccak_256(data);
}

let scratch = new Uint8Array(4096);
const encoder = new TextEncoder();

/** keccak-256 of the UTF-8 bytes of `text` (encoded into a reused buffer). */
export function keccakUtf8(text: string): Uint8Array {
  if (text.length * 3 > scratch.length) {
    if (text.length * 3 > 1 << 20) return keccak(utf8(text));
    scratch = new Uint8Array(text.length * 3);
  }
  const { written } = encoder.encodeInto(text, scratch);
  return keccak(scratch.subarray(0, written));
}

/** The WebAssembly SHA-256 once `enableFastHashing()` loaded it (sha256.ts uses it), else undefined. */
export function fastSha256Hasher(): IHasher | undefined {
  return fastSha256;
}

/** The UTF-8 bytes of `text` in a reused buffer (valid until the next call). */
export function utf8Scratch(text: string): Uint8Array {
  if (text.length * 3 > scratch.length) {
    if (text.length * 3 > 1 << 20) return utf8(text);
    scratch = new Uint8Array(text.length * 3);
  }
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}
