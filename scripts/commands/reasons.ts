/** Revocation reason codes of the registry (ICredentialRegistry.sol), by name. */
import { CliError } from "../lib/cli-error.ts";

export const REVOCATION_REASONS: Record<string, number> = {
  unspecified: 0,
  "issued-in-error": 1,
  superseded: 2,
  misconduct: 3,
  "key-compromised": 4,
  "holder-request": 5,
  "institution-withdrawn": 6,
};

export function reasonName(code: number): string {
  return Object.entries(REVOCATION_REASONS).find(([, c]) => c === code)?.[0] ?? `code ${code}`;
}

export function parseReason(value: unknown): number {
  const text = String(value);
  if (/^\d+$/.test(text) && Number(text) <= 255) return Number(text);
  const code = REVOCATION_REASONS[text];
  if (code === undefined) {
    throw new CliError(
      `unknown reason "${text}"; use one of ${Object.keys(REVOCATION_REASONS).join(", ")} or a code 0-255`,
    );
  }
  return code;
}

type Language = "en" | "es" | "pt-BR";

/** What each reason means, as the web app says it (frontend/src/i18n/messages: revocation.N). */
const REASON_LABELS: Record<Language, readonly string[]> = {
  en: [
    "unspecified",
    "issued in error",
    "superseded",
    "misconduct or fraud",
    "signing key compromised",
    "requested by the holder",
    "institution withdrawn",
  ],
  es: [
    "sin especificar",
    "emitida por error",
    "reemplazada",
    "conducta indebida o fraude",
    "clave de firma comprometida",
    "a pedido de su titular",
    "institución dada de baja",
  ],
  "pt-BR": [
    "não especificado",
    "emitida por engano",
    "substituída",
    "má conduta ou fraude",
    "chave de assinatura comprometida",
    "a pedido do titular",
    "instituição retirada",
  ],
};

const OTHER_CODE: Record<Language, string> = { en: "code", es: "código", "pt-BR": "código" };
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
  const label = REASON_LABELS[language][revocation.reasonCode] ?? `${OTHER_CODE[language]} ${revocation.reasonCode}`;
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
