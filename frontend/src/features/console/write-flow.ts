/**
 * One write to the registry, in the order the console shows it: estimate (what it will cost, or why the contract
 * will refuse it), the wallet prompt, the pending transaction, the outcome. Errors become data (a contract error's
 * name and arguments, a rejection in the wallet) that the UI turns into a sentence.
 */
import { credentialRegistryAbi } from "@acredita/core/generated/abi.ts";
import { registryErrorOf } from "@acredita/core/registry-errors.ts";
import {
  type Abi,
  BaseError,
  encodeFunctionData,
  type Address,
  type Client,
  type Hex,
  UserRejectedRequestError,
} from "viem";
import { estimateGas, getGasPrice, sendTransaction, waitForTransactionReceipt } from "viem/actions";

export interface WriteRequest {
  registry: Address;
  functionName: string;
  args: readonly unknown[];
}

export type WriteFailure =
  | { kind: "rejected" }
  | { kind: "contract"; errorName: string; args: readonly unknown[] }
  | { kind: "reverted"; hash: Hex }
  | { kind: "other"; message: string };

export function encodeWrite(request: WriteRequest): Hex {
  // Widened to `Abi`: the console builds requests at run time, and the ABI still checks name and arguments.
  const abi: Abi = credentialRegistryAbi;
  return encodeFunctionData({
    abi,
    functionName: request.functionName,
    args: request.args,
  });
}

/** A viem error as data: a rejection in the wallet, or the registry's custom error (decoded by core), or a message. */
export function describeFailure(error: unknown): WriteFailure {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError) !== null) return { kind: "rejected" };
    const revert = registryErrorOf(error);
    if (revert !== undefined) return { kind: "contract", errorName: revert.name, args: revert.args };
    return { kind: "other", message: error.shortMessage };
  }
  return { kind: "other", message: error instanceof Error ? error.message : String(error) };
}

export interface Estimate {
  gas: bigint;
  gasPrice: bigint;
  /** gas × gas price, in wei. */
  cost: bigint;
}

/** What the write would cost from `account`, or (thrown) why the contract would refuse it. */
export async function estimateWrite(client: Client, account: Address, request: WriteRequest): Promise<Estimate> {
  const [gas, gasPrice] = await Promise.all([
    estimateGas(client, { account, to: request.registry, data: encodeWrite(request) }),
    getGasPrice(client),
  ]);
  return { gas, gasPrice, cost: gas * gasPrice };
}

/** Sends through the wallet (`wallet` is the connector's client) and waits for the receipt on `reader`. */
export async function sendWrite(
  wallet: Client,
  reader: Client,
  account: Address,
  request: WriteRequest,
  gas: bigint,
  onSent: (hash: Hex) => void,
): Promise<Hex> {
  const hash = await sendTransaction(wallet, {
    account,
    chain: wallet.chain ?? null,
    to: request.registry,
    data: encodeWrite(request),
    // A margin over the estimate: state may move between the estimate and inclusion.
    gas: (gas * 12n) / 10n,
  });
  onSent(hash);
  const receipt = await waitForTransactionReceipt(reader, { hash, pollingInterval: 250 });
  if (receipt.status !== "success") throw Object.assign(new Error("reverted"), { revertedHash: hash });
  return hash;
}
