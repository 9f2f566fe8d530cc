import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";

/** The chain id the RPC node itself reports (not the one we configured), so a wrong node shows up at once. */
export function useNodeChainId(chainId: number) {
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["node-chain-id", chainId],
    queryFn: () => {
      if (!client) throw new Error(`no client for chain ${chainId}`);
      return client.getChainId();
    },
    retry: false,
  });
}
