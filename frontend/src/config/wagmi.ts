import { defineChain, type Chain } from "viem";
import { createConfig, type Config } from "wagmi";
import type { TrustedRegistry } from "./env.ts";
import { registryTransport } from "./clients.ts";

/**
 * One wagmi chain per trusted registry's chain, reached only through the configured RPC URLs. The verifier
 * never connects a wallet: no connectors, and no injected-provider discovery.
 */
export function createWagmiConfig(registries: readonly TrustedRegistry[]): Config {
  const chains = new Map<number, { chain: Chain; registry: TrustedRegistry }>();
  for (const registry of registries) {
    if (chains.has(registry.chainId)) continue;
    chains.set(registry.chainId, {
      registry,
      chain: defineChain({
        id: registry.chainId,
        name: registry.name,
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: registry.rpcUrls } },
      }),
    });
  }
  const [first, ...rest] = [...chains.values()].map((c) => c.chain);
  if (!first) throw new Error("no trusted registry configured");
  return createConfig({
    chains: [first, ...rest],
    connectors: [],
    multiInjectedProviderDiscovery: false,
    storage: null,
    transports: Object.fromEntries(
      [...chains.values()].map(({ chain, registry }) => [chain.id, registryTransport(registry)]),
    ),
  });
}
