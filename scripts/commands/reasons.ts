/** Revocation reason codes of the registry (ICredentialRegistry.sol), by name. */
import { CliError } from "../lib/cli-error.ts";

export const REVOCATION_REASONS: Record<string, number> = {
  unspecified: 0,
  "issued-in-error": 1,
  superseded: 2,
  misconduct: 3,
  "key-compromised": 4,
  "holder-request": 5,
  "institution-withdrawn": 6,
};

export function reasonName(code: number): string {
  return Object.entries(REVOCATION_REASONS).find(([, c]) => c === code)?.[0] ?? `code ${code}`;
}

export function parseReason(value: unknown): number {
  const text = String(value);
  if (/^\d+$/.test(text) && Number(text) <= 255) return Number(text);
  const code = REVOCATION_REASONS[text];
  if (code === undefined) {
    throw new CliError(
      `unknown reason "${text}"; use one of ${Object.keys(REVOCATION_REASONS).join(", ")} or a code 0-255`,
    );
  }
  return code;
}
