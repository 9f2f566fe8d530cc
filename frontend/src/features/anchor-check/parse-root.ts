import type { Hex } from "viem";

export type RootProblem = "empty" | "not-hex" | "wrong-length";

export type ParsedRoot = { ok: true; root: Hex } | { ok: false; problem: RootProblem };

/** Reads a pasted batch root: 32 bytes as 64 hex digits, with or without `0x`, surrounding spaces ignored. */
export function parseRoot(input: string): ParsedRoot {
  const text = input.trim();
  if (text === "") return { ok: false, problem: "empty" };
  const digits = text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : text;
  if (!/^[0-9a-fA-F]*$/.test(digits)) return { ok: false, problem: "not-hex" };
  if (digits.length !== 64) return { ok: false, problem: "wrong-length" };
  return { ok: true, root: `0x${digits.toLowerCase()}` };
}

export const rootProblemMessages: Record<RootProblem, string> = {
  empty: "Paste a batch root first.",
  "not-hex": "A root is written in hexadecimal: only 0–9 and a–f, optionally after 0x.",
  "wrong-length": "A root is 32 bytes: 64 hexadecimal digits after 0x.",
};
