/**
 * JSON values as Acredita reads and hashes them: {@link parseStrict} (the strict parser of json-parser.ts, with a
 * size cap), the same forbidden-key rule for values parsed elsewhere, and RFC 8785 (JCS) canonical serialization:
 * UTF-16 code-unit key order, ECMAScript number and string serialization, no whitespace.
 */
import { utf8 } from "./bytes.ts";
import { AcreditaError } from "./errors.ts";
import { escapePointerToken, FORBIDDEN_KEYS, forbiddenKey, Parser } from "./json-parser.ts";

/** A JSON value as the strict parser returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Limits for {@link parseStrict}. */
export interface ParseOptions {
  /** Maximum input length in UTF-16 code units (default 1 MiB). */
  maxLength?: number;
  /** Maximum nesting depth of arrays and objects (default 64). */
  maxDepth?: number;
}

export const DEFAULT_MAX_LENGTH = 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;

/**
 * Throws PARSE_FORBIDDEN_KEY, naming where, when `value` (already parsed, e.g. by `JSON.parse`, which keeps
 * `__proto__` as an own property) holds a key of {@link FORBIDDEN_KEYS} at any depth. {@link parseStrict} does the
 * same while parsing.
 */
export function assertNoForbiddenKeys(value: unknown, pointer = "", depth = 0): void {
  if (typeof value !== "object" || value === null) return;
  if (depth > DEFAULT_MAX_DEPTH) {
    throw new AcreditaError("PARSE_TOO_DEEP", `nesting deeper than ${DEFAULT_MAX_DEPTH} at ${pointer || "/"}`, {
      pointer,
      maxDepth: DEFAULT_MAX_DEPTH,
    });
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertNoForbiddenKeys(value[i], `${pointer}/${i}`, depth + 1);
    return;
  }
  for (const key of Object.keys(value)) {
    const child = `${pointer}/${escapePointerToken(key)}`;
    if (FORBIDDEN_KEYS.has(key)) throw forbiddenKey(key, child);
    assertNoForbiddenKeys((value as Record<string, unknown>)[key], child, depth + 1);
  }
}

/**
 * Parses exactly one JSON text, strictly. Throws {@link AcreditaError} with one of the `PARSE_*` reason codes
 * (details carry the offset or JSON pointer).
 */
export function parseStrict(text: string, options: ParseOptions = {}): JsonValue {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    throw new AcreditaError("PARSE_TOO_LARGE", `input of ${text.length} characters exceeds ${maxLength}`, {
      length: text.length,
      maxLength,
    });
  }
  return new Parser(text, options.maxDepth ?? DEFAULT_MAX_DEPTH).parseDocument();
}

/** In a `u` regex a surrogate pair is one code point, so `\p{Cs}` matches only unpaired surrogates. */
const LONE_SURROGATE = /\p{Cs}/u;

function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

function serialize(value: unknown, depth: number): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) {
        throw new AcreditaError("CANONICAL_UNSUPPORTED_VALUE", `non-finite number ${String(value)}`);
      }
      // ECMAScript Number-to-String is exactly RFC 8785's number serialization (-0 becomes 0).
      return JSON.stringify(value);
    case "string":
      if (hasLoneSurrogate(value)) throw new AcreditaError("PARSE_LONE_SURROGATE", "unpaired surrogate in a string");
      // JSON.stringify's escaping of a well-formed string is exactly RFC 8785's.
      return JSON.stringify(value);
    case "object": {
      if (depth > DEFAULT_MAX_DEPTH) throw new AcreditaError("PARSE_TOO_DEEP", "value nested too deeply");
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ",";
          out += serialize(value[i], depth + 1);
        }
        return out + "]";
      }
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is RFC 8785's key order.
      const keys = Object.keys(record).sort();
      let out = "{";
      let first = true;
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue; // absent, as in JSON.stringify
        if (hasLoneSurrogate(key)) throw new AcreditaError("PARSE_LONE_SURROGATE", "unpaired surrogate in a key");
        if (!first) out += ",";
        first = false;
        out += JSON.stringify(key) + ":" + serialize(member, depth + 1);
      }
      return out + "}";
    }
    default:
      throw new AcreditaError("CANONICAL_UNSUPPORTED_VALUE", `cannot canonicalize a ${typeof value}`);
  }
}

/** The RFC 8785 canonical form of `value`, as a string. */
export function canonicalize(value: unknown): string {
  return serialize(value, 0);
}

/** The RFC 8785 canonical form of `value`, as UTF-8 bytes (what gets hashed). */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalize(value));
}
