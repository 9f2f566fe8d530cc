import { credentialRegistryAbi } from "@acredita/core/generated/abi.ts";
import type { Hex } from "viem";
import { useReadContract } from "wagmi";
import type { TrustedRegistry } from "../../config/env.ts";

/** Asks the registry whether `root` is anchored; idle until a valid root is given. */
export function useAnchorStatus(registry: TrustedRegistry, root: Hex | undefined) {
  return useReadContract({
    abi: credentialRegistryAbi,
    address: registry.address,
    chainId: registry.chainId,
    functionName: "isAnchored",
    args: root === undefined ? undefined : [root],
    query: { enabled: root !== undefined, retry: false },
  });
}
