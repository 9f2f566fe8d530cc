/**
 * The verdict of a verification: derived from its checks and warnings ({@link verdictOf}), and named in each
 * language, with the sentence that says what a status-only verdict means.
 */
import type { Language, ReasonCode, Sentences } from "./reasons.ts";
import { CHECKS, type CheckName, type CheckResult, type CheckStatus } from "./verification.ts";

/** The verdict names, in each language. */
const verdictSentences = {
  valid: { en: "Valid", es: "Válida", "pt-BR": "Válida" },
  "valid-with-warnings": {
    en: "Valid, with warnings",
    es: "Válida, con advertencias",
    "pt-BR": "Válida, com avisos",
  },
  "status-only": {
    en: "Anchored, not revoked — content not checked",
    es: "Anclada, no revocada — contenido no comprobado",
    "pt-BR": "Ancorada, não revogada — conteúdo não verificado",
  },
  revoked: { en: "Revoked", es: "Revocada", "pt-BR": "Revogada" },
  expired: { en: "Expired", es: "Vencida", "pt-BR": "Expirada" },
  "not-yet-valid": { en: "Not valid yet", es: "Aún no válida", "pt-BR": "Ainda não válida" },
  invalid: { en: "Invalid", es: "No válida", "pt-BR": "Inválida" },
  untrusted: { en: "Untrusted registry", es: "Registro no confiable", "pt-BR": "Registro não confiável" },
  "could-not-check": {
    en: "Could not be checked",
    es: "No se pudo comprobar",
    "pt-BR": "Não foi possível verificar",
  },
} as const satisfies Record<string, Sentences>;

/** The verdict of a verification. */
export type Verdict = keyof typeof verdictSentences;

/** Every verdict. */
export const verdicts = Object.keys(verdictSentences) as Verdict[];

const statusOnlySentences: Sentences = {
  en: "Anchored by {institution} on {date} and not revoked. Its content and validity dates were not checked: ask the holder for the credential itself.",
  es: "Anclada por {institution} el {date} y no revocada. No se comprobaron su contenido ni sus fechas de validez: pida a quien la presenta la credencial misma.",
  "pt-BR":
    "Ancorada por {institution} em {date} e não revogada. O conteúdo e as datas de validade não foram verificados: peça a quem a apresenta a própria credencial.",
};

/**
 * What a "status-only" verdict means, in one sentence: who anchored it and when (already formatted for the
 * reader), that it is not revoked, and that its content and validity dates were not checked.
 */
export function statusOnlyMessage(institution: string, date: string, language: Language = "en"): string {
  return statusOnlySentences[language].replace("{institution}", () => institution).replace("{date}", () => date);
}

/** The display name of `verdict` in `language`. */
export function verdictMessage(verdict: Verdict, language: Language = "en"): string {
  return verdictSentences[verdict][language];
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
