/**
 * Where a verifier reads a registry: its **sources**, independent JSON-RPC endpoints of the registry's chain, each
 * asked the same question at the same block. This module holds the parts that do not depend on the registry's
 * answers: the configuration (endpoints, quorum, block tag), naming a source without leaking an API key, the chain
 * id each node reports (cached per client), the block a read is pinned to (cached per client for a short while, so
 * a verification costs one request per source once the chain id is known) and the comparison of two answers.
 * `registry-read.ts` runs the reads and `source-agreement.ts` decides; the CLI and the web app only say which
 * endpoints a registry has.
 *
 * The pinned block. Each source is asked for the block of the registry's tag — the chain's `safe` block by default
 * (or `finalized`, or `latest` minus `confirmations`); a node that does not know the tag answers for `latest` minus
 * `confirmations` instead. The read block is the **highest** block any source gave: every source is then read at
 * that number. A source that reports a stale height cannot take the others back to a state before a revocation; a
 * source that reports a block that does not exist makes the honest ones fail to read it, which fails closed.
 */
import type { PublicClient } from "viem";
import type { Hex } from "./bytes.ts";
import { AcreditaError } from "./errors.ts";
import type { ReasonCode } from "./reasons.ts";

/** The block a registry is read at: the chain's `safe` or `finalized` block, or its `latest` one. */
export type BlockTag = "safe" | "finalized" | "latest";

/** The chain-access part of a trusted registry's configuration. */
export interface RegistryEndpoints {
  /**
   * Independent JSON-RPC endpoints of the registry's chain (several operators: a node of your own, providers).
   * Every one is asked; see `quorum`.
   */
  rpcUrls?: readonly string[];
  /** One endpoint (the single-URL form; same as `rpcUrls: [rpcUrl]`). */
  rpcUrl?: string;
  /**
   * How many sources must answer — every answer must agree — for a verdict from the chain (default: 2 with two or
   * more sources, else 1). A source that answers differently always stops the verdict.
   */
  quorum?: number;
  /** The block read (default "safe"). */
  blockTag?: BlockTag;
  /**
   * Blocks below the latest to read at when the tag is "latest", or when a node does not know the "safe" or
   * "finalized" tag (default: 0 for "latest", {@link FALLBACK_CONFIRMATIONS} otherwise).
   */
  confirmations?: number;
}

/** One endpoint through which a registry is read. */
export interface RegistrySource {
  /** How results name it: the endpoint's origin, never its path or query (which often carry an API key). */
  name: string;
  client: PublicClient;
}

/** A block as a source reported it. */
export interface PinnedBlock {
  number: number;
  hash: Hex;
  /** Its timestamp (Unix seconds). */
  time: number;
}

/** What one source contributed to a verification. */
export interface SourceReport {
  name: string;
  /** The block this source gave for the tag (its view of the chain's height), when it answered that. */
  block?: number;
  /** Whether it answered the registry's question at the read block. */
  answered: boolean;
  /**
   * For a source that answered: what its answer says (the first failed check's reason, else STATUS_ACTIVE). For
   * one that did not: why (REGISTRY_CHAIN_UNKNOWN, REGISTRY_CHAIN_MISMATCH, ANCHOR_RPC_FAILED, …).
   */
  reason: ReasonCode;
  /** A failure's message (never a URL's path or query). */
  message?: string;
}

/** How the registry was read for a verification. */
export interface RegistryRead {
  /** The block every source was read at. */
  block: PinnedBlock;
  tag: BlockTag;
  /** How many sources had to answer, all agreeing. */
  quorum: number;
  /** Every source asked, in configuration order. */
  sources: SourceReport[];
}

/** Blocks below the latest read on a chain whose nodes know no `safe`/`finalized` tag (about two minutes on L1). */
export const FALLBACK_CONFIRMATIONS = 12;

/** How long a source's block for the tag is reused before the source is asked again (milliseconds). */
export const BLOCK_REFRESH_MS = 1_000;

/** A printable name for an endpoint: its origin (scheme, host, port), nothing that could be a secret. */
export function sourceName(url: string): string {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? "RPC endpoint" : origin;
  } catch {
    return "RPC endpoint";
  }
}

/** The endpoints a registry lists (`rpcUrls`, or the single `rpcUrl`). */
export function endpointsOf(registry: RegistryEndpoints): string[] {
  if (registry.rpcUrls !== undefined && registry.rpcUrls.length > 0) return [...registry.rpcUrls];
  return registry.rpcUrl === undefined ? [] : [registry.rpcUrl];
}

/** The quorum of a registry read through `count` sources (at least 1). */
export function quorumOf(registry: RegistryEndpoints, count: number): number {
  const quorum = registry.quorum ?? (count >= 2 ? 2 : 1);
  return Number.isSafeInteger(quorum) && quorum >= 1 ? quorum : 1;
}

/** The confirmations of a registry's reads when they fall back to, or are configured as, `latest`. */
export function confirmationsOf(registry: RegistryEndpoints): number {
  const fallback = (registry.blockTag ?? "safe") === "latest" ? 0 : FALLBACK_CONFIRMATIONS;
  const value = registry.confirmations ?? fallback;
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

/**
 * Sources for each registry from its configured endpoints: `connect` makes the client of one URL (with the
 * caller's transport: timeouts, retries), once per URL. Two endpoints with the same origin are told apart by a
 * number.
 */
export function registrySources(
  connect: (url: string) => PublicClient,
): (registry: RegistryEndpoints) => RegistrySource[] {
  const clients = new Map<string, PublicClient>();
  return (registry) => {
    const seen = new Map<string, number>();
    return endpointsOf(registry).map((url) => {
      let client = clients.get(url);
      if (client === undefined) {
        client = connect(url);
        clients.set(url, client);
      }
      const base = sourceName(url);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { name: n === 1 ? base : `${base} (${String(n)})`, client };
    });
  };
}

/** A client alone is one source, named by its transport's URL when it has one. */
export function clientSource(client: PublicClient): RegistrySource {
  const url = (client.transport as { url?: unknown } | undefined)?.url;
  return { name: typeof url === "string" ? sourceName(url) : "RPC endpoint", client };
}

const chainIds = new WeakMap<object, Promise<number>>();

/**
 * The chain id the node itself reports (one `eth_chainId`, cached per client). Never `client.chain.id`: that is
 * what the caller configured, and a node on another chain answering at the same URL must not pass as the right one.
 */
export async function chainIdOf(client: PublicClient): Promise<number> {
  let pending = chainIds.get(client);
  if (pending === undefined) {
    pending = client.getChainId();
    chainIds.set(client, pending);
    pending.catch(() => chainIds.delete(client));
  }
  return pending;
}

/** Errors that are a node's JSON-RPC answer (it refused the request), rather than no answer at all. */
const NO_ANSWER = new Set(["HttpRequestError", "TimeoutError", "WebSocketRequestError", "SocketClosedError"]);

function isRefusal(error: unknown): boolean {
  let refusal = false;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (NO_ANSWER.has(e.name)) return false;
    if (typeof (e as { code?: unknown }).code === "number") refusal = true;
  }
  return refusal;
}

function quantity(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{1,16}$/.test(value)) return undefined;
  const n = Number(BigInt(value));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `eth_getBlockByNumber(tag)`: the block, or undefined when the node has none for the tag (a null answer). */
async function blockAt(client: PublicClient, tag: string): Promise<PinnedBlock | undefined> {
  const raw = (await client.request({
    method: "eth_getBlockByNumber",
    params: [tag as "latest", false],
  })) as unknown;
  if (raw === null) return undefined;
  const block = raw as { number?: unknown; hash?: unknown; timestamp?: unknown };
  const number = quantity(block.number);
  const time = quantity(block.timestamp);
  if (
    number === undefined ||
    time === undefined ||
    typeof block.hash !== "string" ||
    !/^0x[0-9a-fA-F]{64}$/.test(block.hash)
  ) {
    throw new AcreditaError("ANCHOR_BAD_RESPONSE", `the node's block for "${tag}" is malformed`);
  }
  return { number, hash: block.hash.toLowerCase() as Hex, time };
}

async function fetchTagBlock(client: PublicClient, tag: BlockTag, confirmations: number): Promise<PinnedBlock> {
  if (tag !== "latest") {
    try {
      const block = await blockAt(client, tag);
      if (block !== undefined) return block;
    } catch (error) {
      // A node that refuses the tag (an older or a non-Ethereum chain) is read `confirmations` below its latest.
      if (!isRefusal(error)) throw error;
    }
  }
  const latest = await blockAt(client, "latest");
  if (latest === undefined) throw new AcreditaError("ANCHOR_BAD_RESPONSE", "the node has no latest block");
  if (confirmations === 0 || latest.number === 0) return latest;
  const pinned = await blockAt(client, `0x${Math.max(0, latest.number - confirmations).toString(16)}`);
  if (pinned === undefined) throw new AcreditaError("ANCHOR_BAD_RESPONSE", "the node lacks a block below its latest");
  return pinned;
}

const tagBlocks = new WeakMap<object, Map<string, { at: number; block: Promise<PinnedBlock> }>>();

/**
 * The block this source gives for `tag` (see the module comment), reused for `refreshMs` so that a run of
 * verifications costs one request each (the `eth_call`) once the chain id is known.
 */
export async function tagBlockOf(
  client: PublicClient,
  tag: BlockTag,
  confirmations: number,
  refreshMs: number = BLOCK_REFRESH_MS,
): Promise<PinnedBlock> {
  let perClient = tagBlocks.get(client);
  if (perClient === undefined) {
    perClient = new Map();
    tagBlocks.set(client, perClient);
  }
  const key = `${tag}-${String(confirmations)}`;
  const now = Date.now();
  const cached = perClient.get(key);
  if (cached !== undefined && now - cached.at < refreshMs) return cached.block;
  const block = fetchTagBlock(client, tag, confirmations);
  const entry = { at: now, block };
  perClient.set(key, entry);
  block.catch(() => {
    if (perClient.get(key) === entry) perClient.delete(key);
  });
  return block;
}

/** The fields in which two flat records (normalized registry answers) differ, in `a`'s key order. */
export function differingFields<T extends object>(a: T, b: T): (keyof T & string)[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter(
    (key) => (a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key],
  ) as (keyof T & string)[];
}
