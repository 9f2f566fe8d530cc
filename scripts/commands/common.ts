/** Helpers shared by the command modules: sending a registry call and printing what it did. */
import type { TransactionReceipt } from "viem";
import { formatCost, type NativeCurrency, nativeCurrencyOf } from "../lib/costs.ts";
import type { ChainOptions } from "../lib/network.ts";
import { paint, print } from "../lib/output.ts";
import { type Chain, write, type WriteName } from "../lib/registry.ts";

export type CommandOptions = ChainOptions & Record<string, unknown>;

/** "tx 0x… in block 12, cost 0.000096 ETH (51,234 gas at 1.875 gwei)". */
export function describeReceipt(receipt: TransactionReceipt | undefined, currency: NativeCurrency): string {
  if (receipt === undefined) return "already on chain";
  return `tx ${receipt.transactionHash} in block ${receipt.blockNumber}, cost ${formatCost(receipt.gasUsed, receipt.effectiveGasPrice, currency)}`;
}

/** Sends a registrar/issuer call and prints one line about it; returns the receipt. */
export async function send(chain: Chain, functionName: WriteName, args: readonly unknown[], what: string) {
  const result = await write(chain, functionName, args, what);
  const currency = await nativeCurrencyOf(chain.target.chainId);
  print(`${paint("green", "✔")} ${what}: ${describeReceipt(result.receipt, currency)}`);
  return result.receipt;
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2));
}

/** An option's value as a string (commander gives strings; anything else becomes ""). */
export function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}
