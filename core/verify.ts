/**
 * The verification engine. `verifyCredential(access, input, options)` runs the ordered checks
 * FORMAT → INTEGRITY → REGISTRY → ANCHOR → ISSUER → STATUS → VALIDITY, each VALID / INVALID / ERROR / SKIPPED with
 * a reason code, and derives a verdict. The on-chain part is exactly one `eth_call` per source to the registry's
 * `verifyCredential` view once the chain id is known (one `eth_chainId` per client, cached; the read block is
 * reused for a second, see sources.ts).
 *
 * A registry is read through its sources (independent RPC endpoints), all at the same block; a verdict from the
 * chain needs `quorum` of them to answer and every answer to agree. Sources that disagree give ERROR
 * (SOURCES_DISAGREE, with what each said); a result resting on one source says so (notice SOURCE_SINGLE).
 *
 * It fails closed: a thrown error, an RPC failure, a wrong chain or an unreadable answer gives ERROR and the
 * verdict "could-not-check" — never "valid". Trust comes from `options.trustedRegistries`, never from the
 * credential: a registry not listed there makes the verdict "untrusted" and is not even asked.
 */
import { type Address, getAddress, type PublicClient } from "viem";
import { concatBytes, fromHex, type Hex, toHex } from "./bytes.ts";
import { assertNoForbiddenKeys, type JsonObject, type ParseOptions, parseStrict } from "./canonical.ts";
import { recomputeDigest } from "./commitment.ts";
import { ob3Problems } from "./credential.ts";
import { checkDataIntegrity } from "./data-integrity.ts";
import { parseDateTime } from "./dates.ts";
import { leafOf, processProof } from "./digest.ts";
import { AcreditaError } from "./errors.ts";
import { credentialRegistryAbi } from "./generated/abi.ts";
import { keccak, keccakUtf8 } from "./hash.ts";
import { type AnchorProof, assertPathLength, splitAnchor, type VerificationKey } from "./proof.ts";
import type { ReasonCode, Verdict } from "./reasons.ts";
import { countryOf, INSTITUTION_STATUS, type InstitutionStatus } from "./registry.ts";
import {
  comparePublishedStatus,
  type PublishedStatus,
  type StatusListCache,
  type StatusListOptions,
} from "./status-list.ts";
import {
  type BlockTag,
  chainIdOf,
  clientSource,
  confirmationsOf,
  differingFields,
  type PinnedBlock,
  quorumOf,
  type RegistryEndpoints,
  type RegistryRead,
  type RegistrySource,
  type SourceReport,
  tagBlockOf,
} from "./sources.ts";

/** The checks, in the order they run. */
export const CHECKS = [
  "FORMAT",
  "INTEGRITY",
  "SIGNATURE",
  "REGISTRY",
  "ANCHOR",
  "ISSUER",
  "STATUS",
  "VALIDITY",
] as const;
export type CheckName = (typeof CHECKS)[number];
export type CheckStatus = "VALID" | "INVALID" | "ERROR" | "SKIPPED";

/** One check's outcome. */
export interface CheckResult {
  check: CheckName;
  status: CheckStatus;
  reason: ReasonCode;
  details?: Record<string, unknown>;
}

/**
 * A registry this verifier trusts (from its own configuration), with the endpoints it is read through, the quorum
 * and the block tag (sources.ts).
 */
export interface TrustedRegistry extends RegistryEndpoints {
  chainId: number;
  address: Address;
  name: string;
}

/**
 * Where registries are read: one client (one source for every registry), a list of sources (for every registry),
 * or each registry's own sources (e.g. `registrySources(connect)`, from its `rpcUrls`).
 */
export type RegistryAccess =
  PublicClient | readonly RegistrySource[] | ((registry: TrustedRegistry) => readonly RegistrySource[]);

/** Options of the verification functions. */
export interface VerifyOptions {
  trustedRegistries: readonly TrustedRegistry[];
  /** The verification time (default: now). */
  now?: Date | number;
  /** Limits for parsing credential text. */
  parse?: ParseOptions;
  /**
   * Also fetch the published status list a credential names (`BitstringStatusListEntry`) and report when it
   * disagrees with the registry (status-list.ts). Off by default: the registry is authoritative, and nothing a
   * credential names is fetched unless the caller allows it here.
   */
  statusLists?: StatusListOptions;
  /**
   * How long a source's block for the registry's tag is reused, in milliseconds (default BLOCK_REFRESH_MS; 0: ask
   * before every verification, which costs one more request per source).
   */
  blockRefreshMs?: number;
}

/**
 * Status-only input: a credential digest with the coordinates its proof block gives (what a hash-only link
 * carries). The registry derives leaves itself, so a leaf alone cannot be looked up; the digest can.
 */
export interface CredentialReference {
  chainId: number;
  registry: Address;
  institutionId: number;
  batchRoot: Hex;
  index: number;
  credentialDigest: Hex;
  path: Hex[];
}

/** The status-only reference an anchor proof carries: the credential digest and where it is anchored. */
export function referenceOf(proof: AnchorProof): CredentialReference {
  return {
    chainId: proof.chainId,
    registry: getAddress(proof.registry),
    institutionId: proof.institutionId,
    batchRoot: proof.batchRoot,
    index: proof.index,
    credentialDigest: proof.credentialDigest,
    path: proof.path,
  };
}

/** What can be verified: credential JSON text, a parsed credential, or a reference (status only). */
export type VerifyInput = string | JsonObject | { reference: CredentialReference };

/** The registry's answer, normalized (times as Unix seconds, 0 = never). */
export interface ChainStatus {
  /** The root the credential's Merkle path leads to, as the registry computed it. */
  root: Hex;
  /** `root` is the batch root the proof block names. */
  proofValid: boolean;
  anchored: boolean;
  indexInRange: boolean;
  anchoredAt: number;
  count: number;
  signingKey: Address;
  keyCompromisedFrom: number;
  keyValidAtAnchoring: boolean;
  institutionStatus: InstitutionStatus;
  /**
   * The institution's name: the issuer name the credential shows when it is the one the registry recorded at
   * anchoring, otherwise the registry's current name (read with a further call).
   */
  institutionName: string;
  institutionCountry: string;
  /** The institution's issuer identity version when the batch was anchored (0: not anchored). */
  identityVersion: number;
  /**
   * The registry's identity hash of that version, `keccak256(abi.encode(keccak256(utf8(name)),
   * keccak256(utf8(issuerId))))` (zero: not anchored): one full-width hash of both texts.
   */
  issuerIdentityHash: Hex;
  /**
   * `keccak256(utf8(name))` of the institution's name when the batch was anchored: known at once when the
   * credential's issuer matches the identity hash, else read with `getIssuerIdentity` (zero: not anchored).
   */
  issuerNameHash: Hex;
  /**
   * `keccak256(utf8(issuerId))` of the institution's issuer id when the batch was anchored, known the same way
   * (zero: not anchored): a credential's `issuer.id` must hash to it.
   */
  issuerIdHash: Hex;
  credentialRevokedAt: number;
  credentialRevocationReason: number;
  batchRevokedAt: number;
  batchRevocationReason: number;
}

/** The full result of a verification: data that the CLI and the web app render the same way. */
export interface VerificationResult {
  verdict: Verdict;
  /** One entry per check, in {@link CHECKS} order. */
  checks: CheckResult[];
  /** Reason codes of warnings (only with verdict "valid-with-warnings" or alongside another verdict). */
  warnings: ReasonCode[];
  /** How many fields the holder hid (0 for a full credential). */
  hiddenCount: number;
  /** Whether the input was a redacted copy (some fields hidden, the issuer's signature dropped). */
  redacted: boolean;
  /** The (redacted) credential as parsed, when the input was a credential. */
  credential?: JsonObject;
  reference?: CredentialReference;
  leaf?: Hex;
  registry?: TrustedRegistry;
  chain?: ChainStatus;
  /** The published status list compared with the registry (only with `options.statusLists`). */
  statusList?: PublishedStatus;
  /** How the registry was read: the block (number, hash, time), the quorum and what each source said. */
  read?: RegistryRead;
  /**
   * Facts that do not change the verdict: SOURCE_SINGLE when one source alone vouched for the registry's answer.
   */
  notices?: ReasonCode[];
}

/** The local part of a verification (no network): FORMAT, INTEGRITY and VALIDITY. */
export interface LocalCheck {
  checks: Partial<Record<CheckName, CheckResult>>;
  warnings: ReasonCode[];
  hiddenCount: number;
  redacted: boolean;
  credential?: JsonObject;
  /** The credential as anchored (without its anchor proof), for the signature check. */
  anchored?: JsonObject;
  /** The verification keys the anchor proof lists. */
  keys?: readonly VerificationKey[];
  /** The verification methods of the issuer's signatures when the credential was anchored (anchor's signedBy). */
  signedBy?: readonly string[];
  reference?: CredentialReference;
  leaf?: Hex;
  /** False when FORMAT or INTEGRITY failed: nothing is asked of the chain. */
  sound: boolean;
}

function result(
  check: CheckName,
  status: CheckStatus,
  reason: ReasonCode,
  details?: Record<string, unknown>,
): CheckResult {
  return details === undefined ? { check, status, reason } : { check, status, reason, details };
}

function toTime(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return typeof now === "number" ? now : now.getTime();
}

/** VALIDITY: `validFrom` (required) and `validUntil` must be RFC 3339 date-times of real days (core/dates.ts). */
function validityCheck(credential: JsonObject, now: number): CheckResult {
  const from = credential.validFrom;
  const until = credential.validUntil;
  const fromTime = parseDateTime(from);
  const untilTime = until === undefined ? undefined : (parseDateTime(until) ?? Number.NaN);
  if (fromTime === undefined || (untilTime !== undefined && Number.isNaN(untilTime))) {
    return result("VALIDITY", "INVALID", "VALIDITY_BAD_DATE", { validFrom: from ?? null, validUntil: until ?? null });
  }
  if (now < fromTime) return result("VALIDITY", "INVALID", "VALIDITY_NOT_YET_VALID", { validFrom: from });
  if (untilTime !== undefined && now >= untilTime) {
    return result("VALIDITY", "INVALID", "VALIDITY_EXPIRED", { validUntil: until });
  }
  return result("VALIDITY", "VALID", "VALIDITY_OK");
}

function isReferenceInput(input: VerifyInput): input is { reference: CredentialReference } {
  return typeof input === "object" && Object.hasOwn(input, "reference") && !Object.hasOwn(input, "@context");
}

function checkReference(reference: CredentialReference): CredentialReference {
  const ok =
    Number.isSafeInteger(reference.chainId) &&
    reference.chainId > 0 &&
    /^0x[0-9a-fA-F]{40}$/.test(reference.registry) &&
    Number.isInteger(reference.institutionId) &&
    reference.institutionId >= 0 &&
    reference.institutionId <= 0xffffffff &&
    Number.isInteger(reference.index) &&
    reference.index >= 0 &&
    reference.index <= 0xffffffff &&
    /^0x[0-9a-f]{64}$/.test(reference.batchRoot) &&
    /^0x[0-9a-f]{64}$/.test(reference.credentialDigest) &&
    Array.isArray(reference.path);
  if (!ok) throw new AcreditaError("INPUT_NOT_DIGEST", "the reference is malformed");
  assertPathLength(reference.path);
  if (!reference.path.every((node) => /^0x[0-9a-f]{64}$/.test(node))) {
    throw new AcreditaError("INPUT_NOT_DIGEST", "the reference's Merkle path is malformed");
  }
  return { ...reference, registry: getAddress(reference.registry) };
}

/**
 * FORMAT, INTEGRITY and VALIDITY, without any network access: parse strictly, check the proof block and the
 * disclosure, recompute the credential digest, derive the leaf and fold the Merkle path up to the batch root.
 */
export function checkLocally(input: VerifyInput, options: Pick<VerifyOptions, "now" | "parse"> = {}): LocalCheck {
  const checks: LocalCheck["checks"] = {};
  const now = toTime(options.now);
  if (isReferenceInput(input)) {
    let reference: CredentialReference;
    try {
      reference = checkReference(input.reference);
    } catch (error) {
      checks.FORMAT = result("FORMAT", "INVALID", reasonOf(error, "INPUT_NOT_DIGEST"), detailsOf(error));
      return { checks, warnings: [], hiddenCount: 0, redacted: false, sound: false };
    }
    checks.FORMAT = result("FORMAT", "VALID", "FORMAT_OK");
    checks.INTEGRITY = result("INTEGRITY", "SKIPPED", "SKIPPED_STATUS_ONLY");
    checks.VALIDITY = result("VALIDITY", "SKIPPED", "SKIPPED_STATUS_ONLY");
    const leaf = toHex(leafOf(reference, reference.index, fromHex(reference.credentialDigest)));
    return { checks, warnings: [], hiddenCount: 0, redacted: false, reference, leaf, sound: true };
  }

  // FORMAT: strict parse, OB3 shape, proof block, disclosure consistency.
  let credential: JsonObject;
  let reference: CredentialReference;
  let recomputed: ReturnType<typeof recomputeDigest>;
  let anchored: JsonObject;
  let keys: readonly VerificationKey[];
  let signedBy: readonly string[];
  try {
    // A parsed object (e.g. from JSON.parse) did not go through the strict parser's key check: do it here.
    const value = typeof input === "string" ? parseStrict(input, options.parse) : input;
    if (typeof input !== "string") assertNoForbiddenKeys(value);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new AcreditaError("CREDENTIAL_NOT_OB3", "the credential is not a JSON object");
    }
    credential = value;
    const problems = ob3Problems(credential);
    if (problems.length > 0) throw new AcreditaError("CREDENTIAL_NOT_OB3", problems.join("; "), { problems });
    const split = splitAnchor(credential);
    recomputed = recomputeDigest(split.document, split.anchor);
    reference = referenceOf(split.anchor);
    anchored = split.document;
    keys = split.anchor.verificationKeys ?? [];
    signedBy = split.anchor.signedBy ?? [];
  } catch (error) {
    checks.FORMAT = result("FORMAT", "INVALID", reasonOf(error, "PARSE_NOT_JSON"), detailsOf(error));
    return { checks, warnings: [], hiddenCount: 0, redacted: false, sound: false };
  }
  checks.FORMAT = result("FORMAT", "VALID", "FORMAT_OK", {
    visibleFields: recomputed.visibleCount,
    hiddenFields: recomputed.hiddenCount,
  });

  // INTEGRITY: the content matches the stated digest, and the path leads from the leaf to the stated root.
  const digest = toHex(recomputed.credentialDigest);
  const leafBytes = leafOf(reference, reference.index, recomputed.credentialDigest);
  const leaf = toHex(leafBytes);
  const base = {
    credential,
    anchored,
    keys,
    signedBy,
    reference,
    leaf,
    hiddenCount: recomputed.hiddenCount,
    redacted: recomputed.redacted,
    warnings: [] as ReasonCode[],
  };
  checks.VALIDITY = validityCheck(credential, now);
  if (digest !== reference.credentialDigest) {
    checks.INTEGRITY = result("INTEGRITY", "INVALID", "INTEGRITY_DIGEST_MISMATCH", {
      computed: digest,
      stated: reference.credentialDigest,
    });
    return { ...base, checks, sound: false };
  }
  const root = toHex(processProof(leafBytes, reference.path.map(fromHex)));
  if (root !== reference.batchRoot) {
    checks.INTEGRITY = result("INTEGRITY", "INVALID", "INTEGRITY_PATH_MISMATCH", {
      computed: root,
      stated: reference.batchRoot,
    });
    return { ...base, checks, sound: false };
  }
  checks.INTEGRITY = result("INTEGRITY", "VALID", "INTEGRITY_OK", { credentialDigest: digest, leaf });
  return { ...base, checks, sound: true };
}

/**
 * SIGNATURE: the issuer's Data Integrity proof (`eddsa-rdfc-2022`), checked offline with Digital Bazaar's verdict
 * (the fast verifier where it provably gives it, Digital Bazaar's code otherwise: data-integrity.ts), with a key
 * whose controller must be the credential's `issuer.id`. A redacted copy has none by
 * design (SIGNATURE_REDACTED: the anchor alone proves its disclosed fields). Adds the result to `local` and, when
 * the signature fails, marks it unsound so nothing is asked of the chain. Never throws.
 */
export async function checkSignature(local: LocalCheck): Promise<LocalCheck> {
  const set = (check: CheckResult, sound = local.sound): LocalCheck => ({
    ...local,
    checks: { ...local.checks, SIGNATURE: check },
    sound,
  });
  if (local.checks.INTEGRITY?.reason === "SKIPPED_STATUS_ONLY") {
    return set(result("SIGNATURE", "SKIPPED", "SKIPPED_STATUS_ONLY"));
  }
  if (!local.sound || local.anchored === undefined) return set(result("SIGNATURE", "SKIPPED", "SKIPPED_AFTER_FAILURE"));
  if (local.redacted) {
    // The copy dropped the issuer's signature; the anchor says whether there was one.
    if ((local.signedBy ?? []).length > 0) {
      return set(result("SIGNATURE", "SKIPPED", "SIGNATURE_REDACTED", { signedBy: [...(local.signedBy ?? [])] }));
    }
    return {
      ...set(result("SIGNATURE", "SKIPPED", "SIGNATURE_NONE")),
      warnings: [...local.warnings, "SIGNATURE_NONE"],
    };
  }
  const outcome = await checkDataIntegrity(local.anchored, issuerIdOf(local.anchored), local.keys);
  if (outcome.outcome === "verified") {
    return set(result("SIGNATURE", "VALID", "SIGNATURE_OK", { verificationMethod: outcome.verificationMethod }));
  }
  if (outcome.outcome === "none") {
    return {
      ...set(result("SIGNATURE", "SKIPPED", "SIGNATURE_NONE")),
      warnings: [...local.warnings, "SIGNATURE_NONE"],
    };
  }
  return set(
    result("SIGNATURE", "INVALID", outcome.reason ?? "DI_SIGNATURE_INVALID", {
      verificationMethod: outcome.verificationMethod ?? null,
      message: outcome.message ?? null,
    }),
    false,
  );
}

function reasonOf(error: unknown, fallback: ReasonCode): ReasonCode {
  return error instanceof AcreditaError ? error.code : fallback;
}

function detailsOf(error: unknown): Record<string, unknown> {
  if (error instanceof AcreditaError) return { ...error.details, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

// ----------------------------------------------------------------------------------------------------------------
// Chain access

type RawStatus = Awaited<ReturnType<typeof readOne>>;

function readOne(client: PublicClient, reference: CredentialReference, blockNumber: bigint) {
  return client.readContract({
    address: reference.registry,
    abi: credentialRegistryAbi,
    functionName: "verifyCredential",
    args: [reference.institutionId, reference.index, reference.credentialDigest, reference.path],
    blockNumber,
  });
}

function institutionStatus(value: number): InstitutionStatus {
  const status = INSTITUTION_STATUS[value];
  if (status === undefined) throw new AcreditaError("ANCHOR_BAD_RESPONSE", `unknown institution status ${value}`);
  return status;
}

/** The issuer a credential claims: its `issuer.name` and `issuer.id` (either may be missing). */
export interface ClaimedIssuer {
  name?: string | undefined;
  id?: string | undefined;
}

const ZERO_HASH: Hex = `0x${"0".repeat(64)}`;

/**
 * Normalizes the registry's raw answer for `reference`; throws ANCHOR_BAD_RESPONSE on anything unexpected. When
 * the claimed issuer's name (as written, or in NFC) and id give the recorded identity hash, both texts are the
 * recorded ones and their hashes are filled in; otherwise `issuerNameHash`/`issuerIdHash` stay zero and
 * `institutionName` empty until {@link resolveIdentities} reads them.
 */
export function normalizeChainStatus(
  raw: RawStatus,
  reference: Pick<CredentialReference, "batchRoot">,
  claimed: ClaimedIssuer = {},
): ChainStatus {
  const name = raw.anchored ? recordedName(claimed, raw.issuerIdentityHash) : undefined;
  return {
    root: raw.root,
    proofValid: raw.root.toLowerCase() === reference.batchRoot.toLowerCase(),
    anchored: raw.anchored,
    indexInRange: raw.indexInRange,
    anchoredAt: raw.anchoredAt,
    count: raw.count,
    signingKey: raw.signingKey,
    keyCompromisedFrom: raw.keyCompromisedFrom,
    keyValidAtAnchoring: raw.keyValidAtAnchoring,
    institutionStatus: institutionStatus(raw.institutionStatus),
    institutionName: name ?? "",
    institutionCountry: countryOf(raw.institutionCountry),
    identityVersion: raw.identityVersion,
    issuerIdentityHash: raw.issuerIdentityHash,
    issuerNameHash: name === undefined ? ZERO_HASH : hashText(name),
    issuerIdHash: name === undefined || claimed.id === undefined ? ZERO_HASH : hashText(claimed.id),
    credentialRevokedAt: raw.credentialRevokedAt,
    credentialRevocationReason: raw.credentialRevocationReason,
    batchRevokedAt: raw.batchRevokedAt,
    batchRevocationReason: raw.batchRevocationReason,
  };
}

function hashText(text: string): Hex {
  return toHex(keccakUtf8(text));
}

/** The registry's identity hash of a (name, issuer id) pair: `keccak256(abi.encode(nameHash, issuerIdHash))`. */
export function issuerIdentityHash(name: string, issuerId: string): Hex {
  return toHex(keccak(concatBytes([keccakUtf8(name), keccakUtf8(issuerId)])));
}

/**
 * The form of the claimed name (as written, or its NFC form: the registry only records NFC text) that, with the
 * claimed issuer id byte for byte, gives the recorded identity hash; undefined when none does.
 */
function recordedName(claimed: ClaimedIssuer, recorded: Hex): string | undefined {
  const { name, id } = claimed;
  if (name === undefined || id === undefined) return undefined;
  const expected = recorded.toLowerCase();
  const nfc = name.normalize("NFC");
  for (const form of nfc === name ? [name] : [name, nfc]) {
    if (issuerIdentityHash(form, id) === expected) return form;
  }
  return undefined;
}

/** Whether `name` (as written, or its NFC form) hashes to the recorded name hash, `keccak256(utf8(name))`. */
function nameMatches(name: string, recorded: Hex): boolean {
  const expected = recorded.toLowerCase();
  const nfc = name.normalize("NFC");
  return hashText(name) === expected || (nfc !== name && hashText(nfc) === expected);
}

/** Whether the issuer id `id`, byte for byte, hashes to the issuer id hash the registry recorded at anchoring. */
function idMatches(id: string, recorded: Hex): boolean {
  return hashText(id) === recorded.toLowerCase();
}

/** A chain status waiting for {@link resolveIdentities}, with the issuer its credential claims. */
interface Unresolved {
  chain: ChainStatus;
  institutionId: number;
  claimed: ClaimedIssuer;
}

/**
 * Completes the statuses whose credential's issuer is not the identity recorded at anchoring (and status-only
 * ones): reads that identity version's name and issuer id hashes (`getIssuerIdentity`, checked against the
 * view's identity hash), then the registry's current name where the claimed name is not the recorded one
 * (`getInstitution`, once per institution), so a mismatch can be shown with the registered name. A credential
 * whose issuer matches needs none of these calls. Every call reads the same block as the view.
 */
async function resolveIdentities(
  client: PublicClient,
  registry: Address,
  items: readonly Unresolved[],
  blockNumber: bigint,
): Promise<void> {
  const read = <T>(functionName: "getIssuerIdentity" | "getInstitution", args: readonly number[]) =>
    client.readContract({
      address: registry,
      abi: credentialRegistryAbi,
      functionName,
      args: args as never,
      blockNumber,
    }) as Promise<T>;
  const names = new Map<number, Promise<string>>();
  const identities = new Map<string, Promise<{ identityHash: Hex; nameHash: Hex; issuerIdHash: Hex }>>();
  for (const { chain, institutionId, claimed } of items) {
    if (chain.institutionName !== "" || !chain.anchored || !chain.proofValid) continue;
    const version = `${institutionId}/${chain.identityVersion}`;
    let pending = identities.get(version);
    if (pending === undefined) {
      pending = read("getIssuerIdentity", [institutionId, chain.identityVersion]);
      identities.set(version, pending);
    }
    const identity = await pending;
    if (
      identity.identityHash.toLowerCase() !== chain.issuerIdentityHash.toLowerCase() ||
      toHex(keccak(concatBytes([fromHex(identity.nameHash), fromHex(identity.issuerIdHash)]))) !==
        chain.issuerIdentityHash.toLowerCase()
    ) {
      throw new AcreditaError("ANCHOR_BAD_RESPONSE", "the issuer identity does not match the view's identity hash");
    }
    chain.issuerNameHash = identity.nameHash;
    chain.issuerIdHash = identity.issuerIdHash;
    if (claimed.name !== undefined && nameMatches(claimed.name, identity.nameHash)) {
      chain.institutionName = claimed.name;
      continue;
    }
    let name = names.get(institutionId);
    if (name === undefined) {
      name = read<{ profile: { name: string } }>("getInstitution", [institutionId]).then((i) => i.profile.name);
      names.set(institutionId, name);
    }
    chain.institutionName = await name;
  }
}

function trustedFor(reference: CredentialReference, trusted: readonly TrustedRegistry[]): TrustedRegistry | undefined {
  const address = reference.registry.toLowerCase();
  return trusted.find((r) => r.chainId === reference.chainId && r.address.toLowerCase() === address);
}

/** The credential's `issuer.id` (the issuer may be a string or a profile object with an `id`). */
function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === "string") return issuer;
  if (typeof issuer === "object" && issuer !== null && !Array.isArray(issuer) && typeof issuer.id === "string") {
    return issuer.id;
  }
  return undefined;
}

/** The issuer a credential claims (nothing for a status-only reference). */
function claimedIssuer(credential: JsonObject | undefined): ClaimedIssuer {
  return credential === undefined ? {} : { name: issuerNameOf(credential), id: issuerIdOf(credential) };
}

function issuerNameOf(credential: JsonObject | undefined): string | undefined {
  const issuer = credential?.issuer;
  if (typeof issuer === "object" && issuer !== null && !Array.isArray(issuer) && typeof issuer.name === "string") {
    return issuer.name;
  }
  return undefined;
}

/**
 * Turns the registry's facts into the ANCHOR, ISSUER and STATUS checks plus warnings. With a credential, its
 * `issuer.id` must hash (`keccak256(utf8(id))`, exactly as written) to the issuer id hash recorded when the batch
 * was anchored, else ISSUER is INVALID (ISSUER_ID_MISMATCH); a status-only reference has no issuer id to compare.
 */
export function evaluateChainStatus(
  status: ChainStatus,
  credential: JsonObject | undefined,
): { checks: CheckResult[]; warnings: ReasonCode[] } {
  const warnings: ReasonCode[] = [];
  let anchor: CheckResult;
  if (!status.proofValid) anchor = result("ANCHOR", "INVALID", "ANCHOR_PROOF_REJECTED");
  else if (!status.anchored) anchor = result("ANCHOR", "INVALID", "ANCHOR_NOT_ANCHORED");
  else if (!status.indexInRange) anchor = result("ANCHOR", "INVALID", "ANCHOR_PROOF_REJECTED", { count: status.count });
  else anchor = result("ANCHOR", "VALID", "ANCHOR_OK", { anchoredAt: status.anchoredAt, count: status.count });
  if (anchor.status !== "VALID") {
    return {
      checks: [
        anchor,
        result("ISSUER", "SKIPPED", "SKIPPED_AFTER_FAILURE"),
        result("STATUS", "SKIPPED", "SKIPPED_AFTER_FAILURE"),
      ],
      warnings,
    };
  }
  let issuer: CheckResult;
  const institution = { name: status.institutionName, country: status.institutionCountry };
  const claimedId = credential === undefined ? undefined : issuerIdOf(credential);
  const idMismatch =
    credential !== undefined && (claimedId === undefined || !idMatches(claimedId, status.issuerIdHash));
  if (!status.keyValidAtAnchoring) {
    issuer =
      status.keyCompromisedFrom !== 0
        ? result("ISSUER", "INVALID", "ISSUER_KEY_COMPROMISED", {
            ...institution,
            compromisedFrom: status.keyCompromisedFrom,
          })
        : result("ISSUER", "INVALID", "ISSUER_KEY_INVALID_AT_ANCHORING", institution);
  } else if (idMismatch) {
    issuer = result("ISSUER", "INVALID", "ISSUER_ID_MISMATCH", {
      ...institution,
      issuerId: claimedId ?? null,
      issuerIdHash: status.issuerIdHash,
    });
  } else {
    issuer = result("ISSUER", "VALID", "ISSUER_OK", {
      ...institution,
      signingKey: status.signingKey,
      ...(claimedId === undefined ? {} : { issuerId: claimedId }),
    });
    if (status.institutionStatus === "Suspended") warnings.push("ISSUER_SUSPENDED_NOW");
    if (status.institutionStatus === "Withdrawn") warnings.push("ISSUER_WITHDRAWN_NOW");
    const claimed = issuerNameOf(credential);
    if (claimed !== undefined && claimed.normalize("NFC") !== status.institutionName.normalize("NFC")) {
      warnings.push("ISSUER_NAME_MISMATCH");
    }
  }
  let revocation: CheckResult;
  if (status.credentialRevokedAt !== 0) {
    revocation = result("STATUS", "INVALID", "STATUS_CREDENTIAL_REVOKED", {
      revokedAt: status.credentialRevokedAt,
      reason: status.credentialRevocationReason,
    });
  } else if (status.batchRevokedAt !== 0) {
    revocation = result("STATUS", "INVALID", "STATUS_BATCH_REVOKED", {
      revokedAt: status.batchRevokedAt,
      reason: status.batchRevocationReason,
    });
  } else revocation = result("STATUS", "VALID", "STATUS_ACTIVE");
  return { checks: [anchor, issuer, revocation], warnings };
}

/** Signature outcomes that are not a failure: a redacted copy (the anchor proves it) or no signature (a warning). */
const SIGNATURE_NOT_REQUIRED: ReadonlySet<ReasonCode> = new Set<ReasonCode>(["SIGNATURE_REDACTED", "SIGNATURE_NONE"]);

/** The checks a status-only input (a digest and its coordinates, without the content) cannot run. */
const CONTENT_CHECKS: readonly CheckName[] = ["INTEGRITY", "SIGNATURE", "VALIDITY"];

/**
 * The verdict derived from the checks (see README: the order of precedence). A skipped check is never a pass:
 * "valid" needs every check VALID, except the issuer's signature of a redacted or unsigned credential (SKIPPED with
 * SIGNATURE_REDACTED or SIGNATURE_NONE, which is also a warning). A status-only input, whose content checks were
 * all skipped for that reason (SKIPPED_STATUS_ONLY) while the registry vouched for the rest, is "status-only":
 * anchored and not revoked, its content and validity dates unknown.
 */
export function verdictOf(checks: readonly CheckResult[], warnings: readonly ReasonCode[]): Verdict {
  const byName = new Map(checks.map((c) => [c.check, c]));
  const status = (name: CheckName): CheckStatus => byName.get(name)?.status ?? "ERROR";
  if (checks.length !== CHECKS.length || byName.size !== CHECKS.length) return "could-not-check";
  if (status("FORMAT") === "INVALID" || status("INTEGRITY") === "INVALID") return "invalid";
  if (status("SIGNATURE") === "INVALID") return "invalid";
  if (status("REGISTRY") === "INVALID") return "untrusted";
  if (checks.some((c) => c.status === "ERROR")) return "could-not-check";
  if (status("ANCHOR") === "INVALID" || status("ISSUER") === "INVALID") return "invalid";
  if (status("ANCHOR") !== "VALID" || status("ISSUER") !== "VALID") return "could-not-check";
  if (status("STATUS") === "INVALID") return "revoked";
  if (status("STATUS") !== "VALID") return "could-not-check";
  const validity = byName.get("VALIDITY");
  if (validity?.status === "INVALID") {
    if (validity.reason === "VALIDITY_EXPIRED") return "expired";
    if (validity.reason === "VALIDITY_NOT_YET_VALID") return "not-yet-valid";
    return "invalid";
  }
  if (status("FORMAT") !== "VALID" || status("REGISTRY") !== "VALID") return "could-not-check";
  const contentSkipped = (name: CheckName) =>
    byName.get(name)?.status === "SKIPPED" && byName.get(name)?.reason === "SKIPPED_STATUS_ONLY";
  if (CONTENT_CHECKS.every(contentSkipped)) return "status-only";
  if (status("INTEGRITY") !== "VALID" || status("VALIDITY") !== "VALID") return "could-not-check";
  const signature = byName.get("SIGNATURE");
  const signed = signature?.status === "VALID";
  if (!signed && !(signature?.status === "SKIPPED" && SIGNATURE_NOT_REQUIRED.has(signature.reason))) {
    return "could-not-check";
  }
  if (signature.reason === "SIGNATURE_NONE") return "valid-with-warnings";
  return warnings.length > 0 ? "valid-with-warnings" : "valid";
}

function assemble(local: LocalCheck, rest: CheckResult[], extra: Partial<VerificationResult>): VerificationResult {
  const all = new Map<CheckName, CheckResult>();
  for (const check of Object.values(local.checks)) all.set(check.check, check);
  for (const check of rest) all.set(check.check, check);
  const checks = CHECKS.map((name) => all.get(name) ?? result(name, "SKIPPED", "SKIPPED_AFTER_FAILURE"));
  const warnings = [...local.warnings, ...(extra.warnings ?? [])];
  const out: VerificationResult = {
    verdict: verdictOf(checks, warnings),
    checks,
    warnings,
    hiddenCount: local.hiddenCount,
    redacted: local.redacted,
  };
  if (local.credential !== undefined) out.credential = local.credential;
  if (local.reference !== undefined) out.reference = local.reference;
  if (local.leaf !== undefined) out.leaf = local.leaf;
  if (extra.registry !== undefined) out.registry = extra.registry;
  if (extra.chain !== undefined) out.chain = extra.chain;
  if (extra.read !== undefined) out.read = extra.read;
  if (extra.notices !== undefined && extra.notices.length > 0) out.notices = extra.notices;
  return out;
}

/** REGISTRY check of a registry not in the trust list (nothing is asked of any source). */
function untrustedCheck(reference: CredentialReference): CheckResult {
  return result("REGISTRY", "INVALID", "REGISTRY_UNTRUSTED", {
    chainId: reference.chainId,
    registry: reference.registry,
  });
}

/** Errors meaning "the node answered, but not as a registry would" rather than "the node could not be reached". */
const BAD_ANSWER = new Set([
  "ContractFunctionZeroDataError",
  "ContractFunctionRevertedError",
  "AbiDecodingZeroDataError",
  "AbiDecodingDataSizeTooSmallError",
  "AbiDecodingOffsetOutOfBoundsError",
  "PositionOutOfBoundsError",
]);

function rpcReason(error: unknown): ReasonCode {
  if (error instanceof AcreditaError) return error.code;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (BAD_ANSWER.has(e.name)) return "ANCHOR_BAD_RESPONSE";
  }
  return "ANCHOR_RPC_FAILED";
}

// ----------------------------------------------------------------------------------------------------------------
// Reading a registry through its sources

/** Why a source gave no answer. */
interface SourceFailure {
  reason: ReasonCode;
  details: Record<string, unknown>;
}

/** One source during a run of reads of one registry. */
interface SourceState {
  source: RegistrySource;
  /** The block it gave for the registry's tag. */
  block?: PinnedBlock;
  /** Why it can answer nothing: its chain id (a REGISTRY failure) or its block (an ANCHOR failure). */
  failure?: SourceFailure & { check: "REGISTRY" | "ANCHOR" };
}

/** A registry's sources, opened for a run of reads: chain ids checked, the read block chosen. */
interface OpenRegistry {
  trusted: TrustedRegistry;
  quorum: number;
  tag: BlockTag;
  states: SourceState[];
  /** VALID when at least `quorum` sources are on the registry's chain. */
  registry: CheckResult;
  /** The read block: the highest any source gave for the tag. */
  pin?: PinnedBlock;
  /** Sources gave the read block's number with different hashes: they are not on one chain. */
  forked: boolean;
}

/** One credential's question to the registry, with the issuer it claims. */
interface Query {
  reference: CredentialReference;
  claimed: ClaimedIssuer;
}

/** A source's answer to one query: the normalized status, or why there is none. */
type Answer = { status: ChainStatus } | { failure: SourceFailure };

function sourcesFor(access: RegistryAccess, registry: TrustedRegistry): readonly RegistrySource[] {
  if (typeof access === "function") return access(registry);
  if (Array.isArray(access)) return access as readonly RegistrySource[];
  return [clientSource(access as PublicClient)];
}

/**
 * Asks every source of `trusted` its chain id (cached) and its block for the registry's tag (reused for
 * `blockRefreshMs`), both at once, and chooses the read block: the highest one given.
 */
async function openRegistry(
  access: RegistryAccess,
  trusted: TrustedRegistry,
  options: VerifyOptions,
): Promise<OpenRegistry> {
  let sources: readonly RegistrySource[];
  try {
    sources = sourcesFor(access, trusted);
  } catch (error) {
    const registry = result("REGISTRY", "ERROR", "SOURCES_TOO_FEW", { quorum: 1, ...detailsOf(error), sources: [] });
    return { trusted, quorum: 1, tag: "safe", states: [], registry, forked: false };
  }
  const quorum = quorumOf(trusted, sources.length);
  const tag = trusted.blockTag ?? "safe";
  const confirmations = confirmationsOf(trusted);
  const states = await Promise.all(
    sources.map(async (source): Promise<SourceState> => {
      const [chainId, block] = await Promise.allSettled([
        chainIdOf(source.client),
        tagBlockOf(source.client, tag, confirmations, options.blockRefreshMs),
      ]);
      if (chainId.status === "rejected") {
        return {
          source,
          failure: { check: "REGISTRY", reason: "REGISTRY_CHAIN_UNKNOWN", details: detailsOf(chainId.reason) },
        };
      }
      if (chainId.value !== trusted.chainId) {
        const details = { expected: trusted.chainId, connected: chainId.value };
        return { source, failure: { check: "REGISTRY", reason: "REGISTRY_CHAIN_MISMATCH", details } };
      }
      if (block.status === "rejected") {
        return {
          source,
          failure: { check: "ANCHOR", reason: rpcReason(block.reason), details: detailsOf(block.reason) },
        };
      }
      return { source, block: block.value };
    }),
  );
  const onChain = states.filter((s) => s.failure?.check !== "REGISTRY").length;
  const [only] = states;
  let registry: CheckResult;
  if (onChain >= quorum) registry = result("REGISTRY", "VALID", "REGISTRY_TRUSTED", { name: trusted.name });
  else if (states.length === 1 && only?.failure !== undefined) {
    registry = result("REGISTRY", "ERROR", only.failure.reason, only.failure.details);
  } else {
    registry = result("REGISTRY", "ERROR", "SOURCES_TOO_FEW", {
      quorum,
      sources: states.map((s) => report(s, undefined, undefined)),
    });
  }
  let pin: PinnedBlock | undefined;
  for (const { block } of states)
    if (block !== undefined && (pin === undefined || block.number > pin.number)) pin = block;
  const forked = states.some(
    (s) => s.block !== undefined && s.block.number === pin?.number && s.block.hash !== pin.hash,
  );
  return { trusted, quorum, tag, states, registry, ...(pin === undefined ? {} : { pin }), forked };
}

/**
 * One source's answers to `queries` at the read block: one `verifyCredential` call (one query, `batched` false)
 * or one `verifyCredentials` call, then the identity reads a mismatching issuer needs, at the same block. A source
 * that cannot read the block while it gave a lower one for the tag is behind the others (SOURCE_BLOCK_UNAVAILABLE).
 */
async function ask(
  state: SourceState,
  open: OpenRegistry,
  queries: readonly Query[],
  batched: boolean,
): Promise<Answer[]> {
  const { client } = state.source;
  const pin = open.pin;
  if (pin === undefined || state.block === undefined) {
    return queries.map(() => ({ failure: { reason: "ANCHOR_RPC_FAILED", details: {} } }));
  }
  const blockNumber = BigInt(pin.number);
  const address = getAddress(open.trusted.address);
  const failed = (error: unknown): Answer => {
    const behind = (state.block?.number ?? 0) < pin.number && !(error instanceof AcreditaError);
    return {
      failure: {
        reason: behind ? "SOURCE_BLOCK_UNAVAILABLE" : rpcReason(error),
        details: { ...detailsOf(error), block: pin.number },
      },
    };
  };
  try {
    let raws: readonly RawStatus[];
    if (batched) {
      raws = await client.readContract({
        address,
        abi: credentialRegistryAbi,
        functionName: "verifyCredentials",
        args: [
          queries.map(({ reference }) => ({
            institutionId: reference.institutionId,
            index: reference.index,
            credentialDigest: reference.credentialDigest,
            proof: reference.path,
          })),
        ],
        blockNumber,
      });
    } else {
      const [query] = queries;
      raws = query === undefined ? [] : [await readOne(client, { ...query.reference, registry: address }, blockNumber)];
    }
    if (raws.length !== queries.length) throw new AcreditaError("ANCHOR_BAD_RESPONSE", "wrong number of statuses");
    const answers = queries.map((query, k): Answer => {
      try {
        return { status: normalizeChainStatus(raws[k] as RawStatus, query.reference, query.claimed) };
      } catch (error) {
        return failed(error);
      }
    });
    const unresolved: Unresolved[] = [];
    answers.forEach((answer, k) => {
      const query = queries[k] as Query;
      if ("status" in answer) {
        unresolved.push({ chain: answer.status, institutionId: query.reference.institutionId, claimed: query.claimed });
      }
    });
    await resolveIdentities(client, address, unresolved, blockNumber);
    return answers;
  } catch (error) {
    return queries.map(() => failed(error));
  }
}

/** What an answer says, in one reason: its first failed check's, else its first warning's, else STATUS_ACTIVE. */
function headline(status: ChainStatus, credential: JsonObject | undefined): ReasonCode {
  const evaluated = evaluateChainStatus(status, credential);
  return evaluated.checks.find((c) => c.status === "INVALID")?.reason ?? evaluated.warnings[0] ?? "STATUS_ACTIVE";
}

function report(state: SourceState, answer: Answer | undefined, credential: JsonObject | undefined): SourceReport {
  const base = { name: state.source.name, ...(state.block === undefined ? {} : { block: state.block.number }) };
  const failure = state.failure ?? (answer !== undefined && "failure" in answer ? answer.failure : undefined);
  if (failure !== undefined) {
    const message = failure.details.message;
    return { ...base, answered: false, reason: failure.reason, ...(typeof message === "string" ? { message } : {}) };
  }
  if (answer === undefined || !("status" in answer)) return { ...base, answered: false, reason: "ANCHOR_RPC_FAILED" };
  return { ...base, answered: true, reason: headline(answer.status, credential) };
}

/** The ANCHOR, ISSUER and STATUS checks and the rest of a result, from every source's answer to one query. */
function decide(
  open: OpenRegistry,
  answers: readonly (Answer | undefined)[],
  credential: JsonObject | undefined,
): { checks: CheckResult[]; extra: Partial<VerificationResult> } {
  const reports = open.states.map((state, k) => report(state, answers[k], credential));
  const read: RegistryRead | undefined =
    open.pin === undefined ? undefined : { block: open.pin, tag: open.tag, quorum: open.quorum, sources: reports };
  const base: Partial<VerificationResult> = { registry: open.trusted, ...(read === undefined ? {} : { read }) };
  const statuses = answers.flatMap((a) => (a !== undefined && "status" in a ? [a.status] : []));
  const differing = new Set<string>(open.forked ? ["block"] : []);
  for (const status of statuses.slice(1))
    for (const field of differingFields(statuses[0] as ChainStatus, status)) differing.add(field);
  const behind = reports.some((r) => r.reason === "SOURCE_BLOCK_UNAVAILABLE");
  const error = (check: CheckResult) => ({
    checks: [
      check,
      result("ISSUER", "SKIPPED", "SKIPPED_AFTER_FAILURE"),
      result("STATUS", "SKIPPED", "SKIPPED_AFTER_FAILURE"),
    ],
    extra: base,
  });
  if (differing.size > 0 || (behind && statuses.length < open.quorum)) {
    if (behind) differing.add("block");
    const fields = [...differing];
    return error(
      result("ANCHOR", "ERROR", "SOURCES_DISAGREE", {
        differing: fields,
        quorum: open.quorum,
        sources: reports.map((r, k) => {
          const answer = answers[k];
          if (answer === undefined || !("status" in answer)) return r;
          const values = Object.fromEntries(
            fields
              .filter((f) => f !== "block")
              .map((f) => [f, (answer.status as unknown as Record<string, unknown>)[f]]),
          );
          return { ...r, values };
        }),
      }),
    );
  }
  if (statuses.length < open.quorum) {
    const [only] = open.states;
    const failure =
      only?.failure ?? (answers[0] !== undefined && "failure" in answers[0] ? answers[0].failure : undefined);
    if (open.states.length === 1 && failure !== undefined) {
      return error(result("ANCHOR", "ERROR", failure.reason, failure.details));
    }
    return error(result("ANCHOR", "ERROR", "SOURCES_TOO_FEW", { quorum: open.quorum, sources: reports }));
  }
  const chain = statuses[0] as ChainStatus;
  const evaluated = evaluateChainStatus(chain, credential);
  return {
    checks: evaluated.checks,
    extra: {
      ...base,
      chain,
      warnings: evaluated.warnings,
      ...(statuses.length === 1 ? { notices: ["SOURCE_SINGLE"] } : {}),
    },
  };
}

function failedLocally(error: unknown): LocalCheck {
  return {
    checks: { FORMAT: result("FORMAT", "ERROR", "PARSE_NOT_JSON", detailsOf(error)) },
    warnings: [],
    hiddenCount: 0,
    redacted: false,
    sound: false,
  };
}

/**
 * Verifies one credential (text, parsed JSON, or a status-only reference) against the registries this verifier
 * trusts, through the registry's sources at one block: one `eth_call` per source. Never throws: every failure is a
 * check result.
 */
export async function verifyCredential(
  access: RegistryAccess,
  input: VerifyInput,
  options: VerifyOptions,
): Promise<VerificationResult> {
  let local: LocalCheck;
  try {
    local = checkLocally(input, options);
  } catch (error) {
    return assemble(failedLocally(error), [], {});
  }
  local = await checkSignature(local);
  const reference = local.reference;
  if (!local.sound || reference === undefined) return assemble(local, [], {});
  const trusted = trustedFor(reference, options.trustedRegistries);
  if (trusted === undefined) return assemble(local, [untrustedCheck(reference)], {});
  const open = await openRegistry(access, trusted, options);
  if (open.registry.status !== "VALID") return assemble(local, [open.registry], {});
  const query: Query = { reference, claimed: claimedIssuer(local.credential) };
  const answers = await Promise.all(
    open.states.map(async (state) =>
      state.failure === undefined ? (await ask(state, open, [query], false))[0] : undefined,
    ),
  );
  const decided = decide(open, answers, local.credential);
  return withPublishedStatus(assemble(local, [open.registry, ...decided.checks], decided.extra), options);
}

/** Queries per `verifyCredentials` call (keeps each eth_call well under node gas caps). */
export const BATCH_QUERY_LIMIT = 256;

/**
 * Verifies many credentials: local checks for each, then, per trusted registry, its sources opened once (one read
 * block for the whole run) and one `verifyCredentials` eth_call per source per {@link BATCH_QUERY_LIMIT}
 * credentials. Results are in input order. Never throws.
 */
export async function verifyCredentials(
  access: RegistryAccess,
  inputs: readonly VerifyInput[],
  options: VerifyOptions,
): Promise<VerificationResult[]> {
  return finishVerification(access, await localChecks(inputs, options), options);
}

/**
 * The local part of {@link verifyCredentials} (no network): {@link checkLocally} and {@link checkSignature} of each
 * input, in input order. Never throws. Pure CPU: core/node/parallel-verify.ts runs it on worker threads.
 */
export async function localChecks(
  inputs: readonly VerifyInput[],
  options: Pick<VerifyOptions, "now" | "parse"> = {},
): Promise<LocalCheck[]> {
  const checked = inputs.map((input): LocalCheck => {
    try {
      return checkLocally(input, options);
    } catch (error) {
      return failedLocally(error);
    }
  });
  const locals: LocalCheck[] = [];
  for (const local of checked) locals.push(await checkSignature(local));
  return locals;
}

/**
 * The rest of {@link verifyCredentials} once the local checks are done ({@link localChecks}, here or on worker
 * threads): the chain reads, batched per trusted registry, and the results in input order. Never throws.
 */
export async function finishVerification(
  access: RegistryAccess,
  locals: readonly LocalCheck[],
  options: VerifyOptions,
): Promise<VerificationResult[]> {
  const results = new Array<VerificationResult | undefined>(locals.length);
  const groups = new Map<string, { trusted: TrustedRegistry; items: number[] }>();
  for (const [i, local] of locals.entries()) {
    const reference = local.reference;
    if (!local.sound || reference === undefined) {
      results[i] = assemble(local, [], {});
      continue;
    }
    const trusted = trustedFor(reference, options.trustedRegistries);
    if (trusted === undefined) {
      results[i] = assemble(local, [untrustedCheck(reference)], {});
      continue;
    }
    const key = `${trusted.chainId}:${trusted.address.toLowerCase()}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { trusted, items: [] };
      groups.set(key, group);
    }
    group.items.push(i);
  }
  for (const group of groups.values()) {
    const open = await openRegistry(access, group.trusted, options);
    if (open.registry.status !== "VALID") {
      for (const i of group.items) results[i] = assemble(locals[i] as LocalCheck, [open.registry], {});
      continue;
    }
    for (let start = 0; start < group.items.length; start += BATCH_QUERY_LIMIT) {
      const chunk = group.items.slice(start, start + BATCH_QUERY_LIMIT);
      const queries = chunk.map((i): Query => {
        const local = locals[i] as LocalCheck;
        return { reference: local.reference as CredentialReference, claimed: claimedIssuer(local.credential) };
      });
      const perSource = await Promise.all(
        open.states.map(async (state) => (state.failure === undefined ? ask(state, open, queries, true) : undefined)),
      );
      chunk.forEach((i, k) => {
        const local = locals[i] as LocalCheck;
        const decided = decide(
          open,
          perSource.map((answers) => answers?.[k]),
          local.credential,
        );
        results[i] = assemble(local, [open.registry, ...decided.checks], decided.extra);
      });
    }
  }
  const lists: StatusListCache = new Map();
  const out: VerificationResult[] = [];
  for (const [i, r] of results.entries()) {
    out.push(await withPublishedStatus(r ?? assemble(locals[i] as LocalCheck, [], {}), options, lists));
  }
  return out;
}

/**
 * With `options.statusLists`, the comparison of the published status list with the registry's answer, once the
 * anchor and the issuer checked out: a list that disagrees, is not the issuer's or cannot be read adds a warning
 * (the registry's verdict stands). No chain read.
 */
async function withPublishedStatus(
  verified: VerificationResult,
  options: VerifyOptions,
  cache?: StatusListCache,
): Promise<VerificationResult> {
  const byName = new Map(verified.checks.map((c) => [c.check, c.status]));
  const status = byName.get("STATUS");
  if (
    options.statusLists === undefined ||
    verified.credential === undefined ||
    byName.get("ANCHOR") !== "VALID" ||
    byName.get("ISSUER") !== "VALID" ||
    (status !== "VALID" && status !== "INVALID")
  ) {
    return verified;
  }
  const published = await comparePublishedStatus(verified.credential, status === "INVALID", options.statusLists, cache);
  if (published === undefined) return verified;
  const warnings = published.outcome === "agrees" ? verified.warnings : [...verified.warnings, published.reason];
  return { ...verified, statusList: published, warnings, verdict: verdictOf(verified.checks, warnings) };
}
