/** Acredita's browser-safe core: one import for the CLI and the web app. */
export * from "./bytes.ts";
export * from "./canonical.ts";
export * from "./credential.ts";
export * from "./learners.ts";
export * from "./digest.ts";
export * from "./disclosure.ts";
export * from "./tree.ts";
export * from "./batch.ts";
export * from "./proof.ts";
export * from "./verify.ts";
export * from "./link.ts";
export * from "./errors.ts";
export * from "./reasons.ts";
export * from "./registry.ts";
export * from "./registry-text.ts";
export { enableFastHashing, disableFastHashing, keccak, keccakUtf8, sha256Utf8, sha256Utf8Hex } from "./hash.ts";
export * from "./logs.ts";
