/**
 * Every reason code the core can report, with its sentence in each supported language. The CLI and the web app
 * render these; codes are stable identifiers (part of the result format), sentences may be reworded. The sentences
 * are kept by subject: the credential document (reasons-credential.ts), a verification's checks
 * (reasons-verification.ts), links and DIDs (reasons-links-dids.ts).
 */
import { credentialReasons } from "./reasons-credential.ts";
import { linkAndDidReasons } from "./reasons-links-dids.ts";
import { verificationReasons } from "./reasons-verification.ts";

export type Language = "en" | "es" | "pt-BR";

/** One text in every supported language. */
export interface Sentences {
  en: string;
  es: string;
  "pt-BR": string;
}

const reasons = { ...credentialReasons, ...verificationReasons, ...linkAndDidReasons };

/** A stable reason code. */
export type ReasonCode = keyof typeof reasons;

/** Every reason code, for exhaustive tests and for renderers that list them. */
export const reasonCodes = Object.keys(reasons) as ReasonCode[];

/** The sentence for `code` in `language` (English when the language is unknown). */
export function reasonMessage(code: ReasonCode, language: Language = "en"): string {
  return reasons[code][language];
}
