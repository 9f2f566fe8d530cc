/**
 * What the registry says about a whole batch, for status-only lookups by batch root (the web app's status box,
 * `acredita status`): anchored or not, revoked or not, and — as the registry's `verifyCredential` does for each
 * credential — whether the key that anchored it was valid then. A key declared compromised from a time voids
 * every batch it anchored at or after that time, so such a batch is never reported as "anchored, not revoked".
 */
import { type Address, type Client, type Hex, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { credentialRegistryAbi } from "./generated/abi.ts";

/** A batch's record and its anchoring key's standing (times as Unix seconds, 0 = never). */
export interface BatchStanding {
  anchored: boolean;
  anchoredAt: number;
  count: number;
  /** The issuer identity version the batch was anchored under. */
  identityVersion: number;
  signingKey: Address;
  /** From when the anchoring key is compromised (0: it is not). */
  keyCompromisedFrom: number;
  /** The registry's rule: `anchored && (keyCompromisedFrom == 0 || anchoredAt < keyCompromisedFrom)`. */
  keyValidAtAnchoring: boolean;
  revokedAt: number;
  revocationReason: number;
}

/** One word for a batch's standing: what a status-only lookup says about it. */
export type BatchState = "not-anchored" | "key-compromised" | "revoked" | "active";

/** The registry's rule for a key's standing at anchoring (as its `verifyCredential` view applies it). */
export function keyValidAtAnchoring(anchoredAt: number, keyCompromisedFrom: number): boolean {
  return anchoredAt !== 0 && (keyCompromisedFrom === 0 || anchoredAt < keyCompromisedFrom);
}

/** The state of a batch: not anchored, anchored by a key compromised by then, revoked, or active. */
export function batchState(standing: BatchStanding): BatchState {
  if (!standing.anchored) return "not-anchored";
  if (!standing.keyValidAtAnchoring) return "key-compromised";
  if (standing.revokedAt !== 0) return "revoked";
  return "active";
}

/** Reads batch `(institutionId, root)` and the standing of the key that anchored it (two calls when anchored). */
export async function readBatchStanding(
  client: Client,
  registry: Address,
  institutionId: number,
  root: Hex,
): Promise<BatchStanding> {
  const batch = await readContract(client, {
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "getBatch",
    args: [institutionId, root],
  });
  const anchored = batch.anchoredAt !== 0;
  const key =
    anchored && batch.signingKey !== zeroAddress
      ? await readContract(client, {
          address: registry,
          abi: credentialRegistryAbi,
          functionName: "getSigningKey",
          args: [batch.signingKey],
        })
      : undefined;
  const keyCompromisedFrom = key?.compromisedFrom ?? 0;
  return {
    anchored,
    anchoredAt: batch.anchoredAt,
    count: batch.count,
    identityVersion: batch.identityVersion,
    signingKey: batch.signingKey,
    keyCompromisedFrom,
    keyValidAtAnchoring: keyValidAtAnchoring(batch.anchoredAt, keyCompromisedFrom),
    revokedAt: batch.revokedAt,
    revocationReason: batch.revocationReason,
  };
}
