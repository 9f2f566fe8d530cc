import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CHECKS,
  type ChainStatus,
  type CheckResult,
  checkLocally,
  type CredentialDocument,
  evaluateChainStatus,
  type JsonObject,
  verdictOf,
} from "../../../core/index.ts";
import { readGolden } from "../../helpers/golden.ts";

const credential = (readGolden("analise-de-dados.json") as { credentials: CredentialDocument[] })
  .credentials[2] as JsonObject;

const good: ChainStatus = {
  root: "0x1111111111111111111111111111111111111111111111111111111111111111",
  proofValid: true,
  anchored: true,
  indexInRange: true,
  anchoredAt: 1_790_000_000,
  count: 12,
  signingKey: "0x0000000000000000000000000000000000000002",
  keyCompromisedFrom: 0,
  keyValidAtAnchoring: true,
  institutionStatusAtAnchoring: "Active",
  institutionStatus: "Active",
  institutionName: "Instituto Federal de Exemplo",
  institutionNameHash: "0x000000000000000000000000",
  institutionCountry: "BR",
  credentialRevokedAt: 0,
  credentialRevocationReason: 0,
  batchRevokedAt: 0,
  batchRevocationReason: 0,
};

function all(
  statuses: Partial<Record<(typeof CHECKS)[number], CheckResult["status"]>>,
  reasons: Partial<Record<string, string>> = {},
): CheckResult[] {
  return CHECKS.map((check) => ({
    check,
    status: statuses[check] ?? "VALID",
    reason: (reasons[check] ?? "FORMAT_OK") as CheckResult["reason"],
  }));
}

describe("verify", () => {
  describe("checkLocally", () => {
    it("accepts the credential as text or as parsed JSON, with the same result", () => {
      const a = checkLocally(JSON.stringify(credential), { now: new Date("2027-01-01") });
      const b = checkLocally(credential, { now: new Date("2027-01-01") });
      assert.equal(a.sound, true);
      assert.deepEqual(a.checks, b.checks);
      assert.equal(a.leaf, b.leaf);
    });

    it("reports parser rejections as FORMAT INVALID with the parser's reason code", () => {
      const text = JSON.stringify(credential).replace('"validFrom"', '"validFrom":"x","validFrom"');
      const local = checkLocally(text);
      assert.equal(local.checks.FORMAT?.status, "INVALID");
      assert.equal(local.checks.FORMAT.reason, "PARSE_DUPLICATE_KEY");
      assert.equal(local.sound, false);
      assert.equal(checkLocally("[1,2]").checks.FORMAT?.reason, "CREDENTIAL_NOT_OB3");
      assert.equal(checkLocally('{"@context":[]}').checks.FORMAT?.reason, "CREDENTIAL_NOT_OB3");
    });

    it("reports a missing or foreign proof block", () => {
      const { proof: _proof, ...bare } = credential;
      assert.ok(_proof);
      assert.equal(checkLocally(bare).checks.FORMAT?.reason, "PROOF_MISSING");
      assert.equal(
        checkLocally({ ...bare, proof: { type: "DataIntegrityProof" } }).checks.FORMAT?.reason,
        "PROOF_MISSING",
      );
      assert.equal(
        checkLocally({ ...bare, proof: { ...(credential.proof as JsonObject), format: "acredita/proof/v2" } }).checks
          .FORMAT?.reason,
        "PROOF_UNSUPPORTED_FORMAT",
      );
    });

    it("reports a Merkle path that does not reach the stated root", () => {
      const tampered = structuredClone(credential);
      const proof = tampered.proof as JsonObject;
      proof.path = [...(proof.path as string[])].reverse();
      assert.equal(checkLocally(tampered).checks.INTEGRITY?.reason, "INTEGRITY_PATH_MISMATCH");
    });

    it("reports validity from validFrom/validUntil at the given time", () => {
      assert.equal(
        checkLocally(credential, { now: new Date("2026-09-30T23:59:59Z") }).checks.VALIDITY?.reason,
        "VALIDITY_NOT_YET_VALID",
      );
      assert.equal(
        checkLocally(credential, { now: new Date("2026-10-01T00:00:00Z") }).checks.VALIDITY?.reason,
        "VALIDITY_OK",
      );
    });

    it("rejects a malformed status-only reference", () => {
      const local = checkLocally({ reference: { chainId: 0 } as never });
      assert.equal(local.checks.FORMAT?.reason, "INPUT_NOT_DIGEST");
    });
  });

  describe("evaluateChainStatus", () => {
    it("turns sound facts into VALID checks without warnings", () => {
      const { checks, warnings } = evaluateChainStatus(good, credential);
      assert.deepEqual(
        checks.map((c) => [c.check, c.status, c.reason]),
        [
          ["ANCHOR", "VALID", "ANCHOR_OK"],
          ["ISSUER", "VALID", "ISSUER_OK"],
          ["STATUS", "VALID", "STATUS_ACTIVE"],
        ],
      );
      assert.deepEqual(warnings, []);
    });

    it("maps each on-chain fact to its reason", () => {
      const reason = (s: Partial<ChainStatus>, check: string) =>
        evaluateChainStatus({ ...good, ...s }, credential).checks.find((c) => c.check === check)?.reason;
      assert.equal(reason({ anchored: false }, "ANCHOR"), "ANCHOR_NOT_ANCHORED");
      assert.equal(reason({ proofValid: false }, "ANCHOR"), "ANCHOR_PROOF_REJECTED");
      assert.equal(reason({ indexInRange: false }, "ANCHOR"), "ANCHOR_PROOF_REJECTED");
      assert.equal(reason({ anchored: false }, "STATUS"), "SKIPPED_AFTER_FAILURE");
      assert.equal(reason({ institutionStatusAtAnchoring: "Suspended" }, "ISSUER"), "ISSUER_INACTIVE_AT_ANCHORING");
      assert.equal(reason({ keyValidAtAnchoring: false, keyCompromisedFrom: 5 }, "ISSUER"), "ISSUER_KEY_COMPROMISED");
      assert.equal(reason({ keyValidAtAnchoring: false }, "ISSUER"), "ISSUER_KEY_INVALID_AT_ANCHORING");
      assert.equal(reason({ credentialRevokedAt: 9 }, "STATUS"), "STATUS_CREDENTIAL_REVOKED");
      assert.equal(reason({ batchRevokedAt: 9 }, "STATUS"), "STATUS_BATCH_REVOKED");
      assert.deepEqual(
        evaluateChainStatus({ ...good, institutionStatus: "Withdrawn", institutionName: "Otro" }, credential).warnings,
        ["ISSUER_WITHDRAWN_NOW", "ISSUER_NAME_MISMATCH"],
      );
    });
  });

  describe("verdictOf", () => {
    it("derives each verdict, in order of precedence", () => {
      assert.equal(verdictOf(all({}), []), "valid");
      assert.equal(verdictOf(all({}), ["ISSUER_NAME_MISMATCH"]), "valid-with-warnings");
      assert.equal(verdictOf(all({ FORMAT: "INVALID", REGISTRY: "INVALID" }), []), "invalid");
      assert.equal(verdictOf(all({ INTEGRITY: "INVALID", ANCHOR: "ERROR" }), []), "invalid");
      assert.equal(verdictOf(all({ REGISTRY: "INVALID", ANCHOR: "ERROR" }), []), "untrusted");
      assert.equal(verdictOf(all({ ANCHOR: "ERROR", STATUS: "INVALID" }), []), "could-not-check");
      assert.equal(verdictOf(all({ ISSUER: "INVALID", STATUS: "INVALID" }), []), "invalid");
      assert.equal(
        verdictOf(all({ STATUS: "INVALID", VALIDITY: "INVALID" }, { VALIDITY: "VALIDITY_EXPIRED" }), []),
        "revoked",
      );
      assert.equal(verdictOf(all({ VALIDITY: "INVALID" }, { VALIDITY: "VALIDITY_EXPIRED" }), []), "expired");
      assert.equal(
        verdictOf(all({ VALIDITY: "INVALID" }, { VALIDITY: "VALIDITY_NOT_YET_VALID" }), []),
        "not-yet-valid",
      );
      assert.equal(verdictOf(all({ VALIDITY: "INVALID" }, { VALIDITY: "VALIDITY_BAD_DATE" }), []), "invalid");
    });

    it("never says valid when a check was skipped or missing", () => {
      assert.equal(verdictOf(all({ ANCHOR: "SKIPPED" }), []), "could-not-check");
      assert.equal(verdictOf(all({ STATUS: "SKIPPED" }), []), "could-not-check");
      assert.equal(verdictOf(all({}).slice(0, 6), []), "could-not-check");
    });
  });
});
