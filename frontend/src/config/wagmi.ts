import { defineChain, type Chain } from "viem";
import { createConfig, http, type Config } from "wagmi";
import type { TrustedRegistry } from "./env.ts";

/** One wagmi chain per trusted registry's chain, reached only through the configured RPC URLs. */
export function createWagmiConfig(registries: readonly TrustedRegistry[]): Config {
  const chains = new Map<number, Chain>();
  for (const registry of registries) {
    if (chains.has(registry.chainId)) continue;
    chains.set(
      registry.chainId,
      defineChain({
        id: registry.chainId,
        name: registry.name,
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: registry.rpcUrls } },
      }),
    );
  }
  const [first, ...rest] = [...chains.values()];
  if (!first) throw new Error("no trusted registry configured");
  return createConfig({
    chains: [first, ...rest],
    transports: Object.fromEntries(
      [...chains.values()].map((chain) => [
        chain.id,
        http(chain.rpcUrls.default.http[0], { retryCount: 1, timeout: 10_000 }),
      ]),
    ),
  });
}
