/**
 * What a verification takes and gives, as data (the CLI and the web app render the same results): the input (a
 * credential, or a status-only reference), the options (the trusted registries and how they are read), the checks
 * in the order they run, each check's result, and the whole result. The engine is verify.ts.
 */
import { type Address, getAddress, type PublicClient } from "viem";
import type { Hex } from "./bytes.ts";
import type { JsonObject, ParseOptions } from "./canonical.ts";
import { AcreditaError } from "./errors.ts";
import type { AnchorProof } from "./proof.ts";
import type { ReasonCode } from "./reasons.ts";
import type { ChainStatus } from "./registry.ts";
import type { RegistryEndpoints, RegistryRead, RegistrySource } from "./sources.ts";
import type { PublishedStatus, StatusListOptions } from "./status-list.ts";
import type { Verdict } from "./verdict.ts";

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

export function checkResult(
  check: CheckName,
  status: CheckStatus,
  reason: ReasonCode,
  details?: Record<string, unknown>,
): CheckResult {
  return details === undefined ? { check, status, reason } : { check, status, reason, details };
}

export function reasonOf(error: unknown, fallback: ReasonCode): ReasonCode {
  return error instanceof AcreditaError ? error.code : fallback;
}

export function detailsOf(error: unknown): Record<string, unknown> {
  if (error instanceof AcreditaError) return { ...error.details, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}
