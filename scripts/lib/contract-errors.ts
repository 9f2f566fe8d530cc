/**
 * The registry's custom errors (and the few viem errors a transaction can meet) in plain words. The registry's
 * errors carry their evidence (the key, the institution, the time), so the sentences can name it.
 */
import { BaseError, ContractFunctionRevertedError, formatEther } from "viem";
import { CliError, findCliError, messageOf } from "./cli-error.ts";

const STATUS = ["none", "active", "suspended", "withdrawn"];

function when(value: unknown): string {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : "an unknown time";
}

type Args = readonly unknown[];
const s = (value: unknown): string => String(value);

/** The registry's text fields in words. */
const FIELDS: Record<string, string> = {
  name: "name",
  issuerId: "issuer id",
  website: "website",
  metadataURI: "metadata URI",
};
const field = (value: unknown): string => FIELDS[s(value)] ?? s(value);

const SENTENCES: Record<string, (args: Args) => string> = {
  CredentialRegistryZeroAddress: () => "an address is the zero address",
  CredentialRegistryEmptyName: () => "the institution's name is empty",
  CredentialRegistryTextTooLong: (a) =>
    `the ${field(a[0])} is ${s(a[1])} bytes long; the registry accepts at most ${s(a[2])}`,
  CredentialRegistryInvalidUtf8: (a) => `the ${field(a[0])} is not well-formed UTF-8 at byte ${s(a[1])}`,
  CredentialRegistryControlCharacter: (a) => `the ${field(a[0])} contains a control character at byte ${s(a[1])}`,
  CredentialRegistryBidiControl: (a) =>
    `the ${field(a[0])} contains a bidirectional-text control at byte ${s(a[1])}, which could make it display as another text`,
  CredentialRegistryTextNotNormalized: (a) =>
    `the ${field(a[0])} has a character at byte ${s(a[1])} that Unicode normalization (NFC) rewrites; write it with precomposed characters`,
  CredentialRegistryInvalidIssuerId: (a) =>
    `"${s(a[0])}" is not an issuer id: it must be a DID (did:<method>:<identifier>) or an https:// URL, in printable ASCII without spaces`,
  CredentialRegistryIssuerIdTaken: (a) =>
    `the issuer id ${s(a[0])} is already recorded for institution ${s(a[1])}; issuer ids are never reused`,
  CredentialRegistryInvalidCountryCode: () =>
    "the country must be an ISO 3166-1 alpha-2 code in capitals, such as MX or BR",
  CredentialRegistryUnknownInstitution: (a) => `there is no institution ${s(a[0])} in this registry`,
  CredentialRegistryInvalidStatusTransition: (a) =>
    `institution ${s(a[0])} is ${STATUS[Number(a[1])] ?? "in another state"}, so that change is not possible`,
  CredentialRegistryKeyAlreadyRegistered: (a) =>
    `the key ${s(a[0])} is already registered (to institution ${s(a[1])}); keys are never reused`,
  CredentialRegistryTooManySigningKeys: (a) =>
    `institution ${s(a[0])} already has the maximum of ${s(a[1])} signing keys`,
  CredentialRegistryUnknownSigningKey: (a) => `${s(a[0])} is not a signing key of any institution in this registry`,
  CredentialRegistrySigningKeyRemoved: (a) => `the signing key ${s(a[0])} was removed at ${when(a[1])}`,
  CredentialRegistryCompromiseInFuture: (a) =>
    `the compromise time ${when(a[0])} is after the chain's current time ${when(a[1])}`,
  CredentialRegistryCompromiseNotEarlier: (a) =>
    `the key ${s(a[0])} is already compromised from ${when(a[1])}; a new time must be earlier`,
  CredentialRegistryInstitutionNotActive: (a) =>
    `institution ${s(a[0])} is ${STATUS[Number(a[1])] ?? "not active"}: its keys cannot anchor`,
  CredentialRegistryZeroRoot: () => "the batch root is zero",
  CredentialRegistryEmptyBatch: () => "the batch is empty",
  CredentialRegistryBatchAlreadyAnchored: (a) =>
    `this batch was already anchored by institution ${s(a[0])} at ${when(a[2])}`,
  CredentialRegistryUnknownBatch: (a) => `institution ${s(a[0])} has no anchored batch with root ${s(a[1])}`,
  CredentialRegistryUnauthorizedRevoker: (a) =>
    `${s(a[0])} may not revoke credentials of institution ${s(a[1])} (only its active signing keys and the registrar may)`,
  CredentialRegistryIndexOutOfRange: (a) => `credential position ${s(a[0])} does not exist: the batch holds ${s(a[1])}`,
  CredentialRegistryNoIndexes: () => "no credential was named",
  CredentialRegistryTooManyIndexes: (a) =>
    `${s(a[0])} credentials in one call; the registry accepts at most ${s(a[1])}`,
  CredentialRegistryIndexesNotIncreasing: (a) =>
    `credential positions must be strictly increasing (position ${s(a[0])}: ${s(a[1])})`,
  CredentialRegistryCredentialAlreadyRevoked: (a) =>
    `credential ${s(a[2])} of that batch was already revoked at ${when(a[3])}`,
  CredentialRegistryBatchAlreadyRevoked: (a) => `that batch was already revoked at ${when(a[2])}`,
  CredentialRegistryProofTooLong: (a) => `a Merkle proof has ${s(a[0])} nodes; the registry accepts at most ${s(a[1])}`,
  AccessControlUnauthorizedAccount: (a) =>
    `${s(a[0])} does not hold the role this needs (only the registrar may do this)`,
};

/** The revert's error name and arguments, when `error` is a decoded contract revert. */
export function revertOf(error: unknown): { name: string; args: Args } | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError && reverted.data !== undefined) {
    return { name: reverted.data.errorName, args: reverted.data.args ?? [] };
  }
  return undefined;
}

/** A CliError explaining why a call to the registry failed (`what` says what was being done). */
export function explainContractError(error: unknown, what: string): CliError {
  const known = findCliError(error);
  if (known !== undefined) return known;
  const revert = revertOf(error);
  if (revert !== undefined) {
    const sentence = SENTENCES[revert.name];
    return new CliError(`${what} would fail: ${sentence === undefined ? revert.name : sentence(revert.args)}`);
  }
  const text = messageOf(error);
  if (/insufficient funds/i.test(text)) return insufficientFunds(undefined, undefined, undefined, what);
  return new CliError(`${what} failed: ${text}`);
}

export function insufficientFunds(
  account: string | undefined,
  balance: bigint | undefined,
  needed: bigint | undefined,
  what: string,
): CliError {
  const detail =
    account !== undefined && balance !== undefined && needed !== undefined
      ? `: ${account} holds ${formatEther(balance)} but ${what} may cost up to ${formatEther(needed)} (gas × maximum fee, in the chain's native currency)`
      : "";
  return new CliError(`insufficient funds for ${what}${detail}`, {
    hint: "Send funds to the signing key's address and run the same command again.",
  });
}
