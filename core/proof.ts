/**
 * Versioned artifacts users keep: the anchor proof each credential carries (the last element of its `proof`
 * array, beside the issuer's Data Integrity proof) and the batch manifest the issuer keeps. Both are parsed
 * strictly: an anchor of another `format` is PROOF_UNSUPPORTED_FORMAT, a Merkle path longer than the registry
 * accepts is PROOF_PATH_TOO_LONG, anything else that does not fit is PROOF_MALFORMED / MANIFEST_MALFORMED.
 *
 * An anchor proof of a full credential carries the credential's `seed` (every field's salt derives from it); one
 * of a redacted copy carries instead `disclosed`: the salts of its visible fields, their positions in field order
 * and the field-tree nodes that stand for the hidden ones (see field-tree.ts and digest.ts).
 */
import { schemaProblems, z } from "./schema.ts";
import type { Hex } from "./bytes.ts";
import { assertNoForbiddenKeys, type JsonObject, type JsonValue } from "./canonical.ts";
import { FORMAT_TAG, LEAF_ENCODING } from "./digest.ts";
import { AcreditaError } from "./errors.ts";
import { MAX_PROOF_LENGTH } from "./generated/constants.ts";

/** The anchor proof's type, defined in Acredita's JSON-LD context (standard verifiers skip it). */
export const ANCHOR_PROOF_TYPE = "AcreditaMerkleProof2026";
export const ANCHOR_FORMAT = "acredita/anchor/v2";
/** Types of anchors from earlier formats: recognised so that they are refused with a true reason. */
export const LEGACY_ANCHOR_TYPES: readonly string[] = ["AcreditaMerkleProof"];
export const MANIFEST_FORMAT = "acredita/batch-manifest/v2";
/** Most fields a credential may have (a bound on the work one verification may ask for). */
export const MAX_FIELDS = 4096;

const hex = (pattern: RegExp, message: string) => z.string().check(z.regex(pattern, message)) as z.ZodMiniType<Hex>;
const bytes32 = hex(/^0x[0-9a-f]{64}$/, "expected 32 bytes of lower-case hex");
const bytes16 = hex(/^0x[0-9a-f]{32}$/, "expected 16 bytes of lower-case hex");
const address = hex(/^0x[0-9a-fA-F]{40}$/, "expected an address");
/** An integer from `min` to `max`. */
const integer = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));
const uint32 = integer(0, 0xffffffff);
const position = integer(0, MAX_FIELDS - 1);
/** A positive integer a JavaScript number holds exactly. */
const chainId = z.number().check(z.int(), z.positive(), z.maximum(Number.MAX_SAFE_INTEGER));
/** A string of `min` to `max` characters. */
const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

/** A key that signed one of the credential's Data Integrity proofs, as the issuer published it. */
export const verificationKeySchema = z.strictObject({
  id: text(1, 2048),
  type: z.literal("Multikey"),
  controller: text(1, 2048),
  publicKeyMultibase: z.string().check(z.regex(/^z[1-9A-HJ-NP-Za-km-z]{40,60}$/, "expected a base58btc multikey")),
});
export type VerificationKey = z.infer<typeof verificationKeySchema>;

/** The anchor proof (format acredita/anchor/v2), the last element of the credential's `proof` array. */
export const anchorProofSchema = z
  .strictObject({
    type: z.literal(ANCHOR_PROOF_TYPE),
    proofPurpose: z.literal("assertionMethod"),
    format: z.literal(ANCHOR_FORMAT),
    chainId,
    registry: address,
    institutionId: uint32,
    batchRoot: bytes32,
    /** The credential's position in its batch (keys revocation), not its tree position. */
    index: uint32,
    credentialDigest: bytes32,
    /** Merkle path, leaf to root (OpenZeppelin order), at most the registry's `MAX_PROOF_LENGTH` nodes. */
    path: z.array(bytes32).check(z.maxLength(MAX_PROOF_LENGTH)),
    /** Number of fields (leaves of the field tree). */
    fieldCount: integer(0, MAX_FIELDS),
    /** Keys of the issuer's Data Integrity proofs (committed through the header). */
    verificationKeys: z.optional(z.array(verificationKeySchema).check(z.maxLength(8))),
    /**
     * The verification methods of the issuer's Data Integrity proofs the credential carried when it was anchored
     * (committed through the header), so that a redacted copy, which drops them, still shows it was signed.
     */
    signedBy: z.optional(z.array(text(1, 2048)).check(z.maxLength(8))),
    /** Full credential: the seed every salt derives from. */
    seed: z.optional(bytes16),
    /** Redacted copy: what proves the visible fields. */
    disclosed: z.optional(
      z.strictObject({
        positions: z.array(position).check(z.maxLength(MAX_FIELDS)),
        salts: z.array(bytes16).check(z.maxLength(MAX_FIELDS)),
        nodes: z.array(bytes32).check(z.maxLength(MAX_FIELDS)),
      }),
    ),
  })
  .check(
    z.refine((p) => (p.seed === undefined) !== (p.disclosed === undefined), {
      message: "an anchor proof carries either seed (full credential) or disclosed (redacted copy)",
    }),
  );
export type AnchorProof = z.infer<typeof anchorProofSchema>;

/**
 * Throws PROOF_PATH_TOO_LONG when `path` is a list of more nodes than the registry's `verifyCredential` accepts
 * (`MAX_PROOF_LENGTH`): such a path cannot belong to any batch, and the registry would revert rather than answer.
 */
export function assertPathLength(path: unknown): void {
  if (Array.isArray(path) && path.length > MAX_PROOF_LENGTH) {
    throw new AcreditaError(
      "PROOF_PATH_TOO_LONG",
      `the Merkle path has ${String(path.length)} nodes; the registry accepts at most ${String(MAX_PROOF_LENGTH)}`,
      { length: path.length, max: MAX_PROOF_LENGTH },
    );
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `proof` is an Acredita anchor of any format. */
export function isAnchorProof(proof: unknown): boolean {
  return (
    isObject(proof) &&
    typeof proof.type === "string" &&
    (proof.type === ANCHOR_PROOF_TYPE || LEGACY_ANCHOR_TYPES.includes(proof.type))
  );
}

/** A credential split into the document its anchor commits to (D) and the anchor proof itself. */
export interface AnchoredCredential {
  /** The credential without its anchor proof; `proof` keeps every other proof, as an array, or is absent. */
  document: JsonObject;
  anchor: AnchorProof;
}

/**
 * Finds and parses a credential's anchor proof: the last element of its `proof` array. Throws PROOF_MISSING (no
 * anchor), PROOF_UNSUPPORTED_FORMAT (an anchor of another format), PROOF_PATH_TOO_LONG or PROOF_MALFORMED.
 */
export function splitAnchor(credential: JsonObject): AnchoredCredential {
  const proof = credential.proof;
  const proofs: JsonValue[] = proof === undefined ? [] : Array.isArray(proof) ? proof : [proof];
  const anchors = proofs.filter(isAnchorProof);
  if (anchors.length === 0) throw new AcreditaError("PROOF_MISSING", "the credential carries no Acredita anchor proof");
  const last = proofs[proofs.length - 1];
  if (anchors.length > 1 || !isAnchorProof(last)) {
    throw new AcreditaError("PROOF_MALFORMED", "the anchor proof must be the last proof, and the only one");
  }
  const value = last as JsonObject;
  if (value.type !== ANCHOR_PROOF_TYPE || value.format !== ANCHOR_FORMAT) {
    throw new AcreditaError(
      "PROOF_UNSUPPORTED_FORMAT",
      `unknown anchor format ${JSON.stringify(value.format ?? value.type)} (this verifier reads ${ANCHOR_FORMAT})`,
      { format: value.format ?? null },
    );
  }
  assertPathLength(value.path);
  // A schema library drops a "__proto__" member silently: such keys are refused, wherever the proof came from.
  assertNoForbiddenKeys(value, `/proof/${String(proofs.length - 1)}`);
  const result = anchorProofSchema.safeParse(value);
  if (!result.success) {
    const problems = schemaProblems(result.error);
    throw new AcreditaError("PROOF_MALFORMED", problems.join("; "), { problems });
  }
  const others = proofs.slice(0, -1);
  const document: JsonObject = {};
  for (const key of Object.keys(credential)) if (key !== "proof") document[key] = credential[key] as JsonValue;
  if (others.length > 0) document.proof = others;
  return { document, anchor: result.data };
}

/** One credential's entry in a batch manifest. */
const manifestEntrySchema = z.strictObject({ index: uint32, id: z.string(), credentialDigest: bytes32, leaf: bytes32 });

/** The batch manifest (format acredita/batch-manifest/v2): what the issuer keeps to anchor and revoke. */
export const batchManifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  formatTag: z.literal(FORMAT_TAG),
  chainId,
  registry: address,
  institutionId: uint32,
  batchRoot: bytes32,
  count: uint32,
  /** The tree layout: OpenZeppelin StandardMerkleTree with this leaf encoding. */
  tree: z.literal("openzeppelin-standard-v1"),
  leafEncoding: z.tuple([
    z.literal(LEAF_ENCODING[0]),
    z.literal(LEAF_ENCODING[1]),
    z.literal(LEAF_ENCODING[2]),
    z.literal(LEAF_ENCODING[3]),
    z.literal(LEAF_ENCODING[4]),
    z.literal(LEAF_ENCODING[5]),
  ]),
  credentials: z.array(manifestEntrySchema),
});
export type BatchManifest = z.infer<typeof batchManifestSchema>;

/** Parses a batch manifest strictly; throws MANIFEST_MALFORMED (with the problems) otherwise. */
export function parseBatchManifest(value: unknown): BatchManifest {
  const result = batchManifestSchema.safeParse(value);
  if (!result.success) {
    const problems = schemaProblems(result.error);
    throw new AcreditaError("MANIFEST_MALFORMED", problems.join("; "), { problems });
  }
  const manifest = result.data;
  if (manifest.credentials.length !== manifest.count || manifest.credentials.some((c, i) => c.index !== i)) {
    throw new AcreditaError("MANIFEST_MALFORMED", "credentials must list indices 0..count-1 in order");
  }
  return manifest;
}
