import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  CHECKS,
  type ChainStatus,
  type CheckResult,
  checkLocally,
  evaluateChainStatus,
  verdictOf,
  type CredentialDocument,
  type Hex,
  isAcreditaError,
  isHideable,
  type JsonObject,
  redactCredential,
  splitFields,
  toHex,
  keccakUtf8,
} from "../../../core/index.ts";
import { readGolden, withoutProof } from "../../helpers/golden.ts";

const cohort = readGolden("negociacion-liderazgo.json") as { credentials: CredentialDocument[] };
const credentials = cohort.credentials;
const first = credentials[0] as CredentialDocument;

function integrity(credential: JsonObject): {
  format: CheckResult;
  integrity: CheckResult | undefined;
  hidden: string[];
} {
  const local = checkLocally(credential);
  assert.ok(local.checks.FORMAT, "FORMAT always runs");
  return { format: local.checks.FORMAT, integrity: local.checks.INTEGRITY, hidden: local.hiddenFields };
}

const LATER = new Date("2027-01-01T00:00:00Z");
const SOUND_CHAIN: ChainStatus = {
  root: "0x2222222222222222222222222222222222222222222222222222222222222222",
  proofValid: true,
  anchored: true,
  indexInRange: true,
  anchoredAt: 1_790_000_000,
  count: 25,
  signingKey: "0x0000000000000000000000000000000000000002",
  keyCompromisedFrom: 0,
  keyValidAtAnchoring: true,
  institutionStatus: "Active",
  institutionName: "Universidad Nacional de Ejemplo",
  institutionCountry: "MX",
  // The identity the cohort's batch was anchored under: the name and issuer id its credentials carry.
  issuerNameHash: toHex(keccakUtf8("Universidad Nacional de Ejemplo")),
  issuerIdHash: toHex(keccakUtf8("https://uneje.example")),
  credentialRevokedAt: 0,
  credentialRevocationReason: 0,
  batchRevokedAt: 0,
  batchRevocationReason: 0,
};

function hideablePointers(credential: CredentialDocument): string[] {
  return splitFields(withoutProof(credential))
    .map((f) => f.pointer)
    .filter(isHideable);
}

describe("disclosure", () => {
  describe("splitFields", () => {
    it("splits a credential into the documented fields, excluding the proof block", () => {
      const pointers = splitFields(withoutProof(first)).map((f) => f.pointer);
      assert.deepEqual(pointers, [
        "/@context",
        "/id",
        "/type",
        "/name",
        "/issuer",
        "/validFrom",
        "/issuanceDate",
        "/credentialSchema",
        "/credentialSubject/type",
        "/credentialSubject/identifier/0",
        "/credentialSubject/identifier/1",
        "/credentialSubject/identifier/2",
        "/credentialSubject/activityEndDate",
        "/credentialSubject/creditsEarned",
        "/credentialSubject/result/0",
        "/credentialSubject/achievement",
      ]);
    });

    it("lets only learner fields be hidden, never what a verdict depends on", () => {
      for (const p of [
        "/@context",
        "/type",
        "/issuer",
        "/validFrom",
        "/validUntil",
        "/proof",
        "/credentialSubject/achievement",
        "/credentialSubject/type",
        "/id",
      ]) {
        assert.equal(isHideable(p), false, p);
      }
      for (const p of [
        "/credentialSubject/identifier/0",
        "/credentialSubject/result/3",
        "/credentialSubject/activityEndDate",
        "/credentialSubject/id",
      ]) {
        assert.equal(isHideable(p), true, p);
      }
      assert.equal(isHideable("/credentialSubject/identifier/01"), false);
    });
  });

  describe("redactCredential", () => {
    it("keeps the credential verifying and lists exactly the hidden fields, for any allowed subset (1,000 runs)", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: credentials.length - 1 }),
          fc.infiniteStream(fc.boolean()),
          (which, coin) => {
            const credential = credentials[which] as CredentialDocument;
            const pool = hideablePointers(credential);
            const subset = pool.filter(() => coin.next().value);
            const redacted = redactCredential(credential, subset);
            const result = integrity(redacted);
            assert.equal(result.integrity?.status, "VALID", JSON.stringify(result));
            assert.deepEqual(result.hidden, [...subset].sort());
            // The whole verdict, with the registry's answer for this credential fixed: still "valid".
            const local = checkLocally(redacted, { now: LATER });
            const chain = evaluateChainStatus(SOUND_CHAIN, local.credential);
            const checks: CheckResult[] = [
              ...Object.values(local.checks),
              { check: "REGISTRY", status: "VALID", reason: "REGISTRY_TRUSTED" },
              ...chain.checks,
            ];
            const ordered = CHECKS.map((name) => checks.find((c) => c.check === name) as CheckResult);
            assert.equal(verdictOf(ordered, chain.warnings), "valid");
          },
        ),
        { numRuns: 1000 },
      );
    });

    it("hiding in two steps equals hiding at once", () => {
      const once = redactCredential(first, [
        "/credentialSubject/identifier/1",
        "/credentialSubject/result/0",
        "/credentialSubject/identifier/2",
      ]);
      const twice = redactCredential(redactCredential(first, ["/credentialSubject/identifier/1"]), [
        "/credentialSubject/identifier/2",
        "/credentialSubject/result/0",
      ]);
      assert.deepEqual(twice, once);
      assert.equal(integrity(twice).integrity?.status, "VALID");
    });

    it("removes the hidden values and salts from the document", () => {
      const redacted = redactCredential(first, ["/credentialSubject/identifier/1"]);
      const text = JSON.stringify(redacted);
      assert.ok(!text.includes("maria.garcia0@correo.example"));
      const proof = redacted.proof as JsonObject;
      assert.equal(Object.hasOwn(proof.salts as JsonObject, "/credentialSubject/identifier/1"), false);
      assert.match(
        (proof.hidden as Record<string, string>)["/credentialSubject/identifier/1"] ?? "",
        /^0x[0-9a-f]{64}$/,
      );
    });

    it("refuses to hide a field the verdict depends on", () => {
      for (const pointer of ["/issuer", "/validFrom", "/credentialSubject/achievement", "/@context"]) {
        assert.throws(
          () => redactCredential(first, [pointer]),
          (e: unknown) => isAcreditaError(e, "DISCLOSURE_FIELD_NOT_HIDEABLE"),
        );
      }
    });

    it("refuses to hide a field the credential does not have", () => {
      assert.throws(
        () => redactCredential(first, ["/credentialSubject/identifier/7"]),
        (e: unknown) => isAcreditaError(e, "DISCLOSURE_UNKNOWN_FIELD"),
      );
    });
  });

  describe("a hidden field cannot alter a visible one", () => {
    const redacted = redactCredential(first, ["/credentialSubject/identifier/1", "/credentialSubject/result/0"]);
    const proof = redacted.proof as JsonObject;

    it("changing any visible field of a redacted credential breaks integrity (1,000 runs)", () => {
      const visible = splitFields(withoutProof(redacted), Object.keys(proof.hidden as JsonObject));
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: visible.length - 1 }),
          fc.string({ minLength: 1, maxLength: 5 }),
          (i, junk) => {
            const field = visible[i];
            assert.ok(field);
            const tampered = structuredClone(redacted);
            const tokens = field.pointer.slice(1).split("/");
            let node = tampered as Record<string, unknown>;
            for (const t of tokens.slice(0, -1)) node = node[t] as Record<string, unknown>;
            node[tokens.at(-1) as string] = { tampered: junk };
            const local = checkLocally(tampered);
            assert.equal(local.sound, false, field.pointer);
            assert.notEqual(local.checks.INTEGRITY?.status, "VALID");
          },
        ),
        { numRuns: 1000 },
      );
    });

    it("moving a hidden digest to another pointer (relabelling what was hidden) breaks integrity", () => {
      const hidden = proof.hidden as Record<string, Hex>;
      const tampered = structuredClone(redacted);
      const tp = tampered.proof as JsonObject;
      tp.hidden = {
        "/credentialSubject/identifier/1": hidden["/credentialSubject/result/0"] as Hex,
        "/credentialSubject/result/0": hidden["/credentialSubject/identifier/1"] as Hex,
      };
      assert.equal(integrity(tampered).integrity?.reason, "INTEGRITY_DIGEST_MISMATCH");
    });

    it("a hidden entry claiming a visible field's pointer is rejected", () => {
      const tampered = structuredClone(redacted);
      const tp = tampered.proof as JsonObject;
      tp.hidden = { ...(tp.hidden as JsonObject), "/credentialSubject/activityEndDate": toHex(keccakUtf8("forged")) };
      const result = integrity(tampered);
      assert.equal(result.format.status, "INVALID");
      assert.equal(result.format.reason, "DISCLOSURE_DUPLICATE_FIELD");
      // In an array, an extra hidden index shifts the visible elements: their salts no longer match.
      const shifted = structuredClone(redacted);
      const sp = shifted.proof as JsonObject;
      sp.hidden = { ...(sp.hidden as JsonObject), "/credentialSubject/identifier/0": toHex(keccakUtf8("forged")) };
      const r2 = integrity(shifted);
      assert.equal(r2.format.status, "INVALID");
      assert.match(r2.format.reason, /^DISCLOSURE_/);
    });

    it("replacing the hidden grade by a visible forged grade breaks integrity", () => {
      const tampered = structuredClone(redacted);
      const subject = tampered.credentialSubject as JsonObject;
      subject.result = [{ type: ["Result"], resultDescription: "x", value: "100" }];
      const tp = tampered.proof as JsonObject;
      const hidden = { ...(tp.hidden as JsonObject) };
      delete hidden["/credentialSubject/result/0"];
      tp.hidden = hidden;
      tp.salts = { ...(tp.salts as JsonObject), "/credentialSubject/result/0": "0x" + "11".repeat(16) };
      assert.equal(integrity(tampered).integrity?.reason, "INTEGRITY_DIGEST_MISMATCH");
    });

    it("a verifier rejects a proof block that hides a field the verdict depends on", () => {
      const tampered = structuredClone<JsonObject>(first);
      delete tampered.validFrom;
      const tp = tampered.proof as JsonObject;
      const salts = { ...(tp.salts as JsonObject) };
      delete salts["/validFrom"];
      tp.salts = salts;
      tp.hidden = { "/validFrom": toHex(keccakUtf8("x")) };
      const result = integrity(tampered);
      assert.equal(result.format.status, "INVALID");
      assert.ok(["DISCLOSURE_FIELD_NOT_HIDEABLE", "CREDENTIAL_NOT_OB3"].includes(result.format.reason));
      const t2 = structuredClone<JsonObject>(first);
      delete t2.issuanceDate;
      const p2 = t2.proof as JsonObject;
      const s2 = { ...(p2.salts as JsonObject) };
      delete s2["/issuanceDate"];
      p2.salts = s2;
      p2.hidden = { "/issuanceDate": toHex(keccakUtf8("x")) };
      assert.equal(integrity(t2).format.reason, "DISCLOSURE_FIELD_NOT_HIDEABLE");
    });

    it("a visible field without its salt, or a salt without its field, is rejected", () => {
      const t1 = structuredClone<JsonObject>(first);
      const p1 = t1.proof as JsonObject;
      const s1 = { ...(p1.salts as JsonObject) };
      delete s1["/name"];
      p1.salts = s1;
      assert.equal(integrity(t1).format.reason, "DISCLOSURE_MISSING_SALT");
      const t2 = structuredClone<JsonObject>(first);
      const p2 = t2.proof as JsonObject;
      p2.salts = { ...(p2.salts as JsonObject), "/extra": "0x" + "22".repeat(16) };
      assert.equal(integrity(t2).format.reason, "DISCLOSURE_UNKNOWN_FIELD");
    });
  });
});
