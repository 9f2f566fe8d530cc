import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { concat, encodeAbiParameters, keccak256, numberToHex, toBytes, toHex as viemToHex } from "viem";
import {
  canonicalize,
  checkLocally,
  type CredentialDocument,
  disableFastHashing,
  enableFastHashing,
  FORMAT_TAG,
  type Hex,
  type JsonObject,
  type JsonValue,
  keccak,
  LEAF_ENCODING,
  parseStrict,
  recomputeCredentialDigest,
  sealBatch,
  toHex,
} from "../../../core/index.ts";
import { GOLDEN_CHAIN_ID, GOLDEN_REGISTRY, makeGolden, readGolden, withoutProof } from "../../helpers/golden.ts";

interface GoldenCohortFile {
  anchor: { chainId: number; registry: Hex; institutionId: number };
  batchRoot: Hex;
  vectors: {
    canonicalDocument: string;
    fields: {
      pointer: string;
      canonicalValue: string;
      salt: Hex;
      valueHash: Hex;
      saltedDigest: Hex;
      fieldDigest: Hex;
    }[];
    credentialDigest: Hex;
    leaf: Hex;
    batchRoot: Hex;
  }[];
  credentials: CredentialDocument[];
}

const COHORT_FILES = ["negociacion-liderazgo", "analise-de-dados"] as const;
const tag = (s: string): Hex => keccak256(viemToHex(s));

/** The documented formulas, written independently with viem (hex-level, no core code). */
function referenceFieldDigest(
  pointer: string,
  salt: Hex,
  canonicalValue: string,
): { valueHash: Hex; salted: Hex; field: Hex } {
  const valueHash = keccak256(viemToHex(canonicalValue));
  const salted = keccak256(concat([tag("acredita/salted-value/v1"), salt, valueHash]));
  const pointerBytes = viemToHex(pointer);
  const field = keccak256(
    concat([tag("acredita/field/v1"), numberToHex((pointerBytes.length - 2) / 2, { size: 4 }), pointerBytes, salted]),
  );
  return { valueHash, salted, field };
}

function referenceCredentialDigest(fieldDigests: Hex[]): Hex {
  const sorted = [...fieldDigests].sort();
  return keccak256(concat([tag("acredita/credential-digest/v1"), numberToHex(sorted.length, { size: 4 }), ...sorted]));
}

function referenceLeaf(chainId: number, registry: Hex, institutionId: number, index: number, digest: Hex): Hex {
  const encoded = encodeAbiParameters(
    LEAF_ENCODING.map((type) => ({ type })),
    [FORMAT_TAG, BigInt(chainId), registry, institutionId, index, digest],
  );
  return keccak256(keccak256(encoded));
}

describe("digest", () => {
  describe("golden vectors (format v1, frozen)", () => {
    it("regenerating the golden batches and the redacted credential gives the frozen files byte for byte", async () => {
      const golden = await makeGolden();
      for (const cohort of golden.cohorts) {
        assert.deepEqual(JSON.parse(JSON.stringify(cohort.file)), readGolden(`${cohort.name}.json`), cohort.name);
      }
      assert.deepEqual(JSON.parse(JSON.stringify(golden.redacted)), readGolden("redacted.json"));
    });

    for (const name of COHORT_FILES) {
      it(`the ${name} vectors follow the documented formulas (independent viem implementation)`, () => {
        const file = readGolden(`${name}.json`) as GoldenCohortFile;
        for (const vector of file.vectors) {
          const fieldDigests = vector.fields.map((f) => {
            const ref = referenceFieldDigest(f.pointer, f.salt, f.canonicalValue);
            assert.equal(ref.valueHash, f.valueHash, f.pointer);
            assert.equal(ref.salted, f.saltedDigest, f.pointer);
            assert.equal(ref.field, f.fieldDigest, f.pointer);
            return ref.field;
          });
          assert.equal(referenceCredentialDigest(fieldDigests), vector.credentialDigest);
          const index = file.vectors.indexOf(vector);
          assert.equal(
            referenceLeaf(
              file.anchor.chainId,
              file.anchor.registry,
              file.anchor.institutionId,
              index,
              vector.credentialDigest,
            ),
            vector.leaf,
          );
          assert.equal(vector.batchRoot, file.batchRoot);
          const credential = file.credentials[index] as JsonObject;
          assert.equal(canonicalize(withoutProof(credential)), vector.canonicalDocument);
        }
        assert.equal(file.anchor.chainId, GOLDEN_CHAIN_ID);
        assert.equal(file.anchor.registry, GOLDEN_REGISTRY);
      });

      it(`every frozen ${name} credential still verifies locally (digest and path to the root)`, () => {
        const file = readGolden(`${name}.json`) as GoldenCohortFile;
        for (const credential of file.credentials) {
          const local = checkLocally(JSON.stringify(credential));
          assert.equal(local.checks.FORMAT?.status, "VALID");
          assert.equal(local.checks.INTEGRITY?.status, "VALID", JSON.stringify(local.checks.INTEGRITY));
        }
      });
    }

    it("the frozen redacted credential verifies to the original digest and lists its hidden fields", () => {
      const file = readGolden("redacted.json") as { hidden: string[]; credentialDigest: Hex; credential: JsonObject };
      const local = checkLocally(file.credential);
      assert.equal(local.checks.INTEGRITY?.status, "VALID");
      assert.deepEqual(local.hiddenFields, file.hidden);
      const text = JSON.stringify(file.credential);
      assert.ok(!text.includes("maria.garcia0@correo.example"));
      assert.ok(!text.includes("UNEJE-2026-0001"));
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
      .filter((d) => leafPaths(d as JsonValue).length > 0 && onlySafeIntegers(d as JsonValue))
      .filter((d) => JSON.stringify(d) === JSON.stringify(JSON.parse(JSON.stringify(d)))) as fc.Arbitrary<JsonObject>;

    it("is unchanged by key order and whitespace", () => {
      fc.assert(
        fc.property(doc, fc.integer({ min: 0, max: 3 }), (d, indent) => {
          const sealed = sealBatch([d], anchor).credentials[0] as JsonObject;
          const text = JSON.stringify(reverseKeys(sealed), null, indent);
          const reparsed = parseStrict(text) as JsonObject;
          assert.equal(
            toHex(recomputeCredentialDigest(reparsed, reparsed.proof as never).credentialDigest),
            (sealed.proof as JsonObject).credentialDigest,
          );
        }),
        { numRuns: 1000 },
      );
    });

    it('changes when any single value changes, including true→false, 0→"" and null→0', () => {
      fc.assert(
        fc.property(doc, fc.nat(), fc.nat(), (d, pick, variant) => {
          const sealed = sealBatch([d], anchor).credentials[0] as JsonObject;
          const proof = sealed.proof as never;
          const paths = leafPaths(d);
          const path = paths[pick % paths.length] as (string | number)[];
          const mutated = structuredClone(sealed);
          setAt(mutated, path, mutate(getAt(sealed, path), variant));
          assert.notEqual(
            toHex(recomputeCredentialDigest(mutated, proof).credentialDigest),
            (sealed.proof as JsonObject).credentialDigest,
            `changing ${JSON.stringify(path)} kept the digest`,
          );
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
        const sealed = sealBatch([{ x: a }], anchor).credentials[0] as JsonObject;
        const changed = { ...sealed, x: b };
        assert.notEqual(
          toHex(recomputeCredentialDigest(changed, sealed.proof as never).credentialDigest),
          (sealed.proof as JsonObject).credentialDigest,
          `${JSON.stringify(a)} → ${JSON.stringify(b)}`,
        );
      }
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
