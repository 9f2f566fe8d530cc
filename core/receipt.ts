/**
 * Verification receipts: what a verifier saw, kept as a small versioned JSON file that can be checked again later
 * (`acredita verify --receipt <file>` re-verifies the credential inside and says whether the verdict still holds
 * and what changed). A receipt is a record, not a proof: it carries the credential (or the status-only reference)
 * as it was verified, so checking it again never trusts the receipt's own verdict.
 *
 *   { "type": "AcreditaVerificationReceipt", "version": 1,
 *     "verifiedAt": "2026-12-02T09:00:00.000Z", "verifier": "https://verify.example/",
 *     "link": "<the verification link shown with the verdict>",
 *     "credential": { … } | "reference": { … },
 *     "verdict": "valid", "checks": [{ "check", "status", "reason" }], "warnings": [],
 *     "registry": { "chainId", "address", "name" },
 *     "anchoring": { "institution", "country", "anchoredAt", "batchRoot", "index", "block"?, "transaction"? },
 *     "read": { "block": { "number", "hash", "time" }, "tag", "quorum", "sources": [{ "name", "answered", "reason" }] } }
 *
 * Parsing is strict (parseStrict's limits, every member's type checked); failures are RECEIPT_MALFORMED.
 */
import { type JsonObject, type JsonValue, parseStrict } from "./canonical.ts";
import { AcreditaError } from "./errors.ts";
import { reasonCodes, type ReasonCode } from "./reasons.ts";
import { type Verdict, verdicts } from "./verdict.ts";
import {
  CHECKS,
  type CheckName,
  type CheckStatus,
  type CredentialReference,
  type VerificationResult,
} from "./verification.ts";

export const RECEIPT_TYPE = "AcreditaVerificationReceipt";
export const RECEIPT_VERSION = 1;
/** Longest receipt read, in UTF-16 code units (a credential file's cap and room for the rest). */
export const MAX_RECEIPT_BYTES = 2 * 1024 * 1024;

export interface ReceiptCheck {
  check: CheckName;
  status: CheckStatus;
  reason: ReasonCode;
}

export interface ReceiptAnchoring {
  institution: string;
  country: string;
  /** Unix seconds. */
  anchoredAt: number;
  batchRoot: string;
  index: number;
  /** The block and transaction that anchored the batch, when the verifier looked them up. */
  block?: number;
  transaction?: string;
}

export interface ReceiptRead {
  block: { number: number; hash: string; time: number };
  tag: string;
  quorum: number;
  sources: { name: string; answered: boolean; reason: ReasonCode }[];
}

export interface VerificationReceipt {
  type: typeof RECEIPT_TYPE;
  version: typeof RECEIPT_VERSION;
  /** When the verification ran (ISO 8601, UTC). */
  verifiedAt: string;
  /** Who verified: the verifier page's address, or "acredita CLI". */
  verifier: string;
  /** The verification link shown with the verdict (for a printed record: the one its QR code carries). */
  link?: string;
  /** The credential as verified (a redacted copy stays redacted), unless the input was a status-only reference. */
  credential?: JsonObject;
  reference?: CredentialReference;
  verdict: Verdict;
  checks: ReceiptCheck[];
  warnings: ReasonCode[];
  registry?: { chainId: number; address: string; name: string };
  anchoring?: ReceiptAnchoring;
  read?: ReceiptRead;
}

/** The receipt of `result`. */
export function createReceipt(
  result: VerificationResult,
  context: { verifiedAt: Date; verifier: string; link?: string; block?: number; transaction?: string },
): VerificationReceipt {
  const receipt: VerificationReceipt = {
    type: RECEIPT_TYPE,
    version: RECEIPT_VERSION,
    verifiedAt: context.verifiedAt.toISOString(),
    verifier: context.verifier,
    verdict: result.verdict,
    checks: result.checks.map(({ check, status, reason }) => ({ check, status, reason })),
    warnings: [...result.warnings],
  };
  if (context.link !== undefined) receipt.link = context.link;
  if (result.credential !== undefined) receipt.credential = result.credential;
  else if (result.reference !== undefined) receipt.reference = result.reference;
  if (result.registry !== undefined) {
    const { chainId, address, name } = result.registry;
    receipt.registry = { chainId, address, name };
  }
  if (result.chain?.anchored === true && result.reference !== undefined) {
    receipt.anchoring = {
      institution: result.chain.institutionName,
      country: result.chain.institutionCountry,
      anchoredAt: result.chain.anchoredAt,
      batchRoot: result.reference.batchRoot,
      index: result.reference.index,
      ...(context.block === undefined ? {} : { block: context.block }),
      ...(context.transaction === undefined ? {} : { transaction: context.transaction }),
    };
  }
  if (result.read !== undefined) {
    const { block, tag, quorum, sources } = result.read;
    receipt.read = {
      block: { number: block.number, hash: block.hash, time: block.time },
      tag,
      quorum,
      sources: sources.map(({ name, answered, reason }) => ({ name, answered, reason })),
    };
  }
  return receipt;
}

/** The receipt as a file's text (pretty JSON, one trailing newline). */
export function receiptText(receipt: VerificationReceipt): string {
  return `${JSON.stringify(receipt, null, 2)}\n`;
}

function malformed(message: string): never {
  throw new AcreditaError("RECEIPT_MALFORMED", message);
}

function object(value: JsonValue | undefined, what: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return malformed(`${what} is not an object`);
  return value;
}

function text(value: JsonValue | undefined, what: string): string {
  return typeof value === "string" ? value : malformed(`${what} is not a string`);
}

const REASONS = new Set<string>(reasonCodes);

/** Reads a receipt file's text; throws RECEIPT_MALFORMED (or a PARSE_* code) for anything else. */
export function parseReceipt(input: string): VerificationReceipt {
  const o = object(parseStrict(input, { maxLength: MAX_RECEIPT_BYTES }), "the receipt");
  if (o.type !== RECEIPT_TYPE) malformed(`not a verification receipt (type ${JSON.stringify(o.type ?? null)})`);
  if (o.version !== RECEIPT_VERSION) malformed(`unsupported receipt version ${JSON.stringify(o.version ?? null)}`);
  const verifiedAt = text(o.verifiedAt, "verifiedAt");
  if (Number.isNaN(Date.parse(verifiedAt))) malformed("verifiedAt is not a date");
  const verdict = text(o.verdict, "verdict");
  if (!(verdicts as string[]).includes(verdict)) malformed(`unknown verdict ${JSON.stringify(verdict)}`);
  if (!Array.isArray(o.checks)) malformed("checks is not a list");
  const checks = o.checks.map((entry, i): ReceiptCheck => {
    const c = object(entry, `checks[${String(i)}]`);
    const check = text(c.check, "check");
    const status = text(c.status, "status");
    const reason = text(c.reason, "reason");
    if (!(CHECKS as readonly string[]).includes(check)) malformed(`unknown check ${JSON.stringify(check)}`);
    if (!["VALID", "INVALID", "ERROR", "SKIPPED"].includes(status)) malformed(`unknown status ${status}`);
    if (!REASONS.has(reason)) malformed(`unknown reason ${JSON.stringify(reason)}`);
    return { check: check as CheckName, status: status as CheckStatus, reason: reason as ReasonCode };
  });
  const warnings = Array.isArray(o.warnings) ? o.warnings : malformed("warnings is not a list");
  for (const w of warnings) if (typeof w !== "string" || !REASONS.has(w)) malformed("unknown warning");
  const credential = o.credential === undefined ? undefined : object(o.credential, "credential");
  const reference = o.reference === undefined ? undefined : object(o.reference, "reference");
  if ((credential === undefined) === (reference === undefined))
    malformed("a receipt carries a credential or a reference");
  // The rest is a record of what was seen; it is shown, never trusted, so only its outline is checked.
  for (const member of ["registry", "anchoring", "read"] as const) {
    if (o[member] !== undefined) object(o[member], member);
  }
  return { ...(o as unknown as VerificationReceipt), verifiedAt, verdict: verdict as Verdict, checks };
}

/** What a receipt's verification is, verified again. */
export function receiptInput(receipt: VerificationReceipt): JsonObject | { reference: CredentialReference } {
  if (receipt.credential !== undefined) return receipt.credential;
  return { reference: receipt.reference as CredentialReference };
}

export interface ReceiptChange {
  /** A check's name, or "warnings". */
  what: string;
  before: string;
  after: string;
}

export interface ReceiptComparison {
  /** The verdict is the same as the receipt's. */
  holds: boolean;
  before: Verdict;
  after: Verdict;
  /** Each check whose status or reason changed, and the warnings when they changed. */
  changes: ReceiptChange[];
}

/** The receipt's verdict and checks against a new verification of what it carries. */
export function compareReceipt(receipt: VerificationReceipt, now: VerificationResult): ReceiptComparison {
  const changes: ReceiptChange[] = [];
  const said = (c: { status: string; reason: string } | undefined) =>
    c === undefined ? "—" : `${c.status} ${c.reason}`;
  for (const check of CHECKS) {
    const before = said(receipt.checks.find((c) => c.check === check));
    const after = said(now.checks.find((c) => c.check === check));
    if (before !== after) changes.push({ what: check, before, after });
  }
  const before = [...receipt.warnings].sort().join(", ");
  const after = [...now.warnings].sort().join(", ");
  if (before !== after) changes.push({ what: "warnings", before: before || "—", after: after || "—" });
  return { holds: receipt.verdict === now.verdict, before: receipt.verdict, after: now.verdict, changes };
}
