/**
 * A failed call to the registry in plain words: its custom errors (decoded and worded in
 * `core/registry-errors.ts`, which carry their evidence: the key, the institution, the time) and the few viem
 * errors a transaction can meet.
 */
import { formatEther } from "viem";
import { registryErrorClause, registryErrorOf } from "../../core/registry-errors.ts";
import { CliError, findCliError, messageOf } from "./cli-error.ts";

/** A CliError explaining why a call to the registry failed (`what` says what was being done). */
export function explainContractError(error: unknown, what: string): CliError {
  const known = findCliError(error);
  if (known !== undefined) return known;
  const revert = registryErrorOf(error);
  if (revert !== undefined) return new CliError(`${what} would fail: ${registryErrorClause(revert)}`);
  const text = messageOf(error);
  if (/insufficient funds/i.test(text)) return insufficientFunds(undefined, undefined, undefined, what);
  return new CliError(`${what} failed: ${text}`);
}

export function insufficientFunds(
  account: string | undefined,
  balance: bigint | undefined,
  needed: bigint | undefined,
  what: string,
): CliError {
  const detail =
    account !== undefined && balance !== undefined && needed !== undefined
      ? `: ${account} holds ${formatEther(balance)} but ${what} may cost up to ${formatEther(needed)} (gas × maximum fee, in the chain's native currency)`
      : "";
  return new CliError(`insufficient funds for ${what}${detail}`, {
    hint: "Send funds to the signing key's address and run the same command again.",
  });
}
