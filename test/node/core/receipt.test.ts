/**
 * Verification receipts (core/receipt.ts): what the web app's "Download verification receipt" saves reads back
 * exactly, anything else is refused, and a new verification of what it carries is compared check by check. The
 * round trip through the browser and `acredita verify --receipt` against a real chain is in test/e2e/verifier.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  compareReceipt,
  createReceipt,
  isAcreditaError,
  type JsonObject,
  parseReceipt,
  receiptInput,
  receiptText,
  type VerificationResult,
} from "../../../core/index.ts";
import { COHORTS, readGolden } from "../../helpers/golden.ts";

const credential = (readGolden(`${COHORTS[0].name}.json`) as { credentials: JsonObject[] })
  .credentials[0] as JsonObject;
const VALID = ["FORMAT", "INTEGRITY", "SIGNATURE", "REGISTRY", "ANCHOR", "ISSUER", "STATUS", "VALIDITY"].map(
  (check) => ({ check, status: "VALID", reason: "FORMAT_OK" }),
);
const result = {
  verdict: "valid",
  checks: VALID,
  warnings: [],
  hiddenCount: 0,
  redacted: false,
  credential,
  read: {
    block: { number: 42, hash: `0x${"ab".repeat(32)}`, time: 1_790_000_000 },
    tag: "latest",
    quorum: 2,
    sources: [{ name: "http://127.0.0.1:8545", answered: true, reason: "STATUS_ACTIVE", block: 42 }],
  },
} as unknown as VerificationResult;
const at = new Date("2026-12-02T09:00:00Z");

function refused(text: string): void {
  assert.throws(
    () => parseReceipt(text),
    (e: unknown) => isAcreditaError(e),
    text.slice(0, 60),
  );
}

describe("verification receipts", () => {
  it("read back what they were written with, and carry the credential to verify again", () => {
    const receipt = createReceipt(result, {
      verifiedAt: at,
      verifier: "https://v.example/",
      link: "https://v.example/#V2.X",
    });
    const again = parseReceipt(receiptText(receipt));
    assert.deepEqual(again, receipt);
    assert.equal(again.verifiedAt, "2026-12-02T09:00:00.000Z");
    assert.deepEqual(again.read?.sources, [{ name: "http://127.0.0.1:8545", answered: true, reason: "STATUS_ACTIVE" }]);
    assert.deepEqual(receiptInput(again), credential);
  });

  it("refuses other files: another type or version, unknown verdicts and checks, no credential, not JSON", () => {
    const good = createReceipt(result, { verifiedAt: at, verifier: "cli" }) as unknown as JsonObject;
    const text = (change: JsonObject) => JSON.stringify({ ...good, ...change });
    refused(text({ type: "Receipt" }));
    refused(text({ version: 2 }));
    refused(text({ verdict: "fine" }));
    refused(text({ checks: [{ check: "MAGIC", status: "VALID", reason: "FORMAT_OK" }] }));
    refused(text({ warnings: ["NOT_A_REASON"] }));
    refused(text({ verifiedAt: "yesterday" }));
    refused(JSON.stringify({ ...good, credential: undefined }));
    refused(JSON.stringify([good]));
    refused("{");
  });

  it("says whether the verdict still holds and which checks changed", () => {
    const receipt = parseReceipt(receiptText(createReceipt(result, { verifiedAt: at, verifier: "cli" })));
    assert.deepEqual(compareReceipt(receipt, result), { holds: true, before: "valid", after: "valid", changes: [] });
    const revoked = {
      ...result,
      verdict: "revoked",
      checks: VALID.map((c) =>
        c.check === "STATUS" ? { ...c, status: "INVALID", reason: "STATUS_CREDENTIAL_REVOKED" } : c,
      ),
    } as unknown as VerificationResult;
    assert.deepEqual(compareReceipt(receipt, revoked), {
      holds: false,
      before: "valid",
      after: "revoked",
      changes: [{ what: "STATUS", before: "VALID FORMAT_OK", after: "INVALID STATUS_CREDENTIAL_REVOKED" }],
    });
  });
});
