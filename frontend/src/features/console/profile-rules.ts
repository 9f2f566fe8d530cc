/**
 * The registry's rules for an institution's profile (ICredentialRegistry: `InstitutionProfile` and the text rules of
 * its model), checked in the console before anything is estimated or sent, so the form can say what is wrong in the
 * reader's language instead of waiting for the contract to refuse it.
 *
 * - Text (name, website): well-formed Unicode (no lone surrogate, which UTF-8 cannot carry), no control character
 *   (C0, DEL, C1), no bidirectional-text control, and in Unicode normalization form C with none of the characters
 *   the registry treats as rewritten by NFC (`RegistryText.isRewrittenByNfc`, e.g. a lone combining accent).
 * - Issuer id: printable ASCII (U+0021–U+007E) that is a DID (`did:` + a method of lower-case letters and digits +
 *   `:` + an identifier) or an `https://` URL with a host.
 * - Lengths in UTF-8 bytes: the name 1 to `MAX_NAME_LENGTH`, the issuer id 1 to `MAX_URI_LENGTH`, the website at most
 *   `MAX_URI_LENGTH` (the limits are generated from the compiled contract).
 */
import { MAX_NAME_LENGTH, MAX_URI_LENGTH } from "@acredita/core/registry.ts";

/** The profile fields the console's forms edit. */
export type ProfileField = "name" | "issuerId" | "website";

export type ProfileProblem =
  | { field: ProfileField; problem: "empty" | "invalidText" | "control" | "bidi" | "notNormalized" | "invalidIssuerId" }
  | { field: ProfileField; problem: "tooLong"; length: number; max: number };

export interface ProfileText {
  name: string;
  issuerId: string;
  website: string;
}

/** C0 controls, DEL and C1 controls (`RegistryText.isControl`). */
function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/** The Arabic letter mark, LRM/RLM, embeddings and overrides, isolates (`RegistryText.isBidiControl`). */
function isBidiControl(codePoint: number): boolean {
  return (
    codePoint === 0x061c ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

/**
 * What the registry refuses as "may be rewritten by NFC" (`RegistryText.isRewrittenByNfc`): combining marks,
 * conjoining Hangul jamo, the Ohm, Kelvin and Angstrom signs and CJK compatibility ideographs.
 */
function isRewrittenByNfc(codePoint: number): boolean {
  const ranges: readonly (readonly [number, number])[] = [
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
  return ranges.some(([low, high]) => codePoint >= low && codePoint <= high);
}

/** A surrogate code unit left alone: UTF-8 cannot carry it (iterating a string yields pairs as one code point). */
function isLoneSurrogate(codePoint: number): boolean {
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

/** A DID or an https URL with a host, in printable ASCII without spaces (`RegistryText.isIssuerId`). */
const ISSUER_ID = /^(?:did:[a-z0-9]+:[\x21-\x7E]+|https:\/\/[\x21-\x2E\x30-\x7E][\x21-\x7E]*)$/;

const encoder = new TextEncoder();

function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** The first thing wrong with `text` under the registry's text rules, in the order the registry looks for it. */
function textProblem(field: ProfileField, text: string): ProfileProblem | undefined {
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (isLoneSurrogate(codePoint)) return { field, problem: "invalidText" };
    if (isControl(codePoint)) return { field, problem: "control" };
    if (isBidiControl(codePoint)) return { field, problem: "bidi" };
    if (isRewrittenByNfc(codePoint)) return { field, problem: "notNormalized" };
  }
  // Full NFC as well: what the registry stores is what every screen shows, so two spellings must not coexist.
  return text.normalize("NFC") === text ? undefined : { field, problem: "notNormalized" };
}

function lengthProblem(field: ProfileField, text: string, max: number): ProfileProblem | undefined {
  const length = byteLength(text);
  return length > max ? { field, problem: "tooLong", length, max } : undefined;
}

/** Whether `issuerId` is a DID or an https URL in printable ASCII, as the registry requires. */
export function isIssuerId(issuerId: string): boolean {
  return ISSUER_ID.test(issuerId);
}

/**
 * Every problem of a profile, field by field in form order (at most one per field, the first the registry would
 * report). An empty list means the registry's text rules accept it.
 */
export function profileProblems(profile: ProfileText): ProfileProblem[] {
  const problems: (ProfileProblem | undefined)[] = [
    profile.name === ""
      ? { field: "name", problem: "empty" }
      : (lengthProblem("name", profile.name, MAX_NAME_LENGTH) ?? textProblem("name", profile.name)),
    profile.issuerId === ""
      ? { field: "issuerId", problem: "empty" }
      : (lengthProblem("issuerId", profile.issuerId, MAX_URI_LENGTH) ??
        (isIssuerId(profile.issuerId) ? undefined : { field: "issuerId", problem: "invalidIssuerId" })),
    lengthProblem("website", profile.website, MAX_URI_LENGTH) ?? textProblem("website", profile.website),
  ];
  return problems.filter((p) => p !== undefined);
}
