import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import type { PublicClient } from "viem";
import {
  CHECKS,
  type ChainStatus,
  type CheckResult,
  checkLocally,
  type CredentialDocument,
  encodeVerificationLink,
  decodeVerificationLink,
  isAcreditaError,
  issueBatch,
  referenceOf,
  type JsonObject,
  offlineDocumentLoader,
  redactCredential,
  sealBatch,
  splitAnchor,
  type VerificationKey,
  verifyCredential,
} from "../../../core/index.ts";
import { checkSignature } from "../../../core/signature-check.ts";
import { evaluateChainStatus } from "../../../core/chain-status.ts";
import { issuerIdentityHash } from "../../../core/registry.ts";
import { fromHex, type Hex, toHex } from "../../../core/bytes.ts";
import { leafOf, processProof } from "../../../core/digest.ts";
import { keccakUtf8 } from "../../../core/hash.ts";
import type { LocalCheck } from "../../../core/local-checks.ts";
import { MAX_PROOF_LENGTH } from "../../../core/generated/constants.ts";
import { verdictOf } from "../../../core/verdict.ts";
import {
  anchorOf,
  COHORTS,
  GOLDEN_REGISTRY,
  GOLDEN_SIGNED_AT,
  readGolden,
  readTemplate,
  TEST_KEYS,
} from "../../helpers/golden.ts";

const credential = (readGolden("analise-de-dados.json") as { credentials: CredentialDocument[] })
  .credentials[2] as JsonObject;
const NOW = new Date("2027-01-01");

/** keccak256 of the UTF-8 bytes of `text`, as the registry hashes names and issuer ids. */
const hashOf = (text: string): Hex => toHex(keccakUtf8(text));

/** The golden credential's issuer, as the registry recorded it when its batch was anchored. */
const ISSUER_ID = TEST_KEYS.ifex.did;
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
  identityVersion: 1,
  issuerIdentityHash: issuerIdentityHash(ISSUER_NAME, ISSUER_ID),
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

/** Local checks plus SIGNATURE, then the verdict with the registry's answer fixed to `chain`. */
async function verdictWith(
  input: JsonObject,
  chain: ChainStatus = good,
): Promise<{ local: LocalCheck; verdict: string }> {
  const local = await checkSignature(checkLocally(input, { now: NOW }));
  const evaluated = evaluateChainStatus(chain, local.credential);
  const checks: CheckResult[] = local.sound
    ? [
        ...Object.values(local.checks),
        { check: "REGISTRY", status: "VALID", reason: "REGISTRY_TRUSTED" },
        ...evaluated.checks,
      ]
    : Object.values(local.checks);
  const ordered = CHECKS.map(
    (name): CheckResult =>
      checks.find((c) => c.check === name) ?? { check: name, status: "SKIPPED", reason: "SKIPPED_AFTER_FAILURE" },
  );
  return { local, verdict: verdictOf(ordered, [...local.warnings, ...(local.sound ? evaluated.warnings : [])]) };
}

/** A deep copy of the credential as anchored: every member but the anchor proof, Data Integrity proof included. */
function anchoredCopy(): JsonObject {
  return structuredClone(splitAnchor(credential).document);
}

/** The credential as anchored (without its anchor), re-sealed with a fresh anchor: INTEGRITY passes again. */
function resealed(document: JsonObject): JsonObject {
  const { chainId, registry, institutionId } = splitAnchor(credential).anchor;
  return sealBatch([document], { chainId, registry, institutionId }).credentials[0] as JsonObject;
}

const anchorCoordinates = { chainId: 31337, registry: GOLDEN_REGISTRY, institutionId: 2 };
const learners = [{ id: "S-1", name: "Sol Teste", email: "sol@x.example", completedOn: "2026-09-01", grade: "9.5" }];

describe("verify", () => {
  describe("checkLocally", () => {
    it("accepts the credential as text or as parsed JSON, with the same result", () => {
      const a = checkLocally(JSON.stringify(credential), { now: NOW });
      const b = checkLocally(credential, { now: NOW });
      assert.equal(a.sound, true);
      assert.deepEqual(a.checks, b.checks);
      assert.equal(a.leaf, b.leaf);
      assert.deepEqual(
        Object.keys(a.checks).sort(),
        ["FORMAT", "INTEGRITY", "VALIDITY"],
        "checkLocally is the offline part: no SIGNATURE yet",
      );
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

    it("reports a missing, misplaced, doubled or foreign anchor proof, and refuses v1 credentials", () => {
      const { proof, ...bare } = credential;
      const [signature, anchor] = proof as [JsonObject, JsonObject];
      const reason = (c: JsonObject) => checkLocally(c).checks.FORMAT?.reason;
      assert.equal(reason(bare), "PROOF_MISSING");
      assert.equal(reason({ ...bare, proof: [signature] }), "PROOF_MISSING");
      assert.equal(reason({ ...bare, proof: signature }), "PROOF_MISSING");
      assert.equal(reason({ ...bare, proof: [anchor, signature] }), "PROOF_MALFORMED");
      assert.equal(reason({ ...bare, proof: [signature, anchor, anchor] }), "PROOF_MALFORMED");
      assert.equal(
        reason({ ...bare, proof: [signature, { ...anchor, format: "acredita/anchor/v9" }] }),
        "PROOF_UNSUPPORTED_FORMAT",
      );
      assert.equal(reason({ ...bare, proof: [signature, { ...anchor, extra: 1 }] }), "PROOF_MALFORMED");
      assert.equal(
        reason({ ...bare, proof: [signature, { ...anchor, seed: (anchor.seed as string).toUpperCase() }] }),
        "PROOF_MALFORMED",
      );
      // A format-v1 credential: one proof object of type AcreditaMerkleProof, no longer read.
      const v1: JsonObject = {
        type: "AcreditaMerkleProof",
        format: "acredita/proof/v1",
        chainId: 31337,
        registry: anchor.registry as string,
        institutionId: 2,
        batchRoot: anchor.batchRoot as string,
        index: 2,
        credentialDigest: anchor.credentialDigest as string,
        path: anchor.path as string[],
        salts: {},
      };
      const local = checkLocally({ ...bare, proof: v1 });
      assert.deepEqual(
        [local.checks.FORMAT?.status, local.checks.FORMAT?.reason],
        ["INVALID", "PROOF_UNSUPPORTED_FORMAT"],
      );
      assert.equal(local.sound, false);
    });

    it("reports a Merkle path that does not reach the stated root", () => {
      const tampered = structuredClone(credential);
      const proof = anchorOf(tampered);
      proof.path = [...(proof.path as string[])].reverse();
      assert.equal(checkLocally(tampered).checks.INTEGRITY?.reason, "INTEGRITY_PATH_MISMATCH");
    });

    it("reports a changed value, or a changed signature, as INTEGRITY_DIGEST_MISMATCH", () => {
      const value = structuredClone(credential);
      (value.credentialSubject as JsonObject).creditsEarned = 99;
      assert.equal(checkLocally(value).checks.INTEGRITY?.reason, "INTEGRITY_DIGEST_MISMATCH");
      const signature = structuredClone(credential);
      const di = (signature.proof as JsonObject[])[0] as JsonObject;
      di.created = "2026-06-30T12:00:01Z";
      assert.equal(checkLocally(signature).checks.INTEGRITY?.reason, "INTEGRITY_DIGEST_MISMATCH");
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

    it("counts the visible and hidden fields of a full credential and of a redacted copy", () => {
      const fieldCount = ((credential.proof as JsonObject[]).at(-1) as JsonObject).fieldCount as number;
      assert.deepEqual(checkLocally(credential, { now: NOW }).checks.FORMAT?.details, {
        visibleFields: fieldCount,
        hiddenFields: 0,
      });
      const redacted = redactCredential(credential, ["/credentialSubject/identifier/0"]);
      const details = checkLocally(redacted, { now: NOW }).checks.FORMAT?.details ?? {};
      assert.ok((details.hiddenFields as number) > 0, JSON.stringify(details));
      assert.equal((details.visibleFields as number) + (details.hiddenFields as number), fieldCount);
    });

    it("refuses __proto__ and constructor keys anywhere (text or parsed object) as FORMAT INVALID, naming where", () => {
      const text = JSON.stringify(credential);
      const withKey = (where: string, key: string) => text.replace(where, `${where}"${key}":{"name":"Junk"},`);
      const redacted = redactCredential(credential, ["/credentialSubject/identifier/0"]);
      const redactedText = JSON.stringify(redacted).replace('"disclosed":{', '"disclosed":{"__proto__":[],');
      const cases: [string | JsonObject, string][] = [
        [withKey("{", "__proto__"), "/__proto__"],
        [withKey('"credentialSubject":{', "constructor"), "/credentialSubject/constructor"],
        [
          text.replace('"type":"AcreditaMerkleProof2026"', '"__proto__":1,"type":"AcreditaMerkleProof2026"'),
          "/proof/1/__proto__",
        ],
        [redactedText, "/proof/0/disclosed/__proto__"],
        // JSON.parse keeps "__proto__" as an own property, which copying and schemas silently drop.
        [JSON.parse(withKey("{", "__proto__")) as JsonObject, "/__proto__"],
        [JSON.parse(withKey('"credentialSubject":{', "__proto__")) as JsonObject, "/credentialSubject/__proto__"],
      ];
      for (const [input, pointer] of cases) {
        const local = checkLocally(input, { now: NOW });
        assert.equal(local.sound, false, pointer);
        assert.equal(local.checks.FORMAT?.status, "INVALID", pointer);
        assert.equal(local.checks.FORMAT.reason, "PARSE_FORBIDDEN_KEY", pointer);
        assert.equal(local.checks.FORMAT.details?.pointer, pointer);
      }
      // The anchor proof alone, however it was obtained, is refused with the same reason.
      const parsed = JSON.parse(
        text.replace('"type":"AcreditaMerkleProof2026"', '"constructor":{},"type":"AcreditaMerkleProof2026"'),
      ) as JsonObject;
      assert.throws(
        () => splitAnchor(parsed),
        (error: unknown) => isAcreditaError(error) && error.code === "PARSE_FORBIDDEN_KEY",
      );
      assert.equal(checkLocally(text, { now: NOW }).checks.INTEGRITY?.reason, "INTEGRITY_OK");
    });

    it("refuses an impossible validFrom or validUntil (30 February), even under a sound anchor", () => {
      for (const [member, value] of [
        ["validFrom", "2026-02-30T00:00:00Z"],
        ["validFrom", "2026-09-31T00:00:00Z"],
        ["validUntil", "2027-02-29T00:00:00Z"],
        ["validUntil", "2030-01-01T24:00:00Z"],
      ] as const) {
        const document = anchoredCopy();
        document[member] = value;
        const local = checkLocally(resealed(document), { now: NOW });
        assert.equal(local.checks.INTEGRITY?.reason, "INTEGRITY_OK", `${member} ${value}`);
        assert.equal(local.checks.VALIDITY?.status, "INVALID", `${member} ${value}`);
        assert.equal(local.checks.VALIDITY.reason, "VALIDITY_BAD_DATE", `${member} ${value}`);
      }
    });

    it("rejects a malformed status-only reference", () => {
      const local = checkLocally({ reference: { chainId: 0 } as never });
      assert.equal(local.checks.FORMAT?.reason, "INPUT_NOT_DIGEST");
    });

    it("rejects a Merkle path longer than the registry's MAX_PROOF_LENGTH as FORMAT INVALID (PROOF_PATH_TOO_LONG)", () => {
      const [signature, proof] = credential.proof as [JsonObject, JsonObject];
      const node = proof.batchRoot as Hex;
      const tooLong = Array.from({ length: MAX_PROOF_LENGTH + 1 }, () => node);
      const withPath = (path: Hex[]) => ({ ...credential, proof: [signature, { ...proof, path }] });
      const local = checkLocally(withPath(tooLong));
      assert.equal(local.sound, false);
      assert.equal(local.checks.FORMAT?.status, "INVALID");
      assert.equal(local.checks.FORMAT.reason, "PROOF_PATH_TOO_LONG");
      assert.deepEqual([local.checks.FORMAT.details?.length, local.checks.FORMAT.details?.max], [33, 32]);
      // At the limit the path is well formed (here it just does not lead to the root).
      const longest = checkLocally(withPath(tooLong.slice(1)));
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

  describe("a forged Merkle path of 33 to 64 nodes (the registry accepts at most 32)", () => {
    /** A client that fails any request: the verdict must come from the local checks alone. */
    const requests: string[] = [];
    const offline = new Proxy({} as PublicClient, {
      get: (_target, name) => () => {
        requests.push(String(name));
        return Promise.reject(new Error("no network in this test"));
      },
    });

    it("is 'invalid' (PROOF_PATH_TOO_LONG) before any request, even when the path leads to its stated root", async () => {
      const anchor = splitAnchor(credential).anchor;
      const leaf = leafOf(anchor, anchor.index, fromHex(anchor.credentialDigest));
      assert.equal(MAX_PROOF_LENGTH, 32, "registry v2's limit, generated from the contract");
      for (let length = 33; length <= 64; length++) {
        const path = Array.from({ length }, (_, i) => toHex(keccakUtf8(`forged node ${String(i)}`)));
        // Self-consistent: the path folds up from the true leaf to the root the forged proof names.
        const batchRoot = toHex(processProof(leaf, path.map(fromHex)));
        const [signature, proof] = credential.proof as [JsonObject, JsonObject];
        const forged = { ...credential, proof: [signature, { ...proof, path, batchRoot }] };
        const reference = { ...referenceOf(anchor), path, batchRoot };
        const link = encodeVerificationLink("https://v.example/", { kind: "reference", reference });
        const decoded = decodeVerificationLink(link);
        assert.equal(decoded.kind, "reference");
        for (const input of [forged, JSON.stringify(forged), { reference }, { reference: decoded.reference }]) {
          const result = await verifyCredential(offline, input, { trustedRegistries: [], now: NOW });
          assert.equal(result.verdict, "invalid", `${String(length)} nodes`);
          assert.deepEqual([result.checks[0]?.status, result.checks[0]?.reason], ["INVALID", "PROOF_PATH_TOO_LONG"]);
        }
      }
      assert.deepEqual(requests, []);
    });
  });

  describe("checkSignature", () => {
    it("a full credential's Data Integrity proof is VALID with the issuer's did:key verification method", async () => {
      const { local, verdict } = await verdictWith(credential);
      assert.deepEqual([local.checks.SIGNATURE?.status, local.checks.SIGNATURE?.reason], ["VALID", "SIGNATURE_OK"]);
      assert.equal(local.checks.SIGNATURE?.details?.verificationMethod, TEST_KEYS.ifex.verificationMethod);
      assert.equal(verdict, "valid");
      assert.deepEqual(local.warnings, []);
    });

    it("a value changed after signing, under a recomputed anchor, is SIGNATURE INVALID (DI_SIGNATURE_INVALID) and 'invalid'", async () => {
      // Only the signature can catch this one: the anchor is rebuilt over the altered document.
      const document = anchoredCopy();
      (document.credentialSubject as JsonObject).creditsEarned = 99;
      const altered = resealed(document);
      const { local, verdict } = await verdictWith(altered);
      assert.equal(local.checks.INTEGRITY?.status, "VALID");
      assert.deepEqual(
        [local.checks.SIGNATURE?.status, local.checks.SIGNATURE?.reason],
        ["INVALID", "DI_SIGNATURE_INVALID"],
      );
      assert.equal(local.sound, false, "the chain's answer is not used");
      assert.equal(verdict, "invalid");
    });

    it("a changed header member (validFrom) or proof option (created), under a recomputed anchor, is DI_SIGNATURE_INVALID", async () => {
      const header = anchoredCopy();
      header.validFrom = "2026-09-01T00:00:00Z";
      const options = anchoredCopy();
      ((options.proof as JsonObject[])[0] as JsonObject).created = "2026-06-30T12:00:01Z";
      for (const [name, document] of [
        ["validFrom", header],
        ["created", options],
      ] as const) {
        const local = await checkSignature(checkLocally(resealed(document), { now: NOW }));
        assert.equal(local.checks.INTEGRITY?.status, "VALID", name);
        assert.equal(local.checks.SIGNATURE?.reason, "DI_SIGNATURE_INVALID", name);
      }
    });

    it("a Data Integrity proof made with a key whose controller is not issuer.id is DI_KEY_NOT_ISSUERS", async () => {
      const batch = await issueBatch({
        template: readTemplate("analise-de-dados"),
        issuer: COHORTS[1].issuer,
        learners,
        issuance: { validFrom: "2026-10-01T00:00:00Z" },
        anchor: anchorCoordinates,
        signer: TEST_KEYS.uneje.signer,
        signedAt: GOLDEN_SIGNED_AT,
      });
      const { local, verdict } = await verdictWith(batch.credentials[0] as JsonObject);
      assert.equal(local.checks.INTEGRITY?.status, "VALID");
      assert.deepEqual(
        [local.checks.SIGNATURE?.status, local.checks.SIGNATURE?.reason],
        ["INVALID", "DI_KEY_NOT_ISSUERS"],
      );
      assert.equal(local.checks.SIGNATURE?.details?.verificationMethod, TEST_KEYS.uneje.verificationMethod);
      assert.equal(verdict, "invalid");
    });

    it("a Data Integrity proof made for another purpose (authentication) is not the issuer's assertion", async () => {
      // The issuer's own key, a correct signature, but proofPurpose "authentication" (with a challenge), as a
      // DID-Auth login would make: Digital Bazaar's vc.verifyCredential refuses it (AssertionProofPurpose).
      const document = anchoredCopy();
      delete document.proof;
      const suite = new DataIntegrityProof({ signer: TEST_KEYS.ifex.signer, cryptosuite, date: GOLDEN_SIGNED_AT });
      const purpose = {
        update: (proof: JsonObject) => Promise.resolve({ ...proof, proofPurpose: "authentication", challenge: "c" }),
      };
      const proof = await (suite as unknown as { createProof(options: object): Promise<JsonObject> }).createProof({
        document,
        purpose,
        proofSet: [],
        documentLoader: offlineDocumentLoader(),
      });
      assert.equal(proof.proofPurpose, "authentication");
      const local = await checkSignature(checkLocally(resealed({ ...document, proof: [proof] }), { now: NOW }));
      assert.equal(local.checks.INTEGRITY?.status, "VALID");
      assert.equal(local.checks.SIGNATURE?.status, "INVALID", JSON.stringify(local.checks.SIGNATURE));
    });

    it("a credential without a Data Integrity proof gets SIGNATURE_NONE, as a warning", async () => {
      const document = anchoredCopy();
      delete document.proof;
      const { local, verdict } = await verdictWith(resealed(document));
      assert.deepEqual([local.checks.SIGNATURE?.status, local.checks.SIGNATURE?.reason], ["SKIPPED", "SIGNATURE_NONE"]);
      assert.deepEqual(local.warnings, ["SIGNATURE_NONE"]);
      assert.equal(local.sound, true);
      assert.equal(verdict, "valid-with-warnings");
    });

    it("redaction does not turn an unsigned credential's SIGNATURE_NONE warning into a clean 'valid'", async () => {
      const document = anchoredCopy();
      delete document.proof;
      const redacted = redactCredential(resealed(document), ["/credentialSubject/identifier/1"]);
      const { verdict } = await verdictWith(redacted);
      assert.equal(verdict, "valid-with-warnings");
    });

    it("a redacted copy is SKIPPED (SIGNATURE_REDACTED) and keeps its verdict", async () => {
      const { local, verdict } = await verdictWith(redactCredential(credential, ["/credentialSubject/identifier/1"]));
      assert.deepEqual(
        [local.checks.SIGNATURE?.status, local.checks.SIGNATURE?.reason],
        ["SKIPPED", "SIGNATURE_REDACTED"],
      );
      assert.equal(verdict, "valid");
    });

    it("is SKIPPED after a local failure, and for a status-only reference", async () => {
      const tampered = structuredClone(credential);
      (tampered.credentialSubject as JsonObject).creditsEarned = 99;
      const failed = await checkSignature(checkLocally(tampered));
      assert.equal(failed.checks.SIGNATURE?.reason, "SKIPPED_AFTER_FAILURE");
      const reference = { ...splitAnchor(credential).anchor, registry: GOLDEN_REGISTRY };
      const { chainId, registry, institutionId, batchRoot, index, credentialDigest, path } = reference;
      const byReference = await checkSignature(
        checkLocally({ reference: { chainId, registry, institutionId, batchRoot, index, credentialDigest, path } }),
      );
      assert.equal(byReference.checks.SIGNATURE?.reason, "SKIPPED_STATUS_ONLY");
    });

    it("a did:web issuer's key listed in the anchor proof verifies, and the listed key is committed by the anchor", async () => {
      const did = "did:web:ifex.example";
      const pair = await Ed25519Multikey.generate({
        seed: keccakUtf8("acredita-test-key/did-web"),
        id: `${did}#key-1`,
        controller: did,
      });
      const key: VerificationKey = {
        id: `${did}#key-1`,
        type: "Multikey",
        controller: did,
        publicKeyMultibase: pair.publicKeyMultibase,
      };
      const batch = await issueBatch({
        template: readTemplate("analise-de-dados"),
        issuer: { ...COHORTS[1].issuer, id: did },
        learners,
        issuance: { validFrom: "2026-10-01T00:00:00Z" },
        anchor: anchorCoordinates,
        signer: pair.signer(),
        signedAt: GOLDEN_SIGNED_AT,
        verificationKeys: [key],
      });
      const signed = batch.credentials[0] as JsonObject;
      assert.deepEqual(anchorOf(signed).verificationKeys, [key]);
      const local = await checkSignature(checkLocally(signed, { now: NOW }));
      assert.deepEqual(
        [local.checks.SIGNATURE?.reason, local.checks.SIGNATURE?.details?.verificationMethod],
        ["SIGNATURE_OK", key.id],
      );
      // Swapping the listed key for another one (to pass off another signature) breaks the digest.
      const swapped = structuredClone(signed);
      anchorOf(swapped).verificationKeys = [{ ...key, publicKeyMultibase: TEST_KEYS.ifex.publicKeyMultibase }];
      assert.equal(checkLocally(swapped).checks.INTEGRITY?.reason, "INTEGRITY_DIGEST_MISMATCH");
      const dropped = structuredClone(signed);
      delete anchorOf(dropped).verificationKeys;
      assert.equal(checkLocally(dropped).checks.INTEGRITY?.reason, "INTEGRITY_DIGEST_MISMATCH");
      // Without the key listed, a did:web signature cannot be resolved offline: SIGNATURE_NONE (a warning).
      const { document } = splitAnchor(signed);
      const unlisted = await checkSignature(checkLocally(resealed(document), { now: NOW }));
      assert.equal(unlisted.checks.SIGNATURE?.reason, "SIGNATURE_NONE");
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
      const other = claiming({ ...issuer, id: TEST_KEYS.uneje.did });
      assert.equal(other?.status, "INVALID");
      assert.equal(other.reason, "ISSUER_ID_MISMATCH");
      assert.equal(other.details?.issuerId, TEST_KEYS.uneje.did);
      assert.equal(other.details.issuerIdHash, good.issuerIdHash);
      // The issuer id is compared exactly: no case folding, no fragment, no normalization.
      for (const near of [
        ISSUER_ID.toUpperCase(),
        `${ISSUER_ID}#${TEST_KEYS.ifex.publicKeyMultibase}`,
        ` ${ISSUER_ID}`,
      ]) {
        assert.equal(claiming({ ...issuer, id: near })?.reason, "ISSUER_ID_MISMATCH", near);
      }
      // The issuer may be a bare id; an issuer without an id cannot match.
      assert.equal(claiming(ISSUER_ID)?.reason, "ISSUER_OK");
      assert.equal(claiming(TEST_KEYS.uneje.did)?.reason, "ISSUER_ID_MISMATCH");
      const withoutId = Object.fromEntries(Object.entries(issuer).filter(([key]) => key !== "id"));
      assert.equal(claiming(withoutId)?.reason, "ISSUER_ID_MISMATCH");
      assert.equal(claiming(withoutId)?.details?.issuerId, null);
      // A status-only reference carries no issuer id: only the anchoring facts are checked.
      assert.equal(
        evaluateChainStatus({ ...good, issuerIdHash: hashOf("x") }, undefined).checks[1]?.reason,
        "ISSUER_OK",
      );
    });

    it("an issuer id mismatch makes the verdict invalid and gives no issuer warnings", async () => {
      const { local, verdict } = await verdictWith(credential, {
        ...good,
        issuerIdHash: hashOf("https://other.example"),
        institutionStatus: "Suspended",
      });
      assert.equal(local.checks.SIGNATURE?.reason, "SIGNATURE_OK");
      assert.deepEqual(
        evaluateChainStatus({ ...good, issuerIdHash: hashOf("x"), institutionStatus: "Suspended" }, credential)
          .warnings,
        [],
      );
      assert.equal(verdict, "invalid");
    });
  });

  describe("verdictOf", () => {
    it("derives each verdict, in order of precedence", () => {
      assert.equal(verdictOf(all({}), []), "valid");
      assert.equal(verdictOf(all({}), ["ISSUER_NAME_MISMATCH"]), "valid-with-warnings");
      assert.equal(verdictOf(all({ FORMAT: "INVALID", REGISTRY: "INVALID" }), []), "invalid");
      assert.equal(verdictOf(all({ INTEGRITY: "INVALID", ANCHOR: "ERROR" }), []), "invalid");
      assert.equal(verdictOf(all({ SIGNATURE: "INVALID", REGISTRY: "INVALID" }), []), "invalid");
      assert.equal(verdictOf(all({ SIGNATURE: "INVALID", ANCHOR: "ERROR" }), []), "invalid");
      assert.equal(verdictOf(all({ SIGNATURE: "SKIPPED" }, { SIGNATURE: "SIGNATURE_REDACTED" }), []), "valid");
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

    it("never says valid when a check was skipped, in error or missing", () => {
      assert.equal(CHECKS.length, 8);
      assert.equal(verdictOf(all({ ANCHOR: "SKIPPED" }), []), "could-not-check");
      assert.equal(verdictOf(all({ STATUS: "SKIPPED" }), []), "could-not-check");
      // Every check, skipped for whatever reason, is not a pass (the signature only for a redacted or unsigned copy).
      for (const check of CHECKS) {
        for (const reason of ["SKIPPED_AFTER_FAILURE", "SKIPPED_STATUS_ONLY", "FORMAT_OK"]) {
          const verdict = verdictOf(all({ [check]: "SKIPPED" }, { [check]: reason }), []);
          assert.equal(verdict, "could-not-check", `${check} SKIPPED (${reason})`);
        }
      }
      assert.equal(
        verdictOf(all({ SIGNATURE: "SKIPPED" }, { SIGNATURE: "SIGNATURE_NONE" }), []),
        "valid-with-warnings",
      );
      const twice = [all({})[4] as CheckResult, ...all({}).slice(1)];
      assert.equal(verdictOf(twice, []), "could-not-check", "ANCHOR twice, FORMAT missing");
      assert.equal(verdictOf(all({ SIGNATURE: "ERROR" }), []), "could-not-check");
      assert.equal(verdictOf(all({}).slice(0, 7), []), "could-not-check");
      assert.equal(verdictOf(all({}).slice(1), []), "could-not-check");
    });

    it("gives a status-only input (content, signature and dates skipped) a verdict of its own, never valid", () => {
      const skipped = { INTEGRITY: "SKIPPED", SIGNATURE: "SKIPPED", VALIDITY: "SKIPPED" } as const;
      const reasons = {
        INTEGRITY: "SKIPPED_STATUS_ONLY",
        SIGNATURE: "SKIPPED_STATUS_ONLY",
        VALIDITY: "SKIPPED_STATUS_ONLY",
      };
      assert.equal(verdictOf(all(skipped, reasons), []), "status-only");
      assert.equal(verdictOf(all(skipped, reasons), ["ISSUER_SUSPENDED_NOW"]), "status-only");
      // What the registry says still decides: revoked, compromised or unanchored, untrusted, unreachable.
      assert.equal(verdictOf(all({ ...skipped, STATUS: "INVALID" }, reasons), []), "revoked");
      assert.equal(verdictOf(all({ ...skipped, ISSUER: "INVALID" }, reasons), []), "invalid");
      assert.equal(verdictOf(all({ ...skipped, REGISTRY: "INVALID" }, reasons), []), "untrusted");
      assert.equal(verdictOf(all({ ...skipped, ANCHOR: "ERROR" }, reasons), []), "could-not-check");
      // Only when all three content checks were skipped because the input had no content.
      assert.equal(verdictOf(all({ ...skipped, VALIDITY: "VALID" }, reasons), []), "could-not-check");
    });

    it("a status-only reference of an expired or not-yet-valid credential is 'status-only', never 'valid'", () => {
      const proof = splitAnchor(credential).anchor;
      const reference = { ...proof, registry: GOLDEN_REGISTRY };
      const { chainId, registry, institutionId, batchRoot, index, credentialDigest, path } = reference;
      const ref = { chainId, registry, institutionId, batchRoot, index, credentialDigest, path };
      // The golden credential is valid from 2026-10-01: before that, and long after, the content would say so.
      for (const now of [new Date("2026-01-01T00:00:00Z"), new Date("2099-01-01T00:00:00Z")]) {
        const local = checkLocally({ reference: ref }, { now });
        assert.equal(local.checks.VALIDITY?.reason, "SKIPPED_STATUS_ONLY");
        const chain = evaluateChainStatus(good, undefined);
        const checks = CHECKS.map<CheckResult>(
          (name) =>
            local.checks[name] ??
            chain.checks.find((c) => c.check === name) ?? {
              check: name,
              status: name === "SIGNATURE" ? "SKIPPED" : "VALID",
              reason: name === "SIGNATURE" ? "SKIPPED_STATUS_ONLY" : "REGISTRY_TRUSTED",
            },
        );
        assert.equal(verdictOf(checks, chain.warnings), "status-only");
      }
    });
  });
});
