/**
 * A Node Ed25519 signer for Data Integrity proofs: the private key is imported once into a `KeyObject` (the
 * Multikey library's signer re-imports it on every call). Ed25519 signatures are deterministic (RFC 8032), so this
 * signer's signatures are the Multikey signer's, byte for byte.
 */
import { createPrivateKey, sign } from "node:crypto";
import type { Ed25519Signer } from "../data-integrity-sign.ts";

// PKCS #8 DER prefix of an Ed25519 private key (RFC 8410): the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/** A signer for `verificationMethod` from the 32-byte Ed25519 seed (the first half of a Multikey secret key). */
export function createNodeEd25519Signer(seed: Uint8Array, verificationMethod: string): Ed25519Signer {
  if (seed.length !== 32) throw new TypeError(`an Ed25519 seed has 32 bytes, got ${seed.length}`);
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
  der.set(PKCS8_ED25519_PREFIX, 0);
  der.set(seed, PKCS8_ED25519_PREFIX.length);
  const key = createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" });
  return {
    id: verificationMethod,
    sign: ({ data }) => Promise.resolve(new Uint8Array(sign(null, data, key))),
  };
}
