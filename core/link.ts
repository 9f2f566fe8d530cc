/**
 * Verification links. A link carries a (possibly redacted) credential — or, for a hash-only link, just the
 * credential digest and its anchor coordinates — in the URL *fragment*, which browsers never send to a server:
 *
 *   <verifier page>#v1.c.<base64url(deflate-raw(utf8(canonical JSON)))>   a credential
 *   <verifier page>#v1.r.<base64url(deflate-raw(utf8(canonical JSON)))>   a reference (status only)
 *   <verifier page>#V2.<base43(binary layout)>                           a paper copy (see paper-link.ts)
 *
 * Decoding is capped twice (link length, then decompressed size, checked while inflating so a small link cannot
 * expand into a huge buffer) and every failure is an AcreditaError with a LINK_* (or PARSE_*) reason code.
 */
import { deflateSync, Inflate } from "fflate";
import { utf8 } from "./bytes.ts";
import { canonicalize, type JsonObject, parseStrict } from "./canonical.ts";
import { AcreditaError } from "./errors.ts";
import { decodePaperFragment, PAPER_LINK_PREFIX } from "./paper-link.ts";
import type { CredentialReference } from "./verification.ts";

export const LINK_VERSION = "v1";
/** Default cap on the fragment's length (characters). */
export const DEFAULT_MAX_LINK_LENGTH = 16_384;
/** Default cap on the decompressed JSON (bytes). */
export const DEFAULT_MAX_JSON_BYTES = 256 * 1024;

export interface LinkOptions {
  maxLinkLength?: number;
  maxJsonBytes?: number;
}

/** What a link carries. */
export type LinkPayload =
  { kind: "credential"; credential: JsonObject } | { kind: "reference"; reference: CredentialReference };

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** base64url without padding (RFC 4648 §5). */
export function base64urlEncode(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      ALPHABET.charAt(n >> 18) +
      ALPHABET.charAt((n >> 12) & 63) +
      ALPHABET.charAt((n >> 6) & 63) +
      ALPHABET.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63);
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63);
  }
  return out;
}

/** Decodes unpadded base64url; throws LINK_NOT_BASE64URL on any other character or an impossible length. */
export function base64urlDecode(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new AcreditaError("LINK_NOT_BASE64URL", "impossible base64url length");
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (DECODE[c] ?? -1) : -1;
    if (v < 0) throw new AcreditaError("LINK_NOT_BASE64URL", `invalid character at ${i}`, { offset: i });
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** The fragment (without '#') for a payload. */
export function encodeLinkFragment(payload: LinkPayload, options: LinkOptions = {}): string {
  const body = payload.kind === "credential" ? payload.credential : payload.reference;
  const compressed = deflateSync(utf8(canonicalize(body)), { level: 9 });
  const fragment = `${LINK_VERSION}.${payload.kind === "credential" ? "c" : "r"}.${base64urlEncode(compressed)}`;
  const max = options.maxLinkLength ?? DEFAULT_MAX_LINK_LENGTH;
  if (fragment.length > max) {
    throw new AcreditaError("LINK_TOO_LARGE", `the link would be ${fragment.length} characters (max ${max})`, {
      length: fragment.length,
      max,
    });
  }
  return fragment;
}

/** A full link: `base` (the verifier page) with the payload in its fragment. */
export function encodeVerificationLink(base: string, payload: LinkPayload, options: LinkOptions = {}): string {
  const cut = base.indexOf("#");
  return `${cut < 0 ? base : base.slice(0, cut)}#${encodeLinkFragment(payload, options)}`;
}

function inflateCapped(data: Uint8Array, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const state = { done: false };
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) {
      throw new AcreditaError("LINK_DECOMPRESSED_TOO_LARGE", `the link expands beyond ${maxBytes} bytes`, { maxBytes });
    }
    chunks.push(chunk);
    if (final) state.done = true;
  });
  try {
    for (let offset = 0; offset < data.length; offset += 256) {
      inflater.push(data.subarray(offset, offset + 256), offset + 256 >= data.length);
    }
  } catch (error) {
    if (error instanceof AcreditaError) throw error;
    throw new AcreditaError("LINK_NOT_DEFLATE", "the link's content is not valid deflate data");
  }
  if (!state.done) throw new AcreditaError("LINK_NOT_DEFLATE", "the link's content is truncated");
  const out = new Uint8Array(total);
  let o = 0;
  for (const chunk of chunks) {
    out.set(chunk, o);
    o += chunk.length;
  }
  return out;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes a link or its fragment. A credential comes back as JSON text for the verifier to parse strictly; a
 * reference comes back parsed. Throws LINK_* / PARSE_* reason codes.
 */
export function decodeVerificationLink(
  link: string,
  options: LinkOptions = {},
): { kind: "credential"; text: string } | { kind: "reference"; reference: CredentialReference } {
  const hash = link.indexOf("#");
  // A URL without a fragment carries nothing; a string without '#' and without a scheme is a bare fragment.
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(link);
  const fragment = (hash < 0 ? (isUrl ? "" : link) : link.slice(hash + 1)).trim();
  if (fragment === "") throw new AcreditaError("LINK_EMPTY", "the link has no fragment");
  const max = options.maxLinkLength ?? DEFAULT_MAX_LINK_LENGTH;
  if (fragment.length > max) {
    throw new AcreditaError("LINK_TOO_LARGE", `the link is ${fragment.length} characters (max ${max})`, {
      length: fragment.length,
      max,
    });
  }
  // A paper link (the QR code on a certificate): a redacted credential in a compact binary layout.
  if (fragment.startsWith(PAPER_LINK_PREFIX)) {
    return { kind: "credential", text: canonicalize(decodePaperFragment(fragment)) };
  }
  const [version, kind, body, ...extra] = fragment.split(".");
  if (version !== LINK_VERSION || (kind !== "c" && kind !== "r") || extra.length > 0) {
    throw new AcreditaError("LINK_UNSUPPORTED_VERSION", `unknown link format ${JSON.stringify(fragment.slice(0, 8))}`);
  }
  if (body === undefined || body === "") throw new AcreditaError("LINK_EMPTY", "the link carries nothing");
  const json = inflateCapped(base64urlDecode(body), options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES);
  let text: string;
  try {
    text = strictUtf8.decode(json);
  } catch {
    throw new AcreditaError("PARSE_NOT_JSON", "the link's content is not UTF-8");
  }
  if (kind === "c") return { kind: "credential", text };
  const value = parseStrict(text, { maxLength: options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES });
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AcreditaError("INPUT_NOT_DIGEST", "the link's reference is not an object");
  }
  return { kind: "reference", reference: value as unknown as CredentialReference };
}
