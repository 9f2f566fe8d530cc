/** The keccak machine's memory map: the first bytes of its linear memory, which it keeps for itself. */
/** Bytes at the start of memory the machine uses itself (round constants, padding block, node scratch). */
export const RESERVED_BYTES = 1024;
export const RC_ADDR = 0;
export const RATE = 136;
/** The memory the machine keeps for itself (below RESERVED_BYTES). */
export const PAD = [256, 392] as const;
export const ZERO_ADDR = 528;
export const NODE = [664, 736] as const;
