/**
 * The sources the commands that verify (`acredita verify`, `acredita status`) read a registry through: the
 * network's RPC URL first, then every `--source` URL (each an independent endpoint of the same chain), with
 * `--quorum` and `--block`. On the local network, when the command follows the running `npm start` (its
 * `stack.json`) and no --source is given, they are the endpoints that stack recorded: the chain and its second
 * endpoint, with its quorum and block tag. Core reads them all at one block and decides (core/sources.ts); this
 * file only turns options into configuration.
 */
import {
  type BlockTag,
  type RegistryAccess,
  type RegistryEndpoints,
  registrySources,
  type TrustedRegistry,
} from "../../core/index.ts";
import { CliError } from "./cli-error.ts";
import { type ChainOptions, isLoopback, positiveInteger, rpcClient, type Target } from "./network.ts";
import { endpointName } from "./rpc.ts";

/** The options of the commands that verify. */
export interface SourceOptions extends ChainOptions {
  source?: string[];
  quorum?: string;
  block?: string;
}

const TAGS: readonly BlockTag[] = ["safe", "finalized", "latest"];

/** The sources the running `npm start` recorded, when the command follows it (lib/stack-record.ts). */
function recorded(target: Target): RegistryEndpoints | undefined {
  const stack = target.stack;
  if (stack === undefined || stack.rpcUrls[0] !== target.rpcUrl) return undefined;
  return {
    rpcUrls: stack.rpcUrls,
    ...(typeof stack.quorum === "number" ? { quorum: stack.quorum } : {}),
    ...(stack.blockTag !== undefined && TAGS.includes(stack.blockTag) ? { blockTag: stack.blockTag } : {}),
  };
}

/**
 * The registry endpoints of the target's chain: its URL, then the --source URLs (or the followed local stack's
 * recorded ones); the quorum (--quorum, default 2 with two or more) and the block tag (--block; default "latest" on the
 * local chain, whose simulated `safe` block lags 32 blocks behind, "safe" elsewhere).
 */
export function endpointsFor(target: Target, options: SourceOptions): RegistryEndpoints & { rpcUrls: string[] } {
  const extra = options.source ?? [];
  const saved = extra.length === 0 ? recorded(target) : undefined;
  const rpcUrls = saved?.rpcUrls !== undefined ? [...saved.rpcUrls] : [target.rpcUrl, ...extra];
  for (const url of rpcUrls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new CliError(`--source takes an http(s) URL, not "${url}"`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new CliError(`--source takes an http(s) URL, not "${endpointName(url)}"`);
    }
    if (target.isLocal && !isLoopback(url)) {
      throw new CliError(`the local network's sources must be on this machine, not ${endpointName(url)}`);
    }
  }
  if (new Set(rpcUrls).size !== rpcUrls.length) {
    throw new CliError("a source is listed twice: each --source must be another endpoint");
  }
  const quorum =
    options.quorum === undefined
      ? (saved?.quorum ?? (rpcUrls.length >= 2 ? 2 : 1))
      : positiveInteger(options.quorum, "--quorum");
  if (quorum < 1 || quorum > rpcUrls.length) {
    throw new CliError(
      `--quorum must be between 1 and the number of sources (${String(rpcUrls.length)}), not ${String(quorum)}`,
      { hint: "Add endpoints with --source <url>." },
    );
  }
  const block = options.block ?? saved?.blockTag ?? (target.isLocal ? "latest" : "safe");
  if (!TAGS.includes(block as BlockTag))
    throw new CliError(`--block must be safe, finalized or latest, not "${block}"`);
  return { rpcUrls, quorum, blockTag: block as BlockTag };
}

/** The trusted registry on the target's chain, with its endpoints. */
export function trustedOn(
  target: Target,
  options: SourceOptions,
  registry: Pick<TrustedRegistry, "address" | "name">,
): TrustedRegistry {
  return { chainId: target.chainId, ...registry, ...endpointsFor(target, options) };
}

/**
 * Core's access to the registries' sources: the target's own client for its URL (already checked to be on the
 * chain), a client with the same timeout and retries for every other one.
 */
export function sourceAccess(target: Target, options: SourceOptions): RegistryAccess {
  return registrySources((url) => (url === target.rpcUrl ? target.client : rpcClient(url, options, target.isLocal)));
}
