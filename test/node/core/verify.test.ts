import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CHECKS,
  type ChainStatus,
  type CheckResult,
  checkLocally,
  type CredentialDocument,
  evaluateChainStatus,
  type Hex,
  type JsonObject,
  keccakUtf8,
  MAX_PROOF_LENGTH,
  toHex,
  verdictOf,
} from "../../../core/index.ts";
import { readGolden } from "../../helpers/golden.ts";

const credential = (readGolden("analise-de-dados.json") as { credentials: CredentialDocument[] })
  .credentials[2] as JsonObject;

/** keccak256 of the UTF-8 bytes of `text`, as the registry hashes names and issuer ids. */
const hashOf = (text: string): Hex => toHex(keccakUtf8(text));

/** The golden credential's issuer, as the registry recorded it when its batch was anchored. */
const ISSUER_ID = "https://ifex.example";
const ISSUER_NAME = "Instituto Federal de Exemplo";

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
  institutionStatus: "Active",
  institutionName: ISSUER_NAME,
  institutionCountry: "BR",
  issuerNameHash: hashOf(ISSUER_NAME),
  issuerIdHash: hashOf(ISSUER_ID),
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

    it("rejects a Merkle path longer than the registry's MAX_PROOF_LENGTH as FORMAT INVALID (PROOF_PATH_TOO_LONG)", () => {
      const proof = credential.proof as JsonObject;
      const node = proof.batchRoot as Hex;
      const tooLong = Array.from({ length: MAX_PROOF_LENGTH + 1 }, () => node);
      const local = checkLocally({ ...credential, proof: { ...proof, path: tooLong } });
      assert.equal(local.sound, false);
      assert.equal(local.checks.FORMAT?.status, "INVALID");
      assert.equal(local.checks.FORMAT.reason, "PROOF_PATH_TOO_LONG");
      assert.deepEqual([local.checks.FORMAT.details?.length, local.checks.FORMAT.details?.max], [33, 32]);
      // At the limit the path is well formed (here it just does not lead to the root).
      const longest = checkLocally({ ...credential, proof: { ...proof, path: tooLong.slice(1) } });
      assert.equal(longest.checks.FORMAT?.status, "VALID");
      assert.equal(longest.checks.INTEGRITY?.reason, "INTEGRITY_PATH_MISMATCH");

      const reference = {
        chainId: 31337,
        registry: proof.registry as Hex,
        institutionId: proof.institutionId as number,
        batchRoot: node,
        index: proof.index as number,
        credentialDigest: proof.credentialDigest as Hex,
        path: tooLong,
      };
      const byReference = checkLocally({ reference });
      assert.equal(byReference.checks.FORMAT?.status, "INVALID");
      assert.equal(byReference.checks.FORMAT.reason, "PROOF_PATH_TOO_LONG");
      assert.equal(checkLocally({ reference: { ...reference, path: tooLong.slice(1) } }).sound, true);
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
      assert.equal(reason({ issuerIdHash: hashOf("https://other.example") }, "ISSUER"), "ISSUER_ID_MISMATCH");
      assert.equal(reason({ keyValidAtAnchoring: false, keyCompromisedFrom: 5 }, "ISSUER"), "ISSUER_KEY_COMPROMISED");
      assert.equal(reason({ keyValidAtAnchoring: false }, "ISSUER"), "ISSUER_KEY_INVALID_AT_ANCHORING");
      assert.equal(reason({ credentialRevokedAt: 9 }, "STATUS"), "STATUS_CREDENTIAL_REVOKED");
      assert.equal(reason({ batchRevokedAt: 9 }, "STATUS"), "STATUS_BATCH_REVOKED");
      assert.deepEqual(
        evaluateChainStatus({ ...good, institutionStatus: "Withdrawn", institutionName: "Otro" }, credential).warnings,
        ["ISSUER_WITHDRAWN_NOW", "ISSUER_NAME_MISMATCH"],
      );
    });

    it("compares the credential's issuer id, byte for byte, with the issuer id hash recorded at anchoring", () => {
      const issuer = credential.issuer as JsonObject;
      assert.equal(issuer.id, ISSUER_ID);
      const ok = evaluateChainStatus(good, credential).checks[1];
      assert.equal(ok?.reason, "ISSUER_OK");
      assert.equal(ok.details?.issuerId, ISSUER_ID);

      const claiming = (id: JsonObject["issuer"]) =>
        evaluateChainStatus(good, { ...credential, issuer: id }).checks.find((c) => c.check === "ISSUER");
      const other = claiming({ ...issuer, id: "https://uneje.example" });
      assert.equal(other?.status, "INVALID");
      assert.equal(other.reason, "ISSUER_ID_MISMATCH");
      assert.equal(other.details?.issuerId, "https://uneje.example");
      assert.equal(other.details.issuerIdHash, good.issuerIdHash);
      // The issuer id is compared exactly: no case folding, no trailing slash, no normalization.
      for (const near of ["https://IFEX.example", "https://ifex.example/", " https://ifex.example"]) {
        assert.equal(claiming({ ...issuer, id: near })?.reason, "ISSUER_ID_MISMATCH", near);
      }
      // The issuer may be a bare id; an issuer without an id cannot match.
      assert.equal(claiming(ISSUER_ID)?.reason, "ISSUER_OK");
      assert.equal(claiming("https://uneje.example")?.reason, "ISSUER_ID_MISMATCH");
      const withoutId = Object.fromEntries(Object.entries(issuer).filter(([key]) => key !== "id"));
      assert.equal(claiming(withoutId)?.reason, "ISSUER_ID_MISMATCH");
      assert.equal(claiming(withoutId)?.details?.issuerId, null);
      // A status-only reference carries no issuer id: only the anchoring facts are checked.
      assert.equal(
        evaluateChainStatus({ ...good, issuerIdHash: hashOf("x") }, undefined).checks[1]?.reason,
        "ISSUER_OK",
      );
    });

    it("an issuer id mismatch makes the verdict invalid and gives no issuer warnings", () => {
      const { checks, warnings } = evaluateChainStatus(
        { ...good, issuerIdHash: hashOf("https://other.example"), institutionStatus: "Suspended" },
        credential,
      );
      assert.deepEqual(warnings, []);
      const local = checkLocally(credential, { now: new Date("2027-01-01") }).checks;
      const inOrder = [
        local.FORMAT,
        local.INTEGRITY,
        { check: "REGISTRY", status: "VALID", reason: "REGISTRY_TRUSTED" },
        ...checks,
        local.VALIDITY,
      ] as CheckResult[];
      assert.equal(verdictOf(inOrder, warnings), "invalid");
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
