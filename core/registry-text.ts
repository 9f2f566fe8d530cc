/**
 * The registry's rules for the text it stores (`contracts/libraries/RegistryText.sol`, errors in
 * `ICredentialRegistry`), so the CLI and the console refuse a bad profile before anything is sent. Problems are
 * data; each edge words them in its own language. The contract enforces the same rules as a second line of
 * defence; here full NFC is checked as well, which the contract can only approximate.
 *
 * - Text (names, websites, metadata URIs): well-formed Unicode (UTF-8 cannot carry a lone surrogate), no control
 *   character (C0, DEL, C1), no bidirectional-text control, none of the characters NFC rewrites, in NFC, within the
 *   field's byte cap.
 * - Issuer id: printable ASCII (U+0021–U+007E) that is a DID (`did:` + a method of lower-case letters and digits +
 *   `:` + an identifier) or an `https://` URL whose host starts with a letter or a digit, without user information
 *   ('@').
 */
import { MAX_URI_LENGTH } from "./generated/constants.ts";

/** What is wrong with a text, at which character (1-based, in code points). */
export type TextProblem =
  | { kind: "loneSurrogate" | "control" | "bidiControl" | "rewrittenByNfc"; position: number; codePoint: number }
  | { kind: "notNfc"; normalized: string }
  | { kind: "tooLong"; bytes: number; max: number };

/** What is wrong with an issuer id. */
export type IssuerIdProblem =
  | { kind: "empty" }
  | { kind: "notPrintableAscii"; position: number; codePoint: number }
  | { kind: "tooLong"; bytes: number; max: number }
  | { kind: "httpsWithoutHost" }
  | { kind: "didWithoutMethod" }
  | { kind: "didWithoutIdentifier"; method: string }
  | { kind: "notDidOrHttps" };

/** C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F). */
export function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/** The bidirectional-text controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069. */
export function isBidiControl(codePoint: number): boolean {
  return (
    codePoint === 0x061c ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

const REWRITTEN_BY_NFC: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1100, 0x11ff],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0x2126, 0x2126],
  [0x212a, 0x212b],
  [0xf900, 0xfaff],
  [0xfe20, 0xfe2f],
  [0x2f800, 0x2fa1f],
];

/**
 * Characters NFC rewrites, alone or with the one before them: combining marks, conjoining Hangul jamo, the Ohm,
 * Kelvin and Angstrom signs and CJK compatibility ideographs (a text can be in NFC and still hold a combining mark
 * after a letter that has no precomposed form).
 */
export function isRewrittenByNfc(codePoint: number): boolean {
  return REWRITTEN_BY_NFC.some(([low, high]) => codePoint >= low && codePoint <= high);
}

const encoder = new TextEncoder();

/** The first problem of `text` under the registry's text rules, or undefined; `maxBytes` is the field's cap. */
export function textProblem(text: string, maxBytes: number): TextProblem | undefined {
  let position = 0;
  for (const character of text) {
    position++;
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) return { kind: "loneSurrogate", position, codePoint };
    if (isControl(codePoint)) return { kind: "control", position, codePoint };
    if (isBidiControl(codePoint)) return { kind: "bidiControl", position, codePoint };
    if (isRewrittenByNfc(codePoint)) return { kind: "rewrittenByNfc", position, codePoint };
  }
  const normalized = text.normalize("NFC");
  if (normalized !== text) return { kind: "notNfc", normalized };
  const bytes = encoder.encode(text).length;
  return bytes > maxBytes ? { kind: "tooLong", bytes, max: maxBytes } : undefined;
}

/** The first problem of an issuer id under the registry's rule, or undefined. */
export function issuerIdProblem(issuerId: string): IssuerIdProblem | undefined {
  if (issuerId === "") return { kind: "empty" };
  let position = 0;
  for (const character of issuerId) {
    position++;
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint < 0x21 || codePoint > 0x7e) return { kind: "notPrintableAscii", position, codePoint };
  }
  if (issuerId.length > MAX_URI_LENGTH) return { kind: "tooLong", bytes: issuerId.length, max: MAX_URI_LENGTH };
  if (issuerId.startsWith("https://")) {
    // The registry wants a letter or digit right after the scheme; the URL must also parse with a host (WHATWG
    // parsing alone would read https:///x as the host x).
    const hasHost = /^[A-Za-z0-9]$/.test(issuerId.charAt(8)) && !issuerId.includes("@") && URL.canParse(issuerId);
    return hasHost && new URL(issuerId).hostname !== "" ? undefined : { kind: "httpsWithoutHost" };
  }
  if (issuerId.startsWith("did:")) {
    const did = /^did:([a-z0-9]*)(:?)(.*)$/.exec(issuerId);
    const method = did?.[1] ?? "";
    if (method === "" || did?.[2] !== ":") return { kind: "didWithoutMethod" };
    return did[3] === "" ? { kind: "didWithoutIdentifier", method } : undefined;
  }
  return { kind: "notDidOrHttps" };
}

/** Whether `issuerId` is one the registry records: a DID or an https URL with a host, in printable ASCII. */
export function isIssuerId(issuerId: string): boolean {
  return issuerIdProblem(issuerId) === undefined;
}

/** "U+202E". */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}
