/**
 * Reads the registry's history from its events (lazy-loaded: the first verdict never needs it). Used for the
 * anchoring details of a verdict, the status-only lookup of a batch root and the registry explorer.
 */
import {
  batchState,
  type BatchState,
  readBatchStanding,
  credentialRegistryAbi,
  getContractEventsPaged,
  countryOf,
  INSTITUTION_STATUS,
  type InstitutionStatus,
} from "@acredita/core";
import type { Client, Hex } from "viem";
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
  /** The identifier its credentials carry as `issuer.id` (a DID or an https URL). */
  issuerId: string;
  country: string;
  website: string;
  status: InstitutionStatus;
  admittedAt: number;
  updatedAt: number;
  statusChangedAt: number;
  signingKeyCount: number;
  /** The version of its current issuer identity (name and issuer id): 1 at admission, one more per change. */
  identityVersion: number;
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
    issuerId: record.profile.issuerId,
    country: countryOf(record.profile.country),
    website: record.profile.website,
    status: INSTITUTION_STATUS[record.status] ?? "None",
    admittedAt: record.admittedAt,
    updatedAt: record.updatedAt,
    statusChangedAt: record.statusChangedAt,
    signingKeyCount: record.signingKeyCount,
    identityVersion: record.identityVersion,
  };
}

export interface BatchRecord {
  institution: InstitutionRecord;
  root: Hex;
  count: number;
  anchoredAt: number;
  /** The institution's issuer identity version when the batch was anchored (the identity its credentials carry). */
  identityVersion: number;
  revokedAt: number;
  revocationReason: number;
  /** The key that anchored it, and from when that key is compromised (0: it is not). */
  signingKey: Hex;
  keyCompromisedFrom: number;
  /** Not anchored, anchored by a key compromised by then (it does not verify), revoked, or active. */
  state: BatchState;
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
    // The batch with its key's standing: a batch anchored after its key's compromise does not verify.
    readBatchStanding(client, registry.address, event.args.institutionId, event.args.root),
    known ?? readInstitution(client, registry, event.args.institutionId),
  ]);
  return {
    institution,
    root: event.args.root,
    count: batch.count,
    anchoredAt: batch.anchoredAt,
    identityVersion: batch.identityVersion,
    revokedAt: batch.revokedAt,
    revocationReason: batch.revocationReason,
    signingKey: batch.signingKey,
    keyCompromisedFrom: batch.keyCompromisedFrom,
    state: batchState(batch),
    blockNumber: event.blockNumber,
    transactionHash: event.transactionHash,
  };
}

/** One version of an institution's issuer identity, with the texts its admission or update event recorded. */
export interface IssuerIdentity {
  version: number;
  name: string;
  issuerId: string;
}

export interface InstitutionEvent {
  kind:
    "admitted" | "updated" | "suspended" | "reinstated" | "withdrawn" | "key-added" | "key-removed" | "key-compromised";
  blockNumber: bigint;
  transactionHash: Hex;
  time?: number;
  /** The signing key a key event is about. */
  detail?: string;
  /** The issuer identity an admission or a profile update recorded (the same version when neither text changed). */
  identity?: IssuerIdentity;
}

/** An issuer identity version and when it was recorded. */
export interface IdentityVersion extends IssuerIdentity {
  blockNumber: bigint;
  transactionHash: Hex;
  time?: number;
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

/** The issuer identity an admission or update event carries (`name`, `issuerId`, `identityVersion`). */
function identityOf(args: Record<string, unknown>): IssuerIdentity | undefined {
  const { name, issuerId, identityVersion } = args;
  if (typeof name !== "string" || typeof issuerId !== "string" || typeof identityVersion !== "number") return undefined;
  return { version: identityVersion, name, issuerId };
}

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
    const out: InstitutionEvent = { kind, blockNumber: e.blockNumber, transactionHash: e.transactionHash };
    const time = times.get(e.blockNumber);
    if (time !== undefined) out.time = time;
    if (typeof args.signingKey === "string") out.detail = args.signingKey;
    const identity = identityOf(args);
    if (identity !== undefined) out.identity = identity;
    return out;
  });
}

/**
 * The versions of an institution's issuer identity, oldest first, from its history: each version as the event that
 * first recorded it (a profile update that changes neither the name nor the issuer id keeps the version).
 */
export function identityVersions(history: readonly InstitutionEvent[]): IdentityVersion[] {
  const versions = new Map<number, IdentityVersion>();
  for (const event of history) {
    const identity = event.identity;
    if (identity === undefined || versions.has(identity.version)) continue;
    const version: IdentityVersion = {
      ...identity,
      blockNumber: event.blockNumber,
      transactionHash: event.transactionHash,
    };
    if (event.time !== undefined) version.time = event.time;
    versions.set(identity.version, version);
  }
  return [...versions.values()].sort((a, b) => a.version - b.version);
}
