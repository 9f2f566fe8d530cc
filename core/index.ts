/**
 * Acredita's browser-safe core: its public API, by name, for the CLI (scripts/) and the web app (frontend/), which
 * import the core through this file alone (the web app as `@acredita/core`; a test holds it to that). Everything
 * else in core/ is internal: tests may reach it by path. `core/node/` (Node worker threads) is not part of it: the
 * CLI imports it by path. The heavy libraries (jsonld, Digital Bazaar's) stay out of the web app's first bundle
 * because the core loads them with dynamic `import()` on first use (data-integrity*.ts), not because of this list.
 */

// The credential file and its strict JSON
export { decodeCredentialFile, MAX_CREDENTIAL_FILE_BYTES } from "./credential-file.ts";
export { canonicalize, DEFAULT_MAX_LENGTH, type JsonObject, type JsonValue, parseStrict } from "./canonical.ts";
export { isDateTime, parseCalendarDate, parseDateTime } from "./dates.ts";

// Issuing: course templates, learners, batches, proofs
export { type CredentialDocument, isEmailAddress, type LearnerRecord, prepareCourse } from "./credential.ts";
export { courseTemplateSchema } from "./course-template.ts";
export { type AcceptedOwnCredential, acceptOwnCredential } from "./own-credential.ts";
export { type MissingElement, reviewMicrocredential } from "./microcredential.ts";
export { issueBatch, type RandomSource, sealBatch, type SealedBatch } from "./batch.ts";
export {
  ANCHOR_FORMAT,
  ANCHOR_PROOF_TYPE,
  type AnchorProof,
  type BatchManifest,
  parseBatchManifest,
  splitAnchor,
  type VerificationKey,
} from "./proof.ts";
export { redactCredential } from "./commitment.ts";

// The issuer's signature and identity
export { type DataIntegritySigner, offlineDocumentLoader, signWithDataIntegrity } from "./data-integrity.ts";
export { preloadDataIntegrity } from "./data-integrity-proofs.ts";
export { createEddsaRdfc2022Signer } from "./data-integrity-sign.ts";
export { verificationMethodIdFor } from "./did.ts";
export { didKeyFromMultibase, parseDidKey } from "./did-key.ts";
export { buildDidWebDocument, type DidWebKey, didWebKeysOf, parseDidWeb, rotateDidWebKeys } from "./did-web.ts";
export { type DidDocument, parseDidDocument } from "./did-document.ts";
export { ed25519PublicKeyFromMultibase } from "./multikey.ts";

// Verification
export {
  type CheckResult,
  CHECKS,
  type CredentialReference,
  referenceOf,
  type RegistryAccess,
  type TrustedRegistry,
  type VerificationResult,
  type VerifyInput,
} from "./verification.ts";
export { checkLocally } from "./local-checks.ts";
export { finishVerification, verifyCredential, verifyCredentials } from "./verify.ts";
export { statusOnlyMessage, type Verdict, verdictMessage } from "./verdict.ts";
export { type Language, type ReasonCode, reasonMessage } from "./reasons.ts";
export {
  compareReceipt,
  createReceipt,
  MAX_RECEIPT_BYTES,
  parseReceipt,
  receiptInput,
  receiptText,
} from "./receipt.ts";

// Registries: sources, standing, status lists, logs
export {
  type BlockTag,
  type RegistryEndpoints,
  type RegistryRead,
  registrySources,
  type SourceReport,
} from "./sources.ts";
export { type BatchState, batchState, readBatchStanding } from "./batch-standing.ts";
export {
  type BatchRevocations,
  revocationEntryOf,
  statusListCredential,
  statusListFileName,
  type StatusListOptions,
  withStatusListEntry,
} from "./status-list.ts";
export { getContractEventsPaged, isLogRangeRefusal } from "./logs.ts";

// The registry's vocabulary and errors
export {
  type ChainStatus,
  countryBytes,
  countryOf,
  INSTITUTION_STATUS,
  INSTITUTION_STATUS_LABELS,
  type InstitutionStatus,
  institutionStatusWord,
  MAX_NAME_LENGTH,
  MAX_URI_LENGTH,
  reasonCode,
  reasonLabel,
  reasonName,
  REVOCATION_REASON_LABELS,
  REVOCATION_REASONS,
} from "./registry.ts";
export {
  type ExplainedErrorName,
  REGISTRY_ERROR_MESSAGES,
  registryErrorClause,
  registryErrorOf,
} from "./registry-errors.ts";
export {
  codePointLabel,
  isIssuerId,
  type IssuerIdProblem,
  issuerIdProblem,
  type TextProblem,
  textProblem,
} from "./registry-text.ts";
export { AcreditaError, CodedError, isAcreditaError } from "./errors.ts";
export { credentialRegistryAbi } from "./generated/abi.ts";

// Links and display
export {
  decodeVerificationLink,
  DEFAULT_MAX_LINK_LENGTH,
  encodeLinkFragment,
  encodeVerificationLink,
  LINK_VERSION,
} from "./link.ts";
export { encodePaperFragment, encodePaperLink, PAPER_LINK_PREFIX } from "./paper-link.ts";
export {
  type CredentialView,
  credentialView,
  type EndorsementView,
  type IdentifierView,
  parseDate,
  uncheckedStatusEntries,
} from "./credential-view.ts";
export { displayText } from "./display-values.ts";
export { IDENTITY_TYPES, type VocabularyValue } from "./ob3-vocabulary.ts";
export type { AlignmentView, ResultView } from "./result-view.ts";
export { safeHttpsUrl, type SafeImage, safeImage, safeMarkdownUrl } from "./safe-url.ts";
export { enableFastHashing } from "./hash.ts";
