import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import canonicalizeReference from "canonicalize";
import fc from "fast-check";
import { assertNoForbiddenKeys } from "../../../core/canonical.ts";
import { canonicalize, isAcreditaError, type JsonValue, parseStrict } from "../../../core/index.ts";

const RFC = new URL("../../fixtures/rfc8785/", import.meta.url).pathname;

function rejects(text: string, code: string, options?: Parameters<typeof parseStrict>[1]): void {
  assert.throws(
    () => parseStrict(text, options),
    (error: unknown) => isAcreditaError(error) && error.code === code,
    `expected ${code} for ${JSON.stringify(text.slice(0, 60))}`,
  );
}

/**
 * JSON values the strict parser accepts (no lone surrogates, safe integers, finite doubles, no `__proto__` or
 * `constructor` key: fast-check proposes those on purpose).
 */
const jsonValue: fc.Arbitrary<JsonValue> = (fc.jsonValue() as fc.Arbitrary<JsonValue>).filter(parserAccepts);

function parserAccepts(value: JsonValue): boolean {
  if (typeof value === "number") return !Number.isInteger(value) || Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every(parserAccepts);
  if (value !== null && typeof value === "object") {
    return (
      Object.keys(value).every((key) => key !== "__proto__" && key !== "constructor") &&
      Object.values(value).every(parserAccepts)
    );
  }
  return true;
}

describe("canonical", () => {
  describe("canonicalize (RFC 8785)", () => {
    for (const name of readdirSync(join(RFC, "input"))) {
      it(`produces the RFC 8785 reference output for ${name}`, () => {
        const input = readFileSync(join(RFC, "input", name), "utf8");
        const expected = readFileSync(join(RFC, "output", name), "utf8");
        assert.equal(canonicalize(parseStrict(input)), expected);
      });
    }

    it("matches the reference bytes of simpleString (outhex)", () => {
      const hex = readFileSync(join(RFC, "outhex", "simpleString.txt"), "utf8")
        .trim()
        .split(/\s+/)
        .join("")
        .toLowerCase();
      const bytes = new TextEncoder().encode(
        canonicalize(parseStrict(readFileSync(join(RFC, "input", "simpleString.json"), "utf8"))),
      );
      assert.equal(Buffer.from(bytes).toString("hex"), hex);
    });

    it("agrees with the canonicalize package on arbitrary JSON (1,000 runs)", () => {
      fc.assert(
        fc.property(jsonValue, (value) => {
          assert.equal(canonicalize(value), canonicalizeReference(value));
        }),
        { numRuns: 1000 },
      );
    });

    it("is unchanged by key order and whitespace (1,000 runs)", () => {
      fc.assert(
        fc.property(jsonValue, fc.integer({ min: 0, max: 4 }), (value, indent) => {
          const reordered = reorder(value);
          const text = JSON.stringify(reordered, null, indent);
          assert.equal(canonicalize(parseStrict(text)), canonicalize(value));
        }),
        { numRuns: 1000 },
      );
    });

    it("rejects lone surrogates, non-finite numbers and non-JSON values", () => {
      for (const bad of ["\uD800", { "\uDC00": 1 }, Number.NaN, Number.POSITIVE_INFINITY, () => 1, 10n]) {
        assert.throws(
          () => canonicalize(bad),
          (e: unknown) => isAcreditaError(e),
        );
      }
    });

    it("serializes -0 as 0 and keeps ECMAScript number forms", () => {
      assert.equal(canonicalize([-0, 1e21, 1e-7, 0.1, 123456789012]), "[0,1e+21,1e-7,0.1,123456789012]");
    });
  });

  describe("parseStrict", () => {
    it("round-trips any JSON value (1,000 runs)", () => {
      fc.assert(
        fc.property(jsonValue, (value) => {
          assert.deepEqual(parseStrict(JSON.stringify(value)), JSON.parse(JSON.stringify(value)));
        }),
        { numRuns: 1000 },
      );
    });

    it("terminates on any input and fails only with reason codes (1,000 runs)", () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.string({ unit: "binary" }),
            jsonValue.map((v) => JSON.stringify(v).slice(0, -1)),
          ),
          (text) => {
            try {
              parseStrict(text);
            } catch (error) {
              assert.ok(isAcreditaError(error), String(error));
            }
          },
        ),
        { numRuns: 1000 },
      );
    });

    it("rejects a duplicate key at the top level with PARSE_DUPLICATE_KEY", () => {
      rejects('{"a":1,"a":2}', "PARSE_DUPLICATE_KEY");
    });

    it("rejects a duplicate key at any depth and names its pointer", () => {
      try {
        parseStrict('{"x":[{"ok":1},{"b":{"c":1,"c":1}}]}');
        assert.fail("accepted a duplicate key");
      } catch (error) {
        assert.ok(isAcreditaError(error, "PARSE_DUPLICATE_KEY"));
        assert.equal(error.details.pointer, "/x/1/b/c");
      }
    });

    it("rejects keys that differ only by escaping as duplicates", () => {
      rejects('{"a":1,"\\u0061":2}', "PARSE_DUPLICATE_KEY");
    });

    it("rejects lone surrogates, escaped or raw, with PARSE_LONE_SURROGATE", () => {
      rejects('"\\uD800"', "PARSE_LONE_SURROGATE");
      rejects('"\\uDC00"', "PARSE_LONE_SURROGATE");
      rejects('"\\uD800\\u0041"', "PARSE_LONE_SURROGATE");
      rejects('"\\uD83D x"', "PARSE_LONE_SURROGATE");
      rejects('"\uD800"', "PARSE_LONE_SURROGATE");
      rejects('{"\uDFFF":1}', "PARSE_LONE_SURROGATE");
      assert.equal(parseStrict('"\\uD83D\\uDE02"'), "😂");
      assert.equal(parseStrict('"😂"'), "😂");
    });

    it("rejects integers beyond 2^53 with PARSE_NUMBER_NOT_EXACT", () => {
      rejects("9007199254740993", "PARSE_NUMBER_NOT_EXACT");
      rejects("[-9007199254740992]", "PARSE_NUMBER_NOT_EXACT");
      assert.equal(parseStrict("9007199254740991"), Number.MAX_SAFE_INTEGER);
    });

    it("rejects numbers that overflow or underflow a double with PARSE_NUMBER_OUT_OF_RANGE", () => {
      rejects("1e400", "PARSE_NUMBER_OUT_OF_RANGE");
      rejects("-1E+309", "PARSE_NUMBER_OUT_OF_RANGE");
      rejects("1e-400", "PARSE_NUMBER_OUT_OF_RANGE");
      assert.equal(parseStrict("0e-400"), 0);
    });

    it("rejects input over the size cap with PARSE_TOO_LARGE", () => {
      rejects(`"${"x".repeat(100)}"`, "PARSE_TOO_LARGE", { maxLength: 50 });
      rejects(" ".repeat(1024 * 1024 + 1), "PARSE_TOO_LARGE");
    });

    it("rejects nesting over the depth cap with PARSE_TOO_DEEP", () => {
      rejects("[".repeat(65) + "]".repeat(65), "PARSE_TOO_DEEP");
      rejects('{"a":'.repeat(10) + "1" + "}".repeat(10), "PARSE_TOO_DEEP", { maxDepth: 5 });
      assert.ok(Array.isArray(parseStrict("[".repeat(64) + "]".repeat(64))));
    });

    it("rejects non-JSON with PARSE_NOT_JSON", () => {
      for (const text of [
        "",
        "   ",
        "{",
        "[1,]",
        "{'a':1}",
        "NaN",
        "01",
        "1.",
        "+1",
        '"\t"',
        '"a',
        "tru",
        '{"a" 1}',
        "\uFEFF{}",
        "[1 2]",
        '"\\x"',
      ]) {
        rejects(text, "PARSE_NOT_JSON");
      }
    });

    it("rejects trailing garbage with PARSE_TRAILING_DATA", () => {
      rejects("{} {}", "PARSE_TRAILING_DATA");
      rejects("1 2", "PARSE_TRAILING_DATA");
      rejects('{"a":1}x', "PARSE_TRAILING_DATA");
      assert.deepEqual(parseStrict(' {"a":1} \n'), { a: 1 });
    });

    it("rejects __proto__ and constructor keys at any depth with PARSE_FORBIDDEN_KEY, naming where", () => {
      const cases: [string, string][] = [
        ['{"__proto__":{"polluted":true}}', "/__proto__"],
        ['{"a":[{"b":1},{"constructor":{"prototype":{"x":1}}}]}', "/a/1/constructor"],
        ['{"proof":[{"disclosed":{"salts":[],"__proto__":[]}}]}', "/proof/0/disclosed/__proto__"],
        ['{"a":{"\\u005f_proto__":1}}', "/a/__proto__"],
      ];
      for (const [text, pointer] of cases) {
        assert.throws(
          () => parseStrict(text),
          (error: unknown) =>
            isAcreditaError(error) && error.code === "PARSE_FORBIDDEN_KEY" && error.details.pointer === pointer,
          text,
        );
      }
      assert.equal(({} as { polluted?: unknown }).polluted, undefined);
      // Look-alikes are ordinary keys.
      assert.deepEqual(Object.keys(parseStrict('{"__proto":1,"Constructor":2,"prototype":3}') as object), [
        "__proto",
        "Constructor",
        "prototype",
      ]);
    });

    it("assertNoForbiddenKeys finds what JSON.parse keeps as an own __proto__ property", () => {
      const parsed = JSON.parse('{"a":{"b":[{"__proto__":{"x":1}}]}}') as unknown;
      assert.throws(
        () => {
          assertNoForbiddenKeys(parsed);
        },
        (error: unknown) =>
          isAcreditaError(error) &&
          error.code === "PARSE_FORBIDDEN_KEY" &&
          error.details.pointer === "/a/b/0/__proto__",
      );
      assertNoForbiddenKeys(JSON.parse('{"a":{"b":[{"proto":1}]}}'));
    });
  });
});

/** The same JSON value with every object's keys in reverse order. */
function reorder(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(reorder);
  if (value !== null && typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(value).reverse()) {
      Object.defineProperty(out, key, {
        value: reorder(value[key] as JsonValue),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
