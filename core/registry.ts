/** Facts about the registry contract that the CLI and the web app share. */

/**
 * The function Acredita's tools anchor batches with: the registry's `anchorBatch`, under a selector that starts
 * with two zero bytes (`0x0000715a`). Same arguments, checks, storage and event as `anchorBatch`; it costs less
 * because zero calldata bytes are cheaper and the contract's dispatcher tests it first (see
 * `ICredentialRegistry.anchorBatch_efficient_qXe`).
 */
export const ANCHOR_FUNCTION = "anchorBatch_efficient_qXe" as const;
