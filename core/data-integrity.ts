/**
 * The issuer's standard proof: a W3C Data Integrity proof, cryptosuite `eddsa-rdfc-2022`, made and checked with
 * Digital Bazaar's implementation (`@digitalbazaar/vc`, `data-integrity`, `eddsa-rdfc-2022-cryptosuite`,
 * `ed25519-multikey`) — the same code standard verifiers run. Checking goes first through the fast verifier
 * (data-integrity-verify.ts), which gives a verdict only where it provably equals this reference's, and through
 * the reference for everything else; either checks Ed25519 with WebCrypto where its answer is provably the
 * Multikey library's (ed25519-webcrypto.ts).
 *
 * Everything is offline: the document loader serves the bundled JSON-LD contexts, derives `did:key` documents,
 * and serves the keys the anchor proof lists for a `did:web` issuer (those keys are committed by the anchor, so
 * the chain vouches for them); any other URL is refused, never fetched.
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import { BUNDLED_CONTEXTS } from "./contexts.ts";
import { DATA_INTEGRITY_CRYPTOSUITE, signersOf } from "./data-integrity-proofs.ts";
import { createEddsaRdfc2022Verifier, type EddsaRdfc2022Verifier } from "./data-integrity-verify.ts";
import { withWebCryptoEd25519 } from "./ed25519-webcrypto.ts";
import { AcreditaError } from "./errors.ts";
import type { VerificationKey } from "./proof.ts";

/**
 * Digital Bazaar's libraries, loaded on first use: the fast verifier and signer answer most runs without them, and
 * loading them (with `jsonld` and its HTTP client) would add about half a second to every CLI command and to the
 * web app's first bundle. Checking a proof needs `data-integrity` and the cryptosuite only; `vc` (with its
 * credentials context) is loaded for signing, so a verifier never downloads it.
 */
type ProofLibraries = {
  DataIntegrityProof: typeof import("@digitalbazaar/data-integrity").DataIntegrityProof;
  cryptosuite: typeof import("@digitalbazaar/eddsa-rdfc-2022-cryptosuite").cryptosuite;
  /** The same cryptosuite whose verifiers ask WebCrypto first where it provably answers alike (for checking). */
  checkingCryptosuite: typeof import("@digitalbazaar/eddsa-rdfc-2022-cryptosuite").cryptosuite;
};
let proofLibrariesLoad: Promise<ProofLibraries> | undefined;
function proofLibraries(): Promise<ProofLibraries> {
  proofLibrariesLoad ??= Promise.all([
    import("@digitalbazaar/data-integrity"),
    import("@digitalbazaar/eddsa-rdfc-2022-cryptosuite"),
    import("@digitalbazaar/ed25519-multikey"),
  ]).then(([dataIntegrity, suite, multikey]) => ({
    DataIntegrityProof: dataIntegrity.DataIntegrityProof,
    cryptosuite: suite.cryptosuite,
    checkingCryptosuite: {
      ...suite.cryptosuite,
      // The cryptosuite's own createVerifier (`Ed25519Multikey.from(method).verifier()`), the check made faster.
      createVerifier: async ({ verificationMethod }) => {
        const key = await multikey.from(verificationMethod);
        const verifier = key.verifier();
        const { publicKey } = await key.export({ publicKey: true, raw: true });
        return publicKey === undefined ? verifier : withWebCryptoEd25519(verifier, publicKey);
      },
    },
  }));
  return proofLibrariesLoad;
}
let vcLibraryLoad: Promise<typeof import("@digitalbazaar/vc")> | undefined;
function vcLibrary(): Promise<typeof import("@digitalbazaar/vc")> {
  vcLibraryLoad ??= import("@digitalbazaar/vc");
  return vcLibraryLoad;
}

/**
 * Starts loading the libraries above without waiting for them (data-integrity-proofs.ts's `preloadDataIntegrity`
 * calls it once this module is loaded). A failed load is reported by the check that needs it.
 */
export function preloadDataIntegrity(): void {
  proofLibraries().catch(() => undefined);
}

const MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1";
const DID_CONTEXT = "https://www.w3.org/ns/did/v1";

export { DATA_INTEGRITY_CRYPTOSUITE, signersOf };

/** What a JSON-LD document loader returns. */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: JsonObject;
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

const DID_KEY = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]{40,50})$/;

/** The verification method of an Ed25519 `did:key` (`did:key:z6Mk…#z6Mk…`), or undefined. */
export function didKeyMethod(url: string): VerificationKey | undefined {
  const [did, fragment] = url.split("#", 2) as [string, string | undefined];
  const match = DID_KEY.exec(did);
  if (match === null) return undefined;
  const multibase = match[1] as string;
  if (fragment !== undefined && fragment !== multibase) return undefined;
  return { id: `${did}#${multibase}`, type: "Multikey", controller: did, publicKeyMultibase: multibase };
}

function methodDocument(key: VerificationKey): JsonObject {
  return { "@context": MULTIKEY_CONTEXT, ...key };
}

function controllerDocument(did: string, keys: readonly VerificationKey[]): JsonObject {
  return {
    "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: keys.map((k) => ({ ...k })),
    assertionMethod: keys.map((k) => k.id),
  };
}

/**
 * An offline document loader: bundled contexts, `did:key` documents, and the given verification keys (with their
 * controller documents). Anything else is refused with DI_DOCUMENT_UNKNOWN — never fetched.
 */
export function offlineDocumentLoader(keys: readonly VerificationKey[] = []): DocumentLoader {
  return (url: string) => {
    const found = (document: JsonObject): Promise<RemoteDocument> =>
      Promise.resolve({ contextUrl: null, documentUrl: url, document });
    const context = BUNDLED_CONTEXTS.get(url);
    if (context !== undefined) return found(context);
    const didKey = didKeyMethod(url);
    if (didKey !== undefined) {
      return found(url.includes("#") ? methodDocument(didKey) : controllerDocument(didKey.controller, [didKey]));
    }
    const key = keys.find((k) => k.id === url);
    if (key !== undefined) return found(methodDocument(key));
    const controlled = keys.filter((k) => k.controller === url);
    if (controlled.length > 0) return found(controllerDocument(url, controlled));
    return Promise.reject(
      new AcreditaError("DI_DOCUMENT_UNKNOWN", `${url.slice(0, 200)} is not a bundled context or a known key`, {
        url: url.slice(0, 200),
      }),
    );
  };
}

/** A signer as Digital Bazaar's suites use it (e.g. `Ed25519Multikey` key pair's `signer()`). */
export interface DataIntegritySigner {
  id: string;
  algorithm: string;
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/** A shallow copy of `document` without `proof` (spread: every own member stays one, `__proto__` included). */
function withoutProof(document: JsonObject): JsonObject {
  const out: JsonObject = { ...document };
  delete out.proof;
  return out;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Signs `document` (a credential; any proofs it carries are kept) with an `eddsa-rdfc-2022` Data Integrity proof
 * and returns the credential with `proof` as an array, the new proof last. `created` is an XSD dateTimeStamp
 * without fractional seconds. Throws DI_SIGN_FAILED with the library's message (e.g. an undefined JSON-LD term in
 * safe mode).
 */
export async function signWithDataIntegrity(
  document: JsonObject,
  signer: DataIntegritySigner,
  options: { created?: string; keys?: readonly VerificationKey[] } = {},
): Promise<JsonObject> {
  const [vc, { DataIntegrityProof, cryptosuite }] = await Promise.all([vcLibrary(), proofLibraries()]);
  const suite = new DataIntegrityProof({ signer, cryptosuite, date: options.created });
  const existing = document.proof;
  const existingProofs: JsonValue[] = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  const unsigned = withoutProof(document);
  let signed: JsonObject;
  try {
    signed = (await vc.issue({
      credential: structuredClone(unsigned),
      suite,
      documentLoader: offlineDocumentLoader(options.keys),
    })) as JsonObject;
  } catch (error) {
    throw new AcreditaError("DI_SIGN_FAILED", error instanceof Error ? error.message : String(error));
  }
  return { ...document, proof: [...existingProofs, signed.proof as JsonValue] };
}

/** Digital Bazaar's `DataIntegrityProof.verifyProof` (eddsa-rdfc-2022) on one proof: the reference. */
async function referenceVerifyProof(
  proof: JsonObject,
  proofSet: readonly JsonObject[],
  document: JsonObject,
  documentLoader: DocumentLoader,
): Promise<{ verified: boolean; message?: string }> {
  const { DataIntegrityProof, checkingCryptosuite } = await proofLibraries();
  let result: { verified: boolean; error?: unknown };
  try {
    result = await new DataIntegrityProof({ cryptosuite: checkingCryptosuite }).verifyProof({
      proof: structuredClone(proof),
      proofSet: [...proofSet],
      document: structuredClone(document),
      documentLoader,
    });
  } catch (error) {
    result = { verified: false, error };
  }
  if (result.verified) return { verified: true };
  return result.error instanceof Error ? { verified: false, message: result.error.message } : { verified: false };
}

/** The outcome of checking the Data Integrity proofs of a credential as anchored. */
export interface DataIntegrityOutcome {
  /** "verified": one of the issuer's proofs verified; "failed": one did not; "none": none Acredita can check. */
  outcome: "verified" | "failed" | "none";
  verificationMethod?: string;
  reason?: "DI_SIGNATURE_INVALID" | "DI_KEY_NOT_ISSUERS";
  message?: string;
}

/** Options of {@link checkDataIntegrity}. */
export interface CheckDataIntegrityOptions {
  /**
   * The fast verifier to try first (default: one shared by the whole process, so its templates serve every
   * credential of a shape); `false` checks every proof with the reference only.
   */
  readonly fastVerifier?: EddsaRdfc2022Verifier | false;
}

let sharedVerifier: EddsaRdfc2022Verifier | undefined;

/**
 * Checks the `eddsa-rdfc-2022` proofs of D (a credential without its anchor proof) whose key Acredita can resolve
 * offline: a `did:key`, or one of `keys` (listed by the anchor proof). A key whose controller is not `issuerId`
 * fails (DI_KEY_NOT_ISSUERS); so do a bad signature and a proof made for another purpose than the issuer's
 * assertion (`proofPurpose` other than `assertionMethod`: DI_SIGNATURE_INVALID). Proofs of other suites are left to
 * the tools that know them. Each signature is checked by the fast verifier when it can prove its verdict is the
 * reference's, by Digital Bazaar's `verifyProof` otherwise. Never throws.
 */
export async function checkDataIntegrity(
  document: JsonObject,
  issuerId: string | undefined,
  keys: readonly VerificationKey[] = [],
  options: CheckDataIntegrityOptions = {},
): Promise<DataIntegrityOutcome> {
  const proof = document.proof;
  const proofs = (proof === undefined ? [] : Array.isArray(proof) ? proof : [proof]).filter(isObject);
  const candidates = proofs.filter(
    (p) => p.type === "DataIntegrityProof" && p.cryptosuite === DATA_INTEGRITY_CRYPTOSUITE,
  );
  const unsigned = withoutProof(document);
  const documentLoader = offlineDocumentLoader(keys);
  const fast = options.fastVerifier ?? (sharedVerifier ??= createEddsaRdfc2022Verifier());
  let verified: DataIntegrityOutcome | undefined;
  for (const candidate of candidates) {
    const method = typeof candidate.verificationMethod === "string" ? candidate.verificationMethod : "";
    const key = didKeyMethod(method) ?? keys.find((k) => k.id === method);
    if (key === undefined) continue;
    if (issuerId === undefined || key.controller !== issuerId || !key.id.startsWith(`${issuerId}#`)) {
      return {
        outcome: "failed",
        verificationMethod: method,
        reason: "DI_KEY_NOT_ISSUERS",
        message: `${method} is not a key of ${issuerId ?? "the issuer"}`,
      };
    }
    if (candidate.proofPurpose !== "assertionMethod") {
      return {
        outcome: "failed",
        verificationMethod: method,
        reason: "DI_SIGNATURE_INVALID",
        message: `the proof's purpose is ${JSON.stringify(candidate.proofPurpose ?? null)}, not the issuer's assertion (assertionMethod)`,
      };
    }
    let result: { verified: boolean; message?: string } | undefined;
    if (fast !== false) {
      // The method document exactly as the reference's loader gives it.
      const methodDocument = await documentLoader(method).then(
        (loaded) => loaded.document,
        () => undefined,
      );
      const quick = methodDocument && (await fast.verify(unsigned, candidate, methodDocument));
      if (quick?.kind === "verified") result = { verified: true };
      else if (quick?.kind === "failed") result = { verified: false, message: quick.message };
    }
    result ??= await referenceVerifyProof(candidate, proofs, unsigned, documentLoader);
    if (!result.verified) {
      const cause = result.message ?? "the signature does not match";
      return { outcome: "failed", verificationMethod: method, reason: "DI_SIGNATURE_INVALID", message: cause };
    }
    verified ??= { outcome: "verified", verificationMethod: method };
  }
  return verified ?? { outcome: "none" };
}
