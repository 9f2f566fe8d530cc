import type { Hex } from "viem";

export type StatusInputProblem = "empty" | "not-hex" | "wrong-length";

export type ParsedStatusInput = { ok: true; value: Hex } | { ok: false; problem: StatusInputProblem };

/**
 * Reads the status-only box: a batch root, credential digest or leaf — 32 bytes as 64 hex digits, with or
 * without `0x`, surrounding spaces ignored.
 */
export function parseStatusInput(input: string): ParsedStatusInput {
  const text = input.trim();
  if (text === "") return { ok: false, problem: "empty" };
  const digits = text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : text;
  if (!/^[0-9a-fA-F]*$/.test(digits)) return { ok: false, problem: "not-hex" };
  if (digits.length !== 64) return { ok: false, problem: "wrong-length" };
  return { ok: true, value: `0x${digits.toLowerCase()}` };
}
