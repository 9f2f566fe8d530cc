/**
 * The registry's vocabulary, in one place for the CLI and the web app: its limits (generated from the compiled
 * contract by `tools/generate-core.ts`, never copied by hand), the institution statuses, the country code it stores,
 * the revocation reasons (codes, names and what they mean in es, pt-BR and en), the issuer identity hash, and its
 * answer about one credential: the {@link ChainStatus} shape and its normalization from the `verifyCredential`
 * view's raw return value. What that answer means for a verdict is `chain-status.ts`; the decoding of the
 * registry's custom errors into sentences lives beside this file, in `registry-errors.ts`.
 *
 * Batches are anchored with the registry's `anchorBatch` (or `anchorBatchWithMetadata`); there is no other entry
 * point.
 */
import type { Address, ContractFunctionReturnType } from "viem";
import { concatBytes, fromHex, type Hex, toHex, utf8 } from "./bytes.ts";
import type { ClaimedIssuer } from "./claimed-issuer.ts";
import { AcreditaError } from "./errors.ts";
import type { credentialRegistryAbi } from "./generated/abi.ts";
import { keccak, keccakUtf8 } from "./hash.ts";
import type { Language } from "./reasons.ts";
import type { CredentialReference } from "./verification.ts";

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

/**
 * Each status as the web app names it (console and registry explorer), by language. The CLI prints
 * {@link institutionStatusWord} instead: the enum's name in lower case, stable for scripts.
 */
export const INSTITUTION_STATUS_LABELS: Readonly<Record<Language, Readonly<Record<InstitutionStatus, string>>>> = {
  en: { None: "not admitted", Active: "active", Suspended: "suspended", Withdrawn: "withdrawn" },
  es: { None: "no admitida", Active: "activa", Suspended: "suspendida", Withdrawn: "dada de baja" },
  "pt-BR": { None: "não admitida", Active: "ativa", Suspended: "suspensa", Withdrawn: "desligada" },
};

/** "active" for code 1; undefined for a code the enum does not have. */
export function institutionStatusWord(code: number): string | undefined {
  return INSTITUTION_STATUS[code]?.toLowerCase();
}

/** "MX" from the registry's `bytes2` country (zero bytes dropped). */
export function countryOf(hex: Hex): string {
  return String.fromCharCode(...fromHex(hex).filter((b) => b !== 0));
}

/**
 * The registry's `bytes2` country ("0x4d58") for an ISO 3166-1 alpha-2 code in capitals ("MX"); undefined for
 * anything else, which the registry would refuse (`CredentialRegistryInvalidCountryCode`).
 */
export function countryBytes(code: string): Hex | undefined {
  return /^[A-Z]{2}$/.test(code) ? toHex(utf8(code)) : undefined;
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

/** The registry's identity hash from its two text hashes: `keccak256(abi.encode(nameHash, issuerIdHash))`. */
export function identityHashOf(nameHash: Uint8Array, issuerIdHash: Uint8Array): Hex {
  return toHex(keccak(concatBytes([nameHash, issuerIdHash])));
}

/** The registry's identity hash of a (name, issuer id) pair: `keccak256(abi.encode(nameHash, issuerIdHash))`. */
export function issuerIdentityHash(name: string, issuerId: string): Hex {
  return identityHashOf(keccakUtf8(name), keccakUtf8(issuerId));
}

/** `keccak256(utf8(text))`, as the registry hashes a name or an issuer id. */
function textHash(text: string): Hex {
  return toHex(keccakUtf8(text));
}

/** Whether `name` (as written, or its NFC form) hashes to the recorded name hash, `keccak256(utf8(name))`. */
export function nameMatches(name: string, recorded: Hex): boolean {
  const expected = recorded.toLowerCase();
  const nfc = name.normalize("NFC");
  return textHash(name) === expected || (nfc !== name && textHash(nfc) === expected);
}

/** Whether the issuer id `id`, byte for byte, hashes to the issuer id hash the registry recorded at anchoring. */
export function issuerIdMatches(id: string, recorded: Hex): boolean {
  return textHash(id) === recorded.toLowerCase();
}

/**
 * The form of the claimed name (as written, or its NFC form: the registry only records NFC text) that, with the
 * claimed issuer id byte for byte, gives the recorded identity hash; undefined when none does.
 */
function recordedName(claimed: ClaimedIssuer, recorded: Hex): string | undefined {
  const { name, id } = claimed;
  if (name === undefined || id === undefined) return undefined;
  const expected = recorded.toLowerCase();
  const nfc = name.normalize("NFC");
  for (const form of nfc === name ? [name] : [name, nfc]) {
    if (issuerIdentityHash(form, id) === expected) return form;
  }
  return undefined;
}

/** The registry's raw answer about one credential: its `verifyCredential` view's return value, as viem decodes it. */
export type RawStatus = ContractFunctionReturnType<typeof credentialRegistryAbi, "view", "verifyCredential">;

/** The registry's answer, normalized (times as Unix seconds, 0 = never). */
export interface ChainStatus {
  /** The root the credential's Merkle path leads to, as the registry computed it. */
  root: Hex;
  /** `root` is the batch root the proof block names. */
  proofValid: boolean;
  anchored: boolean;
  indexInRange: boolean;
  anchoredAt: number;
  count: number;
  signingKey: Address;
  keyCompromisedFrom: number;
  keyValidAtAnchoring: boolean;
  institutionStatus: InstitutionStatus;
  /**
   * The institution's name: the issuer name the credential shows when it is the one the registry recorded at
   * anchoring, otherwise the registry's current name (read with a further call).
   */
  institutionName: string;
  institutionCountry: string;
  /** The institution's issuer identity version when the batch was anchored (0: not anchored). */
  identityVersion: number;
  /**
   * The registry's identity hash of that version, `keccak256(abi.encode(keccak256(utf8(name)),
   * keccak256(utf8(issuerId))))` (zero: not anchored): one full-width hash of both texts.
   */
  issuerIdentityHash: Hex;
  /**
   * `keccak256(utf8(name))` of the institution's name when the batch was anchored: known at once when the
   * credential's issuer matches the identity hash, else read with `getIssuerIdentity` (zero: not anchored).
   */
  issuerNameHash: Hex;
  /**
   * `keccak256(utf8(issuerId))` of the institution's issuer id when the batch was anchored, known the same way
   * (zero: not anchored): a credential's `issuer.id` must hash to it.
   */
  issuerIdHash: Hex;
  credentialRevokedAt: number;
  credentialRevocationReason: number;
  batchRevokedAt: number;
  batchRevocationReason: number;
}

function institutionStatus(value: number): InstitutionStatus {
  const status = INSTITUTION_STATUS[value];
  if (status === undefined) throw new AcreditaError("ANCHOR_BAD_RESPONSE", `unknown institution status ${value}`);
  return status;
}

const ZERO_HASH: Hex = `0x${"0".repeat(64)}`;

/**
 * Normalizes the registry's raw answer for `reference`; throws ANCHOR_BAD_RESPONSE on anything unexpected. When
 * the claimed issuer's name (as written, or in NFC) and id give the recorded identity hash, both texts are the
 * recorded ones and their hashes are filled in; otherwise `issuerNameHash`/`issuerIdHash` stay zero and
 * `institutionName` empty until the registry read (`registry-read.ts`) reads them.
 */
export function normalizeChainStatus(
  raw: RawStatus,
  reference: Pick<CredentialReference, "batchRoot">,
  claimed: ClaimedIssuer = {},
): ChainStatus {
  const name = raw.anchored ? recordedName(claimed, raw.issuerIdentityHash) : undefined;
  return {
    root: raw.root,
    proofValid: raw.root.toLowerCase() === reference.batchRoot.toLowerCase(),
    anchored: raw.anchored,
    indexInRange: raw.indexInRange,
    anchoredAt: raw.anchoredAt,
    count: raw.count,
    signingKey: raw.signingKey,
    keyCompromisedFrom: raw.keyCompromisedFrom,
    keyValidAtAnchoring: raw.keyValidAtAnchoring,
    institutionStatus: institutionStatus(raw.institutionStatus),
    institutionName: name ?? "",
    institutionCountry: countryOf(raw.institutionCountry),
    identityVersion: raw.identityVersion,
    issuerIdentityHash: raw.issuerIdentityHash,
    issuerNameHash: name === undefined ? ZERO_HASH : textHash(name),
    issuerIdHash: name === undefined || claimed.id === undefined ? ZERO_HASH : textHash(claimed.id),
    credentialRevokedAt: raw.credentialRevokedAt,
    credentialRevocationReason: raw.credentialRevocationReason,
    batchRevokedAt: raw.batchRevokedAt,
    batchRevocationReason: raw.batchRevocationReason,
  };
}
