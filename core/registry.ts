/**
 * Facts about the registry contract that the CLI and the web app share: its limits, generated from the compiled
 * contract (`tools/generate-core.ts` reads them from the compiler's AST), never copied by hand.
 *
 * Batches are anchored with the registry's `anchorBatch` (or `anchorBatchWithMetadata`); there is no other entry
 * point.
 */
export {
  MAX_INDEXES_PER_CALL,
  MAX_KEYS_PER_INSTITUTION,
  MAX_NAME_LENGTH,
  MAX_PROOF_LENGTH,
  MAX_URI_LENGTH,
} from "./generated/constants.ts";
