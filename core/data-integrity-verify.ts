/**
 * `eddsa-rdfc-2022` Data Integrity proofs checked fast, with exactly the verdict of Digital Bazaar's reference
 * (`@digitalbazaar/data-integrity` 2, `DataIntegrityProof.verifyProof`, with `eddsa-rdfc-2022-cryptosuite` 1).
 *
 * What the reference computes, and this module reproduces step by step:
 *   proofConfig = { "@context": document["@context"], ...proof } without `proofValue`
 *   verifyData  = SHA-256(canonical(proofConfig)) ‖ SHA-256(canonical(document without `proof`))
 *   signature   = base58btc-decode(proofValue after its "z")
 *   verified    = cryptosuite.createVerifier({ verificationMethod }).verify({ data: verifyData, signature }),
 *                 then `created`, when present, must be an XSD date-time
 * The canonical N-Quads come from data-integrity-canonize.ts's template paths (the same the fast signer uses, the
 * reference's bytes); the signature is checked by the cryptosuite's own verifier (`@digitalbazaar/ed25519-multikey`),
 * behind WebCrypto where that provably answers alike (ed25519-webcrypto.ts).
 *
 * Security comes first: the fast path must never accept what the reference rejects. It gives a verdict only for
 * inputs it can prove it handles exactly, and answers "unsupported" for everything else, so that the caller runs
 * the reference. It takes an input only when:
 * - the document's `@context` is VC 2.0's followed by bundled contexts only (core/contexts.ts): every term
 *   definition is known and fixed, and the proof configuration needs no added suite context;
 * - no member other than the top-level `@context` is a JSON-LD keyword (`@id`, `@graph`, `@value`, a nested
 *   `@context`, …): with the bundled contexts, which alias only `id` and `type`, every node, value and type is
 *   written the one way the templates are built for; and none is named `__proto__` (a copy by assignment would
 *   lose it);
 * - the proof has no member but `type`, `cryptosuite`, `created`, `verificationMethod`, `proofPurpose` and
 *   `proofValue`, all strings; `created`, when present, a plain XSD date-time (the reference's date check then
 *   passes), and `proofValue` a base58btc `z…` of 64 bytes without whitespace (which the reference would strip);
 * - both canonicalizations take a template path (the template compiler refuses, in turn, whatever could differ:
 *   see jsonld-template.ts).
 * Pure and browser-safe.
 */
import type { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import type { JsonObject, JsonValue } from "./canonical.ts";
import { base58btcDecode } from "./base58.ts";
import { BUNDLED_CONTEXTS, VC_V2_CONTEXT } from "./contexts.ts";
import {
  type CanonizationPath,
  createRdfc2022Canonizer,
  DEFAULT_SHA256,
  type Rdfc2022Canonizer,
  type Sha256Utf8,
} from "./data-integrity-canonize.ts";
import { withWebCryptoEd25519 } from "./ed25519-webcrypto.ts";
import { bundledDocumentLoader } from "./jsonld-contexts.ts";

/** What the fast path concluded. `unsupported`: it cannot prove it would conclude as the reference; run that. */
export type FastVerification =
  | { readonly kind: "verified"; readonly paths: readonly [CanonizationPath, CanonizationPath] }
  | { readonly kind: "failed"; readonly message: string; readonly paths: readonly [CanonizationPath, CanonizationPath] }
  | { readonly kind: "unsupported"; readonly reason: string };

/**
 * An Ed25519 signature check for one public key (its 32 bytes), which it may import once: the returned function
 * checks `signature` over `data`. It must answer exactly as `@digitalbazaar/ed25519-multikey`'s verifier does
 * for that key on the platform (core/node/ed25519-verify.ts: Node's crypto, as the library's Node build, with the
 * key imported once instead of on every call); it may throw for a key it cannot import.
 */
export type Ed25519Verify = (publicKey: Uint8Array) => (data: Uint8Array, signature: Uint8Array) => boolean;

let defaultEd25519: Ed25519Verify | undefined;

/**
 * Makes `verify` the Ed25519 check of every fast verifier that is not given its own (`undefined`: the Multikey
 * library's verifier again, behind WebCrypto where that provably answers alike). Keys already imported keep the check they were imported with.
 */
export function setDefaultEd25519Verify(verify: Ed25519Verify | undefined): void {
  defaultEd25519 = verify;
}

export interface EddsaRdfc2022VerifierOptions {
  /** Default {@link DEFAULT_SHA256}. */
  readonly sha256?: Sha256Utf8;
  /**
   * Default: the one set by {@link setDefaultEd25519Verify}, else the Multikey library's verifier, with WebCrypto
   * asked first where its answer is provably the library's (ed25519-webcrypto.ts).
   */
  readonly ed25519?: Ed25519Verify;
  /**
   * How many times a document shape (or proof configuration) must have come before its template is built. Default
   * 2: a lone credential (the web verifier's usual case) is checked by the reference alone, without the probes
   * that build a template; from the second credential of a shape on, the fast path answers.
   */
  readonly buildOnSighting?: number;
}

export interface EddsaRdfc2022Verifier {
  /**
   * Checks `proof` (one `DataIntegrityProof` / `eddsa-rdfc-2022` object) over `document` (the credential; its
   * `proof` member is not signed over) with `method`, the verification method document the reference's document
   * loader returns for `proof.verificationMethod`. Never rejects.
   */
  verify(document: JsonObject, proof: JsonObject, method: JsonObject): Promise<FastVerification>;
  /** How many proofs each outcome had, and the canonicalizer's figures. */
  stats(): Readonly<Record<FastVerification["kind"], number>> & {
    readonly canonicalizations: ReturnType<Rdfc2022Canonizer["stats"]>;
  };
}

const PROOF_MEMBERS = new Set(["type", "cryptosuite", "created", "verificationMethod", "proofPurpose", "proofValue"]);
/** An XSD dateTime the reference's `isW3cDate` accepts, and nothing looser (anchored; no year sign, no 24:00). */
const PLAIN_DATE_TIME =
  /^(?:[1-9]\d{3}|0\d{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?$/;
/** The Ed25519 signature length. */
const SIGNATURE_BYTES = 64;
const REFERENCE_INVALID_SIGNATURE = "Invalid signature.";

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Why a member name is outside what the fast path handles: a JSON-LD keyword, or `__proto__` (not copyable). */
function oddKey(key: string): string | undefined {
  if (key.startsWith("@")) return `a member is the JSON-LD keyword ${key}`;
  if (key === "__proto__") return "a member is named __proto__";
  return undefined;
}

/** Why the document is outside what the fast path handles, or undefined when it is inside. */
function documentOutOfReach(document: JsonObject): string | undefined {
  const context = document["@context"];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) return "the @context does not start with VC 2.0's";
  for (const url of context) {
    if (typeof url !== "string" || !BUNDLED_CONTEXTS.has(url)) return "a context is not a bundled one";
  }
  const stack: JsonValue[] = [];
  for (const key of Object.keys(document)) {
    if (key === "@context") continue;
    const odd = oddKey(key);
    if (odd !== undefined) return odd;
    stack.push(document[key] as JsonValue);
  }
  while (stack.length > 0) {
    const value = stack.pop() as JsonValue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (isObject(value)) {
      for (const key of Object.keys(value)) {
        const odd = oddKey(key);
        if (odd !== undefined) return odd;
        stack.push(value[key] as JsonValue);
      }
    }
  }
  return undefined;
}

/** Why the proof is outside what the fast path handles, or undefined when it is inside. */
function proofOutOfReach(proof: JsonObject): string | undefined {
  for (const key of Object.keys(proof)) {
    if (!PROOF_MEMBERS.has(key)) return `the proof has a member ${key}`;
    if (typeof proof[key] !== "string") return `the proof's ${key} is not a string`;
  }
  for (const key of ["type", "cryptosuite", "verificationMethod", "proofPurpose", "proofValue"]) {
    if (!(key in proof)) return `the proof has no ${key}`;
  }
  if (proof.created !== undefined && !PLAIN_DATE_TIME.test(proof.created as string)) {
    return "the proof's created is not a plain XSD date-time";
  }
  return undefined;
}

/** The signature bytes of a base58btc proofValue (`z…`) of 64 bytes, or undefined. */
function signatureOf(proofValue: string): Uint8Array | undefined {
  if (!proofValue.startsWith("z")) return undefined;
  const bytes = base58btcDecode(proofValue.slice(1));
  return bytes?.length === SIGNATURE_BYTES ? bytes : undefined;
}

/**
 * The cryptosuite and the Multikey library, loaded on first use: the cryptosuite's package imports `jsonld` and an
 * HTTP client, about half a second that a command which checks no signature (or the web app's first screen) should
 * not pay.
 */
let cryptosuiteModule: Promise<typeof cryptosuite> | undefined;
function loadCryptosuite(): Promise<typeof cryptosuite> {
  cryptosuiteModule ??= import("@digitalbazaar/eddsa-rdfc-2022-cryptosuite").then((m) => m.cryptosuite);
  return cryptosuiteModule;
}
let multikeyModule: Promise<typeof import("@digitalbazaar/ed25519-multikey")> | undefined;
function loadMultikey(): NonNullable<typeof multikeyModule> {
  multikeyModule ??= import("@digitalbazaar/ed25519-multikey");
  return multikeyModule;
}

type Verifier = Awaited<ReturnType<typeof cryptosuite.createVerifier>>;

/** A fast `eddsa-rdfc-2022` verifier (see the module comment); its templates and key imports are cached. */
export function createEddsaRdfc2022Verifier(options: EddsaRdfc2022VerifierOptions = {}): EddsaRdfc2022Verifier {
  const sha256 = options.sha256 ?? DEFAULT_SHA256;
  const canonizer = createRdfc2022Canonizer({
    documentLoader: bundledDocumentLoader(),
    sha256,
    buildOnSighting: options.buildOnSighting ?? 2,
  });
  const counts = { verified: 0, failed: 0, unsupported: 0 };
  const configHashes = new Map<string, Promise<{ hash: Uint8Array; path: CanonizationPath } | undefined>>();
  const verifiers = new Map<string, Promise<Verifier>>();

  const hashOf = async (document: JsonObject): Promise<{ hash: Uint8Array; path: CanonizationPath } | undefined> => {
    const canonical = await canonizer.canonizeByTemplate(document);
    return canonical === undefined ? undefined : { hash: sha256.bytes(canonical.nquads), path: canonical.path };
  };

  // Proofs of one issuer share their configuration (context, created, key, purpose): hashed once.
  const configHashOf = (config: JsonObject): Promise<{ hash: Uint8Array; path: CanonizationPath } | undefined> => {
    const key = JSON.stringify(config);
    let entry = configHashes.get(key);
    if (entry === undefined) {
      if (configHashes.size >= 64) configHashes.clear();
      entry = hashOf(config);
      configHashes.set(key, entry);
      // Only hashes are remembered: a configuration without a template yet is asked again next time.
      entry.then(
        (hash) => hash === undefined && configHashes.delete(key),
        () => configHashes.delete(key),
      );
    }
    return entry;
  };

  // The cryptosuite's verifier for a method document (what the reference builds for every proof:
  // `(await Ed25519Multikey.from(method)).verifier()`), its signature check replaced by the Ed25519Verify in use,
  // which imports the key once.
  const createVerifier = async (method: JsonObject): Promise<Verifier> => {
    const keyPair = await (await loadMultikey()).from(structuredClone(method));
    const verifier = keyPair.verifier();
    const ed25519 = options.ed25519 ?? defaultEd25519;
    const { publicKey } = await keyPair.export({ publicKey: true, raw: true });
    if (publicKey === undefined) return verifier;
    if (ed25519 === undefined) return withWebCryptoEd25519(verifier, publicKey);
    const check = ed25519(publicKey);
    return { ...verifier, verify: ({ data, signature }) => Promise.resolve(check(data, signature)) };
  };
  const verifierOf = (method: JsonObject): Promise<Verifier> => {
    const key = JSON.stringify(method);
    let entry = verifiers.get(key);
    if (entry === undefined) {
      if (verifiers.size >= 64) verifiers.clear();
      entry = createVerifier(method);
      verifiers.set(key, entry);
    }
    return entry;
  };

  const decide = async (document: JsonObject, proof: JsonObject, method: JsonObject): Promise<FastVerification> => {
    const outOfReach = documentOutOfReach(document) ?? proofOutOfReach(proof);
    if (outOfReach !== undefined) return { kind: "unsupported", reason: outOfReach };
    const signature = signatureOf(proof.proofValue as string);
    if (signature === undefined)
      return { kind: "unsupported", reason: "the proofValue is not a base58btc z… of 64 bytes" };

    const unsigned: JsonObject = { ...document };
    delete unsigned.proof;
    const config: JsonObject = { "@context": document["@context"] as JsonValue };
    for (const key of Object.keys(proof)) if (key !== "proofValue") config[key] = proof[key] as JsonValue;

    let configHash: { hash: Uint8Array; path: CanonizationPath } | undefined;
    let documentHash: { hash: Uint8Array; path: CanonizationPath } | undefined;
    try {
      [configHash, documentHash] = await Promise.all([configHashOf(config), hashOf(unsigned)]);
    } catch (error) {
      return { kind: "unsupported", reason: `no template: ${(error as Error).message}` };
    }
    if (configHash === undefined || documentHash === undefined) {
      return { kind: "unsupported", reason: "no template provably applies" };
    }
    const paths = [configHash.path, documentHash.path] as const;
    const verifyData = new Uint8Array(64);
    verifyData.set(configHash.hash, 0);
    verifyData.set(documentHash.hash, 32);
    try {
      const verifier = await verifierOf(method);
      if (verifier.algorithm !== (await loadCryptosuite()).requiredAlgorithm) {
        return { kind: "unsupported", reason: `the key's algorithm is ${verifier.algorithm}` };
      }
      const valid = await verifier.verify({ data: verifyData, signature });
      if (!valid) return { kind: "failed", message: REFERENCE_INVALID_SIGNATURE, paths };
    } catch (error) {
      return { kind: "unsupported", reason: `the key did not import: ${(error as Error).message}` };
    }
    return { kind: "verified", paths };
  };

  return {
    async verify(document, proof, method) {
      const outcome = await decide(document, proof, method);
      counts[outcome.kind] += 1;
      return outcome;
    },
    stats: () => ({ ...counts, canonicalizations: canonizer.stats() }),
  };
}
