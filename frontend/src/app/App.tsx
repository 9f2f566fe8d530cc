import type { TrustedRegistry } from "../config/env.ts";
import { AnchorCheck } from "../features/anchor-check/AnchorCheck.tsx";

export function App({ registries }: { registries: readonly TrustedRegistry[] }) {
  return (
    <main>
      <h1>Acredita</h1>
      <p>Verify microcredentials anchored on a public ledger.</p>
      {registries.map((registry) => (
        <AnchorCheck key={`${registry.chainId}:${registry.address}`} registry={registry} />
      ))}
    </main>
  );
}
