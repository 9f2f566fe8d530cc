import type { Hex } from "viem";
import { verificationClient } from "../config/clients.ts";
import type { TrustedRegistry } from "../config/env.ts";
import { useAsync } from "./use-async.ts";

/** The block and transaction that anchored a batch (from its event), read after the verdict is on screen. */
export function useAnchoring(registry: TrustedRegistry | undefined, institutionId: number, root: Hex | undefined) {
  const key =
    registry === undefined || root === undefined
      ? undefined
      : `${registry.chainId}:${registry.address}:${institutionId}:${root}`;
  return useAsync(key, async () => {
    if (registry === undefined || root === undefined) return undefined;
    const { findAnchoring } = await import("./chain-history.ts");
    return findAnchoring(verificationClient(registry), registry, institutionId, root);
  });
}
