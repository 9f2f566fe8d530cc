/** Acredita's browser-safe core: one import for the CLI and the web app. */
export * from "./bytes.ts";
export * from "./canonical.ts";
export { escapePointerToken, FORBIDDEN_KEYS } from "./json-parser.ts";
export * from "./dates.ts";
export * from "./contexts.ts";
export * from "./credential.ts";
export * from "./course-template.ts";
export * from "./credential-file.ts";
export * from "./microcredential.ts";
export * from "./own-credential.ts";
export * from "./digest.ts";
export * from "./disclosure.ts";
export * from "./field-tree.ts";
export * from "./commitment.ts";
export * from "./data-integrity.ts";
export * from "./tree.ts";
export * from "./batch.ts";
export * from "./batch-standing.ts";
export * from "./proof.ts";
export * from "./verify.ts";
export * from "./status-list.ts";
export { crc32, gzipDeterministic, gunzipPrefix, GzipError } from "./gzip.ts";
export * from "./sources.ts";
export * from "./link.ts";
export * from "./paper-link.ts";
export * from "./base43.ts";
export * from "./receipt.ts";
export * from "./did.ts";
export * from "./did-document.ts";
export * from "./did-key.ts";
export * from "./did-web.ts";
export * from "./multikey.ts";
export * from "./errors.ts";
export * from "./reasons.ts";
export * from "./registry.ts";
export { credentialRegistryAbi } from "./generated/abi.ts";
export * from "./registry-errors.ts";
export * from "./registry-text.ts";
export { enableFastHashing, disableFastHashing, keccak, keccakUtf8, sha256Utf8, sha256Utf8Hex } from "./hash.ts";
export * from "./logs.ts";
export * from "./safe-url.ts";
export * from "./credential-view.ts";
export { displayText, type Markdown, VIEW_LIMITS } from "./display-values.ts";
export {
  ACHIEVEMENT_TYPES,
  type AchievementType,
  humanize,
  IDENTITY_TYPES,
  type IdentityType,
  RESULT_STATUSES,
  RESULT_TYPES,
  type ResultStatus,
  type ResultType,
  type VocabularyValue,
} from "./ob3-vocabulary.ts";
export type { AlignmentView, ResultDescriptionView, ResultView, RubricLevelView } from "./result-view.ts";
