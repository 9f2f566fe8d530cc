/** Revocation reasons as the CLI takes and prints them; the registry's reasons themselves are in core/registry.ts. */
import type { Language } from "../../core/reasons.ts";
import { REVOCATION_REASONS, reasonCode, reasonLabel, reasonName } from "../../core/registry.ts";
import { CliError } from "../lib/cli-error.ts";

/** The code of `--reason`: a reason's name or a code 0-255. */
export function parseReason(value: unknown): number {
  const text = String(value);
  const code = reasonCode(text);
  if (code === undefined) {
    throw new CliError(
      `unknown reason "${text}"; use one of ${Object.keys(REVOCATION_REASONS).join(", ")} or a code 0-255`,
    );
  }
  return code;
}

const REVOKED_ON: Record<Language, (time: string, reason: string) => string> = {
  en: (time, reason) => `Revoked on ${time}. Reason: ${reason}.`,
  es: (time, reason) => `Revocada el ${time}. Motivo: ${reason}.`,
  "pt-BR": (time, reason) => `Revogada em ${time}. Motivo: ${reason}.`,
};

/** A revocation as the registry reports it in a verification's STATUS check. */
export interface Revocation {
  scope: "credential" | "batch";
  /** The reason's name ("misconduct"), or "code N" for a code without one. */
  reason: string;
  reasonCode: number;
  /** ISO 8601 (UTC). */
  revokedAt: string;
}

interface CheckLike {
  check: string;
  reason: string;
  details?: Record<string, unknown>;
}

/** The revocation a verification result reports (its STATUS check), if any. */
export function revocationOf(checks: readonly CheckLike[]): Revocation | undefined {
  const status = checks.find((c) => c.reason === "STATUS_CREDENTIAL_REVOKED" || c.reason === "STATUS_BATCH_REVOKED");
  const code = status?.details?.reason;
  const at = status?.details?.revokedAt;
  if (status === undefined || typeof code !== "number" || typeof at !== "number") return undefined;
  return {
    scope: status.reason === "STATUS_BATCH_REVOKED" ? "batch" : "credential",
    reason: reasonName(code),
    reasonCode: code,
    revokedAt: new Date(at * 1000).toISOString(),
  };
}

/** "Revoked on 2026-03-01 14:05 UTC. Reason: misconduct or fraud." in the language. */
export function revocationLine(revocation: Revocation, language: Language): string {
  const label = reasonLabel(revocation.reasonCode, language);
  const time = `${revocation.revokedAt.slice(0, 16).replace("T", " ")} UTC`;
  return REVOKED_ON[language](time, label);
}

/** Detail fields that hold registry times (Unix seconds, 0 = never). */
const TIME_FIELDS = new Set(["anchoredAt", "revokedAt", "compromisedFrom"]);

/** A check for JSON output: registry times as ISO dates, a revocation reason by name (its number as reasonCode). */
export function checkForJson<T extends CheckLike>(check: T): T {
  if (check.details === undefined) return check;
  const details: Record<string, unknown> = { ...check.details };
  for (const [key, value] of Object.entries(details)) {
    if (TIME_FIELDS.has(key) && typeof value === "number" && value > 0) {
      details[key] = new Date(value * 1000).toISOString();
    }
  }
  if (
    (check.reason === "STATUS_CREDENTIAL_REVOKED" || check.reason === "STATUS_BATCH_REVOKED") &&
    typeof details.reason === "number"
  ) {
    details.reasonCode = details.reason;
    details.reason = reasonName(details.reason);
  }
  return { ...check, details };
}
