/**
 * What the registry's answer about one credential means for a verdict: its normalized {@link ChainStatus} (the
 * shape and its normalization are the registry's vocabulary, `registry.ts`) evaluated into the ANCHOR, ISSUER and
 * STATUS checks plus warnings.
 */
import type { JsonObject } from "./canonical.ts";
import { issuerIdOf, issuerNameOf } from "./claimed-issuer.ts";
import type { ReasonCode } from "./reasons.ts";
import { type ChainStatus, issuerIdMatches } from "./registry.ts";
import { type CheckResult, checkResult } from "./verification.ts";

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
    credential !== undefined && (claimedId === undefined || !issuerIdMatches(claimedId, status.issuerIdHash));
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
