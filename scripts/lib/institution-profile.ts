/**
 * An institution's profile as the registrar types it, checked before anything is sent: the registry's text rules
 * (ICredentialRegistry: UTF-8 without control characters or bidirectional-text controls, in Unicode NFC, within
 * the byte caps) and its issuer-id rule (a DID or an https:// URL, printable ASCII). The contract enforces the same
 * rules as a second line of defence; here each problem gets one sentence that names the option and the character.
 */
import { type Hex, isHex, zeroHash } from "viem";
import {
  type IssuerIdProblem,
  MAX_NAME_LENGTH,
  MAX_URI_LENGTH,
  type TextProblem,
  codePointLabel,
  countryBytes,
  isAcreditaError,
  issuerIdProblem,
  parseDidKey,
  parseDidWeb,
  textProblem,
} from "../../core/index.ts";
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

/** One sentence for a text problem of `option`. */
function textSentence(option: string, text: string, problem: TextProblem): string {
  switch (problem.kind) {
    case "tooLong":
      return `${option} is ${problem.bytes} bytes long in UTF-8; the registry accepts at most ${problem.max}`;
    case "notNfc":
      return `${option} is not in Unicode normalization form NFC; write it as "${problem.normalized}"`;
    default: {
      const at = `character ${problem.position} is ${codePointLabel(problem.codePoint)}`;
      switch (problem.kind) {
        case "loneSurrogate":
          return `${option} is not valid Unicode text: ${at}, half of a surrogate pair`;
        case "control":
          return `${option} must not contain control characters, but ${at}`;
        case "bidiControl":
          return `${option} must not contain bidirectional-text controls, which can make a text display as another one, but ${at} (${BIDI_NAMES[problem.codePoint] ?? "a bidi control"})`;
        case "rewrittenByNfc": {
          const nfc = text.normalize("NFC");
          return `${option} must be written with precomposed characters (Unicode NFC), but ${at}, a combining or compatibility character${
            nfc === text ? "" : `; write it as "${nfc}"`
          }`;
        }
      }
    }
  }
}

/**
 * Checks `text` against the registry's text rules (core's `textProblem`); throws a CliError naming `option` and the
 * first offending character (1-based, counted in characters). `maxBytes` is the registry's cap for the field.
 */
export function checkText(option: string, text: string, maxBytes: number): string {
  const problem = textProblem(text, maxBytes);
  if (problem !== undefined) throw new CliError(textSentence(option, text, problem));
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

/** One sentence for an issuer-id problem. */
function issuerIdSentence(value: string, problem: IssuerIdProblem): string {
  const option = "--issuer-id";
  switch (problem.kind) {
    case "empty":
      return `${option} must not be empty: it is ${ISSUER_ID_HELP}`;
    case "notPrintableAscii":
      return `${option} must be printable ASCII without spaces, but character ${problem.position} is ${codePointLabel(
        problem.codePoint,
      )}${problem.codePoint === 0x20 ? " (a space)" : ""}`;
    case "tooLong":
      return `${option} is ${problem.bytes} bytes long; the registry accepts at most ${problem.max}`;
    case "httpsWithoutHost":
      return `${option} "${value}" has no host: after https:// comes the host, starting with a letter or digit (https://uneje.example)`;
    case "didWithoutMethod":
      return `${option} "${value}" is not a DID: after did: comes a method of lower-case letters and digits, then ':' (did:web:…, did:key:…)`;
    case "didWithoutIdentifier":
      return `${option} "${value}" has nothing after did:${problem.method}: (the identifier)`;
    case "notDidOrHttps":
      return `${option} must be a DID (did:<method>:<identifier>, such as did:web:uneje.example) or an https:// URL, not "${value}"`;
  }
}

/**
 * An issuer id, by the registry's rule (core's `issuerIdProblem`): a DID or an `https://` URL with a host, printable
 * ASCII without spaces, at most MAX_URI_LENGTH bytes. A did:web or did:key must also be one that can hold the
 * institution's credential keys (core's `parseDidWeb`, `parseDidKey`): otherwise no credential could ever be signed
 * for it.
 */
export function checkIssuerId(value: string): string {
  const problem = issuerIdProblem(value);
  if (problem !== undefined) throw new CliError(issuerIdSentence(value, problem));
  try {
    if (value.startsWith("did:web:")) parseDidWeb(value);
    if (value.startsWith("did:key:")) parseDidKey(value);
  } catch (error) {
    if (!isAcreditaError(error)) throw error;
    const method = value.startsWith("did:web:") ? "did:web" : "did:key of an Ed25519 credential key";
    throw new CliError(`--issuer-id "${value}" is not a valid ${method}: ${String(error.details.reason)}`, {
      hint: value.startsWith("did:key:")
        ? "`acredita credential-key create` prints the did:key of a new credential key."
        : "A did:web is did:web:<domain>[:<path>…], its document at https://<domain>/.well-known/did.json or https://<domain>/<path>/did.json.",
    });
  }
  return value;
}

/** An ISO 3166-1 alpha-2 code as the registry's `bytes2`. */
export function countryCode(value: string): Hex {
  const country = countryBytes(value);
  if (country === undefined)
    throw new CliError(`--country must be an ISO 3166-1 alpha-2 code in capitals (e.g. MX), not "${value}"`);
  return country;
}

/** `--metadata-hash`: 32 bytes of hex, zero when not given. */
export function metadataHash(value: string | undefined): Hex {
  if (value === undefined) return zeroHash;
  if (!isHex(value) || value.length !== 66)
    throw new CliError("--metadata-hash must be 32 bytes of hex (0x + 64 digits)");
  return value;
}
