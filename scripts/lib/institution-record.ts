/**
 * Everything the registry holds about one institution, read at one block: its profile and status, its signing
 * keys with their windows, and its batches (from its `BatchAnchored` events) with their counts and revocations.
 * The reads of one kind go out together; the events come through core's paged log reader (five queries in all,
 * filtered by the institution, whatever the number of batches).
 */
import type { Address, Hex } from "viem";
import { getContractEventsPaged } from "../../core/index.ts";
import { CliError } from "./cli-error.ts";
import { countryOf, institutionStatusWord } from "../../core/registry.ts";
import { type Chain, credentialRegistryAbi } from "./registry.ts";

export type KeyState = "active" | "removed" | "compromised";

export interface KeyRecord {
  address: Address;
  keyId: number;
  state: KeyState;
  /** Unix seconds; 0 when not set. */
  addedAt: number;
  removedAt: number;
  compromisedFrom: number;
}

export interface BatchRecord {
  root: Hex;
  anchoredAt: number;
  /** The block of its `BatchAnchored` event. */
  block: bigint;
  transaction: Hex;
  signingKey: Address;
  count: number;
  identityVersion: number;
  /** Unix seconds when the whole batch was revoked (0: it was not), and why. */
  revokedAt: number;
  revocationReason: number;
  /** Distinct positions revoked one by one (all of them count once the batch is revoked). */
  revokedCredentials: number;
  /** What `anchorBatchWithMetadata` recorded, if it was used. */
  metadataURI: string | undefined;
}

export interface InstitutionRecord {
  id: number;
  block: bigint;
  name: string;
  issuerId: string;
  identityVersion: number;
  country: string;
  website: string;
  metadataURI: string;
  metadataHash: Hex;
  status: string;
  admittedAt: number;
  updatedAt: number;
  statusChangedAt: number;
  keys: KeyRecord[];
  batches: BatchRecord[];
}

export function keyState(key: { removedAt: number; compromisedFrom: number }): KeyState {
  return key.compromisedFrom !== 0 ? "compromised" : key.removedAt !== 0 ? "removed" : "active";
}

/** Reads institution `institutionId` at the chain's latest block (see the module comment). */
export async function readInstitutionRecord(chain: Chain, institutionId: number): Promise<InstitutionRecord> {
  const client = chain.target.client;
  const block = await client.getBlockNumber({ cacheTime: 0 });
  const base = { address: chain.registry, abi: credentialRegistryAbi, blockNumber: block } as const;
  const [institution, keyAddresses] = await Promise.all([
    client.readContract({ ...base, functionName: "getInstitution", args: [institutionId] }),
    client.readContract({ ...base, functionName: "getSigningKeys", args: [institutionId] }),
  ]);
  if (institution.status === 0) {
    throw new CliError(`there is no institution ${institutionId} in the registry ${chain.registry}`, {
      hint: "See the institutions it holds: npx acredita institution list",
    });
  }
  const filter = {
    address: chain.registry,
    abi: credentialRegistryAbi,
    args: { institutionId },
    fromBlock: 0n,
    toBlock: block,
  } as const;
  const [keys, anchored, metadata, one, list, range] = await Promise.all([
    Promise.all(
      keyAddresses.map(async (address) => {
        const key = await client.readContract({ ...base, functionName: "getSigningKey", args: [address] });
        return {
          address,
          keyId: key.keyId,
          state: keyState(key),
          addedAt: key.addedAt,
          removedAt: key.removedAt,
          compromisedFrom: key.compromisedFrom,
        };
      }),
    ),
    getContractEventsPaged(client, { ...filter, eventName: "BatchAnchored" }),
    getContractEventsPaged(client, { ...filter, eventName: "BatchMetadataPublished" }),
    getContractEventsPaged(client, { ...filter, eventName: "CredentialRevoked" }),
    getContractEventsPaged(client, { ...filter, eventName: "CredentialsRevoked" }),
    getContractEventsPaged(client, { ...filter, eventName: "CredentialRangeRevoked" }),
  ]);
  const revoked = new Map<string, Set<number>>();
  const positions = (root: Hex) => {
    const key = root.toLowerCase();
    let set = revoked.get(key);
    if (set === undefined) revoked.set(key, (set = new Set()));
    return set;
  };
  for (const log of one) positions(log.args.root).add(log.args.index);
  for (const log of list) for (const index of log.args.indexes) positions(log.args.root).add(index);
  for (const log of range)
    for (let i = 0; i < log.args.count; i++) positions(log.args.root).add(log.args.fromIndex + i);
  const uris = new Map(metadata.map((log) => [log.args.root.toLowerCase(), log.args.metadataURI]));
  const batches = await Promise.all(
    anchored.map(async (log) => {
      const batch = await client.readContract({
        ...base,
        functionName: "getBatch",
        args: [institutionId, log.args.root],
      });
      const key = log.args.root.toLowerCase();
      return {
        root: log.args.root,
        anchoredAt: batch.anchoredAt,
        block: log.blockNumber,
        transaction: log.transactionHash,
        signingKey: batch.signingKey,
        count: batch.count,
        identityVersion: batch.identityVersion,
        revokedAt: batch.revokedAt,
        revocationReason: batch.revocationReason,
        revokedCredentials: batch.revokedAt !== 0 ? batch.count : (revoked.get(key)?.size ?? 0),
        metadataURI: uris.get(key),
      };
    }),
  );
  return {
    id: institutionId,
    block,
    name: institution.profile.name,
    issuerId: institution.profile.issuerId,
    identityVersion: institution.identityVersion,
    country: countryOf(institution.profile.country),
    website: institution.profile.website,
    metadataURI: institution.profile.metadataURI,
    metadataHash: institution.profile.metadataHash,
    status: institutionStatusWord(institution.status) ?? "unknown",
    admittedAt: institution.admittedAt,
    updatedAt: institution.updatedAt,
    statusChangedAt: institution.statusChangedAt,
    keys,
    batches,
  };
}
