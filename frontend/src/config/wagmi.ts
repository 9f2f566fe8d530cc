import { createConfig, type Config } from "wagmi";
import type { TrustedRegistry } from "./env.ts";
import { registryTransport } from "./clients.ts";
import { registryChains } from "./registry-chains.ts";

/**
 * One wagmi chain per trusted registry's chain, reached only through the configured RPC URLs. The verifier
 * never connects a wallet: no connectors, and no injected-provider discovery.
 */
export function createWagmiConfig(registries: readonly TrustedRegistry[]): Config {
  const chains = registryChains(registries);
  const [first, ...rest] = chains.map((c) => c.chain);
  if (!first) throw new Error("no trusted registry configured");
  return createConfig({
    chains: [first, ...rest],
    connectors: [],
    multiInjectedProviderDiscovery: false,
    storage: null,
    transports: Object.fromEntries(chains.map(({ chain, registry }) => [chain.id, registryTransport(registry)])),
  });
}
