/**
 * Reads the registry's history from its events (lazy-loaded: the first verdict never needs it). Used for the
 * anchoring details of a verdict, the status-only lookup of a batch root and the registry explorer.
 */
import { credentialRegistryAbi } from "@acredita/core/generated/abi.ts";
import { getContractEventsPaged } from "@acredita/core/logs.ts";
import { INSTITUTION_STATUS, type InstitutionStatus } from "@acredita/core/verify.ts";
import { hexToString, type Client, type Hex } from "viem";
import { getBlock, readContract } from "viem/actions";
import type { TrustedRegistry } from "../config/env.ts";

function fromBlock(registry: TrustedRegistry): bigint {
  return BigInt(registry.deploymentBlock ?? 0);
}

export interface Anchoring {
  blockNumber: bigint;
  transactionHash: Hex;
}

/** Where the batch `(institutionId, root)` was anchored: its block and transaction. */
export async function findAnchoring(
  client: Client,
  registry: TrustedRegistry,
  institutionId: number,
  root: Hex,
): Promise<Anchoring | undefined> {
  const events = await getContractEventsPaged(client, {
    address: registry.address,
    abi: credentialRegistryAbi,
    eventName: "BatchAnchored",
    args: { institutionId, root },
    fromBlock: fromBlock(registry),
  });
  const event = events[0];
  if (event === undefined) return undefined;
  return { blockNumber: event.blockNumber, transactionHash: event.transactionHash };
}

export interface InstitutionRecord {
  id: number;
  name: string;
  country: string;
  website: string;
  status: InstitutionStatus;
  admittedAt: number;
  statusChangedAt: number;
  signingKeyCount: number;
}

function country(hex: Hex): string {
  return hexToString(hex).replace(/\0/g, "");
}

export async function readInstitution(
  client: Client,
  registry: TrustedRegistry,
  id: number,
): Promise<InstitutionRecord> {
  const record = await readContract(client, {
    address: registry.address,
    abi: credentialRegistryAbi,
    functionName: "getInstitution",
    args: [id],
  });
  return {
    id,
    name: record.profile.name,
    country: country(record.profile.country),
    website: record.profile.website,
    status: INSTITUTION_STATUS[record.status] ?? "None",
    admittedAt: record.admittedAt,
    statusChangedAt: record.statusChangedAt,
    signingKeyCount: record.signingKeyCount,
  };
}

export interface BatchRecord {
  institution: InstitutionRecord;
  root: Hex;
  count: number;
  anchoredAt: number;
  revokedAt: number;
  revocationReason: number;
  blockNumber: bigint;
  transactionHash: Hex;
}

/** Every batch anchored with this root (by any institution), with its current state. */
export async function lookupRoot(client: Client, registry: TrustedRegistry, root: Hex): Promise<BatchRecord[]> {
  const events = await getContractEventsPaged(client, {
    address: registry.address,
    abi: credentialRegistryAbi,
    eventName: "BatchAnchored",
    args: { root },
    fromBlock: fromBlock(registry),
  });
  return Promise.all(events.map((event) => batchRecord(client, registry, event)));
}

/** The batches an institution anchored, newest first. */
export async function institutionBatches(
  client: Client,
  registry: TrustedRegistry,
  institution: InstitutionRecord,
): Promise<BatchRecord[]> {
  const events = await getContractEventsPaged(client, {
    address: registry.address,
    abi: credentialRegistryAbi,
    eventName: "BatchAnchored",
    args: { institutionId: institution.id },
    fromBlock: fromBlock(registry),
  });
  const records = await Promise.all(events.map((event) => batchRecord(client, registry, event, institution)));
  return records.reverse();
}

async function batchRecord(
  client: Client,
  registry: TrustedRegistry,
  event: { args: { institutionId: number; root: Hex }; blockNumber: bigint; transactionHash: Hex },
  known?: InstitutionRecord,
): Promise<BatchRecord> {
  const [batch, institution] = await Promise.all([
    readContract(client, {
      address: registry.address,
      abi: credentialRegistryAbi,
      functionName: "getBatch",
      args: [event.args.institutionId, event.args.root],
    }),
    known ?? readInstitution(client, registry, event.args.institutionId),
  ]);
  return {
    institution,
    root: event.args.root,
    count: batch.count,
    anchoredAt: batch.anchoredAt,
    revokedAt: batch.revokedAt,
    revocationReason: batch.revocationReason,
    blockNumber: event.blockNumber,
    transactionHash: event.transactionHash,
  };
}

export interface InstitutionEvent {
  kind:
    "admitted" | "updated" | "suspended" | "reinstated" | "withdrawn" | "key-added" | "key-removed" | "key-compromised";
  blockNumber: bigint;
  transactionHash: Hex;
  time?: number;
  detail?: string;
}

const HISTORY_EVENTS = {
  InstitutionAdmitted: "admitted",
  InstitutionUpdated: "updated",
  InstitutionSuspended: "suspended",
  InstitutionReinstated: "reinstated",
  InstitutionWithdrawn: "withdrawn",
  SigningKeyAdded: "key-added",
  SigningKeyRemoved: "key-removed",
  SigningKeyCompromised: "key-compromised",
} as const satisfies Record<string, InstitutionEvent["kind"]>;

/** An institution's history (admission, profile changes, status changes, keys), oldest first, with times. */
export async function institutionHistory(
  client: Client,
  registry: TrustedRegistry,
  institutionId: number,
): Promise<InstitutionEvent[]> {
  const events = await getContractEventsPaged(client, {
    address: registry.address,
    abi: credentialRegistryAbi,
    eventName: undefined,
    fromBlock: fromBlock(registry),
  });
  const mine = events.filter(
    (e) =>
      e.eventName in HISTORY_EVENTS &&
      typeof e.args === "object" &&
      "institutionId" in e.args &&
      e.args.institutionId === institutionId,
  );
  const times = new Map<bigint, number>();
  await Promise.all(
    [...new Set(mine.map((e) => e.blockNumber))].map(async (blockNumber) => {
      const block = await getBlock(client, { blockNumber });
      times.set(blockNumber, Number(block.timestamp));
    }),
  );
  return mine.map((e) => {
    const kind = HISTORY_EVENTS[e.eventName as keyof typeof HISTORY_EVENTS];
    const args = e.args as Record<string, unknown>;
    const detail =
      typeof args.signingKey === "string" ? args.signingKey : typeof args.name === "string" ? args.name : undefined;
    const out: InstitutionEvent = { kind, blockNumber: e.blockNumber, transactionHash: e.transactionHash };
    const time = times.get(e.blockNumber);
    if (time !== undefined) out.time = time;
    if (detail !== undefined) out.detail = detail;
    return out;
  });
}
