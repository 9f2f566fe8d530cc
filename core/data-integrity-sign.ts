/**
 * Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (https://www.w3.org/TR/vc-di-eddsa/), made fast
 * for batches and byte-identical to Digital Bazaar's reference stack (`@digitalbazaar/vc` 7 +
 * `@digitalbazaar/data-integrity` 2 + `@digitalbazaar/eddsa-rdfc-2022-cryptosuite` 1).
 *
 * Derivation (what the reference computes and this module reproduces):
 *   proofConfig = { "@context": document["@context"], type: "DataIntegrityProof", created, verificationMethod,
 *                   cryptosuite: "eddsa-rdfc-2022", proofPurpose }
 *   canonical(x) = RDFC-1.0 N-Quads of jsonld.toRDF(x, { safe: true, base: null, rdfDirection: "i18n-datatype" })
 *   verifyData   = SHA-256(canonical(proofConfig)) ‖ SHA-256(canonical(document without `proof`))
 *   proofValue   = "z" + base58btc(Ed25519.sign(secretKey, verifyData))
 *
 * Both canonicalizations go through data-integrity-canonize.ts (per-shape templates and a fast RDFC-1.0 whenever
 * they provably apply, the reference otherwise: the result is always the reference's).
 * Signing always goes through the key's own signer.
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import {
  type CanonizationPath,
  createRdfc2022Canonizer,
  DEFAULT_SHA256,
  type DocumentLoader,
  type Sha256Utf8,
} from "./data-integrity-canonize.ts";
import { base58btc } from "./base58.ts";
import { AcreditaError } from "./errors.ts";

export type { CanonizationPath, DocumentLoader } from "./data-integrity-canonize.ts";

export const DATA_INTEGRITY_PROOF_TYPE = "DataIntegrityProof";
export const EDDSA_RDFC_2022 = "eddsa-rdfc-2022";
const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
const DATA_INTEGRITY_V2_CONTEXT = "https://w3id.org/security/data-integrity/v2";

/** An Ed25519 signer as `@digitalbazaar/ed25519-multikey`'s `keyPair.signer()` returns it. */
export interface Ed25519Signer {
  /** The verification method the signature is for (a `did:key:…#…` or `did:web:…#key-N` URL). */
  readonly id?: string;
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/** The proof object the reference adds to a credential, members in the reference's order (a JSON object). */
export type DataIntegrityProof = {
  type: typeof DATA_INTEGRITY_PROOF_TYPE;
  created: string;
  verificationMethod: string;
  cryptosuite: typeof EDDSA_RDFC_2022;
  proofPurpose: string;
  proofValue: string;
};

export interface SignOptions {
  /** XML Schema date-time of the proof; default: now, to the second (as the reference). */
  readonly created?: string;
  /** Default `assertionMethod`. */
  readonly proofPurpose?: string;
}

export interface EddsaRdfc2022SignerOptions {
  readonly signer: Ed25519Signer;
  /** Default `signer.id`. */
  readonly verificationMethod?: string;
  /** Resolves every context the documents use (offline; nothing should be fetched while signing). */
  readonly documentLoader: DocumentLoader;
  /** `false` canonicalizes every document with the reference (for comparisons). Default `true`. */
  readonly fastPath?: boolean;
  /** SHA-256 over UTF-8 text; default sha256.ts's (WebAssembly or JS). Node passes its native one (faster here). */
  readonly sha256?: Sha256Utf8;
}

export interface EddsaRdfc2022Signer {
  readonly verificationMethod: string;
  /** The proof for `document` (its `proof` member, if any, is not signed over), exactly as the reference makes it. */
  sign(document: JsonObject, options?: SignOptions): Promise<DataIntegrityProof>;
  /** `document` with the proof added; throws CREDENTIAL_ALREADY_ANCHORED when it already has a proof. */
  issue(document: JsonObject, options?: SignOptions): Promise<JsonObject & { proof: DataIntegrityProof }>;
  /** RDFC-1.0 canonical N-Quads of `document` and the path that produced them. */
  canonize(document: JsonObject): Promise<{ nquads: string; path: CanonizationPath }>;
  /** How many canonicalizations took each path, and how many reference `toRDF` probes built templates. */
  stats(): Readonly<Record<CanonizationPath | "probes", number>>;
}

/** The reference's date format for `created`: ISO 8601 in UTC without milliseconds. */
export function w3cDate(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, -5)}Z`;
}

function includesContext(context: JsonValue | undefined, url: string): boolean {
  return context === url || (Array.isArray(context) && context.includes(url));
}

/**
 * A signer that makes `eddsa-rdfc-2022` Data Integrity proofs identical to the reference's, through the fast
 * canonicalization paths whenever they provably apply.
 */
export function createEddsaRdfc2022Signer(options: EddsaRdfc2022SignerOptions): EddsaRdfc2022Signer {
  const verificationMethod = options.verificationMethod ?? options.signer.id;
  if (verificationMethod === undefined) throw new TypeError("createEddsaRdfc2022Signer: no verificationMethod");
  const canonizer = createRdfc2022Canonizer(options);
  const canonize = (document: JsonObject): ReturnType<typeof canonizer.canonize> => canonizer.canonize(document);
  const sha256 = options.sha256 ?? DEFAULT_SHA256;
  const configHashes = new Map<string, Promise<Uint8Array>>();

  const sign = async (document: JsonObject, signOptions: SignOptions = {}): Promise<DataIntegrityProof> => {
    const context = document["@context"];
    if (!includesContext(context, VC_V2_CONTEXT) && !includesContext(context, DATA_INTEGRITY_V2_CONTEXT)) {
      throw new AcreditaError("CREDENTIAL_NOT_OB3", `the @context must include ${VC_V2_CONTEXT}`, {
        context: context ?? null,
      });
    }
    const unsigned: JsonObject = { ...document };
    delete unsigned.proof;
    const proof = {
      type: DATA_INTEGRITY_PROOF_TYPE,
      created: signOptions.created ?? w3cDate(),
      verificationMethod,
      cryptosuite: EDDSA_RDFC_2022,
      proofPurpose: signOptions.proofPurpose ?? "assertionMethod",
    } as const;
    // A batch shares one proof configuration: its hash is computed once.
    const configKey = JSON.stringify([context, proof.created, proof.proofPurpose]);
    let configHash = configHashes.get(configKey);
    if (configHash === undefined) {
      if (configHashes.size >= 64) configHashes.clear();
      configHash = canonize({ "@context": context as JsonValue, ...proof }).then(({ nquads }) => sha256.bytes(nquads));
      configHashes.set(configKey, configHash);
      configHash.catch(() => configHashes.delete(configKey));
    }
    const body = await canonize(unsigned);
    const verifyData = new Uint8Array(64);
    verifyData.set(await configHash, 0);
    verifyData.set(sha256.bytes(body.nquads), 32);
    const signature = await options.signer.sign({ data: verifyData });
    return { ...proof, proofValue: `z${base58btc(signature)}` };
  };

  return {
    verificationMethod,
    sign,
    async issue(document, signOptions) {
      if (document.proof !== undefined) {
        throw new AcreditaError("CREDENTIAL_ALREADY_ANCHORED", "the document already has a proof", {
          id: document.id ?? null,
        });
      }
      const proof = await sign(document, signOptions);
      return { ...document, proof };
    },
    canonize,
    stats: () => canonizer.stats(),
  };
}
