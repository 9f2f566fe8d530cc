/**
 * The institution's credential key: the Ed25519 key whose Data Integrity proof every credential carries. Its
 * controller is the institution's issuer id:
 * - a `did:key` issuer id *is* the key (`did:key:z6Mk…`, verification method `did:key:z6Mk…#z6Mk…`);
 * - any other issuer id (`did:web:…`, an https URL) names the key `<issuer id>#key-N`, and the anchor proof lists
 *   its public key, so Acredita's verifier checks the signature offline (the chain vouches for the key) while
 *   standard verifiers resolve it from the DID document the institution publishes.
 *
 * On the local chain, the development credential key of the signing account: derived from the (public,
 * well-known) development account's address, so `npm start`'s demo institutions have stable `did:key` issuer ids.
 * Like the development accounts themselves it protects nothing, and is refused anywhere else.
 */
import { createHash } from "node:crypto";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import type { Address } from "viem";
import type { DataIntegritySigner, VerificationKey } from "../../core/index.ts";
import { CliError } from "./cli-error.ts";

/** A credential key ready to sign, and what the anchor proof must list for a verifier to find it. */
export interface CredentialSigner {
  signer: DataIntegritySigner;
  /** The verification method id (`did:key:z…#z…`, or `did:web:…#key-N`). */
  verificationMethod: string;
  /** The issuer id that controls the key. */
  controller: string;
  /** Listed in the anchor proof for a key that is not a `did:key` (a `did:key` carries its key in its name). */
  verificationKeys: VerificationKey[];
  /**
   * The key's 32-byte Ed25519 seed, for this process's signing worker threads (core/node/parallel-issue.ts) only:
   * never printed, written or sent anywhere else.
   */
  seed: Uint8Array;
}

/**
 * The credential signer of `signer` (whose verification method is `verificationMethod`, and key `seed`) for
 * `issuerId`: a key that is not a `did:key` is listed for the anchor proof, so verifiers find it offline.
 */
export function signerFor(
  signer: DataIntegritySigner,
  verificationMethod: string,
  issuerId: string,
  publicKeyMultibase: string,
  seed: Uint8Array,
): CredentialSigner {
  return {
    signer,
    verificationMethod,
    controller: issuerId,
    verificationKeys: issuerId.startsWith("did:key:")
      ? []
      : [{ id: verificationMethod, type: "Multikey", controller: issuerId, publicKeyMultibase }],
    seed,
  };
}

/** The 32-byte seed of an Ed25519 Multikey key pair that holds its secret key. */
export async function seedOf(key: Ed25519Multikey.KeyPair): Promise<Uint8Array> {
  const { secretKey } = await key.export({ secretKey: true, raw: true });
  if (secretKey === undefined) throw new CliError("the credential key has no secret key");
  return secretKey.slice(0, 32);
}

/** The development credential key of a development account (local chain only). */
export function devCredentialKey(account: Address): Promise<Ed25519Multikey.KeyPair> {
  const seed = createHash("sha256").update("acredita/dev-credential-key/").update(account.toLowerCase()).digest();
  return Ed25519Multikey.generate({ seed: new Uint8Array(seed) });
}

/** The `did:key` of an Ed25519 key. */
export function didKeyOf(key: Ed25519Multikey.KeyPair): string {
  return `did:key:${key.publicKeyMultibase}`;
}

/**
 * The signer of `key` for the issuer `issuerId` (see the module comment); `keyId` is the fragment of a non-did:key
 * verification method. Throws when a `did:key` issuer id is not this key's.
 */
export async function credentialSignerFor(
  key: Ed25519Multikey.KeyPair,
  issuerId: string,
  keyId = "key-1",
): Promise<CredentialSigner> {
  const ownDid = didKeyOf(key);
  const didKey = issuerId.startsWith("did:key:");
  if (didKey && issuerId !== ownDid) {
    throw new CliError(`the credential key is ${ownDid}, but the issuer id is ${issuerId}`, {
      hint: "Use the credential key whose did:key is the institution's issuer id.",
    });
  }
  const verificationMethod = didKey ? `${ownDid}#${key.publicKeyMultibase}` : `${issuerId}#${keyId}`;
  const pair = await Ed25519Multikey.from({
    id: verificationMethod,
    controller: issuerId,
    publicKeyMultibase: key.publicKeyMultibase,
    ...(key.secretKeyMultibase === undefined ? {} : { secretKeyMultibase: key.secretKeyMultibase }),
    type: "Multikey",
    "@context": "https://w3id.org/security/multikey/v1",
  });
  return signerFor(pair.signer(), verificationMethod, issuerId, key.publicKeyMultibase, await seedOf(key));
}

/** The development credential signer of a development account for `issuerId` (local chain only). */
export async function devCredentialSigner(account: Address, issuerId?: string): Promise<CredentialSigner> {
  const key = await devCredentialKey(account);
  return credentialSignerFor(key, issuerId ?? didKeyOf(key));
}
