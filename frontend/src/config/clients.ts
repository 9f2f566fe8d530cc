import { createClient, fallback, http, type Client, type PublicClient, type Transport } from "viem";
import { getChainId, readContract } from "viem/actions";
import type { TrustedRegistry } from "./env.ts";

/** How long one RPC request may take before the verdict becomes "could not check". */
export const RPC_TIMEOUT_MS = 6_000;

/** The transport to a registry's chain: its configured RPC URLs only, in order, no retries. */
export function registryTransport(registry: Pick<TrustedRegistry, "rpcUrls">): Transport {
  const transports = registry.rpcUrls.map((url) => http(url, { retryCount: 0, timeout: RPC_TIMEOUT_MS }));
  const [only] = transports;
  return transports.length === 1 && only !== undefined ? only : fallback(transports, { retryCount: 0 });
}

const clients = new Map<string, PublicClient>();

/**
 * The client core's verification engine reads the registry with. It deliberately has no `chain`, so the engine
 * asks the node for its chain id (one cached `eth_chainId`) and a node on another chain gives "could not check".
 * Only the two actions the engine uses are attached (`readContract`, `getChainId`), imported one by one from
 * `viem/actions` so the bundle does not carry every public action.
 */
export function verificationClient(registry: TrustedRegistry): PublicClient {
  const key = registry.rpcUrls.join(" ");
  let client = clients.get(key);
  if (client === undefined) {
    const base: Client = createClient({ transport: registryTransport(registry) });
    // The engine calls exactly these two methods of PublicClient (see core/verify.ts).
    const actions = {
      readContract: (args: Parameters<typeof readContract>[1]) => readContract(base, args),
      getChainId: () => getChainId(base),
    };
    client = { ...base, ...actions } as unknown as PublicClient;
    clients.set(key, client);
  }
  return client;
}
