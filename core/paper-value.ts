/**
 * The compact binary JSON of paper links (layout 1, paper-link.ts): a fixed dictionary of the strings every
 * credential repeats, back-references to strings already written, and raw bytes for did:key keys, Multikeys,
 * urn:uuid ids and date-times; every other value tagged (null, booleans, canonical numbers, UTF-8 text, arrays,
 * objects). The writer picks the one shortest form of each string; the reader is strict (attacker input): depth
 * capped, every count bounded by the bytes left, shortest-form varints, UTF-8 checked, `__proto__`/`constructor`
 * and duplicate keys refused — anything else is LINK_PAPER_MALFORMED.
 */
import { fromHex, type Hex, toHex, utf8 } from "./bytes.ts";
import { canonicalize, type JsonObject, type JsonValue } from "./canonical.ts";
import { AcreditaError } from "./errors.ts";
import { FORBIDDEN_KEYS } from "./json-parser.ts";
import { ed25519PublicKeyFromMultibase, ed25519PublicKeyToMultibase } from "./multikey.ts";

const MAX_DEPTH = 12;

/** Throws LINK_PAPER_MALFORMED. */
export function malformed(message: string): never {
  throw new AcreditaError("LINK_PAPER_MALFORMED", message);
}

/**
 * Strings every Acredita credential repeats (layout 1: append only, never reorder). A string here is written as
 * its index.
 */
const DICTIONARY: readonly string[] = [
  "@context",
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
  "https://w3id.org/acredita/v2",
  "id",
  "type",
  "VerifiableCredential",
  "OpenBadgeCredential",
  "AchievementCredential",
  "name",
  "issuer",
  "Profile",
  "validFrom",
  "validUntil",
  "credentialSubject",
  "AchievementSubject",
  "identifier",
  "IdentityObject",
  "identityType",
  "hashed",
  "identityHash",
  "emailAddress",
  "sisSourcedId",
  "achievement",
  "Achievement",
  "achievementType",
  "MicroCredential",
  "description",
  "controller",
  "publicKeyMultibase",
  "Multikey",
  "url",
  "image",
];
const DICTIONARY_INDEX = new Map(DICTIONARY.map((s, i) => [s, i]));

const Tag = {
  Null: 0,
  False: 1,
  True: 2,
  Number: 3,
  Text: 4,
  Dictionary: 5,
  Earlier: 6,
  DidKey: 7,
  DidKeyMethod: 8,
  UrnUuid: 9,
  DateTime: 10,
  Array: 11,
  Object: 12,
  Multikey: 13,
  Fragment: 14,
} as const;

const UUID = /^urn:uuid:([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const MAX_DATE_SECONDS = 253402300799; // 9999-12-31T23:59:59Z

function dateTimeText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** Writes a paper payload: raw bytes, LEB128 varints, and values in layout 1. */
export class PaperWriter {
  private bytes: number[] = [];
  private strings = new Map<string, number>();
  private count = 0;

  u8(v: number): void {
    this.bytes.push(v);
  }
  varint(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0) throw new AcreditaError("LINK_PAPER_MALFORMED", `cannot write ${String(v)}`);
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
  }
  raw(b: Uint8Array): void {
    for (const x of b) this.bytes.push(x);
  }
  hex(h: string, length: number): void {
    const b = fromHex(h);
    if (b.length !== length) throw new AcreditaError("LINK_PAPER_MALFORMED", `expected ${String(length)} bytes`);
    this.raw(b);
  }
  text(s: string): void {
    const b = utf8(s);
    this.varint(b.length);
    this.raw(b);
  }
  /** A string in the shortest form layout 1 has for it (the choice is deterministic). */
  string(s: string): void {
    const dictionary = DICTIONARY_INDEX.get(s);
    const earlier = this.strings.get(s);
    if (dictionary !== undefined) {
      this.u8(Tag.Dictionary);
      this.varint(dictionary);
    } else if (earlier !== undefined) {
      this.u8(Tag.Earlier);
      this.varint(earlier);
    } else {
      this.special(s);
    }
    if (dictionary === undefined && earlier === undefined) this.strings.set(s, this.count);
    this.count++;
  }
  private special(s: string): void {
    const uuid = UUID.exec(s);
    if (uuid !== null) {
      this.u8(Tag.UrnUuid);
      this.raw(fromHex(`0x${uuid.slice(1).join("")}`));
      return;
    }
    const date = DATE_TIME.exec(s);
    if (date !== null) {
      const seconds = Date.parse(s) / 1000;
      if (Number.isSafeInteger(seconds) && seconds >= 0 && seconds <= MAX_DATE_SECONDS && dateTimeText(seconds) === s) {
        this.u8(Tag.DateTime);
        this.varint(seconds);
        return;
      }
    }
    const key = multikeyBytes(s.startsWith("did:key:") ? s.slice(8) : s);
    if (key !== undefined) {
      const multibase = ed25519PublicKeyToMultibase(key);
      if (s === `did:key:${multibase}`) {
        this.u8(Tag.DidKey);
        this.raw(key);
        return;
      }
      if (s === multibase) {
        this.u8(Tag.Multikey);
        this.raw(key);
        return;
      }
    }
    const method = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)#(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(s);
    const methodKey = method !== null && method[1] === method[2] ? multikeyBytes(method[1] as string) : undefined;
    if (methodKey !== undefined) {
      this.u8(Tag.DidKeyMethod);
      this.raw(methodKey);
      return;
    }
    const hash = s.indexOf("#");
    const base = hash > 0 ? this.strings.get(s.slice(0, hash)) : undefined;
    if (base !== undefined) {
      this.u8(Tag.Fragment);
      this.varint(base);
      this.text(s.slice(hash + 1));
      return;
    }
    this.u8(Tag.Text);
    this.text(s);
  }
  value(v: JsonValue, depth = 0): void {
    if (depth > MAX_DEPTH) throw new AcreditaError("LINK_PAPER_MALFORMED", "the credential is nested too deeply");
    if (v === null) this.u8(Tag.Null);
    else if (v === false) this.u8(Tag.False);
    else if (v === true) this.u8(Tag.True);
    else if (typeof v === "number") {
      this.u8(Tag.Number);
      this.text(canonicalize(v));
    } else if (typeof v === "string") this.string(v);
    else if (Array.isArray(v)) {
      this.u8(Tag.Array);
      this.varint(v.length);
      for (const element of v) this.value(element, depth + 1);
    } else {
      const keys = Object.keys(v);
      this.u8(Tag.Object);
      this.varint(keys.length);
      for (const key of keys) {
        this.string(key);
        this.value(v[key] as JsonValue, depth + 1);
      }
    }
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function multikeyBytes(multibase: string): Uint8Array | undefined {
  if (!/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/.test(multibase)) return undefined;
  try {
    return ed25519PublicKeyFromMultibase(multibase);
  } catch {
    return undefined;
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads a paper payload strictly (see the module comment). */
export class PaperReader {
  private offset = 0;
  private strings: string[] = [];
  private readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  get left(): number {
    return this.bytes.length - this.offset;
  }
  u8(): number {
    const v = this.bytes[this.offset];
    if (v === undefined) malformed("the payload ends too early");
    this.offset++;
    return v;
  }
  varint(max = Number.MAX_SAFE_INTEGER): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (i >= 8) malformed("a number is too long");
      const b = this.u8();
      v += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (b === 0 && i > 0) malformed("a number is not in its shortest form");
        break;
      }
      scale *= 0x80;
    }
    if (v > max) malformed(`a number exceeds ${String(max)}`);
    return v;
  }
  raw(length: number): Uint8Array {
    if (length > this.left) malformed("the payload ends too early");
    const out = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }
  hex(length: number): Hex {
    return toHex(this.raw(length));
  }
  text(): string {
    const length = this.varint(this.left);
    try {
      return strictUtf8.decode(this.raw(length));
    } catch {
      return malformed("a text is not UTF-8");
    }
  }
  string(tag = this.u8()): string {
    let s: string;
    switch (tag) {
      case Tag.Dictionary:
        s = DICTIONARY[this.varint(DICTIONARY.length - 1)] as string;
        break;
      case Tag.Earlier:
        s = this.strings[this.varint()] ?? malformed("a back-reference points past the strings read");
        break;
      case Tag.UrnUuid: {
        const h = toHex(this.raw(16)).slice(2);
        s = `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        break;
      }
      case Tag.DateTime:
        s = dateTimeText(this.varint(MAX_DATE_SECONDS));
        break;
      case Tag.DidKey:
        s = `did:key:${ed25519PublicKeyToMultibase(this.raw(32))}`;
        break;
      case Tag.DidKeyMethod: {
        const multibase = ed25519PublicKeyToMultibase(this.raw(32));
        s = `did:key:${multibase}#${multibase}`;
        break;
      }
      case Tag.Multikey:
        s = ed25519PublicKeyToMultibase(this.raw(32));
        break;
      case Tag.Text:
        s = this.text();
        break;
      case Tag.Fragment: {
        const base = this.strings[this.varint()] ?? malformed("a back-reference points past the strings read");
        s = `${base}#${this.text()}`;
        break;
      }
      default:
        return malformed(`unknown string tag ${String(tag)}`);
    }
    // The writer numbers every string it writes (back-references count from there): mirror it. A reference to a
    // string that was itself not fresh is never written, which the re-encoding check in decodePaperPayload refuses.
    this.strings.push(s);
    return s;
  }
  value(depth = 0): JsonValue {
    if (depth > MAX_DEPTH) malformed("the credential is nested too deeply");
    const tag = this.u8();
    switch (tag) {
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Number: {
        const text = this.text();
        const n = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
        if (!Number.isFinite(n) || canonicalize(n) !== text) malformed("a number is not in canonical form");
        return n;
      }
      case Tag.Array: {
        const count = this.varint(this.left);
        const out: JsonValue[] = [];
        for (let i = 0; i < count; i++) out.push(this.value(depth + 1));
        return out;
      }
      case Tag.Object: {
        const count = this.varint(this.left);
        const out: JsonObject = {};
        for (let i = 0; i < count; i++) {
          const key = this.string();
          if (FORBIDDEN_KEYS.has(key)) malformed(`the key ${JSON.stringify(key)} is not allowed`);
          if (Object.hasOwn(out, key)) malformed(`the key ${JSON.stringify(key)} appears twice`);
          out[key] = this.value(depth + 1);
        }
        return out;
      }
      default:
        return this.string(tag);
    }
  }
}
