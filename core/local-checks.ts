/**
 * The local part of a verification, without any network access: FORMAT (strict parse, OB3 shape, proof block,
 * disclosure), INTEGRITY (the credential digest recomputed, the leaf derived, the Merkle path folded up to the
 * batch root) and VALIDITY (the credential's dates). The issuer's signature is signature-check.ts.
 */
import { getAddress } from "viem";
import { fromHex, type Hex, toHex } from "./bytes.ts";
import { assertNoForbiddenKeys, type JsonObject, parseStrict } from "./canonical.ts";
import { recomputeDigest } from "./commitment.ts";
import { ob3Problems } from "./credential.ts";
import { parseDateTime } from "./dates.ts";
import { leafOf, processProof } from "./digest.ts";
import { AcreditaError } from "./errors.ts";
import { assertPathLength, splitAnchor, type VerificationKey } from "./proof.ts";
import type { ReasonCode } from "./reasons.ts";
import {
  type CheckName,
  type CheckResult,
  checkResult,
  type CredentialReference,
  detailsOf,
  reasonOf,
  referenceOf,
  type VerifyInput,
  type VerifyOptions,
} from "./verification.ts";

/** The local part of a verification (no network): FORMAT, INTEGRITY and VALIDITY. */
export interface LocalCheck {
  checks: Partial<Record<CheckName, CheckResult>>;
  warnings: ReasonCode[];
  hiddenCount: number;
  redacted: boolean;
  credential?: JsonObject;
  /** The credential as anchored (without its anchor proof), for the signature check. */
  anchored?: JsonObject;
  /** The verification keys the anchor proof lists. */
  keys?: readonly VerificationKey[];
  /** The verification methods of the issuer's signatures when the credential was anchored (anchor's signedBy). */
  signedBy?: readonly string[];
  reference?: CredentialReference;
  leaf?: Hex;
  /** False when FORMAT or INTEGRITY failed: nothing is asked of the chain. */
  sound: boolean;
}

function toTime(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return typeof now === "number" ? now : now.getTime();
}

/** VALIDITY: `validFrom` (required) and `validUntil` must be RFC 3339 date-times of real days (core/dates.ts). */
function validityCheck(credential: JsonObject, now: number): CheckResult {
  const from = credential.validFrom;
  const until = credential.validUntil;
  const fromTime = parseDateTime(from);
  const untilTime = until === undefined ? undefined : (parseDateTime(until) ?? Number.NaN);
  if (fromTime === undefined || (untilTime !== undefined && Number.isNaN(untilTime))) {
    return checkResult("VALIDITY", "INVALID", "VALIDITY_BAD_DATE", {
      validFrom: from ?? null,
      validUntil: until ?? null,
    });
  }
  if (now < fromTime) return checkResult("VALIDITY", "INVALID", "VALIDITY_NOT_YET_VALID", { validFrom: from });
  if (untilTime !== undefined && now >= untilTime) {
    return checkResult("VALIDITY", "INVALID", "VALIDITY_EXPIRED", { validUntil: until });
  }
  return checkResult("VALIDITY", "VALID", "VALIDITY_OK");
}

function isReferenceInput(input: VerifyInput): input is { reference: CredentialReference } {
  return typeof input === "object" && Object.hasOwn(input, "reference") && !Object.hasOwn(input, "@context");
}

function checkReference(reference: CredentialReference): CredentialReference {
  const ok =
    Number.isSafeInteger(reference.chainId) &&
    reference.chainId > 0 &&
    /^0x[0-9a-fA-F]{40}$/.test(reference.registry) &&
    Number.isInteger(reference.institutionId) &&
    reference.institutionId >= 0 &&
    reference.institutionId <= 0xffffffff &&
    Number.isInteger(reference.index) &&
    reference.index >= 0 &&
    reference.index <= 0xffffffff &&
    /^0x[0-9a-f]{64}$/.test(reference.batchRoot) &&
    /^0x[0-9a-f]{64}$/.test(reference.credentialDigest) &&
    Array.isArray(reference.path);
  if (!ok) throw new AcreditaError("INPUT_NOT_DIGEST", "the reference is malformed");
  assertPathLength(reference.path);
  if (!reference.path.every((node) => /^0x[0-9a-f]{64}$/.test(node))) {
    throw new AcreditaError("INPUT_NOT_DIGEST", "the reference's Merkle path is malformed");
  }
  return { ...reference, registry: getAddress(reference.registry) };
}

/**
 * FORMAT, INTEGRITY and VALIDITY, without any network access: parse strictly, check the proof block and the
 * disclosure, recompute the credential digest, derive the leaf and fold the Merkle path up to the batch root.
 */
export function checkLocally(input: VerifyInput, options: Pick<VerifyOptions, "now" | "parse"> = {}): LocalCheck {
  const checks: LocalCheck["checks"] = {};
  const now = toTime(options.now);
  if (isReferenceInput(input)) {
    let reference: CredentialReference;
    try {
      reference = checkReference(input.reference);
    } catch (error) {
      checks.FORMAT = checkResult("FORMAT", "INVALID", reasonOf(error, "INPUT_NOT_DIGEST"), detailsOf(error));
      return { checks, warnings: [], hiddenCount: 0, redacted: false, sound: false };
    }
    checks.FORMAT = checkResult("FORMAT", "VALID", "FORMAT_OK");
    checks.INTEGRITY = checkResult("INTEGRITY", "SKIPPED", "SKIPPED_STATUS_ONLY");
    checks.VALIDITY = checkResult("VALIDITY", "SKIPPED", "SKIPPED_STATUS_ONLY");
    const leaf = toHex(leafOf(reference, reference.index, fromHex(reference.credentialDigest)));
    return { checks, warnings: [], hiddenCount: 0, redacted: false, reference, leaf, sound: true };
  }

  // FORMAT: strict parse, OB3 shape, proof block, disclosure consistency.
  let credential: JsonObject;
  let reference: CredentialReference;
  let recomputed: ReturnType<typeof recomputeDigest>;
  let anchored: JsonObject;
  let keys: readonly VerificationKey[];
  let signedBy: readonly string[];
  try {
    // A parsed object (e.g. from JSON.parse) did not go through the strict parser's key check: do it here.
    const value = typeof input === "string" ? parseStrict(input, options.parse) : input;
    if (typeof input !== "string") assertNoForbiddenKeys(value);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new AcreditaError("CREDENTIAL_NOT_OB3", "the credential is not a JSON object");
    }
    credential = value;
    const problems = ob3Problems(credential);
    if (problems.length > 0) throw new AcreditaError("CREDENTIAL_NOT_OB3", problems.join("; "), { problems });
    const split = splitAnchor(credential);
    recomputed = recomputeDigest(split.document, split.anchor);
    reference = referenceOf(split.anchor);
    anchored = split.document;
    keys = split.anchor.verificationKeys ?? [];
    signedBy = split.anchor.signedBy ?? [];
  } catch (error) {
    checks.FORMAT = checkResult("FORMAT", "INVALID", reasonOf(error, "PARSE_NOT_JSON"), detailsOf(error));
    return { checks, warnings: [], hiddenCount: 0, redacted: false, sound: false };
  }
  checks.FORMAT = checkResult("FORMAT", "VALID", "FORMAT_OK", {
    visibleFields: recomputed.visibleCount,
    hiddenFields: recomputed.hiddenCount,
  });

  // INTEGRITY: the content matches the stated digest, and the path leads from the leaf to the stated root.
  const digest = toHex(recomputed.credentialDigest);
  const leafBytes = leafOf(reference, reference.index, recomputed.credentialDigest);
  const leaf = toHex(leafBytes);
  const base = {
    credential,
    anchored,
    keys,
    signedBy,
    reference,
    leaf,
    hiddenCount: recomputed.hiddenCount,
    redacted: recomputed.redacted,
    warnings: [] as ReasonCode[],
  };
  checks.VALIDITY = validityCheck(credential, now);
  if (digest !== reference.credentialDigest) {
    checks.INTEGRITY = checkResult("INTEGRITY", "INVALID", "INTEGRITY_DIGEST_MISMATCH", {
      computed: digest,
      stated: reference.credentialDigest,
    });
    return { ...base, checks, sound: false };
  }
  const root = toHex(processProof(leafBytes, reference.path.map(fromHex)));
  if (root !== reference.batchRoot) {
    checks.INTEGRITY = checkResult("INTEGRITY", "INVALID", "INTEGRITY_PATH_MISMATCH", {
      computed: root,
      stated: reference.batchRoot,
    });
    return { ...base, checks, sound: false };
  }
  checks.INTEGRITY = checkResult("INTEGRITY", "VALID", "INTEGRITY_OK", { credentialDigest: digest, leaf });
  return { ...base, checks, sound: true };
}

export function failedLocally(error: unknown): LocalCheck {
  return {
    checks: { FORMAT: checkResult("FORMAT", "ERROR", "PARSE_NOT_JSON", detailsOf(error)) },
    warnings: [],
    hiddenCount: 0,
    redacted: false,
    sound: false,
  };
}
