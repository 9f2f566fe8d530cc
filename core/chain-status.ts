/**
 * The registry's answer about one credential: normalized into a {@link ChainStatus} (times as Unix seconds,
 * statuses and countries named, the issuer identity recognized when the credential's issuer is the recorded one),
 * and evaluated into the ANCHOR, ISSUER and STATUS checks plus warnings.
 */
import type { Address, ContractFunctionReturnType } from "viem";
import { concatBytes, type Hex, toHex } from "./bytes.ts";
import type { JsonObject } from "./canonical.ts";
import { type ClaimedIssuer, issuerIdOf, issuerNameOf } from "./claimed-issuer.ts";
import { AcreditaError } from "./errors.ts";
import type { credentialRegistryAbi } from "./generated/abi.ts";
import { keccak, keccakUtf8 } from "./hash.ts";
import type { ReasonCode } from "./reasons.ts";
import { countryOf, INSTITUTION_STATUS, type InstitutionStatus } from "./registry.ts";
import { type CheckResult, checkResult, type CredentialReference } from "./verification.ts";

/** The registry's raw answer about one credential: its `verifyCredential` view's return value, as viem decodes it. */
export type RawStatus = ContractFunctionReturnType<typeof credentialRegistryAbi, "view", "verifyCredential">;

/** The registry's answer, normalized (times as Unix seconds, 0 = never). */
export interface ChainStatus {
  /** The root the credential's Merkle path leads to, as the registry computed it. */
  root: Hex;
  /** `root` is the batch root the proof block names. */
  proofValid: boolean;
  anchored: boolean;
  indexInRange: boolean;
  anchoredAt: number;
  count: number;
  signingKey: Address;
  keyCompromisedFrom: number;
  keyValidAtAnchoring: boolean;
  institutionStatus: InstitutionStatus;
  /**
   * The institution's name: the issuer name the credential shows when it is the one the registry recorded at
   * anchoring, otherwise the registry's current name (read with a further call).
   */
  institutionName: string;
  institutionCountry: string;
  /** The institution's issuer identity version when the batch was anchored (0: not anchored). */
  identityVersion: number;
  /**
   * The registry's identity hash of that version, `keccak256(abi.encode(keccak256(utf8(name)),
   * keccak256(utf8(issuerId))))` (zero: not anchored): one full-width hash of both texts.
   */
  issuerIdentityHash: Hex;
  /**
   * `keccak256(utf8(name))` of the institution's name when the batch was anchored: known at once when the
   * credential's issuer matches the identity hash, else read with `getIssuerIdentity` (zero: not anchored).
   */
  issuerNameHash: Hex;
  /**
   * `keccak256(utf8(issuerId))` of the institution's issuer id when the batch was anchored, known the same way
   * (zero: not anchored): a credential's `issuer.id` must hash to it.
   */
  issuerIdHash: Hex;
  credentialRevokedAt: number;
  credentialRevocationReason: number;
  batchRevokedAt: number;
  batchRevocationReason: number;
}

function institutionStatus(value: number): InstitutionStatus {
  const status = INSTITUTION_STATUS[value];
  if (status === undefined) throw new AcreditaError("ANCHOR_BAD_RESPONSE", `unknown institution status ${value}`);
  return status;
}

const ZERO_HASH: Hex = `0x${"0".repeat(64)}`;

/**
 * Normalizes the registry's raw answer for `reference`; throws ANCHOR_BAD_RESPONSE on anything unexpected. When
 * the claimed issuer's name (as written, or in NFC) and id give the recorded identity hash, both texts are the
 * recorded ones and their hashes are filled in; otherwise `issuerNameHash`/`issuerIdHash` stay zero and
 * `institutionName` empty until {@link resolveIdentities} reads them.
 */
export function normalizeChainStatus(
  raw: RawStatus,
  reference: Pick<CredentialReference, "batchRoot">,
  claimed: ClaimedIssuer = {},
): ChainStatus {
  const name = raw.anchored ? recordedName(claimed, raw.issuerIdentityHash) : undefined;
  return {
    root: raw.root,
    proofValid: raw.root.toLowerCase() === reference.batchRoot.toLowerCase(),
    anchored: raw.anchored,
    indexInRange: raw.indexInRange,
    anchoredAt: raw.anchoredAt,
    count: raw.count,
    signingKey: raw.signingKey,
    keyCompromisedFrom: raw.keyCompromisedFrom,
    keyValidAtAnchoring: raw.keyValidAtAnchoring,
    institutionStatus: institutionStatus(raw.institutionStatus),
    institutionName: name ?? "",
    institutionCountry: countryOf(raw.institutionCountry),
    identityVersion: raw.identityVersion,
    issuerIdentityHash: raw.issuerIdentityHash,
    issuerNameHash: name === undefined ? ZERO_HASH : hashText(name),
    issuerIdHash: name === undefined || claimed.id === undefined ? ZERO_HASH : hashText(claimed.id),
    credentialRevokedAt: raw.credentialRevokedAt,
    credentialRevocationReason: raw.credentialRevocationReason,
    batchRevokedAt: raw.batchRevokedAt,
    batchRevocationReason: raw.batchRevocationReason,
  };
}

function hashText(text: string): Hex {
  return toHex(keccakUtf8(text));
}

/** The registry's identity hash of a (name, issuer id) pair: `keccak256(abi.encode(nameHash, issuerIdHash))`. */
export function issuerIdentityHash(name: string, issuerId: string): Hex {
  return toHex(keccak(concatBytes([keccakUtf8(name), keccakUtf8(issuerId)])));
}

/**
 * The form of the claimed name (as written, or its NFC form: the registry only records NFC text) that, with the
 * claimed issuer id byte for byte, gives the recorded identity hash; undefined when none does.
 */
function recordedName(claimed: ClaimedIssuer, recorded: Hex): string | undefined {
  const { name, id } = claimed;
  if (name === undefined || id === undefined) return undefined;
  const expected = recorded.toLowerCase();
  const nfc = name.normalize("NFC");
  for (const form of nfc === name ? [name] : [name, nfc]) {
    if (issuerIdentityHash(form, id) === expected) return form;
  }
  return undefined;
}

/** Whether `name` (as written, or its NFC form) hashes to the recorded name hash, `keccak256(utf8(name))`. */
export function nameMatches(name: string, recorded: Hex): boolean {
  const expected = recorded.toLowerCase();
  const nfc = name.normalize("NFC");
  return hashText(name) === expected || (nfc !== name && hashText(nfc) === expected);
}

/** Whether the issuer id `id`, byte for byte, hashes to the issuer id hash the registry recorded at anchoring. */
function idMatches(id: string, recorded: Hex): boolean {
  return hashText(id) === recorded.toLowerCase();
}

/**
 * Turns the registry's facts into the ANCHOR, ISSUER and STATUS checks plus warnings. With a credential, its
 * `issuer.id` must hash (`keccak256(utf8(id))`, exactly as written) to the issuer id hash recorded when the batch
 * was anchored, else ISSUER is INVALID (ISSUER_ID_MISMATCH); a status-only reference has no issuer id to compare.
 */
export function evaluateChainStatus(
  status: ChainStatus,
  credential: JsonObject | undefined,
): { checks: CheckResult[]; warnings: ReasonCode[] } {
  const warnings: ReasonCode[] = [];
  let anchor: CheckResult;
  if (!status.proofValid) anchor = checkResult("ANCHOR", "INVALID", "ANCHOR_PROOF_REJECTED");
  else if (!status.anchored) anchor = checkResult("ANCHOR", "INVALID", "ANCHOR_NOT_ANCHORED");
  else if (!status.indexInRange)
    anchor = checkResult("ANCHOR", "INVALID", "ANCHOR_PROOF_REJECTED", { count: status.count });
  else anchor = checkResult("ANCHOR", "VALID", "ANCHOR_OK", { anchoredAt: status.anchoredAt, count: status.count });
  if (anchor.status !== "VALID") {
    return {
      checks: [
        anchor,
        checkResult("ISSUER", "SKIPPED", "SKIPPED_AFTER_FAILURE"),
        checkResult("STATUS", "SKIPPED", "SKIPPED_AFTER_FAILURE"),
      ],
      warnings,
    };
  }
  let issuer: CheckResult;
  const institution = { name: status.institutionName, country: status.institutionCountry };
  const claimedId = credential === undefined ? undefined : issuerIdOf(credential);
  const idMismatch =
    credential !== undefined && (claimedId === undefined || !idMatches(claimedId, status.issuerIdHash));
  if (!status.keyValidAtAnchoring) {
    issuer =
      status.keyCompromisedFrom !== 0
        ? checkResult("ISSUER", "INVALID", "ISSUER_KEY_COMPROMISED", {
            ...institution,
            compromisedFrom: status.keyCompromisedFrom,
          })
        : checkResult("ISSUER", "INVALID", "ISSUER_KEY_INVALID_AT_ANCHORING", institution);
  } else if (idMismatch) {
    issuer = checkResult("ISSUER", "INVALID", "ISSUER_ID_MISMATCH", {
      ...institution,
      issuerId: claimedId ?? null,
      issuerIdHash: status.issuerIdHash,
    });
  } else {
    issuer = checkResult("ISSUER", "VALID", "ISSUER_OK", {
      ...institution,
      signingKey: status.signingKey,
      ...(claimedId === undefined ? {} : { issuerId: claimedId }),
    });
    if (status.institutionStatus === "Suspended") warnings.push("ISSUER_SUSPENDED_NOW");
    if (status.institutionStatus === "Withdrawn") warnings.push("ISSUER_WITHDRAWN_NOW");
    const claimed = issuerNameOf(credential);
    if (claimed !== undefined && claimed.normalize("NFC") !== status.institutionName.normalize("NFC")) {
      warnings.push("ISSUER_NAME_MISMATCH");
    }
  }
  let revocation: CheckResult;
  if (status.credentialRevokedAt !== 0) {
    revocation = checkResult("STATUS", "INVALID", "STATUS_CREDENTIAL_REVOKED", {
      revokedAt: status.credentialRevokedAt,
      reason: status.credentialRevocationReason,
    });
  } else if (status.batchRevokedAt !== 0) {
    revocation = checkResult("STATUS", "INVALID", "STATUS_BATCH_REVOKED", {
      revokedAt: status.batchRevokedAt,
      reason: status.batchRevocationReason,
    });
  } else revocation = checkResult("STATUS", "VALID", "STATUS_ACTIVE");
  return { checks: [anchor, issuer, revocation], warnings };
}
