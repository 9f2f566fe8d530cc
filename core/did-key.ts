/**
 * did:key (local chain): `did:key:<publicKeyMultibase>` for an Ed25519 key, its one verification method
 * `did:key:<mb>#<mb>` (W3C CCG did:key method, Multikey form). Refusals are DID_KEY_INVALID.
 */
import { DID_DOCUMENT_CONTEXT, type DidDocument } from "./did-document.ts";
import { AcreditaError } from "./errors.ts";
import { ed25519PublicKeyFromMultibase } from "./multikey.ts";

/** `did:key:z6Mk…` for an Ed25519 public key multibase (checked). */
export function didKeyFromMultibase(publicKeyMultibase: string): string {
  ed25519PublicKeyFromMultibase(publicKeyMultibase);
  return `did:key:${publicKeyMultibase}`;
}

/** A did:key read back: its key and its one verification method id (`did:key:z6Mk…#z6Mk…`). */
export interface DidKey {
  did: string;
  publicKeyMultibase: string;
  verificationMethodId: string;
}

/** Reads `did:key:z6Mk…` (an Ed25519 key; no path, query or fragment); throws DID_KEY_INVALID otherwise. */
export function parseDidKey(did: string): DidKey {
  if (typeof did !== "string" || !did.startsWith("did:key:")) {
    throw new AcreditaError("DID_KEY_INVALID", "not a did:key", { reason: "not did:key" });
  }
  const publicKeyMultibase = did.slice("did:key:".length);
  if (/[^A-Za-z0-9]/.test(publicKeyMultibase)) {
    throw new AcreditaError("DID_KEY_INVALID", "a did:key is did:key:<multibase key>, with nothing after the key", {
      reason: "extra characters",
    });
  }
  ed25519PublicKeyFromMultibase(publicKeyMultibase);
  return { did, publicKeyMultibase, verificationMethodId: `${did}#${publicKeyMultibase}` };
}

/** The DID document a did:key resolves to (Ed25519 Multikey form), for offline document loaders. */
export function didKeyDocument(did: string): DidDocument {
  const { publicKeyMultibase, verificationMethodId } = parseDidKey(did);
  return {
    "@context": [...DID_DOCUMENT_CONTEXT],
    id: did,
    verificationMethod: [{ id: verificationMethodId, type: "Multikey", controller: did, publicKeyMultibase }],
    authentication: [verificationMethodId],
    assertionMethod: [verificationMethodId],
    capabilityInvocation: [verificationMethodId],
    capabilityDelegation: [verificationMethodId],
  };
}
