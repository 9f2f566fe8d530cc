/**
 * How a transaction pays for gas: EIP-1559 (a max fee and a priority fee, estimated from the latest block) or
 * legacy (one gas price, `eth_gasPrice`), and optionally a fixed price instead of an estimate: permissioned
 * networks such as Hyperledger Besu run with a zero gas price (and a zero base fee, or no base fee at all), where
 * the estimate would still ask for a priority fee the signing account may not hold.
 */
import { parseGwei, type PublicClient } from "viem";
import { CliError } from "./cli-error.ts";

export type TxType = "eip1559" | "legacy";

export interface FeeStrategy {
  /** undefined: EIP-1559 when the latest block has a base fee, legacy otherwise. */
  type: TxType | undefined;
  /** A fixed price in wei (legacy: the gas price; EIP-1559: both the max fee and the priority fee). */
  gasPrice: bigint | undefined;
}

export interface Fees {
  type: TxType;
  /** Legacy: the gas price. */
  maxFeePerGas: bigint;
  /** Legacy: the gas price again. */
  maxPriorityFeePerGas: bigint;
}

/** The strategy of `--tx-type` and `--gas-price <gwei>` (or a network config's `gasPrice`, in wei). */
export function feeStrategy(options: { txType?: string; gasPrice?: string }, configWei?: unknown): FeeStrategy {
  const type = options.txType;
  if (type !== undefined && type !== "eip1559" && type !== "legacy") {
    throw new CliError(`--tx-type must be eip1559 or legacy, not "${type}"`);
  }
  let gasPrice: bigint | undefined;
  if (options.gasPrice !== undefined) {
    const text = options.gasPrice;
    if (!/^\d+(\.\d{1,9})?$/.test(text)) {
      throw new CliError(`--gas-price must be a number of gwei (0 on a network without gas fees), not "${text}"`);
    }
    gasPrice = parseGwei(text);
  } else if (typeof configWei === "number" || typeof configWei === "bigint") {
    gasPrice = BigInt(configWei);
  }
  return { type, gasPrice };
}

/** The fees of a transaction sent now under `strategy`. */
export async function currentFees(client: PublicClient, strategy: FeeStrategy | undefined): Promise<Fees> {
  const type =
    strategy?.type ?? ((await client.getBlock({ blockTag: "latest" })).baseFeePerGas === null ? "legacy" : "eip1559");
  const fixed = strategy?.gasPrice;
  if (fixed !== undefined) return { type, maxFeePerGas: fixed, maxPriorityFeePerGas: fixed };
  if (type === "legacy") {
    const gasPrice = await client.getGasPrice();
    return { type, maxFeePerGas: gasPrice, maxPriorityFeePerGas: gasPrice };
  }
  const fees = await client.estimateFeesPerGas();
  return { type, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas };
}
