/**
 * The registry as the CLI uses it: typed reads, and calls that are simulated (errors decoded into words) before
 * they are sent through {@link sendOnce}.
 */
import {
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  encodeFunctionData,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import type { LocalAccount } from "viem/accounts";
import { credentialRegistryAbi } from "../../core/generated/abi.ts";
import { CliError } from "./cli-error.ts";
import { explainContractError } from "./contract-errors.ts";
import { type FeeStrategy, feeStrategy } from "./gas-price.ts";
import { type ChainOptions, positiveInteger, resolveRegistry, resolveTarget, type Target } from "./network.ts";
import { resolveSigner } from "./keys.ts";
import { sendOnce, type SendResult, type TxRecord } from "./tx-sender.ts";

export { credentialRegistryAbi };
type RegistryAbi = typeof credentialRegistryAbi;
/** The ABI without its literal types, for calls whose arguments are checked by the encoder at run time. */
const ABI: Abi = credentialRegistryAbi;
export type WriteName = ContractFunctionName<RegistryAbi, "nonpayable">;

/** A connected registry, with a signer when the command sends transactions. */
export interface Chain {
  target: Target;
  registry: Address;
  account: LocalAccount | undefined;
  confirmations: number;
  /** How its transactions pay for gas (--tx-type, --gas-price, or the network config's gasPrice). */
  fees: FeeStrategy;
}

/** Connects to the target network and its registry; resolves the signer when `signer` is set. */
export async function openChain(options: ChainOptions, signer: { defaultAccount: number } | undefined): Promise<Chain> {
  const target = await resolveTarget(options);
  const registry = await resolveRegistry(target, options.registry);
  const account = signer === undefined ? undefined : await resolveSigner(target, options, signer.defaultAccount);
  const confirmations =
    options.confirmations === undefined
      ? target.isLocal
        ? 1
        : 2
      : positiveInteger(options.confirmations, "--confirmations");
  if (confirmations < 1) throw new CliError("--confirmations must be at least 1");
  const network = target.hardhat?.userConfig.networks?.[target.name];
  const fees = feeStrategy(options, network !== undefined && "gasPrice" in network ? network.gasPrice : undefined);
  return { target, registry, account, confirmations, fees };
}

export function read<const N extends ContractFunctionName<RegistryAbi, "view" | "pure">>(
  chain: Chain,
  functionName: N,
  args: ContractFunctionArgs<RegistryAbi, "view" | "pure", N>,
) {
  const call: (parameters: object) => Promise<unknown> = (parameters) =>
    chain.target.client.readContract(parameters as Parameters<PublicClient["readContract"]>[0]);
  return call({ address: chain.registry, abi: credentialRegistryAbi, functionName, args }) as Promise<
    ContractFunctionReturnType<RegistryAbi, "view" | "pure", N>
  >;
}

/** eth_call of a write function from the signer, to learn (in words) whether it would fail. */
export async function simulate(
  chain: Chain,
  functionName: WriteName,
  args: readonly unknown[],
  what: string,
): Promise<Hex> {
  const account = requireSigner(chain);
  const data = encodeFunctionData({ abi: ABI, functionName, args });
  try {
    await chain.target.client.simulateContract({
      account: account.address,
      address: chain.registry,
      abi: ABI,
      functionName,
      args,
    });
  } catch (error) {
    throw explainContractError(error, what);
  }
  return data;
}

export function requireSigner(chain: Chain): LocalAccount {
  if (chain.account === undefined) throw new CliError("this command needs a signing key");
  return chain.account;
}

export interface WriteOptions {
  record?: TxRecord;
  persist?: () => void;
  isDone?: () => Promise<boolean>;
  bumpAfterMs?: number;
  waitTimeoutMs?: number;
  maxFeeCap?: bigint;
}

/** Simulates, then sends once (see tx-sender.ts); returns the receipt. */
export async function write(
  chain: Chain,
  functionName: WriteName,
  args: readonly unknown[],
  what: string,
  options: WriteOptions = {},
): Promise<SendResult> {
  const account = requireSigner(chain);
  const record = options.record ?? { attempts: [] };
  const data =
    record.attempts.length > 0
      ? encodeFunctionData({ abi: ABI, functionName, args })
      : await simulate(chain, functionName, args, what);
  return sendOnce({
    client: chain.target.client,
    account,
    chainId: chain.target.chainId,
    to: chain.registry,
    data,
    what,
    record,
    persist: options.persist ?? (() => undefined),
    isDone: options.isDone,
    confirmations: chain.confirmations,
    bumpAfterMs: options.bumpAfterMs ?? (chain.target.isLocal ? 5_000 : 90_000),
    waitTimeoutMs: options.waitTimeoutMs ?? (chain.target.isLocal ? 60_000 : 15 * 60_000),
    maxFeeCap: options.maxFeeCap,
    fees: chain.fees,
    pollMs: chain.target.isLocal ? 25 : 3_000,
  });
}

/** The events of `receipt` emitted by the registry, decoded. */
export async function registryEvents(chain: Chain, receipt: TransactionReceipt | undefined) {
  if (receipt === undefined) return [];
  const { parseEventLogs } = await import("viem");
  return parseEventLogs({
    abi: credentialRegistryAbi,
    logs: receipt.logs.filter((log) => log.address.toLowerCase() === chain.registry.toLowerCase()),
  });
}

/** The institution a signing key belongs to, checked to be able to anchor now. */
export async function institutionOfKey(chain: Chain, key: Address) {
  const record = await read(chain, "getSigningKey", [key]);
  if (record.institutionId === 0) {
    throw new CliError(`${key} is not a signing key of any institution in this registry`, {
      hint: "Ask the registrar to add it: npx acredita key add <institution-id> <address>",
    });
  }
  if (record.removedAt !== 0) {
    throw new CliError(`the signing key ${key} was removed at ${new Date(record.removedAt * 1000).toISOString()}`, {
      hint: "Use another active key of the institution (npx acredita key list <institution-id>).",
    });
  }
  const institution = await read(chain, "getInstitution", [record.institutionId]);
  return { institutionId: record.institutionId, institution };
}
