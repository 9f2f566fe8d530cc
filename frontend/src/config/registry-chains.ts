import { defineChain, type Chain } from "viem";
import type { TrustedRegistry } from "./env.ts";

/** A configured chain with the first trusted registry that named it (whose RPC URLs reach it). */
export interface RegistryChain {
  chain: Chain;
  registry: TrustedRegistry;
}

/** One viem chain per distinct chain id among the trusted registries, reached only through their RPC URLs. */
export function registryChains(registries: readonly TrustedRegistry[]): RegistryChain[] {
  const chains = new Map<number, RegistryChain>();
  for (const registry of registries) {
    if (chains.has(registry.chainId)) continue;
    chains.set(registry.chainId, {
      registry,
      chain: defineChain({
        id: registry.chainId,
        name: registry.name,
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: registry.rpcUrls } },
        ...(registry.explorerUrl === undefined
          ? {}
          : { blockExplorers: { default: { name: "Explorer", url: registry.explorerUrl } } }),
      }),
    });
  }
  return [...chains.values()];
}
