/**
 * A credential's `eddsa-rdfc-2022` Data Integrity proofs, read without the code that checks them: which ones a
 * document carries, and the check itself, loaded on first use (data-integrity.ts with the fast verifier and
 * `rdf-canonize`). In the web app that code is a lazy chunk: a credential without such a proof (a paper link's
 * redacted copy, an unsigned credential) never downloads it, and a signed credential's link starts loading it while
 * the app starts ({@link preloadDataIntegrity}).
 */
import type { JsonObject } from "./canonical.ts";

export const DATA_INTEGRITY_CRYPTOSUITE = "eddsa-rdfc-2022";

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The verification methods of the issuer's Data Integrity proofs in D, in proof order (what the anchor records). */
export function signersOf(document: JsonObject): string[] {
  const proof = document.proof;
  return (proof === undefined ? [] : Array.isArray(proof) ? proof : [proof])
    .filter(isObject)
    .filter((p) => p.type === "DataIntegrityProof" && p.cryptosuite === DATA_INTEGRITY_CRYPTOSUITE)
    .map((p) => (typeof p.verificationMethod === "string" ? p.verificationMethod : ""));
}

let checkingCode: Promise<typeof import("./data-integrity.ts")> | undefined;
function dataIntegrity(): Promise<typeof import("./data-integrity.ts")> {
  checkingCode ??= import("./data-integrity.ts");
  return checkingCode;
}

/**
 * Starts loading what a first signature check needs (the checking code and Digital Bazaar's libraries) without
 * waiting for it: a caller that knows a proof is coming (the web app opening a signed credential's link) overlaps
 * the load with its other work. A failed load is reported by the check that needs it, as without the preload.
 */
export function preloadDataIntegrity(): void {
  dataIntegrity().then(
    (module) => {
      module.preloadDataIntegrity();
    },
    () => undefined,
  );
  // The libraries that module loads on first use (its `proofLibraries`), fetched now alongside it rather than after.
  Promise.all([import("@digitalbazaar/data-integrity"), import("@digitalbazaar/eddsa-rdfc-2022-cryptosuite")]).catch(
    () => undefined,
  );
}

/**
 * data-integrity.ts's `checkDataIntegrity`, its code loaded only for a document that carries an `eddsa-rdfc-2022`
 * proof: without one the outcome is "none" (as the check itself gives), and nothing is loaded.
 */
export const checkDataIntegrity: typeof import("./data-integrity.ts").checkDataIntegrity = async (
  document,
  ...rest
) => {
  if (signersOf(document).length === 0) return { outcome: "none" };
  return (await dataIntegrity()).checkDataIntegrity(document, ...rest);
};
