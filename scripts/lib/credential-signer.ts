/**
 * The institution's credential key: the Ed25519 key whose Data Integrity proof every credential carries. Its
 * controller is the institution's issuer id.
 *
 * On the local chain, the development credential key of the signing account: an Ed25519 key derived from the
 * (public, well-known) development account's address, so `npm start`'s demo institutions have stable `did:key`
 * issuer ids. Like the development accounts themselves it protects nothing, and is refused anywhere else.
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
  /** The DID that controls the key: must be the institution's issuer id. */
  controller: string;
  /** Listed in the anchor proof for a `did:web` key (a `did:key` carries its key in its name). */
  verificationKeys: VerificationKey[];
}

/** The development credential key of a development account (local chain only). */
export async function devCredentialSigner(account: Address): Promise<CredentialSigner> {
  const seed = createHash("sha256").update("acredita/dev-credential-key/").update(account.toLowerCase()).digest();
  const key = await Ed25519Multikey.generate({ seed: new Uint8Array(seed) });
  const did = `did:key:${key.publicKeyMultibase}`;
  key.id = `${did}#${key.publicKeyMultibase}`;
  key.controller = did;
  return { signer: key.signer(), verificationMethod: key.id, controller: did, verificationKeys: [] };
}

/** Checks that the credential key belongs to the institution (its controller is the issuer id). */
export function assertKeyOfIssuer(signer: CredentialSigner, issuerId: string, institutionId: number): void {
  if (signer.controller !== issuerId) {
    throw new CliError(
      `the credential key ${signer.verificationMethod} is controlled by ${signer.controller}, but institution ${String(institutionId)}'s issuer id is ${issuerId}`,
      {
        hint: issuerId.startsWith("did:key:")
          ? "Use the credential key whose did:key is the institution's issuer id."
          : "Sign with one of the keys the institution's DID document lists (--credential-key <keystore>).",
      },
    );
  }
}
