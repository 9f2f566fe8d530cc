/**
 * The registry's custom errors, decoded from revert data with the generated ABI (`generated/abi.ts`, never
 * hand-copied selectors), and said in words: as a sentence in es, pt-BR and en (ICU messages the web console
 * formats; `{a0}`, `{a1}`… are the error's arguments in the order the ABI declares them, `{field}` the label of the
 * text field the first argument names), and as the English clause the CLI prints after "… would fail:", with the
 * evidence (keys, institutions, times, statuses) spelled out.
 */
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex } from "viem";
import { credentialRegistryAbi } from "./generated/abi.ts";
import type { Language } from "./reasons.ts";
import { institutionStatusWord } from "./registry.ts";

/** The name of every error the registry's ABI declares (its own and those of the contracts it inherits). */
export type RegistryErrorName = Extract<(typeof credentialRegistryAbi)[number], { type: "error" }>["name"];

/** The errors a call can meet and a person can act on: all but OpenZeppelin's internal guards. */
export type ExplainedErrorName = Exclude<
  RegistryErrorName,
  "AccessControlBadConfirmation" | "SafeCastOverflowedUintDowncast"
>;

/** A decoded revert: the error's name and its arguments (Solidity's `Error`/`Panic` included). */
export interface RegistryError {
  name: string;
  args: readonly unknown[];
}

/** The registry error in a viem error chain (already decoded, or as revert data decoded here), if any. */
export function registryErrorOf(error: unknown): RegistryError | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError && reverted.data !== undefined) {
    return { name: reverted.data.errorName, args: reverted.data.args ?? [] };
  }
  const withData = error.walk((e) => typeof (e as { data?: unknown }).data === "string") as { data?: Hex } | null;
  const data = withData?.data;
  if (data === undefined || data.length < 10) return undefined;
  try {
    const decoded = decodeErrorResult({ abi: credentialRegistryAbi, data });
    // viem leaves `args` undefined for an error without inputs.
    return { name: decoded.errorName, args: Array.isArray(decoded.args) ? decoded.args : [] };
  } catch {
    return undefined; // Not one of the registry's errors.
  }
}

/** Whether `name` is an error with a sentence in {@link REGISTRY_ERROR_MESSAGES}. */
export function isExplainedError(name: string): name is ExplainedErrorName {
  return Object.hasOwn(REGISTRY_ERROR_MESSAGES.en, name);
}

/** Each error as a sentence a person reads (ICU message syntax), in the app's three languages. */
export const REGISTRY_ERROR_MESSAGES: Readonly<Record<Language, Readonly<Record<ExplainedErrorName, string>>>> = {
  en: {
    AccessControlUnauthorizedAccount: "The account {a0} does not have the role this action requires.",
    AccessControlEnforcedDefaultAdminDelay: "The administrator transfer cannot be accepted yet (from {a0}, Unix time).",
    AccessControlInvalidDefaultAdmin: "Only the pending administrator ({a0}) can accept the transfer.",
    AccessControlEnforcedDefaultAdminRules: "The administrator role can only change through the two-step transfer.",
    CredentialRegistryZeroAddress: "The zero address cannot be used here.",
    CredentialRegistryEmptyName: "The institution needs a name.",
    CredentialRegistryTextTooLong: "The field “{field}” is too long ({a1} bytes; at most {a2}).",
    CredentialRegistryInvalidUtf8: "The field “{field}” is not valid UTF-8 (at byte {a1}).",
    CredentialRegistryControlCharacter: "The field “{field}” contains a control character at byte {a1}.",
    CredentialRegistryBidiControl:
      "The field “{field}” contains a bidirectional-text control at byte {a1}, which could make the text display as something else.",
    CredentialRegistryTextNotNormalized:
      "The field “{field}” has a character at byte {a1} that Unicode normalization (NFC) would change, such as a separate accent. Type each letter with its accent.",
    CredentialRegistryInvalidIssuerId:
      "“{a0}” is not a valid issuer id: use a DID (did:method:identifier) or an https:// URL, in printable ASCII without spaces.",
    CredentialRegistryIssuerIdTaken:
      "The issuer id {a0} already belongs to institution #{a1}: an issuer id is never used for two institutions.",
    CredentialRegistryInvalidCountryCode: "The country must be two capital letters (ISO 3166-1).",
    CredentialRegistryUnknownInstitution: "There is no institution #{a0}.",
    CredentialRegistryInvalidStatusTransition: "Institution #{a0} cannot go from its current status to that one.",
    CredentialRegistryKeyAlreadyRegistered: "The key {a0} is already registered (institution #{a1}).",
    CredentialRegistryTooManySigningKeys: "Institution #{a0} already has the most signing keys allowed ({a1}).",
    CredentialRegistryUnknownSigningKey: "{a0} is not a signing key of any institution.",
    CredentialRegistrySigningKeyRemoved: "The signing key {a0} was already removed.",
    CredentialRegistryCompromiseInFuture: "A key cannot be declared compromised from a time in the future.",
    CredentialRegistryCompromiseNotEarlier: "The key {a0} is already compromised from an earlier time.",
    CredentialRegistryInstitutionNotActive: "Institution #{a0} is not active.",
    CredentialRegistryZeroRoot: "The batch root cannot be zero.",
    CredentialRegistryEmptyBatch: "A batch needs at least one credential.",
    CredentialRegistryBatchAlreadyAnchored: "This batch is already anchored.",
    CredentialRegistryUnknownBatch: "Institution #{a0} has no batch with root {a1}.",
    CredentialRegistryUnauthorizedRevoker: "The account {a0} may not revoke credentials of institution #{a1}.",
    CredentialRegistryIndexOutOfRange: "Position {a0} is outside the batch ({a1} credentials).",
    CredentialRegistryNoIndexes: "No credential was chosen.",
    CredentialRegistryTooManyIndexes: "Too many credentials in one transaction ({a0}; at most {a1}).",
    CredentialRegistryIndexesNotIncreasing: "The positions must be increasing and without repeats.",
    CredentialRegistryCredentialAlreadyRevoked: "The credential at position {a2} is already revoked.",
    CredentialRegistryBatchAlreadyRevoked: "This batch is already revoked.",
    CredentialRegistryProofTooLong: "The Merkle path is too long ({a0} nodes; at most {a1}).",
  },
  es: {
    AccessControlUnauthorizedAccount: "La cuenta {a0} no tiene el rol que esta acción requiere.",
    AccessControlEnforcedDefaultAdminDelay:
      "La transferencia de administrador aún no se puede aceptar (desde {a0}, hora Unix).",
    AccessControlInvalidDefaultAdmin: "Solo el administrador pendiente ({a0}) puede aceptar la transferencia.",
    AccessControlEnforcedDefaultAdminRules:
      "El rol de administrador solo cambia mediante la transferencia en dos pasos.",
    CredentialRegistryZeroAddress: "No se puede usar la dirección cero aquí.",
    CredentialRegistryEmptyName: "La institución necesita un nombre.",
    CredentialRegistryTextTooLong: "El campo «{field}» es demasiado largo ({a1} bytes; máximo {a2}).",
    CredentialRegistryInvalidUtf8: "El campo «{field}» no es UTF-8 válido (en el byte {a1}).",
    CredentialRegistryControlCharacter: "El campo «{field}» contiene un carácter de control en el byte {a1}.",
    CredentialRegistryBidiControl:
      "El campo «{field}» contiene un control de texto bidireccional en el byte {a1}, que podría hacer que el texto se vea como otro.",
    CredentialRegistryTextNotNormalized:
      "El campo «{field}» tiene en el byte {a1} un carácter que la normalización Unicode (NFC) cambiaría, como un acento suelto. Escriba cada letra con su acento.",
    CredentialRegistryInvalidIssuerId:
      "«{a0}» no es un identificador de emisor válido: use un DID (did:método:identificador) o una URL https://, en ASCII imprimible y sin espacios.",
    CredentialRegistryIssuerIdTaken:
      "El identificador de emisor {a0} ya pertenece a la institución #{a1}: un identificador de emisor nunca se usa para dos instituciones.",
    CredentialRegistryInvalidCountryCode: "El país debe ser dos letras mayúsculas (ISO 3166-1).",
    CredentialRegistryUnknownInstitution: "No existe la institución #{a0}.",
    CredentialRegistryInvalidStatusTransition: "La institución #{a0} no puede pasar de su estado actual a ese.",
    CredentialRegistryKeyAlreadyRegistered: "La clave {a0} ya está registrada (institución #{a1}).",
    CredentialRegistryTooManySigningKeys: "La institución #{a0} ya tiene el máximo de claves de firma ({a1}).",
    CredentialRegistryUnknownSigningKey: "{a0} no es clave de firma de ninguna institución.",
    CredentialRegistrySigningKeyRemoved: "La clave de firma {a0} ya fue retirada.",
    CredentialRegistryCompromiseInFuture: "No se puede declarar una clave comprometida desde un momento futuro.",
    CredentialRegistryCompromiseNotEarlier: "La clave {a0} ya está comprometida desde un momento anterior.",
    CredentialRegistryInstitutionNotActive: "La institución #{a0} no está activa.",
    CredentialRegistryZeroRoot: "La raíz del lote no puede ser cero.",
    CredentialRegistryEmptyBatch: "Un lote necesita al menos una credencial.",
    CredentialRegistryBatchAlreadyAnchored: "Este lote ya está anclado.",
    CredentialRegistryUnknownBatch: "La institución #{a0} no tiene un lote con raíz {a1}.",
    CredentialRegistryUnauthorizedRevoker: "La cuenta {a0} no puede revocar credenciales de la institución #{a1}.",
    CredentialRegistryIndexOutOfRange: "La posición {a0} está fuera del lote ({a1} credenciales).",
    CredentialRegistryNoIndexes: "No se eligió ninguna credencial.",
    CredentialRegistryTooManyIndexes: "Demasiadas credenciales en una transacción ({a0}; máximo {a1}).",
    CredentialRegistryIndexesNotIncreasing: "Las posiciones deben ser crecientes y sin repetir.",
    CredentialRegistryCredentialAlreadyRevoked: "La credencial en la posición {a2} ya está revocada.",
    CredentialRegistryBatchAlreadyRevoked: "Este lote ya está revocado.",
    CredentialRegistryProofTooLong: "La ruta de Merkle es demasiado larga ({a0} nodos; máximo {a1}).",
  },
  "pt-BR": {
    AccessControlUnauthorizedAccount: "A conta {a0} não tem o papel que esta ação exige.",
    AccessControlEnforcedDefaultAdminDelay:
      "A transferência de administrador ainda não pode ser aceita (a partir de {a0}, horário Unix).",
    AccessControlInvalidDefaultAdmin: "Só o administrador pendente ({a0}) pode aceitar a transferência.",
    AccessControlEnforcedDefaultAdminRules: "O papel de administrador só muda pela transferência em duas etapas.",
    CredentialRegistryZeroAddress: "O endereço zero não pode ser usado aqui.",
    CredentialRegistryEmptyName: "A instituição precisa de um nome.",
    CredentialRegistryTextTooLong: "O campo “{field}” é longo demais ({a1} bytes; no máximo {a2}).",
    CredentialRegistryInvalidUtf8: "O campo “{field}” não é UTF-8 válido (no byte {a1}).",
    CredentialRegistryControlCharacter: "O campo “{field}” contém um caractere de controle no byte {a1}.",
    CredentialRegistryBidiControl:
      "O campo “{field}” contém um controle de texto bidirecional no byte {a1}, que poderia fazer o texto aparecer como outro.",
    CredentialRegistryTextNotNormalized:
      "O campo “{field}” tem no byte {a1} um caractere que a normalização Unicode (NFC) alteraria, como um acento solto. Digite cada letra com seu acento.",
    CredentialRegistryInvalidIssuerId:
      "“{a0}” não é um identificador de emissor válido: use um DID (did:método:identificador) ou uma URL https://, em ASCII imprimível e sem espaços.",
    CredentialRegistryIssuerIdTaken:
      "O identificador de emissor {a0} já pertence à instituição #{a1}: um identificador de emissor nunca é usado por duas instituições.",
    CredentialRegistryInvalidCountryCode: "O país deve ter duas letras maiúsculas (ISO 3166-1).",
    CredentialRegistryUnknownInstitution: "Não existe a instituição #{a0}.",
    CredentialRegistryInvalidStatusTransition: "A instituição #{a0} não pode passar do status atual para esse.",
    CredentialRegistryKeyAlreadyRegistered: "A chave {a0} já está registrada (instituição #{a1}).",
    CredentialRegistryTooManySigningKeys: "A instituição #{a0} já tem o máximo de chaves de assinatura ({a1}).",
    CredentialRegistryUnknownSigningKey: "{a0} não é chave de assinatura de nenhuma instituição.",
    CredentialRegistrySigningKeyRemoved: "A chave de assinatura {a0} já foi removida.",
    CredentialRegistryCompromiseInFuture:
      "Não é possível declarar uma chave comprometida a partir de um momento futuro.",
    CredentialRegistryCompromiseNotEarlier: "A chave {a0} já está comprometida desde um momento anterior.",
    CredentialRegistryInstitutionNotActive: "A instituição #{a0} não está ativa.",
    CredentialRegistryZeroRoot: "A raiz do lote não pode ser zero.",
    CredentialRegistryEmptyBatch: "Um lote precisa de pelo menos uma credencial.",
    CredentialRegistryBatchAlreadyAnchored: "Este lote já está ancorado.",
    CredentialRegistryUnknownBatch: "A instituição #{a0} não tem lote com raiz {a1}.",
    CredentialRegistryUnauthorizedRevoker: "A conta {a0} não pode revogar credenciais da instituição #{a1}.",
    CredentialRegistryIndexOutOfRange: "A posição {a0} está fora do lote ({a1} credenciais).",
    CredentialRegistryNoIndexes: "Nenhuma credencial foi escolhida.",
    CredentialRegistryTooManyIndexes: "Credenciais demais em uma transação ({a0}; no máximo {a1}).",
    CredentialRegistryIndexesNotIncreasing: "As posições devem ser crescentes e sem repetição.",
    CredentialRegistryCredentialAlreadyRevoked: "A credencial na posição {a2} já está revogada.",
    CredentialRegistryBatchAlreadyRevoked: "Este lote já está revogado.",
    CredentialRegistryProofTooLong: "O caminho de Merkle é longo demais ({a0} nós; no máximo {a1}).",
  },
};

/** The registry's text fields (its text errors' first argument) in the CLI's words. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  name: "name",
  issuerId: "issuer id",
  website: "website",
  metadataURI: "metadata URI",
};

type Args = readonly unknown[];
const s = (value: unknown): string => String(value);
const field = (value: unknown): string => FIELD_WORDS[s(value)] ?? s(value);
const status = (value: unknown, otherwise: string): string => institutionStatusWord(Number(value)) ?? otherwise;
function when(value: unknown): string {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : "an unknown time";
}

const CLAUSES: Readonly<Record<ExplainedErrorName, ((a: Args) => string) | undefined>> = {
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
    `institution ${s(a[0])} is ${status(a[1], "in another state")}, so that change is not possible`,
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
    `institution ${s(a[0])} is ${status(a[1], "not active")}: its keys cannot anchor`,
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
  AccessControlEnforcedDefaultAdminDelay: undefined,
  AccessControlInvalidDefaultAdmin: undefined,
  AccessControlEnforcedDefaultAdminRules: undefined,
};

/** The CLI's English clause for a decoded error ("the batch is empty"); the error's name when it has none. */
export function registryErrorClause(error: RegistryError): string {
  const clause = isExplainedError(error.name) ? CLAUSES[error.name] : undefined;
  return clause === undefined ? error.name : clause(error.args);
}
