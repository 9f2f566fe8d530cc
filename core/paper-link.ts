/**
 * Paper links: the QR code printed on a certificate carries a *redacted credential* — the learner's name, the
 * achievement, the institution and the validity dates disclosed, every other field hidden behind the field-tree
 * multiproof — with its anchor proof, so that scanning it verifies what the paper shows (INTEGRITY against the
 * anchor, the dates for expiry), not only that some credential is anchored.
 *
 *   <verifier page>#V2.<base43(payload)>
 *
 * The payload is a versioned binary layout (layout 1, see {@link encodePaperPayload}): the redacted credential
 * (without its proof) as compact binary JSON — a fixed dictionary of the strings every credential repeats,
 * back-references to strings already written, and raw bytes for did:key keys, urn:uuid ids and date-times —
 * followed by the anchor proof's members as raw bytes (addresses, digests, Merkle path, positions, salts, nodes).
 * The text form is base43: RFC 9285's base45 layout (2 bytes → 3 characters) over the 43 characters of the QR
 * code's alphanumeric mode that a URL fragment keeps as they are (base45's space and `%` are left out), so the
 * payload fills a QR code in alphanumeric mode (5.5 bits a character: 1.37 bytes of QR capacity per payload byte,
 * against 1.33 for base64url in byte mode).
 *
 * Decoding is strict, since a QR code is attacker input: length caps, a depth cap, every count checked against
 * the bytes left, the keys `__proto__` and `constructor` refused, duplicate keys refused, UTF-8 checked, no
 * trailing bytes, and the decoded credential must encode back to exactly the same bytes (one payload per
 * credential, so nothing in it escapes what the decoder understood). Failures are LINK_PAPER_MALFORMED (or
 * LINK_TOO_LARGE); the verifier then judges the credential like any other.
 */
import { fromHex, type Hex, toHex, utf8 } from "./bytes.ts";
import { canonicalize, FORBIDDEN_KEYS, type JsonObject, type JsonValue } from "./canonical.ts";
import { redactCredential } from "./commitment.ts";
import { splitFields } from "./disclosure.ts";
import { ed25519PublicKeyFromMultibase, ed25519PublicKeyToMultibase } from "./did.ts";
import { AcreditaError } from "./errors.ts";
import { keccak } from "./hash.ts";
import { leafOf, processProof } from "./digest.ts";
import { type AnchorProof, ANCHOR_FORMAT, ANCHOR_PROOF_TYPE, MAX_FIELDS, splitAnchor } from "./proof.ts";
import { MAX_PROOF_LENGTH } from "./generated/constants.ts";

/** The link prefix of a paper link (after `#`). Upper case: it is part of the QR code's alphanumeric segment. */
export const PAPER_LINK_PREFIX = "V2.";
/** The binary layout's version (first byte of the payload). */
export const PAPER_LAYOUT_VERSION = 1;
/** Most bytes a paper payload may have (a QR code holds at most 2,953; a link may carry a larger redaction). */
export const MAX_PAPER_PAYLOAD_BYTES = 8192;
const MAX_DEPTH = 12;

function malformed(message: string): never {
  throw new AcreditaError("LINK_PAPER_MALFORMED", message);
}

// --- base43: RFC 9285's layout over a URL-safe subset of the QR alphanumeric alphabet ---

/** The 43 characters: QR alphanumeric mode's 45 without space and `%` (which a URL would not keep as they are). */
export const BASE43_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$*+-./:";
const B43 = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE43_ALPHABET.length; i++) B43[BASE43_ALPHABET.charCodeAt(i)] = i;

/** Two bytes → three characters (little-endian digits, as base45), a last odd byte → two. */
export function base43Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 2) {
    const two = i + 1 < bytes.length;
    let n = two ? (bytes[i] as number) * 256 + (bytes[i + 1] as number) : (bytes[i] as number);
    for (let k = 0; k < (two ? 3 : 2); k++) {
      out += BASE43_ALPHABET.charAt(n % 43);
      n = Math.floor(n / 43);
    }
  }
  return out;
}

/** Strict inverse of {@link base43Encode}: any other character, length or overflowing group is refused. */
export function base43Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) malformed("impossible base43 length");
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const width = Math.min(3, text.length - i);
    let n = 0;
    for (let k = width - 1; k >= 0; k--) {
      const c = text.charCodeAt(i + k);
      const v = c < 128 ? (B43[c] ?? -1) : -1;
      if (v < 0) malformed(`invalid character at ${String(i + k)}`);
      n = n * 43 + v;
    }
    if (width === 3) {
      if (n > 0xffff) malformed(`base43 group at ${String(i)} overflows two bytes`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) malformed(`base43 group at ${String(i)} overflows a byte`);
      out[o++] = n;
    }
  }
  return out;
}

// --- the binary layout ---

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

class Writer {
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

class Reader {
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

/** EIP-55 checksum form of a lower-case address (without 0x). */
function checksummed(lower: string): string {
  const hash = toHex(keccak(utf8(lower))).slice(2);
  let out = "0x";
  for (let i = 0; i < 40; i++) {
    const c = lower.charAt(i);
    out += parseInt(hash.charAt(i), 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

/** The batch root the anchor's path leads to from the credential's leaf (what the registry checks). */
function batchRootOf(
  anchor: Pick<AnchorProof, "chainId" | "registry" | "institutionId" | "index" | "credentialDigest" | "path">,
): Uint8Array {
  const leaf = leafOf(anchor, anchor.index, fromHex(anchor.credentialDigest));
  return processProof(leaf, anchor.path.map(fromHex));
}

/**
 * Layout 1 (the batch root is not carried: the path leads to it from the credential's leaf): `u8 1 ‖ value(credential without proof) ‖ anchor`, where the anchor is
 * `varint chainId ‖ u8 registryCase (0 lower, 1 EIP-55) ‖ 20 registry ‖ varint institutionId ‖ varint index ‖ 32 credentialDigest ‖ varint pathLength ‖ 32·path ‖ varint fieldCount ‖ value(verificationKeys
 * or null) ‖ value(signedBy or null) ‖ varint visible ‖ varint·positions (first, then gaps − 1) ‖ 16·salts ‖
 * varint nodes ‖ 32·nodes`. Values are tag bytes: 0 null, 1 false, 2 true, 3 number (canonical JSON text),
 * 4 UTF-8 text, 5 dictionary string, 6 earlier string, 7 did:key (32-byte Ed25519 key), 8 did:key's verification
 * method, 9 urn:uuid (16 bytes), 10 date-time `YYYY-MM-DDTHH:MM:SSZ` (seconds), 11 array, 12 object
 * (count, then key string and value), 13 Ed25519 Multikey, 14 an earlier string ‖ `#` ‖ text (a key id under the issuer's DID); counts and lengths are LEB128 varints.
 *
 * Takes a redacted credential (its anchor proof carries `disclosed`); throws LINK_PAPER_MALFORMED for anything
 * else, or for a credential the layout cannot carry exactly.
 */
export function encodePaperPayload(credential: JsonObject): Uint8Array {
  const { document, anchor } = splitAnchor(credential);
  if (anchor.disclosed === undefined || document.proof !== undefined) {
    throw new AcreditaError("LINK_PAPER_MALFORMED", "a paper link carries a redacted credential with its anchor alone");
  }
  const w = new Writer();
  w.u8(PAPER_LAYOUT_VERSION);
  w.value(document);
  w.varint(anchor.chainId);
  const lower = anchor.registry.slice(2).toLowerCase();
  if (anchor.registry === `0x${lower}`) w.u8(0);
  else if (anchor.registry === checksummed(lower)) w.u8(1);
  else throw new AcreditaError("LINK_PAPER_MALFORMED", "the registry address is neither lower case nor EIP-55");
  w.hex(`0x${lower}`, 20);
  w.varint(anchor.institutionId);
  if (toHex(batchRootOf(anchor)) !== anchor.batchRoot.toLowerCase()) {
    throw new AcreditaError("LINK_PAPER_MALFORMED", "the anchor's Merkle path does not lead to its batch root");
  }
  w.varint(anchor.index);
  w.hex(anchor.credentialDigest, 32);
  w.varint(anchor.path.length);
  for (const node of anchor.path) w.hex(node, 32);
  w.varint(anchor.fieldCount);
  w.value(anchor.verificationKeys ?? null);
  w.value(anchor.signedBy ?? null);
  const { positions, salts, nodes } = anchor.disclosed;
  w.varint(positions.length);
  positions.forEach((p, i) => {
    w.varint(i === 0 ? p : p - (positions[i - 1] as number) - 1);
  });
  for (const salt of salts) w.hex(salt, 16);
  w.varint(nodes.length);
  for (const node of nodes) w.hex(node, 32);
  return w.done();
}

/** Strict inverse of {@link encodePaperPayload}: the redacted credential, or LINK_PAPER_MALFORMED. */
export function decodePaperPayload(bytes: Uint8Array): JsonObject {
  if (bytes.length > MAX_PAPER_PAYLOAD_BYTES) {
    throw new AcreditaError("LINK_TOO_LARGE", `the payload has ${String(bytes.length)} bytes`, {
      length: bytes.length,
      max: MAX_PAPER_PAYLOAD_BYTES,
    });
  }
  const r = new Reader(bytes);
  const version = r.u8();
  if (version !== PAPER_LAYOUT_VERSION) {
    throw new AcreditaError("LINK_UNSUPPORTED_VERSION", `unknown paper layout ${String(version)}`);
  }
  const document = r.value();
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return malformed("the credential is not an object");
  }
  if (Object.hasOwn(document, "proof")) malformed("the credential's proof is carried apart");
  const chainId = r.varint();
  if (chainId === 0) malformed("the chain id is 0");
  const registryCase = r.u8();
  if (registryCase > 1) malformed("unknown registry address form");
  const lower = r.hex(20).slice(2);
  const registry = (registryCase === 0 ? `0x${lower}` : checksummed(lower)) as Hex;
  const institutionId = r.varint(0xffffffff);
  const index = r.varint(0xffffffff);
  const credentialDigest = r.hex(32);
  const pathLength = r.varint(MAX_PROOF_LENGTH);
  const path: Hex[] = [];
  for (let i = 0; i < pathLength; i++) path.push(r.hex(32));
  const fieldCount = r.varint(MAX_FIELDS);
  const verificationKeys = r.value();
  const signedBy = r.value();
  const visible = r.varint(fieldCount);
  const positions: number[] = [];
  for (let i = 0; i < visible; i++) {
    positions.push(i === 0 ? r.varint(MAX_FIELDS) : (positions[i - 1] as number) + 1 + r.varint(MAX_FIELDS));
  }
  const salts: Hex[] = [];
  for (let i = 0; i < visible; i++) salts.push(r.hex(16));
  const nodeCount = r.varint(MAX_FIELDS);
  const nodes: Hex[] = [];
  for (let i = 0; i < nodeCount; i++) nodes.push(r.hex(32));
  if (r.left !== 0) malformed(`${String(r.left)} bytes follow the payload`);
  const batchRoot = toHex(batchRootOf({ chainId, registry, institutionId, index, credentialDigest, path }));
  const anchor: JsonObject = {
    type: ANCHOR_PROOF_TYPE,
    proofPurpose: "assertionMethod",
    format: ANCHOR_FORMAT,
    chainId,
    registry,
    institutionId,
    batchRoot,
    index,
    credentialDigest,
    path,
    fieldCount,
  };
  if (verificationKeys !== null) anchor.verificationKeys = verificationKeys;
  if (signedBy !== null) anchor.signedBy = signedBy;
  anchor.disclosed = { positions, salts, nodes };
  const credential: JsonObject = { ...document, proof: [anchor] };
  // One payload per credential: what does not encode back to the same bytes was not understood the same way.
  let again: Uint8Array;
  try {
    again = encodePaperPayload(credential);
  } catch (error) {
    if (error instanceof AcreditaError && error.code === "LINK_PAPER_MALFORMED") throw error;
    return malformed(`the payload is no redacted credential (${error instanceof Error ? error.message : "?"})`);
  }
  if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) {
    malformed("the payload is not in its one canonical form");
  }
  return credential;
}

/** The paper link's fragment (without `#`): {@link PAPER_LINK_PREFIX} and the base43 payload. */
export function encodePaperFragment(redacted: JsonObject): string {
  return `${PAPER_LINK_PREFIX}${base43Encode(encodePaperPayload(redacted))}`;
}

/** Decodes a paper fragment (with its prefix) into the redacted credential it carries. */
export function decodePaperFragment(fragment: string): JsonObject {
  if (!fragment.startsWith(PAPER_LINK_PREFIX)) malformed("not a paper link");
  const body = fragment.slice(PAPER_LINK_PREFIX.length);
  const maxChars = Math.ceil(MAX_PAPER_PAYLOAD_BYTES / 2) * 3;
  if (body.length > maxChars) {
    throw new AcreditaError(
      "LINK_TOO_LARGE",
      `the link is ${String(body.length)} characters (max ${String(maxChars)})`,
      {
        length: body.length,
        max: maxChars,
      },
    );
  }
  return decodePaperPayload(base43Decode(body));
}

/** The fields a paper certificate discloses; every other field is hidden. */
export function paperFieldPointers(document: JsonObject): string[] {
  const subject = document.credentialSubject;
  const identifiers =
    typeof subject === "object" && subject !== null && !Array.isArray(subject) && Array.isArray(subject.identifier)
      ? subject.identifier
      : [];
  const nameAt = identifiers.findIndex(
    (entry) => typeof entry === "object" && entry !== null && !Array.isArray(entry) && entry.identityType === "name",
  );
  const shown = ["/credentialSubject/name", "/credentialSubject/achievement/name", "/issuer/name", "/name"];
  return splitFields(document)
    .map((f) => f.pointer)
    .filter(
      (p) => shown.includes(p) || (nameAt >= 0 && p.startsWith(`/credentialSubject/identifier/${String(nameAt)}/`)),
    );
}

/**
 * The paper copy of a full credential: the learner's name (`credentialSubject.name` and the `name` identifier),
 * the achievement's name, the issuer's name and the credential's name disclosed; the header (issuer id, validity
 * dates) is never hidden; everything else hidden. Verifies against the same anchor (as a redacted copy).
 */
export function paperCredential(credential: JsonObject): JsonObject {
  const { document } = splitAnchor(credential);
  const keep = new Set(paperFieldPointers(document));
  const hidden = splitFields(document)
    .map((f) => f.pointer)
    .filter((p) => !keep.has(p) && !p.startsWith("/proof/"));
  return redactCredential(credential, hidden);
}

/** A full paper link: `base` (the verifier page) with the paper copy of `credential` in its fragment. */
export function encodePaperLink(base: string, credential: JsonObject): string {
  const cut = base.indexOf("#");
  return `${cut < 0 ? base : base.slice(0, cut)}#${encodePaperFragment(paperCredential(credential))}`;
}
