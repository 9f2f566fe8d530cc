import { useQuery } from "@tanstack/react-query";
import { credentialRegistryAbi } from "@acredita/core";
import { readContract } from "viem/actions";
import { useClient } from "wagmi";
import type { TrustedRegistry } from "../../config/env.ts";
import {
  identityVersions,
  institutionBatches,
  institutionHistory,
  readInstitution,
  type InstitutionRecord,
} from "../../lib/chain-history.ts";

function useRegistryClient(registry: TrustedRegistry) {
  const client = useClient({ chainId: registry.chainId });
  if (client === undefined) throw new Error(`no client for chain ${registry.chainId}`);
  return client;
}

/** Every institution the registry ever admitted, with its current status. */
export function useInstitutions(registry: TrustedRegistry) {
  const client = useRegistryClient(registry);
  return useQuery({
    queryKey: ["institutions", registry.chainId, registry.address],
    retry: false,
    queryFn: async () => {
      const count = await readContract(client, {
        address: registry.address,
        abi: credentialRegistryAbi,
        functionName: "institutionCount",
      });
      const ids = Array.from({ length: count }, (_, i) => i + 1);
      return Promise.all(ids.map((id) => readInstitution(client, registry, id)));
    },
  });
}

/** An institution's history, the versions of its issuer identity and its batches, read from the registry's events. */
export function useInstitutionDetail(registry: TrustedRegistry, institution: InstitutionRecord | undefined) {
  const client = useRegistryClient(registry);
  return useQuery({
    queryKey: ["institution", registry.chainId, registry.address, institution?.id],
    enabled: institution !== undefined,
    retry: false,
    queryFn: async () => {
      if (institution === undefined) throw new Error("no institution");
      const [history, batches] = await Promise.all([
        institutionHistory(client, registry, institution.id),
        institutionBatches(client, registry, institution),
      ]);
      return { history, identities: identityVersions(history), batches };
    },
  });
}
