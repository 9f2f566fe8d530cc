/**
 * One write to the registry, in the order the console shows it: estimate (what it will cost, or why the contract
 * will refuse it), the wallet prompt, the pending transaction, the outcome. Errors become data (a contract error's
 * name and arguments, a rejection in the wallet) that the UI turns into a sentence.
 */
import { CodedError, credentialRegistryAbi, registryErrorOf } from "@acredita/core";
import {
  BaseError,
  encodeFunctionData,
  type Address,
  type Client,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  UserRejectedRequestError,
} from "viem";
import { estimateGas, getGasPrice, sendTransaction, waitForTransactionReceipt } from "viem/actions";

type RegistryAbi = typeof credentialRegistryAbi;

/** A function of the registry's ABI that changes state (a view function or a name it lacks is a compile error). */
export type RegistryWriteName = ContractFunctionName<RegistryAbi, "nonpayable">;

/** One registry write: a state-changing function and arguments of the types its ABI declares, checked together. */
export type RegistryWrite = {
  [N in RegistryWriteName]: { functionName: N; args: ContractFunctionArgs<RegistryAbi, "nonpayable", N> };
}[RegistryWriteName];

export type WriteFailure =
  | { kind: "rejected" }
  | { kind: "contract"; errorName: string; args: readonly unknown[] }
  | { kind: "reverted"; hash: Hex }
  | { kind: "other"; message: string };

/** Thrown when a write was mined but reverted (state moved between the estimate and inclusion). */
export class WriteRevertedError extends CodedError<"reverted"> {
  readonly hash: Hex;
  constructor(hash: Hex) {
    super("reverted", `transaction ${hash} reverted`, { hash });
    this.name = "WriteRevertedError";
    this.hash = hash;
  }
}

/** The calldata of `write` (its ABI types were checked at compile time; viem checks the values). */
export function encodeWrite(write: RegistryWrite): Hex {
  return encodeFunctionData({ abi: credentialRegistryAbi, functionName: write.functionName, args: write.args });
}

/**
 * A failure as data: a transaction that reverted, a rejection in the wallet, the registry's custom error (decoded
 * by core), or a message.
 */
export function describeFailure(error: unknown): WriteFailure {
  if (error instanceof WriteRevertedError) return { kind: "reverted", hash: error.hash };
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

/** What `write` to `registry` would cost from `account`, or (thrown) why the contract would refuse it. */
export async function estimateWrite(
  client: Client,
  account: Address,
  registry: Address,
  write: RegistryWrite,
): Promise<Estimate> {
  const [gas, gasPrice] = await Promise.all([
    estimateGas(client, { account, to: registry, data: encodeWrite(write) }),
    getGasPrice(client),
  ]);
  return { gas, gasPrice, cost: gas * gasPrice };
}

/**
 * Sends through the wallet (`wallet` is the connector's client) and waits for the receipt on `reader`; throws
 * {@link WriteRevertedError} when the transaction reverted.
 */
export async function sendWrite(
  wallet: Client,
  reader: Client,
  account: Address,
  registry: Address,
  write: RegistryWrite,
  gas: bigint,
  onSent: (hash: Hex) => void,
): Promise<Hex> {
  const hash = await sendTransaction(wallet, {
    account,
    chain: wallet.chain ?? null,
    to: registry,
    data: encodeWrite(write),
    // A margin over the estimate: state may move between the estimate and inclusion.
    gas: (gas * 12n) / 10n,
  });
  onSent(hash);
  const receipt = await waitForTransactionReceipt(reader, { hash, pollingInterval: 250 });
  if (receipt.status !== "success") throw new WriteRevertedError(hash);
  return hash;
}
