/**
 * Revocation that standard verifiers see: W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/).
 *
 * Every credential of a batch carries, signed and anchored, a `credentialStatus` entry of type
 * `BitstringStatusListEntry` (purpose `revocation`) whose `statusListIndex` is its position in the batch — the very
 * index the registry keys revocation by — and whose `statusListCredential` is the URL of its batch's status list
 * credential. The list is a pure function of the chain: which positions the registry says are revoked (the whole
 * batch when the batch is), and when the last of those revocations (or the anchoring) happened, which is its
 * `validFrom` and its proof's `created`. So anyone holding the institution's credential key rebuilds it byte for
 * byte, and the bitstring is encoded deterministically (gzip.ts).
 *
 * Acredita's own verifier reads the registry (authoritative). Optionally it also fetches the published list
 * (through an injected fetch, only for URLs the caller allows) and reports when it disagrees with the chain, is
 * not signed by the credential's issuer, or cannot be read: the list is what other verifiers will believe.
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import { parseStrict } from "./canonical.ts";
import { VC_V2_CONTEXT } from "./context-urls.ts";
import type { CredentialDocument } from "./credential.ts";
import { checkDataIntegrity } from "./data-integrity-proofs.ts";
import type { DataIntegrityOutcome } from "./data-integrity.ts";
import { AcreditaError } from "./errors.ts";
import { gunzipPrefix, gzipDeterministic } from "./gzip.ts";
import { base64urlDecode, base64urlEncode } from "./link.ts";
import { splitAnchor, type VerificationKey } from "./proof.ts";
import type { ReasonCode } from "./reasons.ts";

export const STATUS_LIST_ENTRY_TYPE = "BitstringStatusListEntry";
export const STATUS_LIST_CREDENTIAL_TYPE = "BitstringStatusListCredential";
export const STATUS_LIST_TYPE = "BitstringStatusList";
/** The recommended minimum length of a bitstring (16 KiB), for herd privacy. */
export const STATUS_LIST_MIN_LENGTH = 131_072;
/** What Acredita's lists say: set bits are revoked credentials. */
export const REVOCATION = "revocation";

/** The `credentialStatus` entry of the credential at position `index` of the batch whose list is at `listUrl`. */
export function statusListEntry(listUrl: string, index: number): JsonObject {
  return {
    id: `${listUrl}#${index}`,
    type: STATUS_LIST_ENTRY_TYPE,
    statusPurpose: REVOCATION,
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

/** `credential` with the status entry of position `index` (added last, before any proof is made). */
export function withStatusListEntry(
  credential: CredentialDocument,
  listUrl: string,
  index: number,
): CredentialDocument {
  return { ...credential, credentialStatus: statusListEntry(listUrl, index) };
}

/** The length in bits of the list of a batch of `count` credentials: at least 131,072, a whole number of bytes. */
export function statusListLength(count: number): number {
  return Math.max(STATUS_LIST_MIN_LENGTH, Math.ceil(count / 8) * 8);
}

/**
 * `encodedList`: "u" (multibase base64url, no padding) + the GZIP of the bitstring, bit 0 being the most
 * significant bit of the first byte, as the specification says.
 */
export function encodeStatusList(length: number, revoked: Iterable<number>): string {
  const bits = new Uint8Array(Math.ceil(length / 8));
  for (const index of revoked) {
    if (!Number.isInteger(index) || index < 0 || index >= length)
      throw new RangeError(`index ${index} outside the list`);
    bits[index >> 3] = (bits[index >> 3] as number) | (0x80 >> (index & 7));
  }
  return `u${base64urlEncode(gzipDeterministic(bits))}`;
}

/** An RFC 3339 date-time in UTC without fractional seconds, from Unix seconds (what block times are). */
export function statusListTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** What the chain says about a batch: all a status list credential is made of. */
export interface BatchRevocations {
  /** The list's URL: its `id`, and every credential's `statusListCredential`. */
  url: string;
  /** The issuer id the batch was anchored under (the credentials' `issuer.id`). */
  issuer: string;
  /** How many credentials the batch holds. */
  count: number;
  /** When the batch was anchored (Unix seconds). */
  anchoredAt: number;
  /** When the whole batch was revoked (Unix seconds; 0: not revoked). */
  batchRevokedAt: number;
  /** Positions revoked one by one, in any order (repeats allowed). */
  revoked: readonly number[];
  /** When the last of those was revoked (Unix seconds; 0: none). */
  lastRevokedAt: number;
}

/**
 * The unsigned status list credential of a batch: `validFrom` is the time of the latest change the chain records
 * for it (anchoring, a credential's revocation, the batch's revocation). Sign it with the institution's credential
 * key, its proof's `created` being that same time, to get the published list.
 */
export function statusListCredential(batch: BatchRevocations): JsonObject {
  const length = statusListLength(batch.count);
  const all = batch.batchRevokedAt !== 0;
  const revoked = all ? Array.from({ length: batch.count }, (_, i) => i) : batch.revoked;
  for (const index of revoked) {
    if (!Number.isInteger(index) || index < 0 || index >= batch.count) {
      throw new RangeError(`position ${index} is outside the batch of ${batch.count}`);
    }
  }
  const validFrom = statusListTime(Math.max(batch.anchoredAt, batch.batchRevokedAt, batch.lastRevokedAt));
  return {
    "@context": [VC_V2_CONTEXT],
    id: batch.url,
    type: ["VerifiableCredential", STATUS_LIST_CREDENTIAL_TYPE],
    issuer: batch.issuer,
    validFrom,
    credentialSubject: {
      id: `${batch.url}#list`,
      type: STATUS_LIST_TYPE,
      statusPurpose: REVOCATION,
      encodedList: encodeStatusList(length, revoked),
    },
  };
}

/** The revocation entry a credential carries: its list's URL and its index there. */
export interface StatusListReference {
  url: string;
  index: number;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The credential's `BitstringStatusListEntry` for revocation (an http(s) list URL and a decimal index), if any. */
export function revocationEntryOf(credential: JsonObject): StatusListReference | undefined {
  const status = credential.credentialStatus;
  const entries = (Array.isArray(status) ? status : [status]).filter(isObject);
  for (const entry of entries) {
    const url = entry.statusListCredential;
    const index = entry.statusListIndex;
    if (entry.type !== STATUS_LIST_ENTRY_TYPE || entry.statusPurpose !== REVOCATION) continue;
    if (typeof url !== "string" || !/^https?:\/\//.test(url) || typeof index !== "string") continue;
    if (!/^(0|[1-9]\d{0,9})$/.test(index) || Number(index) > 0xffffffff) continue;
    return { url, index: Number(index) };
  }
  return undefined;
}

/** A status list credential as read (not yet checked against anyone's key). */
export interface PublishedList {
  document: JsonObject;
  issuer: string | undefined;
  validFrom: string | undefined;
  encodedList: string;
}

function unreadable(message: string): AcreditaError {
  return new AcreditaError("STATUS_LIST_UNREADABLE", message);
}

/** Checks the shape of a status list credential for revocation; throws STATUS_LIST_UNREADABLE. */
export function readStatusListCredential(value: JsonValue): PublishedList {
  if (!isObject(value)) throw unreadable("the status list is not a JSON object");
  const types = Array.isArray(value.type) ? value.type : [value.type];
  if (!types.includes(STATUS_LIST_CREDENTIAL_TYPE)) throw unreadable(`its type is not ${STATUS_LIST_CREDENTIAL_TYPE}`);
  const subject = value.credentialSubject;
  if (!isObject(subject) || subject.type !== STATUS_LIST_TYPE)
    throw unreadable(`its subject is not a ${STATUS_LIST_TYPE}`);
  if (subject.statusPurpose !== REVOCATION) throw unreadable("its purpose is not revocation");
  if (typeof subject.encodedList !== "string" || !subject.encodedList.startsWith("u")) {
    throw unreadable("its encodedList is not multibase base64url");
  }
  const issuer = value.issuer;
  return {
    document: value,
    issuer:
      typeof issuer === "string" ? issuer : isObject(issuer) && typeof issuer.id === "string" ? issuer.id : undefined,
    validFrom: typeof value.validFrom === "string" ? value.validFrom : undefined,
    encodedList: subject.encodedList,
  };
}

/** Whether bit `index` of an `encodedList` is set; throws STATUS_LIST_UNREADABLE (bad encoding, index beyond it). */
export function statusListBit(encodedList: string, index: number): boolean {
  let compressed: Uint8Array;
  try {
    compressed = base64urlDecode(encodedList.slice(1));
  } catch {
    throw unreadable("its encodedList is not base64url");
  }
  let bytes: Uint8Array;
  try {
    bytes = gunzipPrefix(compressed, (index >> 3) + 1);
  } catch {
    throw unreadable("its encodedList is not GZIP data");
  }
  if (bytes.length <= index >> 3) throw unreadable(`the list is shorter than position ${index}`);
  return ((bytes[index >> 3] as number) & (0x80 >> (index & 7))) !== 0;
}

/** The part of `fetch` the comparison uses (the browser's and Node's fetch both fit). */
export type StatusListFetch = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** Options of the comparison with published status lists. */
export interface StatusListOptions {
  fetch: StatusListFetch;
  /** Which list URLs may be fetched (default: any http(s) URL). A URL refused here is not fetched, not compared. */
  allow?: (url: string) => boolean;
  /** Largest list accepted, in characters (default 1 MiB). */
  maxLength?: number;
}

/** What the published list said, beside the registry's answer. */
export interface PublishedStatus {
  url: string;
  index: number;
  /** `agrees`: the list says what the registry says; otherwise a warning reason explains. */
  outcome: "agrees" | "disagrees" | "unreadable" | "not-issuers";
  reason: Extract<
    ReasonCode,
    "STATUS_LIST_AGREES" | "STATUS_LIST_DISAGREES" | "STATUS_LIST_UNREADABLE" | "STATUS_LIST_NOT_ISSUERS"
  >;
  /** What the list says (when it was read and signed by the issuer). */
  listRevoked?: boolean;
  /** What the registry says. */
  chainRevoked: boolean;
  /** The list's `validFrom` (when read). */
  listValidFrom?: string;
  message?: string;
}

/** A fetched list, and its signature checks by issuer and keys (each made once). */
interface CachedList {
  list: Promise<PublishedList>;
  signatures: Map<string, Promise<DataIntegrityOutcome>>;
}

/** Published lists fetched and checked once per URL (a verification of many credentials shares them). */
export type StatusListCache = Map<string, CachedList>;

async function fetchList(url: string, options: StatusListOptions): Promise<PublishedList> {
  let text: string;
  try {
    const response = await options.fetch(url);
    if (!response.ok) throw unreadable(`the server answered HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    if (error instanceof AcreditaError) throw error;
    throw unreadable(`it could not be fetched (${error instanceof Error ? error.message : String(error)})`);
  }
  const max = options.maxLength ?? 1024 * 1024;
  if (text.length > max) throw unreadable(`it is larger than ${max} characters`);
  let value: JsonValue;
  try {
    value = parseStrict(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { maxLength: max });
  } catch {
    throw unreadable("it is not JSON");
  }
  return readStatusListCredential(value);
}

/**
 * Compares the published status list of a verified credential with the registry's answer. `chainRevoked` is what
 * the registry said (the credential or its batch revoked). The list must be signed (Data Integrity,
 * `eddsa-rdfc-2022`) by a key of the credential's issuer that Acredita can check offline (a `did:key`, or a key the
 * anchor proof lists), name that issuer, and hold the credential's position. Undefined when the credential has no
 * revocation entry or its URL is not allowed. Never throws.
 */
export async function comparePublishedStatus(
  credential: JsonObject,
  chainRevoked: boolean,
  options: StatusListOptions,
  cache: StatusListCache = new Map(),
): Promise<PublishedStatus | undefined> {
  const entry = revocationEntryOf(credential);
  if (entry === undefined) return undefined;
  const allowed = options.allow ?? ((url: string) => /^https?:\/\//.test(url));
  if (!allowed(entry.url)) return undefined;
  const base = { url: entry.url, index: entry.index, chainRevoked };
  let anchorIndex: number;
  let keys: readonly VerificationKey[];
  try {
    const { anchor } = splitAnchor(credential);
    anchorIndex = anchor.index;
    keys = anchor.verificationKeys ?? [];
  } catch {
    return undefined;
  }
  const issuer = credential.issuer;
  const issuerId =
    typeof issuer === "string" ? issuer : isObject(issuer) ? (issuer.id as string | undefined) : undefined;
  let cached = cache.get(entry.url);
  if (cached === undefined) {
    cached = { list: fetchList(entry.url, options), signatures: new Map() };
    cache.set(entry.url, cached);
  }
  let read: PublishedList;
  try {
    read = await cached.list;
  } catch (error) {
    return {
      ...base,
      outcome: "unreadable",
      reason: "STATUS_LIST_UNREADABLE",
      message: error instanceof Error ? error.message : String(error),
    };
  }
  const listValidFrom = read.validFrom === undefined ? {} : { listValidFrom: read.validFrom };
  if (read.issuer === undefined || read.issuer !== issuerId) {
    return {
      ...base,
      ...listValidFrom,
      outcome: "not-issuers",
      reason: "STATUS_LIST_NOT_ISSUERS",
      message: `the list's issuer is ${read.issuer ?? "missing"}, not ${issuerId ?? "the credential's issuer"}`,
    };
  }
  const signer = JSON.stringify([issuerId, keys]);
  let checked = cached.signatures.get(signer);
  if (checked === undefined) {
    checked = checkDataIntegrity(read.document, issuerId, keys);
    cached.signatures.set(signer, checked);
  }
  const signature = await checked;
  if (signature.outcome !== "verified") {
    return {
      ...base,
      ...listValidFrom,
      outcome: "not-issuers",
      reason: "STATUS_LIST_NOT_ISSUERS",
      message:
        signature.outcome === "none"
          ? "the list carries no signature by a key of the issuer that can be checked offline"
          : (signature.message ?? "its signature does not verify"),
    };
  }
  let listRevoked: boolean;
  try {
    listRevoked = statusListBit(read.encodedList, entry.index);
  } catch (error) {
    return {
      ...base,
      ...listValidFrom,
      outcome: "unreadable",
      reason: "STATUS_LIST_UNREADABLE",
      message: error instanceof Error ? error.message : String(error),
    };
  }
  if (entry.index !== anchorIndex) {
    return {
      ...base,
      ...listValidFrom,
      listRevoked,
      outcome: "disagrees",
      reason: "STATUS_LIST_DISAGREES",
      message: `the credential's status entry names position ${entry.index}, its anchor position ${anchorIndex}`,
    };
  }
  const agrees = listRevoked === chainRevoked;
  return {
    ...base,
    ...listValidFrom,
    listRevoked,
    outcome: agrees ? "agrees" : "disagrees",
    reason: agrees ? "STATUS_LIST_AGREES" : "STATUS_LIST_DISAGREES",
    ...(agrees
      ? {}
      : {
          message: `the published list says ${listRevoked ? "revoked" : "not revoked"}, the registry ${chainRevoked ? "revoked" : "not revoked"}`,
        }),
  };
}

/** The file name a list is published under: the last segment of its URL (letters, digits, `.`, `-`, `_`). */
export function statusListFileName(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    throw new RangeError(`${url} is not a URL`);
  }
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name)) {
    throw new RangeError(`${url} does not end in a file name`);
  }
  return name;
}
