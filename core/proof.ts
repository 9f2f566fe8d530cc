/**
 * Versioned artifacts users keep: the proof block attached to each credential (its `proof` member) and the batch
 * manifest the issuer keeps. Both are parsed strictly: an unknown `format` is PROOF_UNSUPPORTED_FORMAT, a Merkle path
 * longer than the registry accepts is PROOF_PATH_TOO_LONG, anything else that does not fit is PROOF_MALFORMED /
 * MANIFEST_MALFORMED.
 */
import { z } from "zod";
import type { Hex } from "./bytes.ts";
import type { JsonValue } from "./canonical.ts";
import { FORMAT_TAG, LEAF_ENCODING } from "./digest.ts";
import { AcreditaError } from "./errors.ts";
import { MAX_PROOF_LENGTH } from "./generated/constants.ts";

export const PROOF_FORMAT = "acredita/proof/v1";
export const PROOF_TYPE = "AcreditaMerkleProof";
export const MANIFEST_FORMAT = "acredita/batch-manifest/v1";

const bytes32 = z.string().regex(/^0x[0-9a-f]{64}$/, "expected 32 bytes of lower-case hex") as z.ZodType<Hex>;
const salt = z.string().regex(/^0x[0-9a-f]{32}$/, "expected a 16-byte salt in lower-case hex") as z.ZodType<Hex>;
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected an address") as z.ZodType<Hex>;
const uint32 = z.number().int().min(0).max(0xffffffff);
const pointer = z.string().regex(/^(\/[^/]*)+$/, "expected a JSON pointer");

/** The proof block (format acredita/proof/v1), stored as the credential's `proof` member. */
export const proofBlockSchema = z
  .object({
    type: z.literal(PROOF_TYPE),
    format: z.literal(PROOF_FORMAT),
    /** keccak256("acredita/credential/v1"). */
    formatTag: z.literal(FORMAT_TAG),
    chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    registry: address,
    institutionId: uint32,
    batchRoot: bytes32,
    /** The credential's position in its batch (keys revocation), not its tree position. */
    index: uint32,
    credentialDigest: bytes32,
    /** Merkle path, leaf to root (OpenZeppelin order), at most the registry's `MAX_PROOF_LENGTH` nodes. */
    path: z.array(bytes32).max(MAX_PROOF_LENGTH),
    /** Salt of each visible field, by JSON pointer. */
    salts: z.record(pointer, salt),
    /** Hidden fields: JSON pointer → salted digest. */
    hidden: z.record(pointer, bytes32).optional(),
  })
  .strict();
export type ProofBlock = z.infer<typeof proofBlockSchema>;

function issues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

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

/**
 * Parses a proof block strictly. Throws PROOF_MISSING, PROOF_UNSUPPORTED_FORMAT, PROOF_PATH_TOO_LONG or
 * PROOF_MALFORMED.
 */
export function parseProofBlock(value: JsonValue | undefined): ProofBlock {
  if (value === undefined) throw new AcreditaError("PROOF_MISSING", "the credential has no proof member");
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AcreditaError("PROOF_MALFORMED", "the proof member is not an object");
  }
  if (value.type !== PROOF_TYPE) {
    throw new AcreditaError("PROOF_MISSING", `the proof is not an ${PROOF_TYPE}`, { type: value.type ?? null });
  }
  if (value.format !== PROOF_FORMAT) {
    throw new AcreditaError("PROOF_UNSUPPORTED_FORMAT", `unknown proof format ${JSON.stringify(value.format)}`, {
      format: value.format ?? null,
    });
  }
  assertPathLength(value.path);
  const result = proofBlockSchema.safeParse(value);
  if (!result.success) {
    const problems = issues(result.error);
    throw new AcreditaError("PROOF_MALFORMED", problems.join("; "), { problems });
  }
  return result.data;
}

/** One credential's entry in a batch manifest. */
const manifestEntrySchema = z
  .object({ index: uint32, id: z.string(), credentialDigest: bytes32, leaf: bytes32 })
  .strict();

/** The batch manifest (format acredita/batch-manifest/v1): what the issuer keeps to anchor and revoke. */
export const batchManifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    formatTag: z.literal(FORMAT_TAG),
    chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
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
  })
  .strict();
export type BatchManifest = z.infer<typeof batchManifestSchema>;

/** Parses a batch manifest strictly; throws MANIFEST_MALFORMED (with the problems) otherwise. */
export function parseBatchManifest(value: unknown): BatchManifest {
  const result = batchManifestSchema.safeParse(value);
  if (!result.success) {
    const problems = issues(result.error);
    throw new AcreditaError("MANIFEST_MALFORMED", problems.join("; "), { problems });
  }
  const manifest = result.data;
  if (manifest.credentials.length !== manifest.count || manifest.credentials.some((c, i) => c.index !== i)) {
    throw new AcreditaError("MANIFEST_MALFORMED", "credentials must list indices 0..count-1 in order");
  }
  return manifest;
}
