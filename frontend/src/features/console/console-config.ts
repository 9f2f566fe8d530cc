import type { Chain } from "viem";
import { createConfig, type Config, type CreateConnectorFn } from "wagmi";
import { injected } from "wagmi/connectors";
import { registryTransport } from "../../config/clients.ts";
import type { TrustedRegistry } from "../../config/env.ts";
import { registryChains } from "../../config/registry-chains.ts";

/**
 * The console's own wagmi configuration (the verifier's has no connectors): the injected wallet, plus every
 * wallet announced through EIP-6963 (`multiInjectedProviderDiscovery`). Reads still go only to the configured RPC
 * URLs, so the Content-Security-Policy is unchanged. `extraConnectors` and `extraChains` exist for the test build
 * only (see test-wallets.ts).
 */
export function createConsoleConfig(
  registries: readonly TrustedRegistry[],
  extra: { connectors?: CreateConnectorFn[]; chains?: Chain[] } = {},
): Config {
  const first = registries[0];
  const configured = registryChains(registries);
  const [head, ...rest] = [...configured.map((c) => c.chain), ...(extra.chains ?? [])];
  if (head === undefined || first === undefined) throw new Error("no trusted registry configured");
  return createConfig({
    chains: [head, ...rest],
    connectors: [injected(), ...(extra.connectors ?? [])],
    multiInjectedProviderDiscovery: true,
    storage: null,
    transports: Object.fromEntries([
      ...configured.map(({ chain, registry }) => [chain.id, registryTransport(registry)] as const),
      ...(extra.chains ?? []).map((chain) => [chain.id, registryTransport(first)] as const),
    ]),
  });
}
