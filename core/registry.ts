/**
 * The registry's vocabulary, in one place for the CLI and the web app: its limits (generated from the compiled
 * contract by `tools/generate-core.ts`, never copied by hand), the institution statuses, the revocation reasons
 * (codes, names and what they mean in es, pt-BR and en) and the country code it stores. The decoding of its custom
 * errors into sentences lives beside it, in `registry-errors.ts`.
 *
 * Batches are anchored with the registry's `anchorBatch` (or `anchorBatchWithMetadata`); there is no other entry
 * point.
 */
import { fromHex, type Hex } from "./bytes.ts";
import type { Language } from "./reasons.ts";

export {
  MAX_INDEXES_PER_CALL,
  MAX_KEYS_PER_INSTITUTION,
  MAX_NAME_LENGTH,
  MAX_PROOF_LENGTH,
  MAX_URI_LENGTH,
} from "./generated/constants.ts";

/** Institution status values of the registry's `InstitutionStatus` enum, by code. */
export const INSTITUTION_STATUS = ["None", "Active", "Suspended", "Withdrawn"] as const;
export type InstitutionStatus = (typeof INSTITUTION_STATUS)[number];

/** "active" for code 1; undefined for a code the enum does not have. */
export function institutionStatusWord(code: number): string | undefined {
  return INSTITUTION_STATUS[code]?.toLowerCase();
}

/** "MX" from the registry's `bytes2` country (zero bytes dropped). */
export function countryOf(hex: Hex): string {
  return String.fromCharCode(...fromHex(hex).filter((b) => b !== 0));
}

/** Revocation reason codes of the registry (`ICredentialRegistry.sol`), by name. */
export const REVOCATION_REASONS: Readonly<Record<string, number>> = {
  unspecified: 0,
  "issued-in-error": 1,
  superseded: 2,
  misconduct: 3,
  "key-compromised": 4,
  "holder-request": 5,
  "institution-withdrawn": 6,
};

/** The reason's name ("misconduct"), or "code N" for a code without one. */
export function reasonName(code: number): string {
  return Object.entries(REVOCATION_REASONS).find(([, c]) => c === code)?.[0] ?? `code ${code}`;
}

/** The code of a reason given by name or as a number 0-255; undefined for anything else. */
export function reasonCode(value: string): number | undefined {
  if (/^\d+$/.test(value) && Number(value) <= 255) return Number(value);
  return Object.hasOwn(REVOCATION_REASONS, value) ? REVOCATION_REASONS[value] : undefined;
}

/** What each reason means, by code, as a verdict says it (the web app's `revocation.N`). */
export const REVOCATION_REASON_LABELS: Readonly<Record<Language, readonly string[]>> = {
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

const OTHER_CODE: Readonly<Record<Language, string>> = { en: "code", es: "código", "pt-BR": "código" };

/** "misconduct or fraud" for code 3 in English; "código 9" in Spanish for a code without a name. */
export function reasonLabel(code: number, language: Language): string {
  return REVOCATION_REASON_LABELS[language][code] ?? `${OTHER_CODE[language]} ${code}`;
}
