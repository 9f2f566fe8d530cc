/**
 * Issuer identity: the DIDs an institution's credentials carry as `issuer.id`, and the DID documents that list
 * its Ed25519 credential keys (Multikey verification methods). Pure and browser-safe.
 *
 * - `did:key` (local chain): `did:key:<publicKeyMultibase>`, where publicKeyMultibase = "z" + base58btc(0xed 0x01 ‖
 *   32-byte Ed25519 public key), so it always starts with `z6Mk`; its one verification method is
 *   `did:key:<mb>#<mb>` (W3C CCG did:key method, Multikey form).
 * - `did:web` (real deployments): `did:web:<domain>[%3A<port>][:<segment>…]` ↔
 *   `https://<domain>[:<port>]/<segment>/…/did.json`, or `https://<domain>[:<port>]/.well-known/did.json` when there
 *   is no path (W3C CCG did:web method). Acredita's documents name their keys `<did>#key-N`, N = 1, 2, … in order of
 *   creation; a number is never reused. Rotation adds a key and keeps the old ones (they still verify the credentials
 *   they signed); a retired key stays listed (so its number stays taken) but leaves `assertionMethod`, so nothing it
 *   signed verifies any more.
 *
 * Every refusal is an AcreditaError whose `details.reason` says exactly what is wrong.
 */
import { z } from "zod";
import { AcreditaError } from "./errors.ts";

/** The contexts of a DID document whose keys are Multikeys. */
export const DID_DOCUMENT_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"] as const;
/** The context of a Multikey verification method served on its own (what a document loader returns for its id). */
export const MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1";

/** A Multikey verification method with an Ed25519 public key. */
export interface VerificationMethod {
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
}

/** A DID document as Acredita reads and writes it (other members of a published document are kept, unused). */
export interface DidDocument {
  "@context": string | string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
  [member: string]: unknown;
}

/** One credential key of a did:web document: `<did>#key-<number>`. */
export interface DidWebKey {
  number: number;
  publicKeyMultibase: string;
  /** Retired keys stay listed (their number stays taken) but are not in `assertionMethod`. */
  retired: boolean;
}

const MAX_DID_LENGTH = 2048;
const MAX_KEYS = 256;

// --- base58btc (Bitcoin alphabet), for multibase "z" ---

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function base58Encode(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += (digits[i] as number) << 8;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = "";
  for (const byte of bytes) {
    if (byte !== 0) break;
    out += "1";
  }
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET.charAt(digits[i] as number);
  return out;
}

function base58Decode(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (const character of text) {
    let carry = ALPHABET.indexOf(character);
    if (carry < 0) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += (bytes[i] as number) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (const character of text) {
    if (character !== "1") break;
    bytes.push(0);
  }
  return Uint8Array.from(bytes.reverse());
}

// --- Ed25519 public keys as Multikey multibase ---

/**
 * The 32-byte Ed25519 public key inside `publicKeyMultibase` ("z" + base58btc(0xed 0x01 ‖ key)); throws DID_KEY_INVALID
 * for anything else (another key type, another multibase, a wrong length, a non-canonical encoding).
 */
export function ed25519PublicKeyFromMultibase(publicKeyMultibase: string): Uint8Array {
  const fail = (reason: string) =>
    new AcreditaError("DID_KEY_INVALID", `${reason}: ${JSON.stringify(publicKeyMultibase.slice(0, 80))}`, { reason });
  if (typeof publicKeyMultibase !== "string" || !publicKeyMultibase.startsWith("z")) {
    throw fail("not a base58btc multibase value (it must start with z)");
  }
  if (publicKeyMultibase.length > 60) throw fail("too long for an Ed25519 public key");
  const bytes = base58Decode(publicKeyMultibase.slice(1));
  if (bytes === undefined) throw fail("not base58btc");
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) {
    throw fail("not an Ed25519 public key (multicodec 0xed01 followed by 32 bytes)");
  }
  const key = bytes.slice(2);
  if (ed25519PublicKeyToMultibase(key) !== publicKeyMultibase) throw fail("not in canonical form");
  return key;
}

/** "z6Mk…": the Multikey multibase of a 32-byte Ed25519 public key. */
export function ed25519PublicKeyToMultibase(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) {
    throw new AcreditaError("DID_KEY_INVALID", `an Ed25519 public key has 32 bytes, not ${publicKey.length}`, {
      reason: "wrong length",
    });
  }
  const bytes = new Uint8Array(34);
  bytes.set([0xed, 0x01]);
  bytes.set(publicKey, 2);
  return `z${base58Encode(bytes)}`;
}

// --- did:key ---

/** `did:key:z6Mk…` for an Ed25519 public key multibase (checked). */
export function didKeyFromMultibase(publicKeyMultibase: string): string {
  ed25519PublicKeyFromMultibase(publicKeyMultibase);
  return `did:key:${publicKeyMultibase}`;
}

/** A did:key read back: its key and its one verification method id (`did:key:z6Mk…#z6Mk…`). */
export interface DidKey {
  did: string;
  publicKeyMultibase: string;
  verificationMethodId: string;
}

/** Reads `did:key:z6Mk…` (an Ed25519 key; no path, query or fragment); throws DID_KEY_INVALID otherwise. */
export function parseDidKey(did: string): DidKey {
  if (typeof did !== "string" || !did.startsWith("did:key:")) {
    throw new AcreditaError("DID_KEY_INVALID", "not a did:key", { reason: "not did:key" });
  }
  const publicKeyMultibase = did.slice("did:key:".length);
  if (/[^A-Za-z0-9]/.test(publicKeyMultibase)) {
    throw new AcreditaError("DID_KEY_INVALID", "a did:key is did:key:<multibase key>, with nothing after the key", {
      reason: "extra characters",
    });
  }
  ed25519PublicKeyFromMultibase(publicKeyMultibase);
  return { did, publicKeyMultibase, verificationMethodId: `${did}#${publicKeyMultibase}` };
}

/** The DID document a did:key resolves to (Ed25519 Multikey form), for offline document loaders. */
export function didKeyDocument(did: string): DidDocument {
  const { publicKeyMultibase, verificationMethodId } = parseDidKey(did);
  return {
    "@context": [...DID_DOCUMENT_CONTEXT],
    id: did,
    verificationMethod: [{ id: verificationMethodId, type: "Multikey", controller: did, publicKeyMultibase }],
    authentication: [verificationMethodId],
    assertionMethod: [verificationMethodId],
    capabilityInvocation: [verificationMethodId],
    capabilityDelegation: [verificationMethodId],
  };
}

// --- did:web ---

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const SEGMENT = /^[A-Za-z0-9._-]+$/;

function webError(reason: string, value: string): AcreditaError {
  return new AcreditaError("DID_WEB_INVALID", `${reason}: ${JSON.stringify(value.slice(0, 200))}`, { reason });
}

function checkHost(host: string, value: string, error: (reason: string, value: string) => AcreditaError): void {
  if (host.length > 253) throw error("the domain name is longer than 253 characters", value);
  const labels = host.split(".");
  if (labels.length < 2) throw error("the domain must be a fully qualified domain name (such as uneje.example)", value);
  for (const label of labels) {
    if (/[A-Z]/.test(label)) throw error("the domain must be written in lowercase", value);
    if (!LABEL.test(label)) {
      throw error(
        "the domain has a label that is not letters, digits and inner hyphens (internationalised names go in punycode, xn--…)",
        value,
      );
    }
  }
  if (/^[0-9]+$/.test(labels.at(-1) as string)) throw error("did:web does not allow IP addresses", value);
}

function checkPort(port: string, value: string, error: (reason: string, value: string) => AcreditaError): void {
  if (!/^[1-9][0-9]{0,4}$/.test(port) || Number(port) > 65535) throw error("the port must be 1 to 65535", value);
}

function checkSegment(segment: string, value: string, error: (reason: string, value: string) => AcreditaError): void {
  if (segment === "") throw error("a path segment is empty", value);
  if (segment === "." || segment === "..") throw error('a path segment is "." or ".."', value);
  if (!SEGMENT.test(segment)) {
    throw error("a path segment may hold only letters, digits, '.', '-' and '_' (no percent-encoding)", value);
  }
}

/** A did:web read into its parts. */
export interface DidWeb {
  did: string;
  host: string;
  port: number | undefined;
  path: string[];
  /** Where its DID document is published. */
  documentUrl: string;
}

/**
 * Reads `did:web:<domain>[%3A<port>][:<segment>…]` (did:web spec): a lowercase fully qualified domain name (no IP
 * address), an optional port percent-encoded as `%3A`, path segments of letters, digits, `.`, `-`, `_`. Refuses
 * anything else (DID_WEB_INVALID): DID URL parts (`/`, `?`, `#`), other percent-encodings, empty or dot segments.
 */
export function parseDidWeb(did: string): DidWeb {
  if (typeof did !== "string") throw webError("not a string", "");
  if (!did.startsWith("did:web:")) throw webError("not a did:web", did);
  if (did.length > MAX_DID_LENGTH) throw webError(`longer than ${MAX_DID_LENGTH} characters`, did);
  const id = did.slice("did:web:".length);
  if (/[/?#]/.test(id)) throw webError("a did:web is a DID, not a DID URL: no '/', '?' or '#'", did);
  const [authority = "", ...path] = id.split(":");
  const portAt = authority.indexOf("%");
  let host = authority;
  let port: number | undefined;
  if (portAt >= 0) {
    host = authority.slice(0, portAt);
    const rest = authority.slice(portAt);
    if (!rest.startsWith("%3A")) {
      throw webError("the only percent-encoding a did:web domain may hold is %3A (uppercase) before a port", did);
    }
    checkPort(rest.slice(3), did, webError);
    port = Number(rest.slice(3));
  }
  checkHost(host, did, webError);
  for (const segment of path) checkSegment(segment, did, webError);
  const origin = `https://${host}${port === undefined ? "" : `:${port}`}`;
  const documentUrl = path.length === 0 ? `${origin}/.well-known/did.json` : `${origin}/${path.join("/")}/did.json`;
  return { did, host, port, path, documentUrl };
}

/** The https URL where the DID document of a did:web is published (did:web spec, "Read (Resolve)"). */
export function didWebToUrl(did: string): string {
  return parseDidWeb(did).documentUrl;
}

/**
 * The did:web whose document is published at `url`: `https://<domain>[:<port>]/.well-known/did.json` or
 * `https://<domain>[:<port>]/<segment>/…/did.json`, nothing else (no query, fragment, credentials, IP address or
 * other file name); throws DID_WEB_URL_INVALID.
 */
export function urlToDidWeb(url: string): string {
  const fail = (reason: string, value: string) =>
    new AcreditaError("DID_WEB_URL_INVALID", `${reason}: ${JSON.stringify(value.slice(0, 200))}`, { reason });
  if (typeof url !== "string") throw fail("not a string", "");
  if (url.length > MAX_DID_LENGTH) throw fail("longer than a did:web document URL can be", url);
  const match = /^https:\/\/([^/:?#@]+)(?::([0-9]+))?(\/[^?#]*)$/.exec(url);
  if (match === null) {
    throw fail("a did:web document lives at https://<domain>[:<port>]/…/did.json (no query, fragment or user)", url);
  }
  const [, host = "", port, path = ""] = match;
  checkHost(host, url, fail);
  if (port !== undefined) checkPort(port, url, fail);
  let segments: string[];
  if (path === "/.well-known/did.json") segments = [];
  else if (path.endsWith("/did.json")) {
    segments = path.slice(1, -"/did.json".length).split("/");
    for (const segment of segments) checkSegment(segment, url, fail);
    if (segments[0] === ".well-known") throw fail("a path under /.well-known/ is not a did:web path", url);
  } else throw fail("a did:web document is named did.json", url);
  return `did:web:${host}${port === undefined ? "" : `%3A${port}`}${segments.map((s) => `:${s}`).join("")}`;
}

// --- DID documents ---

const vmSchema = z.looseObject({
  id: z.string().min(1).max(MAX_DID_LENGTH),
  type: z.string().min(1).max(200),
  controller: z.string().min(1).max(MAX_DID_LENGTH),
  publicKeyMultibase: z.string().max(200).optional(),
});

const documentSchema = z.looseObject({
  "@context": z.union([z.string(), z.array(z.string()).min(1).max(32)]),
  id: z.string().min(1).max(MAX_DID_LENGTH),
  verificationMethod: z.array(vmSchema).max(MAX_KEYS).optional(),
  assertionMethod: z
    .array(z.union([z.string().min(1).max(MAX_DID_LENGTH), vmSchema]))
    .max(MAX_KEYS)
    .optional(),
});

function documentError(reason: string, details: Record<string, unknown> = {}): AcreditaError {
  return new AcreditaError("DID_DOCUMENT_INVALID", reason, { reason, ...details });
}

/** A verification method id as absolute (DID core allows `#key-1`, relative to the document's DID). */
function absolute(id: string, did: string): string {
  return id.startsWith("#") ? `${did}${id}` : id;
}

/**
 * Reads a DID document strictly: it must be the document of `did` (its `id`), name the DID v1 context first, and
 * every verification method must have a string id (unique, `<did>#…`), type and controller. Multikey methods
 * must carry an Ed25519 `publicKeyMultibase`. `assertionMethod` entries are references to listed methods (or
 * embedded methods, which join the list). Other members (service, authentication…) are kept and ignored.
 * Throws DID_DOCUMENT_INVALID with the offending path.
 */
export function parseDidDocument(value: unknown, did: string): DidDocument {
  const parsed = documentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined ? "" : issue.path.map(String).join(".");
    throw documentError(`the DID document is malformed at ${path === "" ? "its root" : path}: ${issue?.message}`, {
      path,
    });
  }
  const document = parsed.data;
  const contexts = typeof document["@context"] === "string" ? [document["@context"]] : document["@context"];
  if (contexts[0] !== DID_DOCUMENT_CONTEXT[0]) {
    throw documentError(`a DID document's first @context is ${DID_DOCUMENT_CONTEXT[0]}`, { path: "@context" });
  }
  if (document.id !== did) {
    throw documentError(`the document is the DID document of ${document.id}, not of ${did}`, { path: "id" });
  }
  const methods: VerificationMethod[] = [];
  const others = new Set<string>();
  const add = (method: z.infer<typeof vmSchema>, path: string) => {
    const id = absolute(method.id, did);
    if (!id.startsWith(`${did}#`) || id.length === did.length + 1) {
      throw documentError(`verification method ${id} is not a fragment of ${did}`, { path });
    }
    if (methods.some((m) => m.id === id) || others.has(id)) {
      throw documentError(`verification method ${id} is listed twice`, { path });
    }
    if (method.type !== "Multikey") {
      others.add(id);
      return;
    }
    if (method.publicKeyMultibase === undefined) {
      throw documentError(`verification method ${id} has no publicKeyMultibase`, { path });
    }
    try {
      ed25519PublicKeyFromMultibase(method.publicKeyMultibase);
    } catch {
      throw documentError(`verification method ${id} does not hold an Ed25519 Multikey`, { path });
    }
    methods.push({
      id,
      type: "Multikey",
      controller: method.controller,
      publicKeyMultibase: method.publicKeyMultibase,
    });
  };
  for (const [i, method] of (document.verificationMethod ?? []).entries()) add(method, `verificationMethod.${i}`);
  const assertionMethod: string[] = [];
  (document.assertionMethod ?? []).forEach((entry, i) => {
    if (typeof entry !== "string") add(entry, `assertionMethod.${i}`);
    const id = absolute(typeof entry === "string" ? entry : entry.id, did);
    if (!methods.some((m) => m.id === id) && !others.has(id)) {
      throw documentError(`assertionMethod names ${id}, which the document does not list`, {
        path: `assertionMethod.${i}`,
      });
    }
    if (!assertionMethod.includes(id)) assertionMethod.push(id);
  });
  return {
    ...document,
    "@context": document["@context"],
    id: document.id,
    verificationMethod: methods,
    assertionMethod,
  };
}

/**
 * The verification method `id` of `document`, checked: listed (DID_VERIFICATION_METHOD_NOT_FOUND), controlled by
 * the document's DID (DID_CONTROLLER_MISMATCH), and, with `purpose: "assertionMethod"`, authorised to issue
 * credentials (DID_KEY_NOT_AUTHORIZED: a retired key).
 */
export function findVerificationMethod(
  document: DidDocument,
  id: string,
  options: { purpose?: "assertionMethod" } = {},
): VerificationMethod {
  const wanted = absolute(id, document.id);
  const method = document.verificationMethod.find((m) => m.id === wanted);
  if (method === undefined) {
    throw new AcreditaError("DID_VERIFICATION_METHOD_NOT_FOUND", `${document.id} lists no Multikey ${wanted}`, {
      did: document.id,
      verificationMethod: wanted,
    });
  }
  if (method.controller !== document.id) {
    throw new AcreditaError(
      "DID_CONTROLLER_MISMATCH",
      `${wanted} is controlled by ${method.controller}, not by ${document.id}`,
      { did: document.id, verificationMethod: wanted, controller: method.controller },
    );
  }
  if (options.purpose === "assertionMethod" && !document.assertionMethod.includes(wanted)) {
    throw new AcreditaError("DID_KEY_NOT_AUTHORIZED", `${wanted} is not in the assertionMethod of ${document.id}`, {
      did: document.id,
      verificationMethod: wanted,
    });
  }
  return method;
}

/** What a document loader returns for a verification method's id: the method with the Multikey context. */
export function verificationMethodDocument(method: VerificationMethod): Record<string, string> {
  return { "@context": MULTIKEY_CONTEXT, ...method };
}

/**
 * The verification method id an issuer's credential key signs with: for did:key, `did:key:<mb>#<mb>` (the DID must be
 * the key's own); for did:web, the method of `document` holding that key, which must be usable (in assertionMethod).
 * Throws DID_CONTROLLER_MISMATCH, DID_VERIFICATION_METHOD_NOT_FOUND, DID_KEY_NOT_AUTHORIZED or DID_UNSUPPORTED_METHOD.
 */
export function verificationMethodIdFor(input: {
  issuerId: string;
  publicKeyMultibase: string;
  document?: DidDocument;
}): string {
  const { issuerId, publicKeyMultibase } = input;
  if (issuerId.startsWith("did:key:")) {
    const didKey = parseDidKey(issuerId);
    if (didKey.publicKeyMultibase !== publicKeyMultibase) {
      throw new AcreditaError("DID_CONTROLLER_MISMATCH", `${issuerId} is the DID of another key`, {
        did: issuerId,
        publicKeyMultibase,
      });
    }
    return didKey.verificationMethodId;
  }
  if (issuerId.startsWith("did:web:")) {
    parseDidWeb(issuerId);
    if (input.document === undefined || input.document.id !== issuerId) {
      throw new AcreditaError("DID_VERIFICATION_METHOD_NOT_FOUND", `the DID document of ${issuerId} is needed`, {
        did: issuerId,
      });
    }
    const method = input.document.verificationMethod.find((m) => m.publicKeyMultibase === publicKeyMultibase);
    if (method === undefined) {
      throw new AcreditaError("DID_VERIFICATION_METHOD_NOT_FOUND", `${issuerId} does not list this credential key`, {
        did: issuerId,
        publicKeyMultibase,
      });
    }
    return findVerificationMethod(input.document, method.id, { purpose: "assertionMethod" }).id;
  }
  throw new AcreditaError("DID_UNSUPPORTED_METHOD", "credential keys belong to a did:web or a did:key", {
    did: issuerId.slice(0, 200),
  });
}

// --- did:web documents of credential keys ---

/** `<did>#key-<number>`. */
export function didWebKeyId(did: string, number: number): string {
  return `${did}#key-${number}`;
}

/**
 * The did.json an institution publishes for `did` (a did:web): each key as a Multikey verification method
 * `<did>#key-N` controlled by the DID, in number order; `assertionMethod` lists the keys not retired.
 */
export function buildDidWebDocument(did: string, keys: readonly DidWebKey[]): DidDocument {
  parseDidWeb(did);
  const sorted = [...keys].sort((a, b) => a.number - b.number);
  sorted.forEach((key, i) => {
    if (!Number.isSafeInteger(key.number) || key.number < 1) {
      throw documentError(`key numbers are positive integers, not ${key.number}`);
    }
    if (i > 0 && sorted[i - 1]?.number === key.number) throw documentError(`key-${key.number} is given twice`);
    if (sorted.findIndex((k) => k.publicKeyMultibase === key.publicKeyMultibase) !== i) {
      throw documentError(`the key ${key.publicKeyMultibase} is given twice`);
    }
    ed25519PublicKeyFromMultibase(key.publicKeyMultibase);
  });
  return {
    "@context": [...DID_DOCUMENT_CONTEXT],
    id: did,
    verificationMethod: sorted.map((key) => ({
      id: didWebKeyId(did, key.number),
      type: "Multikey",
      controller: did,
      publicKeyMultibase: key.publicKeyMultibase,
    })),
    assertionMethod: sorted.filter((key) => !key.retired).map((key) => didWebKeyId(did, key.number)),
  };
}

/**
 * The credential keys of the did:web document `value` of `did`, as Acredita wrote it (Multikey methods
 * `<did>#key-N`, `assertionMethod` by reference): it is read with {@link parseDidDocument}, then refused when it holds
 * anything a rewrite would lose (other members, other verification methods, embedded assertion methods) or a key
 * controlled by another DID.
 */
export function didWebKeysOf(value: unknown, did: string): DidWebKey[] {
  const document = parseDidDocument(value, did);
  const pattern = /^#key-([1-9][0-9]{0,8})$/;
  const others = Object.keys(document).filter(
    (member) => !["@context", "id", "verificationMethod", "assertionMethod"].includes(member),
  );
  if (others.length > 0) {
    throw documentError(`the document has members Acredita does not write (${others.join(", ")}); edit it by hand`);
  }
  const raw = value as { verificationMethod?: unknown[]; assertionMethod?: unknown[] };
  const embedded = (raw.assertionMethod ?? []).some((entry) => typeof entry !== "string");
  if ((raw.verificationMethod ?? []).length !== document.verificationMethod.length || embedded) {
    throw documentError("the document has verification methods Acredita does not write; edit it by hand");
  }
  return document.verificationMethod.map((method) => {
    const number = pattern.exec(method.id.slice(document.id.length))?.[1];
    if (number === undefined) throw documentError(`${method.id} is not a key Acredita named (#key-N)`);
    findVerificationMethod(document, method.id);
    return {
      number: Number(number),
      publicKeyMultibase: method.publicKeyMultibase,
      retired: !document.assertionMethod.includes(method.id),
    };
  });
}

/**
 * Rotation: `current` keys keep their numbers; each key of `add` not yet listed gets the next number; keys named
 * in `retire` (`key-N` or their publicKeyMultibase) are retired. Adding back a retired key is refused.
 */
export function rotateDidWebKeys(
  current: readonly DidWebKey[],
  change: { add: readonly string[]; retire?: readonly string[] },
): DidWebKey[] {
  const keys = current.map((key) => ({ ...key }));
  let next = keys.reduce((max, key) => Math.max(max, key.number), 0) + 1;
  for (const publicKeyMultibase of change.add) {
    ed25519PublicKeyFromMultibase(publicKeyMultibase);
    const known = keys.find((key) => key.publicKeyMultibase === publicKeyMultibase);
    if (known?.retired === true) {
      throw new AcreditaError("DID_KEY_NOT_AUTHORIZED", `key-${known.number} was retired; it is not brought back`, {
        key: `key-${known.number}`,
      });
    }
    if (known === undefined) keys.push({ number: next++, publicKeyMultibase, retired: false });
  }
  for (const name of change.retire ?? []) {
    const number = /^#?key-([1-9][0-9]{0,8})$/.exec(name)?.[1];
    const key = keys.find((k) => (number === undefined ? k.publicKeyMultibase === name : k.number === Number(number)));
    if (key === undefined) {
      throw new AcreditaError("DID_VERIFICATION_METHOD_NOT_FOUND", `there is no key ${name} to retire`, {
        key: name,
      });
    }
    key.retired = true;
  }
  return keys;
}
