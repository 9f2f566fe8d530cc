/**
 * An institution's profile as the registrar types it, checked before anything is sent: the registry's text rules
 * (ICredentialRegistry: UTF-8 without control characters or bidirectional-text controls, in Unicode NFC, within
 * the byte caps) and its issuer-id rule (a DID or an https:// URL, printable ASCII). The contract enforces the same
 * rules as a second line of defence; here each problem gets one sentence that names the option and the character.
 */
import { type Hex, isHex, stringToHex, zeroHash } from "viem";
import { MAX_NAME_LENGTH, MAX_URI_LENGTH } from "../../core/index.ts";
import { CliError } from "./cli-error.ts";

/** What `--issuer-id` is, for messages and help. */
export const ISSUER_ID_HELP =
  "the identifier the institution's credentials carry as issuer.id: a DID such as did:web:uneje.example, or an https:// URL";

/** The registry's `InstitutionProfile`. */
export interface InstitutionProfile {
  name: string;
  issuerId: string;
  country: Hex;
  website: string;
  metadataURI: string;
  metadataHash: Hex;
}

const BIDI_NAMES: Record<number, string> = {
  0x061c: "arabic letter mark",
  0x200e: "left-to-right mark",
  0x200f: "right-to-left mark",
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
};

/** C0 controls, DEL and C1 controls (the registry's `isControl`). */
function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/**
 * Characters the registry refuses because NFC rewrites them, alone or with the character before them (the
 * registry's `isRewrittenByNfc`): combining marks, conjoining Hangul jamo, the Ohm, Kelvin and Angstrom signs and
 * CJK compatibility ideographs. A text can be in NFC and still hold one (a combining mark after a letter that has
 * no precomposed form).
 */
function isRewrittenByNfc(codePoint: number): boolean {
  return (
    (codePoint >= 0x0300 && codePoint <= 0x036f) ||
    (codePoint >= 0x1100 && codePoint <= 0x11ff) ||
    (codePoint >= 0x1ab0 && codePoint <= 0x1aff) ||
    (codePoint >= 0x1dc0 && codePoint <= 0x1dff) ||
    (codePoint >= 0x20d0 && codePoint <= 0x20ff) ||
    codePoint === 0x2126 ||
    codePoint === 0x212a ||
    codePoint === 0x212b ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe20 && codePoint <= 0xfe2f) ||
    (codePoint >= 0x2f800 && codePoint <= 0x2fa1f)
  );
}

/** "U+202E". */
function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Checks `text` against the registry's text rules; throws a CliError naming `option` and the first offending
 * character (1-based, counted in characters). `maxBytes` is the registry's cap for the field.
 */
export function checkText(option: string, text: string, maxBytes: number): string {
  let position = 0;
  for (const character of text) {
    position++;
    const codePoint = character.codePointAt(0) ?? 0;
    const at = `character ${position} is ${codePointName(codePoint)}`;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      throw new CliError(`${option} is not valid Unicode text: ${at}, half of a surrogate pair`);
    }
    if (isControl(codePoint)) throw new CliError(`${option} must not contain control characters, but ${at}`);
    const bidi = BIDI_NAMES[codePoint];
    if (bidi !== undefined) {
      throw new CliError(
        `${option} must not contain bidirectional-text controls, which can make a text display as another one, but ${at} (${bidi})`,
      );
    }
    if (isRewrittenByNfc(codePoint)) {
      const nfc = text.normalize("NFC");
      throw new CliError(
        `${option} must be written with precomposed characters (Unicode NFC), but ${at}, a combining or compatibility character${
          nfc === text ? "" : `; write it as "${nfc}"`
        }`,
      );
    }
  }
  const nfc = text.normalize("NFC");
  if (nfc !== text) {
    throw new CliError(`${option} is not in Unicode normalization form NFC; write it as "${nfc}"`);
  }
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > maxBytes) {
    throw new CliError(`${option} is ${bytes} bytes long in UTF-8; the registry accepts at most ${maxBytes}`);
  }
  return text;
}

/** The display name: 1 to MAX_NAME_LENGTH bytes of text. */
export function checkName(value: string): string {
  if (value === "") throw new CliError("--name must not be empty");
  return checkText("--name", value, MAX_NAME_LENGTH);
}

/** A website or metadata URI: 0 to MAX_URI_LENGTH bytes of text. */
export function checkUri(option: string, value: string): string {
  return checkText(option, value, MAX_URI_LENGTH);
}

/**
 * An issuer id, by the registry's rule (`RegistryText.isIssuerId`): a DID (`did:`, a method of lower-case letters
 * and digits, `:`, an identifier) or an `https://` URL with a host, printable ASCII without spaces, at most
 * MAX_URI_LENGTH bytes.
 */
export function checkIssuerId(value: string): string {
  const option = "--issuer-id";
  if (value === "") throw new CliError(`${option} must not be empty: it is ${ISSUER_ID_HELP}`);
  let position = 0;
  for (const character of value) {
    position++;
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint < 0x21 || codePoint > 0x7e) {
      throw new CliError(
        `${option} must be printable ASCII without spaces, but character ${position} is ${codePointName(codePoint)}${
          codePoint === 0x20 ? " (a space)" : ""
        }`,
      );
    }
  }
  if (value.length > MAX_URI_LENGTH) {
    throw new CliError(`${option} is ${value.length} bytes long; the registry accepts at most ${MAX_URI_LENGTH}`);
  }
  if (value.startsWith("https://")) {
    // The registry wants a letter or digit right after https:// (the host's first character); the URL must also
    // parse, with a host (WHATWG parsing alone would read https:///x as the host x).
    if (!/^[A-Za-z0-9]$/.test(value.charAt(8)) || !URL.canParse(value) || new URL(value).hostname === "") {
      throw new CliError(
        `${option} "${value}" has no host: after https:// comes the host, starting with a letter or digit (https://uneje.example)`,
      );
    }
    return value;
  }
  if (value.startsWith("did:")) {
    const did = /^did:([a-z0-9]*)(:?)(.*)$/.exec(value);
    if (did?.[1] === undefined || did[1] === "" || did[2] !== ":") {
      throw new CliError(
        `${option} "${value}" is not a DID: after did: comes a method of lower-case letters and digits, then ':' (did:web:…, did:key:…)`,
      );
    }
    if (did[3] === "") throw new CliError(`${option} "${value}" has nothing after did:${did[1]}: (the identifier)`);
    return value;
  }
  throw new CliError(
    `${option} must be a DID (did:<method>:<identifier>, such as did:web:uneje.example) or an https:// URL, not "${value}"`,
  );
}

/** An ISO 3166-1 alpha-2 code as the registry's `bytes2`. */
export function countryCode(value: string): Hex {
  if (!/^[A-Z]{2}$/.test(value))
    throw new CliError(`--country must be an ISO 3166-1 alpha-2 code in capitals (e.g. MX), not "${value}"`);
  return stringToHex(value, { size: 2 });
}

/** `--metadata-hash`: 32 bytes of hex, zero when not given. */
export function metadataHash(value: string | undefined): Hex {
  if (value === undefined) return zeroHash;
  if (!isHex(value) || value.length !== 66)
    throw new CliError("--metadata-hash must be 32 bytes of hex (0x + 64 digits)");
  return value;
}
