/**
 * Ed25519 public keys as Multikey `publicKeyMultibase` values: "z" + base58btc(0xed 0x01 ‖ 32-byte key), so they
 * always start with `z6Mk` (the form did:key and Acredita's DID documents use). Refusals are DID_KEY_INVALID.
 */
import { base58btc, base58btcDecode } from "./base58.ts";
import { AcreditaError } from "./errors.ts";

/**
 * The 32-byte Ed25519 public key inside `publicKeyMultibase` ("z" + base58btc(0xed 0x01 ‖ key)); throws DID_KEY_INVALID
 * for anything else (another key type, another multibase, a wrong length, a non-canonical encoding).
 */
export function ed25519PublicKeyFromMultibase(publicKeyMultibase: string): Uint8Array {
  const fail = (reason: string) =>
    new AcreditaError("DID_KEY_INVALID", `${reason}: ${JSON.stringify(publicKeyMultibase.slice(0, 80))}`, { reason });
  if (typeof publicKeyMultibase !== "string" || !publicKeyMultibase.startsWith("z")) {
    throw fail("not a base58btc multibase value (it must start with z)");
  }
  if (publicKeyMultibase.length > 60) throw fail("too long for an Ed25519 public key");
  const bytes = base58btcDecode(publicKeyMultibase.slice(1));
  if (bytes === undefined) throw fail("not base58btc");
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) {
    throw fail("not an Ed25519 public key (multicodec 0xed01 followed by 32 bytes)");
  }
  const key = bytes.slice(2);
  if (ed25519PublicKeyToMultibase(key) !== publicKeyMultibase) throw fail("not in canonical form");
  return key;
}

/** "z6Mk…": the Multikey multibase of a 32-byte Ed25519 public key. */
export function ed25519PublicKeyToMultibase(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) {
    throw new AcreditaError("DID_KEY_INVALID", `an Ed25519 public key has 32 bytes, not ${publicKey.length}`, {
      reason: "wrong length",
    });
  }
  const bytes = new Uint8Array(34);
  bytes.set([0xed, 0x01]);
  bytes.set(publicKey, 2);
  return `z${base58btc(bytes)}`;
}
