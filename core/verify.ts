/**
 * The verification engine. `verifyCredential(client, input, options)` runs the ordered checks
 * FORMAT → INTEGRITY → REGISTRY → ANCHOR → ISSUER → STATUS → VALIDITY, each VALID / INVALID / ERROR / SKIPPED with
 * a reason code, and derives a verdict. The on-chain part is exactly one `eth_call` to the registry's
 * `verifyCredential` view once the chain id is known (one `eth_chainId` per client, cached).
 *
 * It fails closed: a thrown error, an RPC failure, a wrong chain or an unreadable answer gives ERROR and the
 * verdict "could-not-check" — never "valid". Trust comes from `options.trustedRegistries`, never from the
 * credential: a registry not listed there makes the verdict "untrusted" and is not even asked.
 */
import { type Address, getAddress, type PublicClient } from "viem";
import { fromHex, type Hex, toHex } from "./bytes.ts";
import { type JsonObject, type JsonValue, type ParseOptions, parseStrict } from "./canonical.ts";
import { recomputeDigest } from "./commitment.ts";
import { ob3Problems } from "./credential.ts";
import { checkDataIntegrity } from "./data-integrity.ts";
import { leafOf, processProof } from "./digest.ts";
import { AcreditaError } from "./errors.ts";
import { credentialRegistryAbi } from "./generated/abi.ts";
import { keccakUtf8 } from "./hash.ts";
import { type AnchorProof, assertPathLength, splitAnchor, type VerificationKey } from "./proof.ts";
import type { ReasonCode, Verdict } from "./reasons.ts";

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

/** A registry this verifier trusts (from its own configuration). */
export interface TrustedRegistry {
  chainId: number;
  address: Address;
  name: string;
}

/** Options of the verification functions. */
export interface VerifyOptions {
  trustedRegistries: readonly TrustedRegistry[];
  /** The verification time (default: now). */
  now?: Date | number;
  /** Limits for parsing credential text. */
  parse?: ParseOptions;
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

/** Institution status values of the registry's `InstitutionStatus` enum. */
export const INSTITUTION_STATUS = ["None", "Active", "Suspended", "Withdrawn"] as const;
export type InstitutionStatus = (typeof INSTITUTION_STATUS)[number];

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
   * The institution's name: the issuer name the credential shows when its hash is the one the registry recorded
   * at anchoring (`issuerNameHash`), otherwise the registry's current name (read with a second call).
   */
  institutionName: string;
  institutionCountry: string;
  /** `keccak256(utf8(name))` of the institution's name when the batch was anchored (zero: not anchored). */
  issuerNameHash: Hex;
  /**
   * `keccak256(utf8(issuerId))` of the institution's issuer id when the batch was anchored (zero: not anchored):
   * a credential's `issuer.id` must hash to it.
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

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function validityCheck(credential: JsonObject, now: number): CheckResult {
  const from = credential.validFrom;
  const until = credential.validUntil;
  const parse = (value: JsonValue | undefined): number | undefined =>
    typeof value === "string" && RFC3339.test(value) ? Date.parse(value) : Number.NaN;
  const fromTime = parse(from);
  const untilTime = until === undefined ? undefined : parse(until);
  if (fromTime === undefined || Number.isNaN(fromTime) || (untilTime !== undefined && Number.isNaN(untilTime))) {
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
    const value = typeof input === "string" ? parseStrict(input, options.parse) : input;
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
    visibleFields: recomputed.visible.length,
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

const chainIds = new WeakMap<object, Promise<number>>();

/**
 * The chain id the node itself reports (one `eth_chainId`, cached per client). Never `client.chain.id`: that is
 * what the caller configured, and a node on another chain answering at the same URL must not pass as the right one.
 */
async function chainIdOf(client: PublicClient): Promise<number> {
  let pending = chainIds.get(client);
  if (pending === undefined) {
    pending = client.getChainId();
    chainIds.set(client, pending);
    pending.catch(() => chainIds.delete(client));
  }
  return pending;
}

type RawStatus = Awaited<ReturnType<typeof readOne>>;

function readOne(client: PublicClient, reference: CredentialReference) {
  return client.readContract({
    address: reference.registry,
    abi: credentialRegistryAbi,
    functionName: "verifyCredential",
    args: [reference.institutionId, reference.index, reference.credentialDigest, reference.path],
  });
}

function institutionStatus(value: number): InstitutionStatus {
  const status = INSTITUTION_STATUS[value];
  if (status === undefined) throw new AcreditaError("ANCHOR_BAD_RESPONSE", `unknown institution status ${value}`);
  return status;
}

function decodeCountry(hex: Hex): string {
  const bytes = fromHex(hex);
  return String.fromCharCode(...bytes.filter((b) => b !== 0));
}

/**
 * Normalizes the registry's raw answer for `reference`; throws ANCHOR_BAD_RESPONSE on anything unexpected.
 * `institutionName` is `claimedName` when its hash is the recorded one, else empty until {@link resolveNames}.
 */
export function normalizeChainStatus(
  raw: RawStatus,
  reference: Pick<CredentialReference, "batchRoot">,
  claimedName?: string,
): ChainStatus {
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
    institutionName:
      claimedName !== undefined && raw.anchored && nameMatches(claimedName, raw.issuerNameHash) ? claimedName : "",
    institutionCountry: decodeCountry(raw.institutionCountry),
    issuerNameHash: raw.issuerNameHash,
    issuerIdHash: raw.issuerIdHash,
    credentialRevokedAt: raw.credentialRevokedAt,
    credentialRevocationReason: raw.credentialRevocationReason,
    batchRevokedAt: raw.batchRevokedAt,
    batchRevocationReason: raw.batchRevocationReason,
  };
}

/**
 * Whether `name` (as written, or its NFC form: the registry only records NFC text) hashes to the name hash the
 * registry recorded at anchoring, `keccak256(utf8(name))`.
 */
function nameMatches(name: string, recorded: Hex): boolean {
  const expected = recorded.toLowerCase();
  const matches = (n: string) => toHex(keccakUtf8(n)) === expected;
  const nfc = name.normalize("NFC");
  return matches(name) || (nfc !== name && matches(nfc));
}

/** Whether the issuer id `id`, byte for byte, hashes to the issuer id hash the registry recorded at anchoring. */
function idMatches(id: string, recorded: Hex): boolean {
  return toHex(keccakUtf8(id)) === recorded.toLowerCase();
}

/**
 * Fills in the registry's current name where the credential's issuer name is not the one recorded at anchoring
 * (one `getInstitution` call per institution, only then), so a mismatch can be shown with the registered name.
 */
async function resolveNames(
  client: PublicClient,
  registry: Address,
  items: readonly { chain: ChainStatus; institutionId: number }[],
): Promise<void> {
  const names = new Map<number, Promise<string>>();
  for (const { chain, institutionId } of items) {
    if (chain.institutionName !== "" || !chain.anchored || !chain.proofValid) continue;
    let name = names.get(institutionId);
    if (name === undefined) {
      name = client
        .readContract({
          address: registry,
          abi: credentialRegistryAbi,
          functionName: "getInstitution",
          args: [institutionId],
        })
        .then((institution) => institution.profile.name);
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

/** The verdict derived from the checks (see README: the order of precedence). */
export function verdictOf(checks: readonly CheckResult[], warnings: readonly ReasonCode[]): Verdict {
  const byName = new Map(checks.map((c) => [c.check, c]));
  const status = (name: CheckName): CheckStatus => byName.get(name)?.status ?? "ERROR";
  if (checks.length !== CHECKS.length) return "could-not-check";
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
  if (validity?.status !== "VALID" && validity?.reason !== "SKIPPED_STATUS_ONLY") return "could-not-check";
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
  return out;
}

/** REGISTRY check (trust list + chain id); undefined when the registry is trusted and the chain matches. */
async function registryCheck(
  client: PublicClient,
  reference: CredentialReference,
  trusted: TrustedRegistry | undefined,
): Promise<CheckResult> {
  if (trusted === undefined) {
    return result("REGISTRY", "INVALID", "REGISTRY_UNTRUSTED", {
      chainId: reference.chainId,
      registry: reference.registry,
    });
  }
  let chainId: number;
  try {
    chainId = await chainIdOf(client);
  } catch (error) {
    return result("REGISTRY", "ERROR", "REGISTRY_CHAIN_UNKNOWN", detailsOf(error));
  }
  if (chainId !== reference.chainId) {
    return result("REGISTRY", "ERROR", "REGISTRY_CHAIN_MISMATCH", { expected: reference.chainId, connected: chainId });
  }
  return result("REGISTRY", "VALID", "REGISTRY_TRUSTED", { name: trusted.name });
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

function rpcError(error: unknown): CheckResult[] {
  return [
    result("ANCHOR", "ERROR", rpcReason(error), detailsOf(error)),
    result("ISSUER", "SKIPPED", "SKIPPED_AFTER_FAILURE"),
    result("STATUS", "SKIPPED", "SKIPPED_AFTER_FAILURE"),
  ];
}

/**
 * Verifies one credential (text, parsed JSON, or a status-only reference) against the registries this verifier
 * trusts, with one `eth_call`. Never throws: every failure is a check result.
 */
export async function verifyCredential(
  client: PublicClient,
  input: VerifyInput,
  options: VerifyOptions,
): Promise<VerificationResult> {
  let local: LocalCheck;
  try {
    local = checkLocally(input, options);
  } catch (error) {
    return assemble(
      {
        checks: { FORMAT: result("FORMAT", "ERROR", "PARSE_NOT_JSON", detailsOf(error)) },
        warnings: [],
        hiddenCount: 0,
        redacted: false,
        sound: false,
      },
      [],
      {},
    );
  }
  local = await checkSignature(local);
  const reference = local.reference;
  if (!local.sound || reference === undefined) return assemble(local, [], {});
  const trusted = trustedFor(reference, options.trustedRegistries);
  const registry = await registryCheck(client, reference, trusted);
  if (registry.status !== "VALID" || trusted === undefined) return assemble(local, [registry], {});
  try {
    const chain = normalizeChainStatus(await readOne(client, reference), reference, issuerNameOf(local.credential));
    await resolveNames(client, reference.registry, [{ chain, institutionId: reference.institutionId }]);
    const evaluated = evaluateChainStatus(chain, local.credential);
    return assemble(local, [registry, ...evaluated.checks], { registry: trusted, chain, warnings: evaluated.warnings });
  } catch (error) {
    return assemble(local, [registry, ...rpcError(error)], { registry: trusted });
  }
}

/** Queries per `verifyCredentials` call (keeps each eth_call well under node gas caps). */
export const BATCH_QUERY_LIMIT = 256;

/**
 * Verifies many credentials: local checks for each, then one `verifyCredentials` eth_call per trusted registry
 * (per {@link BATCH_QUERY_LIMIT} credentials). Results are in input order. Never throws.
 */
export async function verifyCredentials(
  client: PublicClient,
  inputs: readonly VerifyInput[],
  options: VerifyOptions,
): Promise<VerificationResult[]> {
  const checked = inputs.map((input): LocalCheck => {
    try {
      return checkLocally(input, options);
    } catch (error) {
      return {
        checks: { FORMAT: result("FORMAT", "ERROR", "PARSE_NOT_JSON", detailsOf(error)) },
        warnings: [],
        hiddenCount: 0,
        redacted: false,
        sound: false,
      };
    }
  });
  const locals: LocalCheck[] = [];
  for (const local of checked) locals.push(await checkSignature(local));
  const results = new Array<VerificationResult | undefined>(inputs.length);
  const groups = new Map<string, { trusted: TrustedRegistry; registry: CheckResult; items: number[] }>();
  for (const [i, local] of locals.entries()) {
    const reference = local.reference;
    if (!local.sound || reference === undefined) {
      results[i] = assemble(local, [], {});
      continue;
    }
    const trusted = trustedFor(reference, options.trustedRegistries);
    const registry = await registryCheck(client, reference, trusted);
    if (registry.status !== "VALID" || trusted === undefined) {
      results[i] = assemble(local, [registry], {});
      continue;
    }
    const key = `${trusted.chainId}:${trusted.address.toLowerCase()}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { trusted, registry, items: [] };
      groups.set(key, group);
    }
    group.items.push(i);
  }
  for (const group of groups.values()) {
    for (let start = 0; start < group.items.length; start += BATCH_QUERY_LIMIT) {
      const chunk = group.items.slice(start, start + BATCH_QUERY_LIMIT);
      const queries = chunk.map((i) => {
        const reference = locals[i]?.reference as CredentialReference;
        return {
          institutionId: reference.institutionId,
          index: reference.index,
          credentialDigest: reference.credentialDigest,
          proof: reference.path,
        };
      });
      try {
        const raw = await client.readContract({
          address: getAddress(group.trusted.address),
          abi: credentialRegistryAbi,
          functionName: "verifyCredentials",
          args: [queries],
        });
        if (raw.length !== chunk.length) throw new AcreditaError("ANCHOR_BAD_RESPONSE", "wrong number of statuses");
        const answered: { i: number; chain: ChainStatus; institutionId: number }[] = [];
        chunk.forEach((i, k) => {
          const local = locals[i] as LocalCheck;
          const reference = local.reference as CredentialReference;
          try {
            const chain = normalizeChainStatus(raw[k] as RawStatus, reference, issuerNameOf(local.credential));
            answered.push({ i, chain, institutionId: reference.institutionId });
          } catch (error) {
            results[i] = assemble(local, [group.registry, ...rpcError(error)], { registry: group.trusted });
          }
        });
        await resolveNames(client, getAddress(group.trusted.address), answered);
        for (const { i, chain } of answered) {
          const local = locals[i] as LocalCheck;
          const evaluated = evaluateChainStatus(chain, local.credential);
          results[i] = assemble(local, [group.registry, ...evaluated.checks], {
            registry: group.trusted,
            chain,
            warnings: evaluated.warnings,
          });
        }
      } catch (error) {
        for (const i of chunk) {
          results[i] = assemble(locals[i] as LocalCheck, [group.registry, ...rpcError(error)], {
            registry: group.trusted,
          });
        }
      }
    }
  }
  return results.map((r, i) => r ?? assemble(locals[i] as LocalCheck, [], {}));
}
