import { createClient, fallback, http, type Client, type PublicClient, type Transport } from "viem";
import { getChainId, readContract } from "viem/actions";
import { registrySources } from "@acredita/core";
import type { TrustedRegistry } from "./env.ts";

/** How long one RPC request may take before the verdict becomes "could not check". */
export const RPC_TIMEOUT_MS = 6_000;

/** The transport to a registry's chain: its configured RPC URLs only, in order, no retries. */
export function registryTransport(registry: Pick<TrustedRegistry, "rpcUrls">): Transport {
  const transports = registry.rpcUrls.map((url) => http(url, { retryCount: 0, timeout: RPC_TIMEOUT_MS }));
  const [only] = transports;
  return transports.length === 1 && only !== undefined ? only : fallback(transports, { retryCount: 0 });
}

/**
 * The sources core's verification engine reads a registry through: one client per configured RPC URL (made once
 * per URL), each its own source — every one is asked, at the same block, and `quorum` of them must answer alike
 * (core/sources.ts). A client deliberately has no `chain`, so the engine asks each node for its chain id (one
 * cached `eth_chainId`) and a node on another chain does not count. Only what the engine uses is attached
 * (`request`, `readContract`, `getChainId`), imported one by one from `viem/actions` so the bundle does not carry
 * every public action.
 */
export const verificationSources = registrySources((url) => {
  const base: Client = createClient({ transport: http(url, { retryCount: 0, timeout: RPC_TIMEOUT_MS }) });
  const actions = {
    readContract: (args: Parameters<typeof readContract>[1]) => readContract(base, args),
    getChainId: () => getChainId(base),
  };
  return { ...base, ...actions } as unknown as PublicClient;
});

const clients = new Map<string, PublicClient>();

/**
 * A client of a registry's endpoints in order (a fallback, no quorum), for the lookups around a verdict (a batch
 * root's anchoring, the status box): `readContract`, `getChainId` and the client's own `request`.
 */
export function verificationClient(registry: TrustedRegistry): PublicClient {
  const key = registry.rpcUrls.join(" ");
  let client = clients.get(key);
  if (client === undefined) {
    const base: Client = createClient({ transport: registryTransport(registry) });
    const actions = {
      readContract: (args: Parameters<typeof readContract>[1]) => readContract(base, args),
      getChainId: () => getChainId(base),
    };
    client = { ...base, ...actions } as unknown as PublicClient;
    clients.set(key, client);
  }
  return client;
}
