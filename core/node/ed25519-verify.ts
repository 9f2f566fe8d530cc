/**
 * Ed25519 signature checks for Data Integrity proofs in Node, each public key imported once into a `KeyObject`:
 * exactly what `@digitalbazaar/ed25519-multikey`'s Node build computes (`crypto.verify` over the key's SPKI DER),
 * which imports the key again for every signature. Bulk verification (verify-worker.ts, `acredita verify`) sets it
 * as the fast verifier's check (data-integrity-verify.ts).
 */
import { createPublicKey, verify } from "node:crypto";
import { type Ed25519Verify, setDefaultEd25519Verify } from "../data-integrity-verify.ts";

// SubjectPublicKeyInfo DER prefix of an Ed25519 public key (RFC 8410): the 32 key bytes follow.
const SPKI_ED25519_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

/** Imports `publicKey` once; throws, as the library does, unless it has 32 bytes. */
export const nodeEd25519Verify: Ed25519Verify = (publicKey) => {
  if (publicKey.length !== 32) throw new TypeError(`an Ed25519 public key has 32 bytes, got ${publicKey.length}`);
  const der = new Uint8Array(SPKI_ED25519_PREFIX.length + 32);
  der.set(SPKI_ED25519_PREFIX, 0);
  der.set(publicKey, SPKI_ED25519_PREFIX.length);
  const key = createPublicKey({ key: Buffer.from(der), format: "der", type: "spki" });
  return (data, signature) => verify(null, data, key, signature);
};

/** Makes {@link nodeEd25519Verify} the check of this thread's fast Data Integrity verifiers (same verdicts). */
export function useNodeEd25519Verify(): void {
  setDefaultEd25519Verify(nodeEd25519Verify);
}
