/** Helpers shared by the command modules: sending a registry call and printing what it did. */
import { formatEther, type TransactionReceipt } from "viem";
import type { ChainOptions } from "../lib/network.ts";
import { paint, print } from "../lib/output.ts";
import { type Chain, write, type WriteName } from "../lib/registry.ts";

export type CommandOptions = ChainOptions & Record<string, unknown>;

/** "tx 0x… in block 12, 51,234 gas (0.0000512 native)". */
export function describeReceipt(receipt: TransactionReceipt | undefined): string {
  if (receipt === undefined) return "already on chain";
  const cost = receipt.gasUsed * receipt.effectiveGasPrice;
  return `tx ${receipt.transactionHash} in block ${receipt.blockNumber}, ${receipt.gasUsed.toLocaleString("en")} gas, cost ${formatEther(cost)}`;
}

/** Sends a registrar/issuer call and prints one line about it; returns the receipt. */
export async function send(chain: Chain, functionName: WriteName, args: readonly unknown[], what: string) {
  const result = await write(chain, functionName, args, what);
  print(`${paint("green", "✔")} ${what}: ${describeReceipt(result.receipt)}`);
  return result.receipt;
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2));
}

/** An option's value as a string (commander gives strings; anything else becomes ""). */
export function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}
