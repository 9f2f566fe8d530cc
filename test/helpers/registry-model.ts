/**
 * An independent model of the credential registry, written from its specification
 * (`contracts/interfaces/ICredentialRegistry.sol`) and not from the contract: plain maps, one method per external
 * function, no packing, no bitmaps. The differential test (`test/node/contracts/registry-model.test.ts`) applies the
 * same operations to the contract and to this model and requires the same answers.
 *
 * Where the specification lists several errors for one call without saying which is checked first, the model
 * answers with every error the call deserves ({@link Refusal.errors}); the contract must revert with one of them,
 * arguments included ({@link ANY} stands for an argument the specification leaves open, such as the block time).
 * The functions' `@dev` lists are not exhaustive (none names OpenZeppelin's `AccessControlUnauthorizedAccount`), so
 * an error is allowed wherever its own definition applies: `CredentialRegistryUnknownInstitution` ("`institutionId`
 * was never admitted") for any call that names a never-admitted institution.
 *
 * The statuses and error names are spelled out here again on purpose, rather than imported from `core/`: a model
 * that borrows the implementation's vocabulary can inherit its mistakes.
 */
import { type Address, type Hex, concat, encodeAbiParameters, getAddress, keccak256, toHex, zeroAddress } from "viem";

/** `InstitutionStatus`, as the ABI returns it. */
export const Status = { None: 0, Active: 1, Suspended: 2, Withdrawn: 3 } as const;
export type StatusValue = (typeof Status)[keyof typeof Status];

/** The registry's constants, as the specification states them. */
export const LIMITS = {
  maxProofLength: 32,
  maxNameLength: 96,
  maxUriLength: 256,
  maxKeysPerInstitution: 32,
  maxIndexesPerCall: 1000,
} as const;

const ZERO32: Hex = `0x${"00".repeat(32)}`;
/** `keccak256("REGISTRAR_ROLE")`. */
export const REGISTRAR_ROLE: Hex = keccak256(toHex("REGISTRAR_ROLE"));
/** `keccak256("acredita/credential/v1")`. */
const FORMAT_TAG: Hex = keccak256(toHex("acredita/credential/v1"));

/** An argument of an expected error that the specification does not pin down. */
export const ANY: unique symbol = Symbol("any");

/** One error the contract may revert with: its name and arguments (as viem decodes them). */
export interface ExpectedError {
  name: string;
  args: readonly unknown[];
}

/** One event the contract must emit: its name and arguments (as viem's `parseEventLogs` decodes them). */
export interface ModelEvent {
  eventName: string;
  args: Record<string, unknown>;
}

export interface Accepted<T> {
  ok: true;
  events: ModelEvent[];
  value: T;
}

export interface Refusal {
  ok: false;
  /** Every error the specification allows for this call; never empty. */
  errors: ExpectedError[];
}

export type Outcome<T = undefined> = Accepted<T> | Refusal;

/** `InstitutionProfile`, with its texts as JS strings (sent as their UTF-8 bytes). */
export interface ProfileInput {
  name: string;
  issuerId: string;
  country: Hex;
  website: string;
  metadataURI: string;
  metadataHash: Hex;
}

/** `Institution`, as `getInstitution` returns it. */
export interface InstitutionView {
  profile: ProfileInput;
  status: number;
  admittedAt: number;
  updatedAt: number;
  statusChangedAt: number;
  signingKeyCount: number;
  identityVersion: number;
}

/** `SigningKey`, as `getSigningKey` returns it. */
export interface SigningKeyView {
  institutionId: number;
  keyId: number;
  addedAt: number;
  removedAt: number;
  compromisedFrom: number;
}

/** `Batch`, as `getBatch` returns it. */
export interface BatchView {
  signingKey: Address;
  anchoredAt: number;
  count: number;
  identityVersion: number;
  revokedAt: number;
  revocationReason: number;
}

/** `IssuerIdentity`, as `getIssuerIdentity` returns it. */
export interface IssuerIdentityView {
  /** `keccak256(abi.encode(nameHash, issuerIdHash))`. */
  identityHash: Hex;
  nameHash: Hex;
  issuerIdHash: Hex;
}

/** `CredentialStatus`, as `verifyCredential` returns it. */
export interface CredentialStatusView {
  root: Hex;
  anchored: boolean;
  indexInRange: boolean;
  anchoredAt: number;
  count: number;
  signingKey: Address;
  keyCompromisedFrom: number;
  keyValidAtAnchoring: boolean;
  institutionStatus: number;
  institutionCountry: Hex;
  identityVersion: number;
  issuerIdentityHash: Hex;
  credentialRevokedAt: number;
  credentialRevocationReason: number;
  batchRevokedAt: number;
  batchRevocationReason: number;
}

/** `CredentialQuery`. */
export interface QueryInput {
  institutionId: number;
  index: number;
  credentialDigest: Hex;
  proof: readonly Hex[];
}

const EMPTY_PROFILE: ProfileInput = {
  name: "",
  issuerId: "",
  country: "0x0000",
  website: "",
  metadataURI: "",
  metadataHash: ZERO32,
};

const err = (name: string, ...args: unknown[]): ExpectedError => ({ name: `CredentialRegistry${name}`, args });

// ---------------------------------------------------------------------------------------------------------------
// Text rules
// ---------------------------------------------------------------------------------------------------------------

/** A text field's name, as the errors report it. */
export type TextField = "name" | "issuerId" | "website" | "metadataURI";

const isControl = (cp: number) => cp <= 0x1f || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f);
const isBidiControl = (cp: number) =>
  cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
const NFC_REWRITTEN: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
  [0x1100, 0x11ff],
  [0x2126, 0x2126],
  [0x212a, 0x212b],
  [0xf900, 0xfaff],
  [0x2f800, 0x2fa1f],
];
const isNfcRewritten = (cp: number) => NFC_REWRITTEN.some(([from, to]) => cp >= from && cp <= to);

/**
 * Decodes one UTF-8 sequence at `at` by the well-formedness table of the Unicode standard (no overlong forms, no
 * surrogates, nothing above U+10FFFF): its code point and length, or undefined when the bytes there are not UTF-8.
 */
function decodeUtf8(bytes: Uint8Array, at: number): { cp: number; length: number } | undefined {
  const b0 = bytes[at] ?? 0;
  if (b0 < 0x80) return { cp: b0, length: 1 };
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    if (b0 === 0xe0) low = 0xa0; // overlong below U+0800
    if (b0 === 0xed) high = 0x9f; // surrogates U+D800–U+DFFF
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    if (b0 === 0xf0) low = 0x90; // overlong below U+10000
    if (b0 === 0xf4) high = 0x8f; // above U+10FFFF
  } else return undefined;
  if (at + length > bytes.length) return undefined;
  let cp = b0 & (0xff >> (length + 1));
  for (let i = 1; i < length; i++) {
    const b = bytes[at + i] ?? 0;
    if (i === 1 ? b < low || b > high : b < 0x80 || b > 0xbf) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  return { cp, length };
}

/**
 * Every error the text rules allow for a field's bytes: the first sequence that is not UTF-8, and the first control
 * character, bidirectional control and NFC-rewritten character before it (each kind is a reason on its own; which
 * one a scan meets first is not specified).
 */
export function textErrors(field: TextField, bytes: Uint8Array): ExpectedError[] {
  const errors: ExpectedError[] = [];
  const seen = new Set<string>();
  const report = (name: string, position: number) => {
    if (seen.has(name)) return;
    seen.add(name);
    errors.push(err(name, field, BigInt(position)));
  };
  for (let at = 0; at < bytes.length;) {
    const decoded = decodeUtf8(bytes, at);
    if (decoded === undefined) {
      report("InvalidUtf8", at);
      break;
    }
    if (isControl(decoded.cp)) report("ControlCharacter", at);
    else if (isBidiControl(decoded.cp)) report("BidiControl", at);
    else if (isNfcRewritten(decoded.cp)) report("TextNotNormalized", at);
    at += decoded.length;
  }
  return errors;
}

const DID = /^did:[a-z0-9]+:[\x21-\x7e]+$/;
/** The host's first character is a letter or a digit (so not '/', '?', '#', ':' or '@'), and no '@' anywhere. */
const HTTPS_URL = /^https:\/\/[A-Za-z0-9][\x21-\x3f\x41-\x7e]*$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/** An issuer id is a DID (`did:<method>:<identifier>`) or an `https://` URL with a host, in printable ASCII. */
export function isValidIssuerId(issuerId: string): boolean {
  return PRINTABLE_ASCII.test(issuerId) && (DID.test(issuerId) || HTTPS_URL.test(issuerId));
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Every error the rules for a name allow for its bytes: empty, too long, or against the text rules. */
export function nameErrors(bytes: Uint8Array): ExpectedError[] {
  const errors: ExpectedError[] = [];
  if (bytes.length === 0) errors.push(err("EmptyName"));
  if (bytes.length > LIMITS.maxNameLength) {
    errors.push(err("TextTooLong", "name", BigInt(bytes.length), BigInt(LIMITS.maxNameLength)));
  }
  return [...errors, ...textErrors("name", bytes)];
}

/** Every error the rules for a website or a metadata URI allow for its bytes: too long, or against the text rules. */
export function uriErrors(field: "website" | "metadataURI", bytes: Uint8Array): ExpectedError[] {
  const errors: ExpectedError[] = [];
  if (bytes.length > LIMITS.maxUriLength) {
    errors.push(err("TextTooLong", field, BigInt(bytes.length), BigInt(LIMITS.maxUriLength)));
  }
  return [...errors, ...textErrors(field, bytes)];
}

/** Every error the rules for an issuer id allow: too long, not a DID or an https URL, or against the text rules. */
export function issuerIdErrors(issuerId: string): ExpectedError[] {
  const errors: ExpectedError[] = [];
  const bytes = utf8(issuerId);
  if (bytes.length > LIMITS.maxUriLength) {
    errors.push(err("TextTooLong", "issuerId", BigInt(bytes.length), BigInt(LIMITS.maxUriLength)));
  }
  if (!isValidIssuerId(issuerId)) errors.push(err("InvalidIssuerId", issuerId));
  return [...errors, ...textErrors("issuerId", bytes)];
}

/** Every error the profile rules allow for `profile` (empty when it is valid), the issuer id's uniqueness aside. */
export function profileErrors(profile: ProfileInput): ExpectedError[] {
  const errors = [...nameErrors(utf8(profile.name)), ...issuerIdErrors(profile.issuerId)];
  if (!/^0x(4[1-9a-f]|5[0-9a])(4[1-9a-f]|5[0-9a])$/.test(profile.country.toLowerCase())) {
    errors.push(err("InvalidCountryCode", profile.country));
  }
  errors.push(...uriErrors("website", utf8(profile.website)), ...uriErrors("metadataURI", utf8(profile.metadataURI)));
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// Merkle leaves
// ---------------------------------------------------------------------------------------------------------------

/** `keccak256(a ‖ b)` of the sorted pair, as OpenZeppelin's `MerkleProof` hashes nodes. */
function hashPair(a: Hex, b: Hex): Hex {
  return BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

// ---------------------------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------------------------

interface InstitutionRecord {
  id: number;
  profile: ProfileInput;
  status: StatusValue;
  admittedAt: number;
  updatedAt: number;
  statusChangedAt: number;
  keys: Address[];
  /** Issuer identity versions, version `v` at `identities[v - 1]`. */
  identities: IssuerIdentityView[];
}

interface KeyRecord {
  institutionId: number;
  keyId: number;
  addedAt: number;
  removedAt: number;
  compromisedFrom: number;
}

interface BatchRecord {
  institutionId: number;
  root: Hex;
  signingKey: Address;
  anchoredAt: number;
  count: number;
  identityVersion: number;
  revokedAt: number;
  revocationReason: number;
}

interface Revocation {
  revokedAt: number;
  reason: number;
}

const refuse = (errors: ExpectedError[]): Refusal => {
  if (errors.length === 0) throw new Error("model bug: a refusal without a reason");
  return { ok: false, errors };
};
const accept = <T>(value: T, ...events: ModelEvent[]): Accepted<T> => ({ ok: true, events, value });
const event = (eventName: string, args: Record<string, unknown>): ModelEvent => ({ eventName, args });
const batchKey = (institutionId: number, root: Hex) => `${institutionId}:${root.toLowerCase()}`;
const revocationKey = (institutionId: number, root: Hex, index: number) => `${batchKey(institutionId, root)}:${index}`;

/** The registry, as its specification describes it. Every mutating method takes the caller and the block time. */
export class RegistryModel {
  readonly #chainId: bigint;
  readonly #address: Address;
  readonly #registrars: Set<Address>;
  readonly #institutions: InstitutionRecord[] = [];
  readonly #keys = new Map<Address, KeyRecord>();
  #keyCount = 0;
  readonly #issuerIds = new Map<string, number>();
  readonly #batches = new Map<string, BatchRecord>();
  readonly #revocations = new Map<string, Revocation>();
  readonly #roots = new Map<string, Hex>();

  /**
   * @param chainId The chain's id (inside every leaf).
   * @param address The registry's address (inside every leaf).
   * @param registrars The accounts holding `REGISTRAR_ROLE`.
   */
  constructor(chainId: bigint, address: Address, registrars: readonly Address[]) {
    this.#chainId = chainId;
    this.#address = getAddress(address);
    this.#registrars = new Set(registrars.map((a) => getAddress(a)));
  }

  // ----- registrar: institutions -----

  admitInstitution(caller: Address, profile: ProfileInput, now: number): Outcome<number> {
    const errors = [...this.#onlyRegistrar(caller), ...profileErrors(profile)];
    const holder = this.#issuerIds.get(profile.issuerId);
    if (holder !== undefined) errors.push(err("IssuerIdTaken", profile.issuerId, holder));
    if (errors.length > 0) return refuse(errors);
    const id = this.#institutions.length + 1;
    this.#institutions.push({
      id,
      profile: { ...profile },
      status: Status.Active,
      admittedAt: now,
      updatedAt: now,
      statusChangedAt: now,
      keys: [],
      identities: [identityOf(profile)],
    });
    this.#issuerIds.set(profile.issuerId, id);
    return accept(id, event("InstitutionAdmitted", { institutionId: id, ...profileArgs(profile), identityVersion: 1 }));
  }

  updateInstitution(caller: Address, institutionId: number, profile: ProfileInput, now: number): Outcome {
    const errors = [...this.#onlyRegistrar(caller), ...profileErrors(profile)];
    const institution = this.#institution(institutionId);
    if (institution === undefined) errors.push(err("UnknownInstitution", institutionId));
    else if (institution.status === Status.Withdrawn) {
      errors.push(err("InvalidStatusTransition", institutionId, Status.Withdrawn));
    }
    const holder = this.#issuerIds.get(profile.issuerId);
    if (holder !== undefined && holder !== institutionId) errors.push(err("IssuerIdTaken", profile.issuerId, holder));
    if (errors.length > 0 || institution === undefined) return refuse(errors);
    const previous = institution.profile;
    if (previous.name !== profile.name || previous.issuerId !== profile.issuerId) {
      institution.identities.push(identityOf(profile));
    }
    institution.profile = { ...profile };
    institution.updatedAt = now;
    this.#issuerIds.set(profile.issuerId, institutionId);
    return accept(
      undefined,
      event("InstitutionUpdated", {
        institutionId,
        ...profileArgs(profile),
        identityVersion: institution.identities.length,
      }),
    );
  }

  suspendInstitution(caller: Address, institutionId: number, now: number): Outcome {
    return this.#transition(caller, institutionId, [Status.Active], Status.Suspended, "InstitutionSuspended", now);
  }

  reinstateInstitution(caller: Address, institutionId: number, now: number): Outcome {
    return this.#transition(caller, institutionId, [Status.Suspended], Status.Active, "InstitutionReinstated", now);
  }

  withdrawInstitution(caller: Address, institutionId: number, now: number): Outcome {
    const from = [Status.Active, Status.Suspended];
    return this.#transition(caller, institutionId, from, Status.Withdrawn, "InstitutionWithdrawn", now);
  }

  #transition(
    caller: Address,
    institutionId: number,
    from: readonly StatusValue[],
    to: StatusValue,
    eventName: string,
    now: number,
  ): Outcome {
    const errors = this.#onlyRegistrar(caller);
    const institution = this.#institution(institutionId);
    const status = institution?.status ?? Status.None;
    if (!from.includes(status)) errors.push(err("InvalidStatusTransition", institutionId, status));
    // A never-admitted id is also "unknown"; the specification names only the transition error for these calls.
    if (institution === undefined) errors.push(err("UnknownInstitution", institutionId));
    if (errors.length > 0 || institution === undefined) return refuse(errors);
    institution.status = to;
    institution.statusChangedAt = now;
    return accept(undefined, event(eventName, { institutionId }));
  }

  // ----- registrar: signing keys -----

  addSigningKey(caller: Address, institutionId: number, signingKey: Address, now: number): Outcome {
    const errors = this.#onlyRegistrar(caller);
    const key = getAddress(signingKey);
    if (key === zeroAddress) errors.push(err("ZeroAddress"));
    const existing = this.#keys.get(key);
    if (existing !== undefined) errors.push(err("KeyAlreadyRegistered", key, existing.institutionId));
    const institution = this.#institution(institutionId);
    if (institution === undefined) errors.push(err("UnknownInstitution", institutionId));
    else {
      if (institution.keys.length >= LIMITS.maxKeysPerInstitution) {
        errors.push(err("TooManySigningKeys", institutionId, BigInt(LIMITS.maxKeysPerInstitution)));
      }
      if (institution.status === Status.Withdrawn) {
        errors.push(err("InvalidStatusTransition", institutionId, Status.Withdrawn));
      }
    }
    if (errors.length > 0 || institution === undefined) return refuse(errors);
    const keyId = ++this.#keyCount;
    this.#keys.set(key, { institutionId, keyId, addedAt: now, removedAt: 0, compromisedFrom: 0 });
    institution.keys.push(key);
    return accept(undefined, event("SigningKeyAdded", { institutionId, signingKey: key, keyId }));
  }

  removeSigningKey(caller: Address, signingKey: Address, now: number): Outcome {
    const errors = this.#onlyRegistrar(caller);
    const key = getAddress(signingKey);
    const record = this.#keys.get(key);
    if (record === undefined) errors.push(err("UnknownSigningKey", key));
    else if (record.removedAt !== 0) errors.push(err("SigningKeyRemoved", key, record.removedAt));
    if (errors.length > 0 || record === undefined) return refuse(errors);
    record.removedAt = now;
    return accept(undefined, event("SigningKeyRemoved", { institutionId: record.institutionId, signingKey: key }));
  }

  /**
   * The specification does not say what a declaration from time 0 means (0 is "never" elsewhere; the contract's own
   * NatSpec records it as 1): the differential test declares from time 1 on.
   */
  declareKeyCompromised(caller: Address, signingKey: Address, compromisedFrom: number, now: number): Outcome {
    const errors = this.#onlyRegistrar(caller);
    const key = getAddress(signingKey);
    const record = this.#keys.get(key);
    if (record === undefined) errors.push(err("UnknownSigningKey", key));
    // The block time is known only once mined: a refusal's `currentTime` is left open.
    if (compromisedFrom > now) errors.push(err("CompromiseInFuture", compromisedFrom, ANY));
    if (record !== undefined && record.compromisedFrom !== 0 && compromisedFrom >= record.compromisedFrom) {
      errors.push(err("CompromiseNotEarlier", key, record.compromisedFrom, compromisedFrom));
    }
    if (errors.length > 0 || record === undefined) return refuse(errors);
    record.compromisedFrom = compromisedFrom;
    const events = [
      event("SigningKeyCompromised", { institutionId: record.institutionId, signingKey: key, compromisedFrom }),
    ];
    if (record.removedAt === 0) {
      record.removedAt = now;
      events.push(event("SigningKeyRemoved", { institutionId: record.institutionId, signingKey: key }));
    }
    return accept(undefined, ...events);
  }

  // ----- signing keys: anchoring -----

  /** {anchorBatch} when `metadataURI` is undefined, {anchorBatchWithMetadata} otherwise. */
  anchorBatch(caller: Address, root: Hex, count: number, metadataURI: string | undefined, now: number): Outcome {
    const errors: ExpectedError[] = [];
    const key = getAddress(caller);
    const record = this.#keys.get(key);
    const institution = record && this.#institution(record.institutionId);
    if (record === undefined || institution === undefined) errors.push(err("UnknownSigningKey", key));
    else {
      if (record.removedAt !== 0) errors.push(err("SigningKeyRemoved", key, record.removedAt));
      if (institution.status !== Status.Active) {
        errors.push(err("InstitutionNotActive", institution.id, institution.status));
      }
      const existing = this.#batches.get(batchKey(institution.id, root));
      if (existing !== undefined) errors.push(err("BatchAlreadyAnchored", institution.id, root, existing.anchoredAt));
    }
    if (BigInt(root) === 0n) errors.push(err("ZeroRoot"));
    if (count === 0) errors.push(err("EmptyBatch", root));
    if (metadataURI !== undefined) errors.push(...uriErrors("metadataURI", utf8(metadataURI)));
    if (errors.length > 0 || institution === undefined) return refuse(errors);
    this.#batches.set(batchKey(institution.id, root), {
      institutionId: institution.id,
      root,
      signingKey: key,
      anchoredAt: now,
      count,
      identityVersion: institution.identities.length,
      revokedAt: 0,
      revocationReason: 0,
    });
    const events = [event("BatchAnchored", { institutionId: institution.id, root })];
    if (metadataURI !== undefined) {
      events.push(event("BatchMetadataPublished", { institutionId: institution.id, root, metadataURI }));
    }
    return accept(undefined, ...events);
  }

  // ----- revocation -----

  /**
   * The single form does not read the batch: any position of any root of the institution may be revoked, anchored
   * or not, below the batch's count or not. Only the revoker and an earlier revocation of the same position refuse.
   */
  revokeCredential(caller: Address, institutionId: number, root: Hex, index: number, reason: number, now: number) {
    const errors = this.#revokerErrors(caller, institutionId);
    const revoked = this.#revocations.get(revocationKey(institutionId, root, index));
    if (revoked !== undefined) {
      errors.push(err("CredentialAlreadyRevoked", institutionId, root, index, revoked.revokedAt));
    }
    if (errors.length > 0) return refuse(errors);
    this.#revoke(institutionId, root, [index], reason, now);
    return accept(undefined, event("CredentialRevoked", { institutionId, root, index, reason }));
  }

  revokeCredentials(
    caller: Address,
    institutionId: number,
    root: Hex,
    indexes: readonly number[],
    reason: number,
    now: number,
  ): Outcome {
    const { errors, batch } = this.#revocationChecks(caller, institutionId, root);
    if (indexes.length === 0) errors.push(err("NoIndexes"));
    if (indexes.length > LIMITS.maxIndexesPerCall) {
      errors.push(err("TooManyIndexes", BigInt(indexes.length), BigInt(LIMITS.maxIndexesPerCall)));
    }
    indexes.forEach((index, position) => {
      if (position > 0 && index <= (indexes[position - 1] ?? 0)) {
        errors.push(err("IndexesNotIncreasing", BigInt(position), index));
      }
    });
    if (batch !== undefined) errors.push(...this.#positionErrors(batch, indexes));
    if (errors.length > 0) return refuse(errors);
    this.#revoke(institutionId, root, indexes, reason, now);
    return accept(undefined, event("CredentialsRevoked", { institutionId, root, indexes: [...indexes], reason }));
  }

  revokeCredentialRange(
    caller: Address,
    institutionId: number,
    root: Hex,
    fromIndex: number,
    count: number,
    reason: number,
    now: number,
  ): Outcome {
    const { errors, batch } = this.#revocationChecks(caller, institutionId, root);
    if (count === 0) errors.push(err("NoIndexes"));
    if (batch !== undefined && count > 0) {
      // Which position the error names (the first one out of range, the last one of the range, or the end) is not
      // specified; the batch's count is.
      if (fromIndex + count > batch.count) errors.push(err("IndexOutOfRange", ANY, batch.count));
      const inRange = Math.max(0, Math.min(fromIndex + count, batch.count) - fromIndex);
      const positions = Array.from({ length: Math.min(inRange, 100_000) }, (_, i) => fromIndex + i);
      errors.push(...this.#positionErrors(batch, positions));
    }
    if (errors.length > 0) return refuse(errors);
    const positions = Array.from({ length: count }, (_, i) => fromIndex + i);
    this.#revoke(institutionId, root, positions, reason, now);
    return accept(undefined, event("CredentialRangeRevoked", { institutionId, root, fromIndex, count, reason }));
  }

  revokeBatch(caller: Address, institutionId: number, root: Hex, reason: number, now: number): Outcome {
    const { errors, batch } = this.#revocationChecks(caller, institutionId, root);
    if (batch !== undefined && batch.revokedAt !== 0) {
      errors.push(err("BatchAlreadyRevoked", institutionId, root, batch.revokedAt));
    }
    if (errors.length > 0 || batch === undefined) return refuse(errors);
    batch.revokedAt = now;
    batch.revocationReason = reason;
    return accept(undefined, event("BatchRevoked", { institutionId, root, reason }));
  }

  /** Who may revoke (the registrar, or an active key of the institution while it is not withdrawn) and the batch. */
  #revocationChecks(caller: Address, institutionId: number, root: Hex) {
    const errors = this.#revokerErrors(caller, institutionId);
    const batch = this.#batches.get(batchKey(institutionId, root));
    if (batch === undefined) errors.push(err("UnknownBatch", institutionId, root));
    return { errors, batch };
  }

  /** Who may revoke: the registrar (for an admitted institution), or an active key of the institution while it is not
   * withdrawn. */
  #revokerErrors(caller: Address, institutionId: number): ExpectedError[] {
    const errors: ExpectedError[] = [];
    const account = getAddress(caller);
    const key = this.#keys.get(account);
    const keyMayRevoke =
      key !== undefined &&
      key.institutionId === institutionId &&
      key.removedAt === 0 &&
      this.#institution(institutionId)?.status !== Status.Withdrawn;
    if (!this.#registrars.has(account) && !keyMayRevoke) {
      errors.push(err("UnauthorizedRevoker", account, institutionId));
    }
    if (this.#institution(institutionId) === undefined) errors.push(err("UnknownInstitution", institutionId));
    return errors;
  }

  /** Out-of-range and already-revoked positions among `indexes` of an anchored batch, each a reason to refuse. */
  #positionErrors(batch: BatchRecord, indexes: readonly number[]): ExpectedError[] {
    const errors: ExpectedError[] = [];
    for (const index of indexes) {
      if (index >= batch.count) {
        errors.push(err("IndexOutOfRange", BigInt(index), batch.count));
        continue;
      }
      const revoked = this.#revocations.get(revocationKey(batch.institutionId, batch.root, index));
      if (revoked !== undefined) {
        errors.push(err("CredentialAlreadyRevoked", batch.institutionId, batch.root, index, revoked.revokedAt));
      }
    }
    return errors;
  }

  #revoke(institutionId: number, root: Hex, indexes: readonly number[], reason: number, now: number) {
    for (const index of indexes)
      this.#revocations.set(revocationKey(institutionId, root, index), { revokedAt: now, reason });
  }

  #onlyRegistrar(caller: Address): ExpectedError[] {
    const account = getAddress(caller);
    if (this.#registrars.has(account)) return [];
    return [{ name: "AccessControlUnauthorizedAccount", args: [account, REGISTRAR_ROLE] }];
  }

  #institution(institutionId: number): InstitutionRecord | undefined {
    return institutionId >= 1 ? this.#institutions[institutionId - 1] : undefined;
  }

  // ----- verification -----

  /** `keccak256(bytes.concat(keccak256(abi.encode(FORMAT_TAG, chainid, registry, institutionId, index, digest))))`. */
  credentialLeaf(institutionId: number, index: number, credentialDigest: Hex): Hex {
    const encoded = encodeAbiParameters(
      [
        { type: "bytes32" },
        { type: "uint256" },
        { type: "address" },
        { type: "uint32" },
        { type: "uint32" },
        { type: "bytes32" },
      ],
      [FORMAT_TAG, this.#chainId, this.#address, institutionId, index, credentialDigest],
    );
    return keccak256(keccak256(encoded));
  }

  /** The facts about one credential, or the error the view reverts with. */
  verifyCredential(query: QueryInput): CredentialStatusView | ExpectedError {
    if (query.proof.length > LIMITS.maxProofLength) {
      return err("ProofTooLong", BigInt(query.proof.length), BigInt(LIMITS.maxProofLength));
    }
    const root = this.#rootOf(query);
    const institution = this.#institution(query.institutionId);
    const batch = this.#batches.get(batchKey(query.institutionId, root));
    const revocation = this.#revocations.get(revocationKey(query.institutionId, root, query.index));
    const status: CredentialStatusView = {
      root,
      anchored: false,
      indexInRange: false,
      anchoredAt: 0,
      count: 0,
      signingKey: zeroAddress,
      keyCompromisedFrom: 0,
      keyValidAtAnchoring: false,
      institutionStatus: institution?.status ?? Status.None,
      institutionCountry: institution?.profile.country ?? "0x0000",
      identityVersion: 0,
      issuerIdentityHash: ZERO32,
      // "When this credential was revoked": a position may be revoked before its batch is anchored (or beyond the
      // batch's count); the view reports it whatever the batch, and it never makes the credential sound.
      credentialRevokedAt: revocation?.revokedAt ?? 0,
      credentialRevocationReason: revocation?.reason ?? 0,
      batchRevokedAt: 0,
      batchRevocationReason: 0,
    };
    if (batch === undefined) return status;
    const key = this.#keys.get(batch.signingKey);
    const compromisedFrom = key?.compromisedFrom ?? 0;
    const identity = institution?.identities[batch.identityVersion - 1];
    return {
      ...status,
      anchored: true,
      indexInRange: query.index < batch.count,
      anchoredAt: batch.anchoredAt,
      count: batch.count,
      signingKey: batch.signingKey,
      keyCompromisedFrom: compromisedFrom,
      keyValidAtAnchoring: compromisedFrom === 0 || batch.anchoredAt < compromisedFrom,
      identityVersion: batch.identityVersion,
      issuerIdentityHash: identity?.identityHash ?? ZERO32,
      batchRevokedAt: batch.revokedAt,
      batchRevocationReason: batch.revocationReason,
    };
  }

  /** The root a query's path leads to from its leaf (memoized: the differential test asks the same ones often). */
  #rootOf(query: QueryInput): Hex {
    const key = `${query.institutionId}:${query.index}:${query.credentialDigest}:${query.proof.join(",")}`;
    let root = this.#roots.get(key);
    if (root === undefined) {
      root = this.credentialLeaf(query.institutionId, query.index, query.credentialDigest);
      for (const node of query.proof) root = hashPair(root, node);
      this.#roots.set(key, root);
    }
    return root;
  }

  /** {verifyCredential} for many queries: the statuses in order, or the first too-long proof's error. */
  verifyCredentials(queries: readonly QueryInput[]): CredentialStatusView[] | ExpectedError {
    const statuses: CredentialStatusView[] = [];
    for (const query of queries) {
      const status = this.verifyCredential(query);
      if ("name" in status) return status;
      statuses.push(status);
    }
    return statuses;
  }

  // ----- reads -----

  institutionCount(): number {
    return this.#institutions.length;
  }

  getInstitution(institutionId: number): InstitutionView {
    const institution = this.#institution(institutionId);
    if (institution === undefined) {
      return {
        profile: EMPTY_PROFILE,
        status: Status.None,
        admittedAt: 0,
        updatedAt: 0,
        statusChangedAt: 0,
        signingKeyCount: 0,
        identityVersion: 0,
      };
    }
    return {
      profile: { ...institution.profile },
      status: institution.status,
      admittedAt: institution.admittedAt,
      updatedAt: institution.updatedAt,
      statusChangedAt: institution.statusChangedAt,
      signingKeyCount: institution.keys.length,
      identityVersion: institution.identities.length,
    };
  }

  getSigningKeys(institutionId: number): Address[] {
    return [...(this.#institution(institutionId)?.keys ?? [])];
  }

  getIssuerIdentity(institutionId: number, version: number): IssuerIdentityView {
    const identity = version >= 1 ? this.#institution(institutionId)?.identities[version - 1] : undefined;
    return identity ? { ...identity } : { identityHash: ZERO32, nameHash: ZERO32, issuerIdHash: ZERO32 };
  }

  institutionOfIssuerId(issuerId: string): number {
    return this.#issuerIds.get(issuerId) ?? 0;
  }

  getSigningKey(signingKey: Address): SigningKeyView {
    const record = this.#keys.get(getAddress(signingKey));
    return record ? { ...record } : { institutionId: 0, keyId: 0, addedAt: 0, removedAt: 0, compromisedFrom: 0 };
  }

  isAnchored(institutionId: number, root: Hex): boolean {
    return this.#batches.has(batchKey(institutionId, root));
  }

  getBatch(institutionId: number, root: Hex): BatchView {
    const batch = this.#batches.get(batchKey(institutionId, root));
    if (batch === undefined) {
      return {
        signingKey: zeroAddress,
        anchoredAt: 0,
        count: 0,
        identityVersion: 0,
        revokedAt: 0,
        revocationReason: 0,
      };
    }
    const { signingKey, anchoredAt, count, identityVersion, revokedAt, revocationReason } = batch;
    return { signingKey, anchoredAt, count, identityVersion, revokedAt, revocationReason };
  }

  getCredentialRevocation(institutionId: number, root: Hex, index: number): readonly [number, number] {
    const revocation = this.#revocations.get(revocationKey(institutionId, root, index));
    return [revocation?.revokedAt ?? 0, revocation?.reason ?? 0];
  }

  // ----- for the driver: what exists -----

  /** The anchored batches, in the order anchored. */
  batches(): { institutionId: number; root: Hex; count: number; signingKey: Address }[] {
    return [...this.#batches.values()].map(({ institutionId, root, count, signingKey }) => ({
      institutionId,
      root,
      count,
      signingKey,
    }));
  }

  /** Every revoked credential position (batch revocations aside), in the order revoked. */
  revokedPositions(): { institutionId: number; root: Hex; index: number }[] {
    return [...this.#revocations.keys()].map((key) => {
      const [institutionId, root, index] = key.split(":");
      return { institutionId: Number(institutionId), root: root as Hex, index: Number(index) };
    });
  }

  /** Every issuer id an institution ever had, oldest first. */
  issuerIdsOf(institutionId: number): string[] {
    return [...this.#issuerIds].filter(([, id]) => id === institutionId).map(([issuerId]) => issuerId);
  }
}

/** An identity version: the hashes of the texts, and both in one (`abi.encode` of the two text hashes). */
function identityOf(profile: ProfileInput): IssuerIdentityView {
  const nameHash = keccak256(toHex(profile.name));
  const issuerIdHash = keccak256(toHex(profile.issuerId));
  const identityHash = keccak256(
    encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [nameHash, issuerIdHash]),
  );
  return { identityHash, nameHash, issuerIdHash };
}

function profileArgs(profile: ProfileInput) {
  const { name, issuerId, country, website, metadataURI, metadataHash } = profile;
  return { name, issuerId, country, website, metadataURI, metadataHash };
}
