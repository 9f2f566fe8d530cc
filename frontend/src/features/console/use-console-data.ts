import { credentialRegistryAbi, getContractEventsPaged } from "@acredita/core";
import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Address, Client } from "viem";
import { getBlockNumber, readContract } from "viem/actions";
import { useClient } from "wagmi";
import type { TrustedRegistry } from "../../config/env.ts";
import { institutionBatches, readInstitution } from "../../lib/chain-history.ts";

const ZERO = `0x${"00".repeat(32)}` as const;

export function useRegistryReader(registry: TrustedRegistry): Client {
  const client = useClient({ chainId: registry.chainId });
  if (client === undefined) throw new Error(`no client for chain ${String(registry.chainId)}`);
  return client;
}

export interface Roles {
  admin: boolean;
  registrar: boolean;
  /** The institution whose active signing key the account is (0: none). */
  institutionId: number;
  keyActive: boolean;
  pendingAdmin: Address;
  pendingAdminSchedule: number;
}

/** After a write: reads everything the console shows again. */
export function useRefresh(): () => void {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries();
  };
}

/** Which roles `account` holds on the registry: DEFAULT_ADMIN_ROLE, REGISTRAR_ROLE, an institution's signing key. */
export function useRoles(registry: TrustedRegistry, account: Address | undefined) {
  const client = useRegistryReader(registry);
  return useQuery({
    queryKey: ["roles", registry.chainId, registry.address, account],
    queryFn:
      account === undefined
        ? skipToken
        : async (): Promise<Roles> => {
            const read = { address: registry.address, abi: credentialRegistryAbi } as const;
            const registrarRole = await readContract(client, { ...read, functionName: "REGISTRAR_ROLE" });
            const [admin, registrar, key, pending] = await Promise.all([
              readContract(client, { ...read, functionName: "hasRole", args: [ZERO, account] }),
              readContract(client, { ...read, functionName: "hasRole", args: [registrarRole, account] }),
              readContract(client, { ...read, functionName: "getSigningKey", args: [account] }),
              readContract(client, { ...read, functionName: "pendingDefaultAdmin" }),
            ]);
            return {
              admin,
              registrar,
              institutionId: key.institutionId,
              keyActive: key.institutionId !== 0 && key.removedAt === 0,
              pendingAdmin: pending[0],
              pendingAdminSchedule: pending[1],
            };
          },
  });
}

export interface KeyRow {
  address: Address;
  addedAt: number;
  removedAt: number;
  compromisedFrom: number;
}

/** Every institution with its signing keys. */
export function useInstitutionsWithKeys(registry: TrustedRegistry) {
  const client = useRegistryReader(registry);
  return useQuery({
    queryKey: ["console-institutions", registry.chainId, registry.address],
    queryFn: async () => {
      const read = { address: registry.address, abi: credentialRegistryAbi } as const;
      const count = await readContract(client, { ...read, functionName: "institutionCount" });
      const ids = Array.from({ length: count }, (_, i) => i + 1);
      return Promise.all(
        ids.map(async (id) => {
          const [institution, addresses] = await Promise.all([
            readInstitution(client, registry, id),
            readContract(client, { ...read, functionName: "getSigningKeys", args: [id] }),
          ]);
          const keys = await Promise.all(
            addresses.map(async (address): Promise<KeyRow> => {
              const key = await readContract(client, { ...read, functionName: "getSigningKey", args: [address] });
              return { address, addedAt: key.addedAt, removedAt: key.removedAt, compromisedFrom: key.compromisedFrom };
            }),
          );
          return { institution, keys };
        }),
      );
    },
  });
}

/** One institution's profile, status and batches (from BatchAnchored events), with revocations. */
export function useInstitutionBatches(registry: TrustedRegistry, institutionId: number) {
  const client = useRegistryReader(registry);
  return useQuery({
    queryKey: ["console-batches", registry.chainId, registry.address, institutionId],
    queryFn: async () => {
      const institution = await readInstitution(client, registry, institutionId);
      const events = {
        address: registry.address,
        abi: credentialRegistryAbi,
        args: { institutionId },
        fromBlock: BigInt(registry.deploymentBlock ?? 0),
        toBlock: await getBlockNumber(client, { cacheTime: 0 }),
      } as const;
      const [batches, single, many, ranges] = await Promise.all([
        institutionBatches(client, registry, institution),
        getContractEventsPaged(client, { ...events, eventName: "CredentialRevoked" }),
        getContractEventsPaged(client, { ...events, eventName: "CredentialsRevoked" }),
        getContractEventsPaged(client, { ...events, eventName: "CredentialRangeRevoked" }),
      ]);
      const revoked = new Map<string, number>();
      const add = (root: string, n: number) => revoked.set(root, (revoked.get(root) ?? 0) + n);
      for (const e of single) add(e.args.root, 1);
      for (const e of many) add(e.args.root, e.args.indexes.length);
      for (const e of ranges) add(e.args.root, e.args.count);
      return {
        institution,
        batches: batches.map((b) => ({ ...b, revokedCredentials: revoked.get(b.root) ?? 0 })),
      };
    },
  });
}
