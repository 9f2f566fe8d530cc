import { useCallback, useRef, useState } from "react";
import type { Hex } from "viem";
import { verificationClient } from "../../config/clients.ts";
import type { TrustedRegistry } from "../../config/env.ts";
import type { BatchRecord } from "../../lib/chain-history.ts";

export type RegistryAnswer =
  { registry: TrustedRegistry; ok: true; batches: BatchRecord[] } | { registry: TrustedRegistry; ok: false };

export type RootLookupState =
  { phase: "idle" } | { phase: "checking"; value: Hex } | { phase: "done"; value: Hex; answers: RegistryAnswer[] };

/** Status only: which trusted registries have anchored a batch with this root (from their events), and its state. */
export function useRootLookup(registries: readonly TrustedRegistry[]) {
  const [state, setState] = useState<RootLookupState>({ phase: "idle" });
  const latest = useRef(0);
  const lookup = useCallback(
    async (value: Hex) => {
      const id = ++latest.current;
      setState({ phase: "checking", value });
      const { lookupRoot } = await import("../../lib/chain-history.ts");
      const answers = await Promise.all(
        registries.map(async (registry): Promise<RegistryAnswer> => {
          try {
            const client = verificationClient(registry);
            const chainId = await client.getChainId();
            if (chainId !== registry.chainId) return { registry, ok: false };
            return { registry, ok: true, batches: await lookupRoot(client, registry, value) };
          } catch {
            return { registry, ok: false };
          }
        }),
      );
      if (id === latest.current) setState({ phase: "done", value, answers });
    },
    [registries],
  );
  const reset = useCallback(() => {
    latest.current++;
    setState({ phase: "idle" });
  }, []);
  return { state, lookup, reset };
}
