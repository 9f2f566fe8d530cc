/**
 * Issuer identity: the DIDs an institution's credentials carry as `issuer.id` — `did:key` on the local chain
 * (did-key.ts), `did:web` in real deployments (did-web.ts) — and the DID documents that list its Ed25519 credential
 * keys (did-document.ts; the keys as Multikeys in multikey.ts). Here: which verification method a credential key
 * signs with, whatever the DID method. Pure and browser-safe; every refusal is an AcreditaError whose
 * `details.reason` says exactly what is wrong.
 */
import { findVerificationMethod, type DidDocument } from "./did-document.ts";
import { parseDidKey } from "./did-key.ts";
import { parseDidWeb } from "./did-web.ts";
import { AcreditaError } from "./errors.ts";

/**
 * The verification method id an issuer's credential key signs with: for did:key, `did:key:<mb>#<mb>` (the DID must be
 * the key's own); for did:web, the method of `document` holding that key, which must be usable (in assertionMethod).
 * Throws DID_CONTROLLER_MISMATCH, DID_VERIFICATION_METHOD_NOT_FOUND, DID_KEY_NOT_AUTHORIZED or DID_UNSUPPORTED_METHOD.
 */
export function verificationMethodIdFor(input: {
  issuerId: string;
  publicKeyMultibase: string;
  document?: DidDocument;
}): string {
  const { issuerId, publicKeyMultibase } = input;
  if (issuerId.startsWith("did:key:")) {
    const didKey = parseDidKey(issuerId);
    if (didKey.publicKeyMultibase !== publicKeyMultibase) {
      throw new AcreditaError("DID_CONTROLLER_MISMATCH", `${issuerId} is the DID of another key`, {
        did: issuerId,
        publicKeyMultibase,
      });
    }
    return didKey.verificationMethodId;
  }
  if (issuerId.startsWith("did:web:")) {
    parseDidWeb(issuerId);
    if (input.document === undefined || input.document.id !== issuerId) {
      throw new AcreditaError("DID_VERIFICATION_METHOD_NOT_FOUND", `the DID document of ${issuerId} is needed`, {
        did: issuerId,
      });
    }
    const method = input.document.verificationMethod.find((m) => m.publicKeyMultibase === publicKeyMultibase);
    if (method === undefined) {
      throw new AcreditaError("DID_VERIFICATION_METHOD_NOT_FOUND", `${issuerId} does not list this credential key`, {
        did: issuerId,
        publicKeyMultibase,
      });
    }
    return findVerificationMethod(input.document, method.id, { purpose: "assertionMethod" }).id;
  }
  throw new AcreditaError("DID_UNSUPPORTED_METHOD", "credential keys belong to a did:web or a did:key", {
    did: issuerId.slice(0, 200),
  });
}
