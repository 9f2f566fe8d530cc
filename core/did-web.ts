/**
 * did:web (real deployments): `did:web:<domain>[%3A<port>][:<segment>…]` ↔
 * `https://<domain>[:<port>]/<segment>/…/did.json`, or `https://<domain>[:<port>]/.well-known/did.json` when there
 * is no path (W3C CCG did:web method); and the did.json of an institution's credential keys: `<did>#key-N`, N = 1,
 * 2, … in order of creation, a number never reused. Rotation adds a key and keeps the old ones (they still verify
 * the credentials they signed); a retired key stays listed (so its number stays taken) but leaves
 * `assertionMethod`, so nothing it signed verifies any more.
 */
import {
  DID_DOCUMENT_CONTEXT,
  type DidDocument,
  documentError,
  findVerificationMethod,
  MAX_DID_LENGTH,
  parseDidDocument,
} from "./did-document.ts";
import { AcreditaError } from "./errors.ts";
import { ed25519PublicKeyFromMultibase } from "./multikey.ts";

/** One credential key of a did:web document: `<did>#key-<number>`. */
export interface DidWebKey {
  number: number;
  publicKeyMultibase: string;
  /** Retired keys stay listed (their number stays taken) but are not in `assertionMethod`. */
  retired: boolean;
}

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
