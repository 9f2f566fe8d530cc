/**
 * A failed call to the registry in plain words: its custom errors (decoded and worded in
 * `core/registry-errors.ts`, which carry their evidence: the key, the institution, the time) and the few viem
 * errors a transaction can meet.
 */
import { registryErrorClause, registryErrorOf } from "../../core/registry-errors.ts";
import { CliError, findCliError, messageOf } from "./cli-error.ts";
import { formatAmount, formatCost, type NativeCurrency } from "./costs.ts";

/** A CliError explaining why a call to the registry failed (`what` says what was being done). */
export function explainContractError(error: unknown, what: string): CliError {
  const known = findCliError(error);
  if (known !== undefined) return known;
  const revert = registryErrorOf(error);
  if (revert !== undefined) return new CliError(`${what} would fail: ${registryErrorClause(revert)}`);
  const text = messageOf(error);
  if (/insufficient funds/i.test(text)) return insufficientFunds(what);
  return new CliError(`${what} failed: ${text}`);
}

/** What the account holds against what the transaction may cost: gas × maximum fee, in the chain's currency. */
export interface Shortfall {
  account: string;
  balance: bigint;
  gas: bigint;
  maxFeePerGas: bigint;
  currency: NativeCurrency;
}

/**
 * "insufficient funds for anchoring the batch: 0x… holds 0 ETH but anchoring the batch may cost up to 0.00012 ETH
 * (61,000 gas at 2.0 gwei max fee)"; without the figures (a node's own refusal), the sentence alone.
 */
export function insufficientFunds(what: string, shortfall?: Shortfall): CliError {
  const detail =
    shortfall === undefined
      ? ""
      : `: ${shortfall.account} holds ${formatAmount(shortfall.balance, shortfall.currency)} but ${what} may cost up to ${formatCost(shortfall.gas, shortfall.maxFeePerGas, shortfall.currency, "max fee")}`;
  return new CliError(`insufficient funds for ${what}${detail}`, {
    hint: "Send funds to the signing key's address and run the same command again.",
  });
}
