import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  CHECKS,
  type ChainStatus,
  type CheckResult,
  checkLocally,
  type CredentialDocument,
  isAcreditaError,
  issueBatch,
  type JsonObject,
  type JsonValue,
  redactCredential,
  sealBatch,
  splitAnchor,
} from "../../../core/index.ts";
import { checkSignature } from "../../../core/signature-check.ts";
import { evaluateChainStatus } from "../../../core/chain-status.ts";
import { issuerIdentityHash } from "../../../core/registry.ts";
import { fieldsUnder, headerOf, splitFields, valueAt } from "../../../core/disclosure.ts";
import { type Hex, toHex } from "../../../core/bytes.ts";
import { keccakUtf8 } from "../../../core/hash.ts";
import type { LocalCheck } from "../../../core/local-checks.ts";
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

const cohort = readGolden("negociacion-liderazgo.json") as { credentials: CredentialDocument[] };
const credentials = cohort.credentials;
const first = credentials[0] as CredentialDocument;
const LATER = new Date("2027-01-01T00:00:00Z");
const anchor = { chainId: 31337, registry: GOLDEN_REGISTRY, institutionId: 1 };

/** Three signed credentials that also carry a validUntil (a header member the sample cohorts lack). */
const expiring = await issueBatch({
  template: readTemplate("negociacion-liderazgo"),
  issuer: COHORTS[0].issuer,
  learners: [
    { id: "E-1", name: "Eva Prueba", email: "eva@correo.example", completedOn: "2026-06-20", grade: "88" },
    { id: "E-2", name: "Eli Prueba", email: "eli@correo.example", completedOn: "2026-06-21", grade: "91" },
  ],
  issuance: { validFrom: "2026-07-01T00:00:00Z", validUntil: "2031-07-01T00:00:00Z" },
  anchor,
  signer: TEST_KEYS.uneje.signer,
  signedAt: GOLDEN_SIGNED_AT,
});

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
  identityVersion: 1,
  issuerIdentityHash: issuerIdentityHash("Universidad Nacional de Ejemplo", TEST_KEYS.uneje.did),
  issuerNameHash: toHex(keccakUtf8("Universidad Nacional de Ejemplo")),
  issuerIdHash: toHex(keccakUtf8(TEST_KEYS.uneje.did)),
  credentialRevokedAt: 0,
  credentialRevocationReason: 0,
  batchRevokedAt: 0,
  batchRevocationReason: 0,
};

/** FORMAT, INTEGRITY and SIGNATURE of a credential, as a verifier computes them. */
async function localOf(credential: JsonObject): Promise<LocalCheck> {
  return checkSignature(checkLocally(credential, { now: LATER }));
}

/** The verdict with the registry's answer for this credential fixed to SOUND_CHAIN. */
function verdictWithSoundChain(local: LocalCheck): string {
  const chain = evaluateChainStatus(SOUND_CHAIN, local.credential);
  const checks: CheckResult[] = [
    ...Object.values(local.checks),
    { check: "REGISTRY", status: "VALID", reason: "REGISTRY_TRUSTED" },
    ...chain.checks,
  ];
  const ordered = CHECKS.map((name) => checks.find((c) => c.check === name) as CheckResult);
  return verdictOf(ordered, [...local.warnings, ...chain.warnings]);
}

/** The pointers of a full credential's fields, in field order (its anchored document, DI proof included). */
function fieldPointers(credential: JsonObject): string[] {
  return splitFields(splitAnchor(credential).document).map((f) => f.pointer);
}

/** Asserts that a verifier refuses `credential`: FORMAT or INTEGRITY INVALID, and nothing asked of the chain. */
function assertRefused(credential: JsonObject, why: string): void {
  const local = checkLocally(credential, { now: LATER });
  assert.equal(local.sound, false, why);
  const refused = local.checks.FORMAT?.status === "INVALID" || local.checks.INTEGRITY?.status === "INVALID";
  assert.ok(refused, `${why}: ${JSON.stringify([local.checks.FORMAT, local.checks.INTEGRITY])}`);
}

/** `text` with its k-th character replaced by another one of the same kind (hex stays lower-case hex). */
function changeOneCharacter(text: string, k: number): string {
  const i = k % text.length;
  const c = text.charAt(i);
  const hexDigit = /[0-9a-f]/.test(c) && text.startsWith("0x") && i >= 2;
  const other = hexDigit ? (parseInt(c, 16) ^ 1).toString(16) : c === "a" ? "b" : "a";
  return text.slice(0, i) + other + text.slice(i + 1);
}

/** A different value of the same JSON type, one byte away where it can be. */
function nudge(value: JsonValue, k: number): JsonValue {
  if (typeof value === "string") return value === "" ? "a" : changeOneCharacter(value, k);
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  if (value === null) return 0;
  return Array.isArray(value) ? {} : [];
}

function setAtPointer(root: JsonObject, pointer: string, value: JsonValue): void {
  const tokens = pointer.slice(1).split("/");
  let node = root as Record<string, JsonValue>;
  for (const t of tokens.slice(0, -1)) node = node[t] as Record<string, JsonValue>;
  node[tokens.at(-1) as string] = value;
}

describe("disclosure", () => {
  describe("headerOf / splitFields", () => {
    it("puts @context, id, type, validFrom, validUntil and issuer.id in the header, never among the fields", () => {
      const credential = expiring.credentials[0] as JsonObject;
      const { document } = splitAnchor(credential);
      assert.deepEqual(Object.keys(headerOf(document)).sort(), [
        "/@context",
        "/id",
        "/issuer/id",
        "/type",
        "/validFrom",
        "/validUntil",
      ]);
      const pointers = fieldPointers(credential);
      for (const header of ["/@context", "/id", "/type", "/validFrom", "/validUntil", "/issuer/id"]) {
        assert.ok(!pointers.some((p) => p === header || p.startsWith(`${header}/`)), header);
      }
      // A string issuer is a header member as a whole.
      assert.deepEqual(headerOf({ issuer: "did:example:x", name: "n" }), { "/issuer": "did:example:x" });
      assert.deepEqual(
        splitFields({ issuer: "did:example:x", name: "n" }).map((f) => f.pointer),
        ["/name"],
      );
    });

    it("splits the golden credential into 67 fields: displayed ones first, then by pointer, the DI proof last", () => {
      const pointers = fieldPointers(first);
      assert.equal(pointers.length, 67);
      assert.deepEqual(pointers.slice(0, 9), [
        "/credentialSubject/identifier/0/type",
        "/credentialSubject/identifier/0/identityType",
        "/credentialSubject/identifier/0/hashed",
        "/credentialSubject/identifier/0/identityHash",
        "/credentialSubject/achievement/name",
        "/issuer/name",
        "/name",
        "/credentialSchema/0/id",
        "/credentialSchema/0/type",
      ]);
      // The status list entry (signed and anchored like any field; hiding it is the holder's choice).
      assert.deepEqual(pointers.slice(9, 14), [
        "/credentialStatus/id",
        "/credentialStatus/statusListCredential",
        "/credentialStatus/statusListIndex",
        "/credentialStatus/statusPurpose",
        "/credentialStatus/type",
      ]);
      assert.deepEqual(pointers.slice(-6), [
        "/proof/0/created",
        "/proof/0/cryptosuite",
        "/proof/0/proofPurpose",
        "/proof/0/proofValue",
        "/proof/0/type",
        "/proof/0/verificationMethod",
      ]);
      const rest = pointers.slice(7);
      assert.deepEqual(rest, [...rest].sort());
    });

    it("addresses members by RFC 6901 pointers (~ and / escaped) and keeps empty containers as fields", () => {
      const fields = splitFields({ "a/b": { "c~d": 1 }, e: [], f: {}, g: [null, { h: [] }] });
      assert.deepEqual(
        fields.map((f) => [f.pointer, f.value]),
        [
          ["/a~1b/c~0d", 1],
          ["/e", []],
          ["/f", {}],
          ["/g/0", null],
          ["/g/1/h", []],
        ],
      );
      assert.deepEqual(fieldsUnder({ g: [null, { h: [] }] }, "/g"), ["/g/0", "/g/1/h"]);
      assert.equal(valueAt({ "a/b": { "c~d": 1 } }, "/a~1b/c~0d"), 1);
      assert.equal(valueAt({ g: [1] }, "/g/01"), undefined);
    });
  });

  describe("redactCredential", () => {
    it("keeps the credential verifying with the same verdict, for any subset of fields that leaves an OB3 credential (300 runs)", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: credentials.length - 1 }),
          fc.infiniteStream(fc.boolean()),
          async (which, coin) => {
            const credential = credentials[which] as CredentialDocument;
            const pointers = fieldPointers(credential);
            // Keep the achievement's name: a credential needs an achievement (see the test for the bug below).
            const subset = pointers.filter((p) => p !== "/credentialSubject/achievement/name" && coin.next().value);
            const hidden = new Set([...subset, ...pointers.filter((p) => p.startsWith("/proof/"))]);
            const redacted = redactCredential(credential, subset);
            const local = await localOf(redacted);
            assert.equal(local.checks.INTEGRITY?.status, "VALID", JSON.stringify(local.checks));
            assert.equal(local.redacted, true);
            assert.equal(local.hiddenCount, hidden.size);
            assert.equal(local.checks.SIGNATURE?.reason, "SIGNATURE_REDACTED");
            // Every visible field keeps its pointer and value; no hidden one is left.
            const full = splitAnchor(credential).document;
            const visible = splitFields(splitAnchor(redacted).document, true);
            assert.deepEqual(
              visible.map((f) => f.pointer),
              pointers.filter((p) => !hidden.has(p)),
            );
            for (const f of visible) assert.deepEqual(f.value, valueAt(full, f.pointer), f.pointer);
            assert.equal(verdictWithSoundChain(local), "valid");
          },
        ),
        { numRuns: 300 },
      );
    });

    it("either refuses a redaction or returns a copy that verifies (hiding the whole achievement)", () => {
      const achievement = fieldPointers(first).filter((p) => p.startsWith("/credentialSubject/achievement/"));
      let redacted: JsonObject;
      try {
        redacted = redactCredential(first, achievement);
      } catch (error) {
        assert.ok(isAcreditaError(error), String(error));
        return;
      }
      assert.equal(checkLocally(redacted).checks.FORMAT?.status, "VALID");
    });

    it("removes hidden values, their salts and the seed; a null placeholder keeps later array elements in place", () => {
      const redacted = redactCredential(first, ["/credentialSubject/identifier/1"]);
      const text = JSON.stringify(redacted);
      assert.ok(!text.includes("maria.garcia0@correo.example"));
      assert.ok(!text.includes(anchorOf(first).seed as string));
      const identifiers = (redacted.credentialSubject as JsonObject).identifier as JsonValue[];
      assert.equal(identifiers.length, 3);
      assert.equal(identifiers[1], null);
      assert.equal((identifiers[2] as JsonObject).identityHash, "UNEJE-2026-0001");
      const proof = anchorOf(redacted);
      assert.equal(Object.hasOwn(proof, "seed"), false);
      const disclosed = proof.disclosed as { positions: number[]; salts: Hex[]; nodes: Hex[] };
      const pointers = fieldPointers(first);
      const hiddenPositions = pointers
        .map((p, i) => [p, i] as const)
        .filter(([p]) => p.startsWith("/credentialSubject/identifier/1/") || p.startsWith("/proof/"))
        .map(([, i]) => i);
      assert.deepEqual(
        disclosed.positions,
        pointers.map((_, i) => i).filter((i) => !hiddenPositions.includes(i)),
      );
      assert.equal(disclosed.salts.length, disclosed.positions.length);
    });

    it("drops every proof but the anchor: a redacted copy verifies with SIGNATURE skipped (SIGNATURE_REDACTED)", async () => {
      const redacted = redactCredential(first, []);
      assert.deepEqual(
        (redacted.proof as JsonObject[]).map((p) => p.type),
        ["AcreditaMerkleProof2026"],
      );
      const local = await localOf(redacted);
      assert.equal(local.hiddenCount, 6);
      assert.deepEqual(
        [local.checks.SIGNATURE?.status, local.checks.SIGNATURE?.reason],
        ["SKIPPED", "SIGNATURE_REDACTED"],
      );
      assert.equal(verdictWithSoundChain(local), "valid");
    });

    it("hides a null that is genuinely an array element (in a redacted copy null only marks a hidden element)", async () => {
      const { document } = splitAnchor(expiring.credentials[0] as JsonObject);
      const doc = structuredClone(document);
      delete doc.proof;
      const achievement = (doc.credentialSubject as JsonObject).achievement as JsonObject;
      achievement.tag = ["a", null, "b"];
      doc.note = null;
      const sealed = sealBatch([doc], anchor).credentials[0] as JsonObject;
      const count = anchorOf(sealed).fieldCount as number;
      // The full credential shows its null and verifies as it is (unsigned: SIGNATURE_NONE, a warning).
      const full = await localOf(sealed);
      assert.equal(full.checks.INTEGRITY?.status, "VALID", JSON.stringify(full.checks));
      assert.deepEqual(full.warnings, ["SIGNATURE_NONE"]);
      const redacted = redactCredential(sealed, []);
      assert.deepEqual(((redacted.credentialSubject as JsonObject).achievement as JsonObject).tag, ["a", null, "b"]);
      assert.equal(redacted.note, null, "an object member that is null is a visible field");
      const { anchor: proof, document: shown } = splitAnchor(redacted);
      assert.equal(proof.disclosed?.positions.length, count - 1);
      const visible = splitFields(shown, true).map((f) => f.pointer);
      assert.ok(visible.includes("/credentialSubject/achievement/tag/2") && visible.includes("/note"));
      assert.ok(!visible.includes("/credentialSubject/achievement/tag/1"));
      const local = await localOf(redacted);
      assert.equal(local.checks.INTEGRITY?.status, "VALID", JSON.stringify(local.checks));
      assert.equal(local.hiddenCount, 1);
    });

    it("refuses to redact a redacted copy (it has no seed)", () => {
      const once = redactCredential(first, ["/credentialSubject/identifier/1"]);
      assert.throws(
        () => redactCredential(once, ["/credentialSubject/identifier/2"]),
        (e: unknown) => isAcreditaError(e, "DISCLOSURE_MISSING_SALT"),
      );
    });

    it("cannot hide a header member: validUntil, validFrom, issuer.id, @context, id and type name no field", () => {
      const credential = expiring.credentials[0] as JsonObject;
      for (const pointer of ["/validUntil", "/validFrom", "/issuer/id", "/@context", "/@context/0", "/id", "/type"]) {
        assert.throws(
          () => redactCredential(credential, [pointer]),
          (e: unknown) => isAcreditaError(e, "DISCLOSURE_UNKNOWN_FIELD"),
          pointer,
        );
      }
      // Hiding the whole issuer hides its name and address, never its id.
      const redacted = redactCredential(credential, ["/issuer"]);
      assert.deepEqual(redacted.issuer, { id: TEST_KEYS.uneje.did });
      assert.equal(checkLocally(redacted).checks.INTEGRITY?.status, "VALID");
    });

    it("refuses a pointer that names no field", () => {
      for (const pointer of ["/credentialSubject/identifier/7", "/nothing", "/credentialSubject/identifier/01"]) {
        assert.throws(
          () => redactCredential(first, [pointer]),
          (e: unknown) => isAcreditaError(e, "DISCLOSURE_UNKNOWN_FIELD"),
          pointer,
        );
      }
    });

    it("does not modify its input", () => {
      const copy = structuredClone(first);
      redactCredential(first, ["/credentialSubject/identifier/1", "/credentialSubject/result"]);
      assert.deepEqual(first, copy);
    });
  });

  describe("a redacted copy cannot be altered", () => {
    const base = expiring.credentials[1] as JsonObject;
    const redacted = redactCredential(base, ["/credentialSubject/identifier/1", "/credentialSubject/result"]);

    it("the untouched copy verifies (each case below changes one thing)", () => {
      assert.equal(checkLocally(redacted, { now: LATER }).checks.INTEGRITY?.status, "VALID");
      assert.equal(anchorOf(redacted).fieldCount, 62);
    });

    it("any single-character change of a visible value, salt, position, node or the field count is refused (1,000 runs)", () => {
      const visible = splitFields(splitAnchor(redacted).document, true);
      type Disclosed = { positions: number[]; salts: Hex[]; nodes: Hex[] };
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.nat(), (what, pick, k) => {
          const tampered = structuredClone(redacted);
          const d = anchorOf(tampered).disclosed as Disclosed;
          let why: string;
          if (what === 0) {
            const field = visible[pick % visible.length] as (typeof visible)[number];
            setAtPointer(tampered, field.pointer, nudge(field.value, k));
            why = `value ${field.pointer}`;
          } else if (what === 1) {
            const i = pick % d.salts.length;
            d.salts[i] = changeOneCharacter(d.salts[i] as Hex, k) as Hex;
            why = `salt ${String(i)}`;
          } else if (what === 2) {
            const i = pick % d.positions.length;
            d.positions[i] = (d.positions[i] as number) + (k % 2 === 0 ? 1 : -1);
            why = `position ${String(i)}`;
          } else if (what === 3) {
            const i = pick % d.nodes.length;
            d.nodes[i] = changeOneCharacter(d.nodes[i] as Hex, k) as Hex;
            why = `node ${String(i)}`;
          } else {
            const proof = anchorOf(tampered);
            proof.fieldCount = (proof.fieldCount as number) + (k % 2 === 0 ? 1 : -1);
            why = "fieldCount";
          }
          assertRefused(tampered, why);
        }),
        { numRuns: 1000 },
      );
    });

    it("any single-character change of a header member is refused: validUntil, validFrom, issuer.id, @context, id, type", () => {
      const members: [string, (c: JsonObject, k: number) => void][] = [
        ["validUntil", (c, k) => (c.validUntil = changeOneCharacter(c.validUntil as string, k))],
        ["validFrom", (c, k) => (c.validFrom = changeOneCharacter(c.validFrom as string, k))],
        [
          "issuer.id",
          (c, k) => ((c.issuer as JsonObject).id = changeOneCharacter((c.issuer as JsonObject).id as string, k)),
        ],
        [
          "@context",
          (c, k) => {
            const contexts = c["@context"] as string[];
            contexts[3] = changeOneCharacter(contexts[3] as string, k);
          },
        ],
        ["id", (c, k) => (c.id = changeOneCharacter(c.id as string, k))],
        [
          "type",
          (c, k) => {
            (c.type as string[])[1] = changeOneCharacter((c.type as string[])[1] as string, k);
          },
        ],
      ];
      for (const [name, change] of members) {
        for (let k = 0; k < 40; k++) {
          const tampered = structuredClone(redacted);
          change(tampered, k);
          assertRefused(tampered, `${name}, character ${String(k)}`);
        }
      }
      // Removing validUntil (extending the validity forever) is refused too.
      const forever = { ...redacted };
      delete forever.validUntil;
      assertRefused(forever, "validUntil removed");
    });

    it("swapping two salts or two nodes is refused", () => {
      for (const key of ["salts", "nodes"] as const) {
        const tampered = structuredClone(redacted);
        const list = (anchorOf(tampered).disclosed as Record<string, Hex[]>)[key] as Hex[];
        assert.ok(list.length >= 2);
        [list[0], list[1]] = [list[1] as Hex, list[0] as Hex];
        assertRefused(tampered, key);
      }
    });

    it("a forged value in a hidden element's place is refused, with or without a salt and position", () => {
      const forged = { type: "IdentityObject", identityType: "emailAddress", hashed: false, identityHash: "x@y.z" };
      const withoutSalt = structuredClone(redacted);
      ((withoutSalt.credentialSubject as JsonObject).identifier as JsonValue[])[1] = forged;
      const noSalt = checkLocally(withoutSalt);
      assert.equal(noSalt.checks.FORMAT?.reason, "DISCLOSURE_MISSING_SALT");
      // With salts and positions for its four fields (where the hidden ones were), the digest does not match.
      const withSalt = structuredClone(withoutSalt);
      const d = anchorOf(withSalt).disclosed as { positions: number[]; salts: Hex[] };
      const pointers = fieldPointers(base);
      const all = pointers.map((p, i) => [p, i] as const);
      const restored = all.filter(([p]) => p.startsWith("/credentialSubject/identifier/1/")).map(([, i]) => i);
      const positions = [...d.positions, ...restored].sort((a, b) => a - b);
      const salts = positions.map((p) =>
        restored.includes(p) ? (`0x${"11".repeat(16)}` as const) : (d.salts[d.positions.indexOf(p)] as Hex),
      );
      d.positions = positions;
      d.salts = salts;
      assertRefused(withSalt, "forged identifier with salts");
    });

    it("a visible field removed (with or without its salt and position) is refused", () => {
      const tampered = structuredClone(redacted);
      delete (tampered.credentialSubject as JsonObject).creditsEarned;
      assert.equal(checkLocally(tampered).checks.FORMAT?.reason, "DISCLOSURE_MISSING_SALT");
      const pointers = fieldPointers(base);
      const position = pointers.indexOf("/credentialSubject/creditsEarned");
      const d = anchorOf(tampered).disclosed as { positions: number[]; salts: Hex[] };
      const at = d.positions.indexOf(position);
      d.positions.splice(at, 1);
      d.salts.splice(at, 1);
      assertRefused(tampered, "creditsEarned removed with its salt and position");
    });

    it("an anchor with both a seed and disclosed fields, or neither, is PROOF_MALFORMED", () => {
      const both = structuredClone(redacted);
      anchorOf(both).seed = anchorOf(base).seed as Hex;
      assert.equal(checkLocally(both).checks.FORMAT?.reason, "PROOF_MALFORMED");
      const neither = structuredClone(redacted);
      delete anchorOf(neither).disclosed;
      assert.equal(checkLocally(neither).checks.FORMAT?.reason, "PROOF_MALFORMED");
    });
  });

  describe("a full credential cannot be altered", () => {
    const base = expiring.credentials[0] as JsonObject;

    it("a changed seed, field count, header member or removed Data Integrity proof is refused", () => {
      const seed = structuredClone(base);
      anchorOf(seed).seed = changeOneCharacter(anchorOf(seed).seed as string, 5);
      assert.equal(checkLocally(seed).checks.INTEGRITY?.reason, "INTEGRITY_DIGEST_MISMATCH");
      const count = structuredClone(base);
      anchorOf(count).fieldCount = (anchorOf(count).fieldCount as number) - 1;
      assert.equal(checkLocally(count).checks.FORMAT?.reason, "DISCLOSURE_UNKNOWN_FIELD");
      const until = structuredClone(base);
      until.validUntil = "2099-07-01T00:00:00Z";
      assert.equal(checkLocally(until).checks.INTEGRITY?.reason, "INTEGRITY_DIGEST_MISMATCH");
      const unsigned = structuredClone(base);
      unsigned.proof = [anchorOf(base)];
      assertRefused(unsigned, "Data Integrity proof removed");
    });
  });
});
