/**
 * The strict JSON parser behind `parseStrict` (canonical.ts, which adds the size cap): it rejects everything
 * that would let two readers see two different documents — duplicate keys at any depth, lone surrogates (escaped
 * or raw), integers beyond ±(2^53−1) written as integers, numbers that overflow or underflow an IEEE-754 double,
 * anything that is not exactly one JSON text (trailing data included) — caps nesting depth, and rejects the keys
 * `__proto__` and `constructor` at any depth (PARSE_FORBIDDEN_KEY): JavaScript code that reads an object as a map,
 * copies it member by member or validates it with a schema library silently drops or misreads them, so a document
 * holding one could mean one thing to the digest and another to the reader.
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import { AcreditaError } from "./errors.ts";

const MAX_EXACT_INTEGER = Number.MAX_SAFE_INTEGER; // 2^53 - 1

/** Object keys no document may use (see the module comment). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor"]);

/** PARSE_FORBIDDEN_KEY for `key` at `pointer` (and `offset` in the text, when parsing). */
export function forbiddenKey(key: string, pointer: string, offset?: number): AcreditaError {
  return new AcreditaError(
    "PARSE_FORBIDDEN_KEY",
    `the key ${JSON.stringify(key)} is not allowed (at ${pointer || "/"})`,
    offset === undefined ? { key, pointer } : { key, pointer, offset },
  );
}

/** Escapes a key for a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string): string {
  if (!token.includes("~") && !token.includes("/")) return token;
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The parser over one JSON text (see the module comment); `parseStrict` runs it. */
export class Parser {
  private pos = 0;
  private readonly text: string;
  private readonly maxDepth: number;
  /** Keys and indexes from the root to the value being parsed; a JSON pointer is built from it only for errors. */
  private readonly path: (string | number)[] = [];

  constructor(text: string, maxDepth: number) {
    this.text = text;
    this.maxDepth = maxDepth;
  }

  parseDocument(): JsonValue {
    this.skipWhitespace();
    const value = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos !== this.text.length) {
      throw new AcreditaError("PARSE_TRAILING_DATA", `unexpected content at offset ${this.pos}`, {
        offset: this.pos,
      });
    }
    return value;
  }

  /** The JSON pointer of the value being parsed (RFC 6901). */
  private pointer(): string {
    let out = "";
    for (const token of this.path) out += `/${typeof token === "number" ? String(token) : escapePointerToken(token)}`;
    return out;
  }

  private fail(what: string): never {
    throw new AcreditaError("PARSE_NOT_JSON", `${what} at offset ${this.pos}`, { offset: this.pos });
  }

  private skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  private parseValue(depth: number): JsonValue {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: // {
        return this.parseObject(depth + 1);
      case 0x5b: // [
        return this.parseArray(depth + 1);
      case 0x22: // "
        return this.parseString();
      case 0x74: // t
        return this.parseLiteral("true", true);
      case 0x66: // f
        return this.parseLiteral("false", false);
      case 0x6e: // n
        return this.parseLiteral("null", null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
        if (Number.isNaN(c)) this.fail("unexpected end of input");
        return this.fail("unexpected character");
    }
  }

  private parseLiteral<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail("invalid literal");
    this.pos += word.length;
    return value;
  }

  private enter(depth: number): void {
    if (depth > this.maxDepth) {
      const pointer = this.pointer();
      throw new AcreditaError("PARSE_TOO_DEEP", `nesting deeper than ${this.maxDepth} at ${pointer || "/"}`, {
        pointer,
        maxDepth: this.maxDepth,
      });
    }
  }

  private parseObject(depth: number): JsonObject {
    this.enter(depth);
    this.pos++; // {
    const out: JsonObject = {};
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return out;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail("expected a string key");
      const keyOffset = this.pos;
      const key = this.parseString();
      this.path.push(key);
      if (FORBIDDEN_KEYS.has(key)) throw forbiddenKey(key, this.pointer(), keyOffset);
      if (Object.hasOwn(out, key)) {
        const pointer = this.pointer();
        throw new AcreditaError("PARSE_DUPLICATE_KEY", `duplicate key at ${pointer}`, { pointer, offset: keyOffset });
      }
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail("expected ':'");
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue(depth);
      this.path.pop();
      out[key] = value;
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        this.skipWhitespace();
      } else if (c === 0x7d) {
        this.pos++;
        return out;
      } else {
        this.fail("expected ',' or '}'");
      }
    }
  }

  private parseArray(depth: number): JsonValue[] {
    this.enter(depth);
    this.pos++; // [
    const out: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.path.push(out.length);
      out.push(this.parseValue(depth));
      this.path.pop();
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        this.skipWhitespace();
      } else if (c === 0x5d) {
        this.pos++;
        return out;
      } else {
        this.fail("expected ',' or ']'");
      }
    }
  }

  private loneSurrogate(offset: number): never {
    throw new AcreditaError("PARSE_LONE_SURROGATE", `unpaired surrogate at offset ${offset}`, { offset });
  }

  private parseString(): string {
    const text = this.text;
    let pos = this.pos + 1;
    let out = "";
    let chunkStart = pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(chunkStart, pos);
        this.pos = pos + 1;
        return out;
      }
      if (c === 0x5c) {
        out += text.slice(chunkStart, pos);
        const e = text.charCodeAt(pos + 1);
        switch (e) {
          case 0x22:
            out += '"';
            break;
          case 0x5c:
            out += "\\";
            break;
          case 0x2f:
            out += "/";
            break;
          case 0x62:
            out += "\b";
            break;
          case 0x66:
            out += "\f";
            break;
          case 0x6e:
            out += "\n";
            break;
          case 0x72:
            out += "\r";
            break;
          case 0x74:
            out += "\t";
            break;
          case 0x75: {
            const unit = this.readHex4(pos + 2);
            if (unit >= 0xd800 && unit <= 0xdbff) {
              // A high surrogate must be followed by an escaped low surrogate.
              if (text.charCodeAt(pos + 6) !== 0x5c || text.charCodeAt(pos + 7) !== 0x75) this.loneSurrogate(pos);
              const low = this.readHex4(pos + 8);
              if (low < 0xdc00 || low > 0xdfff) this.loneSurrogate(pos);
              out += String.fromCharCode(unit, low);
              pos += 6;
            } else if (unit >= 0xdc00 && unit <= 0xdfff) {
              this.loneSurrogate(pos);
            } else {
              out += String.fromCharCode(unit);
            }
            pos += 4;
            break;
          }
          default:
            this.pos = pos;
            this.fail("invalid escape");
        }
        pos += 2;
        chunkStart = pos;
        continue;
      }
      if (c < 0x20 || Number.isNaN(c)) {
        this.pos = pos;
        if (Number.isNaN(c)) this.fail("unterminated string");
        this.fail("unescaped control character in string");
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        // Raw surrogates in the input string must come as a high+low pair.
        if (c <= 0xdbff) {
          const next = text.charCodeAt(pos + 1);
          if (next >= 0xdc00 && next <= 0xdfff) {
            pos += 2;
            continue;
          }
        }
        this.loneSurrogate(pos);
      }
      pos++;
    }
  }

  private readHex4(at: number): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.text.charCodeAt(at + i);
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (c >= 97 && c <= 102) d = c - 87;
      else if (c >= 65 && c <= 70) d = c - 55;
      else {
        this.pos = at;
        return this.fail("invalid \\u escape");
      }
      value = value * 16 + d;
    }
    return value;
  }

  private parseNumber(): number {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const firstDigit = text.charCodeAt(pos);
    if (firstDigit === 0x30) {
      pos++;
      if (isDigit(text.charCodeAt(pos))) {
        this.pos = pos;
        this.fail("invalid number: leading zero");
      }
    } else if (firstDigit >= 0x31 && firstDigit <= 0x39) {
      while (isDigit(text.charCodeAt(pos))) pos++;
    } else {
      this.pos = pos;
      this.fail("invalid number");
    }
    let integerLiteral = true;
    if (text.charCodeAt(pos) === 0x2e) {
      integerLiteral = false;
      pos++;
      if (!isDigit(text.charCodeAt(pos))) {
        this.pos = pos;
        this.fail("invalid number: digit expected after '.'");
      }
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      integerLiteral = false;
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 0x2b || sign === 0x2d) pos++;
      if (!isDigit(text.charCodeAt(pos))) {
        this.pos = pos;
        this.fail("invalid number: digit expected in exponent");
      }
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const literal = text.slice(start, pos);
    const value = Number(literal);
    if (!Number.isFinite(value)) {
      throw new AcreditaError(
        "PARSE_NUMBER_OUT_OF_RANGE",
        `${literal} overflows a double at ${this.pointer() || "/"}`,
        {
          pointer: this.pointer(),
          literal,
        },
      );
    }
    if (value === 0 && /[1-9]/.test(literal.replace(/[eE].*$/, ""))) {
      throw new AcreditaError(
        "PARSE_NUMBER_OUT_OF_RANGE",
        `${literal} underflows to zero at ${this.pointer() || "/"}`,
        {
          pointer: this.pointer(),
          literal,
        },
      );
    }
    if (integerLiteral && Math.abs(value) > MAX_EXACT_INTEGER) {
      throw new AcreditaError("PARSE_NUMBER_NOT_EXACT", `${literal} is beyond 2^53 at ${this.pointer() || "/"}`, {
        pointer: this.pointer(),
        literal,
      });
    }
    this.pos = pos;
    return value;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
