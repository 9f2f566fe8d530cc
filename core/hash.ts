/**
 * keccak-256 for the whole core. Two interchangeable implementations compute the same function:
 * - `@noble/hashes` 2 (pure JS, synchronous, always available; about twice as fast here as the 1.x copy viem
 *   bundles), and
 * - hash-wasm's WebAssembly keccak (about 6x faster here), enabled by `enableFastHashing()` where the platform
 *   allows WebAssembly (browsers with a CSP lacking 'wasm-unsafe-eval' keep the JS one).
 * Tests prove both agree; the issuer's batch pipeline enables the fast one, a single verification does not need it.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { createKeccak, type IHasher } from "hash-wasm";
import { utf8 } from "./bytes.ts";

let fast: IHasher | undefined;
let loading: Promise<boolean> | undefined;

/** Loads the WebAssembly keccak once; resolves to whether it is in use. Never rejects. */
export function enableFastHashing(): Promise<boolean> {
  loading ??= createKeccak(256).then(
    (hasher) => {
      fast = hasher;
      return true;
    },
    () => false,
  );
  return loading;
}

/** Switches back to the pure-JS keccak (tests use it to compare both implementations). */
export function disableFastHashing(): void {
  fast = undefined;
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
