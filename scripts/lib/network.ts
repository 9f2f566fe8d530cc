/**
 * Which chain a command talks to, and where its registry is.
 *
 * - `local` (the default) and `localhost`: the chain of `npm start` (anvil, chain id 31337) at --rpc-url,
 *   ACREDITA_RPC_URL, else where the running `npm start` recorded it (<state dir>/stack.json, whatever ports it
 *   chose), else http://127.0.0.1:8545; its registry is the one `npm start` recorded in the state dir.
 *   Hardhat is not loaded for it, which keeps local commands quick.
 * - any other name: a network of Hardhat's config (hardhat.config.ts, or --config). Its registry is the one
 *   Ignition recorded under ignition/deployments/chain-<id>/ (also generated into core/generated/deployments.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { join, resolve } from "node:path";
import { type Address, createPublicClient, getAddress, isAddress, type PublicClient } from "viem";
import { CliError, findCliError, messageOf } from "./cli-error.ts";
import { note } from "./output.ts";
import { endpointName, rpcTransport } from "./rpc.ts";
import { lookUpStack, type StackRecord, STACK_FILE } from "./stack-record.ts";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const LOCAL_CHAIN_ID = 31337;
const LOCAL_NAMES = new Set(["local", "localhost"]);

/** Options every chain command accepts (strings, as commander parses them). */
export interface ChainOptions {
  network: string;
  rpcUrl?: string;
  registry?: string;
  stateDir: string;
  config?: string;
  rpcTimeout: string;
  rpcRetries: string;
  account?: string;
  keystore?: string;
  passwordFile?: string;
  privateKey?: string;
  confirmations?: string;
  gasPrice?: string;
  txType?: string;
}

/** A Hardhat runtime, loaded only for networks from Hardhat's config. */
export interface LoadedHardhat {
  configPath: string;
  userConfig: import("hardhat/types/config").HardhatUserConfig;
  hre: import("hardhat/types/hre").HardhatRuntimeEnvironment;
}

export interface Target {
  name: string;
  /** The development chain: only there are development keys and raw private keys accepted. */
  isLocal: boolean;
  chainId: number;
  rpcUrl: string;
  client: PublicClient;
  hardhat: LoadedHardhat | undefined;
  stateDir: string;
  /** The running `npm start` this command uses (found through its record), if any. */
  stack: StackRecord | undefined;
}

export function positiveInteger(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new CliError(`${name} must be a whole number, not "${value}"`);
  return n;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== "";
}

export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
  } catch {
    return false;
  }
}

export async function loadHardhat(configOption: string | undefined): Promise<LoadedHardhat> {
  const configPath = resolve(configOption ?? process.env.ACREDITA_HARDHAT_CONFIG ?? join(ROOT, "hardhat.config.ts"));
  if (!existsSync(configPath)) throw new CliError(`the Hardhat config ${configPath} does not exist`);
  const { importUserConfig, createHardhatRuntimeEnvironment } = await import("hardhat/hre");
  try {
    const userConfig = await importUserConfig(configPath);
    const hre = await createHardhatRuntimeEnvironment(userConfig, { config: configPath }, ROOT);
    return { configPath, userConfig, hre };
  } catch (error) {
    throw new CliError(`cannot load the Hardhat config ${configPath}: ${messageOf(error)}`);
  }
}

/**
 * A client of one RPC endpoint with the command's --rpc-timeout and --rpc-retries (bounded retries with backoff,
 * each retry noted on stderr).
 */
export function rpcClient(
  rpcUrl: string,
  options: Pick<ChainOptions, "rpcTimeout" | "rpcRetries">,
  isLocal: boolean,
): PublicClient {
  const timeoutMs = positiveInteger(options.rpcTimeout, "--rpc-timeout") * 1000;
  const retries = positiveInteger(options.rpcRetries, "--rpc-retries");
  return createPublicClient({
    transport: rpcTransport({
      url: rpcUrl,
      timeoutMs,
      retries,
      baseDelayMs: 250,
      maxDelayMs: 4000,
      onRetry: ({ method, attempt, delayMs, problem }) => {
        note(
          `  ${endpointName(rpcUrl)} ${problem} (${method}); retry ${attempt}/${retries} in ${(delayMs / 1000).toFixed(1)} s`,
        );
      },
    }),
    pollingInterval: isLocal ? 50 : 2000,
  });
}

/** Connects to the network named in the options and checks that the node is on the expected chain. */
export async function resolveTarget(options: ChainOptions): Promise<Target> {
  const name = options.network;
  // Checked before anything is loaded or asked (the client is made with them below).
  positiveInteger(options.rpcTimeout, "--rpc-timeout");
  positiveInteger(options.rpcRetries, "--rpc-retries");
  const stateDir = resolve(options.stateDir);
  let rpcUrl: string;
  let expectedChainId: number | undefined;
  let hardhat: LoadedHardhat | undefined;
  let isLocal: boolean;
  let stack: StackRecord | undefined;
  if (LOCAL_NAMES.has(name)) {
    const named = options.rpcUrl ?? (nonEmpty(process.env.ACREDITA_RPC_URL) ? process.env.ACREDITA_RPC_URL : undefined);
    if (named !== undefined) rpcUrl = named;
    else {
      const found = lookUpStack(stateDir);
      if (found.state === "live") {
        stack = found.stack;
        rpcUrl = stack.rpcUrl;
        note(
          `Using the local stack started by npm start at ${endpointName(rpcUrl)} (registry ${stack.registry}, chain ${stack.chainId})`,
        );
      } else {
        rpcUrl = `http://127.0.0.1:${process.env.ACREDITA_RPC_PORT ?? "8545"}`;
        if (found.state === "stale") note(`Ignoring ${found.file}: ${found.reason}. Trying ${endpointName(rpcUrl)}.`);
      }
    }
    expectedChainId = stack?.chainId ?? LOCAL_CHAIN_ID;
    isLocal = true;
    if (!isLoopback(rpcUrl))
      throw new CliError(`the local network must be on this machine, not ${endpointName(rpcUrl)}`);
  } else {
    hardhat = await loadHardhat(options.config);
    const networks = hardhat.hre.config.networks;
    const config = networks[name];
    if (config === undefined) {
      const known = ["local (built in)", ...Object.keys(networks)].join(", ");
      throw new CliError(`unknown network "${name}"`, {
        hint: `Networks you can use: ${known}. Add others to networks in ${hardhat.configPath}.`,
      });
    }
    if (config.type !== "http") {
      throw new CliError(`network "${name}" is simulated in memory and forgets everything when the command ends`, {
        hint: "Use --network local (the chain of `npm start`) or an http network from your Hardhat config.",
      });
    }
    try {
      rpcUrl = options.rpcUrl ?? (await config.url.getUrl());
    } catch (error) {
      throw new CliError(`cannot read the URL of network "${name}": ${messageOf(error)}`);
    }
    expectedChainId = config.chainId;
    isLocal = false;
  }
  const client = rpcClient(rpcUrl, options, isLocal);
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (error) {
    const known = findCliError(error);
    // Only when nothing answers at all: a node that answers (HTTP 5xx, a timeout) is running, and the retry hint holds.
    const nothingThere = known !== undefined && /refused the connection|could not be reached/.test(known.message);
    if (known === undefined || !nothingThere || !isLocal || stack !== undefined) throw error;
    throw new CliError(known.message, {
      hint: `Is \`npm start\` running? No running stack is recorded in ${join(stateDir, STACK_FILE)}; start it (it records its ports there), or pass --rpc-url or --network <name>.`,
      exitCode: known.exitCode,
    });
  }
  if (expectedChainId !== undefined && chainId !== expectedChainId) {
    throw new CliError(
      `${endpointName(rpcUrl)} is on chain ${chainId}, but network "${name}" is chain ${expectedChainId}: refusing to continue`,
      { hint: "Check the network's URL (and chainId) in the Hardhat config, or --rpc-url." },
    );
  }
  return { name, isLocal, chainId, rpcUrl, client, hardhat, stateDir, stack };
}

function readAddress(file: string, key: string): Address | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const value = (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>)[key];
    return typeof value === "string" && isAddress(value) ? getAddress(value) : undefined;
  } catch {
    return undefined;
  }
}

/** Where Ignition records the registry of a chain. */
export function ignitionAddressesFile(chainId: number): string {
  return join(ROOT, "ignition", "deployments", `chain-${chainId}`, "deployed_addresses.json");
}

/** The registry of the target: --registry, else the local deployment record, else Ignition's record. */
export async function resolveRegistry(target: Target, option: string | undefined): Promise<Address> {
  let registry: Address | undefined;
  if (option !== undefined) {
    if (!isAddress(option)) throw new CliError(`--registry must be an address (0x + 40 hex digits), not "${option}"`);
    registry = getAddress(option);
  } else if (target.stack !== undefined && target.stack.chainId === target.chainId) {
    registry = getAddress(target.stack.registry);
  } else {
    if (target.isLocal) {
      const file = join(target.stateDir, "deployment.json");
      const recorded = readAddress(file, "registry");
      const chain = existsSync(file)
        ? (JSON.parse(readFileSync(file, "utf8")) as { chainId?: number }).chainId
        : undefined;
      if (recorded !== undefined && chain === target.chainId) registry = recorded;
    }
    registry ??= readAddress(ignitionAddressesFile(target.chainId), "CredentialRegistryModule#CredentialRegistry");
    if (registry === undefined) {
      throw new CliError(`no registry is known on chain ${target.chainId} (network "${target.name}")`, {
        hint: target.isLocal
          ? "Start the local chain with `npm start` (it deploys one), or pass --registry <address>."
          : `Deploy one with \`npx acredita deploy --network ${target.name}\`, or pass --registry <address>.`,
      });
    }
  }
  const code = await target.client.getCode({ address: registry });
  if (code === undefined || code === "0x") {
    throw new CliError(`there is no contract at ${registry} on chain ${target.chainId}`, {
      hint: target.isLocal
        ? "Was the local chain reset? Restart `npm start`, or pass --registry."
        : "Check --registry.",
    });
  }
  return registry;
}
