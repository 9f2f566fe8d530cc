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
import { base43Decode, base43Encode } from "./base43.ts";
import { fromHex, type Hex, toHex, utf8 } from "./bytes.ts";
import type { JsonObject } from "./canonical.ts";
import { redactCredential } from "./commitment.ts";
import { splitFields } from "./disclosure.ts";
import { AcreditaError } from "./errors.ts";
import { keccak } from "./hash.ts";
import { leafOf, processProof } from "./digest.ts";
import { malformed, PaperReader, PaperWriter } from "./paper-value.ts";
import { type AnchorProof, ANCHOR_FORMAT, ANCHOR_PROOF_TYPE, MAX_FIELDS, splitAnchor } from "./proof.ts";
import { MAX_PROOF_LENGTH } from "./generated/constants.ts";

/** The link prefix of a paper link (after `#`). Upper case: it is part of the QR code's alphanumeric segment. */
export const PAPER_LINK_PREFIX = "V2.";
/** The binary layout's version (first byte of the payload). */
export const PAPER_LAYOUT_VERSION = 1;
/** Most bytes a paper payload may have (a QR code holds at most 2,953; a link may carry a larger redaction). */
export const MAX_PAPER_PAYLOAD_BYTES = 8192;

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
  const w = new PaperWriter();
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
  const r = new PaperReader(bytes);
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
