import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import { concat, encodeAbiParameters, keccak256, numberToHex, size, slice, toBytes, toHex as viemToHex } from "viem";
import {
  canonicalize,
  checkLocally,
  type CredentialDocument,
  enableFastHashing,
  isAcreditaError,
  type JsonObject,
  type JsonValue,
  parseStrict,
  sealBatch,
  splitAnchor,
} from "../../../core/index.ts";
import { checkSignature } from "../../../core/signature-check.ts";
import { disableFastHashing, keccak } from "../../../core/hash.ts";
import { FORMAT_TAG, LEAF_ENCODING } from "../../../core/digest.ts";
import { type Hex, toHex } from "../../../core/bytes.ts";
import { recomputeDigest } from "../../../core/commitment.ts";
import {
  anchorOf,
  COHORTS,
  GOLDEN_CHAIN_ID,
  GOLDEN_REGISTRY,
  GOLDEN_SIGNED_AT,
  makeGolden,
  readGolden,
  REDACTED_POINTERS,
} from "../../helpers/golden.ts";

interface GoldenVector {
  seed: Hex;
  header: Record<string, JsonValue>;
  canonicalHeader: string;
  headerHash: Hex;
  fieldCount: number;
  fields: { pointer: string; canonicalValue: string; salt: Hex; fieldDigest: Hex }[];
  fieldRoot: Hex;
  credentialDigest: Hex;
  leaf: Hex;
  batchRoot: Hex;
}

interface GoldenCohortFile {
  anchor: { chainId: number; registry: Hex; institutionId: number };
  credentialKey: { seed: Hex; did: string; verificationMethod: string };
  signedAt: string;
  batchRoot: Hex;
  vectors: GoldenVector[];
  manifest: { count: number; credentials: { index: number; id: string; credentialDigest: Hex; leaf: Hex }[] };
  credentials: CredentialDocument[];
}

const COHORT_FILES = ["negociacion-liderazgo", "analise-de-dados"] as const;
const tag = (s: string): Hex => keccak256(viemToHex(s));
const u32 = (n: number): Hex => numberToHex(n, { size: 4 });

// ----------------------------------------------------------------------------------------------------------------
// The documented derivations (core/digest.ts, disclosure.ts, field-tree.ts), written again independently with
// viem at the hex level: no core code but the RFC 8785 canonicalizer, which canonical.test.ts checks against the
// RFC's own vectors.

/** The header: @context, id, type, validFrom, validUntil and the issuer's id (issuer itself when not an object). */
function referenceHeader(document: JsonObject, anchor: JsonObject): Record<string, JsonValue> {
  const header: Record<string, JsonValue> = {};
  // The anchor's committed members: the keys it lists and the issuer signatures the credential carried.
  if (Array.isArray(anchor.verificationKeys) && anchor.verificationKeys.length > 0) {
    header["#verificationKeys"] = anchor.verificationKeys;
  }
  if (Array.isArray(anchor.signedBy) && anchor.signedBy.length > 0) header["#signedBy"] = anchor.signedBy;
  for (const key of ["@context", "id", "type", "validFrom", "validUntil"]) {
    if (key in document) header[`/${key}`] = document[key] as JsonValue;
  }
  const issuer = document.issuer;
  if (issuer !== null && typeof issuer === "object" && !Array.isArray(issuer)) {
    if ("id" in issuer) header["/issuer/id"] = issuer.id;
  } else if (issuer !== undefined) header["/issuer"] = issuer;
  return header;
}

const DISPLAYED = [
  "/credentialSubject/name",
  "/credentialSubject/identifier/0/type",
  "/credentialSubject/identifier/0/identityType",
  "/credentialSubject/identifier/0/hashed",
  "/credentialSubject/identifier/0/identityHash",
  "/credentialSubject/achievement/name",
  "/issuer/name",
  "/name",
];

/** Every scalar and empty container outside the header, by RFC 6901 pointer, displayed fields first. */
function referenceFields(document: JsonObject): { pointer: string; value: JsonValue }[] {
  const out: { pointer: string; value: JsonValue }[] = [];
  const escape = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");
  const walk = (pointer: string, value: JsonValue): void => {
    if (Array.isArray(value) && value.length > 0) {
      value.forEach((v, i) => {
        walk(`${pointer}/${String(i)}`, v);
      });
    } else if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) {
        if (pointer === "/issuer" && k === "id") continue;
        walk(`${pointer}/${escape(k)}`, v);
      }
    } else out.push({ pointer, value });
  };
  for (const [key, value] of Object.entries(document)) {
    if (["@context", "id", "type", "validFrom", "validUntil"].includes(key)) continue;
    const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
    if (key === "issuer" && !isObject) continue;
    walk(`/${escape(key)}`, value);
  }
  const rank = (p: string) => (DISPLAYED.includes(p) ? DISPLAYED.indexOf(p) : DISPLAYED.length);
  return out.sort((a, b) => rank(a.pointer) - rank(b.pointer) || (a.pointer < b.pointer ? -1 : 1));
}

function referenceSalt(seed: Hex, pointer: string): Hex {
  return slice(keccak256(concat([tag("acredita/salt/v2"), seed, viemToHex(pointer)])), 0, 16);
}

function referenceFieldDigest(pointer: string, salt: Hex, canonicalValue: string): Hex {
  const ptr = viemToHex(pointer);
  return keccak256(concat([tag("acredita/field/v2"), salt, u32(size(ptr)), ptr, viemToHex(canonicalValue)]));
}

function referenceFieldRoot(leaves: Hex[]): Hex {
  if (leaves.length === 0) return `0x${"00".repeat(32)}`;
  let level = leaves;
  while (level.length > 1) {
    const next: Hex[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right === undefined ? (level[i] as Hex) : keccak256(concat(["0x01", level[i] as Hex, right])));
    }
    level = next;
  }
  return level[0] as Hex;
}

function referenceCredentialDigest(headerHash: Hex, count: number, root: Hex): Hex {
  return keccak256(concat([tag("acredita/credential-digest/v2"), headerHash, u32(count), root]));
}

function referenceLeaf(chainId: number, registry: Hex, institutionId: number, index: number, digest: Hex): Hex {
  const encoded = encodeAbiParameters(
    LEAF_ENCODING.map((type) => ({ type })),
    [FORMAT_TAG, BigInt(chainId), registry, institutionId, index, digest],
  );
  return keccak256(keccak256(encoded));
}

/** D: the credential without its anchor proof (the last element of `proof`). */
function anchoredDocument(credential: JsonObject): JsonObject {
  const proofs = credential.proof as JsonValue[];
  return { ...credential, proof: proofs.slice(0, -1) };
}

describe("digest", () => {
  describe("golden vectors (format acredita/anchor/v2, frozen)", () => {
    it("regenerating the golden batches and the redacted credential gives the frozen files byte for byte", async () => {
      const golden = await makeGolden();
      for (const cohort of golden.cohorts) {
        assert.deepEqual(JSON.parse(JSON.stringify(cohort.file)), readGolden(`${cohort.name}.json`), cohort.name);
      }
      assert.deepEqual(JSON.parse(JSON.stringify(golden.redacted)), readGolden("redacted.json"));
    });

    for (const [c, name] of COHORT_FILES.entries()) {
      it(`the ${name} vectors follow the documented formulas (independent viem implementation)`, () => {
        const file = readGolden(`${name}.json`) as GoldenCohortFile;
        assert.equal(file.vectors.length, 2);
        for (const [index, vector] of file.vectors.entries()) {
          const credential = file.credentials[index] as JsonObject;
          const anchor = anchorOf(credential);
          assert.equal(anchor.seed, vector.seed);
          const document = anchoredDocument(credential);

          // Header: which members, their canonical bytes, their hash.
          assert.deepEqual(vector.header, referenceHeader(document, anchor));
          assert.deepEqual(anchor.signedBy, [(document.proof as JsonObject[])[0]?.verificationMethod]);
          assert.equal(vector.canonicalHeader, canonicalize(vector.header));
          const headerHash = keccak256(concat([tag("acredita/header/v2"), viemToHex(vector.canonicalHeader)]));
          assert.equal(headerHash, vector.headerHash);

          // Fields: pointers and their order, values, salts from the seed, field digests.
          const fields = referenceFields(document);
          assert.deepEqual(
            vector.fields.map((f) => f.pointer),
            fields.map((f) => f.pointer),
          );
          assert.equal(vector.fieldCount, fields.length);
          assert.equal(anchor.fieldCount, fields.length);
          for (const [i, f] of vector.fields.entries()) {
            assert.equal(f.canonicalValue, canonicalize((fields[i] as { value: JsonValue }).value), f.pointer);
            assert.equal(f.salt, referenceSalt(vector.seed, f.pointer), f.pointer);
            assert.equal(f.fieldDigest, referenceFieldDigest(f.pointer, f.salt, f.canonicalValue), f.pointer);
          }
          // The signature is a field like any other: the anchor commits to it.
          assert.ok(vector.fields.some((f) => f.pointer === "/proof/0/proofValue"));

          const root = referenceFieldRoot(vector.fields.map((f) => f.fieldDigest));
          assert.equal(root, vector.fieldRoot);
          const digest = referenceCredentialDigest(headerHash, fields.length, root);
          assert.equal(digest, vector.credentialDigest);
          assert.equal(anchor.credentialDigest, digest);
          const leaf = referenceLeaf(
            file.anchor.chainId,
            file.anchor.registry,
            file.anchor.institutionId,
            index,
            digest,
          );
          assert.equal(leaf, vector.leaf);
          assert.equal(file.manifest.credentials[index]?.leaf, leaf);
          assert.equal(vector.batchRoot, file.batchRoot);
        }
        assert.deepEqual(file.anchor, {
          chainId: GOLDEN_CHAIN_ID,
          registry: GOLDEN_REGISTRY,
          institutionId: COHORTS[c]?.institutionId,
        });
      });

      it(`the ${name} batch root is OpenZeppelin's StandardMerkleTree root over the manifest's leaves`, () => {
        const file = readGolden(`${name}.json`) as GoldenCohortFile;
        const { chainId, registry, institutionId } = file.anchor;
        const values = file.manifest.credentials.map((entry) => [
          FORMAT_TAG,
          BigInt(chainId),
          registry,
          institutionId,
          entry.index,
          entry.credentialDigest,
        ]);
        const tree = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
        assert.equal(tree.root, file.batchRoot);
        file.credentials.forEach((credential, i) => {
          const anchor = anchorOf(credential);
          assert.deepEqual(anchor.path, tree.getProof(i), `path of credential ${String(i)}`);
          assert.equal(anchor.credentialDigest, file.manifest.credentials[i]?.credentialDigest);
          assert.equal(file.manifest.credentials[i]?.id, credential.id);
        });
      });

      it(`every frozen ${name} credential verifies locally and carries the test key's signature`, async () => {
        const file = readGolden(`${name}.json`) as GoldenCohortFile;
        assert.equal(file.credentials.length, name === "negociacion-liderazgo" ? 25 : 12);
        assert.equal(file.credentialKey.did, COHORTS[c]?.key.did);
        assert.equal(file.signedAt, GOLDEN_SIGNED_AT);
        for (const credential of file.credentials) {
          assert.equal((credential.issuer as JsonObject).id, file.credentialKey.did);
          const proofs = credential.proof as JsonObject[];
          assert.equal(proofs.length, 2);
          assert.deepEqual(
            [proofs[0]?.type, proofs[0]?.cryptosuite, proofs[0]?.verificationMethod, proofs[0]?.created],
            ["DataIntegrityProof", "eddsa-rdfc-2022", file.credentialKey.verificationMethod, GOLDEN_SIGNED_AT],
          );
          const local = await checkSignature(checkLocally(JSON.stringify(credential)));
          assert.equal(local.checks.FORMAT?.status, "VALID");
          assert.equal(local.checks.INTEGRITY?.status, "VALID", JSON.stringify(local.checks.INTEGRITY));
          assert.equal(local.checks.SIGNATURE?.reason, "SIGNATURE_OK", JSON.stringify(local.checks.SIGNATURE));
          assert.equal(local.redacted, false);
          assert.equal(local.hiddenCount, 0);
        }
      });
    }

    it("the frozen redacted credential verifies to the original digest, hides its fields and has no signature", async () => {
      const file = readGolden("redacted.json") as { hidden: string[]; credentialDigest: Hex; credential: JsonObject };
      assert.deepEqual(file.hidden, REDACTED_POINTERS);
      const local = await checkSignature(checkLocally(file.credential));
      assert.equal(local.checks.INTEGRITY?.status, "VALID");
      assert.equal(local.checks.INTEGRITY.details?.credentialDigest, file.credentialDigest);
      assert.equal(local.redacted, true);
      // Hidden: the e-mail identifier (4 fields), the result (3 fields) and the Data Integrity proof (6 fields).
      assert.equal(local.hiddenCount, 4 + 3 + 6);
      assert.deepEqual(
        [local.checks.SIGNATURE?.status, local.checks.SIGNATURE?.reason],
        ["SKIPPED", "SIGNATURE_REDACTED"],
      );
      const subject = file.credential.credentialSubject as JsonObject;
      assert.equal((subject.identifier as JsonValue[])[1], null, "a placeholder keeps the next identifier's position");
      assert.equal(Object.hasOwn(subject, "result"), false);
      assert.deepEqual(
        (file.credential.proof as JsonObject[]).map((p) => p.type),
        ["AcreditaMerkleProof2026"],
      );
      const text = JSON.stringify(file.credential);
      for (const secret of ["maria.garcia0@correo.example", '"74"', '"seed"', "proofValue"]) {
        assert.ok(!text.includes(secret), secret);
      }
      assert.ok(text.includes("UNEJE-2026-0001"));
    });

    it("the frozen redacted credential's multiproof is the reference tree's, from the full credential's leaves", () => {
      const full = (readGolden("negociacion-liderazgo.json") as GoldenCohortFile).vectors[0] as GoldenVector;
      const { credential } = readGolden("redacted.json") as { credential: JsonObject };
      const disclosed = anchorOf(credential).disclosed as { positions: number[]; salts: Hex[]; nodes: Hex[] };
      const hiddenPositions = full.fields
        .map((f, i) => [f.pointer, i] as const)
        .filter(([p]) => REDACTED_POINTERS.some((h) => p.startsWith(`${h}/`)) || p.startsWith("/proof/"))
        .map(([, i]) => i);
      const visible = full.fields.map((_, i) => i).filter((i) => !hiddenPositions.includes(i));
      assert.deepEqual(disclosed.positions, visible);
      assert.deepEqual(
        disclosed.salts,
        visible.map((i) => full.fields[i]?.salt),
      );
      // Hidden leaves 45..48 (e-mail), 53..55 (result), 61..66 (signature) of 67 (the five of the status list
      // entry sit at 9..13). The nodes, level by level: leaves 45, 48, 53 and 61 (each beside a visible one), then
      // the pairs 46..47, 54..55 and 62..63, then 64..66 (66 carried up: 67 leaves).
      assert.deepEqual(hiddenPositions, [45, 46, 47, 48, 53, 54, 55, 61, 62, 63, 64, 65, 66]);
      const leaves = full.fields.map((f) => f.fieldDigest);
      const sub = (from: number, to: number) => referenceFieldRoot(leaves.slice(from, to));
      assert.deepEqual(disclosed.nodes, [
        sub(45, 46),
        sub(48, 49),
        sub(53, 54),
        sub(61, 62),
        sub(46, 48),
        sub(54, 56),
        sub(62, 64),
        sub(64, 67),
      ]);
    });
  });

  describe("keccak", () => {
    it("the WebAssembly and the JavaScript keccak agree (1,000 runs)", async () => {
      assert.equal(await enableFastHashing(), true);
      const inputs = fc.sample(fc.uint8Array({ maxLength: 600 }), 1000);
      const fast = inputs.map((b) => toHex(keccak(b)));
      disableFastHashing();
      const slow = inputs.map((b) => toHex(keccak(b)));
      assert.deepEqual(fast, slow);
      assert.deepEqual(
        slow,
        inputs.map((b) => keccak256(b)),
      );
      await enableFastHashing();
      const a = keccak(toBytes("a"));
      const b = keccak(toBytes("b"));
      assert.notEqual(toHex(a), toHex(b), "digests must not share a buffer");
    });
  });

  describe("credentialDigest (properties, 1,000 runs each)", () => {
    const anchor = { chainId: 31337, registry: GOLDEN_REGISTRY, institutionId: 7 };
    const doc = fc
      .dictionary(
        fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== "proof"),
        fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>,
        { minKeys: 1, maxKeys: 6 },
      )
      .filter((d) => onlySafeIntegers(d as JsonValue))
      .filter((d) => JSON.stringify(d) === JSON.stringify(JSON.parse(JSON.stringify(d)))) as fc.Arbitrary<JsonObject>;
    const recomputed = (credential: JsonObject): Hex => {
      const { document, anchor: proof } = splitAnchor(credential);
      return toHex(recomputeDigest(document, proof).credentialDigest);
    };

    it("equals the independent reference for any document (header, fields, tree)", () => {
      fc.assert(
        fc.property(doc, (d) => {
          const sealed = sealBatch([d], anchor).credentials[0] as JsonObject;
          const proof = anchorOf(sealed);
          const document = anchoredDocument(sealed);
          delete document.proof;
          const fields = referenceFields(document);
          const leaves = fields.map((f) => {
            const salt = referenceSalt(proof.seed as Hex, f.pointer);
            return referenceFieldDigest(f.pointer, salt, canonicalize(f.value));
          });
          const headerHash = keccak256(
            concat([tag("acredita/header/v2"), viemToHex(canonicalize(referenceHeader(document, proof)))]),
          );
          assert.equal(proof.fieldCount, fields.length);
          assert.equal(
            proof.credentialDigest,
            referenceCredentialDigest(headerHash, fields.length, referenceFieldRoot(leaves)),
          );
        }),
        { numRuns: 1000 },
      );
    });

    it("is unchanged by key order and whitespace", () => {
      fc.assert(
        fc.property(doc, fc.integer({ min: 0, max: 3 }), (d, indent) => {
          const sealed = sealBatch([d], anchor).credentials[0] as JsonObject;
          const text = JSON.stringify(reverseKeys(sealed), null, indent);
          const reparsed = parseStrict(text) as JsonObject;
          assert.equal(recomputed(reparsed), anchorOf(sealed).credentialDigest);
        }),
        { numRuns: 1000 },
      );
    });

    it('changes when any single value changes, including true→false, 0→"" and null→0 (header values too)', () => {
      fc.assert(
        fc.property(doc, fc.nat(), fc.nat(), (d, pick, variant) => {
          const sealed = sealBatch([d], anchor).credentials[0] as JsonObject;
          const paths = leafPaths(d);
          const path = paths[pick % paths.length] as (string | number)[];
          const mutated = structuredClone(sealed);
          setAt(mutated, path, mutate(getAt(sealed, path), variant));
          let changed: Hex | undefined;
          try {
            changed = recomputed(mutated);
          } catch (error) {
            // Refused outright: an issuer moved between header and fields changes the field count.
            assert.ok(isAcreditaError(error, "DISCLOSURE_UNKNOWN_FIELD"), String(error));
            assert.equal(path[0], "issuer");
            return;
          }
          assert.notEqual(changed, anchorOf(sealed).credentialDigest, `changing ${JSON.stringify(path)} kept it`);
        }),
        { numRuns: 1000 },
      );
    });

    it('distinguishes the classic confusions true/false, 0/"", null/0, "1"/1, []/{} at the same field', () => {
      const pairs: [JsonValue, JsonValue][] = [
        [true, false],
        [0, ""],
        [null, 0],
        ["1", 1],
        [[], {}],
        ["", null],
      ];
      for (const [a, b] of pairs) {
        for (const key of ["x", "validUntil"]) {
          const sealed = sealBatch([{ [key]: a }], anchor).credentials[0] as JsonObject;
          const changed = { ...sealed, [key]: b };
          assert.notEqual(
            recomputed(changed),
            anchorOf(sealed).credentialDigest,
            `${key}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`,
          );
        }
      }
    });

    it("moving a value between the header and the fields changes the digest (issuer as a string or an object)", () => {
      const sealed = sealBatch([{ issuer: "did:example:a", name: "n" }], anchor).credentials[0] as JsonObject;
      const moved = { ...sealed, issuer: { id: "did:example:a" } };
      assert.notEqual(recomputed(moved), anchorOf(sealed).credentialDigest);
    });
  });
});

type Path = (string | number)[];

function onlySafeIntegers(value: JsonValue): boolean {
  if (typeof value === "number") return !Number.isInteger(value) || Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every(onlySafeIntegers);
  if (value !== null && typeof value === "object") return Object.values(value).every(onlySafeIntegers);
  return true;
}

function leafPaths(value: JsonValue, prefix: Path = []): Path[] {
  if (Array.isArray(value)) {
    return value.length === 0 ? [prefix] : value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length === 0 ? [prefix] : keys.flatMap((k) => leafPaths(value[k] as JsonValue, [...prefix, k]));
  }
  return [prefix];
}

function getAt(root: JsonValue, path: Path): JsonValue {
  let node: JsonValue = root;
  for (const step of path) node = (node as Record<string | number, JsonValue>)[step] as JsonValue;
  return node;
}

function setAt(root: JsonObject, path: Path, value: JsonValue): void {
  let node: JsonValue = root;
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, JsonValue>)[step] as JsonValue;
  (node as Record<string | number, JsonValue>)[path.at(-1) as string | number] = value;
}

/** A different JSON value: type-changing mutations first (true→false, 0→"", null→0 …), then value tweaks. */
function mutate(value: JsonValue, variant: number): JsonValue {
  if (value === true) return false;
  if (value === false) return variant % 2 === 0 ? true : 0;
  if (value === null) return variant % 2 === 0 ? 0 : "";
  if (value === 0) return variant % 2 === 0 ? "" : null;
  if (typeof value === "number") {
    const n = value * 2 + 1;
    return variant % 2 === 0 ? (n === value ? value + 2 : n) : String(value);
  }
  if (typeof value === "string") return variant % 2 === 0 ? `${value}x` : value === "" ? 0 : value.slice(1);
  if (Array.isArray(value)) return variant % 2 === 0 ? [null] : {};
  return variant % 2 === 0 ? { k: null } : [];
}

function reverseKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === "object") {
    const out: JsonObject = {};
    for (const key of Object.keys(value).reverse()) {
      Object.defineProperty(out, key, {
        value: reverseKeys(value[key] as JsonValue),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
